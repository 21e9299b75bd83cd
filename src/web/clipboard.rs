//! Writing a code to the clipboard, and taking it off again as [`crate::clipboard`] decides:
//! [`CLEAR_AFTER_MS`] after the copy, when the page goes away (`pagehide`: a reload, another
//! page, the tab closed), and on the next load of the page in this tab where going away could
//! not finish it.
//!
//! What the page sees since a copy (a `copy` or `cut` here, the focus or visibility lost) is
//! recorded by listeners that exist only while a copied code may still be on the clipboard: they
//! belong to the pending copy and are removed with it (a new copy, or the clear).

use crate::clipboard::{self, Leftover, Since, CLEAR_AFTER_MS};
use crate::clock::Clock;
use crate::web::page;
use crate::web::tabs::{On, PageListener};
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a copy failed: the Clipboard API is missing (insecure context) or the browser refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopyFailed;

fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    // Missing outside a secure context.
    let c = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    (!c.is_undefined() && !c.is_null()).then(|| c.unchecked_into())
}

/// Copies text with the asynchronous Clipboard API.
pub async fn write_text(text: &str) -> Result<(), CopyFailed> {
    let clipboard = clipboard().ok_or(CopyFailed)?;
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|_| CopyFailed)
}

/// A code this page put on the clipboard, until it is cleared or known not to be there.
struct Pending {
    serial: u64,
    /// SHA-256 of the text, to compare with a read (the text itself is not kept).
    digest: [u8; 32],
    salt: u32,
    tag: u16,
    since: Since,
    /// When the page first lost the focus or was hidden since the copy (Unix ms).
    left_at_ms: Option<u64>,
    /// Cleared already (when the page went away): nothing is left to do.
    settled: bool,
    /// Owned here, so they go when the pending copy does.
    _listeners: Vec<PageListener>,
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
    static SERIAL: Cell<u64> = const { Cell::new(0) };
    /// Set while the page runs its own copy command ([`clear_now`]), which is no copy of the user's.
    static OWN_COPY: Cell<bool> = const { Cell::new(false) };
}

/// Where the page leaves a [`Leftover`] for its next load in this tab.
const LEFTOVER_KEY: &str = "clipboard-leftover";

fn digest(text: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).into()
}

fn now_ms() -> u64 {
    crate::web::clock::BrowserClock.now_ms()
}

/// Whether the page is in front with the focus: only then can nothing else have copied.
fn here() -> bool {
    !page::hidden() && page::has_focus()
}

/// Changes the pending copy, if any.
fn update(f: impl FnOnce(&mut Pending)) {
    PENDING.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            if let Some(p) = p.as_mut() {
                f(p);
            }
        }
    });
}

/// The page lost the focus or was hidden.
fn left() {
    let at = now_ms();
    update(|p| {
        p.since.left = true;
        p.left_at_ms.get_or_insert(at);
    });
}

