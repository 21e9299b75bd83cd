//! One account's row: monogram, code, countdown, copy, pin, move, edit, backup codes, export and
//! delete; and its edit form.

use super::clocks::{MainPeriod, PeriodClocks};
use crate::i18n::{self, T};
use crate::organize::{monogram, parse_tags, SortOrder};
use crate::otp::{millis_remaining, Code, Kind};
use crate::ui::state::{Row, Session};
use crate::ui::{tr, AppState};
use crate::web::clipboard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Whether codes are masked right now: the window lost the focus and the user asked for that.
#[derive(Clone, Copy)]
pub struct WindowFocus(pub RwSignal<bool>);

/// The row being dragged (manual order).
#[derive(Clone, Copy)]
pub(super) struct Dragging(pub(super) RwSignal<Option<u64>>);

/// Digits separated by spaces, so screen readers read "0 9 4" and not "ninety-four".
fn spoken(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ")
}

/// One account.
#[component]
pub(super) fn AccountRow(
    /// The account to show.
    row: Row,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let backup_for = expect_context::<crate::ui::backup::BackupFor>().0;
    let export_for = expect_context::<crate::ui::transfer::ExportFor>().0;
    let has_secret = row.account.is_some();
    let copied = RwSignal::new(None::<bool>);
    let confirming = RwSignal::new(false);
    let row_name = row.clone();
    let who = move || row_name.display_name(state.lang.get());
    let who_delete = who.clone();
    let who_backup = who.clone();
    let id = row.id;
    let issuer = row.issuer.clone();
    let name = row.name.clone();
    let unnamed = issuer.is_empty() && name.is_empty();
    let remaining = row.backup.as_ref().map(|b| b.remaining());
    let set = row.backup.clone();
    let is_low = move || set.as_ref().is_some_and(|b| b.is_low(session.low_threshold.get()));
    let (letter, hue) = monogram(&issuer, &name);
    let tags = row.tags.clone();
    let pinned = row.pinned;
    let editing = RwSignal::new(false);
    let manual = move || session.settings.with(|s| s.sort == SortOrder::Manual);
    let dragging = expect_context::<Dragging>().0;
    let who_pin = who.clone();
    let who_up = who.clone();
    let who_down = who.clone();
    let who_edit = who.clone();
    let code_line = match (row.generator.clone(), row.account.clone()) {
        (Some(generator), Some(_)) => code_line(generator, row.counter, id, copied, who.clone()).into_any(),
        _ => view! { <p class="no-secret" data-testid="no-secret">{tr(T::NoSecretHere)}</p> }.into_any(),
    };

    view! {
        <li class="account" data-testid="account-row" class:pinned=pinned
            draggable=move || if manual() { "true" } else { "false" }
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                dragging.set(Some(id));
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", "");
                    dt.set_effect_allowed("move");
                }
            }
            on:dragover=move |ev: leptos::ev::DragEvent| {
                if manual() && dragging.get_untracked().is_some_and(|d| d != id) {
                    ev.prevent_default();
                }
            }
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(from) = dragging.get_untracked().filter(|d| *d != id) {
                    session.edit(move |c| { c.move_to(from, id); });
                }
                dragging.set(None);
            }
            on:dragend=move |_| dragging.set(None)>
            <div class="who">
                <super::icon::ServiceIcon issuer=issuer.clone() name=name.clone() />
                <div class="who-text">
                    <span class="issuer" data-testid="issuer">{issuer.clone()}</span>
                    <span class="name" data-testid="name">{name.clone()}</span>
                    {unnamed.then(|| view! { <span class="name">{tr(T::Unnamed)}</span> })}
                    {(!tags.is_empty()).then(|| view! {
                        <span class="tags" data-testid="tags">{tags.iter().map(|t| view! { <span class="chip small">{t.clone()}</span> }).collect_view()}</span>
                    })}
                </div>
                <button class="icon pin" data-testid="pin" aria-pressed=if pinned { "true" } else { "false" }
                    aria-label=move || i18n::row_action(state.lang.get(), if pinned { T::Unpin } else { T::Pin }, &who_pin())
                    on:click=move |_| session.edit(move |c| { c.set_pinned(id, !pinned); })>
                    {if pinned { "★" } else { "☆" }}
                </button>
            </div>
            {code_line}
            <div class="actions">
                <button class="ghost backup-button" data-testid="backup-button" class:low=is_low
                    aria-label=move || format!("{} — {}", i18n::backup_button(state.lang.get(), remaining), who_backup())
                    on:click=move |_| backup_for.set(Some(id))>
                    {move || i18n::backup_button(state.lang.get(), remaining)}
                </button>
                {has_secret.then(|| {
                    let who_export = who.clone();
                    view! {
                        <button class="ghost" data-testid="export-account" aria-label=move || format!("{} — {} ({})", i18n::t(state.lang.get(), T::ExportAccount), who_export(), i18n::t(state.lang.get(), T::ExportAccountTitle))
                            on:click=move |_| export_for.set(Some(id))>{tr(T::ExportAccount)}</button>
                    }
                })}
                <button class="ghost" data-testid="edit" aria-expanded=move || if editing.get() { "true" } else { "false" }
                    aria-label=move || i18n::row_action(state.lang.get(), T::Edit, &who_edit())
                    on:click=move |_| editing.update(|e| *e = !*e)>{tr(T::Edit)}</button>
                <Show when=manual>
                    <button class="ghost icon" data-testid="move-up" aria-label=i18n::row_action(state.lang.get_untracked(), T::MoveUp, &who_up())
                        on:click=move |_| session.edit(move |c| { c.move_by(id, -1); })>"↑"</button>
                    <button class="ghost icon" data-testid="move-down" aria-label=i18n::row_action(state.lang.get_untracked(), T::MoveDown, &who_down())
                        on:click=move |_| session.edit(move |c| { c.move_by(id, 1); })>"↓"</button>
                </Show>
                <button class="ghost danger" data-testid="delete" aria-label=move || i18n::delete_label(state.lang.get(), &who_delete())
                    on:click=move |_| confirming.set(true)>
                    {tr(T::Delete)}
                </button>
            </div>
            <Show when=move || editing.get()>
                <EditForm id=id issuer=issuer.clone() name=name.clone() tags=tags.join(", ") done=editing />
            </Show>
            <Show when=move || copied.get() == Some(false)>
                <p class="error" role="alert" data-testid="copy-failed">{tr(T::CopyFailed)}</p>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-label=tr(T::Delete) data-testid="confirm-delete">
                    <p>{tr(T::ConfirmDelete)}</p>
                    <button class="danger" data-testid="confirm-yes" on:click=move |_| session.edit(move |c| { c.remove(id); })>{tr(T::ConfirmDeleteYes)}</button>
                    <button class="ghost" data-testid="confirm-no" autofocus on:click=move |_| confirming.set(false)>{tr(T::ConfirmDeleteNo)}</button>
                </div>
            </Show>
        </li>
    }
}

