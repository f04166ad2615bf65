//! [`Page`]: drives the app the way a person would, finding things by their
//! visible name (button text, link text, label, legend, role), never by CSS
//! class. Every helper waits (up to [`DEFAULT_TIMEOUT`]) for the thing to
//! appear and panics with the page's URL, text and console when it does not.

use std::time::{Duration, Instant};

use fantoccini::elements::{Element, ElementRef};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value as Json};

use crate::axe::{self, AxeViolation};
use crate::driver::ChromeCommand;

/// How long helpers wait for something to appear.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
const POLL_EVERY: Duration = Duration::from_millis(100);
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const MAX_BODY_IN_ERRORS: usize = 4000;

/// Shared by the scripts below: whitespace-normalised text, and the text of a
/// label without the text of the control it wraps (a select's options).
const JS_PRELUDE: &str = r#"
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const ownText = (label) => {
  const copy = label.cloneNode(true);
  copy.querySelectorAll('input, select, textarea, button, output, meter, progress')
    .forEach((e) => e.remove());
  return norm(copy.textContent);
};
"#;

/// Finds form controls by label text (label[for], wrapping label,
/// aria-label, aria-labelledby), optionally inside the fieldset whose legend
/// is `arguments[1]`; visible ones first, as a person sees them (a folded
/// editor further up may hold a field with the same label, and Chromium
/// still gives such an input client rects, so checkVisibility() decides). Returns the matches and, for error messages, every
/// label and legend on the page.
const JS_FIND_CONTROLS: &str = r#"
const [want, group] = arguments;
const controls = 'input, select, textarea';
let scopes = [document];
if (group !== null) {
  scopes = [...document.querySelectorAll('fieldset')].filter((f) => {
    const legend = f.querySelector(':scope > legend');
    return legend !== null && norm(legend.textContent) === group;
  });
}
const found = [];
const seen = new Set();
const add = (control, label) => {
  if (!seen.has(control)) {
    seen.add(control);
    found.push({ control, label });
  }
};
for (const scope of scopes) {
  for (const label of scope.querySelectorAll('label')) {
    if (label.control && ownText(label) === want) add(label.control, label);
  }
  for (const el of scope.querySelectorAll(controls)) {
    if (norm(el.getAttribute('aria-label')) === want) add(el, null);
    const ids = el.getAttribute('aria-labelledby');
    if (ids) {
      const text = ids.split(/\s+/).map((id) => document.getElementById(id))
        .filter((e) => e !== null).map((e) => norm(e.textContent)).join(' ');
      if (text === want) add(el, null);
    }
  }
}
const shown = found.filter((f) => f.control.checkVisibility());
return {
  found: shown.length > 0 ? shown : found,
  labels: [...document.querySelectorAll('label')].map(ownText),
  legends: [...document.querySelectorAll('legend')].map((l) => norm(l.textContent)),
};
"#;

/// Sets a value the keyboard cannot type portably (date, time, colour,
/// range) the way the browser would, firing input and change.
const JS_SET_VALUE: &str = r#"
const [el, value] = arguments;
const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
el.focus();
setter.call(el, value);
el.dispatchEvent(new Event('input', { bubbles: true }));
el.dispatchEvent(new Event('change', { bubbles: true }));
el.blur();
"#;

/// Tells the page a text control was emptied, as deleting its text would.
const JS_EMPTIED: &str = r#"
arguments[0].dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
"#;

/// Catches the files the page offers for download (a Blob behind an object
/// URL, saved by clicking an `<a download>`): keeps each Blob's text and the
/// file name in `window.__e2eDownloads` instead of saving a file.
const JS_CAPTURE_DOWNLOADS: &str = r#"
if (!window.__e2eDownloads) {
  window.__e2eDownloads = [];
  const blobs = new Map();
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object) => {
    const url = create(object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const blob = blobs.get(this.href);
    if (this.hasAttribute('download') && blob) {
      const name = this.download;
      blob.text().then((text) => window.__e2eDownloads.push({ name, type: blob.type, text }));
      return;
    }
    return click.call(this);
  };
}
return true;
"#;

