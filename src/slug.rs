//! The readable, stable name of an article's page in a static site
//! (`articles/<slug>/index.html`): from the last segment of the item's
//! address, else its title, else its id; made unique across an archive by
//! numbering later repeats in archive order, so a rebuild keeps every address.

use std::collections::{HashMap, HashSet};

use crate::article::Article;
use crate::percent::percent_decode;

/// Longest slug in characters, before a number made it unique: long enough
/// for a headline, short enough for every file system's name limit.
const MAX_CHARS: usize = 80;

/// What a slug is made of when nothing else gives one.
const LAST_RESORT: &str = "article";

/// Names Windows will not give a folder, in any letter case or with any extension.
const RESERVED: &[&str] = &["con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"];

/// The slug an article would have alone (before collisions are resolved).
pub fn article_slug(article: &Article) -> String {
    natural_slug(article.url.as_deref(), &article.title, &article.id)
}

/// The slug of an item with this address, title and id: the first of them
/// that gives a non-empty slug, else `article`.
pub fn natural_slug(url: Option<&str>, title: &str, id: &str) -> String {
    let slug = url
        .map(|u| slugify(&url_segment(u)))
        .filter(|s| !s.is_empty())
        .or_else(|| Some(slugify(title)).filter(|s| !s.is_empty()))
        .or_else(|| Some(slugify(id)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| LAST_RESORT.to_string());
    if RESERVED.contains(&slug.as_str()) {
        return format!("{slug}-{LAST_RESORT}");
    }
    slug
}

/// The unique slugs of `articles`, in their order. Repeats are numbered in
/// publication order, oldest first (undated ones after the dated): the
/// oldest article with a slug keeps it, a later one gets `-2`, `-3`… the
/// first number no other article has as its own slug or was given before.
/// So publishing a new article never moves an older one's address, and a
/// numbered slug never takes another article's natural address.
pub fn unique_slugs(articles: &[Article]) -> Vec<String> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    // Stable: articles of one instant keep the order they were given in.
    order.sort_by_key(|&i| articles[i].date.as_ref().map_or((1, 0), |d| (0, d.timestamp)));
    let unique = make_unique(order.iter().map(|&i| article_slug(&articles[i])).collect());
    let mut slugs = vec![String::new(); articles.len()];
    for (&i, slug) in order.iter().zip(unique) {
        slugs[i] = slug;
    }
    slugs
}

/// `natural` with each repeat numbered (see [`unique_slugs`]).
pub fn make_unique(natural: Vec<String>) -> Vec<String> {
    let owned: HashSet<String> = natural.iter().cloned().collect();
    let mut given: HashSet<String> = HashSet::with_capacity(natural.len());
    // Per slug, the number its next repeat tries first: every number below
    // it is taken for good (`owned` is fixed, `given` only grows), so an
    // archive with a thousand items of one title does not try 1 + 2 + … +
    // 1000 numbers.
    let mut next: HashMap<String, usize> = HashMap::new();
    natural
        .into_iter()
        .map(|slug| {
            if given.insert(slug.clone()) {
                return slug;
            }
            let from = next.get(&slug).copied().unwrap_or(2);
            let (n, numbered) = (from..)
                .map(|n| (n, format!("{slug}-{n}")))
                .find(|(_, s)| !owned.contains(s) && !given.contains(s))
                .unwrap_or_default();
            next.insert(slug, n + 1);
            given.insert(numbered.clone());
            numbered
        })
        .collect()
}

/// The last path segment of an address, decoded and without `.html`/`.htm`;
/// `index.html` names its folder, so then the segment before it. Empty when
/// the path has none (`https://example.com/`, `?p=12`).
fn url_segment(url: &str) -> String {
    let without_query = url.split(['?', '#']).next().unwrap_or("");
    // After a scheme and host, the path begins at the next `/`.
    let path = match without_query.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => without_query,
    };
    let mut segments = path.split('/').filter(|s| !s.is_empty()).rev().map(|s| {
        let decoded = percent_decode(s);
        let lower = decoded.to_lowercase();
        let stem_len = [".html", ".htm"].iter().find(|ext| lower.ends_with(*ext)).map_or(decoded.len(), |ext| decoded.len() - ext.len());
        decoded[..stem_len].to_string()
    });
    let last = segments.next().unwrap_or_default();
    if matches!(last.to_lowercase().as_str(), "index" | "default") {
        return segments.next().unwrap_or_default();
    }
    last
}

