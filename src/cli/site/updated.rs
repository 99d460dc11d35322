//! When an article last changed, as the sitemap's `<lastmod>` and Atom's
//! `<updated>` write it: its `date_modified`, else its publication date
//! (as its page's `article:modified_time` and JSON-LD `dateModified` say).

use newsroom::article::Article;
use newsroom::date::{parse_date, PublishedDate};

/// The last change of `article`, whose item has `date_modified` as
/// `modified` (as the archive holds it; one that does not parse is none).
pub fn last_changed(article: &Article, modified: Option<&str>) -> Option<PublishedDate> {
    modified.and_then(parse_date).or_else(|| article.date.clone())
}

/// `d` in the W3C Datetime profile of ISO 8601 (sitemaps): as the publisher
/// wrote it, with the upper-case `T` and `Z` the profile requires (RFC 3339
/// also allows a space and lower case, which `parse_date` accepts). A bare
/// day stays a day.
pub fn w3c(d: &PublishedDate) -> String {
    let s = &d.machine;
    // `parse_date` accepted only ASCII, with the date in its first ten bytes.
    match (s.get(..10), s.get(11..)) {
        (Some(day), Some(time)) => format!("{day}T{}", time.replace('z', "Z")),
        _ => s.clone(),
    }
}

/// `d` as an RFC 3339 date-time (Atom requires a time): a bare day as the
/// UTC midnight that `parse_date` sorts it by.
pub fn date_time(d: &PublishedDate) -> String {
    if d.machine.len() == 10 {
        format!("{}T00:00:00Z", d.machine)
    } else {
        w3c(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PublishedDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn written_with_t_and_z_and_a_day_as_its_midnight_for_atom() {
        assert_eq!(w3c(&date("2024-03-18")), "2024-03-18");
        assert_eq!(w3c(&date("2024-03-18 09:30:00.5z")), "2024-03-18T09:30:00.5Z");
        assert_eq!(w3c(&date("2024-03-18t09:30:00+08:00")), "2024-03-18T09:30:00+08:00");
        assert_eq!(date_time(&date("2024-03-18")), "2024-03-18T00:00:00Z");
        assert_eq!(date_time(&date("2024-03-18T09:30:00-05:00")), "2024-03-18T09:30:00-05:00");
    }

    #[test]
    fn modified_else_published() {
        let article = |d: Option<&str>| crate::site::list::tests::article("1", d, None);
        assert_eq!(last_changed(&article(Some("2024-01-01")), Some("2024-02-01")), Some(date("2024-02-01")));
        assert_eq!(last_changed(&article(Some("2024-01-01")), Some("yesterday")), Some(date("2024-01-01")));
        assert_eq!(last_changed(&article(Some("2024-01-01")), None), Some(date("2024-01-01")));
        assert_eq!(last_changed(&article(None), None), None);
        assert_eq!(last_changed(&article(None), Some("2024-02-01")), Some(date("2024-02-01")));
    }
}
