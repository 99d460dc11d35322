//! Pre-built archives: `newsroom build` splits an archive's search index,
//! facets and cards into files a static host serves, and the page fetches
//! only those a view needs. `format` is the files, shared by both sides;
//! `write` makes them; `parts` is the page's record of what it fetched.

pub mod format;
pub mod parts;
pub mod write;

#[cfg(test)]
mod tests;
