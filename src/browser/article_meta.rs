//! An article's date (or "Undated"), category and tags as DOM: the one
//! markup of the meta line wherever it shows (the headlines' list, the
//! app's cards, its article view and its compact list), as the command's
//! static pages write it.

use web_sys::{Element, HtmlElement};

use crate::article::Article;
use crate::browser::dom::{append, element, set, with_text};
use crate::browser::intl::format_date;
use crate::messages::Messages;

/// The meta line of `article`; `class` is its place's (`newsroom__card`, `newsroom__headline`).
pub fn article_meta(m: &Messages, article: &Article, class: &str) -> HtmlElement {
    let meta = element("div", &meta_class(class));
    fill_meta(&meta, m, article, class);
    meta
}

/// The meta line's own classes.
pub fn meta_class(class: &str) -> String {
    "newsroom__meta ".to_string() + class + "-meta"
}

/// Puts the meta line's content into `meta`, its element.
pub fn fill_meta(meta: &Element, m: &Messages, article: &Article, class: &str) {
    match &article.date {
        Some(date) => {
            let time = with_text("time", "", &format_date(m, date));
            set(&time, "datetime", &date.machine);
            append(meta, &time);
        }
        None => append(meta, &with_text("span", &(class.to_string() + "-undated"), m.undated)),
    }
    if let Some(category) = &article.category {
        append(meta, &with_text("span", &(class.to_string() + "-category"), category));
    }
    if !article.tags.is_empty() {
        let tags = element("ul", &(class.to_string() + "-tags"));
        set(&tags, "aria-label", m.tags);
        for tag in &article.tags {
            append(&tags, &with_text("li", "", tag));
        }
        append(meta, &tags);
    }
}
