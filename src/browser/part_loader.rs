//! Fetches the files of a pre-built archive that views ask for, each once:
//! what arrives goes into the catalog (which keeps it), and the catalog's
//! signal tells every view to look again. A failed file is not asked for
//! again until the reader presses Retry; other files keep loading.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

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
    revalidate: StoredValue<bool>,
    limits: Limits,
}

impl PartLoader {
    pub fn new(catalog: RwSignal<Arc<Catalog>>, base: String, limits: Limits) -> Self {
        PartLoader {
            catalog,
            base: StoredValue::new(base),
            in_flight: StoredValue::new(Vec::new()),
            busy: RwSignal::new(0),
            failures: RwSignal::new(Vec::new()),
            revalidate: StoredValue::new(false),
            limits,
        }
    }

    /// Starts fetching those of `parts` not here, not on their way, and not failed.
    pub fn want(self, parts: Vec<Part>) {
        for part in parts {
            let failed = self.failures.with_untracked(|f| f.iter().any(|e| e.part == part));
            if failed || self.in_flight.with_value(|f| f.contains(&part)) {
                continue;
            }
            self.in_flight.update_value(|f| f.push(part));
            self.busy.update(|n| *n += 1);
            spawn_local(async move {
                let result = self.fetch(part).await;
                self.settle(part, result);
            });
        }
    }

    /// A part's file arrived (and was read into the catalog) or failed.
    fn settle(self, part: Part, result: Result<(), PartError>) {
        self.in_flight.update_value(|f| f.retain(|&p| p != part));
        self.busy.update(|n| *n = n.saturating_sub(1));
        match result {
            // Every view looks again at what it needs.
            Ok(()) => self.catalog.update(|_| ()),
            Err(e) => self.failures.update(|f| f.push(e)),
        }
    }

    // Boxed: the spawned task stays a small wrapper around one copy of this.
    fn fetch(self, part: Part) -> Pin<Box<dyn Future<Output = Result<(), PartError>>>> {
        Box::pin(async move {
            let catalog = self.catalog.get_untracked();
            let url = self.url(&catalog, part);
            let fail = |error| PartError { part, file: url.clone(), error };
            // A page is a feed page: the feed reader reads it, as it reads `feed.json`.
            if let Part::Page(p) = part {
                let page = load(&url, self.limits, &|_| ()).await.map_err(|e| fail(PartFailure::from_load(e)))?;
                return catalog.install_page(p, page.articles).map_err(|e| fail(PartFailure::Format(e)));
            }
            let bytes = fetch_bytes(&url, self.revalidate.get_value(), self.limits).await.map_err(|e| fail(PartFailure::from_load(e)))?;
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
        self.revalidate.set_value(true);
        self.failures.set(Vec::new());
        self.catalog.update(|_| ());
    }
}
