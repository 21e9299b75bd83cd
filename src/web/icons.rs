//! The service logos file the build writes (`scripts/service-icons.mjs`): fetched once from the
//! app's own origin (the service worker answers it offline) and read by the pure
//! [`crate::catalogue::parse_icons`].

use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the build puts the file.
pub const SERVICE_ICONS_URL: &str = "/service-icons.json";

/// Slug → SVG path data; `None` when the file cannot be had (offline before it was cached, an
/// old build): the list then keeps its monograms.
pub async fn service_icons() -> Option<HashMap<String, String>> {
    let window = web_sys::window()?;
    let response = JsFuture::from(window.fetch_with_str(SERVICE_ICONS_URL)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    Some(crate::catalogue::parse_icons(&text))
}
