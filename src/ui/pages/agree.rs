use chrono::NaiveDate;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

use super::super::browser::{local_date, print_page};
use super::super::chart::escape;
use super::super::components::record_form::{
    field, html_block, side_pressed, Control, FieldSpec, FormText, RecordFields, MEETING_FORMATS,
    MENTOR_STYLES,
};
use crate::domain::{Action, Body, Cadence, ConfirmState, Id, Side};
use crate::state::{AppState, Read};

/// The mentee's or mentor's own details, as the agreement introduces them.
macro_rules! person_fields {
    ($side:ident, $who:literal) => {
        &[
            FieldSpec::new(
                concat!($who, "'s name"),
                "",
                Control::Line,
                field!(Pair, $side.name),
            ),
            FieldSpec::new(
                concat!($who, "'s position"),
                "",
                Control::Line,
                field!(Pair, $side.position),
            ),
            FieldSpec::new(
                concat!($who, "'s field or industry"),
                "",
                Control::Line,
                field!(Pair, $side.field),
            ),
            FieldSpec::new(
                concat!($who, "'s contact (optional)"),
                "",
                Control::Line,
                field!(Pair, $side.contact),
            ),
        ]
    };
}

const MENTOR_FIELDS: &[FieldSpec] = person_fields!(mentor, "Mentor");
const MENTEE_FIELDS: &[FieldSpec] = person_fields!(mentee, "Mentee");

const PURPOSE_FIELDS: &[FieldSpec] = &[FieldSpec::new(
    "Why we are doing this",
    "In a sentence or two: what should be different for the mentee when this ends? Goals get their detail in the Plan stage.",
    Control::Paragraph,
    field!(Agreement, purpose),
)];

const CADENCES: &[(&str, &str)] = &[
    ("weekly", "Weekly"),
    ("fortnightly", "Fortnightly"),
    ("monthly", "Monthly"),
    ("custom", "Every N days"),
];

fn cadence_text(body: &Body) -> String {
    match body {
        Body::Agreement(a) => match a.cadence {
            Cadence::Weekly => "weekly",
            Cadence::Fortnightly => "fortnightly",
            Cadence::Monthly => "monthly",
            Cadence::EveryDays(_) => "custom",
        }
        .to_string(),
        _ => String::new(),
    }
}

fn set_cadence(body: &mut Body, text: &str) {
    if let Body::Agreement(a) = body {
        a.cadence = match text {
            "weekly" => Cadence::Weekly,
            "monthly" => Cadence::Monthly,
            "custom" => Cadence::EveryDays(a.cadence.days()),
            _ => Cadence::Fortnightly,
        };
    }
}

fn every_days_text(body: &Body) -> String {
    match body {
        Body::Agreement(a) => a.cadence.days().to_string(),
        _ => String::new(),
    }
}

fn set_every_days(body: &mut Body, text: &str) {
    if let (Body::Agreement(a), Some(days)) = (body, u16::from_text(text)) {
        a.cadence = Cadence::EveryDays(days);
    }
}

const MEETING_FIELDS: &[FieldSpec] = &[
    FieldSpec::new(
        "Cadence",
        "",
        Control::Choice(CADENCES),
        (cadence_text, set_cadence),
    ),
    FieldSpec::new(
        "Format",
        "",
        Control::Choice(MEETING_FORMATS),
        field!(Agreement, format),
    ),
    FieldSpec::new(
        "Usual length (minutes)",
        "",
        Control::Number,
        field!(Agreement, length_minutes),
    ),
];

const EVERY_DAYS_FIELDS: &[FieldSpec] = &[FieldSpec::new(
    "Days between meetings",
    "",
    Control::Number,
    (every_days_text, set_every_days),
)];

const LOG_KEEPERS: &[(&str, &str)] = &[
    ("mentee", "The mentee"),
    ("mentor", "The mentor"),
    ("both", "We take turns"),
];

