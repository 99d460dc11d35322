//! The pre-built archive against the single bundle it was built from: the
//! same answers, files that say when they are wrong, and the same bytes
//! from the same archive.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::archive::{Archive, Item};
use crate::article::{Article, Body};
use crate::date::parse_date;
use crate::fallbacks::fnv64;
use crate::bundle::parse_bundle;
use crate::catalog::{CardText, Catalog};
use crate::index::{dequantize, quantize, FieldPositions, TermData};
use crate::prebuilt::format::*;
use crate::prebuilt::parts::{Part, PartFailure};
use crate::prebuilt::write::{build_site, build_site_with_pages, listed, Layout, Site};
use crate::test_rng::Rng;
use crate::thumbnail::thumbnail;
use crate::url_state::{Facet, Filters, Sort};

const WORDS: &[&str] = &["chromium", "chrome", "slag", "Société", "safety", "safe", "visit", "mayor", "green", "oxide", "2023", "ISO", "a"];
const HAN: &[&str] = &["铬", "盐", "生", "产", "环", "保"];
const CATEGORIES: &[&str] = &["Products", "Company News", "Safety"];
const TAGS: &[&str] = &["export", "R&D", "Jinzhou", "award"];

fn text(rng: &mut Rng, max: usize) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(max) {
        if rng.below(3) == 0 {
            for _ in 0..1 + rng.below(4) {
                s.push_str(rng.pick(HAN));
            }
        } else {
            s.push_str(rng.pick(WORDS));
        }
        s.push_str([" ", ", ", ". "][rng.below(3)]);
    }
    s
}

fn item(rng: &mut Rng, n: usize) -> Item {
    let mut o = json!({ "id": format!("item-{n}"), "title": text(rng, 5), "content_text": text(rng, 25) });
    // Few distinct days, so equal dates (ties) are common; some undated, some in other zones.
    match rng.below(6) {
        0 => {}
        1 => o["date_published"] = format!("2023-12-31T2{}:00:00-05:00", rng.below(4)).into(),
        _ => o["date_published"] = format!("202{}-0{}-1{}", rng.below(4), 1 + rng.below(3), rng.below(3)).into(),
    }
    if rng.below(3) > 0 {
        o["summary"] = text(rng, 6).into();
    }
    // Those with a category have a static page too (as `newsroom build` writes them).
    if rng.below(4) > 0 {
        o["_newsroom"] = json!({ "category": rng.pick(CATEGORIES), "page": format!("articles/item-{n}/") });
    }
    // Some say their language; the rest are told by their title's script.
    if rng.below(3) == 0 {
        o["language"] = rng.pick(&["en", "zh", "de"]).into();
    }
    let tags: Vec<&str> = TAGS.iter().copied().filter(|_| rng.below(3) == 0).collect();
    o["tags"] = tags.into();
    match o {
        Value::Object(o) => o,
        _ => Item::new(),
    }
}

fn archive(rng: &mut Rng, items: usize) -> Archive {
    let mut a = Archive::new("Generated news");
    a.merge((0..items).map(|n| item(rng, n)));
    a
}

/// Small shards, so queries cross shard boundaries.
fn site(a: &Archive, per_page: usize) -> Site {
    build_site(a, Layout { per_page, shard_bytes: 400 }, &|name, from_feed| if from_feed { format!("pages/{name}") } else { name.to_string() }).unwrap()
}

/// A static host: the build's files by path.
struct Host(HashMap<String, Vec<u8>>);

impl Host {
    fn new(site: &Site) -> Self {
        Host(site.files.iter().cloned().collect())
    }

    /// `feed.json` and the summary it names, as the page reads them.
    fn open(&self) -> Catalog {
        let feed = parse_bundle(std::str::from_utf8(&self.0["feed.json"]).unwrap()).unwrap();
        let summary = Summary::from_json(&self.0[feed.index_url.as_deref().unwrap()]).unwrap();
        Catalog::from_archive(feed, summary)
    }

