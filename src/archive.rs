//! The archive `newsroom import` grows: a JSON Feed 1.1 document whose items
//! are kept from one import to the next. An incoming item replaces the
//! archived one with its `id` when it differs; the items are written newest
//! first (undated last, ties by id), so the same input gives the same bytes.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::bundle::{parse_bundle, BundleError};
use crate::date::parse_date;

pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// A JSON Feed item as an object, exactly as it will be written.
pub type Item = Map<String, Value>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Archive {
    /// Every top-level member but `version` and `items`, kept as found.
    feed: Map<String, Value>,
    items: Vec<Item>,
    by_id: HashMap<String, usize>,
}

/// What a merge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Archive {
    pub fn new(title: &str) -> Self {
        let mut archive = Archive::default();
        archive.set("title", title);
        archive
    }

    /// An archive written before (or any JSON Feed): it must read as the page
    /// reads it, so a broken archive is refused rather than overwritten.
    pub fn from_json(text: &str) -> Result<Self, BundleError> {
        parse_bundle(text)?;
        let Ok(Value::Object(mut feed)) = serde_json::from_str::<Value>(text) else {
            return Err(BundleError::NoItems);
        };
        feed.remove("version");
        let mut archive = Archive { feed, ..Archive::default() };
        if let Some(Value::Array(items)) = archive.feed.remove("items") {
            for item in items {
                if let Value::Object(item) = item {
                    archive.push(item);
                }
            }
        }
        Ok(archive)
    }

    /// Every top-level member but `version` and `items` (the feed's
    /// `title`, `authors`, `_newsroom`…), as found.
    pub fn members(&self) -> &Map<String, Value> {
        &self.feed
    }

    pub fn title(&self) -> Option<&str> {
        self.feed.get("title").and_then(Value::as_str)
    }

    /// Sets a top-level string member (`title`, `description`, `language`, `home_page_url`…).
    pub fn set(&mut self, key: &str, value: &str) {
        self.feed.insert(key.to_string(), Value::String(value.to_string()));
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn push(&mut self, item: Item) {
        if let Some(id) = item.get("id").and_then(Value::as_str) {
            self.by_id.insert(id.to_string(), self.items.len());
        }
        self.items.push(item);
    }

    /// Adds new items and replaces changed ones, by `id`.
    pub fn merge(&mut self, incoming: impl IntoIterator<Item = Item>) -> MergeCounts {
        let mut counts = MergeCounts::default();
        for item in incoming {
            let known = item.get("id").and_then(Value::as_str).and_then(|id| self.by_id.get(id)).copied();
            match known {
                Some(i) if self.items[i] == item => counts.unchanged += 1,
                Some(i) => {
                    self.items[i] = item;
                    counts.updated += 1;
                }
                None => {
                    self.push(item);
                    counts.added += 1;
                }
            }
        }
        counts
    }

    /// The items newest first, undated last, then by id: an order that does
    /// not depend on the input's.
    pub fn newest_first(&self) -> Vec<&Item> {
        self.newest_first_positions().into_iter().map(|i| &self.items[i]).collect()
    }

    /// The items held at `positions` (see [`Self::newest_first_positions`]).
    pub fn items_at(&self, positions: &[usize]) -> Vec<&Item> {
        positions.iter().filter_map(|&at| self.items.get(at)).collect()
    }

    /// Where each item of [`Self::newest_first`] is held: what
    /// [`Self::with_extension`] names items by.
    pub fn newest_first_positions(&self) -> Vec<usize> {
        let mut order: Vec<(Option<i64>, &str, usize)> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| (item_time(item), item.get("id").and_then(Value::as_str).unwrap_or(""), i))
            .collect();
        order.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => y.cmp(&x).then(a.1.cmp(b.1)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(b.1),
        });
        order.into_iter().map(|(_, _, i)| i).collect()
    }

    /// The archive with each item named by its position (see
    /// [`Self::newest_first_positions`]) given `_newsroom.<key>` set to the
    /// value given for it; the item's other `_newsroom` members are kept.
    /// For what a build tells the page about an item, such as its static
    /// page. (By value: a copy of a large archive costs seconds.)
    pub fn with_extension(mut self, key: &str, values: impl IntoIterator<Item = (usize, Value)>) -> Archive {
        for (at, value) in values {
            if let Some(item) = self.items.get_mut(at) {
                set_extension(item, key, value);
            }
        }
        self
    }

    /// Writes the archive as JSON Feed 1.1, newest first.
    pub fn write(&self, out: impl Write) -> io::Result<()> {
        write_page(&self.feed, &self.newest_first(), None, None, out)
    }

    /// Writes `items` (some of [`Self::newest_first`]) as one page of a paged
    /// feed: this archive's members, the items, and `next_url` when given.
    pub fn write_page(&self, items: &[&Item], next_url: Option<&str>, out: impl Write) -> io::Result<()> {
        write_page(&self.feed, items, next_url, None, out)
    }

    /// Writes the first page of a pre-built archive: a page whose
    /// `_newsroom.index` names the index summary.
    pub fn write_first_page(&self, items: &[&Item], next_url: Option<&str>, index: &str, out: impl Write) -> io::Result<()> {
        write_page(&self.feed, items, next_url, Some(index), out)
    }
}

