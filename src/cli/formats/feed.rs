//! RSS 0.9x/1.0/2.0 and Atom 1.0, read with feed-rs. (JSON Feed is read by
//! the page's own reader, in `json_feed.rs`.)
//!
//! feed-rs does the parsing; this module only maps its model onto drafts and
//! fills in what feed-rs drops on the way: the offset of each date (it keeps
//! UTC only), `xml:base` and `xml:lang` of each item, images named by
//! `media:thumbnail` alone.
//! Those come from a second pass over the same XML with quick-xml's event
//! reader (the parser feed-rs itself uses), matched to feed-rs's entries by
//! position. The WordPress reader shares all of this ([`read`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed, FeedType, Text};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use url::Url;

use crate::dates::{self, When};
use crate::draft::{Draft, SourceError, SourcePage};
use crate::html;

/// The WordPress reader reads its dates through here.
pub(crate) use crate::dates::normalize as date;

const RSS_NS: &str = "http://purl.org/rss/1.0/";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const MEDIA_NS: &str = "http://search.yahoo.com/mrss/";
const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
/// WXR 1.0–1.2, and the `excerpt:` namespace below it. WordPress.com
/// exports name it with `https://`, self-hosted WordPress with `http://`.
const WORDPRESS_NS: &str = "wordpress.org/export/";

/// Reads one feed document. `base` is the document's own address (a URL, or
/// none for a local file): relative links resolve against the item's
/// `xml:base`, else the feed's, else `base`, else the feed's own home-page link.
pub fn read_feed(bytes: impl Into<Vec<u8>>, base: Option<&str>) -> Result<SourcePage, SourceError> {
    read(bytes.into(), base).map(|read| read.page)
}

/// A feed read, with what its XML said around each item beyond what feed-rs keeps.
pub(crate) struct Read {
    pub page: SourcePage,
    /// One per item of `page`, in the same order, when the XML was walked to
    /// its end and its items matched feed-rs's entries one to one; else empty.
    pub items: Vec<ItemXml>,
    /// Whether `items` is complete.
    pub matched: bool,
}

/// What one `<item>`/`<entry>` says that feed-rs does not keep.
#[derive(Clone, Debug, Default)]
pub(crate) struct ItemXml {
    /// Every `xml:base` from the root down to the item, outermost first.
    bases: Vec<String>,
    /// `xml:base` on the element holding the body, if it has its own.
    content_base: Option<String>,
    /// `xml:lang` in effect at the item.
    lang: Option<String>,
    enclosure_image: Option<String>,
    media_image: Option<String>,
    thumbnail: Option<String>,
    /// Direct children in a WordPress export namespace: local name and text, in order.
    pub wordpress: Vec<(String, String)>,
    /// `wp:postmeta` children: each one's `wp:meta_key` and `wp:meta_value`, in order.
    pub postmeta: Vec<(String, String)>,
}

/// Where the text of an element being read goes.
enum Capture {
    /// A WordPress field of the item, by local name.
    Field(String),
    /// The key, or the value, of the item's last `wp:postmeta`.
    MetaKey,
    MetaValue,
    /// A media time, checked for what feed-rs cannot read.
    Duration,
}

fn is_wordpress(namespace: Option<&str>) -> bool {
    namespace
        .and_then(|ns| ns.strip_prefix("http://").or_else(|| ns.strip_prefix("https://")))
        .is_some_and(|rest| rest.starts_with(WORDPRESS_NS))
}

/// Reads a feed for [`read_feed`] and for readers of RSS dialects that need the
/// items' raw XML too.
///
/// Takes the document over, so that a large one is not in memory twice: its
/// text is freed once feed-rs has read it, before the drafts are made.
pub(crate) fn read(bytes: Vec<u8>, base: Option<&str>) -> Result<Read, SourceError> {
    let doc_base = base.and_then(|b| Url::parse(b).ok());
    let text = match prepare(&bytes)? {
        Prepared::Xml(Cow::Owned(text)) => Ok(text),
        // Borrowed text is always the end of `bytes`: the rest is dropped, not copied.
        Prepared::Xml(Cow::Borrowed(text)) => Err(bytes.len() - text.len()),
    };
    let text = match text {
        Ok(text) => text,
        Err(skip) => {
            let mut bytes = bytes;
            bytes.drain(..skip);
            String::from_utf8(bytes).map_err(|_| SourceError::NotText)?
        }
    };
    read_xml(text, doc_base)
}

enum Prepared<'a> {
    /// UTF-8 text without its XML declaration: the declaration has been acted on.
    Xml(Cow<'a, str>),
}

