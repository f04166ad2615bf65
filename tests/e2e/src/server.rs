//! A static file server for one folder, mounted under a sub-path the way a
//! project site is hosted (for example on GitHub Pages).

use std::fs;
use std::io::{self, Cursor};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Method, Request, Response, Server};

/// The sub-path the app is served under; anything outside it is a 404.
pub const SUB_PATH: &str = "/trellis/";

/// How files are sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Hosting {
    /// Raw bytes, never cached: what the tests want.
    #[default]
    Plain,
    /// As a static host sends them: a precompressed `<file>.br` (or
    /// `<file>.gz`) next to the file is sent instead, with its
    /// Content-Encoding, to a browser that accepts it, and files may be
    /// cached for 10 minutes (GitHub Pages' `max-age=600`).
    StaticHost,
}

/// Serves a folder on 127.0.0.1 (free port) under [`SUB_PATH`] from a
/// background thread, until dropped.
pub struct StaticServer {
    server: Arc<Server>,
    addr: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Starts serving `root` (a folder holding index.html).
    pub fn start(root: &Path) -> io::Result<Self> {
        Self::start_as(root, Hosting::Plain)
    }

    /// Starts serving `root`, sending files as `hosting` says.
    pub fn start_as(root: &Path, hosting: Hosting) -> io::Result<Self> {
        let server = Server::http("127.0.0.1:0").map_err(io::Error::other)?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| io::Error::other("the server is not listening on an IP address"))?;
        let server = Arc::new(server);
        let worker = Arc::clone(&server);
        let root = root.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("e2e-static-server".into())
            .spawn(move || {
                for request in worker.incoming_requests() {
                    respond(&root, hosting, request);
                }
            })?;
        Ok(Self {
            server,
            addr,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:<port>`, with no trailing slash.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The app's URL: `http://127.0.0.1:<port>/trellis/`.
    pub fn base_url(&self) -> String {
        format!("{}{SUB_PATH}", self.origin())
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    File(PathBuf),
    Redirect(&'static str),
    NotFound,
}

fn respond(root: &Path, hosting: Hosting, request: Request) {
    let response = if matches!(request.method(), Method::Get | Method::Head) {
        let path = request.url().split(['?', '#']).next().unwrap_or_default();
        match resolve(root, path) {
            Target::File(file) => match hosting {
                Hosting::Plain => match fs::read(&file) {
                    Ok(bytes) => Response::from_data(bytes)
                        .with_header(header("Content-Type", content_type(&file)))
                        .with_header(header("Cache-Control", "no-store")),
                    Err(_) => not_found(),
                },
                Hosting::StaticHost => as_static_host(&file, &request),
            },
            Target::Redirect(location) => Response::from_data(Vec::new())
                .with_status_code(301)
                .with_header(header("Location", location)),
            Target::NotFound => not_found(),
        }
    } else {
        Response::from_data(Vec::new()).with_status_code(405)
    };
    // A browser that goes away mid-response is not the server's problem.
    let _ = request.respond(response);
}

/// `file` as a static host sends it: precompressed when the browser
/// accepts the encoding and the compressed copy exists.
fn as_static_host(file: &Path, request: &Request) -> Response<Cursor<Vec<u8>>> {
    let accepted: Vec<String> = request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("Accept-Encoding"))
        .flat_map(|h| {
            h.value
                .as_str()
                .split(',')
                .map(|e| {
                    e.split(';')
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_ascii_lowercase()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let compressed = [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(encoding, _)| accepted.iter().any(|a| a == encoding))
        .find_map(|(encoding, suffix)| {
            let mut name = file.as_os_str().to_owned();
            name.push(format!(".{suffix}"));
            fs::read(PathBuf::from(name))
                .ok()
                .map(|bytes| (encoding, bytes))
        });
    let response = match compressed {
        Some((encoding, bytes)) => {
            Response::from_data(bytes).with_header(header("Content-Encoding", encoding))
        }
        None => match fs::read(file) {
            Ok(bytes) => Response::from_data(bytes),
            Err(_) => return not_found(),
        },
    };
    response
        .with_header(header("Content-Type", content_type(file)))
        .with_header(header("Vary", "Accept-Encoding"))
        .with_header(header("Cache-Control", "max-age=600"))
}

fn not_found() -> Response<Cursor<Vec<u8>>> {
    Response::from_string("not found").with_status_code(404)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| panic!("invalid header {name}: {value}"))
}

fn resolve(root: &Path, path: &str) -> Target {
    if path == SUB_PATH.trim_end_matches('/') {
        return Target::Redirect(SUB_PATH);
    }
    let Some(rest) = path.strip_prefix(SUB_PATH) else {
        return Target::NotFound;
    };
    let Some(rest) = percent_decode(rest) else {
        return Target::NotFound;
    };
    let mut file = root.to_path_buf();
    for segment in rest.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains('\\') {
            return Target::NotFound;
        }
        file.push(segment);
    }
    if rest.is_empty() || rest.ends_with('/') {
        file.push("index.html");
    }
    if file.is_file() {
        Target::File(file)
    } else {
        Target::NotFound
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by extension.
pub fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/basic")
    }

    #[test]
    fn the_sub_path_root_is_index_html() {
        assert_eq!(
            resolve(&fixture(), "/trellis/"),
            Target::File(fixture().join("index.html"))
        );
    }

    #[test]
    fn the_bare_sub_path_redirects_to_the_slash() {
        assert_eq!(
            resolve(&fixture(), "/trellis"),
            Target::Redirect("/trellis/")
        );
    }

    #[test]
    fn paths_outside_the_sub_path_are_not_found() {
        assert_eq!(resolve(&fixture(), "/"), Target::NotFound);
        assert_eq!(resolve(&fixture(), "/index.html"), Target::NotFound);
        assert_eq!(
            resolve(&fixture(), "/trellisx/index.html"),
            Target::NotFound
        );
    }

    #[test]
    fn dot_dot_cannot_escape_the_root() {
        assert_eq!(
            resolve(&fixture(), "/trellis/../basic/index.html"),
            Target::NotFound
        );
        assert_eq!(
            resolve(&fixture(), "/trellis/%2e%2e/basic/app.js"),
            Target::NotFound
        );
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(
            content_type(Path::new("app_bg-1234.wasm")),
            "application/wasm"
        );
        assert_eq!(
            content_type(Path::new("app-1234.js")),
            "text/javascript; charset=utf-8"
        );
    }
}
