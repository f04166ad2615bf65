use leptos::prelude::*;

use crate::domain::Stage;

/// An honest notice for a stage this version does not have yet.
#[component]
pub fn LaterStage(stage: Stage) -> impl IntoView {
    let what = match stage {
        Stage::Plan => "SMART objectives with a coach that checks each one as you write it, and a roadmap of milestones and steps with a timeline.",
        Stage::Meet => "a log of your sessions with agendas, prompts and action items carried forward, and a reminder when the next check-in is due.",
        Stage::Review => "evaluations of the mentoring from both sides, compared side by side, with trends over time and a closing review.",
        Stage::Agree => "the mentoring agreement.",
    };
    view! {
        <h1>{stage.label()}</h1>
        <div class="notice">
            <p>
                <strong>"This stage arrives in a later version of Trellis."</strong>
                " It will hold "
                {what}
            </p>
            <p>"Until then, the agreement is the place to start: what you write there is kept."</p>
        </div>
    }
}