/// The document as UTF-8 text, and which kind of feed it can be. An XML
/// declaration naming another encoding is honoured here, then dropped, so that
/// feed-rs sees plain UTF-8 (its own re-decoding panics on some declarations).
fn prepare(bytes: &[u8]) -> Result<Prepared<'_>, SourceError> {
    use quick_xml::encoding::{decode, detect_encoding, DetectedEncoding};
    let detected = detect_encoding(bytes);
    let bom = detected.as_ref().map_or(0, DetectedEncoding::bom_len);
    let body = &bytes[bom..];
    if let Some(d @ (DetectedEncoding::Utf16BeBom
    | DetectedEncoding::Utf16LeBom
    | DetectedEncoding::Utf16BeLike
    | DetectedEncoding::Utf16LeLike)) = detected
    {
        let text = decode(body, d.encoding()).map_err(|_| malformed("XML", "not valid UTF-16".into()))?;
        let text = strip_declaration(&text).to_string();
        return Ok(Prepared::Xml(Cow::Owned(text)));
    }
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    match body.get(start) {
        // JSON Feed is read by the page's own reader (`json_feed.rs`), not here.
        Some(b'{') => Err(std::str::from_utf8(body).map_or(SourceError::NotText, |t| SourceError::UnknownFormat { start: beginning(t) })),
        Some(b'<') => {
            let rest = &body[start..];
            let mut reader = quick_xml::Reader::from_reader(rest);
            if let Ok(Event::Decl(decl)) = reader.read_event_into(&mut Vec::new()) {
                let end = usize::try_from(reader.buffer_position()).unwrap_or(rest.len()).min(rest.len());
                let after = &rest[end..];
                // UTF-16 declared over ASCII-compatible bytes is a mislabel: read as UTF-8.
                if let Some(encoding) = decl.encoder().filter(|e| e.name() != "UTF-8" && !e.name().starts_with("UTF-16")) {
                    let text = decode(after, encoding)
                        .map_err(|_| malformed("XML", format!("not valid {} text", encoding.name())))?;
                    return Ok(Prepared::Xml(Cow::Owned(text.into_owned())));
                }
                return std::str::from_utf8(after).map(|t| Prepared::Xml(Cow::Borrowed(t))).map_err(|_| SourceError::NotText);
            }
            std::str::from_utf8(rest).map(|t| Prepared::Xml(Cow::Borrowed(t))).map_err(|_| SourceError::NotText)
        }
        _ => match std::str::from_utf8(body) {
            Ok(text) => Err(SourceError::UnknownFormat { start: beginning(text) }),
            Err(_) => Err(SourceError::NotText),
        },
    }
}

/// `text` without a leading XML declaration.
fn strip_declaration(text: &str) -> &str {
    let trimmed = text.trim_start();
    if trimmed.starts_with("<?xml") {
        if let Some(end) = trimmed.find("?>") {
            return &trimmed[end + 2..];
        }
    }
    trimmed
}

/// The first line of a document, short, to say what it was instead of a feed.
fn beginning(text: &str) -> String {
    let line = text.trim_start().lines().next().unwrap_or("").trim();
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn malformed(format: &'static str, detail: String) -> SourceError {
    let mut detail = detail.trim().to_string();
    if detail.chars().count() > 200 {
        detail = detail.chars().take(200).collect::<String>() + "…";
    }
    SourceError::Malformed { format, detail }
}

// ---------------------------------------------------------------------------
// feed-rs, with dates whose offsets are kept

/// Every date feed-rs parsed, by UTC second, as the source wrote it.
type Offsets = Arc<Mutex<HashMap<i64, When>>>;

fn parse_with_feed_rs(text: &str, base: Option<&Url>) -> (Result<Feed, String>, HashMap<i64, When>) {
    let offsets: Offsets = Arc::default();
    let table = Arc::clone(&offsets);
    // Dates naming `CST`, by the UTC second they were read as: a Chinese
    // feed means China Standard Time by it, which only the feed's language tells.
    let cst: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let cst_seen = Arc::clone(&cst);
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.map(Url::as_str))
        // An empty id is how a generated one would look: the mapping stage invents ids, not us.
        .id_generator(|_, _, _| String::new())
        // Without the `sanitize` feature this does nothing; said anyway, since
        // bodies must reach the bundle as the source wrote them.
        .sanitize_content(false)
        .timestamp_parser(move |raw| {
            let when = dates::parse(raw)?;
            let utc = when.utc();
            if dates::parse_as_china(raw).is_some() {
                if let Ok(mut seen) = cst_seen.lock() {
                    seen.push((utc.timestamp(), raw.to_string()));
                }
            }
            if let Ok(mut table) = table.lock() {
                table.entry(utc.timestamp()).or_insert(when);
            }
            Some(utc)
        })
        .build();
    // feed-rs has panics on some hostile input (see read_xml's guards); in a
    // build that unwinds, one still becomes an error rather than a crash.
    let result = match catch_unwind(AssertUnwindSafe(|| parser.parse(text.as_bytes()))) {
        Ok(Ok(feed)) => Ok(feed),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the feed parser gave up on this document".to_string()),
    };
    drop(parser);
    let mut offsets = match Arc::try_unwrap(offsets) {
        Ok(mutex) => mutex.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()),
        Err(shared) => shared.lock().map(|t| t.clone()).unwrap_or_default(),
    };
    let chinese = result.as_ref().is_ok_and(|feed| feed.language.as_deref().is_some_and(|l| l.to_ascii_lowercase().starts_with("zh")));
    if chinese {
        for (at, raw) in cst.lock().map(|c| c.clone()).unwrap_or_default() {
            if let Some(when) = dates::parse_as_china(&raw) {
                offsets.insert(at, when);
            }
        }
    }
    (result, offsets)
}

/// A date feed-rs hands back in UTC, as the source wrote it (see [`dates`]).
fn format_date(at: &DateTime<Utc>, offsets: &HashMap<i64, When>) -> String {
    // Every date passes through our parser, so a miss is not expected; UTC is then all there is.
    offsets.get(&at.timestamp()).copied().unwrap_or_else(|| When::At(at.fixed_offset())).written()
}

// ---------------------------------------------------------------------------
// XML: the walk beside feed-rs

/// What a walk over the XML found.
#[derive(Debug, Default)]
struct Walk {
    /// The root element's local name, once seen.
    root: Option<String>,
    /// `xml:base` values on the root (and RSS `<channel>`), outermost first.
    feed_bases: Vec<String>,
    feed_lang: Option<String>,
    items: Vec<ItemXml>,
    /// Whether the root element was closed with no XML error before.
    complete: bool,
    /// Where the root element ends: feed-rs reads no further than the walk did.
    root_end: usize,
    /// quick-xml's complaint, when the walk stopped on one.
    error: Option<String>,
    /// Something feed-rs cannot be trusted with (it panics on it).
    hazard: Option<String>,
}

