//! The results: "Show more" pages of cards of which only the rows near the
//! viewport are in the DOM, or the empty state.

use std::sync::Arc;

use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::article::Article;
use crate::browser::part_loader::PartLoader;
use crate::catalog::{CardText, Catalog, Listing, PAGE_SIZE};
use crate::index::Matcher;
use crate::components::article_card::ArticleCard;
use crate::components::highlighted::{excerpt, owned, Marked};
use crate::components::nav::Nav;
use crate::components::words::words;
use crate::browser::intl::number;
use crate::messages::fill;
use crate::virtual_list::visible_rows;

/// Frames to wait for a card to be rendered before giving up on focusing it.
const FOCUS_TRIES: u32 = 10;

/// Focuses the link of article `id`'s card in `list`, waiting frames for it.
fn focus_headline(list: NodeRef<Div>, id: String, tries: u32) {
    request_animation_frame(move || {
        // The list may be gone by then (an article opened): then there is nothing to focus.
        let link = list.try_get_untracked().flatten().and_then(|el| {
            let cards = el.query_selector_all(".newsroom__card").ok()?;
            (0..cards.length())
                .filter_map(|i| cards.item(i)?.dyn_into::<web_sys::Element>().ok())
                .find(|c| c.get_attribute("data-id").as_deref() == Some(id.as_str()))?
                .query_selector(".newsroom__card-link")
                .ok()
                .flatten()?
                .dyn_into::<web_sys::HtmlElement>()
                .ok()
        });
        match link {
            Some(link) => {
                let _ = link.focus();
            }
            None if tries > 0 => focus_headline(list, id, tries - 1),
            None => {}
        }
    });
}

#[component]
pub fn ArticleList(
    nav: Nav,
    catalog: RwSignal<Arc<Catalog>>,
    listing: Memo<Listing>,
    row_height: RwSignal<f64>,
    /// Results per "Show more".
    #[prop(default = PAGE_SIZE)]
    page_size: usize,
    /// A pre-built archive's parts: the cards of the rows shown are fetched.
    #[prop(optional_no_strip)]
    parts: Option<PartLoader>,
) -> impl IntoView {
    let m = words();
    let state = nav.state;
    let found = move || listing.with(|l| l.order.len());
    let shown = Memo::new(move |_| found().min(state.with(|s| s.page as usize).saturating_mul(page_size)));
    let remaining = move || found() - shown.get();
    // Memos, as `<Show>` would make: the list and the button are only built
    // again when these flip, not on every change of the results.
    let has_results = Memo::new(move |_| found() > 0);
    let has_more = Memo::new(move |_| remaining() > 0);
    let list = NodeRef::<Div>::new();
    let rows = RwSignal::new(visible_rows(0.0, 0.0, 0.0, shown.get_untracked()));

    // Measures the list against the viewport and renders the rows near it.
    let update = move || {
        let Some(el) = list.get_untracked() else { return };
        if let Some(card) = el.query_selector(".newsroom__card").ok().flatten().and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
            let h = f64::from(card.offset_height());
            if h > 0.0 && h != row_height.get_untracked() {
                row_height.set(h);
            }
        }
        let top = el.get_bounding_client_rect().top();
        let viewport = window().inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let next = visible_rows(top, viewport, row_height.get_untracked(), shown.get_untracked());
        if next != rows.get_untracked() {
            rows.set(next);
        }
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| update());
    let resize = window_event_listener(leptos::ev::resize, move |_| update());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    // After the results change, measure again once the DOM shows them.
    Effect::new(move |_| {
        shown.track();
        listing.track();
        request_animation_frame(update);
    });

    // Back from an article: its headline gets the focus again, once its card
    // is rendered (after the scroll position returns, a frame or two later).
    Effect::new(move |_| {
        if let Some(id) = nav.return_to.get() {
            nav.return_to.set(None);
            focus_headline(list, id, FOCUS_TRIES);
        }
    });

    // Keyed by article: scrolling and "Show more" only add or drop the cards
    // that enter or leave the window, and a new query that keeps a card
    // on screen only changes its marks.
    let window = Memo::new(move |_| {
        let (first, last) = rows.get();
        listing.with(|l| {
            let last = last.min(shown.get());
            l.order[first.min(last)..last].to_vec()
        })
    });
    if let Some(parts) = parts {
        Effect::new(move |_| parts.want(catalog.with(|c| window.with(|w| c.missing_cards(w)))));
    }
    // A card whose data is still on its way is a placeholder, keyed apart,
    // so it is replaced when its data arrives.
    let cards = move || catalog.with(|c| window.with(|w| w.iter().map(|&i| (i, c.article(i))).collect::<Vec<_>>()));
    let card = move |(i, article): (usize, Option<Article>)| {
        let Some(article) = article else {
            return Either::Left(view! { <div class="newsroom__card newsroom__card--loading" aria-hidden="true"></div> });
        };
        // Title and teaser follow the query through one memo function (one copy in the wasm).
        let text = Arc::new(CardText::new(&article));
        let marks = move |f: fn(&Catalog, &CardText, usize, &Matcher) -> Marked| {
            let text = text.clone();
            Memo::new(move |_| catalog.with(|c| listing.with(|l| f(c, &text, i, &l.matcher))))
        };
        let title = marks(|c, text, _, m| owned(c.marked(text.title(), m)));
        let teaser = marks(|c, text, i, m| excerpt(c.teaser(i, text, m)));
        Either::Right(view! { <ArticleCard article=article title=title teaser=teaser nav=nav/> })
    };
    // Whole pixels: the rows are laid out at whole-pixel heights anyway.
    let px = move |rows: usize| format!("{}px", (rows as f64 * row_height.get()).round() as i64);
    let above = move || px(rows.get().0.min(shown.get()));
    let below = move || px(shown.get().saturating_sub(rows.get().1));
    let empty = move || {
        // A view waiting for its files is not an empty one.
        if listing.with(|l| l.waiting) {
            return Either::Left(view! { <p class="newsroom__waiting" role="status">{m.loading}</p> });
        }
        Either::Right(view! {
            <div class="newsroom__empty">
                <p>{m.no_results}</p>
                <button type="button" class="newsroom__empty-clear"
                    on:click=move |_| nav.go(state.get_untracked().cleared())>{m.clear_search_and_filters}</button>
            </div>
        })
    };
    // Not `<Show>`: its fallback is a type-erased view, which costs more wasm.
    let more = move || {
        has_more.get().then(|| view! {
            <button type="button" class="newsroom__more" on:click=move |_| nav.more()>
                {move || fill(m.show_more, &[("n", &number(m, remaining()))])}
            </button>
        })
    };
    move || {
        if !has_results.get() {
            return Either::Left(empty());
        }
        Either::Right(view! {
            <div class="newsroom__results" node_ref=list>
                <div class="newsroom__spacer" aria-hidden="true" style:height=above></div>
                <For each=cards key=|(i, a)| (*i, a.is_some()) children=card/>
                <div class="newsroom__spacer" aria-hidden="true" style:height=below></div>
            </div>
            {more}
        })
    }
}
