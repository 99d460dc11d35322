//! Values written into the XML files of a built site (the sitemap, the Atom
//! feed): every character that could end a text or an attribute value is
//! an entity, and characters XML 1.0 forbids are left out, since a single
//! one makes the whole document unreadable to a strict parser.

use crate::escape::replace_chars;

/// `text` safe as XML character data and inside a quoted attribute value
/// (either quote), without the characters XML 1.0 does not allow.
pub fn xml_text(text: &str) -> String {
    replace_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        c if !allowed(c) => Some(""),
        _ => None,
    })
}

/// XML 1.0's `Char`: tab, line feed, carriage return, and everything from
/// U+0020 but U+FFFE and U+FFFF (a Rust `char` is never a surrogate).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    /// Panics unless `xml` is one well-formed XML 1.0 document: one root
    /// element, every element closed in order, attributes unique, every
    /// entity one XML defines, every character one XML allows.
    pub(crate) fn well_formed(xml: &str) {
        let mut reader = Reader::from_str(xml);
        let (mut depth, mut roots) = (0usize, 0);
        let check = |text: &str, what: &str| assert!(text.chars().all(allowed), "a character XML forbids in {what}: {text:?}");
        loop {
            let event = reader.read_event().unwrap_or_else(|e| panic!("not well-formed at {}: {e}\n{xml}", reader.buffer_position()));
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    if depth == 0 {
                        roots += 1;
                    }
                    for attr in e.attributes() {
                        let attr = attr.unwrap_or_else(|e| panic!("a bad attribute: {e}"));
                        // XML forbids it there; this reader lets it pass.
                        assert!(!attr.value.contains('<'), "a `<` in an attribute value");
                        check(&attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap_or_else(|e| panic!("a bad attribute value: {e}")), "an attribute");
                    }
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                    }
                }
                Event::End(_) => depth -= 1,
                Event::Text(t) => {
                    let text = t.xml10_content();
                    assert!(depth > 0 || text.trim().is_empty(), "text outside the root: {text:?}");
                    check(&text, "text");
                }
                Event::GeneralRef(r) => {
                    let known = matches!(&*r.xml10_content(), "amp" | "lt" | "gt" | "quot" | "apos");
                    let char_ref = r.resolve_char_ref().ok().flatten();
                    assert!(known || char_ref.is_some_and(allowed), "an entity XML does not define: {r:?}");
                }
                Event::CData(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => panic!("unexpected {event:?}"),
                Event::Decl(_) => {}
                Event::Eof => break,
            }
        }
        assert_eq!((depth, roots), (0, 1), "one root element, closed");
    }

    #[test]
    fn markup_characters_become_entities_and_forbidden_ones_go() {
        assert_eq!(xml_text(r#"a & <b> "c" 'd'"#), "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;");
        assert_eq!(xml_text("]]></content>"), "]]&gt;&lt;/content&gt;");
        assert_eq!(xml_text("a\u{0}b\u{1}c\u{8}\u{b}\u{c}\u{1f}d\u{fffe}\u{ffff}e"), "abcde");
        assert_eq!(xml_text("tab\tline\ncr\r\u{7f}\u{85}中\u{10000}"), "tab\tline\ncr\r\u{7f}\u{85}中\u{10000}");
    }

    #[test]
    fn what_is_escaped_reads_back_as_a_document() {
        let hostile = "]]></x><y a=\"1\">&amp; &bogus; \u{0}\u{1b}\u{ffff} 'q' <!-- <![CDATA[ x ]]> --> <?pi?>";
        let doc = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<x a=\"{0}\" b='{0}'>{0}</x>\n", xml_text(hostile));
        well_formed(&doc);
        for bad in ["<x>&bogus;</x>", "<x>a & b</x>", "<x>\u{1}</x>", "<x a='1' a='2'/>", "<x></y>", "<x/><x/>", "<x>", "<x a=\"&bogus;\"/>", "<x a=\"<\"/>", "<x a=\"\u{1}\"/>"] {
            assert!(std::panic::catch_unwind(|| well_formed(bad)).is_err(), "{bad} passed");
        }
    }
}
