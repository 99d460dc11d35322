//! Our view in the page URL: reading it, writing it with the History API, and
//! remembering the list's scroll position in its history entry; and the
//! document's title, which follows the open article.

use wasm_bindgen::JsValue;

use crate::url_state::ViewState;

/// Whether a change adds a history entry (a new view) or amends the current one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Push,
    Replace,
}

/// History state of an article entry opened from the list, so "back to the
/// list" can simply go back and find the list (and its scroll) as it was.
const FROM_LIST: &str = "newsroom:article-from-list";

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

fn history() -> Option<web_sys::History> {
    web_sys::window().and_then(|w| w.history().ok())
}

pub fn current_search() -> String {
    location().and_then(|l| l.search().ok()).unwrap_or_default()
}

/// The page's address without its query and fragment, absolute (its path
/// on the page's origin).
pub fn current_address() -> String {
    let path = location().and_then(|l| l.pathname().ok()).unwrap_or_default();
    crate::browser::loader::page_url(&path).unwrap_or(path)
}

/// Loads the page at the current address: a page of a built site that the
/// app cannot show in place is a real page of its own.
pub fn reload() {
    if let Some(l) = location() {
        let _ = l.reload();
    }
}

/// The document's title, as its `<title>` says it. (Read and written
/// through the element, with DOM calls the page makes anyway: `document.title`
/// would be more glue in the wasm and the script.)
pub fn title() -> String {
    title_element().and_then(|t| t.text_content()).unwrap_or_default()
}

pub fn set_title(title: &str) {
    let document = leptos::prelude::document();
    if let Some(t) = title_element() {
        t.replace_children_with_node_1(&document.create_text_node(title));
    }
}

fn title_element() -> Option<web_sys::Element> {
    leptos::prelude::document().query_selector("title").ok().flatten()
}

/// The address of `state` on this page: same path and fragment, the host's
/// other query parameters untouched.
pub fn href_for(state: &ViewState) -> String {
    Here::now().href_for(state)
}

/// The page's address, read once for the addresses of several views (a
/// render's cards): each part is a call across to JS.
pub struct Here {
    path: String,
    search: String,
    hash: String,
}

impl Here {
    pub fn now() -> Here {
        let part = |read: fn(&web_sys::Location) -> Result<String, JsValue>| location().and_then(|l| read(&l).ok()).unwrap_or_default();
        Here { path: part(web_sys::Location::pathname), search: part(web_sys::Location::search), hash: part(web_sys::Location::hash) }
    }

    pub fn href_for(&self, state: &ViewState) -> String {
        self.path.clone() + &state.to_search(&self.search) + &self.hash
    }
}

fn write(url: &str, entry: Entry, data: &JsValue) {
    let Some(h) = history() else { return };
    let _ = match entry {
        Entry::Push => h.push_state_with_url(data, "", Some(url)),
        Entry::Replace => h.replace_state_with_url(data, "", Some(url)),
    };
}

/// Makes `url` (a view's address) the page's.
pub fn show(url: &str, entry: Entry) {
    write(url, entry, &JsValue::NULL);
}

/// Opens an article (at `url`) from the list: the list's entry keeps its
/// scroll position, and the article's entry is marked as coming from it.
pub fn open_from_list(url: &str) {
    if let Some(h) = history() {
        let _ = h.replace_state(&JsValue::from_f64(scroll_y()), "");
    }
    write(url, Entry::Push, &JsValue::from_str(FROM_LIST));
}

/// Replaces the open article with another one (at `url`), keeping the entry's mark.
pub fn replace_article(url: &str) {
    let data = history().and_then(|h| h.state().ok()).unwrap_or(JsValue::NULL);
    write(url, Entry::Replace, &data);
}

/// Whether the current entry is an article opened from the list.
pub fn came_from_list() -> bool {
    history().and_then(|h| h.state().ok()).and_then(|s| s.as_string()).is_some_and(|s| s == FROM_LIST)
}

pub fn back() {
    if let Some(h) = history() {
        let _ = h.back();
    }
}

/// The scroll position saved in a history entry's state, if any.
pub fn saved_scroll(state: &JsValue) -> Option<f64> {
    state.as_f64()
}

pub fn scroll_y() -> f64 {
    web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

/// Scrolls to `y` once the DOM has been updated for the current view.
pub fn scroll_after_render(y: f64) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, y);
        }
    });
}
