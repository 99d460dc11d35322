//! A JSON value written back as compact JSON text, for the messages that
//! quote what a bundle held (a `date_published` that is a number, say).
//!
//! The same text as serde_json's `Value::to_string` of the same JSON, which
//! is checked in the tests (but numbers, which are as the bundle wrote them).

use std::fmt::Write;

use crate::lean_json::Json;

pub fn json_text(value: &Json) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::String(s) => write_string(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            // Of a repeated key, the last, as a map keeps it.
            let last = |i: usize, key: &str| !members[i + 1..].iter().any(|(k, _)| k == key);
            for (n, (_, (key, item))) in members.iter().enumerate().filter(|&(i, (key, _))| last(i, key)).enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_value(item, out);
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_serde_json_compact_text() {
        let samples = [
            r#"null"#,
            r#"[true,false,0,-7,18446744073709551615,-9223372036854775808]"#,
            r#"[1.0,0.1,-0.0,1e21,1.5e-7,123456789.125,2.5e300]"#,
            r#""plain, \"quoted\", back\\slash / and ünïcödé 中文 😀""#,
            "\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f\\u007f\u{2028}\"",
            r#"{"b":[{},[]],"a":{"z":null,"y":"x"},"":""}"#,
        ];
        for text in samples {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(json_text(&Json::from(&value)), value.to_string(), "{text}");
        }
        // Numbers as written; of a repeated key, the last.
        let ours = crate::lean_json::parse(br#"{"a": 1.50, "b": 2, "a": [1e3]}"#).unwrap();
        assert_eq!(json_text(&ours), r#"{"b":2,"a":[1e3]}"#);
    }
}
