//! Writing a code to the clipboard, and taking it off again as [`crate::clipboard`] decides:
//! [`CLEAR_AFTER_MS`] after the copy, when the page goes away (`pagehide`: a reload, another
//! page, the tab closed), and on the next load of the page in this tab where going away could
//! not finish it.
//!
//! Chromium lets a page write to the clipboard only within about 5 s of a user's action (a tap,
//! a key), or at any time once the user granted the site the clipboard permission (the one that
//! also allows reading). Where a clear is refused for that reason, it is done at the user's next
//! action in the page (which lets it write), if the code is still ours then.
//!
//! What the page sees since a copy (a `copy` or `cut` here, the focus or visibility lost) is
//! recorded by listeners that exist only while a copied code may still be on the clipboard: they
//! belong to the pending copy and are removed with it (a new copy, or the clear done or given up).

use crate::clipboard::{self, Leftover, Since, CLEAR_AFTER_MS};
use crate::clock::Clock;
use crate::web::page;
use crate::web::tabs::{On, PageListener};
use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

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

/// A code this page put on the clipboard (or the previous load of the page left there), until
/// it is cleared or known not to be there.
struct Pending {
    serial: u64,
    /// SHA-256 of the text, to compare with a read (the text itself is not kept); `None` for a
    /// code the previous load left, known only by its tag.
    digest: Option<[u8; 32]>,
    salt: u32,
    tag: u16,
    since: Since,
    /// When the page first lost the focus or was hidden since the copy (Unix ms).
    left_at_ms: Option<u64>,
    /// The clear is decided but the browser refused the write: done at the user's next action.
    due: bool,
    /// Nothing is left to do (cleared, or not ours any more); dropped at the next turn.
    done: bool,
    /// Owned here, so they go when the pending copy does.
    _listeners: Vec<PageListener>,
}

impl Pending {
    /// Whether `text` (read from the clipboard) is this code.
    fn holds(&self, text: &str) -> bool {
        match self.digest {
            Some(d) => digest(text) == d,
            None => clipboard::tag(self.salt, text) == self.tag,
        }
    }
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

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn forget_leftover() {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(LEFTOVER_KEY);
    }
}

/// Reads the pending copy `serial` (any when `None`), if it is there and not done.
fn with_pending<R>(serial: Option<u64>, f: impl FnOnce(&mut Pending) -> R) -> Option<R> {
    PENDING.with(|p| {
        let mut p = p.try_borrow_mut().ok()?;
        p.as_mut().filter(|p| !p.done && serial.is_none_or(|s| p.serial == s)).map(f)
    })
}

/// Drops the pending copy `serial` and its listeners (never from inside one of them).
fn drop_pending(serial: u64) {
    let taken = PENDING.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take_if(|p| p.serial == serial)));
    drop(taken);
}

/// Marks the pending copy done and drops it at the next turn: a listener of its own may be
/// running now.
fn settle(serial: u64) {
    with_pending(Some(serial), |p| p.done = true);
    leptos::prelude::set_timeout(move || drop_pending(serial), Duration::ZERO);
}

/// The page lost the focus or was hidden.
fn left() {
    let at = now_ms();
    with_pending(None, |p| {
        p.since.left = true;
        p.left_at_ms.get_or_insert(at);
    });
}

/// A `copy` or `cut` by the user in this page.
fn copied_here() {
    if !OWN_COPY.with(Cell::get) {
        with_pending(None, |p| p.since.copied_here = true);
    }
}

/// A user's action in the page (a key released, a pointer lifted), which lets the page write to
/// the clipboard: a clear the browser refused before is done now, if the code is still ours.
/// (Not on a key press: Ctrl+C copies after its `keydown`, and an empty write started then
/// could land after the user's copy.)
fn user_action() {
    let Some((serial, since)) = with_pending(None, |p| p.due.then_some((p.serial, p.since))).flatten() else { return };
    settle(serial);
    // Started here, in the action (a tap on a code copies it on the `click` that follows: the
    // clear must come first).
    if clipboard::should_clear(since, None) && !clear_now() {
        if let Some(c) = clipboard() {
            let _ = c.write_text("");
        }
    }
}

/// Starts tracking a code on the clipboard; returns its serial. An earlier one is dropped: the
/// clipboard no longer holds it (this one replaced it), or the previous load's leftover.
fn track(digest: Option<[u8; 32]>, salt: u32, tag: u16, due: bool) -> u64 {
    let serial = SERIAL.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    let listeners = vec![
        PageListener::new(On::Document, "copy", true, |_| copied_here()),
        PageListener::new(On::Document, "cut", true, |_| copied_here()),
        PageListener::new(On::Window, "blur", false, |_| left()),
        PageListener::new(On::Document, "visibilitychange", false, |_| {
            if page::hidden() {
                left();
            }
        }),
        // `beforeunload` first: a closing tab's renderer may be torn down before a write sent
        // during `pagehide` reaches the browser (seen in headless Chromium: the code stayed on
        // the clipboard after its tab closed, now and then); sent on `beforeunload`, it arrives
        // before the browser goes on with the close. Registered only while a copy is pending.
        PageListener::new(On::Window, "beforeunload", false, |_| going_away()),
        PageListener::new(On::Window, "pagehide", false, |_| going_away()),
        PageListener::new(On::Window, "keyup", true, |_| user_action()),
        PageListener::new(On::Window, "pointerup", true, |_| user_action()),
    ];
    let away = !here();
    let pending = Pending {
        serial,
        digest,
        salt,
        tag,
        since: Since { copied_here: false, left: away },
        left_at_ms: away.then(now_ms),
        due,
        done: false,
        _listeners: listeners,
    };
    let earlier = PENDING.with(|p| p.borrow_mut().replace(pending));
    drop(earlier);
    serial
}

