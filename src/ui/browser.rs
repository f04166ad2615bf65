//! Small browser helpers the pages share: locale dates, downloads, the
//! location hash.

use std::cell::RefCell;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::VecMap;

#[wasm_bindgen(module = "/src/ui/link.js")]
extern "C" {
    #[wasm_bindgen(js_name = packLink)]
    fn pack_link(text: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = unpackLink)]
    fn unpack_link(code: &str, limit: usize) -> js_sys::Promise;
    #[wasm_bindgen(js_name = copyText, catch)]
    fn copy_text(text: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = storedChars, catch)]
    fn stored_chars() -> Result<f64, JsValue>;
    fn present(choice: JsValue) -> bool;
    #[wasm_bindgen(js_name = uiChoice)]
    fn ui_choice(name: &str, value: JsValue) -> Option<String>;
    #[wasm_bindgen(js_name = keepFocusInView)]
    pub fn keep_focus_in_view();
    #[wasm_bindgen(js_name = startOffline)]
    pub fn start_offline();
    #[wasm_bindgen(js_name = useNewVersion)]
    pub fn use_new_version();
    #[wasm_bindgen(js_name = afterFirstPaint)]
    fn after_first_paint(start: JsValue);
}

/// Runs `start` once the page's first paint has been reported (see
/// `afterFirstPaint` in src/ui/link.js).
pub fn once_painted(start: impl FnOnce() + 'static) {
    after_first_paint(Closure::once_into_js(start));
}

/// `text` deflated and base64url-encoded, for a share link.
pub async fn link_code(text: &str) -> Option<String> {
    JsFuture::from(pack_link(text)).await.ok()?.as_string()
}

/// The text a share link's code holds, or why it cannot be read: damaged,
/// or more than `limit` bytes once unpacked.
pub async fn link_text(code: &str, limit: usize) -> Result<String, String> {
    let unpacked = JsFuture::from(unpack_link(code, limit)).await.map_err(|_| {
        "it is damaged or cut short (chat tools sometimes cut long links); ask for the file instead".to_string()
    })?;
    unpacked
        .as_string()
        .ok_or_else(|| format!("it unpacks to more than the {limit} bytes (5 MB) Trellis imports"))
}

/// Puts `text` on the clipboard; false when the browser refuses.
pub async fn copy_to_clipboard(text: &str) -> bool {
    match copy_text(text) {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// How many characters this site keeps in local storage, all keys and
/// values together (the browser's limit is per site).
pub fn stored_text_length() -> usize {
    stored_chars().map_or(0, |n| n as usize)
}

/// Shows the page in the presenting view (larger type and spacing, for a
/// projector) or not, and remembers the choice on this device; without a
/// choice, as this device last chose. Returns whether it is shown.
pub fn presenting(choice: Option<bool>) -> bool {
    present(choice.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))
}

/// A choice this device keeps about the page (where the tour is), under
/// a key of its own.
pub fn device_choice(name: &str) -> Option<String> {
    ui_choice(name, JsValue::UNDEFINED)
}

/// Keeps a choice about the page on this device, or forgets it.
pub fn keep_device_choice(name: &str, value: Option<&str>) {
    ui_choice(name, value.map_or(JsValue::NULL, JsValue::from));
}

/// Moves the keyboard to the first element `selector` finds, once the view
/// is drawn; an element that cannot take the focus (a heading) is made to,
/// outside the Tab order.
pub fn focus_selected(selector: &str) {
    let selector = selector.to_owned();
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            if element.tab_index() < 0 && !element.has_attribute("tabindex") {
                let _ = element.set_attribute("tabindex", "-1");
            }
            let _ = element.focus();
        }
    });
}

/// This page's address without its fragment.
pub fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// A date in the browser's locale, for example "3 May 2026" or "May 3, 2026".
pub fn local_date(date: NaiveDate) -> String {
    remembered((i64::from(date.num_days_from_ce()), Style::Date), || {
        written_as(Style::Date, &local_midnight(date))
    })
    .unwrap_or_else(|| crate::domain::time::format_date(date))
}

/// A month in the browser's locale, for example "May 2026".
pub fn local_month(date: NaiveDate) -> String {
    remembered((i64::from(date.num_days_from_ce()), Style::Month), || {
        written_as(Style::Month, &local_midnight(date))
    })
    .unwrap_or_else(|| crate::domain::time::format_date(date))
}

