//! The results: "Show more" pages of cards of which only the rows near the
//! viewport are in the DOM, or the empty state.

use std::sync::Arc;

use leptos::either::Either;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::part_loader::PartLoader;
use crate::catalog::{CardText, Catalog, Listing, PAGE_SIZE};
use crate::index::Matcher;
use crate::components::article_card::ArticleCard;
use crate::components::highlighted::{excerpt, owned, Marked};
use crate::components::nav::Nav;
use crate::components::words::words;
use crate::browser::intl::number;
use crate::messages::fill;
use crate::virtual_list::{css_px, to_units, Heights, Layout, Memory, UNIT};

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

/// Updates in one frame, each measuring what the one before rendered: all
/// before the frame is painted, so the reader never sees rows at estimated
/// heights move. (Each one that finds nothing to change costs microseconds.)
const PASSES: u32 = 3;

/// Frames in a row that may go on updating while the rows still change (a
/// bound, not a wait: a list settles within the first frame's passes).
const SETTLE_FRAMES: u32 = 8;

/// Runs `update` in the next frame, [`PASSES`] times, and in the frames after
/// while its last pass still changes the rows (up to `frames` more).
fn settle(update: impl Fn() -> bool + Copy + 'static, frames: u32) {
    for pass in 1..=PASSES {
        request_animation_frame(move || {
            if update() && pass == PASSES && frames > 0 {
                settle(update, frames - 1);
            }
        });
    }
}

#[component]
pub fn ArticleList(
    nav: Nav,
    catalog: RwSignal<Arc<Catalog>>,
    listing: Memo<Listing>,
    /// The rows' heights and the card kept in place, kept by the page across article views.
    memory: StoredValue<Memory>,
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
    // Laid out afresh each time: adding up even 10,000 heights takes microseconds.
    let lay_out = move |l: &Listing, heights: &Heights| Layout::new(&l.order[..shown.get_untracked().min(l.order.len())], heights);
    let rows = RwSignal::new(listing.with_untracked(|l| memory.with_value(|m| lay_out(l, &m.heights))).start());

    // Keyed by article: scrolling and "Show more" only add or drop the cards
    // that enter or leave the window, and a new query that keeps a card
    // on screen only changes its marks.
    let in_view = Memo::new(move |_| {
        let (first, last) = rows.with(|w| (w.first, w.last));
        listing.with(|l| {
            let last = last.min(shown.get());
            l.order[first.min(last)..last].to_vec()
        })
    });

    // Measures the rendered cards and the list against the viewport, and
    // renders the rows near it; whether that changed the rows. Called from
    // frames and scroll events only, when the DOM shows `in_view`. Once the
    // list starts above the viewport, the first card on screen is kept where
    // the reader sees it while rows above it take their measured heights
    // (the list's own scroll anchoring: the browser's is off for it).
    let update = move || {
        let Some(el) = list.get_untracked() else { return false };
        // Each card is the row `in_view` says, in order.
        let Ok(cards) = el.query_selector_all(".newsroom__card") else { return false };
        let rect = el.get_bounding_client_rect();
        let top = to_units(rect.top());
        let viewport = to_units(window().inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0));
        let first = rows.get_untracked().first;
        let step = listing.with_untracked(|l| in_view.with_untracked(|items| memory.try_update_value(|m| {
            m.heights.set_width(to_units(rect.width()));
            // The card to keep in place (its row, and its place as the reader
            // saw it): the one kept last time if still here, else the first on screen.
            let (mut held, mut on_screen) = (None, None);
            let rendered = if cards.length() as usize == items.len() { items.as_slice() } else { &[] };
            for (k, &item) in rendered.iter().enumerate() {
                // A placeholder's height is not its article's.
                let Some(card) = cards.item(k as u32).map(JsCast::unchecked_into::<web_sys::Element>).filter(|c| c.get_attribute("data-id").is_some()) else { continue };
                let r = card.get_bounding_client_rect();
                m.heights.set(item, to_units(r.height()) as u32);
                let place = to_units(r.top()) - top;
                if let Some((_, at)) = m.anchor.filter(|&(i, _)| i == item) {
                    held = Some((first + k, at));
                }
                if on_screen.is_none() && top < 0 && place + top + to_units(r.height()) > 0 {
                    on_screen = Some((first + k, item, place));
                }
            }
            let layout = lay_out(l, &m.heights);
            let by = held.or(on_screen.map(|(row, _, place)| (row, place))).map_or(0, |(row, at)| layout.scroll_to_keep(row, at));
            m.anchor = on_screen.map(|(row, item, _)| (item, layout.top(row) as i64));
            (by, layout.window(top - by * UNIT, viewport))
        })));
        let Some((by, next)) = step else { return false };
        if by != 0 {
            window().scroll_by_with_x_and_y(0.0, by as f64);
        }
        let changed = next != rows.get_untracked();
        if changed {
            rows.set(next);
        }
        changed
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if update() {
            settle(update, SETTLE_FRAMES);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| settle(update, SETTLE_FRAMES));
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    // After the results change, measure again once the DOM shows them.
    // A new view starts afresh: no card is kept in place across it.
    Effect::new(move |_| {
        shown.track();
        listing.track();
        memory.update_value(|m| m.anchor = None);
        settle(update, SETTLE_FRAMES);
    });

    // Back from an article: its headline gets the focus again, once its card
    // is rendered (after the scroll position returns, a frame or two later).
    Effect::new(move |_| {
        if let Some(id) = nav.return_to.get() {
            nav.return_to.set(None);
            focus_headline(list, id, FOCUS_TRIES);
        }
    });

    if let Some(parts) = parts {
        Effect::new(move |_| parts.want(catalog.with(|c| in_view.with(|w| c.missing_cards(w)))));
    }
    // A card whose data is still on its way is a placeholder, keyed apart,
    // so it is replaced when its data arrives. Only a new card reads its
    // article: one kept from the last results (a new query's marks) need not.
    let here = |c: &Catalog, i: usize| if c.parts().is_none() { i < c.articles().len() } else { c.article(i).is_some() };
    let cards = move || catalog.with(|c| in_view.with(|w| w.iter().map(|&i| (i, here(c, i))).collect::<Vec<_>>()));
    let card = move |(i, here): (usize, bool)| {
        let Some(article) = here.then(|| catalog.with_untracked(|c| c.article(i))).flatten() else {
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
    let above = move || css_px(rows.get().above);
    let below = move || css_px(rows.get().below);
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
                <For each=cards key=|card| *card children=card/>
                <div class="newsroom__spacer" aria-hidden="true" style:height=below></div>
            </div>
            {more}
        })
    }
}
