use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::browser::local_date;
use super::super::components::field::{SelectField, TextField, TextKind};
use crate::domain::time::{format_date, parse_date};
use crate::domain::{
    Action, Agreement, Cadence, ConfirmState, Id, MeetingFormat, MentorStyle, Owner, PairInfo, Side,
};
use crate::state::AppState;

/// The mentoring agreement: every term, with guidance, and both sides'
/// confirmations.
#[component]
pub fn AgreePage(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let agreement = Memo::new(move |_| {
        state.workbook.with(|w| {
            w.pair(pair)
                .and_then(|p| p.agreement().cloned())
                .unwrap_or_default()
        })
    });
    let info = Memo::new(move |_| {
        state.workbook.with(|w| {
            w.pair(pair)
                .and_then(|p| p.info().cloned())
                .unwrap_or_default()
        })
    });
    let locked = Signal::derive(move || {
        state.newer_data()
            || state
                .workbook
                .with(|w| w.pair(pair).is_some_and(|p| p.is_closed()))
    });

    let change = move |edit: fn(&mut Agreement, String)| {
        Callback::new(move |value: String| {
            let mut next = agreement.get_untracked();
            edit(&mut next, value);
            state.dispatch(Action::UpdateAgreement {
                pair,
                agreement: next,
            });
        })
    };
    let change_info = move |edit: fn(&mut PairInfo, String)| {
        Callback::new(move |value: String| {
            let mut next = info.get_untracked();
            edit(&mut next, value);
            state.dispatch(Action::UpdatePair { pair, info: next });
        })
    };
    let read = move |get: fn(&Agreement) -> String| Signal::derive(move || agreement.with(get));
    let read_info = move |get: fn(&PairInfo) -> String| Signal::derive(move || info.with(get));

    let cadence_key = move |a: &Agreement| {
        match a.cadence {
            Cadence::Weekly => "weekly",
            Cadence::Fortnightly => "fortnightly",
            Cadence::Monthly => "monthly",
            Cadence::EveryDays(_) => "custom",
        }
        .to_string()
    };
    let custom_cadence = move || matches!(agreement.with(|a| a.cadence), Cadence::EveryDays(_));

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
                        <TextField
                            label="Mentor's name"
                            value=read_info(|i| i.mentor.name.clone())
                            on_input=change_info(|i, v| i.mentor.name = v)
                        />
                        <TextField
                            label="Mentor's position"
                            value=read_info(|i| i.mentor.position.clone())
                            on_input=change_info(|i, v| i.mentor.position = v)
                        />
                        <TextField
                            label="Mentor's field or industry"
                            value=read_info(|i| i.mentor.field.clone())
                            on_input=change_info(|i, v| i.mentor.field = v)
                        />
                        <TextField
                            label="Mentor's contact (optional)"
                            value=read_info(|i| i.mentor.contact.clone())
                            on_input=change_info(|i, v| i.mentor.contact = v)
                        />
                    </div>
                    <div>
                        <TextField
                            label="Mentee's name"
                            value=read_info(|i| i.mentee.name.clone())
                            on_input=change_info(|i, v| i.mentee.name = v)
                        />
                        <TextField
                            label="Mentee's position"
                            value=read_info(|i| i.mentee.position.clone())
                            on_input=change_info(|i, v| i.mentee.position = v)
                        />
                        <TextField
                            label="Mentee's field or industry"
                            value=read_info(|i| i.mentee.field.clone())
                            on_input=change_info(|i, v| i.mentee.field = v)
                        />
                        <TextField
                            label="Mentee's contact (optional)"
                            value=read_info(|i| i.mentee.contact.clone())
                            on_input=change_info(|i, v| i.mentee.contact = v)
                        />
                    </div>
                </div>
            </fieldset>

            <fieldset class="section" disabled=move || locked.get()>
                <legend>"Purpose"</legend>
                <TextField
                    label="Why we are doing this"
                    kind=TextKind::Paragraph
                    hint="In a sentence or two: what should be different for the mentee when this ends? Goals get their detail in the Plan stage."
                    value=read(|a| a.purpose.clone())
                    on_input=change(|a, v| a.purpose = v)
                />
            </fieldset>

            <fieldset class="section" disabled=move || locked.get()>
                <legend>"How we meet"</legend>
                <p class="guidance">
                    "A steady rhythm matters more than long meetings: choose a cadence you can both keep when work gets busy."
                </p>
                <div class="three-columns">
                    <SelectField
                        label="Cadence"
                        options=vec![
                            ("weekly", "Weekly"),
                            ("fortnightly", "Fortnightly"),
                            ("monthly", "Monthly"),
                            ("custom", "Every N days"),
                        ]
                        value=read(cadence_key)
                        on_change=change(|a, v| {
                            a.cadence = match v.as_str() {
                                "weekly" => Cadence::Weekly,
                                "monthly" => Cadence::Monthly,
                                "custom" => Cadence::EveryDays(a.cadence.days()),
                                _ => Cadence::Fortnightly,
                            };
                        })
                    />
                    <SelectField
                        label="Format"
                        options=MeetingFormat::ALL
                            .iter()
                            .map(|f| (format_key(*f), f.label()))
                            .collect()
                        value=read(|a| format_key(a.format).to_string())
                        on_change=change(|a, v| {
                            if let Some(f) = MeetingFormat::ALL
                                .into_iter()
                                .find(|f| format_key(*f) == v)
                            {
                                a.format = f;
                            }
                        })
                    />
                    <TextField
                        label="Usual length (minutes)"
                        kind=TextKind::Number
                        value=read(|a| a.length_minutes.to_string())
                        on_input=change(|a, v| {
                            if let Ok(minutes) = v.trim().parse::<u16>() {
                                a.length_minutes = minutes.max(1);
                            }
                        })
                    />
                </div>
                <Show when=custom_cadence>
                    <TextField
                        label="Days between meetings"
                        kind=TextKind::Number
                        value=read(|a| a.cadence.days().to_string())
                        on_input=change(|a, v| {
                            if let Ok(days) = v.trim().parse::<u16>() {
                                a.cadence = Cadence::EveryDays(days.max(1));
                            }
                        })
                    />
                </Show>
                <SelectField
                    label="Who keeps the session log"
                    hint="One person writing up each meeting keeps the log complete; the other adds their own reflections."
                    options=vec![
                        ("mentee", "The mentee"),
                        ("mentor", "The mentor"),
                        ("both", "We take turns"),
                    ]
                    value=read(|a| owner_key(a.log_keeper).to_string())
                    on_change=change(|a, v| {
                        a.log_keeper = match v.as_str() {
                            "mentor" => Owner::Mentor,
                            "both" => Owner::Both,
                            _ => Owner::Mentee,
                        };
                    })
                />
            </fieldset>

            <fieldset class="section" disabled=move || locked.get()>
                <legend>"How we like to work"</legend>
                <SelectField
                    label="Mentor's style"
                    hint="Hands-on mentors work through problems alongside the mentee; advisory mentors ask questions and leave the doing to the mentee."
                    options=MentorStyle::ALL.iter().map(|s| (style_key(*s), s.label())).collect()
                    value=read(|a| style_key(a.mentor_style).to_string())
                    on_change=change(|a, v| {
                        if let Some(s) = MentorStyle::ALL.into_iter().find(|s| style_key(*s) == v) {
                            a.mentor_style = s;
                        }
                    })
                />
                <TextField
                    label="How the mentee likes to learn"
                    kind=TextKind::Paragraph
                    hint="For example: by trying first and talking it over after, from worked examples, by shadowing, by reading ahead."
                    value=read(|a| a.mentee_preferences.clone())
                    on_input=change(|a, v| a.mentee_preferences = v)
                />
            </fieldset>

            <fieldset class="section" disabled=move || locked.get()>
                <legend>"What we expect of each other"</legend>
                <p class="guidance">
                    "Unspoken expectations are the usual reason a mentoring pair drifts apart. Be concrete: response times, preparation, honesty."
                </p>
                <TextField
                    label="What the mentee expects of the mentor"
                    kind=TextKind::Paragraph
                    value=read(|a| a.mentee_expects.clone())
                    on_input=change(|a, v| a.mentee_expects = v)
                />
                <TextField
                    label="What the mentor expects of the mentee"
                    kind=TextKind::Paragraph
                    value=read(|a| a.mentor_expects.clone())
                    on_input=change(|a, v| a.mentor_expects = v)
                />
            </fieldset>

            <fieldset class="section" disabled=move || locked.get()>
                <legend>"Boundaries and problems"</legend>
                <TextField
                    label="Boundaries and confidentiality"
                    kind=TextKind::Paragraph
                    hint="What stays between you, what may be shared with managers or a programme, and any topics either of you would rather keep out."
                    value=read(|a| a.boundaries.clone())
                    on_input=change(|a, v| a.boundaries = v)
                />
                <TextField
                    label="How either of us raises a problem"
                    kind=TextKind::Paragraph
                    hint="Decide now, while all is well, how you will say that something is not working: who says it, when and how."
                    value=read(|a| a.raising_problems.clone())
                    on_input=change(|a, v| a.raising_problems = v)
                />
            </fieldset>

            <fieldset class="section" disabled=move || locked.get()>
                <legend>"How long, and how it ends"</legend>
                <div class="three-columns">
                    <TextField
                        label="Start date"
                        kind=TextKind::Date
                        value=read(|a| date_text(a.start))
                        on_input=change(|a, v| a.start = parse_date(&v))
                    />
                    <TextField
                        label="Planned end date"
                        kind=TextKind::Date
                        value=read(|a| date_text(a.planned_end))
                        on_input=change(|a, v| a.planned_end = parse_date(&v))
                    />
                    <TextField
                        label="Weeks between reviews"
                        kind=TextKind::Number
                        hint="How often you both step back and rate how the mentoring is going."
                        value=read(|a| a.review_every_weeks.to_string())
                        on_input=change(|a, v| {
                            if let Ok(weeks) = v.trim().parse::<u8>() {
                                a.review_every_weeks = weeks.max(1);
                            }
                        })
                    />
                </div>
                <TextField
                    label="How it ends"
                    kind=TextKind::Paragraph
                    hint="A good ending is planned: a closing review, what happens to the notes, and whether you stay in touch. Either of you may also end it early without blame."
                    value=read(|a| a.ending.clone())
                    on_input=change(|a, v| a.ending = v)
                />
            </fieldset>
        </form>
        <Confirmations pair />
    }
}

