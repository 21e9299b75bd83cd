//! Settings and backup: auto-lock, passphrase change, export, restore, storage status.

use super::passphrase::{NewPassphraseFields, PassInput};
use super::state::{AutoSave, KeptIn, Session};
use super::{tr, AppState};

use crate::i18n::{self, L, T};
use crate::passphrase::check_new;
use leptos::prelude::*;

const AUTO_LOCK_CHOICES: [u32; 6] = [1, 5, 15, 30, 60, 0];
/// Low-codes thresholds offered.
const LOW_CHOICES: [u32; 7] = [0, 1, 2, 3, 4, 5, 10];

/// The settings panel shown under the list: its body is loaded when it is first opened.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let session = expect_context::<Session>();
    let stored = move || session.kept_in.get() == KeptIn::IndexedDb;
    let opened = RwSignal::new(false);
    let summary = NodeRef::<leptos::html::Summary>::new();
    // Escape folds the settings and gives the focus back to their heading, as the menus do.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(s) = summary.get_untracked() else { return };
        let Some(details) = s.parent_element() else { return };
        if ev.key() == "Escape" && details.has_attribute("open") {
            ev.prevent_default();
            let _ = details.remove_attribute("open");
            let _ = s.focus();
        }
    };
    view! {
        <Show when=stored>
            <details class="card settings" data-testid="settings" on:toggle=move |_| opened.set(true) on:keydown=on_key>
                <summary node_ref=summary data-testid="settings-summary">{tr(L::Settings)}</summary>
                {super::parts::on_first_use(move || opened.get(), settings_loader::settings)}
            </details>
        </Show>
    }
}

/// What the settings panel holds.
#[component]
pub fn SettingsBody() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let set_minutes = move |ev: leptos::ev::Event| {
        let minutes: u32 = event_target_value(&ev).parse().unwrap_or(crate::vault::DEFAULT_AUTO_LOCK_MINUTES);
        session.edit(move |c| c.settings.auto_lock_minutes = minutes);
    };
    let set_low = move |ev: leptos::ev::Event| {
        let n: u32 = event_target_value(&ev).parse().unwrap_or(crate::backup_codes::DEFAULT_LOW_THRESHOLD);
        session.edit(move |c| c.settings.low_codes_threshold = n);
    };
    // One tap: the share sheet where the browser has one for files, else a download; recorded
    // in the vault and told below (and at the top of the list).
    let export = move |_| session.back_up_now();
    view! {
        <div class="settings-body">
                <super::persistence_note::PersistenceNote in_settings=true />
                <label for="auto-lock">{tr(L::AutoLockLabel)}</label>
                <select id="auto-lock" data-testid="auto-lock" on:change=set_minutes>
                    {AUTO_LOCK_CHOICES.iter().map(|m| {
                        let m = *m;
                        view! {
                            <option value=m.to_string() selected=move || session.auto_lock_minutes.get() == m>
                                {move || if m == 0 { tr(L::Never)().to_owned() } else { crate::i18n::minutes(state.lang.get(), m) }}
                            </option>
                        }
                    }).collect_view()}
                </select>
                <label for="low-codes">{tr(L::LowCodesLabel)}</label>
                <select id="low-codes" data-testid="low-codes" on:change=set_low>
                    {LOW_CHOICES.iter().map(|n| {
                        let n = *n;
                        view! { <option value=n.to_string() selected=move || session.low_threshold.get() == n>{n.to_string()}</option> }
                    }).collect_view()}
                </select>

                <h3>{tr(L::PrivacyTitle)}</h3>
                <label class="check"><input type="checkbox" data-testid="tap-to-reveal"
                    prop:checked=move || session.settings.with(|s| s.tap_to_reveal)
                    on:change=move |ev| { let on = event_target_checked(&ev); session.edit(move |c| c.settings.tap_to_reveal = on); } />
                    {tr(L::TapToRevealLabel)}</label>
                <label class="check"><input type="checkbox" data-testid="hide-on-blur"
                    prop:checked=move || session.settings.with(|s| s.hide_on_blur)
                    on:change=move |ev| { let on = event_target_checked(&ev); session.edit(move |c| c.settings.hide_on_blur = on); } />
                    {tr(L::HideOnBlurLabel)}</label>

                <section class="backup-section" data-testid="backup-section">
                    <h3>{tr(L::ExportTitle)}</h3>
                    <p class="hint">{move || i18n::backup_file_intro(state.lang.get())}</p>
                    <Show when=move || session.passkeys.with(|p| !p.is_empty())>
                        <p class="hint" data-testid="export-passkey-note">{tr(L::PasskeyExportNote)}</p>
                    </Show>
                    <button data-testid="export" disabled=move || session.backing_up.get() on:click=export>{move || i18n::back_up_now(state.lang.get())}</button>
                    {move || session.backup_done.get().map(|done| {
                        let ok = matches!(done, super::state::BackupFileDone::Saved { .. });
                        view! {
                            <p class=if ok { "status" } else { "error" } role=if ok { "status" } else { "alert" } data-testid=if ok { "export-done" } else { "export-failed" }>
                                {super::backup_file_status::done_text(state.lang.get(), &done)}
                            </p>
                        }
                    })}
                    <AutoBackupFile />
                </section>
                <super::transfer::ExportAll />
                <super::kit::PrintKitButton />

                <super::transfer::ImportEntry />

                <h3>{tr(T::RestoreTitle)}</h3>
                <super::restore::RestoreForm place=super::restore::Place::Settings />

                <h3>{tr(L::PasskeyHeading)}</h3>
                <Passkeys />

                <h3>{tr(L::ChangePassTitle)}</h3>
                <ChangePassphrase />
        </div>
    }
}

