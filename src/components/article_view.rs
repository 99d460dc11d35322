//! One article in full, with previous / next and the way back to the list.

use std::sync::Arc;

use leptos::either::Either;
use leptos::html::{Article, Div};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::browser::effect::on_load;
use crate::article::Body;
use crate::browser::article_meta::article_meta;
use crate::browser::dom::{append, element, set, with_text};
use crate::browser::lazy_code::{self, CodeNotLoaded};
use crate::browser::sanitizer::sanitize;
use crate::catalog::Catalog;
use crate::components::nav::{is_plain_click, Nav};
use crate::components::words::words;
use crate::browser::intl::list;
use crate::messages::{fill, Messages};
use crate::html_policy::safe_url;
use crate::html_text::paragraphs;
use crate::page_title::page_title;
use crate::thumbnail::body_starts_with;

#[component]
pub fn ArticleView(
    nav: Nav,
    catalog: Arc<Catalog>,
    id: String,
    order: Vec<usize>,
    /// The article may be on an older page still being read.
    #[prop(optional)]
    pending: bool,
) -> impl IntoView {
    let m = words();
    let list_href = nav.href(&nav.state.get_untracked().list(), None);
    let links = StoredValue::new_local(None::<Links>);
    // The back link and previous / next: a plain click changes the view here.
    let click = move |ev: leptos::ev::MouseEvent| {
        if !is_plain_click(&ev) {
            return;
        }
        let Some(link) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest("a").ok().flatten()) else { return };
        let Some(go) = links.with_value(|l| l.as_ref().and_then(|l| l.target(&link))) else { return };
        ev.prevent_default();
        match go {
            Go::List => nav.back_to_list(),
            Go::Article(id, page) => nav.switch_article(&id, page.as_deref()),
        }
    };
    let Some(article) = catalog.position(&id).and_then(|pos| catalog.full_article(pos)) else {
        // Not there: shown once it is known not to be (a built page's own content stays until then).
        if !pending {
            nav.shown(None);
        }
        let message = fill(if pending { m.looking_for_article } else { m.no_such_article }, &[("id", &id)]);
        let root = NodeRef::<Div>::new();
        on_load(root, move |el| {
            // Leptos keeps the element from one such message to the next (still looking, then not there).
            el.set_text_content(None);
            append(&el, &with_text("p", "", &message));
            let back = back_link(&el, m, &list_href);
            links.set_value(Some(Links { back, steps: Vec::new() }));
        });
        return Either::Left(view! { <div class="newsroom__article-missing" role="status" node_ref=root on:click=click></div> });
    };
    // The same document title as the article's static page.
    let title = page_title(&article.title, &catalog.bundle.title);
    let (prev, next) = catalog.neighbours(&order, &id);
    // Where previous and next lead: the other article's id and static page.
    let step_to = |i: Option<usize>| i.and_then(|i| catalog.article(i).cloned());
    let (prev, next) = (step_to(prev), step_to(next));
    let root = NodeRef::<Article>::new();
    // Its content is built with DOM calls once it is on the page (it never
    // changes while shown), by code fetched once the list's first articles
    // show (`lazy_code`): until it is there, a built page's own content
    // stays in view. Then the title takes the focus, for keyboard and
    // screen-reader users, and the view is shown.
    let (lang, data_id) = (article.language.clone(), article.id.clone());
    let content = StoredValue::new_local(Some(Content { m, nav, article, list_href: list_href.clone(), prev, next }));
    let id = data_id.clone();
    on_load(root, move |el| {
        let Some(content) = content.try_update_value(Option::take).flatten() else { return };
        let title = title.clone();
        let list_href = list_href.clone();
        let id = id.clone();
        spawn_local(async move {
            match lazy_code::article(el.clone().into(), content).await {
                Ok(Some((heading, built))) => {
                    let _ = heading.focus();
                    links.set_value(Some(built));
                    nav.shown(Some(&title));
                }
                // Another article took the element meanwhile.
                Ok(None) => {}
                Err(CodeNotLoaded) if el.get_attribute("data-id").as_deref() != Some(id.as_str()) => {}
                Err(CodeNotLoaded) => {
                    // As a built view does, in place of what the element showed before.
                    el.set_text_content(None);
                    let message = with_text("p", "newsroom__notice", m.article_code);
                    set(&message, "role", "alert");
                    append(&el, &message);
                    let back = back_link(&el, m, &list_href);
                    links.set_value(Some(Links { back, steps: Vec::new() }));
                }
            }
        });
    });
    Either::Right(view! { <article class="newsroom__article" data-id=data_id lang=lang node_ref=root on:click=click></article> })
}

