//! Every sort in the app goes through here. Each standard-library sort call
//! with its own element type or comparator is a separate ~3 KB copy of the
//! sorting algorithm in the wasm; `stable_order`, a merge sort of positions
//! (a tenth of std's code), is the only one. Numeric
//! keys on a hot path (relevance on every keystroke) take `order_by_key`, a
//! radix sort: no comparisons, so no call per comparison either. (The index's
//! hot paths group and scan instead of sorting.)

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their order (stable).
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The positions of `keys` in ascending key order, equal keys in position
/// order (stable): a least-significant-byte-first radix sort.
#[cfg_attr(newsroom_speed, optimize(speed))]
pub fn order_by_key(keys: &[u64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let mut next = vec![0; keys.len()];
    for shift in (0..64).step_by(8) {
        let byte = |i: usize| (keys[i] >> shift) as u8 as usize;
        let mut start = [0usize; 256];
        for &i in &order {
            start[byte(i)] += 1;
        }
        // A byte all keys share leaves the order as it is.
        if start.contains(&keys.len()) {
            continue;
        }
        let mut at = 0;
        for slot in start.iter_mut() {
            (*slot, at) = (at, at + *slot);
        }
        for &i in &order {
            let slot = &mut start[byte(i)];
            next[*slot] = i;
            *slot += 1;
        }
        std::mem::swap(&mut order, &mut next);
    }
    order
}

/// The positions `0..len` ordered by `cmp`, ties by position. Monomorphic,
/// so every `sort_by` shares this one sort: runs merged bottom-up, two
/// already in order left as they are (a sorted list costs one comparison a
/// position).
fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let (mid, end) = ((start + width).min(len), (start + 2 * width).min(len));
            if mid == end || cmp(order[mid - 1], order[mid]) != Ordering::Greater {
                merged[start..end].copy_from_slice(&order[start..end]);
                continue;
            }
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // The right run's item first only when it is less: equal items keep their order.
                let take_right = right < end && (left == mid || cmp(order[right], order[left]) == Ordering::Less);
                *slot = if take_right { order[right] } else { order[left] };
                if take_right {
                    right += 1;
                } else {
                    left += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_key_is_a_stable_sort() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            seed
        };
        for len in [0, 1, 2, 5, 300, 3000] {
            // Few distinct values in some bytes, all values in others, and many ties.
            let keys: Vec<u64> = (0..len).map(|_| ((next() % 50) << 40) | (next() >> 60) | ((next() % 3) << 9)).collect();
            let mut expected: Vec<usize> = (0..len).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(order_by_key(&keys), expected, "{len} keys");
        }
        assert_eq!(order_by_key(&[u64::MAX, 0, u64::MAX, 1 << 63]), [1, 3, 0, 2]);
    }

    #[test]
    fn sort_by_is_stable() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }

    #[test]
    fn sort_by_agrees_with_std_stable_sort() {
        let mut rng = crate::test_rng::Rng::new(31);
        for len in [1, 2, 3, 7, 8, 9, 64, 100, 1000, 4097] {
            for ties in [2, 10, 1_000_000] {
                let random: Vec<(usize, usize)> = (0..len).map(|i| (rng.below(ties), i)).collect();
                let mut sorted = random.clone();
                sorted.sort_by_key(|p| p.0);
                let mut descending = sorted.clone();
                descending.reverse();
                for input in [random, sorted, descending] {
                    let mut ours = input.clone();
                    sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                    let mut std = input;
                    std.sort_by_key(|p| p.0);
                    assert_eq!(ours, std, "{len} items, {ties} keys");
                }
            }
        }
    }
}
