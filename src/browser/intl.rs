//! Dates, numbers, plurals, lists and language names in the interface
//! language, through the browser's `Intl` (no locale data in the wasm).

use std::cell::RefCell;

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::loader::Progress;
use crate::date::PublishedDate;
use crate::decimal::{padded, text};
use crate::messages::describe::amount_of_data;
use crate::messages::{fill, Messages};

/// The language's formatters, made once: a count or a date on every
/// keystroke's render must not construct an `Intl` object each.
/// (The headlines entry writes dates and sizes only: it has no others.)
struct Formatters {
    locale: &'static str,
    date: Intl::DateTimeFormat,
    decimal: Intl::NumberFormat,
    #[cfg(feature = "app")]
    plural: Intl::PluralRules,
    #[cfg(feature = "app")]
    list: Intl::ListFormat,
    #[cfg(feature = "app")]
    language_names: Intl::DisplayNames,
    /// What they answered: a keystroke's render asks again what the last
    /// one asked (the cards' dates, the language filter's names, the
    /// count's plural form), and each answer from `Intl` is several calls
    /// across to JS.
    #[cfg(feature = "app")]
    dates: Answers<Day, Option<String>>,
    #[cfg(feature = "app")]
    names: Answers<String, Option<String>>,
    #[cfg(feature = "app")]
    forms: Answers<usize, bool>,
}

/// Answers to questions of one kind, the last [`REMEMBERED`] of them, in a
/// list: a scan of it is cheaper than one call to `Intl`, and a hash map
/// would be its own code in the wasm for each kind.
#[cfg(feature = "app")]
struct Answers<K, V>(Vec<(K, V)>);

#[cfg(feature = "app")]
const REMEMBERED: usize = 256;

#[cfg(feature = "app")]
impl<K: PartialEq, V: Clone> Answers<K, V> {
    /// The answer to `key`, asked of `ask` the first time only.
    fn get_or(&mut self, key: K, ask: impl FnOnce() -> V) -> V {
        if let Some((_, known)) = self.0.iter().find(|(k, _)| *k == key) {
            return known.clone();
        }
        let answer = ask();
        if self.0.len() == REMEMBERED {
            self.0.clear();
        }
        self.0.push((key, answer.clone()));
        answer
    }
}

/// A date's year, month and day.
type Day = (i32, u32, u32);

thread_local! {
    /// Those of each language asked for, made once: instances in two
    /// languages on one page do not remake them in turn.
    static FORMATTERS: RefCell<Vec<Formatters>> = const { RefCell::new(Vec::new()) };
}

impl Formatters {
    fn new(locale: &'static str) -> Self {
        let locales = Array::of1(&locale.into());
        Formatters {
            locale,
            // UTC, because the date is the publisher's calendar day, not an
            // instant to move into the reader's time zone.
            date: Intl::DateTimeFormat::new(&locales, &options(&[("year", "numeric"), ("month", "long"), ("day", "numeric"), ("timeZone", "UTC")])),
            decimal: Intl::NumberFormat::new(&locales, &options(&[("maximumFractionDigits", "1")])),
            #[cfg(feature = "app")]
            plural: Intl::PluralRules::new(&locales, &Object::new()),
            #[cfg(feature = "app")]
            list: Intl::ListFormat::new(&locales, &options(&[("type", "conjunction")])),
            #[cfg(feature = "app")]
            language_names: Intl::DisplayNames::new(&locales, &options(&[("type", "language")])),
            #[cfg(feature = "app")]
            dates: Answers(Vec::new()),
            #[cfg(feature = "app")]
            names: Answers(Vec::new()),
            #[cfg(feature = "app")]
            forms: Answers(Vec::new()),
        }
    }
}

/// Runs `f` with the formatters of `m`'s language.
fn with_formatters<R>(m: &Messages, f: impl FnOnce(&mut Formatters) -> R) -> R {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let at = match cache.iter().position(|x| x.locale == m.locale) {
            Some(at) => at,
            None => {
                cache.push(Formatters::new(m.locale));
                cache.len() - 1
            }
        };
        f(&mut cache[at])
    })
}

/// What `write` writes for `key` with `m`'s language's date format, asked of it once.
#[cfg(feature = "app")]
fn remembered(m: &Messages, key: Day, write: impl FnOnce(&Intl::DateTimeFormat) -> Option<String>) -> Option<String> {
    with_formatters(m, |f| f.dates.get_or(key, || write(&f.date)))
}

