//! The application: the shared tick, auto-lock's watch on the page, the one-row header (add,
//! lock, a menu for theme and language), the clock's line, and which screen shows.

use super::parts::{self, on_first_use};
use super::split;
use super::state::{AppState, ClockSync, KeptIn, Phase, Session, Windows};
use super::{add, backup_codes, clock_panel, gate, kit, list, settings, tr, transfer, unreadable};
use crate::clock::Clock;
use crate::i18n::{self, Lang, L, T};
use crate::web::clock::BrowserClock;
use crate::web::page;
use crate::web::prefs::{self, LocalPrefs, Prefs};
use crate::web::tabs::{On, PageListener};
use leptos::prelude::*;
use std::time::Duration;

/// Re-reads the clock at each whole second, so codes change on the period boundary itself rather
/// than up to a second late, as a drifting `setInterval(1000)` would. Also the auto-lock check.
fn schedule_tick(now_ms: RwSignal<u64>, session: Session, clock: ClockSync) {
    let now = BrowserClock.now_ms();
    let code_now = clock.now_ms();
    now_ms.set(code_now);
    session.check_auto_lock(now, page::hidden());
    // Aligned to the second of the time codes use (corrected when on).
    let delay = 1000 - code_now % 1000 + 2;
    set_timeout(move || schedule_tick(now_ms, session, clock), Duration::from_millis(delay));
}