const LOG_FIELDS: &[FieldSpec] = &[FieldSpec::new(
    "Who keeps the session log",
    "One person writing up each meeting keeps the log complete; the other adds their own reflections.",
    Control::Choice(LOG_KEEPERS),
    field!(Agreement, log_keeper),
)];

const STYLE_FIELDS: &[FieldSpec] = &[
    FieldSpec::new(
        "Mentor's style",
        "Hands-on mentors work through problems alongside the mentee; advisory mentors ask questions and leave the doing to the mentee.",
        Control::Choice(MENTOR_STYLES),
        field!(Agreement, mentor_style),
    ),
    FieldSpec::new(
        "How the mentee likes to learn",
        "For example: by trying first and talking it over after, from worked examples, by shadowing, by reading ahead.",
        Control::Paragraph,
        field!(Agreement, mentee_preferences),
    ),
];

const EXPECTATION_FIELDS: &[FieldSpec] = &[
    FieldSpec::new(
        "What the mentee expects of the mentor",
        "",
        Control::Paragraph,
        field!(Agreement, mentee_expects),
    ),
    FieldSpec::new(
        "What the mentor expects of the mentee",
        "",
        Control::Paragraph,
        field!(Agreement, mentor_expects),
    ),
];

const BOUNDARY_FIELDS: &[FieldSpec] = &[
    FieldSpec::new(
        "Boundaries and confidentiality",
        "What stays between you, what may be shared with managers or a programme, and any topics either of you would rather keep out.",
        Control::Paragraph,
        field!(Agreement, boundaries),
    ),
    FieldSpec::new(
        "How either of us raises a problem",
        "Decide now, while all is well, how you will say that something is not working: who says it, when and how.",
        Control::Paragraph,
        field!(Agreement, raising_problems),
    ),
];

const TERM_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("Start date", "", Control::Date, field!(Agreement, start)),
    FieldSpec::new(
        "Planned end date",
        "",
        Control::Date,
        field!(Agreement, planned_end),
    ),
    FieldSpec::new(
        "Weeks between reviews",
        "How often you both step back and rate how the mentoring is going.",
        Control::Number,
        field!(Agreement, review_every_weeks),
    ),
];

const ENDING_FIELDS: &[FieldSpec] = &[FieldSpec::new(
    "How it ends",
    "A good ending is planned: a closing review, what happens to the notes, and whether you stay in touch. Either of you may also end it early without blame.",
    Control::Paragraph,
    field!(Agreement, ending),
)];

