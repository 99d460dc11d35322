//! Text with the query's matches wrapped in `<mark>`; always text, never markup.

use web_sys::Element;

use crate::browser::dom::{append, with_text};
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

/// Makes `parts` the content of `el`: text, and each match in a `<mark>`.
pub fn show_marks(el: &Element, parts: &Marked) {
    el.set_text_content(None);
    for (part, hit) in parts {
        if *hit {
            append(el, &with_text("mark", "", part));
        } else if !part.is_empty() {
            let _ = el.append_with_str_1(part);
        }
    }
}