/// "Back to news", at the end of `el`.
fn back_link(el: &web_sys::Element, m: &Messages, list_href: &str) -> HtmlElement {
    let back = with_text("a", "newsroom__back", m.back_to_news);
    set(&back, "href", list_href);
    append(el, &back);
    back
}

/// The links of a shown article (or of the message that it is not there) that change the view.
pub(crate) struct Links {
    back: HtmlElement,
    /// Each with the article it leads to (id, static page).
    steps: Vec<(HtmlElement, String, Option<String>)>,
}

/// Where one of those links goes.
enum Go {
    List,
    /// Another article: its id and static page.
    Article(String, Option<String>),
}

impl Links {
    /// Where a click on `link` goes; `None` for a link not of ours.
    fn target(&self, link: &web_sys::Element) -> Option<Go> {
        if link == self.back.as_ref() as &web_sys::Element {
            return Some(Go::List);
        }
        self.steps.iter().find(|(a, _, _)| link == a.as_ref() as &web_sys::Element).map(|(_, id, page)| Go::Article(id.clone(), page.clone()))
    }
}

/// What an article's view shows, to be built into its element.
pub(crate) struct Content {
    m: &'static Messages,
    nav: Nav,
    article: crate::article::Article,
    list_href: String,
    prev: Option<crate::article::Article>,
    next: Option<crate::article::Article>,
}

impl Content {
    /// Builds the article into `el` (its `<article>`), as the command's
    /// static article page writes it (`cli/site/article.rs`), an HTML body
    /// through the sanitizer; its title and its links. `None` when `el`
    /// shows another article by now.
    pub(crate) fn build(self, el: &web_sys::Element) -> Option<(HtmlElement, Links)> {
        let Content { m, nav, article, list_href, prev, next } = self;
        if el.get_attribute("data-id").as_deref() != Some(article.id.as_str()) {
            return None;
        }
        // Leptos keeps the element from one article to the next (previous / next): the last one's content goes.
        el.set_text_content(None);
        let back = back_link(el, m, &list_href);
        let title = with_text("h2", "newsroom__article-title", &article.title);
        set(&title, "tabindex", "-1");
        append(el, &title);
        append(el, &article_meta(m, &article, "newsroom__article"));
        if !article.authors.is_empty() {
            append(el, &with_text("p", "newsroom__authors", &fill(m.by_authors, &[("authors", &list(m, &article.authors))])));
        }
        // A body that opens with the picture shows it already.
        if let Some(src) = article.image.as_deref().and_then(|u| safe_url(u, false)).filter(|u| !body_starts_with(&article.body, u)) {
            let img = element("img", "newsroom__article-image");
            set(&img, "src", &nav.resolve(src));
            set(&img, "alt", "");
            append(el, &img);
        }
        let body = element("div", "newsroom__article-body");
        match &article.body {
            Body::Text(text) => paragraphs(text).for_each(|p| append(&body, &with_text("p", "", p))),
            Body::Html(html) => {
                let div = element("div", "newsroom__html");
                append(&div, &sanitize(html, &document(), &|url: &str| nav.resolve(url)));
                append(&body, &div);
            }
            Body::Empty => {}
        }
        append(el, &body);
        if let Some(href) = article.url.as_deref().filter(|u| u.starts_with("http")).and_then(|u| safe_url(u, true)) {
            let source = element("p", "newsroom__source");
            let link = with_text("a", "", m.read_original);
            set(&link, "href", href);
            set(&link, "rel", "noopener noreferrer");
            append(&source, &link);
            append(el, &source);
        }
        let pager = element("nav", "newsroom__pager");
        set(&pager, "aria-label", m.more_articles);
        let mut steps = Vec::new();
        for (other, class, label) in [(prev, "newsroom__prev", m.previous), (next, "newsroom__next", m.next)] {
            let Some(other) = other else { continue };
            let a = element("a", class);
            set(&a, "href", &nav.href(&nav.state.get_untracked().with_article(&other.id), other.page.as_deref()));
            append(&a, &with_text("span", "newsroom__step-label", label));
            append(&a, &with_text("span", "newsroom__step-title", &other.title));
            append(&pager, &a);
            steps.push((a, other.id, other.page));
        }
        append(el, &pager);
        Some((title, Links { back, steps }))
    }
}
