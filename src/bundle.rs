//! Reading a JSON Feed (1.0 or 1.1) bundle into validated articles.
//!
//! A bad bundle is an error the page explains; a bad item is skipped with a
//! reason, and the rest of the bundle is still shown.

use std::collections::HashMap;
use std::marker::PhantomData;


use crate::article::{body_text, Article, Body};
pub use crate::bundle_reader::BundleReader;
use crate::date::{parse_date, PublishedDate};
use crate::thumbnail::safe_image;
use crate::fallbacks::{content_id, title_from_text};
use crate::index::FxBuild;
use crate::json_text::json_text;
use crate::lean_json::{self, Json, JsonError, JsonProblem};
use crate::site_address::page_path;

#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub title: String,
    pub description: Option<String>,
    pub language: Option<String>,
    /// The next page of the feed (JSON Feed `next_url`).
    pub next_url: Option<String>,
    /// The website the feed belongs to.
    pub home_page_url: Option<String>,
    /// A pre-built archive's index summary (`_newsroom.index`), relative to the feed.
    pub index_url: Option<String>,
    /// The feed's authors: by the spec, those of every item that names none.
    pub authors: Vec<String>,
    pub articles: Vec<Article>,
    pub skipped: Vec<ItemError>,
    /// How many articles had an empty or repeated `id` and got one from
    /// their `url` or content instead.
    pub recovered_ids: usize,
}

impl Bundle {
    /// Adds the articles of a later page of the same feed; one whose `id` an
    /// earlier page had (a feed that changed between two requests) is not
    /// added again. Returns how many were left out so.
    pub fn append(&mut self, page: Bundle) -> usize {
        let offered = page.articles.len();
        let fresh: Vec<Article> = {
            // Owned ids, in the map type the reader uses: one copy of its code in the wasm.
            let ids: HashMap<String, usize, FxBuild> = self.articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
            page.articles.into_iter().filter(|a| !ids.contains_key(&a.id)).collect()
        };
        let repeated = offered - fresh.len();
        self.articles.extend(fresh);
        self.skipped.extend(page.skipped);
        self.recovered_ids += page.recovered_ids;
        self.next_url = page.next_url;
        repeated
    }
}

/// Why the bundle as a whole could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    Empty,
    Syntax { line: usize, column: usize, problem: JsonProblem },
    Html { start: String },
    NotAnObject { found: JsonKind },
    UnknownVersion { version: String },
    NoItems,
    ItemsNotAList { found: JsonKind },
    /// A file of a built archive that could not be written (the command's).
    Unwritable { reason: String },
}

/// What a JSON value turned out to be, where something else was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Boolean,
    Number,
    String,
    EmptyList,
    List,
    Object,
}

/// Why one item was skipped. `index` counts from 1, as a reader would.
///
/// Only an item with nothing to show is skipped: one without a title gets
/// one from its text, one without a usable date is shown undated, and one
/// with an empty or repeated `id` gets one from its `url` or content.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemError {
    NotAnObject { index: usize, found: JsonKind },
    /// No title, no text and no `url`. `id` is the item's own, if it had one.
    NothingToShow { index: usize, id: Option<String> },
}

/// Parses the text of a bundle (the same path as a bundle read while it arrives).
pub fn parse_bundle(text: &str) -> Result<Bundle, BundleError> {
    let mut reader = BundleReader::default();
    reader.push(text.as_bytes());
    reader.finish()
}

/// The whole-document path: for what is not an object with an `items` list
/// (to say what it is), and for exact error positions in malformed JSON.
pub(crate) fn parse_whole(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(BundleError::Empty);
    }
    if trimmed.starts_with('<') {
        let start: String = trimmed.chars().take(40).collect();
        return Err(BundleError::Html { start });
    }
    let mut feed = lean_json::read(trimmed.as_bytes()).map_err(|e| syntax(&e, trimmed.as_bytes()))?;
    if feed.as_object().is_none() {
        return Err(BundleError::NotAnObject { found: kind_of(&feed) });
    }
    check_version(feed.get("version"))?;
    let items = match feed.take("items") {
        None | Some(Json::Null) => return Err(BundleError::NoItems),
        Some(Json::Array(items)) => items,
        Some(other) => return Err(BundleError::ItemsNotAList { found: kind_of(&other) }),
    };
    let mut reader = ItemReader::default();
    for item in items {
        reader.read(item);
    }
    Ok(reader.into_bundle(&feed))
}

