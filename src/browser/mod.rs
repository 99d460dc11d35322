//! The thin browser shell: everything that touches `window`, `fetch`, `Intl`
//! or the DOM directly. The components call these; the core never does.

pub mod history;
pub mod feed_load;
pub mod intl;
pub mod language;
pub mod loader;
pub mod part_loader;
pub mod request;
pub mod sanitizer;
pub mod start;
pub mod surface;
pub mod takeover;
