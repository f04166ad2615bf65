//! The page's entry point. On wasm the app starts from wasm-bindgen's
//! start function rather than a Rust `main`: the standard library's
//! start-up and exit code (its argument, thread and stdout set-up) then
//! never ships, as a page has none of them.
#![cfg_attr(target_arch = "wasm32", no_main)]

use std::time::Duration;

use leptos::prelude::*;
use trellis::ui::App;

/// Starts the app once the first screen index.html draws has reached the
/// screen. When the wasm arrives before the browser has painted (a fast
/// connection, or a phone with the files cached), the app's start-up would
/// otherwise hold the main thread while nothing is shown. It waits two
/// frames: one paints the first screen, and by the next the browser has
/// seen it presented (its largest-paint record of an element removed
/// before then is dropped, so the page would count as painted only when
/// the app is). A hidden tab paints nothing, so there it starts at once.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen(start))]
fn start() {
    if document().visibility_state() == web_sys::VisibilityState::Hidden {
        mount();
    } else {
        request_animation_frame(|| request_animation_frame(|| set_timeout(mount, Duration::ZERO)));
    }
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
