//! A QR code for the room: the demo's address drawn as an SVG view that
//! people scan from a projector to open the sandbox on their own phones.
//! The encoding is qrcodegen's; this module only lays out its modules.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The light margin around the code, in modules: the four a scanner needs.
const QUIET_ZONE: i32 = 4;

/// A QR code ready to draw: its width in modules (margin included) and one
/// SVG path of its dark modules, a rectangle per run along a row.
#[derive(Debug, Clone, PartialEq)]
pub struct QrDrawing {
    pub width: i32,
    pub path: String,
}

/// Lays out `text` as a QR code with medium error correction (a projected
/// code is often seen at an angle or partly in glare). `None` when the
/// text is too long for any QR code.
pub fn qr_drawing(text: &str) -> Option<QrDrawing> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!(
                "M{},{}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            ));
        }
    }
    Some(QrDrawing {
        width: size + 2 * QUIET_ZONE,
        path,
    })
}

/// The QR code of `text`, dark on light whatever the colour scheme, named
/// for screen readers by what it opens.
#[component]
pub fn QrImage(text: String, name: String) -> impl IntoView {
    qr_drawing(&text).map(|drawing| {
        let view_box = format!("0 0 {0} {0}", drawing.width);
        view! {
            <svg
                class="qr"
                role="img"
                aria-label=name
                viewBox=view_box
                shape-rendering="crispEdges"
            >
                <rect width=drawing.width height=drawing.width fill="#fff" />
                <path d=drawing.path fill="#000" />
            </svg>
        }
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The dark modules the path draws, read back from its rectangles.
    fn modules(drawing: &QrDrawing) -> Vec<Vec<bool>> {
        let width = drawing.width as usize;
        let mut grid = vec![vec![false; width]; width];
        for run in drawing.path.split('M').filter(|run| !run.is_empty()) {
            let (corner, rest) = run.split_once('h').expect("a run starts M x,y h");
            let (x, y) = corner.split_once(',').expect("x,y");
            let length = rest.split_once('v').expect("then v1").0;
            let (x, y, length): (usize, usize, usize) = (
                x.parse().expect("x"),
                y.parse().expect("y"),
                length.parse().expect("length"),
            );
            assert!(rest.ends_with(&format!("v1h-{length}z")), "{run}");
            for cell in &mut grid[y][x..x + length] {
                assert!(!*cell, "two runs cover {x},{y}");
                *cell = true;
            }
        }
        grid
    }

    fn decoded(drawing: &QrDrawing) -> String {
        let grid = modules(drawing);
        let scale = 4;
        let pixels = drawing.width as usize * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| {
            if grid[y / scale][x / scale] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the drawing");
        grids[0].decode().expect("the code decodes").1
    }

    #[test]
    fn the_drawing_decodes_to_the_address_it_was_made_of() {
        for address in [
            "http://127.0.0.1:8080/#/demo",
            "https://example.org/tools/trellis/?now=2026-05-01T09:00:00Z#/demo",
        ] {
            assert_eq!(decoded(&qr_drawing(address).expect("fits")), address);
        }
    }

    #[test]
    fn the_code_has_its_quiet_zone_all_round() {
        let drawing = qr_drawing("https://example.org/#/demo").expect("fits");
        let grid = modules(&drawing);
        let width = drawing.width as usize;
        let margin = QUIET_ZONE as usize;
        for (y, row) in grid.iter().enumerate() {
            for (x, dark) in row.iter().enumerate() {
                let inside =
                    (margin..width - margin).contains(&x) && (margin..width - margin).contains(&y);
                assert!(inside || !dark, "a dark module in the margin at {x},{y}");
            }
        }
        // A version 2 code at least: 25 modules and the margins.
        assert!(width >= 25 + 2 * margin, "{width}");
    }

    #[test]
    fn a_text_too_long_for_any_code_draws_nothing() {
        assert_eq!(qr_drawing(&"x".repeat(5_000)), None);
    }
}
