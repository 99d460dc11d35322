//! The inverted index, built once when the bundle arrives (a document at a
//! time, so the shell can yield to the browser between documents).
//!
//! Latin-script words are indexed as folded tokens. CJK runs are indexed as
//! overlapping character pairs with their positions, so that a query of two or
//! more characters matches the phrase, not scattered characters; the last
//! character of a run is paired with an end marker, so that every character
//! starts a pair and a one-character query is a prefix lookup. Ranking is
//! BM25F with field weights; a term's weight in a document is kept to one
//! byte ([`quantize`]), as `newsroom build` stores it in its shards, so an
//! index built here and one read from shards rank alike. Highlighting
//! matches the displayed text's terms against the query's.
//!
//! An index is either built a document at a time ([`IndexBuilder`]) or read
//! term by term from a pre-built archive ([`SearchIndex::partial`] and
//! [`SearchIndex::insert`]): a query then only needs its own terms.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::fold::{each_token, TokenKind};
use crate::search::{Query, Term};
use crate::sort::sort_by;

pub type DocId = u32;
type TermId = u32;

const TITLE: usize = 0;
pub const LABELS: usize = 1;
pub const BODY: usize = 2;
pub const FIELDS: usize = 3;
/// Title over summary and labels (tags, category, authors) over body.
const WEIGHTS: [f32; FIELDS] = [3.0, 1.5, 1.0];
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Pairs the last character of a CJK run; sorts before every real character.
const RUN_END: char = '\u{1}';
/// A pre-built archive also stores every CJK character and every CJK run's
/// substrings of three to this many characters as terms of their own
/// ([`gram_terms`]), so that such a query is one lookup rather than the
/// pairs a character starts or a phrase's pairs' positions.
pub const MAX_GRAM: usize = 4;

/// One term's occurrences in one field of one document.
#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: DocId,
    field: u8,
    tf: u16,
    /// A CJK pair's: where its token positions start in `positions`, or
    /// when it occurs once, that position itself (most pairs occur once in
    /// a field: a phrase is then checked without a read elsewhere in
    /// memory, which on every keystroke would miss the caches). A
    /// word's (which needs no positions): the byte offset of its first
    /// occurrence in the field, where an excerpt of it starts (see
    /// [`SearchIndex::field_hits`]), in a field that had nothing else to keep.
    pos: u32,
}

/// One term's occurrences: by field (as built, and for CJK pairs, whose
/// phrases need positions), or as one quantized weight per document (a
/// word read from a shard).
#[derive(Clone, Debug)]
enum Postings {
    Fields(Vec<Posting>),
    Weights(Vec<(DocId, u8)>),
}

/// A term's occurrences as a shard stores them (see [`SearchIndex::export`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermData {
    /// A word: each document with its quantized weight, by document.
    Weights(Vec<(DocId, u8)>),
    /// A CJK pair: each document field it occurs in, with the field's length
    /// and the pair's positions there, by document then field.
    Positions(Vec<FieldPositions>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPositions {
    pub doc: DocId,
    pub field: u8,
    pub len: u16,
    pub positions: Vec<u32>,
}

/// [`FieldPositions`] as the index holds them, for writing.
#[derive(Clone, Copy, Debug)]
pub struct FieldRef<'a> {
    pub doc: DocId,
    pub field: u8,
    pub len: u16,
    pub positions: &'a [u32],
}

/// A term's summed field weights in one document as one byte: 16 steps per
/// doubling from 2^-8 to 2^8 (beyond that BM25 has saturated). Integer work
/// on the float's bits, so every machine gets the same byte.
#[inline(always)]
pub fn quantize(w: f32) -> u8 {
    let bits = w.to_bits();
    let exponent = ((bits >> 23) & 0xff) as i32 - 119;
    let code = (exponent << 4) | ((bits >> 19) & 0xf) as i32;
    code.clamp(0, 255) as u8
}

/// The middle of `code`'s step.
#[inline(always)]
pub fn dequantize(code: u8) -> f32 {
    let code = u32::from(code);
    f32::from_bits((((code >> 4) + 119) << 23) | ((code & 0xf) << 19) | (1 << 18))
}

/// What a document's fields hold, as the index needs them.
pub struct DocFields<'a> {
    pub title: &'a str,
    /// Summary, tags, category and authors, separated by newlines.
    pub labels: &'a str,
    pub body: &'a str,
}

/// Calls `f(term, is_pair, start, end)` for each index term of `text`.
fn each_term(text: &str, mut f: impl FnMut(&str, bool, usize, usize)) {
    let mut pair = String::new();
    each_token(text, |folded, kind, start, end| {
        if kind == TokenKind::Word {
            f(folded, false, start, end);
            return;
        }
        // CJK folds to itself, so the run's characters are the original's.
        let mut chars = crate::cut::cut(text, start..end).char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            pair.clear();
            pair.push(c);
            let (next, to) = match chars.peek() {
                Some(&(next_at, n)) => (n, start + next_at + n.len_utf8()),
                None => (RUN_END, start + at + c.len_utf8()),
            };
            pair.push(next);
            f(&pair, true, start + at, to);
        }
    });
}

/// FxHash (as in rustc): the index's keys are short strings and small
/// integers from our own bundle, where SipHash's DoS resistance buys nothing
/// and costs a third of the indexing time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;

/// Builds a [`SearchIndex`] a document at a time.
#[derive(Default)]
pub struct IndexBuilder {
    /// (`String` to `usize`: the map type the catalog and the archive's id
    /// lists use, one copy of its code in the wasm.)
    terms: HashMap<String, usize, FxBuild>,
    /// Scratch for grouping one field's occurrences by term (see `add`).
    occurrences: Vec<(TermId, u32)>,
    /// By term: 1 + the term's place in `field_terms` while a field is added, else 0.
    slot: Vec<u32>,
    /// The field's terms in first-seen order, with their end in `grouped`.
    field_terms: Vec<(TermId, u32)>,
    grouped: Vec<u32>,
    postings: Vec<Vec<Posting>>,
    pairs: Vec<bool>,
    positions: Vec<u32>,
    field_len: Vec<[u16; FIELDS]>,
}

