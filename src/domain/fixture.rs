//! A workbook with one pair (Ana mentoring Ben) for the domain's tests:
//! actions applied at a fixed time, refused ones checked to change nothing.

use chrono::{DateTime, Utc};

use super::*;

pub struct Fixture {
    pub book: Workbook,
    pub pair: Id,
    pub ids: SequentialIds,
    pub now: DateTime<Utc>,
}

impl Fixture {
    /// A workbook with one pair, created at `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        let mut ids = SequentialIds(100);
        let mut book = Workbook::default();
        let action = Action::CreatePair {
            mentor: "Ana".into(),
            mentee: "Ben".into(),
        };
        let pair = book.apply(action, now, &mut ids).unwrap().pair;
        Fixture {
            book,
            pair,
            ids,
            now,
        }
    }

    pub fn apply(&mut self, action: Action) -> Applied {
        self.book.apply(action, self.now, &mut self.ids).unwrap()
    }

    /// Applies an action that must be refused, and checks that it changed
    /// nothing.
    pub fn refuse(&mut self, action: Action) -> ActionError {
        let before = self.book.clone();
        let error = self
            .book
            .apply(action, self.now, &mut self.ids)
            .unwrap_err();
        assert_eq!(self.book, before, "a refused action changes nothing");
        error
    }

    pub fn data(&self) -> &PairData {
        self.book.pair(self.pair).unwrap()
    }

    /// Adds `body` under `parent` and returns its id.
    pub fn add(&mut self, parent: Id, body: Body) -> Id {
        let pair = self.pair;
        self.apply(Action::Add { pair, parent, body }).created[0]
    }
}
