//! The inverted index, built once when the bundle arrives (a document at a
//! time, so the shell can yield to the browser between documents).
//!
//! Latin-script words are indexed as folded tokens. CJK runs are indexed as
//! overlapping character pairs with their positions, so that a query of two or
//! more characters matches the phrase, not scattered characters; the last
//! character of a run is paired with an end marker, so that every character
//! starts a pair and a one-character query is a prefix lookup. Ranking is
//! BM25F with field weights. The title and teaser of each document are also
//! kept as term sequences with byte spans, so highlighting comes from here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::fold::{each_token, TokenKind};
use crate::search::{Query, Term};
use crate::sort::sort_by;

pub type DocId = u32;
type TermId = u32;

const TITLE: usize = 0;
const LABELS: usize = 1;
const BODY: usize = 2;
const FIELDS: usize = 3;
/// Title over summary and labels (tags, category, authors) over body.
const WEIGHTS: [f32; FIELDS] = [3.0, 1.5, 1.0];
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Pairs the last character of a CJK run; sorts before every real character.
const RUN_END: char = '\u{1}';

/// One term's occurrences in one field of one document.
#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: DocId,
    field: u8,
    tf: u16,
    /// Where this posting's token positions start in `positions` (CJK pairs only).
    pos: u32,
}

/// A term of a displayed text with its byte span, for highlighting.
#[derive(Clone, Copy, Debug)]
struct Mark {
    term: TermId,
    start: u32,
    end: u32,
}

/// What a document's fields hold, as the index needs them.
pub struct DocFields<'a> {
    pub title: &'a str,
    /// Summary, tags, category and authors, separated by newlines.
    pub labels: &'a str,
    pub body: &'a str,
    /// The text shown under the title in the list.
    pub teaser: &'a str,
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
        let mut chars = text[start..end].char_indices().peekable();
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
    terms: HashMap<Box<str>, TermId, FxBuild>,
    /// Scratch for grouping one field's occurrences by term (see `add`).
    occurrences: Vec<(TermId, u32)>,
    /// By term: 1 + the term's place in `field_terms` while a field is added, else 0.
    slot: Vec<u32>,
    /// The field's terms in first-seen order, with their end in `grouped`.
    field_terms: Vec<(TermId, u32)>,
    grouped: Vec<u32>,
    postings: Vec<Vec<Posting>>,
    positions: Vec<u32>,
    field_len: Vec<[u16; FIELDS]>,
    marks: Vec<Mark>,
    mark_starts: Vec<(u32, u32)>,
}

impl IndexBuilder {
    fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.terms.get(term) {
            return id;
        }
        let id = self.postings.len() as TermId;
        self.terms.insert(term.into(), id);
        self.postings.push(Vec::new());
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
            each_term(text, |term, is_pair, _, _| {
                let t = self.intern(term);
                occurrences.push((t, if is_pair { n | PAIR } else { n }));
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
                let pos = self.positions.len() as u32;
                // Only phrases need positions, and only CJK pairs form phrases.
                if group[0] & PAIR != 0 {
                    self.positions.extend(group.iter().map(|&p| p & !PAIR));
                }
                let tf = group.len().min(usize::from(u16::MAX)) as u16;
                self.postings[t as usize].push(Posting { doc: id, field: field as u8, tf, pos });
            }
            self.occurrences = occurrences;
        }
        self.field_len.push(lens);
        let title_start = self.marks.len() as u32;
        each_term(doc.title, |term, _, start, end| {
            let t = self.intern(term);
            self.marks.push(Mark { term: t, start: start as u32, end: end as u32 });
        });
        let teaser_start = self.marks.len() as u32;
        each_term(doc.teaser, |term, _, start, end| {
            let t = self.intern(term);
            self.marks.push(Mark { term: t, start: start as u32, end: end as u32 });
        });
        self.mark_starts.push((title_start, teaser_start));
    }

    pub fn finish(self) -> SearchIndex {
        let mut dictionary: Vec<(Box<str>, TermId)> = self.terms.into_iter().collect();
        sort_by(&mut dictionary, |a, b| a.0.cmp(&b.0));
        let docs = self.field_len.len().max(1) as f32;
        let mut avg_len = [0f32; FIELDS];
        for lens in &self.field_len {
            for f in 0..FIELDS {
                avg_len[f] += f32::from(lens[f]) / docs;
            }
        }
        let mut mark_ranges = Vec::with_capacity(self.mark_starts.len());
        for (i, &(title, teaser)) in self.mark_starts.iter().enumerate() {
            let end = self.mark_starts.get(i + 1).map_or(self.marks.len() as u32, |next| next.0);
            mark_ranges.push((title, teaser, end));
        }
        SearchIndex {
            dictionary,
            postings: self.postings,
            positions: self.positions,
            field_len: self.field_len,
            avg_len: avg_len.map(|a| a.max(1.0)),
            marks: self.marks,
            mark_ranges,
        }
    }
}

