//! One load per bundle address on a page: the instances that name the same
//! bundle share its request, its parse, its catalog and its search index.
//! Each instance renders the shared state on its own, in its own language;
//! a Retry in any of them loads the bundle again for all.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::lazy_code::{self, CodeNotLoaded};
use crate::browser::loader::{absolute_url, fetch_bytes, load, page_url, yield_to_browser, Loading};
use crate::browser::part_loader::PartLoader;
use crate::bundle::Bundle;
use crate::catalog::Catalog;
use crate::index::FxBuild;
use crate::embed_options::{EmbedOptions, Layout};
use crate::load_error::LoadError;
use crate::prebuilt::format::{verify, FormatError, Summary};
use crate::prebuilt::parts::PartFailure;
use crate::time_limits::Limits;

/// Work (in ms) after which making the catalog waits for the next task.
const SPLIT_AFTER_MS: f64 = 4.0;

/// Articles from which making the catalog waits for a task of its own.
const LARGE_BUNDLE: usize = 1000;

/// Pages of a paged feed (`next_url`) read after the first, at most.
const MAX_PAGES: usize = 1000;

#[derive(Clone)]
pub enum LoadState {
    Loading(Loading),
    Failed(LoadError),
    /// The catalog shown; a paged feed's later pages replace it once read.
    /// From a pre-built archive, the parts a view needs come through the loader.
    Ready(RwSignal<Arc<Catalog>>, Option<PartLoader>),
}

/// Something a reader should know that did not stop the page.
#[derive(Clone, Debug, PartialEq)]
pub enum FeedNotice {
    /// The pre-built index named by the feed cannot be used: the feed is read page by page.
    IndexUnusable { url: String, failure: PartFailure },
    /// A `next_url` that is no address.
    OlderNotAnAddress(String),
    /// A later page failed: what was read is shown.
    OlderFailed(LoadError),
    /// Search's own code could not be fetched: the articles are shown, not searchable.
    SearchCodeNotLoaded,
    /// The code that reads a paged feed's later pages could not be fetched: the first is shown.
    OlderCodeNotLoaded,
}

/// What the instances on a load need beyond its first page.
#[derive(Clone, Copy, Debug, Default)]
struct Needs {
    /// A full page: search, so the index and a paged feed's later pages.
    full: bool,
    /// A compact list of one category, which may reach past the first page.
    category: bool,
    /// The most headlines a compact list shows.
    limit: usize,
}

impl Needs {
    fn of(options: &EmbedOptions) -> Needs {
        match options.layout {
            Layout::Full => Needs { full: true, category: false, limit: 0 },
            Layout::Compact => Needs { full: false, category: options.category.is_some(), limit: options.limit },
        }
    }

    fn and(self, other: Needs) -> Needs {
        Needs { full: self.full || other.full, category: self.category || other.category, limit: self.limit.max(other.limit) }
    }

    /// Whether a pre-built archive's summary is worth a request, after a
    /// first page of `first` articles. Headlines alone need no index.
    fn summary(self, first: usize) -> bool {
        self.full || self.category || self.limit > first
    }
}

struct Shared {
    url: String,
    /// The most patient of its instances' limits.
    limits: Limits,
    needs: Needs,
    state: ArcRwSignal<LoadState>,
    /// Percent of the search index built; `None` when search is ready (or not wanted).
    indexing: ArcRwSignal<Option<u8>>,
    /// Articles read so far while a paged feed's later pages arrive.
    paging: ArcRwSignal<Option<usize>>,
    notices: ArcRwSignal<Vec<FeedNotice>>,
    /// Whether this load's catalog is being (or was) made searchable.
    searching: bool,
    /// What this load left out for want of an instance needing it: the
    /// archive index (after a first page of so many articles), a paged
    /// feed's later pages. An instance that needs it loads it again.
    skipped_index: Option<usize>,
    skipped_pages: bool,
}

thread_local! {
    static LOADS: RefCell<Vec<Shared>> = const { RefCell::new(Vec::new()) };
}

/// A handle on one shared load (its place in the page's list of loads).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedLoad(usize);

