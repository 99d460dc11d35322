//! `newsroom build`: an archive as a folder any static host or CDN serves as
//! it is. `feed.json` holds the newest items and links the older pages by
//! `next_url`; its `_newsroom.index` names the pre-built index (see
//! `newsroom::prebuilt`). Every other file of the feed is named by a hash of
//! its content, so it may be cached for ever, and an unchanged archive
//! builds to the same bytes.
//!
//! With `--base-url`, also the static site (`site`): a page per article
//! (whose folder every item of the feed names in `_newsroom.page`), in the
//! template's document. Its pages keep their names; only those whose bytes
//! changed are written, so an upload sends only what changed.

use std::collections::HashSet;
use std::path::Path;

use newsroom::archive::Archive;
use newsroom::bundle::{author_links_of, Author, Bundle};
use newsroom::messages::choose;
use newsroom::prebuilt::write::{build_site, build_site_with_pages, listed, Layout, Listed, INDEX_DIR, PAGES_DIR};
use newsroom::slug::unique_slugs;
use rayon::prelude::*;
use serde_json::Value;

use crate::messages;
use crate::site::article_pages::{article_folder, article_pages, SiteOptions};
use crate::site::atom::atom;
use crate::site::common_head::common_head;
use crate::site::list::{list_pages, ListPage};
use crate::site::mount::mount;
use crate::site::page::{as_folder, Site, ARTICLES_DIR};
use crate::site::sitemap::sitemap;
use crate::site::stale::remove_stale_pages;
use crate::site::template::{Template, TemplateError, DEFAULT};

pub struct BuildArgs<'a> {
    pub archive: &'a Path,
    pub out: &'a Path,
    /// Items per page (`feed.json` and every older page).
    pub per_page: usize,
    /// Where the folder will be served (`https://example.com/news/`): then
    /// every `next_url` is absolute, as the JSON Feed spec wants it, and the
    /// static site is written (its canonical addresses must be absolute).
    pub base_url: Option<&'a url::Url>,
    /// Where the app's files are (`--app`); `None`: the site's root.
    pub app: Option<&'a str>,
    /// The site's template (`--template`); `None`: the default.
    pub template: Option<&'a Path>,
}

/// What a build wrote.
#[derive(Debug, PartialEq, Eq)]
pub struct Built {
    pub items: usize,
    pub pages: usize,
    pub index_files: usize,
    /// Files of an earlier build that this one no longer links, removed.
    pub removed: usize,
    /// Items no reader would list (nothing to show), left out.
    pub skipped: usize,
    /// The static site, when one was written.
    pub site: Option<SiteBuilt>,
}

/// What a build wrote of the static site.
#[derive(Debug, PartialEq, Eq)]
pub struct SiteBuilt {
    pub articles: usize,
    /// Every file of the site, written or not.
    pub files: usize,
    /// Those whose bytes changed (or that are new), written.
    pub written: usize,
}

/// Exit status: 0 built, 1 the archive, the template or the folder could not
/// be read or written (a template that cannot be used writes nothing).
pub fn run(args: BuildArgs) -> i32 {
    let template = match read_template(args.template) {
        Ok(template) => template,
        Err(e) => {
            let path = args.template.map_or_else(|| "(default)".to_string(), |p| p.display().to_string());
            eprintln!("{}", messages::template_error(&path, &e));
            return 1;
        }
    };
    let path = args.archive.display().to_string();
    let archive = match std::fs::read_to_string(args.archive).map_err(|e| e.to_string()).and_then(|t| Archive::from_json(&t).map_err(|e| messages::bundle_error(&e))) {
        Ok(archive) => archive,
        Err(e) => {
            eprintln!("{}", messages::archive_unreadable(&path, &e));
            return 1;
        }
    };
    match build(archive, &args, &template) {
        Ok(built) => {
            println!("{}", messages::built(&args.out.display().to_string(), &built));
            if built.site.is_none() {
                println!("{}", messages::no_site());
            }
            0
        }
        Err(e) => {
            eprintln!("{}", messages::write_failed(&args.out.display().to_string(), &e));
            1
        }
    }
}

/// The template at `path`, or the default, checked before anything is written.
pub fn read_template(path: Option<&Path>) -> Result<Template, TemplateError> {
    match path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| TemplateError::Unreadable { detail: e.to_string() })?;
            Template::parse(&text)
        }
        None => Template::parse(DEFAULT),
    }
}

