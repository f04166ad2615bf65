use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::browser::{local_date, print_page};
use super::super::components::record_form::{
    field, Control, FieldSpec, FormText, RecordFields, MEETING_FORMATS, MENTOR_STYLES,
};
use crate::domain::{
    Action, Agreement, AgreementStatus, Body, Cadence, ConfirmState, Id, PairInfo, Side,
};
use crate::state::{AppState, Read, Scope};

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

/// Every group of the agreement's fields, in the order it is printed, and
/// whether it holds the people (else the terms).
const PRINTED: [(&[FieldSpec], bool); 10] = [
    (MENTOR_FIELDS, true),
    (MENTEE_FIELDS, true),
    (PURPOSE_FIELDS, false),
    (MEETING_FIELDS, false),
    (LOG_FIELDS, false),
    (STYLE_FIELDS, false),
    (EXPECTATION_FIELDS, false),
    (BOUNDARY_FIELDS, false),
    (TERM_FIELDS, false),
    (ENDING_FIELDS, false),
];

/// The mentoring agreement: every term, with guidance, and both sides'
/// confirmations.
#[component]
pub fn AgreePage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    // The people are the pair record's; the terms are the agreement
    // record's, and its confirmations are under it. Each part reads only
    // the records it shows, so typing in one field redraws little.
    let agreement_id = state
        .with_pair(pair, |p| p.agreement_record().map(|r| r.id))
        .flatten();
    let terms_scope = agreement_id.map_or(Scope::Subtree(pair), Scope::Record);
    let stored_agreement = state.read_in(
        pair,
        terms_scope,
        Box::new(
            move |p| match agreement_id.and_then(|id| p.record(id)).map(|r| &r.body) {
                Some(Body::Agreement(a)) => a.clone(),
                _ => Agreement::default(),
            },
        ),
    );
    let stored_info = state.read_in(
        pair,
        Scope::Record(pair),
        Box::new(|p| p.info().cloned().unwrap_or_default()),
    );
    let status: Read<Option<AgreementStatus>> = Read::new(move || {
        state.track(pair, Scope::Record(pair));
        state.track(
            pair,
            agreement_id.map_or(Scope::Subtree(pair), Scope::Subtree),
        );
        state.with_pair(pair, |p| p.agreement_status()).flatten()
    });
    let agreement = Signal::derive(move || Body::Agreement(stored_agreement.get()));
    let info = Signal::derive(move || Body::Pair(stored_info.get()));
    let locked = Signal::derive(move || state.newer_data() || state.is_closed(pair));
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
        Read::new(move || stored_agreement.with(|a| matches!(a.cadence, Cadence::EveryDays(_))));

    view! {
        <h1>"Mentoring agreement"</h1>
        <p class="lead">
            "Agree how you will work together before you start on goals. Fill it in together, then each of you confirms it. Everything saves as you type."
        </p>
        {agreement_summary(status)}
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
                        custom_cadence
                            .get()
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
        <section class="card" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">"Confirmations"</h2>
            <p class="guidance">
                "Confirming says: I have read this and will keep to it. If either of you changes the agreement later, the confirmations no longer match and you confirm again."
            </p>
            {agreement_summary(status)}
            <ul class="confirmations">
                {Side::ALL
                    .into_iter()
                    .map(|side| confirmation(state, pair, side, stored_info, status))
                    .collect_view()}
            </ul>
        </section>
        <p class="record-controls">
            <button type="button" on:click=|_| print_page()>
                "Print agreement"
            </button>
        </p>
        // In a block of its own: print shows only the blocks that hold
        // something printable.
        <div>
            <section class="print-only">
                <h2>
                    {move || {
                        format!("Mentoring agreement: {}", stored_info.with(PairInfo::display_name))
                    }}
                </h2>
                <dl>
                    {PRINTED
                        .into_iter()
                        .flat_map(|(specs, people)| {
                            specs
                                .iter()
                                .map(move |spec| printed_term(
                                    spec,
                                    if people { info } else { agreement },
                                ))
                        })
                        .collect_view()}
                </dl>
                <h3>"Confirmations"</h3>
                <ul>
                    {Side::ALL
                        .into_iter()
                        .map(|side| view! { <li>{move || printed_confirmation(status, side)}</li> })
                        .collect_view()}
                </ul>
            </section>
        </div>
    }
}

