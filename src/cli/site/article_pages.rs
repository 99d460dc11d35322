//! Every article's page of the site, `articles/<slug>/index.html`: the
//! template filled with the page's head (its facts, its translations, the
//! feeds and the app) and its content (the article in the app's mount
//! element). Pages are independent of each other, so they are made on every
//! core; the result is in the articles' order, whatever the cores did first.

use std::collections::{BTreeSet, HashMap};

use newsroom::bundle::Author;
use newsroom::messages::choose;
use newsroom::prebuilt::write::Listed;
use newsroom::url_state::ViewState;
use rayon::prelude::*;

use crate::site::article::{article_html, ArticleView, Step};
use crate::site::common_head::common_head;
use crate::site::head::head;
use crate::site::mount::mount;
use crate::site::page::{canonical, page_facts, Site, ARTICLES_DIR};
use crate::site::template::Template;
use crate::site::translations::{alternates, is_language_tag};

/// The page language when neither the item nor the feed names a usable one.
const FALLBACK_LANGUAGE: &str = "en";

/// What every page of the site is made with besides the archive.
pub struct SiteOptions<'a> {
    /// Where the site is served from (`--base-url`).
    pub base: &'a url::Url,
    /// Where the app's files are (`--app`); `None`: the site's root.
    pub app: Option<&'a str>,
    pub template: &'a Template,
}

/// The folder of the page of the article with `slug`, from the site's root.
pub fn article_folder(slug: &str) -> String {
    format!("{ARTICLES_DIR}/{slug}/")
}

