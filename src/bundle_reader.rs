//! Reading a bundle while it arrives, so a large one never blocks the page.
//!
//! A byte-level scanner finds the feed's top-level members and the elements
//! of its `items` list as the bytes come in, without parsing them; each item
//! is then parsed and validated on its own, a few at a time, whenever the
//! caller has time. Anything the scanner finds malformed is handed to the
//! whole-document parser, so error messages are exactly those of a plain parse.

use std::ops::Range;

use crate::bundle::{check_version, parse_whole, Bundle, BundleError, ItemReader};
use crate::lean_json::{self, string_stop, Json};

/// What the scanner expects next at the root object's level, or in `items`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Expect {
    #[default]
    Key,
    Colon,
    Value,
    CommaOrEnd,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Scan {
    #[default]
    Start,
    Scanning,
    Done,
    /// Not an object, or malformed: left to the whole-document parser.
    Elsewhere,
}

/// The feed's members the page reads; any other is only checked.
const FEED_MEMBERS: [&str; 10] = ["version", "title", "description", "language", "home_page_url", "next_url", "authors", "author", "items", "_newsroom"];

/// Finds top-level members and `items` elements by their byte ranges.
#[derive(Debug, Default)]
struct Splitter {
    scanned: usize,
    state: Scan,
    depth: usize,
    in_string: bool,
    escape: bool,
    string_start: usize,
    /// End of the last byte that was not white space.
    last_solid: usize,
    root: Expect,
    /// A comma was the last thing at the root level: a key must follow.
    comma: bool,
    key: Option<Range<usize>>,
    value_start: Option<usize>,
    in_items: bool,
    item: Expect,
    item_start: Option<usize>,
    members: Vec<(Range<usize>, Range<usize>)>,
    items: Vec<Range<usize>>,
}

impl Splitter {
    fn scan(&mut self, buf: &[u8]) {
        while self.scanned < buf.len() && matches!(self.state, Scan::Start | Scan::Scanning) {
            if self.in_string && !self.escape {
                // Most of a bundle is string content: jump to the next byte that matters.
                match string_stop(&buf[self.scanned..], false) {
                    Some(skip) => self.scanned += skip,
                    None => {
                        self.scanned = buf.len();
                        self.last_solid = buf.len();
                        return;
                    }
                }
            }
            let i = self.scanned;
            self.step(buf, i, buf[i]);
            self.scanned += 1;
        }
    }

    fn broken(&mut self) {
        self.state = Scan::Elsewhere;
    }

    fn step(&mut self, buf: &[u8], i: usize, b: u8) {
        if self.in_string {
            if self.escape {
                self.escape = false;
            } else if b == b'\\' {
                self.escape = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.depth == 1 && self.root == Expect::Key {
                    self.key = Some(self.string_start..i + 1);
                    self.root = Expect::Colon;
                }
            }
            self.last_solid = i + 1;
            return;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            return;
        }
        if self.state == Scan::Start {
            // A byte order mark may precede the document.
            if buf[i..].starts_with(b"\xEF\xBB\xBF") {
                self.scanned += 2;
                return;
            }
            if b != b'{' {
                return self.broken();
            }
            self.state = Scan::Scanning;
            self.depth = 1;
            self.last_solid = i + 1;
            return;
        }
        match b {
            b'"' if self.depth == 1 && self.root == Expect::Key => {
                self.in_string = true;
                self.comma = false;
                self.string_start = i;
            }
            b'"' | b'{' | b'[' => {
                self.begin_value(i);
                if b == b'"' {
                    self.in_string = true;
                } else {
                    if self.depth == 1 && b == b'[' && self.key.as_ref().is_some_and(|k| &buf[k.clone()] == b"\"items\"") {
                        self.in_items = true;
                        self.item = Expect::Value;
                    }
                    self.depth += 1;
                }
            }
            b'}' | b']' => {
                self.depth -= 1;
                match self.depth {
                    0 => {
                        if b != b'}' || !matches!(self.root, Expect::Key | Expect::CommaOrEnd) || self.comma {
                            return self.broken();
                        }
                        self.end_member(self.last_solid);
                        self.state = Scan::Done;
                    }
                    1 => {
                        if self.in_items {
                            if b != b']' || self.item == Expect::Value && !self.items.is_empty() {
                                return self.broken();
                            }
                            self.end_item(self.last_solid);
                            self.in_items = false;
                        }
                        self.end_member(i + 1);
                    }
                    2 if self.in_items => self.end_item(i + 1),
                    _ => {}
                }
            }
            b',' => match self.depth {
                1 => {
                    if self.root != Expect::CommaOrEnd && self.value_start.is_none() {
                        return self.broken();
                    }
                    self.end_member(self.last_solid);
                    self.root = Expect::Key;
                    self.comma = true;
                }
                2 if self.in_items => {
                    if self.item != Expect::CommaOrEnd && self.item_start.is_none() {
                        return self.broken();
                    }
                    self.end_item(self.last_solid);
                    self.item = Expect::Value;
                }
                _ => {}
            },
            b':' if self.depth == 1 => {
                if self.root != Expect::Colon {
                    return self.broken();
                }
                self.root = Expect::Value;
            }
            _ => self.begin_value(i),
        }
        if self.state == Scan::Scanning {
            self.last_solid = i + 1;
        }
    }

