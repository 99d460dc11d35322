//! The pre-built archive's files, as `newsroom build` writes them and the
//! page reads them: one module for both sides, so they cannot drift apart.
//!
//! - `feed.json` (a JSON Feed page) names the summary in `_newsroom.index`.
//! - The summary (JSON, named by a hash of its bytes): format version,
//!   build id, the hash in the other files' names, document count, facet
//!   values with their counts; small at any archive size, as the first view
//!   needs it.
//! - Lists (binary): the first term of each shard of a kind, fetched when a
//!   view first needs that kind (a full page fetches those of words and of
//!   CJK characters once its first view is shown, so that a search waits
//!   for its shards only).
//! - Term shards (binary): contiguous ranges of the sorted dictionary, each
//!   term with its weight in each document; a query fetches the shards of
//!   its terms.
//! - Gram shards (binary): the same for single CJK characters and CJK
//!   phrases of three or four characters, so such a query is one lookup.
//! - Position shards (binary): CJK pairs with their positions, fetched only
//!   for a longer CJK phrase.
//! - The facet table (binary): each document's category, year and tags,
//!   fetched once a view filters or searches.
//! - Card files (binary): what the list shows of 20 documents, and the
//!   pages their full items are on: a first screen of the best matches,
//!   which lie anywhere in the archive, needs little more than its own.
//! - Id buckets (binary): item id → document number, bucketed by a hash of
//!   the id, for deep links.
//!
//! Documents are numbered in the archive's newest-first order, undated last.
//! A binary file is named by its kind, its number and a hash of all of the
//! build's binary files (`cards-12-h0123….bin`): the page knows every name
//! from the summary alone (no list of names to fetch first), and a build
//! that changes any file renames them all, so a cache never mixes two. Each
//! ends with a hash of its own bytes, which the page checks: a truncated or
//! damaged file is caught before it is read.


use serde_json::{json, Value};

use crate::lean_json::{self, Json};

use crate::article::{Article, Body};
use crate::cut::{after_last, cut, last};
use crate::date::parse_date;
use crate::fallbacks::{content_hash, fnv64};
use crate::index::{DocId, FieldPositions, FieldRef, TermData};
use crate::site_address::page_path;
use crate::url_state::{Facet, FACETS};

/// The format this code writes and reads; the page refuses any other.
/// Version 2: a card carries its article's static page (`_newsroom.page`).
/// Version 3: files named by number and the build's hash, each ending with
/// a hash of its bytes; 20 cards a file; lists of first terms only.
pub const VERSION: u64 = 3;
/// What a summary says it is, so another JSON file is not mistaken for one.
pub const FORMAT: &str = "newsroom-archive-index";
const MAGIC: &[u8; 4] = b"NRIX";
/// Documents per card file: a file of 100 cost a query's first screen
/// 85 KB (gzip) for its ten cards; of 20, 27 KB.
pub const CARDS_PER_FILE: usize = 20;
/// The most documents a summary may claim (what the page sizes its tables by).
const MAX_DOCS: usize = 50_000_000;

/// The kinds of binary file, in their header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Terms = 1,
    Facets = 2,
    Cards = 3,
    Ids = 4,
    List = 5,
}

/// Why a file of the archive's index could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// Written by a newer (or older) `newsroom build` than this page knows.
    Version { found: u64 },
    /// Not a summary or index file at all.
    NotIndex,
    /// Its bytes do not hash to its name: cut short, or changed on the way.
    Damaged,
    /// Sound, but from another build than the summary's.
    OtherBuild,
    /// Its content does not follow the format.
    Malformed(&'static str),
}

/// The summary's name: `summary-`, a hash of its bytes, `.json`.
pub fn summary_name(bytes: &[u8]) -> String {
    format!("summary-{}.json", content_hash(bytes))
}

/// Checks the summary's bytes against the hash in its name (the last path segment).
pub fn verify(name: &str, bytes: &[u8]) -> Result<(), FormatError> {
    let file = after_last(name, b'/');
    let stem = last(file, b'.').map_or(file, |at| cut(file, ..at));
    let hash = after_last(stem, b'-');
    if hash == content_hash(bytes) { Ok(()) } else { Err(FormatError::Damaged) }
}