/// Rename an account and set its tags.
#[component]
fn EditForm(id: u64, issuer: String, name: String, tags: String, done: RwSignal<bool>) -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let (issuer, name, tags) = (RwSignal::new(issuer), RwSignal::new(name), RwSignal::new(tags));
    let error = RwSignal::new(None::<String>);
    let save = move || {
        let (i, n, t) = (issuer.get_untracked(), name.get_untracked(), parse_tags(&tags.get_untracked()));
        // Refused here with the field and its limit, so nothing is said to be saved that is not.
        if let Some(Err(e)) = session.with_vault(|v| v.content.check_label_edit(id, &i, &n, &t)) {
            error.set(Some(crate::i18n::field_error(state.lang.get_untracked(), &e)));
            return;
        }
        session.edit(move |c| {
            let _ = c.edit_label(id, &i, &n, t.clone());
        });
        done.set(false);
    };
    let field = |id: String| id;
    view! {
        <form class="edit grid" data-testid="edit-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <label for=field(format!("edit-issuer-{id}"))>{tr(T::IssuerLabel)}</label>
            <input id=format!("edit-issuer-{id}") data-testid="edit-issuer" autocomplete="off" maxlength=crate::account::MAX_LABEL_LEN
                prop:value=move || issuer.get() on:input=move |ev| issuer.set(event_target_value(&ev)) />
            <label for=format!("edit-name-{id}")>{tr(T::NameLabel)}</label>
            <input id=format!("edit-name-{id}") data-testid="edit-name" autocomplete="off" maxlength=crate::account::MAX_LABEL_LEN
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for=format!("edit-tags-{id}")>{tr(T::TagsLabel)}</label>
            <input id=format!("edit-tags-{id}") data-testid="edit-tags" autocomplete="off"
                prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev)) />
            {move || error.get().map(|m| view! { <p class="error" role="alert" data-testid="edit-error">{m}</p> })}
            <div class="buttons start">
                <button type="button" class="ghost" on:click=move |_| done.set(false)>{tr(T::Cancel)}</button>
                <button type="submit" class="primary" data-testid="edit-save">{tr(T::Save)}</button>
            </div>
        </form>
    }
}

