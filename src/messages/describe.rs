//! The core's reasons (error enums) in a language's words.

use super::{fill, Messages};
use crate::bundle::{BundleError, ItemError, JsonKind};
use crate::decimal::{padded, text};
use crate::embed_options::{OptionProblem, MAX_LIMIT};
use crate::lean_json::JsonProblem;
use crate::byte_size::{byte_size, Unit};
use crate::load_error::{LoadError, Retrying};
use crate::prebuilt::format::{FormatError, VERSION};
use crate::prebuilt::parts::{PartError, PartFailure, Purpose};
use crate::url_state::{Facet, UrlProblem};

pub fn load_error(m: &Messages, e: &LoadError) -> String {
    match e {
        LoadError::Network { url, detail } => fill(m.net_unreachable, &[("url", url), ("detail", detail)]),
        LoadError::Status { url, status, status_text, .. } => {
            fill(m.net_status, &[("url", url), ("status", &status_line(*status, status_text))])
        }
        LoadError::Body { url, detail } => fill(m.net_body, &[("url", url), ("detail", detail)]),
        LoadError::TimedOut { url, limit_ms, received: None } => {
            fill(m.net_no_answer, &[("url", url), ("limit", &seconds(m, *limit_ms))])
        }
        LoadError::TimedOut { url, limit_ms, received: Some(bytes) } => fill(
            m.net_stalled,
            &[("url", url), ("received", &data_size(m, *bytes)), ("limit", &seconds(m, *limit_ms))],
        ),
        LoadError::Bundle { url, error } => fill(m.net_bundle, &[("reason", &bundle_error(m, error)), ("url", url)]),
    }
}

pub fn bundle_error(m: &Messages, e: &BundleError) -> String {
    match e {
        BundleError::Empty => m.bundle_empty.to_string(),
        BundleError::Syntax { line, column, problem } => fill(
            m.bundle_syntax,
            &[("detail", json_problem(m, *problem)), ("line", &text(*line as u64)), ("column", &text(*column as u64))],
        ),
        BundleError::Html { start } => fill(m.bundle_html, &[("start", start)]),
        BundleError::NotAnObject { found } => fill(m.bundle_not_object, &[("kind", kind(m, *found))]),
        BundleError::UnknownVersion { version } => fill(m.bundle_version, &[("version", version)]),
        BundleError::NoItems => m.bundle_no_items.to_string(),
        BundleError::ItemsNotAList { found } => fill(m.bundle_items_not_list, &[("kind", kind(m, *found))]),
        BundleError::Unwritable { reason } => fill(m.bundle_unwritable, &[("reason", reason)]),
    }
}

fn json_problem(m: &Messages, p: JsonProblem) -> &'static str {
    match p {
        JsonProblem::End => m.json_end,
        JsonProblem::ExpectedValue => m.json_expected_value,
        JsonProblem::ExpectedColon => m.json_expected_colon,
        JsonProblem::ExpectedCommaOrEnd => m.json_expected_comma_or_end,
        JsonProblem::KeyNotString => m.json_key_not_string,
        JsonProblem::Trailing => m.json_trailing,
        JsonProblem::BadNumber => m.json_bad_number,
        JsonProblem::BadEscape => m.json_bad_escape,
        JsonProblem::ControlCharacter => m.json_control_character,
        JsonProblem::NotUtf8 => m.json_not_utf8,
        JsonProblem::LoneSurrogate => m.json_lone_surrogate,
        JsonProblem::TooDeep => m.json_too_deep,
    }
}

pub fn item_error(m: &Messages, e: &ItemError) -> String {
    match e {
        ItemError::NotAnObject { index, found } => {
            fill(m.item_not_object, &[("index", &text(*index as u64)), ("kind", kind(m, *found))])
        }
        ItemError::NothingToShow { index, id: None } => fill(m.item_nothing, &[("index", &text(*index as u64))]),
        ItemError::NothingToShow { index, id: Some(id) } => {
            fill(m.item_nothing_id, &[("index", &text(*index as u64)), ("id", id)])
        }
    }
}

fn kind(m: &Messages, k: JsonKind) -> &'static str {
    match k {
        JsonKind::Null => m.kind_null,
        JsonKind::Boolean => m.kind_boolean,
        JsonKind::Number => m.kind_number,
        JsonKind::String => m.kind_string,
        JsonKind::EmptyList => m.kind_empty_list,
        JsonKind::List => m.kind_list,
        JsonKind::Object => m.kind_object,
    }
}

pub fn url_problem(m: &Messages, p: &UrlProblem) -> String {
    let (template, value) = match p {
        UrlProblem::BadPage(v) => (m.url_bad_page, v),
        UrlProblem::BadSort(v) => (m.url_bad_sort, v),
        UrlProblem::BadYear(v) => (m.url_bad_year, v),
        UrlProblem::Unknown(Facet::Category, v) => (m.url_no_category, v),
        UrlProblem::Unknown(Facet::Tag, v) => (m.url_no_tag, v),
        UrlProblem::Unknown(Facet::Year, v) => (m.url_no_year, v),
        UrlProblem::Unknown(Facet::Language, v) => (m.url_no_language, v),
    };
    fill(template, &[("value", value)])
}