/// A binary file's name: its kind (`stem`), its number among that kind's
/// files if it has one, and the build's hash (`site`).
pub fn index_file(stem: &str, n: Option<usize>, site: u64) -> String {
    match n {
        Some(n) => format!("{stem}-{n}-h{site:016x}.bin"),
        None => format!("{stem}-h{site:016x}.bin"),
    }
}

/// The kinds of shard, each with a list of their first terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// Shards of words and CJK pairs with their weights.
    Terms,
    /// Shards of single CJK characters and phrases of three to `MAX_GRAM` characters.
    Grams,
    /// Shards of CJK pairs with their positions.
    Positions,
}

pub const LISTS: [List; 3] = [List::Terms, List::Grams, List::Positions];

impl List {
    /// The stem of its shards' names (`terms-7-h….bin`).
    pub fn name(self) -> &'static str {
        ["terms", "grams", "positions"][self as usize]
    }

    /// The stem of the list's name (`terms-list-h….bin`).
    pub fn stem(self) -> &'static str {
        ["terms-list", "grams-list", "positions-list"][self as usize]
    }
}

/// What the page learns from the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub build: u64,
    /// The hash in every binary file's name.
    pub site: u64,
    pub count: usize,
    /// Documents `0..dated` have dates (newest first); the rest have none.
    pub dated: usize,
    /// Items per feed page: document `d` is on page `d / per_page`.
    pub per_page: usize,
    pub avg_len: [f32; 3],
    /// Each facet's values with how many documents have each, in [`FACETS`] order.
    pub facets: Vec<Vec<(String, usize)>>,
    /// How many id buckets there are.
    pub id_buckets: usize,
}

impl Summary {
    pub fn to_json(&self) -> String {
        let pairs = |v: &[(String, usize)]| v.iter().map(|(a, n)| json!([a, n])).collect::<Vec<_>>();
        let doc = json!({
            "format": FORMAT,
            "version": VERSION,
            "build": format!("{:016x}", self.build),
            "site": format!("{:016x}", self.site),
            "count": self.count,
            "dated": self.dated,
            "per_page": self.per_page,
            "avg_len": self.avg_len.map(f32::to_bits),
            "facets": FACETS.iter().zip(&self.facets).map(|(f, v)| (f.name().to_string(), Value::from(pairs(v)))).collect::<serde_json::Map<_, _>>(),
            "id_buckets": self.id_buckets,
        });
        doc.to_string()
    }

    /// Reads a summary, refusing another format version before anything else.
    pub fn from_json(bytes: &[u8]) -> Result<Summary, FormatError> {
        // The bundle reader's JSON reader: one in the wasm.
        let Some(o) = lean_json::parse(bytes).filter(|o| o.as_object().is_some()) else { return Err(FormatError::NotIndex) };
        if o.get("format").and_then(Json::as_str) != Some(FORMAT) {
            return Err(FormatError::NotIndex);
        }
        match o.get("version") {
            Some(v) => match v.as_u64() {
                Some(VERSION) => {}
                Some(found) => return Err(FormatError::Version { found }),
                None => return Err(FormatError::NotIndex),
            },
            None => return Err(FormatError::NotIndex),
        }
        let bad = FormatError::Malformed;
        let num = |k: &'static str| o.get(k).and_then(Json::as_u64).map(|n| n as usize).ok_or(bad(k));
        let list = |k: &'static str| o.get(k).and_then(Json::as_array).ok_or(bad(k));
        let facets = o.get("facets").and_then(Json::as_object).ok_or(bad("facets"))?;
        let counted = |f: Facet| -> Result<Vec<(String, usize)>, FormatError> {
            let values = facets.get(f.name()).and_then(Json::as_array).ok_or(bad("facets"))?;
            values.iter().map(|v| match v.as_array() {
                Some([Json::String(s), n]) => n.as_u64().map(|n| (s.clone(), n as usize)).ok_or(bad("facets")),
                _ => Err(bad("facets")),
            }).collect()
        };
        let avg: Vec<f32> = list("avg_len")?.iter().filter_map(Json::as_u64).map(|b| f32::from_bits(b as u32)).collect();
        // At least 1, as the index keeps them (and never NaN, which would lose every score).
        let avg_len: [f32; 3] = avg.iter().map(|a| a.max(1.0)).collect::<Vec<_>>().try_into().map_err(|_| bad("avg_len"))?;
        let hex = |k: &'static str| o.get(k).and_then(Json::as_str).and_then(|b| u64::from_str_radix(b, 16).ok()).ok_or(bad(k));
        let summary = Summary {
            build: hex("build")?,
            site: hex("site")?,
            count: num("count")?,
            dated: num("dated")?,
            per_page: num("per_page")?.max(1),
            avg_len,
            facets: FACETS.into_iter().map(counted).collect::<Result<_, _>>()?,
            id_buckets: num("id_buckets")?,
        };
        // Both size what the page allocates: no more than an archive this size has.
        if summary.dated > summary.count || summary.id_buckets > summary.count.max(1) || summary.count > MAX_DOCS {
            return Err(bad("count"));
        }
        Ok(summary)
    }