fn local_midnight(date: NaiveDate) -> js_sys::Date {
    js_sys::Date::new_with_year_month_day(
        date.year() as u32,
        date.month0() as i32,
        date.day() as i32,
    )
}

/// Offers `text` to the user as a file download.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}

/// The current location hash.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current query string.
pub fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Goes to another page of the app (the hashchange listener follows).
pub fn go_to(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(hash);
    }
}

/// An instant as the browser's `datetime-local` input writes it, in the
/// reader's time zone: `2026-05-12T18:30`.
pub fn local_datetime_text(instant: DateTime<Utc>) -> String {
    let js = js_sys::Date::new(&(instant.timestamp_millis() as f64).into());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        js.get_full_year(),
        js.get_month() + 1,
        js.get_date(),
        js.get_hours(),
        js.get_minutes()
    )
}

/// Reads a `datetime-local` value in the reader's time zone.
pub fn parse_local_datetime(text: &str) -> Option<DateTime<Utc>> {
    let date = crate::domain::time::parse_date(text.get(..10)?)?;
    let hour: u32 = text.get(11..13)?.parse().ok()?;
    let minute: u32 = text.get(14..16)?.parse().ok()?;
    let js = js_sys::Date::new_with_year_month_day_hr_min(
        date.year() as u32,
        date.month0() as i32,
        date.day() as i32,
        hour as i32,
        minute as i32,
    );
    DateTime::from_timestamp_millis(js.get_time() as i64)
}

/// An instant in the reader's locale and time zone: "12 May 2026, 18:30".
pub fn local_moment(instant: DateTime<Utc>) -> String {
    let ms = instant.timestamp_millis();
    remembered((ms, Style::Moment), || {
        written_as(Style::Moment, &js_sys::Date::new(&(ms as f64).into()))
    })
    .unwrap_or_else(|| instant.to_string())
}

/// How a date is written in the browser's locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    /// "May 3, 2026"
    Date,
    /// "May 2026"
    Month,
    /// "May 3, 2026, 6:30 PM"
    Moment,
}

impl Style {
    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Style::Date => &[("dateStyle", "medium")],
            Style::Month => &[("month", "short"), ("year", "numeric")],
            Style::Moment => &[("dateStyle", "medium"), ("timeStyle", "short")],
        }
    }
}

/// `date` written by the browser's formatter for `style`. Each style's
/// `Intl.DateTimeFormat` is made once: `toLocaleString` makes a new one
/// on every call, which cost a page of 1,000 sessions almost half a second.
fn written_as(style: Style, date: &js_sys::Date) -> Option<String> {
    thread_local! {
        static FORMATS: RefCell<VecMap<Style, js_sys::Function>> = RefCell::default();
    }
    let format = FORMATS
        .with(|f| f.borrow().get(&style).cloned())
        .or_else(|| {
            let options = js_sys::Object::new();
            for (key, value) in style.options() {
                js_sys::Reflect::set(&options, &(*key).into(), &(*value).into()).ok()?;
            }
            let format =
                js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format();
            FORMATS.with(|f| f.borrow_mut().insert(style, format.clone()));
            Some(format)
        })?;
    format.call1(&JsValue::UNDEFINED, date).ok()?.as_string()
}

/// What the browser's locale wrote for a date or a moment (a day or a
/// millisecond, and which style), kept: a page of charts asks for the same
/// few dates thousands of times.
fn remembered(key: (i64, Style), write: impl FnOnce() -> Option<String>) -> Option<String> {
    thread_local! {
        static WRITTEN: RefCell<VecMap<(i64, Style), String>> = RefCell::default();
    }
    if let Some(text) = WRITTEN.with(|w| w.borrow().get(&key).cloned()) {
        return Some(text);
    }
    let text = write()?;
    WRITTEN.with(|w| w.borrow_mut().insert(key, text.clone()));
    Some(text)
}

/// The text of a file the user picked or dropped.
pub async fn file_text(file: web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "The browser could not read that file. Try choosing it again.".to_string())?;
    text.as_string()
        .ok_or_else(|| "That file is not text.".to_string())
}

/// Opens the browser's print dialog (which can also save a PDF).
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