fn not_utf8(bytes: &[u8], at: usize) -> BundleError {
    syntax(&JsonError { at, problem: JsonProblem::NotUtf8 }, bytes)
}

/// A JSON error in `text`, at its line and column.
pub fn syntax(e: &JsonError, text: &[u8]) -> BundleError {
    let (line, column) = e.line_column(text);
    BundleError::Syntax { line, column, problem: e.problem }
}

pub(crate) fn check_version(version: Option<&Json>) -> Result<(), BundleError> {
    let Some(version) = version else { return Ok(()) };
    if version.as_str().is_some_and(known_version) {
        return Ok(());
    }
    let version = version.as_str().map_or_else(|| json_text(version), str::to_string);
    Err(BundleError::UnknownVersion { version })
}

/// Whether a `version` string is JSON Feed 1.x, the versions the page reads.
pub(crate) fn known_version(v: &str) -> bool {
    // `trim_start_matches` with prefixes, by hand (see `syntax_message`).
    let mut v = v;
    while let Some(rest) = v.strip_prefix("https://") {
        v = rest;
    }
    while let Some(rest) = v.strip_prefix("http://") {
        v = rest;
    }
    v.starts_with("jsonfeed.org/version/1")
}

/// How an item's body becomes plain text when a title or an id is made of
/// it. The page's reader reads any body ([`AnyBody`]); a reader that keeps
/// HTML out of its wasm (the headlines entry's) answers `None` for it and
/// gives the feed up rather than guess.
pub trait BodyText {
    fn text(body: &Body) -> Option<String>;
}

/// Any body, HTML through `html_text`.
pub struct AnyBody;

impl BodyText for AnyBody {
    fn text(body: &Body) -> Option<String> {
        Some(body_text(body))
    }
}

/// An item's fields as read from its JSON object, before the reader
/// settles its title and its id.
pub(crate) struct ItemFields {
    pub own_id: Option<String>,
    pub title: Option<String>,
    pub date: Option<PublishedDate>,
    pub summary: Option<String>,
    pub body: Body,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub language: Option<String>,
    pub image: Option<String>,
    pub authors: Vec<String>,
    pub page: Option<String>,
}

/// Validates items one at a time, remembering ids to catch repeats.
pub(crate) struct ItemReader<T: BodyText = AnyBody> {
    articles: Vec<Article>,
    skipped: Vec<ItemError>,
    /// FxHash like the index, so the wasm needs no second hasher; on
    /// wasm32-unknown-unknown std has no random source for SipHash's keys anyway.
    /// Each id taken, with its article's place. (This map type is also the
    /// catalog's and the index's: one copy of its code in the wasm.)
    seen: HashMap<String, usize, FxBuild>,
    recovered_ids: usize,
    text: PhantomData<T>,
}

impl<T: BodyText> Default for ItemReader<T> {
    fn default() -> Self {
        ItemReader { articles: Vec::new(), skipped: Vec::new(), seen: HashMap::default(), recovered_ids: 0, text: PhantomData }
    }
}

impl ItemReader {
    pub(crate) fn read(&mut self, mut item: Json) {
        let fields = match item {
            Json::Object(_) => Ok(read_fields(&mut item)),
            other => Err(kind_of(&other)),
        };
        // Any body is readable: every item is settled.
        let _ = self.add(fields);
    }
}

impl<T: BodyText> ItemReader<T> {
    /// Adds the next item: its fields, or what it was instead of an object.
    /// `None` (and nothing added) when its title or id would be made of a
    /// body `T` cannot read.
    pub(crate) fn add(&mut self, item: Result<ItemFields, JsonKind>) -> Option<()> {
        let index = self.articles.len() + self.skipped.len() + 1;
        let fields = match item {
            Ok(fields) => fields,
            Err(found) => {
                self.skipped.push(ItemError::NotAnObject { index, found });
                return Some(());
            }
        };
        match settle::<T>(index, fields)? {
            Ok((mut article, own_id)) => {
                article.id = self.unique_id(own_id, &article)?;
                self.seen.insert(article.id.clone(), self.articles.len());
                self.articles.push(article);
            }
            Err(e) => self.skipped.push(e),
        }
        Some(())
    }

    /// The articles so far, and the items skipped.
    pub(crate) fn into_parts(self) -> (Vec<Article>, Vec<ItemError>, usize) {
        (self.articles, self.skipped, self.recovered_ids)
    }

