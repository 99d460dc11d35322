//! The results: a page of cards at a time, "Show more", or the empty state.

use std::sync::Arc;

use leptos::prelude::*;

use crate::catalog::{Catalog, Listing, PAGE_SIZE};
use crate::components::article_card::ArticleCard;
use crate::components::nav::Nav;
use crate::search::Query;

#[component]
pub fn ArticleList(nav: Nav, catalog: Arc<Catalog>, listing: Memo<Listing>) -> impl IntoView {
    let state = nav.state;
    move || {
        let (query, page) = state.with(|s| (Query::parse(&s.query), s.page as usize));
        let order = listing.with(|l| l.order.clone());
        if order.is_empty() {
            return view! {
                <div class="newsroom__empty">
                    <p>"No articles match your search and filters."</p>
                    <button type="button" class="newsroom__empty-clear"
                        on:click=move |_| nav.go(state.get_untracked().cleared())>"Clear search and filters"</button>
                </div>
            }
            .into_any();
        }
        let shown = order.len().min(page.saturating_mul(PAGE_SIZE));
        let remaining = order.len() - shown;
        let cards = order[..shown]
            .iter()
            .map(|&i| view! { <ArticleCard article=catalog.articles()[i].clone() query=query.clone() nav=nav/> })
            .collect_view();
        view! {
            <div class="newsroom__results">{cards}</div>
            {(remaining > 0).then(|| view! {
                <button type="button" class="newsroom__more" on:click=move |_| nav.more()>
                    {format!("Show more ({remaining} more)")}
                </button>
            })}
        }
        .into_any()
    }
}
