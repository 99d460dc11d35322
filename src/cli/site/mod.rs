//! The static site `newsroom build --base-url` writes (issue 18): a page per
//! article at `articles/<slug>/index.html` that reads without the page's
//! script and that search engines and link previews understand, in the
//! company's own template. Its stages, each a pure function of the archive
//! and the options:
//!
//! - slugs (`newsroom::slug`): where each article's page lives;
//! - `sanitize`: the article's HTML through the page's own policy;
//! - `page`: what the page says about the article, every address absolute;
//! - `json_ld`: the `NewsArticle` description, safe inside its script element;
//! - `head`: the page's own head tags (title, description, canonical, Open
//!   Graph, Twitter card, JSON-LD); `translations`: its `hreflang`
//!   alternates; `common_head`: the feeds and the app, on every page;
//! - `article`: the article as the app renders it; `mount`: the app's mount
//!   element around a page's content;
//! - `list`: the list pages (`index.html`, `page/N/`, `category/<slug>/`,
//!   `year/<YYYY>/`), chained by `rel="prev"`/`rel="next"` links;
//! - `sitemap`: `sitemap.xml` (an index of `sitemaps/N.xml` when large);
//! - `atom`: `feed.atom`, the newest articles as Atom 1.0; what those two
//!   share: `updated` (when an article last changed) and `xml` (escaping);
//! - `template`: the document the head and the content go into;
//! - `article_pages`: all of it, for every article;
//! - `stale`: the pages of earlier builds this one did not write.
//!
//! Addresses between pages are relative (`links`); words and dates are the
//! page's own (`words`).

pub mod article;
pub mod article_pages;
pub mod atom;
pub mod common_head;
pub mod head;
pub mod json_ld;
pub mod links;
pub mod list;
pub mod mount;
pub mod page;
pub mod sanitize;
pub mod sitemap;
pub mod stale;
pub mod template;
pub mod translations;
pub mod updated;
pub mod words;
pub mod xml;
