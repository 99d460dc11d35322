//! The page's view as URL query parameters, so links, reloads and history work.
//!
//! Our parameters all start with `nr-`; every other parameter, the path and
//! the fragment belong to the host page and are kept exactly as they were.

use crate::decimal::{decimal, text};
use crate::percent::percent_decode;

/// How results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    /// Best match first; only meaningful with a query, otherwise newest.
    Relevance,
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Relevance => "relevance",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        [Sort::Newest, Sort::Oldest, Sort::Relevance].into_iter().find(|v| v.as_str() == s)
    }
}

/// The kinds of facet a reader can filter by: data the listing, the URL, the
/// toolbar and an archive's facet table walk, not code for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Category,
    Tag,
    Year,
    Language,
}

/// Every facet, in the order the toolbar shows them.
pub const FACETS: [Facet; 4] = [Facet::Category, Facet::Tag, Facet::Year, Facet::Language];

impl Facet {
    /// Its URL parameter.
    pub fn param(self) -> &'static str {
        ["nr-category", "nr-tag", "nr-year", "nr-lang"][self as usize]
    }

    /// Its name in an archive's summary and in the toolbar's form.
    pub fn name(self) -> &'static str {
        ["category", "tag", "year", "language"][self as usize]
    }
}

/// The value chosen for each facet, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters([Option<String>; 4]);

impl Filters {
    pub fn get(&self, facet: Facet) -> Option<&str> {
        self.0[facet as usize].as_deref()
    }

    pub fn set(&mut self, facet: Facet, value: Option<String>) {
        self.0[facet as usize] = value;
    }

    /// These filters with `facet` set to `value`.
    pub fn with(mut self, facet: Facet, value: &str) -> Self {
        self.set(facet, Some(value.to_string()));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// Everything that decides what the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub query: String,
    pub filters: Filters,
    /// The order the reader chose, if any (see [`ViewState::effective_sort`]).
    pub sort: Option<Sort>,
    /// How many pages of results are shown, from 1.
    pub page: u32,
    /// The open article's `id`, if one is open.
    pub article: Option<String>,
}

/// A part of the URL that could not be used; the page says so and goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    BadPage(String),
    BadSort(String),
    BadYear(String),
    /// A facet value no article has.
    Unknown(Facet, String),
}

const QUERY: &str = "nr-q";
const SORT: &str = "nr-sort";
const PAGE: &str = "nr-page";
const ARTICLE: &str = "nr-article";
/// Ours besides the facets' parameters.
const OURS: [&str; 4] = [QUERY, SORT, PAGE, ARTICLE];

/// Largest page number honoured from a URL; more would only render everything.
const MAX_PAGE: u32 = 10_000;

impl ViewState {
    /// Reads the view from a `location.search` string (with or without `?`).
    pub fn from_search(search: &str) -> (ViewState, Vec<UrlProblem>) {
        let mut state = ViewState { page: 1, ..ViewState::default() };
        let mut problems = Vec::new();
        for (key, value) in pairs(search) {
            let value = value.trim().to_string();
            let set = |v: String| Some(v).filter(|v| !v.is_empty());
            match key.as_str() {
                QUERY => state.query = value,
                ARTICLE => state.article = set(value),
                SORT if value.is_empty() => {}
                SORT => match Sort::parse(&value) {
                    Some(s) => state.sort = Some(s),
                    None => problems.push(UrlProblem::BadSort(value)),
                },
                PAGE if value.is_empty() => {}
                PAGE => match signed(&value).and_then(|p| u32::try_from(p).ok()) {
                    Some(p) if p >= 1 => state.page = p.min(MAX_PAGE),
                    _ => problems.push(UrlProblem::BadPage(value)),
                },
                key => {
                    let Some(facet) = FACETS.into_iter().find(|f| f.param() == key) else { continue };
                    let chosen = match set(value.clone()) {
                        // A year as its number: `02023` and `%2B2023` (+2023) are 2023.
                        Some(v) if facet == Facet::Year => match signed(&v) {
                            Some(y) if (1..=9999).contains(&y) => Some(text(y)),
                            _ => {
                                problems.push(UrlProblem::BadYear(value));
                                continue;
                            }
                        },
                        v => v,
                    };
                    state.filters.set(facet, chosen);
                }
            }
        }
        (state, problems)
    }

    /// The view a page shows: its query's, when the query has any `nr-*`
    /// parameter; else `view` (the mount element's `data-view`, in the same
    /// syntax), when there is one.
    pub fn from_page(search: &str, view: Option<&str>) -> (ViewState, Vec<UrlProblem>) {
        let ours = pairs(search).any(|(key, _)| is_ours(&key));
        ViewState::from_search(if ours { search } else { view.unwrap_or(search) })
    }

