//! The screens before the codes: create a vault, unlock it, wait for the key, or a problem.

use super::state::Session;
use super::tr;
use crate::i18n::T;
use crate::passphrase::{check_new, strength, Strength};
use crate::web::files;
use leptos::prelude::*;

/// The strength line under a new passphrase.
#[component]
pub fn StrengthMeter(
    /// The passphrase being typed.
    pass: RwSignal<String>,
) -> impl IntoView {
    let verdict = move || strength(&pass.get());
    let key = move || match verdict() {
        Strength::TooShort => T::PassTooShort,
        Strength::Weak => T::StrengthWeak,
        Strength::Fair => T::StrengthFair,
        Strength::Strong => T::StrengthStrong,
    };
    let level = move || match verdict() {
        Strength::TooShort => "0",
        Strength::Weak => "1",
        Strength::Fair => "2",
        Strength::Strong => "3",
    };
    let state = expect_context::<super::AppState>();
    view! {
        <p class="strength" data-testid="strength" data-level=level aria-live="polite">
            <span class="meter" aria-hidden="true"><span></span></span>
            {move || crate::i18n::t(state.lang.get(), key())}
        </p>
    }
}

/// A new passphrase, its strength, and its confirmation. The fields' ids (and test ids) are
/// `id` and `{id}-confirm`.
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
    let confirm_id = format!("{id}-confirm");
    view! {
        <label for=id>{tr(label)}</label>
        <input id=id type="password" autocomplete="new-password" data-testid=id
            prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
        <StrengthMeter pass=pass />
        <label for=confirm_id.clone()>{tr(T::PassConfirmLabel)}</label>
        <input id=confirm_id.clone() type="password" autocomplete="new-password" data-testid=confirm_id
            prop:value=move || confirm.get() on:input=move |ev| confirm.set(event_target_value(&ev)) />
    }
}

/// First visit: choose a passphrase, or restore a backup file.
#[component]
pub fn CreateScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let pass = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<T>);
    let submit = move || {
        let p = pass.get_untracked();
        match check_new(&p, &confirm.get_untracked()) {
            Err(e) => error.set(Some(crate::i18n::new_passphrase_error(e))),
            Ok(()) => {
                error.set(None);
                session.create(p);
            }
        }
    };
    view! {
        <section class="card gate" data-testid="create-screen" aria-labelledby="create-title">
            <h2 id="create-title">{tr(T::CreateTitle)}</h2>
            <p>{tr(T::CreateIntro)}</p>
            <form on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <NewPassphraseFields id="new-pass" label=T::PassLabel pass=pass confirm=confirm />
                <p class="warning" role="note">{tr(T::ForgetWarning)}</p>
                {move || error.get().map(|k| view! { <p class="error" role="alert" data-testid="create-error">{tr(k)}</p> })}
                {move || session.problem.get().map(|m| view! { <p class="error" role="alert" data-testid="problem">{m}</p> })}
                <div class="buttons"><button type="submit" class="primary" data-testid="create-vault">{tr(T::CreateButton)}</button></div>
            </form>
        </section>
        <section class="card" aria-labelledby="restore-title">
            <h2 id="restore-title">{tr(T::RestoreTitle)}</h2>
            {super::parts::on_first_use(|| true, super::parts::restore_fresh)}
        </section>
    }
}

/// A vault is stored: ask for the passphrase.
#[component]
pub fn UnlockScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let pass = RwSignal::new(String::new());
    view! {
        <section class="card gate" data-testid="unlock-screen" aria-labelledby="unlock-title">
            <h2 id="unlock-title">{tr(T::UnlockTitle)}</h2>
            <p>{tr(T::UnlockIntro)}</p>
            <Show when=move || session.discarded.get()>
                <p class="notice" role="status" data-testid="lock-discarded">{tr(T::LockDiscarded)}</p>
            </Show>
            // A passkey first when the vault has one: one touch; the passphrase stays right below.
            <Show when=move || session.passkeys.with(|p| !p.is_empty())>
                <div class="buttons start passkey-unlock">
                    <button type="button" class="primary" data-testid="unlock-passkey" disabled=move || session.asking_passkey.get()
                        on:click=move |_| session.unlock_with_passkey()>{tr(T::UnlockWithPasskey)}</button>
                </div>
                <Show when=move || session.asking_passkey.get()>
                    <p class="status" role="status" data-testid="passkey-asking">{tr(T::PasskeyAsking)}</p>
                </Show>
                <p class="or">{tr(T::OrPassphrase)}</p>
            </Show>
            <form on:submit=move |ev| { ev.prevent_default(); session.unlock(pass.get_untracked()); pass.set(String::new()); }>
                <label for="unlock-pass">{tr(T::PassLabel)}</label>
                <input id="unlock-pass" type="password" autocomplete="current-password" data-testid="unlock-pass" autofocus
                    prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                {move || session.problem.get().map(|m| view! { <p class="error" role="alert" data-testid="problem">{m}</p> })}
                <div class="buttons"><button type="submit" class=move || if session.passkeys.with(|p| p.is_empty()) { "primary" } else { "" } data-testid="unlock">{tr(T::UnlockButton)}</button></div>
            </form>
        </section>
    }
}

/// While Argon2id runs.
#[component]
pub fn WorkingScreen() -> impl IntoView {
    view! {
        <section class="card gate" data-testid="working" aria-busy="true">
            <p>{tr(T::Working)}</p>
            <super::KdfProgress />
        </section>
    }
}

/// The stored record cannot be read, or is from a newer version: keep it, offer it raw.
#[component]
pub fn ProblemScreen(
    /// Newer format version, if that is the problem.
    newer: Option<u16>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<super::AppState>();
    let download = move |_| {
        if let Some(bytes) = session.stored_bytes() {
            let _ = files::download("authenticator-stored-record.2favault", &bytes);
        }
    };
    let message = move || match newer {
        Some(found) => crate::i18n::vault_error(state.lang.get(), &crate::vault::VaultError::NewerEnvelope { found }),
        None => crate::i18n::t(state.lang.get(), T::DamagedIntro).to_owned(),
    };
    view! {
        <section class="card gate" data-testid="problem-screen">
            <h2>{move || if newer.is_some() { tr(T::NewerTitle)() } else { tr(T::DamagedTitle)() }}</h2>
            <p role="alert">{message}</p>
            {move || session.problem.get().map(|m| view! { <p class="error">{m}</p> })}
            <div class="buttons">
                <button class="primary" data-testid="download-raw" on:click=download>{tr(T::DownloadRaw)}</button>
            </div>
        </section>
    }
}
