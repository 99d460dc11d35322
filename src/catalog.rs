//! The loaded bundle plus what is derived from it once: the search index and
//! the facet values. Answers "what does this view show?" for the components.
//!
//! A catalog holds either a whole bundle, or the first page of a pre-built
//! archive with its summary ([`Parts`]): then the rest arrives as views need
//! it, and [`Catalog::missing`] says what a view is still waiting for.

use std::collections::HashMap;
use std::sync::{Mutex, RwLock, RwLockReadGuard};

use crate::article::{teaser, Article};
use crate::bundle::Bundle;
use crate::decimal::decimal;
use crate::excerpt::{excerpt, Excerpt};
use crate::newest::DateOrder;
use crate::index::{DocFields, DocId, FieldHit, FxBuild, IndexBuilder, Matcher, SearchIndex, BODY, FIELDS, LABELS};
use crate::prebuilt::format::{Column, FacetTable, List, Packed, Summary};
use crate::prebuilt::parts::{Part, PartError, Parts};
use crate::search::{segments, Query};
use crate::sort::{order_by_key, sort_by};
use crate::tally::{tally, Tally};
use crate::url_state::{Facet, Filters, Sort, UrlProblem, ViewState, FACETS};

/// How many results one page (one "Show more") adds.
pub const PAGE_SIZE: usize = 10;

pub struct Catalog {
    /// The whole bundle; for a pre-built archive, its first page.
    pub bundle: Bundle,
    /// Installed once built (or, from an archive, grown shard by shard);
    /// until then the list is shown unsearched.
    index: RwLock<Option<SearchIndex>>,
    /// How many articles there are (an archive's first page has only some).
    len: usize,
    /// Dated article positions, newest first (ties: bundle order).
    by_date: Vec<u32>,
    /// Undated article positions, in bundle order: listed after the dated ones.
    undated: Vec<u32>,
    /// Each article's facet values as places in `values`, so counting is
    /// array arithmetic rather than string hashing. From an archive, it
    /// arrives with the first search or filter.
    table: FacetSource,
    /// Each facet's distinct values, in [`FACETS`] order: labels
    /// case-insensitively, years newest first.
    values: Vec<Vec<String>>,
    /// The last listing made, and of what: views ask again each time a file
    /// of an archive arrives, and a card file changes no listing.
    last: Mutex<Option<(String, Filters, Sort, Listing)>>,
}

enum FacetSource {
    Built(FacetTable),
    /// A pre-built archive: the table once fetched, and each value's total until then.
    Archive(Box<Parts>, Facets),
}

/// One choice of a filter, with how many results choosing it would give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetOption {
    pub value: String,
    pub count: usize,
}

/// Every facet's options, in [`FACETS`] order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub options: Vec<Vec<FacetOption>>,
    /// The counts are not known yet (an archive's facet table is on its way):
    /// the values are all there, their counts are not this view's.
    pub pending: bool,
}

impl Facets {
    pub fn get(&self, facet: Facet) -> &[FacetOption] {
        self.options.get(facet as usize).map_or(&[], Vec::as_slice)
    }
}

/// The results of a view: article positions in display order, facet counts,
/// and what to mark in the shown text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    pub order: Vec<usize>,
    pub facets: Facets,
    pub matcher: Matcher,
    /// The view still waits for files of a pre-built archive: this is the
    /// last complete listing (or an empty one), not the view's own.
    pub waiting: bool,
}

/// A card's texts: its title, and what it can show under it: its teaser,
/// or while searching an excerpt of its summary or body (made once per
/// card, not per keystroke).
pub struct CardText {
    title: String,
    teaser: String,
    summary: String,
    body: String,
}

impl CardText {
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn new(article: &Article) -> Self {
        // The body's text once: for the excerpt, and for a teaser without a summary.
        let body = article.body_text();
        CardText {
            title: article.title.clone(),
            teaser: teaser(article.summary.as_deref(), || body.clone()),
            // As the index read it (its offsets count from here); an excerpt trims it.
            summary: article.summary.clone().unwrap_or_default(),
            body,
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }
}

/// A card's text under its title, in runs to mark or not, and whether text
/// was left out before or after it (the shell shows "…" there).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Teaser<'a> {
    pub parts: Vec<(&'a str, bool)>,
    pub cut_start: bool,
    pub cut_end: bool,
}

/// Adds `article` as the next document of `index`.
pub fn index_article(index: &mut IndexBuilder, article: &Article) {
    let [labels, body] = field_texts(article);
    index.add(&DocFields { title: &article.title, labels: &labels, body: &body });
}

/// An article's labels (summary, tags, category and authors, a line each)
/// and body, as the index reads them beside its title.
pub fn field_texts(article: &Article) -> [String; 2] {
    let mut labels = article.summary.clone().unwrap_or_default();
    for label in article.tags.iter().chain(&article.category).chain(&article.authors) {
        labels.push('\n');
        labels.push_str(label);
    }
    [labels, article.body_text()]
}

impl Catalog {
    /// Indexes the whole bundle at once (the shell indexes in slices instead).
    pub fn new(bundle: Bundle) -> Self {
        let mut index = IndexBuilder::default();
        for article in &bundle.articles {
            index_article(&mut index, article);
        }
        let catalog = Catalog::unindexed(bundle);
        catalog.install_index(index.finish());
        catalog
    }

