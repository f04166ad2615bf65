//! One component per route.

pub mod agree;
pub mod dashboard;
pub mod home;
pub mod meet;
pub mod plan;
pub mod review;
pub mod settings;
