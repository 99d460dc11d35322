//! A folder of Markdown files with YAML (`---`) or TOML (`+++`) front matter,
//! as Hugo, Jekyll, Eleventy and Astro keep them.
//!
//! Each file is one draft. Its id is the front matter's `id` when there is
//! one, else its path relative to the folder with `/` separators and without
//! the extension (`news/2023/visit.md` → `news/2023/visit`), so renaming
//! `.markdown` to `.md` keeps it; a Hugo page bundle's `visit/index.md` is
//! `visit`, the article its folder stands for. Hugo's `_index.md` section
//! pages and `draft: true` (or Jekyll's `published: false`) files are
//! reported as unpublished, never silently dropped.
//!
//! Dates are read as every reader reads them ([`crate::dates`]): the offset
//! the front matter wrote is kept (Jekyll's `+0800` becomes `+08:00`), and a
//! date-time without a zone keeps only its day, since nothing in a content
//! folder says which zone the site meant. Jekyll's `YYYY-MM-DD-` file-name
//! prefix dates a file whose front matter does not.
//!
//! Front-matter categories come first in `categories`, then the tags, so the
//! first category stays first; the first category is also stated as the
//! draft's `category`. Addresses (`url`, `permalink`, images) are kept only
//! when absolute: a content folder has no site address to resolve them by.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{html, Options, Parser};
use serde_json::{Map, Value};

use crate::dates;
use crate::draft::{Draft, DraftError, SourceError, SourcePage, MAX_SOURCE_BYTES};

/// Reads every Markdown file under `dir` (recursively), in path order.
/// Hidden files and folders (`.git`) and `node_modules` are skipped; symbolic
/// links are followed only when they point inside `dir`.
pub fn read_folder(dir: &Path) -> Result<SourcePage, SourceError> {
    let files = markdown_files(dir)?;
    if files.is_empty() {
        return Err(SourceError::NoMarkdown);
    }
    let mut items = Vec::with_capacity(files.len());
    for (rel, path) in files {
        let size = fs::metadata(&path).map_err(|e| io_error(&path, &e))?.len();
        if size > MAX_SOURCE_BYTES {
            return Err(SourceError::TooLarge { bytes: size });
        }
        let bytes = fs::read(&path).map_err(|e| io_error(&path, &e))?;
        items.push(read_file(&rel, &bytes));
    }
    Ok(SourcePage { items, ..SourcePage::default() })
}

