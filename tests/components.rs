//! Component tests in headless Chromium (wasm-bindgen-test): each mounts one
//! part of the page into a fresh element and checks the DOM it produces.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

use newsroom::browser::intl::{format_date, language_name, number, plural};
use newsroom::browser::load_status::error_panel;
use newsroom::browser::sanitizer::sanitize;
use newsroom::bundle::parse_bundle;
use newsroom::catalog::Catalog;
use newsroom::components::article_card::Card;
use newsroom::components::nav::Nav;
use newsroom::components::news_page::NewsPage;
use newsroom::date::parse_date;
use newsroom::messages::{EN, ZH_CN};
use newsroom::components::highlighted::owned;
use newsroom::url_state::ViewState;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let el = document().create_element("div").unwrap().unchecked_into::<HtmlElement>();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// Lets Leptos run its scheduled effects until `done` holds: updates settle
/// over a few microtask rounds, and a fixed count of them would be fragile.
async fn until(done: impl Fn() -> bool, what: &str) {
    for _ in 0..100 {
        if done() {
            return;
        }
        tick().await;
    }
    panic!("never happened: {what}");
}

/// Puts `text` in `input` as typing does: its value, then an `input` event that bubbles.
fn type_in(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

fn all(root: &HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

fn text(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).text_content().unwrap_or_default()
}

const FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Test News","items":[
  {"id":"visit","title":"Vice Mayor Miao visits","date_published":"2023-11-04","summary":"Miao Zhengge and a delegation visited.","tags":["Jinzhou"],"_newsroom":{"category":"Company News"}},
  {"id":"zh","title":"铬盐新线投产","date_published":"2024-03-01T09:00:00+08:00","content_text":"公司铬盐生产线投产。","language":"zh-CN","_newsroom":{"category":"Products"}},
  {"id":"fair","title":"Trade fair","date_published":"2022-06-01","content_html":"<p>Our stand</p>","_newsroom":{"category":"Events"}},
  {"id":"bad","date_published":"soon"}
]}"#;

fn catalog() -> Arc<Catalog> {
    Arc::new(Catalog::new(parse_bundle(FEED).unwrap()))
}

/// The news page of [`catalog`] in a fresh element, once its first cards
/// show; and its mount, which unmounts it when dropped.
async fn news_page() -> (HtmlElement, impl Sized) {
    let host = container();
    let catalog = catalog();
    let mounted = mount_to(host.clone(), move || view! { <NewsPage catalog=RwSignal::new(catalog)/> });
    until(|| host.query_selector("article.newsroom__card").unwrap().is_some(), "the first cards").await;
    (host, mounted)
}

#[wasm_bindgen_test]
fn sanitizer_keeps_content_and_drops_everything_active() {
    let host = container();
    let html = r#"<p>Safe <strong>text</strong></p><img src=x onerror="window.__bad=1"><script>window.__bad=2</script>
        <a href="javascript:window.__bad=3">js</a><a href="https://example.com" onclick="x()" target="_top">ok</a>
        <iframe src="https://example.com"></iframe><form><input></form><svg><circle/></svg>
        <p style="color:red" class="x">styled</p><font>unwrapped</font><img src="images/a.svg" alt="A">"#;
    host.append_child(&sanitize(html, &document(), &|u: &str| u.to_string())).unwrap();
    assert!(all(&host, "script, iframe, form, input, svg, font").is_empty(), "{}", host.inner_html());
    assert_eq!(text(&host, "p strong"), "text");
    let links = all(&host, "a");
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].get_attribute("href"), None);
    assert_eq!(links[1].get_attribute("href").as_deref(), Some("https://example.com"));
    assert_eq!(links[1].get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    assert_eq!(links[1].get_attribute("target"), None);
    for el in all(&host, "*") {
        let names = el.get_attribute_names();
        for name in names.iter().filter_map(|n| n.as_string()) {
            assert!(!name.starts_with("on") && name != "style" && name != "class", "{name} on {}", el.tag_name());
        }
    }
    assert!(host.text_content().unwrap().contains("unwrapped"));
    let imgs = all(&host, "img");
    assert_eq!(imgs[1].get_attribute("src").as_deref(), Some("images/a.svg"));
    assert_eq!(imgs[1].get_attribute("alt").as_deref(), Some("A"));
}