    /// The `search` string (with `?`, or empty) for this view, keeping every
    /// parameter of `current` that is not ours, in its place and as written.
    pub fn to_search(&self, current: &str) -> String {
        let mut parts: Vec<String> = current
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !is_ours(&decode(p.split('=').next().unwrap_or_default())))
            .map(str::to_string)
            .collect();
        let mut add = |key: &str, value: &str| parts.push(key.to_string() + "=" + &encode(value));
        if !self.query.trim().is_empty() {
            add(QUERY, &self.query);
        }
        for facet in FACETS {
            if let Some(v) = self.filters.get(facet) {
                add(facet.param(), v);
            }
        }
        // Only what the reader chose: best match with a query is the default, not a choice.
        if let Some(sort) = self.sort {
            add(SORT, sort.as_str());
        }
        if self.page > 1 {
            add(PAGE, &text(u64::from(self.page)));
        }
        if let Some(a) = &self.article {
            add(ARTICLE, a);
        }
        let mut search = String::new();
        for part in parts {
            search.push(if search.is_empty() { '?' } else { '&' });
            search.push_str(&part);
        }
        search
    }

    /// The order shown: the reader's choice, else best match while there is
    /// a query and newest first without one (best match needs a query).
    pub fn effective_sort(&self) -> Sort {
        let searching = !self.query.trim().is_empty();
        match self.sort {
            Some(Sort::Relevance) if !searching => Sort::Newest,
            Some(sort) => sort,
            None if searching => Sort::Relevance,
            None => Sort::Newest,
        }
    }

    /// This view with the list reset: no query, filters, sort or pages.
    pub fn cleared(&self) -> ViewState {
        ViewState { page: 1, ..ViewState::default() }
    }

    /// The list this view belongs to, without the open article.
    pub fn list(&self) -> ViewState {
        ViewState { article: None, ..self.clone() }
    }

    /// This view with article `id` open.
    pub fn with_article(&self, id: &str) -> ViewState {
        ViewState { article: Some(id.to_string()), ..self.clone() }
    }
}

/// `base` (another page's address, as a host wrote it) with article `id` open:
/// its path, other parameters and fragment kept, our article parameter set.
pub fn article_link(base: &str, id: &str) -> String {
    let (rest, fragment) = base.split_once('#').map_or((base, ""), |(r, f)| (r, f));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let view = ViewState { page: 1, article: Some(id.to_string()), ..ViewState::default() };
    let mut link = path.to_string() + &view.to_search(query);
    if !fragment.is_empty() {
        link.push('#');
        link.push_str(fragment);
    }
    link
}

/// Whether a query parameter is one of ours.
fn is_ours(key: &str) -> bool {
    OURS.contains(&key) || FACETS.iter().any(|f| f.param() == key)
}

/// Decoded `key=value` pairs of a query string.
fn pairs(search: &str) -> impl Iterator<Item = (String, String)> + '_ {
    search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (decode(k), decode(v))
    })
}

/// A number as an address may write it: digits, after a `+` (`%2B`) or not.
fn signed(s: &str) -> Option<u64> {
    decimal(s.strip_prefix('+').unwrap_or(s))
}

/// Percent-decoding as forms do: `+` is a space (an encoded plus is `%2B`).
fn decode(s: &str) -> String {
    percent_decode(&s.replace('+', " "))
}

