//! A WordPress export (WXR): RSS 2.0 with WordPress's own elements.
//!
//! The items are read as any RSS feed is (feed-rs, through the feed reader);
//! what only WordPress says (post type, status, password, dates of
//! unpublished posts, the excerpt, the featured image) comes from the same
//! document's `wp:` and `excerpt:` elements, which the feed reader's walk
//! with quick-xml collects per item.
//!
//! An export holds the whole site: a news article is an item of type `post`
//! with status `publish` and no password (and, when asked, a published
//! `page`). Every other item is reported by its kind, never imported.

use std::collections::HashMap;

use crate::draft::{Draft, DraftError, SourceError, SourcePage};
use crate::formats::{feed, Options};
use crate::html;

/// Reads a WXR file: published posts become drafts; every other item is
/// reported as unpublished, with its kind.
pub fn read_wxr(bytes: impl Into<Vec<u8>>, base: Option<&str>, options: Options) -> Result<SourcePage, SourceError> {
    let read = feed::read(bytes.into(), base)?;
    if !read.matched {
        // Without each item's status a draft could be published by mistake.
        return Err(SourceError::Malformed {
            format: "WordPress export",
            detail: "its items could not be matched to their WordPress status".into(),
        });
    }
    // Attachments are no articles, but each is a post's featured image
    // (`_thumbnail_id`), before or after that post in the export.
    let attachments: HashMap<&str, &str> = read
        .items
        .iter()
        .filter(|xml| field(&xml.wordpress, "post_type") == Some("attachment"))
        .filter_map(|xml| Some((field(&xml.wordpress, "post_id")?, field(&xml.wordpress, "attachment_url")?)))
        .collect();
    let mut page = read.page;
    let items = std::mem::take(&mut page.items);
    page.items = items
        .into_iter()
        .zip(&read.items)
        .enumerate()
        .map(|(index, (item, xml))| {
            let featured = || xml.postmeta.iter().find(|(key, _)| key == "_thumbnail_id").and_then(|(_, id)| attachments.get(id.as_str()).copied());
            item.and_then(|draft| wordpress(draft, &xml.wordpress, featured, index + 1, options))
        })
        .collect();
    Ok(page)
}

/// A WordPress field's text, when the item has it and it is not empty.
fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(n, v)| n == name && !v.is_empty()).map(|(_, v)| v.as_str())
}

/// What an item is instead of a news article, or `None` when it is one.
fn left_out<'a>(fields: &'a [(String, String)], options: Options) -> Option<&'a str> {
    // An item without WordPress's fields is plain RSS: taken as a published post.
    let post_type = field(fields, "post_type").unwrap_or("post");
    let status = field(fields, "status").unwrap_or("publish");
    if post_type != "post" && !(options.wordpress_pages && post_type == "page") {
        Some(post_type)
    } else if status != "publish" {
        Some(status)
    } else {
        // A protected post's text is for those given the password: none of it is imported.
        field(fields, "post_password").map(|_| "password")
    }
}

