//! A host's light background in the dark scheme: Newsroom then keeps its
//! light palette's text colours (`newsroom--light-surface`), so a host that
//! sets only `--newsroom-background` still gets readable text.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::color::is_light;

const CLASS: &str = "newsroom--light-surface";

/// Sets the class now, and again whenever the reader's scheme changes (a
/// host may give each scheme its own background).
pub fn follow_surface(root: &HtmlElement) {
    update(root);
    let Some(query) = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()) else { return };
    let el = root.clone();
    let changed = Closure::<dyn Fn()>::new(move || update(&el));
    let _ = query.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
    // Lives as long as the page: a mounted instance is never unmounted.
    changed.forget();
}

fn update(root: &HtmlElement) {
    let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(root).ok().flatten()) else { return };
    let hosted = style.get_property_value("--newsroom-background").is_ok_and(|v| !v.trim().is_empty());
    // Only a background the host chose: ours already has its own text colours.
    let light = hosted && style.get_property_value("background-color").ok().and_then(|c| is_light(&c)).unwrap_or(false);
    let _ = root.class_list().toggle_with_force(CLASS, light);
}
