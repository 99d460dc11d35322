//! A JSON value written back as compact JSON text, for the messages that
//! quote what a bundle held (a `date_published` that is a number, say).
//!
//! The same text as serde_json's `Value::to_string`, which is checked in the
//! tests; written here because that path brings serde_json's serializer and
//! `std::io` into the wasm only for these messages.

use std::fmt::Write;

use serde_json::Value;

pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // serde_json's own number formatting, as its serializer uses.
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
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
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(json_text(&value), value.to_string(), "{text}");
        }
    }
}