/// Reads one Markdown file; `rel_path` is its path relative to the folder
/// being imported (or its name, for a single file), with `/` separators.
pub fn read_file(rel_path: &str, bytes: &[u8]) -> Result<Draft, DraftError> {
    let mut rel_path = rel_path;
    while let Some(rest) = rel_path.strip_prefix("./") {
        rel_path = rest;
    }
    let path_id = id_from_path(rel_path);
    if is_section_page(rel_path) {
        return Err(DraftError::Unpublished { id: path_id, kind: "section page".into() });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| DraftError::NotText { path: rel_path.to_string() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bad_front = |detail: String| DraftError::FrontMatter { path: rel_path.to_string(), detail };
    let (front, body) = split_front_matter(text).map_err(bad_front)?;
    let fields = match front {
        None => Map::new(),
        Some(FrontMatter::Yaml(src)) => yaml_fields(src).map_err(bad_front)?,
        Some(FrontMatter::Toml(src)) => toml_fields(src).map_err(bad_front)?,
    };
    let fields = lowercase_keys(fields);
    let field = |key: &str| fields.get(key);

    let id = field("id").and_then(text_of).or_else(|| {
        let trimmed = path_id.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    });
    if is_draft(&fields) {
        return Err(DraftError::Unpublished { id: id.unwrap_or(path_id), kind: "draft".into() });
    }

    let mut stated = field("categories").map(list_of).unwrap_or_default();
    match field("category") {
        // A lone `category` string is one category, even with a comma in it.
        Some(v @ Value::String(_)) => stated.extend(text_of(v)),
        Some(v) => stated.extend(list_of(v)),
        None => {}
    }
    let stated = dedup(stated);
    let tags = field("tags").map(list_of).unwrap_or_default();
    let categories = dedup(stated.iter().cloned().chain(tags));

    let mut authors = Vec::new();
    for key in ["author", "authors"] {
        if let Some(v) = field(key) {
            authors.extend(people_of(v));
        }
    }

    let published = first_date(&fields, &["date", "pubdate", "publishdate", "published"])
        .or_else(|| date_from_file_name(rel_path));

    Ok(Draft {
        id,
        url: ["url", "permalink"].iter().find_map(|k| field(k).and_then(text_of).and_then(|u| absolute_url(&u))),
        title: field("title").and_then(text_of),
        content_html: render(body),
        content_text: None,
        summary: ["summary", "description", "excerpt"].iter().find_map(|k| field(k).and_then(text_of)),
        published,
        modified: first_date(&fields, &["lastmod", "updated", "modified", "updateddate", "last_modified_at"]),
        authors: dedup(authors),
        category: stated.into_iter().next(),
        categories,
        image: ["image", "cover", "featured_image", "featuredimage", "thumbnail", "banner", "heroimage", "images"]
            .iter()
            .find_map(|k| field(k).and_then(image_of)),
        language: ["lang", "language", "locale"]
            .iter()
            .find_map(|k| field(k).and_then(text_of))
            // POSIX locales (`zh_CN`) name the same language as the BCP 47 tag.
            .map(|l| l.replace('_', "-")),
    })
}

enum FrontMatter<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

/// The front matter and the body after it. A file whose first line is not a
/// fence has none; one whose fence never closes is an error rather than a body
/// that starts with a thematic break, since that is almost always a mistake.
fn split_front_matter(text: &str) -> Result<(Option<FrontMatter<'_>>, &str), String> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok((None, text));
    };
    let (fence, yaml) = match first.trim_end() {
        "---" => ("---", true),
        "+++" => ("+++", false),
        _ => return Ok((None, text)),
    };
    let start = first.len();
    let mut end = start;
    for line in lines {
        let trimmed = line.trim_end();
        // Jekyll also ends YAML front matter with YAML's own document end marker.
        if trimmed == fence || (yaml && trimmed == "...") {
            let src = text.get(start..end).unwrap_or_default();
            let body = text.get(end + line.len()..).unwrap_or_default();
            let front = if yaml { FrontMatter::Yaml(src) } else { FrontMatter::Toml(src) };
            return Ok((Some(front), body));
        }
        end += line.len();
    }
    Err(format!("the front matter opened by `{fence}` is never closed"))
}

fn yaml_fields(src: &str) -> Result<Map<String, Value>, String> {
    if src.trim().is_empty() {
        return Ok(Map::new());
    }
    // The front matter starts on the file's second line; a leading blank line
    // makes the parser's line numbers the file's.
    let padded = format!("\n{src}");
    match serde_saphyr::from_str::<Value>(&padded) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err("the YAML front matter is not a mapping of fields".into()),
        Err(e) => Err(format!("invalid YAML: {}", e.without_snippet())),
    }
}

fn toml_fields(src: &str) -> Result<Map<String, Value>, String> {
    let padded = format!("\n{src}");
    match toml::from_str::<toml::Table>(&padded) {
        Ok(table) => Ok(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
        Err(e) => {
            let line = e.span().and_then(|span| padded.get(..span.start)).map(|before| before.matches('\n').count() + 1);
            Err(match line {
                Some(line) => format!("invalid TOML at line {line}: {}", e.message()),
                None => format!("invalid TOML: {}", e.message()),
            })
        }
    }
}

/// TOML values as JSON ones, so both front matters are read by the same code.
/// Datetimes become their RFC 3339 text, which [`dates::normalize`] reads back.
fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// Hugo reads front-matter keys without regard to case (`Title`, `pubDate`).
fn lowercase_keys(fields: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in fields {
        out.entry(k.to_lowercase()).or_insert(v);
    }
    out
}

fn is_draft(fields: &Map<String, Value>) -> bool {
    let flag = |key: &str| match fields.get(key) {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Some(true),
            "false" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    };
    flag("draft") == Some(true) || flag("published") == Some(false)
}

/// A scalar as trimmed, non-empty text: YAML reads `title: 2024` as a number.
fn text_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A list, or one string of comma-separated entries (`tags: "a, b"`).
fn list_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(text_of).collect(),
        Value::String(s) => s.split(',').filter_map(|p| text_of(&Value::String(p.to_string()))).collect(),
        other => text_of(other).into_iter().collect(),
    }
}

