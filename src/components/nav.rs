//! The current view and the ways to change it, shared by the page's components.
//!
//! An instance that owns the URL writes every change to it and follows back /
//! forward; any other instance keeps its view in memory only. On a page of a
//! built site (`data-site`), an open article's address is its own page and
//! the list's is the site's root.

use leptos::ev::MouseEvent;
use leptos::html::Div;
use leptos::prelude::*;

use crate::browser::history::{self, Entry};
use crate::browser::takeover;
use crate::browser::loader::absolute_url;
use crate::site_address::address;
use crate::url_state::ViewState;

/// The addresses of views: on a built site, from its root; else on this
/// page, its own address read once.
pub enum Hrefs {
    Site(&'static str),
    Page(history::Here),
}

impl Hrefs {
    /// The address of `state`; `page` is its open article's static page, if any.
    pub fn href(&self, state: &ViewState, page: Option<&str>) -> String {
        match self {
            Hrefs::Site(root) => address(root, state, page),
            Hrefs::Page(here) => here.href_for(state),
        }
    }
}

/// How long typing pauses before the search box's URL is written: each
/// write costs the browser a millisecond or two, which during typing would
/// fall on a keystroke, so a run of keys shares one, written after its last.
const WRITE_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

thread_local! {
    /// The search box changed the view since the URL was last written: the
    /// timer that writes it (a page has one URL, and one instance that owns it).
    static UNWRITTEN: std::cell::Cell<Option<TimeoutHandle>> = const { std::cell::Cell::new(None) };
}

/// Stops the search box's pending URL write; whether there was one.
fn cancel_write() -> bool {
    UNWRITTEN.take().map(|timer| timer.clear()).is_some()
}

#[derive(Clone, Copy)]
pub struct Nav {
    pub state: RwSignal<ViewState>,
    /// Messages about the URL that could not be honoured; cleared on the next change.
    pub notices: RwSignal<Vec<String>>,
    /// A run of keystrokes in the search box is one history entry, not one per key.
    typing: RwSignal<bool>,
    /// Whether this instance keeps its view in the page URL.
    owns_url: bool,
    /// The article just left for the list: its headline gets the focus back.
    pub return_to: RwSignal<Option<String>>,
    /// The instance's root element, to bring into view when an article opens.
    root: NodeRef<Div>,
    /// A built site's root, absolute (see [`crate::site_address`]).
    site: Option<&'static str>,
}

impl Nav {
    pub fn new(state: ViewState, notices: Vec<String>) -> Self {
        Nav::for_instance(state, notices, true, NodeRef::new(), None)
    }

    pub fn for_instance(state: ViewState, notices: Vec<String>, owns_url: bool, root: NodeRef<Div>, site: Option<String>) -> Self {
        Nav {
            // Kept for the page's life, as the instance is: `Nav` is copied into every handler.
            site: site.map(|s| &*s.leak()),
            state: RwSignal::new(state),
            notices: RwSignal::new(notices),
            typing: RwSignal::new(false),
            owns_url,
            return_to: RwSignal::new(None),
            root,
        }
    }

    fn set(&self, next: ViewState) {
        self.notices.set(Vec::new());
        self.leave_article(&next);
        self.state.set(next);
    }

    /// Going from an article to the list: remember which, to focus its headline.
    fn leave_article(&self, next: &ViewState) {
        if next.article.is_none() {
            if let Some(id) = self.state.with_untracked(|s| s.article.clone()) {
                self.return_to.set(Some(id));
            }
        }
    }

    /// Whether this instance keeps its view in the page URL (and so answers page-wide keys).
    pub fn owns_url(&self) -> bool {
        self.owns_url
    }

    fn write(&self, next: &ViewState, entry: Entry) {
        if self.owns_url {
            self.flush();
            history::show(&self.href(next, None), entry);
        }
    }

    /// Writes what the search box changed, before anything else is written
    /// (its entry comes first).
    fn flush(&self) {
        // (From a timer, the instance may be gone.)
        if cancel_write() {
            if let Some(url) = self.state.try_with_untracked(|state| self.href(state, None)) {
                history::show(&url, Entry::Replace);
            }
        }
    }

    /// A new list view (filter, sort, clear): a new history entry.
    pub fn go(&self, next: ViewState) {
        self.typing.set(false);
        self.write(&next, Entry::Push);
        self.set(next);
    }