impl FeedLoad {
    /// The load of `options.src` on this page: joined if another instance
    /// started it, started if not. Two spellings of one address are one load.
    pub fn join(options: &EmbedOptions) -> FeedLoad {
        let url = page_url(&options.src).unwrap_or_else(|| options.src.clone());
        let needs = Needs::of(options);
        let (load, load_now) = LOADS.with_borrow_mut(|loads| match loads.iter().position(|l| l.url == url) {
            Some(at) => {
                let shared = &mut loads[at];
                shared.limits = shared.limits.longest(options.limits);
                shared.needs = shared.needs.and(needs);
                // Rare (an instance added after the load, needing more): loaded again for all.
                let short = shared.skipped_index.is_some_and(|first| needs.summary(first)) || (shared.skipped_pages && needs.full);
                (FeedLoad(at), short)
            }
            None => {
                loads.push(Shared {
                    url,
                    limits: options.limits,
                    needs,
                    state: ArcRwSignal::new(LoadState::Loading(Loading::default())),
                    indexing: ArcRwSignal::new(None),
                    paging: ArcRwSignal::new(None),
                    notices: ArcRwSignal::new(Vec::new()),
                    searching: false,
                    skipped_index: None,
                    skipped_pages: false,
                });
                (FeedLoad(loads.len() - 1), true)
            }
        });
        if load_now {
            load.start();
        } else if needs.full {
            // A full page joining a load that only listed headlines makes it searchable.
            if let LoadState::Ready(shown, None) = load.state().get_untracked() {
                load.make_searchable(shown, None);
            }
        }
        load
    }

    fn with<T>(self, f: impl FnOnce(&mut Shared) -> T) -> T {
        LOADS.with_borrow_mut(|loads| f(&mut loads[self.0]))
    }

    pub fn state(self) -> ArcRwSignal<LoadState> {
        self.with(|s| s.state.clone())
    }

    pub fn indexing(self) -> ArcRwSignal<Option<u8>> {
        self.with(|s| s.indexing.clone())
    }

    pub fn paging(self) -> ArcRwSignal<Option<usize>> {
        self.with(|s| s.paging.clone())
    }

    pub fn notices(self) -> ArcRwSignal<Vec<FeedNotice>> {
        self.with(|s| s.notices.clone())
    }

    /// Loads again after a failure (a Retry in any of its instances).
    pub fn reload(self) {
        if matches!(self.state().get_untracked(), LoadState::Failed(_)) {
            self.start();
        }
    }

    fn notify(self, notice: FeedNotice) {
        self.notices().update(|n| n.push(notice));
    }

    /// Builds and installs `catalog`'s index; without search's code, the
    /// articles stay shown, unsearchable, and the reader is told (once).
    async fn install_index(self, catalog: &Arc<Catalog>, progress: Box<dyn Fn(u8)>) {
        match lazy_code::index(catalog.clone(), progress).await {
            Ok(index) => catalog.install_index(index),
            Err(CodeNotLoaded) => {
                if !self.notices().with_untracked(|n| n.contains(&FeedNotice::SearchCodeNotLoaded)) {
                    self.notify(FeedNotice::SearchCodeNotLoaded);
                }
            }
        }
    }

    fn start(self) {
        self.with(|s| {
            s.searching = false;
            s.skipped_index = None;
            s.skipped_pages = false;
        });
        self.notices().set(Vec::new());
        self.state().set(LoadState::Loading(Loading::default()));
        spawn_local(self.run());
    }

    async fn run(self) {
        let (url, limits) = self.with(|s| (s.url.clone(), s.limits));
        let state = self.state();
        let bundle = match load(&url, limits, &|loading| state.set(LoadState::Loading(loading))).await {
            Ok(bundle) => bundle,
            Err(e) => return state.set(LoadState::Failed(e)),
        };
        // Read after the load: every instance on the page has joined by now.
        let needs = self.with(|s| s.needs);
        // A pre-built archive: its summary, and then only what views need
        // (by the archive's part of the app's code; the first page of an
        // archive is small, so it is copied in case that code cannot be had).
        if let (true, Some(index)) = (needs.summary(bundle.articles.len()), bundle.index_url.clone()) {
            let index = absolute_url(&index, &url).unwrap_or(index);
            match lazy_code::archive(self, bundle.clone(), index.clone()).await {
                Ok(Ok(())) => return,
                Ok(Err(failure)) => self.notify(FeedNotice::IndexUnusable { url: index, failure }),
                Err(CodeNotLoaded) => self.notify(FeedNotice::IndexUnusable { url: index, failure: PartFailure::Code }),
            }
        }
        let skipped_index = bundle.index_url.as_ref().filter(|_| !needs.summary(bundle.articles.len())).map(|_| bundle.articles.len());
        let skipped_pages = bundle.next_url.is_some() && !needs.full;
        self.with(|s| (s.skipped_index, s.skipped_pages) = (skipped_index, skipped_pages));
        // A paged feed's later pages are added to what the first one read.
        let later = bundle.next_url.clone().filter(|_| needs.full).map(|next| (next, bundle.clone()));
        // At 10,000 articles the catalog and the first render take tens of
        // ms each: then they get a task each, lest together they block input.
        // A small bundle is not held back by the extra turn.
        if bundle.articles.len() > LARGE_BUNDLE {
            yield_to_browser().await;
        }
        let started = js_sys::Date::now();
        let catalog = Arc::new(Catalog::unindexed(bundle));
        if js_sys::Date::now() - started > SPLIT_AFTER_MS {
            yield_to_browser().await;
        }
        let shown = RwSignal::new(catalog);
        if needs.full {
            self.make_searchable(shown, later);
        }
        state.set(LoadState::Ready(shown, None));
    }

