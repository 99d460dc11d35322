//! The list pages of a built site: the newest headlines on `index.html`,
//! older ones on `page/2/`, `page/3/`, … and the same for each category
//! (`category/<slug>/`) and year (`year/<YYYY>/`) the archive has. Pages
//! are chained by plain `rel="prev"`/`rel="next"` links, so a reader
//! without script, or a crawler, reaches every article from `index.html`.
//!
//! The cards are the app's own markup (components/article_card.rs), so
//! nothing moves when the app takes the page over.

use std::collections::{BTreeMap, HashMap};

use newsroom::article::{shorten, Article};
use newsroom::catalog::cmp_label;
use newsroom::messages::{choose, fill, Messages};
use newsroom::page_title::page_title;
use newsroom::slug::{make_unique, natural_slug};
use newsroom::thumbnail::thumbnail;
use newsroom::url_state::{Facet, Filters, ViewState};

use crate::escape::{escape_attribute, escape_text};
use crate::site::article::meta;
use crate::site::links::{folder_link, to_root};
use crate::site::page::{address, as_folder, Site, ARTICLES_DIR};

/// Cards per list page: a page a reader scans in a few screens, and few
/// enough pages that a crawler follows the chain to the oldest article.
pub const LIST_PAGE_SIZE: usize = 20;

/// Longest description in a list page's head, in characters (as an article page's).
const MAX_DESCRIPTION: usize = 300;

/// The folders of the lists by category and by year, and of a list's later pages.
const CATEGORY_DIR: &str = "category";
const YEAR_DIR: &str = "year";
const PAGE_DIR: &str = "page";

/// One list page, ready for the template: its head and the content of the
/// mount element.
#[derive(Clone, Debug, PartialEq)]
pub struct ListPage {
    /// The file, relative to the site's root: `index.html`, `page/2/index.html`,
    /// `category/safety/index.html`, `year/2024/page/3/index.html`.
    pub path: String,
    /// Its folder, as addresses name it: ``, `page/2/`, `category/safety/`.
    pub folder: String,
    /// The document title.
    pub title: String,
    /// `<html lang>`: the feed's language, else `en`.
    pub language: String,
    /// The feed's description, for `<meta name="description">`.
    pub description: Option<String>,
    /// The page's absolute address.
    pub canonical: String,
    /// Relative links to the newer and the older page of the same list.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The mount element's `data-view`: what the app shows when it takes
    /// over (`nr-category=Safety`, `nr-year=2024`); none for the main list,
    /// whose later pages the app shows from the top with "Show more".
    pub data_view: Option<String>,
    /// What goes inside the mount element: header, cards, the links between
    /// pages, and on the first page the links to every category and year.
    pub body: String,
}

impl ListPage {
    /// What goes between `<head>` and `</head>`, as `head::head` for an article.
    pub fn head(&self) -> String {
        let mut out = String::new();
        out.push_str("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(&format!("<title>{}</title>\n", escape_text(&self.title)));
        if let Some(description) = &self.description {
            out.push_str(&format!("<meta name=\"description\" content=\"{}\">\n", escape_attribute(description)));
        }
        out.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", escape_attribute(&self.canonical)));
        for (rel, href) in [("prev", &self.prev), ("next", &self.next)] {
            if let Some(href) = href {
                out.push_str(&format!("<link rel=\"{rel}\" href=\"{}\">\n", escape_attribute(href)));
            }
        }
        out
    }
}

/// One list: where it lives, what it is called, and what it shows.
struct List {
    /// The folder of its first page: empty for the main list.
    folder: String,
    /// The category or year it shows; none for the main list.
    name: Option<String>,
    data_view: Option<String>,
    /// Positions in the archive, in its order.
    members: Vec<usize>,
}

/// The list pages of a site whose `articles` are in the archive's order
/// (newest first, undated last), article `i` at `articles/{slugs[i]}/`.
/// `description` is the feed's. The main list always has a first page,
/// even for an empty archive; categories and years have pages only where
/// articles have them.
pub fn list_pages(articles: &[Article], slugs: &[String], site: &Site, description: Option<&str>) -> Vec<ListPage> {
    let language = site.language.unwrap_or("en");
    let m = choose([language]);
    let (categories, years) = (by_category(articles), by_year(articles));
    let browse = [
        (m.browse_categories, "categories", links(&categories)),
        (m.browse_years, "years", links(&years)),
    ];
    let main = List { folder: String::new(), name: None, data_view: None, members: (0..articles.len()).collect() };
    // Each article is on up to three lists: what its card needs from its
    // body (the teaser may need the whole body's text) is found once.
    let parts = articles.iter().map(|a| (a.teaser(), thumbnail(a))).collect();
    let context = Context { articles, slugs, parts, site, m, language, description, site_folder: as_folder(site.base) };
    let mut pages = context.pages(&main, &browse);
    for list in categories.iter().chain(&years) {
        pages.extend(context.pages(list, &[]));
    }
    pages
}

/// The lists by category: one per distinct category, in the toolbar's
/// order, each at the slug of its name (repeats numbered in that order).
fn by_category(articles: &[Article]) -> Vec<List> {
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(c) = &a.category {
            members.entry(c.as_str()).or_default().push(i);
        }
    }
    let mut names: Vec<&str> = members.keys().copied().collect();
    names.sort_by(|a, b| cmp_label(a, b));
    let slugs = make_unique(names.iter().map(|c| natural_slug(None, c, CATEGORY_DIR)).collect());
    names
        .into_iter()
        .zip(slugs)
        .map(|(name, slug)| List {
            folder: format!("{CATEGORY_DIR}/{slug}/"),
            name: Some(name.to_string()),
            data_view: Some(view(Facet::Category, name)),
            members: members.remove(name).unwrap_or_default(),
        })
        .collect()
}