    /// The search box changed: the first key of a run pushes (at once, so
    /// that Back returns to the view before it), the rest amend it once
    /// typing pauses; emptying the box (Escape, say) is done, not typing:
    /// it amends it at once.
    pub fn search(&self, query: String) {
        let next = ViewState { query, page: 1, article: None, ..self.state.get_untracked() };
        if !self.typing.get_untracked() || next.query.is_empty() {
            cancel_write();
            self.write(&next, if self.typing.get_untracked() { Entry::Replace } else { Entry::Push });
        } else if self.owns_url {
            let nav = *self;
            cancel_write();
            match set_timeout_with_handle(move || nav.flush(), WRITE_AFTER) {
                Ok(timer) => UNWRITTEN.set(Some(timer)),
                Err(_) => self.write(&next, Entry::Replace),
            }
        }
        self.typing.set(true);
        self.set(next);
    }

    /// More results on the same list: the same view, so the entry is amended.
    pub fn more(&self) {
        let mut next = self.state.get_untracked();
        next.page += 1;
        self.write(&next, Entry::Replace);
        self.set(next);
    }

    /// Opens article `id`, whose static page is `page` (if it has one).
    pub fn open_article(&self, id: &str, page: Option<&str>) {
        self.typing.set(false);
        let next = self.state.get_untracked().with_article(id);
        if self.owns_url {
            self.flush();
            history::open_from_list(&self.href(&next, page));
        }
        self.set(next);
        self.reveal();
    }

    /// Previous / next: swaps the article in place, so "back" still means the list.
    pub fn switch_article(&self, id: &str, page: Option<&str>) {
        let next = self.state.get_untracked().with_article(id);
        if self.owns_url {
            history::replace_article(&self.href(&next, page));
        }
        self.set(next);
        self.reveal();
    }

    /// Back to the list with its filters; by going back when we came from it,
    /// so its scroll position returns too.
    pub fn back_to_list(&self) {
        if self.owns_url && history::came_from_list() {
            history::back();
        } else {
            let next = self.state.get_untracked().list();
            self.write(&next, Entry::Push);
            self.set(next);
        }
    }

    /// A view restored by the browser (back / forward), with the entry's scroll.
    pub fn restore(&self, state: ViewState, notices: Vec<String>, scroll: Option<f64>) {
        self.typing.set(false);
        // The browser moved to another entry: this one's view is no longer shown.
        cancel_write();
        self.notices.set(notices);
        self.leave_article(&state);
        self.state.set(state);
        if let Some(y) = scroll {
            history::scroll_after_render(y);
        }
    }

    /// The address of `state`; `page` is its open article's static page, if any.
    pub fn href(&self, state: &ViewState, page: Option<&str>) -> String {
        self.hrefs().href(state, page)
    }

    /// What [`Nav::href`] answers, for several views at once.
    pub fn hrefs(&self) -> Hrefs {
        match self.site {
            Some(root) => Hrefs::Site(root),
            None => Hrefs::Page(history::Here::now()),
        }
    }

    /// A view is shown, titled `title` (`None`: as the page is). On a built
    /// site's page, the app takes the static content's place (once: then it
    /// has none); the document's title follows, if this instance owns the URL.
    pub fn shown(&self, title: Option<&str>) {
        if let Some(el) = self.root.get_untracked().filter(|_| self.site.is_some()) {
            takeover::finish(el.into());
        }
        if let Some(title) = title.filter(|_| self.owns_url) {
            history::set_title(title);
        }
    }

    /// An address the feed names (a picture, a link in a body), as this page
    /// must ask for it: on a built site, the reader moves between the site's
    /// folders while the feed stays at its root, so a relative address is
    /// resolved against the root; elsewhere, as the page resolves it.
    pub fn resolve(&self, url: &str) -> String {
        // A fragment points into the article itself, wherever it is shown.
        self.site.filter(|_| !url.starts_with('#')).and_then(|root| absolute_url(url, root)).unwrap_or_else(|| url.to_string())
    }

    /// Whether this instance is on a page of a built site.
    pub fn on_site(&self) -> bool {
        self.site.is_some()
    }

    /// Once rendered, scrolls up to the instance's top if it is above the
    /// viewport; the host page's own layout around us stays as it is.
    fn reveal(&self) {
        let root = self.root;
        request_animation_frame(move || {
            if let Some(el) = root.get_untracked() {
                let top = el.get_bounding_client_rect().top();
                if top < 0.0 {
                    window().scroll_by_with_x_and_y(0.0, top);
                }
            }
        });
    }
}

/// A plain left click without modifier keys: ours to handle. Anything else
/// (new tab, new window, download) is left to the browser and the real href.
pub fn is_plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}
