//! Reading a feed for the headlines entry: the articles a compact list
//! shows, read as the page reads them (the same scanner finds the items
//! while the bytes arrive, the same JSON reader reads them, the same rules
//! settle titles and ids: `bundle`). A feed
//! it cannot read exactly as the page would is `None`, for the page's own
//! reader: one that is malformed or not JSON Feed 1.x (the page then says
//! why), and the rare one with an item whose title or id would be made of
//! its HTML body (the page reads HTML; this reader leaves it out).
//!
//! What a list does not show is not kept: bodies and summaries (once
//! titles and ids are settled), authors, pictures, a built site's pages.

use crate::article::{Article, Body};
use crate::bundle::{kind_of, known_version, listed_fields, BodyText, ItemReader};
use crate::bundle_reader::{ArrivingFeed, Scanned};
use crate::lean_json::{self, Json};

/// What the headlines need of a feed (its first page, for a pre-built archive).
#[derive(Clone, Debug, PartialEq)]
pub struct HeadlineFeed {
    pub title: String,
    pub articles: Vec<Article>,
    /// A pre-built archive (`_newsroom.index`): it has more articles than these.
    pub archive: bool,
}

/// Plain text and no text; HTML is the page's to read.
struct NoHtml;

impl BodyText for NoHtml {
    fn text(body: &Body) -> Option<String> {
        match body {
            Body::Text(text) => Some(text.clone()),
            Body::Empty => Some(String::new()),
            Body::Html(_) => None,
        }
    }
}

/// A feed being read: push bytes as they arrive, read items when there is
/// time, then finish (as `BundleReader`).
#[derive(Default)]
pub struct HeadlineReader {
    scanned: Scanned,
    items: ItemReader<NoHtml>,
    given_up: bool,
}

impl ArrivingFeed for HeadlineReader {
    fn scanned(&mut self) -> &mut Scanned {
        &mut self.scanned
    }

    fn read_items(&mut self, max: usize) -> usize {
        HeadlineReader::read_items(self, max)
    }
}

impl HeadlineReader {
    /// Reads up to `max` of the items that have fully arrived; returns how
    /// many (0: nothing more until more bytes come, or given up).
    pub fn read_items(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max && !self.given_up {
            let Some(item) = self.scanned.next_item() else { break };
            let read = match lean_json::parse(item) {
                Some(mut item @ Json::Object(_)) => Some(Ok(listed_fields(&mut item))),
                Some(other) => Some(Err(kind_of(&other))),
                None => None,
            };
            self.given_up = read.and_then(|item| self.items.add(item)).is_none();
            n += 1;
        }
        n
    }

    /// After the last byte: reads what is left and returns the feed, or
    /// `None` for the page's own reader.
    pub fn finish(mut self) -> Option<HeadlineFeed> {
        while self.read_items(usize::MAX) > 0 {}
        if self.given_up || !self.scanned.complete() {
            return None;
        }
        // The members a list uses (the last of a repeated name, as a map keeps it).
        let (mut version, mut title, mut extension) = (None, None, None);
        let mut has_items = false;
        for (key, value) in self.scanned.members() {
            let Some(Json::String(key)) = lean_json::parse(key) else { return None };
            if key == "items" && value.first() == Some(&b'[') {
                has_items = true;
                continue;
            }
            // Every other member is checked, as the page checks it.
            let value = lean_json::parse(value)?;
            match key.as_str() {
                "version" => version = Some(value),
                "title" => title = Some(value),
                "_newsroom" => extension = Some(value),
                _ => {}
            }
        }
        let known = version.as_ref().is_none_or(|v| v.as_str().is_some_and(known_version));
        if !known || !has_items {
            return None;
        }
        let title = title.as_ref().and_then(trimmed).unwrap_or("News").to_string();
        let archive = extension.as_ref().and_then(|ext| trimmed(ext.get("index")?)).is_some();
        let (mut articles, _, _) = self.items.into_parts();
        // Read to settle titles and ids; a list shows neither.
        for a in &mut articles {
            (a.body, a.summary) = (Body::Empty, None);
        }
        Some(HeadlineFeed { title, articles, archive })
    }
}

