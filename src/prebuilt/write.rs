//! Writing a pre-built archive: the archive's items as feed pages, newest
//! first, and its index split into the files `format` describes. The same
//! reader, index and facet code as the page's, so both give the same answers.
//! Its kinds of index file are independent: they are made on threads of
//! their own (`std::thread`, as this module is part of the page's crate).

use crate::archive::{Archive, Item};
use crate::article::{teaser, Article, Body};
use crate::bundle::{parse_bundle, Bundle, BundleError, ItemError};
use crate::catalog::{field_texts, Catalog};
use crate::index::{gram_terms, DocFields, DocId, IndexBuilder, SearchIndex};
use crate::fallbacks::{content_hash, fnv64};
use crate::prebuilt::format::{encode_cards, encode_facets, encode_ids, encode_list, index_file, summary_name, terms_file, write_positions, write_weights, Writer, id_bucket, CardFile, List, Summary, CARDS_PER_FILE};
use crate::thumbnail::thumbnail;
use crate::site_address::page_path;
use crate::url_state::{Filters, Sort};

use serde_json::Value;

/// How a build is cut into files.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Items per feed page.
    pub per_page: usize,
    /// A term shard grows to about this many bytes (one term may make it larger).
    pub shard_bytes: usize,
}

impl Layout {
    pub fn with_per_page(per_page: usize) -> Self {
        Layout { per_page: per_page.max(1), shard_bytes: 48 * 1024 }
    }
}
/// About this many ids per id bucket.
const IDS_PER_BUCKET: usize = 1000;
/// The folders under the output folder.
pub const PAGES_DIR: &str = "pages";
pub const INDEX_DIR: &str = "index";

/// Every file of a build, by path relative to the output folder
/// (`feed.json`, `pages/…`, `index/…`).
pub struct Site {
    pub files: Vec<(String, Vec<u8>)>,
    pub items: usize,
    pub pages: usize,
    /// Items with nothing to show, which no reader would list.
    pub skipped: Vec<ItemError>,
}

/// The items of an archive that a reader lists, in the catalog's
/// newest-first order, each with the article the reader makes of it: what
/// a build writes as feed pages, and what a static site writes a page for.
pub struct Listed<'a> {
    /// The whole archive as one feed, newest first: what the build's hash is of.
    pub text: Vec<u8>,
    /// The feed's members; its articles are in `articles`.
    pub feed: Bundle,
    pub articles: Vec<Article>,
    /// The item each article was read from.
    pub items: Vec<&'a Item>,
    /// Where the archive holds each of `items` (see `Archive::newest_first_positions`).
    pub positions: Vec<usize>,
    /// Items with nothing to show, which no reader would list.
    pub skipped: Vec<ItemError>,
}

/// Reads `archive` as the page reads it (see [`Listed`]).
pub fn listed(archive: &Archive) -> Result<Listed<'_>, BundleError> {
    let positions = archive.newest_first_positions();
    let items = archive.newest_first();
    let mut text = Vec::new();
    archive.write_page(&items, None, &mut text).map_err(io)?;
    let bundle = parse_bundle(&String::from_utf8_lossy(&text))?;
    // The items the reader kept, in its order; then in the catalog's newest-first order.
    let skipped_at: Vec<usize> = bundle.skipped.iter().map(|e| match e {
        ItemError::NotAnObject { index, .. } | ItemError::NothingToShow { index, .. } => index - 1,
    }).collect();
    let kept: Vec<usize> = (0..items.len()).filter(|i| !skipped_at.contains(i)).collect();
    // (The catalog hands the bundle back: a copy of every body costs seconds.)
    let catalog = Catalog::unindexed(bundle);
    let order = catalog.listing("", &Filters::default(), Sort::Newest).order;
    let bundle = catalog.bundle;
    let Bundle { title, description, language, next_url, home_page_url, index_url, authors, articles, skipped, .. } = bundle;
    let feed = Bundle { title, description, language, next_url, home_page_url, index_url, authors, articles: Vec::new(), skipped: Vec::new(), recovered_ids: 0 };
    let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    let articles = order.iter().filter_map(|&i| slots[i].take()).collect();
    Ok(Listed {
        text,
        feed,
        articles,
        items: order.iter().map(|&i| items[kept[i]]).collect(),
        positions: order.iter().map(|&i| positions[kept[i]]).collect(),
        skipped,
    })
}