struct Frame {
    lang: Option<String>,
    /// Depth counting the root as 1.
    depth: usize,
}

/// Walks `text` with quick-xml's event reader up to the end of its root
/// element, recording per item what feed-rs does not keep. Never fails: an
/// XML error ends the walk and is recorded.
fn walk(text: &str) -> Walk {
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.trim_markup_names_in_closing_tags = true;

    let mut out = Walk::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut bases: Vec<(usize, String)> = Vec::new();
    // The item being read: its index and depth.
    let mut item: Option<(usize, usize)> = None;
    // Text being gathered, what it is for and the depth of its element.
    let mut capture: Option<(Capture, usize, String)> = None;
    // Whether the item's current direct child is a `wp:postmeta`.
    let mut in_postmeta = false;
    let mut channels = 0;

    loop {
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(pair) => pair,
            Err(e) => {
                out.error = Some(e.to_string());
                return out;
            }
        };
        match event {
            Event::Start(e) => {
                let depth = stack.len() + 1;
                let namespace = namespace_of(&resolved);
                let local = e.local_name().as_ref().to_string();
                let base = attribute(&e, "xml:base");
                if let Some(base) = &base {
                    bases.push((depth, base.clone()));
                }
                let lang = attribute(&e, "xml:lang").or_else(|| stack.last().and_then(|f| f.lang.clone()));
                if depth == 1 {
                    out.root = Some(local.clone());
                    out.feed_bases.clear();
                    out.feed_lang.clone_from(&lang);
                    out.feed_bases.extend(base.clone());
                }
                let root = out.root.as_deref().unwrap_or("");
                if root == "rss" && depth == 2 && local == "channel" {
                    channels += 1;
                    if channels == 1 {
                        out.feed_bases.extend(base.clone());
                        if lang.is_some() {
                            out.feed_lang.clone_from(&lang);
                        }
                    }
                }
                let starts_item = item.is_none()
                    && match root {
                        "rss" => depth == 3 && channels == 1 && local == "item" && in_namespace(namespace, RSS_NS),
                        "RDF" => depth == 2 && local == "item" && in_namespace(namespace, RSS_NS),
                        "feed" => depth == 2 && local == "entry" && in_namespace(namespace, ATOM_NS),
                        "entry" => depth == 1,
                        _ => false,
                    };
                if starts_item {
                    out.items.push(ItemXml {
                        bases: bases.iter().map(|(_, b)| b.clone()).collect(),
                        lang: lang.clone(),
                        ..ItemXml::default()
                    });
                    item = Some((out.items.len() - 1, depth));
                } else if let Some((index, item_depth)) = item {
                    let current = &mut out.items[index];
                    read_item_child(current, &e, namespace, &local, depth - item_depth, base.as_deref());
                    let wordpress = is_wordpress(namespace);
                    if depth == item_depth + 1 {
                        in_postmeta = wordpress && local == "postmeta";
                        if in_postmeta {
                            current.postmeta.push(Default::default());
                        } else if wordpress {
                            capture = Some((Capture::Field(local.clone()), depth, String::new()));
                        }
                    } else if depth == item_depth + 2 && in_postmeta && wordpress {
                        let part = match local.as_str() {
                            "meta_key" => Some(Capture::MetaKey),
                            "meta_value" => Some(Capture::MetaValue),
                            _ => None,
                        };
                        capture = part.map(|part| (part, depth, String::new())).or(capture);
                    }
                }
                if namespace == Some(ITUNES_NS) && local == "duration" {
                    capture = Some((Capture::Duration, depth, String::new()));
                }
                if namespace == Some(MEDIA_NS) {
                    for name in ["start", "end", "time"] {
                        if let Some(value) = attribute(&e, name) {
                            check_npt(&mut out, &value);
                        }
                    }
                }
                stack.push(Frame { lang, depth });
            }
            Event::End(_) => {
                let Some(frame) = stack.pop() else {
                    return out;
                };
                if stack.is_empty() {
                    out.complete = true;
                    out.root_end = usize::try_from(reader.buffer_position()).unwrap_or(text.len()).min(text.len());
                    return out;
                }
                while bases.last().is_some_and(|(d, _)| *d >= frame.depth) {
                    bases.pop();
                }
                if let Some((into, depth, text)) = capture.take() {
                    if depth == frame.depth {
                        let text = text.trim().to_string();
                        let current = item.map(|(index, _)| &mut out.items[index]);
                        match (into, current) {
                            (Capture::Duration, _) => check_npt(&mut out, &text),
                            (Capture::Field(name), Some(current)) => current.wordpress.push((name, text)),
                            (part @ (Capture::MetaKey | Capture::MetaValue), Some(current)) => {
                                if let Some((key, value)) = current.postmeta.last_mut() {
                                    *if matches!(part, Capture::MetaKey) { key } else { value } = text;
                                }
                            }
                            (_, None) => {}
                        }
                    } else {
                        capture = Some((into, depth, text));
                    }
                }
                if item.is_some_and(|(_, d)| d == frame.depth) {
                    item = None;
                }
            }
            Event::Text(t) => {
                if let Some((_, _, text)) = capture.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::CData(t) => {
                if let Some((_, _, text)) = capture.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, _, text)) = capture.as_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => text.push(c),
                        _ => match quick_xml::escape::resolve_xml_entity(&r) {
                            Some(s) => text.push_str(s),
                            None => {
                                text.push('&');
                                text.push_str(&r);
                                text.push(';');
                            }
                        },
                    }
                }
            }
            // The document's own declaration was taken off by `prepare`; any
            // other one is malformed, and feed-rs panics on some.
            Event::Decl(_) => {
                out.hazard.get_or_insert_with(|| "an XML declaration in the middle of the document".into());
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// Records an item child's image, and the base of its body element.
fn read_item_child(item: &mut ItemXml, e: &BytesStart<'_>, namespace: Option<&str>, local: &str, below: usize, base: Option<&str>) {
    let is_image = |mime: Option<String>| mime.is_some_and(|m| m.trim().to_ascii_lowercase().starts_with("image/"));
    // The first of each kind counts.
    match (namespace, local) {
        (ns, "enclosure") if below == 1 && in_namespace(ns, RSS_NS) => {
            let url = || attribute(e, "url").filter(|_| is_image(attribute(e, "type")));
            item.enclosure_image = item.enclosure_image.take().or_else(url);
        }
        (Some(MEDIA_NS), "content") => {
            let image = attribute(e, "medium").is_some_and(|m| m.trim() == "image") || is_image(attribute(e, "type"));
            item.media_image = item.media_image.take().or_else(|| attribute(e, "url").filter(|_| image));
        }
        (Some(MEDIA_NS), "thumbnail") => item.thumbnail = item.thumbnail.take().or_else(|| attribute(e, "url")),
        (Some(MEDIA_NS), _) => {}
        (_, "content" | "encoded" | "description" | "summary") if below == 1 => item.content_base = base.map(str::to_string),
        _ => {}
    }
}

/// feed-rs reads these as durations with `unwrap` on the number: a digit
/// run long enough to overflow would panic inside it.
fn check_npt(out: &mut Walk, value: &str) {
    let longest = value.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    if longest >= 15 {
        out.hazard.get_or_insert_with(|| format!("a media time out of range: {}", value.chars().take(40).collect::<String>()));
    }
}

fn namespace_of<'a>(resolved: &'a ResolveResult<'_>) -> Option<&'a str> {
    match resolved {
        ResolveResult::Bound(ns) => Some(ns.as_ref()),
        _ => None,
    }
}

/// As feed-rs sees it: an unprefixed (or unknown-prefix) element takes the
/// feed's default namespace.
fn in_namespace(namespace: Option<&str>, expected: &str) -> bool {
    namespace.is_none_or(|ns| ns == expected)
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| {
        let raw: &str = &a.value;
        quick_xml::escape::unescape(raw).map(Cow::into_owned).unwrap_or_else(|_| raw.to_string())
    })
}

