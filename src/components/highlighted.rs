//! Text with the query's matches wrapped in `<mark>`; always text, never markup.

use leptos::prelude::*;

/// Runs of text, each flagged when it is a match.
pub type Marked = Vec<(String, bool)>;

pub fn owned(parts: Vec<(&str, bool)>) -> Marked {
    parts.into_iter().map(|(s, hit)| (s.to_string(), hit)).collect()
}

#[component]
pub fn Highlighted(parts: Marked) -> impl IntoView {
    parts
        .into_iter()
        .map(|(part, hit)| if hit { view! { <mark>{part}</mark> }.into_any() } else { part.into_any() })
        .collect_view()
}
