//! Fetching the bundle as a stream (through `request`), reading it item by
//! item in short slices of work, then building the search index the same
//! way in the background.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::RequestCache;

use crate::bundle::{Bundle, BundleReader};
use crate::bundle_reader::{append_with, ArrivingFeed};
use crate::catalog::{index_article, Catalog};
use crate::index::{IndexBuilder, SearchIndex};
use crate::browser::request::{with_retries, Download};
use crate::load_error::{LoadError, Retrying};
use crate::time_limits::Limits;

/// Longest stretch of work between two yields to the browser, in ms: well
/// under a frame, so input and painting keep going while a bundle loads.
const SLICE_MS: f64 = 8.0;

/// The most bytes of a received chunk copied into the reader in one task.
const CHUNK_PART: u32 = 512 * 1024;

/// Bytes received, and the total when the server said it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub received: usize,
    pub total: Option<usize>,
}

/// Lets the browser handle input and paint, then continues.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // A message is a new task without setTimeout's clamping.
        match web_sys::MessageChannel::new() {
            Ok(channel) => {
                channel.port1().set_onmessage(Some(&resolve));
                let _ = channel.port2().post_message(&JsValue::NULL);
            }
            Err(_) => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Calls `work` until it says it is done, yielding to the browser every slice.
pub async fn in_slices(mut work: impl FnMut() -> bool) {
    loop {
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < SLICE_MS {
            if work() {
                return;
            }
        }
        yield_to_browser().await;
    }
}

/// An address the host page names (`data-src`) made absolute as the browser
/// makes an `<a href>`: against the page's base URI (its `<base href>`, else
/// its own address).
pub fn page_url(url: &str) -> Option<String> {
    let page = web_sys::window()?.document()?.base_uri().ok().flatten()?;
    absolute_url(url, &page)
}

/// An address a fetched document names made absolute against that
/// document's own address `base`: a feed's `next_url` is relative to the
/// feed, an archive's files to the file that names them.
pub fn absolute_url(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base).ok().map(|u| u.href())
}

/// How a load is going: what arrived, and whether it is being tried again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loading {
    pub progress: Progress,
    /// Shared by every report of the attempt, not copied into each.
    pub retrying: Option<Arc<Retrying>>,
}

/// Fetches and reads a feed (the bundle, or a page of a paged or pre-built
/// one), trying a transient failure again; `report` hears how it goes.
// Boxed and `&dyn`: one copy of this state machine in the wasm, whoever
// calls it (an `async fn` is inlined into every caller's future).
pub fn load<'a>(url: &'a str, limits: Limits, report: &'a dyn Fn(Loading)) -> Pin<Box<dyn Future<Output = Result<Bundle, LoadError>> + 'a>> {
    Box::pin(async move {
        // Once retrying, the reader sees so until the load ends.
        let retrying = RefCell::new(None::<Arc<Retrying>>);
        let progress = |progress: Progress| report(Loading { progress, retrying: retrying.borrow().clone() });
        let on_retry = |r: Retrying| {
            retrying.replace(Some(Arc::new(r)));
            progress(Progress::default());
        };
        with_retries(|| read_feed(url, limits, &progress), &on_retry).await
    })
}

async fn read_feed(url: &str, limits: Limits, progress: &dyn Fn(Progress)) -> Result<Bundle, LoadError> {
    let reader = read_arriving(url, limits, progress, BundleReader::default()).await?;
    reader.finish().map_err(|error| LoadError::Bundle { url: url.to_string(), error })
}

/// Fetches `url` into `reader`, reading the items that have arrived in short
/// slices of work between the pieces of the body (the page's bundle reader,
/// or the headlines').
pub async fn read_arriving<R: ArrivingFeed>(url: &str, limits: Limits, progress: &dyn Fn(Progress), mut reader: R) -> Result<R, LoadError> {
    // `no-cache` revalidates, so Retry after a fix on the server sees the fix.
    let mut download = Download::start(url, RequestCache::NoCache, limits).await?;
    let total = download.total;
    if let Some(total) = total {
        reader.scanned().reserve(total);
    }
    progress(Progress { received: 0, total });
    while let Some(chunk) = download.next().await? {
        // A chunk from a fast connection can be megabytes: copied in
        // parts, a task each, so no copy blocks input.
        let mut at = 0;
        while at < chunk.length() {
            let end = chunk.length().min(at + CHUNK_PART);
            reader.scanned().append((end - at) as usize, |room| chunk.subarray(at, end).copy_to_uninit(room));
            at = end;
            if at < chunk.length() {
                yield_to_browser().await;
            }
        }
        progress(Progress { received: reader.scanned().received(), total });
        in_slices(|| reader.read_items(8) == 0).await;
    }
    in_slices(|| reader.read_items(8) == 0).await;
    Ok(reader)
}

/// A whole file as bytes: a pre-built archive's summary or one of its parts.
/// Their names change with their content, so the HTTP cache may answer;
/// `revalidate` asks the server again (a Retry after a failure).
// Boxed, as `load`: one copy of it for its two callers.
pub fn fetch_bytes<'a>(url: &'a str, revalidate: bool, limits: Limits) -> Pin<Box<dyn Future<Output = Result<Vec<u8>, LoadError>> + 'a>> {
    let cache = if revalidate { RequestCache::NoCache } else { RequestCache::Default };
    Box::pin(with_retries(move || async move {
        let mut download = Download::start(url, cache, limits).await?;
        let mut bytes = Vec::with_capacity(download.total.unwrap_or(0));
        while let Some(chunk) = download.next().await? {
            append_with(&mut bytes, chunk.length() as usize, |room| chunk.copy_to_uninit(room));
        }
        Ok(bytes)
    }, &|_| ()))
}

/// Builds `catalog`'s search index in slices, reporting the share done
/// (0–100), then works out its costly letters ahead (in the same slices:
/// one more state machine would be more wasm).
pub async fn build_index(catalog: &Catalog, progress: &dyn Fn(u8)) -> SearchIndex {
    let articles = catalog.articles();
    let (mut builder, mut index) = (Some(IndexBuilder::default()), None::<SearchIndex>);
    let mut letters = Vec::new();
    let mut next = 0;
    let mut reported = 0;
    in_slices(|| {
        if let (Some(article), Some(builder)) = (articles.get(next), builder.as_mut()) {
            index_article(builder, article);
            next += 1;
            let pct = (next * 100 / articles.len().max(1)) as u8;
            if pct != reported {
                reported = pct;
                progress(pct);
            }
            return false;
        }
        let index = index.get_or_insert_with(|| {
            let built = builder.take().unwrap_or_default().finish();
            letters = built.costly_letters();
            built
        });
        match letters.pop() {
            Some(letter) => {
                index.prepare_letter(letter);
                false
            }
            None => true,
        }
    })
    .await;
    index.unwrap_or_else(|| IndexBuilder::default().finish())
}
