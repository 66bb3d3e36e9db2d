//! How numbers, money, percentages, ranges and counts read, everywhere rechain shows them.

use std::fmt::Write;

use crate::model::date::Date;
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

/// A modelled estimate (a weighted or ramped tonnage) to the whole unit: decimals there
/// would claim a precision the assumptions do not have.
pub fn estimate(value: f64) -> String {
    number(value.round())
}

/// A money amount as people say it: `USD 400 mn`, `USD 7.4 bn`, `KRW 10 trn`, with at most
/// three significant digits once scaled. [`money_exact`] gives the figure as written.
pub fn money(amount: &Amount) -> String {
    format!("{} {}", one_line(&amount.currency), large(amount.value))
}

/// A money amount to the unit: `USD 7,400,000,000`.
pub fn money_exact(amount: &Amount) -> String {
    format!("{} {}", one_line(&amount.currency), number(amount.value))
}

/// A large number as people say it: `950,000`, `400 mn`, `7.4 bn`, `10 trn`.
pub fn large(value: f64) -> String {
    const SCALES: [(f64, &str); 3] = [(1e12, "trn"), (1e9, "bn"), (1e6, "mn")];
    let Some((scaled, word)) = SCALES
        .iter()
        .find(|(scale, _)| value.abs() >= *scale)
        .map(|&(scale, word)| (value / scale, word))
    else {
        return number(value);
    };
    // Three significant digits: 7.45 bn, 74.5 bn, 745 bn.
    let decimals = match scaled.abs() {
        x if x < 10.0 => 2,
        x if x < 100.0 => 1,
        _ => 0,
    };
    let factor = 10f64.powi(decimals);
    format!("{} {word}", number((scaled * factor).round() / factor))
}

/// A percent with one decimal.
pub fn percent(value: f64) -> String {
    format!("{}%", decimal(value, 1))
}

/// A plain number with a fixed number of decimals, for machine-read fields: `52.3`.
pub fn decimal(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}")
}

/// A percent to the whole: `31%`. Halves round up, so a threshold of 0.5 never shows `0%`;
/// never `-0%`.
pub fn percent_whole(value: f64) -> String {
    if !value.is_finite() {
        return format!("{value}%");
    }
    let whole = value.round();
    if whole == 0.0 {
        "0%".to_owned()
    } else {
        format!("{whole:.0}%")
    }
}

/// A percent with one decimal, right-aligned in `width` cells, for a column of them.
pub fn percent_cell(value: f64, width: usize) -> String {
    format!("{:>width$}", percent(value))
}

/// A figure's value, or its range when the source gives one: `12,000–15,000`.
pub fn range(figure: &Figure) -> String {
    match figure.max {
        Some(max) if max > figure.value => format!("{}–{}", number(figure.value), number(max)),
        _ => number(figure.value),
    }
}

/// A model older than this many days says how old it is.
pub const MODEL_AGE_SHOWN_DAYS: i64 = 90;

/// `model as of 2026-06-03`, and `, 186 days old` when it is more than 90 days before
/// `today` (when today is known).
pub fn model_age(as_of: Date, today: Option<Date>) -> String {
    let days = today.map_or(0, |t| as_of.days_until(t));
    if days > MODEL_AGE_SHOWN_DAYS {
        format!("model as of {as_of}, {} days old", number(days as f64))
    } else {
        format!("model as of {as_of}")
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

/// Where a window of `shown` rows starting at row `first` sits in a list of `total`:
/// `21–40 of 44`; `44` when the whole list shows.
pub fn position(first: usize, shown: usize, total: usize) -> String {
    let last = first.saturating_add(shown).min(total);
    if first == 0 && last >= total {
        return number(total as f64);
    }
    format!(
        "{}–{} of {}",
        number((first + 1).min(last) as f64),
        number(last as f64),
        number(total as f64)
    )
}

/// A file size as people say it, in decimal units to the whole: `950 B`, `266 KB`, `17 MB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "KB")];
    match UNITS.iter().find(|(scale, _)| n >= *scale) {
        Some((scale, unit)) => format!("{} {unit}", number((n as f64 / *scale as f64).round())),
        None => format!("{n} B"),
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
    #[test]
    fn model_age_shows_only_past_ninety_days() {
        let d = |t: &str| t.parse::<super::Date>().unwrap();
        assert_eq!(
            super::model_age(d("2026-06-03"), Some(d("2026-12-06"))),
            "model as of 2026-06-03, 186 days old"
        );
        assert_eq!(
            super::model_age(d("2026-06-03"), Some(d("2026-09-01"))),
            "model as of 2026-06-03"
        );
    }

    use super::*;

    #[test]
    fn file_sizes_read_in_whole_units() {
        assert_eq!(bytes(950), "950 B");
        assert_eq!(bytes(266_025), "266 KB");
        assert_eq!(bytes(16_925_593), "17 MB");
        assert_eq!(bytes(999_600), "1,000 KB");
    }

    #[test]
    fn numbers_read_like_reports() {
        assert_eq!(number(390_000.0), "390,000");
        assert_eq!(number(1_234_567.5), "1,234,567.5");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-1000.0), "-1,000");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(12.345), "12.35");
    }

    #[test]
    fn large_amounts_read_as_people_say_them() {
        let amount = |value: f64, currency: &str| Amount {
            value,
            currency: currency.into(),
            note: None,
        };
        assert_eq!(money(&amount(7.4e9, "USD")), "USD 7.4 bn");
        assert_eq!(money(&amount(1e13, "KRW")), "KRW 10 trn");
        assert_eq!(money(&amount(400e6, "USD")), "USD 400 mn");
        assert_eq!(money(&amount(277_500_000.0, "USD")), "USD 278 mn");
        assert_eq!(money(&amount(1.256e9, "USD")), "USD 1.26 bn");
        assert_eq!(money(&amount(950_000.0, "AUD")), "AUD 950,000");
        assert_eq!(money_exact(&amount(7.4e9, "USD")), "USD 7,400,000,000");
        assert_eq!(large(-2.5e9), "-2.5 bn");
    }

    #[test]
    fn whole_percents_round_halves_up_and_never_read_minus_zero() {
        assert_eq!(percent_whole(30.4), "30%");
        assert_eq!(percent_whole(0.5), "1%");
        assert_eq!(percent_whole(2.5), "3%");
        assert_eq!(percent_whole(-0.2), "0%");
        assert_eq!(percent_whole(100.0), "100%");
        assert_eq!(percent_cell(5.0, 6), "  5.0%");
    }

    #[test]
    fn positions_read_first_to_last_of_all() {
        assert_eq!(position(20, 20, 44), "21–40 of 44");
        assert_eq!(position(40, 20, 44), "41–44 of 44");
        assert_eq!(position(0, 20, 12), "12");
        assert_eq!(position(0, 5, 1200), "1–5 of 1,200");
        assert_eq!(position(0, 5, 0), "0");
    }

    #[test]
    fn counts_name_their_noun() {
        assert_eq!(count(0, "route", "routes"), "no route");
        assert_eq!(count(1, "route", "routes"), "1 route");
        assert_eq!(count(1024, "facility", "facilities"), "1,024 facilities");
        assert_eq!(plural(2), "s");
    }
}
