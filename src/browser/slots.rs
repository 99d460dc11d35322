//! Parts of a view that change rarely (notices, alerts, the load's state),
//! built by DOM calls and kept in a fixed order among the nodes leptos owns:
//! as leptos views, each cost more code than its few DOM calls.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

use crate::browser::effect::{effect, on_load};
use crate::browser::dom::remove;

/// Where the first slot goes.
#[derive(Clone)]
enum Anchor {
    After(Element),
    Start(Element),
}

/// Slots in a fixed order, each holding one element or none.
#[derive(Clone, Copy)]
pub struct Slots {
    /// Set once the anchor's element is mounted.
    anchor: RwSignal<Option<Anchor>, LocalStorage>,
    shown: StoredValue<Vec<Option<HtmlElement>>, LocalStorage>,
}

impl Slots {
    /// `n` slots right after `anchor`'s element.
    pub fn after<E>(anchor: NodeRef<E>, n: usize) -> Slots
    where
        E: ElementType + 'static,
        E::Output: JsCast + Clone + 'static,
    {
        Slots::new(anchor, n, Anchor::After)
    }

    /// `n` slots at the start of `parent`'s element, before what leptos puts in it.
    pub fn at_start<E>(parent: NodeRef<E>, n: usize) -> Slots
    where
        E: ElementType + 'static,
        E::Output: JsCast + Clone + 'static,
    {
        Slots::new(parent, n, Anchor::Start)
    }

    fn new<E>(node: NodeRef<E>, n: usize, anchor: fn(Element) -> Anchor) -> Slots
    where
        E: ElementType + 'static,
        E::Output: JsCast + Clone + 'static,
    {
        let slots = Slots { anchor: RwSignal::new_local(None), shown: StoredValue::new_local(vec![None; n]) };
        on_load(node, move |el| slots.anchor.set(Some(anchor(el.unchecked_into()))));
        // Leptos removes what it mounted, not these.
        on_cleanup(move || {
            for i in 0..n {
                slots.show(i, None);
            }
        });
        slots
    }

    /// Shows in slot `i` what `view` builds, again whenever what it reads changes.
    pub fn follow(self, i: usize, view: impl Fn() -> Option<HtmlElement> + 'static) {
        effect(move || {
            let el = view();
            if self.anchor.with(Option::is_some) {
                self.show(i, el);
            }
        });
    }

    /// Shows `el` in slot `i` now, in place of what it held (once the anchor is mounted).
    pub fn show(self, i: usize, el: Option<HtmlElement>) {
        let Some(anchor) = self.anchor.get_untracked() else { return };
        self.shown.update_value(|shown| {
            // Already there: left in place (moved, it would lose the focus).
            if shown.get(i) == Some(&el) {
                return;
            }
            if let Some(old) = shown.get_mut(i).and_then(Option::take) {
                remove(&old);
            }
            let Some(new) = el else { return };
            // After the nearest slot before it that holds something, else at the anchor.
            let (parent, next): (Option<Node>, Option<Node>) = match (shown.iter().take(i).rev().flatten().next(), &anchor) {
                (Some(before), _) => (before.parent_node(), before.next_sibling()),
                (None, Anchor::After(a)) => (a.parent_node(), a.next_sibling()),
                (None, Anchor::Start(p)) => (Some(p.clone().into()), p.first_child()),
            };
            if let Some(parent) = parent {
                let _ = parent.insert_before(&new, next.as_ref());
            }
            if let Some(slot) = shown.get_mut(i) {
                *slot = Some(new);
            }
        });
    }
}
