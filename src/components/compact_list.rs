//! The compact layout: the latest headlines, each opening the article on the
//! full news page (`data-link`) or in this page's own full instance.

use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;

use crate::browser::effect::{effect, on_load};
use crate::article::Article;
use crate::browser::dom::{append, element, with_text};
use crate::browser::headline::headline;
use crate::browser::history::href_for;
use crate::browser::part_loader::PartLoader;
use crate::catalog::Catalog;
use crate::browser::slots::Slots;
use crate::components::part_error::follow_part_errors;
use crate::components::words::words;
use crate::embed_options::EmbedOptions;
use crate::url_state::{article_link, Facet, Filters, Sort, ViewState};

#[component]
pub fn CompactList(
    catalog: RwSignal<Arc<Catalog>>,
    /// A pre-built archive's parts: its facet table and cards, when the headlines reach past its first page.
    #[prop(optional_no_strip)]
    parts: Option<PartLoader>,
    options: EmbedOptions,
) -> impl IntoView {
    let mut filters = Filters::default();
    filters.set(Facet::Category, options.category.clone());
    let limit = options.limit;
    // The newest headlines' positions, once the filter can be applied; one
    // listing serves both what is shown and what is fetched.
    let top = Memo::new({
        let filters = filters.clone();
        move |_| catalog.with(|c| {
            c.missing("", &filters).is_empty().then(|| c.listing("", &filters, Sort::Newest).order.into_iter().take(limit).collect::<Vec<usize>>())
        })
    });
    // The headlines, once every one of them is here (`None` until then).
    let newest = Memo::new(move |_| {
        top.with(|top| catalog.with(|c| top.as_ref()?.iter().map(|&i| c.article(i).cloned()).collect::<Option<Vec<Article>>>()))
    });
    if let Some(parts) = parts {
        effect(move || {
            let need = top.with(|top| catalog.with(|c| match top {
                Some(order) => c.missing_cards(order),
                None => c.missing("", &filters),
            }));
            parts.want(need);
        });
    }
    let title = catalog.with_untracked(|c| c.bundle.title.clone());
    let options = StoredValue::new(options);
    // Each headline built as the headlines entry builds it, again whenever the list changes.
    let m = words();
    let list = element("ul", "newsroom__headlines");
    effect({
        let list = list.clone();
        move || newest.with(|newest| {
            let Some(newest) = newest else { return };
            list.set_text_content(None);
            for article in newest {
                let href = options.with_value(|o| match &o.link {
                    Some(page) => article_link(page, &article.id),
                    None => href_for(&ViewState { page: 1, ..ViewState::default() }.with_article(&article.id)),
                });
                append(&list, &headline(m, article, &href));
            }
        })
    });
    // A heading, not a landmark: a page may hold several of these lists.
    // An alert about the archive's files goes between it and the list.
    let root = NodeRef::<Div>::new();
    let slots = Slots::at_start(root, 2);
    let heading = with_text("h2", "newsroom__compact-title", &title);
    slots.follow(0, move || Some(heading.clone()));
    follow_part_errors(slots, 1, parts);
    on_load(root, move |el| append(&el, &list));
    view! { <div class="newsroom__compact" node_ref=root></div> }
}
