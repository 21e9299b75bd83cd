//! The preview of what was read: what is new, what is here already, what differs, and what was
//! left out and why; then Import or Discard. Nothing is added before the user confirms.

use super::Flow;
use crate::i18n::{self, L, T};
use crate::ui::state::Session;
use crate::ui::{account_name, AppState};
use crate::vault::{Checked, Choices, Incoming};
use crate::web::clock::{sleep, BrowserClock};
use crate::clock::Clock;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Imports what waits, with the user's choices, and says what the saved edit did. The accounts
/// are checked a slice at a time first (the slow part), so the one edit that adds them is short;
/// a lock meanwhile (the dialog closes) stops it before anything is taken.
fn confirm(flow: Flow, session: Session, state: AppState, choices: Choices, adding: RwSignal<Option<(usize, usize)>>) {
    if adding.get_untracked().is_some() {
        return;
    }
    let Some(p) = flow.pending.get_untracked() else { return };
    // The cap on entries, said before anything is taken (the edit itself adds nothing past it).
    let room = session.with_vault(|v| v.content.check_room(v.content.adds_needed(&p.accounts, choices)));
    if let Some(Err(e)) = room {
        flow.message.set(Some((true, i18n::field_error(state.lang.get_untracked(), &e))));
        return;
    }
    flow.message.set(None);
    let r = flow.run();
    let total = p.accounts.len();
    // Also what keeps a second press from adding again while the first is under way.
    adding.set(Some((0, total)));
    spawn_local(async move {
        let mut checked = Vec::with_capacity(total);
        let mut refused = 0;
        let mut left = p.accounts.iter();
        loop {
            let start = BrowserClock.now_ms();
            let mut n = 0;
            for a in left.by_ref() {
                match Checked::new(a) {
                    Ok(c) => checked.push(c),
                    Err(_) => refused += 1,
                }
                n += 1;
                if n % 25 == 0 && BrowserClock.now_ms().saturating_sub(start) >= super::import::SLICE_MS {
                    break;
                }
            }
            if checked.len() + refused == total {
                break;
            }
            adding.set(Some((checked.len() + refused, total)));
            sleep(0).await;
            if !flow.current(r) {
                return;
            }
        }
        let now = BrowserClock.now_ms();
        let taken = session.begin_edit(move |c| c.add_all_checked(&checked, choices, now));
        adding.set(None);
        let Some(saving) = taken else { return };
        flow.imported();
        // What was added, replaced or left is what the saved edit did, not a guess made before.
        let Ok(mut counts) = saving.await else { return };
        counts.refused += refused;
        // Locked meanwhile: the edit was taken while open and is stored, but nothing is said
        // over the lock screen.
        if !session.is_open() {
            return;
        }
        let lang = state.lang.get_untracked();
        let mut summary = if counts.refused > 0 && counts.added + counts.replaced == 0 {
            // Another tab filled the vault between the check and the save: nothing was added.
            let here = session.with_vault(|v| v.content.entry_count()).unwrap_or(0);
            i18n::vault_full(lang, here, counts.refused)
        } else {
            i18n::import_done(lang, counts.added, counts.replaced, counts.unchanged)
        };
        // QR codes of the export not read: named again, so the user knows what is still to do.
        if !p.missing.is_empty() {
            let sep = if lang == i18n::Lang::Ja { "" } else { " " };
            summary = format!("{summary}{sep}{}", i18n::batches_missing(lang, &p.missing, p.exports));
        }
        state.status.set(summary.clone());
        if flow.current(r) {
            flow.done.set(Some((summary, p.from_image)));
        }
    });
}

/// Rows of the preview rendered at first, and added by each "show more": a file of thousands
/// is summed up above, and its rows come as the user asks.
const PREVIEW_ROWS: usize = 100;

