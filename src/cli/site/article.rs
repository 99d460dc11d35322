//! One article as static HTML: the markup `components/article_view.rs` and
//! `browser/article_meta.rs` render, element for element and class for
//! class, with the same words, so a reader without the app reads the whole
//! article and the app takes the page over without moving anything. No
//! whitespace between elements: the app writes none, and between inline
//! elements it would show.

use newsroom::article::{Article, Body};
use newsroom::html_policy::safe_url;
use newsroom::html_text::paragraphs;
use newsroom::messages::{fill, Messages};
use newsroom::thumbnail::body_starts_with;

use crate::escape::{escape_attribute, escape_text};
use crate::site::links::{folder_link, rebase};
use crate::site::sanitize::sanitize_on_page;
use crate::site::words::{list, long_date};

/// An article the pager links to.
pub struct Step<'a> {
    pub title: &'a str,
    /// Its page's folder from the site's root (`articles/<slug>/`).
    pub folder: String,
}

/// What an article's page shows of it.
pub struct ArticleView<'a> {
    /// The page's words (its language's).
    pub m: &'static Messages,
    pub article: &'a Article,
    /// The page's path from the site's root (`articles/<slug>/index.html`).
    pub path: &'a str,
    /// The newer article (the list's order is newest first, as the app's pager).
    pub previous: Option<Step<'a>>,
    /// The older article.
    pub next: Option<Step<'a>>,
}

/// The `<article>` element of `view`.
pub fn article_html(view: &ArticleView) -> String {
    let (m, a, path) = (view.m, view.article, view.path);
    let mut out = String::with_capacity(4096);
    out.push_str(&format!("<article class=\"newsroom__article\" data-id=\"{}\"", escape_attribute(&a.id)));
    if let Some(lang) = &a.language {
        out.push_str(&format!(" lang=\"{}\"", escape_attribute(lang)));
    }
    out.push('>');
    out.push_str(&format!("<a class=\"newsroom__back\" href=\"{}\">{}</a>", escape_attribute(&folder_link(path, "")), escape_text(m.back_to_news)));
    out.push_str(&format!("<h2 class=\"newsroom__article-title\" tabindex=\"-1\">{}</h2>", escape_text(&a.title)));
    meta(&mut out, m, a, "newsroom__article");
    if !a.authors.is_empty() {
        let by = fill(m.by_authors, &[("authors", &list(m, &a.authors))]);
        out.push_str(&format!("<p class=\"newsroom__authors\">{}</p>", escape_text(&by)));
    }
    // A body that opens with the picture shows it already.
    let image = a.image.as_deref().and_then(|u| safe_url(u, false)).filter(|u| !body_starts_with(&a.body, u));
    if let Some(src) = image {
        out.push_str(&format!("<img class=\"newsroom__article-image\" src=\"{}\" alt=\"\">", escape_attribute(&rebase(src, path))));
    }
    out.push_str("<div class=\"newsroom__article-body\">");
    match &a.body {
        Body::Text(text) => {
            for p in paragraphs(text) {
                out.push_str(&format!("<p>{}</p>", escape_text(p)));
            }
        }
        Body::Html(html) => out.push_str(&format!("<div class=\"newsroom__html\">{}</div>", sanitize_on_page(html, path))),
        Body::Empty => {}
    }
    out.push_str("</div>");
    let source = a.url.as_deref().filter(|u| u.starts_with("http")).and_then(|u| safe_url(u, true));
    if let Some(href) = source {
        out.push_str(&format!(
            "<p class=\"newsroom__source\"><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></p>",
            escape_attribute(&rebase(href, path)),
            escape_text(m.read_original)
        ));
    }
    out.push_str(&format!("<nav class=\"newsroom__pager\" aria-label=\"{}\">", escape_attribute(m.more_articles)));
    for (step, class, label) in [(&view.previous, "newsroom__prev", m.previous), (&view.next, "newsroom__next", m.next)] {
        if let Some(step) = step {
            out.push_str(&format!(
                "<a class=\"{class}\" href=\"{}\"><span class=\"newsroom__step-label\">{}</span><span class=\"newsroom__step-title\">{}</span></a>",
                escape_attribute(&folder_link(path, &step.folder)),
                escape_text(label),
                escape_text(step.title)
            ));
        }
    }
    out.push_str("</nav></article>");
    out
}

