use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// A globally unique record id: 128 random bits made at the edge, so two
/// people's copies of a workbook never hand out the same id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

impl Id {
    /// Wraps raw bits; the edge passes random ones, tests pass small numbers.
    pub const fn from_u128(bits: u128) -> Self {
        Id(Uuid::from_u128(bits))
    }

    /// The nil id, used as the parent of a pair record (which has none).
    pub const NONE: Id = Id(Uuid::nil());

    /// Reads the 32-hex-digit form used in routes and storage keys.
    pub fn parse(text: &str) -> Option<Self> {
        Uuid::try_parse(text).ok().map(Id)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.simple())
    }
}

/// Where `apply` gets fresh ids for the records an action creates.
pub trait IdSource {
    /// A new id, never handed out before.
    fn next_id(&mut self) -> Id;
}

/// Counts up from a start; deterministic ids for native tests.
#[derive(Clone, Debug)]
pub struct SequentialIds(pub u128);

impl IdSource for SequentialIds {
    fn next_id(&mut self) -> Id {
        self.0 += 1;
        Id::from_u128(self.0)
    }
}

impl<F: FnMut() -> Id> IdSource for F {
    fn next_id(&mut self) -> Id {
        self()
    }
}
