//! Pieces shared by several pages.

pub mod banners;
pub mod check;
pub mod field;
pub mod header;
pub mod protect;
pub mod record_form;
pub mod stage_nav;
pub mod timeline;