/// One item with what WordPress says about it applied; `featured` is the
/// address of its featured image, if it names one the export has.
fn wordpress<'a>(
    mut draft: Draft,
    fields: &[(String, String)],
    featured: impl FnOnce() -> Option<&'a str>,
    number: usize,
    options: Options,
) -> Result<Draft, DraftError> {
    let field = |name: &str| field(fields, name);
    if let Some(kind) = left_out(fields, options) {
        let id = draft
            .id
            .clone()
            .or_else(|| field("post_id").map(|id| format!("post {id}")))
            .unwrap_or_else(|| format!("item {number}"));
        return Err(DraftError::Unpublished { id, kind: kind.to_string() });
    }
    // The image the author chose for the post comes before any the feed names.
    if let Some(image) = featured().filter(|url| url::Url::parse(url).is_ok()) {
        draft.image = Some(image.to_string());
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
        let page = read_wxr(wordpress_fixture(), None, Options::default()).unwrap();
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
        let page = read_wxr(wordpress_fixture(), None, Options::default()).unwrap();
        let refused: Vec<&DraftError> = page.items.iter().filter_map(|i| i.as_ref().err()).collect();
        let unpublished = |id: &str, kind: &str| DraftError::Unpublished { id: id.into(), kind: kind.into() };
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
        let published = |fields: &str| read_wxr(wxr(fields).as_bytes(), None, Options::default()).unwrap().items.remove(0).unwrap().published;
        assert_eq!(published("<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:post_date>2024-03-19 15:20:11</wp:post_date>").as_deref(), Some("2024-03-19"));
        assert_eq!(published("<pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate>").as_deref(), None);
        assert_eq!(published("<pubDate>Tue, 19 Mar 2024 07:20:11 +0000</pubDate><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt>").as_deref(), Some("2024-03-19T07:20:11+00:00"));
    }

    #[test]
    fn items_without_wordpress_fields_and_unknown_ids() {
        let plain = br#"<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>a</title></item><item><wp:post_id>7</wp:post_id><wp:status>pending</wp:status></item><item><wp:status>trash</wp:status></item></channel></rss>"#;
        let page = read_wxr(plain, None, Options::default()).unwrap();
        assert!(page.items[0].is_ok());
        assert_eq!(page.items[1], Err(DraftError::Unpublished { id: "post 7".into(), kind: "pending".into() }));
        assert_eq!(page.items[2], Err(DraftError::Unpublished { id: "item 3".into(), kind: "trash".into() }));
    }

    #[test]
    fn wordpress_com_names_its_namespace_with_https() {
        let wxr = br#"<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/"><channel>
            <item><title>a</title><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status>inherit</wp:status></item>
            <item><title>b</title><wp:post_type>nav_menu_item</wp:post_type><wp:status><![CDATA[publish]]></wp:status></item>
            <item><title>c</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>"#;
        let page = read_wxr(&wxr[..], None, Options::default()).unwrap();
        let kinds: Vec<String> = page.items.iter().map(|i| match i {
            Ok(_) => "post".into(),
            Err(DraftError::Unpublished { kind, .. }) => kind.clone(),
            Err(e) => panic!("{e:?}"),
        }).collect();
        assert_eq!(kinds, ["attachment", "nav_menu_item", "post"]);
    }

    fn kinds_fixture(options: Options) -> SourcePage {
        read_wxr(&include_bytes!("../../../tests/fixtures/import/feeds/wordpress-kinds.xml")[..], None, options).unwrap()
    }

    /// Each item's post id and what it became: `post`, or the kind it is left out as.
    fn outcomes(page: &SourcePage) -> Vec<(String, String)> {
        page.items
            .iter()
            .map(|item| match item {
                Ok(draft) => (draft.id.clone().unwrap_or_default(), "post".into()),
                Err(DraftError::Unpublished { id, kind }) => (id.clone(), kind.clone()),
                Err(e) => panic!("{e:?}"),
            })
            .map(|(id, kind)| (id.rsplit(['=', '/']).next().unwrap_or_default().to_string(), kind))
            .collect()
    }

    #[test]
    fn only_published_posts_are_articles_every_other_kind_is_left_out_by_name() {
        let page = kinds_fixture(Options::default());
        let expected = [
            ("kiln-hall.jpg", "attachment"),
            ("302", "post"),
            ("303", "post"),
            ("304", "draft"),
            ("305", "pending"),
            ("306", "private"),
            ("307", "future"),
            ("308", "trash"),
            ("309", "password"),
            ("310", "page"),
            ("311", "page"),
            ("312", "nav_menu_item"),
            ("313", "revision"),
            ("314", "product"),
            ("rotterdam-office.jpg", "attachment"),
            ("316", "post"),
            ("317", "wp_block"),
        ];
        assert_eq!(outcomes(&page), expected.map(|(id, kind)| (id.to_string(), kind.to_string())));
        // A protected post's text is nowhere in what is imported.
        assert!(page.items.iter().flatten().all(|d| !format!("{d:?}").contains("Confidential")));
    }

    #[test]
    fn published_pages_are_articles_when_asked() {
        let page = kinds_fixture(Options { wordpress_pages: true });
        let outcomes = outcomes(&page);
        assert!(outcomes.contains(&("310".into(), "post".into())), "{outcomes:?}");
        assert!(outcomes.contains(&("311".into(), "draft".into())), "a draft page is a draft: {outcomes:?}");
        assert_eq!(page.items.iter().flatten().count(), 4);
    }

    #[test]
    fn a_featured_image_is_the_attachment_the_post_names_before_or_after_it() {
        let page = kinds_fixture(Options::default());
        let images: Vec<Option<&str>> = page.items.iter().flatten().map(|d| d.image.as_deref()).collect();
        assert_eq!(
            images,
            [
                Some("https://news.lingyue-chem.com/files/2024/05/kiln-hall.jpg"),
                Some("https://news.lingyue-chem.com/files/2024/04/rotterdam-office.jpg"),
                None,
            ],
            "an id the export does not have is no image"
        );
    }

    #[test]
    fn broken_exports_are_errors() {
        let full = wordpress_fixture();
        let cut = &full[..full.len() / 2];
        assert!(matches!(read_wxr(cut, None, Options::default()), Err(SourceError::Malformed { format: "RSS", .. })));
        assert!(read_wxr(b"\xff\xfe\xfd", None, Options::default()).is_err());
        assert!(matches!(read_wxr(b"<html><body>x</body></html>", None, Options::default()), Err(SourceError::UnknownFormat { .. })));
    }

    #[test]
    fn paragraphs_only_where_the_editor_left_blank_lines() {
        assert_eq!(paragraphs("One.\r\n\r\nTwo\nlines."), "<p>One.</p>\n<p>Two<br>\nlines.</p>");
        assert_eq!(paragraphs("<p>Already</p>\n\n<p>done</p>"), "<p>Already</p>\n\n<p>done</p>");
    }
}