/// What [`listed`] read of an archive, without its hold on the archive.
pub struct Read {
    pub feed: Bundle,
    pub articles: Vec<Article>,
    pub positions: Vec<usize>,
    pub skipped: Vec<ItemError>,
}

impl Listed<'_> {
    pub fn into_read(self) -> Read {
        Read { feed: self.feed, articles: self.articles, positions: self.positions, skipped: self.skipped }
    }
}

/// Builds the site. `link(name, from_feed)` makes the `next_url` of a page
/// in `pages/` (as seen from `feed.json` or from another page).
pub fn build_site(archive: &Archive, layout: Layout, link: &dyn Fn(&str, bool) -> String) -> Result<Site, BundleError> {
    let mut listed = listed(archive)?;
    let text = std::mem::take(&mut listed.text);
    build_read(archive, &text, listed.into_read(), layout, link)
}

/// [`build_site`] of `archive` with each item given its static page
/// (`_newsroom.page`; `pages` in the order of `read`'s articles), from what
/// was read of the archive before: the articles are given the same pages,
/// as the reader reads them, rather than the archive read again.
pub fn build_site_with_pages(archive: Archive, mut read: Read, pages: &[String], layout: Layout, link: &dyn Fn(&str, bool) -> String) -> Result<Site, BundleError> {
    let archive = archive.with_extension("page", read.positions.iter().zip(pages).map(|(&at, page)| (at, Value::from(page.as_str()))));
    for (article, page) in read.articles.iter_mut().zip(pages) {
        article.page = page_path(page).map(str::to_string);
    }
    // The whole archive as one feed, as `listed` writes it: what the build's hash is of.
    let mut text = Vec::new();
    archive.write_page(&archive.newest_first(), None, &mut text).map_err(io)?;
    build_read(&archive, &text, read, layout, link)
}

/// Builds the site of `archive`, whose whole text is `text`, from what was read of it.
fn build_read(archive: &Archive, text: &[u8], read: Read, layout: Layout, link: &dyn Fn(&str, bool) -> String) -> Result<Site, BundleError> {
    let per_page = layout.per_page.max(1);
    let Read { feed, articles, positions, skipped } = read;
    let doc_items = archive.items_at(&positions);
    let build = u64::from_str_radix(&content_hash(text)[1..], 16).unwrap_or(0) ^ per_page as u64;
    // The texts the index reads, once (the n-grams read them too), on every core.
    let texts = on_every_core(&articles, field_texts);
    let catalog = Catalog::unindexed(Bundle { articles, ..feed });
    let chunks: Vec<&[&Item]> = doc_items.chunks(per_page).collect();
    // The index on a thread of its own, beside the pages, the card files,
    // the id buckets and the facet table, which do not need it.
    let (index, pages) = std::thread::scope(|s| {
        let index = s.spawn(|| {
            let mut index = IndexBuilder::default();
            for (a, [labels, body]) in catalog.articles().iter().zip(&texts) {
                index.add(&DocFields { title: &a.title, labels, body });
            }
            index.finish()
        });
        let pages = pages(archive, &chunks, link).map(|(files, names, next)| (files, other_files(&catalog, &texts, build, per_page, &names), next));
        (join(index), pages)
    });
    catalog.install_index(index);
    let (mut files, others, next) = pages?;
    let index = index_files(&catalog, &texts, build, Layout { per_page, ..layout }, others);
    let summary_name = index.0.clone();
    files.extend(index.1.into_iter().map(|(name, bytes)| (format!("{INDEX_DIR}/{name}"), bytes)));
    let first: &[&Item] = chunks.first().copied().unwrap_or(&[]);
    let mut bytes = Vec::new();
    let pointer = format!("{INDEX_DIR}/{summary_name}");
    archive.write_first_page(first, next.as_deref().map(|name| link(name, true)).as_deref(), &pointer, &mut bytes).map_err(io)?;
    files.push(("feed.json".to_string(), bytes));
    Ok(Site { files, items: doc_items.len(), pages: chunks.len().max(1), skipped })
}

/// The feed pages but the first, from the oldest back: each names the next
/// by its content's hash. Their files, every page's name as a card names it
/// (none for the first), and the name of the second.
fn pages(archive: &Archive, chunks: &[&[&Item]], link: &dyn Fn(&str, bool) -> String) -> Result<(Vec<(String, Vec<u8>)>, Vec<String>, Option<String>), BundleError> {
    let mut files = Vec::new();
    let mut names = vec![String::new(); chunks.len()];
    let mut next: Option<String> = None;
    for (n, page) in chunks.iter().enumerate().skip(1).rev() {
        let mut bytes = Vec::new();
        archive.write_page(page, next.as_deref().map(|name| link(name, false)).as_deref(), &mut bytes).map_err(io)?;
        let name = format!("{}.json", content_hash(&bytes));
        names[n] = format!("../{PAGES_DIR}/{name}");
        files.push((format!("{PAGES_DIR}/{name}"), bytes));
        next = Some(name);
    }
    Ok((files, names, next))
}

