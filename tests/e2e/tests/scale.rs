//! Not a test: the scale benchmark that `scripts/bench.sh` runs and prints
//! as one markdown table (BENCHMARKS.md keeps the results). It serves a
//! release build as a static host would (precompressed, with
//! Content-Encoding), puts the workbooks that tests/scale_data.rs wrote
//! into localStorage as the app stores them, and drives headless Chromium:
//!
//! - each page reloaded until every row it lists is in the DOM, timed in the
//!   page from navigation start to the next frame after it, beside
//!   `JSON.parse` of the same stored text in the same page, the style and
//!   layout of its final DOM from scratch, and that DOM loaded as a static
//!   file without the app;
//! - typical edits, timed from the input event to the next frame drawn, and
//!   the bytes each one writes to localStorage (its delayed save included);
//! - the wasm memory and the JS heap after start-up.
//!
//! Run it through `scripts/bench.sh`; by hand:
//!
//! ```sh
//! TRELLIS_BENCH_SITE=target/bench/site TRELLIS_BENCH_DATA=target/bench/data \
//!   cargo test -p trellis-e2e --release --test scale -- --ignored --nocapture
//! ```
//!
//! Settings (environment): `TRELLIS_BENCH_SITE` (the folder served, with
//! `seed.html`), `TRELLIS_BENCH_DATA` (the workbooks), `TRELLIS_BENCH_RUNS`
//! (reloads per page and scale, default `5,5,3`), `TRELLIS_BENCH_EDITS`
//! (timed edits of each kind, default 20, after one not counted),
//! `TRELLIS_BENCH_TIMEOUT` (seconds a page may take before it is reported
//! as a timeout, default 180), `TRELLIS_BENCH_SCALES` (default `1,10,100`)
//! and `TRELLIS_BENCH_PROFILE` (a folder for a CPU profile of each kind of
//! edit; none by default).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::wd::{TimeoutConfiguration, WindowHandle};
use serde_json::{json, Value as Json};
use trellis_e2e::{http_get, repo_root, run_with, ChromeCommand, Options, Page};

/// Runs at document start in every page: counts what is written to
/// localStorage, keeps the wasm instance, and, when the harness left a
/// condition in sessionStorage, notes when the page first meets it and the
/// frame after that, and how long `JSON.parse` of the stored text takes.
const INIT_SCRIPT: &str = r#"
(() => {
  if (window.__bench) return;
  const B = (window.__bench = { writes: [], wasm: null });
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === window.localStorage) {
      B.writes.push({ bytes: String(key).length + String(value).length, at: performance.now() });
    }
    return setItem.call(this, key, value);
  };
  addEventListener('TrunkApplicationStarted', (e) => {
    B.wasm = (e.detail && e.detail.wasm) || null;
  });
  const raw = sessionStorage.getItem('bench-wait');
  if (raw === null || location.pathname.endsWith('seed.html')) return;
  sessionStorage.removeItem('bench-wait');
  const spec = JSON.parse(raw);
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const labelled = (text) => {
    for (const label of document.querySelectorAll('label')) {
      if (label.control && norm(label.textContent) === text) return label.control;
    }
    return null;
  };
  const holds = (c) => {
    if (c.text !== undefined) return document.body !== null && document.body.textContent.includes(c.text);
    if (c.count !== undefined) {
      let n = 0;
      for (const el of document.querySelectorAll(c.count)) {
        if (c.prefix === undefined || norm(el.textContent).startsWith(c.prefix)) n += 1;
      }
      return n >= c.min;
    }
    if (c.label !== undefined) {
      const control = labelled(c.label);
      return control !== null && (c.value === undefined || control.value === c.value);
    }
    return false;
  };
  let finished = false;
  const finish = () => {
    finished = true;
    observer.disconnect();
    clearInterval(poll);
    const met = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const shown = performance.now();
        const texts = [];
        for (let i = 0; i < localStorage.length; i++) {
          const key = localStorage.key(i);
          if (key.startsWith('trellis/')) texts.push(localStorage.getItem(key));
        }
        const t0 = performance.now();
        for (const text of texts) JSON.parse(text);
        const parse = performance.now() - t0;
        sessionStorage.setItem('bench-shown', JSON.stringify({ met, shown, parse, page: spec.page }));
      }, 0)
    );
  };
  const check = () => {
    if (!finished && document.body !== null && spec.all.every(holds)) finish();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  const poll = setInterval(check, 50);
})();
"#;

/// What opens a fold: a disclosure button, or in builds before them a
/// `<details>` summary (so one benchmark measures both).
const FOLD: &str = "summary, button[aria-expanded]";

/// Helpers every edit script shares (after `FOLD`, which is put first).
const EDIT_PRELUDE: &str = r#"
const done = arguments[arguments.length - 1];
const p = arguments[0];
const B = window.__bench;
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const labelledIn = (scope, text) => {
  for (const label of scope.querySelectorAll('label')) {
    if (label.control && norm(label.textContent) === text) return label.control;
  }
  return null;
};
const buttonIn = (scope, text) =>
  [...scope.querySelectorAll('button')].find((b) => norm(b.textContent) === text) || null;
