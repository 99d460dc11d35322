//! HTML from sources, rewritten with lol_html: relative addresses resolved,
//! the first image found for an item that names none, and the text of a
//! title that a source wrote as HTML. Sources send broken HTML often; every
//! function here gives back something usable instead of failing.

use lol_html::html_content::Element;
use lol_html::{doc_text, element, rewrite_str, RewriteStrSettings};

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

/// `&`, `"` and `<` written as entities, for a value put back in an attribute.
fn escape_attribute(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// `text` with HTML character references replaced by the characters they
/// name: every numeric one, and the named ones news sites actually use.
/// Anything else (a bare `&`, an unknown name) stays as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((decoded, used)) => {
                out.push_str(&decoded);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `s` (which starts with `&`):
/// what it stands for and how many bytes it takes.
fn reference(s: &str) -> Option<(String, usize)> {
    let body = s.get(1..)?;
    if let Some(number) = body.strip_prefix('#') {
        let (digits, radix, skip) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (number, 10, 2),
        };
        let len = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
        if len == 0 || len > 8 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..len], radix).ok()?;
        // The semicolon is optional for numeric references in HTML.
        let used = skip + len + usize::from(digits[len..].starts_with(';'));
        return Some((numeric_char(code).to_string(), used));
    }
    let len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
    if len == 0 || len > 10 || !body[len..].starts_with(';') {
        return None;
    }
    let decoded = named(&body[..len])?;
    Some((decoded.to_string(), 1 + len + 1))
}

/// A numeric reference's character, with the Windows-1252 reading browsers
/// give to 128–159 (old CMSs write `&#146;` for a right quote).
fn numeric_char(code: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let code = match code {
        0x80..=0x9F => CP1252[(code - 0x80) as usize],
        other => other,
    };
    match char::from_u32(code) {
        Some('\0') | None => '\u{FFFD}',
        Some(c) => c,
    }
}

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "shy" => "\u{AD}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "micro" => "µ",
        "para" => "¶",
        "sect" => "§",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sup2" => "²",
        "sup3" => "³",
        "prime" => "′",
        "Prime" => "″",
        "dagger" => "†",
        "Dagger" => "‡",
        "permil" => "‰",
        "iexcl" => "¡",
        "iquest" => "¿",
        "eacute" => "é",
        "Eacute" => "É",
        "egrave" => "è",
        "agrave" => "à",
        "aacute" => "á",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        "oacute" => "ó",
        "iacute" => "í",
        "uacute" => "ú",
        _ => return None,
    })
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
        assert_eq!(decode_entities("&#146;&#x2014;&unknown;&amp"), "’—&unknown;&amp");
        assert_eq!(decode_entities("&#0;&#99999999;&#xD800;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
    }
}
