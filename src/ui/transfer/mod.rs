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
use crate::i18n::{self, Lang, L, T};
use crate::import::batches::{Added, Batches};
use crate::import::{self as formats, Skipped};
use crate::ui::state::Migration;
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
    /// From export QR codes: those not read (export place, QR count, indexes), and how many
    /// exports were read.
    missing: Vec<(usize, u32, Vec<u32>)>,
    exports: usize,
    /// Whether it came from the batches read (then importing forgets them).
    from_batches: bool,
}

impl Pending {
    fn of(source: &'static str, accounts: Vec<Account>, skipped: Vec<Skipped>, from_image: bool) -> Self {
        Pending { source, accounts, skipped, from_image, missing: Vec::new(), exports: 0, from_batches: false }
    }
}

/// Where the control just used is, so what it read is said next to it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub(in crate::ui) enum Place {
    /// At the top of the dialog (the preview's own messages).
    #[default]
    Top,
    /// Under the camera and the image button.
    Qr,
    /// In the file panel.
    File,
}

/// What the dialog's panels share: what was read and waits for confirmation, the message line,
/// the summary after an import, and the run counter that keeps a late result out of a closed
/// dialog.
#[derive(Clone, Copy)]
pub(in crate::ui) struct Flow {
    open: RwSignal<bool>,
    lang: RwSignal<Lang>,
    pending: RwSignal<Option<Pending>>,
    /// The export QR codes read: the import dialog's are the tab's (kept until the vault locks).
    batches: RwSignal<Batches>,
    /// Whether the batches are this flow's own (forgotten when it resets) or the tab's.
    own_batches: bool,
    /// (is error, text)
    message: RwSignal<Option<(bool, String)>>,
    /// Where the message is said.
    place: RwSignal<Place>,
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
            batches: RwSignal::new(Batches::new()),
            own_batches: true,
            message: RwSignal::new(None),
            place: RwSignal::new(Place::Top),
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

    /// Reads into the tab's batches (kept when the dialog closes, dropped when the vault locks).
    pub(in crate::ui) fn with_batches(self, batches: RwSignal<Batches>) -> Self {
        Flow { batches, own_batches: false, ..self }
    }

    /// Offers what was read of export QR codes so far for confirmation (the preview shows),
    /// naming the QR codes not read.
    pub(in crate::ui) fn import_so_far(&self) {
        let (accounts, skipped, missing, exports) = self.batches.with_untracked(|b| {
            let (a, s) = b.read_so_far();
            (a, s, b.missing(), b.exports().len())
        });
        if exports == 0 {
            return;
        }
        self.message.set(None);
        self.pending.set(Some(Pending { source: "Google Authenticator", accounts, skipped, from_image: true, missing, exports, from_batches: true }));
    }

