//! The screens before the codes: create a vault, unlock it, wait for the key, or a problem.

use super::handoff::ChosenBackup;
use super::passphrase::{check_new, NewPassphraseFields, PassInput};
use super::state::{Phase, Problem, Session};
use super::tr;
use crate::i18n::{L, T};
use crate::passphrase::NewPassphraseError;
use crate::web::files;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// First visit: three choices, start new, restore a backup, or move from another app, all above
/// the fold on a phone. Start new is chosen to begin with, so its form is right there; restore
/// and move are each the file picker itself (one tap to the files). Restore then asks for the
/// backup's passphrase; move reads the chosen export QR codes and files, then the passphrase form
/// creates the vault and the import dialog opens on what was read.
#[component]
pub fn CreateScreen() -> impl IntoView {
    use super::migrate_start::{FirstPath, MigrateChoice, MigrateSaidLine, Start};
    let state = expect_context::<super::AppState>();
    let chosen = ChosenBackup(StoredValue::new_local(None), RwSignal::new(String::new()));
    provide_context(chosen);
    let start = Start::new(chosen);
    let path = start.path;
    let restoring = move || path.get() == FirstPath::Restore;
    let text = move |restore: bool| crate::i18n::first_choice(state.lang.get(), restore);
    // Another app's picture or file chosen here goes to the migration instead.
    let on_file = move |ev: leptos::ev::Event| {
        let file = crate::web::page::chosen_file(&ev);
        if let Some(f) = &file {
            if start.restore_got(f) {
                return;
            }
            chosen.1.set(f.name());
            chosen.0.set_value(file);
            path.set(FirstPath::Restore);
        }
    };
    view! {
        <section class="first-run" data-testid="first-screen" aria-label=move || crate::i18n::t(state.lang.get(), T::AppTitle)>
            <div class="choices" role="group">
                <button type="button" class="choice" data-testid="choose-new" aria-pressed=move || if path.get() == FirstPath::New { "true" } else { "false" }
                    on:click=move |_| path.set(FirstPath::New)>
                    <span class="choice-title">{move || text(false).0}</span>
                    <span class="choice-line">{move || text(false).1}</span>
                </button>
                <label class="choice" data-testid="choose-restore" class:chosen=restoring>
                    <span class="choice-title">{move || text(true).0}</span>
                    <span class="choice-line">{move || text(true).1}</span>
                    <input type="file" id="restore-file" data-testid="restore-file" accept=".2favault,application/octet-stream" on:change=on_file />
                </label>
                <MigrateChoice start=start />
            </div>
            <MigrateSaidLine start=start />
            <Show when=restoring fallback=|| view! { <CreateForm /> }>
                <section class="card gate" data-testid="restore-screen" aria-labelledby="restore-title">
                    <h2 id="restore-title">{tr(T::RestoreTitle)}</h2>
                    {super::parts::on_first_use(|| true, restore_loader::restore_fresh)}
                </section>
            </Show>
        </section>
    }
}

/// Choose a passphrase for a new vault (refused below the floor, with the reason).
#[component]
fn CreateForm() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<super::AppState>();
    let pass = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let error = RwSignal::new(None::<NewPassphraseError>);
    // A refusal is about what was submitted: typing again takes it away (the meter speaks now).
    Effect::new(move |seen: Option<()>| {
        pass.track();
        confirm.track();
        if seen.is_some() {
            error.set(None);
        }
    });
    // Checked by the estimator's module (loaded with this form, so at once but on a first slow
    // visit); one check at a time, the button busy meanwhile. The vault is made only if this
    // form is still shown and still holds what was checked: a passphrase changed while the
    // check ran is checked again on the next press, never made the vault's.
    let checking = RwSignal::new(false);
    let submit = move || {
        if checking.get_untracked() {
            return;
        }
        checking.set(true);
        let (p, c) = (pass.get_untracked(), confirm.get_untracked());
        spawn_local(async move {
            let checked = check_new(p.clone(), c.clone()).await;
            if checking.try_set(false).is_some() {
                return;
            }
            let unchanged = pass.try_with_untracked(|now| *now == p) == Some(true) && confirm.try_with_untracked(|now| *now == c) == Some(true);
            if !unchanged || session.phase.get_untracked() != Phase::Create {
                return;
            }
            match checked {
                None => session.problem.set(Some(Problem::Said(T::PartLoadFailed))),
                Some(Err(e)) => error.set(Some(e)),
                Some(Ok(())) => {
                    error.set(None);
                    session.create(p);
                }
            }
        });
    };
    view! {
        <section class="card gate" data-testid="create-screen" aria-labelledby="create-title">
            <h2 id="create-title">{tr(T::CreateTitle)}</h2>
            <p>{tr(T::CreateIntro)}</p>
            <form on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <NewPassphraseFields id="new-pass" label=T::PassLabel pass=pass confirm=confirm />
                <p class="warning" role="note">{tr(T::ForgetWarning)}</p>
                {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="create-error">{move || crate::i18n::new_passphrase_refusal(state.lang.get(), e)}</p> })}
                <super::widgets::SessionProblem />
                <div class="buttons"><button type="submit" class="primary" data-testid="create-vault" aria-busy=move || checking.get().then_some("true")>{tr(T::CreateButton)}</button></div>
            </form>
        </section>
    }
}

