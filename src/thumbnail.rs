//! The picture that stands for an article on its card, and whether its body
//! already opens with its `image` (so the article view shows it once).
//!
//! Only addresses the sanitizer would let into a `src` count: a card's
//! `<img>` is built by us, outside the sanitizer, so it asks the same policy.
//! Any `<img>` tag of the body counts, even one in markup the sanitizer drops
//! whole (a `<noscript>`): finding those would cost the page more code than
//! such a picture costs the reader, and its address passes the policy all the same.

use crate::cut::cut;
use crate::article::{Article, Body};
use crate::entities::decode_entities;
use crate::html_policy::safe_url;
use crate::html_text::html_to_text;

/// The card's picture: the item's `image` (the bundle's `image`, else its
/// `banner_image`), else the first picture of its HTML body; none otherwise.
pub fn thumbnail(article: &Article) -> Option<String> {
    if let Some(own) = article.image.as_deref().and_then(safe_image) {
        return Some(own.to_string());
    }
    let Body::Html(html) = &article.body else { return None };
    let mut from = 0;
    while let Some((_, end, src)) = next_image(html, from) {
        if let Some(src) = src.as_deref().and_then(safe_image) {
            return Some(src.to_string());
        }
        from = end;
    }
    None
}

/// Whether the body's first thing a reader sees (wrappers such as `<p>`,
/// `<figure>` or `<a>` aside) is the picture `image`.
pub fn body_starts_with(body: &Body, image: &str) -> bool {
    let Body::Html(html) = body else { return false };
    match next_image(html, 0) {
        Some((at, _, Some(src))) => src.trim() == image.trim() && html_to_text(cut(html, ..at)).is_empty(),
        _ => false,
    }
}

/// A picture's address as the sanitizer would keep it; an empty one is none.
pub fn safe_image(url: &str) -> Option<&str> {
    safe_url(url, false).filter(|u| !u.is_empty())
}

