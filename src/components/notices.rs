//! Notes about parts of the link that could not be honoured.

use leptos::prelude::*;

#[component]
pub fn Notices(#[prop(into)] notices: Signal<Vec<String>>) -> impl IntoView {
    move || {
        let list = notices.get();
        (!list.is_empty()).then(|| view! {
            <div class="newsroom__notice" role="status">
                <ul>{list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        })
    }
}
