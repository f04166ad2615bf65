//! The guided tour: a few stops through the demo pair's dashboard and its
//! four stages, each saying in a line or two what the page is for. The
//! stop it is on is kept on this device, apart from the workbook's and the
//! demo's keys, so a reload carries on where it was.

use leptos::prelude::*;

use super::browser::{device_choice, focus_selected, go_to, keep_device_choice, location_hash};
use super::demo::enter;
use crate::domain::Stage;
use crate::route::{in_demo, PairPage, Route};
use crate::state::AppState;

/// One stop of the tour: the page it shows, its title and what it says.
struct Stop {
    page: PairPage,
    title: &'static str,
    text: &'static str,
}

const STOPS: [Stop; 6] = [
    Stop {
        page: PairPage::Dashboard,
        title: "Where the pair stands",
        text: "The dashboard gathers the four stages: what is done, what is due, and when the pair meets next.",
    },
    Stop {
        page: PairPage::Stage(Stage::Agree),
        title: "Agree how you will work",
        text: "Before any goal, the two agree why they meet, how often, and what stays between them. Both confirm it.",
    },
    Stop {
        page: PairPage::Stage(Stage::Plan),
        title: "Objectives the mentee can measure",
        text: "The coach checks each objective against SMART. The third one is vague on purpose: open its editor to see what the coach says.",
    },
    Stop {
        page: PairPage::Stage(Stage::Meet),
        title: "A log of every session",
        text: "Agenda, notes and actions for each meeting. Actions left open are carried into the next agenda.",
    },
    Stop {
        page: PairPage::Stage(Stage::Review),
        title: "Look back from both sides",
        text: "Each rates the mentoring alone, then they compare. The widest gaps come first: that is where to start talking.",
    },
    Stop {
        page: PairPage::Dashboard,
        title: "Your turn",
        text: "Change anything: it is a demo. Reset demo puts it back as it was; Leave demo returns to your own workbook; Show a QR code lets the room open it on their phones.",
    },
];

/// Where this device keeps the stop the tour is on.
const TOUR_KEY: &str = "tour";

/// What a stop moves the keyboard to, and where it goes when the tour ends.
const STOP_TARGET: &str = "main h1";
const TOUR_BUTTON: &str = "#take-tour";

/// Where the keyboard goes once the page the address names next is
/// drawn, instead of the page itself: the app moves it there.
#[derive(Clone, Copy)]
pub struct FocusAfterRoute(pub StoredValue<Option<&'static str>>);

/// The tour's stop, shared by the header's button and the panel, and what
/// it needs to move the page and the focus.
#[derive(Clone, Copy)]
pub struct Tour {
    stop: RwSignal<Option<usize>>,
    state: AppState,
    route: RwSignal<Route>,
    focus_after_route: FocusAfterRoute,
}

impl Tour {
    /// The tour as this device left it, provided for the page; only the
    /// demo runs it.
    pub fn provide() -> Self {
        let kept = device_choice(TOUR_KEY).and_then(|s| s.parse().ok());
        let stop = kept.filter(|s: &usize| *s < STOPS.len() && in_demo());
        let tour = Tour {
            stop: RwSignal::new(None),
            state: AppState::expect(),
            route: expect_context::<RwSignal<Route>>(),
            focus_after_route: expect_context::<FocusAfterRoute>(),
        };
        provide_context(tour);
        let _ = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && tour.stop.get_untracked().is_some() {
                tour.go(None);
            }
        });
        if let Some(stop) = stop {
            tour.go(Some(stop));
        }
        tour
    }

    /// Goes to stop `stop`, or ends the tour with `None`, remembering it,
    /// and moves the keyboard to the stop's target (the tour's button when
    /// it ends).
    fn go(self, stop: Option<usize>) {
        keep_device_choice(TOUR_KEY, stop.map(|s| s.to_string()).as_deref());
        // The pair on screen, or else the demo's first.
        let pair = match self.route.get_untracked() {
            Route::Pair(pair, _) => Some(pair),
            _ => self
                .state
                .workbook
                .with_untracked(|w| w.pairs.keys().next().copied()),
        };
        let (hash, target) = match (stop, pair) {
            (Some(stop), Some(pair)) => (
                Some(Route::Pair(pair, STOPS[stop].page).to_hash()),
                STOP_TARGET,
            ),
            _ => (None, TOUR_BUTTON),
        };
        match hash.filter(|hash| *hash != location_hash()) {
            Some(hash) => {
                self.focus_after_route.0.set_value(Some(target));
                go_to(&hash);
            }
            None => focus_selected(target),
        }
        // Last: ending the tour takes away the panel whose button called.
        self.stop.set(stop);
    }
}

/// "Take the tour": in the demo it starts the tour; elsewhere it opens the
/// demo with the tour started.
#[component]
pub fn TourButton() -> impl IntoView {
    let tour = expect_context::<Tour>();
    let start = move |_| {
        if in_demo() {
            tour.go(Some(0));
        } else {
            keep_device_choice(TOUR_KEY, Some("0"));
            enter();
        }
    };
    view! {
        <button type="button" class="header-link" id="take-tour" on:click=start>
            "Take the tour"
        </button>
    }
}

/// The tour's panel, just before the page it shows, so the keyboard
/// reaches it from the page's heading: the stop, what it says, and Skip
/// tour, Back and Next (Finish tour at the last). Escape skips.
#[component]
pub fn TourPanel() -> impl IntoView {
    let tour = expect_context::<Tour>();
    move || {
        tour.stop.get().map(|at| {
            let stop = &STOPS[at];
            let last = at + 1 == STOPS.len();
            view! {
                <section class="banner tour" aria-labelledby="tour-title">
                    <p class="hint">{format!("Tour: stop {} of {}", at + 1, STOPS.len())}</p>
                    <h2 id="tour-title">{stop.title}</h2>
                    <p>{stop.text}</p>
                    <p>
                        <button type="button" on:click=move |_| tour.go(None)>
                            "Skip tour"
                        </button>
                        " "
                        <button
                            type="button"
                            disabled=at == 0
                            on:click=move |_| tour.go(at.checked_sub(1))
                        >
                            "Back"
                        </button>
                        " "
                        <button
                            type="button"
                            class="primary"
                            on:click=move |_| tour.go((!last).then_some(at + 1))
                        >
                            {if last { "Finish tour" } else { "Next" }}
                        </button>
                    </p>
                </section>
            }
        })
    }
}