    /// The shards of `shards` (one kind's list) holding `term`
    /// (exact) or every term starting with it (`prefix`).
    pub fn shards_for(shards: &[String], term: &str, prefix: bool) -> std::ops::Range<usize> {
        // The shard whose range holds `term`: the last one starting at or before it.
        let first = shards.partition_point(|t| t.as_str() <= term).saturating_sub(1);
        let mut end = (first + 1).min(shards.len());
        if prefix {
            while end < shards.len() && shards[end].starts_with(term) {
                end += 1;
            }
        }
        first..end
    }

    /// The id bucket an item id is in.
    pub fn id_bucket(&self, id: &str) -> usize {
        id_bucket(id, self.id_buckets)
    }
}

pub fn id_bucket(id: &str, buckets: usize) -> usize {
    (fnv64(id.as_bytes()) % buckets.max(1) as u64) as usize
}

/// A card file: documents `first..first + cards.len()` as the list shows
/// them (articles without their bodies, the teaser as their summary), and
/// the pages (by name, relative to the summary) that hold their full items.
#[derive(Clone, Debug, PartialEq)]
pub struct CardFile {
    pub build: u64,
    pub first: usize,
    /// Pages `first / per_page ..` in order.
    pub pages: Vec<String>,
    pub cards: Vec<Article>,
}

/// A card file: `first`, the pages, then each card's strings (an empty
/// string for a value it lacks), its lists and its static page.
pub fn encode_cards(file: &CardFile) -> Vec<u8> {
    let mut w = Writer::new(Kind::Cards, file.build);
    w.uint(file.first as u64);
    w.list(&file.pages);
    w.uint(file.cards.len() as u64);
    for c in &file.cards {
        // The date as the item gave it, read again with the same parser.
        let date = c.date.as_ref().map_or("", |d| d.machine.as_str());
        for text in [c.id.as_str(), &c.title, date, &c.teaser()] {
            w.text(text);
        }
        for opt in [&c.category, &c.language, &c.url, &c.image] {
            w.text(opt.as_deref().unwrap_or(""));
        }
        w.list(&c.tags);
        w.list(&c.authors);
        w.text(c.page.as_deref().unwrap_or(""));
    }
    w.finish()
}

pub fn decode_cards(bytes: &[u8], build: u64) -> Result<CardFile, FormatError> {
    let mut r = Reader::new(bytes, Kind::Cards, build)?;
    let first = r.uint()? as usize;
    let pages = r.list()?;
    let n = r.count()?;
    let mut cards = Vec::with_capacity(n);
    for _ in 0..n {
        let mut opt = || r.text().map(|t| Some(t.to_string()).filter(|t| !t.is_empty()));
        let (id, title, date, summary) = (opt()?.unwrap_or_default(), opt()?.unwrap_or_default(), opt()?, opt()?);
        let (category, language, url, image) = (opt()?, opt()?, opt()?, opt()?);
        let (tags, authors) = (r.list()?, r.list()?);
        // Checked as the item's own was: a card file is fetched, like the feed.
        let page = r.text().map(|p| page_path(p).map(str::to_string))?;
        let date = date.as_deref().and_then(parse_date);
        cards.push(Article { id, title, date, summary, body: Body::Empty, tags, category, language, url, image, authors, page });
    }
    r.end()?;
    Ok(CardFile { build, first, pages, cards })
}

/// A list of shards: the first term of each, in order.
pub fn encode_list(build: u64, firsts: &[String]) -> Vec<u8> {
    let mut w = Writer::new(Kind::List, build);
    w.list(firsts);
    w.finish()
}

pub fn decode_list(bytes: &[u8], build: u64) -> Result<Vec<String>, FormatError> {
    let mut r = Reader::new(bytes, Kind::List, build)?;
    let list = r.list()?;
    r.end()?;
    Ok(list)
}

