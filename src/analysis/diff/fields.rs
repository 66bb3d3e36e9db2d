//! Field-by-field differences between two versions of one entity.

use std::collections::HashSet;
use std::fmt::Write;

use super::FieldChange;
use super::pair::{Pair, pair_up};
use super::value::Value;

/// Appends every difference between two values below `path` to `out`.
pub(super) fn diff_values(
    path: &mut String,
    old: Option<&Value>,
    new: Option<&Value>,
    out: &mut Vec<FieldChange>,
) {
    match (old, new) {
        (Some(a), Some(b)) if a == b => {}
        (Some(Value::Map(a)), Some(Value::Map(b))) => {
            let in_a = a.lookup();
            for (key, b_value) in &b.0 {
                let len = push_segment(path, key);
                diff_values(path, in_a(key), Some(b_value), out);
                path.truncate(len);
            }
            let in_b = b.lookup();
            for (key, a_value) in a.0.iter().filter(|(k, _)| in_b(k).is_none()) {
                let len = push_segment(path, key);
                diff_values(path, Some(a_value), None, out);
                path.truncate(len);
            }
        }
        (Some(Value::List(a)), Some(Value::List(b))) => diff_lists(path, a, b, out),
        (Some(Value::List(a)), None) => diff_lists(path, a, &[], out),
        (None, Some(Value::List(b))) => diff_lists(path, &[], b, out),
        (a, b) => out.push(FieldChange {
            path: path.clone(),
            old: a.map(Value::to_owned_value).unwrap_or_default(),
            new: b.map(Value::to_owned_value).unwrap_or_default(),
        }),
    }
}

/// Adds `.key` to a path (no dot at the start), returning the length to truncate back to.
fn push_segment(path: &mut String, key: &str) -> usize {
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    len
}

/// Lists compare as sets of items: scalars by value, records by what identifies them in
/// their list (see [`item_key`]); a record matched on both sides is compared field by field
/// under `list[key]`.
fn diff_lists(path: &mut String, old: &[Value], new: &[Value], out: &mut Vec<FieldChange>) {
    let list = path.rsplit(['.', ']']).next().unwrap_or("").to_owned();
    // A scalar repeated in a list is the same member of the set.
    let members = |items: &[Value]| -> (Vec<usize>, Vec<String>) {
        let mut seen = HashSet::new();
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let key = item_key(&list, item);
                (item.is_record() || seen.insert(key.clone())).then_some((i, key))
            })
            .unzip()
    };
    let (old_index, old_keys) = members(old);
    let (new_index, new_keys) = members(new);
    let old_refs: Vec<&str> = old_keys.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_keys.iter().map(String::as_str).collect();
    let pairs = pair_up(&old_refs, &new_refs, |o, n| {
        old[old_index[o]] == new[new_index[n]]
    });
    for pair in pairs {
        let (o, n, label) = match pair {
            Pair::Both {
                old: o,
                new: n,
                label,
            } => (Some(&old[old_index[o]]), Some(&new[new_index[n]]), label),
            Pair::New { new: n, label } => (None, Some(&new[new_index[n]]), label),
            Pair::Old { old: o, label } => (Some(&old[old_index[o]]), None, label),
        };
        if o.or(n).is_some_and(Value::is_record) {
            let len = path.len();
            let _ = write!(path, "[{label}]");
            diff_values(path, o, n, out);
            path.truncate(len);
        } else {
            diff_values(path, o, n, out);
        }
    }
}

/// What identifies a list item: an `id` when it has one; otherwise the fields that tell the
/// records of its list apart (a share block by year, metric and source); a scalar by value.
/// Items with equal keys are matched in order.
fn item_key(list: &str, item: &Value) -> String {
    if let Some(text) = item.scalar_text() {
        return text.into_owned();
    }
    if let Some(id) = item.get("id").and_then(Value::scalar_text) {
        return id.into_owned();
    }
    let fields: &[&str] = match list {
        "shares" => &["year", "metric", "source"],
        "owners" => &["firm", "government", "name", "since"],
        "lifecycle" => &["status"],
        "figures" | "output" => &["label", "year", "unit"],
        "capacity" => &["stage", "product", "label", "year"],
        _ => &["name", "label", "title", "date", "year"],
    };
    let mut key = String::new();
    for field in fields {
        if let Some(text) = item.get(field).and_then(Value::scalar_text) {
            if !key.is_empty() {
                key.push_str(", ");
            }
            key.push_str(&text);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(json: &str) -> Value<'_> {
        serde_json::from_str(json).unwrap()
    }

    fn fields(old: &str, new: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        diff_values(&mut String::new(), Some(&v(old)), Some(&v(new)), &mut out);
        out.into_iter()
            .map(|f| (f.path, f.old.to_string(), f.new.to_string()))
            .collect()
    }

    fn triple(path: &str, old: &str, new: &str) -> (String, String, String) {
        (path.into(), old.into(), new.into())
    }

    #[test]
    fn scalar_lists_are_sets() {
        assert!(fields(r#"{"a": [1, 2, 3]}"#, r#"{"a": [3, 1, 2, 2]}"#).is_empty());
        assert_eq!(
            fields(r#"{"a": ["x", "y"]}"#, r#"{"a": ["y", "z"]}"#),
            vec![triple("a", "", "z"), triple("a", "x", "")]
        );
    }

    #[test]
    fn records_match_by_key_and_compare_by_field() {
        let old = r#"{"shares": [
            {"year": 2024, "metric": "m", "source": "s", "countries": {"CN": 60, "US": 10}},
            {"year": 2025, "metric": "m", "source": "s", "countries": {"CN": 70}}]}"#;
        let new = r#"{"shares": [
            {"year": 2025, "metric": "m", "source": "s", "countries": {"CN": 69}},
            {"year": 2024, "metric": "m", "source": "s", "countries": {"US": 10, "CN": 60}}]}"#;
        assert_eq!(
            fields(old, new),
            vec![triple("shares[2025, m, s].countries.CN", "70", "69")]
        );
    }

    #[test]
    fn records_without_a_key_pair_in_order_after_equal_ones() {
        let old = r#"{"l": [{"a": 1}, {"a": 2}, {"a": 3}]}"#;
        let new = r#"{"l": [{"a": 3}, {"a": 1}, {"a": 5}]}"#;
        assert_eq!(fields(old, new), vec![triple("l[#3].a", "2", "5")]);
    }

    #[test]
    fn absent_lists_are_empty_and_absent_fields_are_null() {
        assert_eq!(
            fields(r"{}", r#"{"aliases": ["A"], "place": "P"}"#),
            vec![triple("aliases", "", "A"), triple("place", "", "P")]
        );
    }
}
