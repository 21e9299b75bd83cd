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

/// How long a copied backup code stays on the clipboard.
pub const CLEAR_AFTER_MS: u64 = 30_000;

/// Copies a secret-ish text and empties the clipboard after [`CLEAR_AFTER_MS`] — where the
/// browser allows a write then (it refuses when the page is not focused; nothing else can be done).
pub async fn write_text_then_clear(text: &str) -> Result<(), CopyFailed> {
    write_text(text).await?;
    leptos::prelude::set_timeout(
        || {
            wasm_bindgen_futures::spawn_local(async {
                let _ = write_text("").await;
            })
        },
        std::time::Duration::from_millis(CLEAR_AFTER_MS),
    );
    Ok(())
}
