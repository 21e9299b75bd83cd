//! The clock panel's words and figures, in a module of their own (issue 25): what the clock's
//! state means, this device's steps to set it right, and the figures with the switch for
//! corrected codes and "Check now". The panel ([`super::clock_panel`]) keeps the line (or the
//! card) and what it is judged from ([`ClockView`]); these load when the line first shows.

use super::parts::Part;
use super::state::ClockSync;
use super::{tr, AppState};
use crate::clock::Clock;
use crate::i18n::{self, Lang, T};
use crate::timesync::{corrected, Advice, ClockReport, Tone, Verdict};
use crate::web::clock::{local_ms, BrowserClock};
use leptos::prelude::*;

/// What the words and figures are made from, handed down by the panel: the one report every
/// message renders, and whether the figures are shown.
#[derive(Clone, Copy)]
pub struct ClockView {
    /// The measurement judged now.
    pub report: Memo<ClockReport>,
    /// What it means for the codes.
    pub said: Memo<Advice>,
    /// The figures are shown (the line or the details are open).
    pub open: RwSignal<bool>,
    /// A touch screen (a phone, in the words).
    pub phone: bool,
}

/// The class a tone is styled by (also read by the tests).
pub fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "fine",
        Tone::Neutral => "neutral",
        Tone::Caution => "risky",
        Tone::Alarm => "wrong",
    }
}

fn clock_text(lang: Lang, ms: u64) -> String {
    let local = local_ms(ms);
    format!("{}.{}", i18n::date_time(lang, local), local % 1000 / 100)
}

/// The clock in words ("This phone's clock is 2 min fast…").
#[component]
fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ClockView { said, phone, .. } = expect_context::<ClockView>();
    move || i18n::clock_summary(state.lang.get(), &said.get(), phone).map(|text| view! {
        <p class=format!("clock-summary {}", tone_class(said.get().tone)) data-testid="clock-summary">{text}</p>
    })
}

/// How to set the clock right, for this device's system first.
#[component]
fn Fix() -> impl IntoView {
    let state = expect_context::<AppState>();
    let ClockView { said, .. } = expect_context::<ClockView>();
    let (ua, touch) = crate::web::page::user_agent();
    let platforms = StoredValue::new(i18n::fix_platforms_for(&ua, touch));
    move || said.get().fix.then(|| {
        let lang = state.lang.get();
        view! {
            <div class="clock-fix" data-testid="clock-fix">
                <p>{i18n::t(lang, T::FixIntro)}</p>
                <ul>
                    {platforms.get_value().into_iter().map(|p| {
                        let (name, steps) = i18n::fix_step(lang, p);
                        view! { <li data-testid="clock-fix-step"><strong>{name}</strong>" "{steps}</li> }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The figures (while open), the switch for corrected codes and "Check now".
#[component]
fn Facts() -> impl IntoView {
    let state = expect_context::<AppState>();
    let clock = expect_context::<ClockSync>();
    let ClockView { report, open, .. } = expect_context::<ClockView>();
    // Device time for display, refreshed by the shared tick.
    let device_ms = move || {
        state.now_ms.track();
        BrowserClock.now_ms()
    };
    view! {
        <Show when=move || open.get()>
            <dl class="clock-facts">
                <dt>{tr(T::DeviceTimeLabel)}</dt>
                <dd data-testid="device-time">{move || clock_text(state.lang.get(), device_ms())}</dd>
                {move || report.get().shown.map(|m| {
                    let lang = state.lang.get();
                    // Date in doubt: the reference disagrees with this measurement, so it
                    // is not shown as the correct time; the offset codes use still is.
                    let reference = (report.get().verdict != Some(Verdict::Unconfirmed)).then(|| view! {
                        <dt>{i18n::t(lang, T::ReferenceTimeLabel)}</dt>
                        <dd data-testid="reference-time">{clock_text(lang, corrected(device_ms(), m.offset_ms))}</dd>
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
            <p class="hint">{tr(T::ClockSource)}</p>
        </Show>
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
    }
}

/// The clock's words: [`Summary`].
#[leptos::wasm_split::wasm_split(clock_part, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn summary() -> Part {
    Ok(view! { <Summary /> }.into_any())
}

/// The clock's fix: [`Fix`].
#[leptos::wasm_split::wasm_split(clock_part, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn fix() -> Part {
    Ok(view! { <Fix /> }.into_any())
}

/// The clock's figures and switches: [`Facts`].
#[leptos::wasm_split::wasm_split(clock_part, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn facts() -> Part {
    Ok(view! { <Facts /> }.into_any())
}
