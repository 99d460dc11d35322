//! One result in the list: title link, meta, the teaser with matches marked,
//! and the article's picture as a thumbnail. Built with DOM calls, not as a
//! leptos view: the list replaces cards on most keys, and a view's closures
//! and effects per card cost more wasm, and more time per key, than these
//! calls. The list (`article_list`) keeps each card and re-marks it.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::article::Article;
use crate::browser::article_meta::article_meta;
use crate::browser::dom::{append, element, set};
use crate::components::highlighted::{replace_marks, show_marks, Marked};
use crate::messages::Messages;

/// A card on the page, with what it shows now.
pub struct Card {
    pub root: HtmlElement,
    link: HtmlElement,
    /// Only for a card that had a teaser when it was made.
    summary: Option<HtmlElement>,
    title: Marked,
    teaser: Marked,
    pub id: String,
    /// The article's static page, if it has one (where its link leads).
    pub page: Option<String>,
}

impl Card {
    /// `href`: the article's address; `picture`: its thumbnail, as this page asks for it.
    pub fn new(m: &Messages, article: &Article, title: Marked, teaser: Marked, href: &str, picture: Option<&str>) -> Card {
        let root = element("article", "newsroom__card");
        set(&root, "data-id", &article.id);
        if let Some(lang) = &article.language {
            set(&root, "lang", lang);
        }
        let heading = element("h2", "newsroom__card-title");
        let link = element("a", "newsroom__card-link");
        set(&link, "href", href);
        show_marks(&link, &title);
        append(&heading, &link);
        append(&root, &heading);
        append(&root, &article_meta(m, article, "newsroom__card"));
        let summary = teaser.iter().any(|(s, _)| !s.is_empty()).then(|| {
            let p = element("p", "newsroom__card-summary");
            show_marks(&p, &teaser);
            append(&root, &p);
            p
        });
        // Decorative (the headline is the link's text). The picture is its own
        // box: its aspect ratio (CSS) holds its place before it loads.
        if let Some(src) = picture {
            let img = element("img", "newsroom__thumb");
            for (name, value) in [("loading", "lazy"), ("decoding", "async"), ("alt", ""), ("src", src)] {
                set(&img, name, value);
            }
            HIDE.with(|hide| img.set_onerror(Some(hide.as_ref().unchecked_ref())));
            append(&root, &img);
        }
        Card { root, link, summary, title, teaser, id: article.id.clone(), page: article.page.clone() }
    }

    /// Shows the marks of another query, touching only the text that changed.
    pub fn mark(&mut self, title: Marked, teaser: Marked) {
        if title != self.title {
            replace_marks(&self.link, &title);
            self.title = title;
        }
        if let Some(summary) = self.summary.as_ref().filter(|_| teaser != self.teaser) {
            replace_marks(summary, &teaser);
            self.teaser = teaser;
        }
    }

    /// A placeholder for a card whose data is still on its way.
    pub fn placeholder() -> HtmlElement {
        let el = element("div", "newsroom__card newsroom__card--loading");
        set(&el, "aria-hidden", "true");
        el
    }
}

thread_local! {
    /// A picture that failed goes, box and all: no broken-image icon, no
    /// empty box. One handler for every picture, for the page's life (a
    /// picture may fail after its card is gone).
    static HIDE: Closure<dyn Fn(web_sys::Event)> = Closure::new(|ev: web_sys::Event| {
        if let Some(img) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = img.set_attribute("hidden", "");
        }
    });
}