    /// A catalog that can list and filter at once; search waits for [`Self::install_index`].
    pub fn unindexed(bundle: Bundle) -> Self {
        let articles = &bundle.articles;
        let DateOrder { dated: by_date, undated } = DateOrder::of(articles);
        let feed_language = bundle.language.as_deref();
        let mut values = Vec::with_capacity(FACETS.len());
        let mut columns = Vec::with_capacity(FACETS.len());
        for facet in FACETS {
            // One pass: values numbered as first seen (a bundle has thousands
            // of articles but a few dozen labels), renumbered in the list's order after.
            let mut list: Vec<String> = Vec::new();
            // (`usize` places: the map type the archive's id lists use, one copy of its code in the wasm.)
            let mut seen: HashMap<String, usize, FxBuild> = HashMap::default();
            let (mut starts, mut places) = (Vec::with_capacity(articles.len() + 1), Vec::with_capacity(articles.len()));
            starts.push(0);
            for a in articles {
                each_value(a, facet, feed_language, |v| {
                    let place = seen.get(v).copied().unwrap_or_else(|| {
                        list.push(v.to_string());
                        seen.insert(v.to_string(), list.len() - 1);
                        list.len() - 1
                    });
                    places.push(place as u16);
                });
                starts.push(places.len() as u32);
            }
            let mut order: Vec<usize> = (0..list.len()).collect();
            match facet {
                // Newest first. (The publisher's year, not the date order's: a
                // time zone can put them out of step.)
                Facet::Year => sort_by(&mut order, |&a, &b| decimal(&list[b]).cmp(&decimal(&list[a]))),
                _ => sort_by(&mut order, |&a, &b| cmp_label(&list[a], &list[b])),
            }
            let mut renumbered = vec![0u16; list.len()];
            for (new, &old) in order.iter().enumerate() {
                renumbered[old] = new as u16;
            }
            places.iter_mut().for_each(|p| *p = renumbered[usize::from(*p)]);
            columns.push(match facet {
                Facet::Tag => Column::Many(Packed::new(starts, places)),
                _ => Column::One(starts.windows(2).map(|w| (w[0] < w[1]).then(|| places[w[0] as usize])).collect()),
            });
            values.push(order.into_iter().map(|i| std::mem::take(&mut list[i])).collect());
        }
        Catalog {
            len: bundle.articles.len(),
            bundle,
            index: RwLock::new(None),
            by_date,
            undated,
            table: FacetSource::Built(FacetTable { columns }),
            values,
            last: Mutex::new(None),
        }
    }

    /// A pre-built archive: its first page and its summary. Documents are
    /// numbered newest first, so the date order is the numbering itself.
    pub fn from_archive(first_page: Bundle, summary: Summary) -> Self {
        let n = summary.count as u32;
        let options = |values: &Vec<(String, usize)>| values.iter().map(|(value, count)| FacetOption { value: value.clone(), count: *count }).collect();
        let totals = Facets { options: summary.facets.iter().map(options).collect(), pending: false };
        Catalog {
            len: summary.count,
            by_date: (0..summary.dated as u32).collect(),
            undated: (summary.dated as u32..n).collect(),
            values: summary.facets.iter().map(|v| v.iter().map(|(value, _)| value.clone()).collect()).collect(),
            index: RwLock::new(Some(SearchIndex::partial(summary.count, summary.avg_len))),
            table: FacetSource::Archive(Box::new(Parts::new(summary)), totals),
            bundle: first_page,
            last: Mutex::new(None),
        }
    }

    /// The search index as it is now (for `newsroom build` to split).
    pub fn search_index(&self) -> RwLockReadGuard<'_, Option<SearchIndex>> {
        self.index()
    }

    fn index(&self) -> RwLockReadGuard<'_, Option<SearchIndex>> {
        self.index.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `index` must hold this catalog's articles, in order (see [`index_article`]).
    pub fn install_index(&self, index: SearchIndex) {
        *self.index.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(index);
        *self.last() = None;
    }

    fn last(&self) -> std::sync::MutexGuard<'_, Option<(String, Filters, Sort, Listing)>> {
        self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn is_searchable(&self) -> bool {
        self.index().is_some()
    }

    /// The pre-built archive's parts, when this catalog reads one.
    pub fn parts(&self) -> Option<&Parts> {
        match &self.table {
            FacetSource::Archive(parts, _) => Some(parts),
            FacetSource::Built(_) => None,
        }
    }

