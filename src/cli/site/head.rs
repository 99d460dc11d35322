//! The `<head>` of an article's static page: its title, description and
//! canonical address, the Open Graph and Twitter card tags link previews
//! read, and the JSON-LD search engines read. Every tag a preview needs
//! comes before the JSON-LD, so all of them are in the first 32 KB.

use newsroom::page_title::page_title;

use crate::escape::{escape_attribute, escape_text};
use crate::site::json_ld::{news_article, script_text};
use crate::site::page::PageFacts;

/// What goes between `<head>` and `</head>` of the page with `facts`.
pub fn head(facts: &PageFacts) -> String {
    let mut out = String::new();
    out.push_str("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape_text(&page_title(&facts.title, &facts.site_title))));
    meta(&mut out, "name", "description", &facts.description);
    out.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", escape_attribute(&facts.canonical)));
    meta(&mut out, "property", "og:title", &facts.title);
    meta(&mut out, "property", "og:type", "article");
    meta(&mut out, "property", "og:url", &facts.canonical);
    meta(&mut out, "property", "og:site_name", &facts.site_title);
    if let Some(image) = &facts.image {
        meta(&mut out, "property", "og:image", image);
    }
    meta(&mut out, "property", "og:description", &facts.description);
    if let Some(language) = &facts.language {
        // Open Graph writes locales as `zh_CN`.
        meta(&mut out, "property", "og:locale", &language.replace('-', "_"));
    }
    if let Some(published) = &facts.published {
        meta(&mut out, "property", "article:published_time", published);
    }
    if let Some(modified) = &facts.modified {
        meta(&mut out, "property", "article:modified_time", modified);
    }
    // Names, not profile addresses: previews show them as they are; the
    // addresses are in the JSON-LD.
    for author in &facts.authors {
        meta(&mut out, "property", "article:author", &author.name);
    }
    let card = if facts.image.is_some() { "summary_large_image" } else { "summary" };
    meta(&mut out, "name", "twitter:card", card);
    out.push_str(&format!("<script type=\"application/ld+json\">{}</script>\n", script_text(&news_article(facts))));
    out
}

fn meta(out: &mut String, kind: &str, key: &str, content: &str) {
    out.push_str(&format!("<meta {kind}=\"{key}\" content=\"{}\">\n", escape_attribute(content)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::page::tests::{facts_of, ITEM};

    fn has(head: &str, tag: &str) {
        assert!(head.contains(tag), "{tag}\nnot in\n{head}");
    }

    #[test]
    fn every_field_of_an_item() {
        let head = head(&facts_of(ITEM, "plant"));
        for tag in [
            "<meta charset=\"utf-8\">",
            "<title>Acme opens a plant – Acme News</title>",
            "<meta name=\"description\" content=\"A new plant in Ohio.\">",
            "<link rel=\"canonical\" href=\"https://example.com/news/articles/plant/\">",
            "<meta property=\"og:title\" content=\"Acme opens a plant\">",
            "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:url\" content=\"https://example.com/news/articles/plant/\">",
            "<meta property=\"og:site_name\" content=\"Acme News\">",
            "<meta property=\"og:image\" content=\"https://example.com/news/images/plant.jpg\">",
            "<meta property=\"og:description\" content=\"A new plant in Ohio.\">",
            "<meta property=\"og:locale\" content=\"zh_CN\">",
            "<meta property=\"article:published_time\" content=\"2024-03-18T09:30:00+08:00\">",
            "<meta property=\"article:modified_time\" content=\"2024-03-19\">",
            "<meta property=\"article:author\" content=\"Ann Lee\">",
            "<meta property=\"article:author\" content=\"Bo\">",
            "<meta name=\"twitter:card\" content=\"summary_large_image\">",
            "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"",
        ] {
            has(&head, tag);
        }
    }

    #[test]
    fn without_a_picture_the_card_is_a_summary() {
        let head = head(&facts_of(r#"{"id": "1", "title": "T", "content_text": "x"}"#, "t"));
        has(&head, "<meta name=\"twitter:card\" content=\"summary\">");
        assert!(!head.contains("og:image") && !head.contains("published_time"), "{head}");
    }

    #[test]
    fn values_cannot_break_out_of_their_tags() {
        let item = r#"{"id": "1", "title": "\"><script>alert(1)</script>", "summary": "a\" onload=\"x & <b>",
            "authors": [{"name": "</title><script>x</script>"}], "image": "https://example.com/a\"b.jpg?x=1&y=<2>"}"#;
        let head = head(&facts_of(item, "x"));
        assert_eq!(head.matches("<script").count(), 1, "{head}");
        assert!(!head.contains("</title><"), "{head}");
        has(&head, "<title>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt; – Acme News</title>");
        has(&head, "<meta property=\"og:title\" content=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">");
        has(&head, "<meta name=\"description\" content=\"a&quot; onload=&quot;x &amp; &lt;b&gt;\">");
        has(&head, "<meta property=\"og:image\" content=\"https://example.com/a%22b.jpg?x=1&amp;y=%3C2%3E\">");
    }

    #[test]
    fn previews_find_every_tag_in_the_first_32_kb() {
        // Every character of these escapes to several bytes.
        let long = "&\"<".repeat(2_000);
        let authors: Vec<_> = (0..20).map(|i| serde_json::json!({"name": format!("{long}{i}"), "url": format!("https://example.com/{long}")})).collect();
        let item = serde_json::json!({"id": "1", "title": long, "summary": long, "image": format!("https://example.com/{long}"), "authors": authors}).to_string();
        let head = head(&facts_of(&item, "x"));
        let script = head.find("<script").unwrap();
        assert!(script < 32 * 1024, "the tags take {script} bytes");
    }
}