/// A file the page offered for download, caught by
/// [`Page::capture_downloads`].
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Download {
    /// The `download` attribute of the link: the suggested file name.
    pub name: String,
    /// The Blob's MIME type.
    #[serde(rename = "type")]
    pub mime: String,
    /// The Blob's content.
    pub text: String,
}

/// A browser tab showing the app, with helpers that act like a person.
#[derive(Clone, Debug)]
pub struct Page {
    client: Client,
    base_url: String,
}

/// A control found by its label, with the label element when there is one.
struct Labelled {
    control: Element,
    label: Option<Element>,
}

impl Page {
    pub(crate) fn new(client: Client, base_url: String) -> Self {
        Self { client, base_url }
    }

    /// The same browser, for the app served at another `base_url` (a
    /// server the test starts and stops itself).
    pub fn at(&self, base_url: String) -> Self {
        Self::new(self.client.clone(), base_url)
    }

    /// The WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// `http://127.0.0.1:<port>/trellis/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The full URL for something under /trellis/: `""`, `"?now=..."`,
    /// `"#/pair/<id>/agree"` or `"?now=...#/..."`.
    pub fn url_for(&self, rest: &str) -> String {
        format!("{}{}", self.base_url, rest.trim_start_matches('/'))
    }

    /// Navigates to a path under /trellis/ (see [`Page::url_for`]). Only the
    /// hash changing does not reload the page: call [`Page::reload`] for that.
    pub async fn goto(&self, rest: &str) {
        let url = self.url_for(rest);
        if let Err(e) = self.client.goto(&url).await {
            panic!("cannot open {url}: {e}");
        }
        self.wait_for_the_app().await;
    }

    /// Reloads the page, as the browser's reload button does.
    pub async fn reload(&self) {
        if let Err(e) = self.client.refresh().await {
            panic!("cannot reload the page: {e}");
        }
        self.wait_for_the_app().await;
    }

