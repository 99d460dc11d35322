//! RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed 1.0/1.1, read with feed-rs.

use crate::draft::{SourceError, SourcePage};

/// Reads one feed document. `base` is the document's own address (a URL, or
/// none for a local file): relative links resolve against the item's
/// `xml:base`, else the feed's, else `base`.
pub fn read_feed(bytes: &[u8], base: Option<&str>) -> Result<SourcePage, SourceError> {
    let _ = (bytes, base);
    Err(SourceError::UnknownFormat { start: String::new() })
}