/// An id bucket: each item id with its document number.
pub fn encode_ids(build: u64, ids: &[(&str, usize)]) -> Vec<u8> {
    let mut w = Writer::new(Kind::Ids, build);
    w.uint(ids.len() as u64);
    for (id, doc) in ids {
        w.text(id);
        w.uint(*doc as u64);
    }
    w.finish()
}

pub fn decode_ids(bytes: &[u8], build: u64) -> Result<Vec<(String, usize)>, FormatError> {
    let mut r = Reader::new(bytes, Kind::Ids, build)?;
    let n = r.count()?;
    let ids = (0..n).map(|_| Ok((r.text()?.to_string(), r.uint()? as usize))).collect::<Result<_, FormatError>>()?;
    r.end()?;
    Ok(ids)
}

// ---------------------------------------------------------------- binary --

/// LEB128 varints after a header (magic, version, kind, build), and a
/// hash of all that before them as the last 8 bytes.
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn new(kind: Kind, build: u64) -> Self {
        let mut bytes = MAGIC.to_vec();
        bytes.push(VERSION as u8);
        bytes.push(kind as u8);
        bytes.extend(build.to_le_bytes());
        Writer(bytes)
    }

    pub fn uint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    pub fn text(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend(s.as_bytes());
    }

    pub fn list(&mut self, items: &[String]) {
        self.uint(items.len() as u64);
        for item in items {
            self.text(item);
        }
    }

    /// The file: what was written, then its hash.
    pub fn finish(mut self) -> Vec<u8> {
        let hash = fnv64(&self.0);
        self.0.extend(hash.to_le_bytes());
        self.0
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

const CUT: FormatError = FormatError::Malformed("it ends early");

impl<'a> Reader<'a> {
    /// Checks the header against the expected kind and build, and the
    /// bytes against their hash (the last 8), which are not read.
    pub fn new(bytes: &'a [u8], kind: Kind, build: u64) -> Result<Self, FormatError> {
        if bytes.len() < 14 + 8 || &bytes[..4] != MAGIC {
            return Err(FormatError::NotIndex);
        }
        // The version first: another version may end otherwise.
        if u64::from(bytes[4]) != VERSION {
            return Err(FormatError::Version { found: u64::from(bytes[4]) });
        }
        let (bytes, hash) = bytes.split_at(bytes.len() - 8);
        if fnv64(bytes).to_le_bytes() != hash {
            return Err(FormatError::Damaged);
        }
        if bytes[5] != kind as u8 {
            return Err(FormatError::NotIndex);
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[6..14]);
        if u64::from_le_bytes(b) != build {
            return Err(FormatError::OtherBuild);
        }
        Ok(Reader { bytes, at: 14 })
    }

    pub fn uint(&mut self) -> Result<u64, FormatError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.bytes.get(self.at).ok_or(CUT)?;
            self.at += 1;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(FormatError::Malformed("a number is too long"))
    }

    /// A count of things still to read, each at least one byte: no more
    /// than the bytes left, so a bad count cannot ask for a huge allocation.
    pub fn count(&mut self) -> Result<usize, FormatError> {
        let n = self.uint()? as usize;
        if n > self.bytes.len() - self.at { Err(CUT) } else { Ok(n) }
    }

    pub fn byte(&mut self) -> Result<u8, FormatError> {
        let b = *self.bytes.get(self.at).ok_or(CUT)?;
        self.at += 1;
        Ok(b)
    }

    pub fn text(&mut self) -> Result<&'a str, FormatError> {
        let n = self.count()?;
        let s = std::str::from_utf8(&self.bytes[self.at..self.at + n]).map_err(|_| FormatError::Malformed("a term is not UTF-8"))?;
        self.at += n;
        Ok(s)
    }

    pub fn list(&mut self) -> Result<Vec<String>, FormatError> {
        let n = self.count()?;
        (0..n).map(|_| self.text().map(str::to_string)).collect()
    }

    /// Nothing may follow the last value: a longer file is not this format.
    pub fn end(&self) -> Result<(), FormatError> {
        if self.at == self.bytes.len() { Ok(()) } else { Err(FormatError::Malformed("bytes after the end")) }
    }
}

const WORD: u8 = 0;
const PAIR: u8 = 1;

