//! The results: "Show more" pages of cards of which only the rows near the
//! viewport are in the DOM, or the empty state.

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::browser::effect::effect;
use crate::browser::part_loader::PartLoader;
use crate::catalog::{CardText, Catalog, Listing, PAGE_SIZE};
use crate::browser::dom::{append, element, on_click, remove, set, set_or_remove, set_text, text_in, with_text};
use crate::browser::slots::Slots;
use crate::components::article_card::Card;
use crate::components::highlighted::{excerpt, owned};
use crate::components::nav::{is_plain_click, Hrefs, Nav};
use crate::thumbnail::thumbnail;
use crate::components::words::words;
use crate::browser::intl::number;
use crate::messages::{fill, Messages};
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

/// The slots after the results.
const EMPTY: usize = 0;
const MORE: usize = 1;

/// What follows the results: "Show more", or instead of them the empty
/// view (with its way out) or the wait for an archive's files.
#[derive(Clone)]
struct After {
    more: HtmlElement,
    /// Its words, changed in place as the number left changes.
    more_text: web_sys::Node,
    empty: HtmlElement,
    waiting: HtmlElement,
    _clicks: Rc<[Closure<dyn Fn()>; 2]>,
}

impl After {
    fn new(m: &Messages, nav: Nav) -> After {
        let more = element("button", "newsroom__more");
        set(&more, "type", "button");
        let more_text = text_in(&more, "");
        let empty = element("div", "newsroom__empty");
        append(&empty, &with_text("p", "", m.no_results));
        let clear = with_text("button", "newsroom__empty-clear", m.clear_search_and_filters);
        set(&clear, "type", "button");
        append(&empty, &clear);
        let waiting = with_text("p", "newsroom__waiting", m.loading);
        set(&waiting, "role", "status");
        let clicks = [
            on_click(&more, Box::new(move || nav.more())),
            on_click(&clear, Box::new(move || nav.go(nav.state.get_untracked().cleared()))),
        ];
        After { more, more_text, empty, waiting, _clicks: Rc::new(clicks) }
    }
}

/// What a row of the list shows: a card, with its text for marking it
/// again, or a placeholder while its data is on its way.
enum Row {
    Card(Card, CardText),
    Waiting(HtmlElement),
}

impl Row {
    fn node(&self) -> &web_sys::Element {
        match self {
            Row::Card(card, _) => &card.root,
            Row::Waiting(el) => el,
        }
    }
}

/// A row in the DOM: its key (article, and whether its data is here) and
/// the marks version it shows.
struct Shown {
    key: (usize, bool),
    row: Row,
    version: u64,
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
    effect(move || {
        shown.track();
        listing.track();
        memory.update_value(|m| m.anchor = None);
        settle(update, SETTLE_FRAMES);
    });

    // Back from an article: its headline gets the focus again, once its card
    // is rendered (after the scroll position returns, a frame or two later).
    effect(move || {
        if let Some(id) = nav.return_to.get() {
            nav.return_to.set(None);
            focus_headline(list, id, FOCUS_TRIES);
        }
    });

