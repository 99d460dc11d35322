//! The HTML document around every page of the site (`--template FILE`): a
//! company's own page, with one `<!-- newsroom:head -->` in its `<head>`,
//! where each page's title, description, links and the app's files go, and
//! one `<!-- newsroom:content -->` in its `<body>`, where the news goes. The
//! default is today's `index.html` look (`default_template.html`).
//!
//! The markers are our own syntax, found as text; where they end up in the
//! document, and which tags the template must leave to the head marker, is
//! told by parsing it as a browser does (html5ever). The page's language is
//! written on the `<html>` tag by lol_html, which rewrites a tag in place.

use lol_html::{element, rewrite_str, RewriteStrSettings};
use scraper::{ElementRef, Html, Node};

use crate::escape::escape_attribute;

pub const HEAD_MARKER: &str = "<!-- newsroom:head -->";
pub const CONTENT_MARKER: &str = "<!-- newsroom:content -->";

/// The template the site has without `--template`: `index.html`'s page,
/// whose background follows the reader's light or dark scheme
/// (`color-scheme`). Without comments: they would be in every page.
pub const DEFAULT: &str = include_str!("default_template.html");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Head,
    Content,
}

impl Marker {
    pub fn text(self) -> &'static str {
        match self {
            Marker::Head => HEAD_MARKER,
            Marker::Content => CONTENT_MARKER,
        }
    }
}

/// Why a template cannot be used (worded in `messages.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    Unreadable { detail: String },
    Missing(Marker),
    Repeated { marker: Marker, count: usize },
    /// The head marker is not in `<head>`, or the content marker not in `<body>`
    /// (inside a script, a title or an attribute, a marker is not one).
    Misplaced(Marker),
    /// No `<html>` tag before the head marker, to write the page's language on.
    NoHtmlTag,
    /// A tag in the template's `<head>` that the head marker writes for each
    /// page (`<title>`, a description, a canonical link…), as the template spells it.
    OwnTag(String),
}

/// A template, cut at its markers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// Up to the head marker, after it up to the content marker, after that.
    parts: [String; 3],
}

impl Template {
    /// Checks `text` and cuts it at its markers.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        for marker in [Marker::Head, Marker::Content] {
            match text.matches(marker.text()).count() {
                0 => return Err(TemplateError::Missing(marker)),
                1 => {}
                count => return Err(TemplateError::Repeated { marker, count }),
            }
        }
        check_document(&Html::parse_document(text))?;
        let (before, rest) = text.split_once(HEAD_MARKER).ok_or(TemplateError::Missing(Marker::Head))?;
        let (between, after) = rest.split_once(CONTENT_MARKER).ok_or(TemplateError::Misplaced(Marker::Content))?;
        let template = Template { parts: [before.to_string(), between.to_string(), after.to_string()] };
        if set_lang(&template.parts[0], "en").is_none() {
            return Err(TemplateError::NoHtmlTag);
        }
        Ok(template)
    }

    /// The template for pages in `lang` (a checked language tag): its
    /// `<html>` tag's `lang` set to it, added or replaced.
    pub fn in_language(&self, lang: &str) -> Template {
        let mut parts = self.parts.clone();
        if let Some(first) = set_lang(&parts[0], lang) {
            parts[0] = first;
        }
        Template { parts }
    }

    /// The page with `head` at the head marker and `content` at the content marker.
    pub fn page(&self, head: &str, content: &str) -> String {
        let [before, between, after] = &self.parts;
        let mut out = String::with_capacity(before.len() + head.len() + between.len() + content.len() + after.len());
        for part in [before.as_str(), head, between, content, after] {
            out.push_str(part);
        }
        out
    }
}

/// `html` with `lang` on its `<html>` tag; `None` when it has no such tag.
fn set_lang(html: &str, lang: &str) -> Option<String> {
    let found = std::cell::Cell::new(false);
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("html", |el| {
        found.set(true);
        el.set_attribute("lang", &escape_attribute(lang))?;
        Ok(())
    }));
    let out = rewrite_str(html, settings).ok()?;
    found.get().then_some(out)
}

