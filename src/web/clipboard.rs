//! Writing a code to the clipboard.

use wasm_bindgen_futures::JsFuture;

/// Why a copy failed: the Clipboard API is missing (insecure context) or the browser refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopyFailed;

/// Copies text with the asynchronous Clipboard API.
pub async fn write_text(text: &str) -> Result<(), CopyFailed> {
    let window = web_sys::window().ok_or(CopyFailed)?;
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|_| CopyFailed)
}