pub fn option_problem(m: &Messages, p: &OptionProblem) -> String {
    match p {
        OptionProblem::UnknownLayout(v) => fill(m.option_layout, &[("value", v)]),
        OptionProblem::BadLimit(v) => fill(m.option_limit, &[("value", v), ("max", &text(MAX_LIMIT as u64))]),
        OptionProblem::UnsafeLink(v) => fill(m.option_link, &[("value", v)]),
        OptionProblem::BadTimeout(v) => fill(m.option_timeout, &[("value", v)]),
    }
}

pub fn part_error(m: &Messages, e: &PartError) -> String {
    let what = match e.part.purpose() {
        Purpose::Search => m.part_search,
        Purpose::List => m.part_list,
        Purpose::Article => m.part_article,
    };
    fill(m.part_error, &[("what", what), ("file", &e.file), ("reason", &part_failure(m, &e.error))])
}

pub fn part_failure(m: &Messages, e: &PartFailure) -> String {
    match e {
        PartFailure::Status(404) => m.part_missing.to_string(),
        PartFailure::Status(status) => fill(m.part_status, &[("status", &text(u64::from(*status)))]),
        PartFailure::Unreachable(detail) => fill(m.part_unreachable, &[("detail", detail)]),
        PartFailure::TimedOut { limit_ms, received: None } => fill(m.part_no_answer, &[("limit", &seconds(m, *limit_ms))]),
        PartFailure::TimedOut { limit_ms, received: Some(bytes) } => {
            fill(m.part_stalled, &[("received", &data_size(m, *bytes)), ("limit", &seconds(m, *limit_ms))])
        }
        PartFailure::Format(e) => format_error(m, e),
        PartFailure::Page(e) => bundle_error(m, e),
        PartFailure::Code => m.part_code.to_string(),
    }
}

pub fn format_error(m: &Messages, e: &FormatError) -> String {
    match e {
        FormatError::Version { found } => {
            fill(m.format_version, &[("found", &text(*found)), ("version", &text(VERSION))])
        }
        FormatError::NotIndex => m.format_not_index.to_string(),
        FormatError::Damaged => m.format_damaged.to_string(),
        FormatError::OtherBuild => m.format_other_build.to_string(),
        // The detail is the format's own term, for whoever rebuilds the archive.
        FormatError::Malformed(detail) => fill(m.format_malformed, &[("detail", detail)]),
    }
}

/// A request being tried again, and why, in the short words of a file's failure.
pub fn retrying(m: &Messages, r: &Retrying) -> String {
    let reason = match &r.error {
        // The status with its name: "503 Service Unavailable".
        LoadError::Status { status, status_text, .. } => fill(m.part_status, &[("status", &status_line(*status, status_text))]),
        LoadError::Network { detail, .. } | LoadError::Body { detail, .. } => fill(m.part_unreachable, &[("detail", detail)]),
        // Never tried again (`retry`), so never met here: the whole failure's words.
        e => load_error(m, e),
    };
    fill(m.retrying, &[("attempt", &text(u64::from(r.attempt))), ("retries", &text(u64::from(r.retries))), ("reason", &reason)])
}

/// A time limit in seconds ("20 s", "1.5 s"). Plain digits: the same in
/// every language the page speaks, and no `Intl` in the core.
fn seconds(m: &Messages, ms: u32) -> String {
    let whole = ms / 1000;
    let n = match ms % 1000 {
        0 => text(u64::from(whole)),
        rest => text(u64::from(whole)) + "." + padded(u64::from(rest), 3).trim_end_matches('0'),
    };
    fill(m.seconds, &[("n", &n)])
}

/// An amount of data ("58 KB") in a language's unit words, its number
/// (given in tenths) written by `digits`.
pub fn amount_of_data(m: &Messages, bytes: usize, digits: impl FnOnce(u64) -> String) -> String {
    let size = byte_size(bytes as u64);
    let template = match size.unit {
        Unit::Bytes => m.size_bytes,
        Unit::Kilobytes => m.size_kilobytes,
        Unit::Megabytes => m.size_megabytes,
    };
    fill(template, &[("n", &digits(size.tenths))])
}

/// An amount of data in plain digits, as `seconds`.
fn data_size(m: &Messages, bytes: usize) -> String {
    amount_of_data(m, bytes, |tenths| match tenths % 10 {
        0 => text(tenths / 10),
        tenth => text(tenths / 10) + "." + &text(tenth),
    })
}

/// "503 Service Unavailable": the status and its text, the server's or the protocol's.
fn status_line(status: u16, status_text: &str) -> String {
    let reason = if status_text.is_empty() { http_reason(status) } else { status_text };
    (text(u64::from(status)) + " " + reason).trim_end().to_string()
}