/// Auto-lock's eyes: input, and the page being shown, hidden, frozen or resumed.
fn watch_presence(session: Session) {
    // Input is checked before anything in the page sees it: after timers were frozen (a sleeping
    // device, a frozen background tab) the vault may be due to lock, and then the click or key
    // must lock it instead of acting on it.
    let guard = move |ev: leptos::ev::Event| {
        if !session.input(BrowserClock.now_ms()) {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    };
    // Checked at once, not at the next tick, which may come late or (frozen) not at all.
    let wake = move |_: leptos::ev::Event| session.check_auto_lock(BrowserClock.now_ms(), page::hidden());
    super::widgets::keep_while_mounted(vec![
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
    // The theme chosen on an earlier visit, before anything is drawn (the menu that changes it
    // is loaded when first opened).
    prefs::apply_theme(prefs::theme());
    let state = AppState { lang, now_ms: RwSignal::new(BrowserClock.now_ms()), status: RwSignal::new(String::new()), highlight: RwSignal::new(None) };
    provide_context(state);
    let session = Session::new();
    provide_context(session);
    provide_context(super::state::NoticeBoard::new());
    session.start();
    let clock = ClockSync::new();
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
            // On the create screen the passphrase estimator comes first (the meter needs it at
            // the first keystroke; the fetches after it would otherwise share the connections
            // with it). Then the machinery create and unlock run, and the open screen, side by
            // side. Fetching the machinery, it asks what only the settings show (whether storage
            // is kept, the automatic backup file); if it cannot come now, the first way in asks.
            let creating = session.phase.get_untracked() == Phase::Create;
            leptos::task::spawn_local(async move {
                if creating {
                    super::passphrase::preload_estimator().await;
                }
                // The open screen's fetch starts once this task waits on the machinery's (a
                // module is requested when first polled): the machinery is needed first.
                leptos::task::spawn_local(async move {
                    // A failure is shown when the screen is needed (with "Try again"), not here.
                    let _ = open_loader::preload_open().await;
                    // The key-derivation worker compiles its module while the passphrase is typed.
                    crate::web::kdf::warm_up();
                    clock.disturb();
                });
                let _ = super::state::settle_start(session).await;
            });
        }
    });
    Effect::new(move |_| {
        let l = lang.get();
        prefs::set_document_language(l);
        page::set_title(i18n::t(l, T::AppTitle));
    });
    let focused = RwSignal::new(page::has_focus());
    provide_context(list::WindowFocus(focused));
    let on_focus = window_event_listener(leptos::ev::focus, move |_| focused.set(true));
    let on_blur = window_event_listener(leptos::ev::blur, move |_| focused.set(false));
    on_cleanup(move || {
        on_focus.remove();
        on_blur.remove();
    });
    watch_presence(session);

    let windows = Windows::new();
    let Windows { add: dialog_open, codes_for: backup_for, print_for, transfer: transfer_open, export_for } = windows;
    provide_context(add::AddOpen(dialog_open));
    provide_context(backup_codes::BackupCodesFor(backup_for));
    provide_context(backup_codes::PrintFor(print_for));
    let kit_print = RwSignal::new(0u32);
    provide_context(kit::KitPrint(kit_print));
    provide_context(transfer::TransferOpen(transfer_open));
    provide_context(transfer::ExportFor(export_for));
    provide_context(super::handoff::Restored(RwSignal::new(None)));
    // What was read of another app's export: the tab's until the vault locks, never stored. Chosen
    // on the first screen, it is offered for import as soon as the new vault is open.
    let migration = super::state::Migration::new();
    provide_context(migration);
    Effect::new(move |_| match session.phase.get() {
        Phase::Open => {
            if migration.wanted.get_untracked() {
                migration.wanted.set(false);
                transfer_open.set(true);
            }
        }
        Phase::Starting | Phase::Create | Phase::Working => {}
        Phase::Locked | Phase::Damaged | Phase::Newer(_) => migration.forget(),
    });
    // Unlocked (or created): the focus goes where the next action is, the search (on a touch
    // screen, which would raise the keyboard for it, the first code), or Add in an empty vault.
    Effect::new(move |was: Option<Phase>| {
        let now = session.phase.get();
        if now == Phase::Open && matches!(was, Some(Phase::Working | Phase::Locked)) {
            let first = if page::touch_only() { "copy" } else { "search" };
            super::widgets::focus_when_shown(if session.rows.with_untracked(Vec::is_empty) { "add-button" } else { first });
        }
        now
    });
    let can_lock = move || session.phase.get() == Phase::Open && session.kept_in.get() == KeptIn::IndexedDb;
    windows.close_while_locked(session, state.status);

    let is_open = move || session.phase.get() == Phase::Open;
    view! {
        // One row: the name, the one way to add, lock, and a small menu for display and language.
        <header class="top">
            <h1 class="brand">{tr(T::AppTitle)}</h1>
            <div class="top-actions">
                <Show when=is_open>
                    <button class="primary add-button" data-testid="add-button" on:click=move |_| dialog_open.set(true)>
                        <span aria-hidden="true">"+ "</span>{tr(T::AddShort)}
                    </button>
                </Show>
                <Show when=can_lock>
                    <button class="ghost lock-button" data-testid="lock" aria-label=tr(T::Lock) title=tr(T::Lock) on:click=move |_| session.lock()>
                        <svg class="icon-svg" viewBox="0 0 24 24" aria-hidden="true"><rect x="5" y="11" width="14" height="10" rx="2" /><path d="M8 11V8a4 4 0 0 1 8 0v3" /></svg>
                        <span class="lock-text" aria-hidden="true">{tr(T::Lock)}</span>
                    </button>
                </Show>
                <DisplayMenu />
            </div>
        </header>
        <main>
            <parts::UpdateNotice />
            // The clock: one calm line at the top of every screen; a tap opens the details.
            <Show when=move || session.phase.get() != Phase::Starting>
                <clock_panel::ClockPanel />
            </Show>
            <Show when=move || session.phase.get() != Phase::Open && session.phase.get() != Phase::Starting>
                <p class="tagline">{tr(T::Tagline)}</p>
            </Show>
            {move || match session.phase.get() {
                Phase::Starting => ().into_any(),
                Phase::Create => view! { <gate::CreateScreen /> }.into_any(),
                Phase::Locked => view! { <gate::UnlockScreen /> }.into_any(),
                Phase::Working => view! { <gate::WorkingScreen /> }.into_any(),
                // Rare (a damaged or newer record): its own module. The message says what
                // happened even where the screen's module cannot come.
                Phase::Damaged | Phase::Newer(_) => view! {
                    <super::widgets::SessionProblem quiet=true />
                    {on_first_use(|| true, open_loader::problem_screen)}
                }.into_any(),
                Phase::Open => on_first_use(|| true, open_loader::open_screen).into_any(),
            }}
            <p class="sr-only" role="status" aria-live="polite" data-testid="status">{move || state.status.get()}</p>
        </main>
        {on_first_use(move || dialog_open.get(), split::add)}
        {on_first_use(move || backup_for.get().is_some() || print_for.get().is_some(), split::codes)}
        {on_first_use(move || transfer_open.get(), split::transfer)}
        {on_first_use(move || kit_print.get() > 0, split::kit)}
        {on_first_use(move || export_for.get().is_some(), split::export_account)}
    }
}