/// Lower-case words of letters and digits (any script) joined by `-`;
/// everything else separates words. Nothing that means something in a path
/// (`/`, `\`, `.`, `%`, controls) can remain, and the result is cut to
/// [`MAX_CHARS`] at a character boundary.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut pending_dash = false;
    for c in text.chars() {
        let keep = c.is_alphanumeric() || (is_combining_mark(c) && !out.is_empty() && !pending_dash);
        if !keep {
            pending_dash = !out.is_empty();
            continue;
        }
        let lower: Vec<char> = c.to_lowercase().collect();
        if chars + lower.len() + usize::from(pending_dash) > MAX_CHARS {
            break;
        }
        if pending_dash {
            out.push('-');
            chars += 1;
            pending_dash = false;
        }
        out.extend(lower.iter());
        chars += lower.len();
    }
    out
}

/// Vowel signs and accents that are part of a word without being letters
/// themselves (Hindi `नमस्ते`, Thai, a decomposed `é`): a word keeps them.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}' | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}'
        | '\u{0E47}'..='\u{0E4E}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}' | '\u{309A}' | '\u{FE20}'..='\u{FE2F}')
        // Indic scripts: what is neither a letter nor a digit is a sign of
        // the syllable, but for the dandas, which end sentences.
        || (('\u{0900}'..='\u{0DFF}').contains(&c) && !matches!(c, '\u{0964}' | '\u{0965}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(url: Option<&str>, title: &str) -> String {
        natural_slug(url, title, "id-1")
    }

    #[test]
    fn titles_become_lower_case_words_joined_by_dashes() {
        assert_eq!(slug(None, "Acme Opens a New Plant in Ohio!"), "acme-opens-a-new-plant-in-ohio");
        assert_eq!(slug(None, "  Q3 results: revenue +12%  "), "q3-results-revenue-12");
        assert_eq!(slug(None, "Ünïcödé Straße"), "ünïcödé-straße");
        assert_eq!(slug(None, "O'Brien & Co. — \"quoted\""), "o-brien-co-quoted");
    }

    #[test]
    fn unicode_titles_keep_their_script() {
        assert_eq!(slug(None, "凌跃铬化工荣获“年度最佳供应商”称号！"), "凌跃铬化工荣获-年度最佳供应商-称号");
        assert_eq!(slug(None, "Новости компании"), "новости-компании");
        assert_eq!(slug(None, "नमस्ते दुनिया।"), "नमस्ते-दुनिया");
        // A decomposed accent stays on its letter.
        assert_eq!(slug(None, "Cafe\u{301} news"), "cafe\u{301}-news");
    }

    #[test]
    fn long_titles_are_cut_at_a_character_boundary() {
        let zh = slug(None, &"铬".repeat(200));
        assert_eq!(zh.chars().count(), MAX_CHARS);
        let words = slug(None, &"word ".repeat(40));
        assert!(words.chars().count() <= MAX_CHARS && !words.ends_with('-'), "{words}");
    }

    #[test]
    fn empty_titles_fall_back_to_the_id_then_article() {
        assert_eq!(natural_slug(None, "", "tag:example.com,2024:42"), "tag-example-com-2024-42");
        assert_eq!(natural_slug(None, "   \t\n", "Post 7"), "post-7");
        assert_eq!(natural_slug(None, "?!… — ###", "..."), "article");
        assert_eq!(natural_slug(Some("https://example.com/"), "", ""), "article");
    }

    #[test]
    fn no_slug_is_a_path_trick() {
        for title in [".", "..", "../../etc/passwd", "a/b\\c", "%2e%2e", "\u{0}\u{1f}x", "con", "NUL", "Lpt1"] {
            let s = natural_slug(None, title, "..");
            assert!(!s.is_empty() && s != "." && s != "..", "{title:?} gave {s:?}");
            assert!(s.chars().all(|c| c.is_alphanumeric() || c == '-' || is_combining_mark(c)), "{title:?} gave {s:?}");
            assert!(!RESERVED.contains(&s.as_str()), "{title:?} gave {s:?}");
        }
        assert_eq!(slug(None, "../../etc/passwd"), "etc-passwd");
        assert_eq!(slug(None, "con"), "con-article");
    }

    #[test]
    fn the_last_url_segment_comes_first() {
        let title = "Some title";
        assert_eq!(slug(Some("https://example.com/news/2024/new-plant.html"), title), "new-plant");
        assert_eq!(slug(Some("https://example.com/news/new-plant/"), title), "new-plant");
        assert_eq!(slug(Some("https://example.com/news/New_Plant.HTM?utm=1#top"), title), "new-plant");
        assert_eq!(slug(Some("https://example.com/news/new-plant/index.html"), title), "new-plant");
        assert_eq!(slug(Some("/news/relative-one"), title), "relative-one");
        // An address without a path segment says nothing: the title does.
        assert_eq!(slug(Some("https://example.com/?p=12"), title), "some-title");
        assert_eq!(slug(Some("https://example.com"), title), "some-title");
    }

    #[test]
    fn percent_encoded_segments_are_decoded() {
        let url = "https://example.com/news/%E5%87%8C%E8%B7%83%E9%93%AC%E5%8C%96%E5%B7%A5%E8%8D%A3%E8%8E%B7";
        assert_eq!(slug(Some(url), "x"), "凌跃铬化工荣获");
        assert_eq!(slug(Some("https://example.com/a%20b%2Fc"), "x"), "a-b-c");
        assert_eq!(slug(Some("https://example.com/%2e%2e"), "Title"), "title");
    }

    #[test]
    fn repeats_are_numbered_in_archive_order() {
        let natural = |v: &[&str]| make_unique(v.iter().map(|s| s.to_string()).collect());
        assert_eq!(natural(&["a", "b", "a", "a"]), ["a", "b", "a-2", "a-3"]);
        // `a-2` is another item's own slug: the repeat of `a` must not take it,
        // whether that item comes before or after it.
        assert_eq!(natural(&["a", "a", "a-2"]), ["a", "a-3", "a-2"]);
        assert_eq!(natural(&["a-2", "a", "a"]), ["a-2", "a", "a-3"]);
        assert_eq!(natural(&["a-2", "a-2", "a", "a"]), ["a-2", "a-2-2", "a", "a-3"]);
        let many = natural(&["x"; 50]);
        assert_eq!(many.iter().collect::<HashSet<_>>().len(), 50);
        assert_eq!(natural(&["a", "a-3", "a", "a", "a-2", "a"]), ["a", "a-3", "a-4", "a-5", "a-2", "a-6"]);
        // Many repeats of one title are numbered in order, without trying each number again.
        let repeats = make_unique(vec!["t".to_string(); 5_000]);
        assert_eq!(repeats[4_999], "t-5000");
    }

    #[test]
    fn a_newer_article_of_the_same_title_never_takes_an_older_ones_address() {
        use crate::article::{test_article, Body};
        use crate::date::parse_date;
        let dated = |id: &str, date: &str| {
            let mut a = test_article("Annual work conference", None, Body::Empty);
            a.id = id.into();
            a.date = parse_date(date);
            a
        };
        let before = unique_slugs(&[dated("2024", "2024-01-16"), dated("2022", "2022-01-18")]);
        assert_eq!(before, ["annual-work-conference-2", "annual-work-conference"]);
        // Newest first, as a build lists them, with one more a year later.
        let after = unique_slugs(&[dated("2025", "2025-01-14"), dated("2024", "2024-01-16"), dated("2022", "2022-01-18")]);
        assert_eq!(after, ["annual-work-conference-3", "annual-work-conference-2", "annual-work-conference"]);
        let mut undated = dated("undated", "");
        undated.date = None;
        assert_eq!(unique_slugs(&[dated("2022", "2022-01-18"), undated]), ["annual-work-conference", "annual-work-conference-2"]);
    }

    #[test]
    fn unique_slugs_of_articles() {
        use crate::article::{test_article, Body};
        let mut first = test_article("Same title", None, Body::Empty);
        first.id = "1".into();
        let mut second = first.clone();
        second.id = "2".into();
        let mut third = test_article("Other", None, Body::Empty);
        third.url = Some("https://example.com/same-title-2".into());
        assert_eq!(unique_slugs(&[first, second, third]), ["same-title", "same-title-3", "same-title-2"]);
    }
}
