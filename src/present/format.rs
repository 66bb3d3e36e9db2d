//! How numbers, money, percentages, ranges and counts read, everywhere rechain shows them.

use std::fmt::Write;

use crate::model::{Amount, Figure};
use crate::text::one_line;

/// A number as people read it in a report: thousands separated, at most two decimals, and
/// never `-0`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let rounded = (value.abs() * 100.0).round() / 100.0;
    let whole = rounded.trunc() as u64;
    let cents = ((rounded - rounded.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if value < 0.0 && (whole > 0 || cents > 0) {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    if cents > 0 {
        let _ = write!(out, ".{cents:02}");
        while out.ends_with('0') {
            out.pop();
        }
    }
    out
}

/// A money amount in words a meeting uses: `USD 400 million`.
pub fn money(amount: &Amount) -> String {
    let v = amount.value;
    let (scaled, word) = if v.abs() >= 1e9 {
        (v / 1e9, " billion")
    } else if v.abs() >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    format!("{} {}{word}", one_line(&amount.currency), number(scaled))
}

/// A percent with one decimal.
pub fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

/// A figure's value, or its range when the source gives one: `12,000–15,000`.
pub fn range(figure: &Figure) -> String {
    match figure.max {
        Some(max) if max > figure.value => format!("{}–{}", number(figure.value), number(max)),
        _ => number(figure.value),
    }
}

/// `s` after a count other than one.
pub fn plural(n: u128) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A count and its noun, singular or plural: `1 route`, `1,024 routes`, `no route`.
pub fn count(n: u128, singular: &str, plural: &str) -> String {
    match n {
        0 => format!("no {singular}"),
        1 => format!("1 {singular}"),
        n => format!("{} {plural}", number(n as f64)),
    }
}

/// A source id shortened to `width` cells, keeping its start and end (`lynas-…-2025`).
pub fn shorten_id(id: &str, width: usize) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= width {
        return id.to_owned();
    }
    if width < 3 {
        return chars[..width].iter().collect();
    }
    let tail = (width - 1) / 2;
    let head = width - 1 - tail;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_reports() {
        assert_eq!(number(390000.0), "390,000");
        assert_eq!(number(1234567.5), "1,234,567.5");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-1000.0), "-1,000");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(12.345), "12.35");
    }

    #[test]
    fn counts_name_their_noun() {
        assert_eq!(count(0, "route", "routes"), "no route");
        assert_eq!(count(1, "route", "routes"), "1 route");
        assert_eq!(count(1024, "facility", "facilities"), "1,024 facilities");
        assert_eq!(plural(2), "s");
    }
}