/// A `copy` or `cut` by the user in this page.
fn copied_here() {
    if !OWN_COPY.with(Cell::get) {
        update(|p| p.since.copied_here = true);
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Copies a code and takes it off the clipboard again after [`CLEAR_AFTER_MS`] or when the page
/// goes away, if it is still there (see [`crate::clipboard`]); where the browser allows a write
/// then (it refuses one while the page does not have the focus).
pub async fn write_text_then_clear(text: &str) -> Result<(), CopyFailed> {
    write_text(text).await?;
    let serial = SERIAL.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    let salt = getrandom::u32().unwrap_or_default();
    let listeners = vec![
        PageListener::new(On::Document, "copy", true, |_| copied_here()),
        PageListener::new(On::Document, "cut", true, |_| copied_here()),
        PageListener::new(On::Window, "blur", false, |_| left()),
        PageListener::new(On::Document, "visibilitychange", false, |_| {
            if page::hidden() {
                left();
            }
        }),
        PageListener::new(On::Window, "pagehide", false, |_| going_away()),
    ];
    let away = !here();
    let pending = Pending {
        serial,
        digest: digest(text),
        salt,
        tag: clipboard::tag(salt, text),
        since: Since { copied_here: false, left: away },
        left_at_ms: away.then(now_ms),
        settled: false,
        _listeners: listeners,
    };
    // An earlier copy's code is no longer on the clipboard: this one replaced it.
    let earlier = PENDING.with(|p| p.borrow_mut().replace(pending));
    drop(earlier);
    leptos::prelude::set_timeout(
        move || wasm_bindgen_futures::spawn_local(clear_if_ours(serial)),
        std::time::Duration::from_millis(CLEAR_AFTER_MS),
    );
    Ok(())
}

/// The clear at [`CLEAR_AFTER_MS`]: read where that needs no prompt, else go by what was seen.
async fn clear_if_ours(serial: u64) {
    let Some(digest) = PENDING.with(|p| p.borrow().as_ref().filter(|p| p.serial == serial).map(|p| p.digest)) else { return };
    let read = read_without_prompt().await.map(|text| self::digest(&text) == digest);
    // Taken out (its listeners removed) only now: what happened during the read counts too.
    let Some(pending) = PENDING.with(|p| p.borrow_mut().take_if(|p| p.serial == serial)) else { return };
    if let Some(s) = session_storage() {
        let _ = s.remove_item(LEFTOVER_KEY);
    }
    if !pending.settled && clipboard::should_clear(pending.since, read) {
        let _ = write_text("").await;
    }
}

/// `pagehide`: clears at once where what was seen says the code is still ours, with a copy
/// command, which finishes within the event (Chromium drops an asynchronous write started while
/// the page unloads, even on a reload; the command works there, even when the tab closes).
/// Elsewhere (a read would have to tell, and a read cannot finish now; or the browser refuses
/// a copy command outside a user's action, as Firefox and Safari do) it leaves a note for the
/// next load of the page in this tab, which finishes the clear.
fn going_away() {
    let gone_ms = now_ms();
    let seen = |p: &Pending| (Since::at_unload(p.since.copied_here, p.left_at_ms, gone_ms), p.salt, p.tag);
    let Some((since, salt, tag)) = PENDING.with(|p| p.try_borrow().ok().and_then(|p| p.as_ref().filter(|p| !p.settled).map(seen))) else {
        return;
    };
    let storage = session_storage();
    let ours = clipboard::should_clear(since, None);
    if ours && clear_now() {
        update(|p| p.settled = true);
        if let Some(s) = &storage {
            let _ = s.remove_item(LEFTOVER_KEY);
        }
        return;
    }
    if let Some(s) = &storage {
        let _ = s.set_item(LEFTOVER_KEY, &Leftover { salt, tag, since, left_ms: gone_ms }.encode());
    }
    if ours {
        if let Some(c) = clipboard() {
            // May finish in some browsers; the note goes if it is seen to.
            let written = JsFuture::from(c.write_text(""));
            wasm_bindgen_futures::spawn_local(async move {
                if written.await.is_ok() {
                    if let Some(s) = storage {
                        let _ = s.remove_item(LEFTOVER_KEY);
                    }
                }
            });
        }
    }
}

/// Empties the clipboard at once with a copy command whose `copy` event puts empty text there.
/// Returns whether the browser ran the command.
fn clear_now() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(exec) = js_sys::Reflect::get(&document, &"execCommand".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
        return false;
    };
    let empty = PageListener::new(On::Document, "copy", false, |ev| {
        if let Some(data) = ev.dyn_ref::<web_sys::ClipboardEvent>().and_then(web_sys::ClipboardEvent::clipboard_data) {
            if data.set_data("text/plain", "").is_ok() {
                ev.prevent_default();
            }
        }
    });
    OWN_COPY.with(|o| o.set(true));
    let done = exec.call1(&document, &"copy".into()).ok().and_then(|r| r.as_bool()).unwrap_or(false);
    OWN_COPY.with(|o| o.set(false));
    drop(empty);
    done
}

/// On load: finishes a clear the page's previous load in this tab left (see [`Leftover`]).
pub fn finish_leftover() {
    let Some(storage) = session_storage() else { return };
    let Some(text) = storage.get_item(LEFTOVER_KEY).ok().flatten() else { return };
    let _ = storage.remove_item(LEFTOVER_KEY);
    let Some(leftover) = Leftover::decode(&text) else { return };
    let (at, focused) = (now_ms(), here());
    wasm_bindgen_futures::spawn_local(async move {
        let read = read_without_prompt().await;
        if leftover.should_clear(read.as_deref(), at, focused) {
            let _ = write_text("").await;
        }
    });
}

/// The clipboard's text, only where the Permissions API says reading is granted already: a read
/// elsewhere may ask the user (a prompt, or a "Paste" button). `None` where it cannot be read so.
async fn read_without_prompt() -> Option<String> {
    let navigator = web_sys::window()?.navigator();
    let permissions = js_sys::Reflect::get(&navigator, &"permissions".into()).ok().filter(|p| !p.is_undefined())?;
    let query = js_sys::Reflect::get(&permissions, &"query".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"name".into(), &"clipboard-read".into()).ok()?;
    // Browsers that do not know the name (Firefox, Safari) refuse the query: not readable.
    let promise = query.call1(&permissions, &descriptor).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let status: JsValue = JsFuture::from(promise).await.ok()?;
    let state = js_sys::Reflect::get(&status, &"state".into()).ok()?.as_string()?;
    if state != "granted" {
        return None;
    }
    JsFuture::from(clipboard()?.read_text()).await.ok()?.as_string()
}
