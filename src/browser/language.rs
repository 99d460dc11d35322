//! The language the page speaks in one mount element: its `data-lang`, else
//! the host page's nearest `lang`, else the browser's languages, else English.
//! `data-lang="auto"` skips the host page's `lang` (a page that is English
//! only by default, such as our own `index.html`).

use web_sys::Element;

use crate::messages::{choose_in, Messages, LANGUAGES};

pub fn interface_language(el: &Element) -> &'static Messages {
    interface_language_in(&LANGUAGES, el)
}

/// [`interface_language`] among `languages` (a subset of each's words).
pub fn interface_language_in(languages: &[&'static Messages], el: &Element) -> &'static Messages {
    let own = el.get_attribute("data-lang").map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    let auto = own.as_deref().is_some_and(|l| l.eq_ignore_ascii_case("auto"));
    let nearest = (!auto).then(|| el.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang"))).flatten();
    let browser: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    choose_in(languages, own.iter().chain(nearest.iter()).chain(browser.iter()).map(String::as_str))
}
