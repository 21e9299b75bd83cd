//! Registers the service worker that keeps the app shell for offline use (`assets/sw.js`).

/// Registers `/sw.js` if the browser has service workers (it does not in insecure contexts).
/// A failure only means no offline copy; the app works the same online.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    let has_api = js_sys::Reflect::has(&navigator, &wasm_bindgen::JsValue::from_str("serviceWorker")).unwrap_or(false);
    if has_api {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
