//! The page's entry point. On wasm the app starts from wasm-bindgen's
//! start function rather than a Rust `main`: the standard library's
//! start-up and exit code (its argument, thread and stdout set-up) then
//! never ships, as a page has none of them.
#![cfg_attr(target_arch = "wasm32", no_main)]

use leptos::prelude::*;
use trellis::ui::{once_painted, App};

/// Starts the app once the first screen index.html draws has been painted.
/// When the wasm arrives before the browser has painted (a fast
/// connection, or a phone with the files cached), the app's start-up would
/// otherwise hold the main thread while nothing is shown, and the page
/// would count as painted only when the app is.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen(start))]
fn start() {
    once_painted(mount);
}

fn mount() {
    mount_to_body(App);
    // The app has just drawn itself below the first screen, in this same
    // task, so the two swap within one frame and nothing on the page
    // shifts.
    if let Some(first_screen) = document().get_element_by_id("shell") {
        first_screen.remove();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    start();
}