/// The base a chain of `xml:base` values gives, starting from `root`.
fn fold_bases<'a>(chain: impl IntoIterator<Item = &'a String>, root: Option<Url>) -> Option<Url> {
    chain.into_iter().fold(root, |acc, base| match Url::parse(base.trim()) {
        Ok(url) => Some(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => match &acc {
            Some(acc_url) => acc_url.join(base.trim()).ok().or(acc),
            None => None,
        },
        Err(_) => acc,
    })
}

fn format_of(root: Option<&str>) -> &'static str {
    match root {
        Some("rss" | "RDF") => "RSS",
        Some("feed" | "entry") => "Atom",
        _ => "XML",
    }
}

fn read_xml(text: String, doc_base: Option<Url>) -> Result<Read, SourceError> {
    // A local copy of a feed: its links belong to the website, not the disk.
    let doc_base = doc_base.filter(|u| u.scheme() != "file");
    let walked = walk(&text);
    let format = format_of(walked.root.as_deref());
    match walked.root.as_deref() {
        None => return Err(malformed("XML", walked.error.unwrap_or_else(|| "no root element".into()))),
        Some(root) if !matches!(root, "rss" | "RDF" | "feed" | "entry") => {
            return Err(SourceError::UnknownFormat { start: beginning(&text) });
        }
        _ => {}
    }
    if let Some(hazard) = walked.hazard {
        return Err(malformed(format, hazard));
    }
    // A document cut short must not pass for a shorter whole; and feed-rs,
    // which reads one event past an error, never sees what the walk did not
    // check (it panics on a second XML declaration).
    if !walked.complete {
        let detail = walked.error.clone().unwrap_or_else(|| "the document ends before its root element is closed".into());
        return Err(malformed(format, detail));
    }
    let (feed, offsets) = parse_with_feed_rs(&text[..walked.root_end], doc_base.as_ref());
    drop(text);
    let mut feed = feed.map_err(|detail| malformed(format, detail))?;
    // Taken out so each entry is freed as its draft is made: a large feed is
    // then never in memory twice.
    let entries = std::mem::take(&mut feed.entries);

    let matched = walked.items.len() == entries.len();
    let home = home_link(&feed, &doc_base, &walked.feed_bases);
    let root_base = doc_base.or(home);
    let feed_base = fold_bases(&walked.feed_bases, root_base.clone());
    let feed_lang = feed.language.clone().or(walked.feed_lang.clone());
    let ctx = Context { feed: &feed, offsets: &offsets, root_base, feed_lang };

    let mut page = page_of(&feed, &ctx, feed_base.as_ref());
    let empty = ItemXml::default();
    page.items = entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| Ok(draft(&entry, if matched { &walked.items[i] } else { &empty }, &ctx)))
        .collect();
    Ok(Read { page, items: if matched { walked.items } else { Vec::new() }, matched })
}

/// The feed's home page (RSS `<link>`, Atom `rel="alternate"`), else its own
/// address (`rel="self"`): the base of last resort for a document read from a file.
fn home_link(feed: &Feed, doc_base: &Option<Url>, feed_bases: &[String]) -> Option<Url> {
    if doc_base.is_some() {
        return None;
    }
    let start = fold_bases(feed_bases, None);
    let pick = |rel: &str| {
        feed.links
            .iter()
            .filter(|l| l.rel.as_deref().unwrap_or("alternate") == rel)
            .find_map(|l| absolute(&l.href, start.as_ref()).and_then(|u| Url::parse(&u).ok()))
    };
    pick("alternate").or_else(|| pick("self"))
}