    /// Sets where the next message is said.
    pub(in crate::ui) fn at(&self, place: Place) {
        self.place.set(place);
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

    /// Drops what waits for confirmation; a flow's own batches go with it (the tab's stay until
    /// imported or the vault locks).
    fn discard(&self) {
        self.pending.set(None);
        if self.own_batches {
            self.batches.set(Batches::new());
        }
    }

    /// What was imported is forgotten: the preview, and the batches it came from.
    fn imported(&self) {
        let from_batches = self.pending.with_untracked(|p| p.as_ref().is_some_and(|p| p.from_batches));
        self.pending.set(None);
        if from_batches || self.own_batches {
            self.batches.set(Batches::new());
        }
    }

    /// Whatever QR codes or a paste held: one account, batches of an export, or nothing we know.
    /// Export batches are kept by export and said as one line (a camera still looking at the
    /// code just read says nothing more). Returns whether something now waits for confirmation.
    pub(in crate::ui) fn handle_texts(&self, texts: Vec<String>, from_image: bool) -> bool {
        let lang = self.lang.get_untracked();
        let mut added: Vec<Added> = Vec::new();
        let mut problem: Option<String> = None;
        for text in texts {
            match formats::read_scanned(&text) {
                Ok(formats::Scanned::Batch(batch)) => {
                    let a = self.batches.try_update(|b| b.add(batch));
                    added.extend(a);
                }
                Ok(formats::Scanned::Account(account)) => {
                    self.message.set(None);
                    if let Some(found) = self.found {
                        let warnings = crate::uri::parse(&text).map(|p| p.warnings).unwrap_or_default();
                        found.set(Some(Found { account, warnings, from_image }));
                        return true;
                    }
                    self.pending.set(Some(Pending::of("otpauth://", vec![account], Vec::new(), from_image)));
                    return true;
                }
                Err(formats::ScanError::Uri(e)) => problem = Some(i18n::uri_error(lang, &e)),
                Err(formats::ScanError::Import(e)) => problem = Some(i18n::import_error(lang, &e)),
                Err(formats::ScanError::NotAuthenticator) => problem = Some(i18n::t(lang, L::NotAuthenticatorQr).to_owned()),
            }
        }
        // A camera still on the code it just read: the line already says what to do next.
        added.retain(|a| !matches!(a, Added::Repeat { last: true, .. }) || from_image);
        if added.is_empty() {
            if let Some(p) = problem {
                self.message.set(Some((true, p)));
            }
            return false;
        }
        let mut line = self.batches.with_untracked(|b| i18n::batches_read(lang, &added, b));
        if let Some(p) = problem {
            line = format!("{line} {p}");
        }
        self.message.set(Some((false, line)));
        let fresh = added.iter().any(|a| matches!(a, Added::New { .. }));
        if fresh && self.batches.with_untracked(Batches::is_complete) {
            self.import_so_far();
            return true;
        }
        false
    }
}

/// What the flow has to say: progress, or a problem with what was read (in every dialog that
/// reads), said where `at` is (next to the control just used); everywhere when `at` is not given.
/// While the preview shows, the panels that read are hidden: everything is said at the top.
#[component]
pub(in crate::ui) fn FlowMessage(
    /// The dialog's flow.
    flow: Flow,
    /// Only the messages of this place.
    #[prop(optional)]
    at: Option<Place>,
) -> impl IntoView {
    move || {
        let place = if flow.previewing() { Place::Top } else { flow.place.get() };
        if at.is_some_and(|p| p != place) {
            return None;
        }
        flow.message.get().map(|(error, text)| view! {
            <p class=if error { "error" } else { "status" } role=if error { "alert" } else { "status" } data-testid="transfer-message">{text}</p>
        })
    }
}

/// The export QR codes read so far (they stay while the vault is open): what is read and still
/// missing, "import what was read so far" at any time, and "forget".
#[component]
pub(in crate::ui) fn BatchProgress(flow: Flow) -> impl IntoView {
    let lang = flow.lang;
    move || {
        let lines = flow.batches.with(|b| i18n::batches_state(lang.get(), b));
        (!lines.is_empty()).then(|| view! {
            <div class="batch-progress" data-testid="batch-progress">
                <ul>{lines.into_iter().map(|l| view! { <li data-testid="batch-line">{l}</li> }).collect_view()}</ul>
                <div class="buttons start">
                    <button type="button" class="primary" data-testid="import-so-far" on:click=move |_| flow.import_so_far()>{move || i18n::say(lang.get(), i18n::Say::ImportSoFar)}</button>
                    <button type="button" class="ghost" data-testid="forget-read" on:click=move |_| { flow.batches.set(Batches::new()); flow.quiet(); }>{move || i18n::say(lang.get(), i18n::Say::ForgetRead)}</button>
                </div>
            </div>
        })
    }
}

/// What an import did, and the reminder to delete a screenshot that held secrets.
#[component]
pub(in crate::ui) fn ImportDone(flow: Flow) -> impl IntoView {
    // Said at the top of the dialog, while the button just pressed is at its bottom: brought
    // into sight.
    let at = NodeRef::<html::P>::new();
    Effect::new(move |_| {
        if let Some(el) = at.get() {
            crate::web::page::scroll_into_view(&el);
        }
    });
    move || flow.done.get().map(|(summary, remind)| view! {
        <p class="status" role="status" data-testid="import-done" node_ref=at>{summary}</p>
        {remind.then(|| view! { <p class="warning" role="note" data-testid="delete-screenshot">{tr(L::DeleteScreenshot)}</p> })}
    })
}

pub(in crate::ui) use preview::Preview;
pub(in crate::ui) use scan::{on_drop, on_paste, CameraPanel, CameraState, ImageButton};

/// The entry point in the settings: "Import from another app" opens the import dialog.
#[component]
pub fn ImportEntry() -> impl IntoView {
    let open = expect_context::<TransferOpen>().0;
    view! {
        <h3>{tr(L::ImportTitle)}</h3>
        <p class="hint">{tr(L::ImportIntro)}</p>
        <button data-testid="open-import" on:click=move |_| open.set(true)>{tr(L::ImportOpen)}</button>
    }
}

/// The import dialog: another app's export QR codes (camera or images) and files. What was read
/// of export QR codes is the tab's ([`Migration`]): it survives closing the dialog, until the
/// vault locks.
#[component]
pub fn TransferDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = expect_context::<TransferOpen>().0;
    let migration = expect_context::<Migration>();
    let dialog = NodeRef::<html::Dialog>::new();
    let flow = Flow::new(open, state.lang).with_batches(migration.batches);
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
    // worker ends (with the pictures it was given), and nothing pasted or typed stays; export QR
    // codes read stay with the tab until the vault locks.
    Effect::new(move |_| {
        if !open.get() {
            flow.reset();
            flow.done.set(None);
            crate::web::media::release_worker();
        } else {
            // Opened with every QR code of an export read (on the first screen, or before it
            // was closed): straight to the preview. Files chosen before the vault existed are
            // read now.
            if flow.pending.with_untracked(Option::is_none) && migration.batches.with_untracked(|b| b.is_complete()) {
                flow.import_so_far();
            }
            let files = migration.take_files();
            let (images, others): (Vec<_>, Vec<_>) = files.into_iter().partition(crate::web::page::is_image);
            if !images.is_empty() {
                scan::read_images(flow, images.into_iter().map(Into::into).collect());
            }
            if let Some(file) = others.into_iter().next() {
                import::take_file(flow, draft, file);
            }
        }
    });

