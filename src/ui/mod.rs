//! Leptos components. They render state and call the core; browser I/O goes through [`crate::web`].

mod add;
mod backup;
mod clock_panel;
mod gate;
mod list;
mod session;
mod settings;
mod transfer;
mod unreadable;

use crate::account::Account;
use crate::backup_codes::CodeSet;
use crate::vault::StoredAccount;
use crate::clock::Clock;
use crate::i18n::{self, Lang, T};
use crate::otp::{Generator, Kind};
use crate::web::clock::BrowserClock;
use crate::web::prefs::{self, LocalPrefs, Prefs};
use crate::web::tabs::{self, On, PageListener};
use leptos::prelude::*;
use session::{Phase, Session, Storage};
use std::time::Duration;

/// One account as the list holds it: display fields plus a prepared generator.
#[derive(Clone)]
pub struct Row {
    /// The account's id in the vault.
    pub id: u64,
    /// Issuer shown in bold.
    pub issuer: String,
    /// Account name.
    pub name: String,
    /// Code generator (secret inside, never rendered); `None` for a site kept only for its
    /// backup codes.
    pub generator: Option<Generator>,
    /// HOTP counter (unused for time-based kinds).
    pub counter: u64,
    /// The account itself, for edits (HOTP counter).
    pub account: Option<Account>,
    /// The site's current backup codes.
    pub backup: Option<CodeSet>,
    /// Retired sets, for history.
    pub revoked: Vec<CodeSet>,
    /// Changes whenever the stored account does (secret, parameters, counter, label, tags, pin).
    fingerprint: u64,
    /// The user's tags.
    pub tags: Vec<String>,
    /// Pinned to the top.
    pub pinned: bool,
    /// Last copied, Unix ms.
    pub last_used_ms: Option<u64>,
    /// Issuer, name and tags folded for search.
    pub haystack: String,
}

impl Row {
    fn new(id: u64, account: &Account) -> Self {
        let counter = match account.params.kind {
            Kind::Hotp { counter } => counter,
            _ => 0,
        };
        Row { generator: Some(account.generator()), counter, account: Some(account.clone()), ..Row::bare(id, &account.issuer, &account.name) }
    }

    /// A row with a label only (a site kept for its backup codes); the rest is filled in by callers.
    fn bare(id: u64, issuer: &str, name: &str) -> Self {
        Row {
            id,
            issuer: issuer.to_owned(),
            name: name.to_owned(),
            generator: None,
            counter: 0,
            account: None,
            backup: None,
            revoked: Vec::new(),
            fingerprint: 0,
            tags: Vec::new(),
            pinned: false,
            last_used_ms: None,
            haystack: String::new(),
        }
    }

    fn from_stored(entry: &StoredAccount) -> Self {
        let mut row = match entry.account() {
            Some(a) => Row::new(entry.id, &a),
            None => Row::bare(entry.id, &entry.issuer, &entry.name),
        };
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&(entry.uri(), &entry.issuer, &entry.name, &entry.tags, entry.pinned), &mut hasher);
        row.fingerprint = std::hash::Hasher::finish(&hasher);
        row.tags = entry.tags.clone();
        row.pinned = entry.pinned;
        row.last_used_ms = entry.last_used_ms;
        row.haystack = crate::organize::haystack(&row.issuer, &row.name, &row.tags);
        row.backup = entry.backup.clone();
        row.revoked = entry.revoked.clone();
        row
    }

    /// Rows are equal when nothing shown about them differs (the list memo compares them).
    fn same_view(&self, other: &Row) -> bool {
        self.key() == other.key() && self.last_used_ms == other.last_used_ms
    }

    /// What makes the list re-render the row: the stored account (a new secret, the HOTP
    /// counter) and its backup codes' state.
    pub fn key(&self) -> (u64, u64, Option<(u64, usize)>) {
        (self.id, self.fingerprint, self.backup.as_ref().map(|b| (b.added_ms, b.remaining())))
    }

    /// "GitHub (alice)", "GitHub", "alice" — for accessible names.
    pub fn display_name(&self, lang: Lang) -> String {
        i18n::account_label(lang, &self.issuer, &self.name, |i, n| format!("{i} ({n})"))
    }
}

impl PartialEq for Row {
    fn eq(&self, other: &Row) -> bool {
        self.same_view(other)
    }
}

/// App-wide state handed down by context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// The shared 1 Hz tick: current time in ms, updated on each second boundary.
    pub now_ms: RwSignal<u64>,
    /// A short status message for the live region ("Added GitHub.").
    pub status: RwSignal<String>,
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

/// Shows `dialog` as a modal while `shown()` is true and closes it otherwise.
pub fn sync_modal(dialog: NodeRef<leptos::html::Dialog>, shown: impl Fn() -> bool + Send + Sync + 'static) {
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if shown() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
}

