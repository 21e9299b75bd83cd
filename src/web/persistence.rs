//! Whether the browser keeps the app's data: `navigator.storage.persist()` / `persisted()` /
//! `estimate()`, whether the app runs installed (`display-mode: standalone`, iOS's
//! `navigator.standalone`), the user agent for a guess at the engine, and the note's dismissal
//! time (localStorage: not secret). The decision is `crate::persistence_advice`.

use crate::persistence_advice::{self, PersistenceFacts};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::web::prefs::{self, Key};

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

/// Asks the browser to keep this site's storage; `None` where there is no such API.
pub async fn persist() -> Option<bool> {
    let promise = navigator()?.storage().persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Whether storage is already kept; `None` where there is no such API.
pub async fn persisted() -> Option<bool> {
    let promise = navigator()?.storage().persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// (used, quota) in bytes, where the browser tells.
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = navigator()?.storage().estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let get = |k: &str| js_sys::Reflect::get(&value, &JsValue::from_str(k)).ok().and_then(|v| v.as_f64());
    Some((get("usage")?, get("quota")?))
}

/// Opened as an installed app rather than in a browser tab.
pub fn standalone() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let media = window.match_media("(display-mode: standalone)").ok().flatten().is_some_and(|m| m.matches());
    // iOS Safari's own flag for a home-screen app.
    let ios = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("standalone")).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    media || ios
}

/// What the decision needs; `persisted` is passed in (asked once, or read).
pub fn facts(persisted: Option<bool>) -> PersistenceFacts {
    let nav = navigator();
    let ua = nav.as_ref().and_then(|n| n.user_agent().ok()).unwrap_or_default();
    let touch = nav.as_ref().map(|n| n.max_touch_points()).unwrap_or(0);
    let (engine, platform) = persistence_advice::guess(&ua, touch.max(0) as u32);
    PersistenceFacts { persisted, standalone: standalone(), engine, platform }
}

/// When the storage note was last dismissed (Unix ms).
pub fn note_dismissed_ms() -> Option<u64> {
    prefs::get(Key::StorageNoteDismissed)?.parse().ok()
}

/// Remembers that the note was dismissed at `now_ms` (lost if storage is blocked: it then shows
/// again next time, which is harmless).
pub fn dismiss_note(now_ms: u64) {
    prefs::set(Key::StorageNoteDismissed, &now_ms.to_string());
}
