//! Every sentence the command prints, in one place: the rest of the command
//! returns values (errors, counts) and this module words them.

use std::collections::BTreeMap;
use std::fmt;

use newsroom::archive::MergeCounts;
use newsroom::bundle::{BundleError, ItemError};
use newsroom::messages::{describe, EN};

use crate::draft::{DraftError, SourceError};
use crate::map::MapError;
use crate::site::template::{Marker, TemplateError};

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { detail } => write!(f, "cannot be read ({detail})"),
            Self::TooLarge { bytes } => write!(
                f, "is too large to import ({} MB; the limit is {} MB)", bytes / 1_000_000, crate::draft::MAX_SOURCE_BYTES / 1_000_000),
            Self::UnknownFormat { start } if start.trim().is_empty() => write!(f, "is empty: no feed, export or Markdown in it"),
            Self::UnknownFormat { start } => write!(
                f, "is not RSS, Atom, JSON Feed, a WordPress export or Markdown (it starts with “{}”)", start.trim()),
            Self::Malformed { format, detail } => write!(f, "is a {format} document that cannot be read: {detail}"),
            Self::NotText => write!(f, "is not UTF-8 text"),
            Self::NoMarkdown => write!(f, "is a folder with no Markdown files (.md, .markdown) in it"),
            Self::Unreachable { detail } => write!(f, "could not be fetched: {detail}"),
            Self::Status { status } => write!(f, "could not be fetched: the server answered {status}"),
        }
    }
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::FrontMatter { path, detail } => write!(f, "{path}: its front matter cannot be read ({detail})"),
            Self::NotText { path } => write!(f, "{path}: not UTF-8 text"),
            Self::Unpublished { id, kind } => write!(f, "{id} ({})", kind_noun(kind, 1)),
            Self::Skipped { reason } => write!(f, "{reason}"),
        }
    }
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NothingToShow { id: Some(id) } => write!(f, "{id}: nothing to show (no title, no text and no link)"),
            Self::NothingToShow { id: None } => write!(f, "an item with nothing to show (no title, no text, no link and no id)"),
        }
    }
}

pub fn source_failed(source: &str, error: &SourceError) -> String {
    format!("error: {source} {error}")
}

pub fn page_failed(source: &str, link: &str, error: &SourceError) -> String {
    format!("warning: {source}: stopped paging at {link}, which {error}; the pages before it are imported")
}

pub fn more_pages(source: &str, max: usize) -> String {
    format!("warning: {source}: stopped after {max} pages (--max-pages); it has more")
}

pub fn not_taken(source: &str, reason: &dyn fmt::Display) -> String {
    format!("  not imported from {source}: {reason}")
}

pub fn archive_unreadable(path: &str, error: &dyn fmt::Display) -> String {
    format!("error: the archive {path} is not a bundle Newsroom can read, so it is left as it is: {error}")
}

pub fn write_failed(path: &str, error: &dyn fmt::Display) -> String {
    format!("error: could not write {path} ({error}); the archive is as it was")
}

pub fn nothing_written() -> &'static str {
    "Nothing was imported: the archive is unchanged."
}

pub fn reading(source: &str) -> String {
    format!("reading {source}")
}

pub fn read_as(source: &str, format: &str) -> String {
    format!("  {source}: read as {format}")
}

pub fn page_read(source: &str, page: usize, items: usize) -> String {
    format!("  {source}: page {page}, {items} items")
}

pub fn summary(path: &str, counts: MergeCounts, left_out: &BTreeMap<String, usize>, total: usize) -> String {
    let not_taken: usize = left_out.values().sum();
    format!(
        "{path}: {} added, {} updated, {} unchanged, {not_taken} not imported; {total} items in the archive",
        counts.added, counts.updated, counts.unchanged
    )
}

/// The kinds of item an import leaves out (keys of `DraftError::kind` and
/// `MapError::kind`), in the order the report gives them: what the report
/// calls one and several, and whether each item is named on its own line.
/// A user acts on a draft or an unreadable file; a site's hundred
/// attachments and menu links, one per line, would only hide those.
const KINDS: &[(&str, &str, &str, bool)] = &[
    ("attachment", "attachment", "attachments", false),
    ("nav_menu_item", "menu item", "menu items", false),
    ("page", "page", "pages", false),
    ("section page", "section page", "section pages", false),
    ("revision", "revision", "revisions", false),
    ("draft", "draft", "drafts", true),
    ("auto-draft", "unsaved draft", "unsaved drafts", false),
    ("pending", "post pending review", "posts pending review", true),
    ("private", "private post", "private posts", true),
    ("future", "scheduled post", "scheduled posts", true),
    ("trash", "trashed post", "trashed posts", true),
    ("password", "password-protected post", "password-protected posts", true),
    ("unreadable", "unreadable item", "unreadable items", true),
    ("skipped", "item the page would skip", "items the page would skip", true),
    ("empty", "item with nothing to show", "items with nothing to show", true),
];