    /// How many articles there are in all.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The articles read in full: the whole bundle, or an archive's first page.
    pub fn articles(&self) -> &[Article] {
        &self.bundle.articles
    }

    /// Article `i` as far as it is here: in full, or (from an archive) its card.
    pub fn article(&self, i: usize) -> Option<&Article> {
        match self.parts() {
            Some(parts) => parts.article(&self.bundle.articles, i),
            None => self.bundle.articles.get(i),
        }
    }

    /// Article `i` in full (with its body), once it is here.
    pub fn full_article(&self, i: usize) -> Option<Article> {
        match self.parts() {
            Some(parts) => parts.full_article(&self.bundle.articles, i),
            None => self.bundle.articles.get(i).cloned(),
        }
    }

    /// The first article here (in full, or from an archive its card) that
    /// `pick` chooses: what the page has read, nothing fetched.
    pub fn find(&self, pick: &dyn Fn(&Article) -> bool) -> Option<Article> {
        self.bundle.articles.iter().find(|a| pick(a)).cloned().or_else(|| self.parts()?.find(pick))
    }

    /// The position of the article with this `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.bundle.articles.iter().position(|a| a.id == id).or_else(|| self.parts()?.position(id))
    }

    /// The files a view of `query` and `filters` waits for (none for a
    /// bundle): the query's shards, and the facet table to filter.
    pub fn missing(&self, query: &str, filters: &Filters) -> Vec<Part> {
        let Some(parts) = self.parts() else { return Vec::new() };
        let mut need = parts.missing_shards(&Query::parse(query));
        if !filters.is_empty() && !parts.has_facets() {
            need.push(Part::Facets);
        }
        need
    }

    /// What the view wants beyond [`Self::missing`]: once a search's
    /// results are here, the cards of their first screen, then the facet
    /// table, whose counts follow the results. (The table is ten times the
    /// size of those cards: fetched after them, not beside them.)
    pub fn wanted(&self, query: &str, filters: &Filters) -> Vec<Part> {
        let need = self.missing(query, filters);
        let Some(parts) = self.parts() else { return need };
        if !need.is_empty() || parts.has_facets() || Query::parse(query).is_empty() {
            return need;
        }
        // The first screen of the view's own listing, if made (in whichever sort).
        let made = self.last().as_ref().filter(|(q, f, ..)| q == query && f == filters).map(|(.., l)| first_screen(l));
        let top = made.unwrap_or_else(|| first_screen(&self.listing(query, filters, Sort::Relevance)));
        let cards = self.missing_cards(&top);
        if cards.is_empty() { vec![Part::Facets] } else { cards }
    }

    /// The lists of shards a search needs first (of words and of CJK
    /// characters), to fetch before it starts: a search then waits for its
    /// shards only.
    pub fn search_lists(&self) -> Vec<Part> {
        self.parts().map(|p| [List::Terms, List::Grams].into_iter().filter_map(|l| p.missing_list(l)).collect()).unwrap_or_default()
    }

    /// The card files the articles at these positions wait for.
    pub fn missing_cards(&self, positions: &[usize]) -> Vec<Part> {
        self.parts().map(|p| p.missing_cards(&self.bundle.articles, positions)).unwrap_or_default()
    }

    /// What opening article `id` waits for.
    pub fn missing_for_article(&self, id: &str) -> Vec<Part> {
        self.parts().map(|p| p.missing_for_article(&self.bundle.articles, id)).unwrap_or_default()
    }

    /// Whether a missing article `id` is known to be missing (not merely unfetched).
    pub fn is_settled(&self, id: &str) -> bool {
        self.parts().is_none_or(|p| p.knows(id))
    }

    /// Reads a fetched part of the archive into this catalog.
    pub fn install(&self, part: Part, bytes: &[u8]) -> Result<(), PartError> {
        let Some(parts) = self.parts() else { return Ok(()) };
        // Shards and the facet table change listings; cards and ids do not.
        if matches!(part, Part::Shard(..) | Part::Facets) {
            *self.last() = None;
        }
        let mut index = self.index.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        // An archive's catalog is made with its (partial) index: never `None`.
        let Some(index) = index.as_mut() else { return Ok(()) };
        parts.install(part, bytes, index)
    }

    /// Keeps a feed page of the archive, read by the shell's feed reader.
    pub fn install_page(&self, page: usize, articles: Vec<Article>) -> Result<(), crate::prebuilt::format::FormatError> {
        self.parts().map_or(Ok(()), |p| p.install_page(page, articles))
    }

    /// Each article's facet values, once they are here.
    pub fn table(&self) -> Option<&FacetTable> {
        match &self.table {
            FacetSource::Built(t) => Some(t),
            FacetSource::Archive(parts, _) => parts.facets.get(),
        }
    }

    /// Drops filters that name nothing in this bundle, saying so.
    pub fn check(&self, mut state: ViewState) -> (ViewState, Vec<UrlProblem>) {
        let mut problems = Vec::new();
        for facet in FACETS {
            if let Some(v) = state.filters.get(facet).filter(|v| !self.values[facet as usize].iter().any(|x| x == v)) {
                problems.push(UrlProblem::Unknown(facet, v.to_string()));
                state.filters.set(facet, None);
            }
        }
        (state, problems)
    }

    /// The ordered results and facet counts for a query, filters and sort.
    ///
    /// Each facet counts what choosing its value would give with the *other*
    /// filters kept, all in one pass over the articles. (From an archive
    /// whose facet table has not arrived, only the unfiltered, unsearched
    /// view is exact: ask [`Self::missing`] first.)
    pub fn listing(&self, query: &str, filters: &Filters, sort: Sort) -> Listing {
        if let Some((.., l)) = self.last().as_ref().filter(|(q, f, s, _)| q == query && f == filters && *s == sort) {
            return l.clone();
        }
        let listing = self.make_listing(query, filters, sort);
        *self.last() = Some((query.to_string(), filters.clone(), sort, listing.clone()));
        listing
    }

    #[cfg_attr(newsroom_speed, optimize(speed))]
    fn make_listing(&self, query: &str, filters: &Filters, sort: Sort) -> Listing {
        let query = Query::parse(query);
        let index = self.index();
        // Scores by article; NaN marks "not found".
        let matcher = index.as_ref().map(|index| index.matcher(&query)).unwrap_or_default();
        let scores: Option<Vec<f32>> = index.as_ref().and_then(|index| index.scores(&matcher)).map(|found| {
            let mut scores = vec![f32::NAN; self.len];
            for (d, s) in found {
                scores[d as usize] = s;
            }
            scores
        });
        // Per facet: no filter, or the place of its value (`None`: a value
        // nothing has, which matches nothing).
        let wanted: Vec<Option<Option<u16>>> = FACETS
            .iter()
            .map(|&f| filters.get(f).map(|v| self.values[f as usize].iter().position(|x| x == v).map(|i| i as u16)))
            .collect();
        let sizes: Vec<usize> = self.values.iter().map(Vec::len).collect();
        let table = self.table();
        // Walking in date order makes newest (and oldest) first need no sort;
        // undated articles come last either way.
        let runs = [(self.by_date.as_slice(), sort == Sort::Oldest), (self.undated.as_slice(), false)];
        let Tally { mut shown, counts } = tally(&runs, scores.as_deref(), table.map(|t| t.columns.as_slice()), &wanted, &sizes);
        if let (Sort::Relevance, Some(scores)) = (sort, &scores) {
            // Best first; stable, so equal scores stay newest first.
            let keys: Vec<u64> = shown.iter().map(|&i| u64::from(!ordered_bits(scores[i]))).collect();
            shown = order_by_key(&keys).into_iter().map(|k| shown[k]).collect();
        }
        let facets = match (&self.table, table) {
            // Unsearched and unfiltered, the totals are the counts.
            (FacetSource::Archive(_, totals), None) => Facets { pending: scores.is_some(), ..totals.clone() },
            _ => Facets {
                options: self
                    .values
                    .iter()
                    .zip(counts)
                    .map(|(values, counts)| values.iter().zip(counts).map(|(v, count)| FacetOption { value: v.clone(), count }).collect())
                    .collect(),
                pending: false,
            },
        };
        Listing { order: shown, facets, matcher, waiting: false }
    }

    /// A title or teaser split into runs to mark or not.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn marked<'a>(&self, text: &'a str, matcher: &Matcher) -> Vec<(&'a str, bool)> {
        segments(text, self.index().as_ref().map(|x| x.spans(text, matcher)).unwrap_or_default())
    }

    /// What card `doc` (whose text is `text`) shows under its title for
    /// `matcher`: without a query, its teaser; with one, an excerpt around
    /// the first match of the field that matched best (summary or body, as
    /// the index's postings tell, without reading the text), else the
    /// teaser as it is, marked.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn teaser<'a>(&self, doc: usize, text: &'a CardText, matcher: &Matcher) -> Teaser<'a> {
        let index = self.index();
        let Some(index) = index.as_ref() else {
            return Teaser { parts: segments(&text.teaser, Vec::new()), cut_start: false, cut_end: false };
        };
        // An archive's card holds its teaser as its summary and no body: the
        // index's offsets are not offsets in them. Each is tried, the summary
        // first, and where it matches is read from its text.
        let hits = match self.parts() {
            None => index.field_hits(doc as DocId, matcher),
            Some(_) => [FieldHit { terms: 1, ..FieldHit::default() }; FIELDS],
        };
        let (summary, body) = ((text.summary.as_str(), hits[LABELS]), (text.body.as_str(), hits[BODY]));
        // The field with more of the query's terms, then more weight; the
        // summary, the author's own words, on a tie.
        let body_first = (body.1.terms, body.1.weight) > (summary.1.terms, summary.1.weight);
        let (mut field, mut shown) = (text.teaser.as_str(), Excerpt { start: 0, end: text.teaser.len(), cut_start: false, cut_end: false });
        for (candidate, hit) in if body_first { [body, summary] } else { [summary, body] } {
            // A label's match past the summary is a tag's: then the next field.
            let at = match hit {
                FieldHit { terms: 0, .. } => None,
                FieldHit { first: Some(at), .. } => Some(at as usize).filter(|&at| at < candidate.len()),
                _ => index.spans(candidate, matcher).into_iter().map(|s| s.0).min(),
            };
            if let Some(at) = at {
                (field, shown) = (candidate, excerpt(candidate, at));
                break;
            }
        }
        let window = crate::cut::cut(field, shown.start..shown.end);
        Teaser { parts: segments(window, index.spans(window, matcher)), cut_start: shown.cut_start, cut_end: shown.cut_end }
    }

    /// Each facet's values in the order [`FacetTable`] refers to them, each
    /// with how many articles have it.
    pub fn facet_totals(&self) -> Vec<Vec<(String, usize)>> {
        let all = self.listing("", &Filters::default(), Sort::Newest).facets;
        all.options.iter().map(|o| o.iter().map(|o| (o.value.clone(), o.count)).collect()).collect()
    }

    /// The articles before and after `id` in `order`; an article outside the
    /// current results steps through the whole bundle, newest first.
    pub fn neighbours(&self, order: &[usize], id: &str) -> (Option<usize>, Option<usize>) {
        let Some(pos) = self.position(id) else { return (None, None) };
        let around = |order: &[usize]| {
            order.iter().position(|&i| i == pos).map(|k| (k.checked_sub(1).map(|p| order[p]), order.get(k + 1).copied()))
        };
        around(order).unwrap_or_else(|| {
            let all = self.listing("", &Filters::default(), Sort::Newest).order;
            around(&all).unwrap_or((None, None))
        })
    }
}

