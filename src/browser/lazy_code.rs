//! What the app's first view does not need, fetched when first used: in
//! one part, fetched once the first articles show (`later`), the search
//! index's build, a paged feed's later pages and an article's view (with
//! the sanitizer of its HTML); in another (`archive`), a pre-built
//! archive's summary read and its other files fetched and decoded.
//! The release build (the Makefile, `split_link.mjs`) puts each function
//! below marked `wasm_split`, with the code only it reaches, into a wasm file
//! of its own, which its first call fetches; any other build (`trunk serve`,
//! the tests) links them in as usual. A fetch that fails is tried again on
//! the next call.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::RwSignal;
use web_sys::{Element, HtmlElement};

use crate::browser::feed_load::FeedLoad;
use crate::browser::loader::build_index;
use crate::browser::part_loader::PartLoader;
use crate::bundle::Bundle;
use crate::catalog::Catalog;
use crate::components::article_view::{Content, Links};
use crate::index::SearchIndex;
use crate::prebuilt::parts::{Part, PartError, PartFailure};

/// The wasm file holding a function's code could not be fetched (the
/// browser's console says why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeNotLoaded;

#[cfg(newsroom_split)]
impl From<leptos::wasm_split::SplitLoaderError> for CodeNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        CodeNotLoaded
    }
}

/// Calls a `wasm_split` function: its code first fetched in the release build.
macro_rules! split_call {
    ($call:expr) => {{
        #[cfg(newsroom_split)]
        let result = $call.await;
        #[cfg(not(newsroom_split))]
        let result = $call;
        result
    }};
}

/// Builds `catalog`'s search index as `build_index` does.
pub async fn index(catalog: Arc<Catalog>, progress: Box<dyn Fn(u8)>) -> Result<SearchIndex, CodeNotLoaded> {
    Ok(split_call!(index_task(catalog, progress))?.await)
}

/// Reads a paged feed's later pages into `shown` (`FeedLoad::read_later_pages`).
pub async fn later_pages(load: FeedLoad, next: String, first: Bundle, shown: RwSignal<Arc<Catalog>>) -> Result<(), CodeNotLoaded> {
    split_call!(later_pages_task(load, next, first, shown))?.await;
    Ok(())
}

/// An article's view built into its element (`article_view::Content::build`).
pub(crate) async fn article(el: Element, content: Content) -> Result<Option<(HtmlElement, Links)>, CodeNotLoaded> {
    split_call!(article_task(el, content))
}

/// Shows a pre-built archive, or says why it cannot be used (`FeedLoad::open_archive`).
pub async fn archive(load: FeedLoad, first: Bundle, index: String) -> Result<Result<(), PartFailure>, CodeNotLoaded> {
    Ok(split_call!(archive_task(load, first, index))?.await)
}

/// Fetches an archive file and reads it into the catalog (`PartLoader::fetch`).
pub async fn fetch_part(loader: PartLoader, part: Part) -> Result<Result<(), PartError>, CodeNotLoaded> {
    Ok(split_call!(fetch_part_task(loader, part))?.await)
}

// The functions split off: plain functions (an `async fn` cannot be), with
// owned arguments; each makes its future in its own code.

#[cfg_attr(newsroom_split, leptos::wasm_split::wasm_split(later, fallible, wasm_split_path = leptos::wasm_split))]
fn index_task(catalog: Arc<Catalog>, progress: Box<dyn Fn(u8)>) -> Result<Pin<Box<dyn Future<Output = SearchIndex>>>, CodeNotLoaded> {
    Ok(Box::pin(async move { build_index(&catalog, &*progress).await }))
}

#[cfg_attr(newsroom_split, leptos::wasm_split::wasm_split(later, fallible, wasm_split_path = leptos::wasm_split))]
fn later_pages_task(load: FeedLoad, next: String, first: Bundle, shown: RwSignal<Arc<Catalog>>) -> Result<Pin<Box<dyn Future<Output = ()>>>, CodeNotLoaded> {
    Ok(Box::pin(load.read_later_pages(next, first, shown)))
}

#[cfg_attr(newsroom_split, leptos::wasm_split::wasm_split(later, fallible, wasm_split_path = leptos::wasm_split))]
fn article_task(el: Element, content: Content) -> Result<Option<(HtmlElement, Links)>, CodeNotLoaded> {
    Ok(content.build(&el))
}

#[cfg_attr(newsroom_split, leptos::wasm_split::wasm_split(archive, fallible, wasm_split_path = leptos::wasm_split))]
fn archive_task(load: FeedLoad, first: Bundle, index: String) -> Result<Pin<Box<dyn Future<Output = Result<(), PartFailure>>>>, CodeNotLoaded> {
    Ok(load.open_archive(first, index))
}

#[cfg_attr(newsroom_split, leptos::wasm_split::wasm_split(archive, fallible, wasm_split_path = leptos::wasm_split))]
fn fetch_part_task(loader: PartLoader, part: Part) -> Result<Pin<Box<dyn Future<Output = Result<(), PartError>>>>, CodeNotLoaded> {
    Ok(loader.fetch(part))
}