/// The lists by year, newest first: the publisher's year, as the app's filter has it.
fn by_year(articles: &[Article]) -> Vec<List> {
    let mut members: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(d) = &a.date {
            members.entry(d.year).or_default().push(i);
        }
    }
    members
        .into_iter()
        .rev()
        .map(|(year, members)| {
            let year = year.to_string();
            List { folder: format!("{YEAR_DIR}/{year}/"), data_view: Some(view(Facet::Year, &year)), name: Some(year), members }
        })
        .collect()
}

/// Each list's name and folder, for the links to them.
fn links(lists: &[List]) -> Vec<(&str, &str)> {
    lists.iter().map(|l| (l.name.as_deref().unwrap_or_default(), l.folder.as_str())).collect()
}

/// The mount element's `data-view` for one filter, in the URL's own syntax
/// and percent-encoding (`url_state`), so the app reads it as it reads a link.
fn view(facet: Facet, value: &str) -> String {
    let state = ViewState { page: 1, filters: Filters::default().with(facet, value), ..ViewState::default() };
    state.to_search("").trim_start_matches('?').to_string()
}

/// What every page of a site shares.
struct Context<'a> {
    articles: &'a [Article],
    slugs: &'a [String],
    /// Each article's teaser and picture.
    parts: Vec<(String, Option<String>)>,
    site: &'a Site<'a>,
    m: &'static Messages,
    language: &'a str,
    description: Option<&'a str>,
    site_folder: url::Url,
}

/// A titled list of links (label, id suffix, (text, folder) pairs).
type Browse<'a> = (&'static str, &'static str, Vec<(&'a str, &'a str)>);

