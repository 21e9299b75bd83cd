include!("../form_common.rs");

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A small stored struct, read back as JSON.
#[derive(Deserialize)]
struct Settings {
    lang: String,
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    remember: bool,
}

/// An IDB request's result, awaited: onsuccess / onerror closures resolve a Promise.
async fn await_request(req: &web_sys::IdbRequest) -> Result<JsValue, JsValue> {
    let req2 = req.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = req2.clone();
        let ok = Closure::once_into_js(move |_ev: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move |ev: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &ev);
        });
        req2.set_onsuccess(Some(ok.unchecked_ref()));
        req2.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn load_settings() -> Result<Option<Settings>, JsValue> {
    let factory = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no indexedDB"))?;
    let open = factory.open_with_u32("floor", 1)?;
    // First run: create the store.
    let open2 = open.clone();
    let upgrade = Closure::once_into_js(move |_ev: web_sys::Event| {
        if let Ok(db) = open2.result() {
            let db: web_sys::IdbDatabase = db.unchecked_into();
            let _ = db.create_object_store("meta");
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db: web_sys::IdbDatabase = await_request(&open).await?.unchecked_into();
    let tx = db.transaction_with_str_and_mode("meta", web_sys::IdbTransactionMode::Readonly)?;
    let store = tx.object_store("meta")?;
    let value = await_request(&store.get(&JsValue::from_str("settings"))?).await?;
    match value.as_string() {
        Some(text) => serde_json::from_str::<Settings>(&text)
            .map(Some)
            .map_err(|e| JsValue::from_str(&e.to_string())),
        None => Ok(None),
    }
}

#[component]
fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::En);
    let status = RwSignal::new(Status::Idle);
    let loaded = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match load_settings().await {
            Ok(Some(s)) => {
                lang.set(if s.lang == "fr" { Lang::Fr } else { Lang::En });
                if s.remember { status.set(Status::Unlocking) }
            }
            Ok(None) => {}
            Err(_) => status.set(Status::Error(Msg::Wrong)),
        }
        loaded.set(true);
    });
    view! {
        <main>
            <Show when=move || loaded.get() fallback=|| view! { <p>"…"</p> }>
                <UnlockForm lang status/>
            </Show>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App)
}
