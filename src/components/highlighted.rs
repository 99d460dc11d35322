//! Text with the query's matches wrapped in `<mark>`; always text, never markup.

use leptos::prelude::*;

use crate::search::{highlight, Query};

#[component]
pub fn Highlighted(text: String, query: Query) -> impl IntoView {
    highlight(&text, &query)
        .into_iter()
        .map(|(part, hit)| {
            let part = part.to_string();
            if hit {
                view! { <mark>{part}</mark> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}
