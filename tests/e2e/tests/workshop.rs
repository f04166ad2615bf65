//! End-to-end tests of the workshop mode: the demo pair in a sandbox that
//! never touches the real workbook. They run against the release build in
//! dist/.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::Value as Json;
use trellis_e2e::{create_pair, run, workbook_keys, Page};

const DEMO_EDIT: &str = "Run the demo for the night shift";

/// Waits until the page's text holds `present` and not `absent` (a page
/// that is loading again still shows the old text for a moment).
async fn wait_for_text_without(page: &Page, present: &str, absent: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = page.body_text().await;
        if text.contains(present) && !text.contains(absent) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the page never showed {present:?} without {absent:?}\n{}",
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn the_demo_is_a_sandbox_that_never_touches_the_workbook() {
    run(|page| async move {
        create_pair(&page, "Maya", "Theo", "Both").await;
        page.fill("Why we are doing this", "Theo leads the handover")
            .await;
        page.wait_for_status("Saved").await;
        let before = workbook_keys(&page).await;
        assert!(before.len() >= 2, "the workbook's keys: {before:?}");

        page.goto("").await;
        page.click_button("Try the sample pair").await;
        wait_for_text_without(&page, "This is the demo.", "Maya").await;
        page.wait_for_text("Ruth Adeyemi").await;
        assert_eq!(page.hash().await, "#/demo");
        page.assert_no_axe_violations("the demo's front page").await;

        // An edit in the demo is kept in the demo, also over a reload.
        page.click_link_starting_with("Ruth").await;
        page.click_link_starting_with("Plan").await;
        page.wait_for_heading("Plan").await;
        assert!(
            page.hash().await.starts_with("#/demo/pair/"),
            "{}",
            page.hash().await
        );
        page.fill("New objective title", DEMO_EDIT).await;
        page.click_submit("Add objective").await;
        page.wait_for_text(DEMO_EDIT).await;
        page.wait_for_status("Saved").await;
        page.reload().await;
        page.wait_for_text("This is the demo.").await;
        // Its card may be below the screen, where the browser has not laid
        // it out yet (content-visibility): look for its heading, not text.
        page.wait_for_heading(DEMO_EDIT).await;
        let demo_keys: Vec<String> = page.local_storage_keys().await;
        assert!(
            demo_keys
                .iter()
                .any(|k| k.starts_with("trellis-demo/pair/")),
            "keys: {demo_keys:?}"
        );

        // Reset asks first, then puts the sample back as it started.
        page.click_button("Reset demo").await;
        page.click_button("Cancel").await;
        page.wait_for_heading(DEMO_EDIT).await;
        page.click_button("Reset demo").await;
        page.click_button("Reset demo now").await;
        wait_for_text_without(&page, "Tomas Novak", DEMO_EDIT).await;
        page.wait_for_text("This is the demo.").await;

        // Leaving returns to the workbook as it was, byte for byte.
        page.click_button("Leave demo").await;
        wait_for_text_without(&page, "Maya", "This is the demo.").await;
        assert_eq!(page.hash().await, "#/");
        assert_eq!(workbook_keys(&page).await, before);
        let all: Json = page
            .execute("return Object.keys(localStorage);", vec![])
            .await;
        let all: Vec<String> = serde_json::from_value(all).unwrap_or_default();
        assert!(
            all.iter()
                .all(|k| k.starts_with("trellis/") || k.starts_with("trellis-demo/")),
            "keys: {all:?}"
        );
    });
}

#[test]
fn a_link_to_the_demo_opens_it_with_the_sample_pair_across_every_stage() {
    run(|page| async move {
        page.goto("#/demo").await;
        page.wait_for_text("This is the demo.").await;
        page.click_link_starting_with("Ruth").await;
        page.wait_for_text("Both of you have confirmed the agreement.")
            .await;
        for (stage, shown) in [
            ("Plan", "Scrap baseline measured"),
            ("Meet", "Email Jonas Berg to set up a call"),
            ("Review", "Networking"),
        ] {
            page.click_link_starting_with(stage).await;
            page.wait_for_heading(stage).await;
            page.wait_for_text(shown).await;
        }
        page.emulate_dark_mode(true).await;
        page.assert_no_axe_violations("the demo's Review page, dark")
            .await;
        assert!(
            page.local_storage_keys()
                .await
                .iter()
                .all(|k| k.starts_with("trellis-demo/")),
            "the demo wrote outside its own keys"
        );
    });
}

/// Opens every closed fold of the page's main part, and those that opening
/// them shows, and returns how many it opened.
const OPEN_EVERY_FOLD: &str = "return (async () => {
  let opened = 0;
  for (let round = 0; round < 10; round++) {
    const closed = [...document.querySelectorAll(\"main button[aria-expanded='false']\")];
    if (closed.length === 0) break;
    for (const button of closed) button.click();
    opened += closed.length;
    await new Promise((drawn) => requestAnimationFrame(() => setTimeout(drawn, 0)));
  }
  return opened;
})();";

#[test]
fn every_field_of_the_demo_pages_has_a_name_of_its_own() {
    run(|page| async move {
        page.goto("#/demo").await;
        page.wait_for_text("This is the demo.").await;
        page.click_link_starting_with("Ruth").await;
        page.wait_for_heading("Dashboard").await;
        for (stage, heading) in [
            ("Dashboard", "Dashboard"),
            ("Agree", "Mentoring agreement"),
            ("Plan", "Plan"),
            ("Meet", "Meet"),
            ("Review", "Review"),
        ] {
            page.click_link_starting_with(stage).await;
            page.wait_for_heading(heading).await;
            // Every editor and every form to add something, opened
            // together: several of a kind side by side.
            let opened = page.execute(OPEN_EVERY_FOLD, vec![]).await;
            assert!(
                opened.as_u64().is_some_and(|n| n > 0)
                    || !["Plan", "Meet", "Review"].contains(&stage),
                "{stage}: no fold was opened ({opened})"
            );
            let repeated = page.repeated_field_names().await;
            assert!(
                repeated.is_empty(),
                "{stage}: fields that share a name: {repeated:?}"
            );
        }
    });
}

/// The computed font size, in CSS pixels, of the first element `selector`
/// finds.
async fn font_size(page: &Page, selector: &str) -> f64 {
    page.execute(
        "return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize);",
        vec![Json::from(selector)],
    )
    .await
    .as_f64()
    .unwrap_or_default()
}

#[test]
fn the_presenting_view_is_large_on_a_projector_and_remembered() {
    run(|page| async move {
        page.set_viewport(1280, 720).await;
        page.goto("#/demo").await;
        page.wait_for_text("This is the demo.").await;
        page.click_link_starting_with("Ruth").await;
        page.click_link_starting_with("Plan").await;
        page.wait_for_heading("Plan").await;
        assert!(font_size(&page, ".lead").await < 24.0);

        page.click_button("Presenting view").await;
        let button = page.button("Presenting view").await;
        assert_eq!(
            button.attr("aria-pressed").await.ok().flatten().as_deref(),
            Some("true")
        );
        for selector in [".lead", "main p", "main label", "main li"] {
            let size = font_size(&page, selector).await;
            assert!(size >= 24.0, "{selector} is {size} px");
        }
        assert!(
            page.scroll_width().await <= page.client_width().await,
            "the page scrolls sideways in the presenting view\n{}",
            page.describe().await
        );
        page.assert_no_axe_violations("the presenting view").await;
        page.emulate_dark_mode(true).await;
        page.assert_no_axe_violations("the presenting view, dark")
            .await;
        page.emulate_dark_mode(false).await;

        // Remembered on this device, in a key of its own.
        page.reload().await;
        page.wait_for_heading("Plan").await;
        assert!(font_size(&page, ".lead").await >= 24.0);
        let keys = page.local_storage_keys().await;
        assert!(
            keys.iter()
                .filter(|k| k.contains("presenting"))
                .all(|k| !k.starts_with("trellis/") && !k.starts_with("trellis-demo/")),
            "keys: {keys:?}"
        );

        page.click_button("Presenting view").await;
        assert!(font_size(&page, ".lead").await < 24.0);
        page.reload().await;
        page.wait_for_heading("Plan").await;
        assert!(font_size(&page, ".lead").await < 24.0);
    });
}

/// The element that has the keyboard focus: its tag and its text.
async fn focused(page: &Page) -> String {
    page.script_string(
        "const el = document.activeElement;\
         return el ? el.tagName + ': ' + el.textContent.trim() : '';",
        vec![],
    )
    .await
}

/// Waits until the focus is on an element whose tag and text start with
/// `wanted` ("H1: Plan", "BUTTON: Take the tour").
async fn wait_for_focus(page: &Page, wanted: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = focused(page).await;
        if now.starts_with(wanted) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the focus should be on {wanted:?}, it is on {now:?}\n{}",
            page.describe().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sends `keys` to whatever has the keyboard focus.
async fn press(page: &Page, keys: &str) {
    let element = page
        .client()
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("no element has the focus: {e}"));
    if let Err(e) = element.send_keys(keys).await {
        panic!("cannot press {keys:?}: {e}\n{}", page.describe().await);
    }
}

#[test]
fn the_tour_runs_through_every_stage_by_keyboard_alone() {
    run(|page| async move {
        page.goto("").await;
        page.wait_for_text("Welcome to Trellis").await;
        page.execute("document.getElementById('take-tour').focus();", vec![])
            .await;
        wait_for_focus(&page, "BUTTON: Take the tour").await;
        // From the workbook it opens the demo, on the tour's first stop.
        press(&page, &Key::Enter.to_string()).await;
        page.wait_for_text("Tour: stop 1 of 6").await;
        page.wait_for_text("This is the demo.").await;
        wait_for_focus(&page, "H1: Dashboard").await;

        let back_to_next = format!("{}{}", Key::Shift, Key::Tab);
        for (stop, heading) in [
            (2, "Mentoring agreement"),
            (3, "Plan"),
            (4, "Meet"),
            (5, "Review"),
        ] {
            press(&page, &back_to_next).await;
            wait_for_focus(&page, "BUTTON: Next").await;
            press(&page, &Key::Enter.to_string()).await;
            page.wait_for_text(&format!("Tour: stop {stop} of 6")).await;
            wait_for_focus(&page, &format!("H1: {heading}")).await;
            if stop == 3 {
                // A reload carries on where the tour was.
                page.reload().await;
                page.wait_for_text("Tour: stop 3 of 6").await;
                page.wait_for_heading("Plan").await;
                page.assert_no_axe_violations("the tour on the Plan page")
                    .await;
                page.emulate_dark_mode(true).await;
                page.assert_no_axe_violations("the tour on the Plan page, dark")
                    .await;
                page.emulate_dark_mode(false).await;
                page.execute("document.querySelector('main h1').focus();", vec![])
                    .await;
            }
        }
        press(&page, &back_to_next).await;
        wait_for_focus(&page, "BUTTON: Next").await;
        press(&page, &Key::Enter.to_string()).await;
        page.wait_for_text("Tour: stop 6 of 6").await;
        press(&page, &back_to_next).await;
        wait_for_focus(&page, "BUTTON: Finish tour").await;
        press(&page, &Key::Enter.to_string()).await;
        wait_for_focus(&page, "BUTTON: Take the tour").await;
        assert!(!page.body_text().await.contains("Tour: stop"));

        // Escape skips it, and the focus goes back where the tour began.
        press(&page, &Key::Enter.to_string()).await;
        page.wait_for_text("Tour: stop 1 of 6").await;
        press(&page, &Key::Escape.to_string()).await;
        wait_for_focus(&page, "BUTTON: Take the tour").await;
        page.reload().await;
        page.wait_for_text("This is the demo.").await;
        assert!(!page.body_text().await.contains("Tour: stop"));
    });
}

/// What a phone's camera would read from `png`: the text of the one QR
/// code in the picture.
fn scan(png: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut pixels).expect("its pixels");
    let channels = frame.color_type.samples();
    let (width, height) = (frame.width as usize, frame.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let at = (y * width + x) * channels;
        let rgb = &pixels[at..at + channels.min(3)];
        (rgb.iter().map(|&c| u32::from(c)).sum::<u32>() / rgb.len() as u32) as u8
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the screenshot");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn the_qr_code_for_the_room_decodes_to_the_demo_address() {
    run(|page| async move {
        page.set_viewport(1280, 720).await;
        page.goto("#/demo").await;
        page.wait_for_text("This is the demo.").await;
        let address = page
            .script_string("return location.href.split('#')[0] + '#/demo';", vec![])
            .await;

        page.click_button("Show a QR code").await;
        let code = page
            .wait_for_xpath(
                &format!("//*[@role='img'][@aria-label='QR code of {address}']"),
                "the QR code",
            )
            .await;
        page.wait_for_text(&address).await;
        let png = code
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("no screenshot of the QR code: {e}"));
        assert_eq!(scan(&png), address);
        // Big enough to scan from the back of a room on a projector.
        let side = page
            .execute(
                "return document.querySelector('[role=img][aria-label^=\"QR code\"]')\
                 .getBoundingClientRect().width;",
                vec![],
            )
            .await
            .as_f64()
            .unwrap_or_default();
        assert!(side >= 400.0, "the QR code is {side} px wide at 1280x720");
        let scrolls = page
            .execute(
                "const d = document.querySelector('dialog[open]');\
                 return d.scrollHeight > d.clientHeight;",
                vec![],
            )
            .await;
        assert_eq!(
            scrolls,
            Json::Bool(false),
            "the QR code's dialog scrolls at 1280x720"
        );
        page.assert_no_axe_violations("the QR code").await;
        page.emulate_dark_mode(true).await;
        assert_eq!(
            scan(&code.screenshot().await.expect("a screenshot")),
            address
        );
        page.assert_no_axe_violations("the QR code, dark").await;
        page.emulate_dark_mode(false).await;

        // Escape puts it away and the focus back where it was.
        press(&page, &Key::Escape.to_string()).await;
        wait_for_focus(&page, "BUTTON: Show a QR code").await;
        assert!(page
            .visible("//*[@role='img'][starts-with(@aria-label, 'QR code')]")
            .await
            .is_none());
        page.click_button("Show a QR code").await;
        page.click_button("Hide the QR code").await;
        wait_for_focus(&page, "BUTTON: Show a QR code").await;

        // At 360 px it still fits the screen.
        page.set_viewport(360, 740).await;
        page.click_button("Show a QR code").await;
        let code = page
            .wait_for_xpath(
                "//*[@role='img'][starts-with(@aria-label, 'QR code')]",
                "the QR code",
            )
            .await;
        assert_eq!(
            scan(&code.screenshot().await.expect("a screenshot")),
            address
        );
        assert!(
            page.scroll_width().await <= page.client_width().await,
            "the QR code makes the page scroll sideways at 360 px"
        );
    });
}