/// Percent-encodes everything but unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let hex = |d: u8| char::from(b"0123456789ABCDEF"[usize::from(d & 15)]);
            out.extend(['%', hex(b >> 4), hex(b)]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_field() {
        let state = ViewState {
            query: "chromium 铬盐 & co+".into(),
            filters: Filters::default().with(Facet::Category, "Company News").with(Facet::Tag, "R&D").with(Facet::Year, "2023").with(Facet::Language, "zh-CN"),
            sort: Some(Sort::Oldest),
            page: 3,
            article: Some("2023-11-04-vice-mayor-visit".into()),
        };
        let search = state.to_search("");
        assert_eq!(ViewState::from_search(&search), (state, vec![]));
    }

    #[test]
    fn defaults_leave_the_url_clean_and_foreign_parameters_alone() {
        let state = ViewState { page: 1, ..ViewState::default() };
        assert_eq!(state.to_search("?lang=en&nr-q=old&utm_source=x%20y"), "?lang=en&utm_source=x%20y");
        assert_eq!(state.to_search("?nr-q=old"), "");
        let with_query = ViewState { query: "slag".into(), ..state };
        assert_eq!(with_query.to_search("?a=1&b&nr-page=2"), "?a=1&b&nr-q=slag");
        assert_eq!(ViewState::from_search("?a=1&b").0, ViewState { page: 1, ..ViewState::default() });
    }

    #[test]
    fn best_match_is_the_default_while_searching_and_only_a_choice_is_written() {
        let searching = ViewState { query: "slag".into(), page: 1, ..ViewState::default() };
        assert_eq!(searching.effective_sort(), Sort::Relevance);
        assert_eq!(searching.to_search(""), "?nr-q=slag", "a default is not written");
        assert_eq!(ViewState { query: String::new(), ..searching.clone() }.effective_sort(), Sort::Newest);
        let chosen = ViewState { sort: Some(Sort::Newest), ..searching.clone() };
        assert_eq!(chosen.effective_sort(), Sort::Newest);
        assert_eq!(chosen.to_search(""), "?nr-q=slag&nr-sort=newest");
        // Best match chosen, then the query cleared: newest, as there is nothing to match.
        let best = ViewState { sort: Some(Sort::Relevance), query: " ".into(), ..searching };
        assert_eq!(best.effective_sort(), Sort::Newest);
    }

    #[test]
    fn decodes_forms_and_survives_bad_escapes() {
        let (s, _) = ViewState::from_search("nr-q=a+b%20c%E9%93%AC&nr-category=%zz%&nr-tag=%E9");
        assert_eq!(s.query, "a b c铬");
        assert_eq!(s.filters.get(Facet::Category), Some("%zz%"));
        assert_eq!(s.filters.get(Facet::Tag), Some("\u{fffd}"));
    }

    #[test]
    fn strange_values_are_reported_and_replaced_by_defaults() {
        let (s, problems) = ViewState::from_search("?nr-page=abc&nr-sort=sideways&nr-year=20x3&nr-article=&nr-category=");
        assert_eq!(s, ViewState { page: 1, ..ViewState::default() });
        assert_eq!(problems, [
            UrlProblem::BadPage("abc".into()),
            UrlProblem::BadSort("sideways".into()),
            UrlProblem::BadYear("20x3".into()),
        ]);
        let (s, problems) = ViewState::from_search("nr-page=0&nr-year=-5&nr-page=99999999999");
        assert_eq!(s.page, 1);
        assert_eq!(problems.len(), 3);
        assert_eq!(ViewState::from_search("nr-page=4000000").0.page, MAX_PAGE);
        assert_eq!(ViewState::from_search("nr-page=%2B2").0.page, 2);
        for year in ["2023", "02023", "%2B2023"] {
            assert_eq!(ViewState::from_search(&format!("nr-year={year}")).0.filters.get(Facet::Year), Some("2023"), "{year}");
        }
    }

    #[test]
    fn article_links_into_another_page_keep_its_address() {
        assert_eq!(article_link("/about/news/", "a b"), "/about/news/?nr-article=a%20b");
        assert_eq!(article_link("https://x.example/news?lang=en#top", "id"), "https://x.example/news?lang=en&nr-article=id#top");
        assert_eq!(article_link("news.html?nr-article=old&nr-q=x", "new"), "news.html?nr-article=new");
    }

    #[test]
    fn a_page_shows_its_query_else_its_own_view() {
        let article = Some("nr-article=2023-11-04-plant");
        assert_eq!(ViewState::from_page("", article).0.article.as_deref(), Some("2023-11-04-plant"));
        assert_eq!(ViewState::from_page("?utm_source=x", article).0.article.as_deref(), Some("2023-11-04-plant"));
        let (s, _) = ViewState::from_page("?nr-q=slag", article);
        assert_eq!((s.query.as_str(), s.article), ("slag", None));
        assert_eq!(ViewState::from_page("?nr-year=2024", Some("nr-category=Safety")).0.filters.get(Facet::Category), None);
        assert_eq!(ViewState::from_page("?a=1", Some("nr-category=Safety")).0.filters.get(Facet::Category), Some("Safety"));
        assert_eq!(ViewState::from_page("?nr-q=x", None).0.query, "x");
        assert_eq!(ViewState::from_page("", Some("nr-year=20x3")).1, [UrlProblem::BadYear("20x3".into())]);
    }

    #[test]
    fn list_and_article_views() {
        let (s, _) = ViewState::from_search("nr-q=x&nr-article=a");
        assert_eq!(s.list().article, None);
        assert_eq!(s.list().with_article("b").article.as_deref(), Some("b"));
        assert_eq!(s.cleared(), ViewState { page: 1, ..ViewState::default() });
    }
}
