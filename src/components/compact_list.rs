//! The compact layout: the latest headlines, each opening the article on the
//! full news page (`data-link`) or in this page's own full instance.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::history::href_for;
use crate::catalog::Catalog;
use crate::components::article_meta::ArticleMeta;
use crate::embed_options::EmbedOptions;
use crate::url_state::{article_link, Filters, Sort, ViewState};

#[component]
pub fn CompactList(catalog: Arc<Catalog>, options: EmbedOptions) -> impl IntoView {
    let filters = Filters { category: options.category.clone(), ..Filters::default() };
    let order = catalog.listing("", &filters, Sort::Newest).order;
    let headlines = order.into_iter().take(options.limit).filter_map(|i| catalog.article(i)).map(|article| {
        let href = match &options.link {
            Some(page) => article_link(page, &article.id),
            None => href_for(&ViewState { page: 1, ..ViewState::default() }.with_article(&article.id)),
        };
        let (id, lang, title) = (article.id.clone(), article.language.clone(), article.title.clone());
        view! {
            <li class="newsroom__headline" data-id=id lang=lang>
                <a class="newsroom__headline-link" href=href>{title}</a>
                <ArticleMeta article=article class="newsroom__headline"/>
            </li>
        }
    });
    view! {
        // A heading, not a landmark: a page may hold several of these lists.
        <div class="newsroom__compact">
            <h2 class="newsroom__compact-title">{catalog.bundle.title.clone()}</h2>
            <ul class="newsroom__headlines">{headlines.collect_view()}</ul>
        </div>
    }
}
