//! The app root: loads the bundle (with progress) and shows loading, the
//! failure, or the page; then builds the search index in the background.

use std::sync::Arc;

use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::loader::{build_index, load, yield_to_browser, Progress};
use crate::catalog::Catalog;
use crate::components::compact_list::CompactList;
use crate::components::load_error_panel::LoadErrorPanel;
use crate::components::news_page::NewsPage;
use crate::components::notices::Notices;
use crate::embed_options::{EmbedOptions, Layout};

/// Work (in ms) after which the first render waits for the next task.
const SPLIT_AFTER_MS: f64 = 4.0;

#[derive(Clone)]
enum LoadState {
    Loading(Progress),
    Failed(String),
    Ready(Arc<Catalog>),
}

#[component]
pub fn Newsroom(
    options: EmbedOptions,
    /// Whether this instance keeps its view in the page URL (one full instance per page).
    #[prop(default = true)]
    owns_url: bool,
    /// What was wrong with the element's attributes.
    #[prop(optional)]
    problems: Vec<String>,
) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    let src = options.src.clone();
    let layout = options.layout;
    let state = RwSignal::new(LoadState::Loading(Progress::default()));
    // Percent of the search index built; `None` once search is ready.
    let indexing = RwSignal::new(None::<u8>);
    let fetch = move || {
        let src = src.clone();
        state.set(LoadState::Loading(Progress::default()));
        spawn_local(async move {
            let bundle = match load(&src, |p| state.set(LoadState::Loading(p))).await {
                Ok(bundle) => bundle,
                Err(e) => return state.set(LoadState::Failed(e.to_string())),
            };
            // At 10,000 articles the catalog and the first render take tens of
            // ms each: then they get a task each, lest together they block input.
            // A small bundle is not held back by the extra turn.
            let started = js_sys::Date::now();
            let catalog = Arc::new(Catalog::unindexed(bundle));
            if js_sys::Date::now() - started > SPLIT_AFTER_MS {
                yield_to_browser().await;
            }
            if layout == Layout::Compact {
                // Headlines need no search.
                return state.set(LoadState::Ready(catalog));
            }
            indexing.set(Some(0));
            state.set(LoadState::Ready(catalog.clone()));
            // The first articles paint before the index is built.
            yield_to_browser().await;
            let index = build_index(&catalog, |pct| indexing.set(Some(pct))).await;
            catalog.install_index(index);
            indexing.set(None);
        });
    };
    fetch();
    let retry = Callback::new(move |()| fetch());
    let class = match layout {
        Layout::Full => "newsroom newsroom--full",
        Layout::Compact => "newsroom newsroom--compact",
    };
    view! {
        <div class=class node_ref=root>
            <Notices notices=RwSignal::new(problems)/>
            {move || match state.get() {
                LoadState::Loading(progress) => EitherOf4::A(view! { <LoadingState progress=progress/> }),
                LoadState::Failed(message) => EitherOf4::B(view! { <LoadErrorPanel message=message retry=retry/> }),
                LoadState::Ready(catalog) => match layout {
                    Layout::Compact => EitherOf4::C(view! { <CompactList catalog=catalog options=options.clone()/> }),
                    Layout::Full => EitherOf4::D(view! {
                        <NewsPage catalog=catalog indexing=indexing options=options.clone() owns_url=owns_url root=root/>
                    }),
                },
            }}
        </div>
    }
}

/// "Loading news…" with a progress bar: bytes of the total when known.
#[component]
fn LoadingState(progress: Progress) -> impl IntoView {
    // Integer arithmetic: float formatting would add kilobytes to the wasm.
    let mb = |bytes: usize| {
        let tenths = bytes / 100_000;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    // A compressed transfer can report fewer bytes than arrive: then the bar has no end.
    let total = progress.total.filter(|&t| t >= progress.received && t > 0);
    let detail = match total {
        Some(t) => format!("{} of {} MB", mb(progress.received), mb(t)),
        None if progress.received > 0 => format!("{} MB", mb(progress.received)),
        None => String::new(),
    };
    view! {
        <div class="newsroom__loading" role="status">
            <p>"Loading news…"</p>
            // Without a total, no `max` or `value`: an indeterminate bar.
            <progress class="newsroom__progress" max=total value=total.map(|_| progress.received)></progress>
            <p class="newsroom__progress-detail">{detail}</p>
        </div>
    }
}
