//! One validated news article, as the page uses it.

use crate::date::PublishedDate;
use crate::html_text::{html_to_text, paragraphs};

/// The body as the bundle gave it; HTML is still untrusted here.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Text(String),
    Html(String),
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: String,
    /// The item's title, or one made from the start of its text.
    pub title: String,
    /// `None`: the item had no usable date; it is listed after the dated ones.
    pub date: Option<PublishedDate>,
    pub summary: Option<String>,
    pub body: Body,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub authors: Vec<String>,
    /// Its page on a static site written by `newsroom build` (`_newsroom.page`):
    /// a folder relative to the site's root, such as `articles/plant/`.
    pub page: Option<String>,
}

impl Article {
    /// The body as plain text (paragraphs separated by blank lines).
    pub fn body_text(&self) -> String {
        body_text(&self.body)
    }

    /// What a list shows under the title: the summary, else the first paragraph.
    pub fn teaser(&self) -> String {
        teaser(self.summary.as_deref(), || self.body_text())
    }
}

/// The summary, else the first paragraph of the body's text (only then made).
pub fn teaser(summary: Option<&str>, body: impl FnOnce() -> String) -> String {
    if let Some(s) = summary.filter(|s| !s.trim().is_empty()) {
        return s.trim().to_string();
    }
    let body = body();
    let first = paragraphs(&body).next().unwrap_or_default();
    shorten(first, 320)
}

/// A body as plain text (paragraphs separated by blank lines).
pub fn body_text(body: &Body) -> String {
    match body {
        Body::Text(t) => t.clone(),
        Body::Html(h) => html_to_text(h),
        Body::Empty => String::new(),
    }
}

/// Cuts `s` to at most `max` characters at a word boundary, marking the cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let head = crate::cut::cut(s, ..cut);
    // Chinese has no spaces: there any character boundary is a fine place.
    let at = head.rfind(char::is_whitespace).filter(|&i| i > cut / 2).unwrap_or(cut);
    format!("{}…", crate::cut::cut(head, ..at).trim_end())
}

/// Articles for tests: a title (also the id), a summary, a body, dated 2024-01-01.
#[cfg(test)]
pub(crate) fn test_article(title: &str, summary: Option<&str>, body: Body) -> Article {
    Article {
        id: title.into(),
        title: title.into(),
        date: crate::date::parse_date("2024-01-01"),
        summary: summary.map(Into::into),
        body,
        tags: vec![],
        category: None,
        language: None,
        url: None,
        image: None,
        authors: vec![],
        page: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(summary: Option<&str>, body: Body) -> Article {
        test_article("T", summary, body)
    }

    #[test]
    fn teaser_prefers_summary_then_first_paragraph() {
        assert_eq!(article(Some(" Sum "), Body::Text("Body".into())).teaser(), "Sum");
        assert_eq!(article(Some("  "), Body::Text("\n\nOne\n\nTwo".into())).teaser(), "One");
        assert_eq!(article(None, Body::Html("<p>Html <em>one</em></p><p>two</p>".into())).teaser(), "Html one");
        assert_eq!(article(None, Body::Empty).teaser(), "");
    }

    #[test]
    fn long_first_paragraphs_are_shortened_at_a_word() {
        let long = "word ".repeat(100);
        let t = article(None, Body::Text(long)).teaser();
        assert!(t.ends_with("word…") && t.chars().count() <= 321, "{t}");
        let zh = "铬".repeat(400);
        assert_eq!(article(None, Body::Text(zh)).teaser().chars().count(), 321);
    }
}
