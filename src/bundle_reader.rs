//! Reading a bundle while it arrives, so a large one never blocks the page.
//!
//! A byte-level scanner finds the feed's top-level members and the elements
//! of its `items` list as the bytes come in, without parsing them; each item
//! is then parsed and validated on its own, a few at a time, whenever the
//! caller has time. Anything the scanner finds malformed is handed to the
//! whole-document parser, so error messages are exactly those of a plain parse.

use std::borrow::Cow;
use std::mem::MaybeUninit;
use std::ops::Range;

use crate::bundle::{check_version, parse_whole, Bundle, BundleError, ItemReader};
use crate::lean_json::{self, line_breaks, string_stop, Json};

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

    /// The buffer lost `len` bytes at `at`, the first `read` items among
    /// them: every place after them moves back (nothing scanned lies inside).
    fn dropped(&mut self, at: usize, len: usize, read: usize) {
        let end = at + len;
        let back = |x: usize| if x >= end { x - len } else { x };
        let range = |r: &Range<usize>| back(r.start)..back(r.end);
        (self.scanned, self.string_start, self.last_solid) = (back(self.scanned), back(self.string_start), back(self.last_solid));
        self.key = self.key.as_ref().map(range);
        (self.value_start, self.item_start) = (self.value_start.map(back), self.item_start.map(back));
        self.members.iter_mut().for_each(|(k, v)| (*k, *v) = (range(k), range(v)));
        self.items.drain(..read);
        self.items.iter_mut().for_each(|r| *r = range(r));
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
/// Appends `len` bytes to `buf` that `write` puts in place and returns (a
/// chunk copied straight from the browser's buffer: no copy of its own, and
/// no zeroing first, which a size-optimised build does a byte at a time).
/// What `write` returns is what is added.
pub fn append_with(buf: &mut Vec<u8>, len: usize, write: impl FnOnce(&mut [MaybeUninit<u8>]) -> &mut [u8]) {
    buf.reserve(len);
    let spare = &mut buf.spare_capacity_mut()[..len];
    let start = spare.as_ptr().cast::<u8>();
    let written = write(spare);
    if written.len() == len && std::ptr::eq(written.as_ptr(), start) {
        // SAFETY: the `len` bytes after the vector's length are initialised:
        // `write` returned them, at their place, as `&mut [u8]`.
        unsafe { buf.set_len(buf.len() + len) }
    } else {
        let written = written.to_vec();
        buf.extend_from_slice(&written);
    }
}

/// Bytes of read items dropped at once, at the least, and the most bytes
/// that may wait behind them (each drop moves those forward). Tiny in
/// tests, so that every test drops.
const DROP_AFTER: usize = if cfg!(test) { 16 } else { 1024 * 1024 };

/// The read items dropped from the buffer: where they were, and how the
/// text they took up ends, so that the document can still be parsed whole
/// with every later line and column where it was ([`Scanned::bytes`]).
#[derive(Clone, Copy, Debug)]
struct Gap {
    at: usize,
    len: usize,
    /// Line breaks among the bytes, and bytes after the last one.
    lines: usize,
    tail: usize,
    items: usize,
}

/// The bytes of a feed so far, and where its members and items are in
/// them: what the page's reader ([`BundleReader`]) and the headlines
/// entry's (`headline_reader`) share.
#[derive(Default)]
pub struct Scanned {
    buf: Vec<u8>,
    splitter: Splitter,
    /// Items handed out since the last drop.
    read: usize,
    /// Items read are dropped as the bytes come, once parsed: a bundle's
    /// bytes are kept only until its articles are, not beside them (10k
    /// articles: 24 MB of memory the browser would give page by page).
    gap: Option<Gap>,
}

impl Scanned {
    pub fn reserve(&mut self, bytes: usize) {
        let _ = self.buf.try_reserve(bytes.min(MAX_RESERVE).saturating_sub(self.buf.len()));
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.buf.extend_from_slice(chunk);
    }

    /// `len` more bytes at the end, which `write` puts in place ([`append_with`]).
    pub fn append(&mut self, len: usize, write: impl FnOnce(&mut [MaybeUninit<u8>]) -> &mut [u8]) {
        append_with(&mut self.buf, len, write);
    }

    pub fn received(&self) -> usize {
        self.buf.len() + self.gap.map_or(0, |g| g.len)
    }

    /// Drops the items read so far, with what separates them, once there
    /// are enough of them to be worth moving the bytes after them.
    fn drop_read(&mut self) {
        let (Some(last), Some(first)) = (self.read.checked_sub(1), self.splitter.items.first()) else { return };
        let end = self.splitter.items[last].end;
        let at = self.gap.map_or(first.start, |g| g.at);
        let len = end - at;
        // Not while much waits behind them (a whole text at once): it would all move.
        if self.splitter.state != Scan::Scanning || len < DROP_AFTER || self.buf.len() - end > DROP_AFTER {
            return;
        }
        let (lines, tail) = line_breaks(&self.buf[at..end]);
        self.gap = Some(match self.gap {
            Some(g) if lines == 0 => Gap { len: g.len + len, tail: g.tail + len, items: g.items + self.read, ..g },
            Some(g) => Gap { len: g.len + len, lines: g.lines + lines, tail, items: g.items + self.read, ..g },
            None => Gap { at, len, lines, tail, items: self.read },
        });
        self.buf.drain(at..end);
        self.splitter.dropped(at, len, self.read);
        self.read = 0;
    }

    /// The next item that has fully arrived, scanning a step further for it
    /// (as if the bytes had arrived a step at a time); `None` until more
    /// bytes come.
    pub(crate) fn next_item(&mut self) -> Option<&[u8]> {
        self.drop_read();
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

    /// The document as it came, for the whole-document parser. Where items
    /// were dropped, an empty list stands for them, their line breaks inside
    /// it and its `]` where their last `}` was: every line and column is
    /// where it was, the end of a document cut short after them too. (Whole,
    /// the document is malformed outside them, or it would not be parsed
    /// whole: what the parser says is about the bytes that are here.)
    pub(crate) fn bytes(&self) -> Cow<'_, [u8]> {
        let Some(gap) = self.gap else { return Cow::Borrowed(&self.buf) };
        let mut doc = Vec::with_capacity(self.buf.len() + gap.lines + gap.tail + 1);
        doc.extend_from_slice(&self.buf[..gap.at]);
        doc.push(b'[');
        // A dropped item is two bytes at the least, and the last line of the gap ends with one's `}`.
        let spaces = if gap.lines == 0 { gap.len - 2 } else { gap.tail - 1 };
        doc.resize(doc.len() + gap.lines, b'\n');
        doc.resize(doc.len() + spaces, b' ');
        doc.push(b']');
        doc.extend_from_slice(&self.buf[gap.at..]);
        Cow::Owned(doc)
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
        self.scanned.read + self.scanned.gap.map_or(0, |g| g.items)
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
            return parse_whole(&self.scanned.bytes());
        }
        let mut members = Vec::new();
        let mut has_items = false;
        for (key, value) in self.scanned.members() {
            let Ok(Json::String(key)) = lean_json::read(key) else {
                return parse_whole(&self.scanned.bytes());
            };
            if key == "items" && value.first() == Some(&b'[') {
                has_items = true;
                continue;
            }
            // Every other member is checked, so malformed JSON anywhere is reported.
            let Ok(parsed) = lean_json::read(value) else {
                return parse_whole(&self.scanned.bytes());
            };
            let kept = if FEED_MEMBERS.contains(&key.as_str()) { parsed } else { Json::Null };
            members.push((key, kept));
        }
        let feed = Json::Object(members);
        check_version(feed.get("version"))?;
        if !has_items {
            // Missing, null, or not a list: the whole-document path names which.
            return parse_whole(&self.scanned.bytes());
        }
        Ok(std::mem::take(&mut self.items).into_bundle(&feed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::parse_bundle;
    use crate::test_rng::Rng;

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

    /// A feed of many items, on many lines or one, broken somewhere or not.
    fn random_feed(rng: &mut Rng) -> Vec<u8> {
        let space = |rng: &mut Rng| rng.pick(&["", " ", "\n", "\n  ", "\r\n\t", "  "]).to_string();
        let items: Vec<String> = (0..rng.below(30))
            .map(|k| {
                let (s1, s2) = (space(rng), space(rng));
                format!(r#"{{{s1}"id":{s2}"i{k}", "title": "Title\n{k} 铬",{s1}"date_published": "2024-01-{:02}",{s2}"content_text": "a\"b\nc"}}"#, 1 + k % 28)
            })
            .collect();
        let joined = items.iter().map(|i| format!("{}{i}{}", space(rng), space(rng))).collect::<Vec<_>>().join(",");
        let after = if rng.below(2) == 0 { format!(",{}\"description\": \"after\"", space(rng)) } else { String::new() };
        let mut text = format!(r#"{{"version": "https://jsonfeed.org/version/1.1",{}"title": "T",{}"items": [{joined}]{after}{}}}"#, space(rng), space(rng), space(rng)).into_bytes();
        match rng.below(4) {
            0 => {}
            1 => text.truncate(rng.below(text.len() + 1)),
            _ => {
                let at = rng.below(text.len());
                text[at] = [b'x', b'}', b']', 1, b'"', b',', b'[', b'{', b' ', 0xff][rng.below(10)];
            }
        }
        text
    }

    #[test]
    fn appended_bytes_are_what_the_writer_returns() {
        let mut s = Scanned::default();
        s.push(b"{");
        s.append(3, |room| room.write_copy_of_slice(b"abc"));
        // A writer that gives back less: that is what counts.
        s.append(4, |room| room[..1].write_copy_of_slice(b"x"));
        assert_eq!(&*s.bytes(), b"{abcx");
    }

    #[test]
    fn property_dropped_items_leave_the_result_as_a_whole_parse_gives_it() {
        let mut dropped = 0;
        for seed in 1..=400u64 {
            let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let text = random_feed(&mut rng);
            let size = 1 + rng.below(200);
            let mut r = BundleReader::default();
            for chunk in text.chunks(size) {
                r.push(chunk);
                r.read_items(1 + rng.below(3));
            }
            assert_eq!(r.received(), text.len(), "seed {seed}");
            dropped += usize::from(r.scanned.gap.is_some());
            assert_eq!(r.finish(), parse_whole(&text), "seed {seed}, chunks of {size}: {}", String::from_utf8_lossy(&text));
        }
        assert!(dropped > 100, "items were dropped in {dropped} of 400 readings");
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