fn io(e: std::io::Error) -> BundleError {
    BundleError::Unwritable { reason: e.to_string() }
}

/// What the list shows of an article (`body` its body's text): no body, its
/// teaser as its summary, and as its image the picture it shows (the
/// body's first when the item has none).
fn card(a: &Article, body: &str) -> Article {
    Article {
        id: a.id.clone(),
        title: a.title.clone(),
        date: a.date.clone(),
        summary: Some(teaser(a.summary.as_deref(), || body.to_string())),
        body: Body::Empty,
        tags: a.tags.clone(),
        category: a.category.clone(),
        language: a.language.clone(),
        url: a.url.clone(),
        image: thumbnail(a),
        authors: a.authors.clone(),
        page: a.page.clone(),
    }
}

/// `f` of each of `items`, in order, the items cut into a run per core.
fn on_every_core<T: Sync, U: Send>(items: &[T], f: fn(&T) -> U) -> Vec<U> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let run = items.len().div_ceil(cores).max(1);
    std::thread::scope(|s| {
        let runs: Vec<_> = items.chunks(run).map(|run| s.spawn(move || run.iter().map(f).collect::<Vec<U>>())).collect();
        runs.into_iter().flat_map(join).collect()
    })
}

/// [`gram_terms`] of `articles` (whose labels and bodies are `texts`), a
/// run of them per core, merged.
fn gram_postings<'a>(index: &SearchIndex, articles: &'a [Article], texts: &'a [[String; 2]]) -> Vec<(&'a str, Vec<(DocId, u8)>)> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let run = articles.len().div_ceil(cores).max(1);
    let runs: Vec<Vec<(&str, Vec<(DocId, u8)>)>> = std::thread::scope(|s| {
        let threads: Vec<_> = articles.chunks(run).zip(texts.chunks(run)).enumerate().map(|(k, (articles, texts))| s.spawn(move || {
            let fields = articles.iter().zip(texts).map(|(a, [labels, body])| [a.title.as_str(), labels.as_str(), body.as_str()]);
            gram_terms(index, (k * run) as DocId, fields)
        })).collect();
        threads.into_iter().map(join).collect()
    });
    // Each run in byte order, its documents after the run before's: merged
    // by term, a term's documents run by run.
    let mut runs: Vec<_> = runs.into_iter().map(|r| r.into_iter().peekable()).collect();
    let mut all = Vec::new();
    while let Some(term) = runs.iter_mut().filter_map(|r| r.peek().map(|g| g.0)).min() {
        let mut docs = Vec::new();
        for run in &mut runs {
            if let Some((_, more)) = run.next_if(|g| g.0 == term) {
                docs.extend(more);
            }
        }
        all.push((term, docs));
    }
    all
}

/// The files of an archive that its index is not needed for: the card
/// files (`page_names` naming the feed pages), the id buckets and the facet table.
fn other_files(catalog: &Catalog, texts: &[[String; 2]], build: u64, per_page: usize, page_names: &[String]) -> Vec<Unnamed> {
    let n = catalog.len();
    let mut files: Vec<Unnamed> = (0..n.div_ceil(CARDS_PER_FILE)).map(|c| {
        let docs = c * CARDS_PER_FILE..(c * CARDS_PER_FILE + CARDS_PER_FILE).min(n);
        let pages = (docs.start / per_page..=(docs.end - 1) / per_page).map(|p| page_names.get(p).cloned().unwrap_or_default()).collect();
        let cards = docs.clone().map(|d| card(&catalog.articles()[d], &texts[d][1])).collect();
        ("cards", Some(c), encode_cards(&CardFile { build, first: docs.start, pages, cards }))
    }).collect();
    let buckets = n.div_ceil(IDS_PER_BUCKET).max(1);
    let mut by_bucket: Vec<Vec<(&str, usize)>> = vec![Vec::new(); buckets];
    for (d, a) in catalog.articles().iter().enumerate() {
        by_bucket[id_bucket(&a.id, buckets)].push((&a.id, d));
    }
    files.extend(by_bucket.iter().enumerate().map(|(b, ids)| ("ids", Some(b), encode_ids(build, ids))));
    files.extend(catalog.table().map(|t| ("facets", None, encode_facets(build, t))));
    files
}

