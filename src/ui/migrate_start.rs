//! The first screen's third choice, "move from another app": the choice is itself the picker
//! (several screenshots of an export's QR codes, or another app's file, at once). What it reads
//! is kept in the tab ([`Migration`]) while a passphrase is chosen; once the vault is created,
//! the import dialog opens on it. Fewest taps for a new user: picker, Create, Import.
//!
//! A file chosen in the wrong place goes to the right flow: a backup of this app chosen here is
//! taken to "restore"; another app's picture or file chosen in "restore" comes here.

use super::handoff::ChosenBackup;
use super::state::Migration;
use super::AppState;
use crate::i18n::{self, Say, T};
use crate::import::batches::Added;
use crate::import::belongs::{is_backup, Belongs};
use crate::web::{files, page};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which of the first screen's three paths is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstPath {
    /// Start new: the passphrase form.
    New,
    /// Restore a backup file.
    Restore,
    /// Move from another app: what was read, then the passphrase form.
    Migrate,
}

/// What the first screen's paths share to route files: everything is taken at the component,
/// so the handlers need no context.
#[derive(Clone, Copy)]
pub struct Start {
    migration: Migration,
    lang: RwSignal<i18n::Lang>,
    said: RwSignal<Option<(bool, String)>>,
    chosen: ChosenBackup,
    /// The chosen path.
    pub path: RwSignal<FirstPath>,
}

impl Start {
    /// The first screen's routing, with the backup chosen for "restore".
    pub fn new(chosen: ChosenBackup) -> Self {
        Start {
            migration: expect_context::<Migration>(),
            lang: expect_context::<AppState>().lang,
            said: RwSignal::new(None),
            chosen,
            path: RwSignal::new(FirstPath::New),
        }
    }

    /// Reads the files chosen for a migration: QR codes of exports into the tab's batches;
    /// pictures of one account and other apps' files kept for the import dialog; a backup of
    /// this app taken to "restore". `before` is said first (why the file came here). The reading
    /// is in the migration's own module (with the QR worker's client), fetched now if it is not
    /// here yet.
    pub fn take_files(self, files_chosen: Vec<web_sys::File>, before: Option<Say>) {
        let Start { migration, lang, said, path, .. } = self;
        if files_chosen.is_empty() {
            return;
        }
        path.set(FirstPath::Migrate);
        migration.wanted.set(true);
        said.set(None);
        spawn_local(async move {
            if reading::take_files(self, files_chosen, before).await.is_err() {
                said.try_set(Some((true, i18n::t(lang.get_untracked(), T::PartLoadFailed).to_owned())));
            }
        });
    }

    /// [`Start::take_files`] in the migration's module.
    fn take_files_here(self, files_chosen: Vec<web_sys::File>, before: Option<Say>) {
        let Start { migration, lang, said, chosen, path } = self;
        spawn_local(async move {
            let lang = lang.get_untracked();
            let mut added: Vec<Added> = Vec::new();
            let mut notes: Vec<String> = before.map(|s| i18n::say(lang, s).to_owned()).into_iter().collect();
            let (mut kept, mut no_qr) = (0, 0);
            for file in files_chosen {
                if page::is_image(&file) {
                    let texts = crate::web::media::qr_texts_in_blob(&file).await.unwrap_or_default();
                    if texts.is_empty() {
                        no_qr += 1;
                        continue;
                    }
                    let (more, batch_seen) = reading::add_batches_here(texts, migration.batches);
                    added.extend(more);
                    if !batch_seen {
                        // A site's own QR code (one account): read again in the import dialog.
                        migration.files.update_value(|f| f.push(file));
                        kept += 1;
                    }
                    continue;
                }
                // A backup of this app: to "restore", which asks for its passphrase.
                if matches!(files::read(&file).await, Ok(b) if is_backup(&b)) {
                    // The first screen may be gone meanwhile (the vault created): then nothing to show.
                    chosen.1.try_set(file.name());
                    chosen.0.try_update_value(|c| *c = Some(file));
                    path.try_set(FirstPath::Restore);
                    return;
                }
                migration.files.update_value(|f| f.push(file));
                kept += 1;
            }
            let none_added = added.is_empty();
            if !none_added {
                notes.push(migration.batches.with_untracked(|b| i18n::batches_read(lang, &added, b)));
            }
            if kept > 0 {
                notes.push(i18n::say(lang, Say::FileWaits).to_owned());
            }
            if no_qr > 0 {
                notes.push(i18n::t(lang, T::NoQrInImage).to_owned());
            }
            let error = none_added && kept == 0;
            said.try_set(Some((error, notes.join(if lang == i18n::Lang::Ja { "" } else { " " }))));
        });
    }

