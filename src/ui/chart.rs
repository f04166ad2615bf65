//! Charts drawn as SVG markup. Building the markup as text costs a fraction
//! of the code that one view element per shape would (see BENCHMARKS.md), and
//! it is plain string work, tested natively. Every text that comes from the
//! user goes through `escape`.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::Timeline;

/// Text made safe to place inside SVG or HTML markup, in content or in a
/// quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const MONTH_WIDTH: i32 = 96;
const ROW_HEIGHT: i32 = 30;
const TOP: i32 = 26;

/// The timeline as an SVG image: a column per month, a bar per objective
/// (from when it was written to its date), a diamond per milestone, and a
/// line for today. `month_label` names a month in the reader's locale.
pub fn timeline_svg(
    timeline: &Timeline,
    today: NaiveDate,
    month_label: impl Fn(NaiveDate) -> String,
) -> String {
    let months = timeline.months();
    let width = months.len() as i32 * MONTH_WIDTH;
    let height = TOP + timeline.rows.len() as i32 * ROW_HEIGHT + 8;
    let x = |date| (timeline.position(date) * f64::from(width)).round() as i32;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="Objectives and milestones across the months, with today marked. The table below lists the same.">"#
    );
    for (i, month) in months.iter().enumerate() {
        let left = i as i32 * MONTH_WIDTH;
        let _ = write!(
            svg,
            r#"<line x1="{left}" y1="0" x2="{left}" y2="{height}" class="grid"/><text x="{}" y="16" class="month">{}</text>"#,
            left + 4,
            escape(&month_label(*month)),
        );
    }
    for (i, row) in timeline.rows.iter().enumerate() {
        let y = TOP + i as i32 * ROW_HEIGHT;
        let class = if row.overdue {
            "item overdue"
        } else if row.done {
            "item done"
        } else {
            "item"
        };
        let (start, end) = (x(row.start), x(row.end));
        let label_x = if row.milestone {
            let _ = write!(
                svg,
                r#"<polygon points="{end},{} {},{} {end},{} {},{}" class="{class}"/>"#,
                y + 4,
                end + 8,
                y + 12,
                y + 20,
                end - 8,
                y + 12,
            );
            end + 12
        } else {
            let _ = write!(
                svg,
                r#"<rect x="{start}" y="{}" width="{}" height="12" rx="4" class="{class}"/>"#,
                y + 6,
                (end - start).max(6),
            );
            start + 4
        };
        let _ = write!(
            svg,
            r#"<text x="{label_x}" y="{}" class="label">{}</text>"#,
            y + 27,
            escape(&row.title),
        );
    }
    let now = x(today);
    let _ = write!(
        svg,
        r#"<line x1="{now}" y1="0" x2="{now}" y2="{height}" class="today"/><text x="{}" y="{}" class="month">today</text></svg>"#,
        now + 4,
        height - 4,
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, TimelineRow};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn row(title: &str, milestone: bool, overdue: bool) -> TimelineRow {
        TimelineRow {
            id: Id::from_u128(1),
            title: title.into(),
            milestone,
            start: date(2026, 1, 1),
            end: date(2026, 2, 1),
            done: false,
            overdue,
        }
    }

    fn timeline(rows: Vec<TimelineRow>) -> Timeline {
        Timeline {
            from: date(2026, 1, 1),
            to: date(2026, 3, 1),
            rows,
        }
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(
            escape(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("plain text, café"), "plain text, café");
    }

    #[test]
    fn hostile_titles_stay_text() {
        let svg = timeline_svg(
            &timeline(vec![row("</text><script>alert(1)</script>", false, false)]),
            date(2026, 1, 15),
            |_| "Jan".into(),
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"));
    }

    #[test]
    fn draws_a_column_per_month_and_a_shape_per_row() {
        let svg = timeline_svg(
            &timeline(vec![
                row("Objective", false, false),
                row("Milestone", true, true),
            ]),
            date(2026, 1, 31),
            |d| format!("M{}", chrono::Datelike::month(&d)),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"width="192" height="94""#));
        assert!(svg.contains(">M1</text>") && svg.contains(">M2</text>"));
        assert_eq!(svg.matches("<rect ").count(), 1);
        assert_eq!(svg.matches("<polygon ").count(), 1);
        assert!(svg.contains(r#"class="item overdue""#));
        assert!(svg.contains(r#"class="today""#));
    }

    #[test]
    fn today_sits_where_its_date_falls() {
        let svg = timeline_svg(
            &timeline(vec![row("Objective", false, false)]),
            date(2026, 2, 1),
            |_| String::new(),
        );
        // 31 of 59 days into a 192 px wide chart.
        assert!(svg.contains(r#"<line x1="101" y1="0" x2="101""#));
    }
}
