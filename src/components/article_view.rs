//! One article in full, with previous / next and the way back to the list.

use std::sync::Arc;

use leptos::html::H2;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::article::Body;
use crate::catalog::Catalog;
use crate::components::article_meta::ArticleMeta;
use crate::components::html_body::HtmlBody;
use crate::components::nav::{is_plain_click, Nav};
use crate::components::words::words;
use crate::browser::intl::list;
use crate::messages::fill;
use crate::html_policy::safe_url;
use crate::html_text::paragraphs;
use crate::page_title::page_title;
use crate::thumbnail::body_starts_with;

#[component]
pub fn ArticleView(
    nav: Nav,
    catalog: Arc<Catalog>,
    id: String,
    order: Vec<usize>,
    /// The article may be on an older page still being read.
    #[prop(optional)]
    pending: bool,
) -> impl IntoView {
    let m = words();
    let list_href = nav.href(&nav.state.get_untracked().list(), None);
    let back = move |ev: leptos::ev::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            nav.back_to_list();
        }
    };
    let back_link = view! { <a class="newsroom__back" href=list_href on:click=back>{m.back_to_news}</a> };
    let Some(article) = catalog.position(&id).and_then(|pos| catalog.full_article(pos)) else {
        // Not there: shown once it is known not to be (a built page's own content stays until then).
        if !pending {
            nav.shown(None);
        }
        return Either::Left(view! {
            <div class="newsroom__article-missing" role="status">
                <p>{if pending {
                    fill(m.looking_for_article, &[("id", &id)])
                } else {
                    fill(m.no_such_article, &[("id", &id)])
                }}</p>
                {back_link}
            </div>
        });
    };
    // The same document title as the article's static page.
    nav.shown(Some(&page_title(&article.title, &catalog.bundle.title)));
    let (prev, next) = catalog.neighbours(&order, &id);
    let step = move |target: Option<usize>, class: &'static str, label: &'static str| {
        target.and_then(|i| catalog.article(i)).map(|other| {
            let href = nav.href(&nav.state.get_untracked().with_article(&other.id), other.page.as_deref());
            let go = move |ev: leptos::ev::MouseEvent| {
                if is_plain_click(&ev) {
                    ev.prevent_default();
                    nav.switch_article(&other.id, other.page.as_deref());
                }
            };
            view! {
                <a class=class href=href on:click=go>
                    <span class="newsroom__step-label">{label}</span>
                    <span class="newsroom__step-title">{other.title.clone()}</span>
                </a>
            }
        })
    };
    let pager = (step(prev, "newsroom__prev", m.previous), step(next, "newsroom__next", m.next));
    let title_ref = NodeRef::<H2>::new();
    // Move focus to the new view for keyboard and screen-reader users.
    Effect::new(move |_| {
        if let Some(h) = title_ref.get() {
            let _ = h.focus();
        }
    });
    // A body that opens with the picture shows it already.
    let image = article.image.as_deref().and_then(|u| safe_url(u, false)).filter(|u| !body_starts_with(&article.body, u)).map(|u| nav.resolve(u));
    let source = article.url.as_deref().filter(|u| u.starts_with("http")).and_then(|u| safe_url(u, true)).map(str::to_string);
    let body = match &article.body {
        Body::Text(text) => EitherOf3::A(paragraphs(text).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()),
        Body::Html(html) => EitherOf3::B(view! { <HtmlBody html=html.clone() nav=nav/> }),
        Body::Empty => EitherOf3::C(()),
    };
    let authors = (!article.authors.is_empty()).then(|| fill(m.by_authors, &[("authors", &list(m, &article.authors))]));
    Either::Right(view! {
        <article class="newsroom__article" data-id=article.id.clone() lang=article.language.clone()>
            {back_link}
            <h2 class="newsroom__article-title" tabindex="-1" node_ref=title_ref>{article.title.clone()}</h2>
            <ArticleMeta article=article.clone() class="newsroom__article"/>
            {authors.map(|a| view! { <p class="newsroom__authors">{a}</p> })}
            {image.map(|src| view! { <img class="newsroom__article-image" src=src alt=""/> })}
            <div class="newsroom__article-body">{body}</div>
            {source.map(|href| view! {
                <p class="newsroom__source"><a href=href rel="noopener noreferrer">{m.read_original}</a></p>
            })}
            <nav class="newsroom__pager" aria-label=m.more_articles>{pager}</nav>
        </article>
    })
}