/// How many of one kind, in words (`3 menu items`); a kind the table does
/// not know is a plugin's post type or status, named as WordPress names it.
fn kind_noun(kind: &str, n: usize) -> String {
    match KINDS.iter().find(|(key, ..)| *key == kind) {
        Some((_, one, _, _)) if n == 1 => one.to_string(),
        Some((_, _, many, _)) => many.to_string(),
        None if n == 1 => format!("“{kind}” item"),
        None => format!("“{kind}” items"),
    }
}

/// Whether an item left out of this kind is named on a line of its own.
pub fn names_each(kind: &str) -> bool {
    KINDS.iter().find(|(key, ..)| *key == kind).is_some_and(|(.., each)| *each)
}

/// What an import left out, counted by kind (`not imported: 37 attachments,
/// 1 draft`), or `None` when it left out nothing.
pub fn left_out(counts: &BTreeMap<String, usize>) -> Option<String> {
    let known = KINDS.iter().filter_map(|(key, ..)| counts.get_key_value(*key));
    let others = counts.iter().filter(|(key, _)| !KINDS.iter().any(|(k, ..)| k == key));
    let parts: Vec<String> = known.chain(others).map(|(kind, n)| format!("{n} {}", kind_noun(kind, *n))).collect();
    let pages = if counts.contains_key("page") { " (--wordpress-pages imports published pages)" } else { "" };
    (!parts.is_empty()).then(|| format!("  not imported: {}{pages}", parts.join(", ")))
}

pub fn check_ok(path: &str, articles: usize) -> String {
    format!("{path}: OK, {articles} articles the page shows")
}

pub fn check_skipped(path: &str, articles: usize, skipped: usize) -> String {
    format!("{path}: {articles} articles the page shows, {skipped} it would skip:")
}

pub fn check_unreadable(path: &str, error: &dyn fmt::Display) -> String {
    format!("{path}: {error}")
}

pub fn check_notes(recovered_ids: usize, undated: usize) -> Option<String> {
    let mut notes = Vec::new();
    if recovered_ids > 0 {
        notes.push(format!("{recovered_ids} with an empty or repeated `id` (the page uses their `url` or content)"));
    }
    if undated > 0 {
        notes.push(format!("{undated} without a usable date (shown undated, last)"));
    }
    (!notes.is_empty()).then(|| format!("  note: {}", notes.join("; ")))
}

pub fn built(out: &str, b: &crate::build::Built) -> String {
    let removed = if b.removed > 0 { format!("; {} files of an earlier build removed", b.removed) } else { String::new() };
    let skipped = if b.skipped > 0 { format!("; {} items left out: nothing to show (no title, no text, no url)", b.skipped) } else { String::new() };
    let site = b.site.as_ref().map_or(String::new(), |s| {
        let unchanged = s.files - s.written;
        format!("; static site: {} article pages (articles/), {} files in all, {} written, {unchanged} unchanged", s.articles, s.files, s.written)
    });
    format!("{out}: {} items in {} pages (feed.json and pages/), search index in {} files (index/){site}{removed}{skipped}", b.items, b.pages, b.index_files)
}

/// Said after a build without `--base-url`.
pub fn no_site() -> &'static str {
    "note: no HTML pages were written: their canonical and preview addresses must be absolute; give --base-url URL (where the folder will be served) to write the static site"
}

/// A `--template` that cannot be used; nothing was written.
pub fn template_error(path: &str, e: &TemplateError) -> String {
    let head = Marker::Head.text();
    let content = Marker::Content.text();
    let why = match e {
        TemplateError::Unreadable { detail } => format!("{path} cannot be read ({detail})"),
        TemplateError::Missing(Marker::Head) => format!("{path} has no {head} marker: put it inside <head>, where each page's title, description and links go"),
        TemplateError::Missing(Marker::Content) => format!("{path} has no {content} marker: put it where the news goes"),
        TemplateError::Repeated { marker, count } => format!("{path} has {count} {} markers: keep exactly one", marker.text()),
        TemplateError::Misplaced(Marker::Head) => format!("{path}: the {head} marker is not inside <head> (a marker inside a script, a title or an attribute does not count): move it there"),
        TemplateError::Misplaced(Marker::Content) => format!("{path}: the {content} marker is not inside <body>: put it where the news goes"),
        TemplateError::NoHtmlTag => format!("{path} has no <html> tag before {head}: add one, each page's language is written on it"),
        TemplateError::OwnTag(tag) => format!("{path} has its own {tag} in <head>: remove it, the {head} marker gives each page its own"),
    };
    format!("error: the template {why}; nothing was written")
}

/// An `--app` address that no page could load the app from.
pub fn app_not_web(value: &str) -> String {
    format!("“{value}” is not an http(s) address or a path: the app's newsroom.js and newsroom.css are loaded from it")
}

/// A bundle the page cannot read, in the page's English words: the command
/// and the page say the same thing of the same file.
pub fn bundle_error(e: &BundleError) -> String {
    describe::bundle_error(&EN, e)
}

/// Why the page skips an item, in the page's English words.
pub fn item_error(e: &ItemError) -> String {
    describe::item_error(&EN, e)
}
