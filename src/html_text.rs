//! Plain text from `content_html`, for searching and for list summaries.
//!
//! This never produces markup for the page (the sanitizer does that in the
//! browser); it only needs the words and where paragraphs break.

use crate::cut::cut;
use crate::entities::decode_entities;

/// The text of an HTML fragment, with block boundaries as blank lines.
#[cfg_attr(newsroom_speed, optimize(speed))]
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(cut(rest, ..lt), &mut out);
        let after = cut(rest, lt + 1..);
        let Some(gt) = after.find('>') else {
            // A lone '<' is text, as browsers treat it.
            push_decoded(cut(rest, lt..), &mut out);
            return tidy(&out);
        };
        let tag = cut(after, ..gt);
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = cut(after, gt + 1..);
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style" | "template") {
            // Their content is never shown, so it must not be searchable.
            // A byte search: a `&str` pattern brings a substring-search
            // algorithm into the wasm (and its slicing panic) for this one use.
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.as_bytes().windows(close.len()).position(|w| w == close.as_bytes()) {
                Some(i) => cut(rest, i..).find('>').map_or("", |j| cut(rest, i + j + 1..)),
                None => "",
            };
        } else if is_block(&name) {
            out.push_str("\n\n");
        } else if name == "br" {
            out.push('\n');
        }
    }
    push_decoded(rest, &mut out);
    tidy(&out)
}

/// Paragraphs of plain text: separated by blank lines, trimmed, non-empty.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    // `split("\n\n")` by hand: a `&str` pattern brings a substring-search
    // algorithm into the wasm for this one use.
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        let split = r.as_bytes().windows(2).position(|w| w == b"\n\n").map(|i| (cut(r, ..i), cut(r, i + 2..)));
        match split {
            Some((paragraph, after)) => {
                rest = Some(after);
                Some(paragraph)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
    .map(str::trim)
    .filter(|p| !p.is_empty())
}

fn is_block(name: &str) -> bool {
    matches!(name, "p" | "div" | "li" | "ul" | "ol" | "blockquote" | "pre" | "table" | "tr"
        | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "figure" | "figcaption" | "section" | "hr")
}

/// `s`'s words with one space between them: no runs of white space, none
/// at either end.
pub fn single_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Collapses runs of spaces within lines and keeps at most one blank line.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.split('\n') {
        let line = single_spaced(line);
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = 0;
    }
    out
}

fn push_decoded(s: &str, out: &mut String) {
    out.push_str(&decode_entities(s));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs() {
        let text = html_to_text("<p>First <strong>bold</strong> line.</p><ul><li>one</li><li>two</li></ul><p>Last</p>");
        assert_eq!(paragraphs(&text).collect::<Vec<_>>(), ["First bold line.", "one", "two", "Last"]);
    }

    #[test]
    fn paragraphs_split_like_str_split_on_a_blank_line() {
        for text in ["", "a", "\n\n", "a\n\nb", "a\n\n\nb", "a\n\n\n\nb\n", "\n\n\n x \n \n y", "a\nb\r\n\r\nc", "中\n\n文"] {
            let expected: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
            assert_eq!(paragraphs(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn decodes_entities_and_drops_scripts() {
        let text = html_to_text("<p>A &amp; B &lt;ok&gt; &#38;&#x4E2D; &bogus; caf&eacute;</p><script>var x = '<p>';</script><style>p{}</style>tail");
        assert_eq!(text, "A & B <ok> &中 &bogus; café\n\ntail");
        // Closed in any case, after other tags and text that only look like a close.
        let text = html_to_text("<p>铬盐</p><SCRIPT>if (a </ b) { x = '</scrip'; }</Script >后<style>p{}</STYLE>尾");
        assert_eq!(text, "铬盐\n\n后尾");
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(html_to_text("<p>x<script>never closed"), "x");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(html_to_text("one<br>two"), "one\ntwo");
    }
}
