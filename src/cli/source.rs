//! Where a SOURCE argument's pages come from: a file, a folder of Markdown,
//! or an http(s) address, following a paged feed's `next` links. Reading is
//! all or nothing for a source's first page; a later page that fails ends
//! the paging with a warning, keeping the pages read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

use crate::draft::{SourceError, SourcePage, MAX_SOURCE_BYTES};
use crate::formats::{self, markdown};

/// How long an http(s) source may take to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Path(PathBuf),
    Url(Url),
}

impl Source {
    pub fn parse(arg: &str) -> Source {
        match Url::parse(arg) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Source::Url(url),
            _ => Source::Path(PathBuf::from(arg)),
        }
    }
}

/// A source's pages as they were read, and a later page that could not be.
#[derive(Debug, Default)]
pub struct Pages {
    pub pages: Vec<SourcePage>,
    /// The address of a `next` page that failed, and why.
    pub stopped: Option<(String, SourceError)>,
    /// Paging stopped at the page limit with more to read.
    pub more: bool,
    /// What the first page was read as.
    pub format: &'static str,
}

/// How sources are read.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions {
    /// Pages per source, the first included.
    pub max_pages: usize,
    /// How long one http(s) document may take to arrive in full.
    pub timeout: Duration,
    /// What the format readers are told.
    pub formats: formats::Options,
}

/// Reads `source`, following `next` links up to `limits.max_pages` pages in all.
pub fn read_pages(source: &Source, limits: ReadOptions, mut on_page: impl FnMut(usize, usize)) -> Result<Pages, SourceError> {
    let max_pages = limits.max_pages;
    let fetch = |url: &Url| fetch(url, limits.timeout);
    let ((format, first), address) = match source {
        Source::Path(path) if path.is_dir() => (("Markdown folder", markdown::read_folder(path)?), None),
        Source::Path(path) => (read_document(read_file(path)?, Some(&file_base(path)), limits.formats)?, Some(file_base(path))),
        Source::Url(url) => (read_document(fetch(url)?, Some(url.as_str()), limits.formats)?, Some(url.to_string())),
    };
    let mut pages = Pages { format, ..Pages::default() };
    let mut visited: std::collections::HashSet<String> = address.iter().cloned().collect();
    let mut next = first.next.clone();
    on_page(1, first.items.len());
    pages.pages.push(first);
    while let Some(link) = next.take() {
        if pages.pages.len() >= max_pages {
            pages.more = true;
            break;
        }
        // A feed whose `next` leads back to a page already read ends here.
        if !visited.insert(link.clone()) {
            break;
        }
        // Only a local source may lead to local files: a feed from the web never reads the disk.
        let local = matches!(source, Source::Path(_));
        match read_linked(&link, local, &fetch, limits.formats) {
            Ok((_, page)) => {
                next = page.next.clone();
                on_page(pages.pages.len() + 1, page.items.len());
                pages.pages.push(page);
            }
            Err(e) => pages.stopped = Some((link, e)),
        }
    }
    Ok(pages)
}

/// A `next` page: an http(s) address, or a `file:` address next to a local feed.
fn read_linked(
    link: &str,
    local: bool,
    fetch: &dyn Fn(&Url) -> Result<Vec<u8>, SourceError>,
    options: formats::Options,
) -> Result<(&'static str, SourcePage), SourceError> {
    let url = Url::parse(link).map_err(|e| SourceError::Io { detail: format!("{link}: {e}") })?;
    match url.scheme() {
        "http" | "https" => read_document(fetch(&url)?, Some(link), options),
        "file" if local => {
            let path = url.to_file_path().map_err(|()| SourceError::Io { detail: link.to_string() })?;
            read_document(read_file(&path)?, Some(link), options)
        }
        other => Err(SourceError::Io { detail: format!("cannot follow a {other}: address") }),
    }
}

/// A document's format, and its page.
fn read_document(bytes: Vec<u8>, base: Option<&str>, options: formats::Options) -> Result<(&'static str, SourcePage), SourceError> {
    let format = formats::detect(&bytes)?;
    Ok((format.name, (format.read)(bytes, base, options)?))
}

/// A local file's address, so its relative `next` links resolve next to it.
fn file_base(path: &Path) -> String {
    std::path::absolute(path)
        .ok()
        .and_then(|p| Url::from_file_path(p).ok())
        .map_or_else(|| path.display().to_string(), String::from)
}

fn read_file(path: &Path) -> Result<Vec<u8>, SourceError> {
    let io = |e: std::io::Error| SourceError::Io { detail: e.to_string() };
    let len = std::fs::metadata(path).map_err(io)?.len();
    // Refused before reading: a 2 GB file would otherwise be read whole first.
    if len > MAX_SOURCE_BYTES {
        return Err(SourceError::TooLarge { bytes: len });
    }
    std::fs::read(path).map_err(io)
}

fn fetch(url: &Url, timeout: Duration) -> Result<Vec<u8>, SourceError> {
    let agent = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .new_agent();
    let unreachable = |e: ureq::Error| match e {
        ureq::Error::BodyExceedsLimit(_) => SourceError::TooLarge { bytes: MAX_SOURCE_BYTES },
        ureq::Error::Timeout(_) => SourceError::Unreachable { detail: format!("no answer within {} s", timeout.as_secs()) },
        e => SourceError::Unreachable { detail: e.to_string() },
    };
    let response = agent.get(url.as_str()).call().map_err(unreachable)?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(SourceError::Status { status });
    }
    response.into_body().with_config().limit(MAX_SOURCE_BYTES).read_to_vec().map_err(unreachable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_addresses_or_paths() {
        assert!(matches!(Source::parse("https://example.com/feed"), Source::Url(_)));
        assert!(matches!(Source::parse("http://127.0.0.1:8080/feed.xml"), Source::Url(_)));
        assert_eq!(Source::parse("content/news"), Source::Path("content/news".into()));
        assert_eq!(Source::parse("C:/feeds/a.xml"), Source::Path("C:/feeds/a.xml".into()));
    }
}
