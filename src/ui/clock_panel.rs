//! The clock panel: device time, reference time, offset ± uncertainty, when measured, a verdict,
//! "Sync now", and the switch for corrected codes.

use super::state::ClockSync;
use super::{tr, AppState};
use crate::clock::Clock;
use crate::i18n::{self, T};
use crate::timesync::{clock_report, corrected, Verdict};
use crate::web::clock::{local_ms, BrowserClock};
use leptos::prelude::*;

fn clock_text(ms: u64) -> String {
    let local = local_ms(ms);
    let s = local / 1000 % 86_400;
    format!("{} {:02}:{:02}:{:02}.{}", i18n::date(local), s / 3600, s / 60 % 60, s % 60, local % 1000 / 100)
}

/// The panel.
#[component]
pub fn ClockPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let clock = expect_context::<ClockSync>();
    // Device time for display, refreshed by the shared tick.
    let device_ms = move || {
        state.now_ms.track();
        BrowserClock.now_ms()
    };
    // Headline, verdict and facts all render this one report, so they cannot disagree. It is
    // judged at the middle of the second it stays on screen for, not at the tick itself: just
    // after a period edge, a clock a few ms behind is always on the wrong side of it, and the
    // panel would flash "risky" for a whole second every period.
    let report = Memo::new(move |_| clock_report(clock.measured.get(), clock.error.get(), device_ms() + 500, 30));
    let verdict_now = move || report.with(|r| r.verdict);
    let summary = move || i18n::clock_headline(state.lang.get(), &report.get());
    // The facts (clocks to the tenth of a second) update each second only while they are shown.
    let open = RwSignal::new(false);
    let data = move |f: fn(&crate::timesync::Measured) -> f64| move || clock.measured.get().map(|m| format!("{:.1}", f(&m)));
    view! {
        <section class="card clock" data-testid="clock-panel" aria-labelledby="clock-title"
            data-offset-ms=data(|m| m.offset_ms) data-uncertainty-ms=data(|m| m.uncertainty_ms)
            data-requests=move || clock.last_run.get().map(|r| r.requests.to_string())
            data-duration-ms=move || clock.last_run.get().map(|r| format!("{:.0}", r.duration_ms))
            data-syncs=move || clock.count.get().to_string()>
            <details on:toggle=move |ev| {
                let shown = crate::web::page::details_open(&ev);
                open.set(shown);
            }>
            <summary>
                <span class="clock-title" id="clock-title">{tr(T::ClockHeading)}</span>
                <span class="clock-summary" data-testid="clock-summary"
                    class:risky=move || verdict_now() == Some(Verdict::Risky)
                    class:wrong=move || verdict_now() == Some(Verdict::Wrong)
                    class:unconfirmed=move || verdict_now() == Some(Verdict::Unconfirmed)>{summary}</span>
            </summary>
            <Show when=move || open.get()>
            <dl class="clock-facts">
                <dt>{tr(T::DeviceTimeLabel)}</dt>
                <dd data-testid="device-time">{move || clock_text(device_ms())}</dd>
                {move || report.get().shown.map(|m| {
                    let lang = state.lang.get();
                    // Unconfirmed: the reference disagrees with this measurement, so it is not
                    // shown as the reference's time; the offset codes use still is.
                    let reference = (verdict_now() != Some(Verdict::Unconfirmed)).then(|| view! {
                        <dt>{i18n::t(lang, T::ReferenceTimeLabel)}</dt>
                        <dd data-testid="reference-time">{clock_text(corrected(device_ms(), m.offset_ms))}</dd>
                    });
                    view! {
                        {reference}
                        <dt>{i18n::t(lang, T::OffsetLabel)}</dt>
                        <dd data-testid="clock-offset">{i18n::offset_with_uncertainty(lang, m.offset_ms, m.uncertainty_ms)}</dd>
                        <dt>{i18n::t(lang, T::MeasuredLabel)}</dt>
                        <dd data-testid="clock-age">{i18n::measured_ago(lang, m.age_ms(device_ms()), m.is_stale(device_ms()))}</dd>
                    }
                })}
            </dl>
            </Show>
            {move || verdict_now().map(|v| {
                let (key, class) = match v {
                    Verdict::Fine => (T::VerdictFine, "verdict fine"),
                    Verdict::Risky => (T::VerdictRisky, "verdict risky"),
                    Verdict::Wrong => (T::VerdictWrong, "verdict wrong"),
                    Verdict::Unconfirmed => (T::VerdictUnconfirmed, "verdict unconfirmed"),
                };
                view! { <p class=class data-testid="clock-verdict">{tr(key)}</p> }
            })}
            <label class="check">
                <input type="checkbox" data-testid="clock-correct" prop:checked=move || clock.correct.get()
                    on:change=move |ev| clock.set_correct(event_target_checked(&ev)) />
                {tr(T::CorrectLabel)}
            </label>
            <div class="buttons">
                <button data-testid="sync-now" disabled=move || clock.syncing.get() on:click=move |_| clock.sync_now()>
                    {move || if clock.syncing.get() { tr(T::Syncing)() } else { tr(T::SyncNow)() }}
                </button>
            </div>
            </details>
            // Outside the folded part: a failed sync is seen without opening the panel.
            {move || clock.error.get().map(|e| view! {
                <p class="error" role="alert" data-testid="clock-error">{i18n::sync_error(state.lang.get(), &e)}</p>
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
        (true, Some(m)) if m.offset_ms.abs() >= 50.0 => Some(m),
        _ => None,
    };
    view! {
        {move || shown().map(|m| view! {
            <p class="corrected" data-testid="corrected-badge">{i18n::corrected_badge(state.lang.get(), m.offset_ms, m.uncertainty_ms)}</p>
        })}
    }
}
