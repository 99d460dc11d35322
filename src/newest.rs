//! The newest headlines: articles newest first, undated ones last, the
//! order every list on the page starts from. The catalog keeps it for the
//! news page; the headlines entry (`src/headlines/`) takes the first few of
//! one category from it without a catalog, which would bring the search
//! index and facet tables into its small wasm.

use crate::article::Article;
use crate::sort::order_by_key;

/// Article positions in date order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateOrder {
    /// Dated articles, newest first (ties: bundle order).
    pub dated: Vec<u32>,
    /// Undated articles, in bundle order: listed after the dated ones.
    pub undated: Vec<u32>,
}

impl DateOrder {
    pub fn of(articles: &[Article]) -> DateOrder {
        let (dated, undated): (Vec<u32>, Vec<u32>) =
            (0..articles.len() as u32).partition(|&i| articles[i as usize].date.is_some());
        // A key that sorts the latest instant first: the timestamp's order
        // bits, inverted. Stable, so equal dates stay in bundle order.
        let key = |i: u32| articles[i as usize].date.as_ref().map_or(0, |d| !((d.timestamp as u64) ^ (1 << 63)));
        let keys: Vec<u64> = dated.iter().map(|&i| key(i)).collect();
        let dated = order_by_key(&keys).into_iter().map(|k| dated[k]).collect();
        DateOrder { dated, undated }
    }

    /// Every position, newest first, the undated after.
    pub fn newest_first(&self) -> impl Iterator<Item = usize> + '_ {
        self.dated.iter().chain(&self.undated).map(|&i| i as usize)
    }
}

/// The positions of the `limit` newest articles, of `category` only when one is given.
pub fn headlines(articles: &[Article], order: &DateOrder, category: Option<&str>, limit: usize) -> Vec<usize> {
    order
        .newest_first()
        .filter(|&i| category.is_none_or(|c| articles[i].category.as_deref() == Some(c)))
        .take(limit)
        .collect()
}

/// Whether a list of `limit` headlines (of one category, or not) may reach
/// past a pre-built archive's first page of `first` articles: then only the
/// archive's summary and cards can tell which they are.
pub fn past_first_page(category: bool, limit: usize, first: usize) -> bool {
    category || limit > first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::parse_bundle;
    use crate::catalog::Catalog;
    use crate::test_rng::Rng;
    use crate::url_state::{Facet, Filters, Sort};

    #[test]
    fn newest_first_undated_last_ties_in_bundle_order() {
        let text = r#"{"items":[{"id":"u1","title":"U1"},{"id":"a","title":"A","date_published":"2023-01-01"},
            {"id":"b","title":"B","date_published":"2024-01-01T00:00:00+08:00"},{"id":"c","title":"C","date_published":"2023-12-31T16:00:00Z"},
            {"id":"u2","title":"U2","date_published":"soon"},{"id":"d","title":"D","date_published":"2023-06-01","_newsroom":{"category":"X"}}]}"#;
        let b = parse_bundle(text).unwrap();
        let order = DateOrder::of(&b.articles);
        let ids = |positions: Vec<usize>| positions.into_iter().map(|i| b.articles[i].id.clone()).collect::<Vec<_>>();
        // b and c are the same instant: bundle order.
        assert_eq!(ids(order.newest_first().collect()), ["b", "c", "d", "a", "u1", "u2"]);
        assert_eq!(ids(headlines(&b.articles, &order, None, 3)), ["b", "c", "d"]);
        assert_eq!(ids(headlines(&b.articles, &order, Some("X"), 5)), ["d"]);
        assert_eq!(ids(headlines(&b.articles, &order, Some("x"), 5)), Vec::<String>::new());
        assert!(headlines(&[], &DateOrder::default(), None, 5).is_empty());
    }

    /// The headlines are what the news page lists first for the same category.
    #[test]
    fn the_same_headlines_as_the_catalogs_listing() {
        let mut rng = Rng::new(19);
        for round in 0..200 {
            let n = rng.below(40);
            let items: Vec<String> = (0..n)
                .map(|i| {
                    let date = match rng.below(4) {
                        0 => String::new(),
                        _ => format!(r#","date_published":"202{}-0{}-1{}T1{}:00:00+0{}:00""#, rng.below(3), 1 + rng.below(9), rng.below(9), rng.below(9), rng.below(9)),
                    };
                    let category = rng.pick(&["", r#","_newsroom":{"category":"Products"}"#, r#","_newsroom":{"category":"News"}"#]);
                    format!(r#"{{"id":"{i}","title":"T{i}"{date}{category}}}"#)
                })
                .collect();
            let bundle = parse_bundle(&format!(r#"{{"items":[{}]}}"#, items.join(","))).unwrap();
            let order = DateOrder::of(&bundle.articles);
            let catalog = Catalog::unindexed(bundle.clone());
            for (category, limit) in [(None, 5), (Some("Products"), 3), (Some("News"), 100), (Some("None"), 5)] {
                let filters = category.map_or_else(Filters::default, |c| Filters::default().with(Facet::Category, c));
                let listed: Vec<usize> = catalog.listing("", &filters, Sort::Newest).order.into_iter().take(limit).collect();
                assert_eq!(headlines(&bundle.articles, &order, category, limit), listed, "round {round}, {category:?}");
            }
        }
    }

    #[test]
    fn an_archive_is_needed_for_a_category_or_more_than_its_first_page() {
        assert!(!past_first_page(false, 5, 50));
        assert!(!past_first_page(false, 50, 50));
        assert!(past_first_page(false, 51, 50));
        assert!(past_first_page(true, 1, 50));
    }
}
