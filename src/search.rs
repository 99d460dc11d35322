//! Search queries: what a reader typed, as terms with their matching rules,
//! and the text runs to mark once matches are known.
//!
//! Semantics: every term must match; the last term matches as a prefix (the
//! reader is still typing it); CJK terms match anywhere inside a CJK run,
//! since that text has no spaces. `index.rs` answers queries; the scan in
//! this file's tests is the plain definition the index is checked against.

use crate::cut::cut;
use crate::fold::{tokenize, TokenKind};
use crate::sort::sort_by;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Folded text.
    pub text: String,
    pub kind: TokenKind,
    /// Whether the term may be the start of a longer word.
    pub prefix: bool,
}

/// A parsed search query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn parse(input: &str) -> Self {
        let mut terms: Vec<Term> = tokenize(input)
            .into_iter()
            .map(|t| Term { text: t.text, kind: t.kind, prefix: false })
            .collect();
        if let Some(last) = terms.last_mut() {
            last.prefix = last.kind == TokenKind::Word;
        }
        Query { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Splits `text` into runs flagged when inside one of the byte `spans`
/// (which may overlap and come in any order), for `<mark>`.
#[cfg_attr(newsroom_speed, optimize(speed))]
pub fn segments<'a>(text: &'a str, mut spans: Vec<(usize, usize)>) -> Vec<(&'a str, bool)> {
    sort_by(&mut spans, Ord::cmp);
    let mut out: Vec<(&'a str, bool)> = Vec::new();
    let mut pos = 0;
    for (start, end) in spans {
        let (start, end) = (start.max(pos), end.min(text.len()));
        if end <= start || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        match out.last_mut() {
            // Touching or overlapping marks become one.
            Some((last, true)) if start == pos => *last = cut(text, pos - last.len()..end),
            _ => {
                if start > pos {
                    out.push((cut(text, pos..start), false));
                }
                out.push((cut(text, start..end), true));
            }
        }
        pos = end;
    }
    if pos < text.len() || out.is_empty() {
        out.push((cut(text, pos..), false));
    }
    out
}

#[cfg(test)]
pub mod scan {
    //! The straightforward definition of a match: tokenise every field of
    //! every article and compare. Slow, obviously right, and the reference
    //! for the index's property test.

    use super::*;
    use crate::article::Article;
    use crate::fold::Token;

    fn term_matches(term: &Term, token: &Token) -> bool {
        match (term.kind, token.kind) {
            (TokenKind::Word, TokenKind::Word) if term.prefix => token.text.starts_with(&term.text),
            (TokenKind::Word, TokenKind::Word) => token.text == term.text,
            (TokenKind::Cjk, TokenKind::Cjk) => token.text.contains(&term.text),
            _ => false,
        }
    }

    /// Whether every term of `query` matches some field of `article`.
    pub fn matches(article: &Article, query: &Query) -> bool {
        let mut text = format!("{}\n{}\n{}", article.title, article.summary.clone().unwrap_or_default(), article.body_text());
        for label in article.tags.iter().chain(&article.category).chain(&article.authors) {
            text.push('\n');
            text.push_str(label);
        }
        let tokens = tokenize(&text);
        query.terms.iter().all(|term| tokens.iter().any(|t| term_matches(term, t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_terms_and_only_the_last_word_is_a_prefix() {
        let q = Query::parse("Société, CHROM");
        assert_eq!(q.terms.iter().map(|t| (t.text.as_str(), t.prefix)).collect::<Vec<_>>(), [("societe", false), ("chrom", true)]);
        let q = Query::parse("slag 铬盐");
        assert_eq!(q.terms[1], Term { text: "铬盐".into(), kind: TokenKind::Cjk, prefix: false });
        assert!(Query::parse(" ,. ").is_empty());
    }

    #[test]
    fn segments_merge_overlaps_and_ignore_bad_spans() {
        assert_eq!(segments("abcdef", vec![(3, 5), (0, 2), (1, 3)]), [("abcde", true), ("f", false)]);
        assert_eq!(segments("ab cd", vec![(3, 5), (0, 2)]), [("ab", true), (" ", false), ("cd", true)]);
        assert_eq!(segments("abc", vec![]), [("abc", false)]);
        assert_eq!(segments("", vec![]), [("", false)]);
        // A span inside a multi-byte character or past the end is dropped, not a panic.
        assert_eq!(segments("铬盐", vec![(1, 3), (3, 99)]), [("铬", false), ("盐", true)]);
    }
}
