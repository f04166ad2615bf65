use leptos::prelude::*;
use trellis::ui::App;

fn main() {
    mount_to_body(App);
}