impl Context<'_> {
    /// The pages of `list`, each chained to the next; the first carries `browse`.
    fn pages(&self, list: &List, browse: &[Browse]) -> Vec<ListPage> {
        let chunks: Vec<&[usize]> = if list.members.is_empty() { vec![&[]] } else { list.members.chunks(LIST_PAGE_SIZE).collect() };
        let count = chunks.len();
        let folder_of = |n: usize| if n == 1 { list.folder.clone() } else { format!("{}{PAGE_DIR}/{n}/", list.folder) };
        chunks
            .iter()
            .enumerate()
            .map(|(k, members)| {
                let n = k + 1;
                let folder = folder_of(n);
                let path = format!("{folder}index.html");
                let prev = (n > 1).then(|| folder_link(&path, &folder_of(n - 1)));
                let next = (n < count).then(|| folder_link(&path, &folder_of(n + 1)));
                let mut body = self.header(&path, list);
                body.push_str("<div class=\"newsroom__results\">");
                for &i in members.iter() {
                    if let (Some(article), Some(slug), Some((teaser, picture))) = (self.articles.get(i), self.slugs.get(i), self.parts.get(i)) {
                        body.push('\n');
                        body.push_str(&card(&path, article, slug, teaser, picture.as_deref(), self.m));
                    }
                }
                body.push_str("\n</div>\n");
                if count > 1 {
                    body.push_str(&self.pager(n, prev.as_deref(), next.as_deref()));
                }
                if n == 1 {
                    for (label, id, links) in browse.iter().filter(|b| !b.2.is_empty()) {
                        body.push_str(&browse_nav(&path, label, id, links));
                    }
                }
                ListPage {
                    title: self.title(list, n),
                    language: self.language.to_string(),
                    description: self.description.map(|d| shorten(d.trim(), MAX_DESCRIPTION)).filter(|d| !d.is_empty()),
                    canonical: address(&self.site_folder, &folder),
                    data_view: list.data_view.clone(),
                    prev,
                    next,
                    body,
                    path,
                    folder,
                }
            })
            .collect()
    }

    /// "Acme News"; "Page 2 – Acme News"; "Safety – Acme News"; "Safety – Page 2 – Acme News".
    fn title(&self, list: &List, n: usize) -> String {
        let site = if self.site.title.trim().is_empty() { self.m.news } else { self.site.title };
        let page = (n > 1).then(|| fill(self.m.page_number, &[("n", &n.to_string())]));
        match (list.name.as_deref(), page) {
            (None, None) => shorten(site.trim(), newsroom::page_title::MAX_TITLE),
            (Some(name), None) => page_title(name, site),
            (None, Some(page)) => page_title(&page, site),
            (Some(name), Some(page)) => page_title(&page_title(name, &page), site),
        }
    }

    /// Below the app's header (which the mount element writes, `mount.rs`): on
    /// a category's or year's list, the way back to the main list and its name.
    fn header(&self, from: &str, list: &List) -> String {
        let mut out = String::new();
        if let Some(name) = &list.name {
            out.push_str(&format!("<a class=\"newsroom__back\" href=\"{}\">{}</a>\n", escape_attribute(&folder_link(from, "")), escape_text(self.m.back_to_news)));
            out.push_str(&format!("<h2 class=\"newsroom__view-title\">{}</h2>\n", escape_text(name)));
        }
        out
    }

    /// The links to the newer and older pages of a list, and where the reader is.
    fn pager(&self, n: usize, prev: Option<&str>, next: Option<&str>) -> String {
        let m = self.m;
        let mut out = format!("<nav class=\"newsroom__pages\" aria-label=\"{}\">", escape_attribute(m.list_pages));
        if let Some(href) = prev {
            out.push_str(&format!("<a class=\"newsroom__newer\" rel=\"prev\" href=\"{}\">{}</a>", escape_attribute(href), escape_text(m.newer_articles)));
        }
        let here = fill(m.page_number, &[("n", &n.to_string())]);
        out.push_str(&format!("<span class=\"newsroom__page-number\" aria-current=\"page\">{}</span>", escape_text(&here)));
        if let Some(href) = next {
            out.push_str(&format!("<a class=\"newsroom__older\" rel=\"next\" href=\"{}\">{}</a>", escape_attribute(href), escape_text(m.older_articles)));
        }
        out.push_str("</nav>\n");
        out
    }
}

/// A titled list of links to lists, on the first page of the main list.
fn browse_nav(from: &str, label: &str, id: &str, links: &[(&str, &str)]) -> String {
    // The heading names the navigation; the id is ours alone on the page.
    let mut out = format!("<nav class=\"newsroom__browse\" aria-labelledby=\"newsroom-browse-{id}\"><h2 class=\"newsroom__browse-title\" id=\"newsroom-browse-{id}\">{}</h2><ul class=\"newsroom__browse-list\">", escape_text(label));
    for (text, folder) in links {
        out.push_str(&format!("<li><a href=\"{}\">{}</a></li>", escape_attribute(&folder_link(from, folder)), escape_text(text)));
    }
    out.push_str("</ul></nav>\n");
    out
}