/// Translates a key in the current language (reactive).
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = expect_context::<AppState>();
    move || i18n::t(state.lang.get(), key)
}

/// Re-reads the clock at each whole second, so codes change on the period boundary itself rather
/// than up to a second late, as a drifting `setInterval(1000)` would. Also the auto-lock check.
fn schedule_tick(now_ms: RwSignal<u64>, session: Session, clock: clock_panel::ClockSync) {
    let now = BrowserClock.now_ms();
    let code_now = clock.now_ms();
    now_ms.set(code_now);
    session.check_auto_lock(now, tabs::page_hidden());
    // Aligned to the second of the time codes use (corrected when on).
    let delay = 1000 - code_now % 1000 + 2;
    set_timeout(move || schedule_tick(now_ms, session, clock), Duration::from_millis(delay));
}

/// Keeps a page listener for as long as the calling component lives.
fn keep_while_mounted(listeners: Vec<PageListener>) {
    let kept = StoredValue::new_local(listeners);
    on_cleanup(move || {
        kept.try_update_value(|l| l.drain(..).for_each(PageListener::remove));
    });
}

/// Auto-lock's eyes: input, and the page being shown, hidden, frozen or resumed.
fn watch_presence(session: Session) {
    // Input is checked before anything in the page sees it: after timers were frozen (a sleeping
    // device, a frozen background tab) the vault may be due to lock, and then the click or key
    // must lock it instead of acting on it.
    let guard = move |ev: web_sys::Event| {
        if !session.input(BrowserClock.now_ms()) {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    };
    // Checked at once, not at the next tick, which may come late or (frozen) not at all.
    let wake = move |_: web_sys::Event| session.check_auto_lock(BrowserClock.now_ms(), tabs::page_hidden());
    keep_while_mounted(vec![
        PageListener::new(On::Window, "pointerdown", true, guard),
        PageListener::new(On::Window, "keydown", true, guard),
        PageListener::new(On::Window, "pageshow", false, wake),
        PageListener::new(On::Window, "pagehide", false, wake),
        PageListener::new(On::Window, "focus", false, wake),
        PageListener::new(On::Document, "visibilitychange", false, wake),
        PageListener::new(On::Document, "resume", false, wake),
    ]);
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(prefs::initial_language(&LocalPrefs));
    let state = AppState { lang, now_ms: RwSignal::new(BrowserClock.now_ms()), status: RwSignal::new(String::new()) };
    provide_context(state);
    let session = Session::new(lang);
    provide_context(session);
    session.start();
    let clock = clock_panel::ClockSync::new();
    provide_context(clock);
    schedule_tick(state.now_ms, session, clock);
    // A new measurement or the switch moves the codes at once, not at the next tick.
    Effect::new(move |_| {
        clock.measured.track();
        clock.correct.track();
        state.now_ms.set(clock.now_ms());
    });
    // Sync at start (once storage is open), and whenever the browser comes back online. Key
    // derivation blocks the main thread: a sync running then is repeated.
    let started = StoredValue::new(false);
    Effect::new(move |_| match session.phase.get() {
        Phase::Starting => {}
        Phase::Working => clock.disturb(),
        _ if !started.get_value() => {
            started.set_value(true);
            clock.sync_now();
        }
        _ => {}
    });
    let online = window_event_listener(leptos::ev::online, move |_| clock.sync_now());
    on_cleanup(move || online.remove());
    // The open vault's module is fetched as soon as the first screen is up, while the passphrase is
    // typed, so the codes do not wait for it after the key is derived.
    let preloading = StoredValue::new(false);
    Effect::new(move |_| {
        if matches!(session.phase.get(), Phase::Create | Phase::Locked) && !preloading.get_value() {
            preloading.set_value(true);
            clock.disturb();
            leptos::task::spawn_local(async move {
                // A failure is shown when the screen is needed (with "Try again"), not here.
                let _ = parts::preload_open().await;
                // The key-derivation worker compiles its module while the passphrase is typed.
                crate::web::kdf::warm_up();
                clock.disturb();
            });
        }
    });
    Effect::new(move |_| {
        let l = lang.get();
        prefs::set_document_language(l);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(i18n::t(l, T::AppTitle));
        }
    });
    let focused = RwSignal::new(web_sys::window().and_then(|w| w.document()).and_then(|d| d.has_focus().ok()).unwrap_or(true));
    provide_context(list::WindowFocus(focused));
    let on_focus = window_event_listener(leptos::ev::focus, move |_| focused.set(true));
    let on_blur = window_event_listener(leptos::ev::blur, move |_| focused.set(false));
    on_cleanup(move || {
        on_focus.remove();
        on_blur.remove();
    });
    watch_presence(session);

    let dialog_open = RwSignal::new(false);
    provide_context(add::AddOpen(dialog_open));
    let backup_for = RwSignal::new(None);
    provide_context(backup::BackupFor(backup_for));
    let print_for = RwSignal::new(None);
    provide_context(backup::PrintFor(print_for));
    let transfer_open = RwSignal::new(false);
    provide_context(transfer::TransferOpen(transfer_open));
    let export_for = RwSignal::new(None);
    provide_context(transfer::ExportFor(export_for));
    let can_lock = move || session.phase.get() == Phase::Open && session.storage.get() == Storage::IndexedDb;
    // Lock means locked: no window of the open vault stays over the unlock screen (one opened
    // while locked, by a click that raced the lock, is closed at once), and what was typed in it
    // goes with it (each dialog clears its drafts when it closes).
    Effect::new(move |_| {
        if session.phase.get() == Phase::Open {
            return;
        }
        let mut closed = false;
        if dialog_open.get() {
            dialog_open.set(false);
            closed = true;
        }
        if backup_for.with(Option::is_some) {
            backup_for.set(None);
            closed = true;
        }
        if transfer_open.get() {
            transfer_open.set(false);
            closed = true;
        }
        if export_for.with(Option::is_some) {
            export_for.set(None);
            closed = true;
        }
        if print_for.with(Option::is_some) {
            print_for.set(None);
        }
        if closed && session.phase.get_untracked() == Phase::Locked {
            session.discarded.set(true);
        }
    });

    view! {
        <header class="top">
            <div class="brand">
                <h1>{tr(T::AppTitle)}</h1>
                <p class="tagline">{tr(T::Tagline)}</p>
            </div>
            <div class="top-actions">
                <Show when=can_lock>
                    <button data-testid="lock" on:click=move |_| session.lock()>{tr(T::Lock)}</button>
                </Show>
                <ThemeSwitch />
                <LangSwitch />
            </div>
        </header>
        <main>
            {move || match session.phase.get() {
                Phase::Starting => ().into_any(),
                Phase::Create => view! { <gate::CreateScreen /> }.into_any(),
                Phase::Locked => view! { <gate::UnlockScreen /> }.into_any(),
                Phase::Working => view! { <gate::WorkingScreen /> }.into_any(),
                Phase::Damaged => view! { <gate::ProblemScreen newer=None /> }.into_any(),
                Phase::Newer(v) => view! { <gate::ProblemScreen newer=Some(v) /> }.into_any(),
                Phase::Open => on_first_use(|| true, parts::open_screen).into_any(),
            }}
            <Show when=move || session.phase.get() != Phase::Starting>
                <clock_panel::ClockPanel />
            </Show>
            <p class="sr-only" role="status" aria-live="polite" data-testid="status">{move || state.status.get()}</p>
        </main>
        {on_first_use(move || dialog_open.get(), parts::add)}
        {on_first_use(move || backup_for.get().is_some() || print_for.get().is_some(), parts::codes)}
        {on_first_use(move || transfer_open.get(), parts::transfer)}
        {on_first_use(move || export_for.get().is_some(), parts::export_account)}
    }
}

