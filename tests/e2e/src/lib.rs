//! End-to-end harness for Trellis: serves the release `dist/` under
//! /trellis/ on 127.0.0.1, starts chromedriver and a fresh headless Chromium
//! per test, and hands the test a [`Page`] that acts like a person (by
//! labels, button text and roles).
//!
//! ```no_run
//! trellis_e2e::run(|page| async move {
//!     page.goto("").await;
//!     page.wait_for_heading("Welcome to Trellis").await;
//! });
//! ```

mod axe;
mod driver;
pub mod hostile;
mod page;
mod server;
mod trellis;

use std::future::Future;
use std::path::{Path, PathBuf};

pub use axe::{assert_no_axe_violations, axe_scan, AxeNode, AxeViolation, AXE_TAGS};
pub use driver::{chromedriver_path, chromium_path, http_get, ChromeCommand, HttpResponse};
pub use fantoccini::Client;
pub use page::{xpath_literal, Download, Page, DEFAULT_TIMEOUT};
pub use server::{content_type, Hosting, StaticServer, SUB_PATH};
pub use trellis::{
    after_the_address, choose_file, create_pair, create_pair_at, pair_key, wait_until_stored,
    workbook_keys,
};

use driver::{connect, Chromedriver, Scratch};

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The release build the app tests run against.
pub fn dist_dir() -> PathBuf {
    repo_root().join("dist")
}

/// A folder under tests/e2e/fixtures/, for testing the harness itself.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// What to serve and how to set up the browser.
#[derive(Clone, Debug)]
pub struct Options {
    /// The folder served under /trellis/ (it must hold index.html).
    pub root: PathBuf,
    /// Emulate `prefers-color-scheme: dark` from the start.
    pub dark_mode: bool,
    /// How the server sends files.
    pub hosting: Hosting,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            root: dist_dir(),
            dark_mode: false,
            hosting: Hosting::Plain,
        }
    }
}

impl Options {
    /// Serve `root` instead of dist/.
    pub fn serving(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            ..Self::default()
        }
    }

    /// Start with `prefers-color-scheme: dark`.
    pub fn dark_mode(mut self) -> Self {
        self.dark_mode = true;
        self
    }

    /// Send files as a static host does (see [`Hosting::StaticHost`]).
    pub fn as_static_host(mut self) -> Self {
        self.hosting = Hosting::StaticHost;
        self
    }
}

/// Runs `body` against the release `dist/` in a fresh browser. See [`run_with`].
pub fn run<F, Fut>(body: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_with(Options::default(), body);
}

/// Serves `options.root`, starts chromedriver and a fresh headless Chromium
/// (own profile and temp folder under target/e2e), and runs `body` in a
/// spawned task. Whatever happens, the browser session is closed, chromedriver
/// is killed and the temp folder removed; then a panic in `body` is raised
/// again so the test fails with its message.
pub fn run_with<F, Fut>(options: Options, body: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let index = options.root.join("index.html");
    assert!(
        index.is_file(),
        "{} not found: build the app first with `scripts/build.sh` \
         (scripts/test.sh does)",
        index.display()
    );
    let scratch = Scratch::new(&repo_root().join("target"))
        .unwrap_or_else(|e| panic!("cannot create a temp folder under target/: {e}"));
    let server = StaticServer::start_as(&options.root, options.hosting)
        .unwrap_or_else(|e| panic!("cannot start the static server: {e}"));
    let driver = Chromedriver::start(&scratch).unwrap_or_else(|e| panic!("{e}"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("cannot start the tokio runtime: {e}"));

    let (outcome, closed) = runtime.block_on(async {
        let client = connect(&driver, &scratch)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let page = Page::new(client.clone(), server.base_url());
        let prepared = page.clone();
        let dark_mode = options.dark_mode;
        let outcome = match tokio::spawn(async move {
            if dark_mode {
                prepared.emulate_dark_mode(true).await;
            }
        })
        .await
        {
            Ok(()) => tokio::spawn(body(page.clone())).await,
            Err(e) => Err(e),
        };
        if outcome.is_err() {
            eprintln!("--- state of the browser when the test failed ---");
            eprintln!("{}", page.describe().await);
        }
        (outcome, client.close().await)
    });
    drop(runtime);
    drop(driver);
    drop(server);
    drop(scratch);

    match outcome {
        Ok(()) => {}
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("the test body did not finish: {e}"),
    }
    if let Err(e) = closed {
        panic!("the browser session did not close cleanly: {e}");
    }
}
