//! The static site `newsroom build` is growing (issue 18): a page per
//! article at `articles/<slug>/index.html` that reads without the page's
//! script and that search engines and link previews understand. Its stages,
//! each a pure function of the archive and the base URL:
//!
//! - slugs (`newsroom::slug`): where each article's page lives;
//! - `sanitize`: the article's HTML through the page's own policy.

pub mod sanitize;