    // The content exists only while open: the add dialog reads QR codes with the same controls.
    view! {
        <dialog node_ref=dialog class="add transfer" aria-labelledby="transfer-title" data-testid="transfer-dialog"
            on:close=move |_| { open.set(false); flow.reset(); flow.done.set(None); } on:paste=move |ev| scan::on_paste(flow, ev)
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=move |ev| scan::on_drop(flow, ev)>
            <h2 id="transfer-title">{tr(L::ImportTitle)}</h2>
            <Show when=move || open.get()>
                <p class="hint">{tr(L::ImportIntro)}</p>
                <ImportDone flow=flow />
                <FlowMessage flow=flow at=Place::Top />
                <Show when=move || flow.previewing() fallback=move || view! {
                    <section class="panel" aria-labelledby="camera-h">
                        <h3 id="camera-h">{tr(L::ImportQrHeading)}</h3>
                        <p class="hint">{tr(L::ImportQrHint)}" "{move || i18n::say(state.lang.get(), i18n::Say::QrHintMany)}</p>
                        <scan::CameraPanel flow=flow camera=camera start=T::StartCamera primary=false />
                        <scan::ImageButton flow=flow input=image_input label=T::ImageHeading />
                        <FlowMessage flow=flow at=Place::Qr />
                        <BatchProgress flow=flow />
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
