//! Moving accounts in and out. Reading QR codes (camera, or an image chosen, dropped or pasted),
//! shared by the add dialog (one account, QR first) and the import dialog ("import from another
//! app", opened from the settings: Google Authenticator export QR codes, files of other apps, each
//! with a preview before anything is added). Export lives in [`export`].

mod export;
mod import;
mod preview;
mod scan;

pub use export::{ExportAccountDialog, ExportAll};

use crate::account::{Account, Warning};
use crate::i18n::{self, Lang, T};
use crate::import::{self as formats, migration, Skipped};
use crate::ui::{sync_modal, tr, AppState};
use leptos::html;
use leptos::prelude::*;

/// Whether the import dialog is open.
#[derive(Clone, Copy)]
pub struct TransferOpen(pub RwSignal<bool>);

/// Which account's export dialog is open.
#[derive(Clone, Copy)]
pub struct ExportFor(pub RwSignal<Option<u64>>);

/// One account read from a QR code (or a pasted link), for the add dialog to confirm.
#[derive(Clone, PartialEq)]
pub(in crate::ui) struct Found {
    /// The account.
    pub account: Account,
    /// What the user should know before adding it.
    pub warnings: Vec<Warning>,
    /// Read from a picture: remind to delete it.
    pub from_image: bool,
}

/// Accounts read and waiting for the user's confirmation.
#[derive(Clone, PartialEq)]
struct Pending {
    source: &'static str,
    accounts: Vec<Account>,
    skipped: Vec<Skipped>,
    from_image: bool,
}

/// What the dialog's panels share: what was read and waits for confirmation, the message line,
/// the summary after an import, and the run counter that keeps a late result out of a closed
/// dialog.
#[derive(Clone, Copy)]
pub(in crate::ui) struct Flow {
    open: RwSignal<bool>,
    lang: RwSignal<Lang>,
    pending: RwSignal<Option<Pending>>,
    batches: RwSignal<migration::Collector>,
    /// (is error, text)
    message: RwSignal<Option<(bool, String)>>,
    /// (summary, remind to delete a screenshot)
    done: RwSignal<Option<(String, bool)>>,
    /// Counts resets: a camera, a picture or a file still being read when the dialog closed (or
    /// the vault locked) must not bring its result back into the closed dialog.
    run: StoredValue<u64>,
    /// Each panel's way to forget its drafts (camera, chosen files, pasted text, password).
    cleanups: StoredValue<Vec<Box<dyn Fn()>>, LocalStorage>,
    /// Where one account read goes instead of the preview (the add dialog's confirm step).
    found: Option<RwSignal<Option<Found>>>,
}

impl Flow {
    /// The flow of a dialog shown while `open`.
    pub(in crate::ui) fn new(open: RwSignal<bool>, lang: RwSignal<Lang>) -> Self {
        Flow {
            open,
            lang,
            pending: RwSignal::new(None),
            batches: RwSignal::new(migration::Collector::default()),
            message: RwSignal::new(None),
            done: RwSignal::new(None),
            run: StoredValue::new(0),
            cleanups: StoredValue::new_local(Vec::new()),
            found: None,
        }
    }

    /// One account read is handed to `found` (and no preview is shown for it).
    pub(in crate::ui) fn with_found(self, found: RwSignal<Option<Found>>) -> Self {
        Flow { found: Some(found), ..self }
    }

    /// Whether accounts of an export wait for confirmation (the preview shows).
    pub(in crate::ui) fn previewing(&self) -> bool {
        self.pending.with(Option::is_some)
    }

    /// Whether an import is done (its summary shows).
    pub(in crate::ui) fn finished(&self) -> bool {
        self.done.with(Option::is_some)
    }

    /// Clears the message line.
    pub(in crate::ui) fn quiet(&self) {
        self.message.set(None);
    }

    /// The run now, to compare with [`Flow::current`] when an answer comes back.
    fn run(&self) -> u64 {
        self.run.get_value()
    }

    /// Whether an answer that started in run `r` still belongs on screen.
    fn current(&self, r: u64) -> bool {
        self.run.get_value() == r && self.open.get_untracked()
    }

    /// Shows a message from the table.
    fn say(&self, error: bool, key: T) {
        self.message.set(Some((error, i18n::t(self.lang.get_untracked(), key).to_owned())));
    }

    /// Registers what a panel forgets when the dialog resets.
    pub(in crate::ui) fn on_reset(&self, forget: impl Fn() + 'static) {
        self.cleanups.update_value(|c| c.push(Box::new(forget)));
    }

    /// Forgets everything read, typed or chosen, and stops what is running.
    pub(in crate::ui) fn reset(&self) {
        self.run.update_value(|r| *r += 1);
        self.discard();
        self.message.set(None);
        self.cleanups.with_value(|c| c.iter().for_each(|forget| forget()));
    }

    /// Drops what waits for confirmation (and a half-read batch).
    fn discard(&self) {
        self.pending.set(None);
        self.batches.set(migration::Collector::default());
    }

