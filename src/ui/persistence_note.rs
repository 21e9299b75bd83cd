//! Whether this browser keeps the data, and where it may not, how to add the app to the home
//! screen. At the top of the list: persistence is asked once the vault holds its first account,
//! the answer is said once, and where the data may be deleted a note with the steps (dismissed,
//! it comes back at most once a week). In the settings: the same, always, without dismissal.

use super::state::{keep_waiting, KeptIn, NoticeBoard, Session};
use crate::notices::Notice;
use super::AppState;
use crate::clock::Clock;
use crate::i18n;
use crate::persistence_advice::{advise, ask_persist_now, note_due, Advice};
use crate::web::clock::BrowserClock;
use crate::web::persistence;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Persistence is asked at most once per page load (Firefox shows a prompt each time).
static ASKED: AtomicBool = AtomicBool::new(false);

/// Whether the browser keeps the data, and the home-screen note where it may not.
#[component]
pub fn PersistenceNote(
    /// In the settings: always shown, no dismissal. At the top of the list: asks persistence
    /// after the first account, says the answer once, and shows the note at most weekly.
    in_settings: bool,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    // Whether the answer to this page's ask is in (the top line shows it once).
    let answered = RwSignal::new(false);
    let checked = RwSignal::new(ASKED.load(Ordering::Relaxed));
    let dismissed = RwSignal::new(persistence::note_dismissed_ms());
    if !in_settings {
        Effect::new(move |_| {
            let accounts = session.rows.with(Vec::len);
            let stored = session.kept_in.get() == KeptIn::IndexedDb;
            if stored && ask_persist_now(accounts, ASKED.load(Ordering::Relaxed), session.persisted.get_untracked()) {
                ASKED.store(true, Ordering::Relaxed);
                leptos::task::spawn_local(async move {
                    let granted = match persistence::persist().await {
                        Some(g) => Some(g),
                        None => persistence::persisted().await,
                    };
                    session.persisted.set(granted);
                    answered.set(true);
                    checked.set(true);
                });
            } else if accounts > 0 {
                checked.set(true);
            }
        });
    }
    let advice = move || advise(persistence::facts(session.persisted.get()));
    let show_note = move || {
        let a = advice();
        a.needs_note() && (in_settings || (checked.get() && session.rows.with(|r| !r.is_empty()) && note_due(BrowserClock.now_ms(), dismissed.get())))
    };
    let dismiss = move |_| {
        let now = BrowserClock.now_ms();
        persistence::dismiss_note(now);
        dismissed.set(Some(now));
    };
    let dismiss = move |ev| {
        dismiss(ev);
        answered.set(false);
    };
    let persisted_attr = move || match session.persisted.get() {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    };
    // At the top, the answer stands alone only when there is no note (the note starts with it);
    // each waits its turn on the notice board. In the settings: the answer alone, always.
    let board = expect_context::<NoticeBoard>();
    if !in_settings {
        keep_waiting(Notice::StorageMayBeEvicted, move || session.kept_in.get() == KeptIn::IndexedDb && show_note());
        keep_waiting(Notice::StorageAnswer, move || session.kept_in.get() == KeptIn::IndexedDb && answered.get() && !show_note());
    }
    let status_line = move || in_settings || board.shows(Notice::StorageAnswer);
    let show_note = move || !in_settings && board.shows(Notice::StorageMayBeEvicted);
    view! {
        <Show when=move || session.kept_in.get() == KeptIn::IndexedDb>
            <Show when=status_line>
                <p class=move || if in_settings { "hint" } else { "status storage-status" } role="status" data-notice=(!in_settings).then_some("storage-answer")
                    data-testid=if in_settings { "persist-status" } else { "storage-status" } data-persisted=persisted_attr>
                    <span>{move || i18n::persistence_status(state.lang.get(), session.persisted.get())}</span>
                    {(!in_settings).then(|| view! {
                        <button type="button" class="ghost small" data-testid="storage-status-close"
                            on:click=move |_| answered.set(false)>{move || i18n::close_label(state.lang.get())}</button>
                    })}
                </p>
            </Show>
            <Show when=show_note>
                <StorageSteps advice=Signal::derive(advice) in_settings=in_settings persisted=Signal::derive(move || session.persisted.get()) on_dismiss=dismiss />
            </Show>
        </Show>
    }
}

/// The note: why the data may go, the steps for each device, and (at the top) "Got it".
#[component]
fn StorageSteps(advice: Signal<Advice>, in_settings: bool, persisted: Signal<Option<bool>>, on_dismiss: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let platform = persistence::facts(None).platform;
    let persisted_attr = move || match persisted.get() {
        Some(true) => "true",
        Some(false) => "false",
        None => "unknown",
    };
    // Safari in a tab: the 7-day rule is the whole story, whatever persisted() said.
    let lead = move || {
        let lang = state.lang.get();
        match advice.get() {
            Advice::SafariTab => i18n::persistence_note(lang, Advice::SafariTab),
            _ => i18n::persistence_status(lang, persisted.get()),
        }
    };
    view! {
        <aside class="card storage-note" data-notice=(!in_settings).then_some("storage-may-be-evicted") data-testid=if in_settings { "storage-note-settings" } else { "storage-note" }
            aria-labelledby=if in_settings { "storage-note-title-s" } else { "storage-note-title" }>
            <h3 id=if in_settings { "storage-note-title-s" } else { "storage-note-title" }>{move || i18n::persistence_note_title(state.lang.get())}</h3>
            {(!in_settings).then(|| view! { <p data-testid="storage-status" data-persisted=persisted_attr>{lead}</p> })}
            <Show when=move || in_settings || advice.get() != Advice::SafariTab>
                <p>{move || i18n::persistence_note(state.lang.get(), advice.get())}</p>
            </Show>
            <Show when=move || advice.get() != Advice::InstalledNotKept>
                <ul class="steps">
                    {move || i18n::home_screen_steps(state.lang.get(), platform).into_iter().map(|(device, steps)| view! {
                        <li><strong>{device}</strong>" "{steps}</li>
                    }).collect_view()}
                </ul>
            </Show>
            {(!in_settings).then(|| view! {
                <div class="buttons"><button type="button" data-testid="storage-note-dismiss" on:click=on_dismiss>{move || i18n::persistence_note_dismiss(state.lang.get())}</button></div>
            })}
        </aside>
    }
}
