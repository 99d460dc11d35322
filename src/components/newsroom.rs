//! The app root: loads the bundle (with progress) and shows loading, the
//! failure, or the page; then builds the search index in the background.

use std::sync::Arc;

use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::loader::{absolute_url, build_index, fetch_bytes, load, yield_to_browser, Progress};
use crate::browser::part_loader::PartLoader;
use crate::browser::surface::follow_surface;
use crate::prebuilt::format::{verify, FormatError, Summary};
use crate::prebuilt::parts::PartFailure;
use crate::bundle::Bundle;
use crate::catalog::Catalog;
use crate::components::compact_list::CompactList;
use crate::components::load_error_panel::LoadErrorPanel;
use crate::components::news_page::NewsPage;
use crate::components::notices::Notices;
use crate::components::words::words;
use crate::browser::intl::byte_size;
use crate::messages::describe::{load_error, part_failure};
use crate::messages::{fill, Messages};
use crate::embed_options::{EmbedOptions, Layout};

/// Work (in ms) after which the first render waits for the next task.
const SPLIT_AFTER_MS: f64 = 4.0;

/// Articles from which making the catalog waits for a task of its own.
const LARGE_BUNDLE: usize = 1000;

/// Pages of a paged feed (`next_url`) read after the first, at most.
const MAX_PAGES: usize = 1000;

#[derive(Clone)]
enum LoadState {
    Loading(Progress),
    Failed(String),
    /// The catalog shown; a paged feed's later pages replace it once read.
    /// From a pre-built archive, the parts a view needs come through the loader.
    Ready(RwSignal<Arc<Catalog>>, Option<PartLoader>),
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
    let m = words();
    let root = NodeRef::<leptos::html::Div>::new();
    // Readable text on a light background the host chose, in either scheme.
    root.on_load(|el| follow_surface(&el));
    let src = options.src.clone();
    let layout = options.layout;
    let compact_reach = (options.category.is_some(), options.limit);
    let state = RwSignal::new(LoadState::Loading(Progress::default()));
    let notices = RwSignal::new(problems);
    // Percent of the search index built; `None` once search is ready.
    let indexing = RwSignal::new(None::<u8>);
    // Articles read so far while a paged feed's later pages arrive.
    let paging = RwSignal::new(None::<usize>);
    let fetch = move || {
        let src = src.clone();
        state.set(LoadState::Loading(Progress::default()));
        spawn_local(async move {
            let bundle = match load(&src, &|p| state.set(LoadState::Loading(p))).await {
                Ok(bundle) => bundle,
                Err(e) => return state.set(LoadState::Failed(load_error(m, &e))),
            };
            // A pre-built archive: its summary, and then only what views need.
            // A compact list needs the index only to reach past the first page:
            // for a category, or more headlines than it holds.
            let needs_index = layout == Layout::Full || compact_reach.0 || compact_reach.1 > bundle.articles.len();
            if let (true, Some(index)) = (needs_index, bundle.index_url.clone()) {
                let feed = absolute_url(&src, &src).unwrap_or_else(|| src.clone());
                let url = absolute_url(&index, &feed).unwrap_or(index);
                match read_summary(&url).await {
                    Ok(summary) => {
                        let shown = RwSignal::new(Arc::new(Catalog::from_archive(bundle, summary)));
                        return state.set(LoadState::Ready(shown, Some(PartLoader::new(shown, url))));
                    }
                    Err(e) => notices.update(|n| n.push(fill(m.index_unusable, &[("url", &url), ("reason", &part_failure(m, &e))]))),
                }
            }
            let next = bundle.next_url.clone().filter(|_| layout == Layout::Full);
            // The later pages are added to what the first one read.
            let first = next.as_ref().map(|_| bundle.clone());
            // At 10,000 articles the catalog and the first render take tens of
            // ms each: then they get a task each, lest together they block input.
            // A small bundle is not held back by the extra turn.
            // A large bundle's catalog gets a task of its own, not the end of the reading's.
            if bundle.articles.len() > LARGE_BUNDLE {
                yield_to_browser().await;
            }
            let started = js_sys::Date::now();
            let catalog = Arc::new(Catalog::unindexed(bundle));
            if js_sys::Date::now() - started > SPLIT_AFTER_MS {
                yield_to_browser().await;
            }
            let shown = RwSignal::new(catalog.clone());
            if layout == Layout::Compact {
                // Headlines need no search.
                return state.set(LoadState::Ready(shown, None));
            }
            indexing.set(Some(0));
            state.set(LoadState::Ready(shown, None));
            // The first articles paint before the index is built.
            yield_to_browser().await;
            let index = build_index(&catalog, &|pct| indexing.set(Some(pct))).await;
            catalog.install_index(index);
            indexing.set(None);
            if let (Some(next), Some(first)) = (next, first) {
                read_later_pages(m, &src, next, first, shown, paging, notices).await;
            }
        });
    };
    fetch();
    let retry = Callback::new(move |()| fetch());
    let class = match layout {
        Layout::Full => "newsroom newsroom--full",
        Layout::Compact => "newsroom newsroom--compact",
    };
    // The full page's heading before the feed names itself (loading, failure).
    let heading = move || {
        let ready = state.with(|s| matches!(s, LoadState::Ready(..)));
        (layout == Layout::Full && !ready).then(|| view! { <h1 class="newsroom__heading">{m.news}</h1> })
    };
    view! {
        <div class=class node_ref=root lang=m.locale>
            {heading}
            <Notices notices=notices/>
            {move || match state.get() {
                LoadState::Loading(progress) => EitherOf4::A(view! { <LoadingState progress=progress/> }),
                LoadState::Failed(message) => EitherOf4::B(view! { <LoadErrorPanel message=message retry=retry/> }),
                LoadState::Ready(catalog, parts) => match layout {
                    Layout::Compact => EitherOf4::C(view! { <CompactList catalog=catalog parts=parts options=options.clone()/> }),
                    Layout::Full => EitherOf4::D(view! {
                        <NewsPage catalog=catalog indexing=indexing paging=paging parts=parts options=options.clone() owns_url=owns_url root=root/>
                    }),
                },
            }}
        </div>
    }
}