impl IndexBuilder {
    fn intern(&mut self, term: &str, is_pair: bool) -> TermId {
        if let Some(&id) = self.terms.get(term) {
            return id as TermId;
        }
        let id = self.postings.len() as TermId;
        self.terms.insert(term.to_string(), id as usize);
        self.postings.push(Vec::new());
        self.pairs.push(is_pair);
        id
    }

    /// Adds the next document; documents get ids 0, 1, 2… in the order added.
    pub fn add(&mut self, doc: &DocFields) {
        let id = self.field_len.len() as DocId;
        let mut lens = [0u16; FIELDS];
        const PAIR: u32 = 1 << 31;
        for (field, text) in [(TITLE, doc.title), (LABELS, doc.labels), (BODY, doc.body)] {
            let mut occurrences = std::mem::take(&mut self.occurrences);
            occurrences.clear();
            let mut n: u32 = 0;
            each_term(text, |term, is_pair, start, _| {
                let t = self.intern(term, is_pair);
                // A pair's token position (phrases need them), a word's byte offset (excerpts start there).
                occurrences.push((t, if is_pair { n | PAIR } else { start.min(PAIR as usize - 1) as u32 }));
                n += 1;
            });
            lens[field] = n.min(u32::from(u16::MAX)) as u16;
            // Each term's occurrences together, positions ascending: a counting
            // sort by term, in first-seen order (any order of terms will do).
            let (slot, terms, grouped) = (&mut self.slot, &mut self.field_terms, &mut self.grouped);
            slot.resize(self.postings.len(), 0);
            terms.clear();
            for &(t, _) in &occurrences {
                let s = &mut slot[t as usize];
                if *s == 0 {
                    terms.push((t, 0));
                    *s = terms.len() as u32;
                }
                terms[*s as usize - 1].1 += 1;
            }
            // Counts become each group's start; filling moves them to its end.
            let mut at = 0;
            for term in terms.iter_mut() {
                (term.1, at) = (at, at + term.1);
            }
            grouped.clear();
            grouped.resize(occurrences.len(), 0);
            for &(t, p) in &occurrences {
                let next = &mut terms[slot[t as usize] as usize - 1].1;
                grouped[*next as usize] = p;
                *next += 1;
            }
            let mut start = 0;
            for &(t, end) in terms.iter() {
                slot[t as usize] = 0;
                let group = &grouped[start..end as usize];
                start = end as usize;
                // Only phrases need positions, and only CJK pairs form phrases.
                let pos = if group[0] & PAIR != 0 && group.len() == 1 {
                    group[0] & !PAIR
                } else if group[0] & PAIR != 0 {
                    let pos = self.positions.len() as u32;
                    self.positions.extend(group.iter().map(|&p| p & !PAIR));
                    pos
                } else {
                    group[0]
                };
                let tf = group.len().min(usize::from(u16::MAX)) as u16;
                self.postings[t as usize].push(Posting { doc: id, field: field as u8, tf, pos });
            }
            self.occurrences = occurrences;
        }
        self.field_len.push(lens);
    }

    pub fn finish(self) -> SearchIndex {
        let mut dictionary: Vec<(Box<str>, TermId)> = self.terms.into_iter().map(|(term, id)| (term.into_boxed_str(), id as TermId)).collect();
        sort_by(&mut dictionary, |a, b| a.0.cmp(&b.0));
        let docs = self.field_len.len().max(1) as f32;
        let mut avg_len = [0f32; FIELDS];
        for lens in &self.field_len {
            for f in 0..FIELDS {
                avg_len[f] += f32::from(lens[f]) / docs;
            }
        }
        // Each pair's positions together, in the order of its postings: a
        // phrase walks its pairs' postings and reads their positions in that
        // order, from one stretch of memory each, not from one place per
        // document all over the index (the cache misses were most of a
        // Chinese phrase's time).
        let mut postings = self.postings;
        let mut positions = Vec::with_capacity(self.positions.len());
        for (list, _) in postings.iter_mut().zip(&self.pairs).filter(|(_, &pair)| pair) {
            for p in list.iter_mut().filter(|p| p.tf > 1) {
                let at = positions.len() as u32;
                positions.extend_from_slice(&self.positions[p.pos as usize..][..usize::from(p.tf)]);
                p.pos = at;
            }
        }
        SearchIndex {
            dictionary,
            postings: postings.into_iter().map(Postings::Fields).collect(),
            pairs: self.pairs,
            positions,
            field_len: self.field_len,
            avg_len: avg_len.map(|a| a.max(1.0)),
            grams: false,
            letters: Vec::new(),
        }
    }
}

/// How a query term is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Lookup {
    /// Any of these terms (a word, a prefix's expansions, an archive's CJK phrase or character).
    AnyOf(Vec<TermId>),
    /// A one-letter prefix's expansions, or the pairs a CJK character
    /// starts, whose documents were worked out ahead
    /// ([`SearchIndex::prepare_letter`]): the `usize`-th of them.
    Letter(Vec<TermId>, usize),
    /// The CJK pairs one character starts: it weighs as often as they occur together.
    Starting(Vec<TermId>),
    /// These CJK pairs at consecutive positions of one field.
    Phrase(Vec<TermId>),
}

pub struct SearchIndex {
    /// Terms in byte order, for exact and prefix lookup.
    dictionary: Vec<(Box<str>, TermId)>,
    postings: Vec<Postings>,
    pairs: Vec<bool>,
    positions: Vec<u32>,
    /// Each document's field lengths: all of them when built here; from a
    /// shard, those its CJK pairs brought (only phrases need them there).
    field_len: Vec<[u16; FIELDS]>,
    avg_len: [f32; FIELDS],
    /// Read from an archive, whose dictionary has the CJK n-grams too.
    grams: bool,
    /// One-letter word prefixes with their documents, worked out once the
    /// index is built: every word typed starts as one, and one letter
    /// expands to thousands of terms, the costliest lookup of a keystroke.
    letters: Vec<(char, Vec<(DocId, f32)>)>,
}

