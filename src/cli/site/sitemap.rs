//! `sitemap.xml` (sitemaps.org protocol 0.9): the address of every list
//! page and every article page, the articles with when they last changed.
//! A sitemap file holds at most 50,000 addresses and 50 MB; past that,
//! `sitemap.xml` becomes a sitemap index naming `sitemaps/1.xml`,
//! `sitemaps/2.xml`, …, so search engines still find it where they look.

use std::ops::Range;

use newsroom::article::Article;
use newsroom::date::PublishedDate;

use crate::site::page::{address, as_folder, Site, ARTICLES_DIR};
use crate::site::updated::{last_changed, w3c};
use crate::site::xml::xml_text;

/// The protocol's limits for one file: addresses, and bytes before compression.
pub const MAX_URLS: usize = 50_000;
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// The sitemap, and the files of its parts when it has to be split.
pub const SITEMAP: &str = "sitemap.xml";
const PARTS_DIR: &str = "sitemaps";

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const URLSET_OPEN: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// One address in the sitemap: its `<url>` element, and when it last changed.
struct Entry {
    xml: String,
    changed: Option<PublishedDate>,
}

/// The sitemap files (path relative to the site's root, content) of a site
/// whose list pages are at `list_folders` (`ListPage::folder`: ``,
/// `page/2/`, …), listed first and without a date (what they show changes
/// with every new article), and whose `articles` (in the archive's order)
/// are at `articles/{slugs[i]}/`. `modified[i]` is article `i`'s
/// `date_modified` as the archive holds it (a shorter slice: the rest have
/// none); an article's `<lastmod>` is that, else its publication date, and
/// an undated, unmodified article has none.
pub fn sitemap(articles: &[Article], slugs: &[String], modified: &[Option<String>], list_folders: &[String], site: &Site) -> Vec<(String, String)> {
    let folder = as_folder(site.base);
    let lists = list_folders.iter().map(|f| entry(&address(&folder, f), None));
    let pages = articles.iter().zip(slugs).enumerate().map(|(i, (article, slug))| {
        let changed = last_changed(article, modified.get(i).and_then(Option::as_deref));
        entry(&address(&folder, &format!("{ARTICLES_DIR}/{slug}/")), changed)
    });
    let entries: Vec<Entry> = lists.chain(pages).collect();
    files(&entries, &folder, MAX_URLS, MAX_BYTES)
}

fn entry(url: &str, changed: Option<PublishedDate>) -> Entry {
    let lastmod = changed.as_ref().map(|d| format!("<lastmod>{}</lastmod>", xml_text(&w3c(d)))).unwrap_or_default();
    Entry { xml: format!("<url><loc>{}</loc>{lastmod}</url>\n", xml_text(url)), changed }
}

