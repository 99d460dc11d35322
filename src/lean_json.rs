//! The JSON reader of the page, the headlines and the command's bundle
//! reading: serde_json (its parser, its floats, its error texts) was 8 KB
//! of the page's gzipped wasm, and a bundle needs none of it. It reads a value
//! into what serde_json's `Value` would hold, numbers kept as written (their
//! text is all a bundle uses: an item's numeric id), or says where and why
//! the text is not JSON. What serde_json accepts, it accepts (and a number
//! beyond a float's range besides), and what serde_json refuses, it refuses
//! at the same line and column: the tests hold it to serde_json.

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// As written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// In order; of a repeated key, the last counts, as in serde_json's map.
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON, at a byte offset of it ([`JsonError::line_column`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub at: usize,
    pub problem: JsonProblem,
}

/// What was wrong where a [`JsonError`] points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonProblem {
    /// The text ends inside a value.
    End,
    /// Something other than a value where one must be.
    ExpectedValue,
    ExpectedColon,
    /// Neither a comma nor the end of the object or list.
    ExpectedCommaOrEnd,
    /// A member's name that is not a string.
    KeyNotString,
    /// More after the value.
    Trailing,
    BadNumber,
    BadEscape,
    /// A string with a control character in it (JSON needs it escaped).
    ControlCharacter,
    /// Text that is not UTF-8 (Latin-1 or GBK, say).
    NotUtf8,
    /// A `\u` escape that is half of a UTF-16 pair.
    LoneSurrogate,
    /// Nesting of 128 or more, which serde_json refuses.
    TooDeep,
}

impl JsonError {
    /// The line and column (from 1, in bytes) of the problem, as serde_json
    /// counts them: up to and with the byte at fault, or to the end.
    pub fn line_column(&self, text: &[u8]) -> (usize, usize) {
        let (breaks, column) = line_breaks(&text[..(self.at + 1).min(text.len())]);
        (breaks + 1, column)
    }
}

/// Nesting that serde_json reads (it refuses a 128th level).
const MAX_DEPTH: usize = 127;

/// The one value `bytes` hold, white space around it allowed.
pub fn parse(bytes: &[u8]) -> Option<Json> {
    read(bytes).ok()
}

/// [`parse`], or why not.
pub fn read(bytes: &[u8]) -> Result<Json, JsonError> {
    let mut p = Parser { b: bytes, at: 0, depth: 0 };
    let value = p.value()?;
    p.space();
    if p.at < bytes.len() {
        return p.fail(JsonProblem::Trailing);
    }
    Ok(value)
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

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A number that is a whole one from 0 to `u64::MAX`, as serde_json's `as_u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => crate::decimal::decimal(n),
            _ => None,
        }
    }

    /// An object, as itself (members are read with [`Json::get`]).
    pub fn as_object(&self) -> Option<&Json> {
        matches!(self, Json::Object(_)).then_some(self)
    }
}

/// serde_json's value as ours, for the command, which writes with serde_json
/// and reads with the page's rules.
#[cfg(not(target_arch = "wasm32"))]
impl From<&serde_json::Value> for Json {
    fn from(v: &serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.to_string()),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(a) => Json::Array(a.iter().map(Json::from).collect()),
            Value::Object(o) => Json::Object(o.iter().map(|(k, v)| (k.clone(), Json::from(v))).collect()),
        }
    }
}

/// Where a string's reader must next look in `bytes`: the first `"` or
/// `\`, or with `controls` also the first control character (which JSON
/// needs escaped). Eight bytes at a time: this looks at every byte of a
/// bundle's strings (most of its bytes), on the scanner's first pass while
/// the first articles wait and again as items are read, and a loop of a
/// byte at a time is several times slower.
pub(crate) fn string_stop(bytes: &[u8], controls: bool) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = if controls { ONES * 0x20 } else { 0 };
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for w in words.by_ref() {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        // A byte of `w ^ pattern` is zero where `w` has the byte, and a byte
        // of `w` is below 0x20 where `w - 0x20` borrows into its high bit:
        // the lowest such byte sets its high bit in `(x - n) & !x & HIGH`
        // (a borrow may set higher ones too, never a lower one).
        let (q, b) = (w ^ (ONES * u64::from(b'"')), w ^ (ONES * u64::from(b'\\')));
        let found = (q.wrapping_sub(ONES) & !q | b.wrapping_sub(ONES) & !b | w.wrapping_sub(below) & !w) & HIGH;
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    words.remainder().iter().position(|&c| c == b'"' || c == b'\\' || controls && c < 0x20).map(|p| at + p)
}

