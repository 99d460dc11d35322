//! What the head of every page of the site carries besides the page's own
//! facts: the app's stylesheet and script (from `--app`, by default the
//! site's root, where `dist/` is copied), and links to the JSON Feed and the
//! Atom feed, so readers and feed readers find them from any page.

use crate::escape::escape_attribute;
use crate::site::links::{file_link, to_root};

/// The Atom feed's file at the site's root.
pub const ATOM_FILE: &str = "feed.atom";
/// The JSON Feed's file at the site's root.
pub const JSON_FEED_FILE: &str = "feed.json";

/// Where the app's files are, as the page at `path` links them: `app` as
/// given when it is an absolute address or starts at the host's root (`/`),
/// else relative to the site's root (`None`: the root itself); always a
/// folder (ending in `/`) or empty for the root page's own folder.
pub fn app_folder(path: &str, app: Option<&str>) -> String {
    let app = app.map(str::trim).unwrap_or("");
    let absolute = app.starts_with('/') || url::Url::parse(app).is_ok();
    let mut folder = if absolute { app.to_string() } else { format!("{}{app}", to_root(path)) };
    if !folder.is_empty() && !folder.ends_with('/') {
        folder.push('/');
    }
    folder
}

/// The tags: feeds first, then the app's stylesheet and its script
/// (a module script runs after the document is read, so it blocks nothing).
pub fn common_head(path: &str, app: Option<&str>, site_title: &str) -> String {
    let title = escape_attribute(site_title);
    let app = escape_attribute(&app_folder(path, app));
    format!(
        "<link rel=\"alternate\" type=\"application/feed+json\" title=\"{title}\" href=\"{}\">\n\
         <link rel=\"alternate\" type=\"application/atom+xml\" title=\"{title}\" href=\"{}\">\n\
         <link rel=\"stylesheet\" href=\"{app}newsroom.css\">\n\
         <script type=\"module\" src=\"{app}newsroom.js\"></script>\n",
        escape_attribute(&file_link(path, JSON_FEED_FILE)),
        escape_attribute(&file_link(path, ATOM_FILE)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_is_at_the_root_unless_told() {
        let page = "articles/plant/index.html";
        assert_eq!(app_folder(page, None), "../../");
        assert_eq!(app_folder("index.html", None), "");
        assert_eq!(app_folder(page, Some("app")), "../../app/");
        assert_eq!(app_folder(page, Some("static/newsroom/")), "../../static/newsroom/");
        assert_eq!(app_folder(page, Some("/assets/newsroom")), "/assets/newsroom/");
        assert_eq!(app_folder(page, Some("https://cdn.example.com/newsroom/1.2")), "https://cdn.example.com/newsroom/1.2/");
    }

    #[test]
    fn every_page_links_the_feeds_and_the_app() {
        let head = common_head("articles/plant/index.html", Some("https://cdn.example.com/nr/"), "Acme \"News\"");
        assert_eq!(head, concat!(
            "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Acme &quot;News&quot;\" href=\"../../feed.json\">\n",
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Acme &quot;News&quot;\" href=\"../../feed.atom\">\n",
            "<link rel=\"stylesheet\" href=\"https://cdn.example.com/nr/newsroom.css\">\n",
            "<script type=\"module\" src=\"https://cdn.example.com/nr/newsroom.js\"></script>\n",
        ));
    }
}
