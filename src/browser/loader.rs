//! Fetching the bundle as a stream, reading it item by item in short slices
//! of work, then building the search index the same way in the background.

use std::future::Future;
use std::pin::Pin;

use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestCache};

use crate::bundle::{Bundle, BundleReader};
use crate::catalog::{index_article, Catalog};
use crate::index::{IndexBuilder, SearchIndex};
use crate::load_error::LoadError;
use crate::prebuilt::parts::PartFailure;

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
async fn in_slices(mut work: impl FnMut() -> bool) {
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

/// `url` made absolute against `base` (itself resolved against the page), as
/// a browser resolves a link: a feed's `next_url` is relative to the feed.
pub fn absolute_url(url: &str, base: &str) -> Option<String> {
    let page = web_sys::window()?.document()?.base_uri().ok().flatten()?;
    let base = web_sys::Url::new_with_base(base, &page).ok()?;
    web_sys::Url::new_with_base(url, &base.href()).ok().map(|u| u.href())
}

/// What a failed promise or call says, for an error message.
fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| format!("{}: {}", e.name(), e.message())))
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Fetches and reads a feed (the bundle, or a page of a paged or pre-built one).
// Boxed and `&dyn`: one copy of this state machine in the wasm, whoever
// calls it (an `async fn` is inlined into every caller's future).
pub fn load<'a>(url: &'a str, progress: &'a dyn Fn(Progress)) -> Pin<Box<dyn Future<Output = Result<Bundle, LoadError>> + 'a>> {
    Box::pin(read_feed(url, progress))
}

async fn read_feed(url: &str, progress: &dyn Fn(Progress)) -> Result<Bundle, LoadError> {
    let owned = || url.to_string();
    // `no-cache` revalidates, so Retry after a fix on the server sees the fix.
    let response = Request::get(url)
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| LoadError::Network { url: owned(), detail: e.to_string() })?;
    if !response.ok() {
        return Err(LoadError::Status { url: owned(), status: response.status(), status_text: response.status_text() });
    }
    let total = response.headers().get("content-length").and_then(|v| v.trim().parse().ok());
    let mut reader = BundleReader::default();
    if let Some(total) = total {
        reader.reserve(total);
    }
    progress(Progress { received: 0, total });
    let body_error = |e: JsValue| LoadError::Body { url: owned(), detail: describe(&e) };
    match response.body() {
        Some(stream) => {
            let chunks: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
            loop {
                let next = JsFuture::from(chunks.read()).await.map_err(body_error)?;
                if Reflect::get(&next, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
                    break;
                }
                if let Ok(bytes) = Reflect::get(&next, &"value".into()) {
                    // A chunk from a fast connection can be megabytes: copied in
                    // parts, a task each, so no copy blocks input.
                    let chunk = Uint8Array::new(&bytes);
                    let mut at = 0;
                    while at < chunk.length() {
                        let end = chunk.length().min(at + CHUNK_PART);
                        reader.push(&chunk.subarray(at, end).to_vec());
                        at = end;
                        if at < chunk.length() {
                            yield_to_browser().await;
                        }
                    }
                }
                progress(Progress { received: reader.received(), total });
                in_slices(|| reader.read_items(8) == 0).await;
            }
        }
        // No stream (an old browser): the whole body at once.
        None => {
            let bytes = response.binary().await.map_err(|e| LoadError::Body { url: owned(), detail: e.to_string() })?;
            reader.push(&bytes);
        }
    }
    in_slices(|| reader.read_items(8) == 0).await;
    reader.finish().map_err(|error| LoadError::Bundle { url: owned(), error })
}

/// A whole file as bytes: a pre-built archive's summary or one of its parts.
/// Their names change with their content, so the HTTP cache may answer;
/// `revalidate` asks the server again (a Retry after a failure).
pub async fn fetch_bytes(url: &str, revalidate: bool) -> Result<Vec<u8>, PartFailure> {
    let cache = if revalidate { RequestCache::NoCache } else { RequestCache::Default };
    let response = Request::get(url).cache(cache).send().await.map_err(|e| PartFailure::Unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(PartFailure::Status(response.status()));
    }
    response.binary().await.map_err(|e| PartFailure::Unreachable(e.to_string()))
}

/// Builds `catalog`'s search index in slices, reporting the share done (0–100).
pub async fn build_index(catalog: &Catalog, progress: &dyn Fn(u8)) -> SearchIndex {
    let articles = catalog.articles();
    let mut builder = IndexBuilder::default();
    let mut next = 0;
    let mut reported = 0;
    in_slices(|| {
        let Some(article) = articles.get(next) else { return true };
        index_article(&mut builder, article);
        next += 1;
        let pct = (next * 100 / articles.len().max(1)) as u8;
        if pct != reported {
            reported = pct;
            progress(pct);
        }
        false
    })
    .await;
    builder.finish()
}
