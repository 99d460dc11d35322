//! A small strict JSON reader, for the headlines entry's wasm: serde_json
//! (its error messages, its floats, its maps) would be most of a wasm that
//! size. It reads a value into what serde_json's `Value` would hold, or
//! gives up (`None`): on malformed JSON (the page's own reader then says
//! where), and on the rare valid JSON it cannot be sure serde_json reads
//! the same (a number that might be out of range, a lone surrogate escape,
//! deep nesting). The tests hold it to serde_json.

/// A JSON value, as far as the headlines read one.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// As written (its text is all that is used: an item's numeric id).
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// In order; of a repeated key, the last counts, as in serde_json's map.
    Object(Vec<(String, Json)>),
}

/// Nesting that serde_json reads (it refuses deeper than 128) with room to spare.
const MAX_DEPTH: usize = 100;

/// Digits (of a number's mantissa, or its exponent) within which serde_json
/// surely reads it without overflowing.
const MAX_DIGITS: usize = 100;
const MAX_EXPONENT_DIGITS: usize = 2;

/// The one value `bytes` hold, white space around it allowed.
pub fn parse(bytes: &[u8]) -> Option<Json> {
    let mut p = Parser { b: bytes, at: 0, depth: 0 };
    let value = p.value()?;
    p.space();
    (p.at == bytes.len()).then_some(value)
}

impl Json {
    /// An object's member (the last of that name).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Moves an object's member out (the last of that name), as `Map::remove`.
    pub fn take(&mut self, key: &str) -> Option<Json> {
        let Json::Object(members) = self else { return None };
        let at = members.iter().rposition(|(k, _)| k == key)?;
        // Every earlier one of that name goes too: a map holds only the last.
        let value = members.remove(at).1;
        members.retain(|(k, _)| k != key);
        Some(value)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

struct Parser<'a> {
    b: &'a [u8],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips `byte` after white space, or fails.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.space();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    fn value(&mut self) -> Option<Json> {
        self.space();
        match self.peek()? {
            b'{' => self.nested(b'}', |p| {
                p.expect(b'"')?;
                let key = p.string()?;
                p.expect(b':')?;
                Some((key, p.value()?))
            })
            .map(Json::Object),
            b'[' => self.nested(b']', Parser::value).map(Json::Array),
            b'"' => {
                self.at += 1;
                self.string().map(Json::String)
            }
            b't' => self.word(b"true", Json::Bool(true)),
            b'f' => self.word(b"false", Json::Bool(false)),
            b'n' => self.word(b"null", Json::Null),
            _ => self.number(),
        }
    }

