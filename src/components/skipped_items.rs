//! How many items of the bundle were skipped, and why, one by one.

use leptos::prelude::*;

use crate::bundle::ItemError;

#[component]
pub fn SkippedItems(skipped: Vec<ItemError>) -> impl IntoView {
    let n = skipped.len();
    (n > 0).then(|| {
        let summary = if n == 1 {
            "1 item in the news feed was skipped because it is not valid.".to_string()
        } else {
            format!("{n} items in the news feed were skipped because they are not valid.")
        };
        view! {
            <details class="newsroom__skipped">
                <summary>{summary}</summary>
                <ul>{skipped.into_iter().map(|e| view! { <li>{e.to_string()}</li> }).collect_view()}</ul>
            </details>
        }
    })
}