/// A vault is stored: ask for the passphrase, or lead with the passkey when the vault has one.
/// The focus is where the next action is: the passkey button, else the passphrase (again the
/// passphrase after a refused one).
#[component]
pub fn UnlockScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<super::AppState>();
    let pass = RwSignal::new(String::new());
    let has_passkey = move || session.passkeys.with(|p| !p.is_empty());
    let leads_with_passkey = session.passkeys.with_untracked(|p| !p.is_empty()) && session.problem.with_untracked(Option::is_none);
    super::widgets::focus_when_shown(if leads_with_passkey { "unlock-passkey" } else { "unlock-pass" });
    view! {
        <section class="card gate" data-testid="unlock-screen" aria-labelledby="unlock-title">
            <h2 id="unlock-title">{tr(T::UnlockTitle)}</h2>
            <p data-testid="unlock-intro">{move || if has_passkey() { crate::i18n::unlock_intro_passkey(state.lang.get()) } else { crate::i18n::t(state.lang.get(), T::UnlockIntro) }}</p>
            <Show when=move || session.discarded.get()>
                <p class="notice" role="status" data-testid="lock-discarded">{tr(T::LockDiscarded)}</p>
            </Show>
            // A passkey first when the vault has one: one touch; the passphrase stays right below.
            <Show when=has_passkey>
                <div class="buttons start passkey-unlock">
                    <button type="button" class="primary" data-testid="unlock-passkey" disabled=move || session.asking_passkey.get()
                        on:click=move |_| session.unlock_with_passkey()>{move || crate::i18n::passkey_offer_title(state.lang.get())}</button>
                </div>
                <Show when=move || session.asking_passkey.get()>
                    <p class="status" role="status" data-testid="passkey-asking">{tr(T::PasskeyAsking)}</p>
                </Show>
                <p class="or">{tr(T::OrPassphrase)}</p>
            </Show>
            <form on:submit=move |ev| { ev.prevent_default(); session.unlock(pass.get_untracked()); pass.set(String::new()); }>
                <label for="unlock-pass">{tr(T::PassLabel)}</label>
                <PassInput id="unlock-pass" label=T::PassLabel autocomplete="current-password" value=pass autofocus=!leads_with_passkey />
                <super::widgets::SessionProblem />
                <div class="buttons"><button type="submit" class=move || if has_passkey() { "" } else { "primary" } data-testid="unlock">{tr(T::UnlockButton)}</button></div>
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

/// The stored record cannot be read, or is from a newer version: keep it, offer it raw. (The
/// session's own message, if any, is shown above it by `App`.)
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
        None => crate::i18n::t(state.lang.get(), L::DamagedIntro).to_owned(),
    };
    view! {
        <section class="card gate" data-testid="problem-screen">
            <h2>{move || if newer.is_some() { tr(L::NewerTitle)() } else { tr(L::DamagedTitle)() }}</h2>
            <p role="alert">{message}</p>
            <div class="buttons">
                <button class="primary" data-testid="download-raw" on:click=download>{tr(L::DownloadRaw)}</button>
            </div>
        </section>
    }
}

/// Restoring a backup file in a fresh browser (under the create screen), its own wasm module.
mod restore_loader {
    use crate::ui::parts::Part;
    use crate::ui::restore::{Place, RestoreForm};
    use leptos::prelude::*;

    /// Restoring a backup file in a fresh browser (under the create screen).
    #[leptos::wasm_split::wasm_split(restore_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn restore_fresh() -> Part {
        Ok(view! { <RestoreForm place=Place::FirstScreen /> }.into_any())
    }
}
