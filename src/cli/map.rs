//! From drafts to bundle items: the one place that decides what an
//! imported item is, whatever format it came in. Ids, titles and dates are
//! settled here, strictly: every item written is one the page shows as is.

use newsroom::archive::Item;
use newsroom::date::parse_date;
use newsroom::fallbacks::content_id;
use newsroom::fold::is_cjk;
use serde_json::{json, Value};

use crate::draft::Draft;
use crate::html::first_image;

/// Choices the person running the import made.
#[derive(Clone, Debug, Default)]
pub struct MapRules {
    /// Every item's category (`--category`), instead of its first category.
    pub category: Option<String>,
}

/// Why a draft did not become an item.
#[derive(Clone, Debug, PartialEq)]
pub enum MapError {
    /// No title, no text and no link: nothing a reader could see.
    NothingToShow { id: Option<String> },
}

impl MapError {
    /// What the import's report counts this item as.
    pub fn kind(&self) -> &str {
        match self {
            Self::NothingToShow { .. } => "empty",
        }
    }
}

pub fn to_item(draft: Draft, rules: &MapRules) -> Result<Item, MapError> {
    let text = draft.content_text.as_deref().or(draft.summary.as_deref()).unwrap_or("");
    let has_text = !text.trim().is_empty() || draft.content_html.as_deref().is_some_and(|h| !h.trim().is_empty());
    if draft.title.is_none() && draft.url.is_none() && !has_text {
        return Err(MapError::NothingToShow { id: draft.id });
    }
    // Dates the page cannot read are left out rather than written wrong.
    let valid = |d: Option<String>| d.filter(|d| parse_date(d).is_some());
    let published = valid(draft.published);
    let modified = valid(draft.modified);
    let id = draft.id.or_else(|| draft.url.clone()).unwrap_or_else(|| {
        let date = published.as_deref().or(modified.as_deref()).unwrap_or("");
        let body = draft.content_html.as_deref().or(draft.content_text.as_deref()).unwrap_or(text);
        // The body too: two notices both titled "Notice" are two items.
        content_id(&[draft.title.as_deref().unwrap_or(""), date, body])
    });
    let image = draft.image.or_else(|| draft.content_html.as_deref().and_then(first_image));
    let language = draft.language.or_else(|| {
        let sample = [draft.title.as_deref().unwrap_or(""), text, draft.content_html.as_deref().unwrap_or("")].concat();
        detect_language(&sample)
    });
    let category = rules.category.clone().or(draft.category).or_else(|| draft.categories.first().cloned());

    let mut item = Item::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            item.insert(key.to_string(), value);
        }
    };
    put("id", Some(json!(id)));
    put("url", draft.url.map(Value::from));
    put("title", draft.title.map(Value::from));
    put("content_html", draft.content_html.map(Value::from));
    put("content_text", draft.content_text.map(Value::from));
    put("summary", draft.summary.map(Value::from));
    put("image", image.map(Value::from));
    put("date_published", published.map(Value::from));
    put("date_modified", modified.map(Value::from));
    put("authors", (!draft.authors.is_empty()).then(|| draft.authors.iter().map(|a| json!({ "name": a })).collect()));
    put("tags", (!draft.categories.is_empty()).then(|| json!(draft.categories)));
    put("language", language.map(Value::from));
    put("_newsroom", category.map(|c| json!({ "category": c })));
    Ok(item)
}

/// `zh` for mostly-Han text; nothing otherwise (the feed's language stands).
pub fn detect_language(text: &str) -> Option<String> {
    let (mut han, mut letters) = (0usize, 0usize);
    // Markup and addresses are Latin letters that say nothing of the language.
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if in_tag => {}
            c if is_cjk(c) => {
                han += 1;
                letters += 1;
            }
            c if c.is_alphabetic() => letters += 1,
            _ => {}
        }
    }
    // A Chinese character carries about a word; Latin words are ~5 letters.
    (letters > 0 && han * 5 >= letters - han).then(|| "zh".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft { title: Some("T".into()), ..Draft::default() }
    }

    #[test]
    fn ids_come_from_the_source_then_the_link_then_the_content() {
        let rules = MapRules::default();
        let with = |d: Draft| to_item(d, &rules).unwrap()["id"].as_str().unwrap().to_string();
        assert_eq!(with(Draft { id: Some("guid".into()), url: Some("https://x/a".into()), ..draft() }), "guid");
        assert_eq!(with(Draft { url: Some("https://x/a".into()), ..draft() }), "https://x/a");
        let d = Draft { published: Some("2024-01-02".into()), ..draft() };
        assert_eq!(with(d.clone()), content_id(&["T", "2024-01-02", ""]));
        let other = Draft { content_text: Some("Another body".into()), ..d.clone() };
        assert_ne!(with(other), with(d.clone()), "same title and date, another body");
        assert_eq!(with(d.clone()), with(d), "stable");
    }

    #[test]
    fn category_tags_image_language_and_dates() {
        let d = Draft {
            categories: vec!["Products".into(), "Export".into()],
            content_html: Some("<p>铬盐生产线投产，公司产能提升。</p><img src=\"https://x/i.png\">".into()),
            published: Some("Tue, 05 Mar 2024".into()),
            modified: Some("2024-03-05T10:00:00+08:00".into()),
            ..draft()
        };
        let item = to_item(d.clone(), &MapRules::default()).unwrap();
        assert_eq!(item["_newsroom"], json!({"category": "Products"}));
        assert_eq!(item["tags"], json!(["Products", "Export"]));
        assert_eq!(item["image"], "https://x/i.png");
        assert_eq!(item["language"], "zh");
        assert!(!item.contains_key("date_published"), "an unreadable date is left out");
        assert_eq!(item["date_modified"], "2024-03-05T10:00:00+08:00");
        let fixed = to_item(d, &MapRules { category: Some("Company News".into()) }).unwrap();
        assert_eq!(fixed["_newsroom"], json!({"category": "Company News"}));
    }

    #[test]
    fn nothing_to_show_is_refused() {
        let d = Draft { id: Some("x".into()), categories: vec!["a".into()], ..Draft::default() };
        assert_eq!(to_item(d, &MapRules::default()), Err(MapError::NothingToShow { id: Some("x".into()) }));
        assert!(to_item(Draft { summary: Some("text".into()), ..Draft::default() }, &MapRules::default()).is_ok());
    }

    #[test]
    fn language_detection_counts_han_against_words() {
        assert_eq!(detect_language("锦州铬盐公司 Jinzhou").as_deref(), Some("zh"));
        assert_eq!(detect_language("Chromium oxide green for coatings, 铬绿").as_deref(), None);
        assert_eq!(detect_language("<a href=\"https://example.com/very/long/path\">公司新闻</a>").as_deref(), Some("zh"));
        assert_eq!(detect_language("12 345"), None);
    }
}
