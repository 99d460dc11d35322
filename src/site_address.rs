//! The addresses of a static site written by `newsroom build`, as the page
//! uses them once it has taken over one of its pages: every article has a
//! page of its own (`articles/<slug>/`, relative to the site's root), and
//! the list is the root itself with the view in its `nr-*` query.
//!
//! The shell resolves the root (the mount element's `data-site`) to an
//! absolute address; everything here is plain strings.

use crate::cut::cut;
use crate::percent::percent_decode;
use crate::url_state::ViewState;

/// `page` when it is a path relative to the site's root that stays inside
/// it: no scheme, no leading `/` (nor `//`), no `..` segment (nor its
/// escaped forms, which browsers read as `..`), no backslash (browsers read
/// it as `/`), no query or fragment and no control characters (browsers
/// drop tabs and newlines from addresses, which could make any of the
/// others). Anything else is not a page of the site, and is ignored.
pub fn page_path(page: &str) -> Option<&str> {
    let page = page.trim();
    let first = page.split('/').next().unwrap_or_default();
    let bad_char = |c: char| c.is_control() || matches!(c, '\\' | '?' | '#');
    let parent = |segment: &str| ["..", ".%2e", "%2e.", "%2e%2e"].iter().any(|dots| segment.eq_ignore_ascii_case(dots));
    let safe = !page.is_empty() && !page.starts_with('/') && !first.contains(':') && !page.contains(bad_char) && !page.split('/').any(parent);
    safe.then_some(page)
}

/// The folder of an absolute address: up to its path's last `/`, without
/// the query, the fragment or a file name (`…/news/index.html?x` → `…/news/`).
pub fn folder(url: &str) -> &str {
    let path = without_query(url);
    path.bytes().rposition(|b| b == b'/').map_or(path, |i| cut(path, ..=i))
}

/// The address of `state` on the site whose root is `root`: the article's
/// own page when one is open and has one, else the root with the view in
/// its query (an article without a page as `?nr-article=`).
pub fn address(root: &str, state: &ViewState, page: Option<&str>) -> String {
    match page.filter(|_| state.article.is_some()) {
        Some(page) => format!("{root}{page}"),
        None => format!("{root}{}", state.to_search("")),
    }
}

/// Where an address of the site leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The root (`index.html` or not): the list, its view in the query.
    List,
    /// Another page of the site, by its path from the root (percent-decoded).
    Page(String),
    /// Not under the root at all.
    Outside,
}

/// An address without its query and fragment.
pub fn without_query(href: &str) -> &str {
    // Bytes, not a `char` pattern: no searcher code in the wasm for it.
    cut(href, ..href.bytes().position(|b| b == b'?' || b == b'#').unwrap_or(href.len()))
}

/// Where `href` (an absolute address, as `location.href`) is on the site at `root`.
pub fn place(root: &str, href: &str) -> Place {
    match without_query(href).strip_prefix(root) {
        None => Place::Outside,
        Some("" | "index.html") => Place::List,
        Some(rest) => Place::Page(percent_decode(rest)),
    }
}

/// Whether `path` (from [`place`]) is the article page `page`, spelt as its
/// folder or as the folder's `index.html`.
pub fn is_page(page: &str, path: &str) -> bool {
    let page = percent_decode(page);
    path == page || path.strip_suffix("index.html").is_some_and(|folder| folder == page && folder.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_relative_path_inside_the_site() {
        // An escaped `/` is no separator in a path: one oddly named folder.
        for good in ["articles/plant/", "articles/副市长来访/", "articles/plant/index.html", " articles/a:b/ ", "a", "articles/..x/", "articles%2F..%2F"] {
            assert_eq!(page_path(good), Some(good.trim()), "{good:?}");
        }
        let hostile = [
            "", "  ", "/articles/plant/", "//evil.example/x/", "https://evil.example/", "javascript:alert(1)", "JavaScript:alert(1)//",
            "data:text/html,<script>alert(1)</script>", "mailto:a@b", "../outside/", "articles/../../outside/", "articles/..",
            "%2e%2e/outside/", "articles/.%2E/x", "articles/%2E./x", "articles\\..\\x", "\\\\evil.example\\x",
            "java\tscript:alert(1)", "\n//evil.example/", "articles/\n/x", "articles/x/?nr-q=1", "articles/x/#top",
        ];
        for bad in hostile {
            assert_eq!(page_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_root_is_the_folder_of_its_resolved_address() {
        assert_eq!(folder("https://example.com/news/"), "https://example.com/news/");
        assert_eq!(folder("https://example.com/news/index.html?nr-q=x#top"), "https://example.com/news/");
        assert_eq!(folder("https://example.com/news/a?b=/c"), "https://example.com/news/");
        assert_eq!(folder("https://example.com/"), "https://example.com/");
    }

    #[test]
    fn an_article_has_its_page_and_the_list_the_root_with_its_query() {
        let root = "https://example.com/news/";
        let list = ViewState::from_search("?nr-category=Company%20News&nr-q=chromium").0;
        let open = list.with_article("2023-11-04-plant");
        assert_eq!(address(root, &open, Some("articles/plant/")), "https://example.com/news/articles/plant/");
        assert_eq!(address(root, &list, Some("articles/plant/")), "https://example.com/news/?nr-q=chromium&nr-category=Company%20News");
        assert_eq!(address(root, &open, None), "https://example.com/news/?nr-q=chromium&nr-category=Company%20News&nr-article=2023-11-04-plant");
        assert_eq!(address(root, &ViewState { page: 1, ..ViewState::default() }, None), root);
    }

    #[test]
    fn an_address_is_read_back_as_the_list_an_article_page_or_elsewhere() {
        let root = "https://example.com/news/";
        assert_eq!(place(root, "https://example.com/news/"), Place::List);
        assert_eq!(place(root, "https://example.com/news/index.html?nr-q=x#top"), Place::List);
        assert_eq!(place(root, "https://example.com/news/articles/plant/"), Place::Page("articles/plant/".into()));
        let encoded = place(root, "https://example.com/news/articles/%E5%89%AF%E5%B8%82%E9%95%BF/index.html?x=1");
        assert_eq!(encoded, Place::Page("articles/副市长/index.html".into()));
        assert_eq!(place(root, "https://example.com/other/"), Place::Outside);
        assert_eq!(place(root, "https://example.com/news"), Place::Outside);
        assert_eq!(place(root, "https://evil.example/news/"), Place::Outside);

        assert!(is_page("articles/plant/", "articles/plant/"));
        assert!(is_page("articles/plant/", "articles/plant/index.html"));
        assert!(is_page("articles/副市长/", "articles/副市长/index.html"));
        assert!(is_page("articles/%E5%89%AF/", "articles/副/"));
        assert!(!is_page("articles/plant/", "articles/plant"));
        assert!(!is_page("articles/plant", "articles/plantindex.html"));
        assert!(!is_page("articles/plant/", "articles/plant/other/"));
        assert!(!is_page("articles/plant/", "articles/"));
    }
}
