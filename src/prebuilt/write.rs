//! Writing a pre-built archive: the archive's items as feed pages, newest
//! first, and its index split into the files `format` describes. The same
//! reader, index and facet code as the page's, so both give the same answers.

use crate::archive::{Archive, Item};
use crate::article::Article;
use crate::bundle::{parse_bundle, Bundle, BundleError, ItemError};
use crate::catalog::{field_texts, Catalog};
use crate::index::{gram_terms, TermData};
use crate::fallbacks::content_hash;
use crate::prebuilt::format::{encode_cards, encode_facets, encode_ids, encode_list, terms_file, write_term, Writer, file_name, id_bucket, CardFile, Summary, CARDS_PER_FILE, LISTS};
use crate::thumbnail::thumbnail;
use crate::url_state::{Filters, Sort};

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
    let order = Catalog::unindexed(bundle.clone()).listing("", &Filters::default(), Sort::Newest).order;
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

/// Builds the site. `link(name, from_feed)` makes the `next_url` of a page
/// in `pages/` (as seen from `feed.json` or from another page).
pub fn build_site(archive: &Archive, layout: Layout, link: &dyn Fn(&str, bool) -> String) -> Result<Site, BundleError> {
    let per_page = layout.per_page.max(1);
    let Listed { text, feed, articles, items: doc_items, skipped, .. } = listed(archive)?;
    let build = u64::from_str_radix(&content_hash(&text)[1..], 16).unwrap_or(0) ^ per_page as u64;
    let catalog = Catalog::new(Bundle { articles, ..feed });

    let mut files = Vec::new();
    // Pages, from the oldest back: each names the next by its content's hash.
    let chunks: Vec<&[&Item]> = doc_items.chunks(per_page).collect();
    let mut page_names = vec![String::new(); chunks.len()];
    let mut next: Option<String> = None;
    for (n, page) in chunks.iter().enumerate().skip(1).rev() {
        let mut bytes = Vec::new();
        archive.write_page(page, next.as_deref().map(|name| link(name, false)).as_deref(), &mut bytes).map_err(io)?;
        let name = format!("{}.json", content_hash(&bytes));
        page_names[n] = format!("../{PAGES_DIR}/{name}");
        files.push((format!("{PAGES_DIR}/{name}"), bytes));
        next = Some(name);
    }
    let index = index_files(&catalog, build, Layout { per_page, ..layout }, &page_names);
    let summary_name = index.0.clone();
    files.extend(index.1.into_iter().map(|(name, bytes)| (format!("{INDEX_DIR}/{name}"), bytes)));
    let first: &[&Item] = chunks.first().copied().unwrap_or(&[]);
    let mut bytes = Vec::new();
    let pointer = format!("{INDEX_DIR}/{summary_name}");
    archive.write_first_page(first, next.as_deref().map(|name| link(name, true)).as_deref(), &pointer, &mut bytes).map_err(io)?;
    files.push(("feed.json".to_string(), bytes));
    Ok(Site { files, items: doc_items.len(), pages: chunks.len().max(1), skipped })
}

fn io(e: std::io::Error) -> BundleError {
    BundleError::Syntax { line: 0, column: 0, message: e.to_string() }
}

/// Cuts terms (in order) into shards of about `max` bytes, a term never
/// split; each shard's first term and the name `write` gives it.
fn shards(all: impl Iterator<Item = (String, TermData)>, build: u64, max: usize, write: &mut dyn FnMut(Vec<u8>) -> String) -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Each term is encoded once, straight into the shard being filled.
    let (mut body, mut terms, mut first) = (Writer(Vec::new()), 0, None::<String>);
    let mut flush = |body: &mut Writer, terms: &mut usize, first: &mut Option<String>| {
        if let Some(first) = first.take() {
            out.push((first, write(terms_file(build, *terms, &body.0))));
            body.0.clear();
            *terms = 0;
        }
    };
    for (term, data) in all {
        write_term(&mut body, &term, &data);
        terms += 1;
        first.get_or_insert(term);
        if body.0.len() >= max {
            flush(&mut body, &mut terms, &mut first);
        }
    }
    flush(&mut body, &mut terms, &mut first);
    out
}

