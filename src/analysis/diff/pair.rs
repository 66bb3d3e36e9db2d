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
    let mut matching = Matching {
        partner: vec![None; new.len()],
        matched_old: vec![false; old.len()],
        occurrence_new: vec![0; new.len()],
        occurrence_old: vec![0; old.len()],
    };
    for group in all.chunk_by(|a, b| a.0 == b.0) {
        let split = group.partition_point(|item| !item.1);
        let (olds, news) = group.split_at(split);
        let olds: Vec<usize> = olds.iter().map(|item| item.2).collect();
        let news: Vec<usize> = news.iter().map(|item| item.2).collect();
        let keyless = group[0].0.is_empty();
        number(&mut matching.occurrence_old, &olds, keyless);
        number(&mut matching.occurrence_new, &news, keyless);
        matching.match_group(olds, &news, &equal);
    }
    matching.into_pairs(old, new)
}

/// Which items of two lists correspond, as [`pair_up`] finds it.
struct Matching {
    /// For each new item, the old item it is matched with, and whether the two are equal.
    partner: Vec<Option<(usize, bool)>>,
    matched_old: Vec<bool>,
    /// Occurrence of each item within its key on its side (1-based), 0 when alone.
    occurrence_new: Vec<usize>,
    occurrence_old: Vec<usize>,
}

/// Numbers the items of one side sharing a key, when there are several or they have no key.
fn number(occurrence: &mut [usize], items: &[usize], keyless: bool) {
    if items.len() > 1 || keyless {
        for (n, &i) in items.iter().enumerate() {
            occurrence[i] = n + 1;
        }
    }
}

impl Matching {
    /// Matches the old and new items of one key: equal ones first, then the rest in order.
    fn match_group(
        &mut self,
        olds: Vec<usize>,
        news: &[usize],
        equal: impl Fn(usize, usize) -> bool,
    ) {
        if let ([o], [n]) = (olds.as_slice(), news) {
            self.partner[*n] = Some((*o, equal(*o, *n)));
            self.matched_old[*o] = true;
            return;
        }
        let mut free_old = olds;
        if free_old.len().saturating_mul(news.len()) <= EQUAL_SEARCH {
            for &n in news {
                if let Some(at) = free_old.iter().position(|&o| equal(o, n)) {
                    let o = free_old.remove(at);
                    self.partner[n] = Some((o, true));
                    self.matched_old[o] = true;
                }
            }
        }
        let mut rest = free_old.into_iter();
        for &n in news {
            if self.partner[n].is_some() {
                continue;
            }
            let Some(o) = rest.next() else { break };
            self.partner[n] = Some((o, equal(o, n)));
            self.matched_old[o] = true;
        }
    }

    /// The pairs to report: matched items that differ, then new ones, then unmatched old ones.
    fn into_pairs(self, old: &[&str], new: &[&str]) -> Vec<Pair> {
        let label = |key: &str, occurrence: usize| match (key.is_empty(), occurrence) {
            (_, 0) => key.to_owned(),
            (true, n) => format!("#{n}"),
            (false, n) => format!("{key} #{n}"),
        };
        let mut pairs = Vec::new();
        for (n, key) in new.iter().enumerate() {
            let label = || label(key, self.occurrence_new[n]);
            match self.partner[n] {
                Some((_, true)) => {}
                Some((o, false)) => pairs.push(Pair::Both {
                    old: o,
                    new: n,
                    label: label(),
                }),
                None => pairs.push(Pair::New {
                    new: n,
                    label: label(),
                }),
            }
        }
        for (o, key) in old.iter().enumerate() {
            if !self.matched_old[o] {
                pairs.push(Pair::Old {
                    old: o,
                    label: label(key, self.occurrence_old[o]),
                });
            }
        }
        pairs
    }
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