    /// Whatever a QR code or a paste held: one account, a migration batch, or nothing we know.
    /// Returns whether something is now waiting for confirmation.
    pub(in crate::ui) fn handle_texts(&self, texts: Vec<String>, from_image: bool) -> bool {
        let lang = self.lang.get_untracked();
        for text in texts {
            match formats::read_scanned(&text) {
                Ok(formats::Scanned::Batch(batch)) => {
                    let mut collector = self.batches.get_untracked();
                    let (read, total) = collector.add(batch);
                    self.message.set(Some((false, i18n::batch_progress(lang, read, total))));
                    let complete = collector.complete();
                    self.batches.set(collector);
                    if let Some((accounts, skipped)) = complete {
                        self.pending.set(Some(Pending { source: "Google Authenticator", accounts, skipped, from_image }));
                        return true;
                    }
                }
                Ok(formats::Scanned::Account(account)) => {
                    self.message.set(None);
                    if let Some(found) = self.found {
                        let warnings = crate::uri::parse(&text).map(|p| p.warnings).unwrap_or_default();
                        found.set(Some(Found { account, warnings, from_image }));
                        return true;
                    }
                    self.pending.set(Some(Pending { source: "otpauth://", accounts: vec![account], skipped: Vec::new(), from_image }));
                    return true;
                }
                Err(formats::ScanError::Uri(e)) => self.message.set(Some((true, i18n::uri_error(lang, &e)))),
                Err(formats::ScanError::Import(e)) => self.message.set(Some((true, i18n::import_error(lang, &e)))),
                Err(formats::ScanError::NotAuthenticator) => self.say(true, T::NotAuthenticatorQr),
            }
        }
        false
    }
}

/// What the flow has to say: progress, or a problem with what was read (in every dialog that reads).
#[component]
pub(in crate::ui) fn FlowMessage(flow: Flow) -> impl IntoView {
    move || flow.message.get().map(|(error, text)| view! {
        <p class=if error { "error" } else { "status" } role=if error { "alert" } else { "status" } data-testid="transfer-message">{text}</p>
    })
}

/// What an import did, and the reminder to delete a screenshot that held secrets.
#[component]
pub(in crate::ui) fn ImportDone(flow: Flow) -> impl IntoView {
    move || flow.done.get().map(|(summary, remind)| view! {
        <p class="status" role="status" data-testid="import-done">{summary}</p>
        {remind.then(|| view! { <p class="warning" role="note" data-testid="delete-screenshot">{tr(T::DeleteScreenshot)}</p> })}
    })
}

pub(in crate::ui) use preview::Preview;
pub(in crate::ui) use scan::{on_drop, on_paste, CameraPanel, CameraState, ImageButton};

/// The entry point in the settings: "Import from another app" opens the import dialog.
#[component]
pub fn ImportEntry() -> impl IntoView {
    let open = expect_context::<TransferOpen>().0;
    view! {
        <h3>{tr(T::ImportTitle)}</h3>
        <p class="hint">{tr(T::ImportIntro)}</p>
        <button data-testid="open-import" on:click=move |_| open.set(true)>{tr(T::ImportOpen)}</button>
    }
}

/// The import dialog: another app's export QR codes (camera or image) and files.
#[component]
pub fn TransferDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = expect_context::<TransferOpen>().0;
    let dialog = NodeRef::<html::Dialog>::new();
    let flow = Flow::new(open, state.lang);
    // The panels' state lives as long as the dialog: they are unmounted while a preview shows.
    let camera = scan::CameraState::new();
    let draft = import::FileDraft::new();
    let image_input = NodeRef::<html::Input>::new();
    flow.on_reset(move || camera.stop());
    flow.on_reset(move || draft.forget());
    // A file input keeps its file until told otherwise.
    flow.on_reset(move || {
        for input in [image_input, draft.input] {
            if let Some(i) = input.get_untracked() {
                i.set_value("");
            }
        }
    });

    sync_modal(dialog, move || open.get());
    // Closed for any reason (Close, Escape, or the vault locked): the camera is released, the QR
    // worker ends (with the pictures it was given), and nothing pasted, typed or read stays.
    Effect::new(move |_| {
        if !open.get() {
            flow.reset();
            flow.done.set(None);
            crate::web::media::release_worker();
        }
    });

    // The content exists only while open: the add dialog reads QR codes with the same controls.
    view! {
        <dialog node_ref=dialog class="add transfer" aria-labelledby="transfer-title" data-testid="transfer-dialog"
            on:close=move |_| { open.set(false); flow.reset(); flow.done.set(None); } on:paste=move |ev| scan::on_paste(flow, ev)
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=move |ev| scan::on_drop(flow, ev)>
            <h2 id="transfer-title">{tr(T::ImportTitle)}</h2>
            <Show when=move || open.get()>
                <p class="hint">{tr(T::ImportIntro)}</p>
                <ImportDone flow=flow />
                <FlowMessage flow=flow />
                <Show when=move || flow.previewing() fallback=move || view! {
                    <section class="panel" aria-labelledby="camera-h">
                        <h3 id="camera-h">{tr(T::ImportQrHeading)}</h3>
                        <p class="hint">{tr(T::ImportQrHint)}</p>
                        <scan::CameraPanel flow=flow camera=camera start=T::StartCamera primary=false />
                        <scan::ImageButton flow=flow input=image_input label=T::ImageHeading />
                    </section>
                    <import::FilePanel flow=flow draft=draft />
                }>
                    <preview::Preview flow=flow />
                </Show>
            </Show>
            <div class="buttons">
                <button type="button" class="ghost" data-testid="close-transfer" on:click=move |_| open.set(false)>{tr(T::Close)}</button>
            </div>
        </dialog>
    }
}
