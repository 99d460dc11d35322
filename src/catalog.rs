//! The loaded bundle plus what is derived from it once: the search index and
//! the facet values. Answers "what does this view show?" for the components.
//!
//! A catalog holds either a whole bundle, or the first page of a pre-built
//! archive with its summary ([`Parts`]): then the rest arrives as views need
//! it, and [`Catalog::missing`] says what a view is still waiting for.

use std::collections::{HashMap, HashSet};
use std::sync::{RwLock, RwLockReadGuard};

use crate::article::Article;
use crate::bundle::Bundle;
use crate::index::{DocFields, FxBuild, IndexBuilder, Matcher, SearchIndex};
use crate::prebuilt::format::{FacetTable, Summary};
use crate::prebuilt::parts::{Part, PartError, Parts};
use crate::search::{segments, Query};
use crate::sort::{order_by_key, sort_by};
use crate::url_state::{Filters, Sort, UrlProblem, ViewState};

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
    /// Each article's facet values as positions in `categories`, `tags`, `years`,
    /// so counting is array arithmetic rather than string hashing. From an
    /// archive, it arrives with the first search or filter.
    table: FacetSource,
    categories: Vec<String>,
    tags: Vec<String>,
    years: Vec<i32>,
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

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub category: Vec<FacetOption>,
    pub tag: Vec<FacetOption>,
    pub year: Vec<FacetOption>,
    /// The counts are not known yet (an archive's facet table is on its way):
    /// the values are all there, their counts are not this view's.
    pub pending: bool,
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
        // Distinct values first: a bundle has thousands of articles but a few dozen labels.
        let distinct = |values: &mut dyn Iterator<Item = &String>| {
            let set: HashSet<&String, FxBuild> = values.collect();
            let mut list: Vec<String> = set.into_iter().cloned().collect();
            sort_by(&mut list, |a, b| cmp_label(a, b));
            list
        };
        let categories = distinct(&mut bundle.articles.iter().filter_map(|a| a.category.as_ref()));
        let tags = distinct(&mut bundle.articles.iter().flat_map(|a| &a.tags));
        let articles = &bundle.articles;
        let (dated, undated): (Vec<u32>, Vec<u32>) =
            (0..articles.len() as u32).partition(|&i| articles[i as usize].date.is_some());
        let date = |k: usize| articles[dated[k] as usize].date.as_ref();
        // Newest first; stable, so equal dates stay in bundle order.
        let newest_first: Vec<u64> = (0..dated.len()).map(|k| date(k).map_or(0, |d| !((d.timestamp as u64) ^ (1 << 63)))).collect();
        let by_date: Vec<u32> = order_by_key(&newest_first).into_iter().map(|k| dated[k]).collect();
        // The distinct years, newest first. (Not read off the date order: the
        // year is the publisher's, and a time zone can put it out of step.)
        let year_keys: Vec<u64> = (0..dated.len()).map(|k| date(k).map_or(0, |d| !u64::from(d.year as u32 ^ (1 << 31)))).collect();
        let mut years: Vec<i32> = order_by_key(&year_keys).into_iter().filter_map(|k| date(k).map(|d| d.year)).collect();
        years.dedup();
        let ids = |list: &[String]| -> HashMap<String, u16, FxBuild> {
            list.iter().enumerate().map(|(i, v)| (v.clone(), i as u16)).collect()
        };
        let (category_ids, tag_ids) = (ids(&categories), ids(&tags));
        let table = FacetTable {
            category: articles.iter().map(|a| a.category.as_ref().and_then(|c| category_ids.get(c).copied())).collect(),
            tags: articles.iter().map(|a| a.tags.iter().filter_map(|t| tag_ids.get(t).copied()).collect()).collect(),
            year: articles
                .iter()
                .map(|a| a.date.as_ref().and_then(|d| years.iter().position(|&y| y == d.year)).map(|y| y as u16))
                .collect(),
        };
        Catalog {
            len: bundle.articles.len(),
            bundle,
            index: RwLock::new(None),
            by_date,
            undated,
            table: FacetSource::Built(table),
            categories,
            tags,
            years,
        }
    }

    /// A pre-built archive: its first page and its summary. Documents are
    /// numbered newest first, so the date order is the numbering itself.
    pub fn from_archive(first_page: Bundle, summary: Summary) -> Self {
        let n = summary.count as u32;
        let option = |(value, count): &(String, usize)| FacetOption { value: value.clone(), count: *count };
        let totals = Facets {
            category: summary.categories.iter().map(option).collect(),
            tag: summary.tags.iter().map(option).collect(),
            year: summary.years.iter().map(|(y, count)| FacetOption { value: y.to_string(), count: *count }).collect(),
            pending: false,
        };
        Catalog {
            len: summary.count,
            by_date: (0..summary.dated as u32).collect(),
            undated: (summary.dated as u32..n).collect(),
            categories: summary.categories.iter().map(|c| c.0.clone()).collect(),
            tags: summary.tags.iter().map(|t| t.0.clone()).collect(),
            years: summary.years.iter().map(|y| y.0).collect(),
            index: RwLock::new(Some(SearchIndex::partial(summary.count, summary.avg_len))),
            table: FacetSource::Archive(Box::new(Parts::new(summary)), totals),
            bundle: first_page,
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
    pub fn article(&self, i: usize) -> Option<Article> {
        match self.parts() {
            Some(parts) => parts.article(&self.bundle.articles, i),
            None => self.bundle.articles.get(i).cloned(),
        }
    }

    /// Article `i` in full (with its body), once it is here.
    pub fn full_article(&self, i: usize) -> Option<Article> {
        match self.parts() {
            Some(parts) => parts.full_article(&self.bundle.articles, i),
            None => self.bundle.articles.get(i).cloned(),
        }
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
        let filtered = filters.category.is_some() || filters.tag.is_some() || filters.year.is_some();
        if filtered && !parts.has_facets() {
            need.push(Part::Facets);
        }
        need
    }

    /// What the view wants beyond [`Self::missing`]: the facet table, whose
    /// counts follow the results of a search once it arrives.
    pub fn wanted(&self, query: &str, filters: &Filters) -> Vec<Part> {
        let mut want = self.missing(query, filters);
        if self.parts().is_some_and(|p| !p.has_facets()) && !want.contains(&Part::Facets) && !Query::parse(query).is_empty() {
            want.push(Part::Facets);
        }
        want
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
        let f = &mut state.filters;
        if let Some(c) = f.category.take_if(|c| !self.categories.contains(c)) {
            problems.push(UrlProblem::UnknownCategory(c));
        }
        if let Some(t) = f.tag.take_if(|t| !self.tags.contains(t)) {
            problems.push(UrlProblem::UnknownTag(t));
        }
        if let Some(y) = f.year.take_if(|y| !self.years.contains(y)) {
            problems.push(UrlProblem::UnknownYear(y));
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
        let query = Query::parse(query);
        let index = self.index();
        // Scores by article; NaN marks "not found".
        let scores: Option<Vec<f32>> = index.as_ref().and_then(|index| index.search(&query)).map(|found| {
            let mut scores = vec![f32::NAN; self.len];
            for (d, s) in found {
                scores[d as usize] = s;
            }
            scores
        });
        let position = |list: &[String], v: &Option<String>| {
            v.as_ref().map(|v| list.binary_search_by(|x| cmp_label(x, v)).map(|i| i as u16).ok())
        };
        // `Some(None)`: a filter on a value the bundle does not have, which matches nothing.
        let want_category = position(&self.categories, &filters.category);
        let want_tag = position(&self.tags, &filters.tag);
        let want_year = filters.year.map(|y| self.years.iter().position(|&v| v == y).map(|i| i as u16));
        let mut category_counts = vec![0usize; self.categories.len()];
        let mut tag_counts = vec![0usize; self.tags.len()];
        let mut year_counts = vec![0usize; self.years.len()];
        let mut shown: Vec<usize> = Vec::new();
        let table = self.table();
        // Walking in date order makes newest (and oldest) first need no sort;
        // undated articles come last either way.
        let n = self.by_date.len();
        let dated = (0..n).map(|k| self.by_date[if sort == Sort::Oldest { n - 1 - k } else { k }]);
        for i in dated.chain(self.undated.iter().copied()) {
            let i = i as usize;
            if let Some(scores) = &scores {
                if scores[i].is_nan() {
                    continue;
                }
            }
            let Some(table) = table else {
                shown.push(i);
                continue;
            };
            let category = table.category[i];
            let tags = &table.tags[i];
            let year = table.year[i];
            let category_ok = want_category.is_none_or(|w| w.is_some() && w == category);
            let tag_ok = want_tag.is_none_or(|w| w.is_some_and(|w| tags.contains(&w)));
            let year_ok = want_year.is_none_or(|w| w.is_some() && w == year);
            if tag_ok && year_ok {
                if let Some(c) = category {
                    category_counts[usize::from(c)] += 1;
                }
            }
            if category_ok && year_ok {
                for &t in tags {
                    tag_counts[usize::from(t)] += 1;
                }
            }
            if let (true, true, Some(y)) = (category_ok, tag_ok, year) {
                year_counts[usize::from(y)] += 1;
            }
            if category_ok && tag_ok && year_ok {
                shown.push(i);
            }
        }
        if let (Sort::Relevance, Some(scores)) = (sort, &scores) {
            // Best first; stable, so equal scores stay newest first.
            let keys: Vec<u64> = shown.iter().map(|&i| u64::from(!ordered_bits(scores[i]))).collect();
            shown = order_by_key(&keys).into_iter().map(|k| shown[k]).collect();
        }
        let options = |values: &[String], counts: Vec<usize>| {
            values.iter().zip(counts).map(|(v, count)| FacetOption { value: v.clone(), count }).collect()
        };
        let years: Vec<String> = self.years.iter().map(i32::to_string).collect();
        let facets = match (&self.table, table) {
            // Unsearched and unfiltered, the totals are the counts.
            (FacetSource::Archive(_, totals), None) => Facets { pending: scores.is_some(), ..totals.clone() },
            _ => Facets {
                category: options(&self.categories, category_counts),
                tag: options(&self.tags, tag_counts),
                year: options(&years, year_counts),
                pending: false,
            },
        };
        Listing { order: shown, facets, matcher: index.as_ref().map(|index| index.matcher(&query)).unwrap_or_default(), waiting: false }
    }

    /// A title or teaser split into runs to mark or not.
    pub fn marked<'a>(&self, text: &'a str, matcher: &Matcher) -> Vec<(&'a str, bool)> {
        segments(text, self.index().as_ref().map(|x| x.spans(text, matcher)).unwrap_or_default())
    }

    /// The facet values in the order [`FacetTable`] refers to them, each with
    /// how many articles have it: categories, tags, years.
    #[allow(clippy::type_complexity)]
    pub fn facet_totals(&self) -> (Vec<(String, usize)>, Vec<(String, usize)>, Vec<(i32, usize)>) {
        let all = self.listing("", &Filters::default(), Sort::Newest).facets;
        let counted = |o: &[FacetOption]| o.iter().map(|o| (o.value.clone(), o.count)).collect::<Vec<_>>();
        let years = self.years.iter().zip(&all.year).map(|(&y, o)| (y, o.count)).collect();
        (counted(&all.category), counted(&all.tag), years)
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

/// `f32::total_cmp`'s order as plain unsigned integers.
fn ordered_bits(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 { !bits } else { bits | (1 << 31) }
}

/// Labels sort case-insensitively, with case as the tie-break, so the order is total.
fn cmp_label(a: &str, b: &str) -> std::cmp::Ordering {
    let fold = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
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
        let years: Vec<(&str, usize)> = listing.facets.year.iter().map(|o| (o.value.as_str(), o.count)).collect();
        assert_eq!(years, [("2024", 1), ("2023", 1)]);
        let in_2023 = Filters { year: Some(2023), ..Filters::default() };
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
        let f = Filters { category: Some("Products".into()), ..Filters::default() };
        let l = c.listing("", &f, Sort::Newest);
        assert_eq!(ids(&c, &l), ["c", "a"]);
        let count = |opts: &[FacetOption], v: &str| opts.iter().find(|o| o.value == v).unwrap().count;
        // Category counts ignore the category filter itself.
        assert_eq!(count(&l.facets.category, "Products"), 2);
        assert_eq!(count(&l.facets.category, "Safety"), 1);
        // Tag and year counts respect it.
        assert_eq!(count(&l.facets.tag, "Export"), 2);
        assert_eq!(count(&l.facets.tag, "Jinzhou"), 0);
        assert_eq!(count(&l.facets.year, "2023"), 1);
        assert_eq!(l.facets.year.iter().map(|o| o.value.as_str()).collect::<Vec<_>>(), ["2024", "2023", "2022"]);
        let f = Filters { tag: Some("Export".into()), year: Some(2022), ..f };
        assert_eq!(ids(&c, &c.listing("", &f, Sort::Newest)), ["a"]);
        assert_eq!(ids(&c, &c.listing("visit", &f, Sort::Newest)), Vec::<String>::new());
    }

    #[test]
    fn facet_values_are_sorted_and_unique() {
        let l = catalog().listing("", &Filters::default(), Sort::Newest);
        let values = |o: &[FacetOption]| o.iter().map(|o| o.value.clone()).collect::<Vec<_>>();
        assert_eq!(values(&l.facets.category), ["Company News", "Products", "Safety"]);
        assert_eq!(values(&l.facets.tag), ["Export", "Jinzhou", "R&D"]);
    }

    #[test]
    fn years_are_the_publishers_newest_first_even_across_time_zones() {
        // b's year is 2024 where it was published, but it is the earlier instant.
        let items = [("a", "2023-12-31T20:00:00Z"), ("b", "2024-01-01T00:30:00+08:00"), ("c", "2021-05-05"), ("d", "2023-02-02")];
        let items: Vec<String> = items.iter().map(|(id, d)| format!(r#"{{"id":"{id}","title":"T","date_published":"{d}"}}"#)).collect();
        let c = Catalog::unindexed(parse_bundle(&format!(r#"{{"items":[{}]}}"#, items.join(","))).unwrap());
        let l = c.listing("", &Filters::default(), Sort::Newest);
        let years: Vec<&str> = l.facets.year.iter().map(|o| o.value.as_str()).collect();
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
    fn check_drops_unknown_filters() {
        let c = catalog();
        let (s, _) = ViewState::from_search("nr-category=Nope&nr-tag=Export&nr-year=1999");
        let (s, problems) = c.check(s);
        assert_eq!(s.filters, Filters { tag: Some("Export".into()), ..Filters::default() });
        assert_eq!(problems, [UrlProblem::UnknownCategory("Nope".into()), UrlProblem::UnknownYear(1999)]);
    }

    #[test]
    fn neighbours_follow_the_results_or_the_whole_bundle() {
        let c = catalog();
        let products = c.listing("", &Filters { category: Some("Products".into()), ..Filters::default() }, Sort::Newest);
        let id = |i: Option<usize>| i.map(|i| c.articles()[i].id.clone());
        let (prev, next) = c.neighbours(&products.order, "c");
        assert_eq!((id(prev), id(next)), (None, Some("a".into())));
        let (prev, next) = c.neighbours(&products.order, "b");
        assert_eq!((id(prev), id(next)), (Some("d".into()), Some("c".into())));
        assert_eq!(c.neighbours(&products.order, "missing"), (None, None));
    }
}
