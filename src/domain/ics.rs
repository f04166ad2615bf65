//! Calendar files (iCalendar, RFC 5545) for a meeting, which Google
//! Calendar, Outlook and Apple Calendar import: one event with a stable UID,
//! times in UTC, text escaped and lines folded at 75 octets.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};

/// A meeting to put in a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across downloads of the same meeting, so importing it again
    /// updates the event instead of adding a second one.
    pub uid: String,
    pub starts_at: DateTime<Utc>,
    pub minutes: u16,
    pub summary: String,
    pub description: String,
}

/// An instant in the UTC form iCalendar uses: 20260501T090000Z.
fn utc(instant: DateTime<Utc>) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        instant.year(),
        instant.month(),
        instant.day(),
        instant.hour(),
        instant.minute(),
        instant.second()
    )
}

/// Text made safe for a TEXT value: backslash, semicolon and comma escaped,
/// line breaks written as \n.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no line is longer than 75 octets:
/// a fold is CRLF and a space, and never splits a UTF-8 character.
fn push_line(out: &mut String, line: &str) {
    let mut budget = 75;
    for c in line.chars() {
        let width = c.len_utf8();
        if width > budget {
            out.push_str("\r\n ");
            budget = 74;
        }
        out.push(c);
        budget -= width;
    }
    out.push_str("\r\n");
}

/// The calendar file for one event, stamped at `now`.
pub fn calendar_file(event: &CalendarEvent, now: DateTime<Utc>) -> String {
    let ends_at = event.starts_at + Duration::minutes(i64::from(event.minutes.max(1)));
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Trellis//Mentoring workbook//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape_text(&event.uid)),
        format!("DTSTAMP:{}", utc(now)),
        format!("DTSTART:{}", utc(event.starts_at)),
        format!("DTEND:{}", utc(ends_at)),
        format!("SUMMARY:{}", escape_text(&event.summary)),
        format!("DESCRIPTION:{}", escape_text(&event.description)),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ] {
        push_line(&mut out, &line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event() -> CalendarEvent {
        CalendarEvent {
            uid: "0123abcd@trellis".into(),
            starts_at: Utc.with_ymd_and_hms(2026, 5, 12, 16, 30, 0).unwrap(),
            minutes: 45,
            summary: "Mentoring: Ana, Ben".into(),
            description: "Agenda; check-in\nActions, then next steps".into(),
        }
    }

    fn unfold(file: &str) -> Vec<String> {
        file.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn an_event_has_the_required_properties_in_utc() {
        let now = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        let lines = unfold(&calendar_file(&event(), now));
        assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
        assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
        for wanted in [
            "VERSION:2.0",
            "BEGIN:VEVENT",
            "UID:0123abcd@trellis",
            "DTSTAMP:20260501T090000Z",
            "DTSTART:20260512T163000Z",
            "DTEND:20260512T171500Z",
            "END:VEVENT",
        ] {
            assert!(
                lines.iter().any(|l| l == wanted),
                "no {wanted} in {lines:?}"
            );
        }
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape_text("one\r\ntwo"), "one\\ntwo");
        let lines = unfold(&calendar_file(&event(), event().starts_at));
        assert!(lines.contains(&"SUMMARY:Mentoring: Ana\\, Ben".to_string()));
        assert!(lines
            .contains(&"DESCRIPTION:Agenda\\; check-in\\nActions\\, then next steps".to_string()));
    }

    #[test]
    fn every_line_ends_in_crlf_and_long_lines_fold_within_75_octets() {
        let mut long = event();
        long.description = "é".repeat(100) + &"word ".repeat(40);
        let file = calendar_file(&long, long.starts_at);
        assert!(file.ends_with("\r\n"));
        assert!(!file.replace("\r\n", "").contains('\n'), "a bare LF");
        for line in file.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        let description = unfold(&file)
            .into_iter()
            .find(|l| l.starts_with("DESCRIPTION:"))
            .unwrap();
        assert_eq!(description, format!("DESCRIPTION:{}", long.description));
    }
}