    /// Waits until the app has taken the place of the static first screen
    /// index.html paints before the wasm arrives (whose welcome reads like
    /// the app's), so what a test finds next is the app's own.
    pub async fn wait_for_the_app(&self) {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        while self
            .execute("return !!document.getElementById('shell');", vec![])
            .await
            == Json::Bool(true)
        {
            if Instant::now() >= deadline {
                self.fail("the app never took the place of the first screen")
                    .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Runs a script in the page (`arguments[i]` are the args) and returns
    /// what it returns.
    pub async fn execute(&self, script: &str, args: Vec<Json>) -> Json {
        match self.client.execute(script, args).await {
            Ok(value) => value,
            Err(e) => panic!("script failed in the page: {e}\nscript: {script}"),
        }
    }

    /// The current URL.
    pub async fn current_url(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => panic!("cannot read the current URL: {e}"),
        }
    }

    /// `location.hash`, e.g. `#/pair/<id>/agree`.
    pub async fn hash(&self) -> String {
        json_string(self.execute("return location.hash;", vec![]).await)
    }

    /// Waits until `location.hash` ends with `suffix` and returns it.
    pub async fn wait_for_hash_ending(&self, suffix: &str) -> String {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let hash = self.hash().await;
            if hash.ends_with(suffix) {
                return hash;
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "the URL hash never ended with {suffix:?} (it is {hash:?})"
                ))
                .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// The text a person sees on the page (`document.body.innerText`).
    pub async fn body_text(&self) -> String {
        json_string(
            self.execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await,
        )
    }

    /// Waits until `text` is visible somewhere on the page. A list card far
    /// below the screen is not laid out (`content-visibility: auto`), so its
    /// text is not visible yet: find such a record by its heading.
    pub async fn wait_for_text(&self, text: &str) {
        self.wait_for_text_within(text, DEFAULT_TIMEOUT).await;
    }

    /// Waits up to `timeout` until `text` is visible somewhere on the page.
    pub async fn wait_for_text_within(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            if self.body_text().await.contains(text) {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "the text {text:?} did not appear within {} s",
                    timeout.as_secs_f32()
                ))
                .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Waits until a heading (h1 to h6) reads exactly `text`.
    pub async fn wait_for_heading(&self, text: &str) -> Element {
        let lit = xpath_literal(text);
        let xpath = format!(
            "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]\
             [normalize-space(.)={lit}]"
        );
        self.wait_for_xpath(&xpath, &format!("a heading {text:?}"))
            .await
    }

    /// Waits for a visible button whose text (or aria-label) is exactly `name`.
    pub async fn button(&self, name: &str) -> Element {
        self.wait_for_xpath(&button_xpath(name), &format!("a button {name:?}"))
            .await
    }

    /// Clicks the button whose text (or aria-label) is exactly `name`.
    pub async fn click_button(&self, name: &str) {
        self.click_xpath(&button_xpath(name), &format!("the button {name:?}"))
            .await;
    }

    /// Clicks the submit button named `name` inside a form (for when another
    /// button on the page has the same name, e.g. the one that opened it).
    pub async fn click_submit(&self, name: &str) {
        let lit = xpath_literal(name);
        let xpath = format!(
            "//form//button[(not(@type) or @type='submit') and normalize-space(.)={lit}]\
             | //form//input[@type='submit' and @value={lit}]"
        );
        self.click_xpath(&xpath, &format!("the submit button {name:?}"))
            .await;
    }

    /// Clicks the link whose text is exactly `name`.
    pub async fn click_link(&self, name: &str) {
        let lit = xpath_literal(name);
        let xpath = format!("//a[normalize-space(.)={lit} or normalize-space(@aria-label)={lit}]");
        self.click_xpath(&xpath, &format!("the link {name:?}"))
            .await;
    }

    /// Clicks the link whose text is `word` or starts with `word` and a space
    /// (nav links such as "Agree current").
    pub async fn click_link_starting_with(&self, word: &str) {
        let lit = xpath_literal(word);
        let with_space = xpath_literal(&format!("{word} "));
        let xpath = format!(
            "//a[normalize-space(.)={lit} or starts-with(normalize-space(.), {with_space})]"
        );
        self.click_xpath(&xpath, &format!("the link starting with {word:?}"))
            .await;
    }

    /// Waits for the input, textarea or select labelled `label`.
    pub async fn field(&self, label: &str) -> Element {
        self.labelled(label, None).await.control
    }

    /// Replaces the value of the control labelled `label`, then moves focus
    /// on (Tab) as a person would. Selects take the visible option text;
    /// date, time, colour and range inputs take their value format
    /// (`2026-05-01`).
    pub async fn fill(&self, label: &str, value: &str) {
        let control = self.field(label).await;
        self.fill_control(control, label, value).await;
    }

    /// The control labelled `label` (by `label[for]`) inside the first
    /// element matching `scope`, for when the same label repeats on the
    /// page (one editor per record). Waits until it is visible.
    pub async fn field_within(&self, scope: &str, label: &str) -> Element {
        self.wait_for_xpath(
            &labelled_within(scope, label),
            &format!("the field {label:?} in {scope}"),
        )
        .await
    }

    /// [`Page::fill`] for the control labelled `label` inside `scope`.
    pub async fn fill_within(&self, scope: &str, label: &str, value: &str) {
        let control = self.field_within(scope, label).await;
        self.fill_control(control, label, value).await;
    }

    /// [`Page::value_of`] for the control labelled `label` inside `scope`.
    pub async fn value_within(&self, scope: &str, label: &str) -> String {
        let control = self.field_within(scope, label).await;
        self.control_value(&control).await
    }

    /// Waits until the control labelled `label` inside `scope` holds a value
    /// that satisfies `ok`, and returns it.
    pub async fn wait_for_value_within(
        &self,
        scope: &str,
        label: &str,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let value = self.value_within(scope, label).await;
            if ok(&value) {
                return value;
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "{label:?} in {scope} holds {value:?}; expected {what}"
                ))
                .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Opens the fold inside `scope` whose disclosure button reads `name`
    /// (pressing it, as a person would) unless it is open already.
    pub async fn open_fold(&self, scope: &str, name: &str) {
        let button = format!(
            "({scope})//button[@aria-expanded][normalize-space(.)={}]",
            xpath_literal(name)
        );
        let open = format!("({button})[1][@aria-expanded='true']");
        if self.visible(&open).await.is_none() {
            self.click_xpath(&format!("({button})[1]"), &format!("the fold {name:?}"))
                .await;
        }
        self.wait_for_xpath(&open, &format!("the open fold {name:?}"))
            .await;
    }

    /// Replaces the value of `control` (see [`Page::fill`]); `label` names it
    /// in failure messages.
    async fn fill_control(&self, control: Element, label: &str, value: &str) {
        let tag = control
            .tag_name()
            .await
            .unwrap_or_default()
            .to_ascii_lowercase();
        let kind = control
            .attr("type")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let outcome = match (tag.as_str(), kind.as_str()) {
            ("select", _) => {
                let option = format!(".//option[normalize-space(.)={}]", xpath_literal(value));
                match control.find(Locator::XPath(&option)).await {
                    Ok(option) => option.click().await,
                    Err(_) => {
                        let options = self
                            .execute(
                                "return [...arguments[0].options].map((o) => o.text.trim());",
                                vec![element_json(&control)],
                            )
                            .await;
                        self.fail(&format!(
                            "the select {label:?} has no option {value:?}; it has {options}"
                        ))
                        .await
                    }
                }
            }
            ("input", "checkbox" | "radio") => {
                panic!("{label:?} is a {kind}: use Page::choose (radio) or click it")
            }
            (
                "input",
                "date" | "time" | "datetime-local" | "month" | "week" | "color" | "range",
            ) => self
                .client
                .execute(JS_SET_VALUE, vec![element_json(&control), json!(value)])
                .await
                .map(drop),
            // WebDriver's clear fires no input event: when nothing is typed
            // after it, fire one, as deleting the text by hand would.
            _ => match control.clear().await {
                Ok(()) if value.is_empty() => match self
                    .client
                    .execute(JS_EMPTIED, vec![element_json(&control)])
                    .await
                {
                    Ok(_) => control.send_keys(&Key::Tab.to_string()).await,
                    Err(e) => Err(e),
                },
                Ok(()) => control.send_keys(&(value.to_string() + &Key::Tab)).await,
                Err(e) => Err(e),
            },
        };
        if let Err(e) = outcome {
            self.fail(&format!("cannot fill {label:?} with {value:?}: {e}"))
                .await;
        }
    }

    /// Types `text` at the end of the control labelled `label`, then Tab.
    pub async fn append(&self, label: &str, text: &str) {
        let control = self.field(label).await;
        if let Err(e) = control.send_keys(&(text.to_string() + &Key::Tab)).await {
            self.fail(&format!("cannot type into {label:?}: {e}")).await;
        }
    }

    /// The value of the control labelled `label`; for a select, the text of
    /// the selected option.
    pub async fn value_of(&self, label: &str) -> String {
        let control = self.field(label).await;
        self.control_value(&control).await
    }

    async fn control_value(&self, control: &Element) -> String {
        let script = format!(
            "{JS_PRELUDE}\nconst el = arguments[0];\n\
             if (el.tagName === 'SELECT') {{\n\
               return el.selectedOptions.length ? norm(el.selectedOptions[0].text) : '';\n\
             }}\n\
             return el.value;"
        );
        json_string(self.execute(&script, vec![element_json(control)]).await)
    }

    /// Waits until the control labelled `label` holds `expected` (see
    /// [`Page::value_of`]).
    pub async fn wait_for_value(&self, label: &str, expected: &str) {
        self.wait_for_value_where(label, &format!("{expected:?}"), |v| v == expected)
            .await;
    }

    /// Waits until the control labelled `label` no longer holds `old`: a
    /// form that was sent and filled again.
    pub async fn wait_for_value_other_than(&self, label: &str, old: &str) {
        self.wait_for_value_where(label, &format!("anything but {old:?}"), |v| v != old)
            .await;
    }

    async fn wait_for_value_where(&self, label: &str, what: &str, wanted: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let value = self.value_of(label).await;
            if wanted(&value) {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("{label:?} holds {value:?}, expected {what}"))
                    .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// The accessible names that more than one shown field of the page
    /// has, each with how many have it. A radio's or a checkbox's name
    /// counts with its group's legend, as a screen reader says it.
    pub async fn repeated_field_names(&self) -> Vec<String> {
        let script = format!(
            "{JS_PRELUDE}\n\
             const seen = new Map();\n\
             for (const el of document.querySelectorAll('input, select, textarea')) {{\n\
               if (el.type === 'hidden' || !el.checkVisibility()) continue;\n\
               let name = el.getAttribute('aria-label')\n\
                 || [...el.labels].map(ownText).join(' ');\n\
               const legend = el.closest('fieldset')?.querySelector('legend');\n\
               if ((el.type === 'radio' || el.type === 'checkbox') && legend) {{\n\
                 name = norm(legend.textContent) + ': ' + name;\n\
               }}\n\
               seen.set(name, (seen.get(name) || 0) + 1);\n\
             }}\n\
             return [...seen].filter(([, n]) => n > 1).map(([name, n]) => name + ' (' + n + ')');"
        );
        serde_json::from_value(self.execute(&script, vec![]).await).unwrap_or_default()
    }

    /// Chooses the radio (or checkbox) labelled `option` in the fieldset
    /// whose legend is `group`, by clicking its label.
    pub async fn choose(&self, group: &str, option: &str) {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let found = self.labelled(option, Some(group)).await;
            let clicked = match &found.label {
                Some(label) => label.click().await,
                None => found.control.click().await,
            };
            if clicked.is_ok() && self.is_chosen(group, option).await {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("cannot choose {option:?} in {group:?}"))
                    .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Whether the radio (or checkbox) `option` in fieldset `group` is checked.
    pub async fn is_chosen(&self, group: &str, option: &str) -> bool {
        let found = self.labelled(option, Some(group)).await;
        found.control.is_selected().await.unwrap_or(false)
    }

    /// The normalised text of every shown element with `role="<role>"`, in
    /// order.
    pub async fn role_texts(&self, role: &str) -> Vec<String> {
        let script = format!(
            "{JS_PRELUDE}\nreturn [...document.querySelectorAll('[role]')]\n\
             .filter((e) => e.getAttribute('role').split(/\\s+/).includes(arguments[0]))\n\
             .filter((e) => e.checkVisibility())\n\
             .map((e) => norm(e.textContent));"
        );
        let value = self.execute(&script, vec![json!(role)]).await;
        serde_json::from_value(value).unwrap_or_default()
    }

    /// What the shown role="status" element(s) say, joined by " | " (one
    /// with nothing to say yet is left out).
    pub async fn status_text(&self) -> String {
        let texts = self.role_texts("status").await;
        let said: Vec<String> = texts.into_iter().filter(|t| !t.is_empty()).collect();
        said.join(" | ")
    }

    /// The text of the role="alert" element(s), joined by " | ".
    pub async fn alert_text(&self) -> String {
        self.role_texts("alert").await.join(" | ")
    }

    /// Waits until a role="status" element reads exactly `text` (e.g. "Saved").
    pub async fn wait_for_status(&self, text: &str) {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let statuses = self.role_texts("status").await;
            if statuses.iter().any(|s| s == text) {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "no role=\"status\" element reads {text:?}; they read {statuses:?}"
                ))
                .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Waits until a role="alert" element contains `text`, and returns its text.
    pub async fn wait_for_alert_containing(&self, text: &str) -> String {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let alerts = self.role_texts("alert").await;
            if let Some(alert) = alerts.iter().find(|a| a.contains(text)) {
                return alert.clone();
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "no role=\"alert\" element contains {text:?}; they read {alerts:?}"
                ))
                .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// `localStorage.getItem(key)`.
    pub async fn local_storage_get(&self, key: &str) -> Option<String> {
        let value = self
            .execute(
                "return window.localStorage.getItem(arguments[0]);",
                vec![json!(key)],
            )
            .await;
        value.as_str().map(str::to_string)
    }

    /// `localStorage.setItem(key, value)`.
    pub async fn local_storage_set(&self, key: &str, value: &str) {
        self.execute(
            "window.localStorage.setItem(arguments[0], arguments[1]);",
            vec![json!(key), json!(value)],
        )
        .await;
    }

    /// `localStorage.removeItem(key)`.
    pub async fn local_storage_remove(&self, key: &str) {
        self.execute(
            "window.localStorage.removeItem(arguments[0]);",
            vec![json!(key)],
        )
        .await;
    }

    /// Every localStorage key, sorted.
    pub async fn local_storage_keys(&self) -> Vec<String> {
        let value = self
            .execute("return Object.keys(window.localStorage).sort();", vec![])
            .await;
        serde_json::from_value(value).unwrap_or_default()
    }

    /// Emulates a viewport `width` CSS pixels wide (900 high) and waits until
    /// the page reports it.
    pub async fn set_viewport_width(&self, width: u32) {
        self.set_viewport(width, 900).await;
    }

    /// Emulates a viewport of `width` x `height` CSS pixels and waits until
    /// the page reports its width.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let params = json!({
            "width": width,
            "height": height,
            "deviceScaleFactor": 1,
            "mobile": false,
        });
        self.devtools("Emulation.setDeviceMetricsOverride", params)
            .await;
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let inner = self.inner_width().await;
            if inner == u64::from(width) {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("the viewport is {inner} px wide, not {width} px"))
                    .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// `window.innerWidth`.
    pub async fn inner_width(&self) -> u64 {
        self.execute("return window.innerWidth;", vec![])
            .await
            .as_u64()
            .unwrap_or_default()
    }

    /// `document.documentElement.scrollWidth`: wider than the viewport means
    /// the page scrolls sideways.
    pub async fn scroll_width(&self) -> u64 {
        self.execute("return document.documentElement.scrollWidth;", vec![])
            .await
            .as_u64()
            .unwrap_or_default()
    }

    /// `document.documentElement.clientWidth`: the viewport without scrollbars.
    pub async fn client_width(&self) -> u64 {
        self.execute("return document.documentElement.clientWidth;", vec![])
            .await
            .as_u64()
            .unwrap_or_default()
    }

    /// Makes `prefers-color-scheme` report dark (or light) from now on,
    /// across reloads.
    pub async fn emulate_dark_mode(&self, dark: bool) {
        let scheme = if dark { "dark" } else { "light" };
        let params = json!({
            "features": [{ "name": "prefers-color-scheme", "value": scheme }],
        });
        self.devtools("Emulation.setEmulatedMedia", params).await;
    }

    /// Runs a script and returns its string result.
    pub async fn script_string(&self, script: &str, args: Vec<Json>) -> String {
        match self.execute(script, args).await {
            Json::String(s) => s,
            other => panic!("the script returned {other}, not a string: {script}"),
        }
    }

    /// Waits until the element with `id` has the keyboard focus.
    pub async fn wait_for_focus(&self, id: &str) {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let focused = self
                .script_string(
                    "return document.activeElement ? document.activeElement.id : '';",
                    vec![],
                )
                .await;
            if focused == id {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!(
                    "#{id} never took the focus (it is on {focused:?})"
                ))
                .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Clicks the button named `name` (its text or aria-label) inside the
    /// first element matching `scope`.
    pub async fn click_button_in(&self, scope: &str, name: &str) {
        let lit = xpath_literal(name);
        self.click_xpath(
            &format!(
                "({scope})//button[normalize-space(.)={lit} or normalize-space(@aria-label)={lit}]"
            ),
            &format!("the button {name:?} in {scope}"),
        )
        .await;
    }

    /// Emulates print media (`@media print`), or the screen again.
    pub async fn emulate_print_media(&self, print: bool) {
        let media = if print { "print" } else { "" };
        self.devtools("Emulation.setEmulatedMedia", json!({ "media": media }))
            .await;
    }

    /// Whether the page sees `prefers-color-scheme: dark`.
    pub async fn prefers_dark(&self) -> bool {
        self.execute(
            "return window.matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await
            == Json::Bool(true)
    }

    /// From now until the page reloads, files the page offers for download
    /// are caught (not saved); read them with [`Page::wait_for_download`].
    pub async fn capture_downloads(&self) {
        self.execute(JS_CAPTURE_DOWNLOADS, vec![]).await;
    }

    /// Waits for the next file caught since [`Page::capture_downloads`] and
    /// returns it (each file is returned once).
    pub async fn wait_for_download(&self) -> Download {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let next = self
                .execute(
                    "const list = window.__e2eDownloads;\n\
                     if (!list) return 'not capturing';\n\
                     return list.length ? list.shift() : null;",
                    vec![],
                )
                .await;
            if next == "not capturing" {
                self.fail("downloads are not being caught: call Page::capture_downloads first")
                    .await;
            }
            if !next.is_null() {
                return serde_json::from_value(next.clone())
                    .unwrap_or_else(|e| panic!("unexpected download record ({e}): {next}"));
            }
            if Instant::now() >= deadline {
                self.fail("no file was offered for download").await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Runs axe-core on the current page and returns its violations.
    pub async fn axe_scan(&self) -> Vec<AxeViolation> {
        axe::axe_scan(&self.client).await
    }

    /// Fails, listing each violation, unless axe finds none on this page.
    pub async fn assert_no_axe_violations(&self, page_name: &str) {
        axe::assert_no_axe_violations(&self.client, page_name).await;
    }

    /// Console messages logged since the last call, as "LEVEL message".
    pub async fn browser_console(&self) -> Vec<String> {
        let Ok(entries) = self.client.issue_cmd(ChromeCommand::browser_log()).await else {
            return Vec::new();
        };
        entries
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| {
                        format!(
                            "{} {}",
                            entry["level"].as_str().unwrap_or("LOG"),
                            entry["message"].as_str().unwrap_or_default()
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The URL, visible text and console of the page, for failure messages.
    pub async fn describe(&self) -> String {
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_else(|e| format!("(unknown: {e})"));
        let body = match self
            .client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
        {
            Ok(text) => json_string(text),
            Err(e) => format!("(unreadable: {e})"),
        };
        let body = if body.chars().count() > MAX_BODY_IN_ERRORS {
            let cut: String = body.chars().take(MAX_BODY_IN_ERRORS).collect();
            format!("{cut}\n[... cut ...]")
        } else {
            body
        };
        let console = self.browser_console().await;
        let console = if console.is_empty() {
            "(empty)".to_string()
        } else {
            console.join("\n")
        };
        format!("URL: {url}\n--- page text ---\n{body}\n--- browser console ---\n{console}\n---")
    }

    async fn fail(&self, message: &str) -> ! {
        panic!("{message}\n{}", self.describe().await)
    }

    async fn devtools(&self, method: &str, params: Json) {
        self.devtools_result(method, params).await;
    }

    /// Runs a Chrome DevTools Protocol method and returns its result.
    pub async fn devtools_result(&self, method: &str, params: Json) -> Json {
        match self
            .client
            .issue_cmd(ChromeCommand::devtools(method, params))
            .await
        {
            Ok(result) => result,
            Err(e) => panic!("DevTools command {method} failed: {e}"),
        }
    }

    async fn first_visible(&self, xpath: &str) -> Result<Option<Element>, String> {
        let found = self
            .client
            .find_all(Locator::XPath(xpath))
            .await
            .map_err(|e| e.to_string())?;
        for element in found {
            if element.is_displayed().await.unwrap_or(false) {
                return Ok(Some(element));
            }
        }
        Ok(None)
    }

    /// The first visible element matching `xpath`, if there is one now.
    pub async fn visible(&self, xpath: &str) -> Option<Element> {
        match self.first_visible(xpath).await {
            Ok(found) => found,
            Err(e) => self.fail(&format!("cannot look for {xpath}: {e}")).await,
        }
    }

    /// The whitespace-normalised text of every node matching `xpath`, in
    /// document order.
    pub async fn texts(&self, xpath: &str) -> Vec<String> {
        let value = self
            .execute(
                "const found = document.evaluate(arguments[0], document, null, \
                   XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);\n\
                 const out = [];\n\
                 for (let i = 0; i < found.snapshotLength; i++) {\n\
                   out.push((found.snapshotItem(i).textContent || '').replace(/\\s+/g, ' ').trim());\n\
                 }\n\
                 return out;",
                vec![Json::from(xpath)],
            )
            .await;
        serde_json::from_value(value).unwrap_or_default()
    }

    /// Waits until the texts of the nodes matching `xpath` satisfy `ok`, and
    /// returns them; `what` says what was expected, for the failure message.
    pub async fn wait_for_texts(
        &self,
        xpath: &str,
        what: &str,
        ok: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let found = self.texts(xpath).await;
            if ok(&found) {
                return found;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("expected {what}; {xpath} reads {found:?}"))
                    .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Waits for a visible element matching `xpath`.
    pub async fn wait_for_xpath(&self, xpath: &str, what: &str) -> Element {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let last = match self.first_visible(xpath).await {
                Ok(Some(element)) => return element,
                Ok(None) => "nothing visible matched".to_string(),
                Err(e) => e,
            };
            if Instant::now() >= deadline {
                self.fail(&format!("{what} did not appear ({last})")).await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Clicks the first visible element matching `xpath`, scrolling it into
    /// view when something covers it.
    pub async fn click_xpath(&self, xpath: &str, what: &str) {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let last = match self.first_visible(xpath).await {
                Ok(Some(element)) => match element.click().await {
                    Ok(()) => return,
                    Err(e) => {
                        // Something (a sticky header) covers it: scroll it to
                        // the middle, as a person would, and try again.
                        let _ = self
                            .client
                            .execute(
                                "arguments[0].scrollIntoView({ block: 'center' });",
                                vec![element_json(&element)],
                            )
                            .await;
                        format!("click failed: {e}")
                    }
                },
                Ok(None) => "nothing visible matched".to_string(),
                Err(e) => e,
            };
            if Instant::now() >= deadline {
                self.fail(&format!("cannot click {what} ({last})")).await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    async fn labelled(&self, label: &str, group: Option<&str>) -> Labelled {
        let script = format!("{JS_PRELUDE}\n{JS_FIND_CONTROLS}");
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        loop {
            let result = self
                .execute(&script, vec![json!(label), json!(group)])
                .await;
            let first = result["found"].as_array().and_then(|f| f.first());
            if let Some(control) = first.and_then(|f| self.element(&f["control"])) {
                let label = first.and_then(|f| self.element(&f["label"]));
                return Labelled { control, label };
            }
            if Instant::now() >= deadline {
                let place = group.map_or(String::new(), |g| format!(" in the group {g:?}"));
                self.fail(&format!(
                    "no control labelled {label:?}{place}; labels on the page: {}; legends: {}",
                    result["labels"], result["legends"]
                ))
                .await;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    fn element(&self, value: &Json) -> Option<Element> {
        let id = value.get(ELEMENT_KEY)?.as_str()?;
        Some(Element::from_element_id(
            self.client.clone(),
            ElementRef::from(id.to_string()),
        ))
    }
}

fn element_json(element: &Element) -> Json {
    json!({ ELEMENT_KEY: element.element_id().to_string() })
}

fn json_string(value: Json) -> String {
    match value {
        Json::String(s) => s,
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// The input, textarea or select inside `scope` whose `label[for]` (also
/// inside `scope`) reads `label`.
fn labelled_within(scope: &str, label: &str) -> String {
    let lit = xpath_literal(label);
    format!(
        "({scope})//*[(self::input or self::textarea or self::select) \
         and @id=({scope})//label[normalize-space(.)={lit}]/@for]"
    )
}

fn button_xpath(name: &str) -> String {
    let lit = xpath_literal(name);
    format!(
        "//button[normalize-space(.)={lit} or normalize-space(@aria-label)={lit}]\
         | //input[(@type='button' or @type='submit') and @value={lit}]"
    )
}

/// `text` as an XPath string literal, whatever quotes it holds.
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

#[cfg(test)]
mod tests {
    use super::xpath_literal;

    #[test]
    fn xpath_literals_survive_apostrophes_and_quotes() {
        assert_eq!(xpath_literal("Saved"), "'Saved'");
        assert_eq!(xpath_literal("Mentor's name"), "\"Mentor's name\"");
        assert_eq!(
            xpath_literal("it's \"x\""),
            "concat('it', \"'\", 's \"x\"')"
        );
    }
}
