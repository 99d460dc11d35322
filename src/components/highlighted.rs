//! Text with the query's matches wrapped in `<mark>`; always text, never markup.

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::browser::dom::{append, fragment, with_text};
use crate::catalog::Teaser;

/// Runs of text, each flagged when it is a match.
pub type Marked = Vec<(String, bool)>;

pub fn owned(parts: Vec<(&str, bool)>) -> Marked {
    parts.into_iter().map(|(s, hit)| (s.to_string(), hit)).collect()
}

/// A teaser's runs, with an ellipsis where text was left out.
pub fn excerpt(teaser: Teaser) -> Marked {
    let mut parts = teaser.parts;
    if teaser.cut_start {
        parts.insert(0, ("…", false));
    }
    if teaser.cut_end {
        parts.push(("…", false));
    }
    owned(parts)
}

/// Makes `parts` the content of `el`, which is new (empty): text, and each
/// match in a `<mark>`.
pub fn show_marks(el: &Element, parts: &Marked) {
    for (part, hit) in parts {
        if *hit {
            append(el, &with_text("mark", "", part));
        } else if !part.is_empty() {
            let _ = el.append_with_str_1(part);
        }
    }
}

/// Makes `parts` the content of `el` in place of what it shows: built aside
/// and put in by one call, so that the page's mutation observers are told of
/// one change, not one for each run (a card re-marked on a keystroke has a
/// dozen or more).
pub fn replace_marks(el: &Element, parts: &Marked) {
    let aside = fragment();
    // A fragment takes text and nodes as an element does (`ParentNode.append`).
    show_marks(aside.unchecked_ref(), parts);
    el.replace_children_with_node_1(&aside);
}
