//! Text and attribute values written into HTML the command makes: every
//! character that could end the text or the value is written as an entity.

/// `text` safe as the content of an element (not of `<script>` or `<style>`).
pub fn escape_text(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    })
}

/// `text` with each character for which `escape` gives a replacement replaced, in one pass.
pub fn replace_chars(text: &str, escape: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match escape(c) {
            Some(replacement) => out.push_str(replacement),
            None => out.push(c),
        }
    }
    out
}

/// `value` safe inside a double-quoted attribute value.
pub fn escape_attribute(value: &str) -> String {
    escape_text(value).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(escape_text(r#"a < b && c > "d""#), r#"a &lt; b &amp;&amp; c &gt; "d""#);
        assert_eq!(escape_attribute(r#"x" onload="y"#), "x&quot; onload=&quot;y");
        assert_eq!(escape_attribute("&amp;"), "&amp;amp;");
    }
}