/// A set of terms as one bit each: a prefix's thousands of terms are set and
/// asked for without hashing (and without a hash set's code in the wasm).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TermSet(Vec<u64>);

impl TermSet {
    fn insert(&mut self, term: TermId) {
        let word = term as usize / 64;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (term % 64);
    }

    fn contains(&self, term: TermId) -> bool {
        self.0.get(term as usize / 64).is_some_and(|w| w & (1 << (term % 64)) != 0)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }
}

/// Which terms to mark in displayed text for the current query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matcher {
    whole: TermSet,
    /// CJK characters and phrases, marked where they occur: they lie inside
    /// one run of CJK text, which folds to itself.
    phrases: Vec<String>,
    /// Each query term's lookup, to tell where in a document it matched.
    terms: Vec<Lookup>,
}

/// How a query matched one field of one document.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FieldHit {
    /// How many of the query's terms occur in the field.
    pub terms: u16,
    /// Their BM25F weight there, as the score counts it.
    pub weight: f32,
    /// The byte offset of the field's first match, when all its matches are
    /// words: a CJK pair keeps token positions instead (for phrases), and
    /// its first match is read from the text.
    pub first: Option<u32>,
}

impl SearchIndex {
    pub fn len(&self) -> usize {
        self.field_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.field_len.is_empty()
    }

    /// An index of `docs` documents without terms yet, for terms read from
    /// shards ([`Self::insert`]); `avg_len` is the built index's.
    pub fn partial(docs: usize, avg_len: [f32; FIELDS]) -> Self {
        SearchIndex {
            dictionary: Vec::new(),
            postings: Vec::new(),
            pairs: Vec::new(),
            positions: Vec::new(),
            field_len: vec![[0; FIELDS]; docs],
            avg_len,
            grams: true,
            letters: Vec::new(),
        }
    }

    /// Average field lengths (title, labels, body), as the scores use them.
    pub fn avg_len(&self) -> [f32; FIELDS] {
        self.avg_len
    }

    /// Every term in byte order, with whether it is a CJK pair.
    pub fn terms(&self) -> impl Iterator<Item = (&str, bool)> {
        self.dictionary.iter().map(|(t, id)| (t.as_ref(), self.pairs[*id as usize]))
    }

    /// Every term in byte order with its weight in each document, as a
    /// term shard stores it.
    pub fn each_weights(&self) -> impl Iterator<Item = (&str, Vec<(DocId, u8)>)> {
        self.dictionary.iter().map(|(t, id)| (t.as_ref(), match &self.postings[*id as usize] {
            Postings::Weights(w) => w.clone(),
            Postings::Fields(list) => self.field_weights(list).collect(),
        }))
    }

    /// Every CJK pair in byte order with its positions, as a positions
    /// shard stores them (phrases of three or more characters need them).
    pub fn each_pair(&self) -> impl Iterator<Item = (&str, Vec<FieldRef<'_>>)> {
        self.dictionary.iter().filter(|(_, id)| self.pairs[*id as usize]).map(|(t, id)| {
            (t.as_ref(), self.fields_of(*id).iter().map(|p| self.field_ref(p)).collect())
        })
    }

    /// A posting with its field's length and positions, which may live in the posting itself.
    fn field_ref<'a>(&'a self, p: &'a Posting) -> FieldRef<'a> {
        FieldRef { doc: p.doc, field: p.field, len: self.field_len[p.doc as usize][usize::from(p.field)], positions: self.positions_of(p) }
    }

    /// Adds a term read from a shard. A term already here is left as it is,
    /// unless positions arrive for a pair known by its weights: they replace
    /// them (the weights follow from them). Documents beyond [`Self::len`]
    /// are dropped: a shard cannot widen the index.
    pub fn insert(&mut self, term: &str, data: TermData) {
        // A new term may start with a letter worked out ahead.
        self.letters.clear();
        let (at, known) = match self.dictionary.binary_search_by(|(t, _)| t.as_ref().cmp(term)) {
            Ok(at) => (at, Some(self.dictionary[at].1)),
            Err(at) => (at, None),
        };
        let docs = self.len() as DocId;
        let id = known.unwrap_or(self.postings.len() as TermId);
        match (known, &data) {
            (None, _) => {}
            (Some(k), TermData::Positions(_)) if matches!(self.postings[k as usize], Postings::Weights(_)) => {}
            _ => return,
        }
        let (postings, pair) = match data {
            TermData::Weights(mut w) => {
                w.retain(|&(d, _)| d < docs);
                (Postings::Weights(w), term.chars().next().is_some_and(crate::fold::is_cjk))
            }
            TermData::Positions(list) => {
                let mut postings = Vec::with_capacity(list.len());
                for fp in list.into_iter().filter(|fp| fp.doc < docs && usize::from(fp.field) < FIELDS) {
                    self.field_len[fp.doc as usize][usize::from(fp.field)] = fp.len;
                    let tf = fp.positions.len().min(usize::from(u16::MAX)) as u16;
                    let pos = match fp.positions[..] {
                        [one] => one,
                        _ => {
                            self.positions.extend(&fp.positions[..usize::from(tf)]);
                            (self.positions.len() - usize::from(tf)) as u32
                        }
                    };
                    postings.push(Posting { doc: fp.doc, field: fp.field, tf, pos });
                }
                (Postings::Fields(postings), true)
            }
        };
        if known.is_some() {
            self.postings[id as usize] = postings;
            self.pairs[id as usize] = pair;
            return;
        }
        self.dictionary.insert(at, (term.into(), id));
        self.postings.push(postings);
        self.pairs.push(pair);
    }

    fn exact(&self, text: &str) -> Option<TermId> {
        self.dictionary.binary_search_by(|(t, _)| t.as_ref().cmp(text)).ok().map(|i| self.dictionary[i].1)
    }

