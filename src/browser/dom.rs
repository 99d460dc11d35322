//! The few DOM calls the markup built without leptos is made with (the
//! headlines entry, the app's cards). Each distinct call is more glue in
//! the wasm and the script, so every such view uses these.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{Element, HtmlElement, Node};

thread_local! {
    /// The page's document, asked for once: a key's render makes a hundred
    /// elements, and each question is a call across to JS.
    static DOCUMENT: web_sys::Document = web_sys::window().and_then(|w| w.document()).unwrap_throw();
}

/// `<tag class="class">`; no class when `class` is empty.
pub fn element(tag: &str, class: &str) -> HtmlElement {
    // Only called on a page (there is a document), with valid tag names.
    let el = DOCUMENT.with(|d| d.create_element(tag)).unwrap_throw();
    if !class.is_empty() {
        el.set_class_name(class);
    }
    el.unchecked_into()
}

/// An empty document fragment, to build content aside.
pub fn fragment() -> web_sys::DocumentFragment {
    DOCUMENT.with(|d| d.create_document_fragment())
}

/// `<tag class="class">text</tag>`.
pub fn with_text(tag: &str, class: &str, text: &str) -> HtmlElement {
    let el = element(tag, class);
    el.set_text_content(Some(text));
    el
}

/// A text node of `text`, put last in `parent`: text that changes often
/// (a count) is changed in place through it, by [`set_text`].
pub fn text_in(parent: &Node, text: &str) -> Node {
    let node: Node = DOCUMENT.with(|d| d.create_text_node(text)).into();
    append(parent, &node);
    node
}

/// Changes a text node's text in place. Setting an element's `textContent`
/// instead makes a node and drops one, for the page's mutation observers to
/// be told of and its garbage collector to find: on a keystroke, once for
/// each of the filters' forty-odd counts.
pub fn set_text(node: &Node, text: &str) {
    node.set_node_value(Some(text));
}

pub fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// Sets the attribute to `value`, or removes it for `None`.
pub fn set_or_remove(el: &Element, name: &str, value: Option<&str>) {
    match value {
        Some(v) => set(el, name, v),
        None => {
            let _ = el.remove_attribute(name);
        }
    }
}

pub fn append(parent: &Node, child: &Node) {
    let _ = parent.append_child(child);
}

/// Puts `new` where `old` is.
pub fn replace(old: &Node, new: &Node) {
    if let Some(parent) = old.parent_node() {
        let _ = parent.replace_child(new, old);
    }
}

/// Takes `node` out of its parent, if it has one (one call: `ChildNode.remove`,
/// which elements and text have alike).
pub fn remove(node: &Node) {
    node.unchecked_ref::<Element>().remove();
}

/// Runs `f` on each click on `el`, for as long as the returned closure is kept.
pub fn on_click(el: &Element, f: Box<dyn Fn()>) -> Closure<dyn Fn()> {
    let click = Closure::wrap(f);
    let _ = el.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    click
}