/// The automatic backup file: choose it once; its state (on, needs permission, failed with the
/// reason) with the one button each state needs.
#[component]
fn AutoBackupFile() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let choose = move |_| session.choose_auto_file(i18n::auto_file_type(state.lang.get_untracked()).to_owned());
    // "Last written 3 minutes ago" moves by the minute: the 1 Hz tick does not re-render this.
    let minute = Memo::new(move |_| state.now_ms.get() / 60_000);
    view! {
        <h4>{move || i18n::auto_title(state.lang.get())}</h4>
        <div class="auto-backup" data-testid="auto-backup">
            {move || {
                let lang = state.lang.get();
                let now = minute.get() * 60_000;
                match session.autosave.get() {
                    AutoSave::Unsupported => view! { <p class="hint" data-testid="auto-backup-state" data-state="unsupported">{i18n::auto_unsupported(lang)}</p> }.into_any(),
                    AutoSave::Off => view! {
                        <p class="hint">{i18n::auto_intro(lang)}</p>
                        <button data-testid="auto-backup-choose" on:click=choose>{i18n::auto_choose(lang)}</button>
                    }.into_any(),
                    AutoSave::On { name, at_ms } => view! {
                        <p class="status" data-testid="auto-backup-state" data-state="on">{i18n::auto_on(lang, &name, at_ms.map(|t| i18n::ago(lang, now, t)).as_deref())}</p>
                        <button class="ghost" data-testid="auto-backup-stop" on:click=move |_| session.stop_auto_file()>{i18n::auto_stop(lang)}</button>
                    }.into_any(),
                    AutoSave::NeedsPermission { name } => view! {
                        <p class="warn" role="status" data-testid="auto-backup-state" data-state="needs-permission">{i18n::auto_needs_permission(lang, &name)}</p>
                        <button class="primary" data-testid="auto-backup-allow" on:click=move |_| session.allow_auto_file()>{i18n::auto_allow(lang)}</button>
                        <button class="ghost" data-testid="auto-backup-stop" on:click=move |_| session.stop_auto_file()>{i18n::auto_stop(lang)}</button>
                    }.into_any(),
                    AutoSave::Failed { name, reason } => view! {
                        <p class="error" role="alert" data-testid="auto-backup-state" data-state="failed">{i18n::auto_failed(lang, &name, &reason)}</p>
                        <button data-testid="auto-backup-choose" on:click=choose>{i18n::auto_choose(lang)}</button>
                        <button class="ghost" data-testid="auto-backup-stop" on:click=move |_| session.stop_auto_file()>{i18n::auto_stop(lang)}</button>
                    }.into_any(),
                }
            }}
        </div>
    }
}