    /// The terms starting with `prefix`, in dictionary order.
    fn starting_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a (Box<str>, TermId)> + 'a {
        let from = self.dictionary.partition_point(|(t, _)| t.as_ref() < prefix);
        self.dictionary[from..].iter().take_while(move |(t, _)| t.starts_with(prefix))
    }

    fn with_prefix(&self, prefix: &str) -> Vec<TermId> {
        self.starting_with(prefix).map(|&(_, id)| id).collect()
    }

    fn with_prefix_of_len(&self, prefix: &str, chars: usize) -> Vec<TermId> {
        self.starting_with(prefix).filter(|(t, _)| t.chars().count() == chars).map(|&(_, id)| id).collect()
    }

    /// The letters worth working out ahead: the first letters of words, and
    /// the CJK characters (which a query of one looks up as the pairs it
    /// starts), whose terms have more postings than there are documents.
    pub fn costly_letters(&self) -> Vec<char> {
        let mut letters: Vec<(char, usize)> = Vec::new();
        for (term, id) in &self.dictionary {
            let mut chars = term.chars();
            let Some(c) = chars.next() else { continue };
            // A CJK character's own lookup: the pairs, not longer runs.
            if crate::fold::is_cjk(c) && chars.count() != 1 {
                continue;
            }
            let n = self.fields_of(*id).len();
            match letters.last_mut() {
                Some((last, count)) if *last == c => *count += n,
                _ => letters.push((c, n)),
            }
        }
        letters.into_iter().filter(|&(_, n)| n > self.len()).map(|(c, _)| c).collect()
    }

    /// Works out ahead the documents a query of `letter` alone finds: the
    /// words starting with it, or the pairs a CJK character starts.
    pub fn prepare_letter(&mut self, letter: char) {
        let lookup = self.letter_lookup(letter.encode_utf8(&mut [0; 4]));
        let docs = self.term_docs(&lookup);
        self.letters.push((letter, docs));
    }

    /// A query of one letter, as looked up without working it out ahead.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    fn letter_lookup(&self, letter: &str) -> Lookup {
        match letter.chars().next().is_some_and(crate::fold::is_cjk) {
            true => Lookup::Starting(self.with_prefix_of_len(letter, 2)),
            false => Lookup::AnyOf(self.with_prefix(letter)),
        }
    }

    #[cfg_attr(newsroom_speed, optimize(speed))]
    fn lookup(&self, term: &Term) -> Lookup {
        let chars: Vec<char> = term.text.chars().collect();
        match term.kind {
            TokenKind::Word if term.prefix => {
                let ids = self.with_prefix(&term.text);
                match self.letters.iter().position(|(c, _)| chars == [*c]) {
                    Some(at) => Lookup::Letter(ids, at),
                    None => Lookup::AnyOf(ids),
                }
            }
            TokenKind::Word => Lookup::AnyOf(self.exact(&term.text).into_iter().collect()),
            // An archive has every such character and phrase as a term (none: it occurs nowhere).
            TokenKind::Cjk if self.grams && (chars.len() == 1 || (3..=MAX_GRAM).contains(&chars.len())) => {
                Lookup::AnyOf(self.exact(&term.text).into_iter().collect())
            }
            // The pairs it starts: every occurrence of a CJK character starts one.
            TokenKind::Cjk if chars.len() == 1 => match (self.letter_lookup(&term.text), self.letters.iter().position(|(c, _)| chars == [*c])) {
                (Lookup::Starting(ids), Some(at)) => Lookup::Letter(ids, at),
                (lookup, _) => lookup,
            },
            TokenKind::Cjk => {
                let pairs: Option<Vec<TermId>> =
                    chars.windows(2).map(|w| self.exact(&w.iter().collect::<String>())).collect();
                match pairs {
                    Some(p) => Lookup::Phrase(p),
                    None => Lookup::AnyOf(Vec::new()),
                }
            }
        }
    }

    fn weighted(&self, doc: DocId, field: u8, tf: u16) -> f32 {
        let f = usize::from(field);
        self.weight_in(f, self.field_len[doc as usize][f], tf)
    }

    /// The BM25F weight of `tf` occurrences in field `f` of `len` tokens.
    #[inline(always)]
    fn weight_in(&self, f: usize, len: u16, tf: u16) -> f32 {
        WEIGHTS[f] * f32::from(tf) / (1.0 - B + B * f32::from(len) / self.avg_len[f])
    }

    fn positions_of<'a>(&'a self, p: &'a Posting) -> &'a [u32] {
        match p.tf {
            1 => std::slice::from_ref(&p.pos),
            tf => &self.positions[p.pos as usize..][..usize::from(tf)],
        }
    }

    /// A term's postings by field (none for one known by its weights).
    fn fields_of(&self, id: TermId) -> &[Posting] {
        match &self.postings[id as usize] {
            Postings::Fields(list) => list,
            Postings::Weights(_) => &[],
        }
    }

    /// How often the phrase whose first pair is `p`'s and whose next pairs'
    /// postings are `rest` occurs in `p`'s document field. `at` are places
    /// in `rest`, moved forward to `p`'s field: the next pairs' postings are
    /// walked beside the first's (all by document and field) rather than
    /// searched for each.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    fn phrase_in(&self, p: &Posting, rest: &[&[Posting]], at: &mut [usize]) -> u16 {
        let key = |q: &Posting| (u64::from(q.doc) << 8) | u64::from(q.field);
        let mut here = true;
        for (list, at) in rest.iter().zip(at.iter_mut()) {
            while *at < list.len() && key(&list[*at]) < key(p) {
                *at += 1;
            }
            here &= *at < list.len() && key(&list[*at]) == key(p);
        }
        if !here {
            return 0;
        }
        let count = self
            .positions_of(p)
            .iter()
            .filter(|&&s| rest.iter().zip(&*at).enumerate().all(|(k, (list, &i))| self.positions_of(&list[i]).binary_search(&(s + k as u32 + 1)).is_ok()))
            .count();
        count.min(usize::from(u16::MAX)) as u16
    }

    /// Per document, the quantized sum of a term's field weights (postings
    /// come by document, fields in order, so the sum is the same everywhere).
    fn field_weights<'a>(&'a self, list: &'a [Posting]) -> impl Iterator<Item = (DocId, u8)> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let doc = list.get(at)?.doc;
            let mut tfs = [0u16; FIELDS];
            while let Some(p) = list.get(at).filter(|p| p.doc == doc) {
                tfs[usize::from(p.field).min(FIELDS - 1)] = p.tf;
                at += 1;
            }
            Some((doc, self.doc_weight(doc, tfs)))
        })
    }

    /// [`Self::field_weights`] added to `acc`, by document. Every expansion
    /// of a prefix goes through here on each keystroke (a one-letter prefix
    /// has a hundred thousand postings), so it is one plain loop: the
    /// size-optimised build would otherwise call a function or closure per
    /// posting and per field.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    fn add_field_weights(&self, list: &[Posting], acc: &mut [f32]) {
        let (n, mut at) = (list.len(), 0);
        while at < n {
            let doc = list[at].doc as usize;
            let mut tfs = [0u16; FIELDS];
            while at < n && list[at].doc as usize == doc {
                tfs[usize::from(list[at].field).min(FIELDS - 1)] = list[at].tf;
                at += 1;
            }
            let (Some(lens), Some(a)) = (self.field_len.get(doc), acc.get_mut(doc)) else { continue };
            // As `doc_weight` sums: field by field, in order.
            let mut w = 0f32;
            for f in 0..FIELDS {
                if tfs[f] > 0 {
                    w += self.weight_in(f, lens[f], tfs[f]);
                }
            }
            *a += dequantize(quantize(w));
        }
    }

    /// A term's weight in a document from its frequency in each field: the
    /// sum of the fields' BM25F weights, in field order, kept to one byte.
    /// The one formula for words, pairs, phrases and an archive's n-grams.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn doc_weight(&self, doc: DocId, tfs: [u16; FIELDS]) -> u8 {
        let mut w = 0f32;
        for (f, &tf) in tfs.iter().enumerate().filter(|(_, &tf)| tf > 0) {
            w += self.weighted(doc, f as u8, tf);
        }
        quantize(w)
    }

    /// Documents matching one term, by id, with their weighted term frequency.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    fn term_docs(&self, lookup: &Lookup) -> Vec<(DocId, f32)> {
        // Dense accumulators: a prefix can expand to thousands of terms.
        let mut acc = vec![0f32; self.len()];
        match lookup {
            Lookup::Letter(_, at) => return self.letters[*at].1.clone(),
            Lookup::AnyOf(ids) => {
                for &id in ids {
                    match &self.postings[id as usize] {
                        Postings::Weights(list) => list.iter().for_each(|&(d, q)| acc[d as usize] += dequantize(q)),
                        Postings::Fields(list) => self.add_field_weights(list, &mut acc),
                    }
                }
            }
            Lookup::Starting(ids) => {
                // Its occurrences by document and field, over all the pairs it starts.
                let mut tfs: Vec<[u16; FIELDS]> = vec![[0; FIELDS]; self.len()];
                for &id in ids {
                    if let Postings::Fields(list) = &self.postings[id as usize] {
                        for p in list {
                            let tf = &mut tfs[p.doc as usize][usize::from(p.field).min(FIELDS - 1)];
                            *tf = tf.saturating_add(p.tf);
                        }
                    }
                }
                for (d, tfs) in tfs.iter().enumerate().filter(|(_, t)| t.iter().any(|&n| n > 0)) {
                    acc[d] += dequantize(self.doc_weight(d as DocId, *tfs));
                }
            }
            Lookup::Phrase(ids) => {
                let Some((first, rest)) = ids.split_first() else { return Vec::new() };
                let (mut phrase_doc, mut tfs) = (None::<DocId>, [0u16; FIELDS]);
                let flush = |acc: &mut Vec<f32>, doc: Option<DocId>, tfs| {
                    if let Some(d) = doc {
                        acc[d as usize] += dequantize(self.doc_weight(d, tfs));
                    }
                };
                let lists: Vec<&[Posting]> = rest.iter().map(|&id| self.fields_of(id)).collect();
                let mut at = vec![0; lists.len()];
                for p in self.fields_of(*first) {
                    let count = self.phrase_in(p, &lists, &mut at);
                    if count > 0 {
                        // Fields come in order within a document: its weight once all are counted.
                        if phrase_doc.is_some_and(|d| d != p.doc) {
                            flush(&mut acc, phrase_doc, tfs);
                            tfs = [0; FIELDS];
                        }
                        phrase_doc = Some(p.doc);
                        tfs[usize::from(p.field).min(FIELDS - 1)] = count;
                    }
                }
                flush(&mut acc, phrase_doc, tfs);
            }
        }
        // Weights are positive: the documents found are the non-zero entries,
        // already in id order (a scan, not a sort, of one float per document).
        acc.iter().enumerate().filter(|&(_, &w)| w > 0.0).map(|(d, &w)| (d as DocId, w)).collect()
    }

    /// [`Self::scores`] of a query, for the tests.
    #[cfg(test)]
    pub fn search(&self, query: &Query) -> Option<Vec<(DocId, f32)>> {
        self.scores(&self.matcher(query))
    }

    /// The documents matching every term of `matcher`'s query, by id, with
    /// BM25F scores; `None` for an empty query (everything matches). From
    /// the matcher, so that a listing, which needs both, looks each term up once.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn scores(&self, matcher: &Matcher) -> Option<Vec<(DocId, f32)>> {
        if matcher.terms.is_empty() {
            return None;
        }
        let n = self.len() as f32;
        let mut lists: Vec<Vec<(DocId, f32)>> = matcher
            .terms
            .iter()
            .map(|lookup| match lookup {
                // One pair needs no positions: it scores as a word does.
                Lookup::Phrase(ids) if ids.len() == 1 => self.term_docs(&Lookup::AnyOf(ids.clone())),
                lookup => self.term_docs(lookup),
            })
            .collect();
        sort_by(&mut lists, |a, b| a.len().cmp(&b.len()));
        let mut result: Vec<(DocId, f32)> = Vec::new();
        for (i, list) in lists.iter().enumerate() {
            let df = list.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let score = |wtf: f32| idf * wtf * (K1 + 1.0) / (wtf + K1);
            if i == 0 {
                result = list.iter().map(|&(d, w)| (d, score(w))).collect();
                continue;
            }
            let mut j = 0;
            result.retain_mut(|(d, s)| {
                while j < list.len() && list[j].0 < *d {
                    j += 1;
                }
                let hit = j < list.len() && list[j].0 == *d;
                if hit {
                    *s += score(list[j].1);
                }
                hit
            });
        }
        Some(result)
    }

    /// What to mark in titles and teasers for `query`.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn matcher(&self, query: &Query) -> Matcher {
        let mut m = Matcher::default();
        for term in &query.terms {
            let lookup = self.lookup(term);
            match (term.kind, &lookup) {
                (TokenKind::Cjk, _) => m.phrases.push(term.text.clone()),
                (TokenKind::Word, Lookup::AnyOf(ids) | Lookup::Letter(ids, _)) => ids.iter().for_each(|&id| m.whole.insert(id)),
                (TokenKind::Word, _) => {}
            }
            m.terms.push(lookup);
        }
        m
    }

    /// How `matcher`'s query matched each field of `doc`, from the postings
    /// alone. (Terms read from an archive's shards keep one weight per
    /// document, not its fields: they count nowhere here.)
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn field_hits(&self, doc: DocId, matcher: &Matcher) -> [FieldHit; FIELDS] {
        let mut hits = [FieldHit::default(); FIELDS];
        if doc as usize >= self.len() {
            return hits;
        }
        for lookup in &matcher.terms {
            // A phrase is found from its first pair's postings; one pair needs no more.
            let (ids, rest) = match lookup {
                Lookup::Phrase(ids) => ids.split_at(ids.len().min(1)),
                Lookup::AnyOf(ids) | Lookup::Letter(ids, _) | Lookup::Starting(ids) => (ids.as_slice(), &[][..]),
            };
            let mut tfs = [0u16; FIELDS];
            // Only a word's posting knows where it occurs first: a pair's leaves it unknown.
            let mut first = [Some(u32::MAX); FIELDS];
            let lists: Vec<&[Posting]> = rest.iter().map(|&id| self.fields_of(id)).collect();
            let mut at: Vec<usize> = lists.iter().map(|l| l.partition_point(|q| q.doc < doc)).collect();
            for &id in ids {
                let list = self.fields_of(id);
                for p in list[list.partition_point(|p| p.doc < doc)..].iter().take_while(|p| p.doc == doc) {
                    let tf = if rest.is_empty() { p.tf } else { self.phrase_in(p, &lists, &mut at) };
                    let f = usize::from(p.field).min(FIELDS - 1);
                    if tf > 0 {
                        tfs[f] = tfs[f].saturating_add(tf);
                        first[f] = first[f].filter(|_| !self.pairs[id as usize]).map(|at| at.min(p.pos));
                    }
                }
            }
            for f in (0..FIELDS).filter(|&f| tfs[f] > 0) {
                let hit = &mut hits[f];
                hit.weight += self.weighted(doc, f as u8, tfs[f]);
                // Once unknown in a field, it stays unknown.
                hit.first = if hit.terms == 0 { first[f] } else { hit.first.zip(first[f]).map(|(a, b)| a.min(b)) };
                hit.terms += 1;
            }
        }
        hits
    }

    /// Byte spans of `text` (a title or teaser) to mark for `matcher`.
    #[cfg_attr(newsroom_speed, optimize(speed))]
    pub fn spans(&self, text: &str, matcher: &Matcher) -> Vec<(usize, usize)> {
        if matcher.is_empty() {
            return Vec::new();
        }
        let mut spans = Vec::new();
        // The text's terms as this index knows them; unknown terms match nothing.
        if !matcher.whole.is_empty() {
            each_term(text, |term, _, start, end| {
                let Some(term) = self.exact(term) else { return };
                if matcher.whole.contains(term) {
                    spans.push((start, end));
                }
            });
        }
        // Every occurrence, overlapping ones too ("铬铬" in "铬铬铬").
        for phrase in &matcher.phrases {
            for (at, _) in text.char_indices().filter(|&(at, _)| crate::cut::cut(text, at..).starts_with(phrase.as_str())) {
                spans.push((at, at + phrase.len()));
            }
        }
        spans
    }
}

