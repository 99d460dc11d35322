//! What went wrong fetching a pre-built archive's files, with Retry.

use leptos::prelude::*;

use crate::browser::part_loader::PartLoader;

#[component]
pub fn PartErrorAlert(#[prop(optional_no_strip)] parts: Option<PartLoader>) -> impl IntoView {
    move || {
        let parts = parts?;
        let message = parts.failures.with(|f| f.first().map(ToString::to_string))?;
        Some(view! {
            <div class="newsroom__part-error" role="alert">
                <p>{message}</p>
                <button type="button" class="newsroom__retry" on:click=move |_| parts.retry()>"Retry"</button>
            </div>
        })
    }
}
