//! Fetching and reading a feed for the headlines: the page's request (its
//! time limits and retries, `browser::request`) and the headline reader
//! (`headline_reader`), in short slices of work while the bytes arrive, as
//! the page's loader reads a bundle (`browser::loader`).

use std::cell::RefCell;

use newsroom::browser::loader::{in_slices, yield_to_browser, Loading, Progress};
use newsroom::browser::request::{with_retries, Download};
use newsroom::headline_reader::{HeadlineFeed, HeadlineReader};
use newsroom::load_error::{LoadError, Retrying};
use newsroom::time_limits::Limits;
use web_sys::RequestCache;

/// The most bytes of a received chunk copied into the reader in one task.
const CHUNK_PART: u32 = 512 * 1024;

/// Fetches and reads the feed at `url`, trying a transient failure again;
/// `report` hears how it goes. `Ok(None)`: a feed for the page's own reader.
pub async fn read(url: &str, limits: Limits, report: &dyn Fn(Loading)) -> Result<Option<HeadlineFeed>, LoadError> {
    // Once retrying, the reader sees so until the load ends.
    let retrying = RefCell::new(None::<Retrying>);
    let progress = |progress: Progress| report(Loading { progress, retrying: retrying.borrow().clone() });
    let on_retry = |r: Retrying| {
        retrying.replace(Some(r));
        progress(Progress::default());
    };
    with_retries(|| attempt(url, limits, &progress), &on_retry).await
}

async fn attempt(url: &str, limits: Limits, progress: &dyn Fn(Progress)) -> Result<Option<HeadlineFeed>, LoadError> {
    // `no-cache` revalidates, so Retry after a fix on the server sees the fix.
    let mut download = Download::start(url, RequestCache::NoCache, limits).await?;
    let total = download.total;
    let mut reader = HeadlineReader::default();
    if let Some(total) = total {
        reader.reserve(total);
    }
    progress(Progress { received: 0, total });
    while let Some(chunk) = download.next().await? {
        // A chunk from a fast connection can be megabytes: copied in parts, a task each.
        let mut at = 0;
        while at < chunk.length() {
            let end = chunk.length().min(at + CHUNK_PART);
            reader.push(&chunk.subarray(at, end).to_vec());
            at = end;
            if at < chunk.length() {
                yield_to_browser().await;
            }
        }
        progress(Progress { received: reader.received(), total });
        in_slices(|| reader.read_items(8) == 0).await;
    }
    in_slices(|| reader.read_items(8) == 0).await;
    Ok(reader.finish())
}
