//! How the items of two lists correspond, matched by key.

/// How items of two lists correspond. Labels are the key, with `#n` when several items
/// share it, or `#n` alone for items without a key.
#[derive(Debug, PartialEq)]
pub(super) enum Pair {
    /// Matched and to be compared field by field (matched items that are equal are left out).
    Both {
        old: usize,
        new: usize,
        label: String,
    },
    New {
        new: usize,
        label: String,
    },
    Old {
        old: usize,
        label: String,
    },
}

/// Largest number of old × new items sharing one key that are searched for equal pairs; past
/// it, they pair in order, so that a long list of keyless items stays linear.
const EQUAL_SEARCH: usize = 4096;

/// Matches items by key: within a key, equal items first (so reordering is no change), then
/// the rest in order. New-side items come in their order, then unmatched old-side ones in
/// theirs.
pub(super) fn pair_up(
    old: &[&str],
    new: &[&str],
    equal: impl Fn(usize, usize) -> bool,
) -> Vec<Pair> {
    // Items sorted by key, old side first within a key, each side in file order.
    let mut all: Vec<(&str, bool, usize)> = old
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, false, i))
        .chain(new.iter().enumerate().map(|(i, k)| (*k, true, i)))
        .collect();
    all.sort_unstable();
    // partner[n]: the old item new item n is matched with, and whether the two are equal.
    let mut partner: Vec<Option<(usize, bool)>> = vec![None; new.len()];
    let mut matched_old = vec![false; old.len()];
    // Occurrence of the item within its key on its side (1-based), 0 when alone.
    let mut occurrence_new = vec![0usize; new.len()];
    let mut occurrence_old = vec![0usize; old.len()];
    for group in all.chunk_by(|a, b| a.0 == b.0) {
        let split = group.partition_point(|item| !item.1);
        let (olds, news) = group.split_at(split);
        let olds: Vec<usize> = olds.iter().map(|item| item.2).collect();
        let news: Vec<usize> = news.iter().map(|item| item.2).collect();
        if olds.len() > 1 || group[0].0.is_empty() {
            for (n, &i) in olds.iter().enumerate() {
                occurrence_old[i] = n + 1;
            }
        }
        if news.len() > 1 || group[0].0.is_empty() {
            for (n, &i) in news.iter().enumerate() {
                occurrence_new[i] = n + 1;
            }
        }
        if let ([o], [n]) = (olds.as_slice(), news.as_slice()) {
            partner[*n] = Some((*o, equal(*o, *n)));
            matched_old[*o] = true;
            continue;
        }
        let mut free_old = olds;
        if free_old.len().saturating_mul(news.len()) <= EQUAL_SEARCH {
            for &n in &news {
                if let Some(at) = free_old.iter().position(|&o| equal(o, n)) {
                    let o = free_old.remove(at);
                    partner[n] = Some((o, true));
                    matched_old[o] = true;
                }
            }
        }
        let mut rest = free_old.into_iter();
        for &n in &news {
            if partner[n].is_some() {
                continue;
            }
            let Some(o) = rest.next() else { break };
            partner[n] = Some((o, equal(o, n)));
            matched_old[o] = true;
        }
    }
    let label = |key: &str, occurrence: usize| match (key.is_empty(), occurrence) {
        (_, 0) => key.to_owned(),
        (true, n) => format!("#{n}"),
        (false, n) => format!("{key} #{n}"),
    };
    let mut pairs = Vec::new();
    for (n, key) in new.iter().enumerate() {
        match partner[n] {
            Some((_, true)) => {}
            Some((o, false)) => pairs.push(Pair::Both {
                old: o,
                new: n,
                label: label(key, occurrence_new[n]),
            }),
            None => pairs.push(Pair::New {
                new: n,
                label: label(key, occurrence_new[n]),
            }),
        }
    }
    for (o, key) in old.iter().enumerate() {
        if !matched_old[o] {
            pairs.push(Pair::Old {
                old: o,
                label: label(key, occurrence_old[o]),
            });
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_numbered() {
        let pairs = pair_up(&["a", "a"], &["a", "a", "a"], |o, n| o == n);
        assert_eq!(
            pairs,
            vec![Pair::New {
                new: 2,
                label: "a #3".into()
            }]
        );
    }
}
