//! Forms described as data. A record type lists its fields once, as
//! `FieldSpec`s that read and write a `Body`; one component draws any such
//! list, so a new kind of record costs a table, not a new view. (Each view
//! written out by hand costs kilobytes of wasm: see BENCHMARKS.md.)

use chrono::NaiveDate;
use leptos::html::Button;
use leptos::prelude::*;

use super::field::{SelectField, TextField, TextKind};
use crate::domain::time::{format_date, parse_date};
use crate::domain::{
    Action, Body, Category, FollowUp, Horizon, Id, MeetingFormat, MentorStyle, ObjectiveStatus,
    Owner, ResourceKind, Role, Side, TaskStatus,
};
use crate::state::{AppState, Read, Scope};

/// How a field is edited.
#[derive(Clone, Copy)]
pub enum Control {
    Line,
    Paragraph,
    Date,
    /// A date and time of day in the reader's time zone, stored in UTC.
    DateTime,
    /// A whole number of at least 1.
    Number,
    /// One of fixed choices: (key, label) pairs.
    Choice(&'static [(&'static str, &'static str)]),
}

/// Reads a field of a body as text.
pub type Getter = fn(&Body) -> String;
/// Writes a field of a body from text.
pub type Setter = fn(&mut Body, &str);

/// One labelled field of a record: how to show it and how to read and
/// write it as text.
pub struct FieldSpec {
    pub label: &'static str,
    pub hint: &'static str,
    pub control: Control,
    pub get: Getter,
    pub set: Setter,
}

/// A value a form edits as text.
pub trait FormText: Sized {
    fn to_text(&self) -> String;
    /// The value the text stands for; `None` leaves the value as it was
    /// (a number field passes "" while its text is being replaced).
    fn from_text(text: &str) -> Option<Self>;
}

impl FormText for String {
    fn to_text(&self) -> String {
        self.clone()
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_string())
    }
}

impl FormText for Option<NaiveDate> {
    fn to_text(&self) -> String {
        self.map(format_date).unwrap_or_default()
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(parse_date(text))
    }
}

impl FormText for Option<chrono::DateTime<chrono::Utc>> {
    fn to_text(&self) -> String {
        self.map(super::super::browser::local_datetime_text)
            .unwrap_or_default()
    }
    fn from_text(text: &str) -> Option<Self> {
        super::super::browser::parse_local_datetime(text).map(Some)
    }
}

/// Counts: at least 1.
macro_rules! count_text {
    ($($ty:ty),+) => {$(
        impl FormText for $ty {
            fn to_text(&self) -> String {
                self.to_string()
            }
            fn from_text(text: &str) -> Option<Self> {
                text.trim().parse::<$ty>().ok().map(|n| n.max(1))
            }
        }
    )+};
}

count_text!(u8, u16);

/// A rating that may be left unsaid: "" or 1 to 5.
impl FormText for Option<u8> {
    fn to_text(&self) -> String {
        self.map(|n| n.to_string()).unwrap_or_default()
    }
    fn from_text(text: &str) -> Option<Self> {
        match text {
            "" => Some(None),
            _ => text.parse().ok().filter(|n| (1..=5).contains(n)).map(Some),
        }
    }
}

/// A list edited one item per line; blank lines are dropped.
impl FormText for Vec<String> {
    fn to_text(&self) -> String {
        self.join("\n")
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(String::from)
                .collect(),
        )
    }
}

/// How someone felt, from 1 to 5, or not said.
pub const FEELINGS: &[(&str, &str)] = &[
    ("", "Not said"),
    ("1", "1: low"),
    ("2", "2"),
    ("3", "3: fine"),
    ("4", "4"),
    ("5", "5: great"),
];

