//! Taking over a page `newsroom build` wrote: its mount element already holds
//! the page's content as plain HTML (the same markup and classes the app
//! renders). That content stays in view while the app loads, hidden in a
//! container after it; once the app shows the same view, it takes the
//! content's place in one step, before the next paint, so nothing flashes
//! or moves. A load that fails leaves the content where it is, with the
//! app's error below it.
//!
//! The functions take the app's root element: its parent is the container
//! until the app has taken over (then, or without static content, they do
//! nothing). They use only DOM calls the app makes anyway: each other one is
//! more glue in the wasm and the script.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The container's mark, while the static content is there.
const WAITING: &str = "data-newsroom-takeover";

/// When `mount` holds content of its own: a hidden container for the app,
/// after that content.
pub fn container(mount: &Element) -> Option<HtmlElement> {
    // Any node at all: whitespace alone gets a container too, and loses nothing by it.
    if mount.child_nodes().length() == 0 {
        return None;
    }
    let app = document().create_element("div").ok()?;
    app.set_attribute("hidden", "").ok()?;
    app.set_attribute(WAITING, "").ok()?;
    mount.append_child(&app).ok()?;
    Some(app.unchecked_into())
}

/// The container of the app whose root is `root`, while the static content is there.
fn of(root: &Element) -> Option<Element> {
    root.parent_node().map(JsCast::unchecked_into::<Element>).filter(|p| p.get_attribute(WAITING).is_some())
}

/// Shows the app after the static content (its error, or its loading after Retry).
pub fn show(root: &Element) {
    if let Some(app) = of(root) {
        let _ = app.remove_attribute("hidden");
    }
}

/// Puts the app in the static content's place, once the views built for
/// this render have run their effects: a heading's focus on an element not
/// shown yet goes nowhere, so taking over moves neither focus nor scroll.
pub fn finish(root: Element) {
    request_animation_frame(move || {
        let Some(app) = of(&root) else { return };
        // Once: moved again, the app would lose its focus.
        let _ = app.remove_attribute(WAITING);
        if let Some(mount) = app.parent_node() {
            mount.unchecked_into::<Element>().replace_children_with_node_1(&app);
        }
        let _ = app.remove_attribute("hidden");
    });
}