/// One line on where the agreement stands.
#[component]
fn AgreementSummary(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let status = Memo::new(move |_| {
        state
            .workbook
            .with(|w| w.pair(pair).and_then(|p| p.agreement_status()))
    });
    move || {
        let (class, text) = match status.get() {
            Some(s) if s.agreed() => ("agreement-state done", "Agreed by both"),
            Some(s) if s.changed_since_agreed() => (
                "agreement-state due",
                "Changed since agreed: confirm again so you both stand behind the current version",
            ),
            _ => (
                "agreement-state current",
                "Not yet agreed: confirm it when you have both read it",
            ),
        };
        view! { <p class=class>{text}</p> }
    }
}

/// Each side's confirmation, and the buttons this device may press.
#[component]
fn Confirmations(pair: Id) -> impl IntoView {
    let state = AppState::expect();
    let status = Memo::new(move |_| {
        state
            .workbook
            .with(|w| w.pair(pair).and_then(|p| p.agreement_status()))
    });
    let info = Memo::new(move |_| {
        state
            .workbook
            .with(|w| w.pair(pair).and_then(|p| p.info().cloned()))
    });
    let role = Memo::new(move |_| state.role(pair));
    let row = move |side: Side| {
        let name = move || info.with(|i| i.as_ref().map(|i| i.name_of(side)).unwrap_or_default());
        let line = move || {
            let state_of_side = status.with(|s| s.as_ref().map(|s| s.side(side).clone()));
            match state_of_side {
                Some(ConfirmState::Current { name, date }) => {
                    format!("Confirmed by {name}{}.", on_date(date))
                }
                Some(ConfirmState::Stale { name, date }) => format!(
                    "{name} confirmed an earlier version{}; the agreement has changed since.",
                    on_date(date)
                ),
                _ => "Not confirmed yet.".to_string(),
            }
        };
        let confirm = move |_| {
            let name = name();
            state.dispatch(Action::ConfirmAgreement {
                pair,
                side,
                name,
                date: state.clock.today(),
            });
        };
        let label = format!("Confirm as {}", side.label());
        view! {
            <li class="confirmation">
                <h3>{move || format!("{} ({})", name(), side.label())}</h3>
                <p>{line}</p>
                {move || {
                    if role.get().can_act_for(side) {
                        view! {
                            <button type="button" class="primary" on:click=confirm>
                                {label.clone()}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p class="hint">
                                {format!(
                                    "The {} confirms on their own device; it arrives here when you import their copy.",
                                    side.label(),
                                )}
                            </p>
                        }
                            .into_any()
                    }
                }}
            </li>
        }
    };
    view! {
        <section class="card" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">"Confirmations"</h2>
            <p class="guidance">
                "Confirming says: I have read this and will keep to it. If either of you changes the agreement later, the confirmations no longer match and you confirm again."
            </p>
            <AgreementSummary pair />
            <ul class="confirmations">{row(Side::Mentor)} {row(Side::Mentee)}</ul>
        </section>
    }
}

fn on_date(date: Option<NaiveDate>) -> String {
    date.map(|d| format!(" on {}", local_date(d)))
        .unwrap_or_default()
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

fn format_key(format: MeetingFormat) -> &'static str {
    match format {
        MeetingFormat::InPerson => "in_person",
        MeetingFormat::Video => "video",
        MeetingFormat::Phone => "phone",
        MeetingFormat::Chat => "chat",
    }
}

fn style_key(style: MentorStyle) -> &'static str {
    match style {
        MentorStyle::HandsOn => "hands_on",
        MentorStyle::Advisory => "advisory",
        MentorStyle::Mixed => "mixed",
    }
}

fn owner_key(owner: Owner) -> &'static str {
    match owner {
        Owner::Mentor => "mentor",
        Owner::Mentee => "mentee",
        Owner::Both => "both",
    }
}
