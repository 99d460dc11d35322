//! HTML character references (`&amp;`, `&#8217;`, `&mdash;`): what they
//! stand for. The page decodes them in text made from `content_html`, the
//! command in titles and summaries it imports: one decoder for both.

use crate::cut::cut;

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
        out.push_str(cut(rest, ..at));
        rest = cut(rest, at..);
        match reference(rest) {
            Some((decoded, used)) => {
                out.push_str(&decoded);
                rest = cut(rest, used..);
            }
            None => {
                out.push('&');
                rest = cut(rest, 1..);
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
        let code = u32::from_str_radix(cut(digits, ..len), radix).ok()?;
        // The semicolon is optional for numeric references in HTML.
        let used = skip + len + usize::from(cut(digits, len..).starts_with(';'));
        return Some((numeric_char(code).to_string(), used));
    }
    let len = body.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(body.len());
    if len == 0 || len > 10 || !cut(body, len..).starts_with(';') {
        return None;
    }
    let decoded = named(cut(body, ..len))?;
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

    #[test]
    fn numeric_named_and_windows_1252_references() {
        assert_eq!(decode_entities("&#146;&#x2014;&unknown;&amp"), "’—&unknown;&amp");
        assert_eq!(decode_entities("&#0;&#99999999;&#xD800;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
        assert_eq!(decode_entities("R&amp;D &mdash; 5 &lt; 6 &hellip;"), "R&D — 5 < 6 …");
        assert_eq!(decode_entities("&#20844;&#x53F8;"), "公司");
        assert_eq!(decode_entities("no references"), "no references");
    }
}
