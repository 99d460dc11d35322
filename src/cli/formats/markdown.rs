//! A folder of Markdown files with YAML (`---`) or TOML (`+++`) front matter,
//! as Hugo, Jekyll, Eleventy and Astro keep them.

use std::path::Path;

use crate::draft::{SourceError, SourcePage};

/// Reads every Markdown file under `dir` (recursively), in path order.
pub fn read_folder(dir: &Path) -> Result<SourcePage, SourceError> {
    let _ = dir;
    Err(SourceError::NoMarkdown)
}
