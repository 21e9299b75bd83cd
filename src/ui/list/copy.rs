//! Copying a code from the list (a tap on the code, or Enter in the search) and what is said
//! about it: one note for the whole list, floating over the page so no row moves.

use crate::i18n::{self, L};
use crate::ui::state::Session;
use crate::ui::AppState;
use crate::web::clipboard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// A code this close to its period's end (ms) is still copied, with a hint to wait for the next.
pub(super) const SOON_MS: u64 = 3_000;

/// One copy: whose code, whether the clipboard took it, whether the code was about to change.
#[derive(Clone, PartialEq)]
pub(super) struct Copied {
    pub(super) id: u64,
    pub(super) ok: bool,
    pub(super) soon: bool,
    who: String,
    serial: u64,
}

/// The last copy, shown in the note and on its row for a moment.
#[derive(Clone, Copy)]
pub(super) struct CopyNote {
    pub(super) last: RwSignal<Option<Copied>>,
    serial: StoredValue<u64>,
}

impl CopyNote {
    /// Made in the list's owner.
    pub(super) fn new() -> Self {
        CopyNote { last: RwSignal::new(None), serial: StoredValue::new(0) }
    }

    /// Whether row `id` was just copied (for the mark on its code).
    pub(super) fn copied(self, id: u64) -> Option<bool> {
        self.last.with(|l| l.as_ref().filter(|c| c.id == id).map(|c| c.ok))
    }

    /// Copies `code` (the plain digits) of row `id`, notes its use, and says so. The code is taken
    /// off the clipboard again after 30 s or when the page goes away, if it is still there
    /// ([`clipboard::write_text_then_clear`]).
    pub(super) fn copy(self, session: Session, id: u64, who: String, code: String, soon: bool) {
        spawn_local(async move {
            let ok = clipboard::write_text_then_clear(&code).await.is_ok();
            if ok {
                let now = crate::clock::Clock::now_ms(&crate::web::clock::BrowserClock);
                session.edit(move |c| {
                    c.touch(id, now);
                });
            }
            let Some(serial) = self.serial.try_update_value(|s| {
                *s += 1;
                *s
            }) else {
                return;
            };
            self.last.try_set(Some(Copied { id, ok, soon, who, serial }));
            // A hint or a failure stays longer: it asks the user to do something.
            let ms = if ok && !soon { 2_500 } else { 6_000 };
            set_timeout(
                move || {
                    if self.last.try_with_untracked(|l| l.as_ref().is_some_and(|c| c.serial == serial)) == Some(true) {
                        self.last.try_set(None);
                    }
                },
                Duration::from_millis(ms),
            );
        });
    }
}

/// The note a copy leaves: floating at the bottom of the screen, announced politely.
#[component]
pub(super) fn CopyToast() -> impl IntoView {
    let note = expect_context::<CopyNote>();
    let state = expect_context::<AppState>();
    view! {
        <div class="toast-region" role="status" aria-live="polite" data-testid="copy-toast">
            {move || note.last.get().map(|c| {
                let lang = state.lang.get();
                view! {
                    <div class="toast" class:warn=c.soon && c.ok class:failed=!c.ok>
                        {if c.ok {
                            // The name in its own bidi isolate: nothing in it can reorder the sentence.
                            let (before, after) = i18n::copied_around(lang);
                            view! { <p>{before}<bdi>{c.who.clone()}</bdi>{after}</p> }.into_any()
                        } else {
                            view! { <p>{i18n::t(lang, L::CopyFailed)}</p> }.into_any()
                        }}
                        {(c.ok && c.soon).then(|| view! {
                            <p class="toast-hint" data-testid="copy-soon">{i18n::t(lang, L::CodeChangingSoon)}</p>
                        })}
                    </div>
                }
            })}
        </div>
    }
}