// A fold is a disclosure button (or, in builds before it, a <details>
// summary): opens the one in `scope` named `name` and returns what holds it.
const openFold = (scope, name) => {
  const s = [...scope.querySelectorAll(FOLD)].find((s) => norm(s.textContent) === name);
  if (!s) return null;
  const open = s.tagName === 'SUMMARY' ? s.parentElement.open : s.getAttribute('aria-expanded') === 'true';
  if (!open) s.click();
  return s.parentElement;
};
const firstSession = () => {
  const h = [...document.querySelectorAll('h3')].find((h) => norm(h.textContent).startsWith('Session of'));
  return h ? h.closest('article') : null;
};
const sessionCount = () =>
  [...document.querySelectorAll('h3')].filter((h) => norm(h.textContent).startsWith('Session of')).length;
const typed = (control, value) => {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), 'value').set;
  setter.call(control, value);
  control.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
};
const timed = (act, check) => {
  B.writes.length = 0;
  const t0 = performance.now();
  act();
  requestAnimationFrame(() =>
    setTimeout(() => done({ ms: performance.now() - t0, ok: check(), t0 }), 0)
  );
};
const fail = (why) => done({ error: why });
// A folded form is drawn once its details have opened: waits up to 5 s
// for `find` to return something, then hands it to `then`.
const whenDrawn = (find, what, then) => {
  const started = performance.now();
  const look = () => {
    const found = find();
    if (found) return then(found);
    if (performance.now() - started > 5000) return fail('no ' + what);
    setTimeout(look, 10);
  };
  look();
};
"#;

/// Toggles the step checkbox labelled `p.label`. A person ticks a box on
/// their screen, so it is scrolled there first, untimed, and the click is
/// timed 200 ms later (less than a person takes to find the box), once the
/// browser has drawn the cards the scroll brought into view.
const EDIT_TICK: &str = r#"
const find = () => {
  for (const label of document.querySelectorAll('label')) {
    if (norm(label.textContent) === p.label && label.htmlFor) return document.getElementById(label.htmlFor);
  }
  return null;
};
const box = find();
if (!box) return fail('no checkbox labelled ' + p.label);
box.scrollIntoView({ block: 'center' });
requestAnimationFrame(() => setTimeout(() => {
  const want = !box.checked;
  timed(() => box.click(), () => { const now = find(); return now !== null && now.checked === want; });
}, 200));
"#;

/// Logs a new session through "Log a session".
const EDIT_ADD_SESSION: &str = r#"
const form = [...document.querySelectorAll('form')].find((f) => buttonIn(f, 'Log session'));
if (!form) return fail('no form with a "Log session" button');
const when = labelledIn(form, 'Date and time of the session');
if (when) typed(when, p.when);
const before = sessionCount();
const button = buttonIn(form, 'Log session');
timed(() => button.click(), () => sessionCount() === before + 1);
"#;

/// Changes the newest session's notes (untimed, as typing) and times "Save
/// session".
const EDIT_SAVE_NOTES: &str = r#"
const card = firstSession();
if (!card) return fail('no session card');
openFold(card, 'Edit session');
whenDrawn(() => labelledIn(card, 'Shared notes'), '"Shared notes" field in the first session', (notes) => {
  typed(notes, p.notes);
  const save = buttonIn(card, 'Save session');
  if (!save) return fail('no "Save session" button');
  timed(() => save.click(), () => true);
});
"#;

/// Chooses a rating for the first practice in the round the mentor has not
/// answered (found once, then by its heading) and times choosing it and
/// "Save the mentor's answers".
const EDIT_RATING: &str = r#"
const headingOf = (article) => {
  const id = article.getAttribute('aria-labelledby');
  const h = id ? document.getElementById(id) : article.querySelector('h3');
  return h ? norm(h.textContent) : '';
};
if (window.__benchRound === undefined) {
  const folds = [...document.querySelectorAll(FOLD)];
  const fold = folds.find((s) => norm(s.textContent) === 'Answer as mentor')
    || folds.find((s) => norm(s.textContent) === "Change the mentor's answers");
  if (!fold) return fail('no round waiting for the mentor');
  window.__benchRound = headingOf(fold.closest('article'));
}
const round = [...document.querySelectorAll('article')].find((a) => headingOf(a) === window.__benchRound);
if (!round) return fail('the round ' + window.__benchRound + ' is gone');
const details = openFold(round, 'Answer as mentor') || openFold(round, "Change the mentor's answers");
if (!details) return fail('no mentor form in ' + window.__benchRound);
const drawn = () => {
  const rating = labelledIn(details, 'Rating');
  const save = buttonIn(details, "Save the mentor's answers");
  return rating && save ? { rating, save } : null;
};
whenDrawn(drawn, 'rating or save button', ({ rating, save }) => {
  timed(() => {
    rating.value = p.score;
    rating.dispatchEvent(new Event('input', { bubbles: true }));
    rating.dispatchEvent(new Event('change', { bubbles: true }));
    save.click();
  }, () => norm(round.isConnected ? round.textContent : document.body.textContent).includes('The mentor answered on'));
});
"#;