/// One term of the printed agreement, while it is filled in: its label and
/// its value (a choice by its label).
fn printed_term(spec: &'static FieldSpec, body: Signal<Body>) -> impl IntoView {
    let value = Read::new(move || {
        let mut value = body.with(spec.get);
        if let Control::Choice(options) = spec.control {
            if let Some((_, label)) = options.iter().find(|(key, _)| *key == value) {
                value = label.to_string();
            }
        }
        value
    });
    let filled = Read::new(move || value.with(|v| !v.trim().is_empty()));
    move || {
        filled.get().then(|| {
            view! {
                <dt>{spec.label}</dt>
                <dd>{move || value.get()}</dd>
            }
        })
    }
}

/// One side's confirmation as the printed agreement states it.
fn printed_confirmation(status: Read<Option<AgreementStatus>>, side: Side) -> String {
    let who = side.label();
    status.with(|status| match status.as_ref().map(|s| s.side(side)) {
        Some(ConfirmState::Current { name, date }) => format!(
            "Confirmed by the {who}, {name}, on {}.",
            date.map(local_date).unwrap_or_default()
        ),
        Some(ConfirmState::Stale { name, date }) => format!(
            "Confirmed by the {who}, {name}, on {}, before the latest changes.",
            date.map(local_date).unwrap_or_default()
        ),
        _ => format!("The {who} has not confirmed."),
    })
}

/// One line on where the agreement stands.
fn agreement_summary(status: Read<Option<AgreementStatus>>) -> impl IntoView {
    let summary = Read::new(move || {
        status.with(|status| match status {
            Some(s) if s.agreed() => ("done", "Agreed by both"),
            Some(s) if s.changed_since_agreed() => (
                "due",
                "Changed since agreed: confirm again so you both stand behind the current version",
            ),
            _ => (
                "current",
                "Not yet agreed: confirm it when you have both read it",
            ),
        })
    });
    view! {
        <p class=move || {
            format!("agreement-state {}", summary.get().0)
        }>{move || summary.get().1}</p>
    }
}

/// One side's confirmation, and its button when this device may press it.
fn confirmation(
    state: AppState,
    pair: Id,
    side: Side,
    info: Read<PairInfo>,
    status: Read<Option<AgreementStatus>>,
) -> impl IntoView {
    let who = side.label();
    let may_confirm = Read::new(move || state.role(pair).can_act_for(side));
    let line = move || {
        status.with(|status| match status.as_ref().map(|s| s.side(side)) {
            Some(ConfirmState::Current { name, date }) => {
                format!("Confirmed by {name}{}.", on_date(*date))
            }
            Some(ConfirmState::Stale { name, date }) => format!(
                "{name} confirmed an earlier version{}; the agreement has changed since.",
                on_date(*date)
            ),
            _ => "Not confirmed yet.".to_string(),
        })
    };
    let confirm = move |_| {
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
    let action = move || {
        if may_confirm.get() {
            view! {
                <button type="button" class="primary" on:click=confirm>
                    {format!("Confirm as {who}")}
                </button>
            }
            .into_any()
        } else {
            view! {
                <p class="hint">
                    {format!(
                        "The {who} confirms on their own device; it arrives here when you import their copy.",
                    )}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <li class="confirmation">
            <h3>{move || format!("{} ({who})", info.with(|i| i.name_of(side)))}</h3>
            <p>{line}</p>
            {action}
        </li>
    }
}

fn on_date(date: Option<NaiveDate>) -> String {
    date.map(|d| format!(" on {}", local_date(d)))
        .unwrap_or_default()
}
