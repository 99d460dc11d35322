//! What the page made of the bundle's imperfect items: how many were
//! skipped and why, one by one, and how many got an id of the page's making.

use web_sys::HtmlElement;

use crate::browser::dom::{append, element, set, with_text};
use crate::browser::intl::plural;
use crate::bundle::ItemError;
use crate::messages::describe::item_error;
use crate::messages::Messages;

/// The skipped items, in a `<details>` that names how many; `None` without any.
pub fn skipped_items(m: &Messages, skipped: &[ItemError]) -> Option<HtmlElement> {
    if skipped.is_empty() {
        return None;
    }
    let details = element("details", "newsroom__skipped");
    append(&details, &with_text("summary", "", &plural(m, m.skipped_one, m.skipped_other, skipped.len(), &[])));
    let list = element("ul", "");
    for e in skipped {
        append(&list, &with_text("li", "", &item_error(m, e)));
    }
    append(&details, &list);
    Some(details)
}

/// Links to these articles depend on their address or content, so they say so.
pub fn recovered_ids(m: &Messages, n: usize) -> Option<HtmlElement> {
    if n == 0 {
        return None;
    }
    let text = with_text("p", "newsroom__notice newsroom__recovered", &plural(m, m.recovered_one, m.recovered_other, n, &[]));
    set(&text, "role", "status");
    Some(text)
}
