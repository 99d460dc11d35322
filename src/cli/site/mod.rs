//! The static site `newsroom build` is growing (issue 18): a page per
//! article at `articles/<slug>/index.html` that reads without the page's
//! script and that search engines and link previews understand. Its stages,
//! each a pure function of the archive and the base URL:
//!
//! - slugs (`newsroom::slug`): where each article's page lives;
//! - `sanitize`: the article's HTML through the page's own policy;
//! - `page`: what the page says about the article, every address absolute;
//! - `json_ld`: the `NewsArticle` description, safe inside its script element;
//! - `head`: the page's `<head>` (title, description, canonical, Open Graph,
//!   Twitter card, JSON-LD);
//! - `list`: the list pages (`index.html`, `page/N/`, `category/<slug>/`,
//!   `year/<YYYY>/`), chained by `rel="prev"`/`rel="next"` links;
//! - `sitemap`: `sitemap.xml` (an index of `sitemaps/N.xml` when large);
//! - `atom`: `feed.atom`, the newest articles as Atom 1.0;
//! - what those two share: `updated` (when an article last changed) and
//!   `xml` (escaping).

pub mod atom;
pub mod head;
pub mod json_ld;
pub mod links;
pub mod list;
pub mod page;
pub mod sanitize;
pub mod sitemap;
pub mod updated;
pub mod words;
pub mod xml;