/// Gives a field-less enum its choices table and its form text.
macro_rules! choices {
    ($ty:ident, $table:ident, [$($variant:ident => $key:literal, $label:literal),+ $(,)?]) => {
        pub const $table: &[(&str, &str)] = &[$(($key, $label)),+];

        impl FormText for $ty {
            fn to_text(&self) -> String {
                match self {
                    $($ty::$variant => $key,)+
                }
                .to_string()
            }
            fn from_text(text: &str) -> Option<Self> {
                match text {
                    $($key => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

choices!(Owner, OWNERS, [
    Mentee => "mentee", "The mentee",
    Mentor => "mentor", "The mentor",
    Both => "both", "Both of us",
]);

choices!(TaskStatus, TASK_STATUSES, [
    NotStarted => "not_started", "Not started",
    InProgress => "in_progress", "In progress",
    Blocked => "blocked", "Blocked",
    Done => "done", "Done",
]);

choices!(Category, CATEGORIES, [
    Skill => "skill", "A skill",
    Network => "network", "The network",
    CareerMove => "career_move", "A career move",
    Leadership => "leadership", "Leadership",
    Confidence => "confidence", "Confidence",
    Other => "other", "Something else",
]);

choices!(MeetingFormat, MEETING_FORMATS, [
    InPerson => "in_person", "In person",
    Video => "video", "Video call",
    Phone => "phone", "Phone",
    Chat => "chat", "Chat",
]);

choices!(ResourceKind, RESOURCE_KINDS, [
    Book => "book", "Book",
    Article => "article", "Article",
    Course => "course", "Course",
    Event => "event", "Event",
    Tool => "tool", "Tool",
    Other => "other", "Something else",
]);

choices!(FollowUp, FOLLOW_UPS, [
    ToDo => "to_do", "To do",
    InProgress => "in_progress", "In progress",
    Done => "done", "Done",
]);

choices!(MentorStyle, MENTOR_STYLES, [
    HandsOn => "hands_on", "Hands-on",
    Advisory => "advisory", "Advisory",
    Mixed => "mixed", "A mix of both",
]);

choices!(Horizon, HORIZONS, [
    Short => "short", "Short term",
    Long => "long", "Long term",
]);

/// A `FieldSpec`'s reader and writer for one field of one kind of body:
/// `field!(Milestone, title)` or `field!(Objective, smart.measure)`.
macro_rules! field {
    ($variant:ident, $($path:ident).+) => {
        (
            |body: &$crate::domain::Body| match body {
                $crate::domain::Body::$variant(x) => {
                    $crate::ui::components::record_form::FormText::to_text(&x.$($path).+)
                }
                _ => String::new(),
            },
            |body: &mut $crate::domain::Body, text: &str| {
                if let $crate::domain::Body::$variant(x) = body {
                    if let Some(value) =
                        $crate::ui::components::record_form::FormText::from_text(text)
                    {
                        x.$($path).+ = value;
                    }
                }
            },
        )
    };
}

pub(crate) use field;

impl FieldSpec {
    pub const fn new(
        label: &'static str,
        hint: &'static str,
        control: Control,
        (get, set): (Getter, Setter),
    ) -> Self {
        FieldSpec {
            label,
            hint,
            control,
            get,
            set,
        }
    }
}

/// The fields of a milestone or a step (they share their shape), each
/// named for its kind, so a milestone's editor and a step's open together
/// still name every field apart.
macro_rules! task_fields {
    ($variant:ident, $noun:literal, $kind:literal) => {
        &[
            FieldSpec::new(
                concat!($noun, " title"),
                "",
                Control::Line,
                field!($variant, title),
            ),
            FieldSpec::new(
                concat!("Who does the ", $kind),
                "",
                Control::Choice(OWNERS),
                field!($variant, owner),
            ),
            FieldSpec::new(
                concat!("Start date of the ", $kind),
                "",
                Control::Date,
                field!($variant, start),
            ),
            FieldSpec::new(
                concat!("Due date of the ", $kind),
                "",
                Control::Date,
                field!($variant, due),
            ),
            FieldSpec::new(
                concat!($noun, " status"),
                "",
                Control::Choice(TASK_STATUSES),
                field!($variant, status),
            ),
        ]
    };
}

pub const MILESTONE_FIELDS: &[FieldSpec] = task_fields!(Milestone, "Milestone", "milestone");

/// A session's shared fields (each side's own part is its own record).
pub const SESSION_FIELDS: &[FieldSpec] = &[
    FieldSpec::new(
        "Date and time",
        "",
        Control::DateTime,
        field!(Session, starts_at),
    ),
    FieldSpec::new(
        "Length (minutes)",
        "",
        Control::Number,
        field!(Session, length_minutes),
    ),
    FieldSpec::new(
        "Format",
        "",
        Control::Choice(MEETING_FORMATS),
        field!(Session, format),
    ),
    FieldSpec::new("Agenda", "", Control::Paragraph, field!(Session, agenda)),
    FieldSpec::new(
        "Shared notes",
        "What you both want to remember: decisions, ideas, what was learned.",
        Control::Paragraph,
        field!(Session, notes),
    ),
    FieldSpec::new(
        "Open questions asked",
        "One per line. Insert one from the prompt bank with the button below.",
        Control::Paragraph,
        field!(Session, questions),
    ),
];

/// One side's own part of a session: its text and how it felt.
macro_rules! part_fields {
    ($text:literal, $before:literal, $after:literal) => {
        &[
            FieldSpec::new($text, "", Control::Paragraph, field!(SessionPart, text)),
            FieldSpec::new(
                $before,
                "",
                Control::Choice(FEELINGS),
                field!(SessionPart, feeling_before),
            ),
            FieldSpec::new(
                $after,
                "",
                Control::Choice(FEELINGS),
                field!(SessionPart, feeling_after),
            ),
        ]
    };
}

pub const MENTEE_PART_FIELDS: &[FieldSpec] = part_fields!(
    "Mentee's reflections",
    "Mentee felt before (1-5)",
    "Mentee felt after (1-5)"
);
pub const MENTOR_PART_FIELDS: &[FieldSpec] = part_fields!(
    "Mentor's feedback",
    "Mentor felt before (1-5)",
    "Mentor felt after (1-5)"
);

pub const ACTION_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("Action", "", Control::Line, field!(ActionItem, title)),
    FieldSpec::new(
        "Who does it",
        "",
        Control::Choice(OWNERS),
        field!(ActionItem, owner),
    ),
    FieldSpec::new("Due date", "", Control::Date, field!(ActionItem, due)),
];

/// A resource's fields; a new one is added with the first three.
pub const RESOURCE_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("Resource title", "", Control::Line, field!(Resource, title)),
    FieldSpec::new(
        "Kind of resource",
        "",
        Control::Choice(RESOURCE_KINDS),
        field!(Resource, kind),
    ),
    FieldSpec::new("Link", "", Control::Line, field!(Resource, link)),
    FieldSpec::new("Note", "", Control::Paragraph, field!(Resource, note)),
    FieldSpec::new(
        "Resource status",
        "",
        Control::Choice(FOLLOW_UPS),
        field!(Resource, status),
    ),
];

/// An introduction's fields; a new one is added with the first five.
pub const CONTACT_FIELDS: &[FieldSpec] = &[
    FieldSpec::new("Contact name", "", Control::Line, field!(Contact, name)),
    FieldSpec::new(
        "Organisation",
        "",
        Control::Line,
        field!(Contact, organisation),
    ),
    FieldSpec::new("Their role", "", Control::Line, field!(Contact, position)),
    FieldSpec::new(
        "Introduced by",
        "",
        Control::Line,
        field!(Contact, introduced_by),
    ),
    FieldSpec::new("Introduced on", "", Control::Date, field!(Contact, date)),
    FieldSpec::new(
        "Follow-up",
        "",
        Control::Choice(FOLLOW_UPS),
        field!(Contact, follow_up),
    ),
    FieldSpec::new(
        "Follow up by",
        "",
        Control::Date,
        field!(Contact, follow_up_on),
    ),
];
pub const STEP_FIELDS: &[FieldSpec] = task_fields!(Step, "Step", "step");

/// Draws the fields of `specs` for `body`, handing every edit, as a new
/// body, to `on_edit`.
#[component]
pub fn RecordFields(
    #[prop(into)] body: Signal<Body>,
    on_edit: Callback<Body>,
    specs: &'static [FieldSpec],
    /// The record the fields edit, when the page has others like it.
    #[prop(into, default = None)]
    of: Option<Signal<String>>,
) -> impl IntoView {
    specs
        .iter()
        .map(|spec| {
            let value = Signal::derive(move || body.with(spec.get));
            let on_input = Callback::new(move |text: String| {
                let mut next = body.get_untracked();
                (spec.set)(&mut next, &text);
                on_edit.run(next);
            });
            let kind = match spec.control {
                Control::Choice(options) => {
                    return view! {
                        <SelectField
                            label=spec.label
                            hint=spec.hint
                            options=options.to_vec()
                            value
                            on_change=on_input
                            of
                        />
                    }
                    .into_any();
                }
                Control::Line => TextKind::Line,
                Control::Paragraph => TextKind::Paragraph,
                Control::Date => TextKind::Date,
                Control::DateTime => TextKind::DateTime,
                Control::Number => TextKind::Number,
            };
            view! { <TextField label=spec.label hint=spec.hint kind value on_input of /> }
                .into_any()
        })
        .collect_view()
}

/// The statuses a person may pick for an objective. "Agreed" is not among
/// them: it follows from both sides' agreement, so the form shows it as
/// "Proposed".
pub const OBJECTIVE_STATUSES: &[(&str, &str)] = &[
    ("draft", "Draft"),
    ("proposed", "Proposed"),
    ("in_progress", "In progress"),
    ("achieved", "Achieved"),
    ("dropped", "Dropped"),
];

impl FormText for ObjectiveStatus {
    fn to_text(&self) -> String {
        match self {
            ObjectiveStatus::Draft => "draft",
            ObjectiveStatus::Proposed | ObjectiveStatus::Agreed => "proposed",
            ObjectiveStatus::InProgress => "in_progress",
            ObjectiveStatus::Achieved => "achieved",
            ObjectiveStatus::Dropped => "dropped",
        }
        .to_string()
    }
    fn from_text(text: &str) -> Option<Self> {
        Some(match text {
            "proposed" => ObjectiveStatus::Proposed,
            "in_progress" => ObjectiveStatus::InProgress,
            "achieved" => ObjectiveStatus::Achieved,
            "dropped" => ObjectiveStatus::Dropped,
            _ => ObjectiveStatus::Draft,
        })
    }
}

/// An objective's fields: its title, one per SMART letter, and how it is
/// filed.
pub const OBJECTIVE_FIELDS: &[FieldSpec] = &[
    FieldSpec::new(
        "Objective title",
        "",
        Control::Line,
        field!(Objective, title),
    ),
    FieldSpec::new(
        "What exactly (specific)",
        "What the mentee will do or change, where and to what standard.",
        Control::Paragraph,
        field!(Objective, smart.specific),
    ),
    FieldSpec::new(
        "How it is measured",
        "What you will count or observe.",
        Control::Line,
        field!(Objective, smart.measure),
    ),
    FieldSpec::new(
        "Baseline",
        "Where it stands today.",
        Control::Line,
        field!(Objective, smart.baseline),
    ),
    FieldSpec::new(
        "Target",
        "Where it should be by the date.",
        Control::Line,
        field!(Objective, smart.target),
    ),
    FieldSpec::new(
        "What makes it achievable",
        "Resources, support and time; and the obstacles to plan for.",
        Control::Paragraph,
        field!(Objective, smart.achievable),
    ),
    FieldSpec::new(
        "Why it matters (relevant)",
        "Which of the mentee's aspirations it serves.",
        Control::Paragraph,
        field!(Objective, smart.relevant),
    ),
    FieldSpec::new(
        "By when",
        "",
        Control::Date,
        field!(Objective, smart.by_when),
    ),
    FieldSpec::new(
        "Horizon",
        "",
        Control::Choice(HORIZONS),
        field!(Objective, horizon),
    ),
    FieldSpec::new(
        "Category",
        "",
        Control::Choice(CATEGORIES),
        field!(Objective, category),
    ),
    FieldSpec::new(
        "Objective status",
        "",
        Control::Choice(OBJECTIVE_STATUSES),
        field!(Objective, status),
    ),
];

/// A message celebrating a win, shown for a moment after it happens; a page
/// that shows wins provides it.
#[derive(Clone, Copy)]
pub struct Celebration(pub RwSignal<Option<String>>);

/// Who is writing on this device: one side, or `None` on a shared screen.
fn writer(role: Role) -> Option<Side> {
    match role {
        Role::Mentor => Some(Side::Mentor),
        Role::Mentee => Some(Side::Mentee),
        Role::Both => None,
    }
}

/// Saves a record's new content (with the reason for a change, when one is
/// needed) and celebrates any win the change records.
pub fn save_record(
    state: AppState,
    pair: Id,
    record: Id,
    body: Body,
    reason: String,
) -> Result<(), String> {
    let applied = state.try_dispatch(Action::Update {
        pair,
        record,
        body,
        by: writer(state.role(pair)),
        date: state.clock.today(),
        reason,
    })?;
    let won = state
        .with_pair(pair, |p| {
            applied
                .created
                .iter()
                .find_map(|id| match &p.record(*id)?.body {
                    Body::Win(win) => Some(win.what.clone()),
                    _ => None,
                })
        })
        .flatten();
    if let (Some(what), Some(celebration)) = (won, use_context::<Celebration>()) {
        celebration.0.set(Some(what));
    }
    Ok(())
}

/// The stored content of a record. Once the record has gone (another tab
/// deleted it), a tombstone, which every save refuses with a message.
pub fn stored_body(state: AppState, pair: Id, record: Id) -> Body {
    state
        .with_pair(pair, |p| p.record(record).map(|r| r.body.clone()))
        .flatten()
        .unwrap_or(Body::Deleted(crate::domain::Kind::Pair))
}

/// A message in an alert, shown while there is one.
pub fn problem_view(problem: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|m| {
            view! {
                <p role="alert" class="inline-error">
                    {m}
                </p>
            }
        })
    }
}

/// What saving a draft writes: the record as it is stored now, with only
/// the fields the user changed in the draft (since `base`, the content
/// the draft started from) taken from the draft. A change made meanwhile
/// elsewhere (a step ticked done, another tab) is kept, not overwritten.
pub fn apply_edits(specs: &[FieldSpec], base: &Body, draft: &Body, mut current: Body) -> Body {
    for spec in specs {
        let edited = (spec.get)(draft);
        if edited != (spec.get)(base) {
            (spec.set)(&mut current, &edited);
        }
    }
    current
}

/// A draft of a record's fields: the content it started from and the
/// edits on top. Opening the editor with no edits reloads it, so it never
/// shows content that has changed since.
#[derive(Clone, Copy)]
pub struct Draft {
    pub base: RwSignal<Body>,
    pub edits: RwSignal<Body>,
}

impl Draft {
    pub fn new(state: AppState, pair: Id, record: Id) -> Self {
        let stored = stored_body(state, pair, record);
        Draft {
            base: RwSignal::new(stored.clone()),
            edits: RwSignal::new(stored),
        }
    }

    /// Starts again from the stored record.
    pub fn reload(self, state: AppState, pair: Id, record: Id) {
        let stored = stored_body(state, pair, record);
        self.base.set(stored.clone());
        self.edits.set(stored);
    }

    /// Reloads unless the user has edited something.
    pub fn refresh(self, state: AppState, pair: Id, record: Id) {
        if self
            .base
            .with_untracked(|b| self.edits.with_untracked(|e| b == e))
        {
            self.reload(state, pair, record);
        }
    }

    /// The body a save writes: see `apply_edits`.
    pub fn to_save(self, specs: &[FieldSpec], state: AppState, pair: Id, record: Id) -> Body {
        self.base.with_untracked(|base| {
            self.edits.with_untracked(|edits| {
                apply_edits(specs, base, edits, stored_body(state, pair, record))
            })
        })
    }
}

/// A folded form that edits a record's fields and saves them together.
/// Given the record's `title`, the fold also holds its move and delete
/// buttons, so a long list shows one summary per row, not three buttons.
#[component]
pub fn RecordEditor(
    pair: Id,
    record: Id,
    specs: &'static [FieldSpec],
    /// What the record is called in the summary and the button: "milestone".
    noun: &'static str,
    /// The record's title, to put its controls in the fold.
    #[prop(optional, into)]
    title: Option<Signal<String>>,
    /// The list the record can be moved in (see `RecordControls`).
    #[prop(into, default = None)]
    siblings: Option<Read<Vec<Id>>>,
    /// The record as its fields' names call it, when it has no title of
    /// its own: "session of 4 May 2026, 14:00".
    #[prop(into, default = None)]
    named: Option<Signal<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let draft = Draft::new(state, pair, record);
    let of = named.or(title);
    let problem = RwSignal::new(None::<String>);
    let save = move |()| {
        let body = draft.to_save(specs, state, pair, record);
        match save_record(state, pair, record, body, String::new()) {
            Ok(()) => {
                problem.set(None);
                draft.reload(state, pair, record);
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    view! {
        <Folded
            summary=format!("Edit {noun}")
            on_open=Callback::new(move |()| draft.refresh(state, pair, record))
        >
            {
                Effect::new(move |_| {
                    state.track(pair, Scope::Record(record));
                    draft.refresh(state, pair, record);
                });
            }
            <form class="record-form">
                <RecordFields
                    body=draft.edits
                    on_edit=Callback::new(move |b| draft.edits.set(b))
                    specs
                    of
                />
                {problem_view(problem)}
                <SaveButton text=format!("Save {noun}") primary=true save=save />
            </form>
            {title
                .map(|title| {
                    view! { <RecordControls pair record noun title siblings=siblings /> }
                })}
        </Folded>
    }
}

/// A form's submit button, the one every form of the app uses: pressing it,
/// or Enter in one of the form's fields (the browser presses it then), runs
/// `save`. The browser's own submission is cancelled before it starts: it
/// first matches every `<label>` of the page for autofill, 20-30 ms on a
/// page of 3,000 labels (BENCHMARKS.md), for a form that is never sent.
#[component]
pub fn SaveButton(
    #[prop(into)] text: String,
    #[prop(optional)] primary: bool,
    #[prop(into)] save: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class=primary.then_some("primary")
            on:click=move |ev| {
                ev.prevent_default();
                save.run(());
            }
        >
            {text}
        </button>
    }
}

/// A folded editor whose form is drawn only while it is open: a page with
/// a folded editor on every row draws those forms when someone opens one,
/// not all of them before it can be shown.
///
/// A disclosure button (`aria-expanded`), not `<details>`: Chromium's style
/// update after inserting a `<details>` grows with the number of them in
/// the document, about 20 ms on a page of 11,000 (BENCHMARKS.md), and a
/// page of rows holds one per row and tool.
#[component]
pub fn Folded(
    #[prop(into)] summary: Signal<String>,
    /// Runs each time it opens, before the form is drawn.
    #[prop(optional)]
    on_open: Option<Callback<()>>,
    /// Drawn open: the editor of a record just added.
    #[prop(optional)]
    open_at_start: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(open_at_start);
    let toggle = move |_| {
        let now_open = !open.get_untracked();
        if let (true, Some(on_open)) = (now_open, on_open) {
            on_open.run(());
        }
        open.set(now_open);
    };
    view! {
        <div class="editor">
            <button
                type="button"
                class="disclosure"
                aria-expanded=move || open.get().to_string()
                on:click=toggle
            >
                {summary}
            </button>
            {move || open.get().then(|| children())}
        </div>
    }
}

/// A form that adds a record under `parent`, with the fields of `specs`,
/// starting from `blank`.
#[component]
pub fn AddRecord(
    pair: Id,
    parent: Id,
    specs: &'static [FieldSpec],
    blank: Body,
    /// The submit button's text: "Add action".
    button: &'static str,
    /// The parent as the fields' names call it, when the page has other
    /// forms like this one under other parents.
    #[prop(into, default = None)]
    within: Option<Signal<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let draft = RwSignal::new(blank.clone());
    let problem = RwSignal::new(None::<String>);
    let add = move |()| {
        let body = draft.get_untracked();
        match state.try_dispatch(Action::Add { pair, parent, body }) {
            Ok(_) => {
                draft.set(blank.clone());
                problem.set(None);
            }
            Err(message) => problem.set(Some(message)),
        }
    };
    view! {
        <form class="inline-form add-record">
            <RecordFields body=draft on_edit=Callback::new(move |b| draft.set(b)) specs of=within />
            <SaveButton text=button save=add />
            {problem_view(problem)}
        </form>
    }
}

/// A button that runs `press`. Every button drawn this way is one view
/// type, so its code is compiled once however many kinds of button use it.
pub struct PressButton {
    pub text: String,
    /// Its accessible name: the text and what it acts on ("Move up: Outline").
    pub name: Signal<String>,
    pub class: Option<&'static str>,
    pub disabled: Signal<bool>,
    pub hidden: Signal<bool>,
    pub node_ref: NodeRef<Button>,
    pub press: Callback<()>,
}

impl PressButton {
    /// A plain button, enabled and shown.
    pub fn new(text: String, name: Signal<String>, press: Callback<()>) -> Self {
        PressButton {
            text,
            name,
            class: None,
            disabled: Signal::from(false),
            hidden: Signal::from(false),
            node_ref: NodeRef::new(),
            press,
        }
    }

    pub fn view(self) -> impl IntoView {
        let press = self.press;
        view! {
            <button
                type="button"
                class=self.class
                aria-label=self.name
                disabled=self.disabled
                hidden=self.hidden
                node_ref=self.node_ref
                on:click=move |_| press.run(())
            >
                {self.text}
            </button>
        }
    }
}

/// Buttons that move a record among its siblings and delete it (with undo).
/// Their names carry the record's title, so each is distinct for a screen
/// reader.
#[component]
pub fn RecordControls(
    pair: Id,
    record: Id,
    noun: &'static str,
    #[prop(into)] title: Signal<String>,
    /// The live records of its kind under its parent, in rank order, as
    /// its list shows them: given, it can be moved among them; without, it
    /// is kept in date order and has no move buttons.
    #[prop(into, default = None)]
    siblings: Option<Read<Vec<Id>>>,
) -> impl IntoView {
    let state = AppState::expect();
    let mut buttons = siblings
        .map(|siblings| move_buttons(state, pair, record, title, siblings))
        .unwrap_or_default();
    let delete = Callback::new(move |()| {
        state.dispatch_with_undo(
            Action::Delete { pair, record },
            format!("Deleted the {noun} {}.", title.get_untracked()),
        );
    });
    buttons.push(PressButton {
        class: Some("danger"),
        ..PressButton::new(
            format!("Delete {noun}"),
            Signal::derive(move || format!("Delete {noun}: {}", title.get())),
            delete,
        )
    });
    view! {
        <div class="record-controls">
            {buttons.into_iter().map(PressButton::view).collect_view()}
        </div>
    }
}

/// "Move up" and "Move down" for a record. The pressed button keeps the
/// focus, or hands it to the other one when the record reaches the end of
/// the list and it is disabled. Whether each can move is read from the
/// list already drawn, so a change to the list costs each row a look at
/// its two ends, not a walk over its siblings.
fn move_buttons(
    state: AppState,
    pair: Id,
    record: Id,
    title: Signal<String>,
    siblings: Read<Vec<Id>>,
) -> Vec<PressButton> {
    let can_move = move |p: &crate::domain::PairData, up: bool| p.move_by_one(record, up);
    let movable = Read::new(move || {
        siblings.with(|ids| [ids.first() != Some(&record), ids.last() != Some(&record)])
    });
    let refs = [NodeRef::<Button>::new(), NodeRef::<Button>::new()];
    ["Move up", "Move down"]
        .into_iter()
        .enumerate()
        .map(|(way, word)| {
            let up = way == 0;
            let press = Callback::new(move |()| {
                if let Some(after) = state.with_pair(pair, |p| can_move(p, up)).flatten() {
                    state.dispatch(Action::Move {
                        pair,
                        record,
                        after,
                    });
                }
                let stays = state
                    .with_pair(pair, |p| can_move(p, up).is_some())
                    .unwrap_or(false);
                let next = refs[if stays { way } else { 1 - way }];
                // After the list and the buttons' states are drawn again.
                request_animation_frame(move || {
                    if let Some(button) = next.get_untracked() {
                        let _ = button.focus();
                    }
                });
            });
            PressButton {
                disabled: Signal::derive(move || !movable.with(|m| m[way])),
                node_ref: refs[way],
                ..PressButton::new(
                    word.to_string(),
                    Signal::derive(move || format!("{word}: {}", title.get())),
                    press,
                )
            }
        })
        .collect()
}

/// A keyed list of records that keeps each row's DOM (and focus) as rows
/// move. Every list in the app goes through this one component, so Leptos's
/// list code is compiled once.
#[component]
pub fn RecordList(ids: Read<Vec<Id>>, item: Callback<Id, AnyView>) -> impl IntoView {
    view! {
        <For
            each=move || ids.get()
            key=|id| *id
            children=move |id| {
                crate::state::row_drawn();
                item.run(id)
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Step, TaskStatus};

    fn step(status: TaskStatus, due: &str, title: &str) -> Body {
        Body::Step(Step {
            title: title.into(),
            status,
            due: parse_date(due),
            ..Step::default()
        })
    }

    #[test]
    fn a_save_keeps_what_changed_elsewhere_since_the_draft_began() {
        let base = step(TaskStatus::NotStarted, "2026-05-10", "Outline");
        let draft = step(TaskStatus::NotStarted, "2026-05-20", "Outline");
        // Meanwhile the step was ticked done.
        let current = step(TaskStatus::Done, "2026-05-10", "Outline");
        let saved = apply_edits(STEP_FIELDS, &base, &draft, current);
        assert_eq!(saved, step(TaskStatus::Done, "2026-05-20", "Outline"));
    }

    #[test]
    fn a_save_with_no_edits_writes_the_record_as_it_stands() {
        let base = step(TaskStatus::NotStarted, "2026-05-10", "Outline");
        let current = step(TaskStatus::Done, "2026-05-12", "Outline, revised");
        assert_eq!(
            apply_edits(STEP_FIELDS, &base, &base, current.clone()),
            current
        );
    }

    #[test]
    fn an_edit_back_to_the_old_value_wins_over_a_change_elsewhere() {
        let base = step(TaskStatus::NotStarted, "2026-05-10", "Outline");
        let draft = step(TaskStatus::InProgress, "2026-05-10", "Outline");
        let current = step(TaskStatus::Done, "2026-05-10", "Outline");
        let saved = apply_edits(STEP_FIELDS, &base, &draft, current);
        assert_eq!(saved, step(TaskStatus::InProgress, "2026-05-10", "Outline"));
    }
}
