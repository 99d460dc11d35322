//! The page's side of a pre-built archive: which of its files a view needs,
//! and what has been fetched so far. The shell fetches what [`Part`]s name
//! and hands the bytes to [`Parts::install`]; nothing here knows HTTP.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::bundle::BundleError;
use crate::load_error::LoadError;
use crate::article::Article;
use crate::index::SearchIndex;
use crate::fold::TokenKind;
use crate::index::{FxBuild, MAX_GRAM};
use crate::prebuilt::format::{decode_list, index_file, List, LISTS, decode_cards, decode_facets, decode_ids, decode_terms, CardFile, FacetTable, FormatError, Summary, CARDS_PER_FILE};
use crate::search::{Query, Term};

/// One file of the archive a view may need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// A list of shards (see [`List`]).
    List(List),
    /// A shard of a kind (`Terms`, `Grams` or `Positions`), by its place in its list.
    Shard(List, usize),
    /// Every document's facet values.
    Facets,
    /// The cards of documents `n * CARDS_PER_FILE ..`.
    Cards(usize),
    /// An id bucket.
    Ids(usize),
    /// A feed page with full items (its name comes from a card file).
    Page(usize),
}

/// What a part is for, for messages: search, filters, the list, an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Search,
    List,
    Article,
}

impl Part {
    pub fn purpose(self) -> Purpose {
        match self {
            Part::List(_) | Part::Shard(..) | Part::Facets => Purpose::Search,
            Part::Cards(_) => Purpose::List,
            Part::Ids(_) | Part::Page(_) => Purpose::Article,
        }
    }
}

/// Why a part could not be used: the request, or the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartFailure {
    /// The server answered with this status.
    Status(u16),
    /// No answer (offline, refused, blocked).
    Unreachable(String),
    /// No answer within `limit_ms`, or nothing more of it for `limit_ms` after `received` bytes.
    TimedOut { limit_ms: u32, received: Option<usize> },
    Format(FormatError),
    /// A feed page that is not a readable feed.
    Page(BundleError),
    /// The page's own code that reads the file could not be fetched.
    Code,
}

