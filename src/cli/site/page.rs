//! What an article's static page says about the article in its head: the
//! facts of one item, bounded in length and with every address absolute,
//! from the item, the feed and the address the site is served from.

use newsroom::archive::Item;
use newsroom::article::{shorten, Article};
use newsroom::bundle::{author_links_of, Author};
use newsroom::date::parse_date;
use newsroom::html_policy::safe_url;
use newsroom::page_title::MAX_TITLE;

/// The folder of the site that holds one folder per article.
pub const ARTICLES_DIR: &str = "articles";

/// Longest title, description and author name in the head, in characters:
/// with at most [`MAX_AUTHORS`] authors and addresses of at most
/// [`MAX_URL`] bytes, every tag before the JSON-LD stays within the first
/// 32 KB that link previews read.
const MAX_DESCRIPTION: usize = 300;
const MAX_NAME: usize = 100;
const MAX_AUTHORS: usize = 10;
const MAX_URL: usize = 1000;

/// What the feed gives every article page.
pub struct Site<'a> {
    pub title: &'a str,
    pub language: Option<&'a str>,
    /// The feed's authors: by the JSON Feed spec, those of every item that names none.
    pub authors: &'a [Author],
    /// Where the site is served from (`https://example.com/news/`).
    pub base: &'a url::Url,
}

/// One article page's facts, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct PageFacts {
    pub title: String,
    pub site_title: String,
    /// The summary, else the start of the text.
    pub description: String,
    /// The page's own absolute address.
    pub canonical: String,
    pub image: Option<String>,
    /// A BCP 47 tag (`zh-CN`): the item's, else the feed's.
    pub language: Option<String>,
    pub published: Option<String>,
    /// `date_modified`, else the publication date.
    pub modified: Option<String>,
    /// Each with an absolute http(s) address when the feed gives one.
    pub authors: Vec<Author>,
}

/// The facts of `article` (read from `item`) on its page `articles/<slug>/`.
pub fn page_facts(article: &Article, item: &Item, slug: &str, site: &Site) -> PageFacts {
    let folder = as_folder(site.base);
    let own_authors = author_links_of(item);
    let authors = if own_authors.is_empty() { site.authors.to_vec() } else { own_authors };
    let published = article.date.as_ref().map(|d| d.machine.clone());
    let modified = item.get("date_modified").and_then(|v| v.as_str()).and_then(parse_date).map(|d| d.machine).or_else(|| published.clone());
    PageFacts {
        title: shorten(&article.title, MAX_TITLE),
        site_title: shorten(site.title, MAX_TITLE),
        description: shorten(&article.teaser(), MAX_DESCRIPTION),
        canonical: address(&folder, &format!("{ARTICLES_DIR}/{slug}/")),
        image: article.image.as_deref().and_then(|u| absolute(&folder, u, false)),
        language: article.language.clone().or_else(|| site.language.map(str::to_string)),
        published,
        modified,
        authors: authors
            .into_iter()
            .take(MAX_AUTHORS)
            .map(|a| Author { url: a.url.as_deref().and_then(|u| absolute(&folder, u, true)), name: shorten(&a.name, MAX_NAME) })
            .collect(),
    }
}

/// The absolute address of the page of the article with `slug`.
pub fn canonical(base: &url::Url, slug: &str) -> String {
    address(&as_folder(base), &format!("{ARTICLES_DIR}/{slug}/"))
}

/// The base address as a folder: `/news` and `/news/` mean the same.
pub fn as_folder(base: &url::Url) -> url::Url {
    let mut folder = base.clone();
    if !folder.path().ends_with('/') {
        folder.set_path(&format!("{}/", folder.path()));
    }
    folder
}

/// The absolute address of the site's folder `to` (relative to the root,
/// ending in `/`, such as `articles/plant/`; empty for the root), on the
/// site served from `folder` (see [`as_folder`]). Percent-encoded as a
/// browser would send it, so every file that names a page names it alike.
pub fn address(folder: &url::Url, to: &str) -> String {
    // An empty reference would keep the base's query; `./` is its folder alone.
    let to = if to.is_empty() { "./" } else { to };
    folder.join(to).map_or_else(|_| format!("{folder}{to}"), String::from)
}

