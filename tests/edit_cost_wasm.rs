//! What one edit costs on the real Plan page in headless Chromium: ticking
//! a step re-runs as many reads and draws as many rows with 200 objectives
//! as with 2, because only the step's own readers hear of it.
#![cfg(target_arch = "wasm32")]
// A test that cannot unwrap should fail loudly: that is what these do.
#![allow(clippy::unwrap_used)]

use chrono::DateTime;
use trellis::domain::{Action, Body, Id, Milestone, Objective, SequentialIds, Step, Workbook};
use trellis::state::{reads_run, rows_drawn};
use trellis::storage::browser::{Store, DEFAULT_PREFIX};
use trellis::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A pair whose plan holds `objectives` objectives, each with one
/// milestone of three steps; returns the workbook, the pair and one step.
fn plan_with(objectives: usize, seed: u128) -> (Workbook, Id, Id) {
    let now = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let mut ids = SequentialIds(seed);
    let mut book = Workbook::default();
    let mut apply = |book: &mut Workbook, action| book.apply(action, now, &mut ids).unwrap();
    let pair = apply(
        &mut book,
        Action::CreatePair {
            mentor: "Ines".into(),
            mentee: "Tomas".into(),
        },
    )
    .pair;
    let mut step = Id::NONE;
    for n in 0..objectives {
        let add = |parent, body| Action::Add { pair, parent, body };
        let objective = apply(
            &mut book,
            add(
                pair,
                Body::Objective(Objective {
                    title: format!("Cut scrap on line {n}"),
                    ..Objective::default()
                }),
            ),
        )
        .created[0];
        let milestone = apply(
            &mut book,
            add(
                objective,
                Body::Milestone(Milestone {
                    title: format!("Baseline for line {n}"),
                    ..Milestone::default()
                }),
            ),
        )
        .created[0];
        for s in 0..3 {
            step = apply(
                &mut book,
                add(
                    milestone,
                    Body::Step(Step {
                        title: format!("Measure shift {s} on line {n}"),
                        ..Step::default()
                    }),
                ),
            )
            .created[0];
        }
    }
    (book, pair, step)
}

/// Waits `ms` milliseconds of the browser's clock.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Opens the Plan page of such a pair, ticks one step and returns the
/// reads run and rows drawn by the tick.
async fn cost_of_a_tick(objectives: usize, seed: u128) -> (usize, usize) {
    let store = Store::new(DEFAULT_PREFIX);
    store.erase_all();
    let (book, pair, step) = plan_with(objectives, seed);
    store.save_pair(&book.pairs[&pair], None, None).unwrap();
    store.save_index(&book).unwrap();
    let window = web_sys::window().unwrap();
    window
        .location()
        .set_hash(&format!("#/pair/{pair}/plan"))
        .unwrap();
    let document = window.document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let mounted = leptos::mount::mount_to(host.clone().unchecked_into(), App);
    leptos::task::tick().await;
    sleep(50).await;

    let checkbox: web_sys::HtmlInputElement = document
        .get_element_by_id(&format!("task-{step}"))
        .unwrap_or_else(|| panic!("the step's checkbox is on the page"))
        .unchecked_into();
    assert!(!checkbox.checked());
    let before = (reads_run(), rows_drawn());
    checkbox.click();
    leptos::task::tick().await;
    sleep(50).await;
    let after = (reads_run(), rows_drawn());
    assert!(checkbox.checked(), "the tick shows");
    assert!(
        document
            .get_element_by_id(&format!("task-{step}"))
            .is_some_and(|same| js_sys::Object::is(&same, &checkbox)),
        "the step's box is the same element: its row was not drawn again"
    );

    // Let the delayed save run before the page goes, then leave nothing.
    sleep(600).await;
    drop(mounted);
    host.remove();
    store.erase_all();
    (after.0 - before.0, after.1 - before.1)
}

#[wasm_bindgen_test]
async fn ticking_a_step_costs_the_same_with_2_or_200_objectives() {
    let small = cost_of_a_tick(2, 1 << 40).await;
    let large = cost_of_a_tick(200, 2 << 40).await;
    assert!(small.0 > 0, "the tick re-ran the step's own reads");
    assert_eq!(
        small, large,
        "(reads run, rows drawn) for 2 and 200 objectives"
    );
}
