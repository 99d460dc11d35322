//! Fetches the files of a pre-built archive that views ask for, each once:
//! what arrives goes into the catalog (which keeps it), and the catalog's
//! signal tells every view to look again. A failed file is not asked for
//! again until the reader presses Retry; other files keep loading.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::lazy_code::{self, CodeNotLoaded};
use crate::browser::loader::{absolute_url, fetch_bytes, load};
use crate::catalog::Catalog;
use crate::prebuilt::parts::{Part, PartError, PartFailure};
use crate::time_limits::Limits;

#[derive(Clone, Copy)]
pub struct PartLoader {
    catalog: RwSignal<Arc<Catalog>>,
    /// The summary's address: the parts' names are relative to it.
    base: StoredValue<String>,
    in_flight: StoredValue<Vec<Part>>,
    /// How many files are on their way.
    pub busy: RwSignal<usize>,
    /// Failed files, until Retry.
    pub failures: RwSignal<Vec<PartError>>,
    flags: StoredValue<Flags>,
    limits: Limits,
}

/// What the loader keeps in mind between files.
#[derive(Clone, Copy, Default)]
struct Flags {
    /// Ask the server again, past any cache (after a Retry).
    revalidate: bool,
    /// A frame is asked for; in it, what the next three say is done.
    framed: bool,
    /// Tell the views what arrived: the ten card files of a search's first
    /// screen arrive within a few ms of each other, and views look again
    /// once or twice, not ten times.
    tell: bool,
    /// Fetch the facet table: asked for alone, it is for counts that follow
    /// a view's results, asked for in the frame that paints them, so that
    /// it arrives (and is read) after they are shown.
    facets: bool,
    /// Fetch the lists of shards a search needs first.
    lists: bool,
}

impl PartLoader {
    pub fn new(catalog: RwSignal<Arc<Catalog>>, base: String, limits: Limits) -> Self {
        PartLoader {
            catalog,
            base: StoredValue::new(base),
            in_flight: StoredValue::new(Vec::new()),
            busy: RwSignal::new(0),
            failures: RwSignal::new(Vec::new()),
            flags: StoredValue::new(Flags::default()),
            limits,
        }
    }

    /// Starts fetching those of `parts` not here, not on their way, and not
    /// failed (the facet table alone in the next frame: see [`Flags`]).
    pub fn want(self, parts: Vec<Part>) {
        if parts == [Part::Facets] {
            return self.in_frame(|f| f.facets = true);
        }
        for part in parts {
            self.start(part);
        }
    }

    /// Once the first view is painted, fetches what any search needs first:
    /// then a search waits for its own shards only.
    pub fn prepare_search(self) {
        self.in_frame(|f| f.lists = true);
    }

    fn start(self, part: Part) {
        let failed = self.failures.with_untracked(|f| f.iter().any(|e| e.part == part));
        if failed || self.in_flight.with_value(|f| f.contains(&part)) {
            return;
        }
        self.in_flight.update_value(|f| f.push(part));
        self.busy.update(|n| *n += 1);
        spawn_local(async move {
            let result = lazy_code::fetch_part(self, part).await.unwrap_or_else(|CodeNotLoaded| {
                let file = self.url(&self.catalog.get_untracked(), part);
                Err(PartError { part, file, error: PartFailure::Code })
            });
            self.settle(part, result);
        });
    }

    /// A part's file arrived (and was read into the catalog) or failed.
    fn settle(self, part: Part, result: Result<(), PartError>) {
        self.in_flight.update_value(|f| f.retain(|&p| p != part));
        self.busy.update(|n| *n = n.saturating_sub(1));
        match result {
            // Every view looks again at what it needs: at once if nothing
            // else is on its way, else in the next frame.
            Ok(()) if self.in_flight.with_value(Vec::is_empty) => {
                self.flags.update_value(|f| f.tell = false);
                self.catalog.update(|_| ());
            }
            Ok(()) => self.in_frame(|f| f.tell = true),
            Err(e) => self.failures.update(|f| f.push(e)),
        }
    }

    /// Sets a flag, to be acted on in the next frame.
    fn in_frame(self, set: fn(&mut Flags)) {
        let framed = self.flags.with_value(|f| f.framed);
        self.flags.update_value(|f| {
            set(f);
            f.framed = true;
        });
        if !framed {
            request_animation_frame(move || self.frame());
        }
    }

    fn frame(self) {
        let now = self.flags.with_value(|f| *f);
        self.flags.update_value(|f| *f = Flags { revalidate: f.revalidate, ..Flags::default() });
        if now.tell {
            self.catalog.update(|_| ());
        }
        let catalog = self.catalog.get_untracked();
        let mut want = if now.lists { catalog.search_lists() } else { Vec::new() };
        if now.facets && catalog.parts().is_some_and(|p| !p.has_facets()) {
            want.push(Part::Facets);
        }
        for part in want {
            self.start(part);
        }
    }

    /// Fetches a part's file and reads it into the catalog (in the
    /// archive's part of the app's code: `lazy_code::fetch_part`).
    // Boxed: the spawned task stays a small wrapper around one copy of this.
    pub(crate) fn fetch(self, part: Part) -> Pin<Box<dyn Future<Output = Result<(), PartError>>>> {
        Box::pin(async move {
            let catalog = self.catalog.get_untracked();
            let url = self.url(&catalog, part);
            let fail = |error| PartError { part, file: url.clone(), error };
            // A page is a feed page: the feed reader reads it, as it reads `feed.json`.
            if let Part::Page(p) = part {
                let page = load(&url, self.limits, &|_| ()).await.map_err(|e| fail(PartFailure::from_load(e)))?;
                return catalog.install_page(p, page.articles).map_err(|e| fail(PartFailure::Format(e)));
            }
            let bytes = fetch_bytes(&url, self.flags.with_value(|f| f.revalidate), self.limits).await.map_err(|e| fail(PartFailure::from_load(e)))?;
            catalog.install(part, &bytes).map_err(|e| PartError { file: url.clone(), ..e })
        })
    }

    /// Where a part's file is: its name, against the summary's address.
    fn url(self, catalog: &Catalog, part: Part) -> String {
        let name = catalog.parts().and_then(|p| p.file(part)).unwrap_or_default();
        self.base.with_value(|base| absolute_url(&name, base)).unwrap_or(name)
    }

    /// Forgets the failures and asks again, past any cache.
    pub fn retry(self) {
        self.flags.update_value(|f| f.revalidate = true);
        self.failures.set(Vec::new());
        self.catalog.update(|_| ());
    }
}
