//! Keeping the workbook: a pure codec shared by browser storage and
//! export/import, and the thin adapter over localStorage.

pub mod browser;
pub mod codec;
pub mod exchange;
mod migrate;
mod parse;
mod read;
pub mod sealed;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz_tests;

pub use codec::{DecodeError, DeviceSettings};