    fn path(&self, c: &Catalog, part: Part) -> String {
        let file = c.parts().unwrap().file(part).unwrap();
        match file.strip_prefix("../") {
            Some(up) => up.to_string(),
            None => format!("index/{file}"),
        }
    }

    /// Fetches what `need` asks for until it asks for nothing (a list, its
    /// shards, the first screen's cards, the facet table): how many files that took.
    fn settle(&self, c: &Catalog, need: impl Fn(&Catalog) -> Vec<Part>) -> usize {
        let mut fetched = 0;
        for _ in 0..5 {
            let parts = need(c);
            if parts.is_empty() {
                return fetched;
            }
            fetched += self.fetch(c, parts);
        }
        panic!("still missing after five rounds: {:?}", need(c));
    }

    fn fetch(&self, c: &Catalog, parts: Vec<Part>) -> usize {
        for &part in &parts {
            let bytes = &self.0[&self.path(c, part)];
            match part {
                // The shell reads pages with its feed reader.
                Part::Page(p) => c.install_page(p, parse_bundle(std::str::from_utf8(bytes).unwrap()).unwrap().articles).unwrap(),
                _ => c.install(part, bytes).unwrap(),
            }
        }
        parts.len()
    }
}

fn ids_of(c: &Catalog, order: &[usize]) -> Vec<String> {
    order.iter().map(|&i| c.article(i).map(|a| a.id.clone()).unwrap_or_default()).collect()
}

/// What a card shows of an article: title, teaser, date, tags, category, and the page it links to.
type Shown = (String, String, Option<String>, Vec<String>, Option<String>, Option<String>);

fn cards_of(c: &Catalog, order: &[usize]) -> Vec<Shown> {
    order.iter().filter_map(|&i| c.article(i).cloned()).map(|a| (a.title.clone(), a.teaser(), a.date.map(|d| d.machine), a.tags, a.category, a.page)).collect()
}

#[test]
fn property_an_archive_answers_exactly_as_its_single_bundle() {
    for seed in 1..=25u64 {
        let mut rng = Rng::new(seed * 7919);
        let n = 1 + rng.below(260);
        let a = archive(&mut rng, n);
        let mut single_text = Vec::new();
        a.write(&mut single_text).unwrap();
        let single = Catalog::new(parse_bundle(std::str::from_utf8(&single_text).unwrap()).unwrap());
        let per_page = 1 + rng.below(40);
        let host = Host::new(&site(&a, per_page));
        let built = host.open();
        assert_eq!(built.len(), single.len(), "seed {seed}");
        for _ in 0..30 {
            let query = match rng.below(6) {
                0 => String::new(),
                // One character (kept as a term) or a pair.
                1 => (0..1 + rng.below(2)).map(|_| rng.pick(HAN)).collect(),
                // Three to six characters: n-grams, and longer phrases by their pairs' positions.
                2 => (0..3 + rng.below(4)).map(|_| rng.pick(HAN)).collect(),
                3 => rng.pick(WORDS)[..1].to_string(),
                _ => format!("{} {}", rng.pick(WORDS), text(&mut rng, 2)),
            };
            let mut filters = Filters::default();
            if rng.below(3) == 0 {
                filters.set(Facet::Category, Some(rng.pick(CATEGORIES).to_string()));
            }
            if rng.below(3) == 0 {
                filters.set(Facet::Tag, Some(rng.pick(TAGS).to_string()));
            }
            if rng.below(4) == 0 {
                filters.set(Facet::Year, Some((2020 + rng.below(4)).to_string()));
            }
            if rng.below(4) == 0 {
                filters.set(Facet::Language, Some(["en", "zh", "de"][rng.below(3)].to_string()));
            }
            let sort = [Sort::Newest, Sort::Oldest, Sort::Relevance][rng.below(3)];
            host.settle(&built, |c| c.wanted(&query, &filters));
            let (want, got) = (single.listing(&query, &filters, sort), built.listing(&query, &filters, sort));
            host.settle(&built, |c| c.missing_cards(&got.order));
            let case = format!("seed {seed}, {query:?} {filters:?} {sort:?}");
            assert_eq!(ids_of(&built, &got.order), ids_of(&single, &want.order), "{case}");
            assert_eq!(cards_of(&built, &got.order), cards_of(&single, &want.order), "{case}");
            assert_eq!(got.facets, want.facets, "{case}");
            // A card's excerpt comes from what it has: its teaser (or a first page's full item).
            for &i in got.order.iter().take(15) {
                let Some(card) = built.article(i) else { continue };
                let text = CardText::new(&card);
                let t = built.teaser(i, &text, &got.matcher);
                let shown: String = t.parts.iter().map(|p| p.0).collect();
                assert!(card.teaser().contains(&shown) || card.body_text().contains(&shown), "{case}: {shown:?}");
                let marked = !built.marked(&card.teaser(), &got.matcher).iter().all(|p| !p.1);
                assert!(!marked || t.parts.iter().any(|p| p.1), "{case}: {:?} has a match, {:?} none", card.teaser(), t.parts);
            }
        }
    }
}