/// Sets `_newsroom.<key>` of `object` (a feed or an item), making
/// `_newsroom` an object if it is not one.
fn set_extension(object: &mut Map<String, Value>, key: &str, value: Value) {
    let ext = object.entry("_newsroom").or_insert_with(|| Value::Object(Map::new()));
    if !ext.is_object() {
        *ext = Value::Object(Map::new());
    }
    if let Value::Object(ext) = ext {
        ext.insert(key.into(), value);
    }
}

fn write_page(feed: &Map<String, Value>, items: &[&Item], next_url: Option<&str>, index: Option<&str>, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut ser = serde_json::Serializer::pretty(&mut out);
    let mut feed = std::borrow::Cow::Borrowed(feed);
    if let Some(index) = index {
        set_extension(feed.to_mut(), "index", index.into());
    }
    Document { feed: &feed, items, next_url }.serialize(&mut ser).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The instant an item sorts by: `date_published`, else `date_modified`.
fn item_time(item: &Item) -> Option<i64> {
    ["date_published", "date_modified"].iter().find_map(|k| item.get(*k)?.as_str().and_then(parse_date)).map(|d| d.timestamp)
}

/// The feed as written: `version` first, then the feed's members, `next_url`
/// (a page's own, never one the archive was read with), `items` last.
struct Document<'a> {
    feed: &'a Map<String, Value>,
    items: &'a [&'a Item],
    next_url: Option<&'a str>,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.feed.len() + 2))?;
        map.serialize_entry("version", JSON_FEED_VERSION)?;
        for (k, v) in self.feed.iter().filter(|(k, _)| k.as_str() != "next_url") {
            map.serialize_entry(k, v)?;
        }
        if let Some(next) = self.next_url {
            map.serialize_entry("next_url", next)?;
        }
        map.serialize_entry("items", self.items)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::JsonKind;

    fn item(id: &str, date: &str, title: &str) -> Item {
        let Value::Object(o) = serde_json::json!({"id": id, "title": title, "date_published": date}) else { unreachable!() };
        o
    }

    fn written(a: &Archive) -> String {
        let mut out = Vec::new();
        a.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn merges_by_id_and_writes_newest_first() {
        let mut a = Archive::new("News");
        let first: Vec<Item> = (1..=10).map(|n| item(&format!("i{n}"), &format!("2024-01-{n:02}"), "T")).collect();
        assert_eq!(a.merge(first), MergeCounts { added: 10, updated: 0, unchanged: 0 });
        let mut second: Vec<Item> = (6..=15).map(|n| item(&format!("i{n}"), &format!("2024-01-{n:02}"), "T")).collect();
        second[1] = item("i7", "2024-01-07", "Edited");
        assert_eq!(a.merge(second.clone()), MergeCounts { added: 5, updated: 1, unchanged: 4 });
        let once = written(&a);
        assert_eq!(a.merge(second), MergeCounts { added: 0, updated: 0, unchanged: 10 });
        assert_eq!(written(&a), once);

        let back = Archive::from_json(&once).unwrap();
        assert_eq!(written(&back), once, "reading and writing again changes nothing");
        let b = parse_bundle(&once).unwrap();
        let ids: Vec<&str> = b.articles.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids.len(), 15);
        assert_eq!((ids[0], ids[14]), ("i15", "i1"));
        assert_eq!(b.articles.iter().find(|x| x.id == "i7").unwrap().title, "Edited");
        assert!(once.starts_with("{\n  \"version\": \"https://jsonfeed.org/version/1.1\""), "{once}");
    }

    #[test]
    fn undated_items_go_last_and_ties_go_by_id() {
        let mut a = Archive::new("News");
        a.merge([item("b", "2024-01-01", "B"), item("u", "", "U"), item("a", "2024-01-01T00:00:00Z", "A"), item("c", "2025-01-01", "C")]);
        let ids: Vec<String> = parse_bundle(&written(&a)).unwrap().articles.into_iter().map(|x| x.id).collect();
        assert_eq!(ids, ["c", "a", "b", "u"]);
    }

    #[test]
    fn extensions_are_added_to_the_items_named_and_keep_their_neighbours() {
        let mut a = Archive::new("News");
        let mut own = item("b", "2024-01-01", "B");
        own.insert("_newsroom".into(), serde_json::json!({"category": "Products"}));
        let mut odd = item("c", "2023-01-01", "C");
        odd.insert("_newsroom".into(), serde_json::json!("not an object"));
        a.merge([item("a", "2025-01-01", "A"), own, odd]);
        let positions = a.newest_first_positions();
        let pages = positions.iter().map(|&p| (p, Value::from(format!("articles/{p}/"))));
        let with = a.clone().with_extension("page", pages.take(3));
        let ext: Vec<Value> = with.newest_first().iter().map(|i| i["_newsroom"].clone()).collect();
        assert_eq!(ext, [
            serde_json::json!({"page": format!("articles/{}/", positions[0])}),
            serde_json::json!({"category": "Products", "page": format!("articles/{}/", positions[1])}),
            serde_json::json!({"page": format!("articles/{}/", positions[2])}),
        ]);
        assert!(a.newest_first().iter().all(|i| i.get("_newsroom").is_none_or(|e| e.get("page").is_none())), "the original is unchanged");
    }

    #[test]
    fn a_broken_archive_is_refused() {
        assert!(matches!(Archive::from_json("{\"items\": [ }"), Err(BundleError::Syntax { .. })));
        assert_eq!(Archive::from_json("[]"), Err(BundleError::NotAnObject { found: JsonKind::EmptyList }));
    }
}
