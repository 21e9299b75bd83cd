//! Passphrase fields: one with a show/hide toggle, and a new passphrase with its strength and
//! confirmation. Used by the first screen, the unlock screen and the settings.

use super::tr;
use crate::i18n::T;
use crate::passphrase::{Assessment, NewPassphraseError, Strength, Weakness};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The strength estimate and its word and name lists, in a module of their own (issue 25):
/// fetched as the new-passphrase form is shown, so the first screen's module carries neither.
mod checker {
    use crate::passphrase::{Assessment, NewPassphraseError};
    use crate::ui::parts::LoadFailed as Missing;

    /// [`crate::passphrase::assess`].
    #[leptos::wasm_split::wasm_split(passphrase_part, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[doc = "Fetches the estimator without running it."] preload_checker))]
    pub fn assess(pass: String) -> Result<Assessment, Missing> {
        Ok(crate::passphrase::assess(&pass))
    }

    /// [`crate::passphrase::check_new`].
    #[leptos::wasm_split::wasm_split(passphrase_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn check_new(pass: String, confirm: String) -> Result<Result<(), NewPassphraseError>, Missing> {
        Ok(crate::passphrase::check_new(&pass, &confirm))
    }
}

/// Checks a new passphrase and its confirmation ([`crate::passphrase::check_new`]); `None` if the
/// estimator's module could not be fetched.
pub async fn check_new(pass: String, confirm: String) -> Option<Result<(), NewPassphraseError>> {
    checker::check_new(pass, confirm).await.ok()
}

/// A passphrase field with a show/hide toggle (`aria-pressed` says whether it is shown). The
/// toggle's test id is `{id}-toggle`.
#[component]
pub fn PassInput(
    /// Id and test id of the input.
    id: &'static str,
    /// What the field is called (the toggle's accessible name names it).
    label: T,
    /// `new-password`, `current-password` or `off`: said while hidden; shown, it is always `off`.
    autocomplete: &'static str,
    /// The value.
    value: RwSignal<String>,
    /// Focus it when shown.
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let shown = RwSignal::new(false);
    let toggle_id = format!("{id}-toggle");
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    // Nothing typed here may reach the disk. Chromium and Safari write the value of every text
    // field into the profile every few seconds (form state in the session snapshot, for tab
    // restore) unless the field says autocomplete="off"; a password field is never written.
    // So while shown (a text field) the field says "off", and while hidden (a password field)
    // it keeps its hint (current-password, new-password) for password managers. Both are set on
    // the element in one step, in an order that is never "text with a hint"; Firefox leaves out
    // any field that was once a password field.
    let reveal = move |on: bool| {
        if let Some(el) = input.get_untracked() {
            if on {
                el.set_autocomplete("off");
                el.set_type("text");
            } else {
                el.set_type("password");
                el.set_autocomplete(autocomplete);
            }
        }
        shown.set(on);
    };
    // A form sent while the passphrase is shown: the field is a password field again before the
    // browser or any handler sees the submission (a capturing listener on the window), so it is
    // never kept as typed text (form history, autofill).
    super::widgets::keep_while_mounted(vec![crate::web::tabs::PageListener::new(crate::web::tabs::On::Window, "submit", true, move |_| {
        if shown.get_untracked() {
            reveal(false);
        }
    })]);
    let name = move || {
        let lang = state.lang.get();
        let field = crate::i18n::t(lang, label);
        match lang {
            crate::i18n::Lang::Ja => format!("{field}を表示"),
            // English labels are ASCII: no Unicode case tables in the first screen's module.
            crate::i18n::Lang::En => format!("Show {}", field.to_ascii_lowercase()),
        }
    };
    view! {
        <span class="pass-field">
            <input node_ref=input id=id type="password" autocomplete=autocomplete data-testid=id
                autofocus=autofocus spellcheck="false" autocapitalize="off"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            <button type="button" class="ghost show-pass" data-testid=toggle_id aria-label=name
                aria-pressed=move || if shown.get() { "true" } else { "false" }
                on:click=move |_| reveal(!shown.get_untracked())>
                {move || crate::i18n::show_hide_text(state.lang.get(), false)}
            </button>
        </span>
    }
}