#[test]
fn the_first_view_needs_only_the_feed_and_the_summary() {
    let mut rng = Rng::new(3);
    let a = archive(&mut rng, 120);
    let host = Host::new(&site(&a, 50));
    let c = host.open();
    let all = Filters::default();
    assert!(c.missing("", &all).is_empty());
    let first = c.listing("", &all, Sort::Newest);
    assert!(c.missing_cards(&first.order[..50]).is_empty(), "the first page's items are in feed.json");
    assert_eq!(c.missing_cards(&first.order[..51]), [Part::Cards(50 / CARDS_PER_FILE)], "named from the summary: no list first");
    assert_eq!(first.facets, Catalog::new(parse_bundle(&String::from_utf8(written(&a)).unwrap()).unwrap()).listing("", &all, Sort::Newest).facets);
    // A query's results need only its shards (after their list, which a full page fetches beforehand).
    assert_eq!(c.missing("chromium", &all), [Part::List(List::Terms)]);
    assert_eq!(c.search_lists(), [Part::List(List::Terms), Part::List(List::Grams)]);
    host.fetch(&c, c.search_lists());
    assert!(c.search_lists().is_empty());
    let need = c.missing("chromium", &all);
    assert!(!need.is_empty() && need.iter().all(|p| matches!(p, Part::Shard(List::Terms, _))), "{need:?}");
    assert_eq!(c.wanted("chromium", &all), need, "nothing beside the shards");
    // A listing made before the shards (a view asks for it anyway) is made again after them.
    assert!(c.listing("chromium", &all, Sort::Relevance).order.is_empty());
    host.fetch(&c, need);
    // Then the cards of the first screen of results, then the facet table for their counts.
    let results = c.listing("chromium", &all, Sort::Relevance);
    assert!(results.facets.pending && !results.order.is_empty());
    let cards = c.missing_cards(&results.order[..10]);
    assert!(!cards.is_empty() && results.order.len() > 10, "the best matches lie beyond the first page");
    assert_eq!(c.wanted("chromium", &all), cards);
    host.fetch(&c, cards);
    assert_eq!(c.wanted("chromium", &all), [Part::Facets]);
    host.fetch(&c, vec![Part::Facets]);
    assert!(!c.listing("chromium", &all, Sort::Relevance).facets.pending);
    assert_eq!(c.missing("", &all.clone().with(Facet::Tag, "export")), []);
    // Newest first, the first screen is in feed.json: the facet table follows the shards.
    let c = host.open();
    host.settle(&c, |c| c.missing("chromium", &all));
    assert!(c.missing_cards(&c.listing("chromium", &all, Sort::Newest).order[..10]).is_empty());
    assert_eq!(c.wanted("chromium", &all), [Part::Facets]);
}

