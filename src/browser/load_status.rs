//! What a Newsroom element shows while its feed loads, when it failed, and
//! the notes about what it could not use: one builder of each for the app
//! and the headlines entry, so one stylesheet and one set of tests serve both.

use web_sys::HtmlElement;

use crate::browser::dom::{append, element, on_click, remove, set, set_or_remove, with_text};
use crate::browser::intl::progress_words;
use crate::browser::loader::Loading;
use crate::decimal::text;
use crate::messages::describe::retrying;
use crate::messages::Messages;

/// "Loading news…" with a progress bar, kept and updated as the bytes arrive.
pub struct LoadingView {
    pub root: HtmlElement,
    progress: HtmlElement,
    detail: HtmlElement,
    again: Option<HtmlElement>,
}

impl LoadingView {
    pub fn new(m: &Messages) -> LoadingView {
        let root = element("div", "newsroom__loading");
        set(&root, "role", "status");
        append(&root, &with_text("p", "", m.loading_news));
        let progress = element("progress", "newsroom__progress");
        let detail = element("p", "newsroom__progress-detail");
        append(&root, &progress);
        append(&root, &detail);
        LoadingView { root, progress, detail, again: None }
    }

    pub fn update(&mut self, m: &Messages, loading: &Loading) {
        let Loading { progress, retrying: again } = loading;
        let (total, detail) = progress_words(m, progress);
        // Without a total, no `max` or `value`: an indeterminate bar.
        set_or_remove(&self.progress, "max", total.map(|t| text(t as u64)).as_deref());
        set_or_remove(&self.progress, "value", total.map(|_| text(progress.received as u64)).as_deref());
        self.detail.set_text_content(Some(&detail));
        match (again, &self.again) {
            (Some(r), Some(line)) => line.set_text_content(Some(&retrying(m, r))),
            (Some(r), None) => {
                let line = with_text("p", "newsroom__retrying", &retrying(m, r));
                append(&self.root, &line);
                self.again = Some(line);
            }
            (None, Some(line)) => {
                remove(line);
                self.again = None;
            }
            (None, None) => {}
        }
    }
}

/// The feed could not be loaded: why, and Retry (`retry`).
pub fn error_panel(m: &Messages, message: &str, retry: Box<dyn Fn()>) -> HtmlElement {
    alert(m, "newsroom__error", &[("newsroom__error-title", m.load_failed), ("newsroom__error-message", message)], retry)
}

/// `<div class="class" role="alert">`: a paragraph for each of `lines`
/// (class, text), then a Retry button that runs `retry`.
pub fn alert(m: &Messages, class: &str, lines: &[(&str, &str)], retry: Box<dyn Fn()>) -> HtmlElement {
    let panel = element("div", class);
    set(&panel, "role", "alert");
    for (class, line) in lines {
        append(&panel, &with_text("p", class, line));
    }
    let button = with_text("button", "newsroom__retry", m.retry);
    set(&button, "type", "button");
    // As long as the button: it goes with the page, or with the next state's view.
    on_click(&button, retry).forget();
    append(&panel, &button);
    panel
}

/// Notes about what could not be used (the element's attributes, the
/// link's parameters, the feed's parts); `None` without any.
pub fn notices(notes: &[String]) -> Option<HtmlElement> {
    if notes.is_empty() {
        return None;
    }
    let box_ = element("div", "newsroom__notice");
    set(&box_, "role", "status");
    let list = element("ul", "");
    for note in notes {
        append(&list, &with_text("li", "", note));
    }
    append(&box_, &list);
    Some(box_)
}
