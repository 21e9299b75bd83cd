//! The account list: one row per account, each with its code, countdown, copy and delete.

use super::session::Session;
use super::{tr, AppState, Row};
use crate::i18n::{self, T};
use crate::otp::{main_period, millis_remaining, time_step, Code, Kind};
use crate::web::clipboard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// All accounts, or a friendly empty state.
#[component]
pub fn AccountList() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    // One countdown for the period most accounts share; rows with another period show their own.
    let main = Memo::new(move |_| {
        session.rows.with(|r| main_period(r.iter().filter_map(|row| row.generator.as_ref().and_then(|g| g.params().kind.period()))))
    });
    provide_context(MainPeriod(main));
    let shared_secs = Memo::new(move |_| main.get().map(|p| millis_remaining(state.now_ms.get(), p).div_ceil(1000)));
    view! {
        <super::clock_panel::CorrectedBadge />
        {move || shared_secs.get().map(|s| view! {
            <p class="shared-countdown" data-testid="countdown-shared" class:low=move || s <= 5>
                {i18n::codes_change_in(state.lang.get(), s)}
            </p>
        })}
        <Show
            when=move || session.rows.with(|r| !r.is_empty())
            fallback=move || view! { <p class="empty" data-testid="empty">{tr(T::EmptyList)}</p> }
        >
            <ul class="accounts" data-testid="accounts">
                <For each=move || session.rows.get() key=Row::key let:row>
                    <AccountRow row=row />
                </For>
            </ul>
        </Show>
    }
}

/// The period of the shared countdown, handed to rows.
#[derive(Clone, Copy)]
struct MainPeriod(Memo<Option<u32>>);

/// Digits separated by spaces, so screen readers read "0 9 4" and not "ninety-four".
fn spoken(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ")
}

/// One account.
#[component]
fn AccountRow(
    /// The account to show.
    row: Row,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let backup_for = expect_context::<super::backup::BackupFor>().0;
    let export_for = expect_context::<super::transfer::ExportFor>().0;
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
    let code_line = match (row.generator.clone(), row.account.clone()) {
        (Some(generator), Some(account)) => code_line(generator, account, row.counter, id, copied, who.clone()).into_any(),
        _ => view! { <p class="no-secret" data-testid="no-secret">{tr(T::NoSecretHere)}</p> }.into_any(),
    };

    view! {
        <li class="account" data-testid="account-row">
            <div class="who">
                <span class="issuer" data-testid="issuer">{issuer}</span>
                <span class="name" data-testid="name">{name}</span>
                {unnamed.then(|| view! { <span class="name">{tr(T::Unnamed)}</span> })}
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
                        <button class="ghost" data-testid="export-account" aria-label=move || format!("{} — {}", i18n::t(state.lang.get(), T::ExportAccountTitle), who_export())
                            on:click=move |_| export_for.set(Some(id))>{tr(T::ExportAccount)}</button>
                    }
                })}
                <button class="ghost danger" data-testid="delete" aria-label=move || i18n::delete_label(state.lang.get(), &who_delete())
                    on:click=move |_| confirming.set(true)>
                    {tr(T::Delete)}
                </button>
            </div>
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

/// The code, its countdown, the HOTP button and the copy button of an account with a secret.
fn code_line(
    generator: crate::otp::Generator,
    account: crate::account::Account,
    counter: u64,
    id: u64,
    copied: RwSignal<Option<bool>>,
    who: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let params = generator.params();
    // The code only changes when its time step (or HOTP counter) does: the memo stops the
    // 1 Hz tick from re-rendering the code cell in between.
    let period = params.kind.period();
    let step = Memo::new(move |_| period.map(|p| time_step(state.now_ms.get() / 1000, p)));
    let code = Memo::new(move |_| -> Code {
        match step.get() {
            Some(s) => generator.at_counter(s),
            None => generator.at_counter(counter),
        }
    });
    // Per second a row writes nothing to the page: the bar is a CSS animation restarted once per
    // period, `low` flips twice per period, and only a row whose period differs from the shared
    // countdown's shows its own seconds.
    let remaining_secs = Memo::new(move |_| period.map(|p| millis_remaining(state.now_ms.get(), p).div_ceil(1000)));
    let low = Memo::new(move |_| remaining_secs.get().is_some_and(|s| s <= 5));
    let main = expect_context::<MainPeriod>().0;
    let own_secs = move || main.get() != period;
    let copy = move |_| {
        let text = code.get_untracked().as_plain();
        spawn_local(async move {
            let ok = clipboard::write_text(&text).await.is_ok();
            copied.set(Some(ok));
            set_timeout(move || copied.set(None), Duration::from_millis(if ok { 1500 } else { 4000 }));
        });
    };
    let next_code = move || {
        let mut account = account.clone();
        account.params.kind = Kind::Hotp { counter: counter.saturating_add(1) };
        session.edit(move |c| {
            c.replace(id, &account);
        });
    };
    view! {
            <div class="code-line">
                <output class="code" data-testid="code" aria-label=move || spoken(&code.get().as_plain())>
                    {move || code.get().grouped()}
                </output>
                {period.map(|p| view! {
                    <div class="countdown" data-testid="countdown" class:low=move || low.get()>
                        <span class="track" aria-hidden="true">{move || {
                            step.track();
                            let elapsed = u64::from(p) * 1000 - millis_remaining(state.now_ms.get_untracked(), p);
                            view! { <span class="bar" style:animation-duration=format!("{p}s") style:animation-delay=format!("-{elapsed}ms")></span> }
                        }}</span>
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