/// The results a view shows first, before "Show more".
fn first_screen(l: &Listing) -> Vec<usize> {
    l.order.iter().take(PAGE_SIZE).copied().collect()
}

/// Calls `f` with each of `article`'s values for `facet`. An article's
/// language is its own, else the feed's, else told from its title's script.
fn each_value(article: &Article, facet: Facet, feed_language: Option<&str>, mut f: impl FnMut(&str)) {
    match facet {
        Facet::Category => article.category.iter().for_each(|c| f(c)),
        Facet::Tag => article.tags.iter().for_each(|t| f(t)),
        Facet::Year => article.date.iter().for_each(|d| f(&d.year.to_string())),
        Facet::Language => f(article.language.as_deref().or(feed_language).unwrap_or_else(|| {
            if article.title.chars().any(crate::fold::is_cjk) { "zh" } else { "en" }
        })),
    }
}

/// `f32::total_cmp`'s order as plain unsigned integers.
fn ordered_bits(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 { !bits } else { bits | (1 << 31) }
}

/// Labels sort case-insensitively, with case as the tie-break, so the order
/// is total. (The toolbar's order; a built site lists its categories so too.)
pub fn cmp_label(a: &str, b: &str) -> std::cmp::Ordering {
    let fold = |s: &str| s.chars().flat_map(crate::lowercase::lower).collect::<String>();
    fold(a).cmp(&fold(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::parse_bundle;

    fn catalog() -> Catalog {
        let item = |id: &str, date: &str, cat: &str, tags: &str, title: &str| {
            format!(r#"{{"id":"{id}","title":"{title}","date_published":"{date}","tags":[{tags}],"_newsroom":{{"category":"{cat}"}}}}"#)
        };
        let items = [
            item("a", "2022-05-01", "Products", r#""Export","R&D""#, "Chromium oxide green"),
            item("b", "2023-11-04", "Company News", r#""Jinzhou""#, "Vice mayor visit"),
            item("c", "2023-01-10", "Products", r#""Export""#, "New chromium line"),
            item("d", "2024-02-02", "Safety", "", "Safety drill"),
        ];
        let text = format!(r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{}]}}"#, items.join(","));
        Catalog::new(parse_bundle(&text).unwrap())
    }

    fn ids(c: &Catalog, l: &Listing) -> Vec<String> {
        l.order.iter().map(|&i| c.articles()[i].id.clone()).collect()
    }

    #[test]
    fn ordered_bits_keep_total_cmp_order() {
        let xs = [f32::NEG_INFINITY, -2.5, -1e-30, -0.0, 0.0, 1e-40, 1.0, 3.5e20, f32::INFINITY];
        for a in xs {
            for b in xs {
                assert_eq!(ordered_bits(a).cmp(&ordered_bits(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    #[test]
    fn sorts_newest_oldest_and_by_relevance() {
        let c = catalog();
        let none = Filters::default();
        assert_eq!(ids(&c, &c.listing("", &none, Sort::Newest)), ["d", "b", "c", "a"]);
        assert_eq!(ids(&c, &c.listing("", &none, Sort::Oldest)), ["a", "c", "b", "d"]);
        assert_eq!(ids(&c, &c.listing("", &none, Sort::Relevance)), ["d", "b", "c", "a"]);
        assert_eq!(ids(&c, &c.listing("chromium", &none, Sort::Newest)), ["c", "a"]);
        assert_eq!(ids(&c, &c.listing("export", &none, Sort::Relevance)), ["c", "a"]);
        assert_eq!(ids(&c, &c.listing("chromium green", &none, Sort::Relevance)), ["a"]);
    }

    #[test]
    fn undated_articles_come_last_in_either_order_and_have_no_year() {
        let text = r#"{"items":[{"id":"u1","title":"Undated one"},{"id":"a","title":"A","date_published":"2023-01-01"},
            {"id":"u2","title":"Undated two","date_published":"soon"},{"id":"b","title":"B","date_published":"2024-01-01"}]}"#;
        let c = Catalog::new(parse_bundle(text).unwrap());
        let none = Filters::default();
        assert_eq!(ids(&c, &c.listing("", &none, Sort::Newest)), ["b", "a", "u1", "u2"]);
        assert_eq!(ids(&c, &c.listing("", &none, Sort::Oldest)), ["a", "b", "u1", "u2"]);
        let listing = c.listing("", &none, Sort::Newest);
        let years: Vec<(&str, usize)> = listing.facets.get(Facet::Year).iter().map(|o| (o.value.as_str(), o.count)).collect();
        assert_eq!(years, [("2024", 1), ("2023", 1)]);
        let in_2023 = Filters::default().with(Facet::Year, "2023");
        assert_eq!(ids(&c, &c.listing("", &in_2023, Sort::Newest)), ["a"]);
    }

    #[test]
    fn relevance_puts_title_matches_first() {
        let c = catalog();
        // "new" is in c's title and, as a prefix, in b's newer category "Company News".
        assert_eq!(ids(&c, &c.listing("new", &Filters::default(), Sort::Relevance)), ["c", "b"]);
        assert_eq!(ids(&c, &c.listing("new", &Filters::default(), Sort::Newest)), ["b", "c"]);
    }

    #[test]
    fn filters_combine_and_facets_count_the_other_filters() {
        let c = catalog();
        let f = Filters::default().with(Facet::Category, "Products");
        let l = c.listing("", &f, Sort::Newest);
        assert_eq!(ids(&c, &l), ["c", "a"]);
        let count = |opts: &[FacetOption], v: &str| opts.iter().find(|o| o.value == v).unwrap().count;
        // Category counts ignore the category filter itself.
        assert_eq!(count(l.facets.get(Facet::Category), "Products"), 2);
        assert_eq!(count(l.facets.get(Facet::Category), "Safety"), 1);
        // Tag and year counts respect it.
        assert_eq!(count(l.facets.get(Facet::Tag), "Export"), 2);
        assert_eq!(count(l.facets.get(Facet::Tag), "Jinzhou"), 0);
        assert_eq!(count(l.facets.get(Facet::Year), "2023"), 1);
        assert_eq!(l.facets.get(Facet::Year).iter().map(|o| o.value.as_str()).collect::<Vec<_>>(), ["2024", "2023", "2022"]);
        let f = f.with(Facet::Tag, "Export").with(Facet::Year, "2022");
        assert_eq!(ids(&c, &c.listing("", &f, Sort::Newest)), ["a"]);
        assert_eq!(ids(&c, &c.listing("visit", &f, Sort::Newest)), Vec::<String>::new());
    }

    #[test]
    fn facet_values_are_sorted_and_unique() {
        let l = catalog().listing("", &Filters::default(), Sort::Newest);
        let values = |o: &[FacetOption]| o.iter().map(|o| o.value.clone()).collect::<Vec<_>>();
        assert_eq!(values(l.facets.get(Facet::Category)), ["Company News", "Products", "Safety"]);
        assert_eq!(values(l.facets.get(Facet::Tag)), ["Export", "Jinzhou", "R&D"]);
    }

    #[test]
    fn years_are_the_publishers_newest_first_even_across_time_zones() {
        // b's year is 2024 where it was published, but it is the earlier instant.
        let items = [("a", "2023-12-31T20:00:00Z"), ("b", "2024-01-01T00:30:00+08:00"), ("c", "2021-05-05"), ("d", "2023-02-02")];
        let items: Vec<String> = items.iter().map(|(id, d)| format!(r#"{{"id":"{id}","title":"T","date_published":"{d}"}}"#)).collect();
        let c = Catalog::unindexed(parse_bundle(&format!(r#"{{"items":[{}]}}"#, items.join(","))).unwrap());
        let l = c.listing("", &Filters::default(), Sort::Newest);
        let years: Vec<&str> = l.facets.get(Facet::Year).iter().map(|o| o.value.as_str()).collect();
        assert_eq!(years, ["2024", "2023", "2021"]);
        assert_eq!(ids(&c, &l), ["a", "b", "d", "c"]);
    }

    #[test]
    fn lists_unsearched_until_the_index_is_installed() {
        let c = catalog();
        let unindexed = Catalog::unindexed(c.bundle.clone());
        assert!(!unindexed.is_searchable());
        assert_eq!(ids(&unindexed, &unindexed.listing("chromium", &Filters::default(), Sort::Newest)), ["d", "b", "c", "a"]);
        let mut index = IndexBuilder::default();
        for a in unindexed.articles() {
            index_article(&mut index, a);
        }
        unindexed.install_index(index.finish());
        assert!(unindexed.is_searchable());
        assert_eq!(ids(&unindexed, &unindexed.listing("chromium", &Filters::default(), Sort::Newest)), ["c", "a"]);
    }

    #[test]
    fn languages_come_from_the_item_else_the_feed_else_the_script() {
        let text = r#"{"language":"en","items":[
            {"id":"a","title":"Chromium","language":"zh-CN"},
            {"id":"b","title":"Slag"},
            {"id":"c","title":"铬盐","language":""}]}"#;
        let c = Catalog::new(parse_bundle(text).unwrap());
        let l = c.listing("", &Filters::default(), Sort::Newest);
        let langs: Vec<(&str, usize)> = l.facets.get(Facet::Language).iter().map(|o| (o.value.as_str(), o.count)).collect();
        assert_eq!(langs, [("en", 2), ("zh-CN", 1)], "an empty language is none: the feed's stands");
        assert_eq!(ids(&c, &c.listing("", &Filters::default().with(Facet::Language, "zh-CN"), Sort::Newest)), ["a"]);
        let untold = Catalog::new(parse_bundle(r#"{"items":[{"id":"x","title":"铬盐生产"},{"id":"y","title":"Chromium"}]}"#).unwrap());
        let langs: Vec<String> = untold.listing("", &Filters::default(), Sort::Newest).facets.get(Facet::Language).iter().map(|o| o.value.clone()).collect();
        assert_eq!(langs, ["en", "zh"]);
        assert_eq!(ids(&untold, &untold.listing("", &Filters::default().with(Facet::Language, "zh"), Sort::Newest)), ["x"]);
    }

    #[test]
    fn check_drops_unknown_filters() {
        let c = catalog();
        let (s, _) = ViewState::from_search("nr-category=Nope&nr-tag=Export&nr-year=1999");
        let (s, problems) = c.check(s);
        assert_eq!(s.filters, Filters::default().with(Facet::Tag, "Export"));
        assert_eq!(problems, [UrlProblem::Unknown(Facet::Category, "Nope".into()), UrlProblem::Unknown(Facet::Year, "1999".into())]);
    }

    /// A card's text under its title for `q`: cuts as "…", marks in brackets.
    fn teaser_for(c: &Catalog, id: &str, q: &str) -> String {
        let i = c.position(id).unwrap();
        let text = CardText::new(&c.articles()[i]);
        let t = c.teaser(i, &text, &c.listing(q, &Filters::default(), Sort::Relevance).matcher);
        let parts: String = t.parts.iter().map(|&(s, hit)| if hit { format!("[{s}]") } else { s.to_string() }).collect();
        format!("{}{parts}{}", if t.cut_start { "…" } else { "" }, if t.cut_end { "…" } else { "" })
    }

    fn excerpt_catalog() -> Catalog {
        let filler = "The plant ran steadily all year and every unit met its plan. ".repeat(4);
        let items = serde_json::json!({ "items": [
            { "id": "body", "title": "Annual work conference", "summary": "The conference reviewed the year.",
              "content_text": format!("{filler}Output of sodium dichromate met the plan.\n\n{filler}") },
            { "id": "both", "title": "Slag line", "summary": "The slag line passed its acceptance.",
              "content_text": format!("{filler}The slag treatment line and the chromium oxide kiln passed. {filler}") },
            { "id": "tag", "title": "Export fair", "summary": "A fair abroad.", "tags": ["Jinzhou"],
              "content_text": format!("{filler}Visitors from Jinzhou came to the booth.") },
            { "id": "title", "title": "Vanadium pilot", "summary": "A first batch." },
            { "id": "nosummary", "title": "Open day",
              "content_html": format!("<p>Neighbours visited.</p><p>{filler}They saw the 铬盐 plant and its 铬渣 kiln.</p>") },
        ]});
        Catalog::new(parse_bundle(&items.to_string()).unwrap())
    }

    #[test]
    fn without_a_query_a_card_shows_its_teaser() {
        let c = excerpt_catalog();
        assert_eq!(teaser_for(&c, "body", ""), "The conference reviewed the year.");
        assert!(teaser_for(&c, "nosummary", "").starts_with("Neighbours visited."));
    }

    #[test]
    fn a_body_only_match_shows_an_excerpt_of_the_body_around_it() {
        let c = excerpt_catalog();
        let t = teaser_for(&c, "body", "dichromate");
        assert!(t.starts_with('…') && t.ends_with('…') && t.contains("Output of sodium [dichromate] met the plan."), "{t}");
        // The match is near the start: about a third of the window before it.
        let before = t.find('[').unwrap();
        assert!((30..80).contains(&before), "{t}");
        let t = teaser_for(&c, "nosummary", "铬渣");
        assert!(t.starts_with('…') && t.contains("[铬渣]") && !t.ends_with('…'), "{t}");
    }

    #[test]
    fn the_field_with_more_of_the_query_wins_and_the_summary_on_a_tie() {
        let c = excerpt_catalog();
        assert_eq!(teaser_for(&c, "both", "slag"), "The [slag] line passed its acceptance.");
        let t = teaser_for(&c, "both", "slag chromium");
        assert!(t.contains("The [slag] treatment line and the [chromium] oxide kiln") && t.starts_with('…'), "{t}");
    }

    #[test]
    fn a_match_in_a_tag_or_the_title_leaves_the_teaser_unless_the_body_has_it() {
        let c = excerpt_catalog();
        // "Jinzhou" is a tag (a label, as the summary is) and in the body.
        let t = teaser_for(&c, "tag", "jinzhou");
        assert!(t.starts_with('…') && t.ends_with("Visitors from [Jinzhou] came to the booth."), "{t}");
        assert_eq!(teaser_for(&c, "tag", "export"), "A fair abroad.");
        assert_eq!(teaser_for(&c, "title", "vanadium"), "A first batch.");
    }

    #[test]
    fn property_the_index_knows_where_the_marks_begin() {
        // The excerpt's start from the postings, against the span finder over the whole field.
        let words = ["chromium", "chrome", "slag", "Société", "societe", "oxide", "a", "2023"];
        let han = ["铬", "盐", "生", "产"];
        for seed in 1..=40u64 {
            let mut rng = crate::test_rng::Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let text = |rng: &mut crate::test_rng::Rng, max: usize| {
                (0..rng.below(max)).map(|_| if rng.below(3) == 0 { (0..1 + rng.below(4)).map(|_| rng.pick(&han)).collect() }
                    else { rng.pick(&words).to_string() } + rng.pick(&[" ", ", ", "", "\n\n"])).collect::<String>()
            };
            let items: Vec<serde_json::Value> = (0..1 + rng.below(20))
                .map(|n| serde_json::json!({ "id": n.to_string(), "title": text(&mut rng, 4), "summary": text(&mut rng, 8),
                    "content_text": text(&mut rng, 40), "tags": [text(&mut rng, 2)] }))
                .collect();
            let c = Catalog::new(parse_bundle(&serde_json::json!({ "items": items }).to_string()).unwrap());
            let index = c.index();
            let index = index.as_ref().unwrap();
            for _ in 0..20 {
                let q: Vec<String> = (0..1 + rng.below(2)).map(|_| match rng.below(3) {
                    0 => rng.pick(&words).chars().take(2).collect(),
                    1 => rng.pick(&words).to_string(),
                    _ => (0..1 + rng.below(3)).map(|_| rng.pick(&han)).collect(),
                }).collect();
                let m = index.matcher(&Query::parse(&q.join(" ")));
                for (d, a) in c.articles().iter().enumerate() {
                    let hits = index.field_hits(d as DocId, &m);
                    let [labels, body] = field_texts(a);
                    for (field, hit) in [(&labels, hits[LABELS]), (&body, hits[BODY])] {
                        let first = index.spans(field, &m).into_iter().map(|s| s.0).min();
                        let case = format!("seed {seed}, {q:?} in {field:?}");
                        assert_eq!(hit.terms > 0, first.is_some(), "{case}");
                        // Where known, right; known where only words match (CJK pairs keep token positions).
                        let words = Query::parse(&q.join(" ")).terms.iter().all(|t| t.kind == crate::fold::TokenKind::Word);
                        assert!(hit.first.is_none_or(|at| Some(at as usize) == first), "{case}: {hit:?}");
                        assert!(!words || hit.first.is_some() == first.is_some(), "{case}: {hit:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn neighbours_follow_the_results_or_the_whole_bundle() {
        let c = catalog();
        let products = c.listing("", &Filters::default().with(Facet::Category, "Products"), Sort::Newest);
        let id = |i: Option<usize>| i.map(|i| c.articles()[i].id.clone());
        let (prev, next) = c.neighbours(&products.order, "c");
        assert_eq!((id(prev), id(next)), (None, Some("a".into())));
        let (prev, next) = c.neighbours(&products.order, "b");
        assert_eq!((id(prev), id(next)), (Some("d".into()), Some("c".into())));
        assert_eq!(c.neighbours(&products.order, "missing"), (None, None));
    }
}
