//! Full-text search: query parsing, matching, ranking and highlight ranges.
//!
//! Semantics: every query term must match; the last term matches as a prefix
//! (the reader is still typing it); CJK terms match anywhere inside a CJK run,
//! since that text has no spaces. A match in the title outranks one in the
//! summary, which outranks one in the body.

use crate::article::Article;
use crate::fold::{tokenize, Token, TokenKind};

/// How much a match in each field is worth; title beats summary beats body.
const TITLE_WEIGHT: u32 = 8;
const SUMMARY_WEIGHT: u32 = 3;
const BODY_WEIGHT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Term {
    text: String,
    kind: TokenKind,
    prefix: bool,
}

impl Term {
    fn matches(&self, token: &Token) -> bool {
        match (self.kind, token.kind) {
            (TokenKind::Word, TokenKind::Word) if self.prefix => token.text.starts_with(&self.text),
            (TokenKind::Word, TokenKind::Word) => token.text == self.text,
            (TokenKind::Cjk, TokenKind::Cjk) => token.text.contains(&self.text),
            _ => false,
        }
    }
}

/// A parsed search query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
}

impl Query {
    pub fn parse(input: &str) -> Self {
        let mut terms: Vec<Term> = tokenize(input)
            .into_iter()
            .map(|t| Term { text: t.text, kind: t.kind, prefix: false })
            .collect();
        if let Some(last) = terms.last_mut() {
            last.prefix = true;
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    fn any_matches(&self, token: &Token) -> bool {
        self.terms.iter().any(|t| t.matches(token))
    }
}

/// One article's searchable fields, tokenised once when the bundle arrives.
#[derive(Clone, Debug)]
struct SearchDoc {
    title: Vec<Token>,
    summary: Vec<Token>,
    body: Vec<Token>,
}

/// Every article's tokens, in bundle order.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    docs: Vec<SearchDoc>,
}

impl SearchIndex {
    pub fn build(articles: &[Article]) -> Self {
        let docs = articles
            .iter()
            .map(|a| {
                // Tags, category and authors are short labels: they rank like the summary.
                let mut labels = a.summary.clone().unwrap_or_default();
                for label in a.tags.iter().chain(&a.category).chain(&a.authors) {
                    labels.push('\n');
                    labels.push_str(label);
                }
                SearchDoc { title: tokenize(&a.title), summary: tokenize(&labels), body: tokenize(&a.body_text()) }
            })
            .collect();
        SearchIndex { docs }
    }