    fn begin_value(&mut self, i: usize) {
        match self.depth {
            1 if self.root == Expect::Value => {
                self.value_start = Some(i);
                self.root = Expect::CommaOrEnd;
            }
            1 => self.broken(),
            2 if self.in_items && self.item == Expect::Value => {
                self.item_start = Some(i);
                self.item = Expect::CommaOrEnd;
            }
            2 if self.in_items && self.item_start.is_none() => self.broken(),
            _ => {}
        }
    }

    fn end_member(&mut self, end: usize) {
        if let (Some(key), Some(start)) = (self.key.take(), self.value_start.take()) {
            self.members.push((key, start..end));
        }
    }

    fn end_item(&mut self, end: usize) {
        if let Some(start) = self.item_start.take() {
            self.items.push(start..end);
        }
    }
}

/// Bytes scanned for item boundaries in one step of [`BundleReader::read_items`].
const SCAN_STEP: usize = 256 * 1024;
/// The most [`BundleReader::reserve`] sets aside ahead of the bytes.
const MAX_RESERVE: usize = 256 * 1024 * 1024;

/// The bytes of a feed so far, and where its members and items are in
/// them: what the page's reader ([`BundleReader`]) and the headlines
/// entry's (`headline_reader`) share.
#[derive(Default)]
pub struct Scanned {
    buf: Vec<u8>,
    splitter: Splitter,
    /// Items handed out so far.
    read: usize,
}

impl Scanned {
    pub fn reserve(&mut self, bytes: usize) {
        let _ = self.buf.try_reserve(bytes.min(MAX_RESERVE).saturating_sub(self.buf.len()));
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.buf.extend_from_slice(chunk);
    }

    /// `len` more bytes at the end, zeroed, for the caller to fill: a chunk
    /// copied straight from the browser's buffer, not through a copy of its own.
    pub fn extend(&mut self, len: usize) -> &mut [u8] {
        let at = self.buf.len();
        self.buf.resize(at + len, 0);
        &mut self.buf[at..]
    }

    pub fn received(&self) -> usize {
        self.buf.len()
    }

    /// The next item that has fully arrived, scanning a step further for it
    /// (as if the bytes had arrived a step at a time); `None` until more
    /// bytes come.
    pub(crate) fn next_item(&mut self) -> Option<&[u8]> {
        while self.read == self.splitter.items.len() {
            let before = self.splitter.scanned;
            let end = before.saturating_add(SCAN_STEP).min(self.buf.len());
            self.splitter.scan(&self.buf[..end]);
            if self.splitter.scanned == before {
                return None;
            }
        }
        self.read += 1;
        Some(&self.buf[self.splitter.items[self.read - 1].clone()])
    }