impl PartFailure {
    /// A file's request that failed as the bundle's can.
    pub fn from_load(e: LoadError) -> PartFailure {
        match e {
            LoadError::Status { status, .. } => PartFailure::Status(status),
            LoadError::Network { detail, .. } | LoadError::Body { detail, .. } => PartFailure::Unreachable(detail),
            LoadError::TimedOut { limit_ms, received, .. } => PartFailure::TimedOut { limit_ms, received },
            LoadError::Bundle { error, .. } => PartFailure::Page(error),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartError {
    pub part: Part,
    /// Its address, as fetched (or its name in the summary).
    pub file: String,
    pub error: PartFailure,
}

pub struct Parts {
    pub summary: Summary,
    lists: [OnceLock<Vec<String>>; 3],
    /// The shards here: a few dozen, so a list (no hash set's code in the wasm).
    shards: Mutex<Vec<(List, usize)>>,
    pub(crate) facets: OnceLock<FacetTable>,
    cards: Vec<OnceLock<CardFile>>,
    ids: Vec<OnceLock<HashMap<String, usize, FxBuild>>>,
    /// Each feed page's items, once read.
    pages: Vec<OnceLock<Vec<Article>>>,
}

impl Parts {
    pub fn new(summary: Summary) -> Self {
        Parts {
            lists: LISTS.map(|_| OnceLock::new()),
            shards: Mutex::new(Vec::new()),
            facets: OnceLock::new(),
            cards: (0..summary.count.div_ceil(CARDS_PER_FILE)).map(|_| OnceLock::new()).collect(),
            ids: (0..summary.id_buckets).map(|_| OnceLock::new()).collect(),
            pages: (0..summary.count.div_ceil(summary.per_page.max(1))).map(|_| OnceLock::new()).collect(),
            summary,
        }
    }

    /// The file a part is in, relative to the summary; `None` for a page
    /// whose card file has not arrived yet.
    pub fn file(&self, part: Part) -> Option<String> {
        let s = &self.summary;
        let (stem, n) = match part {
            Part::List(list) => (list.stem(), None),
            Part::Shard(list, n) => (list.name(), Some(n)),
            Part::Cards(n) => ("cards", Some(n)),
            Part::Ids(n) => ("ids", Some(n)),
            Part::Facets => ("facets", None),
            Part::Page(p) => {
                let first_doc = p * s.per_page;
                let cards = self.cards.get(first_doc / CARDS_PER_FILE)?.get()?;
                let first_page = cards.first / s.per_page;
                return cards.pages.get(p.checked_sub(first_page)?).cloned();
            }
        };
        Some(index_file(stem, n, s.site))
    }

    /// A list, once it is here.
    fn list(&self, list: List) -> Option<&[String]> {
        self.lists[list as usize].get().map(Vec::as_slice)
    }

    /// `Some(part)` when `list` is not here yet, to fetch first.
    pub fn missing_list(&self, list: List) -> Option<Part> {
        self.list(list).is_none().then_some(Part::List(list))
    }

    /// The shards `query` needs that are not here yet.
    pub fn missing_shards(&self, query: &Query) -> Vec<Part> {
        let mut parts = Vec::new();
        for term in &query.terms {
            let chars: Vec<char> = term.text.chars().collect();
            let mut need = |text: &str, prefix: bool, kind: List| {
                let wanted: Vec<Part> = match self.list(kind) {
                    // The list first; its shards once it is here.
                    None => vec![Part::List(kind)],
                    Some(list) => Summary::shards_for(list, text, prefix)
                        .filter(|&n| !lock(&self.shards).contains(&(kind, n)))
                        .map(|n| Part::Shard(kind, n))
                        .collect(),
                };
                for part in wanted {
                    if !parts.contains(&part) {
                        parts.push(part);
                    }
                }
            };
            match term {
                // A pair, or a phrase an archive keeps as a term: its weights.
                Term { kind: TokenKind::Cjk, .. } if chars.len() == 2 => need(&term.text, false, List::Terms),
                Term { kind: TokenKind::Cjk, .. } if (3..=MAX_GRAM).contains(&chars.len()) => need(&term.text, false, List::Grams),
                // A longer phrase: its pairs' positions.
                Term { kind: TokenKind::Cjk, .. } if chars.len() > MAX_GRAM => {
                    for w in chars.windows(2) {
                        need(&w.iter().collect::<String>(), false, List::Positions);
                    }
                }
                // One character: an archive keeps it as a term of its own.
                Term { kind: TokenKind::Cjk, .. } => need(&term.text, false, List::Grams),
                Term { prefix, .. } => need(&term.text, *prefix, List::Terms),
            }
        }
        parts
    }

    pub fn has_facets(&self) -> bool {
        self.facets.get().is_some()
    }

    /// A document as far as it is known: its full item, else its card.
    pub fn article<'a>(&'a self, first_page: &'a [Article], doc: usize) -> Option<&'a Article> {
        first_page.get(doc).or_else(|| self.full(doc)).or_else(|| {
            let file = self.cards.get(doc / CARDS_PER_FILE)?.get()?;
            file.cards.get(doc.checked_sub(file.first)?)
        })
    }

    /// A document in full (with its body), once its page is here.
    pub fn full_article(&self, first_page: &[Article], doc: usize) -> Option<Article> {
        first_page.get(doc).or_else(|| self.full(doc)).cloned()
    }

    /// A document's full item, once its page is here.
    fn full(&self, doc: usize) -> Option<&Article> {
        let per_page = self.summary.per_page;
        self.pages.get(doc / per_page.max(1))?.get()?.get(doc % per_page.max(1))
    }

    /// The first article here (its full item, else its card) that `pick` chooses.
    pub fn find(&self, pick: &dyn Fn(&Article) -> bool) -> Option<Article> {
        if let Some(a) = self.pages.iter().filter_map(OnceLock::get).flatten().find(|a| pick(a)) {
            return Some(a.clone());
        }
        self.cards.iter().filter_map(OnceLock::get).flat_map(|f| &f.cards).find(|a| pick(a)).cloned()
    }

    /// The card files `docs` need that are not here yet.
    pub fn missing_cards(&self, first_page: &[Article], docs: &[usize]) -> Vec<Part> {
        let mut parts: Vec<Part> = Vec::new();
        for &d in docs.iter().filter(|&&d| d >= first_page.len() && d < self.summary.count) {
            let part = Part::Cards(d / CARDS_PER_FILE);
            if self.cards[d / CARDS_PER_FILE].get().is_none() && !parts.contains(&part) {
                parts.push(part);
            }
        }
        parts
    }

    /// The document with item id `id`, if its bucket is here.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.ids.get(self.summary.id_bucket(id))?.get()?.get(id).copied()
    }

    /// What opening article `id` still needs: its id bucket, then its card
    /// file (which names its page), then its page.
    pub fn missing_for_article(&self, first_page: &[Article], id: &str) -> Vec<Part> {
        let doc = match first_page.iter().position(|a| a.id == id) {
            Some(_) => return Vec::new(),
            None => match self.position(id) {
                Some(doc) => doc,
                None if self.ids.is_empty() => return Vec::new(),
                None => {
                    let bucket = self.summary.id_bucket(id);
                    return if self.ids[bucket].get().is_some() { Vec::new() } else { vec![Part::Ids(bucket)] };
                }
            },
        };
        if self.full(doc).is_some() {
            return Vec::new();
        }
        match self.cards.get(doc / CARDS_PER_FILE) {
            Some(c) if c.get().is_none() => vec![Part::Cards(doc / CARDS_PER_FILE)],
            _ => vec![Part::Page(doc / self.summary.per_page)],
        }
    }

    /// Whether the id bucket for `id` has arrived (so "not found" is final).
    pub fn knows(&self, id: &str) -> bool {
        self.ids.get(self.summary.id_bucket(id)).is_none_or(|b| b.get().is_some())
    }

    /// Checks and reads a fetched part into place (into `index` for shards);
    /// not a page (see [`Self::install_page`]). Each file's reader checks
    /// its bytes against their hash first.
    pub fn install(&self, part: Part, bytes: &[u8], index: &mut SearchIndex) -> Result<(), PartError> {
        let fail = |error| PartError { part, file: self.file(part).unwrap_or_default(), error: PartFailure::Format(error) };
        let build = self.summary.build;
        match part {
            Part::List(list) => {
                let _ = self.lists[list as usize].set(decode_list(bytes, build).map_err(fail)?);
            }
            Part::Shard(kind, n) => {
                for (term, data) in decode_terms(bytes, build).map_err(fail)? {
                    index.insert(&term, data);
                }
                let mut shards = lock(&self.shards);
                if !shards.contains(&(kind, n)) {
                    shards.push((kind, n));
                }
            }
            Part::Facets => {
                let table = decode_facets(bytes, &self.summary).map_err(fail)?;
                let _ = self.facets.set(table);
            }
            Part::Cards(n) => {
                let cards = decode_cards(bytes, build).map_err(fail)?;
                if cards.first != n * CARDS_PER_FILE {
                    return Err(fail(FormatError::Malformed("cards")));
                }
                let _ = self.cards[n].set(cards);
            }
            Part::Ids(n) => {
                let ids = decode_ids(bytes, build).map_err(fail)?;
                let _ = self.ids[n].set(ids.into_iter().filter(|&(_, d)| d < self.summary.count).collect());
            }
            // Feed pages come read, through `install_page`.
            Part::Page(_) => return Err(fail(FormatError::NotIndex)),
        }
        Ok(())
    }

    /// Keeps a feed page's items (read by the shell's feed reader, which
    /// needs no bytes here), if they are the ones its card file expects.
    pub fn install_page(&self, p: usize, articles: Vec<Article>) -> Result<(), FormatError> {
        let first = p * self.summary.per_page;
        let expected = self.cards.get(first / CARDS_PER_FILE).and_then(OnceLock::get).and_then(|c| c.cards.get(first - c.first));
        if expected.is_some_and(|card| articles.first().is_none_or(|a| a.id != card.id)) {
            return Err(FormatError::OtherBuild);
        }
        // A page read twice is the same page: the first reading stays.
        if let Some(page) = self.pages.get(p) {
            let _ = page.set(articles);
        }
        Ok(())
    }
}

/// A lock nobody can poison: there is one thread, and no panic inside.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
