//! Bundle HTML as a static page may show it: the same policy as the page
//! (`newsroom::html_policy`) applied the same way as `src/browser/sanitizer.rs`.
//! The HTML is parsed into a tree by a spec-compliant parser (html5ever, with
//! scripting disabled like the page's DOMParser), only what the policy
//! allows is walked, and the result is written out again with every text
//! and attribute value escaped. So whatever the parser made text (the
//! inside of `<xmp>`, `<noembed>`, `<noframes>`) can only come out as text.

use html5ever::driver::{parse_document, ParseOpts};
use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use newsroom::html_policy::{added_attributes, attribute_allowed, element_rule, is_url_attribute, safe_url, ElementRule, MAX_DEPTH};
use scraper::{ElementRef, Html, HtmlTreeSink, Node};

use crate::escape::{escape_attribute, escape_text};
use crate::site::links::rebase;

/// Elements without an end tag.
const VOID: &[&str] = &["br", "hr", "img"];

/// The safe part of `html` as the page at `page` (a path from the site's
/// root, such as `articles/plant/index.html`) shows it: the same policy,
/// with the feed's relative addresses climbing to the site's root, where
/// the feed is (see `links::rebase`).
pub fn sanitize_on_page(html: &str, page: &str) -> String {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
        ..Default::default()
    };
    let document = parse_document(HtmlTreeSink::new(Html::new_document()), opts).one(html);
    let mut out = String::with_capacity(html.len());
    if let Some(body) = body(&document) {
        copy_children(body, &mut out, 0, page);
    }
    out
}

/// The document's body as `document.body` finds it: the first child of
/// `<html>` that is a `<body>` or a `<frameset>`.
fn body(document: &Html) -> Option<ElementRef<'_>> {
    document.root_element().children().filter_map(ElementRef::wrap).find(|el| matches!(el.value().name(), "body" | "frameset"))
}

fn copy_children(from: ElementRef<'_>, out: &mut String, depth: usize, page: &str) {
    for child in from.children() {
        match child.value() {
            Node::Text(text) => out.push_str(&escape_text(text)),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    copy_element(el, out, depth, page);
                }
            }
            _ => {} // comments, processing instructions: nothing a reader sees
        }
    }
}

fn copy_element(el: ElementRef<'_>, out: &mut String, depth: usize, page: &str) {
    let name = el.value().name().to_ascii_lowercase();
    let rule = element_rule(&name);
    if rule == ElementRule::Drop {
        return;
    }
    if depth >= MAX_DEPTH {
        out.push_str(&escape_text(&el.text().collect::<String>()));
        return;
    }
    if rule == ElementRule::Unwrap {
        copy_children(el, out, depth + 1, page);
        return;
    }
    out.push('<');
    out.push_str(&name);
    for (attr, value) in el.value().attrs() {
        let attr = attr.to_ascii_lowercase();
        if !attribute_allowed(&name, &attr) {
            continue;
        }
        if !is_url_attribute(&attr) {
            push_attribute(out, &attr, value);
        } else if let Some(url) = safe_url(value, name == "a") {
            push_attribute(out, &attr, &rebase(url, page));
        }
    }
    for (attr, value) in added_attributes(&name) {
        push_attribute(out, attr, value);
    }
    out.push('>');
    if VOID.contains(&name.as_str()) {
        return;
    }
    // A parser drops the newline right after `<pre>`; one that was content
    // must be written twice to survive the next parse.
    if name == "pre" && el.children().next().is_some_and(|c| matches!(c.value(), Node::Text(t) if t.starts_with('\n'))) {
        out.push('\n');
    }
    copy_children(el, out, depth + 1, page);
    out.push_str("</");
    out.push_str(&name);
    out.push('>');
}

