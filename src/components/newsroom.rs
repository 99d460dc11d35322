//! The app root: joins the page's load of its bundle and shows it loading
//! (with progress, and retries), its failure, or the page.

use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::browser::feed_load::{FeedLoad, FeedNotice, LoadState};
use crate::browser::intl::progress_words;
use crate::browser::loader::Loading;
use crate::browser::surface::follow_surface;
use crate::browser::takeover;
use crate::components::compact_list::CompactList;
use crate::components::load_error_panel::LoadErrorPanel;
use crate::components::news_page::NewsPage;
use crate::components::notices::Notices;
use crate::components::words::words;
use crate::embed_options::{EmbedOptions, Layout};
use crate::messages::describe::{load_error, part_failure, retrying};
use crate::messages::{fill, Messages};

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
    let layout = options.layout;
    // Instances on the same bundle share its load; this one renders it.
    let feed = FeedLoad::join(&options);
    let state = RwSignal::from(feed.state());
    let indexing = RwSignal::from(feed.indexing());
    let paging = RwSignal::from(feed.paging());
    let feed_notices = RwSignal::from(feed.notices());
    let notices = Signal::derive(move || {
        let mut all = problems.clone();
        all.extend(feed_notices.with(|n| n.iter().map(|n| feed_notice(m, n)).collect::<Vec<_>>()));
        all
    });
    let retry = Callback::new(move |()| feed.reload());
    let class = match layout {
        Layout::Full => "newsroom newsroom--full",
        Layout::Compact => "newsroom newsroom--compact",
    };
    // A built site's page has static content that this instance takes over (`takeover`).
    let site = options.site.is_some();
    // The full page's heading before the feed names itself (loading, failure),
    // unless the static content above names it.
    let heading = move || {
        let ready = state.with(|s| matches!(s, LoadState::Ready(..)));
        (layout == Layout::Full && !ready && !site).then(|| view! { <h1 class="newsroom__heading">{m.news}</h1> })
    };
    view! {
        <div class=class node_ref=root lang=m.locale>
            {heading}
            <Notices notices=notices/>
            {move || match state.get() {
                LoadState::Loading(loading) => EitherOf4::A(view! { <LoadingState loading=loading/> }),
                LoadState::Failed(error) => {
                    // Below a built page's static content, which stays.
                    if let Some(el) = root.get_untracked().filter(|_| site) {
                        takeover::show(&el);
                    }
                    EitherOf4::B(view! { <LoadErrorPanel message=load_error(m, &error) retry=retry/> })
                }
                LoadState::Ready(catalog, parts) => match layout {
                    Layout::Compact => {
                        if let Some(el) = root.get_untracked().filter(|_| site) {
                            takeover::finish(el.into());
                        }
                        EitherOf4::C(view! { <CompactList catalog=catalog parts=parts options=options.clone()/> })
                    }
                    Layout::Full => EitherOf4::D(view! {
                        <NewsPage catalog=catalog indexing=indexing paging=paging parts=parts options=options.clone() owns_url=owns_url root=root/>
                    }),
                },
            }}
        </div>
    }
}

/// "Loading news…" with a progress bar: what arrived, of the total when known.
#[component]
fn LoadingState(loading: Loading) -> impl IntoView {
    let m = words();
    let Loading { progress, retrying: again } = loading;
    let (total, detail) = progress_words(m, &progress);
    view! {
        <div class="newsroom__loading" role="status">
            <p>{m.loading_news}</p>
            // Without a total, no `max` or `value`: an indeterminate bar.
            <progress class="newsroom__progress" max=total value=total.map(|_| progress.received)></progress>
            <p class="newsroom__progress-detail">{detail}</p>
            {again.map(|r| view! { <p class="newsroom__retrying">{retrying(m, &r)}</p> })}
        </div>
    }
}

fn feed_notice(m: &Messages, n: &FeedNotice) -> String {
    match n {
        FeedNotice::IndexUnusable { url, failure } => fill(m.index_unusable, &[("url", url), ("reason", &part_failure(m, failure))]),
        FeedNotice::OlderNotAnAddress(link) => fill(m.older_not_an_address, &[("link", link)]),
        FeedNotice::OlderFailed(e) => fill(m.older_failed, &[("reason", &load_error(m, e))]),
    }
}
