//! Leptos components. They render state and call the core; browser I/O goes through [`crate::web`].

mod add;
mod list;

use crate::account::Account;
use crate::clock::Clock;
use crate::i18n::{self, Lang, T};
use crate::otp::{Generator, Kind};
use crate::web::clock::BrowserClock;
use crate::web::prefs::{self, LocalPrefs, Prefs};
use leptos::prelude::*;
use std::time::Duration;

/// One account as the list holds it: display fields plus a prepared generator.
#[derive(Clone)]
pub struct Row {
    /// Stable key for the list.
    pub id: u64,
    /// Issuer shown in bold.
    pub issuer: String,
    /// Account name.
    pub name: String,
    /// Code generator (secret inside, never rendered).
    pub generator: Generator,
    /// HOTP counter; advanced by "Next code". Unused for time-based kinds.
    pub counter: RwSignal<u64>,
}

impl Row {
    fn new(id: u64, account: &Account) -> Self {
        let counter = match account.params.kind {
            Kind::Hotp { counter } => counter,
            _ => 0,
        };
        Row {
            id,
            issuer: account.issuer.clone(),
            name: account.name.clone(),
            generator: account.generator(),
            counter: RwSignal::new(counter),
        }
    }

    /// "GitHub (alice)", "GitHub", "alice" — for accessible names.
    pub fn display_name(&self, lang: Lang) -> String {
        match (self.issuer.is_empty(), self.name.is_empty()) {
            (false, false) => format!("{} ({})", self.issuer, self.name),
            (false, true) => self.issuer.clone(),
            (true, false) => self.name.clone(),
            (true, true) => i18n::t(lang, T::Unnamed).to_owned(),
        }
    }
}

/// App-wide state handed down by context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// The shared 1 Hz tick: current time in ms, updated on each second boundary.
    pub now_ms: RwSignal<u64>,
    /// The accounts, in list order.
    pub rows: RwSignal<Vec<Row>>,
    /// A short status message for the live region ("Added GitHub.").
    pub status: RwSignal<String>,
    next_id: StoredValue<u64>,
}

impl AppState {
    /// Adds an account at the end of the list and announces it.
    pub fn add(&self, account: &Account) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let row = Row::new(id, account);
        let lang = self.lang.get_untracked();
        self.status.set(i18n::added(lang, &row.display_name(lang)));
        self.rows.update(|rows| rows.push(row));
    }

    /// Removes an account.
    pub fn remove(&self, id: u64) {
        self.rows.update(|rows| rows.retain(|r| r.id != id));
    }
}

/// Translates a key in the current language (reactive).
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let state = expect_context::<AppState>();
    move || i18n::t(state.lang.get(), key)
}

/// Re-reads the clock at each whole second, so codes change on the period boundary itself rather
/// than up to a second late, as a drifting `setInterval(1000)` would.
fn schedule_tick(now_ms: RwSignal<u64>) {
    let now = BrowserClock.now_ms();
    now_ms.set(now);
    let delay = 1000 - now % 1000 + 2;
    set_timeout(move || schedule_tick(now_ms), Duration::from_millis(delay));
}

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(prefs::initial_language(&LocalPrefs));
    let state = AppState {
        lang,
        now_ms: RwSignal::new(BrowserClock.now_ms()),
        rows: RwSignal::new(Vec::new()),
        status: RwSignal::new(String::new()),
        next_id: StoredValue::new(1),
    };
    provide_context(state);
    schedule_tick(state.now_ms);
    Effect::new(move |_| {
        let l = lang.get();
        prefs::set_document_language(l);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(i18n::t(l, T::AppTitle));
        }
    });

    let dialog_open = RwSignal::new(false);

    view! {
        <header class="top">
            <div class="brand">
                <h1>{tr(T::AppTitle)}</h1>
                <p class="tagline">{tr(T::Tagline)}</p>
            </div>
            <LangSwitch />
        </header>
        <main>
            <p class="notice" role="note" data-testid="memory-notice">{tr(T::MemoryOnly)}</p>
            <div class="toolbar">
                <h2>{tr(T::AccountsHeading)}</h2>
                <button class="primary" data-testid="add-button" on:click=move |_| dialog_open.set(true)>
                    "+ " {tr(T::AddAccount)}
                </button>
            </div>
            <list::AccountList />
            <p class="sr-only" role="status" aria-live="polite" data-testid="status">{move || state.status.get()}</p>
        </main>
        <add::AddDialog open=dialog_open />
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
