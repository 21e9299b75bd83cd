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
