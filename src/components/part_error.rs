//! What went wrong fetching a pre-built archive's files, with Retry.

use leptos::prelude::*;

use crate::browser::load_status::alert;
use crate::browser::part_loader::PartLoader;
use crate::browser::slots::Slots;
use crate::components::words::words;
use crate::messages::describe::part_error;

/// Shows the first failed file of `parts` in `slot`, while there is one.
pub fn follow_part_errors(slots: Slots, slot: usize, parts: Option<PartLoader>) {
    let Some(parts) = parts else { return };
    let m = words();
    slots.follow(slot, move || {
        let message = parts.failures.with(|f| f.first().map(|e| part_error(m, e)))?;
        Some(alert(m, "newsroom__part-error", &[("", &message)], Box::new(move || parts.retry())))
    });
}
