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
