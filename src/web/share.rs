//! Backing up by the system share sheet (Web Share API with files: iCloud Drive, Google Drive,
//! Files, LINE…), and the day the backup banner was last put away (localStorage, not secret).
//!
//! `navigator.canShare` / `navigator.share` with files are called through `Reflect`: web-sys
//! gates `ShareData.files` behind its unstable APIs.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::web::prefs::Key;

/// How a share ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The user picked a target and the browser handed the file over.
    Shared,
    /// The user closed the share sheet: nothing was saved.
    Cancelled,
    /// The browser refused (no user gesture left, a target failed…), with its error name.
    Failed(String),
}

/// A `File` named `name` holding `bytes` (`application/octet-stream`).
fn make_file(name: &str, bytes: &[u8]) -> Option<JsValue> {
    let window = web_sys::window()?;
    let ctor: Function = Reflect::get(&window, &"File".into()).ok()?.dyn_into().ok()?;
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &"application/octet-stream".into()).ok()?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    Reflect::construct(&ctor, &Array::of3(&parts, &name.into(), &options)).ok()
}

fn share_data(file: &JsValue) -> Option<Object> {
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(file)).ok()?;
    Some(data)
}

/// The file to share, when this browser's share sheet takes it (`navigator.canShare({ files })`
/// is true: Safari on iPhone and iPad, Chrome on Android for the types it allows); `None`
/// elsewhere, where the caller downloads instead.
pub fn shareable_file(name: &str, bytes: &[u8]) -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let can_share: Function = Reflect::get(&navigator, &"canShare".into()).ok()?.dyn_into().ok()?;
    Reflect::get(&navigator, &"share".into()).ok()?.dyn_into::<Function>().ok()?;
    let file = make_file(name, bytes)?;
    let data = share_data(&file)?;
    can_share.call1(&navigator, &data).ok()?.as_bool().filter(|ok| *ok)?;
    Some(file)
}

/// Opens the share sheet with `file` (from [`shareable_file`]). Call it from the tap itself: the
/// browser wants the user's gesture, which Safari does not carry across awaits.
pub fn start_share(file: &JsValue) -> Option<Promise> {
    let navigator = web_sys::window()?.navigator();
    let data = share_data(file)?;
    let share: Function = Reflect::get(&navigator, &"share".into()).ok()?.dyn_into().ok()?;
    share.call1(&navigator, &data).ok()?.dyn_into::<Promise>().ok()
}

/// How the share sheet opened by [`start_share`] ended.
pub async fn finish_share(sharing: Promise) -> ShareOutcome {
    match JsFuture::from(sharing).await {
        Ok(_) => ShareOutcome::Shared,
        Err(e) => {
            let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
            if name == "AbortError" {
                ShareOutcome::Cancelled
            } else {
                ShareOutcome::Failed(name)
            }
        }
    }
}

/// The local day number on which the user last put the backup banner away. Kept per browser,
/// not in the vault: putting a reminder away is not an edit (it would reseal the vault and
/// rewrite the automatic backup file), and each device should remind on its own.
pub fn banner_dismissed_day() -> Option<u64> {
    crate::web::prefs::get(Key::BackupBannerDismissedDay)?.parse().ok()
}

/// Remembers that the banner was put away on local day `day`.
pub fn dismiss_banner(day: u64) {
    crate::web::prefs::set(Key::BackupBannerDismissedDay, &day.to_string());
}
