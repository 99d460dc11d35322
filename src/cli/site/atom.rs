//! `feed.atom`: the newest articles as an Atom 1.0 feed (RFC 4287), for
//! the feed readers that read Atom rather than JSON Feed. Every value is
//! XML-escaped (characters XML forbids left out), article bodies go
//! through the one sanitizer the pages use, and nothing depends on the
//! clock: the same archive gives the same bytes.

use newsroom::article::{Article, Body};
use newsroom::date::PublishedDate;
use newsroom::html_text::paragraphs;
use newsroom::messages::choose;

use crate::escape::escape_text;
use crate::site::page::{absolute, address, as_folder, Site, ARTICLES_DIR};
use crate::site::sanitize::sanitize_on_page;
use crate::site::updated::{date_time, last_changed};
use crate::site::xml::xml_text;

/// The feed's file, at the site's root (beside feed.json, so the bodies'
/// relative addresses mean the same in both).
pub const ATOM: &str = "feed.atom";

/// How many of the newest articles the feed carries.
pub const ATOM_ENTRIES: usize = 50;

/// Atom requires every entry to have an `updated`; an article with no
/// date at all gets the start of 1970: it never looks changed, and a
/// reader that sorts by it puts it last, as the page lists undated
/// articles last.
pub const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// The Atom feed (its path and content) of a site whose `articles` are in
/// the archive's order (newest first, undated last), article `i` at
/// `articles/{slugs[i]}/` with `date_modified` `modified[i]` as the archive
/// holds it (a shorter slice: the rest have none). Its entries are the first
/// [`ATOM_ENTRIES`]; the feed's `updated` is the latest of theirs.
pub fn atom(articles: &[Article], slugs: &[String], modified: &[Option<String>], site: &Site) -> (String, String) {
    let folder = as_folder(site.base);
    let root = address(&folder, "");
    let title = if site.title.trim().is_empty() { choose([site.language.unwrap_or("en")]).news } else { site.title };
    let entries: Vec<(&Article, &String, Option<PublishedDate>)> = articles
        .iter()
        .zip(slugs)
        .take(ATOM_ENTRIES)
        .enumerate()
        .map(|(i, (a, slug))| (a, slug, last_changed(a, modified.get(i).and_then(Option::as_deref))))
        .collect();
    let updated = entries.iter().filter_map(|e| e.2.as_ref()).max_by_key(|d| d.timestamp).map_or_else(|| NO_DATE.to_string(), date_time);

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // `xml:base`: the bodies' relative addresses are relative to the site's root.
    out.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"{}\"", xml_text(&root)));
    if let Some(lang) = site.language {
        out.push_str(&format!(" xml:lang=\"{}\"", xml_text(lang)));
    }
    out.push_str(">\n");
    element(&mut out, "id", &root);
    element(&mut out, "title", title);
    element(&mut out, "updated", &updated);
    out.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml_text(&address(&folder, ATOM))));
    out.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_text(&root)));
    // Atom wants an author for every entry: the feed's stands for those
    // that name none, and a feed without any is its own author.
    if site.authors.is_empty() {
        person(&mut out, title, None);
    }
    for a in site.authors {
        person(&mut out, &a.name, a.url.as_deref().and_then(|u| absolute(&folder, u, true)).as_deref());
    }
    for (article, slug, changed) in entries {
        entry(&mut out, article, &address(&folder, &format!("{ARTICLES_DIR}/{slug}/")), changed.as_ref());
    }
    out.push_str("</feed>\n");
    (ATOM.to_string(), out)
}

/// One entry: its id is its page's address, which stays as long as its slug does.
fn entry(out: &mut String, article: &Article, canonical: &str, changed: Option<&PublishedDate>) {
    out.push_str("<entry");
    if let Some(lang) = &article.language {
        out.push_str(&format!(" xml:lang=\"{}\"", xml_text(lang)));
    }
    out.push_str(">\n");
    element(out, "id", canonical);
    element(out, "title", &article.title);
    element(out, "updated", &changed.map_or_else(|| NO_DATE.to_string(), date_time));
    if let Some(d) = &article.date {
        element(out, "published", &date_time(d));
    }
    out.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_text(canonical)));
    for name in &article.authors {
        person(out, name, None);
    }
    if let Some(c) = &article.category {
        out.push_str(&format!("<category term=\"{}\"/>\n", xml_text(c)));
    }
    let teaser = article.teaser();
    if !teaser.is_empty() {
        element(out, "summary", &teaser);
    }
    let html = match &article.body {
        // Addresses stay relative to the site's root: the feed's `xml:base`.
        Body::Html(html) => sanitize_on_page(html, "index.html"),
        // As the article view shows a text body: a paragraph per blank-line-separated block.
        Body::Text(text) => paragraphs(text).map(|p| format!("<p>{}</p>", escape_text(p))).collect(),
        Body::Empty => String::new(),
    };
    if !html.is_empty() {
        // The entry's `xml:lang` covers its content too; said again on the
        // content for readers that look for it there only (feed-rs does).
        let lang = article.language.as_ref().map(|l| format!(" xml:lang=\"{}\"", xml_text(l))).unwrap_or_default();
        out.push_str(&format!("<content type=\"html\"{lang}>{}</content>\n", xml_text(&html)));
    }
    out.push_str("</entry>\n");
}

