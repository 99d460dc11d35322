//! Search box, filters, sort, the live result count and "Clear all". Its
//! root is a leptos element with one handler of each kind for all of it;
//! its parts are built by DOM calls, and what follows the results (each
//! filter's options with their counts, the sort's choices, the count, the
//! status line) is written by effects, each touching only what changed: as
//! reactive views, the toolbar was a twelfth of the app's wasm.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlOptionElement};

use crate::browser::effect::{effect, on_load};
use crate::browser::dom::{append, element, remove, set, set_or_remove, set_text, text_in, with_text};
use crate::catalog::Listing;
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
    // The frame, built now (the effects below write into it) and put in
    // the toolbar once that is mounted.
    let frame = Frame::new(m);
    let toolbar = NodeRef::<Div>::new();
    let mounted = RwSignal::new(false);
    on_load(toolbar, {
        let frame = frame.clone();
        move |el| {
            for part in [&frame.search_field, &frame.sort_field, &frame.status] {
                append(&el, part);
            }
            mounted.set(true);
        }
    });
    // `/` anywhere on the page (but in a field) goes to the search box, as on
    // most search pages; only the instance that owns the page's URL answers it.
    if nav.owns_url() {
        let search_box = frame.search_box.clone();
        let listener = window_event_listener(leptos::ev::keydown, move |ev| {
            let modified = ev.ctrl_key() || ev.meta_key() || ev.alt_key();
            if ev.key() != "/" || modified || ev.default_prevented() || in_a_field(&ev) || !mounted.get_untracked() {
                return;
            }
            ev.prevent_default();
            let _ = search_box.focus();
        });
        on_cleanup(move || listener.remove());
    }
    // One handler of each kind for the whole toolbar, told apart by where it happened.
    let search_box = frame.search_box.clone();
    let input = move |ev: leptos::ev::Event| {
        if happened_at(&ev, &search_box) {
            nav.search(event_target_value(&ev));
        }
    };
    // Escape in the search box clears the search.
    let search_box = frame.search_box.clone();
    let escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && happened_at(&ev, &search_box) && state.with_untracked(|s| !s.query.is_empty()) {
            ev.prevent_default();
            nav.search(String::new());
        }
    };
    let clear = frame.clear.clone();
    let clear_all = move |ev: leptos::ev::MouseEvent| {
        if happened_at(&ev, &clear) {
            nav.go(state.get_untracked().cleared());
        }
    };
    // The sort and every filter, told apart by their names.
    let change = move |ev: leptos::ev::Event| {
        let Some(name) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.get_attribute("name")) else { return };
        let value = event_target_value(&ev);
        let mut next = ViewState { page: 1, ..state.get_untracked().list() };
        if name == "sort" {
            next.sort = Sort::parse(&value);
        } else if let Some(facet) = FACETS.into_iter().find(|f| f.name() == name) {
            next.filters.set(facet, Some(value).filter(|v| !v.is_empty()));
        } else {
            return;
        }
        nav.go(next);
    };

    // The search box follows the view (back / forward, "Clear all").
    let search_box = frame.search_box.clone();
    effect(move || {
        let query = state.with(|s| s.query.clone());
        if search_box.value() != query {
            search_box.set_value(&query);
        }
    });
    for facet in FACETS.into_iter().filter(|&f| f != Facet::Category || fixed_category.is_none()) {
        filter(m, facet, listing, state, frame.sort_field.clone(), mounted);
    }
    let sort = frame.sort.clone();
    let mut shown_choices = Vec::new();
    effect(move || {
        let current = state.with(ViewState::effective_sort);
        let mut sorts = vec![(Sort::Newest, m.sort_newest), (Sort::Oldest, m.sort_oldest)];
        if state.with(|s| !s.query.trim().is_empty()) {
            sorts.insert(0, (Sort::Relevance, m.sort_relevance));
        }
        let choices: Vec<Choice> = sorts.into_iter().map(|(s, text)| Choice { value: s.as_str().to_string(), text: text.to_string(), selected: s == current, disabled: false }).collect();
        show_choices(&sort, &mut shown_choices, choices);
    });
    let count = text_in(&frame.count, "");
    // What it shows, kept here: not read back from the DOM on every key.
    let mut shown_count = String::new();
    effect(move || {
        let shown = number(listing.with(|l| l.order.len()));
        let text = plural(m, m.count_one, m.count_other, total.get(), &[("shown", &shown)]);
        if shown_count != text {
            set_text(&count, &text);
            shown_count = text;
        }
    });
    // One status line: search being prepared, else older pages arriving.
    let clear = frame.clear.clone();
    let mut line = None::<HtmlElement>;
    effect(move || {
        let status = match (indexing.get(), paging.get()) {
            (Some(pct), _) => Some(("newsroom__indexing", fill(m.preparing_search, &[("percent", &format!("{}%", number(usize::from(pct))))]))),
            (None, Some(n)) => Some(("newsroom__paging", fill(m.loading_older, &[("n", &number(n))]))),
            (None, None) if busy.get() => Some(("newsroom__fetching", m.loading.to_string())),
            (None, None) => None,
        };
        let Some((class, text)) = status else {
            if let Some(gone) = line.take() {
                remove(&gone);
            }
            return;
        };
        let shown = line.take().unwrap_or_else(|| element("p", ""));
        set(&shown, "class", class);
        set(&shown, "role", "status");
        shown.set_text_content(Some(&text));
        let _ = clear.before_with_node_1(&shown);
        line = Some(shown);
    });
    let clear = frame.clear.clone();
    effect(move || {
        let is_clear = state.with(|s| *s == s.cleared());
        set_or_remove(&clear, "disabled", is_clear.then_some(""));
    });
    view! {
        <div class="newsroom__toolbar" role="search" aria-label=landmark node_ref=toolbar
            on:change=change on:input=input on:keydown=escape on:click=clear_all></div>
    }
}