/// Types one character at the end of the agreement's purpose ("Why we are
/// doing this").
const EDIT_TYPE: &str = r#"
const label = 'Why we are doing this';
const field = labelledIn(document, label);
if (!field) return fail('no field labelled ' + label);
if (document.activeElement !== field) field.focus();
const end = field.value.length;
field.setSelectionRange(end, end);
timed(() => {
  field.setRangeText(p.char, end, end, 'end');
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: p.char }));
}, () => labelledIn(document, label) !== null && labelledIn(document, label).value.endsWith(p.char));
"#;

/// What tests/scale_data.rs wrote about one workbook.
struct Workbook {
    /// "1x", "10x", "100x", or "demo" for the demo's sample pair.
    name: String,
    pair: String,
    pairs: u64,
    objectives: u64,
    steps: u64,
    sessions: u64,
    rounds: u64,
    now: String,
    storage: Json,
    pair_bytes: u64,
    storage_bytes: u64,
    export_bytes: u64,
}

impl Workbook {
    fn read(dir: &std::path::Path, name: &str) -> Self {
        let folder = dir.join(name);
        let read = |name: &str| {
            let path = folder.join(name);
            std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "{} is missing ({e}): run `cargo test --release --test scale_data -- --ignored` first",
                    path.display()
                )
            })
        };
        let about: Json = serde_json::from_str(&read("about.json"))
            .unwrap_or_else(|e| panic!("about.json does not read: {e}"));
        let storage: Json = serde_json::from_str(&read("storage.json"))
            .unwrap_or_else(|e| panic!("storage.json does not read: {e}"));
        let number = |key: &str| about[key].as_u64().unwrap_or_default();
        let text = |key: &str| about[key].as_str().unwrap_or_default().to_string();
        Workbook {
            name: name.to_string(),
            pair: text("pair"),
            pairs: number("pairs"),
            objectives: number("objectives"),
            steps: number("steps"),
            sessions: number("sessions"),
            rounds: number("rounds"),
            now: text("now"),
            storage,
            pair_bytes: number("pair_bytes"),
            storage_bytes: number("storage_bytes"),
            export_bytes: number("export_bytes"),
        }
    }

    fn query(&self) -> String {
        format!("?now={}", self.now)
    }

    fn hash(&self, page: &str) -> String {
        match page {
            "Home" => "#/".to_string(),
            "Dashboard" => format!("#/pair/{}", self.pair),
            other => format!("#/pair/{}/{}", self.pair, other.to_ascii_lowercase()),
        }
    }

    /// What must be in the DOM before `page` counts as fully shown: the
    /// first and the last row of each list it shows, and how many rows.
    fn shown(&self, page: &str) -> Json {
        if self.name == "demo" {
            return self.demo_shown(page);
        }
        let o = self.objectives;
        let all = match page {
            "Home" => {
                let mut names = vec![json!({ "text": "Maya Okafor & Theo Lind" })];
                names.extend(
                    (2..=self.pairs).map(|p| json!({ "text": format!("Mentor {p} & Mentee {p}") })),
                );
                names
            }
            "Dashboard" => vec![
                json!({ "count": "progress", "min": o }),
                json!({ "text": format!("Objective {o}: lead the handover on ward {o}") }),
            ],
            "Agree" => vec![
                json!({ "label": "Why we are doing this", "value": "Theo Lind grows into leading the ward's shift handovers." }),
                json!({ "text": "Theo Lind" }),
            ],
            "Plan" => vec![
                json!({ "count": "h2", "prefix": "Objective ", "min": o }),
                json!({ "count": "input[type=checkbox]", "min": self.steps }),
                json!({ "text": "Step 1.1.1" }),
                json!({ "text": format!("Step {o}.2.3") }),
            ],
            "Meet" => vec![
                json!({ "count": "h3", "prefix": "Session of", "min": self.sessions }),
                json!({ "text": "Action 1.2: draft the handover note" }),
                json!({ "text": format!("Action {}.2: draft the handover note", self.sessions) }),
            ],
            "Review" => vec![
                json!({ "count": FOLD, "prefix": "Change the mentee", "min": self.rounds }),
                json!({ "count": FOLD, "prefix": "Change the mentor", "min": self.rounds - 1 }),
                json!({ "count": FOLD, "prefix": "Answer as mentor", "min": 1 }),
            ],
            other => panic!("no page {other}"),
        };
        json!({ "page": page, "all": all })
    }
}

impl Workbook {
    /// What must be in the DOM before a page of the demo's pair counts as
    /// shown: its first and last rows, and how many.
    fn demo_shown(&self, page: &str) -> Json {
        let all = match page {
            "Home" => vec![json!({ "text": "Ruth Adeyemi" })],
            "Dashboard" => vec![
                json!({ "count": "progress", "min": self.objectives }),
                json!({ "text": "Be more confident" }),
            ],
            "Agree" => vec![
                json!({ "label": "Why we are doing this" }),
                json!({ "text": "Tomas Novak" }),
            ],
            "Plan" => vec![
                json!({ "count": "input[type=checkbox]", "min": self.steps }),
                json!({ "text": "Pull six months of scrap data" }),
                json!({ "text": "Be more confident" }),
            ],
            "Meet" => vec![
                json!({ "count": "h3", "prefix": "Session of", "min": self.sessions }),
                json!({ "text": "Book the night shift trial" }),
                json!({ "text": "Regional die casting conference" }),
            ],
            "Review" => vec![
                json!({ "count": FOLD, "prefix": "Change the mentee", "min": self.rounds }),
                json!({ "count": FOLD, "prefix": "Change the mentor", "min": self.rounds }),
            ],
            other => panic!("no page {other}"),
        };
        json!({ "page": page, "all": all })
    }
}

