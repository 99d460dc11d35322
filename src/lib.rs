//! Newsroom: a company news page built in the browser from one JSON Feed bundle.
//!
//! Everything at the top level is the platform-independent core (parsing,
//! validation, search, filtering, sorting, URL state), tested natively. The
//! browser shell (`browser`, `components`) only exists on wasm32.
// The release wasm is built for size (opt-level "z"). The functions each
// keystroke runs through (lookup, scores, tally, order, marks, excerpts) are
// built for speed in it all the same, by the unstable `optimize` attribute:
// the Makefile's release build, which already allows unstable options,
// turns it on with `--cfg newsroom_speed`. Every other build ignores it.
#![cfg_attr(newsroom_speed, feature(optimize_attribute))]

pub mod archive;
pub mod article;
pub mod bundle;
pub mod bundle_reader;
pub mod byte_size;
pub mod cut;
pub mod decimal;
pub mod date;
pub mod embed_options;
pub mod entities;
pub mod excerpt;
pub mod fallbacks;
pub mod fold;
pub mod headline_reader;
pub mod html_text;
pub mod index;
pub mod json_text;
pub mod lean_json;
pub mod lowercase;
pub mod newest;
pub mod page_title;
pub mod percent;
pub mod retry;
pub mod search;
pub mod site_address;
pub mod slug;
pub mod sort;
pub mod tally;
#[doc(hidden)]
pub mod test_rng;
pub mod url_state;
pub mod thumbnail;
pub mod time_limits;
pub mod virtual_list;
pub mod catalog;
pub mod color;
pub mod html_policy;
pub mod load_error;
pub mod messages;
pub mod prebuilt;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub mod components;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
pub use browser::start::start;