/// How a query term is looked up.
enum Lookup {
    /// Any of these terms (a word, a prefix's expansions, or one CJK character's pairs).
    AnyOf(Vec<TermId>),
    /// These CJK pairs at consecutive positions of one field.
    Phrase(Vec<TermId>),
}

pub struct SearchIndex {
    dictionary: Vec<(Box<str>, TermId)>,
    postings: Vec<Vec<Posting>>,
    positions: Vec<u32>,
    field_len: Vec<[u16; FIELDS]>,
    avg_len: [f32; FIELDS],
    marks: Vec<Mark>,
    mark_ranges: Vec<(u32, u32, u32)>,
}

/// Which terms to mark in displayed text for the current query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matcher {
    whole: HashSet<TermId, FxBuild>,
    first_char: HashSet<TermId, FxBuild>,
    phrases: Vec<Vec<TermId>>,
}

impl SearchIndex {
    pub fn len(&self) -> usize {
        self.field_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.field_len.is_empty()
    }

    fn exact(&self, text: &str) -> Option<TermId> {
        self.dictionary.binary_search_by(|(t, _)| t.as_ref().cmp(text)).ok().map(|i| self.dictionary[i].1)
    }

    fn with_prefix(&self, prefix: &str) -> Vec<TermId> {
        let from = self.dictionary.partition_point(|(t, _)| t.as_ref() < prefix);
        self.dictionary[from..].iter().take_while(|(t, _)| t.starts_with(prefix)).map(|&(_, id)| id).collect()
    }

