//! The input formats, one reader each. Every reader turns a source's bytes
//! (or folder) into a [`SourcePage`](crate::draft::SourcePage) of drafts.

pub mod feed;
pub mod markdown;
pub mod wxr;
