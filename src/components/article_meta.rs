//! Date, category and tags of an article, shared by the card and the article view.

use leptos::either::Either;
use leptos::prelude::*;

use crate::article::Article;
use crate::browser::intl::format_date;
use crate::components::words::words;

#[component]
pub fn ArticleMeta(article: Article, #[prop(into)] class: String) -> impl IntoView {
    let m = words();
    // An item without a usable date says so rather than showing none.
    let date = match &article.date {
        Some(date) => Either::Left(view! { <time datetime=date.machine.clone()>{format_date(m, date)}</time> }),
        None => Either::Right(view! { <span class=format!("{class}-undated")>{m.undated}</span> }),
    };
    let category_class = format!("{class}-category");
    let tags_class = format!("{class}-tags");
    view! {
        <div class=format!("newsroom__meta {class}-meta")>
            {date}
            {article.category.map(|c| view! { <span class=category_class>{c}</span> })}
            {(!article.tags.is_empty()).then(|| view! {
                <ul class=tags_class aria-label=m.tags>
                    {article.tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}
