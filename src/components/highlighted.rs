//! Text with the query's matches wrapped in `<mark>`; always text, never markup.

use leptos::either::Either;
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
        .map(|(part, hit)| if hit { Either::Left(view! { <mark>{part}</mark> }) } else { Either::Right(part) })
        .collect_view()
}
