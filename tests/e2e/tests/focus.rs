//! A field being typed in keeps its focus, caret and text while another
//! tab's change to the same pair arrives (through the `storage` event).

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::{json, Value as Json};
use trellis_e2e::{create_pair, pair_key, run, wait_until_stored, Page, DEFAULT_TIMEOUT};

const TYPING_IN: &str = "Why we are doing this";
const TYPED: &str = "Theo grows into leading handovers";
/// How far the caret is moved back from the end before the other tab acts.
const CARET_BACK: usize = 9;
const OTHER_FIELD: &str = "Boundaries and confidentiality";
const OTHER_TEXT: &str = "What we say stays between us.";

/// The focused element (kept in the page, so the same node can be checked
/// later), its label, caret and value.
const REMEMBER_FOCUS: &str = r#"
const el = document.activeElement;
window.__typingIn = el;
window.__notReloaded = true;
const label = el && el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
return {
  label: label ? label.textContent.replace(/\s+/g, ' ').trim() : null,
  start: el.selectionStart,
  end: el.selectionEnd,
  value: el.value,
};
"#;

/// The same facts now, and whether the focused element is still the very
/// node that was focused.
const FOCUS_NOW: &str = r#"
const el = document.activeElement;
return {
  notReloaded: window.__notReloaded === true,
  same: el === window.__typingIn,
  connected: window.__typingIn ? window.__typingIn.isConnected : false,
  tag: el ? el.tagName : null,
  start: el ? el.selectionStart : null,
  end: el ? el.selectionEnd : null,
  value: el ? el.value : null,
};
"#;

async fn window_handle(page: &Page) -> fantoccini::wd::WindowHandle {
    page.client()
        .window()
        .await
        .unwrap_or_else(|e| panic!("cannot read the window handle: {e}"))
}

async fn switch_to(page: &Page, window: fantoccini::wd::WindowHandle) {
    page.client()
        .switch_to_window(window)
        .await
        .unwrap_or_else(|e| panic!("cannot switch windows: {e}"));
}

/// Waits until the control labelled `label` holds `value` in this tab,
/// without touching the focus.
async fn wait_for_shown(page: &Page, label: &str, value: &str) {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    loop {
        let now = page
            .execute(
                "for (const l of document.querySelectorAll('label')) {\
                   if (l.control && l.textContent.replace(/\\s+/g, ' ').trim() === arguments[0]) {\
                     return l.control.value;\
                   }\
                 }\
                 return null;",
                vec![json!(label)],
            )
            .await;
        if now == json!(value) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{label:?} never showed the other tab's {value:?} (it holds {now})\n{}",
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn a_field_keeps_its_focus_and_caret_while_another_tabs_change_arrives() {
    run(|page| async move {
        let pair = create_pair(&page, "Maya", "Theo", "Both").await;
        let agree = format!("#/pair/{pair}/agree");
        let tab_a = window_handle(&page).await;

        // Tab A: the caret in the purpose, typing, the caret moved back a
        // little; the field is never left.
        let field = page.field(TYPING_IN).await;
        field
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {TYPING_IN:?}: {e}"));
        let back = Key::Left.to_string().repeat(CARET_BACK);
        field
            .send_keys(&format!("{TYPED}{back}"))
            .await
            .unwrap_or_else(|e| panic!("cannot type into {TYPING_IN:?}: {e}"));
        let before = page.execute(REMEMBER_FOCUS, vec![]).await;
        let caret = TYPED.len() - CARET_BACK;
        assert_eq!(
            before,
            json!({ "label": TYPING_IN, "start": caret, "end": caret, "value": TYPED }),
            "tab A is not typing where the test put it\n{}",
            page.describe().await
        );
        wait_until_stored(&page, &pair, TYPED).await;

        // Tab B, same browser profile: another field of the same pair.
        let tab_b = page
            .client()
            .new_window(true)
            .await
            .unwrap_or_else(|e| panic!("cannot open a second tab: {e}"))
            .handle;
        switch_to(&page, tab_b).await;
        page.goto(&agree).await;
        page.wait_for_heading("Mentoring agreement").await;
        page.wait_for_value(TYPING_IN, TYPED).await;
        page.fill(OTHER_FIELD, OTHER_TEXT).await;
        wait_until_stored(&page, &pair, OTHER_TEXT).await;

        // Back in tab A: the change has arrived, the typing is untouched.
        switch_to(&page, tab_a).await;
        let stored = page.local_storage_get(&pair_key(&pair)).await;
        assert!(
            stored.is_some_and(|s| s.contains(OTHER_TEXT) && s.contains(TYPED)),
            "tab A's storage does not hold both changes"
        );
        wait_for_shown(&page, OTHER_FIELD, OTHER_TEXT).await;
        let after = page.execute(FOCUS_NOW, vec![]).await;
        let expected: Json = json!({
            "notReloaded": true,
            "same": true,
            "connected": true,
            "tag": "TEXTAREA",
            "start": caret,
            "end": caret,
            "value": TYPED,
        });
        assert_eq!(
            after,
            expected,
            "tab A lost its place in {TYPING_IN:?} when tab B's change arrived\n{}",
            page.describe().await
        );
    });
}