/// A term shard: terms in order with their postings. Documents are
/// delta-coded; a word's weights follow its documents as one column.
/// (`newsroom build` streams its terms through `write_weights` and
/// `write_positions`; this whole-shard form is what the tests read back.)
#[cfg(test)]
pub fn encode_terms<S: AsRef<str>>(build: u64, terms: &[(S, TermData)]) -> Vec<u8> {
    let mut body = Writer(Vec::new());
    for (term, data) in terms {
        write_term(&mut body, term.as_ref(), data);
    }
    terms_file(build, terms.len(), &body.0)
}

/// A term shard from its terms' encodings (see [`write_weights`]), one after another.
pub fn terms_file(build: u64, terms: usize, body: &[u8]) -> Vec<u8> {
    let mut w = Writer::new(Kind::Terms, build);
    w.uint(terms as u64);
    w.0.extend_from_slice(body);
    w.finish()
}

/// One term of a shard: its text, its kind, its postings.
#[cfg(test)]
pub fn write_term(w: &mut Writer, term: &str, data: &TermData) {
    match data {
        TermData::Weights(list) => write_weights(w, term, list),
        TermData::Positions(list) => {
            let refs: Vec<FieldRef> = list.iter().map(|fp| FieldRef { doc: fp.doc, field: fp.field, len: fp.len, positions: &fp.positions }).collect();
            write_positions(w, term, &refs);
        }
    }
}

/// A word (or an n-gram) of a shard: its documents, then its weight in each.
pub fn write_weights(w: &mut Writer, term: &str, list: &[(DocId, u8)]) {
    w.text(term);
    w.0.push(WORD);
    w.uint(list.len() as u64);
    let mut last = 0;
    for &(d, _) in list {
        w.uint(u64::from(d - last));
        last = d;
    }
    w.0.extend(list.iter().map(|&(_, q)| q));
}

/// A CJK pair of a positions shard: each document field it occurs in, with
/// the field's length and the pair's positions there.
pub fn write_positions(w: &mut Writer, term: &str, list: &[FieldRef]) {
    w.text(term);
    w.0.push(PAIR);
    w.uint(list.len() as u64);
    let mut last = 0;
    for fp in list {
        w.uint(u64::from(fp.doc - last));
        last = fp.doc;
        w.0.push(fp.field);
        w.uint(u64::from(fp.len));
        w.uint(fp.positions.len() as u64);
        let mut at = 0;
        for &p in fp.positions {
            w.uint(u64::from(p - at));
            at = p;
        }
    }
}

pub fn decode_terms(bytes: &[u8], build: u64) -> Result<Vec<(String, TermData)>, FormatError> {
    let mut r = Reader::new(bytes, Kind::Terms, build)?;
    let n = r.count()?;
    let mut terms = Vec::with_capacity(n);
    let doc = |last: &mut u32, r: &mut Reader| -> Result<u32, FormatError> {
        *last = last.checked_add(r.uint()? as u32).ok_or(FormatError::Malformed("document number"))?;
        Ok(*last)
    };
    for _ in 0..n {
        let term = r.text()?.to_string();
        let kind = r.byte()?;
        let len = r.count()?;
        let mut last = 0;
        let data = match kind {
            WORD => {
                let docs: Vec<u32> = (0..len).map(|_| doc(&mut last, &mut r)).collect::<Result<_, _>>()?;
                let weights: Vec<u8> = (0..len).map(|_| r.byte()).collect::<Result<_, _>>()?;
                TermData::Weights(docs.into_iter().zip(weights).collect())
            }
            PAIR => {
                let mut list = Vec::with_capacity(len);
                for _ in 0..len {
                    let d = doc(&mut last, &mut r)?;
                    let field = r.byte()?;
                    let flen = r.uint()?.min(u64::from(u16::MAX)) as u16;
                    let count = r.count()?;
                    let mut at = 0u32;
                    let positions = (0..count).map(|_| {
                        at = at.saturating_add(r.uint()? as u32);
                        Ok(at)
                    }).collect::<Result<_, FormatError>>()?;
                    list.push(FieldPositions { doc: d, field, len: flen, positions });
                }
                TermData::Positions(list)
            }
            _ => return Err(FormatError::Malformed("term kind")),
        };
        terms.push((term, data));
    }
    r.end()?;
    Ok(terms)
}

/// One facet's values for every document, as places in its list of values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    /// At most one value a document (category, year, language).
    One(Vec<Option<u16>>),
    /// Any number (tags).
    Many(Packed),
}