fn push_attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(&escape_attribute(value));
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The safe part of `html` on a page at the site's root.
    fn sanitize(html: &str) -> String {
        sanitize_on_page(html, "index.html")
    }

    #[test]
    fn ordinary_article_html_comes_through() {
        let html = concat!(
            "<h2>Plant opens</h2><p>On <strong>Monday</strong> we <em>opened</em> a plant. ",
            "<a href=\"https://example.com/plant\" title=\"Tour\">Take the tour</a>.</p>",
            "<figure><img src=\"/images/plant.jpg\" alt=\"The plant\" width=\"640\" height=\"480\"><figcaption>The plant</figcaption></figure>",
            "<ul><li>One</li><li>Two</li></ul><ol start=\"3\"><li>Three</li></ol>",
            "<table><thead><tr><th scope=\"col\">Year</th></tr></thead><tbody><tr><td colspan=\"2\">2024</td></tr></tbody></table>",
            "<blockquote cite=\"https://example.com/q\"><p>Quote</p></blockquote><pre>\n\nindented\n</pre><br><hr>",
        );
        let expected = concat!(
            "<h2>Plant opens</h2><p>On <strong>Monday</strong> we <em>opened</em> a plant. ",
            "<a href=\"https://example.com/plant\" title=\"Tour\" rel=\"noopener noreferrer\">Take the tour</a>.</p>",
            "<figure><img src=\"/images/plant.jpg\" alt=\"The plant\" width=\"640\" height=\"480\" loading=\"lazy\"><figcaption>The plant</figcaption></figure>",
            "<ul><li>One</li><li>Two</li></ul><ol start=\"3\"><li>Three</li></ol>",
            "<table><thead><tr><th scope=\"col\">Year</th></tr></thead><tbody><tr><td colspan=\"2\">2024</td></tr></tbody></table>",
            "<blockquote cite=\"https://example.com/q\"><p>Quote</p></blockquote><pre>\n\nindented\n</pre><br><hr>",
        );
        assert_eq!(sanitize(html), expected);
    }

    #[test]
    fn wrappers_are_unwrapped_and_tables_completed_as_a_browser_does() {
        assert_eq!(sanitize("<div><font color=red>Hi</font> <section><p>x</p></section></div>"), "Hi <p>x</p>");
        assert_eq!(sanitize("<table><tr><td>1</td></tr></table>"), "<table><tbody><tr><td>1</td></tr></tbody></table>");
        assert_eq!(sanitize("<p>unclosed <b>bold"), "<p>unclosed <b>bold</b></p>");
    }

    #[test]
    fn scripts_and_event_handlers_never_come_out() {
        let cases = [
            ("<img src=x onerror=alert(1)>", "<img src=\"x\" loading=\"lazy\">"),
            ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
            ("<script src=//evil.example/x.js></script>", ""),
            ("<iframe src=\"https://evil.example\"></iframe>after", "after"),
            ("<svg onload=alert(1)><circle r=1></circle></svg>", ""),
            ("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", ""),
            ("<style>body{display:none}</style>text", "text"),
            // Parsed without scripting, like the page: the `</noscript>` is
            // part of the attribute, so no `<img>` appears...
            ("<p>x</p><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<p>x</p>"),
            // ...and a `<p>` ends a `<noscript>` in the head, as in a browser.
            ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<p></p>"),
            ("<object data=x.swf></object><embed src=x.swf><form><input></form>", ""),
            ("<template><img src=x onerror=alert(1)></template>", ""),
            ("<p onclick=\"alert(1)\" style=\"color:red\" class=\"x\" id=\"y\">p</p>", "<p>p</p>"),
            ("<a href=\"/x\" onmouseover=alert(1) target=_blank>x</a>", "<a href=\"/x\" rel=\"noopener noreferrer\">x</a>"),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input), expected, "{input}");
        }
    }

    #[test]
    fn raw_text_elements_come_out_as_text() {
        assert_eq!(sanitize("<xmp><script>alert(1)</script></xmp>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(sanitize("<noembed><img src=x onerror=alert(1)></noembed>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(sanitize("<listing><b>x</b></listing>"), "<b>x</b>");
        assert_eq!(sanitize("<frameset><noframes><img src=x onerror=alert(1)></noframes></frameset>"), "&lt;img src=x onerror=alert(1)&gt;");
    }

    #[test]
    fn only_safe_addresses_are_kept() {
        for href in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "java&#x09;script:alert(1)",
            "&#106;avascript:alert(1)", " javascript:alert(1)", "jav&#x0A;ascript:alert(1)", "data:text/html,<script>x</script>", "vbscript:x"] {
            let out = sanitize(&format!("<a href=\"{href}\">x</a>"));
            assert_eq!(out, "<a rel=\"noopener noreferrer\">x</a>", "{href}");
        }
        assert_eq!(sanitize("<img src=\"javascript:alert(1)\">"), "<img loading=\"lazy\">");
        assert_eq!(sanitize("<img src=\"mailto:a@b\">"), "<img loading=\"lazy\">");
        assert_eq!(sanitize("<a href=\"mailto:a@b.example\">m</a>"), "<a href=\"mailto:a@b.example\" rel=\"noopener noreferrer\">m</a>");
        assert_eq!(sanitize("<q cite=\"javascript:x\">q</q>"), "<q>q</q>");
    }

    #[test]
    fn relative_addresses_climb_from_the_page_to_the_feed() {
        let html = "<p><img src=\"images/plant.svg\"><a href=\"news/a.html\">a</a><a href=\"https://example.com/b\">b</a><a href=\"#n\">n</a><img src=\"/x.png\"></p>";
        assert_eq!(sanitize_on_page(html, "articles/plant/index.html"), concat!(
            "<p><img src=\"../../images/plant.svg\" loading=\"lazy\"><a href=\"../../news/a.html\" rel=\"noopener noreferrer\">a</a>",
            "<a href=\"https://example.com/b\" rel=\"noopener noreferrer\">b</a><a href=\"#n\" rel=\"noopener noreferrer\">n</a><img src=\"/x.png\" loading=\"lazy\"></p>"));
        assert_eq!(sanitize_on_page("<a href=\"javascript:alert(1)\">x</a>", "articles/x/index.html"), "<a rel=\"noopener noreferrer\">x</a>");
    }

    #[test]
    fn entities_stay_escaped() {
        assert_eq!(sanitize("<p>&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D &copy; 5 > 4</p>"), "<p>&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D © 5 &gt; 4</p>");
        assert_eq!(sanitize("<a href=\"/a?x=1&amp;y=&quot;2&quot;\" title='\"&lt;b&gt;'>x</a>"),
            "<a href=\"/a?x=1&amp;y=&quot;2&quot;\" title=\"&quot;&lt;b&gt;\" rel=\"noopener noreferrer\">x</a>");
        assert_eq!(sanitize("plain <!-- a comment --> text"), "plain  text");
    }

    #[test]
    fn deep_nesting_is_flattened_to_text() {
        let depth = 200;
        let html = format!("{}deep<script>s</script>{}", "<b>".repeat(depth), "</b>".repeat(depth));
        let out = sanitize(&html);
        assert_eq!(out.matches("<b>").count(), MAX_DEPTH);
        assert!(out.contains("deeps") && !out.contains("<script"), "{out}");
        // Unwrapped wrappers count towards the depth too.
        let divs = format!("{}<i>x</i>{}", "<div>".repeat(MAX_DEPTH), "</div>".repeat(MAX_DEPTH));
        assert_eq!(sanitize(&divs), "x");
    }

    #[test]
    fn what_comes_out_is_stable() {
        for html in ["<p>a<b>b<i>c</p>d</i>e", "<table><td>x<p>y</table>", "<a href=/a><a href=/b>x</a></a>", "<pre>\nx</pre>", "<ul><li>a<li>b</ul>"] {
            let once = sanitize(html);
            assert_eq!(sanitize(&once), once, "{html}");
        }
    }
}
