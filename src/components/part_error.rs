//! What went wrong fetching a pre-built archive's files, with Retry.

use leptos::prelude::*;

use crate::browser::part_loader::PartLoader;
use crate::components::words::words;
use crate::messages::describe::part_error;

#[component]
pub fn PartErrorAlert(#[prop(optional_no_strip)] parts: Option<PartLoader>) -> impl IntoView {
    let m = words();
    move || {
        let parts = parts?;
        let message = parts.failures.with(|f| f.first().map(|e| part_error(m, e)))?;
        Some(view! {
            <div class="newsroom__part-error" role="alert">
                <p>{message}</p>
                <button type="button" class="newsroom__retry" on:click=move |_| parts.retry()>{m.retry}</button>
            </div>
        })
    }
}