/// The index files of `catalog` (whose articles are in newest-first order):
/// the summary's name, and every file by name.
pub fn index_files(catalog: &Catalog, build: u64, layout: Layout, page_names: &[String]) -> (String, Vec<(String, Vec<u8>)>) {
    let per_page = layout.per_page;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |stem: &str, ext: &str, bytes: Vec<u8>| {
        let name = file_name(stem, &bytes, ext);
        files.push((name.clone(), bytes));
        name
    };
    // Shards of each kind: whole terms, in order, about `shard_bytes` each.
    let (mut terms, mut grams, mut positions) = (Vec::new(), Vec::new(), Vec::new());
    if let Some(index) = catalog.search_index().as_ref() {
        let own = index.terms().filter_map(|(t, _)| Some((t.to_string(), index.export(t)?)));
        terms = shards(own, build, layout.shard_bytes, &mut |bytes| add("terms", "bin", bytes));
        // The CJK phrases only an archive keeps as terms.
        let texts: Vec<[String; 2]> = catalog.articles().iter().map(field_texts).collect();
        let fields = catalog.articles().iter().zip(&texts).map(|(a, [labels, body])| [a.title.as_str(), labels.as_str(), body.as_str()]);
        let phrases = gram_terms(index, fields).into_iter().map(|(t, w)| (t, TermData::Weights(w)));
        grams = shards(phrases, build, layout.shard_bytes, &mut |bytes| add("grams", "bin", bytes));
        let pairs = index.terms().filter_map(|(t, _)| Some((t.to_string(), index.export_positions(t)?)));
        positions = shards(pairs, build, layout.shard_bytes, &mut |bytes| add("positions", "bin", bytes));
    }
    let facet_table = catalog.table().map(|t| add("facets", "bin", encode_facets(build, t))).unwrap_or_default();
    let n = catalog.len();
    let cards: Vec<(String, String)> = (0..n.div_ceil(CARDS_PER_FILE)).map(|c| {
        let docs = c * CARDS_PER_FILE..(c * CARDS_PER_FILE + CARDS_PER_FILE).min(n);
        let pages = (docs.start / per_page..=(docs.end - 1) / per_page).map(|p| page_names.get(p).cloned().unwrap_or_default()).collect();
        // A card has no body: its image is the picture it shows, the body's first when the item has none.
        let cards = docs.clone().filter_map(|d| catalog.article(d)).map(|a| Article { image: thumbnail(&a), ..a }).collect();
        (String::new(), add("cards", "bin", encode_cards(&CardFile { build, first: docs.start, pages, cards })))
    }).collect();
    let buckets = n.div_ceil(IDS_PER_BUCKET).max(1);
    let mut by_bucket: Vec<Vec<(&str, usize)>> = vec![Vec::new(); buckets];
    for (d, a) in catalog.articles().iter().enumerate() {
        by_bucket[id_bucket(&a.id, buckets)].push((&a.id, d));
    }
    let ids: Vec<(String, String)> = by_bucket.iter().map(|b| (String::new(), add("ids", "bin", encode_ids(build, b)))).collect();
    // The lists, which the summary names rather than holds.
    let lists = LISTS.iter().zip([terms, grams, positions, cards, ids]).map(|(list, entries)| add(&list.stem(), "bin", encode_list(build, &entries))).collect();
    let facets = catalog.facet_totals();
    let dated = catalog.articles().iter().filter(|a| a.date.is_some()).count();
    let avg_len = catalog.search_index().as_ref().map_or([1.0; 3], |i| i.avg_len());
    let summary = Summary { build, count: n, dated, per_page, avg_len, facets, facet_table, id_buckets: buckets, lists };
    let name = add("summary", "json", summary.to_json().into_bytes());
    (name, files)
}
