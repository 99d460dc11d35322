//! The loaded page: header, URL-driven view state, and the list or an article.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use crate::browser::dom::{append, with_text};
use crate::browser::effect::{effect, on_load};
use crate::browser::history::{self, current_address, current_search, saved_scroll};
use crate::browser::loader::page_url;
use crate::site_address::{folder, is_page, place, Place};
use crate::catalog::Catalog;
use crate::components::article_list::ArticleList;
use crate::components::article_view::ArticleView;
use crate::components::nav::Nav;
use crate::components::skipped_items::{recovered_ids, skipped_items};
use crate::components::toolbar::Toolbar;
use crate::components::words::words;
use crate::messages::describe::url_problem;
use crate::messages::Messages;
use crate::components::part_error::follow_part_errors;
use crate::browser::load_status;
use crate::browser::slots::Slots;
use crate::browser::part_loader::PartLoader;
use crate::catalog::Listing;
use crate::embed_options::EmbedOptions;
use crate::url_state::{Facet, Filters, ViewState};
use crate::virtual_list::Memory;

/// How long typing must pause before a search fetches its shards.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(120);

/// The view of a query (or, without `nr-*` parameters, of the page's
/// `data-view`), checked against the bundle, with what could not be used.
fn read_view(m: &Messages, catalog: &Catalog, search: &str, view: Option<&str>) -> (ViewState, Vec<String>) {
    let (state, mut problems) = ViewState::from_page(search, view);
    let (state, unknown) = catalog.check(state);
    problems.extend(unknown);
    (state, problems.iter().map(|p| url_problem(m, p)).collect())
}

/// The view at the page's address after back or forward: the query's (or
/// the page's own `data-view`, at the address the page started on); on a
/// built site, elsewhere than there, the root's query or an article's own
/// page. `None`: a page of the site not shown in place (not read yet, or
/// not an article's), to be loaded for real.
fn view_at(m: &Messages, catalog: &Catalog, nav: Nav, site: Option<&str>, start: &str, view: Option<&str>) -> Option<(ViewState, Vec<String>)> {
    let (here, search) = (current_address(), current_search());
    match site.filter(|_| here != start) {
        None => Some(read_view(m, catalog, &search, view)),
        Some(root) => match place(root, &here) {
            Place::List => Some(read_view(m, catalog, &search, None)),
            Place::Page(path) => {
                let article = catalog.find(&|a| a.page.as_deref().is_some_and(|p| is_page(p, &path)))?;
                Some((nav.state.get_untracked().list().with_article(&article.id), Vec::new()))
            }
            Place::Outside => None,
        },
    }
}

/// The slots after the header, in their order.
const NOTICES: usize = 0;
const PART_ERROR: usize = 1;
const SKIPPED: usize = 2;
const RECOVERED: usize = 3;

