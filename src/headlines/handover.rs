//! Giving an element back to the app: `newsroom.js` marks the elements it
//! gives this entry (`MARK`), and the app leaves marked elements alone. An
//! element this entry cannot serve cheaply loses its mark and its content;
//! `newsroom.js` (or the app, if it already runs) sees the mark go and the
//! app renders the element as it would have from the start.
//!
//! The one such element: headlines of one category, or more than its first
//! page holds, from a pre-built archive, which only the archive's summary
//! and cards (the app's part loader) can tell.

use web_sys::{Element, Node};

use newsroom::browser::dom::remove;

/// Set by `newsroom.js`, read by the app's `browser::start`.
const MARK: &str = "data-newsroom-headlines";

pub fn to_app(el: &Element, root: &Node) {
    remove(root);
    let _ = el.remove_attribute(MARK);
}
