//! An article body from `content_html`, put in the page only by the sanitizer.

use leptos::html::Div;
use leptos::prelude::*;

use crate::browser::sanitizer::sanitize;

#[component]
pub fn HtmlBody(html: String) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(div) = node.get() {
            div.replace_children_with_node_1(&sanitize(&html, &document()));
        }
    });
    view! { <div class="newsroom__html" node_ref=node></div> }
}