/// `address` as the page would keep it (see `html_policy::safe_url`),
/// resolved against the site's folder, as the feed's own addresses are;
/// only http(s), and none too long for the head's budget.
pub fn absolute(folder: &url::Url, address: &str, is_link: bool) -> Option<String> {
    let resolved = folder.join(safe_url(address, is_link)?).ok()?;
    let web = matches!(resolved.scheme(), "http" | "https");
    let url = String::from(resolved);
    (web && url.len() <= MAX_URL).then_some(url)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use newsroom::bundle::parse_bundle;

    /// An item with every field a page describes, as an archive holds it.
    pub(crate) const ITEM: &str = r#"{"id": "42", "url": "https://example.com/news/plant.html", "title": "Acme opens a plant",
        "summary": "A new plant in Ohio.", "content_html": "<p>Body text.</p>", "image": "images/plant.jpg",
        "date_published": "2024-03-18T09:30:00+08:00", "date_modified": "2024-03-19", "language": "zh-CN",
        "authors": [{"name": "Ann Lee", "url": "/people/ann"}, {"name": "Bo", "url": "javascript:alert(1)"}, {"name": "Cy", "url": "mailto:cy@example.com"}]}"#;

    /// The facts of `item` on the page `articles/<slug>/` of a site at `https://example.com/news`.
    pub(crate) fn facts_of(item: &str, slug: &str) -> PageFacts {
        let bundle = parse_bundle(&format!(r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "Acme News", "items": [{item}]}}"#)).unwrap();
        let item: Item = serde_json::from_str(item).unwrap();
        let base = url::Url::parse("https://example.com/news").unwrap();
        let feed_authors = [Author { name: "Press office".into(), url: None }];
        let site = Site { title: "Acme News", language: Some("en"), authors: &feed_authors, base: &base };
        page_facts(&bundle.articles[0], &item, slug, &site)
    }

    #[test]
    fn facts_have_absolute_addresses_and_the_items_dates() {
        let facts = facts_of(ITEM, "plant");
        assert_eq!(facts.title, "Acme opens a plant");
        assert_eq!(facts.site_title, "Acme News");
        assert_eq!(facts.description, "A new plant in Ohio.");
        assert_eq!(facts.canonical, "https://example.com/news/articles/plant/");
        assert_eq!(facts.image.as_deref(), Some("https://example.com/news/images/plant.jpg"));
        assert_eq!(facts.language.as_deref(), Some("zh-CN"));
        assert_eq!(facts.published.as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(facts.modified.as_deref(), Some("2024-03-19"));
        assert_eq!(facts.authors, [
            Author { name: "Ann Lee".into(), url: Some("https://example.com/people/ann".into()) },
            Author { name: "Bo".into(), url: None },
            Author { name: "Cy".into(), url: None },
        ]);
    }

    #[test]
    fn missing_parts_come_from_the_feed_and_the_text() {
        let facts = facts_of(r#"{"id": "7", "title": "凌跃铬化工荣获", "content_text": "First paragraph.\n\nSecond.", "date_published": "2024-01-02", "image": "data:image/png,x"}"#, "凌跃铬化工荣获");
        assert_eq!(facts.description, "First paragraph.");
        assert_eq!(facts.language.as_deref(), Some("en"));
        assert_eq!(facts.modified.as_deref(), Some("2024-01-02"));
        assert_eq!(facts.image, None);
        assert_eq!(facts.authors, [Author { name: "Press office".into(), url: None }]);
        assert_eq!(facts.canonical, "https://example.com/news/articles/%E5%87%8C%E8%B7%83%E9%93%AC%E5%8C%96%E5%B7%A5%E8%8D%A3%E8%8E%B7/");
    }
}
