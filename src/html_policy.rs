//! What the sanitizer lets through from `content_html`: the allowlist itself,
//! kept here as plain data so it is tested without a browser, and shared by
//! the page's sanitizer and the static site `newsroom build` writes.

/// What to do with an element found in untrusted HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementRule {
    /// Copy it (with its allowed attributes) and its children.
    Keep,
    /// Drop the element but keep its children (harmless wrappers such as `<font>`).
    Unwrap,
    /// Drop it and everything inside it.
    Drop,
}

/// The rule for a lower-case element name.
pub fn element_rule(name: &str) -> ElementRule {
    match name {
        "p" | "br" | "hr" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "em" | "i" | "u" | "s"
        | "sub" | "sup" | "small" | "mark" | "abbr" | "cite" | "q" | "code" | "pre" | "blockquote" | "ul"
        | "ol" | "li" | "dl" | "dt" | "dd" | "a" | "img" | "figure" | "figcaption" | "table" | "thead"
        | "tbody" | "tfoot" | "tr" | "th" | "td" | "caption" => ElementRule::Keep,
        "script" | "style" | "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "form"
        | "input" | "button" | "select" | "textarea" | "option" | "svg" | "math" | "template" | "noscript"
        | "link" | "meta" | "base" | "head" | "title" | "audio" | "video" | "source" | "track" | "canvas"
        | "portal" | "dialog" | "slot" => ElementRule::Drop,
        _ => ElementRule::Unwrap,
    }
}

/// Whether `attr` (lower-case) may be copied onto element `name`.
/// URL-valued attributes must still pass [`safe_url`].
pub fn attribute_allowed(name: &str, attr: &str) -> bool {
    matches!((name, attr),
        ("a", "href" | "title")
        | ("img", "src" | "alt" | "title" | "width" | "height")
        | ("td" | "th", "colspan" | "rowspan")
        | ("th", "scope")
        | ("ol", "start")
        | ("abbr", "title")
        | ("q" | "blockquote", "cite"))
}

/// Attributes every copy of element `name` gets, whatever the source said:
/// links open nothing with access to the page, and pictures load when near.
pub fn added_attributes(name: &str) -> &'static [(&'static str, &'static str)] {
    match name {
        "a" => &[("rel", "noopener noreferrer")],
        "img" => &[("loading", "lazy")],
        _ => &[],
    }
}

/// Deeper nesting than this is flattened to text: no real article needs it,
/// and it keeps hostile input from recursing without bound.
pub const MAX_DEPTH: usize = 64;

/// Whether an attribute value is a URL that the sanitizer must check.
pub fn is_url_attribute(attr: &str) -> bool {
    matches!(attr, "href" | "src" | "cite")
}

/// `url` if it is http(s), `mailto:` (links only) or relative; otherwise `None`.
/// Browsers ignore tabs, newlines and leading control characters in schemes,
/// so those are stripped before the scheme is judged.
pub fn safe_url(url: &str, is_link: bool) -> Option<&str> {
    let trimmed = url.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    let compact: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).take(16).collect();
    let lower = compact.to_ascii_lowercase();
    let scheme_end = lower.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    // (A byte compared, not a `str` slice: see `cut.rs`.)
    let has_scheme = scheme_end.is_some_and(|i| i > 0 && lower.as_bytes().get(i) == Some(&b':'));
    let allowed = !has_scheme
        || lower.starts_with("http:")
        || lower.starts_with("https:")
        || (is_link && lower.starts_with("mailto:"));
    allowed.then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_elements_are_dropped_with_their_content() {
        for name in ["script", "iframe", "object", "embed", "form", "svg", "math", "style", "template"] {
            assert_eq!(element_rule(name), ElementRule::Drop, "{name}");
        }
        assert_eq!(element_rule("p"), ElementRule::Keep);
        assert_eq!(element_rule("img"), ElementRule::Keep);
        assert_eq!(element_rule("font"), ElementRule::Unwrap);
        assert_eq!(element_rule("section"), ElementRule::Unwrap);
    }

    #[test]
    fn only_listed_attributes_pass() {
        assert!(attribute_allowed("a", "href"));
        assert!(attribute_allowed("img", "src"));
        assert_eq!(added_attributes("a"), [("rel", "noopener noreferrer")]);
        assert!(added_attributes("p").is_empty());
        for (el, attr) in [("img", "onerror"), ("a", "onclick"), ("p", "style"), ("a", "target"), ("p", "class"), ("img", "srcset")] {
            assert!(!attribute_allowed(el, attr), "{el} {attr}");
        }
    }

    #[test]
    fn urls_must_be_http_mailto_or_relative() {
        for ok in ["https://example.com/a", "http://x", "/news/a.png", "images/a.svg", "#top", "?a=1", "a:b/../c".split(':').next().unwrap_or_default()] {
            assert_eq!(safe_url(ok, false), Some(ok), "{ok}");
        }
        assert_eq!(safe_url("mailto:press@example.com", true), Some("mailto:press@example.com"));
        assert_eq!(safe_url("mailto:press@example.com", false), None);
        assert_eq!(safe_url("  https://x  ", true), Some("https://x"));
        for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "\u{1}javascript:x",
            "data:text/html,x", "vbscript:x", "file:///etc/passwd", "jav\nascript:x"] {
            assert_eq!(safe_url(bad, true), None, "{bad:?}");
        }
    }
}
