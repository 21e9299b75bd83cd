//! Coordination between tabs: Web Locks around the write path, and a BroadcastChannel that
//! tells the other tabs to reload the vault or to lock.

use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "authenticator-vault";
const LOCK: &str = "authenticator-vault-write";

/// A message between tabs. Never carries vault data: only "something changed" or "lock".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabMessage {
    /// The stored vault was written at this revision: reload it.
    Changed(u64),
    /// The user locked the vault: lock here too.
    Lock,
}

impl TabMessage {
    fn encode(self) -> String {
        match self {
            TabMessage::Changed(r) => format!("changed:{r}"),
            TabMessage::Lock => "lock".into(),
        }
    }
    fn decode(s: &str) -> Option<Self> {
        match s.split_once(':') {
            Some(("changed", r)) => r.parse().ok().map(TabMessage::Changed),
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
