//! The words of the headlines entry: each language's messages with only the
//! keys a compact list shows kept (the others empty), made at compile time,
//! so its small wasm carries these texts and not the whole page's. It has
//! no bundle or archive errors to word: a feed it cannot read goes to the app.

use super::{Messages, BLANK, EN, ZH_CN};

/// `m` with the keys the headlines show, through `describe` included.
const fn headline_words(m: &Messages) -> Messages {
    Messages {
        locale: m.locale,
        loading_news: m.loading_news,
        progress_of: m.progress_of,
        progress_received: m.progress_received,
        size_bytes: m.size_bytes,
        size_kilobytes: m.size_kilobytes,
        size_megabytes: m.size_megabytes,
        seconds: m.seconds,
        retrying: m.retrying,
        load_failed: m.load_failed,
        retry: m.retry,
        undated: m.undated,
        tags: m.tags,
        net_unreachable: m.net_unreachable,
        net_status: m.net_status,
        net_body: m.net_body,
        net_no_answer: m.net_no_answer,
        net_stalled: m.net_stalled,
        part_missing: m.part_missing,
        part_status: m.part_status,
        part_unreachable: m.part_unreachable,
        part_no_answer: m.part_no_answer,
        part_stalled: m.part_stalled,
        option_layout: m.option_layout,
        option_limit: m.option_limit,
        option_link: m.option_link,
        option_timeout: m.option_timeout,
        ..BLANK
    }
}

static HEADLINE_EN: Messages = headline_words(&EN);
static HEADLINE_ZH_CN: Messages = headline_words(&ZH_CN);

/// Every language, as `LANGUAGES` orders them, in the headlines' words.
pub static HEADLINE_LANGUAGES: [&Messages; 2] = [&HEADLINE_EN, &HEADLINE_ZH_CN];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed_options::OptionProblem;
    use crate::load_error::{LoadError, Retrying};
    use crate::messages::describe::{amount_of_data, load_error, option_problem, retrying};
    use crate::messages::{choose_in, LANGUAGES};

    /// Every text a list can show is the language's own.
    #[test]
    fn a_list_says_what_the_page_says() {
        let url = || "https://example.com/feed.json".to_string();
        let errors = [
            LoadError::Network { url: url(), detail: "TypeError: Failed to fetch".into() },
            LoadError::Status { url: url(), status: 503, status_text: String::new(), retry_after_ms: None },
            LoadError::Status { url: url(), status: 404, status_text: "Not Found".into(), retry_after_ms: None },
            LoadError::Body { url: url(), detail: "reset".into() },
            LoadError::TimedOut { url: url(), limit_ms: 1_500, received: None },
            LoadError::TimedOut { url: url(), limit_ms: 20_000, received: Some(123_456) },
        ];
        let problems = [
            OptionProblem::UnknownLayout("sidebar".into()),
            OptionProblem::BadLimit("0".into()),
            OptionProblem::UnsafeLink("javascript:x".into()),
            OptionProblem::BadTimeout("soon".into()),
        ];
        for (full, ours) in LANGUAGES.iter().zip(HEADLINE_LANGUAGES) {
            assert_eq!(full.locale, ours.locale);
            for key in [ours.loading_news, ours.progress_of, ours.progress_received, ours.load_failed, ours.retry, ours.undated, ours.tags] {
                assert!(!key.is_empty(), "{}", ours.locale);
            }
            assert_eq!((ours.loading_news, ours.progress_of, ours.progress_received), (full.loading_news, full.progress_of, full.progress_received));
            assert_eq!((ours.load_failed, ours.retry, ours.undated, ours.tags), (full.load_failed, full.retry, full.undated, full.tags));
            for e in &errors {
                assert_eq!(load_error(ours, e), load_error(full, e));
                let r = Retrying { attempt: 1, retries: 3, error: e.clone() };
                assert_eq!(retrying(ours, &r), retrying(full, &r));
            }
            for p in &problems {
                assert_eq!(option_problem(ours, p), option_problem(full, p));
            }
            for bytes in [5, 58 * 1024, 3 * 1024 * 1024] {
                assert_eq!(amount_of_data(ours, bytes, |t| t.to_string()), amount_of_data(full, bytes, |t| t.to_string()));
            }
        }
        // Chosen as the page chooses.
        assert_eq!(choose_in(&HEADLINE_LANGUAGES, ["zh-Hans"]).locale, "zh-CN");
        assert_eq!(choose_in(&HEADLINE_LANGUAGES, ["fr"]).locale, "en");
    }
}