#[test]
fn a_card_shows_the_picture_its_article_would() {
    let mut a = Archive::new("Pictures");
    let items = [
        json!({ "id": "own", "title": "Own", "date_published": "2024-01-05", "image": "/own.png", "content_html": "<img src=\"/body.png\">" }),
        json!({ "id": "banner", "title": "Banner", "date_published": "2024-01-04", "banner_image": "https://x.example/b.jpg" }),
        json!({ "id": "body", "title": "Body", "date_published": "2024-01-03", "content_html": "<p>Text</p><p><img src=\"images/a.png?x=1&amp;y=2\"></p>" }),
        json!({ "id": "none", "title": "None", "date_published": "2024-01-02", "content_html": "<p>No picture</p>" }),
        json!({ "id": "unsafe", "title": "Unsafe", "date_published": "2024-01-01", "content_html": "<img src=\"javascript:x\">" }),
    ];
    a.merge(items.into_iter().filter_map(|v| match v { Value::Object(o) => Some(o), _ => None }));
    // One item a page: every article but the first is read from its card.
    let host = Host::new(&site(&a, 1));
    let c = host.open();
    let order = c.listing("", &Filters::default(), Sort::Newest).order;
    host.settle(&c, |c| c.missing_cards(&order));
    let thumbs: Vec<_> = order.iter().map(|&i| c.article(i).and_then(|a| thumbnail(&a))).collect();
    assert_eq!(thumbs, [Some("/own.png".into()), Some("https://x.example/b.jpg".into()), Some("images/a.png?x=1&y=2".into()), None, None]);
    assert!(order[1..].iter().all(|&i| c.article(i).is_some_and(|a| a.body == Body::Empty)), "read from cards");
}

fn summary_of(site: &Site) -> Summary {
    Summary::from_json(&host_file(site, "summary-")).unwrap()
}

fn host_file(site: &Site, stem: &str) -> Vec<u8> {
    site.files.iter().find(|(p, _)| p.contains(stem)).map(|(_, b)| b.clone()).unwrap()
}

fn written(a: &Archive) -> Vec<u8> {
    let mut out = Vec::new();
    a.write(&mut out).unwrap();
    out
}

#[test]
fn an_article_deep_in_the_archive_opens_from_its_id() {
    let mut rng = Rng::new(5);
    let a = archive(&mut rng, 400);
    let host = Host::new(&site(&a, 10));
    let c = host.open();
    let single = Catalog::new(parse_bundle(&String::from_utf8(written(&a)).unwrap()).unwrap());
    let target = &single.articles()[single.listing("", &Filters::default(), Sort::Newest).order[395]];
    let mut rounds = 0;
    loop {
        let need = c.missing_for_article(&target.id);
        if need.is_empty() {
            break;
        }
        rounds += host.fetch(&c, need);
        assert!(rounds < 5, "an article is at most three fetches away");
    }
    assert_eq!(rounds, 3, "its id bucket, its card file, its page: each named from the summary or the one before");
    let doc = c.position(&target.id).unwrap();
    assert_eq!(c.full_article(doc).as_ref(), Some(target));
    assert!(c.is_settled("no-such-id") || !c.missing_for_article("no-such-id").is_empty());
}

