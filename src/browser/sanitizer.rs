//! The only way bundle HTML reaches the page: the browser parses it into an
//! inert document (nothing runs or loads there), and we copy across only what
//! `html_policy` allows, element by element, as new nodes of our document.

use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, DomParser, Element, Node, SupportedType};

use crate::html_policy::{added_attributes, attribute_allowed, element_rule, is_url_attribute, safe_url, ElementRule, MAX_DEPTH};

/// How the page asks for an address the HTML names (see `Nav::resolve`).
type Resolve<'a> = &'a dyn Fn(&str) -> String;

/// A fragment of `document` holding the safe part of `html`, its addresses
/// as `resolve` makes them.
pub fn sanitize(html: &str, document: &Document, resolve: Resolve) -> DocumentFragment {
    let out = document.create_document_fragment();
    let parsed = DomParser::new().and_then(|p| p.parse_from_string(html, SupportedType::TextHtml));
    if let Some(body) = parsed.ok().and_then(|d| d.body()) {
        copy_children(&body, out.as_ref(), document, 0, resolve);
    }
    out
}

fn copy_children(from: &Node, to: &Node, document: &Document, depth: usize, resolve: Resolve) {
    let children = from.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            Node::TEXT_NODE => {
                let text = document.create_text_node(&child.text_content().unwrap_or_default());
                let _ = to.append_child(&text);
            }
            Node::ELEMENT_NODE => {
                if let Some(el) = child.dyn_ref::<Element>() {
                    copy_element(el, to, document, depth, resolve);
                }
            }
            _ => {} // comments, processing instructions: nothing a reader sees
        }
    }
}

fn copy_element(el: &Element, to: &Node, document: &Document, depth: usize, resolve: Resolve) {
    let name = el.tag_name().to_ascii_lowercase();
    let rule = element_rule(&name);
    if rule == ElementRule::Drop {
        return;
    }
    if depth >= MAX_DEPTH {
        let text = document.create_text_node(&el.text_content().unwrap_or_default());
        let _ = to.append_child(&text);
        return;
    }
    if rule == ElementRule::Unwrap {
        copy_children(el, to, document, depth + 1, resolve);
        return;
    }
    let Ok(copy) = document.create_element(&name) else { return };
    let attributes = el.attributes();
    for i in 0..attributes.length() {
        let Some(attr) = attributes.item(i) else { continue };
        let attr_name = attr.name().to_ascii_lowercase();
        if !attribute_allowed(&name, &attr_name) {
            continue;
        }
        let value = attr.value();
        let value = if is_url_attribute(&attr_name) { safe_url(&value, name == "a").map(resolve) } else { Some(value) };
        if let Some(value) = value {
            let _ = copy.set_attribute(&attr_name, &value);
        }
    }
    for (attr, value) in added_attributes(&name) {
        let _ = copy.set_attribute(attr, value);
    }
    copy_children(el, &copy, document, depth + 1, resolve);
    let _ = to.append_child(&copy);
}
