//! The headlines entry: a second, small wasm for a page whose every Newsroom
//! element is a compact headline list (`data-layout="compact"`). It renders
//! what the app's compact layout renders, with the same markup, from the same
//! core (reading, the newest headlines, messages, requests with their time
//! limits and retries), but without leptos, the catalog or the search index.
//! `newsroom.js` loads it instead of the app on such a page and hands it each
//! element (`mount`); an element it cannot serve cheaply goes back to the app
//! (`handover`).

#![cfg_attr(target_arch = "wasm32", no_main)]

// Plain Rust, tested natively; the wasm's global allocator.
#[cfg(any(target_arch = "wasm32", test))]
mod allocator;
#[cfg(target_arch = "wasm32")]
mod handover;
#[cfg(target_arch = "wasm32")]
mod instance;
#[cfg(target_arch = "wasm32")]
mod list;
#[cfg(target_arch = "wasm32")]
mod read;
#[cfg(target_arch = "wasm32")]
mod shared_load;

// Nothing runs at start: `newsroom.js` calls `mount`. (Without a `main`,
// the wasm has none of std's start-up code either.)
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

/// Renders the headlines into `el`, a `[data-newsroom]` element that
/// `newsroom.js` marked as the headlines entry's.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(el: web_sys::Element) {
    instance::mount(el);
}