/// Date, category and tags, as the page's `browser::article_meta` builds them: `class` is the
/// view's (`newsroom__article` for an article, `newsroom__card` for a card).
pub fn meta(out: &mut String, m: &Messages, a: &Article, class: &str) {
    out.push_str(&format!("<div class=\"newsroom__meta {class}-meta\">"));
    match &a.date {
        Some(date) => out.push_str(&format!("<time datetime=\"{}\">{}</time>", escape_attribute(&date.machine), escape_text(&long_date(m, date)))),
        // An item without a usable date says so rather than showing none.
        None => out.push_str(&format!("<span class=\"{class}-undated\">{}</span>", escape_text(m.undated))),
    }
    if let Some(category) = &a.category {
        out.push_str(&format!("<span class=\"{class}-category\">{}</span>", escape_text(category)));
    }
    if !a.tags.is_empty() {
        out.push_str(&format!("<ul class=\"{class}-tags\" aria-label=\"{}\">", escape_attribute(m.tags)));
        for tag in &a.tags {
            out.push_str(&format!("<li>{}</li>", escape_text(tag)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsroom::bundle::parse_bundle;
    use newsroom::messages::{EN, ZH_CN};

    fn article(item: &str) -> Article {
        let feed = format!(r#"{{"version": "https://jsonfeed.org/version/1.1", "title": "Acme News", "items": [{item}]}}"#);
        parse_bundle(&feed).unwrap().articles.remove(0)
    }

    fn view<'a>(m: &'static Messages, article: &'a Article) -> ArticleView<'a> {
        ArticleView {
            m,
            article,
            path: "articles/plant/index.html",
            previous: Some(Step { title: "Newer <one>", folder: "articles/newer/".into() }),
            next: Some(Step { title: "Older", folder: "articles/older/".into() }),
        }
    }

    const FULL: &str = r#"{"id": "42", "url": "https://example.com/news/plant.html", "title": "Acme opens a plant",
        "content_html": "<p>Body <b>text</b>.</p>", "image": "images/plant.jpg", "date_published": "2024-03-18T09:30:00+08:00",
        "language": "en-GB", "tags": ["Plants", "Ohio"], "_newsroom": {"category": "Company News"},
        "authors": [{"name": "Ann Lee"}, {"name": "Bo"}, {"name": "Cy"}]}"#;

    #[test]
    fn every_field_of_the_article_as_the_app_renders_it() {
        let a = article(FULL);
        let html = article_html(&view(&EN, &a));
        assert_eq!(html, concat!(
            "<article class=\"newsroom__article\" data-id=\"42\" lang=\"en-GB\">",
            "<a class=\"newsroom__back\" href=\"../../index.html\">← Back to news</a>",
            "<h2 class=\"newsroom__article-title\" tabindex=\"-1\">Acme opens a plant</h2>",
            "<div class=\"newsroom__meta newsroom__article-meta\"><time datetime=\"2024-03-18T09:30:00+08:00\">March 18, 2024</time>",
            "<span class=\"newsroom__article-category\">Company News</span>",
            "<ul class=\"newsroom__article-tags\" aria-label=\"Tags\"><li>Plants</li><li>Ohio</li></ul></div>",
            "<p class=\"newsroom__authors\">By Ann Lee, Bo, and Cy</p>",
            "<img class=\"newsroom__article-image\" src=\"../../images/plant.jpg\" alt=\"\">",
            "<div class=\"newsroom__article-body\"><div class=\"newsroom__html\"><p>Body <b>text</b>.</p></div></div>",
            "<p class=\"newsroom__source\"><a href=\"https://example.com/news/plant.html\" rel=\"noopener noreferrer\">Read the original article</a></p>",
            "<nav class=\"newsroom__pager\" aria-label=\"More articles\">",
            "<a class=\"newsroom__prev\" href=\"../../articles/newer/index.html\"><span class=\"newsroom__step-label\">← Previous</span><span class=\"newsroom__step-title\">Newer &lt;one&gt;</span></a>",
            "<a class=\"newsroom__next\" href=\"../../articles/older/index.html\"><span class=\"newsroom__step-label\">Next →</span><span class=\"newsroom__step-title\">Older</span></a>",
            "</nav></article>",
        ));
    }

    #[test]
    fn chinese_words_and_a_text_body_in_paragraphs() {
        let a = article(r#"{"id": "zh", "title": "副市长来访", "content_text": "第一段。\n\n第二段 <b>。", "date_published": "2023-11-04",
            "authors": [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}]}"#);
        let html = article_html(&ArticleView { previous: None, next: None, ..view(&ZH_CN, &a) });
        for part in [
            "<time datetime=\"2023-11-04\">2023年11月4日</time>",
            "<p class=\"newsroom__authors\">作者：甲、乙和丙</p>",
            "<div class=\"newsroom__article-body\"><p>第一段。</p><p>第二段 &lt;b&gt;。</p></div>",
            "<nav class=\"newsroom__pager\" aria-label=\"更多文章\"></nav>",
        ] {
            assert!(html.contains(part), "{part}\nnot in\n{html}");
        }
        assert!(!html.contains(" lang=") && !html.contains("newsroom__source") && !html.contains("<img"), "{html}");
    }

    #[test]
    fn what_the_item_lacks_is_left_out_as_the_app_leaves_it_out() {
        let a = article(r#"{"id": "u", "title": "Undated", "url": "/relative/page.html", "image": "javascript:alert(1)"}"#);
        let html = article_html(&view(&EN, &a));
        assert!(html.contains("<span class=\"newsroom__article-undated\">Undated</span></div>"), "{html}");
        assert!(html.contains("<div class=\"newsroom__article-body\"></div>"), "{html}");
        assert!(!html.contains("newsroom__authors") && !html.contains("<img") && !html.contains("newsroom__source"), "{html}");
        // The picture the body opens with is not shown twice.
        let a = article(r#"{"id": "p", "title": "P", "image": "images/a.svg", "content_html": "<img src=\"images/a.svg\"><p>x</p>"}"#);
        assert_eq!(article_html(&view(&EN, &a)).matches("<img").count(), 1);
    }

    #[test]
    fn hostile_content_cannot_run_or_break_out() {
        let a = article(r#"{"id": "\"><script>alert(1)</script>", "title": "</h2><script>alert(1)</script>",
            "url": "javascript:alert(1)", "image": "javascript:alert(2)", "tags": ["<img src=x onerror=alert(1)>"],
            "_newsroom": {"category": "</span><script>x</script>"}, "authors": [{"name": "<svg onload=alert(1)>"}],
            "language": "en\" onmouseover=\"alert(1)",
            "content_html": "<p onclick=\"alert(1)\">x</p><script>alert(1)</script><a href=\"javascript:alert(1)\">a</a><img src=x onerror=alert(1)><iframe src=\"https://evil.example\"></iframe><a href=\"JaVaScRiPt:alert(1)\">b</a>"}"#);
        let html = article_html(&ArticleView {
            previous: Some(Step { title: "</a><script>alert(1)</script>", folder: "articles/x/".into() }),
            ..view(&EN, &a)
        });
        // As a browser reads it: no element that runs anything, no handler, no script address.
        let fragment = scraper::Html::parse_fragment(&html);
        let elements: Vec<_> = fragment.root_element().descendants().filter_map(scraper::ElementRef::wrap).collect();
        assert!(elements.len() > 10, "{html}");
        for el in elements {
            assert!(!matches!(el.value().name(), "script" | "svg" | "iframe"), "<{}> in {html}", el.value().name());
            for (name, value) in el.value().attrs() {
                assert!(!name.starts_with("on") && !value.to_lowercase().contains("javascript:"), "{name}={value} in {html}");
            }
        }
        assert_eq!(scraper::Html::parse_fragment(&html).root_element().text().filter(|t| t.contains("alert")).count(), 4, "hostile text stays text");
    }
}
