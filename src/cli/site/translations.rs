//! An article's translations, as the bundle links them, and the `hreflang`
//! alternates that tell search engines which page is which language.
//!
//! The field: `_newsroom.translations` on an item, an object from a BCP 47
//! language tag to the `id` of the item in that language, such as
//! `{"zh-CN": "2023-11-04-vice-mayor-visit-zh"}` (each item of a pair names
//! the other). Read liberally: a value that is not a string, a tag that is
//! not one, and an id the archive does not have are ignored.

use newsroom::archive::Item;
use serde_json::Value;

use crate::escape::escape_attribute;

/// The (tag, id) pairs `item` names, in tag order.
pub fn translations(item: &Item) -> Vec<(&str, &str)> {
    let named = item.get("_newsroom").and_then(Value::as_object).and_then(|ext| ext.get("translations")).and_then(Value::as_object);
    named
        .into_iter()
        .flatten()
        .filter_map(|(tag, id)| Some((tag.trim(), id.as_str()?.trim())))
        .filter(|(tag, id)| is_language_tag(tag) && !id.is_empty())
        .collect()
}

/// Whether `tag` has the shape of a BCP 47 tag (`en`, `zh-CN`,
/// `zh-Hans-CN`): letters first, then letters, digits and single dashes.
pub fn is_language_tag(tag: &str) -> bool {
    tag.len() <= 35
        && tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && !tag.ends_with('-')
        && !tag.contains("--")
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The `<link rel="alternate" hreflang>` tags of a page: the page itself in
/// `language` at `canonical`, then each translation `find` knows (its id to
/// its page's absolute address). Nothing when no translation is found: a
/// page alone has no alternates. A language named twice keeps its first page.
pub fn alternates(language: Option<&str>, canonical: &str, item: &Item, find: impl Fn(&str) -> Option<String>) -> String {
    let found: Vec<(&str, String)> = translations(item).into_iter().filter_map(|(tag, id)| Some((tag, find(id)?))).filter(|(_, url)| url != canonical).collect();
    if found.is_empty() {
        return String::new();
    }
    let own = language.filter(|l| is_language_tag(l)).map(|l| (l, canonical.to_string()));
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::new();
    for (tag, url) in own.into_iter().chain(found) {
        if seen.iter().any(|s| s.eq_ignore_ascii_case(tag)) {
            continue;
        }
        seen.push(tag.to_string());
        out.push_str(&format!("<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n", escape_attribute(tag), escape_attribute(&url)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> Item {
        serde_json::from_str(json).unwrap()
    }

    fn find(id: &str) -> Option<String> {
        matches!(id, "visit" | "visit-zh" | "visit-de").then(|| format!("https://example.com/news/articles/{id}/"))
    }

    #[test]
    fn a_pair_links_both_ways() {
        let en = item(r#"{"id": "visit", "_newsroom": {"translations": {"zh-CN": "visit-zh"}}}"#);
        assert_eq!(alternates(Some("en"), "https://example.com/news/articles/visit/", &en, find), concat!(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/news/articles/visit/\">\n",
            "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.com/news/articles/visit-zh/\">\n",
        ));
        let zh = item(r#"{"id": "visit-zh", "_newsroom": {"translations": {"en": "visit"}}}"#);
        assert_eq!(alternates(Some("zh-CN"), "https://example.com/news/articles/visit-zh/", &zh, find), concat!(
            "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.com/news/articles/visit-zh/\">\n",
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/news/articles/visit/\">\n",
        ));
    }

    #[test]
    fn what_cannot_be_used_is_ignored() {
        let canonical = "https://example.com/news/articles/visit/";
        for ext in [r#"{}"#, r#"{"translations": "visit-zh"}"#, r#"{"translations": {"zh-CN": 7, "de": null}}"#,
            r#"{"translations": {"zh-CN": "missing"}}"#, r#"{"translations": {"en": "visit"}}"#, r#""x""#,
            r#"{"translations": {"\"><script>": "visit-zh", "": "visit-zh", "zh--CN": "visit-zh"}}"#] {
            let it = item(&format!(r#"{{"id": "visit", "_newsroom": {ext}}}"#));
            assert_eq!(alternates(Some("en"), canonical, &it, find), "", "{ext}");
        }
        assert_eq!(alternates(Some("en"), canonical, &item(r#"{"id": "visit"}"#), find), "");
        // Without a language of its own the page names only its translations.
        let it = item(r#"{"_newsroom": {"translations": {"de": "visit-de", "zh-CN": "visit-zh", "ZH-cn": "visit-zh"}}}"#);
        assert_eq!(alternates(None, canonical, &it, find).matches("<link").count(), 2);
        let it = item(r#"{"_newsroom": {"translations": {"en": "visit-de", "zh-CN": "visit-zh"}}}"#);
        assert_eq!(alternates(Some("en"), canonical, &it, find).matches("hreflang=\"en\"").count(), 1, "the page keeps its own language");
    }

    #[test]
    fn language_tags() {
        for tag in ["en", "zh-CN", "zh-Hans-CN", "x-default", "es-419"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in ["", "-en", "en-", "e n", "en_US", "\"x", "1en", &"a".repeat(36)] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }
}