#[wasm_bindgen_test]
fn sanitizer_flattens_absurd_nesting() {
    let host = container();
    let html = format!("{}deep{}", "<div><b>".repeat(500), "</b></div>".repeat(500));
    host.append_child(&sanitize(&html, &document(), &|u: &str| u.to_string())).unwrap();
    assert!(all(&host, "b").len() <= 64);
    assert_eq!(host.text_content().unwrap(), "deep");
}

#[wasm_bindgen_test]
fn dates_are_formatted_by_the_browser_in_the_interface_language() {
    let date = parse_date("2023-11-04").unwrap();
    assert_eq!(format_date(&ZH_CN, &date), "2023年11月4日");
    assert_eq!(format_date(&EN, &date), "November 4, 2023");
}

#[wasm_bindgen_test]
fn counts_are_written_as_the_browser_writes_them_in_each_interface_language() {
    // `number` writes them itself (no call into the browser per count): it
    // must agree with `Intl` in every language the interface has, so a
    // language added that writes numbers otherwise fails here.
    for m in newsroom::messages::LANGUAGES {
        let intl = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&m.locale.into()), &js_sys::Object::new());
        for n in [0, 7, 999, 1_000, 2_868, 12_345, 999_999, 1_234_567, 10_000_000] {
            let want = intl.format().call1(&intl, &(n as f64).into()).unwrap().as_string().unwrap();
            assert_eq!(number(n), want, "{} {n}", m.locale);
        }
    }
}

#[wasm_bindgen_test]
fn plural_forms_and_language_names_are_the_same_when_asked_again() {
    // The second answer of each comes from what the first one was.
    for _ in 0..2 {
        for (n, want) in [(1, "1 article"), (2, "2 articles"), (1, "1 article"), (21, "21 articles")] {
            assert_eq!(plural(&EN, "{n} article", "{n} articles", n, &[]), want);
        }
        assert_eq!((language_name(&EN, "zh"), language_name(&EN, "en")), ("Chinese".to_string(), "English".to_string()));
        assert_eq!(language_name(&ZH_CN, "zh"), "中文");
        // A code `Intl` refuses stays as it is, asked again or not.
        assert_eq!(language_name(&EN, "not a language"), "not a language");
    }
}

#[wasm_bindgen_test]
fn card_links_to_the_article_and_marks_matches() {
    let host = container();
    let catalog = catalog();
    let article = catalog.articles()[0].clone();
    let listing = catalog.listing("miao", &Default::default(), Default::default());
    let title = owned(catalog.marked(&article.title, &listing.matcher));
    let teaser_text = article.teaser();
    let teaser = owned(catalog.marked(&teaser_text, &listing.matcher));
    let nav = Nav::new(ViewState { page: 1, ..ViewState::default() }, vec![]);
    let href = nav.href(&nav.state.get_untracked().with_article(&article.id), None);
    let mut card = Card::new(&EN, &article, title, teaser, &href, None);
    host.append_child(&card.root).unwrap();
    let link = host.query_selector("article.newsroom__card h2 a.newsroom__card-link").unwrap().unwrap();
    let href = link.get_attribute("href").unwrap();
    // Same path and fragment: only our parameter is added.
    let here = window().location();
    assert_eq!(href, format!("{}?nr-article=visit{}", here.pathname().unwrap(), here.hash().unwrap()));
    assert_eq!(text(&host, "time"), format_date(&EN, &parse_date("2023-11-04").unwrap()));
    assert_eq!(host.query_selector("time").unwrap().unwrap().get_attribute("datetime").as_deref(), Some("2023-11-04"));
    assert_eq!(text(&host, ".newsroom__card-category"), "Company News");
    let marks: Vec<String> = all(&host, ".newsroom__card-summary mark").iter().filter_map(|m| m.text_content()).collect();
    assert_eq!(marks, ["Miao"]);
    let marks: Vec<String> = all(&host, "h2 mark").iter().filter_map(|m| m.text_content()).collect();
    assert_eq!(marks, ["Miao"]);
    // Another query's marks: the marks follow it, the text stays, and the
    // page's mutation observers see one change of the title and one of the
    // teaser, not one per run of text.
    let observer = web_sys::MutationObserver::new(&js_sys::Function::new_no_args("")).unwrap();
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(&host, &init).unwrap();
    let (vice, rest) = article.title.split_at("Vice".len());
    card.mark(owned(vec![(vice, true), (rest, false)]), owned(vec![(teaser_text.as_str(), false)]));
    assert_eq!(observer.take_records().length(), 2);
    let marks: Vec<String> = all(&host, "mark").iter().filter_map(|m| m.text_content()).collect();
    assert_eq!(marks, ["Vice"]);
    assert_eq!(text(&host, "h2"), article.title);
    assert_eq!(text(&host, ".newsroom__card-summary"), teaser_text);
    card.mark(owned(vec![(article.title.as_str(), false)]), owned(vec![(teaser_text.as_str(), false)]));
    assert!(all(&host, "mark").is_empty());
    assert_eq!(text(&host, "h2"), article.title);
    observer.disconnect();
}