/// What a thread made (its panic, passed on).
fn join<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// A binary file before it is named: its stem, its number, its bytes.
type Unnamed = (&'static str, Option<usize>, Vec<u8>);

/// Cuts terms (in order) into shards of about `max` bytes, a term never
/// split: the shards of kind `list`, and their list (each one's first term).
fn shards<'a, T>(list: List, all: impl Iterator<Item = (&'a str, T)>, write: fn(&mut Writer, &str, &T), build: u64, max: usize) -> Vec<Unnamed> {
    let (mut files, mut firsts) = (Vec::new(), Vec::new());
    // Each term is encoded once, straight into the shard being filled.
    let (mut body, mut terms, mut first) = (Writer(Vec::new()), 0, None::<&str>);
    let mut flush = |body: &mut Writer, terms: &mut usize, first: &mut Option<&str>| {
        if let Some(first) = first.take() {
            files.push((list.name(), Some(firsts.len()), terms_file(build, *terms, &body.0)));
            firsts.push(first.to_string());
            body.0.clear();
            *terms = 0;
        }
    };
    for (term, data) in all {
        write(&mut body, term, &data);
        terms += 1;
        first.get_or_insert(term);
        if body.0.len() >= max {
            flush(&mut body, &mut terms, &mut first);
        }
    }
    flush(&mut body, &mut terms, &mut first);
    files.push((list.stem(), None, encode_list(build, &firsts)));
    files
}

/// The index files of `catalog` (whose articles are in newest-first order,
/// with `texts` their labels and bodies as the index read them), given the
/// `others` (see [`other_files`]): the summary's name, and every file by
/// name. Each kind of shard is made on a thread of its own; all are named
/// by a hash of them all.
fn index_files(catalog: &Catalog, texts: &[[String; 2]], build: u64, layout: Layout, others: Vec<Unnamed>) -> (String, Vec<(String, Vec<u8>)>) {
    let per_page = layout.per_page;
    let max = layout.shard_bytes;
    let index = catalog.search_index();
    let index = index.as_ref();
    let n = catalog.len();
    // Shards of each kind: whole terms, in order, about `shard_bytes` each.
    let terms = || index.map(|index| shards(List::Terms, index.each_weights(), |w, t, d| write_weights(w, t, d), build, max));
    let grams = || index.map(|index| {
        // The CJK phrases only an archive keeps as terms.
        shards(List::Grams, gram_postings(index, catalog.articles(), texts).into_iter(), |w, t, d| write_weights(w, t, d), build, max)
    });
    let positions = || index.map(|index| shards(List::Positions, index.each_pair(), |w, t, d| write_positions(w, t, d), build, max));
    let (terms, grams, positions) = std::thread::scope(|s| {
        let (grams, positions) = (s.spawn(grams), s.spawn(positions));
        let terms = terms();
        (terms, join(grams), join(positions))
    });
    // An index without terms still has its (empty) lists: the page fetches them.
    let empty = |list: List| vec![(list.stem(), None, encode_list(build, &[]))];
    let files: Vec<Unnamed> = [terms.unwrap_or_else(|| empty(List::Terms)), grams.unwrap_or_else(|| empty(List::Grams)), positions.unwrap_or_else(|| empty(List::Positions)), others]
        .into_iter().flatten().collect();
    // Of every file's own hash (its last 8 bytes): any change renames them all.
    let ends: Vec<u8> = files.iter().flat_map(|(_, _, b)| b[b.len().saturating_sub(8)..].to_vec()).collect();
    let site = fnv64(&ends) ^ build;
    let mut named: Vec<(String, Vec<u8>)> = files.into_iter().map(|(stem, n, bytes)| (index_file(stem, n, site), bytes)).collect();
    let facets = catalog.facet_totals();
    let dated = catalog.articles().iter().filter(|a| a.date.is_some()).count();
    let avg_len = index.map_or([1.0; 3], |i| i.avg_len());
    let summary = Summary { build, site, count: n, dated, per_page, avg_len, facets, id_buckets: n.div_ceil(IDS_PER_BUCKET).max(1) };
    let bytes = summary.to_json().into_bytes();
    let name = summary_name(&bytes);
    named.push((name.clone(), bytes));
    (name, named)
}