/// Authors as names: a string, a map with `name`, or a list of either.
fn people_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().flat_map(people_of).collect(),
        Value::Object(map) => map.get("name").and_then(text_of).into_iter().collect(),
        other => text_of(other).into_iter().collect(),
    }
}

/// An image address: a string, a map with `image`/`src`/`url` (PaperMod's
/// `cover`), or a list whose first entry is one (Hugo's `images`).
fn image_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => absolute_url(s),
        Value::Object(map) => ["image", "src", "url"].iter().find_map(|k| map.get(*k).and_then(image_of)),
        Value::Array(items) => items.first().and_then(image_of),
        _ => None,
    }
}

fn absolute_url(s: &str) -> Option<String> {
    let u = url::Url::parse(s.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.into())
}

fn dedup(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|s| seen.insert(s.clone())).collect()
}

/// The first of `keys` whose value is a readable date.
fn first_date(fields: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| fields.get(*k).and_then(text_of).and_then(|s| dates::normalize(&s)))
}

/// Jekyll's posts are named `YYYY-MM-DD-title.md`, and that is their date.
fn date_from_file_name(rel_path: &str) -> Option<String> {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    if name.as_bytes().get(10) != Some(&b'-') {
        return None;
    }
    dates::normalize(name.get(..10)?)
}

