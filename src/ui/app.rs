use leptos::ev;
use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{focus_selected, local_date, location_hash, location_search, start_offline};
use super::components::banners::{Banners, UndoBar};
use super::components::header::Header;
use super::components::stage_nav::StageNav;
use super::demo::{fill_if_empty, reload_at, store_for, DemoBanner};
use super::pages::meet::MeetPage;
use super::pages::plan::PlanPage;
use super::pages::review::ReviewPage;
use super::pages::settings::SettingsPage;
use super::pages::{agree::AgreePage, dashboard::DashboardPage, home::HomePage};
use super::tour::{FocusAfterRoute, Tour, TourPanel};
use crate::clock::Clock;
use crate::domain::{Action, Stage};
use crate::route::{is_demo, set_demo, PairPage, Route};
use crate::state::{AppState, Read, Scope};

/// The whole app: state, routing and the page frame.
#[component]
pub fn App() -> impl IntoView {
    start_offline();
    let demo = is_demo(&location_hash());
    set_demo(demo);
    let state = AppState::provide(store_for(demo), Clock::from_query(&location_search()));
    if demo {
        fill_if_empty(state);
    }
    let route = RwSignal::new(Route::parse(&location_hash()));
    provide_context(route);

    window_event_listener(ev::hashchange, move |_| {
        let hash = location_hash();
        if is_demo(&hash) == demo {
            route.set(Route::parse(&hash));
        } else {
            reload_at(&hash);
        }
    });
    // A build made for the tests (feature "panic-switch") panics at the
    // first click when the address asks for it, so the error screen
    // index.html draws can be tested against a real panic.
    #[cfg(feature = "panic-switch")]
    if location_search().contains("panic") {
        window_event_listener(ev::click, |_| {
            panic!("the address asked for a panic (?panic)")
        });
    }
    window_event_listener(ev::pagehide, move |_| state.save_now());
    window_event_listener_untyped("visibilitychange", move |_| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            state.save_now();
        }
    });
    window_event_listener(ev::storage, move |event: web_sys::StorageEvent| {
        if let Some(key) = event.key() {
            state.on_storage_changed(&key, event.new_value().as_deref());
        }
    });

    let main = NodeRef::<leptos::html::Main>::new();
    let first_route = StoredValue::new(true);
    let focus_after_route = FocusAfterRoute(StoredValue::new(None));
    provide_context(focus_after_route);
    Effect::new(move |_| {
        route.track();
        if first_route.get_value() {
            first_route.set_value(false);
        } else if let Some(target) = focus_after_route.0.get_value() {
            focus_after_route.0.set_value(None);
            focus_selected(target);
        } else {
            focus_when_drawn(main);
        }
    });
    Tour::provide();

    // The pair the address names, while it is in the workbook.
    let current_pair = state.read_workbook(Box::new(move |w| match route.get() {
        Route::Pair(id, _) => w.pair(id).map(|_| id),
        _ => None,
    }));
    let pair_exists = Read::new(move || current_pair.with(Option::is_some));

    // A share link opens the Settings page, whose import reads the link;
    // when the address then moves on to #/settings, the page (and what it
    // says about the import) stays as it is.
    let shown = Read::new(move || match route.get() {
        Route::Share => Route::Settings,
        other => other,
    });
    let page = move || match shown.get() {
        Route::Home => view! { <HomePage /> }.into_any(),
        Route::Settings | Route::Share => view! { <SettingsPage /> }.into_any(),
        Route::Pair(id, page) if pair_exists.get() => {
            let body = match page {
                PairPage::Dashboard => view! { <DashboardPage pair=id /> }.into_any(),
                PairPage::Stage(Stage::Agree) => view! { <AgreePage pair=id /> }.into_any(),
                PairPage::Stage(Stage::Plan) => view! { <PlanPage pair=id /> }.into_any(),
                PairPage::Stage(Stage::Meet) => view! { <MeetPage pair=id /> }.into_any(),
                PairPage::Stage(Stage::Review) => view! { <ReviewPage pair=id /> }.into_any(),
            };
            view! {
                <StageNav pair=id current=page />
                <ClosedNotice pair=id />
                <TourPanel />
                <fieldset class="pair-body" disabled=move || state.is_closed(id)>
                    {body}
                </fieldset>
            }
            .into_any()
        }
        Route::Pair(..) => not_found("Pair not found", PAIR_NOT_FOUND),
        Route::NotFound => not_found("Page not found", "There is no page at this address."),
    };

    let skip_to_content = move |event: ev::MouseEvent| {
        event.prevent_default();
        focus_when_drawn(main);
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>
            "Skip to content"
        </a>
        <Header current_pair />
        {demo.then(|| view! { <DemoBanner /> })}
        <Banners />
        <main id="main" tabindex="-1" node_ref=main>
            {page}
        </main>
        <UndoBar />
    }
}

/// While a mentorship is closed: when it closed, and the way to reopen it.
#[component]
fn ClosedNotice(pair: crate::domain::Id) -> impl IntoView {
    let state = AppState::expect();
    let closed_on = state.read_in(
        pair,
        Scope::Record(pair),
        Box::new(|p| p.info().and_then(|i| i.closed_on)),
    );
    let reopen = move |_| {
        state.dispatch(Action::Reopen { pair });
    };
    move || {
        closed_on.get().map(|on| {
            view! {
                <div class="notice closed" role="status">
                    <p>
                        {format!(
                            "This mentorship closed on {}. Everything is kept, and read-only until you reopen it.",
                            local_date(on),
                        )}
                    </p>
                    <button type="button" on:click=reopen>
                        "Reopen mentorship"
                    </button>
                </div>
            }
        })
    }
}

const PAIR_NOT_FOUND: &str = "This link points to a pair that is not in this browser's workbook. \
    It may have been deleted, or it lives in someone else's browser: ask them to send you their copy.";

/// A page for an address that leads nowhere, with the way back.
fn not_found(heading: &'static str, explanation: &'static str) -> AnyView {
    view! {
        <h1>{heading}</h1>
        <p>{explanation}</p>
        <p>
            <a href=Route::Home.to_hash()>"Go to your pairs"</a>
        </p>
    }
    .into_any()
}

/// Moves the keyboard to `target` once the views this event changes are
/// drawn: for a button that took itself away, or a part newly shown.
pub fn focus_when_drawn<E>(target: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    request_animation_frame(move || {
        if let Some(element) = target.try_get_untracked().flatten() {
            let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    });
}