#[wasm_bindgen_test]
fn retry_button_runs_the_callback() {
    let host = container();
    let runs = std::rc::Rc::new(std::cell::Cell::new(0));
    let counted = runs.clone();
    host.append_child(&error_panel(&EN, "it broke", Box::new(move || counted.set(counted.get() + 1)))).unwrap();
    assert_eq!(host.query_selector(".newsroom__error").unwrap().unwrap().get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(text(&host, ".newsroom__error-title"), EN.load_failed);
    assert_eq!(text(&host, ".newsroom__error-message"), "it broke");
    host.query_selector(".newsroom__retry").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    assert_eq!(runs.get(), 1);
}

#[wasm_bindgen_test]
async fn page_counts_filters_searches_and_reports_skipped_items() {
    let (host, _m) = news_page().await;
    assert_eq!(text(&host, ".newsroom__header h1"), "Test News");
    assert_eq!(text(&host, ".newsroom__count"), "3 of 3 articles");
    // The toolbar's parts, in order: the search box, the filters, the sort, the count and Clear all.
    assert_eq!(text(&host, ".newsroom__toolbar > .newsroom__field--search > .newsroom__label"), "Search news");
    let search = host.query_selector(".newsroom__field--search > input.newsroom__search").unwrap().unwrap();
    assert_eq!((search.get_attribute("type").as_deref(), search.get_attribute("placeholder").as_deref()), (Some("search"), Some(EN.search_placeholder)));
    let controls: Vec<String> = all(&host, ".newsroom__toolbar > .newsroom__field > select").iter().filter_map(|s| s.get_attribute("name")).collect();
    assert_eq!(controls, ["category", "tag", "year", "language", "sort"]);
    assert!(host.query_selector(".newsroom__status > .newsroom__count + button.newsroom__clear[type=button]").unwrap().is_some());
    assert_eq!(host.query_selector(".newsroom__count").unwrap().unwrap().get_attribute("aria-live").as_deref(), Some("polite"));
    let options: Vec<String> = all(&host, "select[name=category] option").iter().filter_map(|o| o.text_content()).collect();
    assert_eq!(options, ["All categories", "Company News (1)", "Events (1)", "Products (1)"]);
    assert!(text(&host, "details.newsroom__skipped li").contains("item 4 (`id` bad)"));
    // Right after the header, before the toolbar and the list.
    assert!(host.query_selector(".newsroom__header + details.newsroom__skipped + .newsroom__toolbar").unwrap().is_some());

    let input = host.query_selector("input[type=search]").unwrap().unwrap().unchecked_into::<HtmlInputElement>();
    type_in(&input, "铬盐");
    until(|| text(&host, ".newsroom__count") == "1 of 3 articles", "one result for 铬盐").await;
    let ids: Vec<String> = all(&host, "article.newsroom__card").iter().filter_map(|a| a.get_attribute("data-id")).collect();
    assert_eq!(ids, ["zh"]);
    assert_eq!(host.query_selector("article.newsroom__card").unwrap().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));
    assert!(window().location().search().unwrap().contains("nr-q=%E9%93%AC%E7%9B%90"));
    let options: Vec<String> = all(&host, "select[name=category] option").iter().filter_map(|o| o.text_content()).collect();
    assert_eq!(options, ["All categories", "Company News (0)", "Events (0)", "Products (1)"]);
    // A choice that would show nothing cannot be picked; the search can be cleared.
    let disabled: Vec<bool> = all(&host, "select[name=category] option").iter().map(|o| o.has_attribute("disabled")).collect();
    assert_eq!(disabled, [false, true, true, false]);
    let clear = host.query_selector(".newsroom__clear").unwrap().unwrap();
    assert!(!clear.has_attribute("disabled"));
    // The sort offers relevance while there is a query.
    let sorts: Vec<String> = all(&host, "select.newsroom__sort option").iter().filter_map(|o| o.get_attribute("value")).collect();
    assert_eq!(sorts, ["relevance", "newest", "oldest"]);

    clear.unchecked_into::<HtmlElement>().click();
    until(|| text(&host, ".newsroom__count") == "3 of 3 articles", "all results after Clear all").await;
    assert_eq!(window().location().search().unwrap(), "");
    until(|| host.query_selector(".newsroom__clear").unwrap().unwrap().has_attribute("disabled"), "nothing left to clear").await;
    let sorts: Vec<String> = all(&host, "select.newsroom__sort option").iter().filter_map(|o| o.get_attribute("value")).collect();
    assert_eq!(sorts, ["newest", "oldest"]);

    type_in(&input, "nothing-matches-this");
    until(|| text(&host, ".newsroom__count") == "0 of 3 articles", "no results").await;
    let input = host.query_selector("input[type=search]").unwrap().unwrap().unchecked_into::<HtmlInputElement>();
    until(|| input.value() == "nothing-matches-this", "the search box keeps what was typed").await;
    host.query_selector(".newsroom__empty-clear").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    until(|| text(&host, ".newsroom__count") == "3 of 3 articles", "all results after the empty state's clear").await;
}