#[test]
fn an_archive_card_shows_an_excerpt_of_its_teaser() {
    let mut rng = Rng::new(9);
    let mut a = archive(&mut rng, 60);
    let long = format!("{} The new line makes sodium dichromate.", "The plant ran steadily all year. ".repeat(6));
    // The oldest item: deep in the archive, past the first page, a card.
    a.merge([json!({ "id": "deep", "title": "Plant report", "date_published": "2019-01-01", "summary": long })
        .as_object().cloned().unwrap()]);
    let host = Host::new(&site(&a, 10));
    let c = host.open();
    host.settle(&c, |c| c.wanted("dichromate", &Filters::default()));
    let listing = c.listing("dichromate", &Filters::default(), Sort::Relevance);
    host.settle(&c, |c| c.missing_cards(&listing.order));
    assert_eq!(ids_of(&c, &listing.order), ["deep"]);
    let card = c.article(listing.order[0]).unwrap();
    assert!(card.body == Body::Empty && c.full_article(listing.order[0]).is_none(), "a card, not the full item");
    let text = CardText::new(&card);
    let t = c.teaser(listing.order[0], &text, &listing.matcher);
    let marked: Vec<&str> = t.parts.iter().filter(|p| p.1).map(|p| p.0).collect();
    assert!(t.cut_start && !t.cut_end && marked == ["dichromate"], "{t:?}");
}

#[test]
fn the_same_archive_builds_to_the_same_bytes() {
    let mut rng = Rng::new(11);
    let a = archive(&mut rng, 150);
    let (one, two) = (site(&a, 20), site(&a, 20));
    assert_eq!(one.files, two.files);
    for (path, bytes) in &one.files {
        // Feed pages and the summary are named by their hash; the rest end with it.
        match path.strip_suffix(".bin") {
            Some(_) => assert_eq!(fnv64(&bytes[..bytes.len() - 8]).to_le_bytes(), bytes[bytes.len() - 8..], "{path}"),
            None if path != "feed.json" => verify(path, bytes).unwrap_or_else(|e| panic!("{path}: {e:?}")),
            None => {}
        }
    }
    let mut grown = a.clone();
    grown.merge([item(&mut rng, 9999)]);
    // Another build renames every binary file: a cache never mixes two builds.
    let grown = site(&grown, 20);
    let names: std::collections::HashSet<&String> = one.files.iter().map(|(p, _)| p).filter(|p| p.ends_with(".bin")).collect();
    assert!(grown.files.iter().all(|(p, _)| !names.contains(p)));
    // So does the same archive cut otherwise (as another version of the writer might): same build, other files.
    let other = build_site(&a, Layout { per_page: 20, shard_bytes: 800 }, &|name, _| name.to_string()).unwrap();
    assert_eq!(Summary::from_json(&host_file(&other, "summary-")).unwrap().build, summary_of(&one).build);
    assert!(other.files.iter().all(|(p, _)| !names.contains(p)));
}