struct Settings {
    data: PathBuf,
    runs: Vec<usize>,
    edits: usize,
    timeout: Duration,
    scales: Vec<u64>,
    /// Where to write a CPU profile of each kind of edit, if anywhere.
    profiles: Option<PathBuf>,
}

impl Settings {
    fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let list = |name: &str, default: &str| -> Vec<u64> {
            var(name)
                .unwrap_or_else(|| default.to_string())
                .split(',')
                .map(|n| {
                    n.trim()
                        .parse()
                        .unwrap_or_else(|_| panic!("{name} must be numbers separated by commas"))
                })
                .collect()
        };
        Settings {
            data: var("TRELLIS_BENCH_DATA")
                .map(PathBuf::from)
                .unwrap_or_else(|| repo_root().join("target/bench/data")),
            runs: list("TRELLIS_BENCH_RUNS", "5,5,3")
                .into_iter()
                .map(|n| n as usize)
                .collect(),
            edits: var("TRELLIS_BENCH_EDITS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(20),
            timeout: Duration::from_secs(
                var("TRELLIS_BENCH_TIMEOUT")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(180),
            ),
            scales: list("TRELLIS_BENCH_SCALES", "1,10,100"),
            profiles: var("TRELLIS_BENCH_PROFILE").map(PathBuf::from),
        }
    }

    fn runs_at(&self, index: usize) -> usize {
        self.runs
            .get(index)
            .or(self.runs.last())
            .copied()
            .unwrap_or(3)
    }
}

fn site_dir() -> PathBuf {
    std::env::var_os("TRELLIS_BENCH_SITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/bench/site"))
}