    /// An object or array: `element`s separated by commas, up to `close`.
    fn nested<T>(&mut self, close: u8, mut element: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
        } else {
            loop {
                out.push(element(self)?);
                self.space();
                match self.peek()? {
                    b',' => self.at += 1,
                    c if c == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(out)
    }

    fn word(&mut self, word: &[u8], value: Json) -> Option<Json> {
        self.b[self.at..].starts_with(word).then(|| {
            self.at += word.len();
            value
        })
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let whole = self.digits();
        // No leading zeros: "0" alone, or a digit from 1.
        if whole == 0 || (whole > 1 && self.b[self.at - whole] == b'0') {
            return None;
        }
        let mut digits = whole;
        if self.peek() == Some(b'.') {
            self.at += 1;
            let fraction = self.digits();
            if fraction == 0 {
                return None;
            }
            digits += fraction;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            let exponent = self.digits();
            if exponent == 0 || exponent > MAX_EXPONENT_DIGITS {
                return None;
            }
        }
        if digits > MAX_DIGITS {
            return None;
        }
        // ASCII digits and signs only: always UTF-8.
        std::str::from_utf8(&self.b[start..self.at]).ok().map(|n| Json::Number(n.to_string()))
    }

    /// A string's content, after its opening quote, to its closing one.
    fn string(&mut self) -> Option<String> {
        let mut out = Vec::new();
        loop {
            // Runs of plain bytes are copied at once: bodies are long.
            let run = self.b[self.at..].iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
            out.extend_from_slice(&self.b[self.at..self.at + run]);
            self.at += run;
            match self.b[self.at] {
                b'"' => {
                    self.at += 1;
                    return String::from_utf8(out).ok();
                }
                b'\\' => {
                    self.at += 1;
                    let c = self.escape()?;
                    let mut utf8 = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                }
                // A control character must be escaped.
                _ => return None,
            }
        }
    }

    /// The character an escape (after its backslash) stands for.
    fn escape(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex()?;
                if (0xDC00..0xE000).contains(&unit) {
                    return None;
                }
                if (0xD800..0xDC00).contains(&unit) {
                    // A pair, or nothing this reader decides.
                    if !self.b[self.at..].starts_with(b"\\u") {
                        return None;
                    }
                    self.at += 2;
                    let low = self.hex()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    return char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                }
                return char::from_u32(unit);
            }
            _ => return None,
        })
    }

    fn hex(&mut self) -> Option<u32> {
        let digits = self.b.get(self.at..self.at + 4)?;
        self.at += 4;
        digits.iter().try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;
    use serde_json::Value;

    /// serde_json's value in ours (numbers as serde_json writes them back,
    /// which is their text for the integers an id may be).
    fn from_serde(v: &Value) -> Json {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.to_string()),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(a) => Json::Array(a.iter().map(from_serde).collect()),
            Value::Object(o) => Json::Object(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect()),
        }
    }

    /// Ours with repeated keys settled as a map settles them, keys sorted as
    /// serde_json's map sorts them, and numbers as serde_json writes them.
    fn normal(j: &Json) -> Json {
        match j {
            Json::Number(n) => Json::Number(serde_json::from_str::<Value>(n).unwrap().to_string()),
            Json::Array(a) => Json::Array(a.iter().map(normal).collect()),
            Json::Object(members) => {
                let mut map: std::collections::BTreeMap<String, Json> = Default::default();
                for (k, v) in members {
                    map.insert(k.clone(), normal(v));
                }
                Json::Object(map.into_iter().collect())
            }
            other => other.clone(),
        }
    }

    /// What we read is what serde_json reads; what serde_json refuses, we refuse.
    fn agrees(text: &[u8]) {
        let ours = parse(text);
        match serde_json::from_slice::<Value>(text) {
            Ok(theirs) => {
                if let Some(ours) = &ours {
                    assert_eq!(normal(ours), from_serde(&theirs), "{:?}", String::from_utf8_lossy(text));
                }
            }
            Err(_) => assert_eq!(ours, None, "{:?}", String::from_utf8_lossy(text)),
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let cases: &[&[u8]] = &[
            br#"{"a": [1, -2, 0, 3.25, -0.5e-3, 1E+2, true, false, null, "x"], "b": {}, "c": [], "a": "again"}"#,
            " \"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t é 中\" ".as_bytes(),
            b"[[[[]]]]",
            b"  12  ",
            b"\"caf\xc3\xa9\"",
        ];
        for text in cases {
            assert!(parse(text).is_some(), "{:?}", String::from_utf8_lossy(text));
            agrees(text);
        }
        let o = parse(br#"{"id": 7, "id": "x", "t": 1}"#).unwrap();
        assert_eq!(o.get("id"), Some(&Json::String("x".into())));
        let mut o = o;
        assert_eq!(o.take("id").and_then(|v| v.as_str().map(str::to_string)).as_deref(), Some("x"));
        assert_eq!(o.get("id"), None);
        assert_eq!(o, Json::Object(vec![("t".into(), Json::Number("1".into()))]));
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        let cases: &[&[u8]] = &[
            b"", b" ", b"{", b"}", b"[1,]", b"[,1]", b"{\"a\":1,}", b"{\"a\" 1}", b"{a:1}", b"[01]", b"[-]", b"[1.]", b"[.5]", b"[1e]",
            b"[1e+]", b"[+1]", b"[tru]", b"[nul]", b"\"abc", b"\"a\x01b\"", b"\"\\x\"", b"\"\\u12\"", b"\"\\u12g4\"", b"1 2",
            b"{\"a\":1}}", b"[\"\xff\"]", b"[\"\xc3\"]", b"['a']", b"[1 2]", b"{\"a\":1 \"b\":2}", b"NaN", b"[Infinity]",
        ];
        for text in cases {
            assert_eq!(parse(text), None, "{:?}", String::from_utf8_lossy(text));
            agrees(text);
        }
    }

    #[test]
    fn leaves_to_serde_json_what_it_cannot_be_sure_of() {
        // Valid JSON this reader does not decide: `None`, never another value.
        for text in [&b"[1e999]"[..], b"[\"\\ud800\"]", b"[\"\\udc00x\"]", b"[\"\\ud800\\u0041\"]"] {
            assert_eq!(parse(text), None, "{:?}", String::from_utf8_lossy(text));
            agrees(text);
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(deep.as_bytes()), None);
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(fine.as_bytes()).is_some());
        agrees(format!("[{}]", "9".repeat(400)).as_bytes());
    }

    /// Random bytes from JSON's alphabet, and random edits of valid JSON.
    #[test]
    fn agrees_with_serde_json_on_random_input() {
        let mut rng = Rng::new(1919);
        let pieces = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d83d", "de00", "00e9", "a", "1", "0", "-", ".", "e", "+", " ", "\n",
            "true", "null", "false", "\"k\"", "\"v\"", "12", "3.5", "\u{e9}", "\u{1}", "\u{7f}"];
        for _ in 0..20_000 {
            let n = 1 + rng.below(12);
            let text: String = (0..n).map(|_| rng.pick(&pieces)).collect();
            agrees(text.as_bytes());
        }
        let sample = include_bytes!("../sample/feed.json");
        let whole = parse(sample).expect("the sample feed");
        assert_eq!(normal(&whole), from_serde(&serde_json::from_slice(sample).unwrap()));
        for _ in 0..300 {
            let mut text = sample[..2000].to_vec();
            let at = rng.below(text.len());
            match rng.below(3) {
                0 => {
                    text.remove(at);
                }
                1 => text.insert(at, rng.pick(&["\"", ",", "}", "]", "\\", "0"]).as_bytes()[0]),
                _ => text.truncate(at),
            }
            agrees(&text);
        }
    }
}