/// Where the markers are in the parsed document, and that its head leaves
/// to the head marker what the head marker writes.
fn check_document(document: &Html) -> Result<(), TemplateError> {
    let within = |marker: Marker, parent: &str| {
        let comment = marker.text().trim_start_matches("<!--").trim_end_matches("-->");
        document.tree.nodes().any(|node| {
            matches!(node.value(), Node::Comment(c) if *c.comment == *comment)
                && node.ancestors().filter_map(ElementRef::wrap).any(|el| el.value().name() == parent)
        })
    };
    if !within(Marker::Head, "head") {
        return Err(TemplateError::Misplaced(Marker::Head));
    }
    if !within(Marker::Content, "body") {
        return Err(TemplateError::Misplaced(Marker::Content));
    }
    let head = document.root_element().children().filter_map(ElementRef::wrap).find(|el| el.value().name() == "head");
    for el in head.iter().flat_map(|h| h.descendants()).filter_map(ElementRef::wrap) {
        if let Some(tag) = own_tag(el) {
            return Err(TemplateError::OwnTag(tag));
        }
    }
    Ok(())
}

/// The tag as the template would write it, when the head marker writes one
/// like it for each page: two would contradict each other, and previews
/// and search engines take the first.
fn own_tag(el: ElementRef<'_>) -> Option<String> {
    let value = |name: &str| el.value().attr(name).map(|v| v.trim().to_ascii_lowercase());
    match el.value().name() {
        "title" => Some("<title>".into()),
        "base" => Some("<base>".into()),
        "meta" if el.value().attr("charset").is_some() => Some("<meta charset>".into()),
        "meta" if value("http-equiv").as_deref() == Some("content-type") => Some("<meta http-equiv=\"content-type\">".into()),
        "meta" => {
            let name = value("name").unwrap_or_default();
            let property = value("property").unwrap_or_default();
            if matches!(name.as_str(), "description" | "viewport") || name.starts_with("twitter:") {
                Some(format!("<meta name=\"{name}\">"))
            } else if property.starts_with("og:") || property.starts_with("article:") {
                Some(format!("<meta property=\"{property}\">"))
            } else {
                None
            }
        }
        "link" if value("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "canonical")) => Some("<link rel=\"canonical\">".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "<!DOCTYPE html><html lang=\"de\" class=\"site\"><head><link rel=\"stylesheet\" href=\"/site.css\"><!-- newsroom:head --></head>\
        <body><header>Acme</header><main><!-- newsroom:content --></main><footer>©</footer></body></html>";

    #[test]
    fn a_template_with_both_markers_in_place_is_filled() {
        let t = Template::parse(OK).unwrap();
        assert_eq!(t.page("<title>T</title>", "<p>news</p>"), "<!DOCTYPE html><html lang=\"de\" class=\"site\"><head><link rel=\"stylesheet\" href=\"/site.css\"><title>T</title></head>\
            <body><header>Acme</header><main><p>news</p></main><footer>©</footer></body></html>");
        let zh = t.in_language("zh-CN").page("", "");
        assert!(zh.starts_with("<!DOCTYPE html><html lang=\"zh-CN\" class=\"site\"><head>"), "{zh}");
        // A template without `lang` gets one.
        let bare = Template::parse(&OK.replace(" lang=\"de\"", "")).unwrap().in_language("en").page("", "");
        assert!(bare.contains("<html class=\"site\" lang=\"en\">"), "{bare}");
    }

    #[test]
    fn the_default_template_is_todays_page() {
        let t = Template::parse(DEFAULT).unwrap();
        let page = t.in_language("zh-CN").page("<title>T</title>\n", "<div data-newsroom></div>");
        for part in ["<html lang=\"zh-CN\">", "<meta name=\"color-scheme\" content=\"light dark\">", "<main>\n      <div data-newsroom></div>\n    </main>"] {
            assert!(page.contains(part), "{part}\nnot in\n{page}");
        }
    }

    #[test]
    fn a_missing_marker_is_named() {
        assert_eq!(Template::parse(&OK.replace(CONTENT_MARKER, "")), Err(TemplateError::Missing(Marker::Content)));
        assert_eq!(Template::parse(&OK.replace(HEAD_MARKER, "")), Err(TemplateError::Missing(Marker::Head)));
        assert_eq!(Template::parse(""), Err(TemplateError::Missing(Marker::Head)));
        // Near misses are not the marker.
        assert_eq!(Template::parse(&OK.replace(CONTENT_MARKER, "<!--newsroom:content-->")), Err(TemplateError::Missing(Marker::Content)));
    }

    #[test]
    fn a_repeated_marker_is_refused() {
        let twice = OK.replace("<footer>", &format!("{CONTENT_MARKER}<footer>"));
        assert_eq!(Template::parse(&twice), Err(TemplateError::Repeated { marker: Marker::Content, count: 2 }));
        let thrice = OK.replace("</head>", &format!("{HEAD_MARKER}{HEAD_MARKER}</head>"));
        assert_eq!(Template::parse(&thrice), Err(TemplateError::Repeated { marker: Marker::Head, count: 3 }));
    }

    #[test]
    fn markers_must_be_where_they_belong() {
        let swapped = OK.replace(HEAD_MARKER, "@").replace(CONTENT_MARKER, HEAD_MARKER).replace('@', CONTENT_MARKER);
        assert_eq!(Template::parse(&swapped), Err(TemplateError::Misplaced(Marker::Head)));
        let in_title = OK.replace(HEAD_MARKER, &format!("<script>var x = '{HEAD_MARKER}';</script>"));
        assert_eq!(Template::parse(&in_title), Err(TemplateError::Misplaced(Marker::Head)));
        let after_body = OK.replace(CONTENT_MARKER, "").replace("</html>", &format!("</html>{CONTENT_MARKER}"));
        // After `</html>` a comment belongs to the document, not to `<body>`.
        assert_eq!(Template::parse(&after_body), Err(TemplateError::Misplaced(Marker::Content)));
        let in_attribute = OK.replace(CONTENT_MARKER, "").replace("<footer>", &format!("<footer title=\"{CONTENT_MARKER}\">"));
        assert_eq!(Template::parse(&in_attribute), Err(TemplateError::Misplaced(Marker::Content)));
        let no_html = "<head><!-- newsroom:head --></head><body><!-- newsroom:content --></body>";
        assert_eq!(Template::parse(no_html), Err(TemplateError::NoHtmlTag));
    }

    #[test]
    fn the_head_leaves_each_pages_own_tags_to_the_marker() {
        for (tag, named) in [
            ("<title>Acme</title>", "<title>"),
            ("<meta charset=\"utf-8\">", "<meta charset>"),
            ("<meta name=\"Description\" content=\"x\">", "<meta name=\"description\">"),
            ("<meta name=\"viewport\" content=\"x\">", "<meta name=\"viewport\">"),
            ("<meta property=\"og:title\" content=\"x\">", "<meta property=\"og:title\">"),
            ("<meta name=\"twitter:card\" content=\"x\">", "<meta name=\"twitter:card\">"),
            ("<link rel=\"Canonical\" href=\"/\">", "<link rel=\"canonical\">"),
            ("<base href=\"/\">", "<base>"),
        ] {
            let t = OK.replace("</head>", &format!("{tag}</head>"));
            assert_eq!(Template::parse(&t), Err(TemplateError::OwnTag(named.into())), "{tag}");
        }
        // In the body they are the site's own business.
        assert!(Template::parse(&OK.replace("<footer>", "<footer><svg><title>logo</title></svg>")).is_ok());
    }
}
