//! `newsroom build`: an archive as a folder any static host or CDN serves as
//! it is. `feed.json` holds the newest items and links the older pages by
//! `next_url`; every other file is named by a hash of its content, so it may
//! be cached for ever, and an unchanged archive builds to the same bytes.

use std::path::Path;

use newsroom::archive::Archive;
use newsroom::fallbacks::content_id;

use crate::messages;

/// The folder of older pages, inside the output folder.
const PAGES_DIR: &str = "pages";

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
    /// Files of an earlier build that this one no longer links, removed.
    pub removed: usize,
}

/// Exit status: 0 built, 1 the archive or the folder could not be read or written.
pub fn run(args: BuildArgs) -> i32 {
    let path = args.archive.display().to_string();
    let archive = match std::fs::read_to_string(args.archive).map_err(|e| e.to_string()).and_then(|t| Archive::from_json(&t).map_err(|e| e.to_string())) {
        Ok(archive) => archive,
        Err(e) => {
            eprintln!("{}", messages::archive_unreadable(&path, &e));
            return 1;
        }
    };
    match build(&archive, &args) {
        Ok(built) => {
            println!("{}", messages::built(&args.out.display().to_string(), built.items, built.pages, built.removed));
            0
        }
        Err(e) => {
            eprintln!("{}", messages::write_failed(&args.out.display().to_string(), &e));
            1
        }
    }
}

pub fn build(archive: &Archive, args: &BuildArgs) -> std::io::Result<Built> {
    let items = archive.newest_first();
    let pages: Vec<_> = items.chunks(args.per_page.max(1)).collect();
    let pages_dir = args.out.join(PAGES_DIR);
    std::fs::create_dir_all(&pages_dir)?;
    // From the oldest page back: each page names the next by its content's hash.
    let mut next: Option<String> = None;
    let mut written = Vec::new();
    for (n, page) in pages.iter().enumerate().rev() {
        let first = n == 0;
        let link = next.as_deref().map(|name| next_link(name, first, args.base_url));
        let mut bytes = Vec::new();
        archive.write_page(page, link.as_deref(), &mut bytes)?;
        if first {
            write_file(&args.out.join("feed.json"), &bytes)?;
        } else {
            let name = format!("{}.json", content_id(&[&String::from_utf8_lossy(&bytes)]));
            write_file(&pages_dir.join(&name), &bytes)?;
            written.push(name.clone());
            next = Some(name);
        }
    }
    // An empty archive is still a valid feed: one page without items.
    if pages.is_empty() {
        let mut bytes = Vec::new();
        archive.write_page(&[], None, &mut bytes)?;
        write_file(&args.out.join("feed.json"), &bytes)?;
    }
    let removed = remove_stale(&pages_dir, &written)?;
    Ok(Built { items: items.len(), pages: pages.len().max(1), removed })
}

/// The `next_url` of a page: beside it in `pages/`, or from `feed.json` into it.
fn next_link(name: &str, from_feed: bool, base: Option<&url::Url>) -> String {
    let relative = if from_feed { format!("{PAGES_DIR}/{name}") } else { name.to_string() };
    match base {
        // The folder's address, as a folder: `/news` and `/news/` mean the same.
        Some(base) => {
            let mut folder = base.clone();
            if !folder.path().ends_with('/') {
                folder.set_path(&format!("{}/", folder.path()));
            }
            folder.join(&format!("{PAGES_DIR}/{name}")).map_or(relative, String::from)
        }
        None => relative,
    }
}

/// Through a temporary file and a rename, so a host never serves half a file.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Removes pages of earlier builds (our names only: `h` and 16 hex digits).
fn remove_stale(dir: &Path, keep: &[String]) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let ours = name.len() == 22 && name.starts_with('h') && name.ends_with(".json") && name[1..17].bytes().all(|b| b.is_ascii_hexdigit());
        if ours && !keep.contains(&name) {
            std::fs::remove_file(dir.join(&name))?;
            removed += 1;
        }
    }
    Ok(removed)
}
