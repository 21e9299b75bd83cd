//! Coordination between tabs: Web Locks around the write path, and a BroadcastChannel that
//! tells the other tabs to reload the vault, to lock, or that the user is at work in this one.
//!
//! Listeners here are owned values, removed when dropped: [`Tabs`] lives in the session from the
//! first load to the page's end (lock and unlock keep it; a new one replaces and closes the old),
//! and each [`PageListener`] is held by the component that made it (`ui::app::keep_while_mounted`
//! drops it in that component's `on_cleanup`).

use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{BroadcastChannel, Event, EventTarget, MessageEvent};

const CHANNEL: &str = "authenticator-vault";
const LOCK: &str = "authenticator-vault-write";

/// A message between tabs. Never carries vault data: only "something changed", "lock", or the
/// time of the user's last input (for auto-lock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabMessage {
    /// The stored vault was written at this revision: reload it.
    Changed(u64),
    /// The user locked the vault, or changed its passphrase: lock here too.
    Lock,
    /// The user touched or typed in a tab at this time (Unix ms): nobody is idle yet.
    Input(u64),
}

impl TabMessage {
    fn encode(self) -> String {
        match self {
            TabMessage::Changed(r) => format!("changed:{r}"),
            TabMessage::Lock => "lock".into(),
            TabMessage::Input(ms) => format!("input:{ms}"),
        }
    }
    fn decode(s: &str) -> Option<Self> {
        match s.split_once(':') {
            Some(("changed", r)) => r.parse().ok().map(TabMessage::Changed),
            Some(("input", ms)) => ms.parse().ok().map(TabMessage::Input),
            None if s == "lock" => Some(TabMessage::Lock),
            _ => None,
        }
    }
}

/// This tab's end of the channel. Dropping it closes the channel.
pub struct Tabs {
    channel: Option<BroadcastChannel>,
    _listener: Option<Closure<dyn FnMut(MessageEvent)>>,
}

impl Tabs {
    /// Joins the channel; `on_message` runs for each message from another tab.
    pub fn join(on_message: impl Fn(TabMessage) + 'static) -> Tabs {
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
            return Tabs { channel: None, _listener: None };
        };
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(m) = e.data().as_string().as_deref().and_then(TabMessage::decode) {
                on_message(m);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Tabs { channel: Some(channel), _listener: Some(listener) }
    }

    /// Tells the other tabs.
    pub fn send(&self, message: TabMessage) {
        if let Some(c) = &self.channel {
            let _ = c.post_message(&JsValue::from_str(&message.encode()));
        }
    }
}

impl Drop for Tabs {
    fn drop(&mut self) {
        if let Some(c) = &self.channel {
            c.set_onmessage(None);
            c.close();
        }
    }
}

/// Runs `work` while holding the vault's write lock (Web Locks), so two tabs never interleave
/// their read-check-write. Where Web Locks are missing, runs it directly: the revision check in
/// the write transaction still refuses a stale write.
pub async fn with_write_lock<T: 'static>(work: impl Future<Output = T> + 'static) -> T {
    let locks = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| Reflect::get(l, &"request".into()).ok()).and_then(|f| f.dyn_into::<Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        return work.await;
    };
    let slot: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
    let work = Rc::new(RefCell::new(Some(work)));
    let (slot_in, work_in) = (slot.clone(), work.clone());
    let callback = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        let job = work_in.borrow_mut().take();
        future_to_promise(async move {
            if let Some(job) = job {
                let out = job.await;
                *slot_in.borrow_mut() = Some(out);
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    if let Ok(p) = request.call2(&locks, &LOCK.into(), &callback) {
        let _ = JsFuture::from(Promise::from(p)).await;
    }
    let done = slot.borrow_mut().take();
    match done {
        Some(out) => out,
        // The lock request failed before running the work: run it unlocked.
        None => {
            let job = work.borrow_mut().take();
            match job {
                Some(job) => job.await,
                None => unreachable!("the lock callback took the work and must have stored its result"),
            }
        }
    }
}

/// Where a page event is listened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// The window (input, `pageshow`, `pagehide`, `focus`).
    Window,
    /// The document (`visibilitychange`, `resume`).
    Document,
}

/// A listener for a page event that decides whether the user is here (input, the page shown or
/// hidden, frozen or resumed). Removed by [`PageListener::remove`] or when dropped.
pub struct PageListener {
    target: Option<EventTarget>,
    name: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(Event)>,
}

impl PageListener {
    /// Listens for `name` on `on`. With `capture`, the listener runs before any handler in the
    /// page, so it can stop an event that must not be acted on (input to a vault due to lock).
    pub fn new(on: On, name: &'static str, capture: bool, f: impl FnMut(Event) + 'static) -> PageListener {
        let window = web_sys::window();
        let target: Option<EventTarget> = match on {
            On::Window => window.map(Into::into),
            On::Document => window.and_then(|w| w.document()).map(Into::into),
        };
        let callback = Closure::<dyn FnMut(Event)>::new(f);
        if let Some(t) = &target {
            let _ = t.add_event_listener_with_callback_and_bool(name, callback.as_ref().unchecked_ref(), capture);
        }
        PageListener { target, name, capture, callback }
    }

    /// Stops listening.
    pub fn remove(self) {}
}

impl Drop for PageListener {
    fn drop(&mut self) {
        if let Some(t) = &self.target {
            let _ = t.remove_event_listener_with_callback_and_bool(self.name, self.callback.as_ref().unchecked_ref(), self.capture);
        }
    }
}

