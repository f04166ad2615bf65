//! The four stages and where a pair stands in each, derived from its data.

use super::workbook::PairData;

/// A stage of the mentoring journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Agree,
    Plan,
    Meet,
    Review,
}

/// Where a pair stands in a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageStatus {
    /// Finished, and nothing has changed it since.
    Done,
    /// Where the pair is working now.
    Current,
    /// Needs attention: something is missing, stale or late.
    Due,
    /// Not built in this version of the app.
    Later,
}

impl Stage {
    /// The four stages in order.
    pub const ALL: [Stage; 4] = [Stage::Agree, Stage::Plan, Stage::Meet, Stage::Review];

    /// The stage's name.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Agree => "Agree",
            Stage::Plan => "Plan",
            Stage::Meet => "Meet",
            Stage::Review => "Review",
        }
    }
}

impl StageStatus {
    /// The word shown next to the stage.
    pub fn label(self) -> &'static str {
        match self {
            StageStatus::Done => "done",
            StageStatus::Current => "current",
            StageStatus::Due => "due",
            StageStatus::Later => "later",
        }
    }
}

impl PairData {
    /// Where the pair stands in `stage`.
    pub fn stage_status(&self, stage: Stage) -> StageStatus {
        match stage {
            Stage::Agree => match self.agreement_status() {
                Some(status) if status.agreed() => StageStatus::Done,
                Some(status) if status.changed_since_agreed() => StageStatus::Due,
                _ => StageStatus::Current,
            },
            Stage::Plan | Stage::Meet | Stage::Review => StageStatus::Later,
        }
    }
}
