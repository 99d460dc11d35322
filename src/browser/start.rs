//! Finding the mount elements, now and whenever the host page adds one, and
//! starting one independent app in each.

use std::cell::{Cell, RefCell};

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, MutationObserver, MutationObserverInit, MutationRecord};

use crate::browser::language::interface_language;
use crate::browser::takeover::container;
use crate::components::newsroom::Newsroom;
use crate::messages::describe::option_problem;
use crate::embed_options::{EmbedOptions, Layout};

const SELECTOR: &str = "[data-newsroom]";
/// An element the headlines entry renders (`newsroom.js` marks it); it
/// loses the mark when handed over to the app.
const HEADLINES: &str = "data-newsroom-headlines";

thread_local! {
    /// The elements we already mounted into (compared by identity).
    static MOUNTED: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// Only one full instance can own the URL's `nr-*` parameters: the first.
    static URL_TAKEN: Cell<bool> = const { Cell::new(false) };
}

/// Mounts Newsroom into every `[data-newsroom]` element, including ones added later.
pub fn start() {
    // Where, not what: formatting a panic's message would ship the formatting
    // machinery for every message in the crates we use (0.8 KB gzip).
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        web_sys::console::error_1(&format!("Newsroom panicked{at}: an internal error, not the bundle's").into());
    }));
    mount_all(&document().document_element().map(Into::into));
    watch_for_new_elements();
}

fn mount_all(root: &Option<web_sys::Node>) {
    let Some(root) = root else { return };
    if let Some(el) = root.dyn_ref::<Element>() {
        if el.matches(SELECTOR).unwrap_or(false) {
            mount(el);
        }
        if let Ok(found) = el.query_selector_all(SELECTOR) {
            for i in 0..found.length() {
                if let Some(el) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    mount(&el);
                }
            }
        }
    }
}

fn mount(el: &Element) {
    if el.get_attribute(HEADLINES).is_some() {
        return;
    }
    let fresh = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let fresh = !m.iter().any(|x| x == el);
        if fresh {
            m.push(el.clone());
        }
        fresh
    });
    let Some(host) = el.dyn_ref::<HtmlElement>().filter(|_| fresh) else { return };
    // Options come only from the host's markup, never from the URL.
    let (options, problems) = EmbedOptions::read(|name| el.get_attribute(name));
    let owns_url = options.layout == Layout::Full && !URL_TAKEN.with(|t| t.replace(true));
    let words = interface_language(el);
    let problems: Vec<String> = problems.iter().map(|p| option_problem(words, p)).collect();
    // A built site's page: the app goes beside the static content, to take its place.
    let parent = options.site.as_ref().and_then(|_| container(el)).unwrap_or_else(|| host.clone());
    mount_to(parent, move || {
        provide_context(words);
        view! { <Newsroom options=options owns_url=owns_url problems=problems/> }
    })
    .forget();
}

/// A CMS may render the mount element after our script ran; the headlines
/// entry may hand one over (its mark goes).
fn watch_for_new_elements() {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(|records: js_sys::Array| {
        // Our own rendering makes most of them, on every keystroke: each
        // question about a record is a call across, so the fewest first.
        for record in records.iter() {
            let record = record.unchecked_into::<MutationRecord>();
            let added = record.added_nodes();
            let count = added.length();
            if count == 0 {
                // Nodes removed, or the headlines entry's mark gone.
                if record.type_() == "attributes" {
                    mount_all(&record.target());
                }
                continue;
            }
            // Our own rendering never adds mount elements.
            if record.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|t| t.closest(".newsroom").ok().flatten().is_some()) {
                continue;
            }
            for i in 0..count {
                mount_all(&added.item(i));
            }
        }
    });
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else { return };
    callback.forget();
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_attribute_filter(&js_sys::Array::of1(&HEADLINES.into()));
    if let Some(root) = document().document_element() {
        let _ = observer.observe_with_options(&root, &init);
    }
}
