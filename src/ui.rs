//! The user interface: thin components that read the workbook through
//! memos and change it only through `AppState::dispatch`.

mod app;
mod browser;
mod chart;
mod components;
mod demo;
mod pages;
mod qr;
mod tour;

pub use app::App;
pub use browser::once_painted;
