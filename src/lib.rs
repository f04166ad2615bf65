//! Trellis: a mentoring workbook that runs entirely in the browser.

pub mod clock;
pub mod domain;
pub mod route;
pub mod state;
pub mod storage;
pub mod ui;
