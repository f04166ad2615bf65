//! The app's notion of now, read at the edge and passed into the domain.
//!
//! A `now=<RFC 3339 instant>` query parameter shifts the clock for tests and
//! demos: time still runs, starting from the given instant.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::domain::time::parse_instant;
use crate::domain::Calendar;

/// The app's clock: the browser's clock plus an optional shift.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Clock {
    shift_ms: f64,
}

impl Clock {
    /// Reads the `now=` query parameter of `search` (for example
    /// `?now=2026-05-01T09:00:00Z`); without one the clock is the browser's.
    pub fn from_query(search: &str) -> Self {
        let given = search
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("now="))
            .and_then(|value| parse_instant(&value.replace("%3A", ":").replace("%2B", "+")));
        match given {
            Some(instant) => Clock {
                shift_ms: instant.timestamp_millis() as f64 - js_sys::Date::now(),
            },
            None => Clock::default(),
        }
    }

    /// Whether the clock has been shifted (shown to the user, so a shifted
    /// clock is never a surprise).
    pub fn is_shifted(self) -> bool {
        self.shift_ms != 0.0
    }

    fn now_ms(self) -> f64 {
        js_sys::Date::now() + self.shift_ms
    }

    /// The current instant.
    pub fn now(self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.now_ms() as i64)
            .single()
            .unwrap_or_default()
    }

    /// Today's date in the browser's time zone.
    pub fn today(self) -> NaiveDate {
        day_at(self.now_ms())
    }

    /// Now, today, and the browser's time zone, for the domain's rules.
    pub fn calendar(self) -> Calendar {
        Calendar {
            now: self.now(),
            today: self.today(),
            day_of: local_day,
        }
    }
}

/// The day an instant falls on in the browser's time zone.
pub fn local_day(instant: DateTime<Utc>) -> NaiveDate {
    day_at(instant.timestamp_millis() as f64)
}

fn day_at(ms: f64) -> NaiveDate {
    let date = js_sys::Date::new(&ms.into());
    NaiveDate::from_ymd_opt(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
    .unwrap_or_default()
}
