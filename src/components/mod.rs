//! Leptos components: each connects signals to the core and renders one part.

pub mod article_card;
pub mod article_list;
pub mod article_view;
pub mod compact_list;
pub mod highlighted;
pub mod nav;
pub mod news_page;
pub mod newsroom;
pub mod part_error;
pub mod skipped_items;
pub mod toolbar;
pub mod words;