/// The headlines entry renders its lists once: it asks each time, without
/// the code to remember.
#[cfg(not(feature = "app"))]
fn remembered(m: &Messages, _: Day, write: impl FnOnce(&Intl::DateTimeFormat) -> Option<String>) -> Option<String> {
    with_formatters(m, |f| write(&f.date))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&options, &(*k).into(), &(*v).into());
    }
    options
}

/// Calls a formatter's method on one argument; what throws (a value `Intl`
/// refuses, such as a malformed language code from the feed) is `None`.
fn call(formatter: &JsValue, method: &str, arg: &JsValue) -> Option<String> {
    let f = Reflect::get(formatter, &method.into()).ok()?.dyn_into::<Function>().ok()?;
    f.call1(formatter, arg).ok()?.as_string()
}

/// "November 4, 2023" or "2023年11月4日".
pub fn format_date(m: &Messages, date: &PublishedDate) -> String {
    let key = (date.year, date.month, date.day);
    remembered(m, key, |format| {
        let ms = Date::utc(f64::from(date.year), f64::from(date.month - 1)) + f64::from(date.day - 1) * 86_400_000.0;
        call(format, "format", &Date::new(&JsValue::from_f64(ms)))
    })
    .unwrap_or_else(|| {
        // A date's year is four digits (`date.rs`).
        let year = u64::try_from(date.year).unwrap_or(0);
        padded(year, 4) + "-" + &padded(u64::from(date.month), 2) + "-" + &padded(u64::from(date.day), 2)
    })
}

/// A download's progress as its bar shows it: the total, when there is one
/// to show, and what arrived in words ("58 KB of 2.4 MB").
pub fn progress_words(m: &Messages, progress: &Progress) -> (Option<usize>, String) {
    let mb = |bytes: usize| byte_size(m, bytes);
    // A compressed transfer can report fewer bytes than arrive: then the bar has no end.
    let total = progress.total.filter(|&t| t >= progress.received && t > 0);
    let detail = match total {
        Some(t) => fill(m.progress_of, &[("received", &mb(progress.received)), ("total", &mb(t))]),
        None if progress.received > 0 => fill(m.progress_received, &[("received", &mb(progress.received))]),
        None => String::new(),
    };
    (total, detail)
}

/// An amount of data in the language's words and digits ("58 KB", "2.4 MB").
pub fn byte_size(m: &Messages, bytes: usize) -> String {
    // Intl writes the decimal (or none), in the language's way.
    amount_of_data(m, bytes, |tenths| {
        with_formatters(m, |f| call(&f.decimal, "format", &JsValue::from_f64(tenths as f64 / 10.0)))
            .unwrap_or_else(|| text(tenths / 10))
    })
}

/// "1,234": both interface languages, English and Chinese, write ASCII
/// digits grouped by threes with a comma. Written here, not asked of
/// `Intl`: the facet counts of every keystroke then need no call into the
/// browser. (A component test holds each language's to what `Intl` writes.)
#[cfg(feature = "app")]
pub fn number(n: usize) -> String {
    crate::decimal::grouped(n as u64, ',')
}

/// `one` or `other` as the language's plural rules choose for `n`, with
/// `{n}` (and the `more` placeholders) filled in.
#[cfg(feature = "app")]
pub fn plural(m: &Messages, one: &str, other: &str, n: usize, more: &[(&str, &str)]) -> String {
    let is_one = with_formatters(m, |f| f.forms.get_or(n, || call(&f.plural, "select", &JsValue::from_f64(n as f64)).as_deref() == Some("one")));
    let template = if is_one { one } else { other };
    let n = number(n);
    let mut values = vec![("n", n.as_str())];
    values.extend_from_slice(more);
    fill(template, &values)
}

/// "A, B and C" or "A、B和C".
#[cfg(feature = "app")]
pub fn list(m: &Messages, items: &[String]) -> String {
    let array: Array = items.iter().map(|s| JsValue::from_str(s)).collect();
    with_formatters(m, |f| call(&f.list, "format", &array)).unwrap_or_else(|| items.join(", "))
}

/// A language code's name ("zh" → "Chinese" or "中文"); the code itself when
/// the browser does not know it.
#[cfg(feature = "app")]
pub fn language_name(m: &Messages, code: &str) -> String {
    with_formatters(m, |f| f.names.get_or(code.to_string(), || call(&f.language_names, "of", &code.into()))).unwrap_or_else(|| code.to_string())
}
