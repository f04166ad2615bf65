//! Charts as plain data: where each shape of a chart goes and what its
//! labels say, computed and tested natively; the pages draw them as views.

use chrono::NaiveDate;

use crate::domain::{Column, Trend};

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
pub fn column_label(column: Column, date_label: fn(NaiveDate) -> String) -> String {
    match column.1 {
        0 => date_label(column.0),
        n => format!("{} ({})", date_label(column.0), n + 1),
    }
}

/// Where a trend chart's shapes go, in SVG units, for a view to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrendChart {
    pub width: i32,
    pub height: i32,
    /// Where the plot starts, right of the ratings.
    pub left: i32,
    /// Each rating from 1 to 5 with the height of its grid line.
    pub levels: Vec<(u8, i32)>,
    /// Each round's column: its centre and its heading.
    pub columns: Vec<(i32, String)>,
    pub lines: Vec<TrendLine>,
}

/// One series of a chart: a dot per rating, joined by a line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrendLine {
    pub class: &'static str,
    pub dots: Vec<Dot>,
}

/// A rating's dot and its tooltip ("Mentor, May 29, 2026: 4").
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Dot {
    pub x: i32,
    pub y: i32,
    pub tooltip: String,
}

impl TrendLine {
    /// The line through the dots, as a polyline's `points`.
    pub fn points(&self) -> String {
        let points: Vec<String> = self
            .dots
            .iter()
            .map(|d| format!("{},{}", d.x, d.y))
            .collect();
        points.join(" ")
    }
}

/// Ratings from 1 to 5 across rounds as a line chart: a column per round
/// in `dates`, a line and a dot per rating for each series.
pub fn trend_chart(
    dates: &[Column],
    series: &[Series],
    date_label: fn(NaiveDate) -> String,
) -> TrendChart {
    let x = |date: &Column| {
        let at = dates.partition_point(|d| d < date);
        LEFT + STEP / 2 + at as i32 * STEP
    };
    let y = |score: u8| 8 + (5 - i32::from(score.clamp(1, 5))) * LEVEL;
    let lines = series
        .iter()
        .map(|line| TrendLine {
            class: line.class,
            dots: line
                .trend
                .iter()
                .map(|(date, score)| Dot {
                    x: x(date),
                    y: y(*score),
                    tooltip: format!(
                        "{}, {}: {score}",
                        line.name,
                        column_label(*date, date_label)
                    ),
                })
                .collect(),
        })
        .collect();
    TrendChart {
        width: LEFT + dates.len().max(2) as i32 * STEP,
        height: 5 * LEVEL + 24,
        left: LEFT,
        levels: (1..=5).map(|score| (score, y(score))).collect(),
        columns: dates
            .iter()
            .map(|date| (x(date), column_label(*date, date_label)))
            .collect(),
        lines,
    }
}

/// A trend's ratings in the columns of `dates`, "–" where there is none.
pub fn trend_cells(dates: &[Column], trend: &Trend) -> Vec<String> {
    dates
        .iter()
        .map(|date| match trend.iter().find(|(d, _)| d == date) {
            Some((_, score)) => score.to_string(),
            None => "–".to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_trend_has_a_dot_per_rating_and_a_line_per_side() {
        let mentor = vec![((date(2026, 3, 1), 0), 2), ((date(2026, 4, 1), 0), 4)];
        let mentee = vec![((date(2026, 4, 1), 0), 5)];
        let dates = [(date(2026, 3, 1), 0), (date(2026, 4, 1), 0)];
        let chart = trend_chart(
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
        assert_eq!((chart.width, chart.height), (172, 114));
        let classes: Vec<&str> = chart.lines.iter().map(|l| l.class).collect();
        assert_eq!(classes, ["mentor", "mentee"]);
        assert_eq!(chart.lines[0].dots.len(), 2);
        assert_eq!(chart.lines[1].dots.len(), 1);
        // Score 2 in the first column, score 4 in the second: one step right
        // and two levels up.
        assert_eq!(chart.lines[0].points(), "64,62 136,26");
        assert_eq!(
            chart.lines[1].dots,
            [Dot {
                x: 136,
                y: 8,
                tooltip: "Mentee, 2026-04-01: 5".into()
            }]
        );
        assert_eq!(
            chart.columns,
            [
                (64, "2026-03-01".to_string()),
                (136, "2026-04-01".to_string())
            ]
        );
    }

    #[test]
    fn the_grid_has_a_line_per_rating_with_5_on_top() {
        let chart = trend_chart(&[], &[], |d| d.to_string());
        assert_eq!(
            chart.levels,
            [(1, 80), (2, 62), (3, 44), (4, 26), (5, 8)],
            "a level is 18 units, 5 sits 8 below the top"
        );
        assert_eq!(chart.width, 172, "an empty chart is two columns wide");
        assert!(chart.columns.is_empty() && chart.lines.is_empty());
    }

    #[test]
    fn a_trend_table_shows_every_date_and_a_dash_for_no_rating() {
        let mentor = vec![((date(2026, 3, 1), 0), 2), ((date(2026, 4, 1), 0), 4)];
        let mentee = vec![((date(2026, 4, 1), 0), 5)];
        let dates = [(date(2026, 3, 1), 0), (date(2026, 4, 1), 0)];
        assert_eq!(trend_cells(&dates, &mentor), ["2", "4"]);
        assert_eq!(trend_cells(&dates, &mentee), ["–", "5"]);
    }

    #[test]
    fn a_second_round_of_the_same_day_has_a_column_of_its_own() {
        let mentee = vec![((date(2026, 3, 1), 0), 2), ((date(2026, 3, 1), 1), 4)];
        let columns = [(date(2026, 3, 1), 0), (date(2026, 3, 1), 1)];
        let label = |c| column_label(c, |d| d.to_string());
        assert_eq!(
            columns.map(label),
            ["2026-03-01".to_string(), "2026-03-01 (2)".to_string()]
        );
        assert_eq!(trend_cells(&columns, &mentee), ["2", "4"]);
        let series = [Series {
            name: "Mentee",
            class: "mentee",
            trend: &mentee,
        }];
        let chart = trend_chart(&columns, &series, |d| d.to_string());
        assert_eq!(chart.lines[0].points(), "64,62 136,26");
        assert_eq!(chart.lines[0].dots[1].tooltip, "Mentee, 2026-03-01 (2): 4");
    }
}