#[test]
fn files_round_trip() {
    let terms = vec![
        ("chromium", TermData::Weights(vec![(0, 7), (3, 255), (1000, 0)])),
        ("铬盐", TermData::Positions(vec![
            FieldPositions { doc: 2, field: 0, len: 9, positions: vec![0, 4] },
            FieldPositions { doc: 2, field: 2, len: 300, positions: vec![17] },
            FieldPositions { doc: 70_000, field: 1, len: 1, positions: vec![0] },
        ])),
    ];
    let bytes = encode_terms(42, &terms);
    let back = decode_terms(&bytes, 42).unwrap();
    assert_eq!(back, terms.iter().map(|(t, d)| (t.to_string(), d.clone())).collect::<Vec<_>>());
    let columns = |tags: Vec<Vec<u16>>| vec![
        Column::One(vec![Some(0), None, Some(300)]),
        Column::Many(tags.into()),
        Column::One(vec![None, Some(1), Some(0)]),
        Column::One(vec![Some(0), Some(0), Some(1)]),
    ];
    let table = FacetTable { columns: columns(vec![vec![], vec![0, 5], vec![2, 1]]) };
    let lists = |n: usize| (0..n).map(|i| (i.to_string(), 1)).collect::<Vec<_>>();
    let summary = Summary { build: 42, count: 3, facets: vec![lists(301), lists(6), lists(2), lists(2)], ..summary_of(&site(&archive(&mut Rng::new(1), 3), 5)) };
    let sorted = FacetTable { columns: columns(vec![vec![], vec![0, 5], vec![1, 2]]) };
    assert_eq!(decode_facets(&encode_facets(42, &table), &summary).unwrap(), sorted);
    let card = Article {
        id: "a".into(), title: "T \"q\"".into(), date: parse_date("2024-01-02T03:04:05+08:00"), summary: Some("铬".into()), body: Body::Empty,
        tags: vec!["x".into()], category: None, language: Some("zh".into()), url: None, image: None, authors: vec!["N".into()],
        page: Some("articles/副市长来访/".into()),
    };
    let pageless = Article { id: "b".into(), page: None, ..card.clone() };
    let cards = CardFile { build: 42, first: 100, pages: vec!["../pages/h1.json".into()], cards: vec![card.clone(), pageless] };
    assert_eq!(decode_cards(&encode_cards(&cards), 42).unwrap(), cards);
    // A page that would lead outside the site is read as none, as the item's own is.
    let hostile = CardFile { cards: vec![Article { page: Some("javascript:alert(1)".into()), ..card }], ..cards.clone() };
    assert_eq!(decode_cards(&encode_cards(&hostile), 42).unwrap().cards[0].page, None);
    let ids = [("a", 1), ("铬", 70_000)];
    assert_eq!(decode_ids(&encode_ids(42, &ids), 42).unwrap(), [("a".to_string(), 1), ("铬".to_string(), 70_000)]);
    for w in [0.001f32, 0.004, 0.3, 1.0, 2.9, 300.0, 1e9] {
        let q = quantize(w);
        assert_eq!(quantize(dequantize(q)), q, "{w}");
        assert!(!(0.004..=256.0).contains(&w) || (dequantize(q) / w - 1.0).abs() < 0.07, "{w} → {}", dequantize(q));
    }
}

#[test]
fn a_file_of_another_version_build_or_content_is_refused() {
    let mut rng = Rng::new(13);
    let site = site(&archive(&mut rng, 30), 10);
    let (name, summary) = site.files.iter().find(|(p, _)| p.contains("summary-")).unwrap();
    let text = std::str::from_utf8(summary).unwrap();
    let newer = text.replace(&format!("\"version\":{VERSION}"), &format!("\"version\":{}", VERSION + 1));
    assert_eq!(Summary::from_json(newer.as_bytes()), Err(FormatError::Version { found: VERSION + 1 }));
    let older = text.replace(&format!("\"version\":{VERSION}"), "\"version\":1");
    assert_eq!(Summary::from_json(older.as_bytes()), Err(FormatError::Version { found: 1 }), "version 1 cards have no pages");
    let older = text.replace(&format!("\"version\":{VERSION}"), "\"version\":2");
    assert_eq!(Summary::from_json(older.as_bytes()), Err(FormatError::Version { found: 2 }), "version 2 names its files by their own hash");
    assert_eq!(Summary::from_json(b"{\"version\":1}"), Err(FormatError::NotIndex));
    let s = Summary::from_json(summary).unwrap();
    assert!(verify(name, summary).is_ok());

    let (_, shard) = site.files.iter().find(|(p, _)| p.starts_with("index/terms-0-")).unwrap();
    assert!(decode_terms(shard, s.build).is_ok());
    assert_eq!(decode_terms(&shard[..shard.len() - 1], s.build), Err(FormatError::Damaged), "cut short");
    let mut flipped = shard.clone();
    flipped[20] ^= 1;
    assert_eq!(decode_terms(&flipped, s.build), Err(FormatError::Damaged), "a byte changed");
    assert_eq!(decode_terms(shard, s.build ^ 1), Err(FormatError::OtherBuild));
    // Cut short and hashed again (as a writer that stopped early would): its content ends early.
    let mut cut = shard[..shard.len() - 9].to_vec();
    cut.extend(fnv64(&cut).to_le_bytes());
    assert!(matches!(decode_terms(&cut, s.build), Err(FormatError::Malformed(_))));
    let mut future = shard.clone();
    future[4] = 9;
    assert_eq!(decode_terms(&future, s.build), Err(FormatError::Version { found: 9 }));

    // A facet table naming values the summary does not have is refused, not indexed with.
    let mut table = decode_facets(&host_file(&site, "facets-"), &s).unwrap();
    table.columns[Facet::Tag as usize] = Column::Many(vec![vec![s.facets[Facet::Tag as usize].len() as u16]; s.count].into());
    assert_eq!(decode_facets(&encode_facets(s.build, &table), &s), Err(FormatError::Malformed("a facet value the summary does not have")));

    // Through the catalog: the error names the file, and the part can be fetched again.
    let host = Host(site.files.iter().cloned().collect());
    let c = host.open();
    let need = c.missing("chromium", &Filters::default());
    let part = need[0];
    let path = host.path(&c, part);
    let bytes = &host.0[&path];
    let err = c.install(part, &bytes[..bytes.len() - 1]).unwrap_err();
    assert_eq!(err.error, PartFailure::Format(FormatError::Damaged));
    let words = crate::messages::describe::part_error(&crate::messages::EN, &err);
    assert!(words.starts_with("Search is unavailable: terms-list-h"), "{words}");
    assert_eq!(c.missing("chromium", &Filters::default()), need, "a refused file is still missing");
    c.install(part, &host.0[&path]).unwrap();
}