    if let Some(parts) = parts {
        effect(move || parts.want(catalog.with(|c| in_view.with(|w| c.missing_cards(w)))));
    }
    // A card whose data is still on its way is a placeholder, keyed apart,
    // so it is replaced when its data arrives. Only a new card reads its
    // article: one kept from the last results (a new query's marks) need not.
    let here = |c: &Catalog, i: usize| if c.parts().is_none() { i < c.articles().len() } else { c.article(i).is_some() };
    let cards = move || catalog.with(|c| in_view.with(|w| w.iter().map(|&i| (i, here(c, i))).collect::<Vec<_>>()));
    // Changes whenever the marks may: a new query, or the index arriving.
    let marks_version = Memo::new(move |last: Option<&u64>| {
        listing.track();
        catalog.track();
        last.map_or(0, |v| v + 1)
    });
    let marks_in = move |c: &Catalog, i: usize, text: &CardText| {
        listing.with_untracked(|l| (owned(c.marked(text.title(), &l.matcher)), excerpt(c.teaser(i, text, &l.matcher))))
    };
    let marks = move |i: usize, text: &CardText| catalog.with_untracked(|c| marks_in(c, i, text));
    // (`hrefs`: the page's address, read when a first card needs it.) The
    // article is read where it is kept, not copied.
    let make = move |(i, here): (usize, bool), hrefs: &OnceCell<Hrefs>| catalog.with_untracked(|c| match c.article(i).filter(|_| here) {
        None => Row::Waiting(Card::placeholder()),
        Some(article) => {
            let text = CardText::new(article);
            let (title, teaser) = marks_in(c, i, &text);
            let href = hrefs.get_or_init(|| nav.hrefs()).href(&state.get_untracked().with_article(&article.id), article.page.as_deref());
            let picture = thumbnail(article).map(|src| nav.resolve(&src));
            Row::Card(Card::new(m, article, title, teaser, &href, picture.as_deref()), text)
        }
    });
    // The rows in the DOM, in order between the two spacers.
    let shown = StoredValue::new_local(Vec::<Shown>::new());
    effect(move || {
        let Some(results) = list.get() else { return };
        let version = marks_version.get();
        let wanted = cards();
        let hrefs = OnceCell::new();
        shown.update_value(|shown| {
            let mut old = std::mem::take(shown);
            let same_rows = old.len() == wanted.len() && old.iter().zip(&wanted).all(|(s, key)| s.key == *key);
            let next: Vec<Shown> = wanted
                .into_iter()
                .map(|key| match old.iter().position(|s| s.key == key) {
                    Some(at) => {
                        let mut kept = old.swap_remove(at);
                        if let (Row::Card(card, text), true) = (&mut kept.row, kept.version != version) {
                            let (title, teaser) = marks(key.0, text);
                            card.mark(title, teaser);
                        }
                        Shown { version, ..kept }
                    }
                    None => Shown { key, row: make(key, &hrefs), version },
                })
                .collect();
            for gone in &old {
                remove(gone.row.node());
            }
            // Other rows: each put (again) in order before the lower spacer,
            // as leptos's keyed list moved the cards that stay when rows come
            // or go before them. Chrome takes a card that stays in the DOM while
            // the spacer and the rows above it change for one that moved (a
            // layout shift), though the scroll that holds it in place comes
            // in the same frame; one put in again is a new box to it. What the
            // reader sees is the same: the cards on screen stay put.
            if !same_rows {
                let below = results.last_element_child();
                for row in &next {
                    let _ = results.insert_before(row.row.node(), below.as_ref().map(|b| b.as_ref()));
                }
            }
            *shown = next;
        });
    });
    // One handler for every card's link: a plain click opens the article here.
    let open = move |ev: leptos::ev::MouseEvent| {
        if !is_plain_click(&ev) {
            return;
        }
        let link = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.closest(".newsroom__card-link").ok().flatten());
        let Some(link) = link else { return };
        let card = shown.with_value(|shown| shown.iter().find_map(|s| match &s.row {
            Row::Card(card, _) if card.root.contains(Some(&link)) => Some((card.id.clone(), card.page.clone())),
            _ => None,
        }));
        if let Some((id, page)) = card {
            ev.prevent_default();
            nav.open_article(&id, page.as_deref());
        }
    };
    // The results stay in the DOM, hidden while there are none: the rows
    // between its two spacers come and go by the effect above.
    effect(move || {
        let Some(results) = list.get() else { return };
        let r = rows.get();
        // By the style's property, not the attribute: a strict Content-Security-Policy forbids style attributes.
        for (spacer, height) in [(results.first_element_child(), r.above), (results.last_element_child(), r.below)] {
            if let Some(spacer) = spacer {
                let _ = spacer.unchecked_into::<HtmlElement>().style().set_property("height", &css_px(height));
            }
        }
        set_or_remove(&results, "hidden", (!has_results.get()).then_some(""));
    });
    // After them, by DOM calls: "Show more", or the empty view.
    let after = After::new(m, nav);
    let slots = Slots::after(list, 2);
    slots.follow(EMPTY, {
        let after = after.clone();
        // A view waiting for its files is not an empty one.
        move || (!has_results.get()).then(|| if listing.with(|l| l.waiting) { after.waiting.clone() } else { after.empty.clone() })
    });
    slots.follow(MORE, {
        let more = after.more.clone();
        move || has_more.get().then(|| more.clone())
    });
    effect({
        let more = after.more_text.clone();
        move || set_text(&more, &fill(m.show_more, &[("n", &number(remaining()))]))
    });
    // Its click handlers go with the list.
    StoredValue::new_local(after);
    view! {
        <div class="newsroom__results" node_ref=list on:click=open>
            <div class="newsroom__spacer" aria-hidden="true"></div>
            <div class="newsroom__spacer" aria-hidden="true"></div>
        </div>
    }
}
