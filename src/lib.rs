//! Trellis: a mentoring workbook that runs entirely in the browser.

pub mod domain;
pub mod storage;
