//! Small browser helpers the pages share: locale dates, downloads, the
//! location hash.

use chrono::{Datelike, NaiveDate};
use wasm_bindgen::{JsCast, JsValue};

/// A date in the browser's locale, for example "3 May 2026" or "May 3, 2026".
pub fn local_date(date: NaiveDate) -> String {
    locale_text(date, &[("dateStyle", "medium")])
}

/// A month in the browser's locale, for example "May 2026".
pub fn local_month(date: NaiveDate) -> String {
    locale_text(date, &[("month", "short"), ("year", "numeric")])
}

fn locale_text(date: NaiveDate, settings: &[(&str, &str)]) -> String {
    let js = js_sys::Date::new_with_year_month_day(
        date.year() as u32,
        date.month0() as i32,
        date.day() as i32,
    );
    let options = js_sys::Object::new();
    for (key, value) in settings {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    js_sys::Reflect::get(&js, &"toLocaleDateString".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call2(&js, &JsValue::UNDEFINED, &options).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| crate::domain::time::format_date(date))
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

/// Moves keyboard focus to the element with `id`, after the view updates.
pub fn focus_later(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}
