//! The parts of the app kept out of the first screen's module, loaded on first use, and the
//! message shown when one cannot be fetched; and the notice that a newer build is ready.
//!
//! A tab runs one build until it is reloaded: its parts and workers are that build's files, which
//! the service worker keeps while any tab uses them (`assets/sw.js`). So a deploy never makes a
//! part fail to load; the notice only offers the new version.

use super::state::ClockSync;
use super::tr;
use crate::i18n::{L, T};
use leptos::prelude::*;

/// A part of the app that failed to load (its own wasm module could not be fetched).
#[derive(Debug, Clone, Copy)]
pub struct LoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// What a part's loader gives: its view, or why there is none.
pub type Part = Result<AnyView, LoadFailed>;

/// Mounts a part that lives in its own wasm module once `wanted()` first holds, and keeps it from
/// then on (its dialog then opens and closes as before). If the module cannot be fetched, a message
/// says so with a button to try again; nothing panics.
pub fn on_first_use<Fut>(wanted: impl Fn() -> bool + Send + Sync + 'static, load: fn() -> Fut) -> AnyView
where
    Fut: std::future::Future<Output = Part> + Send + 'static,
{
    // Only this wrapper is built once per part; the rest once for all (issue 25: each copy of
    // the view machinery below was in the first screen's module).
    mount_on_first_use(Box::new(wanted), Box::new(move || Box::pin(load())))
}

/// A part's loader with its future boxed, so [`mount_on_first_use`] is one function for all.
type Loader = Box<dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Part> + Send>> + Send + Sync>;

fn mount_on_first_use(wanted: Box<dyn Fn() -> bool + Send + Sync>, load: Loader) -> AnyView {
    let load = std::sync::Arc::new(load);
    let loaded = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || wanted());
    let attempt = RwSignal::new(0u32);
    let view = move || {
        attempt.track();
        loaded.get().then(|| {
            // Compiling a module can block the page, as key derivation does: a clock sync running
            // then is repeated.
            let clock = use_context::<ClockSync>();
            clock.inspect(|c| c.disturb());
            let load = load.clone();
            Suspend::new(async move {
                let part = load().await;
                clock.inspect(|c| c.disturb());
                match part {
                    Ok(view) => view,
                    Err(LoadFailed) => view! {
                        <p class="error load-failed" role="alert" data-testid="load-failed">
                            {tr(T::PartLoadFailed)}" "
                            <button on:click=move |_| attempt.update(|n| *n += 1)>{tr(T::TryAgain)}</button>
                        </p>
                    }
                    .into_any(),
                }
            })
        })
    };
    view.into_any()
}

/// "A new version is ready": shown once a newer build's service worker is installed. This tab
/// keeps working on its own build; the button reloads it into the new one. The notice itself is
/// its own module, fetched when a new version is there (from this tab's build, which the service
/// worker keeps).
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ready = RwSignal::new(false);
    crate::web::pwa::on_new_version(move || {
        let _ = ready.try_set(true);
    });
    on_first_use(move || ready.get(), update_notice)
}

/// [`UpdateNotice`]'s words and button.
#[leptos::wasm_split::wasm_split(update_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn update_notice() -> Part {
    Ok(view! {
        <p class="notice update-ready" role="status" data-testid="update-ready">
            {tr(L::UpdateReady)}" "
            <button type="button" data-testid="update-reload" on:click=move |_| crate::web::pwa::reload()>{tr(L::UpdateReload)}</button>
        </p>
    }
    .into_any())
}
