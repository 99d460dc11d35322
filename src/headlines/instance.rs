//! One headline list: its element's options and language, its root (that
//! of the app's compact layout: its classes, its language, the host's
//! surface followed) and the shared load's state shown in it.

use std::cell::RefCell;
use std::rc::Rc;

use newsroom::browser::language::interface_language_in;
use newsroom::browser::load_status::{error_panel, notices, LoadingView};
use newsroom::browser::surface::follow_surface;
use newsroom::embed_options::EmbedOptions;
use newsroom::messages::describe::{load_error, option_problem};
use newsroom::messages::headlines::HEADLINE_LANGUAGES;
use newsroom::messages::Messages;
use newsroom::newest::past_first_page;
use web_sys::{Element, HtmlElement};

use newsroom::browser::dom::{append, element, replace, set};
use crate::handover;
use crate::list::compact_list;
use crate::shared_load::{SharedLoad, State};

/// What the list shows below its notices now.
enum Shown {
    Nothing,
    Loading(LoadingView),
    Other(HtmlElement),
}

struct Instance {
    el: Element,
    m: &'static Messages,
    options: EmbedOptions,
    root: HtmlElement,
    shown: RefCell<Shown>,
}

pub fn mount(el: Element) {
    // Options come only from the host's markup, never from the URL.
    let (options, problems) = EmbedOptions::read(|name| el.get_attribute(name));
    let m = interface_language_in(&HEADLINE_LANGUAGES, &el);
    let root = element("div", "newsroom newsroom--compact");
    set(&root, "lang", m.locale);
    let notes: Vec<String> = problems.iter().map(|p| option_problem(m, p)).collect();
    if let Some(notices) = notices(&notes) {
        append(&root, &notices);
    }
    append(&el, &root);
    // Readable text on a light background the host chose, in either scheme.
    follow_surface(&root);
    let instance = Rc::new(Instance { el, m, options, root, shown: RefCell::new(Shown::Nothing) });
    let options = instance.options.clone();
    SharedLoad::join(&options, Rc::new(move |load, state| instance.show(load, state)));
}

impl Instance {
    /// Shows `state`; `false` once the element went to the app.
    fn show(&self, load: SharedLoad, state: &State) -> bool {
        let m = self.m;
        let mut shown = self.shown.borrow_mut();
        let next = match state {
            State::Loading(loading) => {
                if let Shown::Loading(view) = &mut *shown {
                    view.update(m, loading);
                    return true;
                }
                let mut view = LoadingView::new(m);
                view.update(m, loading);
                Shown::Loading(view)
            }
            State::Failed(error) => Shown::Other(error_panel(m, &load_error(m, error), Box::new(move || load.reload()))),
            State::Ready(feed) => {
                let options = &self.options;
                if feed.archive && past_first_page(options.category.is_some(), options.limit, feed.articles.len()) {
                    handover::to_app(&self.el, &self.root);
                    return false;
                }
                Shown::Other(compact_list(m, options, feed))
            }
            State::ForTheApp => {
                handover::to_app(&self.el, &self.root);
                return false;
            }
        };
        let node = |s: &Shown| match s {
            Shown::Nothing => None,
            Shown::Loading(view) => Some(view.root.clone()),
            Shown::Other(el) => Some(el.clone()),
        };
        match (node(&shown), node(&next)) {
            (Some(old), Some(new)) => replace(&old, &new),
            (None, Some(new)) => append(&self.root, &new),
            _ => {}
        }
        *shown = next;
        true
    }
}