/// `href` made absolute against `base`, or `None` when that is not possible.
fn absolute(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match Url::parse(href) {
        Ok(url) => Some(url.into()),
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok().map(Into::into),
        Err(_) => None,
    }
}

struct Context<'a> {
    feed: &'a Feed,
    offsets: &'a HashMap<i64, When>,
    /// The document's address, else its home page.
    root_base: Option<Url>,
    feed_lang: Option<String>,
}

fn page_of(feed: &Feed, ctx: &Context<'_>, feed_base: Option<&Url>) -> SourcePage {
    let rss = is_rss(&feed.feed_type);
    SourcePage {
        title: feed.title.as_ref().and_then(|t| text_field(t, rss)),
        description: feed.description.as_ref().and_then(|t| text_field(t, rss)),
        language: ctx.feed_lang.as_deref().and_then(language),
        next: feed
            .links
            .iter()
            .find(|l| l.rel.as_deref() == Some("next"))
            .and_then(|l| absolute(&l.href, feed_base)),
        items: Vec::new(),
    }
}

fn is_rss(feed_type: &FeedType) -> bool {
    matches!(feed_type, FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2)
}

/// A title or other short text as plain text. RSS writes these as HTML in
/// practice whatever the spec says; Atom says which it is.
fn text_field(text: &Text, rss: bool) -> Option<String> {
    let html_type = is_html_type(text.content_type.as_str());
    let plain = if rss || html_type {
        html::text_of(&text.content)
    } else {
        html::decode_entities(&text.content).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    non_empty(&plain)
}

/// feed-rs labels Atom `type="xhtml"` as `application/xhtml`, without `+xml`.
fn is_html_type(content_type: &str) -> bool {
    matches!(content_type, "text/html" | "application/xhtml" | "application/xhtml+xml")
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A language tag in its usual case (`zh-CN`, `en`, `zh-Hant-TW`).
fn language(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let parts: Vec<String> = tag
        .split('-')
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 2) => part.to_ascii_uppercase(),
            (_, 4) => part[..1].to_ascii_uppercase() + &part[1..].to_ascii_lowercase(),
            _ => part.to_ascii_lowercase(),
        })
        .collect();
    Some(parts.join("-"))
}

/// One entry of feed-rs as a draft, with the item's XML extras.
fn draft(entry: &Entry, xml: &ItemXml, ctx: &Context<'_>) -> Draft {
    let rss = is_rss(&ctx.feed.feed_type);
    let item_base = fold_bases(&xml.bases, ctx.root_base.clone());
    let body_base = fold_bases(xml.content_base.iter(), item_base.clone());
    let resolve = |href: &str| absolute(href, item_base.as_ref()).or_else(|| non_empty(href));

    let url = entry
        .links
        .iter()
        .filter(|l| l.target.is_none() && matches!(l.rel.as_deref(), None | Some("alternate")))
        .find_map(|l| resolve(&l.href));

    let (content_html, content_text, summary) = body(entry, rss);
    let content_html = content_html.map(|h| match &body_base {
        Some(base) => html::resolve_urls(&h, base),
        None => h,
    });

    let published = entry.published.as_ref().map(|at| format_date(at, ctx.offsets));
    let modified = entry.updated.as_ref().map(|at| format_date(at, ctx.offsets)).filter(|m| Some(m) != published.as_ref());

    let mut authors: Vec<String> = Vec::new();
    let people = if entry.authors.is_empty() && ctx.feed.feed_type == FeedType::Atom { &ctx.feed.authors } else { &entry.authors };
    for person in people {
        // RSS writes `email (Name)`; feed-rs leaves the parentheses on the name.
        let name = person.name.as_deref().map(|n| n.trim().trim_start_matches('(').trim_end_matches(')'));
        if let Some(name) = name.and_then(non_empty) {
            if !authors.contains(&name) {
                authors.push(name);
            }
        }
    }

    let mut categories: Vec<String> = Vec::new();
    // WordPress files a post's format ("post-format-image") as a category; it is not one.
    for category in entry.categories.iter().filter(|c| c.scheme.as_deref() != Some("post_format")) {
        let name = category.label.as_deref().and_then(non_empty).or_else(|| non_empty(&category.term));
        if let Some(name) = name.map(|n| html::decode_entities(&n)) {
            if !categories.contains(&name) {
                categories.push(name);
            }
        }
    }

    let image = xml
        .enclosure_image
        .as_deref()
        .or(xml.media_image.as_deref())
        .map(str::to_string)
        .or_else(|| media_image(entry))
        .or_else(|| xml.thumbnail.clone())
        .as_deref()
        .and_then(resolve);

    let language = entry
        .language
        .clone()
        .or_else(|| xml.lang.clone())
        .or_else(|| ctx.feed_lang.clone())
        .as_deref()
        .and_then(language);

    Draft {
        id: non_empty(&entry.id),
        url,
        title: entry.title.as_ref().and_then(|t| text_field(t, rss)),
        content_html,
        content_text,
        summary,
        published,
        modified,
        authors,
        categories,
        category: None,
        image,
        language,
    }
}

