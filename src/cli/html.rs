//! HTML from sources, rewritten with lol_html: relative addresses resolved,
//! the first image found for an item that names none, and the text of a
//! title that a source wrote as HTML. Sources send broken HTML often; every
//! function here gives back something usable instead of failing.

use lol_html::html_content::Element;
use lol_html::{doc_text, element, rewrite_str, RewriteStrSettings};
pub use newsroom::entities::decode_entities;

use crate::escape::escape_attribute;

/// Attributes that hold one address, as `selector`, `attribute` pairs.
const SINGLE_URL: &[(&str, &str)] = &[
    ("a[href]", "href"),
    ("area[href]", "href"),
    ("img[src]", "src"),
    ("source[src]", "src"),
    ("video[src]", "src"),
    ("video[poster]", "poster"),
    ("audio[src]", "src"),
    ("track[src]", "src"),
    ("iframe[src]", "src"),
    ("embed[src]", "src"),
    ("object[data]", "data"),
    ("blockquote[cite]", "cite"),
    ("q[cite]", "cite"),
    ("ins[cite]", "cite"),
    ("del[cite]", "cite"),
];

/// `html` with every relative `href`, `src`, `srcset` (and the like)
/// resolved against `base`. Absolute addresses, `mailto:` and other schemes,
/// and links to a `#fragment` of the same page are left as they are.
pub fn resolve_urls(html: &str, base: &url::Url) -> String {
    let mut settings = RewriteStrSettings::new()
        .with_strict(false)
        .with_enable_esi_tags(false);
    for &(selector, attribute) in SINGLE_URL {
        settings = settings.append_element_content_handler(element!(selector, move |el| {
            resolve_attribute(el, attribute, base);
            Ok(())
        }));
    }
    for selector in ["img[srcset]", "source[srcset]"] {
        settings = settings.append_element_content_handler(element!(selector, |el| {
            if let Some(raw) = el.get_attribute("srcset") {
                let resolved = resolve_srcset(&decode_entities(&raw), base);
                // A value lol_html refuses cannot be written; the old one stays.
                let _ = el.set_attribute("srcset", &escape_attribute(&resolved));
            }
            Ok(())
        }));
    }
    // A rewriter that gives up leaves the body as the source wrote it, relative
    // links and all, rather than losing it.
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

fn resolve_attribute(el: &mut Element<'_, '_>, attribute: &str, base: &url::Url) {
    let Some(raw) = el.get_attribute(attribute) else {
        return;
    };
    if let Some(resolved) = resolve_one(&decode_entities(&raw), base) {
        let _ = el.set_attribute(attribute, &escape_attribute(&resolved));
    }
}

/// The absolute form of `value`, or `None` when it must stay as written.
fn resolve_one(value: &str, base: &url::Url) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.starts_with('#') {
        return None;
    }
    match url::Url::parse(value) {
        Ok(_) => None,
        Err(url::ParseError::RelativeUrlWithoutBase) => base.join(value).ok().map(String::from),
        Err(_) => None,
    }
}

/// A `srcset` with each candidate's address resolved; descriptors (`2x`,
/// `640w`) kept. Candidates are split the way browsers split them: an address
/// runs to the next whitespace, a trailing comma ends a candidate.
fn resolve_srcset(srcset: &str, base: &url::Url) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (mut address, after) = rest.split_at(end);
        let mut descriptor = "";
        rest = after;
        if address.ends_with(',') {
            address = address.trim_end_matches(',');
        } else {
            let stop = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..stop].trim();
            rest = &rest[stop..];
        }
        let address = resolve_one(address, base).unwrap_or_else(|| address.to_string());
        if descriptor.is_empty() {
            out.push(address);
        } else {
            out.push(format!("{address} {descriptor}"));
        }
    }
    out.join(", ")
}

/// The `src` of the first `<img>` in `html` that has one, entities decoded.
pub fn first_image(html: &str) -> Option<String> {
    let mut found: Option<String> = None;
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .with_enable_esi_tags(false)
        .append_element_content_handler(element!("img[src]", |el| {
            if found.is_none() {
                if let Some(src) = el.get_attribute("src") {
                    let src = decode_entities(&src).trim().to_string();
                    if !src.is_empty() {
                        found = Some(src);
                    }
                }
            }
            Ok(())
        }));
    // Whatever was found before a rewriter error is still the first image.
    let _ = rewrite_str(html, settings);
    found
}