/// Fetches the estimator's module ahead of use: the first screen asks for it before the open
/// vault's modules, so the meter answers as soon as a passphrase is typed on a slow first visit.
pub async fn preload_estimator() {
    let _ = checker::preload_checker().await;
}

/// The strength line under a new passphrase: the verdict, and below the floor, why.
#[component]
pub fn StrengthMeter(
    /// The passphrase being typed.
    pass: RwSignal<String>,
) -> impl IntoView {
    // The verdict on what is typed now: at once when too short, else from the estimator's
    // module (a moment later the first time, while it loads: "checking", aria-busy). An answer
    // about an earlier value is dropped.
    let verdict = RwSignal::new(None::<Assessment>);
    // The module could not be fetched (offline on a first visit): said, not "checking" forever;
    // the next keystroke tries again.
    let unfetched = RwSignal::new(false);
    spawn_local(async move {
        let _ = checker::preload_checker().await;
    });
    Effect::new(move |_| {
        let p = pass.get();
        unfetched.set(false);
        if let Some(short) = crate::passphrase::too_short(&p) {
            verdict.set(Some(short));
            return;
        }
        verdict.set(None);
        spawn_local(async move {
            let said = checker::assess(p.clone()).await;
            if pass.try_with_untracked(|now| *now == p) == Some(true) {
                let _ = unfetched.try_set(said.is_err());
                let _ = verdict.try_set(said.ok());
            }
        });
    });
    let key = move || match verdict.get().map(|v| v.strength) {
        None if unfetched.get() => T::PartLoadFailed,
        None => T::StrengthChecking,
        Some(Strength::TooShort) => T::PassTooShort,
        Some(Strength::Weak) => T::StrengthWeak,
        Some(Strength::Fair) => T::StrengthFair,
        Some(Strength::Strong) => T::StrengthStrong,
    };
    let level = move || match verdict.get().map(|v| v.strength) {
        None | Some(Strength::TooShort) => "0",
        Some(Strength::Weak) => "1",
        Some(Strength::Fair) => "2",
        Some(Strength::Strong) => "3",
    };
    let state = expect_context::<super::AppState>();
    let text = move || {
        let lang = state.lang.get();
        let label = crate::i18n::t(lang, key());
        match verdict.get().and_then(|v| v.weakness) {
            Some(w) if w != Weakness::TooShort => format!("{label}{}{}", if lang == crate::i18n::Lang::Ja { "" } else { " " }, crate::i18n::weakness(lang, w)),
            _ => label.to_owned(),
        }
    };
    view! {
        <p class="strength" data-testid="strength" data-level=level aria-live="polite"
            aria-busy=move || (verdict.with(Option::is_none) && !unfetched.get()).then_some("true")>
            <span class="meter" aria-hidden="true"><span></span></span>
            {text}
        </p>
    }
}

/// A new passphrase, its strength, and its confirmation, each with a show/hide toggle. The
/// fields' ids (and test ids) are `id` and `{id}-confirm`.
#[component]
pub fn NewPassphraseFields(
    /// Id of the first field.
    id: &'static str,
    /// Label of the first field.
    label: T,
    /// The passphrase.
    pass: RwSignal<String>,
    /// Its confirmation.
    confirm: RwSignal<String>,
) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let confirm_id: &'static str = if id == "new-pass" { "new-pass-confirm" } else { "change-pass-confirm" };
    view! {
        <label for=id>{tr(label)}</label>
        <PassInput id=id label=label autocomplete="new-password" value=pass />
        <StrengthMeter pass=pass />
        <p class="hint floor" data-testid=format!("{id}-floor")>{move || crate::i18n::passphrase_floor(state.lang.get())}</p>
        <label for=confirm_id>{tr(T::PassConfirmLabel)}</label>
        <PassInput id=confirm_id label=T::PassConfirmLabel autocomplete="new-password" value=confirm />
    }
}