/// The passkeys that unlock the vault: listed with name and date, each removable; and the button
/// that adds one (where the browser can).
#[component]
fn Passkeys() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<T>);
    let can_make = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move { let _ = can_make.try_set(Some(crate::web::passkey::can_offer().await)); });
    let add = move |_| {
        message.set(None);
        let name = i18n::t(state.lang.get_untracked(), L::PasskeyDefaultName).to_owned();
        session.enroll_passkey(name, move |key| message.set(Some(key)));
    };
    view! {
        <p class="hint">{tr(L::PasskeyIntro)}</p>
        <Show when=move || session.passkeys.with(|p| !p.is_empty())>
            <p class="status" data-testid="passkey-on">{move || i18n::passkey_on(state.lang.get())}</p>
        </Show>
        <ul class="passkeys" data-testid="passkey-list">
            {move || {
                let lang = state.lang.get();
                let list = session.passkeys.get();
                if list.is_empty() {
                    return view! { <li class="hint" data-testid="passkey-none">{i18n::t(lang, L::PasskeyNone)}</li> }.into_any();
                }
                list.into_iter().map(|p| {
                    let id = p.credential_id.clone();
                    let label = format!("{} · {}", p.name, i18n::date(lang, crate::web::clock::local_ms(p.created_ms)));
                    view! {
                        <li data-testid="passkey-item">
                            <span>{label.clone()}</span>" "
                            <button class="ghost" data-testid="remove-passkey" aria-label=format!("{} {}", i18n::t(lang, L::RemovePasskey), label)
                                on:click=move |_| {
                                    let id = id.clone();
                                    session.remove_passkey(id, move |ok| message.set(Some(if ok { T::PasskeyRemoved } else { T::PasskeyFailed })));
                                }>{i18n::t(lang, L::RemovePasskey)}</button>
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
        // Offered only where this browser can make one (a button that only says "cannot" after
        // the tap is a dead end); until the browser answers, offered.
        {move || if can_make.get() == Some(false) && session.passkeys.with(Vec::is_empty) {
            view! { <p class="hint" data-testid="passkey-unsupported">{tr(T::PasskeyUnavailable)}</p> }.into_any()
        } else {
            view! {
                <button data-testid="add-passkey" disabled=move || session.asking_passkey.get() on:click=add>
                    {move || if session.passkeys.with(Vec::is_empty) { i18n::t(state.lang.get(), L::AddPasskey) } else { i18n::add_another_passkey(state.lang.get()) }}
                </button>
            }.into_any()
        }}
        {move || message.get().map(|key| {
            let ok = matches!(key, T::PasskeyAdded | T::PasskeyRemoved);
            view! { <p class=if ok { "status" } else { "error" } role=if ok { "status" } else { "alert" } data-testid="passkey-message">{tr(key)}</p> }
        })}
    }
}

/// Change the passphrase: the new one must pass the same floor as on the create screen.
#[component]
fn ChangePassphrase() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let current = RwSignal::new(String::new());
    let new_pass = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        let p = new_pass.get_untracked();
        if let Err(e) = check_new(&p, &confirm.get_untracked()) {
            message.set(Some(i18n::new_passphrase_refusal(state.lang.get_untracked(), e)));
        } else {
            message.set(None);
            busy.set(true);
            session.change_passphrase(current.get_untracked(), p, move |outcome| {
                busy.set(false);
                message.set(Some(i18n::t(state.lang.get_untracked(), outcome).to_owned()));
                if matches!(outcome, T::PassChanged | T::PassChangedPasskeysDropped) {
                    current.set(String::new());
                    new_pass.set(String::new());
                    confirm.set(String::new());
                }
            });
        }
    };
    view! {
        <form class="grid" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <label for="current-pass">{tr(T::CurrentPassLabel)}</label>
            <PassInput id="current-pass" label=T::CurrentPassLabel autocomplete="current-password" value=current />
            <NewPassphraseFields id="change-pass" label=T::NewPassLabel pass=new_pass confirm=confirm />
            {move || message.get().map(|m| view! { <p class="status" role="status" data-testid="change-pass-message">{m}</p> })}
            {move || busy.get().then(|| view! { <progress aria-label=tr(T::Working)></progress> })}
            <button type="submit" data-testid="change-pass-submit" disabled=move || busy.get()>{tr(L::ChangePassButton)}</button>
        </form>
    }
}

/// The settings body, its own wasm module, once the panel is first opened.
mod settings_loader {
    use crate::ui::parts::Part;
    use leptos::prelude::*;

    /// The settings, once the panel is first opened.
    #[leptos::wasm_split::wasm_split(settings_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn settings() -> Part {
        Ok(view! { <super::SettingsBody /> }.into_any())
    }
}