/// The open vault: the toolbar, the list and the settings. In its own module, fetched while the
/// passphrase is typed (see `App`).
#[component]
fn OpenScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let transfer_open = expect_context::<transfer::TransferOpen>().0;
    let dialog_open = expect_context::<add::AddOpen>().0;
    view! {
        <Show when=move || session.storage.get() == Storage::MemoryOnly>
            <p class="notice" role="note" data-testid="memory-notice">{tr(T::MemoryOnlyStorage)}</p>
        </Show>
        {move || session.problem.get().map(|m| view! { <p class="error" role="alert" data-testid="problem">{m}</p> })}
        <div class="toolbar">
            <h2>{tr(T::AccountsHeading)}</h2>
            <div class="toolbar-buttons">
                <button data-testid="transfer-button" on:click=move |_| transfer_open.set(true)>{tr(T::ScanOrImport)}</button>
                <button class="primary" data-testid="add-button" on:click=move |_| dialog_open.set(true)>
                    "+ " {tr(T::AddAccount)}
                </button>
            </div>
        </div>
        <unreadable::UnreadableEntries />
        <list::AccountList />
        <settings::SettingsPanel />
    }
}

/// A part of the app that failed to load (its own wasm module could not be fetched).
#[derive(Debug, Clone, Copy)]
pub struct LoadFailed;

impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// What a part's loader gives: its view, or why there is none.
pub type Part = Result<AnyView, LoadFailed>;