/// Line breaks in `bytes`, and the bytes after the last one (all of them
/// when there is none): eight bytes at a time, as the bundle reader looks
/// at every byte of the items it drops here once.
pub(crate) fn line_breaks(bytes: &[u8]) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let (mut lines, mut tail) = (0, bytes.len());
    let mut words = bytes.chunks_exact(8);
    for (k, w) in words.by_ref().enumerate() {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) ^ (ONES * u64::from(b'\n'));
        // The high bit of each byte of `x` that is zero (a line break), and
        // of no other: unlike a subtraction, no borrow reaches the next byte.
        let breaks = !(((x & LOW) + LOW) | x | LOW);
        if breaks != 0 {
            lines += breaks.count_ones() as usize;
            tail = bytes.len() - (k * 8 + 7 - breaks.leading_zeros() as usize / 8) - 1;
        }
    }
    let rest = words.remainder();
    for (i, _) in rest.iter().enumerate().filter(|&(_, &b)| b == b'\n') {
        lines += 1;
        tail = rest.len() - i - 1;
    }
    (lines, tail)
}

struct Parser<'a> {
    b: &'a [u8],
    at: usize,
    depth: usize,
}

type Step<T> = Result<T, JsonError>;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn fail<T>(&self, problem: JsonProblem) -> Step<T> {
        // Past the end, the problem is the end, whatever was expected.
        let problem = if self.at >= self.b.len() { JsonProblem::End } else { problem };
        Err(JsonError { at: self.at, problem })
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips `byte` after white space, or fails with `problem`.
    fn require(&mut self, byte: u8, problem: JsonProblem) -> Step<()> {
        self.space();
        if self.peek() != Some(byte) {
            return self.fail(problem);
        }
        self.at += 1;
        Ok(())
    }

    fn value(&mut self) -> Step<Json> {
        self.space();
        match self.peek() {
            Some(b'{') => self
                .nested(b'}', |p| {
                    p.require(b'"', JsonProblem::KeyNotString)?;
                    let key = p.string()?;
                    p.require(b':', JsonProblem::ExpectedColon)?;
                    Ok((key, p.value()?))
                })
                .map(Json::Object),
            Some(b'[') => self.nested(b']', Parser::value).map(Json::Array),
            Some(b'"') => {
                self.at += 1;
                self.string().map(Json::String)
            }
            Some(b't') => self.word(b"true", Json::Bool(true)),
            Some(b'f') => self.word(b"false", Json::Bool(false)),
            Some(b'n') => self.word(b"null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.fail(JsonProblem::ExpectedValue),
        }
    }

    /// An object or array: `element`s separated by commas, up to `close`.
    fn nested<T>(&mut self, close: u8, mut element: impl FnMut(&mut Self) -> Step<T>) -> Step<Vec<T>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail(JsonProblem::TooDeep);
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
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(c) if c == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return self.fail(JsonProblem::ExpectedCommaOrEnd),
                }
            }
        }
        self.depth -= 1;
        Ok(out)
    }

    /// `word`, failing at its first byte that differs.
    fn word(&mut self, word: &[u8], value: Json) -> Step<Json> {
        for &c in word {
            if self.peek() != Some(c) {
                return self.fail(JsonProblem::ExpectedValue);
            }
            self.at += 1;
        }
        Ok(value)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Step<Json> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else if self.digits() == 0 {
            return self.fail(JsonProblem::BadNumber);
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return self.fail(JsonProblem::BadNumber);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return self.fail(JsonProblem::BadNumber);
            }
        }
        // ASCII digits and signs only.
        Ok(Json::Number(self.b[start..self.at].iter().map(|&c| char::from(c)).collect()))
    }

    /// A string's content, after its opening quote, to its closing one.
    fn string(&mut self) -> Step<String> {
        let start = self.at;
        let mut out = Vec::new();
        loop {
            // Runs of plain bytes are copied at once: bodies are long.
            let Some(run) = string_stop(&self.b[self.at..], true) else {
                self.at = self.b.len();
                return self.fail(JsonProblem::End);
            };
            if out.is_empty() && self.b[self.at + run] == b'\\' {
                // Escapes only shorten a string: room for it as written is
                // one allocation, where growing it would copy a long body
                // at each of its line breaks.
                out.reserve(self.written_len());
            }
            out.extend_from_slice(&self.b[self.at..self.at + run]);
            self.at += run;
            match self.b[self.at] {
                b'"' => {
                    self.at += 1;
                    return String::from_utf8(out).or_else(|e| {
                        // Where the first byte that is not UTF-8 was, were there no escapes before it.
                        self.at = start + e.utf8_error().valid_up_to();
                        self.fail(JsonProblem::NotUtf8)
                    });
                }
                b'\\' => {
                    self.at += 1;
                    let c = self.escape()?;
                    let mut utf8 = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                }
                // A control character must be escaped.
                _ => return self.fail(JsonProblem::ControlCharacter),
            }
        }
    }

    /// The bytes from here to the string's closing quote (or the end), as written.
    fn written_len(&self) -> usize {
        let mut at = self.at;
        while let Some(run) = self.b.get(at..).and_then(|rest| string_stop(rest, false)) {
            at += run;
            if self.b[at] == b'"' {
                break;
            }
            // The backslash and the byte after it, which may be a quote.
            at += 2;
        }
        at.min(self.b.len()) - self.at
    }

    /// The character an escape (after its backslash) stands for.
    fn escape(&mut self) -> Step<char> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let unit = self.hex()?;
                if (0xDC00..0xE000).contains(&unit) {
                    return self.fail_back(JsonProblem::LoneSurrogate);
                }
                if !(0xD800..0xDC00).contains(&unit) {
                    return char::from_u32(unit).map_or_else(|| self.fail_back(JsonProblem::LoneSurrogate), Ok);
                }
                // The high half of a pair: the low half must follow.
                if !self.b[self.at..].starts_with(b"\\u") {
                    return self.fail(JsonProblem::LoneSurrogate);
                }
                self.at += 2;
                let low = self.hex()?;
                if !(0xDC00..0xE000).contains(&low) {
                    return self.fail_back(JsonProblem::LoneSurrogate);
                }
                return char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)).map_or_else(|| self.fail_back(JsonProblem::LoneSurrogate), Ok);
            }
            _ => return self.fail(JsonProblem::BadEscape),
        };
        self.at += 1;
        Ok(c)
    }

    /// Four hex digits; a fault in them is placed at the last of the four,
    /// as serde_json reads them all before it looks.
    fn hex(&mut self) -> Step<u32> {
        let Some(digits) = self.b.get(self.at..self.at + 4) else {
            self.at = self.b.len();
            return self.fail(JsonProblem::End);
        };
        self.at += 4;
        match digits.iter().try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?)) {
            Some(n) => Ok(n),
            None => self.fail_back(JsonProblem::BadEscape),
        }
    }

    /// A fault in what was just read: at its last byte.
    fn fail_back<T>(&mut self, problem: JsonProblem) -> Step<T> {
        self.at -= 1;
        self.fail(problem)
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

    #[test]
    fn line_breaks_are_counted_and_the_last_found_eight_bytes_at_a_time() {
        let mut rng = Rng::new(7);
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..rng.below(40)).map(|_| [b'\n', b'a', 0x8a, 0x0b, 0x09, b'\r', 0xff][rng.below(7)]).collect();
            let lines = bytes.iter().filter(|&&b| b == b'\n').count();
            let tail = bytes.iter().rposition(|&b| b == b'\n').map_or(bytes.len(), |i| bytes.len() - i - 1);
            assert_eq!(line_breaks(&bytes), (lines, tail), "{bytes:?}");
        }
    }

    /// Dropping read items as the bytes come changes nothing a reader sees:
    /// the same bundle, or the same error at the same line and column.
    /// A body with line breaks is read into room for it as written, not
    /// grown (and copied) at each escape.
    #[test]
    fn an_escaped_string_is_one_allocation() {
        let written = format!("{0}\\n\\n{0}\\\"{0}\\u00e9", "x".repeat(40));
        let Ok(Json::String(s)) = read(format!("\"{written}\"").as_bytes()) else { panic!("not a string") };
        assert_eq!(s, format!("{0}\n\n{0}\"{0}é", "x".repeat(40)));
        assert_eq!(s.capacity(), written.len());
    }

    /// What we read is what serde_json reads; what serde_json refuses, we
    /// refuse at the same line and column (and a number beyond a float's
    /// range, which serde_json refuses, we keep as written).
    fn agrees(text: &[u8]) {
        let ours = read(text);
        match (serde_json::from_slice::<Value>(text), &ours) {
            (Ok(theirs), Ok(ours)) => assert_eq!(normal(ours), from_serde(&theirs), "{:?}", String::from_utf8_lossy(text)),
            // A number beyond a float: ours reads on (to the end, or to a fault after it).
            (Err(e), _) if e.to_string().starts_with("number out of range") => {}
            (Err(e), Err(ours)) => {
                assert_eq!(ours.line_column(text), (e.line(), e.column()), "{:?}: {e} / {ours:?}", String::from_utf8_lossy(text))
            }
            (theirs, ours) => panic!("{:?}: serde_json {theirs:?}, ours {ours:?}", String::from_utf8_lossy(text)),
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
    fn refuses_what_serde_json_refuses_where_it_does() {
        let cases: &[&[u8]] = &[
            b"", b" ", b"{", b"}", b"[1,]", b"[,1]", b"{\"a\":1,}", b"{\"a\" 1}", b"{a:1}", b"[01]", b"[-]", b"[1.]", b"[.5]", b"[1e]",
            b"[1e+]", b"[+1]", b"[tru]", b"[nul]", b"\"abc", b"\"a\x01b\"", b"\"\\x\"", b"\"\\u12\"", b"\"\\u12g4\"", b"1 2",
            b"{\"a\":1}}", b"[\"\xff\"]", b"[\"\xc3\"]", b"['a']", b"[1 2]", b"{\"a\":1 \"b\":2}", b"NaN", b"[Infinity]",
            b"[\"\\ud800\"]", b"[\"\\udc00x\"]", b"[\"\\ud800\\u0041\"]", b"{\n  \"a\": [\n    {\"b\": 1 x}\n  ]\n}",
        ];
        for text in cases {
            assert!(parse(text).is_none(), "{:?}", String::from_utf8_lossy(text));
            agrees(text);
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(read(deep.as_bytes()).map_err(|e| e.problem), Err(JsonProblem::TooDeep));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        agrees(fine.as_bytes());
        assert_eq!(read(b"{\"a\" 1}").map_err(|e| e.problem), Err(JsonProblem::ExpectedColon));
        assert_eq!(read(b"[1 2]").map_err(|e| e.problem), Err(JsonProblem::ExpectedCommaOrEnd));
        assert_eq!(read(b"[1").map_err(|e| e.problem), Err(JsonProblem::End));
    }

    #[test]
    fn keeps_numbers_as_written_even_beyond_a_float() {
        for n in ["1e999", "-0", "1.50", "12345678901234567890123"] {
            assert_eq!(parse(format!("[{n}]").as_bytes()), Some(Json::Array(vec![Json::Number(n.into())])));
        }
        agrees(format!("[{}]", "9".repeat(400)).as_bytes());
    }

    #[test]
    fn property_string_stop_finds_the_first_as_a_plain_search_does() {
        let mut rng = Rng::new(3);
        let bytes = [b'"', b'\\', b'a', 0, 0x1f, 0x20, b'\n', 0x80, 0x81, 0x9f, 0xff, 0x22 ^ 0x80, 0x5c ^ 0x01, b' '];
        for _ in 0..5000 {
            let s: Vec<u8> = (0..rng.below(40)).map(|_| bytes[rng.below(bytes.len())]).collect();
            for controls in [false, true] {
                let plain = s.iter().position(|&c| c == b'"' || c == b'\\' || controls && c < 0x20);
                assert_eq!(string_stop(&s, controls), plain, "{s:?} {controls}");
            }
        }
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
