//! A WordPress export (WXR): RSS 2.0 with WordPress's own elements.
//!
//! The items are read as any RSS feed is (feed-rs, through the feed reader);
//! what only WordPress says (post type, status, dates of unpublished posts,
//! the excerpt) comes from the same document's `wp:` and `excerpt:` elements,
//! which the feed reader's walk with quick-xml collects per item.

use crate::draft::{Draft, DraftError, SourceError, SourcePage};
use crate::formats::feed;
use crate::html;

/// Reads a WXR file: published posts become drafts; drafts, private posts,
/// pages and attachments are reported as unpublished.
pub fn read_wxr(bytes: impl Into<Vec<u8>>, base: Option<&str>) -> Result<SourcePage, SourceError> {
    let read = feed::read(bytes.into(), base)?;
    if !read.matched {
        // Without each item's status a draft could be published by mistake.
        return Err(SourceError::Malformed {
            format: "WordPress export",
            detail: "its items could not be matched to their WordPress status".into(),
        });
    }
    let mut page = read.page;
    let items = std::mem::take(&mut page.items);
    page.items = items
        .into_iter()
        .zip(&read.items)
        .enumerate()
        .map(|(index, (item, xml))| item.and_then(|draft| wordpress(draft, &xml.wordpress, index + 1)))
        .collect();
    Ok(page)
}

/// One item with what WordPress says about it applied.
fn wordpress(mut draft: Draft, fields: &[(String, String)], number: usize) -> Result<Draft, DraftError> {
    let field = |name: &str| fields.iter().find(|(n, v)| n == name && !v.is_empty()).map(|(_, v)| v.as_str());
    // An item without WordPress's fields is plain RSS: taken as a published post.
    let post_type = field("post_type").unwrap_or("post");
    let status = field("status").unwrap_or("publish");
    if post_type != "post" || status != "publish" {
        let id = draft
            .id
            .clone()
            .or_else(|| field("post_id").map(|id| format!("post {id}")))
            .unwrap_or_else(|| format!("item {number}"));
        let status = if post_type != "post" { post_type } else { status };
        return Err(DraftError::Unpublished { id, status: status.to_string() });
    }
    if draft.published.is_none() {
        // `post_date_gmt` is UTC without saying so; `post_date` is the blog's
        // local time, whose offset the export does not give (a day is kept).
        draft.published = field("post_date_gmt")
            .and_then(|gmt| feed::date(&format!("{gmt} +00:00")))
            .or_else(|| field("post_date").and_then(feed::date));
    }
    if draft.summary.is_none() {
        // `excerpt:encoded`, the excerpt the author wrote, is HTML.
        draft.summary = field("encoded").map(html::text_of).filter(|s| !s.is_empty());
    }
    draft.content_html = draft.content_html.map(|body| paragraphs(&body));
    Ok(draft)
}

