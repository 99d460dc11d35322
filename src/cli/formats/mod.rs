//! The input formats, one reader each, and how a source's bytes are told
//! apart: by their content, never by a file's name. Every reader turns a
//! source into a [`SourcePage`] of drafts.

pub mod feed;
pub mod json_feed;
pub mod markdown;
pub mod wxr;

use crate::draft::{SourceError, SourcePage};

/// What a reader is told beyond the document: choices of the user's.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// WordPress pages (`wp:post_type` `page`) published are imported as articles.
    pub wordpress_pages: bool,
}

/// One input format a single document can be in.
pub struct InputFormat {
    pub name: &'static str,
    /// Whether `start` (the document's first bytes, without a byte-order
    /// mark or leading white space) looks like this format.
    sniff: fn(start: &[u8]) -> bool,
    /// Reads the whole document; `base` is its address, for relative links.
    /// Takes the document over, so a reader can free it as soon as it is read.
    pub read: fn(bytes: Vec<u8>, base: Option<&str>, options: Options) -> Result<SourcePage, SourceError>,
}

/// In the order they are tried: a WordPress export is RSS too, so it comes first.
pub const FORMATS: [InputFormat; 4] = [
    InputFormat { name: "WordPress export", sniff: |s| s.starts_with(b"<") && contains(s, b"wordpress.org/export/"), read: |bytes, base, options| wxr::read_wxr(bytes, base, options) },
    InputFormat { name: "RSS or Atom", sniff: |s| s.starts_with(b"<"), read: |bytes, base, _| feed::read_feed(bytes, base) },
    InputFormat { name: "JSON Feed", sniff: |s| s.starts_with(b"{"), read: |bytes, base, _| json_feed::read_json_feed(bytes, base) },
    InputFormat { name: "Markdown", sniff: |s| s.starts_with(b"---") || s.starts_with(b"+++"), read: |bytes, base, _| read_markdown_file(bytes, base) },
];

/// How far into a document the sniffers look.
const SNIFF_BYTES: usize = 64 * 1024;

/// The format of a document, from its content.
pub fn detect(bytes: &[u8]) -> Result<&'static InputFormat, SourceError> {
    let start = content_start(bytes);
    let window = &start[..start.len().min(SNIFF_BYTES)];
    let unknown = || SourceError::UnknownFormat { start: String::from_utf8_lossy(&window[..window.len().min(40)]).into_owned() };
    // An HTML page (a login page, a 404 page) is markup too, but no feed.
    let head = String::from_utf8_lossy(&window[..window.len().min(15)]).to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(unknown());
    }
    FORMATS.iter().find(|f| (f.sniff)(window)).ok_or_else(unknown)
}

/// A single Markdown file (a folder of them is read by [`markdown::read_folder`]).
fn read_markdown_file(bytes: Vec<u8>, base: Option<&str>) -> Result<SourcePage, SourceError> {
    let name = base.and_then(|b| b.rsplit('/').next()).unwrap_or("index.md");
    Ok(SourcePage { items: vec![markdown::read_file(name, &bytes)], ..SourcePage::default() })
}

fn content_start(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let skip = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[skip..]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsroom::test_rng::Rng;

    #[test]
    fn formats_are_told_apart_by_content() {
        let name = |b: &[u8]| detect(b).map(|f| f.name);
        assert_eq!(name(b"\xef\xbb\xbf  <?xml version=\"1.0\"?><rss version=\"2.0\">").ok(), Some("RSS or Atom"));
        assert_eq!(name(b"<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">").ok(), Some("WordPress export"));
        assert_eq!(name(b"\n{\"version\": \"https://jsonfeed.org/version/1.1\"}").ok(), Some("JSON Feed"));
        assert_eq!(name(b"---\ntitle: x\n---\nbody").ok(), Some("Markdown"));
        assert_eq!(name(b"+++\ntitle = 'x'\n+++\n").ok(), Some("Markdown"));
        assert!(matches!(detect(b"PK\x03\x04zip"), Err(SourceError::UnknownFormat { start }) if start.starts_with("PK")));
        assert!(matches!(detect(b""), Err(SourceError::UnknownFormat { .. })));
        assert!(matches!(detect(b"<!DOCTYPE html><html><body>Login</body>"), Err(SourceError::UnknownFormat { .. })));
    }

    /// Any bytes, through detection, the reader it picks and the mapping:
    /// an error or items, never a panic.
    #[test]
    fn no_bytes_make_the_pipeline_panic() {
        let seeds: [&[u8]; 5] = [
            include_bytes!("../../../tests/fixtures/import/feeds/rss2.xml"),
            include_bytes!("../../../tests/fixtures/import/feeds/atom.xml"),
            include_bytes!("../../../tests/fixtures/import/feeds/jsonfeed10.json"),
            include_bytes!("../../../tests/fixtures/import/feeds/wordpress.xml"),
            b"---\ntitle: T\ndate: 2024-01-01\n---\nBody <img src=x>",
        ];
        let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
        let rules = crate::map::MapRules::default();
        for case in 0..600 {
            let mut bytes = seeds[case % seeds.len()].to_vec();
            match rng.below(4) {
                0 => bytes.truncate(rng.below(bytes.len() + 1)),
                1 => {
                    for _ in 0..8 {
                        let at = rng.below(bytes.len());
                        if let Some(b) = bytes.get_mut(at) {
                            *b = rng.next() as u8;
                        }
                    }
                }
                2 => bytes = (0..rng.below(512)).map(|_| rng.next() as u8).collect(),
                _ => {
                    let at = rng.below(bytes.len() + 1);
                    bytes.splice(at..at, b"<![CDATA[<item>{\"".iter().copied());
                }
            }
            if let Ok(format) = detect(&bytes) {
                if let Ok(page) = (format.read)(bytes.clone(), Some("https://example.com/feed"), Options::default()) {
                    for draft in page.items.into_iter().flatten() {
                        let _ = crate::map::to_item(draft, &rules);
                    }
                }
            }
        }
    }
}