/// The text of an HTML fragment: tags dropped, entities decoded, runs of
/// whitespace made one space, trimmed. For titles that sources write as HTML.
pub fn text_of(html: &str) -> String {
    let mut raw = String::new();
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .with_enable_esi_tags(false)
        .append_document_content_handler(doc_text!(|chunk| {
            raw.push_str(chunk.as_str());
            Ok(())
        }));
    if rewrite_str(html, settings).is_err() {
        raw = html.to_string();
    }
    collapse_whitespace(&decode_entities(&raw))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}


#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> url::Url {
        url::Url::parse("https://www.lingyue-chem.com/news/2024/").unwrap()
    }

    #[test]
    fn resolve_urls_makes_relative_addresses_absolute() {
        let html = r#"<p><a href="plant-tour.html">Tour</a> <a href="/en/products/">Products</a>
<img src="../../uploads/kiln.jpg" alt="Kiln"> <a href="//cdn.lingyue-chem.com/a.pdf">PDF</a></p>"#;
        let out = resolve_urls(html, &base());
        assert!(out.contains(r#"href="https://www.lingyue-chem.com/news/2024/plant-tour.html""#), "{out}");
        assert!(out.contains(r#"href="https://www.lingyue-chem.com/en/products/""#), "{out}");
        assert!(out.contains(r#"src="https://www.lingyue-chem.com/uploads/kiln.jpg""#), "{out}");
        assert!(out.contains(r#"href="https://cdn.lingyue-chem.com/a.pdf""#), "{out}");
        assert!(out.contains(r#"alt="Kiln""#));
    }

    #[test]
    fn resolve_urls_leaves_absolute_mailto_and_fragments() {
        let html = r##"<a href="https://example.org/x">x</a><a href="mailto:press@lingyue-chem.com">m</a><a href="#top">t</a><a href="tel:+864163000000">p</a><a href="">e</a>"##;
        assert_eq!(resolve_urls(html, &base()), html);
    }

    #[test]
    fn resolve_urls_handles_srcset_source_and_entities() {
        let html = r#"<picture><source srcset="a.webp 1x, b.webp 2x" type="image/webp"><source src="v.mp4"><img src="c.jpg?w=1&amp;h=2" srcset="c-640.jpg 640w,c-1280.jpg 1280w, https://x.org/d.jpg 2x"></picture>"#;
        let out = resolve_urls(html, &base());
        let b = "https://www.lingyue-chem.com/news/2024/";
        assert!(out.contains(&format!(r#"srcset="{b}a.webp 1x, {b}b.webp 2x""#)), "{out}");
        assert!(out.contains(&format!(r#"<source src="{b}v.mp4">"#)), "{out}");
        assert!(out.contains(&format!(r#"src="{b}c.jpg?w=1&amp;h=2""#)), "{out}");
        assert!(out.contains(&format!(r#"srcset="{b}c-640.jpg 640w, {b}c-1280.jpg 1280w, https://x.org/d.jpg 2x""#)), "{out}");
    }

    #[test]
    fn resolve_urls_survives_broken_html() {
        for html in ["<a href=\"x", "<img src=", "<<<>>>", "<a href='a'><b><i></a>", "</p></p>", "<img src=\"a.jpg\"", ""] {
            let _ = resolve_urls(html, &base());
            let _ = first_image(html);
            let _ = text_of(html);
        }
        assert!(resolve_urls("<p><a href=\"x.html\">x</p>", &base()).contains("news/2024/x.html"));
    }

    #[test]
    fn first_image_is_the_first_img_with_a_src() {
        assert_eq!(first_image("<p>No image</p>"), None);
        assert_eq!(first_image(r#"<img alt="none"><img src=" "><img src="a.jpg?x=1&amp;y=2"><img src="b.jpg">"#).as_deref(), Some("a.jpg?x=1&y=2"));
        assert_eq!(first_image(r#"<picture><source srcset="s.webp"><img src="/p.png"></picture>"#).as_deref(), Some("/p.png"));
    }

    #[test]
    fn text_of_drops_tags_and_decodes_entities() {
        assert_eq!(text_of("<b>Lingyue</b> &amp; partners&#8217; new  kiln &mdash; 锦州"), "Lingyue & partners’ new kiln — 锦州");
        assert_eq!(text_of("R&D at 5 < 6"), "R&D at 5 < 6");
    }
}
