//! The thin browser shell: everything that touches `window`, `fetch`, `Intl`
//! or the DOM directly. The components call these; the core never does.
//! Without the `app` feature, only the modules the headlines entry shares
//! (no leptos in them).

pub mod article_meta;
pub mod dom;
#[cfg(feature = "app")]
pub mod effect;
pub mod headline;
#[cfg(feature = "app")]
pub mod history;
#[cfg(feature = "app")]
pub mod feed_load;
pub mod intl;
pub mod language;
#[cfg(feature = "app")]
pub mod lazy_code;
pub mod load_status;
pub mod loader;
#[cfg(feature = "app")]
pub mod part_loader;
pub mod request;
pub mod sanitizer;
#[cfg(feature = "app")]
pub mod slots;
#[cfg(feature = "app")]
pub mod start;
pub mod surface;
#[cfg(feature = "app")]
pub mod takeover;
