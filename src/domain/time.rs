//! Dates and instants as text, written by hand: the stored format is fixed
//! (`2026-05-01` and `2026-05-01T09:00:00.000Z`), and chrono's general
//! formatter and parser cost more bytes in the browser than the whole
//! agreement page.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc};

/// Reads a calendar date written `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().as_bytes();
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        number(&text[0..4])? as i32,
        number(&text[5..7])?,
        number(&text[8..10])?,
    )
}

/// Writes a calendar date as `YYYY-MM-DD`.
pub fn format_date(date: NaiveDate) -> String {
    let mut text = String::with_capacity(10);
    push_date(&mut text, date);
    text
}

/// Appends a calendar date as `YYYY-MM-DD`, without the general formatter:
/// a save of a large pair writes tens of thousands of dates.
pub fn push_date(out: &mut String, date: NaiveDate) {
    let year = date.year();
    if year < 0 {
        out.push('-');
    }
    push_padded(out, year.unsigned_abs(), if year < 0 { 3 } else { 4 });
    out.push('-');
    push_padded(out, date.month(), 2);
    out.push('-');
    push_padded(out, date.day(), 2);
}

/// Appends `n` in decimal with at least `width` digits, zeros in front.
fn push_padded(out: &mut String, n: u32, width: u32) {
    if n >= 10 || width > 1 {
        push_padded(out, n / 10, width.saturating_sub(1));
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Reads an RFC 3339 instant such as `2026-05-01T09:00:00Z`,
/// `2026-05-01T09:00:00.250Z` or `2026-05-01T11:00:00+02:00`.
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.trim().as_bytes();
    if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = parse_date(std::str::from_utf8(&bytes[..10]).ok()?)?;
    if bytes[13] != b':' || bytes[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (
        number(&bytes[11..13])?,
        number(&bytes[14..16])?,
        number(&bytes[17..19])?,
    );
    let mut rest = &bytes[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        millis = fraction[..digits]
            .iter()
            .chain(b"000")
            .take(3)
            .fold(0, |millis, digit| millis * 10 + u32::from(digit - b'0'));
        rest = &fraction[digits..];
    }
    let offset_minutes: i64 = match rest {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let minutes = i64::from(number(&[*h1, *h2])? * 60 + number(&[*m1, *m2])?);
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return None,
    };
    let local = NaiveDateTime::new(
        date,
        NaiveTime::from_hms_milli_opt(hour, minute, second, millis)?,
    );
    // Stored instants are in UTC: no date arithmetic for them.
    let utc = match offset_minutes {
        0 => local,
        _ => local - TimeDelta::minutes(offset_minutes),
    };
    Some(utc.and_utc())
}

/// Writes an instant in UTC with milliseconds: `2026-05-01T09:00:00.000Z`.
pub fn format_instant(instant: DateTime<Utc>) -> String {
    let mut text = String::with_capacity(24);
    push_instant(&mut text, instant);
    text
}

/// Appends an instant as `format_instant` writes it.
pub fn push_instant(out: &mut String, instant: DateTime<Utc>) {
    push_date(out, instant.date_naive());
    for (before, part) in [
        ('T', instant.hour()),
        (':', instant.minute()),
        (':', instant.second()),
    ] {
        out.push(before);
        push_padded(out, part, 2);
    }
    out.push('.');
    push_padded(out, instant.timestamp_subsec_millis().min(999), 3);
    out.push('Z');
}

fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// Serde for an instant stored as RFC 3339 text in UTC.
pub mod instant {
    use super::*;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the instant.
    pub fn serialize<S: Serializer>(
        instant: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_instant(*instant))
    }

    /// Reads the instant.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_instant(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "expected a date and time like 2026-05-01T09:00:00Z, found \"{text}\""
            ))
        })
    }
}

/// Serde for an optional instant.
pub mod instant_opt {
    use super::*;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the instant, or null.
    pub fn serialize<S: Serializer>(
        instant: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match instant {
            Some(instant) => serializer.serialize_str(&format_instant(*instant)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the instant, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse_instant(&text).map(Some).ok_or_else(|| {
                D::Error::custom(format!(
                    "expected a date and time like 2026-05-01T09:00:00Z, found \"{text}\""
                ))
            }),
            None => Ok(None),
        }
    }
}

/// Serde for an optional calendar date.
pub mod date_opt {
    use super::*;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the date, or null.
    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_str(&format_date(*date)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the date, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            Some(text) => parse_date(&text).map(Some).ok_or_else(|| {
                D::Error::custom(format!("expected a date like 2026-05-01, found \"{text}\""))
            }),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_round_trip_and_nonsense_is_refused() {
        let date = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(format_date(date), "2028-02-29");
        assert_eq!(parse_date("2028-02-29"), Some(date));
        for bad in [
            "2027-02-29",
            "2026-13-01",
            "2026-5-1",
            "",
            "abcd-ef-gh",
            "2026-05-01x",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn dates_and_instants_are_written_as_the_general_formatter_writes_them(
            seconds in -70_000_000_000i64..300_000_000_000,
            millis in 0u32..1000,
        ) {
            let instant = DateTime::from_timestamp(seconds, millis * 1_000_000).unwrap();
            let date = instant.date_naive();
            let day = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
            proptest::prop_assert_eq!(format_date(date), day.clone());
            proptest::prop_assert_eq!(
                format_instant(instant),
                format!(
                    "{day}T{:02}:{:02}:{:02}.{:03}Z",
                    instant.hour(),
                    instant.minute(),
                    instant.second(),
                    millis
                )
            );
            if (0..=9999).contains(&date.year()) {
                proptest::prop_assert_eq!(parse_instant(&format_instant(instant)), Some(instant));
            }
        }
    }

    #[test]
    fn instants_read_offsets_and_fractions_and_write_utc_millis() {
        let expected = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        assert_eq!(parse_instant("2026-05-01T09:00:00Z"), Some(expected));
        assert_eq!(parse_instant("2026-05-01T11:00:00+02:00"), Some(expected));
        assert_eq!(parse_instant("2026-05-01T08:30:00-00:30"), Some(expected));
        let with_millis = expected + TimeDelta::milliseconds(250);
        assert_eq!(parse_instant("2026-05-01T09:00:00.25Z"), Some(with_millis));
        assert_eq!(
            parse_instant("2026-05-01T09:00:00.250999Z"),
            Some(with_millis)
        );
        assert_eq!(format_instant(with_millis), "2026-05-01T09:00:00.250Z");
        assert_eq!(
            parse_instant(&format_instant(with_millis)),
            Some(with_millis)
        );
        for bad in [
            "2026-05-01",
            "2026-05-01T09:00:00",
            "2026-05-01T25:00:00Z",
            "2026-05-01T09:00:00.Z",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
    }
}