/// The body of an XML entry: (HTML, plain text, summary as text).
fn body(entry: &Entry, rss: bool) -> (Option<String>, Option<String>, Option<String>) {
    let content = entry.content.as_ref().and_then(|c| {
        let body = non_empty(c.body.as_deref()?)?;
        match c.content_type.as_str() {
            "text/plain" => Some((None, Some(body))),
            html_type if is_html_type(html_type) => Some((Some(body), None)),
            _ => None,
        }
    });
    let summary = entry.summary.as_ref().filter(|s| !s.content.trim().is_empty());
    match (content, summary) {
        (Some((html, text)), summary) => (html, text, summary.and_then(|s| text_field(s, rss))),
        // With nothing else, the summary (RSS `description`) is the body.
        (None, Some(summary)) => {
            let html_type = rss || is_html_type(summary.content_type.as_str());
            if html_type {
                (non_empty(&summary.content), None, None)
            } else {
                (None, non_empty(&summary.content), None)
            }
        }
        (None, None) => (None, None, None),
    }
}

/// An image among feed-rs's media objects: enclosure or `media:content`
/// typed as an image, else a `media:thumbnail` that came with them.
fn media_image(entry: &Entry) -> Option<String> {
    let typed = entry.media.iter().flat_map(|m| &m.content).find_map(|c| {
        let image = c.content_type.as_ref().is_some_and(|t| t.as_str().starts_with("image/"));
        if image { c.url.as_ref().map(|u| u.to_string()) } else { None }
    });
    let atom_enclosure = || {
        entry.links.iter().find_map(|l| {
            let image = l.rel.as_deref() == Some("enclosure") && l.media_type.as_deref().is_some_and(|t| t.starts_with("image/"));
            image.then(|| l.href.clone())
        })
    };
    let thumbnail = || entry.media.iter().flat_map(|m| &m.thumbnails).map(|t| t.image.uri.clone()).next();
    typed.or_else(atom_enclosure).or_else(thumbnail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsroom::test_rng::Rng;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/import/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn drafts(page: &SourcePage) -> Vec<&Draft> {
        page.items.iter().map(|i| i.as_ref().expect("every item reads")).collect()
    }

    const SITE: &str = "https://www.lingyue-chem.com";

    #[test]
    fn rss2_maps_every_field_with_the_channel_link_as_base() {
        let page = read_feed(&*fixture("rss2.xml"), None).unwrap();
        assert_eq!(page.title.as_deref(), Some("Jinzhou Lingyue Chromium Chemicals – News"));
        assert!(page.description.as_deref().unwrap().starts_with("News from Jinzhou Lingyue"));
        assert_eq!(page.language.as_deref(), Some("en-US"));
        assert_eq!(page.next.as_deref(), Some("https://www.lingyue-chem.com/en/rss2-page2.xml"));
        let items = drafts(&page);
        assert_eq!(items.len(), 3);

        let first = items[0];
        assert_eq!(first.id.as_deref(), Some("https://www.lingyue-chem.com/?p=1183"));
        assert_eq!(first.url.as_deref(), Some("https://www.lingyue-chem.com/en/news/2024/03/new-sodium-dichromate-line.html"));
        assert_eq!(first.title.as_deref(), Some("New Sodium Dichromate Line Starts Production in Jinzhou"));
        let body = first.content_html.as_deref().unwrap();
        assert!(body.contains(r#"src="https://www.lingyue-chem.com/en/uploads/2024/03/dichromate-line.jpg""#), "{body}");
        assert!(body.contains("https://www.lingyue-chem.com/en/uploads/2024/03/dichromate-line-300x200.jpg 300w"), "{body}");
        assert!(body.contains(r#"href="https://www.lingyue-chem.com/en/products/sodium-dichromate/""#), "{body}");
        assert!(body.contains(r#"href="mailto:sales@lingyue-chem.com""#), "{body}");
        assert_eq!(first.summary.as_deref(), Some("The new 30,000-tonne line uses a calcium-free roasting process …"));
        assert_eq!(first.content_text, None);
        assert_eq!(first.published.as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(first.modified, None, "feed-rs copies pubDate to updated; the source said no such thing");
        assert_eq!(first.authors, ["Li Wei"]);
        assert_eq!(first.categories, ["Company News", "Production"]);
        assert_eq!(first.image.as_deref(), Some("https://www.lingyue-chem.com/wp-content/uploads/2024/03/dichromate-line-cover.jpg"));
        assert_eq!(first.language.as_deref(), Some("en-US"));

        let chinese = items[1];
        assert_eq!(chinese.id.as_deref(), Some("https://www.lingyue-chem.com/zh/news/2024/03/iso14001.html"));
        assert_eq!(chinese.title.as_deref(), Some("锦州凌跃铬化工通过ISO 14001环境管理体系复审"));
        assert_eq!(chinese.published.as_deref(), Some("2024-03-05T08:00:00+00:00"));
        assert_eq!(chinese.authors, ["王芳"]);
        assert_eq!(chinese.categories, ["公司新闻", "环境保护"]);
        assert_eq!(chinese.summary, None, "description alone is the body");
        let body = chinese.content_html.as_deref().unwrap();
        assert!(body.starts_with("<p>3月初") && body.contains(r#"src="https://www.lingyue-chem.com/wp-content/uploads/2024/03/iso-audit.jpg""#), "{body}");
        assert_eq!(chinese.image.as_deref(), Some("https://www.lingyue-chem.com/wp-content/uploads/2024/03/iso-audit-150x150.jpg"));

        let no_guid = items[2];
        assert_eq!(no_guid.id, None, "no guid: no invented id");
        assert_eq!(no_guid.title.as_deref(), Some("Chromic Acid Flakes & Basic Chromium Sulphate: Q1 2024 Price Notice"));
        assert_eq!(no_guid.published.as_deref(), Some("2024-02-15T10:15:00-05:00"));
        assert_eq!(no_guid.authors, ["Zhang Min"]);
        assert_eq!(no_guid.categories, ["Products", "Prices"]);
        assert_eq!(no_guid.image, None);
        assert!(no_guid.content_html.as_deref().unwrap().starts_with("Prices for chromic acid"));
    }

    #[test]
    fn cst_is_china_standard_time_in_a_chinese_feed_only() {
        let rss = |lang: &str| format!(
            "<rss version=\"2.0\"><channel><title>T</title><language>{lang}</language>\
             <item><title>A</title><guid>a</guid><pubDate>Mon, 18 Mar 2024 09:30:00 CST</pubDate></item></channel></rss>");
        let published = |lang: &str| match read_feed(rss(lang).as_bytes(), None).map(|p| p.items) {
            Ok(items) => items.into_iter().flatten().next().and_then(|d| d.published),
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(published("zh-CN").as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(published("en-US").as_deref(), Some("2024-03-18T09:30:00-06:00"));
    }

    #[test]
    fn rss2_relative_links_follow_the_document_address_when_given() {
        let page = read_feed(&*fixture("rss2.xml"), Some("https://mirror.example.org/feeds/lingyue/rss2.xml")).unwrap();
        assert_eq!(page.next.as_deref(), Some("https://mirror.example.org/feeds/lingyue/rss2-page2.xml"));
        assert_eq!(
            drafts(&page)[0].url.as_deref(),
            Some("https://mirror.example.org/feeds/lingyue/news/2024/03/new-sodium-dichromate-line.html")
        );
        // A base that is not a URL (a file path) is no base.
        let page = read_feed(&*fixture("rss2.xml"), Some("feeds/rss2.xml")).unwrap();
        assert_eq!(page.next.as_deref(), Some("https://www.lingyue-chem.com/en/rss2-page2.xml"));
    }

    #[test]
    fn rss2_second_page_ends_the_chain() {
        let page = read_feed(&*fixture("rss2-page2.xml"), None).unwrap();
        assert_eq!(page.next, None);
        let items = drafts(&page);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].id.as_deref(), Some("https://www.lingyue-chem.com/?p=977"));
        assert_eq!(items[1].published.as_deref(), Some("2023-05-26T09:00:00+08:00"));
        assert_eq!(items[1].content_html.as_deref(), Some("<p>More than 200 employees took part in this year&#8217;s emergency drill.</p>"));
    }

    #[test]
    fn atom_xhtml_content_xml_base_and_languages() {
        let page = read_feed(&*fixture("atom.xml"), None).unwrap();
        assert_eq!(page.title.as_deref(), Some("锦州凌跃铬化工 — 新闻中心"));
        assert_eq!(page.description.as_deref(), Some("锦州凌跃铬化工有限公司官方新闻"));
        assert_eq!(page.language.as_deref(), Some("zh-CN"));
        assert_eq!(page.next.as_deref(), Some("https://www.lingyue-chem.com/zh/atom-page2.xml"));
        let items = drafts(&page);
        assert_eq!(items.len(), 3);

        let xhtml = items[0];
        assert_eq!(xhtml.id.as_deref(), Some("tag:lingyue-chem.com,2024:news-zh-118"));
        assert_eq!(xhtml.url.as_deref(), Some("https://www.lingyue-chem.com/zh/news/2024/03/new-line.html"));
        let body = xhtml.content_html.as_deref().unwrap();
        assert!(body.starts_with("<p>3月18日") && !body.contains("<div"), "{body}");
        assert!(body.contains(r#"src="https://www.lingyue-chem.com/zh/uploads/2024/03/new-line.jpg""#), "{body}");
        assert!(body.contains(r#"href="https://www.lingyue-chem.com/zh/products/sodium-dichromate.html""#), "{body}");
        assert_eq!(xhtml.summary.as_deref(), Some("年产3万吨重铬酸钠新生产线采用无钙焙烧工艺。"));
        assert_eq!(xhtml.published.as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(xhtml.modified.as_deref(), Some("2024-03-19T11:05:00+08:00"));
        assert_eq!(xhtml.authors, ["李伟"]);
        assert_eq!(xhtml.categories, ["公司新闻", "生产动态"], "labels, deduplicated");
        assert_eq!(xhtml.language.as_deref(), Some("zh-CN"));

        let english = items[1];
        assert_eq!(english.url.as_deref(), Some("https://www.lingyue-chem.com/en/press/2024/chromium-salts-forum.html"));
        assert_eq!(english.title.as_deref(), Some("Lingyue Joins the China Chromium Salts Forum"));
        assert!(english.content_html.as_deref().unwrap().contains(r#"src="https://www.lingyue-chem.com/en/press/images/forum.jpg""#));
        assert_eq!(english.published.as_deref(), Some("2024-03-10T14:00:00+00:00"));
        assert_eq!(english.language.as_deref(), Some("en"));
        assert_eq!(english.categories, ["events"]);

        let updated_only = items[2];
        assert_eq!(updated_only.published, None);
        assert_eq!(updated_only.modified.as_deref(), Some("2024-02-01T08:00:00+08:00"));
        assert_eq!(updated_only.content_text.as_deref(), Some("2月8日至2月17日春节假期期间暂停发货，2月18日起恢复正常。"));
        assert_eq!(updated_only.content_html, None);
        assert_eq!(updated_only.authors, ["凌跃新闻中心"], "an Atom entry without author has the feed's");
    }

    #[test]
    fn atom_second_page_summary_only_entry() {
        let page = read_feed(&*fixture("atom-page2.xml"), None).unwrap();
        assert_eq!(page.next, None);
        let items = drafts(&page);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].content_text.as_deref(), Some("200余名员工参加了本次应急演练。"));
        assert_eq!(items[0].summary, None);
        assert_eq!(items[1].content_html.as_deref(), Some("<p>欢迎莅临我司展位。</p>"));
        assert_eq!(items[1].modified.as_deref(), Some("2023-04-21T08:30:00+08:00"));
    }



    #[test]
    fn broken_fixtures_give_the_right_errors() {
        let err = |name: &str| read_feed(&*fixture(name), None).unwrap_err();
        assert!(matches!(err("truncated.xml"), SourceError::Malformed { format: "RSS", .. }), "{:?}", err("truncated.xml"));
        assert!(matches!(err("not-a-feed.html"), SourceError::UnknownFormat { start } if start.starts_with("<!DOCTYPE html>")));
        assert_eq!(err("invalid-utf8.xml"), SourceError::NotText);
        assert!(matches!(read_feed(b"", None), Err(SourceError::UnknownFormat { .. })));
        assert!(matches!(read_feed(b"<!-- nothing -->", None), Err(SourceError::Malformed { format: "XML", .. })));
        assert!(matches!(read_feed(b"{\"items\":[]}", None), Err(SourceError::UnknownFormat { .. })), "JSON Feed is json_feed.rs's");
    }

    #[test]
    fn a_document_cut_anywhere_is_an_error_never_a_partial_page() {
        for name in ["rss2.xml", "atom.xml", "wordpress.xml"] {
            let full = fixture(name);
            let end = full.len() - full.iter().rev().position(|b| *b == b'<').unwrap_or(0);
            for cut in (1..end.saturating_sub(1)).filter(|i| matches!(full[*i - 1], b'>' | b'\n')) {
                let result = read_feed(&full[..cut], None);
                assert!(result.is_err(), "{name} cut at {cut} read as {:?}", result.map(|p| p.items.len()));
            }
        }
    }

    #[test]
    fn declared_encodings_are_honoured() {
        let mut gbk = b"<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<rss version=\"2.0\"><channel><title>".to_vec();
        gbk.extend_from_slice(b"\xbd\xf5\xd6\xdd\xc1\xe8\xd4\xbe");
        gbk.extend_from_slice(b"</title><item><title>\xbd\xf5\xd6\xdd</title><guid>a</guid></item></channel></rss>");
        let page = read_feed(&*gbk, None).unwrap();
        assert_eq!(page.title.as_deref(), Some("锦州凌跃"));
        assert_eq!(drafts(&page)[0].title.as_deref(), Some("锦州"));

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>凌跃</title></channel></rss>".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(read_feed(&*utf16, None).unwrap().title.as_deref(), Some("凌跃"));

        let bom = b"\xef\xbb\xbf\n<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>";
        assert_eq!(read_feed(bom, None).unwrap().title.as_deref(), Some("x"));
    }

    #[test]
    fn input_feed_rs_would_panic_on_is_refused() {
        let mut late = b"<rss version=\"2.0\"><channel><title>x</title>".to_vec();
        late.extend(std::iter::repeat_n(b' ', 200));
        late.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"gbk\"?></channel></rss>");
        assert!(matches!(read_feed(&*late, None), Err(SourceError::Malformed { .. })));
        let duration = br#"<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><item><itunes:duration>99999999999999999999999</itunes:duration></item></channel></rss>"#;
        assert!(matches!(read_feed(duration, None), Err(SourceError::Malformed { .. })));
    }

    /// Random bytes and mangled fixtures: every reader returns, none panics.
    #[test]
    fn no_input_makes_a_reader_panic() {
        let names = ["rss2.xml", "rss2-page2.xml", "atom.xml", "atom-page2.xml", "jsonfeed10.json", "wordpress.xml", "truncated.xml", "not-a-feed.html", "invalid-utf8.xml", "broken.json"];
        let fixtures: Vec<Vec<u8>> = names.iter().map(|n| fixture(n)).collect();
        let alphabet: &[&[u8]] = &[b"<", b">", b"</", b"/>", b"&", b";", b"\"", b"'", b"=", b"<![CDATA[", b"]]>", b"<?xml encoding=\"gbk\"?>", b"xml:base=\"", b"{", b"}", b"[", b"]", b":", b",", b"\xff", b"\xe9", b"\x00", b"item", b"entry", b"rss", b"feed", b"http://", b"../", b"#", b" ", b"\n", b"&#x", b"&amp;"];
        let base = Url::parse(SITE).unwrap();
        let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
        for case in 0..3000 {
            let bytes: Vec<u8> = match case % 4 {
                0 => (0..rng.below(300)).map(|_| rng.next() as u8).collect(),
                1 => (0..rng.below(80)).flat_map(|_| alphabet[rng.below(alphabet.len())].to_vec()).collect(),
                2 => {
                    let source = &fixtures[rng.below(fixtures.len())];
                    source[..rng.below(source.len() + 1)].to_vec()
                }
                _ => {
                    let mut source = fixtures[rng.below(fixtures.len())].clone();
                    for _ in 0..1 + rng.below(8) {
                        let at = rng.below(source.len());
                        match rng.below(3) {
                            0 => source[at] = rng.next() as u8,
                            1 => {
                                source.remove(at.min(source.len().saturating_sub(1)));
                            }
                            _ => {
                                let piece = alphabet[rng.below(alphabet.len())];
                                source.splice(at..at, piece.iter().copied());
                            }
                        }
                    }
                    source
                }
            };
            let _ = read_feed(&*bytes, None);
            let _ = read_feed(&*bytes, Some(SITE));
            let _ = crate::formats::wxr::read_wxr(&*bytes, Some(SITE), crate::formats::Options::default());
            let text = String::from_utf8_lossy(&bytes);
            let _ = html::resolve_urls(&text, &base);
            let _ = html::first_image(&text);
            let _ = date(&text.chars().take(64).collect::<String>());
        }
    }
}
