//! An article body from `content_html`, put in the page only by the sanitizer.

use leptos::html::Div;
use leptos::prelude::*;

use crate::browser::sanitizer::sanitize;
use crate::components::nav::Nav;

#[component]
pub fn HtmlBody(html: String, nav: Nav) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(div) = node.get() {
            div.replace_children_with_node_1(&sanitize(&html, &document(), &|url: &str| nav.resolve(url)));
        }
    });
    view! { <div class="newsroom__html" node_ref=node></div> }
}
