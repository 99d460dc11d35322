//! JSON Feed 1.0/1.1, read by the page's own reader (the core's
//! `bundle` module): there is one reader of our format, not two, and
//! `_newsroom` members survive an import.

use newsroom::article::Body;
use newsroom::bundle::parse_bundle;

use crate::draft::{Draft, DraftError, SourceError, SourcePage};

pub fn read_json_feed(bytes: Vec<u8>, base: Option<&str>) -> Result<SourcePage, SourceError> {
    let text = String::from_utf8(bytes).map_err(|_| SourceError::NotText)?;
    let bundle = parse_bundle(&text).map_err(|e| SourceError::Malformed { format: "JSON Feed", detail: e.to_string() })?;
    let base = base.and_then(|b| url::Url::parse(b).ok());
    let against = |base: Option<&url::Url>, u: String| match base {
        Some(b) => b.join(&u).map_or(u, String::from),
        None => u,
    };
    // Items' links belong to the website: a local file's address is no base for them.
    let web = base.as_ref().filter(|b| b.scheme() != "file");
    let resolve = |u: String| against(web, u);
    let mut items: Vec<Result<Draft, DraftError>> = bundle
        .skipped
        .iter()
        .map(|e| Err(DraftError::Skipped { reason: e.to_string() }))
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
            authors: a.authors,
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