    fn lookup(&self, term: &Term) -> Lookup {
        let chars: Vec<char> = term.text.chars().collect();
        match term.kind {
            TokenKind::Word if term.prefix => Lookup::AnyOf(self.with_prefix(&term.text)),
            TokenKind::Word => Lookup::AnyOf(self.exact(&term.text).into_iter().collect()),
            TokenKind::Cjk if chars.len() == 1 => Lookup::AnyOf(self.with_prefix(&term.text)),
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
        let len = f32::from(self.field_len[doc as usize][f]);
        WEIGHTS[f] * f32::from(tf) / (1.0 - B + B * len / self.avg_len[f])
    }

    /// Documents matching one term, by id, with their weighted term frequency.
    fn term_docs(&self, lookup: &Lookup) -> Vec<(DocId, f32)> {
        // Dense accumulators: a prefix can expand to thousands of terms.
        let mut acc = vec![0f32; self.len()];
        let mut add = |doc: DocId, w: f32| acc[doc as usize] += w;
        match lookup {
            Lookup::AnyOf(ids) => {
                for &id in ids {
                    for p in &self.postings[id as usize] {
                        add(p.doc, self.weighted(p.doc, p.field, p.tf));
                    }
                }
            }
            Lookup::Phrase(ids) => {
                let Some((first, rest)) = ids.split_first() else { return Vec::new() };
                for p in &self.postings[*first as usize] {
                    let starts = &self.positions[p.pos as usize..][..usize::from(p.tf)];
                    let others: Option<Vec<&[u32]>> = rest
                        .iter()
                        .map(|&id| {
                            let list = &self.postings[id as usize];
                            let i = list.binary_search_by(|q| (q.doc, q.field).cmp(&(p.doc, p.field))).ok()?;
                            Some(&self.positions[list[i].pos as usize..][..usize::from(list[i].tf)])
                        })
                        .collect();
                    let Some(others) = others else { continue };
                    let count = starts
                        .iter()
                        .filter(|&&s| others.iter().enumerate().all(|(k, at)| at.binary_search(&(s + k as u32 + 1)).is_ok()))
                        .count();
                    if count > 0 {
                        let tf = count.min(usize::from(u16::MAX)) as u16;
                        add(p.doc, self.weighted(p.doc, p.field, tf));
                    }
                }
            }
        }
        // Weights are positive: the documents found are the non-zero entries,
        // already in id order (a scan, not a sort, of one float per document).
        acc.iter().enumerate().filter(|&(_, &w)| w > 0.0).map(|(d, &w)| (d as DocId, w)).collect()
    }

    /// The documents matching every term of `query`, by id, with BM25F scores;
    /// `None` for an empty query (everything matches).
    pub fn search(&self, query: &Query) -> Option<Vec<(DocId, f32)>> {
        if query.is_empty() {
            return None;
        }
        let n = self.len() as f32;
        let mut lists: Vec<Vec<(DocId, f32)>> = query.terms.iter().map(|t| self.term_docs(&self.lookup(t))).collect();
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
    pub fn matcher(&self, query: &Query) -> Matcher {
        let mut m = Matcher::default();
        for term in &query.terms {
            match (self.lookup(term), term.kind) {
                (Lookup::AnyOf(ids), TokenKind::Word) => m.whole.extend(ids),
                (Lookup::AnyOf(ids), TokenKind::Cjk) => m.first_char.extend(ids),
                (Lookup::Phrase(ids), _) => m.phrases.push(ids),
            }
        }
        m
    }

    /// Byte spans to mark in document `doc`'s title (`teaser: false`) or teaser.
    pub fn spans(&self, doc: DocId, teaser: bool, text: &str, matcher: &Matcher) -> Vec<(usize, usize)> {
        let Some(&(title, teaser_start, end)) = self.mark_ranges.get(doc as usize) else { return Vec::new() };
        let marks = if teaser { &self.marks[teaser_start as usize..end as usize] } else { &self.marks[title as usize..teaser_start as usize] };
        let mut spans = Vec::new();
        for (i, m) in marks.iter().enumerate() {
            let (start, end) = (m.start as usize, m.end as usize);
            if matcher.whole.contains(&m.term) {
                spans.push((start, end));
            }
            if matcher.first_char.contains(&m.term) {
                let len = text.get(start..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
                spans.push((start, start + len));
            }
            for phrase in &matcher.phrases {
                let run = marks.get(i..i + phrase.len());
                if run.is_some_and(|run| run.iter().zip(phrase).all(|(m, &id)| m.term == id)) {
                    spans.push((start, marks[i + phrase.len() - 1].end as usize));
                }
            }
        }
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{test_article, Article, Body};
    use crate::catalog::index_article;
    use crate::search::{scan, segments};

    fn article(title: &str, summary: &str, body: &str) -> Article {
        test_article(title, Some(summary).filter(|s| !s.is_empty()), Body::Text(body.into()))
    }

    fn build(articles: &[Article]) -> SearchIndex {
        let mut b = IndexBuilder::default();
        for a in articles {
            index_article(&mut b, a);
        }
        b.finish()
    }

    fn found(index: &SearchIndex, q: &str) -> Vec<DocId> {
        index.search(&Query::parse(q)).unwrap_or_default().into_iter().map(|(d, _)| d).collect()
    }

    /// xorshift64*: deterministic, so a failure can be reproduced from its seed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.below(xs.len())]
        }
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

    #[test]
    fn property_the_index_finds_exactly_what_a_scan_finds() {
        for seed in 1..=60u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let articles: Vec<Article> =
                (0..1 + rng.below(40)).map(|_| article(&text(&mut rng, 6), &text(&mut rng, 8), &text(&mut rng, 30))).collect();
            let index = build(&articles);
            for _ in 0..40 {
                let q = query(&mut rng);
                let parsed = Query::parse(&q);
                let expected: Vec<DocId> =
                    (0..articles.len()).filter(|&i| scan::matches(&articles[i], &parsed)).map(|i| i as DocId).collect();
                assert_eq!(found(&index, &q), expected, "seed {seed}, query {q:?}");
            }
        }
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

    fn marked(index: &SearchIndex, doc: DocId, teaser: bool, text: &str, q: &str) -> Vec<String> {
        let m = index.matcher(&Query::parse(q));
        segments(text, index.spans(doc, teaser, text, &m)).into_iter().filter(|s| s.1).map(|s| s.0.to_string()).collect()
    }

    #[test]
    fn highlight_spans_come_from_the_index() {
        let a = [article("Vice Mayor Miao visits", "Miao Zhengge and the delegation; 新铬盐项目铬盐与铬", "")];
        let index = build(&a);
        let teaser = a[0].teaser();
        assert_eq!(marked(&index, 0, false, &a[0].title, "miao vis"), ["Miao", "visits"]);
        assert_eq!(marked(&index, 0, true, &teaser, "miao deleg"), ["Miao", "delegation"]);
        assert_eq!(marked(&index, 0, true, &teaser, "铬盐"), ["铬盐", "铬盐"]);
        assert_eq!(marked(&index, 0, true, &teaser, "铬"), ["铬", "铬", "铬"]);
        assert_eq!(marked(&index, 0, true, &teaser, "盐项目"), ["盐项目"]);
        assert_eq!(marked(&index, 0, true, &teaser, "zzz"), Vec::<String>::new());
        assert!(index.spans(9, true, &teaser, &Matcher::default()).is_empty());
    }
}