#[component]
pub fn NewsPage(
    /// What is shown; a paged feed's later pages replace it once read.
    catalog: RwSignal<Arc<Catalog>>,
    /// Percent of the search index built, `None` when search is ready.
    #[prop(optional)]
    indexing: Option<RwSignal<Option<u8>>>,
    /// Articles read so far while a paged feed's later pages arrive.
    #[prop(optional)]
    paging: Option<RwSignal<Option<usize>>>,
    /// A pre-built archive's parts, fetched as views need them.
    #[prop(optional_no_strip)]
    parts: Option<PartLoader>,
    #[prop(optional)] options: Option<EmbedOptions>,
    #[prop(default = true)] owns_url: bool,
    #[prop(optional)] root: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let m = words();
    let indexing = indexing.unwrap_or_else(|| RwSignal::new(None));
    let paging = paging.unwrap_or_else(|| RwSignal::new(None));
    let options = options.unwrap_or_else(|| EmbedOptions::read(|_| None).0);
    // A built site's root: the folder of `data-site` resolved as a link is.
    let site = options.site.as_deref().and_then(page_url).map(|root| folder(&root).to_string());
    // The page's own view, in its query or its `data-view` (another instance has no URL of its own).
    let search = if owns_url { current_search() } else { String::new() };
    let (state, notices) = read_view(m, &catalog.get_untracked(), &search, options.view.as_deref());
    let started_on_article = state.article.is_some();
    let nav = Nav::for_instance(state, notices, owns_url, root, site.clone());
    if owns_url {
        let start = current_address();
        let view = options.view.clone();
        let listener = window_event_listener(leptos::ev::popstate, {
            move |ev| match view_at(m, &catalog.get_untracked(), nav, site.as_deref(), &start, view.as_deref()) {
                Some((state, notices)) => nav.restore(state, notices, saved_scroll(&ev.state())),
                None => history::reload(),
            }
        });
        on_cleanup(move || listener.remove());
    }
    // `data-category` fixes the category: the reader cannot change it.
    let fixed_category = options.category.clone();
    let page_size = options.limit;

    let list_key = Memo::new(move |_| nav.state.with(|s| (s.query.clone(), s.filters.clone(), s.effective_sort())));
    // Changes once, when the index arrives; not with every percent of progress.
    let searchable = Memo::new(move |_| indexing.with(Option::is_none));
    let filters_of = {
        let fixed_category = fixed_category.clone();
        move |filters: &Filters| match &fixed_category {
            Some(c) => filters.clone().with(Facet::Category, c),
            None => filters.clone(),
        }
    };
    let listing = Memo::new({
        let filters_of = filters_of.clone();
        move |previous: Option<&Listing>| {
            // Recomputed once the index arrives, so a query typed meanwhile
            // applies. (Read, not tracked: a memo never read is never computed.)
            searchable.get();
            catalog.with(|catalog| list_key.with(|(query, filters, sort)| {
                let filters = filters_of(filters);
                // From an archive, a view waiting for files keeps showing the last one.
                if !catalog.missing(query, &filters).is_empty() {
                    let last = previous.cloned().unwrap_or_default();
                    return Listing { waiting: true, ..last };
                }
                catalog.listing(query, &filters, *sort)
            }))
        }
    });
    if let Some(parts) = parts {
        // A search fetches once typing pauses: each keystroke's prefix ("c",
        // "ch", …) would otherwise fetch shards of its own. Once it has paused
        // for a query, what that query needs next (a list's shards) is fetched
        // at once.
        let typed = StoredValue::new(0u64);
        let settled = StoredValue::new(String::new());
        effect(move || {
            let (need, query) = catalog.with(|c| {
                list_key.with(|(query, filters, _)| (c.wanted(query, &filters_of(filters)), query.trim().to_string()))
            });
            // A later view cancels the wait of an earlier one.
            typed.update_value(|n| *n += 1);
            if need.is_empty() || query.is_empty() || settled.with_value(|s| *s == query) {
                return parts.want(need);
            }
            let this = typed.get_value();
            set_timeout(
                move || {
                    if typed.get_value() == this {
                        settled.set_value(query);
                        parts.want(need);
                    }
                },
                TYPING_PAUSE,
            );
        });
    }
    // The open article, and whether the catalog has it: a catalog that grows
    // rebuilds the article view only when it brings the missing article.
    // The open article's neighbours, for "Previous" and "Next": worked out
    // once (outside the results it takes a listing of everything), not by
    // each thing that needs them.
    let neighbours = Memo::new(move |_| {
        let id = nav.state.with(|s| s.article.clone())?;
        Some(catalog.with(|c| listing.with_untracked(|l| c.neighbours(&l.order, &id))))
    });
    let open = Memo::new(move |_| nav.state.with(|s| s.article.clone()).map(|id| {
        let (found, known) = catalog.with(|c| {
            let pos = c.position(&id);
            let found = pos.is_some_and(|i| c.full_article(i).is_some());
            let (prev, next) = neighbours.get().unwrap_or_default();
            let titled = [prev, next].into_iter().flatten().all(|i| c.article(i).is_some());
            // Known to exist (its page is on its way, or failed: the alert says so), or not yet known not to.
            (found && titled, pos.is_some() || !c.is_settled(&id))
        });
        // Not found yet while older pages arrive is not "not there".
        let pending = !found && (paging.with(Option::is_some) || known || parts.is_some_and(|p| p.busy.get() > 0));
        (id, found, pending)
    }));
    if let Some(parts) = parts {
        effect(move || {
            let Some(id) = nav.state.with(|s| s.article.clone()) else { return };
            let need = catalog.with(|c| {
                let mut need = c.missing_for_article(&id);
                let (prev, next) = neighbours.get().unwrap_or_default();
                need.extend(c.missing_cards(&[prev, next].into_iter().flatten().collect::<Vec<_>>()));
                need
            });
            parts.want(need);
        });
    }
    let first = catalog.get_untracked();
    // The document's title on the list: the host page's own, or the feed's
    // on a built site's article page (whose own title named the article).
    let list_title = (nav.on_site() && started_on_article).then(|| first.bundle.title.clone()).unwrap_or_else(history::title);
    // Kept here, not in the list, so a list restored by "back" has its
    // heights right away and the saved scroll position lands on the same card.
    let memory = StoredValue::new(Memory::default());
    let bundle = &first.bundle;
    let total = Signal::derive(move || catalog.with(|c| c.len()));
    let busy = Signal::derive(move || parts.is_some_and(|p| p.busy.get() > 0));
    // After the header, by DOM calls: the link's notices, a failed file of
    // the archive, what the page made of imperfect items.
    let header = NodeRef::<leptos::html::Header>::new();
    let (title, description) = (bundle.title.clone(), bundle.description.clone());
    on_load(header, move |el| {
        append(&el, &with_text("h1", "", &title));
        if let Some(description) = description {
            append(&el, &with_text("p", "newsroom__description", &description));
        }
    });
    let slots = Slots::after(header, 4);
    slots.follow(NOTICES, move || nav.notices.with(|n| load_status::notices(n)));
    follow_part_errors(slots, PART_ERROR, parts);
    let imperfect = Memo::new(move |_| catalog.with(|c| (c.bundle.skipped.clone(), c.bundle.recovered_ids)));
    slots.follow(SKIPPED, move || imperfect.with(|(skipped, _)| skipped_items(m, skipped)));
    slots.follow(RECOVERED, move || imperfect.with(|&(_, n)| recovered_ids(m, n)));
    view! {
        <header class="newsroom__header" lang=bundle.language.clone() node_ref=header></header>
        {move || match open.get() {
            Some((id, _, pending)) => {
                let order = listing.with_untracked(|l| l.order.clone());
                Either::Left(view! { <ArticleView nav=nav catalog=catalog.get_untracked() id=id order=order pending=pending/> })
            }
            None => Either::Right({
                nav.shown(Some(&list_title));
                view! {
                <Toolbar nav=nav listing=listing total=total indexing=indexing paging=paging busy=busy fixed_category=fixed_category.clone()/>
                <ArticleList nav=nav catalog=catalog listing=listing memory=memory page_size=page_size parts=parts/>
                }
            }),
        }}
    }
}
