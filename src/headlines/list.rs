//! The headlines: the app's compact list (`CompactList`), the same
//! elements, classes and attributes, each headline by the builder both use.

use newsroom::article::Article;
use newsroom::browser::dom::{append, element, with_text};
use newsroom::browser::headline::headline;
use newsroom::embed_options::EmbedOptions;
use newsroom::messages::Messages;
use newsroom::newest::headlines;
use newsroom::url_state::{article_link, ViewState};
use web_sys::HtmlElement;

use crate::shared_load::Feed;

pub fn compact_list(m: &Messages, options: &EmbedOptions, feed: &Feed) -> HtmlElement {
    // A heading, not a landmark: a page may hold several of these lists.
    let list = element("div", "newsroom__compact");
    append(&list, &with_text("h2", "newsroom__compact-title", &feed.title));
    let items = element("ul", "newsroom__headlines");
    for i in headlines(&feed.articles, &feed.order, options.category.as_deref(), options.limit) {
        let article = &feed.articles[i];
        append(&items, &headline(m, article, &href(options, article)));
    }
    append(&list, &items);
    list
}

/// The article on the full news page (`data-link`), else in this page's own full instance.
fn href(options: &EmbedOptions, article: &Article) -> String {
    match &options.link {
        Some(page) => article_link(page, &article.id),
        None => on_this_page(&ViewState { page: 1, ..ViewState::default() }.with_article(&article.id)),
    }
}

/// The address of `view` on this page, as the app's `history::href_for`
/// makes it (that module is the app's: it moves the page's history): the
/// same path and fragment, the host's other query parameters kept.
fn on_this_page(view: &ViewState) -> String {
    let Some(l) = web_sys::window().map(|w| w.location()) else { return view.to_search("") };
    let path = l.pathname().unwrap_or_default();
    let hash = l.hash().unwrap_or_default();
    path + &view.to_search(&l.search().unwrap_or_default()) + &hash
}
