//! One result in the list: title link, meta, and the teaser with matches marked.

use leptos::prelude::*;

use crate::article::Article;
use crate::components::article_meta::ArticleMeta;
use crate::components::highlighted::Highlighted;
use crate::components::nav::{is_plain_click, Nav};
use crate::search::Query;

#[component]
pub fn ArticleCard(article: Article, query: Query, nav: Nav) -> impl IntoView {
    let id = article.id.clone();
    let href = nav.href(&nav.state.get_untracked().with_article(&id));
    let teaser = article.teaser();
    let lang = article.language.clone();
    let open = move |ev: leptos::ev::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            nav.open_article(&id);
        }
    };
    view! {
        <article class="newsroom__card" data-id=article.id.clone() lang=lang>
            <h2 class="newsroom__card-title">
                <a class="newsroom__card-link" href=href on:click=open>
                    <Highlighted text=article.title.clone() query=query.clone()/>
                </a>
            </h2>
            <ArticleMeta article=article.clone() class="newsroom__card"/>
            {(!teaser.is_empty()).then(|| view! {
                <p class="newsroom__card-summary"><Highlighted text=teaser query=query/></p>
            })}
        </article>
    }
}