/// HTTP/2 answers carry no status text; these are the ones a reader may meet.
/// Protocol names, the same in every language.
fn http_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{EN, ZH_CN};
    use crate::prebuilt::format::List;
    use crate::prebuilt::parts::Part;

    #[test]
    fn load_errors_name_the_address_and_the_failure() {
        let url = "feed.json".to_string();
        let status = LoadError::Status { url: url.clone(), status: 404, status_text: String::new(), retry_after_ms: None };
        assert_eq!(load_error(&EN, &status), "The news feed at feed.json could not be loaded: the server answered 404 Not Found.");
        assert_eq!(load_error(&ZH_CN, &status), "无法加载位于 feed.json 的新闻源：服务器返回 404 Not Found。");
        let status = LoadError::Status { url: url.clone(), status: 599, status_text: "Odd".into(), retry_after_ms: None };
        assert!(load_error(&EN, &status).contains("599 Odd"));
        let net = LoadError::Network { url: url.clone(), detail: "TypeError: Failed to fetch".into() };
        assert!(load_error(&EN, &net).contains("feed.json") && load_error(&EN, &net).contains("retry"));
        let body = LoadError::Body { url: url.clone(), detail: "stream aborted".into() };
        assert!(load_error(&ZH_CN, &body).contains("stream aborted"));
        let bundle = LoadError::Bundle { url, error: BundleError::ItemsNotAList { found: JsonKind::String } };
        assert_eq!(load_error(&EN, &bundle), "The news feed's `items` is a string, not a list of articles. (address: feed.json)");
        assert_eq!(load_error(&ZH_CN, &bundle), "新闻源的 `items` 是字符串，而不是文章列表。（地址：feed.json）");
    }

    #[test]
    fn every_reason_has_words_in_every_language() {
        let reasons = [
            item_error(&ZH_CN, &ItemError::NothingToShow { index: 12, id: Some("2023-11-04-visit".into()) }),
            item_error(&ZH_CN, &ItemError::NotAnObject { index: 3, found: JsonKind::Null }),
            url_problem(&ZH_CN, &UrlProblem::Unknown(Facet::Language, "fr".into())),
            option_problem(&ZH_CN, &OptionProblem::BadLimit("x".into())),
            part_error(&ZH_CN, &PartError { part: Part::List(List::Terms), file: "index/t.bin".into(), error: PartFailure::Status(404) }),
            format_error(&ZH_CN, &FormatError::Version { found: 3 }),
        ];
        assert_eq!(reasons[0], "第 12 个条目（`id` 2023-11-04-visit）：没有可显示的内容（没有 `title`、正文和 `url`）");
        assert_eq!(reasons[4], "搜索暂不可用：index/t.bin：服务器上缺少该文件（404）。");
        assert!(reasons[5].contains('3') && reasons[5].contains(&VERSION.to_string()));
        assert!(reasons.iter().all(|r| !r.contains('{')));
    }

    #[test]
    fn a_timeout_says_how_long_was_waited_and_what_arrived() {
        let url = "feed.json".to_string();
        let silent = LoadError::TimedOut { url: url.clone(), limit_ms: 20_000, received: None };
        assert_eq!(load_error(&EN, &silent),
            "The news feed at feed.json could not be loaded: the server did not answer within 20 s. Check the connection, then retry.");
        assert!(load_error(&ZH_CN, &silent).contains("20 秒内没有响应"));
        let stalled = LoadError::TimedOut { url, limit_ms: 1_500, received: Some(30_000) };
        assert_eq!(load_error(&EN, &stalled),
            "The news feed at feed.json stopped arriving after 29 KB: nothing more came for 1.5 s. Check the connection, then retry.");
        let part = PartFailure::TimedOut { limit_ms: 250, received: Some(100) };
        assert_eq!(part_failure(&EN, &part), "it stopped arriving after 100 bytes: nothing more came for 0.25 s");
        assert_eq!(option_problem(&EN, &OptionProblem::BadTimeout("soon".into())),
            "data-timeout “soon” is not a time from 0.1 to 600 seconds (such as 20, 20s or 500ms); using 20 s.");
    }

    #[test]
    fn a_retry_says_which_and_why() {
        let busy = LoadError::Status { url: "feed.json".into(), status: 503, status_text: String::new(), retry_after_ms: Some(1_000) };
        let r = Retrying { attempt: 1, retries: 3, error: busy };
        assert_eq!(retrying(&EN, &r), "Retrying (1 of 3): the server answered 503 Service Unavailable.");
        assert_eq!(retrying(&ZH_CN, &r), "正在重试（第 1 次，共 3 次）：服务器返回 503 Service Unavailable。");
        let reset = Retrying { attempt: 2, retries: 3, error: LoadError::Network { url: "x".into(), detail: "TypeError: Failed to fetch".into() } };
        assert_eq!(retrying(&EN, &reset), "Retrying (2 of 3): it could not be reached (TypeError: Failed to fetch).");
    }
}
