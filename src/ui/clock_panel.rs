//! The clock panel: what the codes are worth first (green when they are right), then how far
//! this device's clock is off in plain words, then how to set it right; the figures (device and
//! correct time, offset ± uncertainty, when checked), the switch for corrected codes and "Check
//! now" sit in a details line.

use super::clock_details::{self, tone_class, ClockView};
use super::parts::on_first_use;
use super::state::{keep_waiting, ClockSync};
use crate::notices::Notice;
use super::{tr, AppState};
use crate::clock::Clock;
use crate::i18n::{self, T};
use crate::timesync::{advice, clock_report, CodesNote, Tone};
use crate::web::clock::BrowserClock;
use leptos::prelude::*;

/// The panel.
#[component]
pub fn ClockPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let clock = expect_context::<ClockSync>();
    let phone = crate::web::page::touch_only();
    // Device time for display, refreshed by the shared tick.
    let device_ms = move || {
        state.now_ms.track();
        BrowserClock.now_ms()
    };
    // Every message and fact renders this one report, so they cannot disagree. It is judged at
    // the middle of the second it stays on screen for, not at the tick itself: just after a
    // period edge, a clock a few ms behind is always on the wrong side of it.
    let report = Memo::new(move |_| clock_report(clock.measured.get(), clock.error.get(), device_ms() + 500, 30));
    let said = Memo::new(move |_| advice(&report.get(), clock.correct.get()));
    let tone = move || tone_class(said.get().tone);
    // The facts (clocks to the tenth of a second) update each second only while they are shown.
    let open = RwSignal::new(false);
    let data = move |f: fn(&crate::timesync::Measured) -> f64| move || clock.measured.get().map(|m| tenths(f(&m)));
    // One thing at a time: a card only when the codes may be wrong (it leads the notice board);
    // else, once a check has answered or failed, one line that opens the whole story; before
    // that, nothing.
    let codes_wrong = move || matches!(said.get().codes, CodesNote::Refused | CodesNote::MayBeRefused);
    keep_waiting(Notice::CodesMayBeWrong, codes_wrong);
    let answered = move || clock.measured.with(Option::is_some) || clock.error.with(Option::is_some);
    provide_context(ClockView { report, said, open, phone });
    let icon = move || match said.get().tone {
        Tone::Good => "✓",
        Tone::Neutral => "○",
        Tone::Caution | Tone::Alarm => "!",
    };
    let card = move || view! {
        <p class=move || format!("clock-status {}", tone()) data-testid="clock-verdict">
            <span class="clock-icon" aria-hidden="true">{icon}</span>
            <span>{move || i18n::clock_status(state.lang.get(), &said.get())}</span>
        </p>
        {on_first_use(|| true, clock_details::summary)}
        {move || matches!(said.get().codes, CodesNote::Refused | CodesNote::MayBeRefused).then(|| view! {
            <div class="buttons">
                <button class="primary" data-testid="clock-correct-now" on:click=move |_| clock.set_correct(true)>{tr(T::CorrectNow)}</button>
            </div>
        })}
        {on_first_use(|| true, clock_details::fix)}
        <details class="clock-details" on:toggle=move |ev| open.set(crate::web::page::details_open(&ev))>
            <summary data-testid="clock-details">{tr(T::ClockDetails)}</summary>
            {on_first_use(|| true, clock_details::facts)}
        </details>
    };
    // The line: what the codes are worth and how far the clock is off; a tap opens the words,
    // this device's steps, the figures and the switches.
    let line = move || view! {
        <details class="clock-chip" data-testid="clock-chip" on:toggle=move |ev| open.set(crate::web::page::details_open(&ev))>
            <summary data-testid="clock-details" class=move || format!("clock-line {}", tone())>
                <span class="clock-icon" aria-hidden="true">{icon}</span>
                <span class=move || format!("clock-status {}", tone()) data-testid="clock-verdict">{move || i18n::clock_chip(state.lang.get(), &said.get())}</span>
            </summary>
            {on_first_use(|| true, clock_details::summary)}
            {on_first_use(|| true, clock_details::fix)}
            {on_first_use(|| true, clock_details::facts)}
        </details>
    };
    view! {
        <section class=move || format!("clock tone-{}", tone()) class:card=codes_wrong data-testid="clock-panel" aria-labelledby="clock-title"
            class:waiting=move || !codes_wrong() && !answered()
            data-notice=move || codes_wrong().then_some("codes-may-be-wrong")
            data-tone=tone
            data-offset-ms=data(|m| m.offset_ms) data-uncertainty-ms=data(|m| m.uncertainty_ms)
            data-requests=move || clock.last_run.get().map(|r| r.requests.to_string())
            data-duration-ms=move || clock.last_run.get().map(|r| (r.duration_ms.round() as i64).to_string())
            data-syncs=move || clock.count.get().to_string()>
            <h2 class="sr-only" id="clock-title">{tr(T::ClockHeading)}</h2>
            {move || if codes_wrong() { card().into_any() } else if answered() { line().into_any() } else { ().into_any() }}
            // A failed check is a note, not an alarm: the messages above already say what it means.
            {move || clock.error.get().map(|e| view! {
                <p class="clock-note" role="status" data-testid="clock-error">{i18n::sync_error(state.lang.get(), &e)}</p>
            })}
        </section>
    }
}

/// The indicator by the codes that they use the corrected time.
#[component]
pub fn CorrectedBadge() -> impl IntoView {
    let state = expect_context::<AppState>();
    let clock = expect_context::<ClockSync>();
    let shown = move || match (clock.correct.get(), clock.measured.get()) {
        (true, Some(m)) if m.offset_ms.abs() >= crate::timesync::SAID_FROM_MS => Some(m),
        _ => None,
    };
    view! {
        {move || shown().map(|m| view! {
            <p class="corrected" data-testid="corrected-badge">{i18n::corrected_badge(state.lang.get(), m.offset_ms, m.uncertainty_ms)}</p>
        })}
    }
}

/// A figure to one decimal place ("-93400.5"), written without the float formatter, which would
/// otherwise be in the first screen's module only for these test hooks.
fn tenths(x: f64) -> String {
    let t = (x * 10.0).round() as i64;
    format!("{}{}.{}", if t < 0 { "-" } else { "" }, t.unsigned_abs() / 10, t.unsigned_abs() % 10)
}
