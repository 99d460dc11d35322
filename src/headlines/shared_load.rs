//! One load per feed address on the page, as the app shares one
//! (`browser::feed_load`): the lists that name the same feed share its
//! request and its reading, each shows the state in its own language, and a
//! Retry in any of them loads the feed again for all.

use std::cell::RefCell;
use std::rc::Rc;

use newsroom::article::Article;
use newsroom::browser::loader::{page_url, Loading};
use newsroom::embed_options::EmbedOptions;
use newsroom::headline_reader::HeadlineFeed;
use newsroom::load_error::LoadError;
use newsroom::newest::DateOrder;
use newsroom::time_limits::Limits;

use crate::read::read;

/// What the lists need of a feed (its first page, for a pre-built archive).
pub struct Feed {
    pub title: String,
    pub articles: Vec<Article>,
    pub order: DateOrder,
    /// A pre-built archive (`_newsroom.index`): it has more articles than these.
    pub archive: bool,
}

impl Feed {
    fn of(feed: HeadlineFeed) -> Feed {
        Feed { order: DateOrder::of(&feed.articles), title: feed.title, articles: feed.articles, archive: feed.archive }
    }
}

pub enum State {
    Loading(Loading),
    Failed(LoadError),
    Ready(Rc<Feed>),
    /// A feed only the page's own reader reads as the page would (or says
    /// why it cannot): every list on it goes to the app.
    ForTheApp,
}

/// A list showing a load's state; it returns `false` once it no longer
/// follows the load (it went to the app).
pub type View = Rc<dyn Fn(SharedLoad, &State) -> bool>;

struct Shared {
    url: String,
    /// The most patient of its lists' limits.
    limits: Limits,
    /// Shared, not copied, with the lists that show it.
    state: Rc<State>,
    views: Vec<View>,
}

thread_local! {
    static LOADS: RefCell<Vec<Shared>> = const { RefCell::new(Vec::new()) };
}

/// A handle on one shared load (its place in the page's list of loads).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedLoad(usize);

impl SharedLoad {
    /// Shows the load of `options.src` in `view`: joined if another list
    /// started it, started if not. Two spellings of one address are one load.
    pub fn join(options: &EmbedOptions, view: View) {
        let url = page_url(&options.src).unwrap_or_else(|| options.src.clone());
        let (load, fresh) = LOADS.with_borrow_mut(|loads| match loads.iter().position(|l| l.url == url) {
            Some(at) => {
                let shared = &mut loads[at];
                shared.limits = shared.limits.longest(options.limits);
                shared.views.push(view.clone());
                (SharedLoad(at), false)
            }
            None => {
                let state = Rc::new(State::Loading(Loading::default()));
                loads.push(Shared { url, limits: options.limits, state, views: vec![view.clone()] });
                (SharedLoad(loads.len() - 1), true)
            }
        });
        if fresh {
            load.start();
        } else if !view(load, &load.with(|s| s.state.clone())) {
            load.with(|s| s.views.retain(|v| !Rc::ptr_eq(v, &view)));
        }
    }

    fn with<T>(self, f: impl FnOnce(&mut Shared) -> T) -> T {
        LOADS.with_borrow_mut(|loads| f(&mut loads[self.0]))
    }

    /// Loads again after a failure (a Retry in any of its lists).
    pub fn reload(self) {
        if self.with(|s| matches!(*s.state, State::Failed(_))) {
            self.start();
        }
    }

    fn start(self) {
        self.set(State::Loading(Loading::default()));
        wasm_bindgen_futures::spawn_local(async move {
            // Read now: every list on the page has joined by the time the request goes out.
            let (url, limits) = self.with(|s| (s.url.clone(), s.limits));
            let read = read(&url, limits, &|loading| self.set(State::Loading(loading))).await;
            self.set(match read {
                Ok(Some(feed)) => State::Ready(Rc::new(Feed::of(feed))),
                Ok(None) => State::ForTheApp,
                Err(e) => State::Failed(e),
            });
        });
    }

    /// Keeps `state` and shows it in every list (outside the borrow: a view may reload).
    fn set(self, state: State) {
        let state = Rc::new(state);
        let views = self.with(|s| {
            s.state = state.clone();
            s.views.clone()
        });
        let gone: Vec<View> = views.into_iter().filter(|v| !v(self, &state)).collect();
        if !gone.is_empty() {
            self.with(|s| s.views.retain(|v| !gone.iter().any(|g| Rc::ptr_eq(g, v))));
        }
    }
}
