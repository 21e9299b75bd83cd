//! Restoring a backup file: one form and one state, wherever it is shown. On the first screen the
//! backup becomes this browser's vault at once (nothing here to lose); in the settings and in the
//! import dialog it is previewed against the open vault, then merged in or put in its place.

use super::handoff::{ChosenBackup, Restored};
use super::passphrase::PassInput;
use super::state::Session;
use super::{tr, AppState};
use crate::i18n::{self, Lang, L, T};
use crate::vault::{Adjusted, Content, Unlocked};
use crate::web::files::{self, FileError};
use crate::web::kdf::KeyFailure;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the form is shown, which decides what it does with an opened backup.
#[derive(Clone)]
pub enum Place {
    /// The first screen, no vault yet: the file was chosen there (handed over as
    /// [`ChosenBackup`]) and the backup becomes this browser's vault.
    FirstScreen,
    /// The settings of an open vault: a file field of its own; preview, then merge or replace.
    Settings,
    /// The import dialog handed over a backup file it was given: preview, then merge or replace.
    Given(web_sys::File),
}

impl Place {
    /// Whether an opened backup becomes this browser's vault at once (else it is previewed).
    fn adopts(&self) -> bool {
        matches!(self, Place::FirstScreen)
    }

    /// The ids of the passphrase field and, where the form has one, of its file field; each
    /// place its own, since the settings and the import dialog can show a form at the same time.
    fn ids(&self) -> (&'static str, Option<&'static str>) {
        match self {
            Place::FirstScreen => ("restore-pass", None),
            Place::Settings => ("restore-open-pass", Some("restore-open-file")),
            Place::Given(_) => ("restore-given-pass", None),
        }
    }
}

/// What to do with an opened backup and the open vault.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    /// Add the backup's accounts that are not here (both kept where they differ).
    Merge,
    /// Put the backup in place of everything here.
    Replace,
}

impl Choice {
    /// Whether the cap on entries is said before anything is taken: a merge adds, a replace
    /// leaves only the backup (which was opened within the cap).
    fn checks_cap(self) -> bool {
        self == Choice::Merge
    }

    fn apply(self, mine: &mut Content, backup: &Content) {
        match self {
            Choice::Merge => {
                mine.merge(backup);
            }
            Choice::Replace => {
                mine.replace_all(backup);
            }
        }
    }
}

/// Why a restore did not go on, said in the user's language when shown.
#[derive(Clone)]
enum Problem {
    /// No file chosen, or the browser refused to read it.
    NotABackupFile,
    /// The file could not be read (too large, say).
    File(FileError),
    /// The key or the backup refused (wrong passphrase, damaged, cancelled, the worker failed).
    Key(KeyFailure),
    /// The merge would pass the cap on entries.
    Field(crate::account::FieldError),
}

impl Problem {
    fn text(&self, lang: Lang) -> String {
        match self {
            Problem::NotABackupFile => i18n::t(lang, L::NotABackupFile).to_owned(),
            Problem::File(e) => super::file_problem(lang, *e, || i18n::t(lang, L::NotABackupFile).to_owned()),
            Problem::Key(KeyFailure::Vault(e)) => i18n::backup_file_error(lang, e),
            Problem::Key(KeyFailure::Cancelled) => i18n::cancelled(lang).to_owned(),
            Problem::Key(KeyFailure::Failed) => i18n::kdf_failed(lang).to_owned(),
            Problem::Field(e) => i18n::field_error(lang, e),
        }
    }
}

/// What the form says once a backup is opened (the preview) or taken (done), with what its
/// entries needed to keep within the limits.
#[derive(Clone)]
enum Told {
    /// What a merge would add, leave as it is, and keep twice.
    Preview { added: usize, unchanged: usize, conflicting: usize, notes: Vec<Adjusted> },
    /// Merged or replaced.
    Done { notes: Vec<Adjusted> },
}

impl Told {
    fn text(&self, lang: Lang) -> String {
        let (text, notes) = match self {
            Told::Preview { added, unchanged, conflicting, notes } => (i18n::merge_preview(lang, *added, *unchanged, *conflicting), notes),
            Told::Done { notes } => (i18n::t(lang, L::RestoreDone).to_owned(), notes),
        };
        with_notes(text, &i18n::restore_adjustments(lang, notes))
    }
}

