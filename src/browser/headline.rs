//! One headline of a compact list as DOM: its link and its meta line. The
//! headlines entry and the app's compact layout both show it.

use web_sys::HtmlElement;

use crate::article::Article;
use crate::browser::article_meta::article_meta;
use crate::browser::dom::{append, element, set, with_text};
use crate::messages::Messages;

/// The headline of `article`, linking to `href` (the article on the full news page).
pub fn headline(m: &Messages, article: &Article, href: &str) -> HtmlElement {
    let li = element("li", "newsroom__headline");
    set(&li, "data-id", &article.id);
    if let Some(lang) = &article.language {
        set(&li, "lang", lang);
    }
    let link = with_text("a", "newsroom__headline-link", &article.title);
    set(&link, "href", href);
    append(&li, &link);
    append(&li, &article_meta(m, article, "newsroom__headline"));
    li
}
