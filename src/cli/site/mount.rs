//! The element every page of the site puts at the template's content
//! marker: the app's mount element (`data-newsroom`), which names the feed,
//! the site's root and the view the page shows, holding what the app renders
//! in it (its root `div` and the feed's header) around the page's own
//! content, so the app takes it over without moving anything.

use newsroom::bundle::Bundle;
use newsroom::messages::Messages;

use crate::escape::{escape_attribute, escape_text};
use crate::site::links::{file_link, to_root};

/// The mount element of the page at `path` (from the site's root, such as
/// `articles/plant/index.html`): `view` is its view in the URL's syntax
/// (`nr-article=42`), `m` its words, and `content` what it shows under the
/// feed's header.
pub fn mount(path: &str, view: Option<&str>, feed: &Bundle, m: &Messages, content: &str) -> String {
    let root = to_root(path);
    // `./` rather than nothing: an empty attribute would read as no site.
    let site = if root.is_empty() { "./".to_string() } else { root };
    let mut out = format!(
        "<div data-newsroom data-src=\"{}\" data-site=\"{}\"",
        escape_attribute(&file_link(path, "feed.json")),
        escape_attribute(&site)
    );
    if let Some(view) = view {
        out.push_str(&format!(" data-view=\"{}\"", escape_attribute(view)));
    }
    // The app's root element (`components/newsroom.rs`) and header (`components/news_page.rs`).
    out.push_str(&format!("><div class=\"newsroom newsroom--full\" lang=\"{}\"><header class=\"newsroom__header\"", escape_attribute(m.locale)));
    if let Some(language) = &feed.language {
        out.push_str(&format!(" lang=\"{}\"", escape_attribute(language)));
    }
    out.push_str(&format!("><h1>{}</h1>", escape_text(&feed.title)));
    if let Some(description) = &feed.description {
        out.push_str(&format!("<p class=\"newsroom__description\">{}</p>", escape_text(description)));
    }
    out.push_str("</header>");
    out.push_str(content);
    out.push_str("</div></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsroom::bundle::parse_bundle;
    use newsroom::messages::{EN, ZH_CN};

    fn feed(members: &str) -> Bundle {
        parse_bundle(&format!(r#"{{"version": "https://jsonfeed.org/version/1.1", {members} "items": []}}"#)).unwrap()
    }

    #[test]
    fn the_app_finds_its_feed_its_site_and_the_view() {
        let acme = feed(r#""title": "Acme <News>", "description": "From \"Acme\"", "language": "en","#);
        assert_eq!(mount("articles/plant/index.html", Some("nr-article=a%20b"), &acme, &ZH_CN, "<article></article>"), concat!(
            "<div data-newsroom data-src=\"../../feed.json\" data-site=\"../../\" data-view=\"nr-article=a%20b\">",
            "<div class=\"newsroom newsroom--full\" lang=\"zh-CN\"><header class=\"newsroom__header\" lang=\"en\">",
            "<h1>Acme &lt;News&gt;</h1><p class=\"newsroom__description\">From \"Acme\"</p></header>",
            "<article></article></div></div>",
        ));
        assert_eq!(mount("index.html", None, &feed(""), &EN, ""), concat!(
            "<div data-newsroom data-src=\"feed.json\" data-site=\"./\">",
            "<div class=\"newsroom newsroom--full\" lang=\"en\"><header class=\"newsroom__header\"><h1>News</h1></header></div></div>",
        ));
    }
}
