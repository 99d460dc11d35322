//! One result in the list: title link, meta, the teaser with matches marked,
//! and the article's picture as a thumbnail.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::article::Article;
use crate::components::article_meta::ArticleMeta;
use crate::components::highlighted::{Highlighted, Marked};
use crate::components::nav::{is_plain_click, Nav};
use crate::thumbnail::thumbnail;

#[component]
pub fn ArticleCard(
    article: Article,
    #[prop(into)] title: Signal<Marked>,
    #[prop(into)] teaser: Signal<Marked>,
    nav: Nav,
) -> impl IntoView {
    let id = article.id.clone();
    let page = article.page.clone();
    let href = nav.href(&nav.state.get_untracked().with_article(&id), page.as_deref());
    let lang = article.language.clone();
    let data_id = article.id.clone();
    let has_teaser = teaser.with_untracked(|t| t.iter().any(|(s, _)| !s.is_empty()));
    // Decorative (the headline is the link's text). The picture is its own
    // box: its aspect ratio (CSS) holds its place before it loads.
    let picture = thumbnail(&article).map(|src| nav.resolve(&src)).map(|src| view! {
        <img class="newsroom__thumb" loading="lazy" decoding="async" alt="" src=src on:error=hide/>
    });
    let open = move |ev: leptos::ev::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            nav.open_article(&id, page.as_deref());
        }
    };
    view! {
        <article class="newsroom__card" data-id=data_id lang=lang>
            <h2 class="newsroom__card-title">
                <a class="newsroom__card-link" href=href on:click=open>{marks(title)}</a>
            </h2>
            <ArticleMeta article=article class="newsroom__card"/>
            {has_teaser.then(|| view! { <p class="newsroom__card-summary">{marks(teaser)}</p> })}
            {picture}
        </article>
    }
}

/// A picture that failed goes, box and all: no broken-image icon, no empty box.
fn hide(ev: leptos::ev::ErrorEvent) {
    // The event's target is the picture: an element.
    if let Some(img) = ev.target().map(JsCast::unchecked_into::<web_sys::Element>) {
        let _ = img.set_attribute("hidden", "");
    }
}

/// The marked text, following the query. One function for title and teaser,
/// so both are one view type: each distinct closure is more wasm.
fn marks(parts: Signal<Marked>) -> impl IntoView {
    move || view! { <Highlighted parts=parts.get()/> }
}