#[test]
fn an_article_is_found_by_its_static_page_among_what_was_read() {
    let mut rng = Rng::new(17);
    let a = archive(&mut rng, 90);
    let host = Host::new(&site(&a, 10));
    let c = host.open();
    let order = c.listing("", &Filters::default(), Sort::Newest).order;
    let paged = |c: &Catalog, i: usize| c.article(i).cloned().and_then(|a| a.page.map(|p| (a.id, p)));
    let (first_id, first_page) = order[..10].iter().find_map(|&i| paged(&c, i)).expect("an item with a page on the first page");
    let by_page = |c: &Catalog, page: &str| c.find(&|a| a.page.as_deref() == Some(page)).map(|a| a.id);
    assert_eq!(by_page(&c, &first_page), Some(first_id));
    // Deep in the archive: found once its card file is here; the look-up fetches nothing.
    let fresh = host.open();
    host.settle(&c, |c| c.missing_cards(&order));
    let (deep_id, deep_page) = order.iter().rev().find_map(|&i| paged(&c, i)).unwrap();
    assert!(order.iter().rposition(|&i| paged(&c, i).is_some()).unwrap() >= 10, "past the first page");
    assert_eq!(by_page(&fresh, &deep_page), None, "not read yet");
    assert_eq!(by_page(&c, &deep_page), Some(deep_id));
    assert_eq!(by_page(&c, "articles/no-such-item/"), None);
}

#[test]
fn a_site_given_its_pages_builds_as_the_archive_with_them_would() {
    for seed in 1..=8u64 {
        let mut rng = Rng::new(seed * 31);
        let n = 1 + rng.below(120);
        let a = archive(&mut rng, n);
        let link = |name: &str, _: bool| name.to_string();
        let read = listed(&a).unwrap().into_read();
        let pages: Vec<String> = (0..read.articles.len()).map(|n| format!("articles/a-{n}/")).collect();
        let with = a.clone().with_extension("page", read.positions.iter().zip(&pages).map(|(&at, p)| (at, Value::from(p.as_str()))));
        let once = build_site_with_pages(a, read, &pages, Layout { per_page: 7, shard_bytes: 400 }, &link).unwrap();
        let again = build_site(&with, Layout { per_page: 7, shard_bytes: 400 }, &link).unwrap();
        assert_eq!(once.files, again.files, "seed {seed}");
        assert_eq!((once.items, once.pages), (again.items, again.pages));
    }
}