/// A pre-built archive's summary, or why it cannot be used.
async fn read_summary(url: &str) -> Result<Summary, PartFailure> {
    let bytes = fetch_bytes(url, false).await?;
    // Another format version first: a newer build may name its files otherwise.
    let summary = Summary::from_json(&bytes);
    if let Err(e @ FormatError::Version { .. }) = summary {
        return Err(PartFailure::Format(e));
    }
    verify(url, &bytes).map_err(PartFailure::Format)?;
    summary.map_err(PartFailure::Format)
}

/// Reads a paged feed's later pages (JSON Feed `next_url`) while the first is
/// shown, then shows them all at once, searchable: one new catalog, not one
/// per page. A page that fails ends the reading with a notice; what was read
/// is still shown.
async fn read_later_pages(
    m: &Messages,
    src: &str,
    next: String,
    mut all: Bundle,
    shown: RwSignal<Arc<Catalog>>,
    paging: RwSignal<Option<usize>>,
    notices: RwSignal<Vec<String>>,
) {
    let mut page_url = absolute_url(src, src).unwrap_or_else(|| src.to_string());
    let mut next = Some(next);
    // A feed whose `next_url` leads back to a page already read ends there.
    let mut read = std::collections::HashSet::from([page_url.clone()]);
    paging.set(Some(all.articles.len()));
    while let Some(link) = next.take() {
        let Some(url) = absolute_url(&link, &page_url) else {
            notices.update(|n| n.push(fill(m.older_not_an_address, &[("link", &link)])));
            break;
        };
        if read.len() >= MAX_PAGES || !read.insert(url.clone()) {
            break;
        }
        match load(&url, &|_| ()).await {
            Ok(page) => {
                all.append(page);
                next = all.next_url.clone();
                page_url = url;
                paging.set(Some(all.articles.len()));
            }
            Err(e) => notices.update(|n| n.push(fill(m.older_failed, &[("reason", &load_error(m, &e))]))),
        }
    }
    let catalog = Arc::new(Catalog::unindexed(all));
    yield_to_browser().await;
    let index = build_index(&catalog, &|_| ()).await;
    catalog.install_index(index);
    shown.set(catalog);
    paging.set(None);
}

/// "Loading news…" with a progress bar: what arrived, of the total when known.
#[component]
fn LoadingState(progress: Progress) -> impl IntoView {
    let m = words();
    let mb = |bytes: usize| byte_size(m, bytes);
    // A compressed transfer can report fewer bytes than arrive: then the bar has no end.
    let total = progress.total.filter(|&t| t >= progress.received && t > 0);
    let detail = match total {
        Some(t) => fill(m.progress_of, &[("received", &mb(progress.received)), ("total", &mb(t))]),
        None if progress.received > 0 => fill(m.progress_received, &[("received", &mb(progress.received))]),
        None => String::new(),
    };
    view! {
        <div class="newsroom__loading" role="status">
            <p>{m.loading_news}</p>
            // Without a total, no `max` or `value`: an indeterminate bar.
            <progress class="newsroom__progress" max=total value=total.map(|_| progress.received)></progress>
            <p class="newsroom__progress-detail">{detail}</p>
        </div>
    }
}
