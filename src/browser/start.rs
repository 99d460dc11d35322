//! Finding the mount elements and starting one app in each.

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::newsroom::Newsroom;

/// The bundle address when the mount element names none: next to the page.
pub const DEFAULT_SRC: &str = "feed.json";

/// Mounts Newsroom into every `[data-newsroom]` element on the page.
pub fn start() {
    console_error_panic_hook::set_once();
    let Ok(found) = document().query_selector_all("[data-newsroom]") else { return };
    for i in 0..found.length() {
        let Some(el) = found.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        // The address comes only from the host's markup, never from the URL.
        let src = el.get_attribute("data-src").filter(|s| !s.trim().is_empty()).unwrap_or_else(|| DEFAULT_SRC.to_string());
        mount_to(el, move || view! { <Newsroom src=src/> }).forget();
    }
}
