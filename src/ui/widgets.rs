//! Small pieces every view uses: translated text, modal dialogs, key-derivation progress, and
//! what to say about a file.

use super::state::{AppState, Session};
use crate::account::Account;
use crate::i18n::{self, Lang, T};
use leptos::prelude::*;

/// The session's problem on the current screen, worded in the language shown (so switching the
/// language rewords it); nothing when there is none. `alert`: announced as it appears.
#[component]
pub fn SessionProblem(#[prop(optional)] quiet: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    move || {
        session.problem.get().map(|p| match quiet {
            false => view! { <p class="error" role="alert" data-testid="problem">{move || p.text(state.lang.get())}</p> }.into_any(),
            true => view! { <p class="error">{move || p.text(state.lang.get())}</p> }.into_any(),
        })
    }
}

/// A key being derived in the worker: progress, why it takes a moment, and Cancel (which ends
/// the worker; the waiting caller then says "Cancelled").
#[component]
pub fn KdfProgress() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="kdf-progress" role="status" data-testid="kdf-progress">
            <progress aria-label=tr(T::Working)></progress>
            <span>{move || i18n::deriving(state.lang.get())}</span>
            <button type="button" data-testid="kdf-cancel" on:click=move |_| crate::web::kdf::cancel()>{tr(T::Cancel)}</button>
        </div>
    }
}

/// What to tell the user about a chosen file that could not be read; `refused` is the form's
/// own wording for a file the browser would not hand over.
pub fn file_problem(lang: Lang, e: crate::web::files::FileError, refused: impl FnOnce() -> String) -> String {
    match e {
        crate::web::files::FileError::TooLarge { bytes } => i18n::file_too_large(lang, bytes),
        crate::web::files::FileError::Refused => refused(),
    }
}

/// Shows `dialog` as a modal while `shown()` is true and closes it otherwise. Focus comes back to
/// the element that opened it when it closes, however it closes (Escape, Close, done, or the vault
/// locked): what had focus when it opened, if that is still on the page.
pub fn sync_modal(dialog: NodeRef<leptos::html::Dialog>, shown: impl Fn() -> bool + Send + Sync + 'static) {
    sync_modal_or(dialog, shown, || None);
}

/// [`sync_modal`], and where the focus goes when what opened the dialog is gone or never had the
/// focus (a menu item that closed with its menu, a tap that focused nothing): the element that
/// `fallback` (asked as the dialog opens) selects, if it is on the page then.
pub fn sync_modal_or(dialog: NodeRef<leptos::html::Dialog>, shown: impl Fn() -> bool + Send + Sync + 'static, fallback: impl Fn() -> Option<String> + Send + Sync + 'static) {
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let instead = StoredValue::new(None::<String>);
    Effect::new(move |was_shown: Option<bool>| {
        let now_shown = shown();
        let Some(d) = dialog.get() else { return now_shown };
        if now_shown {
            if !d.open() {
                opener.set_value(focused_element());
                instead.set_value(untrack(&fallback));
                let _ = d.show_modal();
            }
        } else {
            if d.open() {
                d.close();
            }
            if was_shown == Some(true) {
                return_focus(opener, instead.try_update_value(Option::take).flatten());
            }
        }
        now_shown
    });
}

/// The element that has focus now (not the page itself).
fn focused_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    document().active_element()?.dyn_into::<web_sys::HtmlElement>().ok().filter(|e| e.tag_name() != "BODY")
}

/// Focuses what opened a dialog (else the element `instead` selects), once the dialog's own
/// closing is done (the browser may move focus as it closes; a dialog closed because another
/// opened keeps the new one's focus).
fn return_focus(opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>, instead: Option<String>) {
    use wasm_bindgen::JsCast;
    let el = opener.try_update_value(Option::take).flatten();
    request_animation_frame(move || {
        let in_other_dialog = document().query_selector("dialog[open]").ok().flatten().is_some();
        if in_other_dialog {
            return;
        }
        let target = el.filter(|e| e.is_connected()).or_else(|| {
            let selector = instead?;
            document().query_selector(&selector).ok().flatten()?.dyn_into::<web_sys::HtmlElement>().ok()
        });
        if let Some(t) = target {
            let _ = t.focus();
        }
    });
}

/// Moves focus to the element with `data-testid` `id` once it is rendered: where the next action
/// is after the last one.
pub fn focus_testid(id: &'static str) {
    request_animation_frame(move || {
        focus_now(id);
    });
}

/// Moves focus to `id` on the next frame, as [`focus_testid`], unless the person has put the focus
/// somewhere themselves meanwhile (a quick tap into the new step's field keeps its focus, and
/// what is typed there lands there, not in the field the step would have focused).
pub fn focus_testid_unless_moved(id: &'static str) {
    let before = focused_element();
    request_animation_frame(move || {
        if focused_element() == before {
            focus_now(id);
        }
    });
}

/// Moves focus to the element with `data-testid` `id` now; returns whether it is there.
pub fn focus_now(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    let found = document().query_selector(&format!("[data-testid={id}]")).ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    found.map(|el| el.focus().is_ok()).unwrap_or(false)
}

/// Moves focus to the element with `data-testid` `id` once it is on the page (a screen loaded in
/// its own module may take a few frames), unless the user has put the focus somewhere meanwhile
/// or a dialog is open: after a lock or an unlock, where the next action is.
pub fn focus_when_shown(id: &'static str) {
    fn attempt(id: &'static str, frames_left: u32) {
        request_animation_frame(move || {
            let idle = focused_element().is_none();
            let in_dialog = document().query_selector("dialog[open]").ok().flatten().is_some();
            if !idle || in_dialog || focus_now(id) || frames_left == 0 {
                return;
            }
            attempt(id, frames_left - 1);
        });
    }
    attempt(id, 180);
}

/// Translates a key in the current language (reactive).
pub fn tr(key: impl i18n::Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = expect_context::<AppState>();
    // A touch screen gets the texts without keyboard hints.
    let touch = crate::web::page::touch_only();
    move || i18n::t_on(state.lang.get(), key, touch)
}

/// "GitHub (alice)", "GitHub", "alice" — an account as sentences and accessible names name it.
pub fn account_name(lang: Lang, a: &Account) -> String {
    i18n::account_label(lang, &a.issuer, &a.name, |i, n| format!("{i} ({n})"))
}

/// A small line icon (24 × 24, drawn in the text colour), hidden from screen readers: the words
/// beside it say what it means.
#[component]
pub fn Icon(
    /// The SVG path.
    path: &'static str,
) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round" />
        </svg>
    }
}

/// Keeps a page listener for as long as the calling component lives.
pub fn keep_while_mounted(listeners: Vec<crate::web::tabs::PageListener>) {
    let kept = StoredValue::new_local(listeners);
    on_cleanup(move || {
        kept.try_update_value(|l| l.drain(..).for_each(crate::web::tabs::PageListener::remove));
    });
}
