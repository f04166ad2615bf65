//! Confirmations of the agreement, and whether they still hold.

use chrono::NaiveDate;

use super::hash::content_hash;
use super::json::{Object, ToJson};
use super::model::*;
use super::record::{Body, Kind};
use super::workbook::PairData;

/// What one side's confirmation of the agreement says now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfirmState {
    /// This side has not confirmed yet.
    Missing,
    /// Confirmed, and the agreement has not changed since.
    Current {
        name: String,
        date: Option<NaiveDate>,
    },
    /// Confirmed, but the agreement has changed since.
    Stale {
        name: String,
        date: Option<NaiveDate>,
    },
}

/// Both sides' confirmations, derived from the records each time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementStatus {
    pub mentor: ConfirmState,
    pub mentee: ConfirmState,
}

/// What a confirmation covers: the people and the agreement's terms.
struct Confirmed<'a> {
    mentor: &'a Person,
    mentee: &'a Person,
    agreement: &'a Agreement,
}

impl ToJson for Confirmed<'_> {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .member("mentor", self.mentor)
            .member("mentee", self.mentee)
            .member("agreement", self.agreement)
            .end();
    }
}

/// The fingerprint of the agreement as it stands, people included.
pub fn agreement_hash(info: &PairInfo, agreement: &Agreement) -> String {
    content_hash(&Confirmed {
        mentor: &info.mentor,
        mentee: &info.mentee,
        agreement,
    })
}

impl AgreementStatus {
    /// Both sides have confirmed the agreement as it stands.
    pub fn agreed(&self) -> bool {
        matches!(self.mentor, ConfirmState::Current { .. })
            && matches!(self.mentee, ConfirmState::Current { .. })
    }

    /// Someone confirmed an earlier version, and it has changed since.
    pub fn changed_since_agreed(&self) -> bool {
        matches!(self.mentor, ConfirmState::Stale { .. })
            || matches!(self.mentee, ConfirmState::Stale { .. })
    }

    /// One side's state.
    pub fn side(&self, side: Side) -> &ConfirmState {
        match side {
            Side::Mentor => &self.mentor,
            Side::Mentee => &self.mentee,
        }
    }
}

impl PairData {
    /// Where each side's confirmation stands; `None` without an agreement.
    pub fn agreement_status(&self) -> Option<AgreementStatus> {
        let info = self.info()?;
        let record = self.agreement_record()?;
        let Body::Agreement(agreement) = &record.body else {
            return None;
        };
        let hash = agreement_hash(info, agreement);
        let confirmations = self.children(record.id, Kind::Confirmation);
        let state = |side: Side| {
            let latest = confirmations
                .iter()
                .filter_map(|r| match &r.body {
                    Body::Confirmation(c) if c.side == Some(side) => Some((r, c)),
                    _ => None,
                })
                .max_by_key(|(r, c)| (c.date, r.updated, r.id));
            match latest {
                None => ConfirmState::Missing,
                Some((_, c)) if c.confirmed_hash == hash => ConfirmState::Current {
                    name: c.name.clone(),
                    date: c.date,
                },
                Some((_, c)) => ConfirmState::Stale {
                    name: c.name.clone(),
                    date: c.date,
                },
            }
        };
        Some(AgreementStatus {
            mentor: state(Side::Mentor),
            mentee: state(Side::Mentee),
        })
    }
}