    /// A file chosen in "restore": another app's picture is taken to the migration at once
    /// (returns true); any other file is read, and another app's file goes to the migration too
    /// instead of being refused once the passphrase is typed.
    pub fn restore_got(self, file: &web_sys::File) -> bool {
        if page::is_image(file) {
            self.take_files(vec![file.clone()], Some(Say::RestoreGotImport));
            return true;
        }
        let Start { migration, lang, said, path, .. } = self;
        let file = file.clone();
        spawn_local(async move {
            let Ok(bytes) = files::read(&file).await else { return };
            // A backup of this app, or a file of no format known: "restore" answers it (and
            // also when the readers cannot be fetched).
            if is_backup(&bytes) || reading::belongs(bytes).await.ok() != Some(Belongs::Import) {
                return;
            }
            migration.files.set_value(vec![file]);
            migration.wanted.set(true);
            said.try_set(Some((false, i18n::say(lang.get_untracked(), Say::RestoreGotFile).to_owned())));
            path.try_set(FirstPath::Migrate);
        });
        false
    }
}

/// The third choice: its card is the picker.
#[component]
pub fn MigrateChoice(
    /// The first screen's routing.
    start: Start,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = start.path;
    let on_files = move |ev: leptos::ev::Event| start.take_files(page::chosen_files(&ev), None);
    view! {
        <label class="choice migrate" data-testid="choose-migrate" class:chosen=move || path.get() == FirstPath::Migrate>
            <span class="choice-title">{move || i18n::say(state.lang.get(), Say::ChoiceTitle)}</span>
            <span class="choice-line">{move || i18n::say(state.lang.get(), Say::ChoiceLine)}</span>
            <input type="file" id="migrate-files" data-testid="migrate-files" multiple=true on:change=on_files />
        </label>
    }
}

/// What the migration read, said right under the choices (where the user just tapped), and
/// what comes next.
#[component]
pub fn MigrateSaidLine(
    /// The first screen's routing.
    start: Start,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (path, said) = (start.path, start.said);
    view! {
        {move || said.get().map(|(error, text)| view! {
            <p class=if error { "error" } else { "status" } role=if error { "alert" } else { "status" } data-testid="migrate-message">{text}</p>
        })}
        <Show when=move || path.get() == FirstPath::Migrate && said.with(|s| s.as_ref().is_some_and(|(e, _)| !e))>
            <p class="notice" data-testid="migrate-next">{move || i18n::say(state.lang.get(), Say::NextPassphrase)}</p>
        </Show>
    }
}

/// Reading other apps' exports, kept out of the first screen's module (its own part, loaded the
/// first time a picture or another app's file is chosen there): the first screen routes a backup
/// of this app by its magic bytes alone ([`is_backup`]).
mod reading {
    use crate::import::batches::{Added, Batches};
    use crate::import::belongs::Belongs;
    use crate::import::{read_scanned, Scanned};
    use crate::ui::parts::LoadFailed;
    use leptos::prelude::*;

    /// Where a chosen file belongs ([`crate::import::belongs::belongs`]).
    #[leptos::wasm_split::wasm_split(migrate_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn belongs(bytes: Vec<u8>) -> Result<Belongs, LoadFailed> {
        Ok(crate::import::belongs::belongs(&bytes))
    }

    /// [`super::Start::take_files`]'s reading, run here.
    #[leptos::wasm_split::wasm_split(migrate_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn take_files(start: super::Start, files: Vec<web_sys::File>, before: Option<crate::i18n::Say>) -> Result<(), LoadFailed> {
        start.take_files_here(files, before);
        Ok(())
    }

    /// Adds the export batches among one picture's QR codes to `batches`: what each did, and
    /// whether there was one (else the picture is a site's own QR code).
    pub fn add_batches_here(texts: Vec<String>, batches: RwSignal<Batches>) -> (Vec<Added>, bool) {
        let mut added = Vec::new();
        let mut batch_seen = false;
        for t in &texts {
            if let Ok(Scanned::Batch(b)) = read_scanned(t) {
                batch_seen = true;
                added.extend(batches.try_update(|all| all.add(b)));
            }
        }
        (added, batch_seen)
    }
}
