//! The message shown when the bundle could not be loaded, with Retry.

use leptos::prelude::*;

#[component]
pub fn LoadErrorPanel(message: String, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="newsroom__error" role="alert">
            <p class="newsroom__error-title">"The news could not be loaded."</p>
            <p class="newsroom__error-message">{message}</p>
            <button type="button" class="newsroom__retry" on:click=move |_| retry.run(())>"Retry"</button>
        </div>
    }
}
