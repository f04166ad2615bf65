//! When the next check-in is due, from the agreed cadence and the last
//! meeting. Everything counts whole calendar days in the reader's own
//! calendar: the caller turns instants into local dates, so no time-zone
//! database is needed and a week that crosses a daylight-saving change is
//! still seven days.

use chrono::{Months, NaiveDate};

use super::model::Cadence;

/// The next check-in, as of one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckIn {
    pub due: NaiveDate,
    /// Days from today to the due date: negative once it has passed.
    pub days_left: i64,
    /// Whole intervals gone by since the last meeting without another one.
    pub missed: u32,
}

impl CheckIn {
    /// Two or more intervals without meeting: the rhythm has slipped.
    pub fn drifting(&self) -> bool {
        self.missed >= 2
    }

    /// "due today", "due tomorrow", "due in 5 days", "overdue by 1 day".
    pub fn wording(&self) -> String {
        due_wording(self.days_left)
    }
}

/// How far away a due date is, in words: "due in 3 days", "overdue by 1 day".
pub fn due_wording(days_left: i64) -> String {
    let days = days_left.abs();
    let unit = if days == 1 { "day" } else { "days" };
    match days_left {
        0 => "due today".to_string(),
        1 => "due tomorrow".to_string(),
        d if d > 0 => format!("due in {days} {unit}"),
        _ => format!("overdue by {days} {unit}"),
    }
}

/// The date one interval after `from`. A month is a calendar month, kept
/// within the shorter month (31 January is followed by the last day of
/// February).
pub fn after_one_interval(cadence: Cadence, from: NaiveDate) -> NaiveDate {
    match cadence {
        Cadence::Monthly => from
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX),
        other => from
            .checked_add_days(chrono::Days::new(u64::from(other.days())))
            .unwrap_or(NaiveDate::MAX),
    }
}

/// The next check-in after the last meeting (or, before the first, after
/// the agreed start), as of `today`; `None` when neither is known.
pub fn next_check_in(
    cadence: Cadence,
    last_meeting: Option<NaiveDate>,
    start: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<CheckIn> {
    let from = last_meeting.or(start)?;
    let due = after_one_interval(cadence, from);
    let mut missed = 0;
    let mut mark = due;
    while mark <= today && missed < 1000 {
        missed += 1;
        mark = after_one_interval(cadence, mark);
    }
    Some(CheckIn {
        due,
        days_left: (due - today).num_days(),
        missed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_fortnightly_check_in_counts_down_and_then_up() {
        let last = date(2026, 5, 1);
        let at = |today| next_check_in(Cadence::Fortnightly, Some(last), None, today).unwrap();
        assert_eq!(at(date(2026, 5, 10)).due, date(2026, 5, 15));
        assert_eq!(at(date(2026, 5, 10)).wording(), "due in 5 days");
        assert_eq!(at(date(2026, 5, 14)).wording(), "due tomorrow");
        assert_eq!(at(date(2026, 5, 15)).wording(), "due today");
        assert_eq!(at(date(2026, 5, 16)).wording(), "overdue by 1 day");
        assert_eq!(at(date(2026, 5, 25)).wording(), "overdue by 10 days");
    }

    #[test]
    fn monthly_keeps_to_the_end_of_short_months_and_leap_days() {
        assert_eq!(
            after_one_interval(Cadence::Monthly, date(2026, 1, 31)),
            date(2026, 2, 28)
        );
        assert_eq!(
            after_one_interval(Cadence::Monthly, date(2028, 1, 31)),
            date(2028, 2, 29)
        );
        assert_eq!(
            after_one_interval(Cadence::Monthly, date(2026, 12, 15)),
            date(2027, 1, 15)
        );
        let leap = next_check_in(
            Cadence::Weekly,
            Some(date(2028, 2, 25)),
            None,
            date(2028, 2, 28),
        )
        .unwrap();
        assert_eq!(leap.due, date(2028, 3, 3));
        assert_eq!(leap.days_left, 4, "29 February counts as a day");
    }

    #[test]
    fn a_week_across_a_daylight_saving_change_is_seven_days() {
        // Clocks go forward in Europe on 29 March 2026 and in the US on
        // 8 March 2026; calendar days do not care.
        for last in [date(2026, 3, 26), date(2026, 3, 5)] {
            let check = next_check_in(Cadence::Weekly, Some(last), None, last).unwrap();
            assert_eq!(check.days_left, 7);
            assert_eq!((check.due - last).num_days(), 7);
        }
    }

    #[test]
    fn two_missed_intervals_are_drift() {
        let last = date(2026, 5, 1);
        let at = |today| next_check_in(Cadence::Weekly, Some(last), None, today).unwrap();
        assert_eq!(at(date(2026, 5, 7)).missed, 0);
        assert_eq!(at(date(2026, 5, 8)).missed, 1);
        assert!(!at(date(2026, 5, 14)).drifting());
        assert!(at(date(2026, 5, 15)).drifting());
        let custom = next_check_in(Cadence::EveryDays(10), Some(last), None, date(2026, 5, 21));
        assert_eq!(custom.unwrap().missed, 2);
    }

    #[test]
    fn before_the_first_meeting_the_agreed_start_counts_and_without_either_nothing_is_due() {
        let start = date(2026, 6, 1);
        let check = next_check_in(Cadence::Weekly, None, Some(start), date(2026, 6, 3)).unwrap();
        assert_eq!(check.due, date(2026, 6, 8));
        assert_eq!(
            next_check_in(Cadence::Weekly, None, None, date(2026, 6, 3)),
            None
        );
    }
}
