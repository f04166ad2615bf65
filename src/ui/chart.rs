//! Charts drawn as SVG markup. Building the markup as text costs a fraction
//! of the code that one view element per shape would (see BENCHMARKS.md), and
//! it is plain string work, tested natively. Every text that comes from the
//! user goes through `escape`.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::{Column, Trend};

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

const STEP: i32 = 72;
const LEVEL: i32 = 18;
const LEFT: i32 = 28;

/// One line of a trend chart: whose ratings, and the CSS class that draws
/// them (solid for the mentor, dashed for the mentee, so colour is not the
/// only difference).
pub struct Series<'a> {
    pub name: &'a str,
    pub class: &'static str,
    pub trend: &'a Trend,
}

/// A column's heading: its date, and "(2)" for the second round that day.
fn column_label(column: Column, date_label: fn(NaiveDate) -> String) -> String {
    match column.1 {
        0 => date_label(column.0),
        n => format!("{} ({})", date_label(column.0), n + 1),
    }
}

/// Ratings from 1 to 5 across rounds as an SVG line chart: a column per
/// round in `dates`, a line and a dot per rating for each series. Each dot
/// carries its value as a tooltip; `trend_table` gives the same as text.
pub fn trend_svg(
    title: &str,
    dates: &[Column],
    series: &[Series],
    date_label: fn(NaiveDate) -> String,
) -> String {
    let width = LEFT + dates.len().max(2) as i32 * STEP;
    let height = 5 * LEVEL + 24;
    let x = |date: &Column| {
        let at = dates.iter().position(|d| d == date).unwrap_or(0);
        LEFT + STEP / 2 + at as i32 * STEP
    };
    let y = |score: u8| 8 + (5 - i32::from(score.clamp(1, 5))) * LEVEL;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}: ratings from 1 to 5 by date">"#,
        escape(title)
    );
    for score in 1..=5u8 {
        let _ = write!(
            svg,
            r#"<line x1="{LEFT}" y1="{0}" x2="{width}" y2="{0}" class="grid"/><text x="4" y="{1}" class="month">{score}</text>"#,
            y(score),
            y(score) + 4,
        );
    }
    for date in dates {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" class="month" text-anchor="middle">{}</text>"#,
            x(date),
            height - 4,
            escape(&column_label(*date, date_label)),
        );
    }
    for line in series {
        let points: Vec<String> = line
            .trend
            .iter()
            .map(|(date, score)| format!("{},{}", x(date), y(*score)))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline points="{}" class="{}"/>"#,
            points.join(" "),
            line.class
        );
        for (date, score) in line.trend {
            let _ = write!(
                svg,
                r#"<circle cx="{}" cy="{}" r="4" class="{}"><title>{}, {}: {score}</title></circle>"#,
                x(date),
                y(*score),
                line.class,
                escape(line.name),
                escape(&column_label(*date, date_label)),
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The ratings of `rows` as an HTML table: a row per (name, trend), a
/// column per round, "–" where there is no rating.
pub fn trend_table(
    caption: &str,
    dates: &[Column],
    rows: &[(String, &Trend)],
    date_label: fn(NaiveDate) -> String,
) -> String {
    let mut html = format!(
        r#"<table><caption>{}</caption><thead><tr><th scope="col">Rated</th>"#,
        escape(caption)
    );
    for date in dates {
        let _ = write!(
            html,
            r#"<th scope="col">{}</th>"#,
            escape(&column_label(*date, date_label))
        );
    }
    html.push_str("</tr></thead><tbody>");
    for (name, trend) in rows {
        let _ = write!(html, r#"<tr><th scope="row">{}</th>"#, escape(name));
        for date in dates {
            match trend.iter().find(|(d, _)| d == date) {
                Some((_, score)) => {
                    let _ = write!(html, "<td>{score}</td>");
                }
                None => html.push_str("<td>–</td>"),
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
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
    fn a_trend_has_a_dot_per_rating_and_a_line_per_side() {
        let mentor = vec![((date(2026, 3, 1), 0), 2), ((date(2026, 4, 1), 0), 4)];
        let mentee = vec![((date(2026, 4, 1), 0), 5)];
        let dates = [(date(2026, 3, 1), 0), (date(2026, 4, 1), 0)];
        let svg = trend_svg(
            "Networking <& co>",
            &dates,
            &[
                Series {
                    name: "Mentor",
                    class: "mentor",
                    trend: &mentor,
                },
                Series {
                    name: "Mentee",
                    class: "mentee",
                    trend: &mentee,
                },
            ],
            |d| d.to_string(),
        );
        assert!(svg.contains(r#"aria-label="Networking &lt;&amp; co&gt;: ratings"#));
        assert_eq!(svg.matches(r#"<circle "#).count(), 3);
        assert_eq!(svg.matches(r#"class="mentor"><title>"#).count(), 2);
        // Score 2 in the first column, score 4 in the second: one step right
        // and two levels up.
        assert!(svg.contains(r#"<polyline points="64,62 136,26" class="mentor"/>"#));
        assert!(svg.contains("<title>Mentee, 2026-04-01: 5</title>"));
    }

    #[test]
    fn a_trend_table_shows_every_date_and_a_dash_for_no_rating() {
        let mentor = vec![((date(2026, 3, 1), 0), 2), ((date(2026, 4, 1), 0), 4)];
        let mentee = vec![((date(2026, 4, 1), 0), 5)];
        let html = trend_table(
            "Networking",
            &[(date(2026, 3, 1), 0), (date(2026, 4, 1), 0)],
            &[("Mentor".into(), &mentor), ("Mentee".into(), &mentee)],
            |d| d.to_string(),
        );
        assert!(html.contains(r#"<th scope="col">2026-03-01</th><th scope="col">2026-04-01</th>"#));
        assert!(html.contains(r#"<th scope="row">Mentor</th><td>2</td><td>4</td></tr>"#));
        assert!(html.contains(r#"<th scope="row">Mentee</th><td>–</td><td>5</td></tr>"#));
    }

    #[test]
    fn a_second_round_of_the_same_day_has_a_column_of_its_own() {
        let mentee = vec![((date(2026, 3, 1), 0), 2), ((date(2026, 3, 1), 1), 4)];
        let columns = [(date(2026, 3, 1), 0), (date(2026, 3, 1), 1)];
        let html = trend_table("Networking", &columns, &[("Mentee".into(), &mentee)], |d| {
            d.to_string()
        });
        assert!(
            html.contains(r#"<th scope="col">2026-03-01</th><th scope="col">2026-03-01 (2)</th>"#)
        );
        assert!(html.contains(r#"<th scope="row">Mentee</th><td>2</td><td>4</td></tr>"#));
        let series = [Series {
            name: "Mentee",
            class: "mentee",
            trend: &mentee,
        }];
        let svg = trend_svg("Networking", &columns, &series, |d| d.to_string());
        assert!(svg.contains(r#"<polyline points="64,62 136,26" class="mentee"/>"#));
    }
}
