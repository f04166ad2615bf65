//! Ordering among siblings without stored lists of children.
//!
//! A rank is a string of the letters `a`..=`z`; siblings sort by rank then
//! id. A record moved or inserted between two others takes a rank strictly
//! between theirs, so two people reordering different items never collide.

/// The rank given to the first record of its kind under a parent.
pub const FIRST_RANK: &str = "n";

const LOW: u8 = b'a';
const SPAN: u8 = 26;

/// A rank that sorts after `rank`.
pub fn rank_after(rank: &str) -> String {
    rank_between(rank, None)
}

/// A rank strictly between `low` and `high` (or after `low` when there is no
/// `high`). `low` must sort before `high`.
///
/// Ranks read as base-26 fractions and never end in `a`, so there is always
/// room between two of them.
pub fn rank_between(low: &str, high: Option<&str>) -> String {
    let digit =
        |text: &[u8], i: usize, missing: u8| text.get(i).map_or(missing, |c| c.saturating_sub(LOW));
    let low = low.as_bytes();
    let mut high = high.map(str::as_bytes);
    let mut out = String::new();
    for i in 0.. {
        let l = digit(low, i, 0);
        let h = high.map_or(SPAN, |h| digit(h, i, SPAN));
        if h > l + 1 {
            out.push(char::from(LOW + l + (h - l) / 2));
            break;
        }
        out.push(char::from(LOW + l));
        if h > l {
            high = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_sorts_strictly_between() {
        let cases = [
            ("a", Some("b")),
            ("n", Some("o")),
            ("n", None),
            ("az", Some("b")),
            ("zz", None),
        ];
        for (low, high) in cases {
            let mid = rank_between(low, high);
            assert!(mid.as_str() > low, "{mid} > {low}");
            if let Some(high) = high {
                assert!(mid.as_str() < high, "{mid} < {high}");
            }
        }
    }

    #[test]
    fn many_appends_and_inserts_keep_order() {
        let mut ranks = vec![FIRST_RANK.to_string()];
        for _ in 0..60 {
            let last = ranks.last().cloned().unwrap_or_default();
            ranks.push(rank_after(&last));
        }
        for _ in 0..60 {
            let mid = rank_between(&ranks[0], Some(&ranks[1]));
            ranks.insert(1, mid);
        }
        let mut sorted = ranks.clone();
        sorted.sort();
        assert_eq!(ranks, sorted);
        sorted.dedup();
        assert_eq!(ranks.len(), sorted.len());
    }
}