/// The open vault: the list and the settings. In its own module, fetched while the passphrase is
/// typed (see `App`). The add button is in the header; import and export are in the settings.
#[component]
pub(super) fn OpenScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Show when=move || session.kept_in.get() == KeptIn::MemoryOnly>
            <p class="notice" role="note" data-testid="memory-notice">{tr(T::MemoryOnlyStorage)}</p>
        </Show>
        <super::widgets::SessionProblem />
        <unreadable::UnreadableEntries />
        <super::passkey_offer::PasskeyOffer />
        <list::AccountList />
        <settings::SettingsPanel />
    }
}

/// The display menu's state, for its panel (in its own module).
#[derive(Clone, Copy)]
struct DisplayOpen(RwSignal<bool>);

/// Theme and language, folded into one small button of the header. Escape closes it and gives
/// the focus back to its button. Its panel is its own module, fetched when the menu is first
/// opened (issue 25); the theme chosen is applied at start by `App`.
#[component]
fn DisplayMenu() -> impl IntoView {
    let open = RwSignal::new(false);
    provide_context(DisplayOpen(open));
    let summary = NodeRef::<leptos::html::Summary>::new();
    view! {
        <details class="display-menu" data-testid="display-menu" prop:open=move || open.get()
            on:toggle=move |ev| open.set(crate::web::page::details_open(&ev))
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && open.get_untracked() {
                    ev.prevent_default();
                    open.set(false);
                    if let Some(s) = summary.get_untracked() {
                        let _ = s.focus();
                    }
                }
            }>
            <summary node_ref=summary class="menu-button" aria-label=tr(T::DisplayMenu) title=tr(T::DisplayMenu)>
                <svg class="icon-svg" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18" /></svg>
            </summary>
            <div class="display-panel">
                {on_first_use(move || open.get(), open_loader::display_panel)}
            </div>
        </details>
    }
}

/// System / light / dark; remembers the choice.
#[component]
fn ThemeSwitch() -> impl IntoView {
    use prefs::Theme;
    let current = RwSignal::new(prefs::theme());
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
        <label for="theme">{tr(L::ThemeLabel)}</label>
        <select id="theme" class="theme" data-testid="theme" on:change=choose>
            <option value="system" selected=move || current.get() == Theme::System>{tr(L::ThemeSystem)}</option>
            <option value="light" selected=move || current.get() == Theme::Light>{tr(L::ThemeLight)}</option>
            <option value="dark" selected=move || current.get() == Theme::Dark>{tr(L::ThemeDark)}</option>
        </select>
    }
}

/// English / 日本語 switch; remembers the choice.
#[component]
fn LangSwitch(
    /// The menu it sits in, closed once a language is chosen.
    done: RwSignal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let choose = move |l: Lang| {
        state.lang.set(l);
        LocalPrefs.set_language(l);
        done.set(false);
    };
    let pressed = move |l: Lang| move || if state.lang.get() == l { "true" } else { "false" };
    view! {
        <div class="lang" role="group" aria-label=move || i18n::t(state.lang.get(), L::Language)>
            <button data-testid="lang-en" lang="en" aria-pressed=pressed(Lang::En) on:click=move |_| choose(Lang::En)>"English"</button>
            <button data-testid="lang-ja" lang="ja" aria-pressed=pressed(Lang::Ja) on:click=move |_| choose(Lang::Ja)>"日本語"</button>
        </div>
    }
}

/// The frame's parts, each its own wasm module: the open vault (toolbar, list, settings;
/// `preload_open` fetches it ahead of use), the problem screen, the display menu's panel.
mod open_loader {
    use crate::ui::parts::Part;
    use leptos::prelude::*;

    /// The open vault (toolbar, list, settings); `preload_open` fetches it ahead of use.
    #[leptos::wasm_split::wasm_split(open_part, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[doc = "Fetches the open vault's module without showing it."] preload_open))]
    pub fn open_screen() -> Part {
        Ok(view! { <super::OpenScreen /> }.into_any())
    }

    /// The stored record cannot be read, or is from a newer version.
    #[leptos::wasm_split::wasm_split(problem_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn problem_screen() -> Part {
        let newer = match expect_context::<crate::ui::state::Session>().phase.get_untracked() {
            crate::ui::state::Phase::Newer(v) => Some(v),
            _ => None,
        };
        Ok(view! { <crate::ui::gate::ProblemScreen newer=newer /> }.into_any())
    }

    /// The display menu's panel: theme and language.
    #[leptos::wasm_split::wasm_split(display_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn display_panel() -> Part {
        let open = expect_context::<super::DisplayOpen>().0;
        Ok(view! { <super::ThemeSwitch /> <super::LangSwitch done=open /> }.into_any())
    }
}
