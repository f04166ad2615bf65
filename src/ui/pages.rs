//! One component per route.

pub mod agree;
pub mod dashboard;
pub mod home;
pub mod later;
pub mod plan;
pub mod settings;
