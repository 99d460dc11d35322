//! What the page made of the bundle's imperfect items: how many were
//! skipped and why, one by one, and how many got an id of the page's making.

use leptos::prelude::*;

use crate::bundle::ItemError;

#[component]
pub fn SkippedItems(skipped: Vec<ItemError>, recovered_ids: usize) -> impl IntoView {
    let n = skipped.len();
    let skipped = (n > 0).then(|| {
        let summary = if n == 1 {
            "1 item in the news feed was skipped: it has nothing to show.".to_string()
        } else {
            format!("{n} items in the news feed were skipped: they have nothing to show.")
        };
        view! {
            <details class="newsroom__skipped">
                <summary>{summary}</summary>
                <ul>{skipped.into_iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
            </details>
        }
    });
    // Links to these articles depend on their address or content, so they say so.
    let recovered = (recovered_ids > 0).then(|| {
        let text = if recovered_ids == 1 {
            "1 article in the news feed has no unique `id`; its link uses its address or content instead.".to_string()
        } else {
            format!("{recovered_ids} articles in the news feed have no unique `id`; their links use their address or content instead.")
        };
        view! { <p class="newsroom__notice newsroom__recovered" role="status">{text}</p> }
    });
    (skipped, recovered)
}
