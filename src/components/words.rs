//! The interface language of this instance, for every component under it.
//!
//! Read once as a component is set up (context is there then, not in later
//! event handlers); `&'static`, so closures copy it freely.

use leptos::prelude::*;

use crate::messages::{Messages, EN};

pub fn words() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}
