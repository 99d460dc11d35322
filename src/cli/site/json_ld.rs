//! The `NewsArticle` description (schema.org, as JSON-LD) of an article
//! page, and its text made safe inside `<script type="application/ld+json">`:
//! no value can end the element or start a comment there.

use serde_json::{json, Map, Value};

use crate::escape::replace_chars;
use crate::site::page::PageFacts;

/// The description of the article whose page has `facts`.
pub fn news_article(facts: &PageFacts) -> Value {
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("NewsArticle"));
    o.insert("headline".into(), json!(facts.title));
    o.insert("description".into(), json!(facts.description));
    o.insert("mainEntityOfPage".into(), json!({"@type": "WebPage", "@id": facts.canonical}));
    o.insert("url".into(), json!(facts.canonical));
    let optional = [
        ("datePublished", facts.published.as_ref().map(|d| json!(d))),
        ("dateModified", facts.modified.as_ref().map(|d| json!(d))),
        ("image", facts.image.as_ref().map(|u| json!([u]))),
        ("inLanguage", facts.language.as_ref().map(|l| json!(l))),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            o.insert(key.into(), value);
        }
    }
    if !facts.authors.is_empty() {
        let authors = facts.authors.iter().map(|a| {
            let mut person = json!({"@type": "Person", "name": a.name});
            if let (Some(url), Some(p)) = (&a.url, person.as_object_mut()) {
                p.insert("url".into(), json!(url));
            }
            person
        });
        o.insert("author".into(), Value::Array(authors.collect()));
    }
    Value::Object(o)
}

/// `value` as JSON text to put between `<script type="application/ld+json">`
/// and `</script>`: `<`, `>` and `&` written as `\u003c`-style escapes (they
/// only occur inside strings, where the escape means the same character), and
/// U+2028/U+2029 too, which some script parsers take for line ends.
pub fn script_text(value: &Value) -> String {
    replace_chars(&value.to_string(), |c| match c {
        '<' => Some("\\u003c"),
        '>' => Some("\\u003e"),
        '&' => Some("\\u0026"),
        '\u{2028}' => Some("\\u2028"),
        '\u{2029}' => Some("\\u2029"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::page::tests::{facts_of, ITEM};

    #[test]
    fn describes_the_article() {
        let value = news_article(&facts_of(ITEM, "plant"));
        assert_eq!(value, json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Acme opens a plant",
            "description": "A new plant in Ohio.",
            "mainEntityOfPage": {"@type": "WebPage", "@id": "https://example.com/news/articles/plant/"},
            "url": "https://example.com/news/articles/plant/",
            "datePublished": "2024-03-18T09:30:00+08:00",
            "dateModified": "2024-03-19",
            "image": ["https://example.com/news/images/plant.jpg"],
            "inLanguage": "zh-CN",
            "author": [
                {"@type": "Person", "name": "Ann Lee", "url": "https://example.com/people/ann"},
                {"@type": "Person", "name": "Bo"},
                {"@type": "Person", "name": "Cy"},
            ],
        }));
    }

    #[test]
    fn no_value_can_close_the_script_element() {
        let hostile = "</script><script>alert(1)</script><!-- & \u{2028}\u{2029} </SCRIPT >";
        let value = json!({"headline": hostile, "nested": [{"name": hostile}]});
        let text = script_text(&value);
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