/// The page of each article of `listed` (whose slugs are `slugs`, in the
/// same order), as (path from the site's root, bytes), in that order.
/// `feed_authors` are the feed's, with their addresses.
pub fn article_pages(listed: &Listed, slugs: &[String], feed_authors: &[Author], options: &SiteOptions) -> Vec<(String, Vec<u8>)> {
    let feed = &listed.feed;
    let site = Site { title: &feed.title, language: feed.language.as_deref(), authors: feed_authors, base: options.base };
    let by_id: HashMap<&str, usize> = listed.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    // The item's, else the feed's, of those that are language tags at all.
    let language_of = |i: usize| [listed.articles[i].language.as_deref(), site.language].into_iter().flatten().find(|l| is_language_tag(l)).unwrap_or(FALLBACK_LANGUAGE);
    // The template once per language rather than once per page.
    let languages: BTreeSet<&str> = (0..listed.articles.len()).map(language_of).collect();
    let templates: HashMap<&str, Template> = languages.into_iter().map(|l| (l, options.template.in_language(l))).collect();
    (0..listed.articles.len())
        .into_par_iter()
        .map(|i| {
            let (article, item, slug) = (&listed.articles[i], listed.items[i], &slugs[i]);
            let path = format!("{}index.html", article_folder(slug));
            let facts = page_facts(article, item, slug, &site);
            let language = language_of(i);
            let mut head_tags = head(&facts);
            let translation = |id: &str| by_id.get(id).map(|&j| canonical(options.base, &slugs[j]));
            head_tags.push_str(&alternates(facts.language.as_deref(), &facts.canonical, item, translation));
            head_tags.push_str(&common_head(&path, options.app, &feed.title));
            let m = choose([language]);
            let step = |j: usize| listed.articles.get(j).map(|a| Step { title: &a.title, folder: article_folder(&slugs[j]) });
            let view = ArticleView { m, article, path: &path, previous: i.checked_sub(1).and_then(step), next: step(i + 1) };
            let state = ViewState { page: 1, ..ViewState::default() }.with_article(&article.id).to_search("");
            let content = mount(&path, Some(state.trim_start_matches('?')), feed, m, &article_html(&view));
            let page = templates.get(language).unwrap_or(options.template).page(&head_tags, &content);
            (path, page.into_bytes())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsroom::archive::Archive;
    use newsroom::prebuilt::write::listed;
    use newsroom::slug::unique_slugs;

    use crate::site::template::DEFAULT;

    /// The pages of `feed` (a JSON Feed) on a site at `https://example.com/news/`.
    pub(crate) fn pages_of(feed: &str) -> Vec<(String, String)> {
        let archive = Archive::from_json(feed).unwrap();
        let listed = listed(&archive).unwrap();
        let slugs = unique_slugs(&listed.articles);
        let base = url::Url::parse("https://example.com/news/").unwrap();
        let template = Template::parse(DEFAULT).unwrap();
        let options = SiteOptions { base: &base, app: None, template: &template };
        article_pages(&listed, &slugs, &[], &options).into_iter().map(|(p, b)| (p, String::from_utf8(b).unwrap())).collect()
    }

    const FEED: &str = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Acme News", "language": "en", "items": [
        {"id": "old", "title": "Old news", "url": "https://example.com/old.html", "date_published": "2023-01-01", "content_text": "Old."},
        {"id": "visit", "title": "Visit", "date_published": "2024-01-02", "content_text": "En.", "_newsroom": {"translations": {"zh-CN": "visit-zh"}}},
        {"id": "visit-zh", "title": "来访", "language": "zh-CN", "date_published": "2024-01-02", "content_text": "中文。", "_newsroom": {"translations": {"en": "visit"}}}
    ]}"#;

    #[test]
    fn a_page_per_article_newest_first_with_its_neighbours() {
        let pages = pages_of(FEED);
        let paths: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["articles/visit/index.html", "articles/来访/index.html", "articles/old/index.html"]);
        let (_, visit) = &pages[0];
        for part in [
            "<html lang=\"en\">",
            "<title>Visit – Acme News</title>",
            "<link rel=\"canonical\" href=\"https://example.com/news/articles/visit/\">",
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/news/articles/visit/\">",
            "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.com/news/articles/%E6%9D%A5%E8%AE%BF/\">",
            "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Acme News\" href=\"../../feed.json\">",
            "<link rel=\"stylesheet\" href=\"../../newsroom.css\">",
            "<script type=\"module\" src=\"../../newsroom.js\"></script>",
            "<div data-newsroom data-src=\"../../feed.json\" data-site=\"../../\" data-view=\"nr-article=visit\">",
            "<nav class=\"newsroom__pager\" aria-label=\"More articles\"><a class=\"newsroom__next\" href=\"../../articles/来访/index.html\">",
        ] {
            assert!(visit.contains(part), "{part}\nnot in\n{visit}");
        }
        let (_, zh) = &pages[1];
        for part in ["<html lang=\"zh-CN\">", "<div class=\"newsroom newsroom--full\" lang=\"zh-CN\">", "← 返回新闻", "<a class=\"newsroom__prev\" href=\"../../articles/visit/index.html\">",
            "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.com/news/articles/%E6%9D%A5%E8%AE%BF/\">\n<link rel=\"alternate\" hreflang=\"en\""] {
            assert!(zh.contains(part), "{part}\nnot in\n{zh}");
        }
        let (_, old) = &pages[2];
        assert!(!old.contains("hreflang") && !old.contains("newsroom__next") && old.contains("newsroom__prev"), "{old}");
    }

    #[test]
    fn the_page_language_is_the_items_else_the_feeds_else_english() {
        let feed = |language: &str, item_language: &str| format!(r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "T", {language} "items": [
            {{"id": "a", "title": "A", {item_language} "content_text": "x"}}]}}"#);
        for (feed_language, item_language, expected) in [
            (r#""language": "zh-CN","#, r#""language": "en-GB","#, "<html lang=\"en-GB\">"),
            (r#""language": "zh-CN","#, r#""language": "not a tag","#, "<html lang=\"zh-CN\">"),
            ("", "", "<html lang=\"en\">"),
        ] {
            let pages = pages_of(&feed(feed_language, item_language));
            assert!(pages[0].1.contains(expected), "{expected}: {}", pages[0].1);
        }
    }

    #[test]
    fn hostile_bundles_build_pages_where_nothing_runs() {
        let feed = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "</title><script>alert(1)</script>",
            "description": "<img src=x onerror=alert(1)>", "language": "en\"><script>alert(1)</script>", "items": [
            {"id": "\"><script>alert(1)</script>", "title": "</script><script>alert(1)</script>", "url": "javascript:alert(1)",
             "summary": "\u2028</script><!--", "image": "javascript:alert(1)", "language": "x\" onload=\"alert(1)",
             "authors": [{"name": "</script><script>alert(1)</script>", "url": "javascript:alert(1)"}],
             "tags": ["<script>alert(1)</script>"], "_newsroom": {"category": "<b onclick=alert(1)>c</b>", "translations": {"en": "2"}},
             "content_html": "<script>alert(1)</script><p onmouseover=\"alert(1)\">x</p><a href=\"javascript:alert(1)\">a</a><img src=\"x\" onerror=\"alert(1)\"><iframe src=\"javascript:alert(1)\"></iframe><svg onload=alert(1)></svg><object data=x></object><style>*{}</style><form action=\"javascript:alert(1)\"><button>b</button></form>"},
            {"id": "2", "title": "<img src=x onerror=alert(1)>", "content_text": "</p><script>alert(1)</script>", "date_published": "2020-01-01"}]}"#;
        for (path, page) in pages_of(feed) {
            let lower = page.to_lowercase();
            // The one script element is ours: the app, and the JSON-LD, whose text cannot close it.
            assert_eq!(lower.matches("<script").count(), 2, "{path}: {page}");
            let ld = lower.split("<script type=\"application/ld+json\">").nth(1).and_then(|s| s.split("</script>").next()).unwrap();
            assert!(!ld.contains('<') && !ld.contains('>'), "{path}: {ld}");
            serde_json::from_str::<serde_json::Value>(ld).unwrap();
            for bad in ["javascript:", "<iframe", "<svg", "<object", "<form", "<style", "<img src=x"] {
                assert!(!lower.contains(bad), "{bad} in {path}: {page}");
            }
            // No attribute named on… anywhere: every `on` after a space is inside text or a value.
            let document = scraper::Html::parse_document(&page);
            for el in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
                for (name, _) in el.value().attrs() {
                    assert!(!name.to_lowercase().starts_with("on"), "{name} on <{}> in {path}", el.value().name());
                }
                if el.value().name() == "script" {
                    let src = el.value().attr("src");
                    assert!(src == Some("../../newsroom.js") || el.value().attr("type") == Some("application/ld+json"), "{path}: {src:?}");
                }
            }
        }
    }
}
