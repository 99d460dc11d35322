//! Search box, filters, sort, the live result count and "Clear all".

use leptos::prelude::*;

use crate::catalog::{FacetOption, Listing};
use crate::browser::intl::{language_name, number, plural};
use crate::components::nav::Nav;
use crate::components::words::words;
use crate::messages::{fill, Messages};
use crate::url_state::{Facet, Sort, ViewState, FACETS};

#[component]
pub fn Toolbar(
    nav: Nav,
    listing: Memo<Listing>,
    total: Signal<usize>,
    indexing: RwSignal<Option<u8>>,
    /// Articles read so far while a paged feed's later pages arrive.
    paging: RwSignal<Option<usize>>,
    /// Files of a pre-built archive on their way.
    #[prop(into)]
    busy: Signal<bool>,
    /// The category the host fixed (`data-category`): no category filter then.
    fixed_category: Option<String>,
) -> impl IntoView {
    // Several instances on one page each have a search landmark: the fixed
    // category tells them apart.
    let m = words();
    let landmark = match &fixed_category {
        Some(category) => fill(m.search_label_in, &[("category", category)]),
        None => m.search_label.to_string(),
    };
    let state = nav.state;
    let has_query = move || state.with(|s| !s.query.trim().is_empty());
    let set_sort = move |ev| {
        let sort = Sort::parse(&event_target_value(&ev));
        nav.go(ViewState { sort, page: 1, ..state.get_untracked().list() });
    };
    let count = move || {
        let shown = number(m, listing.with(|l| l.order.len()));
        plural(m, m.count_one, m.count_other, total.get(), &[("shown", &shown)])
    };
    let is_clear = move || state.with(|s| *s == s.cleared());
    let search_box = NodeRef::<leptos::html::Input>::new();
    // `/` anywhere on the page (but in a field) goes to the search box, as on
    // most search pages; only the instance that owns the page's URL answers it.
    if nav.owns_url() {
        let listener = window_event_listener(leptos::ev::keydown, move |ev| {
            let modified = ev.ctrl_key() || ev.meta_key() || ev.alt_key();
            if ev.key() != "/" || modified || ev.default_prevented() || in_a_field(&ev) {
                return;
            }
            if let Some(input) = search_box.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
            }
        });
        on_cleanup(move || listener.remove());
    }
    // Escape in the search box clears the search.
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && state.with_untracked(|s| !s.query.is_empty()) {
            ev.prevent_default();
            nav.search(String::new());
        }
    };
    let pending = Signal::derive(move || listing.with(|l| l.facets.pending));
    view! {
        <div class="newsroom__toolbar" role="search" aria-label=landmark>
            <label class="newsroom__field newsroom__field--search">
                <span class="newsroom__label">{m.search_label}</span>
                <input
                    type="search"
                    class="newsroom__search"
                    autocomplete="off"
                    placeholder=m.search_placeholder
                    node_ref=search_box
                    prop:value=move || state.with(|s| s.query.clone())
                    on:input=move |ev| nav.search(event_target_value(&ev))
                    on:keydown=escape
                />
            </label>
            {FACETS.into_iter().filter(|&f| f != Facet::Category || fixed_category.is_none()).map(|facet| {
                // A language filter only when there is more than one language.
                // A memo: the filter is rebuilt when it comes or goes, not on every search.
                let shown = Memo::new(move |_| facet != Facet::Language || listing.with(|l| l.facets.get(facet).len() > 1));
                move || shown.get().then(|| view! {
                    <FacetSelect nav=nav facet=facet pending=pending
                        options=Signal::derive(move || listing.with(|l| l.facets.get(facet).to_vec()))
                        selected=Signal::derive(move || state.with(|s| s.filters.get(facet).map(str::to_string)))/>
                })
            }).collect_view()}
            <label class="newsroom__field">
                <span class="newsroom__label">{m.sort_label}</span>
                <select class="newsroom__sort" name="sort" on:change=set_sort>
                    {move || {
                        let current = state.with(ViewState::effective_sort);
                        let mut sorts = vec![(Sort::Newest, m.sort_newest), (Sort::Oldest, m.sort_oldest)];
                        if has_query() {
                            sorts.insert(0, (Sort::Relevance, m.sort_relevance));
                        }
                        sorts.into_iter().map(|(sort, text)| {
                            let selected = sort == current;
                            view! { <option value=sort.as_str() selected=selected>{text}</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
            <div class="newsroom__status">
                <p class="newsroom__count" aria-live="polite">{count}</p>
                // One status line: search being prepared, else older pages arriving.
                {move || {
                    let status = match (indexing.get(), paging.get()) {
                        (Some(pct), _) => Some(("newsroom__indexing", fill(m.preparing_search, &[("percent", &format!("{}%", number(m, usize::from(pct))))]))),
                        (None, Some(n)) => Some(("newsroom__paging", fill(m.loading_older, &[("n", &number(m, n))]))),
                        (None, None) if busy.get() => Some(("newsroom__fetching", m.loading.to_string())),
                        (None, None) => None,
                    };
                    status.map(|(class, text)| view! { <p class=class role="status">{text}</p> })
                }}
                <button type="button" class="newsroom__clear" disabled=is_clear
                    on:click=move |_| nav.go(state.get_untracked().cleared())>{m.clear_all}</button>
            </div>
        </div>
    }
}

/// Whether a key went to something that takes typing (a field, a menu, an editor).
fn in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// A facet's label, and its choice of no filter.
fn facet_words(m: &'static Messages, facet: Facet) -> (&'static str, &'static str) {
    match facet {
        Facet::Category => (m.category, m.all_categories),
        Facet::Tag => (m.tag, m.all_tags),
        Facet::Year => (m.year, m.all_years),
        Facet::Language => (m.language, m.all_languages),
    }
}

/// One filter as a `<select>` whose options carry their result counts.
#[component]
fn FacetSelect(
    nav: Nav,
    facet: Facet,
    options: Signal<Vec<FacetOption>>,
    /// Counts not known yet: the values without them.
    pending: Signal<bool>,
    selected: Signal<Option<String>>,
) -> impl IntoView {
    let m = words();
    let (label, all) = facet_words(m, facet);
    // Languages by name ("中文"), as codes mean little to readers.
    let name = move |value: &str| if facet == Facet::Language { language_name(m, value) } else { value.to_string() };
    let change = move |ev| {
        let value = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
        let mut next = nav.state.get_untracked().list();
        next.filters.set(facet, value);
        next.page = 1;
        nav.go(next);
    };
    view! {
        <label class="newsroom__field">
            <span class="newsroom__label">{label}</span>
            <select class="newsroom__filter" name=facet.name() on:change=change>
                {move || {
                    let current = selected.get();
                    let any = view! { <option value="" selected=current.is_none()>{all}</option> };
                    let pending = pending.get();
                    let rest = options.get().into_iter().map(|o| {
                        let is_current = current.as_deref() == Some(o.value.as_str());
                        let text = if pending { name(&o.value) } else { fill(m.option_count, &[("value", &name(&o.value)), ("count", &number(m, o.count))]) };
                        // A choice that would show nothing stays visible but cannot be picked.
                        view! {
                            <option value=o.value.clone() selected=is_current disabled=!pending && o.count == 0 && !is_current>
                                {text}
                            </option>
                        }
                    }).collect_view();
                    (any, rest)
                }}
            </select>
        </label>
    }
}