    /// The item's own id when it has one no earlier item took; else its
    /// `url`, else a hash of its content (numbered on if even that repeats).
    fn unique_id(&mut self, own: Option<String>, article: &Article) -> Option<String> {
        if let Some(id) = own.filter(|id| !self.seen.contains_key(id)) {
            return Some(id);
        }
        self.recovered_ids += 1;
        let candidate = match article.url.clone().filter(|u| !self.seen.contains_key(u)) {
            Some(url) => url,
            None => {
                let date = article.date.as_ref().map_or("", |d| d.machine.as_str());
                content_id(&[&article.title, date, &T::text(&article.body)?])
            }
        };
        let mut id = candidate.clone();
        for n in 2u64.. {
            if !self.seen.contains_key(&id) {
                break;
            }
            id = candidate.clone() + "-" + &crate::decimal::text(n);
        }
        Some(id)
    }

}

impl ItemReader {
    pub(crate) fn into_bundle(self, feed: &Json) -> Bundle {
        Bundle {
            title: string(feed, "title").unwrap_or_else(|| "News".to_string()),
            description: string(feed, "description"),
            language: string(feed, "language"),
            next_url: string(feed, "next_url"),
            home_page_url: string(feed, "home_page_url"),
            index_url: feed.get("_newsroom").and_then(Json::as_object).and_then(|ext| string(ext, "index")),
            authors: authors(feed),
            articles: self.articles,
            skipped: self.skipped,
            recovered_ids: self.recovered_ids,
        }
    }
}

/// Reads one item's fields, moving its strings out rather than copying
/// them (bodies are most of a bundle's bytes).
fn read_fields(o: &mut Json) -> ItemFields {
    // Only a path that stays inside the site: the page pushes it as an address.
    let page = o.get("_newsroom").and_then(|ext| ext.get("page")?.as_str()).and_then(page_path).map(str::to_string);
    // 1.1 has `authors`; 1.0 had a single `author`.
    ItemFields { image: picture(o), authors: authors(o), page, ..listed_fields(o) }
}

/// The fields of an item that a list shows, and those that settle its
/// title and id: all but its picture, its authors and its built page, which
/// the headlines leave out of their wasm.
pub(crate) fn listed_fields(o: &mut Json) -> ItemFields {
    let own_id = own_id(o.take("id"));
    // JSON Feed allows `date_modified` alone; it is the best date such an item has.
    let date = ["date_published", "date_modified"].iter().find_map(|k| o.get(k)?.as_str().and_then(parse_date));
    let body = match (take(o, "content_html"), take(o, "content_text")) {
        (Some(html), _) => Body::Html(html),
        (None, Some(text)) => Body::Text(text),
        (None, None) => Body::Empty,
    };
    let category = o.get("_newsroom").and_then(|ext| string(ext, "category"));
    let mut tags: Vec<String> = Vec::new();
    for tag in o.get("tags").and_then(Json::as_array).into_iter().flatten() {
        add_tag(&mut tags, tag.as_str());
    }
    ItemFields {
        own_id,
        title: take(o, "title"),
        date,
        summary: take(o, "summary"),
        body,
        url: take(o, "url"),
        tags,
        category,
        language: take(o, "language"),
        image: None,
        authors: Vec::new(),
        page: None,
    }
}

