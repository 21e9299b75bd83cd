//! Clock sync against the app's own origin: `HEAD /?time-sync=N` (GET if HEAD is refused) with
//! `cache: "no-store"`, reading the `Date` header. Times come from `performance.now()` mapped once
//! onto `Date.now()`, so a sync is timed by a monotonic clock. The plan and the estimate are the
//! pure [`crate::timesync`]; this file only sends and listens. It is the only network request
//! the app makes, and the service worker lets it through.

use crate::timesync::{estimate, next_round, parse_http_date, Estimate, Measured, Sample, SyncError};
use crate::web::clock::sleep;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::web::prefs::{self, Key};

/// What one sync did, besides its estimate (for the benchmark).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SyncRun {
    /// The estimate.
    pub estimate: Estimate,
    /// Requests sent.
    pub requests: usize,
    /// Wall time the sync took, ms.
    pub duration_ms: f64,
}

async fn ask(n: usize, method: &str) -> Result<web_sys::Response, SyncError> {
    let window = web_sys::window().ok_or(SyncError::Unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_cache(web_sys::RequestCache::NoStore);
    let promise = window.fetch_with_str_and_init(&format!("/?time-sync={n}"), &init);
    let value = JsFuture::from(promise).await.map_err(|_| SyncError::Unreachable)?;
    value.dyn_into::<web_sys::Response>().map_err(|_| SyncError::Unreachable)
}

/// One request; the server's `Date` in Unix seconds.
async fn server_second(n: usize) -> Result<i64, SyncError> {
    let mut response = ask(n, "HEAD").await?;
    if response.status() == 405 || response.status() == 501 {
        response = ask(n, "GET").await?;
    }
    let date = response.headers().get("date").ok().flatten().ok_or(SyncError::NoDate)?;
    parse_http_date(&date).ok_or(SyncError::NoDate)
}

/// Runs one sync: the requests the plan asks for, at the times it asks.
pub async fn sync() -> Result<SyncRun, SyncError> {
    let window = web_sys::window().ok_or(SyncError::Unreachable)?;
    let performance = window.performance().ok_or(SyncError::Unreachable)?;
    let (wall0, perf0) = (js_sys::Date::now(), performance.now());
    let now = || wall0 + (performance.now() - perf0);
    let started = now();
    let mut samples: Vec<Sample> = Vec::new();
    loop {
        let sends = next_round(&samples, now());
        if sends.is_empty() {
            break;
        }
        for at in sends {
            let wait = at - now();
            if wait >= 1.0 {
                sleep(wait as i32).await;
            }
            let sent_ms = now();
            let server_secs = server_second(samples.len()).await?;
            samples.push(Sample { sent_ms, received_ms: now(), server_secs });
        }
    }
    let estimate = estimate(&samples)?;
    Ok(SyncRun { estimate, requests: samples.len(), duration_ms: now() - started })
}

/// The last measurement kept in localStorage (not secret), as the JSON object
/// `{"offset_ms":…,"uncertainty_ms":…,"at_ms":…}`, read with the browser's JSON parser; `None`
/// for anything unreadable or absurd. Earlier builds wrote it with serde_json (`12.0` where the
/// browser writes `12`): each build reads the other's.
pub fn load_measured() -> Option<Measured> {
    measured_from_text(&prefs::get(Key::ClockMeasured)?)
}

/// [`load_measured`]'s reading of the stored text.
pub fn measured_from_text(text: &str) -> Option<Measured> {
    let value = js_sys::JSON::parse(text).ok()?;
    if !value.is_object() {
        return None;
    }
    let number = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok()?.as_f64();
    Measured::from_parts(number("offset_ms")?, number("uncertainty_ms")?, number("at_ms")?)
}

/// Keeps a measurement for the next visit.
pub fn save_measured(m: &Measured) {
    if let Some(text) = measured_to_text(m) {
        prefs::set(Key::ClockMeasured, &text);
    }
}

/// [`save_measured`]'s text: the same JSON object, written by the browser.
pub fn measured_to_text(m: &Measured) -> Option<String> {
    let object = js_sys::Object::new();
    for (key, value) in [("offset_ms", m.offset_ms), ("uncertainty_ms", m.uncertainty_ms), ("at_ms", m.at_ms as f64)] {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_f64(value)).ok()?;
    }
    js_sys::JSON::stringify(&object).ok()?.as_string()
}

/// Whether codes use the corrected time (on unless the user turned it off).
pub fn load_correct() -> bool {
    prefs::get(Key::ClockCorrect).as_deref() != Some("off")
}

/// Remembers the user's choice.
pub fn save_correct(on: bool) {
    prefs::set(Key::ClockCorrect, if on { "on" } else { "off" });
}
