//! Importing a file from another app (or a pasted export link), with its password when it is
//! encrypted; the key is derived in the worker, after its cost was checked against the caps.

use crate::import::belongs::{belongs, Belongs};
use super::{Flow, Pending, Place};
use crate::i18n::{self, L, T};
use crate::import::{self, ImportError};
use crate::ui::{file_problem, tr, KdfProgress};
use crate::clock::Clock;
use crate::web::clock::{sleep, BrowserClock};
use crate::web::files;
use crate::web::kdf::{self, ImportFailure};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the file panel holds while the dialog lives: the chosen file, the pasted text, the
/// password, and whether a file is being read.
#[derive(Clone, Copy)]
pub(super) struct FileDraft {
    chosen: StoredValue<Option<web_sys::File>, LocalStorage>,
    pasted: RwSignal<String>,
    password: RwSignal<String>,
    busy: RwSignal<bool>,
    /// Entries read and in the file, while a file is read in slices.
    progress: RwSignal<Option<(usize, usize)>>,
    /// Cancel was pressed while a file is read in slices.
    stop: StoredValue<bool>,
    /// A backup file of this app chosen here: taken to the restore (merge or replace) below.
    backup_file: StoredValue<Option<web_sys::File>, LocalStorage>,
    backup_file_shown: RwSignal<u32>,
    pub(super) input: NodeRef<html::Input>,
}

impl FileDraft {
    pub(super) fn new() -> Self {
        FileDraft {
            chosen: StoredValue::new_local(None),
            pasted: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            progress: RwSignal::new(None),
            stop: StoredValue::new(false),
            backup_file: StoredValue::new_local(None),
            backup_file_shown: RwSignal::new(0),
            input: NodeRef::new(),
        }
    }

    /// Forgets the file, the text and the password; a derivation still running ends.
    pub(super) fn forget(&self) {
        if self.busy.get_untracked() {
            kdf::cancel();
        }
        self.busy.set(false);
        self.progress.set(None);
        self.stop.set_value(true);
        self.chosen.set_value(None);
        self.backup_file.set_value(None);
        self.backup_file_shown.set(0);
        self.pasted.set(String::new());
        self.password.set(String::new());
    }
}

/// A file handed over from elsewhere (the first screen, or "restore" given another app's file):
/// chosen here and read at once (a password-protected file then asks for its password).
pub(super) fn take_file(flow: Flow, draft: FileDraft, file: web_sys::File) {
    flow.at(Place::File);
    if let Err(e) = files::check_size(&file) {
        file_error(flow, e);
        return;
    }
    draft.chosen.set_value(Some(file));
    read(flow, draft);
}

/// A backup of this app chosen here: shown with the restore (merge or replace) that opens it.
fn to_restore(flow: Flow, draft: FileDraft, file: web_sys::File) {
    draft.chosen.set_value(None);
    if let Some(i) = draft.input.get_untracked() {
        i.set_value("");
    }
    draft.backup_file.set_value(Some(file));
    draft.backup_file_shown.update(|n| *n += 1);
    flow.message.set(None);
}

fn file_error(flow: Flow, e: files::FileError) {
    let lang = flow.lang.get_untracked();
    flow.message.set(Some((true, file_problem(lang, e, || i18n::import_error(lang, &ImportError::NotRecognised)))));
}

/// Reads the chosen file (or the pasted text) and shows what it holds.
fn read(flow: Flow, draft: FileDraft) {
    let file = draft.chosen.get_value();
    let pass = draft.password.get_untracked();
    draft.busy.set(true);
    flow.message.set(None);
    flow.at(Place::File);
    let r = flow.run();
    spawn_local(async move {
        let lang = flow.lang.get_untracked();
        let bytes = match file {
            Some(f) => match files::read(&f).await {
                Ok(b) if belongs(&b) == Belongs::Restore => {
                    if flow.current(r) {
                        draft.busy.set(false);
                        to_restore(flow, draft, f);
                    }
                    return;
                }
                Ok(b) => b,
                Err(e) => {
                    if flow.current(r) {
                        file_error(flow, e);
                        draft.busy.set(false);
                    }
                    return;
                }
            },
            None => draft.pasted.get_untracked().into_bytes(),
        };
        let started = kdf::import_file(&bytes, Some(&pass)).await;
        // The dialog was closed (or the vault locked) meanwhile: the result is dropped.
        if !flow.current(r) {
            return;
        }
        let result = match started {
            Ok(reading) => read_in_slices(flow, draft, r, reading).await,
            Err(e) => Err(e),
        };
        draft.progress.set(None);
        if !flow.current(r) {
            return;
        }
        match result {
            Ok(got) if got.format == import::Format::GoogleMigration => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                flow.handle_texts(text.lines().map(str::to_owned).collect(), false);
            }
            Ok(got) => flow.pending.set(Some(Pending::of(i18n::format_name(got.format), got.accounts, got.skipped, false))),
            Err(ImportFailure::Import(e)) => flow.message.set(Some((true, i18n::import_error(lang, &e)))),
            Err(ImportFailure::Cancelled) => flow.message.set(Some((false, i18n::cancelled(lang).to_owned()))),
            Err(ImportFailure::Failed) => flow.message.set(Some((true, i18n::kdf_failed(lang).to_owned()))),
        }
        draft.busy.set(false);
    });
}

