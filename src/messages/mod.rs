//! The page's words: every string the page shows, one file per language
//! (`en.rs`, `zh_cn.rs`). Plain data, so that tests check every language
//! natively; the shell chooses the language and fills the `{placeholders}`.
//!
//! Adding a language is adding one file: a `Messages` value with every key
//! (the compiler refuses a missing one), listed in `LANGUAGES`.

pub mod describe;
mod en;
pub mod headlines;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

/// Declares the keys once: the struct, and the list tests walk.
macro_rules! keys {
    ($($(#[$doc:meta])* $key:ident,)*) => {
        /// One language's words. Keys ending in `_one` / `_other` are the
        /// plural forms the browser's `Intl.PluralRules` chooses between.
        pub struct Messages {
            /// The BCP 47 tag: `lang` of the page, and the locale of `Intl`.
            pub locale: &'static str,
            $($(#[$doc])* pub $key: &'static str,)*
        }

        /// Every key empty: the rest of a language's subset (`headlines`).
        pub(crate) const BLANK: Messages = Messages { locale: "", $($key: "",)* };

        impl Messages {
            /// Every key with its text, in declaration order (for the tests).
            #[cfg(test)]
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }
        }
    };
}

keys! {
    /// The standalone page's heading while the feed has no title yet.
    news,
    loading_news,
    /// `{received}`, `{total}`: amounts of data (`size_*`).
    progress_of,
    progress_received,
    size_bytes,
    size_kilobytes,
    size_megabytes,
    /// A time limit: `{n}` seconds.
    seconds,
    /// `{attempt}` of `{retries}` retries, after `{reason}` (a `part_*` reason).
    retrying,
    load_failed,
    retry,
    search_label,
    search_label_in,
    search_placeholder,
    sort_label,
    sort_relevance,
    sort_newest,
    sort_oldest,
    category,
    all_categories,
    tag,
    all_tags,
    year,
    all_years,
    language,
    all_languages,
    /// A filter's option: `{value}` and its result count `{count}`.
    option_count,
    count_one,
    count_other,
    preparing_search,
    loading_older,
    loading,
    clear_all,
    no_results,
    clear_search_and_filters,
    show_more,
    back_to_news,
    looking_for_article,
    no_such_article,
    article_code,
    previous,
    next,
    more_articles,
    /// A built site's list pages: the links to the pages before and after.
    newer_articles,
    older_articles,
    /// `{n}`: a built site's list page number.
    page_number,
    /// The label of the links between a built site's list pages.
    list_pages,
    /// The labels of a built site's links to its category and year pages.
    browse_categories,
    browse_years,
    by_authors,
    read_original,
    undated,
    tags,
    skipped_one,
    skipped_other,
    recovered_one,
    recovered_other,
    older_not_an_address,
    older_failed,
    index_unusable,
    search_code,
    older_code,
    // Why the feed could not be loaded (`LoadError`).
    net_unreachable,
    net_status,
    net_body,
    /// `{limit}`: a time (`seconds`); `{received}`: an amount of data.
    net_no_answer,
    net_stalled,
    net_bundle,
    // Why the feed is not a bundle (`BundleError`).
    bundle_empty,
    bundle_syntax,
    bundle_html,
    bundle_not_object,
    bundle_version,
    bundle_no_items,
    bundle_items_not_list,
    /// A built archive's file that could not be written (`BundleError::Unwritable`).
    bundle_unwritable,
    // Why a text is not JSON (`JsonProblem`), the `{detail}` of `bundle_syntax`.
    json_end,
    json_expected_value,
    json_expected_colon,
    json_expected_comma_or_end,
    json_key_not_string,
    json_trailing,
    json_bad_number,
    json_bad_escape,
    json_control_character,
    json_not_utf8,
    json_lone_surrogate,
    json_too_deep,
    // What a JSON value is (`JsonKind`).
    kind_null,
    kind_boolean,
    kind_number,
    kind_string,
    kind_empty_list,
    kind_list,
    kind_object,
    // Why an item was skipped (`ItemError`).
    item_not_object,
    item_nothing,
    item_nothing_id,
    // A link's part that could not be used (`UrlProblem`).
    url_bad_page,
    url_bad_sort,
    url_bad_year,
    url_no_category,
    url_no_tag,
    url_no_year,
    url_no_language,
    // A mount element's attribute that could not be used (`OptionProblem`).
    option_layout,
    option_limit,
    option_link,
    option_timeout,
    // A pre-built archive's file that could not be used (`PartError`).
    part_error,
    part_search,
    part_list,
    part_article,
    part_missing,
    part_status,
    part_unreachable,
    part_no_answer,
    part_stalled,
    part_code,
    format_version,
    format_not_index,
    format_damaged,
    format_other_build,
    format_malformed,
}

/// Every language the page speaks; the first is the last resort.
pub const LANGUAGES: [&Messages; 2] = [&EN, &ZH_CN];

/// The language for a BCP 47 tag: an exact match, else the same primary
/// language (`zh-Hans`, `zh-SG` → `zh-CN`; `en-GB` → `en`).
pub fn for_tag(tag: &str) -> Option<&'static Messages> {
    for_tag_in(&LANGUAGES, tag)
}

fn for_tag_in(languages: &[&'static Messages], tag: &str) -> Option<&'static Messages> {
    let tag = tag.trim();
    let primary = |t: &str| t.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    languages.iter().find(|m| m.locale.eq_ignore_ascii_case(tag)).or_else(|| {
        let wanted = primary(tag);
        languages.iter().find(|m| !wanted.is_empty() && primary(m.locale) == wanted)
    }).copied()
}

/// The first candidate tag the page speaks (in the order the shell asks:
/// `data-lang`, the host page's `lang`, the browser's languages), else English.
pub fn choose<'a>(candidates: impl IntoIterator<Item = &'a str>) -> &'static Messages {
    choose_in(&LANGUAGES, candidates)
}

/// [`choose`] among `languages`, each language's words or a subset of them
/// (`headlines`), in the order of [`LANGUAGES`].
pub fn choose_in<'a>(languages: &[&'static Messages], candidates: impl IntoIterator<Item = &'a str>) -> &'static Messages {
    candidates.into_iter().find_map(|tag| for_tag_in(languages, tag)).unwrap_or(languages[0])
}

/// `template` with each `{name}` replaced by its value; an unknown one stays.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // Split, not sliced at found offsets: no slicing panic (and its message
    // formatting) in the wasm of either entry.
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let value = after.split_once('}').and_then(|(name, tail)| values.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v, tail)));
        match value {
            Some((v, tail)) => {
                out.push_str(v);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{names}` a template uses, sorted.
#[cfg(test)]
fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_with_text_and_the_same_placeholders() {
        let english = EN.entries();
        for lang in LANGUAGES {
            let entries = lang.entries();
            assert_eq!(entries.len(), english.len(), "{}", lang.locale);
            for ((key, text), (en_key, en_text)) in entries.iter().zip(&english) {
                assert_eq!(key, en_key);
                assert!(!text.trim().is_empty(), "{}: `{key}` is empty", lang.locale);
                assert_eq!(placeholders(text), placeholders(en_text), "{}: `{key}` has other placeholders than English", lang.locale);
            }
        }
    }

    #[test]
    fn chinese_is_chinese() {
        // Words outside placeholders and `code` (the feed's own vocabulary) are Chinese.
        for (key, text) in ZH_CN.entries() {
            let prose = prose(text);
            // Unit symbols are the same in Chinese text.
            let symbol = matches!(key, "size_kilobytes" | "size_megabytes");
            if !symbol && prose.chars().any(char::is_alphabetic) {
                assert!(prose.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "zh-CN `{key}` is not Chinese: {text}");
            }
        }
    }

    /// The text outside `{placeholders}` and `code`.
    fn prose(text: &str) -> String {
        let mut outside = String::new();
        let mut depth = 0;
        for ch in text.chars() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => outside.push(ch),
                _ => {}
            }
        }
        outside.split('`').step_by(2).collect()
    }

    #[test]
    fn the_language_follows_the_first_tag_the_page_speaks() {
        assert_eq!(choose(["zh-CN"]).locale, "zh-CN");
        assert_eq!(choose(["zh-Hans-CN"]).locale, "zh-CN");
        assert_eq!(choose(["ZH_sg"]).locale, "zh-CN");
        assert_eq!(choose(["en-GB", "zh-CN"]).locale, "en");
        assert_eq!(choose(["fr", "de", "zh-TW"]).locale, "zh-CN");
        assert_eq!(choose(["fr", "", " "]).locale, "en");
        assert_eq!(choose([]).locale, "en");
    }

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(fill("{n} of {total}", &[("n", "3"), ("total", "10")]), "3 of 10");
        assert_eq!(fill("“{id}”", &[("id", "{n}")]), "“{n}”");
        assert_eq!(fill("{odd} {n", &[("n", "1")]), "{odd} {n");
        assert_eq!(fill("共 {n} 篇", &[("n", "1,234")]), "共 1,234 篇");
        assert_eq!(placeholders("{b} {a} {b}"), ["a", "b"]);
    }
}