/// The mentoring agreement: every term, with guidance, and both sides'
/// confirmations.
#[component]
pub fn AgreePage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let stored_agreement = state.read(
        pair,
        Box::new(|p| p.agreement().cloned().unwrap_or_default()),
    );
    let stored_info = state.read(pair, Box::new(|p| p.info().cloned().unwrap_or_default()));
    let agreement = Signal::derive(move || Body::Agreement(stored_agreement.get()));
    let info = Signal::derive(move || Body::Pair(stored_info.get()));
    let locked = Signal::derive(move || {
        state.newer_data()
            || state
                .workbook
                .with(|w| w.pair(pair).is_some_and(|p| p.is_closed()))
    });
    let save_agreement = Callback::new(move |body: Body| {
        if let Body::Agreement(agreement) = body {
            state.dispatch(Action::UpdateAgreement { pair, agreement });
        }
    });
    let save_info = Callback::new(move |body: Body| {
        if let Body::Pair(info) = body {
            state.dispatch(Action::UpdatePair { pair, info });
        }
    });
    let section = move |legend: &'static str,
                        guidance: &'static str,
                        body: Signal<Body>,
                        on_edit: Callback<Body>,
                        specs: &'static [FieldSpec]| {
        view! {
            <fieldset class="section" disabled=move || locked.get()>
                <legend>{legend}</legend>
                {(!guidance.is_empty()).then(|| view! { <p class="guidance">{guidance}</p> })}
                <div class="fields">
                    <RecordFields body on_edit specs />
                </div>
            </fieldset>
        }
    };
    let custom_cadence =
        move || stored_agreement.with(|a| matches!(a.cadence, Cadence::EveryDays(_)));

    view! {
        <h1>"Mentoring agreement"</h1>
        <p class="lead">
            "Agree how you will work together before you start on goals. Fill it in together, then each of you confirms it. Everything saves as you type."
        </p>
        <AgreementSummary pair />
        <form class="agreement form" on:submit=|ev| ev.prevent_default()>
            <fieldset class="section" disabled=move || locked.get()>
                <legend>"Who we are"</legend>
                <p class="guidance">
                    "Say who you are and where you work, so the agreement still makes sense to a programme coordinator or to you both a year from now. A way to reach each other is optional."
                </p>
                <div class="two-columns">
                    <div>
                        <RecordFields body=info on_edit=save_info specs=MENTOR_FIELDS />
                    </div>
                    <div>
                        <RecordFields body=info on_edit=save_info specs=MENTEE_FIELDS />
                    </div>
                </div>
            </fieldset>
            {section("Purpose", "", agreement, save_agreement, PURPOSE_FIELDS)}
            <fieldset class="section" disabled=move || locked.get()>
                <legend>"How we meet"</legend>
                <p class="guidance">
                    "A steady rhythm matters more than long meetings: choose a cadence you can both keep when work gets busy."
                </p>
                <div class="fields">
                    <RecordFields body=agreement on_edit=save_agreement specs=MEETING_FIELDS />
                    {move || {
                        custom_cadence()
                            .then(|| {
                                view! {
                                    <RecordFields
                                        body=agreement
                                        on_edit=save_agreement
                                        specs=EVERY_DAYS_FIELDS
                                    />
                                }
                            })
                    }}
                </div>
                <RecordFields body=agreement on_edit=save_agreement specs=LOG_FIELDS />
            </fieldset>
            {section("How we like to work", "", agreement, save_agreement, STYLE_FIELDS)}
            {section(
                "What we expect of each other",
                "Unspoken expectations are the usual reason a mentoring pair drifts apart. Be concrete: response times, preparation, honesty.",
                agreement,
                save_agreement,
                EXPECTATION_FIELDS,
            )}
            {section("Boundaries and problems", "", agreement, save_agreement, BOUNDARY_FIELDS)}
            {section("How long, and how it ends", "", agreement, save_agreement, TERM_FIELDS)}
            <RecordFields body=agreement on_edit=save_agreement specs=ENDING_FIELDS />
        </form>
        <Confirmations pair />
        <p class="record-controls">
            <button type="button" on:click=|_| print_page()>
                "Print agreement"
            </button>
        </p>
        {html_block(state.read(pair, Box::new(printable_agreement)))}
    }
}

/// The agreement as text for printing (shown only in print): every term
/// that has been filled in, and both confirmations.
fn printable_agreement(p: &crate::domain::PairData) -> String {
    let (Some(info), Some(agreement)) = (p.info(), p.agreement()) else {
        return String::new();
    };
    let people = Body::Pair(info.clone());
    let terms = Body::Agreement(agreement.clone());
    let mut html = format!(
        r#"<section class="print-only"><h2>Mentoring agreement: {}</h2><dl>"#,
        escape(&info.display_name())
    );
    for (specs, body) in [
        (MENTOR_FIELDS, &people),
        (MENTEE_FIELDS, &people),
        (PURPOSE_FIELDS, &terms),
        (MEETING_FIELDS, &terms),
        (LOG_FIELDS, &terms),
        (STYLE_FIELDS, &terms),
        (EXPECTATION_FIELDS, &terms),
        (BOUNDARY_FIELDS, &terms),
        (TERM_FIELDS, &terms),
        (ENDING_FIELDS, &terms),
    ] {
        for spec in specs {
            let mut value = (spec.get)(body);
            if let Control::Choice(options) = spec.control {
                if let Some((_, label)) = options.iter().find(|(key, _)| *key == value) {
                    value = label.to_string();
                }
            }
            if !value.trim().is_empty() {
                html += &format!("<dt>{}</dt><dd>{}</dd>", spec.label, escape(&value));
            }
        }
    }
    html += "</dl><h3>Confirmations</h3><ul>";
    if let Some(status) = p.agreement_status() {
        for (side, state) in [(Side::Mentor, status.mentor), (Side::Mentee, status.mentee)] {
            let line = match state {
                ConfirmState::Missing => format!("The {} has not confirmed.", side.label()),
                ConfirmState::Current { name, date } => format!(
                    "Confirmed by the {}, {}, on {}.",
                    side.label(),
                    escape(&name),
                    date.map(local_date).unwrap_or_default()
                ),
                ConfirmState::Stale { name, date } => format!(
                    "Confirmed by the {}, {}, on {}, before the latest changes.",
                    side.label(),
                    escape(&name),
                    date.map(local_date).unwrap_or_default()
                ),
            };
            html += &format!("<li>{line}</li>");
        }
    }
    html + "</ul></section>"
}