    /// Shows a pre-built archive whose summary is at `index`, or says why
    /// it cannot be used (in the archive's part of the app's code:
    /// `lazy_code::archive`).
    pub(crate) fn open_archive(self, bundle: Bundle, index: String) -> Pin<Box<dyn Future<Output = Result<(), PartFailure>>>> {
        Box::pin(async move {
            let (limits, needs) = self.with(|s| (s.limits, s.needs));
            let summary = read_summary(&index, limits).await?;
            let shown = RwSignal::new(Arc::new(Catalog::from_archive(bundle, summary)));
            let parts = PartLoader::new(shown, index, limits);
            self.state().set(LoadState::Ready(shown, Some(parts)));
            if needs.full {
                parts.prepare_search();
            }
            Ok(())
        })
    }

    /// Builds the index of what is shown in the background, then reads a
    /// paged feed's later pages (`later`: the next link and the first page).
    fn make_searchable(self, shown: RwSignal<Arc<Catalog>>, later: Option<(String, Bundle)>) {
        if self.with(|s| std::mem::replace(&mut s.searching, true)) {
            return;
        }
        let indexing = self.indexing();
        // Before the first render, so the page knows search is not ready yet.
        indexing.set(Some(0));
        spawn_local(async move {
            // The first articles paint before the index is built.
            yield_to_browser().await;
            let catalog = shown.get_untracked();
            let report = indexing.clone();
            self.install_index(&catalog, Box::new(move |pct| report.set(Some(pct)))).await;
            indexing.set(None);
            if let Some((next, first)) = later {
                if lazy_code::later_pages(self, next, first, shown).await.is_err() {
                    self.notify(FeedNotice::OlderCodeNotLoaded);
                }
            }
        });
    }

    /// Reads a paged feed's later pages (JSON Feed `next_url`) while the
    /// first is shown, then shows them all at once, searchable: one new
    /// catalog, not one per page. A page that fails ends the reading with a
    /// notice; what was read is still shown.
    pub(crate) async fn read_later_pages(self, next: String, mut all: Bundle, shown: RwSignal<Arc<Catalog>>) {
        let (mut page_url, limits) = self.with(|s| (s.url.clone(), s.limits));
        let paging = self.paging();
        let mut next = Some(next);
        // A feed whose `next_url` leads back to a page already read ends there.
        // (The map type the reader's ids use: one copy of its code in the
        // wasm, and no SipHash. The value is the page's number.)
        let mut read: HashMap<String, usize, FxBuild> = HashMap::default();
        read.insert(page_url.clone(), 0);
        paging.set(Some(all.articles.len()));
        while let Some(link) = next.take() {
            let Some(url) = absolute_url(&link, &page_url) else {
                self.notify(FeedNotice::OlderNotAnAddress(link));
                break;
            };
            if read.len() >= MAX_PAGES || read.insert(url.clone(), read.len()).is_some() {
                break;
            }
            match load(&url, limits, &|_| ()).await {
                Ok(page) => {
                    all.append(page);
                    next = all.next_url.clone();
                    page_url = url;
                    paging.set(Some(all.articles.len()));
                }
                Err(e) => self.notify(FeedNotice::OlderFailed(e)),
            }
        }
        let catalog = Arc::new(Catalog::unindexed(all));
        yield_to_browser().await;
        self.install_index(&catalog, Box::new(|_| ())).await;
        shown.set(catalog);
        paging.set(None);
    }
}

/// A pre-built archive's summary, or why it cannot be used.
async fn read_summary(url: &str, limits: Limits) -> Result<Summary, PartFailure> {
    let bytes = fetch_bytes(url, false, limits).await.map_err(PartFailure::from_load)?;
    // Another format version first: a newer build may name its files otherwise.
    let summary = Summary::from_json(&bytes);
    if let Err(e @ FormatError::Version { .. }) = summary {
        return Err(PartFailure::Format(e));
    }
    verify(url, &bytes).map_err(PartFailure::Format)?;
    summary.map_err(PartFailure::Format)
}