/// `text`, then the notes of a restore that kept within the limits, if any.
fn with_notes(text: String, notes: &str) -> String {
    if notes.is_empty() {
        text
    } else {
        format!("{text} {notes}")
    }
}

/// The restore form's state: the file, the passphrase, the backup once opened, and what is said.
#[derive(Clone, Copy)]
struct RestoreState {
    chosen: StoredValue<Option<web_sys::File>, LocalStorage>,
    pass: RwSignal<String>,
    /// The backup opened and kept within the limits, until it is merged or put in place.
    opened: StoredValue<Option<(Unlocked, Vec<Adjusted>)>, LocalStorage>,
    problem: RwSignal<Option<Problem>>,
    told: RwSignal<Option<Told>>,
    busy: RwSignal<bool>,
}

impl RestoreState {
    fn new(chosen: StoredValue<Option<web_sys::File>, LocalStorage>) -> Self {
        RestoreState {
            chosen,
            pass: RwSignal::new(String::new()),
            opened: StoredValue::new_local(None),
            problem: RwSignal::new(None),
            told: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// A new file: what was said about the last one goes; its size is checked at once.
    fn picked(self, file: Option<&web_sys::File>) {
        self.told.set(None);
        self.problem.set(None);
        if let Some(Err(e)) = file.map(files::check_size) {
            self.problem.set(Some(Problem::File(e)));
        }
    }

    /// Whether an opened backup waits for merge or replace.
    fn has_backup(self) -> bool {
        matches!(self.told.get(), Some(Told::Preview { .. })) && self.opened.with_value(Option::is_some)
    }
}

/// Open a backup file with its passphrase; on the first screen it becomes this browser's vault
/// and the list then says what came back, elsewhere it is previewed, then merged or put in place.
#[component]
pub fn RestoreForm(
    /// Where the form is shown (and the file, when it was chosen before the form).
    place: Place,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let restored = use_context::<Restored>();
    let adopts = place.adopts();
    let (pass_id, file_id) = place.ids();
    // A file chosen before the form is shown by name, in place of a file field; a new pick on
    // the first screen clears the last answer, and its size is checked at once.
    let (chosen, chosen_name): (_, Option<Signal<String>>) = match place {
        Place::FirstScreen => {
            let ChosenBackup(file, name) = expect_context::<ChosenBackup>();
            (file, Some(name.into()))
        }
        Place::Given(file) => {
            let name = file.name();
            (StoredValue::new_local(Some(file)), Some(Signal::stored(name)))
        }
        Place::Settings => (StoredValue::new_local(None), None),
    };
    let rs = RestoreState::new(chosen);
    if let (true, Some(name)) = (adopts, chosen_name) {
        Effect::new(move |_| {
            name.track();
            rs.chosen.with_value(|f| rs.picked(f.as_ref()));
        });
    }
    let on_file = move |ev: leptos::ev::Event| {
        let file = crate::web::page::chosen_file(&ev);
        rs.picked(file.as_ref());
        rs.chosen.set_value(file);
    };
    let open = move || {
        let Some(file) = rs.chosen.get_value() else {
            rs.problem.set(Some(Problem::NotABackupFile));
            return;
        };
        rs.busy.set(true);
        rs.problem.set(None);
        let p = rs.pass.get_untracked();
        spawn_local(async move {
            let bytes = match files::read(&file).await {
                Ok(b) => b,
                Err(e) => {
                    rs.problem.set(Some(Problem::File(e)));
                    rs.busy.set(false);
                    return;
                }
            };
            // The key is derived in the worker (Cancel ends it); a file asking for more than the
            // caps is refused before any work, naming its parameters.
            let outcome = if adopts {
                // Sealed anew here, within the limits and under this app's own key derivation.
                crate::web::kdf::restore_vault(&bytes, &p).await.map(|(v, notes)| {
                    rs.pass.set(String::new());
                    adopt(session, state, restored, v, notes);
                })
            } else {
                crate::web::kdf::open_backup(&bytes, &p).await.map(|mut v| {
                    // Merged or put in place like any other change: within the limits first.
                    let notes = v.content.keep_within_limits();
                    let told = match session.with_vault(|mine| mine.content.preview_merge(&v.content)) {
                        Some(pv) => Told::Preview { added: pv.added.len(), unchanged: pv.unchanged.len(), conflicting: pv.conflicting.len(), notes: notes.clone() },
                        None => Told::Preview { added: v.content.accounts.len(), unchanged: 0, conflicting: 0, notes: notes.clone() },
                    };
                    rs.told.set(Some(told));
                    rs.opened.set_value(Some((v, notes)));
                })
            };
            if let Err(e) = outcome {
                rs.problem.set(Some(Problem::Key(e)));
            }
            rs.busy.set(false);
        });
    };
    let take = move |choice: Choice| {
        let Some((other, notes)) = rs.opened.with_value(|o| o.as_ref().map(|(v, notes)| (v.content.clone(), notes.clone()))) else { return };
        // The cap on entries, said before anything is taken (the merge itself adds nothing past it).
        if choice.checks_cap() {
            if let Some(Err(e)) = session.with_vault(|mine| mine.content.check_merge(&other)) {
                rs.problem.set(Some(Problem::Field(e)));
                return;
            }
        }
        if session.try_edit(move |c: &mut Content| choice.apply(c, &other)) {
            rs.opened.set_value(None);
            rs.told.set(Some(Told::Done { notes }));
        }
    };
    let lang = move || state.lang.get();
    view! {
        <form class="grid restore" on:submit=move |ev| { ev.prevent_default(); open(); }>
            {match (chosen_name, file_id) {
                (Some(name), _) => view! { <p class="chosen-file"><span class="label">{tr(T::RestoreFileLabel)}</span>" "<span data-testid="restore-file-name">{move || name.get()}</span></p> }.into_any(),
                (None, Some(file_id)) => view! {
                    <label for=file_id>{tr(T::RestoreFileLabel)}</label>
                    <input id=file_id type="file" accept=".2favault,application/octet-stream" data-testid="restore-file" on:change=on_file />
                }.into_any(),
                (None, None) => ().into_any(),
            }}
            <label for=pass_id>{tr(T::RestorePassLabel)}</label>
            {if adopts {
                view! { <PassInput id=pass_id label=T::RestorePassLabel autocomplete="off" value=rs.pass autofocus=true /> }.into_any()
            } else {
                view! {
                    <input id=pass_id type="password" autocomplete="off" data-testid="restore-pass"
                        prop:value=move || rs.pass.get() on:input=move |ev| rs.pass.set(event_target_value(&ev)) />
                }.into_any()
            }}
            {if adopts {
                view! { <div class="buttons"><button type="submit" class="primary" data-testid="restore-open" disabled=move || rs.busy.get()>{tr(T::RestoreOpen)}</button></div> }.into_any()
            } else {
                view! { <button type="submit" data-testid="restore-open" disabled=move || rs.busy.get()>{tr(T::RestoreOpen)}</button> }.into_any()
            }}
        </form>
        {move || rs.busy.get().then(|| view! { <super::KdfProgress /> })}
        {move || rs.problem.get().map(|p| view! { <p class="error" role="alert" data-testid="restore-error">{move || p.text(lang())}</p> })}
        {move || rs.told.get().map(|t| view! { <p class="status" role="status" data-testid="restore-preview">{move || t.text(lang())}</p> })}
        <Show when=move || rs.has_backup()>
            <div class="buttons">
                <button data-testid="restore-merge" on:click=move |_| take(Choice::Merge)>{tr(L::RestoreMerge)}</button>
                <button class="danger" data-testid="restore-replace" on:click=move |_| take(Choice::Replace)>{tr(L::RestoreReplace)}</button>
            </div>
        </Show>
    }
}

/// The first screen's restore: the backup is stored as this browser's vault; once it is (another
/// tab may have made one meanwhile), what came back is said, and kept for the list's summary.
fn adopt(session: Session, state: AppState, restored: Option<Restored>, v: Unlocked, adjusted: Vec<Adjusted>) {
    let lang = state.lang.get_untracked();
    let accounts = v.content.accounts.len();
    let codes = v.content.accounts.iter().filter_map(|a| a.backup_codes.as_ref()).map(|s| s.remaining()).sum();
    // When the file was made, from the file itself (older files do not say).
    let made = v.content.backup_made_ms();
    session.adopt(v, move |taken| {
        if taken {
            let said = with_notes(
                i18n::restore_summary(lang, accounts, codes, made.map(crate::web::clock::local_ms)),
                &i18n::restore_adjustments(lang, &adjusted),
            );
            if let Some(r) = restored {
                r.0.set(Some((accounts, codes, made, adjusted)));
            }
            state.status.set(said);
        }
    });
}