/// An item's own `id`: JSON Feed says a string; a number is what some
/// generators write, and means the same: its text as written.
fn own_id(id: Option<Json>) -> Option<String> {
    match id? {
        Json::Number(n) => Some(n),
        Json::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// A tag as an item lists it: trimmed, and once.
fn add_tag(tags: &mut Vec<String>, tag: Option<&str>) {
    if let Some(tag) = tag.map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
}

/// The article an item's fields make, with an empty `id` for
/// [`ItemReader`] to settle, and the item's own id. An item without a title
/// gets one from its text; one with nothing to show is skipped. `None` when
/// the title would be made of a body `T` cannot read.
// Not inlined by rustc: the page's wasm comes out 0.2 KB gzip smaller.
#[inline(never)]
fn settle<T: BodyText>(index: usize, f: ItemFields) -> Option<Result<(Article, Option<String>), ItemError>> {
    let title = match f.title {
        Some(title) => title,
        None => {
            let text = match f.summary.clone().filter(|s| !s.trim().is_empty()) {
                Some(summary) => summary,
                None => T::text(&f.body)?,
            };
            match title_from_text(&text).or_else(|| f.url.clone()) {
                Some(title) => title,
                None => return Some(Err(ItemError::NothingToShow { index, id: f.own_id })),
            }
        }
    };
    let article = Article {
        id: String::new(),
        title,
        date: f.date,
        summary: f.summary,
        body: f.body,
        tags: f.tags,
        category: f.category,
        language: f.language,
        url: f.url,
        image: f.image,
        authors: f.authors,
        page: f.page,
    };
    Some(Ok((article, f.own_id)))
}

/// `image`, else `banner_image`: the first whose address pictures may have.
fn picture(o: &mut Json) -> Option<String> {
    let (image, banner) = (take(o, "image"), take(o, "banner_image"));
    image.filter(|u| safe_image(u).is_some()).or(banner)
}

/// Names from `authors` (1.1), else `author` (1.0), of an item or the feed.
fn authors(o: &Json) -> Vec<String> {
    author_links(o).into_iter().map(|a| a.name).collect()
}

/// An author with a name, and the address of their page when the feed gives one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub url: Option<String>,
}

/// The authors of an item or the feed (JSON objects), as [`authors`] finds
/// them, each with its `url`: a static page links them.
pub fn author_links(o: &Json) -> Vec<Author> {
    match (o.get("authors"), o.get("author")) {
        (Some(Json::Array(list)), _) => list.iter().filter_map(author).collect(),
        (_, Some(one)) => author(one).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// [`author_links`] of an object as the command holds it (serde_json's):
/// only its authors are turned into the page's JSON, not its body.
#[cfg(not(target_arch = "wasm32"))]
pub fn author_links_of(o: &serde_json::Map<String, serde_json::Value>) -> Vec<Author> {
    let members = ["authors", "author"].into_iter().filter_map(|k| Some((k.to_string(), Json::from(o.get(k)?)))).collect();
    author_links(&Json::Object(members))
}

fn author(v: &Json) -> Option<Author> {
    let a = v.as_object()?;
    Some(Author { name: string(a, "name")?, url: string(a, "url") })
}

/// Like [`string`], but moves the string out of the item when it needs no trimming.
fn take(o: &mut Json, key: &str) -> Option<String> {
    match o.take(key)? {
        Json::String(s) if s.trim().len() == s.len() => Some(s).filter(|s| !s.is_empty()),
        Json::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// A trimmed, non-empty string field; anything else counts as absent.
fn string(o: &Json, key: &str) -> Option<String> {
    o.get(key).and_then(Json::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

pub(crate) fn kind_of(v: &Json) -> JsonKind {
    match v {
        Json::Null => JsonKind::Null,
        Json::Bool(_) => JsonKind::Boolean,
        Json::Number(_) => JsonKind::Number,
        Json::String(_) => JsonKind::String,
        Json::Array(a) if a.is_empty() => JsonKind::EmptyList,
        Json::Array(_) => JsonKind::List,
        Json::Object(_) => JsonKind::Object,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::describe::{bundle_error, item_error};
    use crate::messages::EN;

    fn feed(items: &str) -> String {
        format!(r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Acme News","items":[{items}]}}"#)
    }

    const GOOD: &str = r#"{"id":"a","title":"A","date_published":"2024-01-02","content_text":"x","_newsroom":{"category":"Products","unknown":1},"tags":["x"," x ","",3,"y"],"extra":true}"#;

    #[test]
    fn reads_a_good_item_and_ignores_unknown_fields() {
        let b = parse_bundle(&feed(GOOD)).unwrap();
        assert_eq!(b.title, "Acme News");
        assert!(b.skipped.is_empty());
        let a = &b.articles[0];
        assert_eq!((a.id.as_str(), a.title.as_str(), a.date.as_ref().map(|d| d.year)), ("a", "A", Some(2024)));
        assert_eq!(a.category.as_deref(), Some("Products"));
        assert_eq!(b.next_url, None);
        let paged = parse_bundle(r#"{"next_url":"https://example.com/feed-2.json","items":[]}"#).unwrap();
        assert_eq!(paged.next_url.as_deref(), Some("https://example.com/feed-2.json"));
        assert_eq!(a.tags, ["x", "y"]);
        assert_eq!(a.body, Body::Text("x".into()));
    }

    #[test]
    fn an_items_static_page_is_kept_only_as_a_path_inside_the_site() {
        let item = |page: &str| format!(r#"{{"id":"a","title":"A","_newsroom":{{"category":"C","page":{page}}}}}"#);
        let page = |page: &str| parse_bundle(&feed(&item(page))).unwrap().articles[0].page.clone();
        assert_eq!(page(r#""articles/plant/""#).as_deref(), Some("articles/plant/"));
        assert_eq!(page(r#"" articles/副市长来访/ ""#).as_deref(), Some("articles/副市长来访/"));
        let hostile = [r#""javascript:alert(1)""#, r#""https://evil.example/""#, r#""//evil.example/""#, r#""/articles/plant/""#,
            r#""../../etc/""#, r#""articles/%2e%2e/%2E%2E/x""#, r#""articles\\..\\x""#, r#""\n//evil.example""#, r#""\t""#,
            "null", "3", r#"["articles/plant/"]"#, r#"{"href":"articles/plant/"}"#];
        for hostile in hostile {
            assert_eq!(page(hostile), None, "{hostile}");
        }
        // The rest of the item is read as ever.
        let b = parse_bundle(&feed(&item(r#""javascript:alert(1)""#))).unwrap();
        assert_eq!((b.articles[0].category.as_deref(), b.skipped.len()), (Some("C"), 0));
        assert_eq!(parse_bundle(&feed(GOOD)).unwrap().articles[0].page, None);
    }

    #[test]
    fn translations_of_an_item_change_nothing_the_page_reads() {
        // `_newsroom.translations` is for the static site's hreflang links;
        // the reader must take an item with any form of it as it takes GOOD.
        let plain = parse_bundle(&feed(GOOD)).unwrap();
        for translations in [r#"{"zh-CN":"a-zh"}"#, r#"{"zh-CN":7,"":null}"#, r#""a-zh""#, "null", "[1]"] {
            let item = GOOD.replace(r#""unknown":1"#, &format!(r#""translations":{translations}"#));
            assert_eq!(parse_bundle(&feed(&item)).unwrap(), plain, "{translations}");
        }
    }

    #[test]
    fn prefers_html_and_reads_both_author_forms() {
        let b = parse_bundle(&feed(r#"{"id":"a","title":"A","date_published":"2024-01-02","content_text":"t","content_html":"<p>h</p>","authors":[{"name":"Ann"},{"url":"x"}]},
            {"id":"b","title":"B","date_modified":"2024-01-02T10:00:00Z","author":{"name":"Bo"}}"#)).unwrap();
        assert_eq!(b.articles[0].body, Body::Html("<p>h</p>".into()));
        assert_eq!(b.articles[0].authors, ["Ann"]);
        assert_eq!(b.articles[1].authors, ["Bo"]);
        let item = serde_json::json!({"authors": [{"name": " Ann ", "url": "https://example.com/ann"}, {"url": "x"}, {"name": "Cy"}]});
        let links = author_links_of(item.as_object().unwrap());
        assert_eq!(links, [Author { name: "Ann".into(), url: Some("https://example.com/ann".into()) }, Author { name: "Cy".into(), url: None }]);
        assert_eq!(b.articles[1].body, Body::Empty);
    }

    #[test]
    fn accepts_json_feed_1_0_and_a_missing_version() {
        for version in [r#""version":"https://jsonfeed.org/version/1","#, r#""version":"http://jsonfeed.org/version/1.1","#, ""] {
            let text = format!(r#"{{{version}"items":[{GOOD}]}}"#);
            let b = parse_bundle(&text).unwrap();
            assert_eq!((b.title.as_str(), b.articles.len()), ("News", 1));
        }
    }

    #[test]
    fn only_items_with_nothing_to_show_are_skipped() {
        let text = feed(&format!(r#"{GOOD}, "oops", {{"title":"no id","date_published":"2024-01-01"}},
            {{"id":7,"title":"numeric id","date_published":"2024-01-01"}},
            {{"id":"a","title":"dup","url":"https://example.com/dup"}},
            {{"id":"","title":"empty id","content_text":"x"}},
            {{"id":"c","date_published":"2024-01-01","content_text":"Hello world. More follows."}},
            {{"id":"d","title":"T"}},
            {{"id":"e","title":"T","date_published":"yesterday"}},
            {{"id":"f","date_published":"2024-01-01","tags":["x"]}},
            {{"id":"g","url":"https://example.com/g"}},
            {{"id":"e","title":"T","date_published":"yesterday"}}, null"#));
        let b = parse_bundle(&text).unwrap();
        let reasons: Vec<String> = b.skipped.iter().map(|e| item_error(&EN, e)).collect();
        assert_eq!(reasons, [
            "item 2 is a string, not an object",
            "item 10 (`id` f): nothing to show (no `title`, no text and no `url`)",
            "item 13 is null, not an object",
        ]);
        let shown: Vec<(&str, &str, Option<i32>)> =
            b.articles.iter().map(|a| (a.id.as_str(), a.title.as_str(), a.date.as_ref().map(|d| d.year))).collect();
        let hash = |title: &str, date: &str, body: &str| content_id(&[title, date, body]);
        let (no_id, empty_id, twin) = (hash("no id", "2024-01-01", ""), hash("empty id", "", "x"), hash("T", "", ""));
        assert_eq!(shown, [
            ("a", "A", Some(2024)),
            (no_id.as_str(), "no id", Some(2024)),
            ("7", "numeric id", Some(2024)),
            ("https://example.com/dup", "dup", None),
            (empty_id.as_str(), "empty id", None),
            ("c", "Hello world", Some(2024)),
            ("d", "T", None),
            ("e", "T", None),
            ("g", "https://example.com/g", None),
            (twin.as_str(), "T", None),
        ]);
        assert_eq!(b.recovered_ids, 4);
    }

    #[test]
    fn later_pages_add_what_earlier_ones_did_not_have() {
        let page = |items: &str, next: &str| parse_bundle(&format!(r#"{{"next_url":{next},"items":[{items}]}}"#)).unwrap();
        let mut b = page(r#"{"id":"a","title":"A"},{"id":"b","title":"B"}"#, r#""p2.json""#);
        let repeated = b.append(page(r#"{"id":"b","title":"B again"},{"id":"c","title":"C"},{"title":"untitled"}"#, "null"));
        assert_eq!(repeated, 1);
        let ids: Vec<&str> = b.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids[..3], ["a", "b", "c"]);
        assert_eq!((b.articles.len(), b.recovered_ids, b.next_url.as_deref()), (4, 1, None));
    }

    #[test]
    fn a_repeated_item_gets_a_numbered_id() {
        let same = r#"{"id":"x","title":"Same","content_text":"body"}"#;
        let b = parse_bundle(&feed(&[same; 4].join(","))).unwrap();
        let base = content_id(&["Same", "", "body"]);
        let ids: Vec<&str> = b.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", base.as_str(), &format!("{base}-2"), &format!("{base}-3")]);
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let err = parse_bundle("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"Broken\" oops\n}").unwrap_err();
        let BundleError::Syntax { line, column, .. } = &err else { panic!("{err:?}") };
        assert_eq!((*line, *column), (3, 21));
        let words = bundle_error(&EN, &err);
        assert!(words.contains("line 3, column 21"), "{words}");
        // serde_json's own position suffix is cut off; ours is the one shown.
        assert_eq!(words.matches(" at line ").count(), 1, "{words}");
    }

    #[test]
    fn says_what_was_received_when_it_is_not_a_feed() {
        let html = parse_bundle("  <!DOCTYPE html><html><body>502</body></html>").unwrap_err();
        assert!(matches!(html, BundleError::Html { .. }));
        assert_eq!(parse_bundle("[]").unwrap_err(), BundleError::NotAnObject { found: JsonKind::EmptyList });
        assert_eq!(parse_bundle("\"x\"").unwrap_err(), BundleError::NotAnObject { found: JsonKind::String });
        assert_eq!(parse_bundle(r#"{"version":"https://jsonfeed.org/version/1.1","title":"x"}"#).unwrap_err(), BundleError::NoItems);
        assert_eq!(parse_bundle(r#"{"items":{}}"#).unwrap_err(), BundleError::ItemsNotAList { found: JsonKind::Object });
        assert_eq!(parse_bundle(r#"{"version":"2.0","items":[]}"#).unwrap_err(),
            BundleError::UnknownVersion { version: "2.0".into() });
        assert_eq!(parse_bundle(" \n").unwrap_err(), BundleError::Empty);
    }

    #[test]
    fn an_empty_item_list_is_a_valid_feed() {
        let b = parse_bundle(&feed("")).unwrap();
        assert!(b.articles.is_empty() && b.skipped.is_empty());
    }
}
