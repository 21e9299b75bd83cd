//! The device clock (`Date.now()`), the only place the app reads the time.

use crate::clock::Clock;

/// The browser's wall clock. It may be wrong; the clock-sync issue corrects it on top of this.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now_ms(&self) -> u64 {
        let ms = js_sys::Date::now();
        if ms.is_finite() && ms > 0.0 {
            ms as u64
        } else {
            0
        }
    }
}

/// Resolves after `ms` milliseconds (lets the page paint before a long synchronous step).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A Unix time in ms shifted to the device's local time zone (for calendar dates on screen).
pub fn local_ms(utc_ms: u64) -> u64 {
    let offset_min = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(utc_ms as f64)).get_timezone_offset();
    (utc_ms as f64 - offset_min * 60_000.0).max(0.0) as u64
}
