//! The service worker that keeps the app shell for offline use (`assets/sw.js`), and which build
//! this page is: its version and its own workers, as the build wrote them into index.html
//! (`<meta name="authenticator-build">`, scripts/post-build.mjs).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// One of the page's workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerKind {
    /// Key derivation (`assets/kdf-worker.js`).
    Kdf,
    /// QR decoding (`assets/qr-worker.js`).
    Qr,
}

/// This page's build, as its index.html says: `content` is the version, and each worker's
/// hashed script is a `data-` attribute.
fn build_meta(attribute: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector("meta[name=authenticator-build]").ok()??;
    meta.get_attribute(attribute).filter(|v| !v.is_empty())
}

/// The script of this page's own `kind` worker (a hashed name, so it and the module it loads are
/// this build's whatever the caches hold); `None` if the page does not name one (then no worker
/// is started: key derivation runs on the page, QR decoding finds nothing).
pub fn worker_script(kind: WorkerKind) -> Option<String> {
    build_meta(match kind {
        WorkerKind::Kdf => "data-kdf-worker",
        WorkerKind::Qr => "data-qr-worker",
    })
}

/// The service worker API, where the browser offers it (not in insecure contexts).
fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let has_api = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has_api.then(|| navigator.service_worker())
}

/// Registers `/sw.js`. A failure only means no offline copy; the app works the same online.
pub fn register_service_worker() {
    if let Some(c) = container() {
        let _ = c.register("/sw.js");
    }
}

/// The version a service worker holds (it answers on a message channel).
async fn version_of(worker: &web_sys::ServiceWorker) -> Option<String> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let port = channel.port1();
    let answer = js_sys::Promise::new(&mut |resolve, _reject| port.set_onmessage(Some(&resolve)));
    let ask = js_sys::Object::new();
    js_sys::Reflect::set(&ask, &"type".into(), &"version".into()).ok()?;
    worker.post_message_with_transferable(&ask, &js_sys::Array::of1(&channel.port2())).ok()?;
    let event = JsFuture::from(answer).await.ok()?;
    port.set_onmessage(None);
    port.close();
    event.dyn_into::<web_sys::MessageEvent>().ok()?.data().as_string()
}

/// Calls `ready` if `worker` (installed, waiting) holds another build than this page.
async fn offer_if_other(worker: web_sys::ServiceWorker, ready: &js_sys::Function) {
    let Some(mine) = build_meta("content") else { return };
    if version_of(&worker).await.is_some_and(|theirs| theirs != mine) {
        let _ = ready.call0(&JsValue::NULL);
    }
}

/// Offers a reload once `worker` (installing now) is installed, if it holds another build.
fn when_installed(worker: web_sys::ServiceWorker, ready: js_sys::Function) {
    let watched = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        if watched.state() == web_sys::ServiceWorkerState::Installed {
            let (worker, ready) = (watched.clone(), ready.clone());
            wasm_bindgen_futures::spawn_local(async move { offer_if_other(worker, &ready).await });
        }
    });
    worker.set_onstatechange(Some(on_state.into_js_value().unchecked_ref()));
}

/// Watches for a new build: calls `ready` once a service worker of another build than this page
/// is installed and waiting (it takes over only when no tab uses the current one; this page keeps
/// running its own build until it is reloaded). Nothing happens where there are no service
/// workers.
pub fn on_new_version(ready: impl Fn() + 'static) {
    let Some(c) = container() else { return };
    let Ok(registered) = c.ready() else { return };
    let ready: js_sys::Function = Closure::<dyn Fn()>::new(ready).into_js_value().unchecked_into();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(registered).await else { return };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        // A build found later announces its worker as `installing`, then `installed`.
        let found_in = registration.clone();
        let on_ready = ready.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            if let Some(installing) = found_in.installing() {
                when_installed(installing, on_ready.clone());
            }
        });
        // Lives as long as the page (one registration, one watch).
        registration.set_onupdatefound(Some(on_found.into_js_value().unchecked_ref()));
        if let Some(installing) = registration.installing() {
            when_installed(installing, ready.clone());
        }
        if let Some(waiting) = registration.waiting() {
            offer_if_other(waiting, &ready).await;
        }
    });
}

/// Reloads the page (to run the build that is ready).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
