//! `newsroom`: makes and grows Newsroom bundles from what a company's website
//! already publishes (RSS, Atom, JSON Feed, a WordPress export, Markdown), and
//! checks bundles as the page reads them. A thin shell over the same core as
//! the page; its own crates are native-only.

#[cfg(not(target_arch = "wasm32"))]
mod draft;
#[cfg(not(target_arch = "wasm32"))]
mod formats;
#[cfg(not(target_arch = "wasm32"))]
mod html;

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

// The page's build compiles every binary of the crate; this one has nothing to do there.
#[cfg(target_arch = "wasm32")]
fn main() {}