/// Mounts a part that lives in its own wasm module once `wanted()` first holds, and keeps it from
/// then on (its dialog then opens and closes as before). If the module cannot be fetched, a message
/// says so with a button to try again; nothing panics.
pub fn on_first_use<Fut>(wanted: impl Fn() -> bool + Send + Sync + 'static, load: fn() -> Fut) -> impl IntoView
where
    Fut: std::future::Future<Output = Part> + Send + 'static,
{
    let loaded = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || wanted());
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        loaded.get().then(|| {
            // Compiling a module can block the page, as key derivation does: a clock sync running
            // then is repeated.
            let clock = use_context::<clock_panel::ClockSync>();
            clock.inspect(|c| c.disturb());
            Suspend::new(async move {
                let part = load().await;
                clock.inspect(|c| c.disturb());
                match part {
                    Ok(view) => view,
                    Err(LoadFailed) => view! {
                        <p class="error load-failed" role="alert" data-testid="load-failed">
                            {tr(T::PartLoadFailed)}" "
                            <button on:click=move |_| attempt.update(|n| *n += 1)>{tr(T::TryAgain)}</button>
                        </p>
                    }
                    .into_any(),
                }
            })
        })
    }
}

/// The parts of the app kept out of the first screen's module. Each `wasm_split` function becomes
/// its own wasm module (scripts/build-wasm.mjs), fetched the first time it is called; the service
/// worker keeps them all for offline use.
pub mod parts {
    use super::*;

    /// The open vault (toolbar, list, settings); `preload_open` fetches it ahead of use.
    #[leptos::wasm_split::wasm_split(open_part, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[doc = "Fetches the open vault's module without showing it."] preload_open))]
    pub fn open_screen() -> Part {
        Ok(view! { <OpenScreen /> }.into_any())
    }

    /// The add dialog.
    #[leptos::wasm_split::wasm_split(add_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn add() -> Part {
        let open = expect_context::<add::AddOpen>().0;
        Ok(view! { <add::AddDialog open=open /> }.into_any())
    }

    /// The backup-codes dialog and its print sheet.
    #[leptos::wasm_split::wasm_split(codes_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn codes() -> Part {
        Ok(view! { <backup::BackupDialog /> <backup::PrintSheet /> }.into_any())
    }

    /// Scan a QR code, import files.
    #[leptos::wasm_split::wasm_split(transfer_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn transfer() -> Part {
        Ok(view! { <transfer::TransferDialog /> }.into_any())
    }

    /// One account shown as a QR code.
    #[leptos::wasm_split::wasm_split(export_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn export_account() -> Part {
        Ok(view! { <transfer::ExportAccountDialog /> }.into_any())
    }

    /// The settings, once the panel is first opened.
    #[leptos::wasm_split::wasm_split(settings_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn settings() -> Part {
        Ok(view! { <settings::SettingsBody /> }.into_any())
    }

    /// Restoring a backup file in a fresh browser (under the create screen).
    #[leptos::wasm_split::wasm_split(restore_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn restore_fresh() -> Part {
        Ok(view! { <settings::RestoreForm fresh=true /> }.into_any())
    }
}

/// System / light / dark; remembers the choice.
#[component]
fn ThemeSwitch() -> impl IntoView {
    use prefs::Theme;
    let current = RwSignal::new(prefs::theme());
    prefs::set_theme(current.get_untracked());
    let choose = move |ev: leptos::ev::Event| {
        let t = match event_target_value(&ev).as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        };
        current.set(t);
        prefs::set_theme(t);
    };
    view! {
        <label for="theme" class="sr-only">{tr(T::ThemeLabel)}</label>
        <select id="theme" class="theme" data-testid="theme" on:change=choose>
            <option value="system" selected=move || current.get() == Theme::System>{tr(T::ThemeSystem)}</option>
            <option value="light" selected=move || current.get() == Theme::Light>{tr(T::ThemeLight)}</option>
            <option value="dark" selected=move || current.get() == Theme::Dark>{tr(T::ThemeDark)}</option>
        </select>
    }
}

/// English / 日本語 switch; remembers the choice.
#[component]
fn LangSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    let choose = move |l: Lang| {
        state.lang.set(l);
        LocalPrefs.set_language(l);
    };
    let pressed = move |l: Lang| move || if state.lang.get() == l { "true" } else { "false" };
    view! {
        <div class="lang" role="group" aria-label=move || i18n::t(state.lang.get(), T::Language)>
            <button data-testid="lang-en" lang="en" aria-pressed=pressed(Lang::En) on:click=move |_| choose(Lang::En)>"English"</button>
            <button data-testid="lang-ja" lang="ja" aria-pressed=pressed(Lang::Ja) on:click=move |_| choose(Lang::Ja)>"日本語"</button>
        </div>
    }
}
