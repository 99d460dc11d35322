//! The pass over every article that a listing makes: which articles a view
//! shows (found, and passing every filter), in the order walked, and what
//! choosing each facet value would give with the other filters kept.
//!
//! It runs on every keystroke over every article (10,000 and more), in a
//! release build optimised for size, which inlines little: so it is plain
//! loops over slices, with no closure or iterator adaptor called per
//! article or per value. And it reads the facet columns in article order,
//! front to back, rather than in the order shown: between two keystrokes
//! the page's other work has pushed them out of the processor's caches,
//! and read in date order every article's values would be a miss.

use crate::prebuilt::format::Column;

/// The articles shown, and each facet's counts by value.
#[derive(Debug, PartialEq, Eq)]
pub struct Tally {
    pub shown: Vec<usize>,
    pub counts: Vec<Vec<usize>>,
}

/// The articles shown in the order of `runs` (lists of positions, each
/// walked backwards when its flag says so; together every article once).
/// - `found`: each article's score, NaN when the query did not find it
///   (`None`: no query, every article is found);
/// - `columns`: each facet's values by article (`None`: not known yet, so
///   nothing is filtered or counted);
/// - `wanted`: per facet, no filter or the value it requires (`Some(None)`:
///   a value no article has, which nothing passes);
/// - `sizes`: how many values each facet has.
#[cfg_attr(newsroom_speed, optimize(speed))]
pub fn tally(runs: &[(&[u32], bool)], found: Option<&[f32]>, columns: Option<&[Column]>, wanted: &[Option<Option<u16>>], sizes: &[usize]) -> Tally {
    let mut counts: Vec<Vec<usize>> = sizes.iter().map(|&n| vec![0; n]).collect();
    let articles = runs.iter().map(|r| r.0.len()).sum::<usize>();
    // Whether each article is shown: found, and passing every filter.
    let mut passes = vec![false; articles];
    let facets = columns.map_or(0, <[Column]>::len).min(wanted.len()).min(counts.len());
    let filtered = wanted.iter().any(Option::is_some);
    for i in 0..articles {
        if found.is_some_and(|f| f.get(i).is_none_or(|s| s.is_nan())) {
            continue;
        }
        let Some(columns) = columns else {
            passes[i] = true;
            continue;
        };
        // How many filters the article fails, and the last one.
        let (mut failing, mut failed) = (0, usize::MAX);
        if filtered {
            for f in 0..facets {
                if let Some(want) = wanted[f] {
                    if !want.is_some_and(|w| has(&columns[f], i, w)) {
                        failing += 1;
                        failed = f;
                    }
                }
            }
        }
        if failing > 1 {
            continue;
        }
        // Each facet counts what choosing its value would give with the other filters kept.
        for f in 0..facets {
            if failing == 0 || failed == f {
                count(&columns[f], i, &mut counts[f]);
            }
        }
        passes[i] = failing == 0;
    }
    let mut shown = Vec::new();
    for &(run, backwards) in runs {
        let n = run.len();
        for k in 0..n {
            let i = run[if backwards { n - 1 - k } else { k }] as usize;
            if passes.get(i).copied().unwrap_or(false) {
                shown.push(i);
            }
        }
    }
    Tally { shown, counts }
}

#[inline(always)]
fn has(column: &Column, doc: usize, value: u16) -> bool {
    match column {
        Column::One(v) => v.get(doc).is_some_and(|&x| x == Some(value)),
        Column::Many(v) => v.get(doc).is_some_and(|xs| xs.contains(&value)),
    }
}

#[inline(always)]
fn count(column: &Column, doc: usize, counts: &mut [usize]) {
    match column {
        Column::One(v) => {
            if let Some(&Some(x)) = v.get(doc) {
                if let Some(c) = counts.get_mut(usize::from(x)) {
                    *c += 1;
                }
            }
        }
        Column::Many(v) => {
            if let Some(xs) = v.get(doc) {
                for &x in xs {
                    if let Some(c) = counts.get_mut(usize::from(x)) {
                        *c += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    /// The definition, article by article: the facets it fails, and what each would count.
    fn reference(order: &[u32], found: Option<&[f32]>, columns: &[Column], wanted: &[Option<Option<u16>>], sizes: &[usize]) -> Tally {
        let mut counts: Vec<Vec<usize>> = sizes.iter().map(|&n| vec![0; n]).collect();
        let mut shown = Vec::new();
        for &i in order {
            let i = i as usize;
            if found.is_some_and(|f| f[i].is_nan()) {
                continue;
            }
            let values = |f: usize| -> Vec<u16> {
                match &columns[f] {
                    Column::One(v) => v[i].into_iter().collect(),
                    Column::Many(v) => v.get(i).unwrap().to_vec(),
                }
            };
            let fails: Vec<bool> = (0..columns.len()).map(|f| wanted[f].is_some_and(|w| w.is_none_or(|w| !values(f).contains(&w)))).collect();
            for f in 0..columns.len() {
                if fails.iter().enumerate().all(|(g, &x)| g == f || !x) {
                    values(f).into_iter().for_each(|v| counts[f][usize::from(v)] += 1);
                }
            }
            if !fails.contains(&true) {
                shown.push(i);
            }
        }
        Tally { shown, counts }
    }

    #[test]
    fn property_filters_and_counts_as_defined() {
        let mut rng = Rng::new(11);
        for _ in 0..300 {
            let n = rng.below(60);
            let sizes = [1 + rng.below(5), 1 + rng.below(8), 1 + rng.below(4)];
            let one = |rng: &mut Rng, k: usize| (rng.below(4) > 0).then(|| rng.below(k) as u16);
            let columns = vec![
                Column::One((0..n).map(|_| one(&mut rng, sizes[0])).collect()),
                Column::Many((0..n).map(|_| (0..rng.below(4)).map(|_| rng.below(sizes[1]) as u16).collect::<Vec<u16>>()).collect::<Vec<_>>().into()),
                Column::One((0..n).map(|_| one(&mut rng, sizes[2])).collect()),
            ];
            let wanted: Vec<Option<Option<u16>>> = sizes.iter().map(|&k| match rng.below(4) {
                0 => Some(Some(rng.below(k) as u16)),
                1 if rng.below(4) == 0 => Some(None),
                _ => None,
            }).collect();
            let found: Option<Vec<f32>> = (rng.below(2) == 0).then(|| (0..n).map(|_| if rng.below(3) == 0 { f32::NAN } else { 1.0 }).collect());
            let mut order: Vec<u32> = (0..n as u32).collect();
            for k in (1..order.len()).rev() {
                order.swap(k, rng.below(k + 1));
            }
            let split = rng.below(n + 1);
            let backwards = rng.below(2) == 0;
            let mut walked: Vec<u32> = order[..split].to_vec();
            if backwards {
                walked.reverse();
            }
            walked.extend(&order[split..]);
            let got = tally(&[(&order[..split], backwards), (&order[split..], false)], found.as_deref(), Some(&columns), &wanted, &sizes);
            assert_eq!(got, reference(&walked, found.as_deref(), &columns, &wanted, &sizes), "wanted {wanted:?}");
        }
    }

    #[test]
    fn without_columns_every_found_article_is_shown_and_nothing_counted() {
        let found = [1.0, f32::NAN, 2.0];
        let t = tally(&[(&[2, 1, 0], false)], Some(&found), None, &[Some(Some(0))], &[2]);
        assert_eq!(t, Tally { shown: vec![2, 0], counts: vec![vec![0, 0]] });
    }
}