/// Every document's values in one list: a list each would be an allocation
/// each, strewn over the heap, and counting facets on every keystroke
/// would wait on memory for every document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    /// Where each document's values start in `values`, and where the last ends.
    starts: Vec<u32>,
    values: Vec<u16>,
}

impl Packed {
    /// Document `d`'s values are `values[starts[d]..starts[d + 1]]`.
    pub fn new(starts: Vec<u32>, values: Vec<u16>) -> Self {
        Packed { starts, values }
    }

    /// Document `doc`'s values.
    #[inline(always)]
    pub fn get(&self, doc: usize) -> Option<&[u16]> {
        let (&start, &end) = (self.starts.get(doc)?, self.starts.get(doc + 1)?);
        self.values.get(start as usize..end as usize)
    }

    fn docs(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

impl From<Vec<Vec<u16>>> for Packed {
    fn from(docs: Vec<Vec<u16>>) -> Self {
        let mut packed = Packed { starts: vec![0], values: Vec::new() };
        for values in &docs {
            packed.values.extend_from_slice(values);
            packed.starts.push(packed.values.len() as u32);
        }
        packed
    }
}

impl Column {
    /// Calls `f` with each of document `doc`'s values.
    pub fn each(&self, doc: usize, mut f: impl FnMut(u16)) {
        match self {
            Column::One(v) => v.get(doc).copied().flatten().into_iter().for_each(f),
            Column::Many(v) => v.get(doc).into_iter().flatten().for_each(|&x| f(x)),
        }
    }

    pub fn has(&self, doc: usize, value: u16) -> bool {
        match self {
            Column::One(v) => v.get(doc).copied().flatten() == Some(value),
            Column::Many(v) => v.get(doc).is_some_and(|vs| vs.contains(&value)),
        }
    }

    fn docs(&self) -> usize {
        match self {
            Column::One(v) => v.len(),
            Column::Many(v) => v.docs(),
        }
    }
}

/// Each document's facet values, a column per facet in [`FACETS`] order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetTable {
    pub columns: Vec<Column>,
}

/// A column per facet, each as every document's count of values, then the
/// values (in order: like runs compress better, and their order means nothing).
pub fn encode_facets(build: u64, t: &FacetTable) -> Vec<u8> {
    let mut w = Writer::new(Kind::Facets, build);
    let docs = t.columns.first().map_or(0, Column::docs);
    w.uint(docs as u64);
    for column in &t.columns {
        let values: Vec<Vec<u16>> = (0..docs)
            .map(|d| {
                let mut v = Vec::new();
                column.each(d, |x| v.push(x));
                v.sort_unstable();
                v
            })
            .collect();
        for v in &values {
            w.uint(v.len() as u64);
        }
        for &x in values.iter().flatten() {
            w.uint(u64::from(x));
        }
    }
    w.finish()
}

/// Reads the facet table of the archive `s` summarises: one entry per
/// document, and only values its lists have (they index its counts).
pub fn decode_facets(bytes: &[u8], s: &Summary) -> Result<FacetTable, FormatError> {
    let docs = s.count;
    let mut r = Reader::new(bytes, Kind::Facets, s.build)?;
    if r.count()? != docs {
        return Err(FormatError::Malformed("document count"));
    }
    let mut columns = Vec::with_capacity(FACETS.len());
    for facet in FACETS {
        let known = s.facets[facet as usize].len();
        let counts: Vec<usize> = (0..docs).map(|_| r.count()).collect::<Result<_, _>>()?;
        let mut values: Vec<Vec<u16>> = Vec::with_capacity(docs);
        for n in counts {
            let doc: Vec<u16> = (0..n).map(|_| r.uint()).collect::<Result<Vec<_>, _>>()?.into_iter().map(|v| v.min(u64::from(u16::MAX)) as u16).collect();
            // Every value must name one of the summary's: they index its counts.
            if doc.iter().any(|&v| usize::from(v) >= known) {
                return Err(FormatError::Malformed("a facet value the summary does not have"));
            }
            values.push(doc);
        }
        // One value at most a document: kept as one, a quarter of the memory.
        columns.push(if values.iter().all(|v| v.len() <= 1) {
            Column::One(values.into_iter().map(|v| v.first().copied()).collect())
        } else {
            Column::Many(values.into())
        });
    }
    r.end()?;
    Ok(FacetTable { columns })
}