    /// After the last byte: whether the scanner found one well-formed
    /// object, and nothing after it.
    pub(crate) fn complete(&self) -> bool {
        let trailing = self.buf[self.splitter.scanned..].iter().any(|b| !b.is_ascii_whitespace());
        self.splitter.state == Scan::Done && !trailing
    }

    /// The top-level members: each key (a JSON string) and value, as bytes.
    pub(crate) fn members(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.splitter.members.iter().map(|(key, value)| (&self.buf[key.clone()], &self.buf[value.clone()]))
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.buf
    }
}

/// A feed read while its bytes arrive, by the page's reader or the
/// headlines': the loader keeps what arrives in its scanner and reads the
/// items that have fully arrived between pieces.
pub trait ArrivingFeed {
    fn scanned(&mut self) -> &mut Scanned;
    /// Reads up to `max` of the items that have fully arrived; returns how
    /// many (0: nothing more until more bytes come).
    fn read_items(&mut self, max: usize) -> usize;
}

impl ArrivingFeed for BundleReader {
    fn scanned(&mut self) -> &mut Scanned {
        &mut self.scanned
    }

    fn read_items(&mut self, max: usize) -> usize {
        BundleReader::read_items(self, max)
    }
}

/// A bundle being read: push bytes as they arrive, read items when there is
/// time, then finish.
#[derive(Default)]
pub struct BundleReader {
    scanned: Scanned,
    items: ItemReader,
    /// An item was not valid JSON: the whole-document parser will say where.
    malformed: bool,
}

impl BundleReader {
    /// Makes room for a bundle of `bytes` (the response's length), so the
    /// buffer is not copied to a larger one again and again as it arrives.
    /// A length that lies or cannot be had is no error: the buffer then grows as before.
    pub fn reserve(&mut self, bytes: usize) {
        self.scanned.reserve(bytes);
    }

    /// Keeps `chunk`; it is looked at by [`Self::read_items`], a step at a
    /// time, so a large chunk is no long task.
    pub fn push(&mut self, chunk: &[u8]) {
        self.scanned.push(chunk);
    }

    /// Bytes received so far.
    pub fn received(&self) -> usize {
        self.scanned.received()
    }

    /// Items found and read so far.
    pub fn items_read(&self) -> usize {
        self.scanned.read
    }

    /// Parses and validates up to `max` of the items that have fully arrived;
    /// returns how many it read (0: nothing more until more bytes come).
    pub fn read_items(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max && !self.malformed {
            let Some(item) = self.scanned.next_item() else { break };
            match lean_json::read(item) {
                Ok(item) => self.items.read(item),
                Err(_) => self.malformed = true,
            }
            n += 1;
        }
        n
    }