/// An article's card as components/article_card.rs and browser/article_meta.rs
/// render it (no query: the title and teaser unmarked), linking to its page;
/// with its `teaser` and its `picture` (`thumbnail`) as the card shows them.
fn card(from: &str, article: &Article, slug: &str, teaser: &str, picture: Option<&str>, m: &Messages) -> String {
    let mut out = format!("<article class=\"newsroom__card\" data-id=\"{}\"", escape_attribute(&article.id));
    if let Some(lang) = &article.language {
        out.push_str(&format!(" lang=\"{}\"", escape_attribute(lang)));
    }
    let href = folder_link(from, &format!("{ARTICLES_DIR}/{slug}/"));
    out.push_str(&format!(
        "><h2 class=\"newsroom__card-title\"><a class=\"newsroom__card-link\" href=\"{}\">{}</a></h2>",
        escape_attribute(&href),
        escape_text(&article.title)
    ));
    meta(&mut out, m, article, "newsroom__card");
    if !teaser.is_empty() {
        out.push_str(&format!("<p class=\"newsroom__card-summary\">{}</p>", escape_text(teaser)));
    }
    if let Some(src) = picture {
        out.push_str(&format!(
            "<img class=\"newsroom__thumb\" loading=\"lazy\" decoding=\"async\" alt=\"\" src=\"{}\">",
            escape_attribute(&from_root(from, src))
        ));
    }
    out.push_str("</article>");
    out
}