/// Runs a script, waiting out a page too busy to answer (the old build at
/// 100x holds the main thread for tens of seconds) up to `patience`.
async fn js(page: &Page, script: &str, args: Vec<Json>, patience: Duration) -> Option<Json> {
    let deadline = Instant::now() + patience;
    loop {
        match page.client().execute(script, args.clone()).await {
            Ok(value) => return Some(value),
            Err(e) if Instant::now() >= deadline => {
                eprintln!("bench: gave up on a script after {patience:?}: {e}");
                return None;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
        }
    }
}

/// Runs an edit's async script once (it calls its last argument with the
/// result): never again on an error, since that would make the edit twice.
async fn js_async(page: &Page, script: &str, args: Vec<Json>) -> Option<Json> {
    match page.client().execute_async(script, args).await {
        Ok(value) => Some(value),
        Err(e) => {
            eprintln!("bench: an edit's script failed: {e}");
            None
        }
    }
}

async fn devtools(page: &Page, method: &str, params: Json) -> Json {
    match page
        .client()
        .issue_cmd(ChromeCommand::devtools(method, params))
        .await
    {
        Ok(value) => value,
        Err(e) => panic!("DevTools {method} failed: {e}"),
    }
}

/// What the page reported once it was fully shown.
#[derive(Clone, Copy)]
struct Shown {
    ms: f64,
    parse: f64,
}

/// Leaves the condition for the next document, loads `url` as a new
/// document (a reload, even when only the hash differs), and waits for the
/// page to report it was shown.
async fn load(page: &Page, spec: &Json, url: &str, timeout: Duration) -> Option<Shown> {
    js(
        page,
        "sessionStorage.removeItem('bench-shown');\
         sessionStorage.setItem('bench-wait', arguments[0]);\
         history.replaceState(null, '', arguments[1]);\
         location.reload();",
        vec![json!(spec.to_string()), json!(url)],
        timeout,
    )
    .await?;
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now());
        let found = js(
            page,
            "return sessionStorage.getItem('bench-shown');",
            vec![],
            left,
        )
        .await;
        if let Some(Json::String(text)) = found {
            let value: Json = serde_json::from_str(&text).unwrap_or_default();
            return Some(Shown {
                ms: value["shown"].as_f64().unwrap_or(f64::NAN),
                parse: value["parse"].as_f64().unwrap_or(f64::NAN),
            });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

/// Makes the current tab count what is written and report when pages are
/// shown (see [`INIT_SCRIPT`]).
async fn prepare_tab(page: &Page) {
    devtools(
        page,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": INIT_SCRIPT }),
    )
    .await;
}

/// A blank tab kept ready: WebDriver cannot open a tab while the current
/// one is busy, but it can switch to one that is already open.
static SPARE_TAB: Mutex<Option<WindowHandle>> = Mutex::new(None);

/// Opens the next blank tab to switch to after a timeout, staying in the
/// current one.
async fn keep_a_spare_tab(page: &Page) {
    match page.client().new_window(true).await {
        Ok(tab) => {
            if let Ok(mut spare) = SPARE_TAB.lock() {
                *spare = Some(tab.handle);
            }
        }
        Err(e) => eprintln!("bench: cannot open a spare tab: {e}"),
    }
}

/// The browser's own DevTools port (Chromium writes it into its profile,
/// under this test's folder in target/e2e), which answers even when a tab
/// does not.
fn browser_devtools_port() -> Option<u16> {
    let prefix = format!("{}-", std::process::id());
    std::fs::read_dir(repo_root().join("target/e2e"))
        .ok()?
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .find_map(|entry| {
            let text =
                std::fs::read_to_string(entry.path().join("profile/DevToolsActivePort")).ok()?;
            text.lines().next()?.trim().parse().ok()
        })
}

/// Gives up on a tab still busy after a timeout (the old build can work
/// for many minutes on one page at 100x, holding a core): closes it through
/// the browser's DevTools port and carries on in the spare tab, so the next
/// measurement does not run beside the last one's work.
async fn fresh_tab(page: &Page) {
    let client = page.client();
    let busy = client.window().await.ok();
    let spare = SPARE_TAB.lock().ok().and_then(|mut spare| spare.take());
    let (Some(busy), Some(spare), Some(port)) = (busy, spare, browser_devtools_port()) else {
        eprintln!("bench: no spare tab or DevTools port; waiting for the busy tab instead");
        let _ = js(page, "return 1;", vec![], Duration::from_secs(900)).await;
        return;
    };
    let target = String::from(busy);
    match http_get(
        &format!("127.0.0.1:{port}"),
        &format!("/json/close/{target}"),
    ) {
        Ok(response) if response.status == 200 => {}
        Ok(response) => eprintln!(
            "bench: closing the busy tab: {} {}",
            response.status, response.body
        ),
        Err(e) => eprintln!("bench: closing the busy tab: {e}"),
    }
    if let Err(e) = client.switch_to_window(spare).await {
        panic!("cannot switch to the spare tab: {e}");
    }
    prepare_tab(page).await;
    page.goto("seed.html").await;
    keep_a_spare_tab(page).await;
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    Some(if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    })
}

/// The nearest-rank 95th percentile.
fn p95(values: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let rank = ((sorted.len() as f64) * 0.95).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn ms(value: f64) -> String {
    if value >= 1000.0 {
        format!("{:.2} s", value / 1000.0)
    } else if value >= 10.0 {
        format!("{value:.0} ms")
    } else {
        format!("{value:.1} ms")
    }
}

fn bytes(value: f64) -> String {
    let value = value.round() as u64;
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} B")
}

fn mib(value: f64) -> String {
    format!("{:.1} MiB", value / 1024.0 / 1024.0)
}

/// One page at one scale: its time (none if it timed out), and the
/// browser's own costs of the DOM it drew (see [`fresh_layout`] and
/// [`as_static_file`]).
struct PageCell {
    name: String,
    shown: Option<Shown>,
    layout: Option<f64>,
    file: Option<f64>,
}

/// One scale's figures, cell by cell (None: timed out or failed).
#[derive(Default)]
struct Column {
    pages: Vec<PageCell>,
    edits: Vec<(String, Vec<f64>, Vec<f64>, usize)>,
    wasm: Option<f64>,
    heap: Option<f64>,
    heap_api: Option<f64>,
}

const PAGES: [&str; 6] = ["Home", "Dashboard", "Agree", "Plan", "Meet", "Review"];
const EDITS: [(&str, &str); 5] = [
    ("tick a step", "Plan"),
    ("type a character in the purpose", "Agree"),
    ("answer one rating and save", "Review"),
    ("save a session's edited notes", "Meet"),
    ("log a session", "Meet"),
];

/// What the browser alone spends on the DOM a page drew: its style and
/// layout computed from scratch (the page hidden, then shown again), the
/// median of three. No app that puts every row in the DOM can show the
/// page faster than this.
async fn fresh_layout(page: &Page, s: &Settings) -> Option<f64> {
    let times = js(
        page,
        "const root = document.documentElement;\
         const times = [];\
         for (let i = 0; i < 3; i++) {\
           root.style.display = 'none';\
           void root.offsetHeight;\
           const t0 = performance.now();\
           root.style.display = '';\
           void root.offsetHeight;\
           times.push(performance.now() - t0);\
         }\
         return times;",
        vec![],
        s.timeout,
    )
    .await?;
    let times: Vec<f64> = times.as_array()?.iter().filter_map(Json::as_f64).collect();
    median(&times)
}

/// The DOM a page drew, saved with its stylesheet and without its scripts
/// (field values written into it), loaded as a static file and timed the
/// same way as the app: what a server-rendered page of it would take.
async fn as_static_file(
    page: &Page,
    name: &str,
    spec: &Json,
    runs: usize,
    s: &Settings,
) -> Option<f64> {
    let html = js(
        page,
        "const fields = document.querySelectorAll('input, textarea, select');\
         fields.forEach((f) => {\
           if (f.type === 'checkbox' || f.type === 'radio') f.toggleAttribute('checked', f.checked);\
           else if (f.tagName === 'TEXTAREA') f.textContent = f.value;\
           else if (f.tagName === 'SELECT') [...f.options].forEach((o) => o.toggleAttribute('selected', o.selected));\
           else f.setAttribute('value', f.value);\
         });\
         const copy = document.documentElement.cloneNode(true);\
         copy.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]')\
           .forEach((e) => e.remove());\
         return '<!doctype html>' + copy.outerHTML;",
        vec![],
        s.timeout,
    )
    .await?;
    let file = format!("floor-{}.html", name.to_lowercase());
    std::fs::write(site_dir().join(&file), html.as_str()?).ok()?;
    let mut times = Vec::new();
    for _ in 0..runs {
        times.push(load(page, spec, &page.url_for(&file), s.timeout).await?.ms);
    }
    median(&times)
}

async fn measure_scale(page: &Page, book: &Workbook, runs: usize, s: &Settings) -> Column {
    let mut column = Column::default();
    let app = |hash: &str| page.url_for(&format!("{}{hash}", book.query()));

    // Seed storage from a page that is not the app, so no running app can
    // save over it.
    page.goto("seed.html").await;
    let stored = js(
        page,
        "localStorage.clear(); sessionStorage.clear();\
         const s = arguments[0];\
         for (const k of Object.keys(s)) localStorage.setItem(k, s[k]);\
         return Object.keys(s).length;",
        vec![book.storage.clone()],
        s.timeout,
    )
    .await;
    eprintln!(
        "bench {}: {} keys seeded",
        book.name,
        stored.unwrap_or_default()
    );

    // Start-up (not counted): the Home page, then memory.
    let home = load(page, &book.shown("Home"), &app("#/"), s.timeout).await;
    if home.is_none() {
        eprintln!("bench {}: the first start-up timed out", book.name);
        fresh_tab(page).await;
    }
    devtools(page, "HeapProfiler.collectGarbage", json!({})).await;
    let heap = devtools(page, "Runtime.getHeapUsage", json!({})).await;
    column.heap = heap["usedSize"].as_f64();
    // The module's exports carry short names (scripts/post-build.mjs), so
    // its memory is found by type, not as `memory`.
    let memory = js(
        page,
        "const B = window.__bench;\
         const memory = B && B.wasm ? Object.values(B.wasm).find((v) => v instanceof WebAssembly.Memory) : null;\
         return { wasm: memory ? memory.buffer.byteLength : null,\
                  heap: performance.memory ? performance.memory.usedJSHeapSize : null };",
        vec![],
        s.timeout,
    )
    .await
    .unwrap_or_default();
    column.wasm = memory["wasm"].as_f64();
    column.heap_api = memory["heap"].as_f64();
    eprintln!(
        "bench {} start-up: wasm memory {}, JS heap {} after GC ({} usedJSHeapSize)",
        book.name,
        column.wasm.map_or("-".into(), mib),
        column.heap.map_or("-".into(), mib),
        column.heap_api.map_or("-".into(), mib)
    );

    for name in PAGES {
        let spec = book.shown(name);
        let url = app(&book.hash(name));
        let mut shown = Vec::new();
        let mut timed_out = false;
        for _ in 0..runs {
            match load(page, &spec, &url, s.timeout).await {
                Some(run) => shown.push(run),
                None => {
                    timed_out = true;
                    fresh_tab(page).await;
                    break;
                }
            }
        }
        let cell = (!timed_out).then(|| Shown {
            ms: median(&shown.iter().map(|r| r.ms).collect::<Vec<_>>()).unwrap_or(f64::NAN),
            parse: median(&shown.iter().map(|r| r.parse).collect::<Vec<_>>()).unwrap_or(f64::NAN),
        });
        eprintln!(
            "bench {} {name}: {}",
            book.name,
            cell.map_or("timeout".to_string(), |c| format!(
                "{} (parse {})",
                ms(c.ms),
                ms(c.parse)
            ))
        );
        let (layout, file) = match cell {
            Some(_) => (
                fresh_layout(page, s).await,
                as_static_file(page, name, &spec, runs, s).await,
            ),
            None => (None, None),
        };
        column.pages.push(PageCell {
            name: name.to_string(),
            shown: cell,
            layout,
            file,
        });
    }

    let mut last_page = None;
    for (edit, on) in EDITS {
        // Each edit's page is loaded fresh, unless the last edit was on it;
        // not at all if it timed out above.
        let slow = column
            .pages
            .iter()
            .any(|cell| cell.name == on && cell.shown.is_none());
        let shown = if slow {
            false
        } else if last_page == Some(on) {
            true
        } else {
            load(page, &book.shown(on), &app(&book.hash(on)), s.timeout)
                .await
                .is_some()
        };
        last_page = Some(on);
        let mut times = Vec::new();
        let mut written = Vec::new();
        let mut failed = 0;
        if shown && s.profiles.is_some() {
            devtools(page, "Profiler.enable", json!({})).await;
            devtools(
                page,
                "Profiler.setSamplingInterval",
                json!({ "interval": 100 }),
            )
            .await;
            devtools(page, "Profiler.start", json!({})).await;
        }
        if !shown {
            if !slow {
                fresh_tab(page).await;
            }
            last_page = None;
            eprintln!("bench {} {edit}: timeout (its page)", book.name);
            column.edits.push((edit.to_string(), times, written, 0));
            continue;
        }
        for i in 0..=s.edits {
            let (script, params) = match edit {
                "tick a step" if book.name == "demo" => {
                    // An open step and a done one, each ticked and unticked
                    // in turn.
                    let steps = ["Repeat the trial on night shift", "Draft a standard agenda"];
                    (EDIT_TICK, json!({ "label": steps[i % 2] }))
                }
                "tick a step" => {
                    // Steps x.y.2 and x.y.3 are open; tick them in turn.
                    let open: Vec<String> = (1..=book.objectives.min(4))
                        .flat_map(|o| {
                            (1..=2).flat_map(move |m| {
                                (2..=3).map(move |st| format!("Step {o}.{m}.{st}"))
                            })
                        })
                        .collect();
                    (EDIT_TICK, json!({ "label": open[i % open.len()] }))
                }
                "type a character in the purpose" => {
                    let char = ["a", "b", "c", " "][i % 4];
                    (EDIT_TYPE, json!({ "char": char }))
                }
                "answer one rating and save" => {
                    (EDIT_RATING, json!({ "score": ((i % 5) + 1).to_string() }))
                }
                "save a session's edited notes" => (
                    EDIT_SAVE_NOTES,
                    json!({ "notes": format!("Edited notes, version {i}: the rota is settled.") }),
                ),
                _ => (
                    EDIT_ADD_SESSION,
                    json!({ "when": format!("2026-06-{:02}T10:00", 1 + i % 28) }),
                ),
            };
            let script = format!("const FOLD = '{FOLD}';\n{EDIT_PRELUDE}\n{script}");
            let Some(result) = js_async(page, &script, vec![params]).await else {
                failed += 1;
                fresh_tab(page).await;
                last_page = None;
                break;
            };
            if let Some(error) = result["error"].as_str() {
                eprintln!("bench {} {edit}: {error}", book.name);
                failed += 1;
                break;
            }
            if result["ok"] != json!(true) {
                failed += 1;
            }
            let written_now = settle_writes(page, s.timeout).await;
            if i > 0 {
                times.push(result["ms"].as_f64().unwrap_or(f64::NAN));
                written.push(written_now);
            }
        }
        if let (Some(dir), true) = (&s.profiles, shown) {
            let stopped = devtools(page, "Profiler.stop", json!({})).await;
            write_profile(dir, &format!("{}-{edit}", book.name), &stopped["profile"]);
        }
        eprintln!(
            "bench {} {edit}: median {} p95 {}, {} per edit{}",
            book.name,
            median(&times).map_or("-".into(), ms),
            p95(&times).map_or("-".into(), ms),
            median(&written).map_or("-".into(), bytes),
            if failed > 0 {
                format!(" ({failed} did not show their change in the frame)")
            } else {
                String::new()
            }
        );
        column
            .edits
            .push((edit.to_string(), times, written, failed));
    }
    column
}

/// Writes a CPU profile where Chromium's DevTools can open it, and prints
/// the functions that spent the most time themselves (the timed edits and
/// the saves after them; idle time left out).
fn write_profile(dir: &Path, name: &str, profile: &Json) {
    std::fs::create_dir_all(dir).expect("the profile folder can be made");
    let path = dir.join(format!("{}.cpuprofile", name.replace(' ', "-")));
    std::fs::write(&path, profile.to_string()).expect("the profile can be written");
    let (Some(nodes), Some(samples), Some(deltas)) = (
        profile["nodes"].as_array(),
        profile["samples"].as_array(),
        profile["timeDeltas"].as_array(),
    ) else {
        return;
    };
    let names: HashMap<u64, &str> = nodes
        .iter()
        .filter_map(|n| Some((n["id"].as_u64()?, n["callFrame"]["functionName"].as_str()?)))
        .collect();
    let mut own: HashMap<&str, f64> = HashMap::new();
    for (sample, delta) in samples.iter().zip(deltas.iter().skip(1)) {
        let name = sample.as_u64().and_then(|id| names.get(&id)).copied();
        let name = match name {
            Some("") => "(anonymous)",
            Some(name) => name,
            None => "(unknown)",
        };
        *own.entry(name).or_default() += delta.as_f64().unwrap_or(0.0) / 1000.0;
    }
    own.remove("(idle)");
    let mut top: Vec<(&str, f64)> = own.into_iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    eprintln!("bench {name}: profile in {}", path.display());
    for (function, ms) in top.iter().take(15) {
        eprintln!("    {ms:9.1} ms  {function}");
    }
}

/// Waits until the edit's saves are done (nothing written for 300 ms, and
/// at least 1 s after the edit, well past the save 400 ms after it) and
/// returns the bytes written since it.
async fn settle_writes(page: &Page, timeout: Duration) -> f64 {
    let started = Instant::now();
    loop {
        let state = js(
            page,
            "const w = window.__bench.writes;\
             return { n: w.length, bytes: w.reduce((s, x) => s + x.bytes, 0),\
                      quiet: w.length ? performance.now() - w[w.length - 1].at : null };",
            vec![],
            timeout,
        )
        .await
        .unwrap_or_default();
        let quiet = state["quiet"].as_f64();
        let waited = started.elapsed();
        let settled = quiet.is_some_and(|q| q > 300.0) && waited > Duration::from_millis(1000);
        if settled || waited > Duration::from_secs(10) {
            return state["bytes"].as_f64().unwrap_or_default();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn table(books: &[Workbook], columns: &[Column], runs: &[usize]) -> String {
    let mut out = String::new();
    let head: Vec<String> = books
        .iter()
        .zip(runs)
        .map(|(b, r)| {
            format!(
                "{} ({} obj., {} sessions, {} pairs; {r} runs)",
                b.name, b.objectives, b.sessions, b.pairs
            )
        })
        .collect();
    let _ = writeln!(out, "| | {} |", head.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(books.len()));
    let row = |out: &mut String, label: &str, cells: Vec<String>| {
        let _ = writeln!(out, "| {label} | {} |", cells.join(" | "));
    };
    row(
        &mut out,
        "stored: measured pair / all keys / export file",
        books
            .iter()
            .map(|b| {
                format!(
                    "{} / {} / {}",
                    bytes(b.pair_bytes as f64),
                    bytes(b.storage_bytes as f64),
                    bytes(b.export_bytes as f64)
                )
            })
            .collect(),
    );
    for (i, name) in PAGES.iter().enumerate() {
        row(
            &mut out,
            &format!(
                "{name} shown, median (`JSON.parse` of all stored; style and layout of its DOM from scratch; its DOM as a static file)"
            ),
            columns
                .iter()
                .map(|c| match c.pages.get(i) {
                    Some(PageCell {
                        shown: Some(shown),
                        layout,
                        file,
                        ..
                    }) => format!(
                        "{} ({}; {}; {})",
                        ms(shown.ms),
                        ms(shown.parse),
                        layout.map_or("-".into(), ms),
                        file.map_or("-".into(), ms)
                    ),
                    _ => "timeout".to_string(),
                })
                .collect(),
        );
    }
    for (i, (edit, _)) in EDITS.iter().enumerate() {
        row(
            &mut out,
            &format!("{edit}: median / p95 to the next frame"),
            columns
                .iter()
                .map(|c| match c.edits.get(i) {
                    Some((_, times, _, _)) if !times.is_empty() => format!(
                        "{} / {} (n={})",
                        median(times).map_or("-".into(), ms),
                        p95(times).map_or("-".into(), ms),
                        times.len()
                    ),
                    _ => "timeout".to_string(),
                })
                .collect(),
        );
    }
    for (i, (edit, _)) in EDITS.iter().enumerate() {
        row(
            &mut out,
            &format!("{edit}: bytes written per edit, median (max)"),
            columns
                .iter()
                .map(|c| match c.edits.get(i) {
                    Some((_, _, written, _)) if !written.is_empty() => format!(
                        "{} ({})",
                        median(written).map_or("-".into(), bytes),
                        bytes(written.iter().copied().fold(0.0, f64::max))
                    ),
                    _ => "-".to_string(),
                })
                .collect(),
        );
    }
    let memory = |value: Option<f64>| value.map_or("-".to_string(), mib);
    row(
        &mut out,
        "wasm memory after start-up",
        columns.iter().map(|c| memory(c.wasm)).collect(),
    );
    row(
        &mut out,
        "JS heap after start-up (after GC; `usedJSHeapSize`)",
        columns
            .iter()
            .map(|c| format!("{} ({})", memory(c.heap), memory(c.heap_api)))
            .collect(),
    );
    out
}

#[test]
#[ignore]
fn scale_benchmark() {
    let site = site_dir();
    assert!(
        site.join("seed.html").is_file(),
        "{} has no seed.html: run scripts/bench.sh, which prepares it",
        site.display()
    );
    run_with(Options::serving(site).as_static_host(), |page| async move {
        let settings = Settings::from_env();
        let timeouts = TimeoutConfiguration::new(
            Some(settings.timeout),
            Some(settings.timeout),
            Some(Duration::ZERO),
        );
        if let Err(e) = page.client().update_timeouts(timeouts).await {
            panic!("cannot set the WebDriver timeouts: {e}");
        }
        prepare_tab(&page).await;
        keep_a_spare_tab(&page).await;
        let mut books: Vec<Workbook> = settings
            .scales
            .iter()
            .map(|&scale| Workbook::read(&settings.data, &format!("{scale}x")))
            .collect();
        books.push(Workbook::read(&settings.data, "demo"));
        let started = Instant::now();
        let mut columns = Vec::new();
        let mut runs = Vec::new();
        for (i, book) in books.iter().enumerate() {
            let n = settings.runs_at(i);
            runs.push(n);
            columns.push(measure_scale(&page, book, n, &settings).await);
            eprintln!(
                "bench: {} done after {:.0} s",
                book.name,
                started.elapsed().as_secs_f64()
            );
        }
        println!("\n{}", table(&books, &columns, &runs));
    });
}
