//! The app root: loads the bundle and shows loading, the failure, or the page.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::loader::load;
use crate::catalog::Catalog;
use crate::components::load_error_panel::LoadErrorPanel;
use crate::components::news_page::NewsPage;

#[derive(Clone)]
enum LoadState {
    Loading,
    Failed(String),
    Ready(Arc<Catalog>),
}

#[component]
pub fn Newsroom(src: String) -> impl IntoView {
    let state = RwSignal::new(LoadState::Loading);
    let fetch = move || {
        let src = src.clone();
        state.set(LoadState::Loading);
        spawn_local(async move {
            state.set(match load(&src).await {
                Ok(catalog) => LoadState::Ready(Arc::new(catalog)),
                Err(e) => LoadState::Failed(e.to_string()),
            });
        });
    };
    fetch();
    let retry = Callback::new(move |()| fetch());
    view! {
        <div class="newsroom">
            {move || match state.get() {
                LoadState::Loading => view! {
                    <p class="newsroom__loading" role="status">"Loading news…"</p>
                }.into_any(),
                LoadState::Failed(message) => view! { <LoadErrorPanel message=message retry=retry/> }.into_any(),
                LoadState::Ready(catalog) => view! { <NewsPage catalog=catalog/> }.into_any(),
            }}
        </div>
    }
}
