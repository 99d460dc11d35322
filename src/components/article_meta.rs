//! Date, category and tags of an article in a leptos view (the article
//! view, the compact list): its element, filled by the one builder of that
//! markup (`browser::article_meta`), as the cards and the headlines are.

use leptos::html::Div;
use leptos::prelude::*;

use crate::browser::effect::on_load;
use crate::article::Article;
use crate::browser::article_meta::{fill_meta, meta_class};
use crate::components::words::words;

#[component]
pub fn ArticleMeta(article: Article, #[prop(into)] class: String) -> impl IntoView {
    let m = words();
    let meta = NodeRef::<Div>::new();
    let own = meta_class(&class);
    on_load(meta, move |el| fill_meta(&el, m, &article, &class));
    view! { <div class=own node_ref=meta></div> }
}
