//! The options a host page sets as attributes on a `[data-newsroom]` element.


use crate::decimal::decimal;
use crate::html_policy::safe_url;
use crate::time_limits::{self, parse_duration_ms, Limits};

/// The bundle address when the element names none: next to the page.
pub const DEFAULT_SRC: &str = "feed.json";
const DEFAULT_COMPACT_LIMIT: usize = 5;
const DEFAULT_PAGE_SIZE: usize = 10;
pub const MAX_LIMIT: usize = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// The whole news page: search, filters, results, articles.
    #[default]
    Full,
    /// A short list of the latest headlines, e.g. for a home page sidebar.
    Compact,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `data-src`: the bundle's address.
    pub src: String,
    /// `data-layout`: `full` (default) or `compact`.
    pub layout: Layout,
    /// `data-limit`: headlines in a compact list, or results per page in a full one.
    pub limit: usize,
    /// `data-category`: a fixed category filter.
    pub category: Option<String>,
    /// `data-link`: in a compact list, the full news page that headlines open.
    pub link: Option<String>,
    /// `data-timeout`: how long each request may wait for an answer, and
    /// for the next piece of its body.
    pub limits: Limits,
    /// `data-site`: on a page `newsroom build` wrote, the site's root,
    /// relative to the page (empty on the root's own pages). The app then
    /// takes over the element's static content, and an open article's
    /// address is its own page.
    pub site: Option<String>,
    /// `data-view`: the view shown when the page's query has no `nr-*`
    /// parameter, in the query's own syntax (`nr-article=ID`).
    pub view: Option<String>,
}

/// An attribute that could not be used; the instance says so and uses the default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionProblem {
    UnknownLayout(String),
    BadLimit(String),
    UnsafeLink(String),
    BadTimeout(String),
}

impl EmbedOptions {
    /// Reads the options through `attr`, which returns an attribute's value.
    pub fn read(attr: impl Fn(&str) -> Option<String>) -> (EmbedOptions, Vec<OptionProblem>) {
        let mut problems = Vec::new();
        let get = |name: &str| attr(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let layout = match get("data-layout").as_deref() {
            None | Some("full") => Layout::Full,
            Some("compact") => Layout::Compact,
            Some(other) => {
                problems.push(OptionProblem::UnknownLayout(other.to_string()));
                Layout::Full
            }
        };
        let default_limit = if layout == Layout::Compact { DEFAULT_COMPACT_LIMIT } else { DEFAULT_PAGE_SIZE };
        let limit = match get("data-limit") {
            None => default_limit,
            Some(v) => match decimal(&v).and_then(|n| usize::try_from(n).ok()) {
                Some(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    problems.push(OptionProblem::BadLimit(v));
                    default_limit
                }
            },
        };
        let link = get("data-link").and_then(|v| match safe_url(&v, false) {
            Some(safe) => Some(safe.to_string()),
            None => {
                problems.push(OptionProblem::UnsafeLink(v));
                None
            }
        });
        let limits = match get("data-timeout") {
            None => time_limits::DEFAULT,
            Some(v) => parse_duration_ms(&v).map(Limits::both).unwrap_or_else(|| {
                problems.push(OptionProblem::BadTimeout(v));
                time_limits::DEFAULT
            }),
        };
        let options = EmbedOptions {
            src: get("data-src").unwrap_or_else(|| DEFAULT_SRC.to_string()),
            layout,
            limit,
            category: get("data-category"),
            link,
            limits,
            // Present, even empty, is a built site: its root pages say `data-site=""`.
            site: attr("data-site").map(|v| v.trim().to_string()),
            view: get("data-view"),
        };
        (options, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(attrs: &[(&str, &str)]) -> (EmbedOptions, Vec<OptionProblem>) {
        EmbedOptions::read(|name| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn defaults() {
        let (o, problems) = read(&[]);
        assert_eq!(o, EmbedOptions { src: "feed.json".into(), layout: Layout::Full, limit: 10, category: None, link: None, limits: time_limits::DEFAULT,
            site: None, view: None });
        assert!(problems.is_empty());
        assert_eq!(read(&[("data-layout", "compact")]).0.limit, 5);
        assert_eq!(read(&[("data-src", "  ")]).0.src, "feed.json");
    }

    #[test]
    fn reads_every_option() {
        let (o, problems) = read(&[("data-src", "/news/feed.json"), ("data-layout", "compact"), ("data-limit", "3"),
            ("data-category", " Products "), ("data-link", "/about/news/"), ("data-timeout", "1.5s"), ("data-site", "../../"),
            ("data-view", "nr-article=2023-11-04-plant")]);
        assert_eq!(o, EmbedOptions { src: "/news/feed.json".into(), layout: Layout::Compact, limit: 3,
            category: Some("Products".into()), link: Some("/about/news/".into()), limits: Limits::both(1_500),
            site: Some("../../".into()), view: Some("nr-article=2023-11-04-plant".into()) });
        assert!(problems.is_empty());
        // A built site's root page names its root as the empty address; an empty view is none.
        let root = read(&[("data-site", ""), ("data-view", " ")]).0;
        assert_eq!((root.site.as_deref(), root.view), (Some(""), None));
    }

    #[test]
    fn bad_values_fall_back_and_are_reported() {
        let (o, problems) = read(&[("data-layout", "sidebar"), ("data-limit", "lots"), ("data-link", "javascript:alert(1)"), ("data-timeout", "soon")]);
        assert_eq!((o.layout, o.limit, o.link, o.limits), (Layout::Full, 10, None, time_limits::DEFAULT));
        assert_eq!(problems, [
            OptionProblem::UnknownLayout("sidebar".into()),
            OptionProblem::BadLimit("lots".into()),
            OptionProblem::UnsafeLink("javascript:alert(1)".into()),
            OptionProblem::BadTimeout("soon".into()),
        ]);
        assert_eq!(read(&[("data-limit", "0")]).1.len(), 1);
        assert_eq!(read(&[("data-limit", "101")]).1.len(), 1);
        // Digits only, as HTML writes a number: no sign, no spaces inside, no overflow.
        for bad in ["+5", "5 5", "18446744073709551621"] {
            assert_eq!(read(&[("data-limit", bad)]).1, [OptionProblem::BadLimit(bad.into())], "{bad}");
        }
    }
}