/// The body as HTML. Raw HTML passes through: the page sanitizes every body.
fn render(body: &str) -> Option<String> {
    if body.trim().is_empty() {
        return None;
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(body.len() + body.len() / 2);
    html::push_html(&mut out, Parser::new_ext(body, options));
    let out = out.trim();
    (!out.is_empty()).then(|| out.to_string())
}

fn id_from_path(rel_path: &str) -> String {
    let lower = rel_path.to_ascii_lowercase();
    let stem = [".markdown", ".md"]
        .iter()
        .find(|ext| lower.ends_with(*ext))
        .and_then(|ext| rel_path.get(..rel_path.len() - ext.len()))
        .unwrap_or(rel_path);
    match stem.strip_suffix("/index") {
        Some(folder) if !folder.is_empty() => folder.to_string(),
        _ => stem.to_string(),
    }
}

fn is_section_page(rel_path: &str) -> bool {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path).to_ascii_lowercase();
    name == "_index.md" || name == "_index.markdown"
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn io_error(path: &Path, e: &std::io::Error) -> SourceError {
    SourceError::Io { detail: format!("{}: {e}", path.display()) }
}

/// Every Markdown file under `root`, as (relative path with `/`, full path),
/// sorted by path components.
fn markdown_files(root: &Path) -> Result<Vec<(String, PathBuf)>, SourceError> {
    let canonical_root = fs::canonicalize(root).map_err(|e| io_error(root, &e))?;
    let mut walk = Walk { root: canonical_root, seen: HashSet::new(), found: Vec::new() };
    walk.seen.insert(walk.root.clone());
    walk.dir(root, &mut Vec::new())?;
    let mut found = walk.found;
    found.sort();
    Ok(found.into_iter().map(|(parts, path)| (parts.join("/"), path)).collect())
}

struct Walk {
    root: PathBuf,
    /// Canonical paths already taken, so a link inside the folder can neither
    /// loop nor import a file twice.
    seen: HashSet<PathBuf>,
    found: Vec<(Vec<String>, PathBuf)>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, rel: &mut Vec<String>) -> Result<(), SourceError> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(|e| io_error(dir, &e))? {
            let entry = entry.map_err(|e| io_error(dir, &e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name == "node_modules" {
                continue;
            }
            entries.push((name, entry));
        }
        // Sorted, so which of two links to one file is taken never varies.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, entry) in entries {
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| io_error(&path, &e))?;
            let (is_dir, is_file) = if kind.is_symlink() {
                // A dangling link, or one leading out of the folder, is not part of it.
                let Ok(target) = fs::canonicalize(&path) else { continue };
                if !target.starts_with(&self.root) {
                    continue;
                }
                let Ok(meta) = fs::metadata(&target) else { continue };
                (meta.is_dir(), meta.is_file())
            } else {
                (kind.is_dir(), kind.is_file())
            };
            let wanted = is_dir || (is_file && is_markdown(&name));
            if !wanted {
                continue;
            }
            let canonical = fs::canonicalize(&path).map_err(|e| io_error(&path, &e))?;
            if !self.seen.insert(canonical) {
                continue;
            }
            rel.push(name);
            if is_dir {
                self.dir(&path, rel)?;
            } else {
                self.found.push((rel.clone(), path));
            }
            rel.pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsroom::test_rng::Rng;

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/markdown")
    }

    fn hugo() -> Vec<Result<Draft, DraftError>> {
        read_folder(&fixtures().join("hugo/content")).unwrap().items
    }

    fn draft(id: &str) -> Draft {
        hugo()
            .into_iter()
            .filter_map(Result::ok)
            .find(|d| d.id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no draft {id}"))
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn md(text: &str) -> Result<Draft, DraftError> {
        read_file("post.md", text.as_bytes())
    }

    #[test]
    fn folder_is_read_in_path_order_without_hidden_files() {
        let ids: Vec<String> = hugo()
            .into_iter()
            .map(|item| match item {
                Ok(d) => d.id.unwrap(),
                Err(DraftError::Unpublished { id, .. }) => id,
                Err(e) => panic!("unexpected {e:?}"),
            })
            .collect();
        assert_eq!(
            ids,
            strings(&[
                "news/2022-12-20-year-end-review",
                "news/_index",
                "news/community-day",
                "news/iso-certification",
                "news/new-reactor-line",
                "news/safety-week",
                "news/trade-fair-2024",
                "news/upcoming-expansion",
                "news/zh/anquan-zhou",
                "news/zh/xin-fanying-xian",
                "zh-chinacoat-2024",
            ])
        );
        let page = read_folder(&fixtures().join("hugo/content")).unwrap();
        assert_eq!((page.title, page.description, page.language, page.next), (None, None, None, None));
    }

    #[test]
    fn yaml_front_matter_field_by_field() {
        let d = draft("news/new-reactor-line");
        assert_eq!(d.title.as_deref(), Some("Lingyue Commissions Its Third Chromium Oxide Reactor Line"));
        assert_eq!(d.published.as_deref(), Some("2023-11-04T10:00:00+08:00"));
        assert_eq!(d.modified.as_deref(), Some("2023-11-06T16:45:00+08:00"));
        assert_eq!(
            d.summary.as_deref(),
            Some("The new line raises annual chromium oxide green capacity to 18,000 tonnes.")
        );
        assert_eq!(d.authors, strings(&["Wang Lei"]));
        assert_eq!(d.language.as_deref(), Some("en"));
        assert_eq!(d.image.as_deref(), Some("https://www.lingyue-chem.example/images/news/reactor-line-3.jpg"));
        // The category first, then the tags, the repeated "Company News" once.
        assert_eq!(d.categories, strings(&["Company News", "Production", "Chromium Oxide"]));
        assert_eq!(d.category.as_deref(), Some("Company News"));
        assert_eq!((d.url, d.content_text), (None, None));
    }

    #[test]
    fn body_is_rendered_with_tables_footnotes_strikethrough_and_raw_html() {
        let html = draft("news/new-reactor-line").content_html.unwrap();
        assert!(html.starts_with("<p>Jinzhou Lingyue Chromium Chemicals Co., Ltd. has commissioned its <strong>third"));
        assert!(html.contains("<table><thead><tr><th>Product</th>"));
        assert!(html.contains("<td style=\"text-align: right\">18,000 t/yr</td>"));
        assert!(html.contains("<del>open kilns</del>"));
        assert!(html.contains("class=\"footnote-definition\""));
        assert!(html.contains(
            "<figure class=\"wide\"><img src=\"https://www.lingyue-chem.example/images/news/reactor-hall.jpg\""
        ));
        assert!(!html.contains("title:"), "front matter leaked into the body");
    }

    #[test]
    fn jekyll_dates_author_maps_cover_and_permalink() {
        let d = draft("news/iso-certification");
        assert_eq!(d.title.as_deref(), Some("Lingyue Renews ISO 14001 and ISO 45001 Certification"));
        assert_eq!(d.published.as_deref(), Some("2023-09-12T09:30:00+08:00"));
        assert_eq!(d.modified, None);
        assert_eq!(
            d.summary.as_deref(),
            Some("The surveillance audit found no major non-conformities for the third year running.")
        );
        assert_eq!(d.authors, strings(&["Zhao Min", "Liu Yang"]));
        assert_eq!(d.categories, strings(&["Quality", "Environment", "Certification"]));
        assert_eq!(d.category, None);
        assert_eq!(d.image.as_deref(), Some("https://www.lingyue-chem.example/images/news/iso-audit.jpg"));
        assert_eq!(d.url.as_deref(), Some("https://www.lingyue-chem.example/news/iso-certification/"));
        assert_eq!(d.language, None);
    }

    #[test]
    fn toml_front_matter_field_by_field() {
        let d = draft("news/trade-fair-2024");
        assert_eq!(d.title.as_deref(), Some("Meet Lingyue at ChinaCoat 2024 in Shanghai"));
        assert_eq!(d.published.as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(d.modified.as_deref(), Some("2024-03-20"));
        assert_eq!(
            d.summary.as_deref(),
            Some("Visit booth 5.1C17 for our chromium oxide pigments and chrome tanning agents.")
        );
        assert_eq!(d.categories, strings(&["Events", "Trade Fair", "Pigments"]));
        assert_eq!(d.category.as_deref(), Some("Events"));
        assert_eq!(d.authors, strings(&["Sun Hui"]));
        assert_eq!(d.image.as_deref(), Some("https://www.lingyue-chem.example/images/news/chinacoat-2024.jpg"));
        assert_eq!(d.language.as_deref(), Some("en"));
        assert!(d.content_html.unwrap().contains("<li>Basic chromium sulfate for leather tanning</li>"));
    }

    #[test]
    fn a_missing_title_stays_missing() {
        let d = draft("news/safety-week");
        assert_eq!(d.title, None);
        assert_eq!(d.published.as_deref(), Some("2023-06-01"));
        assert_eq!(d.authors, strings(&["Li Na"]));
        assert_eq!(
            d.summary.as_deref(),
            Some("Emergency drills, a chemical handling refresher and an open day for families.")
        );
        assert!(d.categories.is_empty());
    }

    #[test]
    fn chinese_posts() {
        let d = draft("news/zh/xin-fanying-xian");
        assert_eq!(d.title.as_deref(), Some("凌越化工第三条氧化铬绿生产线正式投产"));
        assert_eq!(d.language.as_deref(), Some("zh-CN"));
        // No zone written: the day alone.
        assert_eq!(d.published.as_deref(), Some("2023-11-05"));
        assert_eq!(d.categories, strings(&["公司新闻", "生产", "氧化铬绿"]));
        assert_eq!(d.category.as_deref(), Some("公司新闻"));
        assert_eq!(d.authors, strings(&["王磊"]));
        assert_eq!(d.summary.as_deref(), Some("新生产线投产后，氧化铬绿年产能提升至一万八千吨。"));
        assert!(d.content_html.unwrap().contains("<strong>氧化铬绿</strong>"));

        // A `.markdown` file with no language: detection is the mapping's job.
        let d = draft("news/zh/anquan-zhou");
        assert_eq!(d.title.as_deref(), Some("2023年安全生产月活动圆满结束"));
        assert_eq!(d.language, None);
        assert_eq!(d.published.as_deref(), Some("2023-06-02"));
        assert_eq!(d.categories, strings(&["安全", "培训"]));
        assert_eq!(d.category, None);

        // The front matter's own id, Astro-style dates, a POSIX locale.
        let d = draft("zh-chinacoat-2024");
        assert_eq!(d.title.as_deref(), Some("凌越化工邀您参加2024中国国际涂料展"));
        assert_eq!(d.language.as_deref(), Some("zh-CN"));
        assert_eq!(d.published.as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(d.modified.as_deref(), Some("2024-03-19T10:00:00+08:00"));
        assert_eq!(d.categories, strings(&["展会活动"]));
        assert_eq!(d.category.as_deref(), Some("展会活动"));
        assert_eq!(d.summary.as_deref(), Some("欢迎莅临5.1C17展位，了解我司氧化铬颜料和铬鞣剂产品。"));
        assert_eq!(d.image.as_deref(), Some("https://www.lingyue-chem.example/images/news/chinacoat-2024-zh.jpg"));
        assert_eq!(d.url.as_deref(), Some("https://www.lingyue-chem.example/zh/news/chinacoat-2024/"));
    }

    #[test]
    fn page_bundle_is_its_folder_and_relative_addresses_are_dropped() {
        let d = draft("news/community-day");
        assert_eq!(d.title.as_deref(), Some("Open Day at the Jinzhou Plant"));
        assert_eq!(d.published.as_deref(), Some("2023-10-14"));
        assert_eq!((d.url, d.image), (None, None));
        assert_eq!(d.categories, strings(&["Community"]));
        assert!(d.content_html.unwrap().contains("<img src=\"cover.jpg\""));
    }

    #[test]
    fn jekyll_file_name_dates_an_undated_post() {
        let d = draft("news/2022-12-20-year-end-review");
        assert_eq!(d.published.as_deref(), Some("2022-12-20"));
        // Tags only: the first tag will be the category (see the report).
        assert_eq!(d.categories, strings(&["Company News"]));
        assert_eq!(d.category, None);
        // A date in the front matter wins over the file name.
        let d = read_file("_posts/2020-01-01-x.md", b"---\ndate: 2021-02-03\n---\nx").unwrap();
        assert_eq!(d.published.as_deref(), Some("2021-02-03"));
        assert_eq!(read_file("2020-13-01-x.md", b"x").unwrap().published, None);
    }

    #[test]
    fn drafts_and_section_pages_are_reported() {
        let unpublished: Vec<(String, String)> = hugo()
            .into_iter()
            .filter_map(|item| match item {
                Err(DraftError::Unpublished { id, kind }) => Some((id, kind)),
                _ => None,
            })
            .collect();
        assert_eq!(
            unpublished,
            vec![
                ("news/_index".to_string(), "section page".to_string()),
                ("news/upcoming-expansion".to_string(), "draft".to_string()),
            ]
        );
        let draft = |text: &str| matches!(md(text), Err(DraftError::Unpublished { kind, .. }) if kind == "draft");
        assert!(draft("---\npublished: false\n---\nx"));
        assert!(draft("+++\ndraft = true\n+++\nx"));
        assert!(draft("---\nDraft: \"true\"\n---\nx"));
        assert!(!draft("---\ndraft: false\npublished: true\n---\nx"));
        assert_eq!(
            md("---\nid: launch\ndraft: true\n---\n"),
            Err(DraftError::Unpublished { id: "launch".into(), kind: "draft".into() })
        );
    }

    #[test]
    fn broken_files_are_reported_one_by_one_and_the_rest_imports() {
        let items = read_folder(&fixtures().join("broken")).unwrap().items;
        assert_eq!(items.len(), 5);
        assert_eq!(
            items[0],
            Err(DraftError::FrontMatter {
                path: "bad-toml.md".into(),
                detail: "invalid TOML at line 2: string values must be quoted, expected literal string".into(),
            })
        );
        match &items[1] {
            Err(DraftError::FrontMatter { path, detail }) => {
                assert_eq!(path, "bad-yaml.md");
                assert!(detail.starts_with("invalid YAML"), "{detail}");
                assert!(detail.contains("line 2"), "line numbers are the file's: {detail}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(items[2], Err(DraftError::NotText { path: "gbk-encoded.md".into() }));
        let good = items[3].clone().unwrap();
        assert_eq!(good.id.as_deref(), Some("good"));
        assert_eq!(good.title.as_deref(), Some("Basic Chromium Sulfate Now Available in 1-Tonne Bags"));
        assert_eq!(good.published.as_deref(), Some("2023-04-20T09:00:00+08:00"));
        assert_eq!(
            items[4],
            Err(DraftError::FrontMatter {
                path: "never-closed.md".into(),
                detail: "the front matter opened by `---` is never closed".into(),
            })
        );
    }

    #[test]
    fn a_folder_without_markdown_or_unreadable() {
        assert_eq!(read_folder(&fixtures().join("empty")).unwrap_err(), SourceError::NoMarkdown);
        assert!(matches!(read_folder(&fixtures().join("no-such-folder")), Err(SourceError::Io { .. })));
        assert!(matches!(read_folder(&fixtures().join("empty/README.txt")), Err(SourceError::Io { .. })));
    }

    #[test]
    fn without_front_matter_the_whole_file_is_the_body() {
        let d = md("# Annual Report\n\n---\n\ntitle: not a field\n").unwrap();
        assert_eq!(d.id.as_deref(), Some("post"));
        assert_eq!(d.title, None);
        assert_eq!(
            d.content_html.as_deref(),
            Some("<h1>Annual Report</h1>\n<hr />\n<p>title: not a field</p>")
        );
        assert_eq!(md("").unwrap().content_html, None);
        assert_eq!(md("---\n---\n").unwrap(), Draft { id: Some("post".into()), ..Draft::default() });
    }

    #[test]
    fn windows_line_endings_byte_order_mark_and_yaml_end_marker() {
        let d = md("\u{feff}---\r\ntitle: Chrome Green\r\n...\r\nBody\r\n").unwrap();
        assert_eq!(d.title.as_deref(), Some("Chrome Green"));
        assert_eq!(d.content_html.as_deref(), Some("<p>Body</p>"));
        let d = md("+++  \r\ntitle = 'Chrome Green'\r\n+++\r\nBody").unwrap();
        assert_eq!(d.title.as_deref(), Some("Chrome Green"));
    }

    #[test]
    fn front_matter_that_is_not_a_mapping_is_reported() {
        assert!(matches!(md("---\n- a\n- b\n---\nx"), Err(DraftError::FrontMatter { .. })));
        assert!(matches!(md("---\ntitle: a\ntitle: b\n---\nx"), Err(DraftError::FrontMatter { .. })));
    }

    #[test]
    fn field_shapes() {
        let d = md("---\n\
            Title: 2024\n\
            author: [Wang Lei, {name: Zhao Min}, Wang Lei]\n\
            authors: Sun Hui\n\
            categories: News, Events\n\
            category: [Press]\n\
            tags: [Events, Pigments, '', 7]\n\
            images: [https://x.example/a.jpg, https://x.example/b.jpg]\n\
            image: /relative.jpg\n\
            locale: en_GB\n\
            url: news/x/\n\
            permalink: https://x.example/news/x/\n\
            ---\nx")
        .unwrap();
        assert_eq!(d.title.as_deref(), Some("2024"));
        assert_eq!(d.authors, strings(&["Wang Lei", "Zhao Min", "Sun Hui"]));
        assert_eq!(d.categories, strings(&["News", "Events", "Press", "Pigments", "7"]));
        assert_eq!(d.category.as_deref(), Some("News"));
        assert_eq!(d.image.as_deref(), Some("https://x.example/a.jpg"));
        assert_eq!(d.language.as_deref(), Some("en-GB"));
        assert_eq!(d.url.as_deref(), Some("https://x.example/news/x/"));
        let d = md("---\ncategory: Research, Development\nbanner: {src: 'https://x.example/b.png'}\n---\n").unwrap();
        assert_eq!(d.categories, strings(&["Research, Development"]));
        assert_eq!(d.image.as_deref(), Some("https://x.example/b.png"));
    }

    #[test]
    fn dates() {
        // The strings themselves are `dates`' to test; here, the fields they come from.
        let toml = "+++\ndate = 2023-11-04T10:00:00+08:00\nlastmod = 2023-11-05\n+++\n";
        let d = md(toml).unwrap();
        assert_eq!(d.published.as_deref(), Some("2023-11-04T10:00:00+08:00"));
        assert_eq!(d.modified.as_deref(), Some("2023-11-05"));
        let d = md("+++\ndate = 2023-11-04T10:00:00\npublished = 1979-05-27\n+++\n").unwrap();
        assert_eq!(d.published.as_deref(), Some("2023-11-04"));
        let d = md("+++\ndate = 2023-11-04T10:00:00.25Z\n+++\n").unwrap();
        assert_eq!(d.published.as_deref(), Some("2023-11-04T10:00:00+00:00"));
        let d = md("---\ndate: 2023-11-04 10:00:00 +0800\n---\n").unwrap();
        assert_eq!(d.published.as_deref(), Some("2023-11-04T10:00:00+08:00"));
        // An unreadable `date` gives way to the next name that is readable.
        let d = md("---\ndate: someday\npubDate: 2023-11-04\n---\n").unwrap();
        assert_eq!(d.published.as_deref(), Some("2023-11-04"));
    }

    #[test]
    fn ids() {
        assert_eq!(id_from_path("posts/2023/visit.md"), "posts/2023/visit");
        assert_eq!(id_from_path("posts/Visit.MARKDOWN"), "posts/Visit");
        assert_eq!(id_from_path("posts/visit/index.md"), "posts/visit");
        assert_eq!(id_from_path("index.md"), "index");
        assert_eq!(read_file("./a/b.md", b"x").unwrap().id.as_deref(), Some("a/b"));
        assert_eq!(md("---\nid: 42\n---\n").unwrap().id.as_deref(), Some("42"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_inside_the_folder() {
        use std::os::unix::fs::symlink;
        let base = std::env::temp_dir().join(format!("newsroom-markdown-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let root = base.join("site");
        fs::create_dir_all(root.join("posts")).unwrap();
        fs::create_dir_all(base.join("outside")).unwrap();
        fs::write(root.join("posts/a.md"), "A").unwrap();
        fs::write(base.join("outside/secret.md"), "S").unwrap();
        symlink(base.join("outside"), root.join("out-dir")).unwrap();
        symlink(base.join("outside/secret.md"), root.join("out-file.md")).unwrap();
        symlink(root.join("posts"), root.join("again")).unwrap();
        symlink(&root, root.join("posts/loop")).unwrap();
        symlink(root.join("missing.md"), root.join("dangling.md")).unwrap();
        let ids: Vec<Option<String>> =
            read_folder(&root).unwrap().items.into_iter().map(|i| i.unwrap().id).collect();
        let _ = fs::remove_dir_all(&base);
        // `again` sorts before `posts`, so it is the path taken for the shared file.
        assert_eq!(ids, vec![Some("again/a".to_string())]);
    }

    /// The draft contract: strings trimmed and non-empty, dates the page reads.
    fn check(item: &Result<Draft, DraftError>) {
        let Ok(d) = item else { return };
        let singles = [&d.id, &d.url, &d.title, &d.content_html, &d.content_text, &d.summary, &d.published];
        let singles = singles.into_iter().chain([&d.modified, &d.category, &d.image, &d.language]);
        for s in singles.flatten().chain(&d.authors).chain(&d.categories) {
            assert!(!s.is_empty() && s.trim() == s, "{s:?}");
        }
        for date in [&d.published, &d.modified].into_iter().flatten() {
            assert!(newsroom::date::parse_date(date).is_some(), "{date}");
        }
    }

    #[test]
    fn no_input_makes_it_panic() {
        let pieces: [&[u8]; 24] = [
            b"---\n", b"+++\n", b"...\n", b"\n", b"\r\n", b": ", b"title", b"date: ", b"date = ",
            b"2023-11-04", b"T10:00:00", b" +0800", b"[", b"]", b"{", b"}", b"\"", b"'", b"- ",
            b"| a | b |\n|---|---|\n", b"[^1]", "中文".as_bytes(), b"\xff\xfe", b"*",
        ];
        let names = ["post.md", "news/_index.md", "2023-11-04-x.md", "a/index.markdown", ""];
        let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut bytes = Vec::new();
            for _ in 0..rng.below(40) {
                if rng.below(4) == 0 {
                    bytes.push(rng.next() as u8);
                } else {
                    bytes.extend_from_slice(pieces[rng.below(pieces.len())]);
                }
            }
            check(&read_file(names[rng.below(names.len())], &bytes));
        }

        // Deep nesting must neither panic nor overflow the stack.
        let n = 100_000;
        let deep = [
            format!("+++\na = {}{}\n+++\n", "[".repeat(n), "]".repeat(n)),
            format!("---\na: {}{}\n---\n", "[".repeat(n), "]".repeat(n)),
            format!("---\n{}\n---\n", (0..3000).map(|i| format!("{}a:", " ".repeat(i))).collect::<Vec<_>>().join("\n")),
            format!("{}x\n{}", ">".repeat(n), "*[".repeat(n)),
        ];
        for text in deep {
            check(&md(&text));
        }

        let mut files = Vec::new();
        for dir in ["hugo/content/news", "hugo/content/news/zh", "hugo/content/news/community-day", "broken"] {
            for entry in fs::read_dir(fixtures().join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    files.push(fs::read(path).unwrap());
                }
            }
        }
        assert!(files.len() >= 14);
        let inserts: [&[u8]; 6] = [b"---\n", b"+++\n", b"\n---\n", b"\"", b"\xe4", b"date: 2023-99-99\n"];
        for original in &files {
            for _ in 0..300 {
                let mut bytes = original.clone();
                for _ in 0..=rng.below(3) {
                    let at = rng.below(bytes.len() + 1);
                    match rng.below(3) {
                        0 => bytes.truncate(at),
                        1 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
                        _ => {
                            let insert = inserts[rng.below(inserts.len())];
                            bytes.splice(at..at, insert.iter().copied());
                        }
                    }
                }
                check(&read_file("news/post.md", &bytes));
            }
        }
    }
}
