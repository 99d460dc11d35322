//! `newsroom import`: read every source, map its drafts to items, merge
//! them into the archive and write it atomically. Every source is read
//! before anything is written, so a source that cannot be read at all
//! leaves the archive untouched.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use newsroom::archive::{Archive, Item};
use serde_json::json;

use crate::map::{to_item, MapRules};
use crate::messages;
use crate::source::{read_pages, ReadOptions, Source};
use crate::Format;

pub struct ImportArgs<'a> {
    pub sources: &'a [String],
    pub into: &'a Path,
    pub limits: ReadOptions,
    pub title: Option<&'a str>,
    pub rules: MapRules,
    pub format: Format,
}

/// Exit status: 0 imported (or nothing new), 1 a source or the archive could not be read or written.
pub fn run(args: ImportArgs) -> i32 {
    let into = args.into.display().to_string();
    let archive = match std::fs::read(args.into) {
        Ok(bytes) => match std::str::from_utf8(&bytes).map_err(|e| e.to_string()).and_then(|t| Archive::from_json(t).map_err(|e| messages::bundle_error(&e))) {
            Ok(a) => Some(a),
            Err(e) => {
                eprintln!("{}", messages::archive_unreadable(&into, &e));
                return 1;
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            eprintln!("{}", messages::archive_unreadable(&into, &e));
            return 1;
        }
    };

    let progress = Progress::new();
    let mut failed = false;
    let mut items: Vec<Item> = Vec::new();
    // Items left out, by kind (`DraftError::kind`, `MapError::kind`).
    let mut left_out: BTreeMap<String, usize> = BTreeMap::new();
    // A new archive takes its title, description and language from the first source that has them.
    let (mut feed_title, mut description, mut language) = (None, None, None);
    for arg in args.sources {
        progress.line(&messages::reading(arg));
        let pages = match read_pages(&Source::parse(arg), args.limits, |page, n| progress.tick(&messages::page_read(arg, page, n))) {
            Ok(pages) => pages,
            Err(e) => {
                progress.line(&messages::source_failed(arg, &e));
                failed = true;
                continue;
            }
        };
        progress.line(&messages::read_as(arg, pages.format));
        if let Some((link, e)) = &pages.stopped {
            progress.line(&messages::page_failed(arg, link, e));
        }
        if pages.more {
            progress.line(&messages::more_pages(arg, args.limits.max_pages));
        }
        for page in pages.pages {
            feed_title = feed_title.or(page.title);
            description = description.or(page.description);
            language = language.or(page.language);
            for draft in page.items {
                let item = draft
                    .map_err(|e| (e.kind().to_string(), e.to_string()))
                    .and_then(|d| to_item(d, &args.rules).map_err(|e| (e.kind().to_string(), e.to_string())));
                match item {
                    Ok(item) => items.push(item),
                    Err((kind, reason)) => {
                        if messages::names_each(&kind) {
                            progress.line(&messages::not_taken(arg, &reason));
                        }
                        *left_out.entry(kind).or_default() += 1;
                    }
                }
            }
        }
    }
    progress.finish();
    if failed {
        eprintln!("{}", messages::nothing_written());
        return 1;
    }

    let mut archive = archive.unwrap_or_else(|| {
        let mut archive = Archive::new(feed_title.as_deref().unwrap_or("News"));
        for (key, value) in [("description", &description), ("language", &language)] {
            if let Some(value) = value {
                archive.set(key, value);
            }
        }
        archive
    });
    if let Some(title) = args.title {
        archive.set("title", title);
    }
    let counts = archive.merge(distinct_ids(items));
    if let Err(e) = write_atomically(args.into, &archive) {
        eprintln!("{}", messages::write_failed(&into, &e));
        return 1;
    }
    match args.format {
        Format::Text => {
            println!("{}", messages::summary(&into, counts, &left_out, archive.len()));
            if let Some(line) = messages::left_out(&left_out) {
                println!("{line}");
            }
        }
        Format::Json => println!("{}", json!({
            "archive": into, "added": counts.added, "updated": counts.updated, "unchanged": counts.unchanged,
            "not_imported": left_out, "items": archive.len(),
        })),
    }
    0
}

/// Items of one import whose `id` an earlier one of the same import took:
/// the same item twice (two overlapping pages) is kept once; a different one
/// is numbered on (`id-2`, `id-3`…), as the page does, so neither is lost.
fn distinct_ids(items: Vec<Item>) -> Vec<Item> {
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for mut item in items {
        let id = item.get("id").and_then(|v| v.as_str()).unwrap_or_default().to_string();
        match at.get(&id) {
            Some(&i) if kept[i] == item => continue,
            Some(_) => {
                let fresh = (2..).map(|n| format!("{id}-{n}")).find(|c| !at.contains_key(c)).unwrap_or_default();
                item.insert("id".into(), fresh.clone().into());
                at.insert(fresh, kept.len());
            }
            None => {
                at.insert(id, kept.len());
            }
        }
        kept.push(item);
    }
    kept
}

/// Writes next to the target, then renames over it: a run stopped half-way
/// leaves the old archive, never half of a new one.
fn write_atomically(path: &Path, archive: &Archive) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "archive.json".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        archive.write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A progress bar on a terminal, plain lines otherwise (cron, CI, pipes).
struct Progress(Option<ProgressBar>);

impl Progress {
    fn new() -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    /// A line that stays: warnings, errors, items not taken.
    fn line(&self, text: &str) {
        match &self.0 {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    /// A step worth seeing while it runs, but not keeping on a terminal.
    fn tick(&self, text: &str) {
        match &self.0 {
            Some(bar) => bar.set_message(text.to_string()),
            None => eprintln!("{text}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