/// Every CJK character, and every CJK substring of three to [`MAX_GRAM`] characters, in the documents
/// (each given as its title, labels and body, in document order from
/// document `first`), with its weight in each document, in byte order: what
/// an archive stores so that such a phrase is one term. Counted within runs,
/// overlapping, as phrases match.
pub fn gram_terms<'a>(index: &SearchIndex, first: DocId, docs: impl Iterator<Item = [&'a str; FIELDS]>) -> Vec<(&'a str, Vec<(DocId, u8)>)> {
    // Grams borrow the documents' text: a gram is looked up once a document, never copied.
    let mut ids: HashMap<&'a str, u32, FxBuild> = HashMap::default();
    let mut grams: Vec<(&'a str, Vec<(DocId, u8)>)> = Vec::new();
    let mut in_doc: HashMap<&'a str, [u16; FIELDS], FxBuild> = HashMap::default();
    for (doc, fields) in (first..).zip(docs) {
        in_doc.clear();
        for (f, text) in fields.into_iter().enumerate() {
            each_token(text, |_, kind, start, end| {
                if kind != TokenKind::Cjk {
                    return;
                }
                let run = &text[start..end];
                let starts: Vec<usize> = run.char_indices().map(|(at, _)| at).chain([run.len()]).collect();
                for n in [1].into_iter().chain(3..=MAX_GRAM) {
                    for w in starts.windows(n + 1) {
                        let tfs = in_doc.entry(&run[w[0]..w[n]]).or_default();
                        tfs[f] = tfs[f].saturating_add(1);
                    }
                }
            });
        }
        for (gram, tfs) in in_doc.drain() {
            let id = *ids.entry(gram).or_insert_with(|| {
                grams.push((gram, Vec::new()));
                grams.len() as u32 - 1
            });
            grams[id as usize].1.push((doc, index.doc_weight(doc, tfs)));
        }
    }
    sort_by(&mut grams, |a, b| a.0.cmp(b.0));
    grams
}

impl Matcher {
    pub fn is_empty(&self) -> bool {
        self.whole.is_empty() && self.phrases.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{test_article, Article, Body};
    use crate::catalog::index_article;
    use crate::search::{scan, segments};
    use crate::test_rng::Rng;

    fn article(title: &str, summary: &str, body: &str) -> Article {
        test_article(title, Some(summary).filter(|s| !s.is_empty()), Body::Text(body.into()))
    }

    #[test]
    fn a_term_set_holds_what_was_put_in_it() {
        let mut rng = Rng::new(5);
        let mut set = TermSet::default();
        assert!(set.is_empty() && !set.contains(0));
        let terms: std::collections::BTreeSet<TermId> = (0..300).map(|_| rng.below(70_000) as TermId).chain([0, 63, 64, 65]).collect();
        for &t in &terms {
            set.insert(t);
        }
        assert!(!set.is_empty());
        for t in 0..70_100 {
            assert_eq!(set.contains(t), terms.contains(&t), "{t}");
        }
    }

    fn build(articles: &[Article]) -> SearchIndex {
        let mut b = IndexBuilder::default();
        for a in articles {
            index_article(&mut b, a);
        }
        b.finish()
    }

    #[test]
    fn each_pairs_positions_are_one_stretch_in_the_order_of_its_postings() {
        // Documents interleave pairs (铬盐 and 盐生 in each): built in
        // document order, a pair's positions would be scattered among them.
        let docs: Vec<Article> = (0..4).map(|i| article(&format!("{i}"), "铬盐生产，铬盐生产", "盐生铬盐生 铬盐")).collect();
        let index = build(&docs);
        let mut pairs_seen = 0;
        for (id, _) in index.pairs.iter().enumerate().filter(|(_, &pair)| pair) {
            let many: Vec<&Posting> = index.fields_of(id as TermId).iter().filter(|p| p.tf > 1).collect();
            pairs_seen += usize::from(many.len() > 1);
            for w in many.windows(2) {
                assert_eq!(w[1].pos, w[0].pos + u32::from(w[0].tf), "pair {id}");
            }
        }
        assert!(pairs_seen >= 2);
        assert_eq!(found(&index, "铬盐生产"), vec![0, 1, 2, 3]);
    }

    fn found(index: &SearchIndex, q: &str) -> Vec<DocId> {
        index.search(&Query::parse(q)).unwrap_or_default().into_iter().map(|(d, _)| d).collect()
    }

    const WORDS: &[&str] = &["chromium", "chrome", "chromic", "slag", "Société", "societe", "Müller", "muller",
        "tanning", "safety", "safe", "visit", "vice", "mayor", "Miao", "green", "oxide", "2023", "ISO", "14001", "a"];
    const HAN: &[&str] = &["铬", "盐", "生", "产", "环", "保", "安", "全"];
    const GLUE: &[&str] = &[" ", " ", ", ", ". ", "-", "\n\n", ""];

    fn run(rng: &mut Rng) -> String {
        (0..1 + rng.below(5)).map(|_| rng.pick(HAN)).collect()
    }

    fn text(rng: &mut Rng, max: usize) -> String {
        let mut s = String::new();
        for _ in 0..rng.below(max) {
            let piece = if rng.below(3) == 0 { run(rng) } else { rng.pick(WORDS).to_string() };
            s.push_str(&piece);
            s.push_str(rng.pick(GLUE));
        }
        s
    }

    fn query(rng: &mut Rng) -> String {
        let mut q = Vec::new();
        for _ in 0..1 + rng.below(3) {
            q.push(match rng.below(4) {
                0 => {
                    let w = rng.pick(WORDS);
                    w.chars().take(1 + rng.below(w.chars().count())).collect()
                }
                1 => rng.pick(WORDS).to_string(),
                2 => run(rng),
                _ => ["zzz", "铬铬铬", "chromiumx"][rng.below(3)].to_string(),
            });
        }
        q.join(" ")
    }

    /// Calls `f` with each of `seeds` seeds, its generator and a random bundle's articles.
    fn each_random_bundle(seeds: u64, mut f: impl FnMut(u64, &mut Rng, Vec<Article>)) {
        for seed in 1..=seeds {
            let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let articles = (0..1 + rng.below(40)).map(|_| article(&text(&mut rng, 6), &text(&mut rng, 8), &text(&mut rng, 30))).collect();
            f(seed, &mut rng, articles);
        }
    }

    #[test]
    fn property_the_index_finds_exactly_what_a_scan_finds() {
        each_random_bundle(60, |seed, rng, articles| {
            let index = build(&articles);
            for _ in 0..40 {
                let q = query(rng);
                let parsed = Query::parse(&q);
                let expected: Vec<DocId> =
                    (0..articles.len()).filter(|&i| scan::matches(&articles[i], &parsed)).map(|i| i as DocId).collect();
                assert_eq!(found(&index, &q), expected, "seed {seed}, query {q:?}");
            }
        });
    }

    /// Letters worked out ahead change nothing a query finds, scores or marks.
    #[test]
    fn property_letters_worked_out_ahead_search_as_looked_up() {
        each_random_bundle(30, |seed, rng, articles| {
            let plain = build(&articles);
            let mut ahead = build(&articles);
            for c in ahead.costly_letters() {
                ahead.prepare_letter(c);
            }
            let queries: Vec<String> = WORDS.iter().map(|w| w[..1].to_lowercase()).chain((0..30).map(|_| query(rng))).collect();
            for q in &queries {
                let parsed = Query::parse(q);
                let (m, n) = (plain.matcher(&parsed), ahead.matcher(&parsed));
                assert_eq!(plain.scores(&m), ahead.scores(&n), "seed {seed}, query {q:?}");
                for d in 0..articles.len() as DocId {
                    assert_eq!(plain.field_hits(d, &m), ahead.field_hits(d, &n), "seed {seed}, query {q:?}");
                }
                let title = &articles[0].title;
                assert_eq!(plain.spans(title, &m), ahead.spans(title, &n), "seed {seed}, query {q:?}");
            }
        });
        // The sample is one where some letters are costly.
        let many: Vec<Article> = (0..20).map(|i| article(&format!("chromium slag {i}"), "safety visit", "chrome chromic societe")).collect();
        let mut index = build(&many);
        let letters = index.costly_letters();
        assert!(letters.contains(&'c') && letters.contains(&'s'), "{letters:?}");
        for c in letters {
            index.prepare_letter(c);
        }
        assert!(matches!(index.matcher(&Query::parse("ch s")).terms[..], [Lookup::AnyOf(_), Lookup::Letter(..)]));
        // A CJK character in more pairs than there are documents is worked out too, to the same scores.
        let han: Vec<Article> = (0..20).map(|i| article(&format!("铬盐生产 {i}"), "铬渣处理", "含铬废水")).collect();
        let (plain, mut ahead) = (build(&han), build(&han));
        let letters = ahead.costly_letters();
        assert!(letters.contains(&'铬'), "{letters:?}");
        for c in letters {
            ahead.prepare_letter(c);
        }
        let query = Query::parse("铬");
        assert!(matches!(ahead.matcher(&query).terms[..], [Lookup::Letter(..)]));
        assert_eq!(plain.scores(&plain.matcher(&query)), ahead.scores(&ahead.matcher(&query)));
    }

    #[test]
    fn chinese_queries_match_phrases_not_scattered_characters() {
        let a = [article("铬盐生产线", "", ""), article("铬与盐，生产", "", ""), article("盐铬", "", ""), article("abc铬", "", "")];
        let index = build(&a);
        assert_eq!(found(&index, "铬盐"), [0]);
        assert_eq!(found(&index, "铬盐生"), [0]);
        assert_eq!(found(&index, "生产"), [0, 1]);
        assert_eq!(found(&index, "铬"), [0, 1, 2, 3]);
        assert_eq!(found(&index, "盐生产线x"), Vec::<DocId>::new());
        assert_eq!(found(&index, "铬 abc"), [3]);
    }

    #[test]
    fn words_are_exact_except_the_last_which_is_a_prefix() {
        let index = build(&[article("Chromium oxide green", "", ""), article("Chrome", "", "")]);
        assert_eq!(found(&index, "chrom"), [0, 1]);
        assert_eq!(found(&index, "chrom green"), Vec::<DocId>::new());
        assert_eq!(found(&index, "green chrom"), [0]);
        assert_eq!(found(&index, "GREEN CHROMIUM"), [0]);
        assert!(index.search(&Query::parse("  ")).is_none());
    }

    #[test]
    fn bm25_ranks_title_over_summary_over_body_and_rewards_rarer_terms() {
        let a = [article("slag", "", "x"), article("x", "slag", "x"), article("x", "", "slag"), article("x", "", "x")];
        let index = build(&a);
        let scores = index.search(&Query::parse("slag")).unwrap();
        assert_eq!(scores.iter().map(|s| s.0).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(scores[0].1 > scores[1].1 && scores[1].1 > scores[2].1, "{scores:?}");
        let a = [article("rare common", "", ""), article("common", "", ""), article("common", "", "")];
        let index = build(&a);
        let scores = index.search(&Query::parse("rare common")).unwrap();
        let common = index.search(&Query::parse("common")).unwrap();
        assert!(scores[0].1 > common[0].1);
    }

    fn marked(index: &SearchIndex, text: &str, q: &str) -> Vec<String> {
        let m = index.matcher(&Query::parse(q));
        segments(text, index.spans(text, &m)).into_iter().filter(|s| s.1).map(|s| s.0.to_string()).collect()
    }

    #[test]
    fn field_hits_count_terms_weigh_them_and_know_where_words_first_occur() {
        let a = [article("Slag", "slag and chromium", "one two chromium three slag slag"), article("x", "", "铬盐生产，铬盐 slag")];
        let index = build(&a);
        let hits = |doc, q| index.field_hits(doc, &index.matcher(&Query::parse(q)));
        let h = hits(0, "slag chrom");
        assert_eq!(h.map(|f| (f.terms, f.first)), [(1, Some(0)), (2, Some(0)), (2, Some(8))]);
        assert!(h[LABELS].weight > 0.0 && h[BODY].weight > 0.0);
        assert_eq!(hits(0, "chromium").map(|f| f.first), [None, Some(9), Some(8)]);
        // CJK pairs keep token positions, not offsets: where they occur is read from the text.
        assert_eq!(hits(1, "盐生").map(|f| (f.terms, f.first)), [(0, None), (0, None), (1, None)]);
        assert_eq!(hits(1, "铬盐 slag").map(|f| (f.terms, f.first)), [(0, None), (0, None), (2, None)]);
        assert_eq!(hits(1, "盐").map(|f| f.terms), [0, 0, 1]);
        assert_eq!(hits(1, "slag").map(|f| f.first), [None, None, Some(22)]);
        assert_eq!(hits(1, "zzz"), [FieldHit::default(); FIELDS]);
        assert_eq!(hits(9, "slag"), [FieldHit::default(); FIELDS]);
    }

    #[test]
    fn highlight_spans_come_from_the_index() {
        let a = [article("Vice Mayor Miao visits", "Miao Zhengge and the delegation; 新铬盐项目铬盐与铬", "")];
        let index = build(&a);
        let teaser = a[0].teaser();
        assert_eq!(marked(&index, &a[0].title, "miao vis"), ["Miao", "visits"]);
        assert_eq!(marked(&index, &teaser, "miao deleg"), ["Miao", "delegation"]);
        assert_eq!(marked(&index, &teaser, "铬盐"), ["铬盐", "铬盐"]);
        assert_eq!(marked(&index, &teaser, "铬"), ["铬", "铬", "铬"]);
        assert_eq!(marked(&index, &teaser, "盐项目"), ["盐项目"]);
        assert_eq!(marked(&index, &teaser, "zzz"), Vec::<String>::new());
        assert!(index.spans(&teaser, &Matcher::default()).is_empty());
    }
}