/// One line on where the agreement stands.
#[component]
fn AgreementSummary(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    html_block(state.read(
        pair,
        Box::new(|p| {
            let (class, text) = match p.agreement_status() {
                Some(s) if s.agreed() => ("done", "Agreed by both"),
                Some(s) if s.changed_since_agreed() => (
                    "due",
                    "Changed since agreed: confirm again so you both stand behind the current version",
                ),
                _ => (
                    "current",
                    "Not yet agreed: confirm it when you have both read it",
                ),
            };
            format!(r#"<p class="agreement-state {class}">{text}</p>"#)
        }),
    ))
}

/// Each side's confirmation, and the buttons this device may press.
#[component]
fn Confirmations(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let confirmations: Read<String> = state.read(
        pair,
        Box::new(move |p| {
            let role = state.role(pair);
            let status = p.agreement_status();
            Side::ALL
                .into_iter()
                .map(|side| {
                    let who = side.label();
                    let name = p.info().map(|i| i.name_of(side)).unwrap_or_default();
                    let line = match status.as_ref().map(|s| s.side(side)) {
                        Some(ConfirmState::Current { name, date }) => {
                            format!("Confirmed by {name}{}.", on_date(*date))
                        }
                        Some(ConfirmState::Stale { name, date }) => format!(
                            "{name} confirmed an earlier version{}; the agreement has changed since.",
                            on_date(*date)
                        ),
                        _ => "Not confirmed yet.".to_string(),
                    };
                    let action = if role.can_act_for(side) {
                        format!(
                            r#"<button type="button" class="primary" data-side="{who}">Confirm as {who}</button>"#
                        )
                    } else {
                        format!(
                            r#"<p class="hint">The {who} confirms on their own device; it arrives here when you import their copy.</p>"#
                        )
                    };
                    format!(
                        r#"<li class="confirmation"><h3>{} ({who})</h3><p>{}</p>{action}</li>"#,
                        escape(&name),
                        escape(&line)
                    )
                })
                .collect()
        }),
    );
    let confirm = move |ev: MouseEvent| {
        let Some(side) = side_pressed(&ev) else {
            return;
        };
        let name = state
            .pair_info(pair)
            .map(|i| i.name_of(side))
            .unwrap_or_default();
        state.dispatch(Action::ConfirmAgreement {
            pair,
            side,
            name,
            date: state.clock.today(),
        });
    };
    view! {
        <section class="card" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">"Confirmations"</h2>
            <p class="guidance">
                "Confirming says: I have read this and will keep to it. If either of you changes the agreement later, the confirmations no longer match and you confirm again."
            </p>
            <AgreementSummary pair />
            <ul class="confirmations" on:click=confirm inner_html=move || confirmations.get()></ul>
        </section>
    }
}

fn on_date(date: Option<NaiveDate>) -> String {
    date.map(|d| format!(" on {}", local_date(d)))
        .unwrap_or_default()
}