#[wasm_bindgen_test]
async fn a_keystroke_changes_the_counts_text_in_place() {
    // The filters' options and the result count keep their text nodes: a
    // search changes what they say, and makes and drops no node.
    let (host, _m) = news_page().await;
    assert_eq!(text(&host, ".newsroom__count"), "3 of 3 articles");
    let texts = || all(&host, "select[name=category] option, .newsroom__count").iter().map(|el| el.first_child().unwrap()).collect::<Vec<_>>();
    let before = texts();
    let input = host.query_selector("input[type=search]").unwrap().unwrap().unchecked_into::<HtmlInputElement>();
    type_in(&input, "铬盐");
    until(|| text(&host, ".newsroom__count") == "1 of 3 articles", "one result for 铬盐").await;
    let after = texts();
    assert_eq!(before.len(), after.len());
    assert!(before.iter().zip(&after).all(|(a, b)| a.is_same_node(Some(b)) && a.next_sibling().is_none()));
    let said: Vec<String> = after.iter().filter_map(|t| t.node_value()).collect();
    assert_eq!(said, ["All categories", "Company News (0)", "Events (0)", "Products (1)", "1 of 3 articles"]);
    // The page's address as the other tests expect it.
    type_in(&input, "");
    until(|| window().location().search().unwrap().is_empty(), "the search out of the address").await;
}

#[wasm_bindgen_test]
async fn compact_list_shows_the_latest_headlines_linking_to_the_news_page() {
    let host = container();
    let catalog = catalog();
    let (options, problems) = newsroom::embed_options::EmbedOptions::read(|name| match name {
        "data-layout" => Some("compact".into()),
        "data-limit" => Some("2".into()),
        "data-link" => Some("/news/?lang=en#top".into()),
        _ => None,
    });
    assert!(problems.is_empty());
    let _m = mount_to(host.clone(), move || {
        view! { <newsroom::components::compact_list::CompactList catalog=RwSignal::new(catalog) options=options/> }
    });
    until(|| host.query_selector(".newsroom__headline").unwrap().is_some(), "the headlines").await;
    // The feed's title over the list.
    let frame = host.query_selector(".newsroom__compact > h2.newsroom__compact-title:first-child + ul.newsroom__headlines:last-child").unwrap();
    assert_eq!(frame.and_then(|ul| ul.previous_element_sibling()).and_then(|h2| h2.text_content()).as_deref(), Some("Test News"));
    let links: Vec<(String, String)> = all(&host, ".newsroom__headline-link")
        .iter()
        .map(|a| (a.text_content().unwrap_or_default(), a.get_attribute("href").unwrap_or_default()))
        .collect();
    assert_eq!(links, [
        ("铬盐新线投产".to_string(), "/news/?lang=en&nr-article=zh#top".to_string()),
        ("Vice Mayor Miao visits".to_string(), "/news/?lang=en&nr-article=visit#top".to_string()),
    ]);
    // Each headline's meta line: its date, category and tags.
    until(|| all(&host, ".newsroom__headline-meta time").len() == 2, "the headlines' dates").await;
    let categories: Vec<String> = all(&host, ".newsroom__headline-meta .newsroom__headline-category").iter().filter_map(|c| c.text_content()).collect();
    assert_eq!(categories, ["Products", "Company News"]);
    assert_eq!(text(&host, ".newsroom__headline-tags"), "Jinzhou");
    assert_eq!(host.query_selector(".newsroom__headline-tags").unwrap().unwrap().get_attribute("aria-label").as_deref(), Some(EN.tags));
}

