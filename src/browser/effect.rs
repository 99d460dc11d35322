//! Every effect of the app through one instance of leptos's `Effect`.
//!
//! `Effect::new` is generic over its function, and each instance compiles
//! the task that runs it (about 2 KB of wasm) around its body. Boxed, every
//! function is one type: the task is compiled once.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `f` now (in the next microtask) and again whenever a signal it read changes.
pub fn effect(f: impl FnMut() + 'static) {
    boxed(Box::new(f));
}

// Not inlined: the effect's set-up is as long as its task, and would be
// copied into every caller.
#[inline(never)]
fn boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// Runs `f` once, with the element, when `node` is mounted (as `NodeRef::on_load`).
pub fn on_load<E>(node: NodeRef<E>, f: impl FnOnce(E::Output) + 'static)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let mut f = Some(f);
    effect(move || {
        if let Some(el) = node.get() {
            if let Some(f) = f.take() {
                untrack(move || f(el));
            }
        }
    });
}