/// The preview.
#[component]
pub(in crate::ui) fn Preview(flow: Flow) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    // Neither choice is preselected to change an account that is here.
    let replace = RwSignal::new(false);
    let take_settings = RwSignal::new(false);
    let shown = RwSignal::new(PREVIEW_ROWS);
    // Accounts checked and in the import, while "Add" prepares them.
    let adding = RwSignal::new(None::<(usize, usize)>);
    move || flow.pending.get().map(|p| {
        let lang = state.lang.get();
        let kinds: Vec<Incoming> = session.with_vault(|v| v.content.classify_all(&p.accounts)).unwrap_or_else(|| vec![Incoming::New; p.accounts.len()]);
        let stale = kinds.iter().any(|k| matches!(k, Incoming::SameLabel(_)));
        let other_settings = kinds.iter().any(|k| matches!(k, Incoming::SameSecretOtherSettings(_)));
        let settings_here = move |id: u64| {
            session.with_vault(|v| v.content.get(id).and_then(|e| e.account()).map(|a| i18n::settings_summary(lang, &a.params))).flatten().unwrap_or_default()
        };
        let choices = move || Choices { replace_other_secret: replace.get_untracked(), take_other_settings: take_settings.get_untracked() };
        let total = p.accounts.len();
        // The accounts already here, each named (they are not added twice).
        let here_names: Vec<String> = p.accounts.iter().zip(kinds.iter()).filter(|(_, k)| matches!(k, Incoming::Identical(_))).map(|(a, _)| account_name(lang, a)).collect();
        let listed = std::sync::Arc::new((p.accounts.clone(), kinds.clone()));
        // Said at once when the accounts this import adds do not fit (the choices change how many).
        let full = {
            let accounts = p.accounts.clone();
            move || {
                let choices = Choices { replace_other_secret: replace.get(), take_other_settings: take_settings.get() };
                session.with_vault(|v| v.content.check_room(v.content.adds_needed(&accounts, choices)).err()).flatten().map(|e| i18n::field_error(lang, &e))
            }
        };
        view! {
            <section class="preview-list" data-testid="import-preview">
                <h3>{i18n::t(lang, L::PreviewHeading)}</h3>
                <p>{i18n::import_found(lang, p.source, p.accounts.len(), p.skipped.len())}</p>
                {(!p.missing.is_empty()).then(|| view! { <p class="warning" role="note" data-testid="preview-missing">{i18n::batches_missing(lang, &p.missing, p.exports)}</p> })}
                {(!here_names.is_empty()).then(|| view! { <p class="hint" data-testid="preview-duplicates">{i18n::already_here(lang, &here_names)}</p> })}
                {move || full().map(|m| view! { <p class="error" role="alert" data-testid="preview-full">{m}</p> })}
                <ul>
                    {move || listed.0.iter().zip(listed.1.iter()).take(shown.get()).map(|(a, k)| {
                        let (text, class) = match k {
                            Incoming::New => (i18n::t(lang, L::WillAddNew).to_owned(), "tag new"),
                            Incoming::Identical(_) => (i18n::t(lang, L::AlreadyHere).to_owned(), "tag same"),
                            Incoming::SameLabel(_) => (i18n::t(lang, L::SameNameOtherSecret).to_owned(), "tag stale"),
                            Incoming::SameSecretOtherSettings(id) => {
                                (i18n::same_secret_preview(lang, &settings_here(*id), &i18n::settings_summary(lang, &a.params)), "tag same wrap")
                            }
                        };
                        view! { <li data-testid="preview-account"><span>{account_name(lang, a)}</span>" "<span class=class>{text}</span></li> }
                    }).collect_view()}
                </ul>
                {move || (total > shown.get()).then(|| view! {
                    <button type="button" class="ghost" data-testid="preview-more" on:click=move |_| shown.update(|n| *n += PREVIEW_ROWS)>
                        {i18n::preview_more(lang, shown.get().min(total), total)}
                    </button>
                })}
                {stale.then(|| view! {
                    <div class="warning" data-testid="stale-choice">
                        <p>{i18n::t(lang, L::StaleQuestion)}</p>
                        <label class="check"><input type="radio" name="stale" data-testid="choose-replace" prop:checked=move || replace.get() on:change=move |_| replace.set(true) />{i18n::t(lang, L::ReplaceOld)}</label>
                        <label class="check"><input type="radio" name="stale" data-testid="choose-keep" prop:checked=move || !replace.get() on:change=move |_| replace.set(false) />{i18n::t(lang, L::KeepBoth)}</label>
                    </div>
                })}
                {other_settings.then(|| view! {
                    <div class="warning" data-testid="settings-choice">
                        <label class="check"><input type="radio" name="settings" data-testid="choose-keep-settings" prop:checked=move || !take_settings.get() on:change=move |_| take_settings.set(false) />{i18n::same_secret_choice(lang, false)}</label>
                        <label class="check"><input type="radio" name="settings" data-testid="choose-take-settings" prop:checked=move || take_settings.get() on:change=move |_| take_settings.set(true) />{i18n::same_secret_choice(lang, true)}</label>
                    </div>
                })}
                {(!p.skipped.is_empty()).then(|| view! {
                    <h4>{i18n::t(lang, L::SkippedHeading)}</h4>
                    <ul data-testid="preview-skipped">
                        {p.skipped.iter().take(PREVIEW_ROWS).map(|s| view! { <li>{i18n::account_label(lang, &s.issuer, &s.name, |i, n| format!("{i} ({n})"))}": "{i18n::skip_reason(lang, &s.reason)}</li> }).collect_view()}
                    </ul>
                    {(p.skipped.len() > PREVIEW_ROWS).then(|| view! { <p class="hint">{i18n::preview_more_skipped(lang, p.skipped.len() - PREVIEW_ROWS)}</p> })}
                })}
                {move || adding.get().map(|(done, total)| view! {
                    <div class="kdf-progress" role="status" data-testid="import-adding">
                        <progress max=total value=done aria-label=i18n::t(lang, T::Working)></progress>
                        <span>{i18n::adding_progress(lang, done, total)}</span>
                    </div>
                })}
                <div class="buttons">
                    <button class="ghost" data-testid="import-discard" disabled=move || adding.get().is_some() on:click=move |_| flow.discard()>{i18n::t(lang, L::CancelImport)}</button>
                    <button class="primary" data-testid="import-confirm" disabled=move || adding.get().is_some() on:click=move |_| confirm(flow, session, state, choices(), adding)>{i18n::t(lang, L::ConfirmImport)}</button>
                </div>
            </section>
        }
    })
}