/// A picture's address as the page at `from` must write it: the feed's own
/// relative addresses are relative to the site's root (where feed.json is,
/// and as the article pages resolve them); absolute and root-relative ones
/// stay. (`thumbnail` only gives http(s) or scheme-less addresses.)
fn from_root(from: &str, src: &str) -> String {
    // Browsers ignore tabs and line breaks in an address, so its start is read without them.
    let start: String = src.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).take(8).collect::<String>().to_ascii_lowercase();
    let kept = start.starts_with("http:") || start.starts_with("https:") || start.starts_with('/') || start.starts_with('\\');
    if kept {
        src.to_string()
    } else {
        format!("{}{src}", to_root(from))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashSet;

    use newsroom::article::Body;
    use newsroom::bundle::Author;
    use newsroom::date::parse_date;

    /// An article with an id, a date (or none) and a category (or none).
    pub(crate) fn article(id: &str, date: Option<&str>, category: Option<&str>) -> Article {
        Article {
            id: id.into(),
            title: format!("Title {id}"),
            date: date.and_then(parse_date),
            summary: Some(format!("Summary {id}")),
            body: Body::Text(format!("Body of {id}.")),
            tags: vec![],
            category: category.map(Into::into),
            language: None,
            url: None,
            image: None,
            authors: vec![],
            page: None,
        }
    }

    pub(crate) fn base() -> url::Url {
        url::Url::parse("https://example.com/news").unwrap()
    }

    pub(crate) fn site<'a>(base: &'a url::Url, language: Option<&'a str>) -> Site<'a> {
        const AUTHORS: &[Author] = &[];
        Site { title: "Acme News", language, authors: AUTHORS, base }
    }

    /// `n` articles, newest first: the first half in 2024, the rest in
    /// 2023 but the last three undated; every third in category "Safety".
    fn archive(n: usize) -> (Vec<Article>, Vec<String>) {
        let articles: Vec<Article> = (0..n)
            .map(|i| {
                let year = if i < n / 2 { 2024 } else { 2023 };
                let date = (i + 3 < n).then(|| format!("{year}-{:02}-{:02}", 12 - (i / 28) % 12, 28 - i % 28));
                article(&format!("a{i}"), date.as_deref(), (i % 3 == 0).then_some("Safety"))
            })
            .collect();
        let slugs = articles.iter().map(|a| format!("slug-{}", a.id)).collect();
        (articles, slugs)
    }

    /// Where a relative `href` on the page `from` leads (a path from the root).
    fn resolve(from: &str, href: &str) -> String {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for segment in href.split('/') {
            match segment {
                ".." => {
                    assert!(parts.pop().is_some(), "{href} from {from} leaves the site");
                }
                s => parts.push(s),
            }
        }
        parts.join("/")
    }

    /// Every `href` of links with `marker` right before it (`rel="next" href="`).
    fn hrefs<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
        html.split(marker).skip(1).filter_map(|rest| rest.split('"').next()).collect()
    }

    fn by_path(pages: &[ListPage]) -> HashMap<&str, &ListPage> {
        pages.iter().map(|p| (p.path.as_str(), p)).collect()
    }

    /// The articles' pages reached by following `rel="next"` from `start`,
    /// in the order read, and the pages passed through.
    fn crawl<'a>(pages: &'a HashMap<&str, &ListPage>, start: &str) -> (Vec<String>, Vec<&'a str>) {
        let (mut found, mut visited) = (Vec::new(), Vec::new());
        let mut at = Some(start.to_string());
        while let Some(path) = at {
            let page = pages.get(path.as_str()).unwrap_or_else(|| panic!("no page {path}"));
            assert!(!visited.contains(&page.path.as_str()), "a loop at {path}");
            visited.push(page.path.as_str());
            found.extend(hrefs(&page.body, "class=\"newsroom__card-link\" href=\"").iter().map(|h| resolve(&path, h)));
            let next = hrefs(&page.body, "rel=\"next\" href=\"");
            assert!(next.len() <= 1);
            assert_eq!(next.first().copied(), page.next.as_deref(), "the link and the head agree");
            at = next.first().map(|h| resolve(&path, h));
        }
        (found, visited)
    }

    #[test]
    fn every_article_is_reached_by_following_next_from_the_index() {
        for n in [0, 1, LIST_PAGE_SIZE, LIST_PAGE_SIZE + 1, 95] {
            let (articles, slugs) = archive(n);
            let base = base();
            let pages = list_pages(&articles, &slugs, &site(&base, None), None);
            let pages = by_path(&pages);
            let (found, visited) = crawl(&pages, "index.html");
            let expected: Vec<String> = slugs.iter().map(|s| format!("articles/{s}/index.html")).collect();
            assert_eq!(found, expected, "{n} articles: all, in archive order");
            assert_eq!(visited.len(), n.div_ceil(LIST_PAGE_SIZE).max(1));
            if n > LIST_PAGE_SIZE {
                assert_eq!(visited[1], "page/2/index.html");
            }
            // And back: each page's `prev` is the page before it.
            for pair in visited.windows(2) {
                let prev = pages[pair[1]].prev.as_deref().map(|h| resolve(pair[1], h));
                assert_eq!(prev.as_deref(), Some(pair[0]));
                assert_eq!(hrefs(&pages[pair[1]].body, "rel=\"prev\" href=\"").len(), 1);
            }
            assert_eq!(pages["index.html"].prev, None);
        }
    }

    #[test]
    fn category_and_year_pages_list_their_articles_and_are_linked_from_the_index() {
        let (articles, slugs) = archive(95);
        let base = base();
        let all = list_pages(&articles, &slugs, &site(&base, None), Some("Company news"));
        let pages = by_path(&all);
        let index = pages["index.html"];
        let linked: Vec<String> = hrefs(&index.body, "<li><a href=\"").iter().map(|h| resolve("index.html", h)).collect();
        assert_eq!(linked, ["category/safety/index.html", "year/2024/index.html", "year/2023/index.html"]);
        for (start, wanted) in [
            ("category/safety/index.html", articles.iter().map(|a| a.category.is_some()).collect::<Vec<_>>()),
            ("year/2024/index.html", articles.iter().map(|a| a.date.as_ref().is_some_and(|d| d.year == 2024)).collect()),
            ("year/2023/index.html", articles.iter().map(|a| a.date.as_ref().is_some_and(|d| d.year == 2023)).collect()),
        ] {
            let (found, visited) = crawl(&pages, start);
            let expected: Vec<String> = slugs.iter().zip(&wanted).filter(|(_, &w)| w).map(|(s, _)| format!("articles/{s}/index.html")).collect();
            assert!(!expected.is_empty());
            assert_eq!(found, expected, "{start}");
            // The way back to the main list, and nothing else to browse.
            for path in &visited {
                assert!(pages[path].body.contains("class=\"newsroom__back\" href=\""), "{path}");
                assert!(!pages[path].body.contains("newsroom__browse"), "{path}");
            }
        }
        // Undated articles are on no year's page; every page is reached from the index.
        let reached: HashSet<&str> = ["index.html", "category/safety/index.html", "year/2024/index.html", "year/2023/index.html"]
            .iter()
            .flat_map(|s| crawl(&pages, s).1)
            .collect();
        assert_eq!(reached.len(), all.len());
        assert_eq!(pages["category/safety/index.html"].data_view.as_deref(), Some("nr-category=Safety"));
        assert_eq!(pages["year/2023/index.html"].data_view.as_deref(), Some("nr-year=2023"));
        assert_eq!(pages["category/safety/page/2/index.html"].data_view.as_deref(), Some("nr-category=Safety"));
        assert_eq!(index.data_view, None);
        assert_eq!(pages["page/2/index.html"].data_view, None);
    }

    #[test]
    fn titles_addresses_and_head_links() {
        let (articles, slugs) = archive(45);
        let base = base();
        let pages = list_pages(&articles, &slugs, &site(&base, Some("zh-CN")), Some("  Acme's news  "));
        let pages = by_path(&pages);
        let index = pages["index.html"];
        assert_eq!(index.title, "Acme News");
        assert_eq!(index.language, "zh-CN");
        assert_eq!(index.canonical, "https://example.com/news/");
        assert_eq!(index.folder, "");
        let second = pages["page/2/index.html"];
        assert_eq!(second.title, "第 2 页 – Acme News");
        assert_eq!(second.canonical, "https://example.com/news/page/2/");
        assert_eq!(second.head(), concat!(
            "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<title>第 2 页 – Acme News</title>\n",
            "<meta name=\"description\" content=\"Acme's news\">\n",
            "<link rel=\"canonical\" href=\"https://example.com/news/page/2/\">\n",
            "<link rel=\"prev\" href=\"../../index.html\">\n",
            "<link rel=\"next\" href=\"../../page/3/index.html\">\n",
        ));
        let category = pages["category/safety/index.html"];
        assert_eq!(category.title, "Safety – Acme News");
        assert_eq!(pages["year/2024/page/2/index.html"].title, "2024 – 第 2 页 – Acme News");
        assert_eq!(pages["year/2024/page/2/index.html"].canonical, "https://example.com/news/year/2024/page/2/");
        assert!(category.body.starts_with("<a class=\"newsroom__back\" href=\"../../index.html\">← 返回新闻</a>\n<h2 class=\"newsroom__view-title\">Safety</h2>"));
        assert!(second.body.contains(concat!(
            "<nav class=\"newsroom__pages\" aria-label=\"分页\"><a class=\"newsroom__newer\" rel=\"prev\" href=\"../../index.html\">← 较新的文章</a>",
            "<span class=\"newsroom__page-number\" aria-current=\"page\">第 2 页</span>",
            "<a class=\"newsroom__older\" rel=\"next\" href=\"../../page/3/index.html\">较早的文章 →</a></nav>",
        )));
        // One page: no links between pages.
        let (one, slugs) = archive(3);
        let pages = list_pages(&one, &slugs, &site(&base, None), None);
        assert!(pages.iter().all(|p| !p.body.contains("newsroom__pages") && p.prev.is_none() && p.next.is_none()));
        assert_eq!(pages[0].language, "en");
        assert!(pages[0].body.starts_with("<div class=\"newsroom__results\">"), "{}", pages[0].body);
    }

    fn card_of(from: &str, article: &Article, slug: &str, m: &Messages) -> String {
        card(from, article, slug, &article.teaser(), thumbnail(article).as_deref(), m)
    }

    #[test]
    fn a_card_is_the_apps_card() {
        let mut a = article("plant-42", Some("2023-11-04T09:00:00+08:00"), Some("Company News"));
        a.language = Some("zh-CN".into());
        a.tags = vec!["Export".into(), "R&D".into()];
        a.image = Some("images/plant.jpg".into());
        assert_eq!(card_of("category/company-news/index.html", &a, "plant", &newsroom::messages::EN), concat!(
            "<article class=\"newsroom__card\" data-id=\"plant-42\" lang=\"zh-CN\">",
            "<h2 class=\"newsroom__card-title\"><a class=\"newsroom__card-link\" href=\"../../articles/plant/index.html\">Title plant-42</a></h2>",
            "<div class=\"newsroom__meta newsroom__card-meta\"><time datetime=\"2023-11-04T09:00:00+08:00\">November 4, 2023</time>",
            "<span class=\"newsroom__card-category\">Company News</span>",
            "<ul class=\"newsroom__card-tags\" aria-label=\"Tags\"><li>Export</li><li>R&amp;D</li></ul></div>",
            "<p class=\"newsroom__card-summary\">Summary plant-42</p>",
            "<img class=\"newsroom__thumb\" loading=\"lazy\" decoding=\"async\" alt=\"\" src=\"../../images/plant.jpg\">",
            "</article>",
        ));
        let mut bare = article("b", None, None);
        bare.summary = None;
        bare.body = Body::Empty;
        assert_eq!(card_of("index.html", &bare, "b", &newsroom::messages::ZH_CN), concat!(
            "<article class=\"newsroom__card\" data-id=\"b\"><h2 class=\"newsroom__card-title\"><a class=\"newsroom__card-link\" href=\"articles/b/index.html\">Title b</a></h2>",
            "<div class=\"newsroom__meta newsroom__card-meta\"><span class=\"newsroom__card-undated\">无日期</span></div></article>",
        ));
    }

    #[test]
    fn pictures_resolve_against_the_root_and_only_safe_ones_appear() {
        let from = "page/2/index.html";
        for (image, src) in [
            ("images/a.jpg", Some("../../images/a.jpg")),
            ("/images/a.jpg", Some("/images/a.jpg")),
            ("//cdn.example.com/a.jpg", Some("//cdn.example.com/a.jpg")),
            ("https://cdn.example.com/a.jpg?w=1&h=2", Some("https://cdn.example.com/a.jpg?w=1&amp;h=2")),
            ("HTTP://cdn.example.com/a.jpg", Some("HTTP://cdn.example.com/a.jpg")),
            ("javascript:alert(1)", None),
            ("data:image/png,x", None),
            ("java\tscript:alert(1)", None),
        ] {
            let a = Article { image: Some(image.into()), ..article("x", None, None) };
            let html = card_of(from, &a, "x", &newsroom::messages::EN);
            let found = hrefs(&html, " src=\"").first().copied();
            assert_eq!(found, src, "{image}");
        }
    }

    #[test]
    fn hostile_values_stay_text() {
        let hostile = "\"><script>alert(1)</script><img src=x onerror=alert(1)>";
        let mut a = article(hostile, Some("2024-01-01"), Some(hostile));
        a.title = hostile.into();
        a.summary = Some(hostile.into());
        a.tags = vec![hostile.into()];
        a.language = Some(hostile.into());
        let base = base();
        let site = Site { title: hostile, ..site(&base, Some(hostile)) };
        let pages = list_pages(&[a.clone(), a], &["s".into(), "t".into()], &site, Some(hostile));
        for page in &pages {
            let all = format!("{}{}", page.head(), page.body);
            // Every tag is one of ours.
            for tag in all.split('<').skip(1) {
                let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
                assert!(["meta", "title", "link", "header", "h1", "h2", "p", "a", "div", "article", "time", "span", "ul", "li", "nav"].contains(&name.as_str()), "<{tag}");
            }
        }
        // The category's view is percent-encoded as the app's URLs are.
        let category = pages.iter().find(|p| p.path.starts_with("category/")).unwrap();
        assert_eq!(category.data_view.as_deref(), Some("nr-category=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"));
        assert_eq!(category.path, "category/script-alert-1-script-img-src-x-onerror-alert-1/index.html");
    }

    #[test]
    fn category_slugs_are_unique_and_never_empty() {
        let articles = [article("1", None, Some("Safety")), article("2", None, Some("safety")), article("3", None, Some("!!!")), article("4", None, Some("安全"))];
        let slugs: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let base = base();
        let pages = list_pages(&articles, &slugs, &site(&base, None), None);
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["index.html", "category/category/index.html", "category/safety/index.html", "category/safety-2/index.html", "category/安全/index.html"]);
        assert_eq!(pages[4].canonical, "https://example.com/news/category/%E5%AE%89%E5%85%A8/");
        let index = &pages[0].body;
        assert!(index.contains("<li><a href=\"category/safety/index.html\">Safety</a></li><li><a href=\"category/safety-2/index.html\">safety</a></li>"), "{index}");
        // No dates: no years to browse.
        assert!(!index.contains("newsroom-browse-years"));
    }

    #[test]
    fn the_same_archive_gives_the_same_pages() {
        let (articles, slugs) = archive(70);
        let base = base();
        let once = list_pages(&articles, &slugs, &site(&base, None), None);
        assert_eq!(once, list_pages(&articles, &slugs, &site(&base, None), None));
    }
}