/// A string member's trimmed text, when it has any (the page's `string`).
fn trimmed(value: &Json) -> Option<&str> {
    value.as_str().map(str::trim).filter(|s| !s.is_empty())
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{parse_bundle, Bundle};
    use crate::test_rng::Rng;

    fn read(text: &[u8], chunk: usize) -> Option<HeadlineFeed> {
        let mut r = HeadlineReader::default();
        for part in text.chunks(chunk.max(1)) {
            r.scanned().push(part);
            r.read_items(3);
        }
        r.finish()
    }

    /// What a list shows of the page's reading.
    fn shown(b: &Bundle) -> HeadlineFeed {
        let articles = b.articles.iter().map(|a| Article { summary: None, body: Body::Empty, image: None, authors: vec![], page: None, ..a.clone() }).collect();
        HeadlineFeed { title: b.title.clone(), articles, archive: b.index_url.is_some() }
    }

    /// Read, it is the page's reading; else the page's reader must have something to say.
    fn agrees(text: &str) -> bool {
        let ours = read(text.as_bytes(), 1 + text.len() / 3);
        assert_eq!(ours, read(text.as_bytes(), text.len()), "chunks changed the reading: {text}");
        match (parse_bundle(text), ours) {
            (Ok(page), Some(ours)) => {
                assert_eq!(ours, shown(&page), "{text}");
                true
            }
            (Err(_), Some(ours)) => panic!("read a feed the page refuses: {ours:?} from {text}"),
            (_, None) => false,
        }
    }

    #[test]
    fn reads_the_sample_as_the_page_does() {
        let sample = include_str!("../sample/feed.json");
        assert!(agrees(sample), "the sample feed was given up");
        let feed = read(sample.as_bytes(), 1000).unwrap();
        assert!(feed.articles.len() > 40 && !feed.archive);
    }

    #[test]
    fn gives_up_what_the_page_refuses_or_reads_from_html() {
        for text in ["", "[]", "<!DOCTYPE html>", r#"{"version":"2","items":[]}"#, r#"{"version":null,"items":[]}"#, r#"{"title":"x"}"#,
            r#"{"items":{}}"#, r#"{"items":[1,]}"#, r#"{"items":[]} x"#, r#"{"items":[{"id":"a" "title":"A"}]}"#,
            r#"{"items":[{"id":"a","content_html":"<p>A title from HTML</p>"}]}"#,
            r#"{"items":[{"title":"A","content_html":"<p>An id from HTML</p>"}]}"#] {
            assert!(!agrees(text), "{text}");
        }
        // A title from plain text, an id from the address: read.
        assert!(agrees(r#"{"items":[{"id":"a","content_text":"From text. More."},{"title":"B","url":"https://example.com/b","content_html":"<p>x</p>"}]}"#));
        let archive = r#"{"title":" Acme ","_newsroom":{"index":"index/summary-h1.json"},"items":[{"id":7,"title":"A"}]}"#;
        assert!(agrees(archive));
        assert!(read(archive.as_bytes(), 5).unwrap().archive);
        // A numeric id is its text as written, in the page's reading too.
        let numbers = r#"{"items":[{"id":1.50,"title":"A"},{"id":-0,"title":"B"},{"id":1e999,"title":"C"}]}"#;
        assert!(agrees(numbers));
        let ids: Vec<String> = read(numbers.as_bytes(), 7).unwrap().articles.into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["1.50", "-0", "1e999"]);
    }

    #[test]
    fn agrees_with_the_page_on_random_feeds() {
        let mut rng = Rng::new(1919);
        let mut read_some = 0;
        let rounds = 3000;
        for _ in 0..rounds {
            let items: Vec<String> = (0..rng.below(6)).map(|_| random_item(&mut rng)).collect();
            let top = rng.pick(&["", r#""version":"https://jsonfeed.org/version/1.1","#, r#""version":"http://jsonfeed.org/version/1","#,
                r#""version":"https://jsonfeed.org/version/2","#, r#""title":" Acme News ","#, r#""title":"","#, r#""title":"A","title":"B","#,
                r#""_newsroom":{"index":"i.json"},"#, r#""_newsroom":{"index":" "},"#, r#""next_url":"p2.json","extra":[1,{"a":null}],"#]);
            let text = format!("{{{top}\"items\":[{}]}}", items.join(","));
            read_some += usize::from(agrees(&text));
        }
        // Most feeds are read: giving up is for what the page must say or read.
        assert!(read_some > rounds / 3, "read {read_some} of {rounds}");
    }

    fn random_item(rng: &mut Rng) -> String {
        if rng.below(12) == 0 {
            return rng.pick(&["null", "3", r#""text""#, "[]", "[1]"]).to_string();
        }
        let parts = [
            rng.pick(&["", r#""id":"a","#, r#""id":"b","#, r#""id":" a ","#, r#""id":"","#, r#""id":7,"#, r#""id":-12,"#, r#""id":2.5,"#, r#""id":null,"#]),
            rng.pick(&["", r#""title":"Plant visit","#, r#""title":"  ","#, r#""title":" Spaced ","#, r#""title":5,"#, r#""title":"A","title":"B","#]),
            rng.pick(&["", r#""summary":"Short. Then more.","#, r#""summary":"  ","#]),
            rng.pick(&["", r#""content_text":"Body text here. And on.","#, r#""content_html":"<p>Html &amp; body</p>","#, r#""content_text":"  ","#]),
            rng.pick(&["", r#""url":"https://example.com/a","#, r#""url":"https://example.com/b","#, r#""url":" ","#]),
            rng.pick(&["", r#""date_published":"2024-01-02","#, r#""date_published":"soon","date_modified":"2023-05-06T10:00:00+08:00","#,
                r#""date_modified":"2022-12-31T23:59:59Z","#, r#""date_published":20240102,"#]),
            rng.pick(&["", r#""_newsroom":{"category":"Products"},"#, r#""_newsroom":{"category":" "},"#, r#""_newsroom":[],"#]),
            rng.pick(&["", r#""tags":["x"," x ","",3,"y"],"#, r#""tags":"x","#]),
            rng.pick(&["", r#""language":"zh-CN","#, r#""language":" en ","#]),
            rng.pick(&["", r#""image":"a.png","#, r#""authors":[{"name":"Ann"}],"#, r#""extra":{"deep":[1,2,{"x":"\u00e9"}]},"#]),
        ];
        format!("{{{}\"end\":0}}", parts.concat())
    }
}
