//! Text with the query's matches wrapped in `<mark>`; always text, never markup.

use leptos::either::Either;
use leptos::prelude::*;

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

#[component]
pub fn Highlighted(parts: Marked) -> impl IntoView {
    parts
        .into_iter()
        .map(|(part, hit)| if hit { Either::Left(view! { <mark>{part}</mark> }) } else { Either::Right(part) })
        .collect_view()
}