fn element(out: &mut String, name: &str, text: &str) {
    out.push_str(&format!("<{name}>{}</{name}>\n", xml_text(text)));
}

fn person(out: &mut String, name: &str, uri: Option<&str>) {
    out.push_str(&format!("<author><name>{}</name>", xml_text(name)));
    if let Some(uri) = uri {
        out.push_str(&format!("<uri>{}</uri>", xml_text(uri)));
    }
    out.push_str("</author>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use feed_rs::model::{Entry, Feed, FeedType};
    use newsroom::bundle::Author;

    use crate::site::list::tests::{article, base, site};
    use crate::site::xml::tests::well_formed;

    fn parse(xml: &str) -> Feed {
        well_formed(xml);
        feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"))
    }

    fn rfc3339(d: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
        d.map(|d| d.to_rfc3339())
    }

    fn links(e: &[feed_rs::model::Link]) -> Vec<(Option<&str>, &str)> {
        e.iter().map(|l| (l.rel.as_deref(), l.href.as_str())).collect()
    }

    fn names(people: &[feed_rs::model::Person]) -> Vec<&str> {
        people.iter().map(|p| p.name.as_deref().unwrap_or("(none)")).collect()
    }

    /// An article as an archive gives it: HTML, language, authors, category.
    fn full() -> Article {
        Article {
            title: "Acme opens a plant".into(),
            summary: Some("A new plant in Ohio.".into()),
            body: Body::Html("<p>Body <b>text</b> <img src=\"images/plant.jpg\" onerror=\"alert(1)\"></p><script>alert(1)</script>".into()),
            language: Some("zh-CN".into()),
            authors: vec!["Ann Lee".into(), "Bo".into()],
            tags: vec!["Export".into()],
            ..article("42", Some("2024-03-18T09:30:00+08:00"), Some("Company News"))
        }
    }

    #[test]
    fn a_valid_atom_feed_with_every_field() {
        let mut text = article("7", Some("2024-03-10"), None);
        text.body = Body::Text("First <para>.\n\nSecond & last.".into());
        text.summary = None;
        let undated = article("u", None, None);
        let articles = [full(), text, undated];
        let slugs: Vec<String> = ["plant", "seven", "u"].map(String::from).to_vec();
        let modified = [Some("2024-03-19".to_string())];
        let base = base();
        let feed_authors = [Author { name: "Press office".into(), url: Some("/press".into()) }, Author { name: "Desk".into(), url: Some("javascript:x".into()) }];
        let site = Site { authors: &feed_authors, ..site(&base, Some("en")) };
        let (path, xml) = atom(&articles, &slugs, &modified, &site);
        assert_eq!(path, "feed.atom");
        let feed = parse(&xml);
        assert_eq!(feed.feed_type, FeedType::Atom);
        assert_eq!(feed.id, "https://example.com/news/");
        assert_eq!(feed.title.map(|t| t.content).as_deref(), Some("Acme News"));
        assert_eq!(rfc3339(feed.updated).as_deref(), Some("2024-03-19T00:00:00+00:00"), "the newest change of an entry");
        assert_eq!(links(&feed.links), [(Some("self"), "https://example.com/news/feed.atom"), (Some("alternate"), "https://example.com/news/")]);
        assert_eq!(feed.language.as_deref(), Some("en"));
        assert_eq!(names(&feed.authors), ["Press office", "Desk"]);
        assert_eq!(feed.authors[0].uri.as_deref(), Some("https://example.com/press"));
        assert_eq!(feed.authors[1].uri, None, "only an http(s) address");

        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["https://example.com/news/articles/plant/", "https://example.com/news/articles/seven/", "https://example.com/news/articles/u/"]);
        let e: &Entry = &feed.entries[0];
        assert_eq!(e.title.as_ref().map(|t| t.content.as_str()), Some("Acme opens a plant"));
        assert_eq!(rfc3339(e.updated).as_deref(), Some("2024-03-19T00:00:00+00:00"));
        assert_eq!(rfc3339(e.published).as_deref(), Some("2024-03-18T01:30:00+00:00"));
        assert_eq!(links(&e.links), [(Some("alternate"), "https://example.com/news/articles/plant/")]);
        assert_eq!(names(&e.authors), ["Ann Lee", "Bo"]);
        assert_eq!(e.categories.iter().map(|c| c.term.as_str()).collect::<Vec<_>>(), ["Company News"]);
        assert_eq!(e.summary.as_ref().map(|t| t.content.as_str()), Some("A new plant in Ohio."));
        let content = e.content.as_ref().and_then(|c| c.body.as_deref());
        assert_eq!(content, Some("<p>Body <b>text</b> <img src=\"images/plant.jpg\" loading=\"lazy\"></p>"), "sanitized");
        assert_eq!(e.language.as_deref(), Some("zh-CN"));
        assert!(xml.contains("<entry xml:lang=\"zh-CN\">"), "{xml}");
        // The item's relative addresses resolve against the site's root.
        assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.com/news/\" xml:lang=\"en\">"), "{xml}");

        let text = &feed.entries[1];
        assert_eq!(rfc3339(text.updated).as_deref(), Some("2024-03-10T00:00:00+00:00"), "a bare day is its UTC midnight");
        assert_eq!(text.content.as_ref().and_then(|c| c.body.as_deref()), Some("<p>First &lt;para&gt;.</p><p>Second &amp; last.</p>"));
        assert_eq!(text.summary.as_ref().map(|t| t.content.as_str()), Some("First <para>."));
        assert!(text.authors.is_empty() && text.categories.is_empty() && text.language.is_none());

        let undated = &feed.entries[2];
        assert_eq!(rfc3339(undated.updated).as_deref(), Some("1970-01-01T00:00:00+00:00"));
        assert_eq!(undated.published, None);
    }

    #[test]
    fn only_the_newest_50_and_the_same_bytes_every_time() {
        let articles: Vec<Article> = (0..60).map(|i| article(&format!("a{i}"), Some(&format!("2024-01-{:02}", 28 - i % 28)), None)).collect();
        let slugs: Vec<String> = (0..60).map(|i| format!("s{i}")).collect();
        let base = base();
        let (_, xml) = atom(&articles, &slugs, &[], &site(&base, None));
        let feed = parse(&xml);
        assert_eq!(feed.entries.len(), ATOM_ENTRIES);
        assert_eq!(feed.entries[49].id, "https://example.com/news/articles/s49/");
        assert_eq!(rfc3339(feed.updated).as_deref(), Some("2024-01-28T00:00:00+00:00"));
        // No authors anywhere: the feed is its own.
        assert_eq!(names(&feed.authors), ["Acme News"]);
        assert_eq!(atom(&articles, &slugs, &[], &site(&base, None)).1, xml);
    }

    #[test]
    fn without_dates_the_feed_is_as_old_as_can_be() {
        let base = base();
        let (_, xml) = atom(&[article("u", None, None)], &["u".into()], &[], &site(&base, None));
        assert_eq!(rfc3339(parse(&xml).updated).as_deref(), Some("1970-01-01T00:00:00+00:00"));
        let (_, empty) = atom(&[], &[], &[], &Site { title: " ", ..site(&base, Some("zh-CN")) });
        let feed = parse(&empty);
        assert!(feed.entries.is_empty());
        assert_eq!(feed.title.map(|t| t.content).as_deref(), Some("新闻"));
    }

    #[test]
    fn hostile_items_cannot_break_the_feed() {
        let hostile = "]]></content></entry><entry><id>x</id><script>alert(1)</script>\u{0}\u{8}\u{b}\u{1b}\u{fffe}&amp;'\"";
        let mut a = article(hostile, Some("2024-01-01"), Some(hostile));
        a.title = hostile.into();
        a.summary = Some(hostile.into());
        a.authors = vec![hostile.into()];
        a.language = Some("en\"><x".into());
        a.body = Body::Html(format!("<p>{hostile}</p><p><![CDATA[ ]]> <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a></p>"));
        let mut t = a.clone();
        t.body = Body::Text(hostile.into());
        let base = base();
        let site = Site { title: hostile, ..site(&base, Some(hostile)) };
        let (_, xml) = atom(&[a, t], &["a".into(), "t".into()], &[Some(hostile.into())], &site);
        let feed = parse(&xml);
        assert_eq!(feed.entries.len(), 2, "{xml}");
        let kept = "]]></content></entry><entry><id>x</id><script>alert(1)</script>&amp;'\"";
        assert_eq!(feed.title.map(|t| t.content).as_deref(), Some(kept));
        for e in &feed.entries {
            assert_eq!(e.title.as_ref().map(|t| t.content.as_str()), Some(kept));
            assert_eq!(e.summary.as_ref().map(|t| t.content.as_str()), Some(kept));
            assert_eq!(names(&e.authors), [kept]);
            assert_eq!(e.categories[0].term, kept);
            let body = e.content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or_default();
            assert!(!body.contains("<script") && !body.contains("onerror") && !body.contains("javascript:"), "{body}");
        }
        // The HTML body's markup was dropped by the sanitizer; the text body's is text.
        let text = feed.entries[1].content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or_default();
        assert_eq!(text, "<p>]]&gt;&lt;/content&gt;&lt;/entry&gt;&lt;entry&gt;&lt;id&gt;x&lt;/id&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;'\"</p>");
    }
}
