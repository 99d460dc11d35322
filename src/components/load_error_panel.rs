//! The message shown when the bundle could not be loaded, with Retry.

use leptos::prelude::*;

use crate::components::words::words;

#[component]
pub fn LoadErrorPanel(message: String, retry: Callback<()>) -> impl IntoView {
    let m = words();
    view! {
        <div class="newsroom__error" role="alert">
            <p class="newsroom__error-title">{m.load_failed}</p>
            <p class="newsroom__error-message">{message}</p>
            <button type="button" class="newsroom__retry" on:click=move |_| retry.run(())>{m.retry}</button>
        </div>
    }
}
