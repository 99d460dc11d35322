//! Addresses between the pages of a built site. Every link is relative, so
//! the site works from any folder of any host and read from disk; and it
//! names `index.html`, because a file opened from disk has no server to
//! find a folder's index.

/// The way from the page at `from` (a file path relative to the site's
/// root, such as `articles/plant/index.html`) back to the root: `../../`,
/// or an empty string for a page at the root.
pub fn to_root(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// A link from the page at `from` to the folder `to` (relative to the
/// root, ending in `/`, such as `articles/plant/`; empty for the root).
pub fn folder_link(from: &str, to: &str) -> String {
    format!("{}{to}index.html", to_root(from))
}

/// A link from the page at `from` to the file `to` (relative to the root).
pub fn file_link(from: &str, to: &str) -> String {
    format!("{}{to}", to_root(from))
}

/// An address of the feed (relative to the site's root, where `feed.json`
/// is) as the page at `from` must write it: a relative path climbs to the
/// root first; an address with a scheme, from the host's root (`/…`, `//…`),
/// or within the page (`#…`, `?…`) stays as it is.
pub fn rebase(address: &str, from: &str) -> String {
    let relative_path = !address.is_empty()
        && !address.starts_with(['/', '#', '?'])
        && matches!(url::Url::parse(address), Err(url::ParseError::RelativeUrlWithoutBase));
    if relative_path {
        format!("{}{address}", to_root(from))
    } else {
        address.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_climb_to_the_root_and_name_the_index() {
        assert_eq!(to_root("index.html"), "");
        assert_eq!(to_root("articles/plant/index.html"), "../../");
        assert_eq!(folder_link("articles/plant/index.html", "articles/other/"), "../../articles/other/index.html");
        assert_eq!(folder_link("page/2/index.html", ""), "../../index.html");
        assert_eq!(folder_link("index.html", "page/2/"), "page/2/index.html");
        assert_eq!(file_link("category/safety/index.html", "feed.json"), "../../feed.json");
    }

    #[test]
    fn only_relative_paths_climb_to_the_root() {
        let page = "articles/plant/index.html";
        assert_eq!(rebase("images/plant.svg", page), "../../images/plant.svg");
        assert_eq!(rebase("./images/a b.svg", page), "../.././images/a b.svg");
        assert_eq!(rebase("images/plant.svg", "index.html"), "images/plant.svg");
        for kept in ["https://example.com/a.jpg", "/images/a.jpg", "//cdn.example.com/a.jpg", "#top", "?p=1", "mailto:a@b.example", ""] {
            assert_eq!(rebase(kept, page), kept);
        }
    }
}
