//! The app root: joins the page's load of its bundle and shows it loading
//! (with progress, and retries), its failure, or the page.

use leptos::either::Either;
use leptos::prelude::*;

use crate::browser::dom::with_text;
use crate::browser::effect::{effect, on_load};
use crate::browser::feed_load::{FeedLoad, FeedNotice, LoadState};
use crate::browser::load_status::{self, error_panel, LoadingView};
use crate::browser::slots::Slots;
use crate::browser::surface::follow_surface;
use crate::browser::takeover;
use crate::components::compact_list::CompactList;
use crate::components::news_page::NewsPage;
use crate::components::words::words;
use crate::embed_options::{EmbedOptions, Layout};
use crate::messages::describe::{load_error, part_failure};
use crate::messages::{fill, Messages};

/// The slots at the root's start, in their order.
const HEADING: usize = 0;
const NOTICES: usize = 1;
const STATUS: usize = 2;

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
    on_load(root, |el| follow_surface(&el));
    let layout = options.layout;
    // Instances on the same bundle share its load; this one renders it.
    let feed = FeedLoad::join(&options);
    let state = RwSignal::from(feed.state());
    let indexing = RwSignal::from(feed.indexing());
    let paging = RwSignal::from(feed.paging());
    let feed_notices = RwSignal::from(feed.notices());
    let class = match layout {
        Layout::Full => "newsroom newsroom--full",
        Layout::Compact => "newsroom newsroom--compact",
    };
    // A built site's page has static content that this instance takes over (`takeover`).
    let site = options.site.is_some();
    // Before the page, by DOM calls: the full page's heading while the feed
    // has not named itself (unless the static content above names it), the
    // notices, and the load's state while it is not ready.
    let slots = Slots::at_start(root, 3);
    slots.follow(NOTICES, move || {
        let mut all = problems.clone();
        all.extend(feed_notices.with(|n| n.iter().map(|n| feed_notice(m, n)).collect::<Vec<_>>()));
        load_status::notices(&all)
    });
    let loading = StoredValue::new_local(None::<LoadingView>);
    effect(move || {
        state.with(|state| {
            let status = match state {
                LoadState::Loading(progress) => {
                    if let Some(view) = loading.write_value().as_mut() {
                        return view.update(m, progress);
                    }
                    let mut view = LoadingView::new(m);
                    view.update(m, progress);
                    let el = view.root.clone();
                    loading.set_value(Some(view));
                    el
                }
                LoadState::Failed(error) => {
                    // Below a built page's static content, which stays.
                    if let Some(el) = root.get_untracked().filter(|_| site) {
                        takeover::show(&el);
                    }
                    loading.set_value(None);
                    error_panel(m, &load_error(m, error), Box::new(move || feed.reload()))
                }
                // The page's own view removes them as it is built.
                LoadState::Ready(..) => return,
            };
            slots.show(STATUS, Some(status));
            slots.show(HEADING, (layout == Layout::Full && !site).then(|| with_text("h1", "newsroom__heading", m.news)));
        });
    });
    view! {
        <div class=class node_ref=root lang=m.locale>
            {move || {
                let (catalog, parts) = state.with(|s| match s {
                    LoadState::Ready(catalog, parts) => Some((*catalog, *parts)),
                    _ => None,
                })?;
                slots.show(HEADING, None);
                slots.show(STATUS, None);
                loading.set_value(None);
                Some(match layout {
                    Layout::Compact => {
                        if let Some(el) = root.get_untracked().filter(|_| site) {
                            takeover::finish(el.into());
                        }
                        Either::Left(view! { <CompactList catalog=catalog parts=parts options=options.clone()/> })
                    }
                    Layout::Full => Either::Right(view! {
                        <NewsPage catalog=catalog indexing=indexing paging=paging parts=parts options=options.clone() owns_url=owns_url root=root/>
                    }),
                })
            }}
        </div>
    }
}

fn feed_notice(m: &Messages, n: &FeedNotice) -> String {
    match n {
        FeedNotice::IndexUnusable { url, failure } => fill(m.index_unusable, &[("url", url), ("reason", &part_failure(m, failure))]),
        FeedNotice::OlderNotAnAddress(link) => fill(m.older_not_an_address, &[("link", link)]),
        FeedNotice::OlderFailed(e) => fill(m.older_failed, &[("reason", &load_error(m, e))]),
        FeedNotice::SearchCodeNotLoaded => m.search_code.to_string(),
        FeedNotice::OlderCodeNotLoaded => m.older_code.to_string(),
    }
}
