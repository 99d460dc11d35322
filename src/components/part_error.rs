//! What went wrong fetching a pre-built archive's files, with Retry.

use std::cell::RefCell;

use leptos::prelude::*;
use web_sys::HtmlElement;

use crate::browser::load_status::alert;
use crate::browser::part_loader::PartLoader;
use crate::browser::slots::Slots;
use crate::components::words::words;
use crate::messages::describe::part_error;

/// Shows the first failed file of `parts` in `slot`, while there is one.
pub fn follow_part_errors(slots: Slots, slot: usize, parts: Option<PartLoader>) {
    let Some(parts) = parts else { return };
    let m = words();
    // The alert shown, kept while its message stays: another file failing
    // after it neither announces it again nor takes the focus off its Retry.
    let shown = RefCell::new(None::<(String, HtmlElement)>);
    slots.follow(slot, move || {
        let message = parts.failures.with(|f| f.first().map(|e| part_error(m, e)))?;
        let mut shown = shown.borrow_mut();
        if let Some((_, alert)) = shown.as_ref().filter(|(said, _)| *said == message) {
            return Some(alert.clone());
        }
        let new = alert(m, "newsroom__part-error", &[("", &message)], Box::new(move || parts.retry()));
        *shown = Some((message, new.clone()));
        Some(new)
    });
}