pub fn build(archive: Archive, args: &BuildArgs, template: &Template) -> std::io::Result<Built> {
    let link = |name: &str, from_feed: bool| next_link(name, from_feed, args.base_url);
    let layout = Layout::with_per_page(args.per_page);
    let not_a_bundle = |e| std::io::Error::other(messages::bundle_error(&e));
    let (site, html) = match args.base_url {
        Some(base) => {
            let (read, folders, files, articles) = {
                let listed = listed(&archive).map_err(not_a_bundle)?;
                let slugs = unique_slugs(&listed.articles);
                let options = SiteOptions { base, app: args.app, template };
                let feed_authors = author_links_of(archive.members());
                let mut files = article_pages(&listed, &slugs, &feed_authors, &options);
                let articles = files.len();
                files.extend(listings(&listed, &slugs, &feed_authors, &options));
                let folders: Vec<String> = slugs.iter().map(|slug| article_folder(slug)).collect();
                (listed.into_read(), folders, files, articles)
            };
            // Every item tells the app where its page is (in the feed's
            // files; the archive's own file is not changed), from the
            // archive as read above.
            let site = build_site_with_pages(archive, read, &folders, layout, &link).map_err(not_a_bundle)?;
            (site, Some((articles, files)))
        }
        None => (build_site(&archive, layout, &link).map_err(not_a_bundle)?, None),
    };
    // The site's pages first: the feed's items link them.
    let site_built = match &html {
        Some((articles, files)) => Some(SiteBuilt { articles: *articles, files: files.len(), written: write_site(args.out, files)? }),
        None => None,
    };
    for dir in [PAGES_DIR, INDEX_DIR] {
        std::fs::create_dir_all(args.out.join(dir))?;
    }
    // The pages and the index on every core; `feed.json`, which names the
    // index, after them.
    let (feed, rest): (Vec<_>, Vec<_>) = site.files.iter().partition(|(path, _)| path == "feed.json");
    rest.par_iter().try_for_each(|(path, bytes)| write_file(&args.out.join(path), bytes).map(|_| ()))?;
    for (path, bytes) in feed {
        write_file(&args.out.join(path), bytes)?;
    }
    let names: HashSet<&str> = site.files.iter().map(|(p, _)| p.as_str()).collect();
    let mut removed = remove_stale(args.out, PAGES_DIR, &names)? + remove_stale(args.out, INDEX_DIR, &names)?;
    if let Some((_, files)) = &html {
        removed += remove_stale_pages(args.out, &files.iter().map(|(p, _)| p.as_str()).collect::<HashSet<_>>())?;
    }
    let index_files = names.iter().filter(|n| n.starts_with(INDEX_DIR)).count();
    Ok(Built { items: site.items, pages: site.pages, index_files, removed, skipped: site.skipped.len(), site: site_built })
}

/// The site's list pages, `sitemap.xml` and `feed.atom`, made from the
/// same articles and slugs as the articles' pages.
fn listings(listed: &Listed, slugs: &[String], feed_authors: &[Author], options: &SiteOptions) -> Vec<(String, Vec<u8>)> {
    let feed = &listed.feed;
    let site = Site { title: &feed.title, language: feed.language.as_deref(), authors: feed_authors, base: options.base };
    let pages = list_pages(&listed.articles, slugs, &site, feed.description.as_deref());
    let modified: Vec<Option<String>> = listed.items.iter().map(|item| item.get("date_modified").and_then(Value::as_str).map(String::from)).collect();
    let folders: Vec<String> = pages.iter().map(|p| p.folder.clone()).collect();
    let mut files: Vec<(String, Vec<u8>)> = pages.par_iter().map(|page| (page.path.clone(), list_document(page, feed, options).into_bytes())).collect();
    files.extend(sitemap(&listed.articles, slugs, &modified, &folders, &site).into_iter().map(|(path, text)| (path, text.into_bytes())));
    let (path, text) = atom(&listed.articles, slugs, &modified, &site);
    files.push((path, text.into_bytes()));
    files
}

/// A list page in the template: its head, the feeds and the app, and its
/// cards in the app's mount element.
fn list_document(page: &ListPage, feed: &Bundle, options: &SiteOptions) -> String {
    let m = choose([page.language.as_str()]);
    let mut head = page.head();
    head.push_str(&common_head(&page.path, options.app, &feed.title));
    let content = mount(&page.path, page.data_view.as_deref(), feed, m, &page.body);
    options.template.in_language(&page.language).page(&head, &content)
}

/// Writes the site's files (on every core), making their folders: the
/// articles' pages before the pages that link them; how many were written,
/// the others being unchanged.
fn write_site(out: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<usize> {
    let is_article = |path: &str| path.starts_with(ARTICLES_DIR) && path[ARTICLES_DIR.len()..].starts_with('/');
    let mut written = 0;
    for articles in [true, false] {
        written += files
            .par_iter()
            .filter(|(path, _)| is_article(path) == articles)
            .map(|(path, bytes)| {
                let path = out.join(path);
                if let Some(folder) = path.parent() {
                    std::fs::create_dir_all(folder)?;
                }
                write_file(&path, bytes)
            })
            .collect::<std::io::Result<Vec<bool>>>()?
            .into_iter()
            .filter(|&w| w)
            .count();
    }
    Ok(written)
}

/// The `next_url` of a page: beside it in `pages/`, or from `feed.json` into it.
fn next_link(name: &str, from_feed: bool, base: Option<&url::Url>) -> String {
    let relative = if from_feed { format!("{PAGES_DIR}/{name}") } else { name.to_string() };
    match base {
        Some(base) => as_folder(base).join(&format!("{PAGES_DIR}/{name}")).map_or(relative, String::from),
        None => relative,
    }
}

/// Writes `bytes` at `path` unless the file already has them (then
/// `false`). A file replaced is written through a temporary file and a
/// rename, so a host never serves half a file. A new one is written in
/// place: nothing links it before the files written after it, and a rename
/// costs the file system more than the write (at 100,000 pages, seconds).
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    match std::fs::read(path) {
        Ok(old) if old == bytes => return Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::write(path, bytes)?;
            return Ok(true);
        }
        _ => {}
    }
    // Beside it, named after the whole name: `feed.json` and `feed.atom`,
    // written at the same time, must not share one.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(true)
}

/// Removes files of earlier builds from `out/dir`: our names only (ending in
/// `h` and 16 hex digits before the extension) that this build did not write.
fn remove_stale(out: &Path, dir: &str, keep: &HashSet<&str>) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(out.join(dir))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let hash = stem.rsplit('-').next().unwrap_or("");
        let ours = hash.len() == 17 && hash.starts_with('h') && hash[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if ours && !keep.contains(&format!("{dir}/{name}").as_str()) {
            std::fs::remove_file(out.join(dir).join(&name))?;
            removed += 1;
        }
    }
    Ok(removed)
}