/// Copies a code and takes it off the clipboard again after [`CLEAR_AFTER_MS`] or when the page
/// goes away, if it is still there (see [`crate::clipboard`]).
pub async fn write_text_then_clear(text: &str) -> Result<(), CopyFailed> {
    write_text(text).await?;
    let salt = getrandom::u32().unwrap_or_default();
    let serial = track(Some(digest(text)), salt, clipboard::tag(salt, text), false);
    leptos::prelude::set_timeout(move || spawn_local(at_deadline(serial)), Duration::from_millis(CLEAR_AFTER_MS));
    Ok(())
}

/// The clear at [`CLEAR_AFTER_MS`]: read where that needs no prompt, else go by what was seen.
async fn at_deadline(serial: u64) {
    let read = read_without_prompt().await;
    // What happened during the read counts too.
    let Some((since, ours)) = with_pending(Some(serial), |p| (p.since, read.as_deref().map(|t| p.holds(t)))) else { return };
    if !clipboard::should_clear(since, ours) {
        settle(serial);
        return;
    }
    if write_text("").await.is_ok() {
        settle(serial);
        forget_leftover();
    } else {
        with_pending(Some(serial), |p| p.due = true);
    }
}

/// `beforeunload`, else `pagehide` (whichever comes first; the second finds nothing pending):
/// clears at once where what was seen says the code is still ours, with a copy
/// command, which finishes within the event (Chromium drops an asynchronous write started while
/// the page unloads; the command works there, even when the tab closes, within a few seconds of
/// the user's last action). Elsewhere (a read would have to tell, and a read cannot finish now;
/// or the browser refuses the command) it leaves a note for the next load of the page in this
/// tab, which finishes the clear.
fn going_away() {
    let gone_ms = now_ms();
    let seen = |p: &mut Pending| (p.serial, Since::at_unload(p.since.copied_here, p.left_at_ms, gone_ms), p.salt, p.tag);
    let Some((serial, since, salt, tag)) = with_pending(None, seen) else { return };
    let ours = clipboard::should_clear(since, None);
    if ours && clear_now() {
        settle(serial);
        forget_leftover();
        return;
    }
    let storage = session_storage();
    if let Some(s) = &storage {
        let _ = s.set_item(LEFTOVER_KEY, &Leftover { salt, tag, since, left_ms: gone_ms }.encode());
    }
    if ours {
        if let Some(c) = clipboard() {
            // May finish in some browsers; the note goes if it is seen to.
            let written = JsFuture::from(c.write_text(""));
            spawn_local(async move {
                if written.await.is_ok() {
                    forget_leftover();
                }
            });
        }
    }
}

/// Empties the clipboard at once with a copy command whose `copy` event puts empty text there.
/// Returns whether it did: the browser ran the command and the event came (Chromium runs it
/// without the event while a password field has the focus).
fn clear_now() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(exec) = js_sys::Reflect::get(&document, &"execCommand".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
        return false;
    };
    let emptied = std::rc::Rc::new(Cell::new(false));
    let set = emptied.clone();
    let empty = PageListener::new(On::Document, "copy", false, move |ev| {
        if let Some(data) = ev.dyn_ref::<web_sys::ClipboardEvent>().and_then(web_sys::ClipboardEvent::clipboard_data) {
            if data.set_data("text/plain", "").is_ok() {
                ev.prevent_default();
                set.set(true);
            }
        }
    });
    OWN_COPY.with(|o| o.set(true));
    let ran = exec.call1(&document, &"copy".into()).ok().and_then(|r| r.as_bool()).unwrap_or(false);
    OWN_COPY.with(|o| o.set(false));
    drop(empty);
    ran && emptied.get()
}

/// On load: the clear the page's previous load in this tab left (see [`Leftover`]), with when
/// and whether the page had the focus; `None` when there is none. The note stays in the tab's
/// storage until [`finish_leftover`] takes it (the app runs that in a module of its own, which
/// most loads never need): if that module cannot be fetched, or the page is left first, the next
/// load finds the note again.
pub fn peek_leftover() -> Option<(Leftover, u64, bool)> {
    let text = session_storage()?.get_item(LEFTOVER_KEY).ok().flatten()?;
    let Some(leftover) = Leftover::decode(&text) else {
        forget_leftover();
        return None;
    };
    Some((leftover, now_ms(), here()))
}

/// Finishes [`peek_leftover`]'s clear. Where the browser refuses the write (no user action on
/// this page yet), at the user's first action, if nothing since this load made the code not ours.
/// A copy made on this page meanwhile (the module was slow to come) is the clipboard's now: the
/// leftover is dropped, never written over it.
pub fn finish_leftover((leftover, at, focused): (Leftover, u64, bool)) {
    forget_leftover();
    if with_pending(None, |_| ()).is_some() {
        return;
    }
    spawn_local(async move {
        let read = read_without_prompt().await;
        if !leftover.should_clear(read.as_deref(), at, focused) || write_text("").await.is_ok() {
            return;
        }
        track(None, leftover.salt, leftover.tag, true);
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
