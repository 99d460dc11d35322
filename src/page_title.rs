//! The document title of an article: the same on its static page (`newsroom
//! build`) and in the app once the reader opens it there, so a bookmark or a
//! shared link says the same whichever way the article was reached.

use crate::article::shorten;

/// Longest article or site title in a document title, in characters.
pub const MAX_TITLE: usize = 200;

/// "Article title – Site title", or the article's title alone when the site has none.
pub fn page_title(article: &str, site: &str) -> String {
    let (article, site) = (shorten(article.trim(), MAX_TITLE), shorten(site.trim(), MAX_TITLE));
    if site.is_empty() {
        article
    } else {
        format!("{article} – {site}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_then_the_site() {
        assert_eq!(page_title("Acme opens a plant", "Acme News"), "Acme opens a plant – Acme News");
        assert_eq!(page_title(" 副市长来访 ", ""), "副市长来访");
        assert_eq!(page_title(&"x".repeat(300), "S").chars().count(), MAX_TITLE + 1 + 4);
    }
}
