//! The workbook's data and rules: pure Rust, tested natively.
//!
//! Nothing here touches the browser, a clock or a random source: time and
//! fresh ids come in from the edge, so every rule runs the same in tests.

mod action;
mod agreement;
mod cadence;
mod coach;
#[cfg(test)]
mod fixture;
mod hash;
mod ics;
mod id;
#[cfg(test)]
mod import_tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod index_tests;
pub mod json;
mod meet;
mod merge;
mod model;
mod order;
mod plan;
mod prompts;
mod rank;
mod record;
mod review;
mod sample;
mod stage;
pub mod time;
mod timeline;
mod vec_map;
mod workbook;

pub use action::{Action, ActionError, Applied, Touched};
pub use agreement::{AgreementStatus, ConfirmState};
pub use cadence::{after_one_interval, next_check_in, CheckIn};
pub use coach::{coach, Advice, CoachContext, Letter, Verdict};
pub use hash::content_hash;
pub use ics::{calendar_file, CalendarEvent};
pub use id::{Id, IdSource, SequentialIds};
pub use merge::{
    brought_in, import_pair, imported_pairs, merge_pair, merge_tab, merge_workbook, newer_of,
    open_conflicts, preview_import, settle_conflict, ImportPreview,
};
pub use model::*;
pub use order::{sort_by, sort_by_key};
pub use plan::{may_hang_under, objective_hash, parent_kind, Consent, Progress};
pub use prompts::{agenda_for, PromptGroup, AGENDA_TEMPLATE, PROMPTS};
pub use rank::{rank_after, rank_between, FIRST_RANK};
pub use record::{next_update, Body, Kind, Record};
pub use review::{
    scheduled_round_id, AnsweredRounds, ClosingSummary, Column, EvaluationDue, PracticeGap, Trend,
    PRACTICES,
};
pub use sample::sample_workbook;
pub use stage::{Calendar, Stage, StageStatus};
pub use timeline::{Timeline, TimelineRow};
pub use vec_map::{IdSet, VecMap};
pub use workbook::{PairData, TreeFault, Workbook};