/// The first `<img>` tag of `html` from byte `from` on: where it starts and
/// ends, and its decoded `src` if it has one (the first, as in browsers).
/// Bytes, not `&str` patterns: those bring a substring search into the wasm.
fn next_image(html: &str, mut from: usize) -> Option<(usize, usize, Option<String>)> {
    let b = html.as_bytes();
    let space = |i: usize| b.get(i).is_some_and(u8::is_ascii_whitespace);
    let at = loop {
        let at = from + b.get(from..)?.iter().position(|&c| c == b'<')?;
        from = at + 1;
        if b.get(from..from + 3).is_some_and(|n| n.eq_ignore_ascii_case(b"img")) && (space(at + 4) || matches!(b.get(at + 4), Some(b'/' | b'>'))) {
            break at;
        }
    };
    // Its attributes, up to the `>` outside their values.
    let (mut i, mut src) = (at + 4, None);
    loop {
        while space(i) || b.get(i) == Some(&b'/') {
            i += 1;
        }
        if b.get(i).is_none_or(|&c| c == b'>') {
            return Some((at, i + 1, src));
        }
        // A name is at least one byte, even a stray '='.
        let start = i;
        i += 1;
        while i < b.len() && !space(i) && !matches!(b[i], b'=' | b'>') {
            i += 1;
        }
        let name = &b[start..i];
        while space(i) {
            i += 1;
        }
        let mut value = i..i;
        if b.get(i) == Some(&b'=') {
            i += 1;
            while space(i) {
                i += 1;
            }
            let quote = b.get(i).copied().filter(|&q| q == b'"' || q == b'\'');
            i += usize::from(quote.is_some());
            let from = i;
            while i < b.len() && quote.map_or(!space(i) && b[i] != b'>', |q| b[i] != q) {
                i += 1;
            }
            value = from..i;
            i += usize::from(quote.is_some());
        }
        if src.is_none() && name.eq_ignore_ascii_case(b"src") {
            src = Some(decode_entities(cut(html, value)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::test_article;

    fn with(image: Option<&str>, body: Body) -> Article {
        Article { image: image.map(Into::into), ..test_article("T", None, body) }
    }

    fn html(h: &str) -> Body {
        Body::Html(h.into())
    }

    #[test]
    fn the_items_own_image_comes_first() {
        let a = with(Some("images/own.png"), html("<p><img src=\"images/body.png\"></p>"));
        assert_eq!(thumbnail(&a).as_deref(), Some("images/own.png"));
    }

    #[test]
    fn banner_image_when_there_is_no_image() {
        let feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[
            {"id":"a","title":"A","content_text":"x","banner_image":"https://cdn.example.com/banner.jpg"},
            {"id":"b","title":"B","content_text":"x","image":"javascript:alert(1)","banner_image":"/banner.jpg"},
            {"id":"c","title":"C","content_text":"x","image":"/image.jpg","banner_image":"/banner.jpg"}]}"#;
        let bundle = crate::bundle::parse_bundle(feed).expect("a valid feed");
        let thumbs: Vec<_> = bundle.articles.iter().map(thumbnail).collect();
        assert_eq!(thumbs, [Some("https://cdn.example.com/banner.jpg".into()), Some("/banner.jpg".into()), Some("/image.jpg".into())]);
    }

    #[test]
    fn else_the_first_picture_of_the_body() {
        let body = html("<h3>Title</h3><p>Text <img alt='a > b' data-src=\"lazy.png\" src=\"images/a.png?w=1&amp;h=2\"></p><img src=b.png>");
        assert_eq!(thumbnail(&with(None, body)).as_deref(), Some("images/a.png?w=1&h=2"));
        let unquoted = html("<P><IMG SRC=https://example.com/x.jpg ALT=x></P>");
        assert_eq!(thumbnail(&with(None, unquoted)).as_deref(), Some("https://example.com/x.jpg"));
    }

    #[test]
    fn none_without_a_picture() {
        assert_eq!(thumbnail(&with(None, Body::Text("<img src=a.png>".into()))), None);
        assert_eq!(thumbnail(&with(None, Body::Empty)), None);
        assert_eq!(thumbnail(&with(None, html("<p>No picture</p><img alt=x>"))), None);
        assert_eq!(thumbnail(&with(Some("  "), html(""))), None);
    }

    #[test]
    fn only_http_and_relative_addresses() {
        for bad in ["javascript:alert(1)", "data:image/svg+xml,<svg/>", "JaVa\tScRiPt:x", "file:///etc/passwd", "vbscript:x", "mailto:a@b.c"] {
            assert_eq!(thumbnail(&with(Some(bad), Body::Empty)), None, "{bad:?}");
            let body = html(&format!("<img src=\"{bad}\">"));
            assert_eq!(thumbnail(&with(None, body)), None, "{bad:?} in the body");
        }
        // An unsafe image is no image: the body's picture is next.
        let a = with(Some("javascript:x"), html("<img src='data:x'><img src=\"/ok.png\">"));
        assert_eq!(thumbnail(&a).as_deref(), Some("/ok.png"));
        assert_eq!(thumbnail(&with(Some(" https://x/a.png "), Body::Empty)).as_deref(), Some("https://x/a.png"));
    }

    #[test]
    fn only_img_tags_are_pictures() {
        let body = html("<imgx src=x.png><input type=image src=i.png><p>1 <2 < 3 & 4 > 0</p><IMG/src=ok.png>");
        assert_eq!(thumbnail(&with(None, body)).as_deref(), Some("ok.png"));
        // A `>` inside a quoted value does not end the tag; the first `src` counts.
        let quoted = html("<img alt=\"x > src=no.png\" data-src=no.png src='yes.png' src=no.png><img src=next.png>");
        assert_eq!(thumbnail(&with(None, quoted)).as_deref(), Some("yes.png"));
        // Nor does a tag's end stop at an unquoted value's `>`: the value ends there.
        assert_eq!(thumbnail(&with(None, html("<img src=a.png>text"))).as_deref(), Some("a.png"));
    }

    #[test]
    fn a_body_starts_with_its_image_behind_wrappers_only() {
        let image = "images/plant.svg";
        for starts in [
            "<img src=\"images/plant.svg\"><p>Text</p>",
            "\n <figure><a href=x><img alt=\"\" src='images/plant.svg'></a><figcaption>Caption</figcaption></figure>",
            "<!-- wp:image {\"id\":12} --><p>&nbsp;<img src=images/plant.svg></p><p>Text</p>",
            "<style>p { color: red }</style><img src=\"images/plant.svg\">",

        ] {
            assert!(body_starts_with(&html(starts), image), "{starts}");
        }
        for not in [
            "<p>Text first</p><img src=\"images/plant.svg\">",
            "<img src=\"images/other.svg\"><img src=\"images/plant.svg\">",
            "&amp;<img src=\"images/plant.svg\">",
            "",
        ] {
            assert!(!body_starts_with(&html(not), image), "{not}");
        }
        assert!(!body_starts_with(&Body::Text("images/plant.svg".into()), image));
    }

    #[test]
    fn hostile_markup_ends_cleanly() {
        for h in ["<", "<img", "<img src=\"unclosed", "<script>never closed <img src=a.png>", "<!-- open", "a < b <img src", "<img src=>", "<img =x src=a.png>"] {
            let _ = thumbnail(&with(None, html(h)));
            let _ = body_starts_with(&html(h), "a.png");
        }
        assert_eq!(thumbnail(&with(None, html("<img =x src=a.png>"))).as_deref(), Some("a.png"));
        assert_eq!(thumbnail(&with(None, html("<p>中文</p><img alt=中文 é src=图.png>"))).as_deref(), Some("图.png"));
    }

    #[test]
    fn property_any_markup_ends_in_a_safe_address_or_none() {
        const BITS: &[&str] = &["<", ">", "/", "img", "IMG", " src=", "=", "\"", "'", "中", "é", "&amp;", "&#x6a;", "<!--", "-->",
            "<script>", "</script>", "<svg>", "</svg", "javascript:", "https://x/", "a.png", " ", "\n", "<p>", "?"];
        let mut rng = crate::test_rng::Rng::new(11);
        for _ in 0..5000 {
            let h: String = (0..rng.below(24)).map(|_| rng.pick(BITS)).collect();
            let body = html(&h);
            if let Some(t) = thumbnail(&with(None, body.clone())) {
                assert_eq!(safe_image(&t), Some(t.as_str()), "{h:?}");
            }
            let _ = body_starts_with(&body, "a.png");
        }
    }
}