/// `sitemap.xml` alone when `entries` fit one file of at most `max_urls`
/// addresses and `max_bytes` bytes; else the index and its parts.
fn files(entries: &[Entry], folder: &url::Url, max_urls: usize, max_bytes: usize) -> Vec<(String, String)> {
    let parts = split(entries, max_urls, max_bytes);
    if let [only] = parts.as_slice() {
        return vec![(SITEMAP.to_string(), urlset(&entries[only.clone()]))];
    }
    let mut index = format!("{XML_DECLARATION}<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut out = Vec::with_capacity(parts.len() + 1);
    for (k, part) in parts.into_iter().enumerate() {
        let path = format!("{PARTS_DIR}/{}.xml", k + 1);
        let part = &entries[part];
        // The part changed when its newest address did.
        let newest = part.iter().filter_map(|e| e.changed.as_ref()).max_by_key(|d| d.timestamp);
        let lastmod = newest.map(|d| format!("<lastmod>{}</lastmod>", xml_text(&w3c(d)))).unwrap_or_default();
        index.push_str(&format!("<sitemap><loc>{}</loc>{lastmod}</sitemap>\n", xml_text(&address(folder, &path))));
        out.push((path, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, (SITEMAP.to_string(), index));
    out
}

/// Consecutive runs of `entries`, each within one file's limits (one entry
/// per run at least, whatever its size). Never empty: no entries is one empty run.
fn split(entries: &[Entry], max_urls: usize, max_bytes: usize) -> Vec<Range<usize>> {
    let frame = XML_DECLARATION.len() + URLSET_OPEN.len() + URLSET_CLOSE.len();
    let mut runs = Vec::new();
    let (mut start, mut bytes) = (0, frame);
    for (i, e) in entries.iter().enumerate() {
        if i > start && (i - start == max_urls || bytes + e.xml.len() > max_bytes) {
            runs.push(start..i);
            (start, bytes) = (i, frame);
        }
        bytes += e.xml.len();
    }
    runs.push(start..entries.len());
    runs
}

fn urlset(entries: &[Entry]) -> String {
    let mut out = String::with_capacity(XML_DECLARATION.len() + URLSET_OPEN.len() + entries.iter().map(|e| e.xml.len()).sum::<usize>() + URLSET_CLOSE.len());
    out.push_str(XML_DECLARATION);
    out.push_str(URLSET_OPEN);
    for e in entries {
        out.push_str(&e.xml);
    }
    out.push_str(URLSET_CLOSE);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::list::tests::{article, base, site};
    use crate::site::xml::tests::well_formed;

    /// The `<loc>` values of a sitemap file, in order.
    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>").skip(1).filter_map(|s| s.split("</loc>").next()).collect()
    }

    #[test]
    fn every_article_with_its_last_change_and_the_list_pages() {
        let articles = [
            article("a", Some("2024-03-18T09:30:00+08:00"), None),
            article("b", Some("2024-03-17 08:00:00z"), None),
            article("c", Some("2024-03-16"), None),
            article("d", None, None),
            article("e", None, None),
        ];
        let slugs: Vec<String> = ["plant", "凌跃", "c", "d", "e"].map(String::from).to_vec();
        let modified = [Some("2024-03-19".to_string()), Some("not a date".to_string()), None, Some("2024-01-01T00:00:00Z".to_string())];
        let base = base();
        let files = sitemap(&articles, &slugs, &modified, &[String::new(), "page/2/".into()], &site(&base, None));
        assert_eq!(files.len(), 1);
        let (path, xml) = &files[0];
        assert_eq!(path, "sitemap.xml");
        well_formed(xml);
        assert_eq!(xml, concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            "<url><loc>https://example.com/news/</loc></url>\n",
            "<url><loc>https://example.com/news/page/2/</loc></url>\n",
            "<url><loc>https://example.com/news/articles/plant/</loc><lastmod>2024-03-19</lastmod></url>\n",
            "<url><loc>https://example.com/news/articles/%E5%87%8C%E8%B7%83/</loc><lastmod>2024-03-17T08:00:00Z</lastmod></url>\n",
            "<url><loc>https://example.com/news/articles/c/</loc><lastmod>2024-03-16</lastmod></url>\n",
            "<url><loc>https://example.com/news/articles/d/</loc><lastmod>2024-01-01T00:00:00Z</lastmod></url>\n",
            "<url><loc>https://example.com/news/articles/e/</loc></url>\n",
            "</urlset>\n",
        ));
    }

    #[test]
    fn addresses_are_xml_escaped() {
        let base = url::Url::parse("https://example.com/R&D's/news?x=1&y=2").unwrap();
        let files = sitemap(&[article("a", None, None)], &["a".into()], &[], &[String::new()], &site(&base, None));
        let xml = &files[0].1;
        well_formed(xml);
        assert_eq!(locs(xml), ["https://example.com/R&amp;D&apos;s/news/", "https://example.com/R&amp;D&apos;s/news/articles/a/"]);
    }

    #[test]
    fn past_50000_addresses_an_index_names_the_parts() {
        let base = base();
        let site = site(&base, None);
        let lists: Vec<String> = vec![String::new(), "page/2/".into()];
        let one = article("x", Some("2024-01-01"), None);
        for n in [MAX_URLS - lists.len(), MAX_URLS - lists.len() + 1] {
            let mut articles = vec![one.clone(); n];
            // The newest change of each part is neither its first nor its last.
            articles[100].date = newsroom::date::parse_date("2024-06-01");
            articles[n - 1].date = newsroom::date::parse_date("2025-06-01T12:00:00+02:00");
            let slugs: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
            let files = sitemap(&articles, &slugs, &[], &lists, &site);
            let all: Vec<&str> = files.iter().filter(|(p, _)| p != SITEMAP).flat_map(|(_, x)| locs(x)).collect();
            if n + lists.len() == MAX_URLS {
                assert_eq!(files.len(), 1, "{n} articles fit one file");
                assert_eq!(locs(&files[0].1).len(), MAX_URLS);
                continue;
            }
            let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
            assert_eq!(paths, ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml"]);
            let index = &files[0].1;
            well_formed(index);
            assert_eq!(index, concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
                "<sitemap><loc>https://example.com/news/sitemaps/1.xml</loc><lastmod>2024-06-01</lastmod></sitemap>\n",
                "<sitemap><loc>https://example.com/news/sitemaps/2.xml</loc><lastmod>2025-06-01T12:00:00+02:00</lastmod></sitemap>\n",
                "</sitemapindex>\n",
            ));
            assert_eq!(locs(&files[1].1).len(), MAX_URLS);
            assert_eq!(locs(&files[2].1), ["https://example.com/news/articles/s49998/"]);
            // Every address once, in order.
            assert_eq!(all.len(), n + lists.len());
            assert_eq!(all[..3], ["https://example.com/news/", "https://example.com/news/page/2/", "https://example.com/news/articles/s0/"]);
            for (_, xml) in &files[1..] {
                assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset ") && xml.ends_with("</urlset>\n"));
                assert!(xml.len() <= MAX_BYTES);
            }
        }
    }

    #[test]
    fn a_file_never_passes_the_byte_limit() {
        let entries: Vec<Entry> = (0..10).map(|i| entry(&format!("https://example.com/{}", "x".repeat(i * 10)), None)).collect();
        let frame = XML_DECLARATION.len() + URLSET_OPEN.len() + URLSET_CLOSE.len();
        let max = frame + 200;
        let runs = split(&entries, MAX_URLS, max);
        assert_eq!(runs.first().map(|r| r.start), Some(0));
        assert_eq!(runs.last().map(|r| r.end), Some(entries.len()));
        for pair in runs.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for run in &runs {
            assert!(urlset(&entries[run.clone()]).len() <= max, "{run:?}");
            // And each run is as long as the limit allows.
            if run.end < entries.len() {
                assert!(urlset(&entries[run.start..run.end + 1]).len() > max, "{run:?}");
            }
        }
        // An entry larger than the limit still gets a file of its own; no entries, one empty file.
        assert_eq!(split(&entries, MAX_URLS, 10), (0..10).map(|i| i..i + 1).collect::<Vec<_>>());
        assert_eq!(split(&[], MAX_URLS, MAX_BYTES), vec![Range { start: 0, end: 0 }]);
        assert_eq!(split(&entries, 3, MAX_BYTES), [0..3, 3..6, 6..9, 9..10]);
    }

    #[test]
    fn an_empty_archive_lists_its_index() {
        let base = base();
        let files = sitemap(&[], &[], &[], &[String::new()], &site(&base, None));
        assert_eq!(locs(&files[0].1), ["https://example.com/news/"]);
        well_formed(&files[0].1);
    }
}
