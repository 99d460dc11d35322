//! JSON Feed 1.0/1.1, read by the page's own reader (the core's
//! `bundle` module): there is one reader of our format, not two, and
//! `_newsroom` members survive an import.

use newsroom::article::Body;
use newsroom::bundle::parse_bundle;

use crate::draft::{Draft, DraftError, SourceError, SourcePage};

pub fn read_json_feed(bytes: Vec<u8>, base: Option<&str>) -> Result<SourcePage, SourceError> {
    let text = String::from_utf8(bytes).map_err(|_| SourceError::NotText)?;
    let bundle = parse_bundle(&text).map_err(|e| SourceError::Malformed { format: "JSON Feed", detail: crate::messages::bundle_error(&e) })?;
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let against = |base: Option<&url::Url>, u: String| match base {
        Some(b) => b.join(&u).map_or(u, String::from),
        None => u,
    };
    // Items' links belong to the website: a local file's address is no base
    // for them, the feed's `home_page_url` is.
    let home = bundle.home_page_url.as_deref().and_then(|h| url::Url::parse(h).ok());
    let web = base.as_ref().filter(|b| b.scheme() != "file").or(home.as_ref());
    let resolve = |u: String| against(web, u);
    let mut items: Vec<Result<Draft, DraftError>> = bundle
        .skipped
        .iter()
        .map(|e| Err(DraftError::Skipped { reason: crate::messages::item_error(e) }))
        .collect();
    items.extend(bundle.articles.into_iter().map(|a| {
        let (content_html, content_text) = match a.body {
            Body::Html(h) => (Some(h), None),
            Body::Text(t) => (None, Some(t)),
            Body::Empty => (None, None),
        };
        Ok(Draft {
            id: Some(a.id),
            url: a.url.map(resolve),
            title: Some(a.title),
            content_html,
            content_text,
            summary: a.summary,
            published: a.date.map(|d| d.machine),
            modified: None,
            authors: if a.authors.is_empty() { bundle.authors.clone() } else { a.authors },
            categories: a.tags,
            category: a.category,
            image: a.image.map(resolve),
            language: a.language.or_else(|| bundle.language.clone()),
        })
    }));
    Ok(SourcePage {
        title: Some(bundle.title),
        description: bundle.description,
        language: bundle.language,
        // The next page is beside this one, wherever this one is.
        next: bundle.next_url.map(|u| against(base.as_ref(), u)),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/import/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn json_feed_1_0_read_as_the_page_reads_it() {
        let page = read_json_feed(fixture("jsonfeed10.json"), Some("file:///srv/feeds/jsonfeed10.json")).unwrap();
        assert_eq!(page.title.as_deref(), Some("Lingyue Chromium — Notes"));
        let drafts: Vec<Draft> = page.items.into_iter().map(|d| d.unwrap()).collect();
        assert_eq!(drafts.len(), 3);
        // Untitled micro-posts are titled by their text, as the page shows them.
        assert_eq!(drafts[0].title.as_deref(), Some("Kiln No. 2 is back on line after its spring maintenance, two days ahead of plan"));
        assert_eq!(drafts[0].authors, ["Lingyue Press Office"]);
        assert_eq!(drafts[0].published.as_deref(), Some("2024-03-19T16:42:00+08:00"));
        let lab = &drafts[1];
        assert_eq!(lab.id.as_deref(), Some("note-2024-03-12"));
        assert_eq!(lab.url.as_deref(), Some("https://www.lingyue-chem.com/en/notes/2024/03/12/lab/"));
        assert_eq!(lab.categories, ["Quality"]);
        // The next page is beside this one; items' links are never the disk's.
        assert_eq!(page.next.as_deref(), Some("https://www.lingyue-chem.com/en/notes/jsonfeed10-page2.json"));
        assert!(drafts.iter().all(|d| d.url.as_deref().is_none_or(|u| !u.starts_with("file:"))));
    }

    #[test]
    fn newsroom_members_and_languages_survive() {
        let json = br#"{"version":"https://jsonfeed.org/version/1.1","title":"T","language":"zh-CN","next_url":"p2.json","items":[
            {"id":"1","content_text":"x","language":"en","url":"/a","_newsroom":{"category":"Products"},"tags":["t"]},{"id":"","content_text":"y"}]}"#;
        let page = read_json_feed(json.to_vec(), Some("https://example.com/news/feed.json")).unwrap();
        assert_eq!(page.next.as_deref(), Some("https://example.com/news/p2.json"));
        let drafts: Vec<Draft> = page.items.into_iter().map(|d| d.unwrap()).collect();
        assert_eq!(drafts[0].category.as_deref(), Some("Products"));
        assert_eq!((drafts[0].categories.as_slice(), drafts[0].language.as_deref()), (&["t".to_string()][..], Some("en")));
        assert_eq!(drafts[0].url.as_deref(), Some("https://example.com/a"));
        assert_eq!(drafts[1].language.as_deref(), Some("zh-CN"));
        assert!(drafts[1].id.as_deref().is_some_and(|id| id.starts_with('h')), "an empty id is recovered from the content");
        assert!(matches!(read_json_feed(b"{\"items\": [".to_vec(), None), Err(SourceError::Malformed { format: "JSON Feed", .. })));
        assert!(matches!(read_json_feed(vec![b'{', 0xff], None), Err(SourceError::NotText)));
        assert!(matches!(read_json_feed(fixture("broken.json"), None), Err(SourceError::Malformed { format: "JSON Feed", .. })));
        let two = br#"{"version":"https://jsonfeed.org/version/2","title":"x","items":[]}"#;
        assert!(matches!(read_json_feed(two.to_vec(), None), Err(SourceError::Malformed { .. })));
    }
}