/// The toolbar's own elements, in their order: the search box, the sort
/// (the filters go before it), the count and "Clear all".
#[derive(Clone)]
struct Frame {
    search_field: HtmlElement,
    search_box: HtmlInputElement,
    sort_field: HtmlElement,
    sort: HtmlElement,
    status: HtmlElement,
    count: HtmlElement,
    clear: HtmlElement,
}

impl Frame {
    fn new(m: &Messages) -> Frame {
        let (search_field, search_box) = field("newsroom__field newsroom__field--search", m.search_label, "input", "newsroom__search");
        for (name, value) in [("type", "search"), ("autocomplete", "off"), ("placeholder", m.search_placeholder)] {
            set(&search_box, name, value);
        }
        let (sort_field, sort) = field("newsroom__field", m.sort_label, "select", "newsroom__sort");
        set(&sort, "name", "sort");
        let status = element("div", "newsroom__status");
        let count = element("p", "newsroom__count");
        set(&count, "aria-live", "polite");
        let clear = with_text("button", "newsroom__clear", m.clear_all);
        set(&clear, "type", "button");
        append(&status, &count);
        append(&status, &clear);
        Frame { search_field, search_box: search_box.unchecked_into(), sort_field, sort, status, count, clear }
    }
}

/// `<label class="field_class">` with its words and its control (`<tag class="class">`).
fn field(field_class: &str, label: &str, tag: &str, class: &str) -> (HtmlElement, HtmlElement) {
    let field = element("label", field_class);
    append(&field, &with_text("span", "newsroom__label", label));
    let control = element(tag, class);
    append(&field, &control);
    (field, control)
}

/// One option of a `<select>`, as shown.
#[derive(Clone, PartialEq)]
struct Choice {
    value: String,
    text: String,
    selected: bool,
    disabled: bool,
}

