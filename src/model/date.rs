//! Partial calendar dates (`2025`, `2025-11`, `2025-11-17`) as the sources give them.

use std::fmt;
use std::str::FromStr;

/// A date known to the year, the month or the day. Orders by what is known, a bare year
/// sorting before any month of that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn days_in_month(year: u16, month: u8) -> u8 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year.is_multiple_of(4) && !year.is_multiple_of(100))
                || year.is_multiple_of(400) =>
            {
                29
            }
            2 => 28,
            _ => 0,
        }
    }

    /// The day in UTC `days` after 1970-01-01, by the civil-from-days rule.
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(1800, 9999) as u16;
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Days since 1970-01-01 of the first day the date can mean.
    pub fn unix_days(self) -> i64 {
        let (m, d) = (
            i64::from(self.month.unwrap_or(1)),
            i64::from(self.day.unwrap_or(1)),
        );
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_unix_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// Whole days from this date's first day to `later`'s (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.unix_days() - self.unix_days()
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let shape_error = || format!("`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = text.split('-');
        let mut number = |digits: usize| -> Result<Option<u32>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| shape_error())?))
                }
                Some(_) => Err(shape_error()),
            }
        };
        let year = number(4)?.ok_or_else(shape_error)?;
        let month = number(2)?;
        let day = number(2)?;
        if parts.next().is_some() {
            return Err(shape_error());
        }
        let year = year as u16;
        if year < 1800 {
            return Err(format!("`{text}`: year {year} is before 1800"));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("`{text}`: there is no month {m}"));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = u32::from(Date::days_in_month(year, m as u8));
            if d == 0 || d > last {
                return Err(format!("`{text}`: month {m} of {year} has {last} days"));
            }
        }
        Ok(Date {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_days_between_dates() {
        let d = |t: &str| t.parse::<Date>().unwrap();
        assert_eq!(d("1970-01-01").unix_days(), 0);
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(d("2026-06-03").days_until(d("2026-12-06")), 186);
        assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2);
        let x = d("2026-12-06");
        assert_eq!(Date::from_unix_days(x.unix_days()), x);
    }

    #[test]
    fn parses_partial_dates() {
        assert_eq!("2025".parse::<Date>().unwrap().to_string(), "2025");
        assert_eq!("2025-11".parse::<Date>().unwrap().to_string(), "2025-11");
        assert_eq!(
            "2024-02-29".parse::<Date>().unwrap().to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2025-02-29",
            "2025-13",
            "2025-04-31",
            "2025-00-10",
            "25-1-1",
            "2025/01/01",
            "x",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn orders_year_before_its_months() {
        let y: Date = "2025".parse().unwrap();
        let m: Date = "2025-01".parse().unwrap();
        let d: Date = "2025-01-01".parse().unwrap();
        assert!(y < m && m < d);
    }
}
