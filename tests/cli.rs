//! The `newsroom` command, run as a reader would run it: imports into
//! temporary folders, sources served by the test itself on 127.0.0.1.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const BIN: &str = env!("CARGO_BIN_EXE_newsroom");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn newsroom(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run newsroom")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// A fresh folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("newsroom-cli-{}-{name}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An RSS 2.0 document with items `from..=to`; `edited` changes one item's body.
fn rss(from: u32, to: u32, edited: Option<u32>) -> String {
    let items: String = (from..=to)
        .rev()
        .map(|n| {
            let body = if edited == Some(n) { format!("Story {n}, corrected.") } else { format!("Story {n}.") };
            format!(
                "<item><title>Story {n}</title><link>https://example.com/news/{n}</link><guid>story-{n}</guid>\
                 <pubDate>Mon, {n:02} Jan 2024 09:00:00 +0800</pubDate><category>Company News</category>\
                 <description><![CDATA[<p>{body}</p>]]></description></item>"
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Lingyue News</title><link>https://example.com/</link>\
             <description>d</description>{items}</channel></rss>")
}

fn ids(archive: &Path) -> Vec<String> {
    let bundle = newsroom::bundle::parse_bundle(&std::fs::read_to_string(archive).unwrap()).unwrap();
    assert!(bundle.skipped.is_empty(), "{:?}", bundle.skipped);
    bundle.articles.into_iter().map(|a| a.id).collect()
}

#[test]
fn merging_two_overlapping_feeds_keeps_every_item_and_updates_the_edited_one() {
    let dir = scratch("merge");
    let (a, b, archive) = (dir.join("a.xml"), dir.join("b.xml"), dir.join("news.json"));
    std::fs::write(&a, rss(1, 10, None)).unwrap();
    std::fs::write(&b, rss(6, 15, Some(7))).unwrap();
    let archive_s = archive.to_str().unwrap();

    let first = newsroom(&["import", a.to_str().unwrap(), "--into", archive_s]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(text(&first).contains("10 added, 0 updated, 0 unchanged"), "{}", text(&first));

    let second = newsroom(&["import", b.to_str().unwrap(), "--into", archive_s]);
    assert!(second.status.success(), "{}", text(&second));
    assert!(text(&second).contains("5 added, 1 updated, 4 unchanged"), "{}", text(&second));
    let expected: Vec<String> = (1..=15).rev().map(|n| format!("story-{n}")).collect();
    assert_eq!(ids(&archive), expected, "15 items, newest first");
    let written = std::fs::read_to_string(&archive).unwrap();
    assert!(written.contains("Story 7, corrected."));
    assert!(written.contains("\"date_published\": \"2024-01-07T09:00:00+08:00\""), "offsets kept");

    let again = newsroom(&["import", b.to_str().unwrap(), "--into", archive_s]);
    assert!(text(&again).contains("0 added, 0 updated, 10 unchanged"), "{}", text(&again));
    assert_eq!(std::fs::read_to_string(&archive).unwrap(), written, "the same import twice gives the same bytes");

    let check = newsroom(&["check", archive_s]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(text(&check).contains("OK, 15 articles"), "{}", text(&check));
}

#[test]
fn a_source_that_cannot_be_read_leaves_the_archive_untouched() {
    let dir = scratch("bad");
    let (good, archive) = (dir.join("good.xml"), dir.join("news.json"));
    std::fs::write(&good, rss(1, 3, None)).unwrap();
    let archive_s = archive.to_str().unwrap();
    assert!(newsroom(&["import", good.to_str().unwrap(), "--into", archive_s]).status.success());
    let before = std::fs::read(&archive).unwrap();

    let html = dir.join("page.html");
    std::fs::write(&html, "<!DOCTYPE html><html><body>Login</body></html>").unwrap();
    let binary = dir.join("photo.xml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41, 0x80]).unwrap();
    let truncated = dir.join("cut.xml");
    std::fs::write(&truncated, &rss(1, 3, None)[..300]).unwrap();
    // Refused from its size alone: a sparse file, so the test writes nothing.
    let huge = dir.join("huge.xml");
    std::fs::File::create(&huge).unwrap().set_len(2 << 30).unwrap();
    let empty_dir = scratch("empty");
    std::fs::write(empty_dir.join("README.txt"), "no markdown here").unwrap();
    let cases: [(&str, &str); 6] = [
        (huge.to_str().unwrap(), "too large to import (2147 MB"),
        (html.to_str().unwrap(), "is not RSS, Atom, JSON Feed"),
        (binary.to_str().unwrap(), "is not RSS, Atom, JSON Feed"),
        (truncated.to_str().unwrap(), "cannot be read"),
        (empty_dir.to_str().unwrap(), "no Markdown files"),
        ("/no/such/file.xml", "cannot be read"),
    ];
    for (source, says) in cases {
        let o = newsroom(&["import", good.to_str().unwrap(), source, "--into", archive_s]);
        assert_eq!(o.status.code(), Some(1), "{source}: {}", text(&o));
        let out = text(&o);
        assert!(out.contains(source) && out.contains(says), "{source}: expected “{says}” in {out}");
        assert!(!out.contains("panicked"), "{out}");
        assert_eq!(std::fs::read(&archive).unwrap(), before, "{source}: the archive changed");
    }
}

/// Serves `pages` (path → (status, body)) on 127.0.0.1 for as long as the test runs; counts requests.
fn serve(pages: Vec<(&'static str, u16, String)>) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(64) {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            seen.lock().unwrap().push(path.clone());
            let (status, body) = pages.iter().find(|(p, ..)| *p == path).map_or((404, "Not Found".to_string()), |(_, s, b)| (*s, b.clone()));
            let _ = write!(stream, "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    (base, log)
}

fn json_page(n: u32, next: Option<&str>) -> String {
    let next = next.map_or(String::new(), |u| format!(r#""next_url": "{u}","#));
    format!(
        r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "Paged", {next} "items": [
            {{"id": "p{n}a", "title": "Page {n} first", "date_published": "2024-0{n}-02T08:00:00+08:00", "content_text": "x"}},
            {{"id": "p{n}b", "content_text": "A note without a title. It has a second sentence.", "date_published": "2024-0{n}-01"}}]}}"#
    )
}

#[test]
fn url_sources_are_fetched_and_their_pages_followed() {
    let (base, log) = serve(vec![
        ("/feed.json", 200, json_page(1, Some("/feed-2.json"))),
        ("/feed-2.json", 200, json_page(2, Some("/feed-3.json"))),
        ("/feed-3.json", 200, json_page(3, None)),
        ("/down.json", 503, "busy".into()),
    ]);
    let dir = scratch("url");
    let archive = dir.join("news.json");
    let archive_s = archive.to_str().unwrap();
    let url = format!("{base}/feed.json");
    let o = newsroom(&["import", &url, "--into", archive_s]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(ids(&archive), ["p3a", "p3b", "p2a", "p2b", "p1a", "p1b"]);
    assert_eq!(*log.lock().unwrap(), ["/feed.json", "/feed-2.json", "/feed-3.json"]);
    let written = std::fs::read_to_string(&archive).unwrap();
    assert!(written.contains("\"title\": \"A note without a title\""), "{written}");

    let limited = dir.join("limited.json");
    let o = newsroom(&["import", &url, "--max-pages", "2", "--into", limited.to_str().unwrap()]);
    assert!(o.status.success() && text(&o).contains("stopped after 2 pages"), "{}", text(&o));
    assert_eq!(ids(&limited).len(), 4);

    // A feed from the web never leads the command to read local files.
    let local = dir.join("secret.json");
    std::fs::write(&local, json_page(9, None)).unwrap();
    let (evil_base, _) = serve(vec![("/feed.json", 200, json_page(1, Some(&format!("file://{}", local.display()))))]);
    let evil = dir.join("evil.json");
    let o = newsroom(&["import", &format!("{evil_base}/feed.json"), "--into", evil.to_str().unwrap()]);
    assert!(o.status.success() && text(&o).contains("stopped paging"), "{}", text(&o));
    assert_eq!(ids(&evil), ["p1a", "p1b"]);

    for (source, says) in [(format!("{base}/down.json"), "answered 503"), (format!("{base}/missing.json"), "answered 404")] {
        let o = newsroom(&["import", &source, "--into", archive_s]);
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o).contains(says), "{}", text(&o));
    }
    // A port nothing listens on: refused at once, named in one line.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let o = newsroom(&["import", &format!("http://{closed}/feed.xml"), "--into", archive_s]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("could not be fetched"), "{}", text(&o));
    // A server that takes the connection and never answers: the timeout ends it.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}/feed.xml", silent.local_addr().unwrap());
    let o = newsroom(&["import", &silent_url, "--timeout", "1", "--into", archive_s]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("no answer within 1 s"), "{}", text(&o));
    drop(silent);
    assert_eq!(std::fs::read_to_string(&archive).unwrap(), written);
}

#[test]
fn check_reports_what_the_page_would_skip() {
    let dir = scratch("check");
    let good = dir.join("good.json");
    std::fs::write(&good, json_page(1, None)).unwrap();
    let o = newsroom(&["check", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"items": [{"id": "a", "title": "A"}, {"id": "empty"}, {"id": "a", "title": "Again"}]}"#).unwrap();
    let o = newsroom(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o);
    assert!(out.contains("item 2 (`id` empty): nothing to show"), "{out}");
    assert!(out.contains("1 with an empty or repeated `id`"), "{out}");

    let json = newsroom(&["check", "--format", "json", bad.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!((v["ok"].as_bool(), v["articles"].as_u64(), v["skipped"].as_array().map(Vec::len)), (Some(false), Some(2), Some(1)));

    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\n  \"items\": [\n    {\"id\": 1,}\n  ]\n}").unwrap();
    let o = newsroom(&["check", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("line 3, column"), "{}", text(&o));
    let latin1 = dir.join("latin1.json");
    std::fs::write(&latin1, b"{\n  \"title\": \"Soci\xe9t\xe9\",\n  \"items\": []\n}").unwrap();
    let o = newsroom(&["check", latin1.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("invalid UTF-8 text") && text(&o).contains("at line 2, column 17"), "{}", text(&o));
    let json = newsroom(&["check", "--format", "json", broken.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["error"].as_str().unwrap().contains("line 3"), "{v}");
}

#[test]
fn every_fixture_imports_and_checks() {
    let dir = scratch("fixtures");
    let archive = dir.join("news.json");
    let sources = [
        format!("{FIXTURES}/feeds/rss2.xml"),
        format!("{FIXTURES}/feeds/atom.xml"),
        format!("{FIXTURES}/feeds/jsonfeed10.json"),
        format!("{FIXTURES}/feeds/wordpress.xml"),
        format!("{FIXTURES}/markdown/hugo"),
    ];
    let mut args = vec!["import"];
    args.extend(sources.iter().map(String::as_str));
    // The fixtures' `next` links lead to the fictional company's website: not followed here.
    args.extend(["--max-pages", "1", "--into", archive.to_str().unwrap()]);
    let o = newsroom(&args);
    assert!(o.status.success(), "{}", text(&o));
    let check = newsroom(&["check", archive.to_str().unwrap()]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(ids(&archive).len() >= 20, "{}", text(&o));
    let written = std::fs::read_to_string(&archive).unwrap();
    assert!(!written.contains("file:"), "a local feed's links resolved against the disk");
}

#[test]
fn a_wordpress_export_imports_its_published_posts_and_counts_the_rest_by_kind() {
    let dir = scratch("wxr-kinds");
    let archive = dir.join("news.json");
    let archive_s = archive.to_str().unwrap();
    let source = format!("{FIXTURES}/feeds/wordpress-kinds.xml");
    let o = newsroom(&["import", &source, "--into", archive_s]);
    let said = text(&o);
    assert!(o.status.success(), "{said}");
    assert!(said.contains("3 added, 0 updated, 0 unchanged, 14 not imported"), "{said}");
    let counted = "not imported: 2 attachments, 1 menu item, 2 pages, 1 revision, 1 draft, 1 post pending review, \
                   1 private post, 1 scheduled post, 1 trashed post, 1 password-protected post, 1 “product” item, 1 “wp_block” item";
    assert!(said.contains(counted), "{said}");
    // Drafts and the like are named one per line; attachments and menu links are only counted.
    assert!(said.contains("?p=307 (scheduled post)"), "{said}");
    assert!(!said.contains("kiln-hall.jpg (attachment)") && !said.contains("(menu item)"), "{said}");
    let written = std::fs::read_to_string(&archive).unwrap();
    assert!(!written.contains("Confidential") && !written.contains("linkedin") && !written.contains("About Us"), "{written}");
    assert!(written.contains(r#""image": "https://news.lingyue-chem.com/files/2024/04/rotterdam-office.jpg""#), "{written}");
    assert_eq!(ids(&archive).len(), 3);

    let o = newsroom(&["import", &source, "--into", archive_s, "--wordpress-pages", "--format", "json"]);
    assert!(o.status.success(), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        report,
        serde_json::json!({
            "archive": archive_s, "added": 1, "updated": 0, "unchanged": 3, "items": 4,
            "not_imported": {"attachment": 2, "nav_menu_item": 1, "revision": 1, "draft": 2, "pending": 1, "private": 1,
                             "future": 1, "trash": 1, "password": 1, "product": 1, "wp_block": 1},
        })
    );
    assert!(std::fs::read_to_string(&archive).unwrap().contains("About Us"));
}

#[test]
fn items_without_ids_are_told_apart_by_their_body_and_repeats_are_kept_once() {
    let dir = scratch("noids");
    let (source, archive) = (dir.join("notices.xml"), dir.join("news.json"));
    let notice = |body: &str| format!("<item><title>Notice</title><description>{body}</description></item>");
    std::fs::write(&source, format!(
        "<rss version=\"2.0\"><channel><title>T</title><link>https://example.com/</link><description>d</description>{}{}{}\
         <item><guid>same</guid><title>Twin</title><description>one</description></item>\
         <item><guid>same</guid><title>Twin</title><description>two</description></item></channel></rss>",
        notice("Closed on Monday."), notice("Open on Sunday."), notice("Closed on Monday."))).unwrap();
    let o = newsroom(&["import", source.to_str().unwrap(), "--into", archive.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("4 added, 0 updated, 0 unchanged"), "{}", text(&o));
    let mut got = ids(&archive);
    got.sort();
    assert!(got.contains(&"same".to_string()) && got.contains(&"same-2".to_string()), "{got:?}");
}

/// The pages of a built folder, following `next_url` from `feed.json`.
fn chain(out: &Path) -> Vec<(String, serde_json::Value)> {
    let mut pages = Vec::new();
    let mut file = out.join("feed.json");
    loop {
        let text = std::fs::read_to_string(&file).unwrap();
        let bundle = newsroom::bundle::parse_bundle(&text).unwrap();
        assert!(bundle.skipped.is_empty(), "{}: {:?}", file.display(), bundle.skipped);
        let page: serde_json::Value = serde_json::from_str(&text).unwrap();
        let next = page["next_url"].as_str().map(String::from);
        pages.push((file.strip_prefix(out).unwrap().display().to_string(), page));
        match next {
            Some(next) if pages.len() == 1 => file = out.join(next),
            Some(next) => file = out.join("pages").join(next),
            None => return pages,
        }
    }
}

#[test]
fn build_writes_a_paged_feed_with_content_named_pages_and_the_same_bytes_each_time() {
    let dir = scratch("build");
    let (source, archive, out) = (dir.join("a.xml"), dir.join("news.json"), dir.join("site"));
    std::fs::write(&source, rss(1, 23, None)).unwrap();
    assert!(newsroom(&["import", source.to_str().unwrap(), "--into", archive.to_str().unwrap()]).status.success());

    let o = newsroom(&["build", archive.to_str().unwrap(), "--out", out.to_str().unwrap(), "--per-page", "10"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("23 items in 3 pages"), "{}", text(&o));
    let feed: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("feed.json")).unwrap()).unwrap();
    let summary = out.join(feed["_newsroom"]["index"].as_str().unwrap());
    assert!(summary.starts_with(out.join("index")) && summary.is_file(), "{}", summary.display());
    let pages = chain(&out);
    let sizes: Vec<usize> = pages.iter().map(|(_, p)| p["items"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [10, 10, 3]);
    let ids: Vec<String> = pages.iter().flat_map(|(_, p)| p["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string())).collect();
    let expected: Vec<String> = (1..=23).rev().map(|n| format!("story-{n}")).collect();
    assert_eq!(ids, expected, "every item once, newest first, across the pages");
    assert_eq!(pages[0].0, "feed.json");
    assert!(pages[1].0.starts_with("pages/h") && pages[1].0.ends_with(".json"), "{}", pages[1].0);

    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("pages")).unwrap()
            .map(|e| e.unwrap().path()).map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap())).collect();
        files.push(("feed.json".into(), std::fs::read(dir.join("feed.json")).unwrap()));
        files.sort();
        files
    };
    let first = snapshot(&out);
    assert!(newsroom(&["build", archive.to_str().unwrap(), "--out", out.to_str().unwrap(), "--per-page", "10"]).status.success());
    assert_eq!(snapshot(&out), first, "an unchanged archive builds to the same files");

    // A grown archive: the pages that changed get new names, the old ones go.
    std::fs::write(&source, rss(1, 25, None)).unwrap();
    assert!(newsroom(&["import", source.to_str().unwrap(), "--into", archive.to_str().unwrap()]).status.success());
    let o = newsroom(&["build", archive.to_str().unwrap(), "--out", out.to_str().unwrap(), "--per-page", "10", "--base-url", "https://example.com/news"]);
    assert!(o.status.success() && text(&o).contains("files of an earlier build removed"), "{}", text(&o));
    assert_eq!(std::fs::read_dir(out.join("pages")).unwrap().count(), 2);
    let feed: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("feed.json")).unwrap()).unwrap();
    assert!(feed["next_url"].as_str().unwrap().starts_with("https://example.com/news/pages/h"), "{}", feed["next_url"]);
}

/// Every file under `dir`, by path from it (with `/`): its bytes and when it was last written.
fn files_under(dir: &Path) -> std::collections::BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    let mut files = std::collections::BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(name, (std::fs::read(&path).unwrap(), std::fs::metadata(&path).unwrap().modified().unwrap()));
            }
        }
    }
    files
}

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample/feed.json");

#[test]
fn build_with_a_base_url_writes_a_page_for_every_article() {
    let dir = scratch("site");
    let out = dir.join("site");
    let o = newsroom(&["build", SAMPLE, "--out", out.to_str().unwrap(), "--per-page", "20", "--base-url", "https://example.com/news", "--app", "https://cdn.example.com/newsroom/"]);
    assert!(o.status.success(), "{}", text(&o));
    let sample = newsroom::bundle::parse_bundle(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    assert!(text(&o).contains(&format!("static site: {} article pages", sample.articles.len())), "{}", text(&o));
    // Every item of every feed page names its page, and the page is there, about that item.
    let mut feeds = vec![out.join("feed.json")];
    feeds.extend(std::fs::read_dir(out.join("pages")).unwrap().map(|e| e.unwrap().path()));
    let items: Vec<serde_json::Value> = feeds.iter().flat_map(|f| {
        let page: serde_json::Value = serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap();
        page["items"].as_array().unwrap().clone()
    }).collect();
    assert_eq!(items.len(), sample.articles.len());
    let mut pages = std::collections::HashSet::new();
    for item in &items {
        let page = item["_newsroom"]["page"].as_str().unwrap_or_else(|| panic!("no page: {item}"));
        assert!(page.starts_with("articles/") && page.ends_with('/') && pages.insert(page.to_string()), "{page}");
        let html = std::fs::read_to_string(out.join(page).join("index.html")).unwrap();
        let id = item["id"].as_str().unwrap();
        assert!(html.contains(&format!("data-view=\"nr-article={id}\"")), "{page}");
        let canonical = url::Url::parse("https://example.com/news/").unwrap().join(page).unwrap();
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")), "{page}");
        assert!(html.contains("<script type=\"module\" src=\"https://cdn.example.com/newsroom/newsroom.js\"></script>"), "{page}");
    }
    assert_eq!(std::fs::read_dir(out.join("articles")).unwrap().count(), items.len());
    // The archive itself is left as it was.
    assert!(!std::fs::read_to_string(SAMPLE).unwrap().contains("\"page\""));
    // The two versions of the vice mayor's visit point at each other.
    let en = std::fs::read_to_string(out.join("articles/vice-mayor-miao-zhengge-and-his-delegation-visited-the-company-for-research/index.html")).unwrap();
    let zh = std::fs::read_to_string(out.join("articles/锦州市副市长一行到公司走访调研/index.html")).unwrap();
    let zh_url = "https://example.com/news/articles/%E9%94%A6%E5%B7%9E%E5%B8%82%E5%89%AF%E5%B8%82%E9%95%BF%E4%B8%80%E8%A1%8C%E5%88%B0%E5%85%AC%E5%8F%B8%E8%B5%B0%E8%AE%BF%E8%B0%83%E7%A0%94/";
    let en_url = "https://example.com/news/articles/vice-mayor-miao-zhengge-and-his-delegation-visited-the-company-for-research/";
    for page in [&en, &zh] {
        assert!(page.contains(&format!("<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{zh_url}\">")), "{page}");
        assert!(page.contains(&format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{en_url}\">")), "{page}");
    }
    assert!(zh.contains("<html lang=\"zh-CN\">") && zh.contains("← 返回新闻"), "{zh}");
}

#[test]
fn without_a_base_url_no_html_is_written_and_the_command_says_why() {
    let dir = scratch("no-site");
    let out = dir.join("site");
    let o = newsroom(&["build", SAMPLE, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("no HTML pages were written") && text(&o).contains("--base-url"), "{}", text(&o));
    assert!(!out.join("articles").exists());
    let feed = std::fs::read_to_string(out.join("feed.json")).unwrap();
    assert!(!feed.contains("\"page\""), "no item names a page that is not there");
    // The site's options mean nothing without it: said at once, nothing written.
    let o = newsroom(&["build", SAMPLE, "--out", dir.join("other").to_str().unwrap(), "--template", SAMPLE]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--base-url"), "{}", text(&o));
    assert!(!dir.join("other").exists());
}

#[test]
fn the_same_archive_builds_the_same_bytes_and_rewrites_nothing() {
    let dir = scratch("site-again");
    let (archive, out) = (dir.join("news.json"), dir.join("site"));
    let mut feed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    std::fs::write(&archive, feed.to_string()).unwrap();
    let build = || newsroom(&["build", archive.to_str().unwrap(), "--out", out.to_str().unwrap(), "--base-url", "https://example.com/news/"]);
    let o = build();
    assert!(o.status.success(), "{}", text(&o));
    let first = files_under(&out);
    let o = build();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains(" 0 written"), "{}", text(&o));
    assert_eq!(files_under(&out), first, "the same bytes, and not one file written again");

    // An article that left the archive takes its page with it; the others stay as they were.
    let gone = feed["items"].as_array_mut().unwrap().remove(3);
    std::fs::write(&archive, feed.to_string()).unwrap();
    let o = build();
    assert!(o.status.success() && text(&o).contains("files of an earlier build removed"), "{}", text(&o));
    let after = files_under(&out);
    let folder = |f: &std::collections::BTreeMap<String, _>| f.keys().filter(|k| k.starts_with("articles/")).cloned().collect::<Vec<String>>();
    let lost: Vec<String> = folder(&first).into_iter().filter(|k| !after.contains_key(k)).collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    let lost_page = String::from_utf8_lossy(&first[&lost[0]].0).into_owned();
    assert!(lost_page.contains(&format!("data-view=\"nr-article={}\"", gone["id"].as_str().unwrap())), "{lost_page}");
    assert!(!out.join(lost[0].trim_end_matches("index.html")).exists(), "its folder went too");
}

#[test]
fn a_template_that_cannot_be_used_writes_nothing() {
    let dir = scratch("template");
    let out = dir.join("site");
    let good = "<!DOCTYPE html><html lang=\"en\"><head><!-- newsroom:head --><link rel=\"stylesheet\" href=\"/acme.css\"></head>\
                <body><header>Acme Corp</header><!-- newsroom:content --><footer>© Acme</footer></body></html>";
    let cases = [
        (good.replace("<!-- newsroom:content -->", ""), "has no <!-- newsroom:content --> marker: put it where the news goes"),
        (good.replace("</footer>", "</footer><!-- newsroom:content -->"), "has 2 <!-- newsroom:content --> markers: keep exactly one"),
        (good.replace("<!-- newsroom:head -->", ""), "has no <!-- newsroom:head --> marker"),
        (good.replace("</head>", "<title>Acme</title></head>"), "has its own <title> in <head>"),
    ];
    for (n, (template, says)) in cases.iter().enumerate() {
        let file = dir.join(format!("template-{n}.html"));
        std::fs::write(&file, template).unwrap();
        let o = newsroom(&["build", SAMPLE, "--out", out.to_str().unwrap(), "--base-url", "https://example.com/", "--template", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{says}: {}", text(&o));
        assert!(text(&o).contains(says) && text(&o).contains("template-"), "expected “{says}” in {}", text(&o));
        assert!(!out.exists(), "{says}: something was written");
    }
    let o = newsroom(&["build", SAMPLE, "--out", out.to_str().unwrap(), "--base-url", "https://example.com/", "--template", dir.join("missing.html").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!out.exists());

    let file = dir.join("acme.html");
    std::fs::write(&file, good).unwrap();
    let o = newsroom(&["build", SAMPLE, "--out", out.to_str().unwrap(), "--base-url", "https://example.com/", "--template", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let page = std::fs::read_dir(out.join("articles")).unwrap().next().unwrap().unwrap().path().join("index.html");
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("<header>Acme Corp</header><div data-newsroom") && html.ends_with("</div></div><footer>© Acme</footer></body></html>"), "{html}");
    assert!(html.contains("<link rel=\"stylesheet\" href=\"../../newsroom.css\">") && html.contains("<link rel=\"stylesheet\" href=\"/acme.css\">"), "{html}");
}
