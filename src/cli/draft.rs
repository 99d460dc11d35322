//! What every input format reads a source into: drafts of items as the
//! source published them, before the shared mapping (ids, fallbacks,
//! categories) turns them into bundle items. A format reader only reads;
//! it never invents an id, a title or a language.

/// One item as a source published it. Strings are trimmed and non-empty, or `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The source's own identifier: RSS `guid`, Atom `id`, JSON Feed `id`, a Markdown file's path.
    pub id: Option<String>,
    /// The item's link, absolute (resolved against the item's or feed's base).
    pub url: Option<String>,
    pub title: Option<String>,
    /// The body as HTML, relative links and image addresses already resolved.
    pub content_html: Option<String>,
    /// The body as plain text, when the source has no HTML.
    pub content_text: Option<String>,
    pub summary: Option<String>,
    /// RFC 3339 with the offset the source gave (`2024-03-18T09:30:00+08:00`), or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    /// In the source's order: they become the tags, and the first the category
    /// unless the source states one as such.
    pub categories: Vec<String>,
    /// A category the source states as such (a JSON Feed's `_newsroom.category`).
    pub category: Option<String>,
    /// An image the source names for the item (not one found in the body), absolute.
    pub image: Option<String>,
    /// The item's language, else the feed's (`xml:lang`, `language`).
    pub language: Option<String>,
}

/// One page of a source, read.
#[derive(Debug, Default)]
pub struct SourcePage {
    pub title: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    /// The next page (JSON Feed `next_url`, RFC 5005 `rel="next"`), absolute.
    pub next: Option<String>,
    /// Every item, in the source's order; one that cannot be read says why.
    pub items: Vec<Result<Draft, DraftError>>,
}

/// Why one item of a source could not be read. `index` counts from 1.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftError {
    /// A Markdown file whose front matter is not valid YAML or TOML.
    FrontMatter { path: String, detail: String },
    /// A Markdown file that is not UTF-8 text.
    NotText { path: String },
    /// Not a published news article, and `kind` says what it is instead: a
    /// WordPress post type other than `post` (`attachment`, `nav_menu_item`,
    /// `page`, a plugin's own), a status other than `publish` (`draft`,
    /// `future`, …), `password` for a password-protected post; a Markdown
    /// `draft` or `section page`. Counted by kind, never silent.
    Unpublished { id: String, kind: String },
    /// An item the page's own reader would not show (a JSON Feed source).
    Skipped { reason: String },
}

impl DraftError {
    /// What the import's report counts this item as: an unpublished item's
    /// kind, else `unreadable` or `skipped`.
    pub fn kind(&self) -> &str {
        match self {
            Self::FrontMatter { .. } | Self::NotText { .. } => "unreadable",
            Self::Unpublished { kind, .. } => kind,
            Self::Skipped { .. } => "skipped",
        }
    }
}

/// Why a whole source could not be read: nothing of it is imported.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceError {
    /// A file or folder that could not be opened or read.
    Io { detail: String },
    /// Larger than the command reads ([`MAX_SOURCE_BYTES`]).
    TooLarge { bytes: u64 },
    /// Not RSS, Atom, JSON Feed, a WordPress export or Markdown.
    UnknownFormat { start: String },
    /// It looked like a format but did not parse (truncated, malformed).
    Malformed { format: &'static str, detail: String },
    /// Not UTF-8 where text was required.
    NotText,
    /// A folder with no Markdown files in it.
    NoMarkdown,
    /// An http(s) source that failed: no answer in time, refused, DNS.
    Unreachable { detail: String },
    /// An http(s) source that answered with an error status.
    Status { status: u16 },
}

/// The largest source the command reads, in bytes.
pub const MAX_SOURCE_BYTES: u64 = 1 << 30;