/// An option in the DOM: the element, its text node and what it shows.
struct ShownOption {
    option: web_sys::Element,
    text: web_sys::Node,
    choice: Choice,
}

/// Makes the options of `select` show `choices`, given `shown` (its
/// options and what each shows): a call into the DOM only for what differs,
/// as a keystroke changes most counts and nothing else.
fn show_choices(select: &web_sys::Element, shown: &mut Vec<ShownOption>, choices: Vec<Choice>) {
    let count = choices.len();
    for (k, choice) in choices.into_iter().enumerate() {
        let fresh = k == shown.len();
        if fresh {
            let option = element("option", "");
            append(select, &option);
            let text = text_in(&option, &choice.text);
            shown.push(ShownOption { option: option.into(), text, choice: choice.clone() });
        }
        let ShownOption { option, text, choice: was } = &mut shown[k];
        if fresh || was.value != choice.value {
            set(option, "value", &choice.value);
        }
        if !fresh && was.text != choice.text {
            set_text(text, &choice.text);
        }
        if fresh || was.selected != choice.selected {
            set_or_remove(option, "selected", choice.selected.then_some(""));
        }
        if fresh || was.disabled != choice.disabled {
            set_or_remove(option, "disabled", choice.disabled.then_some(""));
        }
        // The property too: once the reader has picked, the attribute no
        // longer moves the selection. Selecting one option unselects the rest.
        if choice.selected {
            option.unchecked_ref::<HtmlOptionElement>().set_selected(true);
        }
        *was = choice;
    }
    for extra in shown.drain(count..) {
        remove(&extra.option);
    }
}

/// One filter: a `<select>` (built once) whose options carry their result
/// counts, in its place before the sort while shown.
fn filter(m: &'static Messages, facet: Facet, listing: Memo<Listing>, state: RwSignal<ViewState>, sort_field: HtmlElement, mounted: RwSignal<bool>) {
    let (label, all) = facet_words(m, facet);
    let (field, select) = field("newsroom__field", label, "select", "newsroom__filter");
    set(&select, "name", facet.name());
    // A language filter only when there is more than one language. A memo:
    // the filter comes or goes with it, not on every search. (Language is
    // the last filter, so before the sort is its place.)
    let shown = Memo::new(move |_| facet != Facet::Language || listing.with(|l| l.facets.get(facet).len() > 1));
    effect(move || {
        if !mounted.get() {
            return;
        }
        if shown.get() {
            let _ = sort_field.before_with_node_1(&field);
        } else {
            remove(&field);
        }
    });
    // Languages by name ("中文"), as codes mean little to readers.
    let name = move |value: &str| if facet == Facet::Language { language_name(m, value) } else { value.to_string() };
    let mut shown_choices = Vec::new();
    effect(move || {
        let current = state.with(|s| s.filters.get(facet).map(str::to_string));
        let choices = listing.with(|l| {
            // Counts not known yet: the values without them.
            let pending = l.facets.pending;
            let any = Choice { value: String::new(), text: all.to_string(), selected: current.is_none(), disabled: false };
            std::iter::once(any).chain(l.facets.get(facet).iter().map(|o| {
                let is_current = current.as_deref() == Some(o.value.as_str());
                let text = if pending { name(&o.value) } else { fill(m.option_count, &[("value", &name(&o.value)), ("count", &number(o.count))]) };
                // A choice that would show nothing stays visible but cannot be picked.
                Choice { value: o.value.clone(), text, selected: is_current, disabled: !pending && o.count == 0 && !is_current }
            })).collect::<Vec<_>>()
        });
        show_choices(&select, &mut shown_choices, choices);
    });
}

/// Whether `ev` happened at `el` itself.
fn happened_at(ev: &web_sys::Event, el: &web_sys::Element) -> bool {
    ev.target().is_some_and(|t| t.unchecked_ref::<wasm_bindgen::JsValue>() == el.unchecked_ref::<wasm_bindgen::JsValue>())
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
