//! One sort for every list in the workbook.
//!
//! The standard library's sorts are compiled once per element type and
//! comparison, about 2 KB of wasm each. Lists here are short (tens to
//! hundreds of records), so one merge sort over positions, compiled once,
//! serves them all; only the small step that moves the items is generic.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping items that compare equal in their
/// original order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives each, keeping equal keys in order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` gives: a bottom-up merge
/// sort, stable.
#[inline(never)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut to[start..end] {
                let take_left = right >= end
                    || (left < middle && compare(from[left], from[right]) != Ordering::Greater);
                if take_left {
                    *slot = from[left];
                    left += 1;
                } else {
                    *slot = from[right];
                    right += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in 0..70 {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|(k, _)| *k);
            sort_by_key(&mut items, |(k, _)| *k);
            assert_eq!(items, expected, "length {len}");
        }
    }

    #[test]
    fn sorts_in_reverse_with_a_reversed_comparison() {
        let mut words = vec!["b", "d", "a", "c"];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["d", "c", "b", "a"]);
    }
}
