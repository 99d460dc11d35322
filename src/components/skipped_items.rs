//! What the page made of the bundle's imperfect items: how many were
//! skipped and why, one by one, and how many got an id of the page's making.

use leptos::prelude::*;

use crate::browser::intl::plural;
use crate::bundle::ItemError;
use crate::components::words::words;
use crate::messages::describe::item_error;

#[component]
pub fn SkippedItems(skipped: Vec<ItemError>, recovered_ids: usize) -> impl IntoView {
    let m = words();
    let n = skipped.len();
    let skipped = (n > 0).then(|| {
        let summary = plural(m, m.skipped_one, m.skipped_other, n, &[]);
        view! {
            <details class="newsroom__skipped">
                <summary>{summary}</summary>
                <ul>{skipped.into_iter().map(|e| view! { <li>{item_error(m, &e)}</li> }).collect_view()}</ul>
            </details>
        }
    });
    // Links to these articles depend on their address or content, so they say so.
    let recovered = (recovered_ids > 0).then(|| {
        let text = plural(m, m.recovered_one, m.recovered_other, recovered_ids, &[]);
        view! { <p class="newsroom__notice newsroom__recovered" role="status">{text}</p> }
    });
    (skipped, recovered)
}
