use leptos::prelude::*;
use trellis::ui::App;

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}