    /// The score of article `i` for `query`, or `None` when a term is missing.
    /// An empty query matches everything with score 0.
    pub fn score(&self, i: usize, query: &Query) -> Option<u32> {
        let doc = self.docs.get(i)?;
        query.terms.iter().try_fold(0, |sum, term| {
            let hit = |field: &[Token]| field.iter().any(|t| term.matches(t));
            let best = if hit(&doc.title) {
                TITLE_WEIGHT
            } else if hit(&doc.summary) {
                SUMMARY_WEIGHT
            } else if hit(&doc.body) {
                BODY_WEIGHT
            } else {
                return None;
            };
            Some(sum + best)
        })
    }
}

/// Splits `text` into runs, each flagged when it matches `query`, for `<mark>`.
/// A prefix match marks the whole word: the reader sees which word matched.
pub fn highlight<'a>(text: &'a str, query: &Query) -> Vec<(&'a str, bool)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for token in tokenize(text) {
        if token.kind == TokenKind::Cjk {
            // CJK text folds to itself, so offsets in the token are offsets in `text`.
            for term in query.terms.iter().filter(|t| t.kind == TokenKind::Cjk) {
                for (at, _) in token.text.match_indices(&term.text) {
                    ranges.push((token.start + at, token.start + at + term.text.len()));
                }
            }
        } else if query.any_matches(&token) {
            ranges.push((token.start, token.end));
        }
    }
    ranges.sort_unstable();
    let mut out = Vec::new();
    let mut pos = 0;
    for (start, end) in ranges {
        let start = start.max(pos);
        if end <= start {
            continue;
        }
        if start > pos {
            out.push((&text[pos..start], false));
        }
        out.push((&text[start..end], true));
        pos = end;
    }
    if pos < text.len() || out.is_empty() {
        out.push((&text[pos..], false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Body;
    use crate::date::parse_date;

    fn article(title: &str, summary: &str, body: &str) -> Article {
        Article {
            id: title.into(),
            title: title.into(),
            date: parse_date("2024-01-01").unwrap(),
            summary: Some(summary.into()).filter(|s: &String| !s.is_empty()),
            body: Body::Text(body.into()),
            tags: vec!["Trade Fair".into()],
            category: Some("Events".into()),
            language: None,
            url: None,
            image: None,
            authors: vec![],
        }
    }

    fn scores(articles: &[Article], q: &str) -> Vec<Option<u32>> {
        let index = SearchIndex::build(articles);
        let q = Query::parse(q);
        (0..articles.len()).map(|i| index.score(i, &q)).collect()
    }

    #[test]
    fn every_term_must_match_case_and_accents_folded() {
        let a = [article("Visit by Société Générale", "", "Leather tanning customers"), article("Visit", "", "")];
        assert_eq!(scores(&a, "societe VISIT"), [Some(16), None]);
        assert_eq!(scores(&a, "visit tanning"), [Some(9), None]);
        assert_eq!(scores(&a, "visit nothing"), [None, None]);
    }

    #[test]
    fn only_the_last_term_is_a_prefix() {
        let a = [article("Chromium oxide green", "", "")];
        assert_eq!(scores(&a, "chrom"), [Some(8)]);
        assert_eq!(scores(&a, "chrom green"), [None]);
        assert_eq!(scores(&a, "green chrom"), [Some(16)]);
    }

    #[test]
    fn chinese_matches_inside_runs_without_spaces() {
        let a = [article("公司铬盐生产线投产", "", ""), article("铬 与 盐", "", "")];
        assert_eq!(scores(&a, "铬盐"), [Some(8), None]);
        assert_eq!(scores(&a, "生产"), [Some(8), None]);
        assert_eq!(scores(&a, "铬盐 chromium"), [None, None]);
    }

    #[test]
    fn title_outranks_summary_outranks_body_and_labels_count_as_summary() {
        let a = [article("Slag", "", ""), article("x", "slag", ""), article("x", "", "slag"), article("x", "", "")];
        assert_eq!(scores(&a, "slag"), [Some(8), Some(3), Some(1), None]);
        assert_eq!(scores(&a, "fair"), [Some(3); 4]);
    }

    #[test]
    fn empty_query_matches_everything() {
        let a = [article("x", "", "")];
        assert_eq!(scores(&a, "  ,. "), [Some(0)]);
        assert!(Query::parse(" ").is_empty());
    }

    #[test]
    fn highlights_words_prefixes_and_chinese() {
        let q = Query::parse("miao deleg");
        assert_eq!(highlight("Vice Mayor Miao and his delegation.", &q),
            [("Vice Mayor ", false), ("Miao", true), (" and his ", false), ("delegation", true), (".", false)]);
        let q = Query::parse("societe");
        assert_eq!(highlight("La Société!", &q), [("La ", false), ("Société", true), ("!", false)]);
        let q = Query::parse("铬盐");
        assert_eq!(highlight("新铬盐项目铬盐", &q), [("新", false), ("铬盐", true), ("项目", false), ("铬盐", true)]);
    }

    #[test]
    fn highlight_without_matches_is_the_whole_text() {
        assert_eq!(highlight("abc", &Query::parse("zzz")), [("abc", false)]);
        assert_eq!(highlight("", &Query::parse("zzz")), [("", false)]);
        assert_eq!(highlight("abc", &Query::parse("")), [("abc", false)]);
    }
}
