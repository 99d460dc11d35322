//! Dates in the reader's language, through the browser's `Intl` (no date crate).

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::date::PublishedDate;

thread_local! {
    static FORMAT: Option<Intl::DateTimeFormat> = {
        let options = Object::new();
        let set = |k: &str, v: &str| Reflect::set(&options, &k.into(), &v.into()).is_ok();
        // UTC, because the date is the publisher's calendar day, not an instant
        // to move into the reader's time zone.
        let ok = set("year", "numeric") && set("month", "long") && set("day", "numeric") && set("timeZone", "UTC");
        ok.then(|| Intl::DateTimeFormat::new(&Array::new(), &options))
    };
}

/// "4 November 2023", "November 4, 2023" or "2023年11月4日", as the reader's browser prefers.
pub fn format_date(date: &PublishedDate) -> String {
    let ms = Date::utc(f64::from(date.year), f64::from(date.month - 1)) + f64::from(date.day - 1) * 86_400_000.0;
    let day = Date::new(&JsValue::from_f64(ms));
    FORMAT
        .with(|f| f.as_ref().and_then(|f| f.format().call1(&JsValue::NULL, &day).ok()).and_then(|s| s.as_string()))
        .unwrap_or_else(|| format!("{:04}-{:02}-{:02}", date.year, date.month, date.day))
}