/// A post body as WordPress shows it: the export keeps the editor's text,
/// where a blank line is a paragraph break. Bodies that already have
/// paragraphs (or blocks) are left as they are.
fn paragraphs(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    let has_blocks = ["<p>", "<p ", "<div", "<!-- wp:", "<h1", "<h2", "<h3", "<ul", "<ol", "<table", "<figure", "<blockquote", "<pre"]
        .iter()
        .any(|tag| lower.contains(tag));
    if has_blocks {
        return body.to_string();
    }
    let normalized = body.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wordpress_fixture() -> &'static [u8] {
        include_bytes!("../../../tests/fixtures/import/feeds/wordpress.xml")
    }

    #[test]
    fn published_posts_become_drafts() {
        let page = read_wxr(wordpress_fixture(), None).unwrap();
        assert_eq!(page.title.as_deref(), Some("Jinzhou Lingyue Chromium Chemicals"));
        assert_eq!(page.language.as_deref(), Some("en-US"));
        assert_eq!(page.next, None);
        assert_eq!(page.items.len(), 7);
        let posts: Vec<&Draft> = page.items.iter().filter_map(|i| i.as_ref().ok()).collect();
        assert_eq!(posts.len(), 3);

        let kiln = posts[0];
        assert_eq!(kiln.id.as_deref(), Some("https://www.lingyue-chem.com/?p=118"));
        assert_eq!(kiln.url.as_deref(), Some("https://www.lingyue-chem.com/2024/03/13/kiln-upgrade/"));
        assert_eq!(kiln.title.as_deref(), Some("Chromium Oxide Green Kiln Upgrade Completed"));
        assert_eq!(kiln.published.as_deref(), Some("2024-03-13T02:00:00+00:00"));
        assert_eq!(kiln.authors, ["liwei"]);
        assert_eq!(kiln.categories, ["Company News", "chromium oxide green", "kiln"]);
        assert_eq!(kiln.summary.as_deref(), Some("Energy use per tonne is down by 18%."));
        let body = kiln.content_html.as_deref().unwrap();
        assert!(body.starts_with("<p>The upgraded rotary kiln"), "{body}");
        assert!(body.contains("</p>\n<p>Energy use per tonne"), "blank lines are paragraphs: {body}");

        let chinese = posts[1];
        assert_eq!(chinese.title.as_deref(), Some("凌跃铬化工荣获辽宁省“专精特新”中小企业称号"));
        assert_eq!(chinese.categories, ["公司新闻", "荣誉"], "a post format is not a category");
        assert_eq!(chinese.summary, None, "an empty excerpt is none");
        assert!(chinese.content_html.as_deref().unwrap().starts_with("<!-- wp:paragraph -->\n<p>近日"), "blocks are left as they are");

        let undated = posts[2];
        assert_eq!(undated.published.as_deref(), Some("2024-01-22T08:00:00+00:00"), "no pubDate: post_date_gmt, which is UTC");
    }

    #[test]
    fn drafts_private_posts_attachments_and_pages_are_reported() {
        let page = read_wxr(wordpress_fixture(), None).unwrap();
        let refused: Vec<&DraftError> = page.items.iter().filter_map(|i| i.as_ref().err()).collect();
        let unpublished = |id: &str, status: &str| DraftError::Unpublished { id: id.into(), status: status.into() };
        assert_eq!(
            refused,
            [
                &unpublished("https://www.lingyue-chem.com/?p=125", "draft"),
                &unpublished("https://www.lingyue-chem.com/?p=116", "private"),
                &unpublished("https://www.lingyue-chem.com/wp-content/uploads/2024/03/kiln.jpg", "attachment"),
                &unpublished("https://www.lingyue-chem.com/?page_id=2", "page"),
            ]
        );
        // In the export's order.
        assert!(page.items[3].is_err() && page.items[2].is_ok());
    }

    #[test]
    fn dates_fall_back_to_wordpress_fields() {
        let wxr = |fields: &str| {
            format!(
                r#"<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>t</title>{fields}<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>"#
            )
        };
        let published = |fields: &str| read_wxr(wxr(fields).as_bytes(), None).unwrap().items.remove(0).unwrap().published;
        assert_eq!(published("<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:post_date>2024-03-19 15:20:11</wp:post_date>").as_deref(), Some("2024-03-19"));
        assert_eq!(published("<pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>").as_deref(), None);
        assert_eq!(published("<pubDate>Tue, 19 Mar 2024 07:20:11 +0000</pubDate><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt>").as_deref(), Some("2024-03-19T07:20:11+00:00"));
    }

    #[test]
    fn items_without_wordpress_fields_and_unknown_ids() {
        let plain = br#"<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>a</title></item><item><wp:post_id>7</wp:post_id><wp:status>pending</wp:status></item><item><wp:status>trash</wp:status></item></channel></rss>"#;
        let page = read_wxr(plain, None).unwrap();
        assert!(page.items[0].is_ok());
        assert_eq!(page.items[1], Err(DraftError::Unpublished { id: "post 7".into(), status: "pending".into() }));
        assert_eq!(page.items[2], Err(DraftError::Unpublished { id: "item 3".into(), status: "trash".into() }));
    }

    #[test]
    fn wordpress_com_names_its_namespace_with_https() {
        let wxr = br#"<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel>
            <item><title>a</title><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status>inherit</wp:status></item>
            <item><title>b</title><wp:post_type>nav_menu_item</wp:post_type><wp:status><![CDATA[publish]]></wp:status></item>
            <item><title>c</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>"#;
        let page = read_wxr(&wxr[..], None).unwrap();
        let kinds: Vec<String> = page.items.iter().map(|i| match i {
            Ok(_) => "post".into(),
            Err(DraftError::Unpublished { status, .. }) => status.clone(),
            Err(e) => panic!("{e:?}"),
        }).collect();
        assert_eq!(kinds, ["attachment", "nav_menu_item", "post"]);
    }

    #[test]
    fn broken_exports_are_errors() {
        let full = wordpress_fixture();
        let cut = &full[..full.len() / 2];
        assert!(matches!(read_wxr(cut, None), Err(SourceError::Malformed { format: "RSS", .. })));
        assert!(read_wxr(b"\xff\xfe\xfd", None).is_err());
        assert!(matches!(read_wxr(b"<html><body>x</body></html>", None), Err(SourceError::UnknownFormat { .. })));
    }

    #[test]
    fn paragraphs_only_where_the_editor_left_blank_lines() {
        assert_eq!(paragraphs("One.\r\n\r\nTwo\nlines."), "<p>One.</p>\n<p>Two<br>\nlines.</p>");
        assert_eq!(paragraphs("<p>Already</p>\n\n<p>done</p>"), "<p>Already</p>\n\n<p>done</p>");
    }
}
