//! Fetching and reading a feed for the headlines: the page's request (its
//! time limits and retries, `browser::request`) and the headline reader
//! (`headline_reader`), in short slices of work while the bytes arrive, as
//! the page's loader reads a bundle (`browser::loader`).

use std::cell::RefCell;
use std::sync::Arc;

use newsroom::browser::loader::{read_arriving, Loading, Progress};
use newsroom::browser::request::with_retries;
use newsroom::headline_reader::{HeadlineFeed, HeadlineReader};
use newsroom::load_error::{LoadError, Retrying};
use newsroom::time_limits::Limits;

/// Fetches and reads the feed at `url`, trying a transient failure again;
/// `report` hears how it goes. `Ok(None)`: a feed for the page's own reader.
pub async fn read(url: &str, limits: Limits, report: &dyn Fn(Loading)) -> Result<Option<HeadlineFeed>, LoadError> {
    // Once retrying, the reader sees so until the load ends.
    let retrying = RefCell::new(None::<Arc<Retrying>>);
    let progress = |progress: Progress| report(Loading { progress, retrying: retrying.borrow().clone() });
    let on_retry = |r: Retrying| {
        retrying.replace(Some(Arc::new(r)));
        progress(Progress::default());
    };
    with_retries(|| attempt(url, limits, &progress), &on_retry).await
}

async fn attempt(url: &str, limits: Limits, progress: &dyn Fn(Progress)) -> Result<Option<HeadlineFeed>, LoadError> {
    Ok(read_arriving(url, limits, progress, HeadlineReader::default()).await?.finish())
}
