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
    let found = move || listing.with(|l| l.order.len());
    let shown = move || found().min(state.with(|s| s.page as usize).saturating_mul(PAGE_SIZE));
    let remaining = move || found() - shown();
    let has_results = move || found() > 0;
    let has_more = move || remaining() > 0;
    // Copy, so the keyed children below can be re-run.
    let catalog = StoredValue::new(catalog);
    // Keyed by article and query: "Show more" only adds cards, so the button
    // (and the reader's keyboard focus on it) stays where it is.
    let cards = move || {
        let query = state.with(|s| s.query.clone());
        listing.with(|l| l.order[..shown()].iter().map(|&i| (i, query.clone())).collect::<Vec<_>>())
    };
    let empty = move || {
        view! {
            <div class="newsroom__empty">
                <p>"No articles match your search and filters."</p>
                <button type="button" class="newsroom__empty-clear"
                    on:click=move |_| nav.go(state.get_untracked().cleared())>"Clear search and filters"</button>
            </div>
        }
    };
    view! {
        <Show when=has_results fallback=empty>
            <div class="newsroom__results">
                <For each=cards key=|card| card.clone() let((i, query))>
                    <ArticleCard article=catalog.with_value(|c| c.articles()[i].clone()) query=Query::parse(&query) nav=nav/>
                </For>
            </div>
            <Show when=has_more>
                <button type="button" class="newsroom__more" on:click=move |_| nav.more()>
                    {move || format!("Show more ({} more)", remaining())}
                </button>
            </Show>
        </Show>
    }
}