/// The code, its countdown, the HOTP button and the copy button of an account with a secret.
fn code_line(
    generator: crate::otp::Generator,
    counter: u64,
    id: u64,
    copied: RwSignal<Option<bool>>,
    who: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let params = generator.params();
    // The code only changes when its time step (or HOTP counter) does: the memo stops the
    // 1 Hz tick from re-rendering the code cell in between.
    let period = params.kind.period();
    let clocks = expect_context::<PeriodClocks>();
    let restart = clocks.restart;
    let clock = period.map(|p| clocks.get(p));
    let code_clock = expect_context::<crate::ui::state::ClockSync>();
    let step = Signal::derive(move || clock.map(|c| c.step.get()));
    let code = Memo::new(move |_| -> Code {
        match step.get() {
            Some(s) => generator.at_counter(s),
            None => generator.at_counter(counter),
        }
    });
    // Per second a row writes nothing to the page: the bar is a CSS animation, made anew once per
    // period (and when its clock drifts from the codes'), `low` flips twice per period, and only a
    // row whose period differs from the shared countdown's shows its own seconds.
    let remaining_secs = Signal::derive(move || clock.map(|c| c.secs.get()));
    let low = Signal::derive(move || clock.is_some_and(|c| c.low.get()));
    let main = expect_context::<MainPeriod>().0;
    let own_secs = move || main.get() != period;
    // Privacy: masked until tapped (again after each period), or while the window is not in front.
    let focus = expect_context::<WindowFocus>().0;
    let revealed_at = RwSignal::new(None::<Option<u64>>);
    let masked = Memo::new(move |_| {
        let (tap, blur) = session.settings.with(|s| (s.tap_to_reveal, s.hide_on_blur));
        (blur && !focus.get()) || (tap && revealed_at.get() != Some(step.get()))
    });
    let who_reveal = who.clone();
    // The "Copied" note's timer goes with the row.
    let note_timer = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(t) = note_timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
    });
    let copy = move |_| {
        let text = code.get_untracked().as_plain();
        spawn_local(async move {
            let ok = clipboard::write_text(&text).await.is_ok();
            if ok {
                let now = crate::clock::Clock::now_ms(&crate::web::clock::BrowserClock);
                session.edit(move |c| {
                    c.touch(id, now);
                });
            }
            copied.set(Some(ok));
            let timer = set_timeout_with_handle(move || copied.set(None), Duration::from_millis(if ok { 1500 } else { 4000 })).ok();
            if let Some(old) = note_timer.try_update_value(|t| std::mem::replace(t, timer)).flatten() {
                old.clear();
            }
        });
    };
    let next_code = move || {
        let next = counter.saturating_add(1);
        session.edit(move |c| {
            c.set_counter(id, next);
        });
    };
    view! {
            <div class="code-line">
                <Show when=move || !masked.get() fallback=move || {
                    let who_reveal = who_reveal.clone();
                    view! {
                        <button class="code masked" data-testid="reveal-code"
                            aria-label=move || i18n::row_action(state.lang.get(), T::ShowCode, &who_reveal())
                            on:click=move |_| revealed_at.set(Some(step.get_untracked()))>"••• •••"</button>
                    }
                }>
                    <output class="code" data-testid="code" aria-label=move || spoken(&code.get().as_plain())>
                        {move || code.get().grouped()}
                    </output>
                </Show>
                {period.map(|p| view! {
                    <div class="countdown" data-testid="countdown" class:low=move || low.get()>
                        <span class="track" aria-hidden="true">
                            // Keyed, so each period gets a new element: a running CSS animation
                            // does not restart when only its delay is rewritten. The phase comes
                            // from the time now, not the last tick's (a row may appear mid-second).
                            <For each=move || std::iter::once((step.get(), restart.get())) key=|k| *k children=move |_| {
                                let elapsed = u64::from(p) * 1000 - millis_remaining(code_clock.now_ms(), p);
                                view! { <span class="bar" style:animation-duration=format!("{p}s") style:animation-delay=format!("-{elapsed}ms")></span> }
                            } />
                        </span>
                        <Show when=own_secs>
                            <span class="secs" data-testid="secs">{move || i18n::seconds_short(state.lang.get(), remaining_secs.get().unwrap_or(0))}</span>
                        </Show>
                    </div>
                })}
                {matches!(params.kind, Kind::Hotp { .. }).then(|| view! {
                    <button class="ghost" data-testid="next-code" on:click=move |_| next_code()>
                        {tr(T::NextCode)}
                    </button>
                })}
                <button class="copy" data-testid="copy" on:click=copy aria-label=move || i18n::copy_label(state.lang.get(), &who())>
                    {move || match copied.get() {
                        Some(true) => i18n::t(state.lang.get(), T::Copied),
                        _ => i18n::t(state.lang.get(), T::Copy),
                    }}
                </button>
            </div>
    }
}
