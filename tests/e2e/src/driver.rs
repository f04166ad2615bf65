//! Chromedriver and headless Chromium: a fresh process, profile and temp
//! folder per test, all removed afterwards.

use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value as Json};

/// Where chromedriver is; `CHROMEDRIVER` overrides /usr/bin/chromedriver.
pub fn chromedriver_path() -> PathBuf {
    std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"))
}

/// Where Chromium is; `CHROMIUM` overrides /usr/bin/chromium.
pub fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// A folder of its own for one test under target/e2e, removed on drop.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// Creates `target/e2e/<unique>/` with `profile/` and `tmp/` inside.
    pub fn new(target_dir: &Path) -> io::Result<Self> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let name = format!(
            "{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let dir = target_dir.join("e2e").join(name);
        fs::create_dir_all(dir.join("profile"))?;
        fs::create_dir_all(dir.join("tmp"))?;
        Ok(Self { dir })
    }

    /// Chromium's --user-data-dir.
    pub fn profile(&self) -> PathBuf {
        self.dir.join("profile")
    }

    /// TMPDIR for chromedriver and Chromium, so nothing lands in /tmp.
    pub fn tmp(&self) -> PathBuf {
        self.dir.join("tmp")
    }

    /// chromedriver's log file.
    pub fn driver_log(&self) -> PathBuf {
        self.dir.join("chromedriver.log")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Chromium can still be flushing its profile for a moment after quitting.
        for _ in 0..20 {
            if fs::remove_dir_all(&self.dir).is_ok() || !self.dir.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// A running chromedriver on a free port, killed on drop.
pub struct Chromedriver {
    child: Child,
    port: u16,
}

impl Chromedriver {
    /// Starts chromedriver and waits (up to 20 s) until it reports ready.
    pub fn start(scratch: &Scratch) -> Result<Self, String> {
        let binary = chromedriver_path();
        let port = free_port().map_err(|e| format!("no free port for chromedriver: {e}"))?;
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", scratch.driver_log().display()))
            .env("TMPDIR", scratch.tmp())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!(
                    "could not start {} ({e}); scripts/setup.sh installs chromium-driver",
                    binary.display()
                )
            })?;
        let mut driver = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = driver.child.try_wait() {
                let log = fs::read_to_string(scratch.driver_log()).unwrap_or_default();
                return Err(format!("chromedriver exited early ({status}): {log}"));
            }
            if let Ok(response) = http_get(&format!("127.0.0.1:{port}"), "/status") {
                if response.body.contains("\"ready\":true") {
                    return Ok(driver);
                }
            }
            if Instant::now() > deadline {
                driver.stop();
                return Err(format!(
                    "chromedriver did not answer on port {port} within 20 s"
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The WebDriver URL to connect to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The Chromium flags every test runs with.
pub fn chromium_args(scratch: &Scratch) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--lang=en-US",
        "--window-size=1280,900",
    ]
    .iter()
    .map(|arg| (*arg).to_string())
    .chain([format!("--user-data-dir={}", scratch.profile().display())])
    .collect()
}

/// Opens a WebDriver session on a fresh headless Chromium.
pub async fn connect(driver: &Chromedriver, scratch: &Scratch) -> Result<Client, String> {
    let mut capabilities = Capabilities::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium_path(),
            "args": chromium_args(scratch),
        }),
    );
    capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    capabilities.insert(
        "timeouts".into(),
        json!({ "script": 60_000, "pageLoad": 60_000, "implicit": 0 }),
    );
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .map_err(|e| format!("could not start Chromium through chromedriver: {e}"))
}

/// A chromedriver-specific command: `POST /session/<id>/<path>` with a body.
#[derive(Debug)]
pub struct ChromeCommand {
    path: &'static str,
    body: Json,
}

impl ChromeCommand {
    /// Runs a Chrome DevTools Protocol method, e.g. `Emulation.setEmulatedMedia`.
    pub fn devtools(method: &str, params: Json) -> Self {
        Self {
            path: "goog/cdp/execute",
            body: json!({ "cmd": method, "params": params }),
        }
    }

    /// Reads (and empties) the browser console log.
    pub fn browser_log() -> Self {
        Self {
            path: "se/log",
            body: json!({ "type": "browser" }),
        }
    }
}

impl WebDriverCompatibleCommand for ChromeCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A response read by [`http_get`].
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// The status code, e.g. 200.
    pub status: u16,
    /// Header lines as (lower-case name, value).
    pub headers: Vec<(String, String)>,
    /// The body, decoded lossily as UTF-8.
    pub body: String,
    /// The body as raw bytes.
    pub bytes: Vec<u8>,
}

impl HttpResponse {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A minimal blocking HTTP/1.1 GET, enough to poll chromedriver and to check
/// the static server without a browser.
pub fn http_get(host_port: &str, path: &str) -> io::Result<HttpResponse> {
    let mut stream = TcpStream::connect(host_port)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host_port}\r\nConnection: close\r\n\r\n"
    )?;
    // Read up to Content-Length rather than to EOF: chromedriver keeps the
    // connection open whatever the request asks.
    let mut raw = Vec::new();
    let mut chunk = [0_u8; 8192];
    let split = loop {
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            return Err(io::Error::other(
                "connection closed before the headers ended",
            ));
        }
        raw.extend_from_slice(&chunk[..read]);
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break split;
        }
    };
    let head_text = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let length = head_text
        .lines()
        .filter_map(|line| line.strip_prefix("content-length:"))
        .find_map(|value| value.trim().parse::<usize>().ok());
    loop {
        let body_so_far = raw.len() - (split + 4);
        if length.is_some_and(|length| body_so_far >= length) {
            break;
        }
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        raw.extend_from_slice(&chunk[..read]);
    }
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let bytes = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::other("response has no status line"))?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok(HttpResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    })
}