    /// After the last byte: reads what is left and returns the bundle.
    pub fn finish(mut self) -> Result<Bundle, BundleError> {
        while self.read_items(usize::MAX) > 0 {}
        if self.malformed || !self.scanned.complete() {
            return parse_whole(self.scanned.bytes());
        }
        let mut members = Vec::new();
        let mut has_items = false;
        for (key, value) in self.scanned.members() {
            let Ok(Json::String(key)) = lean_json::read(key) else {
                return parse_whole(self.scanned.bytes());
            };
            if key == "items" && value.first() == Some(&b'[') {
                has_items = true;
                continue;
            }
            // Every other member is checked, so malformed JSON anywhere is reported.
            let Ok(parsed) = lean_json::read(value) else {
                return parse_whole(self.scanned.bytes());
            };
            let kept = if FEED_MEMBERS.contains(&key.as_str()) { parsed } else { Json::Null };
            members.push((key, kept));
        }
        let feed = Json::Object(members);
        check_version(feed.get("version"))?;
        if !has_items {
            // Missing, null, or not a list: the whole-document path names which.
            return parse_whole(self.scanned.bytes());
        }
        Ok(std::mem::take(&mut self.items).into_bundle(&feed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::parse_bundle;

    const FEED: &str = r#"{ "version": "https://jsonfeed.org/version/1.1", "title": "A \"quoted\" {title}",
      "home_page_url": "https://example.com", "_newsroom": {"x": [1, {"y": "]}"}]},
      "items": [
        {"id": "a", "title": "First [1]", "date_published": "2024-01-01", "content_text": "x\\"},
        "not an object",
        {"id": "b", "title": "Second", "date_published": "2024-01-02", "tags": ["}", "{"]},
        42, null, [1, 2],
        {"id": "c", "date_published": "soon"}
      ],
      "description": "after the items" }"#;

    fn chunked(text: &str, size: usize) -> Result<Bundle, BundleError> {
        let mut r = BundleReader::default();
        for chunk in text.as_bytes().chunks(size) {
            r.push(chunk);
            r.read_items(2);
        }
        r.finish()
    }

    #[test]
    fn any_chunking_gives_the_whole_document_result() {
        let whole = parse_whole(FEED.as_bytes()).unwrap();
        assert_eq!(whole.articles.len(), 2);
        assert_eq!(whole.skipped.len(), 5);
        assert_eq!(whole.title, "A \"quoted\" {title}");
        assert_eq!(whole.description.as_deref(), Some("after the items"));
        for size in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(chunked(FEED, size).unwrap(), whole, "chunks of {size}");
        }
    }

    #[test]
    fn the_sample_bundle_reads_the_same_in_chunks() {
        let sample = include_str!("../sample/feed.json");
        let whole = parse_whole(sample.as_bytes()).unwrap();
        assert!(whole.articles.len() > 40 && whole.skipped.is_empty());
        assert_eq!(chunked(sample, 1000).unwrap(), whole);
    }

    #[test]
    fn items_become_readable_as_they_arrive() {
        let mut r = BundleReader::default();
        let cut = FEED.find("\"not an object\"").unwrap();
        r.push(&FEED.as_bytes()[..cut]);
        assert_eq!(r.read_items(10), 1);
        assert_eq!(r.read_items(10), 0);
        r.push(&FEED.as_bytes()[cut..]);
        assert_eq!(r.read_items(10), 6);
        assert_eq!((r.items_read(), r.received()), (7, FEED.len()));
    }

    #[test]
    fn malformed_json_anywhere_is_reported_at_its_line_and_column() {
        let cases = [
            ("{\n  \"items\": [\n    {\"id\": \"a\" oops}\n  ]\n}", 3, 16),
            ("{\n  \"title\": \"x\" oops,\n  \"items\": []\n}", 2, 16),
            ("{\"items\": [1 2]}", 1, 14),
            ("{\"items\": [1,]}", 1, 14),
            ("{\"items\": []", 1, 12),
            ("{\"items\": []} x", 1, 15),
            ("{\"a\" 1, \"items\": []}", 1, 6),
            ("{\"author\": {\"name\": tru}, \"items\": []}", 1, 24),
            ("{\"items\": [], }", 1, 15),
        ];
        for (text, line, column) in cases {
            match parse_bundle(text) {
                Err(BundleError::Syntax { line: l, column: c, .. }) => assert_eq!((l, c), (line, column), "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn invalid_utf8_is_a_syntax_error_with_its_place() {
        let mut bytes = b"{\"items\": [\n{\"id\": \"".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        bytes.extend_from_slice(b"\"}]}");
        let mut r = BundleReader::default();
        r.push(&bytes);
        assert!(matches!(r.finish(), Err(BundleError::Syntax { line: 2, .. })));
    }

    #[test]
    fn a_byte_order_mark_is_allowed() {
        let text = format!("\u{feff}{FEED}");
        assert_eq!(parse_bundle(&text).unwrap().articles.len(), 2);
    }
}