/// How long one slice of reading may hold the page before it yields to the event loop (so a
/// click, a Lock, a frame gets in between); well under the 50 ms of a "long task".
pub(super) const SLICE_MS: u64 = 12;
/// Entries read between two looks at the clock.
const ENTRIES_PER_LOOK: usize = 25;

/// Reads the rest of a file a slice at a time, yielding to the page between slices and showing
/// how far it got; stops as soon as the dialog closes or the vault locks (the run changes), or
/// Cancel is pressed.
async fn read_in_slices(flow: Flow, draft: FileDraft, r: u64, mut reading: import::Reading) -> Result<import::Imported, ImportFailure> {
    draft.stop.set_value(false);
    while !reading.is_done() {
        let start = BrowserClock.now_ms();
        while !reading.is_done() && BrowserClock.now_ms().saturating_sub(start) < SLICE_MS {
            reading.step(ENTRIES_PER_LOOK);
        }
        if reading.is_done() {
            break;
        }
        draft.progress.set(Some((reading.read(), reading.total())));
        sleep(0).await;
        if !flow.current(r) || draft.stop.get_value() {
            return Err(ImportFailure::Cancelled);
        }
    }
    reading.finish().map_err(ImportFailure::Import)
}

/// A file or a pasted export, with its password.
#[component]
pub(super) fn FilePanel(flow: Flow, draft: FileDraft) -> impl IntoView {
    // The file is kept as chosen and read when "Read" is pressed; its size is checked at once.
    // A backup of this app is taken to the restore at once, not refused when Read is pressed.
    let on_file = move |ev: leptos::ev::Event| {
        flow.message.set(None);
        flow.at(Place::File);
        draft.backup_file.set_value(None);
        draft.backup_file_shown.set(0);
        let file = crate::web::page::chosen_file(&ev);
        if let Some(file) = &file {
            if let Err(e) = files::check_size(file) {
                file_error(flow, e);
            } else {
                let f = file.clone();
                let r = flow.run();
                spawn_local(async move {
                    if let Ok(b) = files::read(&f).await {
                        if belongs(&b) == Belongs::Restore && flow.current(r) {
                            to_restore(flow, draft, f);
                        }
                    }
                });
            }
        }
        draft.chosen.set_value(file);
    };
    view! {
        <section class="panel grid" aria-labelledby="file-h">
            <h3 id="file-h">{tr(L::FileHeading)}</h3>
            <p class="hint">{tr(L::FileHint)}</p>
            // A form that says autocomplete="off": browsers write a textarea's pasted text (an
            // export holds every secret) into the profile's session snapshot unless it says
            // "off", and Safari and Chromium before 113 read only the form's. Sending it (Read,
            // or Enter in the password) reads.
            <form class="grid" autocomplete="off" on:submit=move |ev| {
                ev.prevent_default();
                if !draft.busy.get_untracked() {
                    read(flow, draft);
                }
            }>
                <label for="import-file">{tr(L::FileLabel)}</label>
                <input id="import-file" node_ref=draft.input type="file" data-testid="import-file" on:change=on_file />
                <label for="import-paste">{tr(L::PasteExportLabel)}</label>
                <textarea id="import-paste" data-testid="import-paste" rows="2" spellcheck="false" autocomplete="off"
                    prop:value=move || draft.pasted.get() on:input=move |ev| draft.pasted.set(event_target_value(&ev))></textarea>
                <label for="import-pass">{tr(L::FilePassLabel)}</label>
                <input id="import-pass" type="password" autocomplete="off" data-testid="import-pass"
                    prop:value=move || draft.password.get() on:input=move |ev| draft.password.set(event_target_value(&ev)) />
                {move || match draft.progress.get() {
                    Some((read, total)) => Some(view! {
                        <div class="kdf-progress" role="status" data-testid="import-progress">
                            <progress max=total value=read aria-label=tr(T::Working)></progress>
                            <span>{move || i18n::reading_progress(flow.lang.get(), read, total)}</span>
                            <button type="button" data-testid="import-cancel" on:click=move |_| draft.stop.set_value(true)>{tr(T::Cancel)}</button>
                        </div>
                    }.into_any()),
                    None => draft.busy.get().then(|| view! { <KdfProgress /> }.into_any()),
                }}
                <div class="buttons start">
                    <button type="submit" data-testid="import-read" disabled=move || draft.busy.get()>{tr(L::ReadFile)}</button>
                </div>
            </form>
            <super::FlowMessage flow=flow at=Place::File />
            {move || (draft.backup_file_shown.get() > 0).then(|| draft.backup_file.get_value()).flatten().map(|file| view! {
                <div class="panel grid" data-testid="import-got-backup">
                    <p class="notice" role="status">{move || i18n::say(flow.lang.get(), i18n::Say::ImportGotBackup)}</p>
                    <crate::ui::restore::RestoreForm place=crate::ui::restore::Place::Given(file) />
                </div>
            })}
        </section>
    }
}
