//! Pages of an earlier build that this one did not write: an article that
//! left the archive, a list page the archive no longer fills. Removed only
//! in the folders the site's pages live in, and only the files a build
//! writes there (`index.html`, and a sitemap's `.xml`), so a file someone
//! put beside them stays; a folder left empty goes too.

use std::collections::HashSet;
use std::path::Path;

/// The site's folders of pages, the files a build writes in each, and
/// whether a page's folder may hold more pages (`category/x/page/2/`); an
/// article's folder holds none, so one whose page was written is not read.
const OWNED: &[(&str, &str, bool)] =
    &[("articles", "index.html", false), ("page", "index.html", true), ("category", "index.html", true), ("year", "index.html", true), ("sitemaps", ".xml", false)];

/// Removes from `out` the pages of earlier builds that are not in
/// `written` (paths from the site's root, with `/`); how many.
pub fn remove_stale_pages(out: &Path, written: &HashSet<&str>) -> std::io::Result<usize> {
    let mut removed = 0;
    for &(dir, ours, nested) in OWNED {
        removed += sweep(&out.join(dir), dir, ours, nested, written)?;
        // A folder the build did not write into, and that is now empty, was ours.
        let _ = std::fs::remove_dir(out.join(dir));
    }
    Ok(removed)
}

/// Removes the stale pages under `folder` (at `path` from the root).
fn sweep(folder: &Path, path: &str, ours: &str, nested: bool, written: &HashSet<&str>) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        // A name that is not UTF-8 is no slug of ours.
        let Ok(name) = entry.file_name().into_string() else { continue };
        let child = format!("{path}/{name}");
        // Not followed: a link to a folder is someone else's.
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !nested && written.contains(format!("{child}/{ours}").as_str()) {
                continue;
            }
            removed += sweep(&entry.path(), &child, ours, nested, written)?;
            // Only empty folders go: what someone put there stays.
            let _ = std::fs::remove_dir(entry.path());
        } else if kind.is_file() && name.ends_with(ours) && !written.contains(child.as_str()) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_this_build_did_not_write_go() {
        let out = std::env::temp_dir().join(format!("newsroom-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        for file in ["articles/kept/index.html", "articles/gone/index.html", "articles/mixed/index.html", "articles/mixed/photo.jpg",
            "page/2/index.html", "page/3/index.html", "sitemaps/1.xml", "sitemaps/2.xml", "index.html", "about/index.html"] {
            std::fs::create_dir_all(out.join(file).parent().unwrap()).unwrap();
            std::fs::write(out.join(file), "x").unwrap();
        }
        let written: HashSet<&str> = ["articles/kept/index.html", "page/2/index.html", "sitemaps/1.xml"].into_iter().collect();
        assert_eq!(remove_stale_pages(&out, &written).unwrap(), 4);
        let exists = |f: &str| out.join(f).exists();
        assert!(exists("articles/kept/index.html") && exists("page/2/index.html") && exists("sitemaps/1.xml"));
        assert!(!exists("articles/gone") && !exists("page/3") && !exists("sitemaps/2.xml"));
        // Someone else's files stay, and so does their folder.
        assert!(exists("articles/mixed/photo.jpg") && !exists("articles/mixed/index.html"));
        assert!(exists("index.html") && exists("about/index.html"));
        // With nothing written, the folders go entirely.
        assert_eq!(remove_stale_pages(&out, &HashSet::new()).unwrap(), 3);
        assert!(!exists("page") && !exists("sitemaps") && exists("articles/mixed/photo.jpg"));
        std::fs::remove_dir_all(&out).unwrap();
    }
}
