//! `newsroom build`: an archive as a folder any static host or CDN serves as
//! it is. `feed.json` holds the newest items and links the older pages by
//! `next_url`; its `_newsroom.index` names the pre-built index (see
//! `newsroom::prebuilt`). Every other file is named by a hash of its
//! content, so it may be cached for ever, and an unchanged archive builds
//! to the same bytes.

use std::path::Path;

use newsroom::archive::Archive;
use newsroom::prebuilt::write::{build_site, Layout, INDEX_DIR, PAGES_DIR};

use crate::messages;
use crate::site::page::as_folder;

pub struct BuildArgs<'a> {
    pub archive: &'a Path,
    pub out: &'a Path,
    /// Items per page (`feed.json` and every older page).
    pub per_page: usize,
    /// Where the folder will be served (`https://example.com/news/`): then
    /// every `next_url` is absolute, as the JSON Feed spec wants it.
    pub base_url: Option<&'a url::Url>,
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
}

/// Exit status: 0 built, 1 the archive or the folder could not be read or written.
pub fn run(args: BuildArgs) -> i32 {
    let path = args.archive.display().to_string();
    let archive = match std::fs::read_to_string(args.archive).map_err(|e| e.to_string()).and_then(|t| Archive::from_json(&t).map_err(|e| messages::bundle_error(&e))) {
        Ok(archive) => archive,
        Err(e) => {
            eprintln!("{}", messages::archive_unreadable(&path, &e));
            return 1;
        }
    };
    match build(&archive, &args) {
        Ok(built) => {
            println!("{}", messages::built(&args.out.display().to_string(), &built));
            0
        }
        Err(e) => {
            eprintln!("{}", messages::write_failed(&args.out.display().to_string(), &e));
            1
        }
    }
}

pub fn build(archive: &Archive, args: &BuildArgs) -> std::io::Result<Built> {
    let link = |name: &str, from_feed: bool| next_link(name, from_feed, args.base_url);
    let site = build_site(archive, Layout::with_per_page(args.per_page), &link).map_err(|e| std::io::Error::other(messages::bundle_error(&e)))?;
    for dir in [PAGES_DIR, INDEX_DIR] {
        std::fs::create_dir_all(args.out.join(dir))?;
    }
    for (path, bytes) in &site.files {
        write_file(&args.out.join(path), bytes)?;
    }
    let names: Vec<&str> = site.files.iter().map(|(p, _)| p.as_str()).collect();
    let removed = remove_stale(args.out, PAGES_DIR, &names)? + remove_stale(args.out, INDEX_DIR, &names)?;
    let index_files = names.iter().filter(|n| n.starts_with(INDEX_DIR)).count();
    Ok(Built { items: site.items, pages: site.pages, index_files, removed, skipped: site.skipped.len() })
}

/// The `next_url` of a page: beside it in `pages/`, or from `feed.json` into it.
fn next_link(name: &str, from_feed: bool, base: Option<&url::Url>) -> String {
    let relative = if from_feed { format!("{PAGES_DIR}/{name}") } else { name.to_string() };
    match base {
        Some(base) => as_folder(base).join(&format!("{PAGES_DIR}/{name}")).map_or(relative, String::from),
        None => relative,
    }
}

/// Through a temporary file and a rename, so a host never serves half a file.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Removes files of earlier builds from `out/dir`: our names only (ending in
/// `h` and 16 hex digits before the extension) that this build did not write.
fn remove_stale(out: &Path, dir: &str, keep: &[&str]) -> std::io::Result<usize> {
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
