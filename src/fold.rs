//! Text folding and tokenising shared by search, highlighting and facets.
//!
//! Latin-script text is split into words, lower-cased and accent-folded so
//! that "Société" and "societe" meet. Chinese (and Japanese kana) is written
//! without spaces, so each unbroken run of it is kept as one token and
//! matched by substring.

/// What kind of run a token came from; the two kinds match differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Cjk,
}

/// A token with its folded text and its byte span in the original string,
/// so that matches can be highlighted in the text as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// True for characters of scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B and later
}

/// Appends the lower-cased, accent-folded form of `c` to `out`.
pub fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in crate::lowercase::lower(c) {
        match fold_latin(lower) {
            Some(s) => out.push_str(s),
            None => out.push(lower),
        }
    }
}

/// Lower-cases and accent-folds a whole string.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Splits `s` into word and CJK tokens; everything else separates them.
pub fn tokenize(s: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    each_token(s, |text, kind, start, end| tokens.push(Token { text: text.to_string(), start, end, kind }));
    tokens
}

/// Calls `f(folded, kind, start, end)` for each token of `s`, reusing one
/// buffer: the index tokenises megabytes, and an allocation per token shows.
pub fn each_token(s: &str, mut f: impl FnMut(&str, TokenKind, usize, usize)) {
    let mut folded = String::new();
    let mut current: Option<(TokenKind, usize, usize)> = None;
    for (i, c) in s.char_indices() {
        let kind = if c.is_ascii() {
            c.is_ascii_alphanumeric().then_some(TokenKind::Word)
        } else if is_cjk(c) {
            Some(TokenKind::Cjk)
        } else if c.is_alphanumeric() {
            Some(TokenKind::Word)
        } else {
            None
        };
        match (kind, current.as_mut()) {
            (Some(k), Some((kind, _, end))) if *kind == k => {
                push_folded(c, &mut folded);
                *end = i + c.len_utf8();
            }
            (Some(k), _) => {
                if let Some((kind, start, end)) = current.take() {
                    f(&folded, kind, start, end);
                }
                folded.clear();
                push_folded(c, &mut folded);
                current = Some((k, i, i + c.len_utf8()));
            }
            (None, _) => {
                if let Some((kind, start, end)) = current.take() {
                    f(&folded, kind, start, end);
                }
            }
        }
    }
    if let Some((kind, start, end)) = current {
        f(&folded, kind, start, end);
    }
}

/// The base letters of the accented Latin letters European news uses.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Société Générale"), "societe generale");
        assert_eq!(fold("Müller GmbH, São Paulo"), "muller gmbh, sao paulo");
        assert_eq!(fold("Straße Œuvre"), "strasse oeuvre");
    }

    #[test]
    fn splits_english_on_punctuation() {
        assert_eq!(texts("The company's high-quality (green) development."),
            ["the", "company", "s", "high", "quality", "green", "development"]);
    }

    #[test]
    fn keeps_chinese_runs_whole_and_splits_mixed_text() {
        assert_eq!(texts("铬盐生产线，ISO 14001认证"), ["铬盐生产线", "iso", "14001", "认证"]);
        let t = tokenize("abc铬盐");
        assert_eq!((t[0].kind, t[1].kind), (TokenKind::Word, TokenKind::Cjk));
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let s = "Visit by Société — 铬盐";
        for t in tokenize(s) {
            assert_eq!(fold(&s[t.start..t.end]), t.text);
        }
    }

    #[test]
    fn empty_and_punctuation_only_text_has_no_tokens() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" ,.;— “”").is_empty());
    }
}
