//! Fetching the bundle and turning it into a catalog.

use gloo_net::http::Request;
use web_sys::RequestCache;

use crate::bundle::parse_bundle;
use crate::catalog::Catalog;
use crate::load_error::LoadError;

pub async fn load(url: &str) -> Result<Catalog, LoadError> {
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
    let text = response.text().await.map_err(|e| LoadError::Body { url: owned(), detail: e.to_string() })?;
    let bundle = parse_bundle(&text).map_err(|error| LoadError::Bundle { url: owned(), error })?;
    Ok(Catalog::new(bundle))
}