#[wasm_bindgen_test]
async fn transient_failures_are_tried_again_with_waits_and_others_go_to_the_reader() {
    use std::cell::Cell;
    use newsroom::browser::request::with_retries;
    use newsroom::load_error::LoadError;
    let busy = || LoadError::Status { url: "feed.json".into(), status: 503, status_text: String::new(), retry_after_ms: None };
    // Two 503s, then success: two retries heard, waits of at least 0.25 s and 0.5 s.
    let (tries, heard) = (Cell::new(0), Cell::new(0));
    let started = js_sys::Date::now();
    let result = with_retries(|| {
        tries.set(tries.get() + 1);
        let outcome = if tries.get() < 3 { Err(busy()) } else { Ok(tries.get()) };
        async move { outcome }
    }, &|r| {
        heard.set(heard.get() + 1);
        assert_eq!((r.attempt, r.retries), (heard.get(), 3));
    })
    .await;
    assert_eq!(result, Ok(3));
    assert_eq!(heard.get(), 2);
    assert!(js_sys::Date::now() - started >= 750.0, "waited {} ms", js_sys::Date::now() - started);
    // A 404 goes to the reader at once.
    let tries = Cell::new(0);
    let gone = LoadError::Status { url: "feed.json".into(), status: 404, status_text: String::new(), retry_after_ms: None };
    let result: Result<(), _> = with_retries(|| {
        tries.set(tries.get() + 1);
        let gone = gone.clone();
        async move { Err(gone) }
    }, &|_| panic!("a 404 is not retried"))
    .await;
    assert_eq!((result, tries.get()), (Err(gone), 1));
}

#[wasm_bindgen_test]
async fn slots_keep_their_order_after_the_anchor_whatever_order_they_fill_in() {
    use newsroom::browser::dom::with_text;
    use newsroom::browser::slots::Slots;
    let host = container();
    let shown = RwSignal::new(None::<Slots>);
    let _m = mount_to(host.clone(), move || {
        let anchor = NodeRef::<leptos::html::H1>::new();
        shown.set(Some(Slots::after(anchor, 3)));
        view! { <h1 node_ref=anchor>"anchor"</h1><p>"leptos's"</p> }
    });
    let order = || all(&host, "*").iter().filter_map(|e| e.text_content()).collect::<Vec<_>>();
    until(|| host.query_selector("p").unwrap().is_some(), "the view").await;
    let slots = shown.get_untracked().unwrap();
    // Once the anchor is mounted (a microtask after the view).
    until(|| {
        slots.show(2, Some(with_text("div", "", "c")));
        order().len() == 3
    }, "the anchor").await;
    slots.show(0, Some(with_text("div", "", "a")));
    slots.show(1, Some(with_text("div", "", "b")));
    assert_eq!(order(), ["anchor", "a", "b", "c", "leptos's"]);
    slots.show(1, None);
    slots.show(1, Some(with_text("div", "", "b2")));
    assert_eq!(order(), ["anchor", "a", "b2", "c", "leptos's"]);
    // The same element again stays where it is: a focused button keeps the focus.
    let button = with_text("button", "", "c2");
    slots.show(2, Some(button.clone()));
    button.focus().unwrap();
    slots.show(2, Some(button.clone()));
    assert!(document().active_element().is_some_and(|a| a.is_same_node(Some(&button))));
    slots.show(0, None);
    assert_eq!(order(), ["anchor", "b2", "c2", "leptos's"]);
}
