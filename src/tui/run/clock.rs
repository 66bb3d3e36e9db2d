//! The wall clock, read only by the loop: the time messages are stamped with, and the date an
//! empty stand-in model is "as of" while the file is invalid.

/// Local date and time, to the second.
pub struct Now {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Now {
    /// `14:03:27`
    pub fn time(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
    }

    /// The day, as the model dates things.
    pub fn day(&self) -> crate::model::Date {
        crate::model::Date {
            year: u16::try_from(self.year).unwrap_or(0),
            month: u8::try_from(self.month).ok(),
            day: u8::try_from(self.day).ok(),
        }
    }

    /// `2026-11-28`
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(unix)]
pub fn now() -> Now {
    let secs = unix_seconds() as libc::time_t;
    // SAFETY: an all-zero `tm` is a valid value; localtime_r writes into it and reads `secs`.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    if unsafe { libc::localtime_r(&raw const secs, &raw mut tm) }.is_null() {
        return utc(secs as i64);
    }
    Now {
        year: tm.tm_year + 1900,
        month: (tm.tm_mon + 1) as u32,
        day: tm.tm_mday as u32,
        hour: tm.tm_hour as u32,
        minute: tm.tm_min as u32,
        second: tm.tm_sec as u32,
    }
}

#[cfg(not(unix))]
pub fn now() -> Now {
    utc(unix_seconds())
}

fn unix_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The UTC date and time `secs` after 1970.
fn utc(secs: i64) -> Now {
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400) as u32);
    let date = crate::model::Date::from_unix_days(days);
    let year = i32::from(date.year);
    let month = u32::from(date.month.unwrap_or(1));
    let day = u32::from(date.day.unwrap_or(1));
    Now {
        year,
        month,
        day,
        hour: rest / 3600,
        minute: rest / 60 % 60,
        second: rest % 60,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_follow_the_calendar() {
        assert_eq!(utc(0).date(), "1970-01-01");
        assert_eq!(utc(951_782_400).date(), "2000-02-29");
        let t = utc(1_764_339_845);
        assert_eq!(
            (t.date(), t.time()),
            ("2025-11-28".into(), "14:24:05".into())
        );
    }
}
