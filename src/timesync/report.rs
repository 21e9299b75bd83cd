//! What a measurement means for the user: the verdict on the codes, the advice, the offset as
//! shown, and the device time corrected. Pure.

use super::{Estimate, SyncError, MAX_OFFSET_MS};

/// A measurement kept between visits (not secret: localStorage), so an offline start still
/// corrects codes, with its age shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measured {
    /// Reference minus device, ms.
    pub offset_ms: f64,
    /// ± ms.
    pub uncertainty_ms: f64,
    /// Device time of the measurement, ms.
    pub at_ms: u64,
}

/// A measurement older than this is shown as stale.
pub const STALE_AFTER_MS: u64 = 60 * 60 * 1000;

impl Measured {
    /// From an estimate made at device time `at_ms`.
    pub fn new(e: &Estimate, at_ms: u64) -> Self {
        Measured { offset_ms: e.offset_ms, uncertainty_ms: e.uncertainty_ms, at_ms }
    }

    /// From the numbers kept between visits; `None` for absurd ones (an offset beyond
    /// [`MAX_OFFSET_MS`], a negative or non-finite uncertainty, a time that is no whole number of
    /// ms). The browser keeps them as the JSON object `{"offset_ms", "uncertainty_ms", "at_ms"}`,
    /// read and written with the browser's own JSON (`web::timesync`), which keeps a JSON parser
    /// out of the first screen's module (issue 25).
    pub fn from_parts(offset_ms: f64, uncertainty_ms: f64, at_ms: f64) -> Option<Self> {
        let sane = offset_ms.is_finite()
            && offset_ms.abs() <= MAX_OFFSET_MS
            && uncertainty_ms.is_finite()
            && uncertainty_ms >= 0.0
            && at_ms.is_finite()
            && (0.0..=9_007_199_254_740_991.0).contains(&at_ms)
            && at_ms.fract() == 0.0;
        sane.then_some(Measured { offset_ms, uncertainty_ms, at_ms: at_ms as u64 })
    }

    /// How long ago it was measured, by the device clock at `device_now_ms`.
    pub fn age_ms(&self, device_now_ms: u64) -> u64 {
        device_now_ms.saturating_sub(self.at_ms)
    }

    /// Whether it is older than [`STALE_AFTER_MS`].
    pub fn is_stale(&self, device_now_ms: u64) -> bool {
        self.age_ms(device_now_ms) > STALE_AFTER_MS
    }
}

/// How codes on the device's own clock fare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The device's codes match the reference's.
    Fine,
    /// The offset is 10 s or more, or right now the device is on the other side of a period edge
    /// than the reference, so its code is not the one the site expects.
    Risky,
    /// 30 s or more off: codes from the device clock are wrong most of the time.
    Wrong,
    /// The newest measurement was refused as absurd (more than a day off): either the device's
    /// date or the reference is wrong, so no earlier measurement can vouch for the clock now.
    Unconfirmed,
}

/// What the clock panel says, decided in one place so its headline, verdict and facts cannot
/// disagree: one verdict, about the one measurement shown (the one codes use).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClockReport {
    /// The measurement shown: the one codes use (this visit's, or a stored one).
    pub shown: Option<Measured>,
    /// The one verdict; `None` when nothing was measured and nothing refused.
    pub verdict: Option<Verdict>,
}

/// The panel's report from the measurement in use, the last sync's failure (if the last sync
/// failed), the device time and the period the verdict is for.
///
/// Only an absurd answer is evidence against the measurement in use (the device's date may
/// have jumped since); an unreachable or slow reference says nothing about the clock, so the
/// measurement in use keeps its verdict.
pub fn clock_report(measured: Option<Measured>, last_error: Option<SyncError>, device_ms: u64, period: u32) -> ClockReport {
    let verdict = match (last_error, measured) {
        (Some(SyncError::Absurd { .. }), _) => Some(Verdict::Unconfirmed),
        (_, Some(m)) => Some(verdict(device_ms, m.offset_ms, period)),
        (_, None) => None,
    };
    ClockReport { shown: measured, verdict }
}

/// How the clock panel sounds: the colour of its first message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// The codes on screen are right (green).
    Good,
    /// Nothing known against the codes, nothing to do (no colour).
    Neutral,
    /// Codes may be refused (amber).
    Caution,
    /// Codes are, or may well be, wrong (red).
    Alarm,
}

/// The panel's first message: what the codes on screen are worth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodesNote {
    /// The device clock is off, and codes use the measured time: they are right.
    Corrected,
    /// Codes follow the device clock, which is right (or off by less than [`RISKY_MS`]).
    ClockRight,
    /// Codes follow the device clock, off by [`RISKY_MS`] to [`WRONG_MS`]: sites may refuse them.
    MayBeRefused,
    /// Codes follow the device clock, off by [`WRONG_MS`] or more: sites refuse them.
    Refused,
    /// Not checked yet (offline since the first visit, say); codes follow the device clock.
    NotChecked,
    /// The check said the clock is more than a day off ([`SyncError::Absurd`]): the device's
    /// date may be wrong, and no earlier check vouches for it now.
    DateInDoubt,
}

/// How far the device clock is off, rounded for a sentence: seconds under a minute, minutes
/// under an hour, then hours and minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drift {
    /// The device clock is ahead of the right time (else behind).
    pub fast: bool,
    /// How much.
    pub amount: Amount,
}

/// A rounded amount of time for words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    /// 1 to 59 seconds.
    Seconds(u64),
    /// 1 to 59 minutes.
    Minutes(u64),
    /// An hour or more: hours and the minutes left over.
    Hours(u64, u64),
}

/// What the clock panel tells a person, decided in one place: the codes first, then how far the
/// clock is off, then whether to show how to set it right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advice {
    /// The first message.
    pub codes: CodesNote,
    /// How far the device clock is off; `None` when under [`SAID_FROM_MS`] or not known.
    pub drift: Option<Drift>,
    /// Whether to show the steps that turn on automatic date and time.
    pub fix: bool,
    /// The first message's colour.
    pub tone: Tone,
}

/// An offset under this is "right" in words (sites accept a code for a whole period).
pub const SAID_FROM_MS: f64 = 1_000.0;
/// From this offset, codes from the device clock may be refused, and the fix is shown.
pub const RISKY_MS: f64 = 10_000.0;
/// From this offset, codes from the device clock are refused most of the time.
pub const WRONG_MS: f64 = 30_000.0;

/// The drift an offset (reference − device, ms) is said as; `None` under [`SAID_FROM_MS`].
pub fn drift(offset_ms: f64) -> Option<Drift> {
    let off = offset_ms.abs();
    if !off.is_finite() || off < SAID_FROM_MS {
        return None;
    }
    let secs = (off / 1000.0).round() as u64;
    let mins = (off / 60_000.0).round() as u64;
    let amount = match (secs, mins) {
        (s, _) if s < 60 => Amount::Seconds(s.max(1)),
        (_, m) if m < 60 => Amount::Minutes(m),
        (_, m) => Amount::Hours(m / 60, m % 60),
    };
    Some(Drift { fast: offset_ms < 0.0, amount })
}

/// The panel's advice from its report and whether codes use the corrected time.
pub fn advice(report: &ClockReport, correcting: bool) -> Advice {
    let m = match (report.verdict, report.shown) {
        (Some(Verdict::Unconfirmed), _) => return Advice { codes: CodesNote::DateInDoubt, drift: None, fix: true, tone: Tone::Alarm },
        (Some(_), Some(m)) => m,
        _ => return Advice { codes: CodesNote::NotChecked, drift: None, fix: false, tone: Tone::Neutral },
    };
    let drift = drift(m.offset_ms);
    let off = m.offset_ms.abs();
    let fix = off >= RISKY_MS;
    let (codes, tone) = match (correcting, drift.is_some()) {
        (true, true) => (CodesNote::Corrected, Tone::Good),
        (_, false) => (CodesNote::ClockRight, Tone::Good),
        (false, true) if off >= WRONG_MS => (CodesNote::Refused, Tone::Alarm),
        (false, true) if off >= RISKY_MS => (CodesNote::MayBeRefused, Tone::Caution),
        (false, true) => (CodesNote::ClockRight, Tone::Good),
    };
    Advice { codes, drift, fix, tone }
}

/// A number of seconds as printed: `units / 10^decimals` s, so the figure's precision is part
/// of the value and the offset and its ± can be held to the same place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// The value in units of 10^−`decimals` s (signed).
    pub units: i64,
    /// Decimal places of a second, 0 to 3.
    pub decimals: u8,
}

impl Fixed {
    /// `ms` rounded to `decimals` places of a second (half away from zero).
    pub fn round(ms: f64, decimals: u8) -> Fixed {
        let decimals = decimals.min(3);
        Fixed { units: (ms / step_ms(decimals)).round() as i64, decimals }
    }

    /// The value in ms.
    pub fn ms(self) -> f64 {
        self.units as f64 * step_ms(self.decimals)
    }
}

/// One unit at `decimals` places of a second, in ms.
fn step_ms(decimals: u8) -> f64 {
    10f64.powi(3 - i32::from(decimals.min(3)))
}

/// The decimal places (of a second) an uncertainty supports: its leading digit's place, from
/// 1 s down to 1 ms. ±15 ms → 2 (0.01 s), ±520 ms → 1, ±4 ms → 3, ±1.5 s → 0.
pub fn offset_decimals(uncertainty_ms: f64) -> u8 {
    let u = if uncertainty_ms.is_finite() { uncertainty_ms.max(0.0) } else { f64::INFINITY };
    match u {
        u if u >= 1000.0 => 0,
        u if u >= 100.0 => 1,
        u if u >= 10.0 => 2,
        _ => 3,
    }
}

/// An offset and its ± as printed, to the same place (the ±'s leading digit, see
/// [`offset_decimals`]): the ± is rounded up there and widened by the offset's own rounding, so
/// the printed interval always holds the measured one and neither figure claims more than the
/// other allows. +370.4 ± 15 ms → +0.37 s ± 0.02 s.
pub fn shown_offset(offset_ms: f64, uncertainty_ms: f64) -> (Fixed, Fixed) {
    let decimals = offset_decimals(uncertainty_ms);
    let offset = Fixed::round(offset_ms, decimals);
    let spread = uncertainty_ms.max(0.0) + (offset_ms - offset.ms()).abs();
    // The small slack keeps a ± that is a whole number of units (20 ms at 0.01 s) from being
    // pushed to the next unit by floating-point noise.
    let units = ((spread / step_ms(decimals)) - 1e-9).ceil().max(1.0) as i64;
    (offset, Fixed { units, decimals })
}

/// The offset for a sentence without its ± (the panel's headline, the corrected-time badge): at
/// most a tenth of a second, and never finer than the ± allows. When the verdict is not
/// [`Verdict::Fine`] and a tenth rounds to zero, the ±'s own precision is used, so a clock said
/// to be at risk is not also shown as "0.0 s" off.
pub fn headline_offset(offset_ms: f64, uncertainty_ms: f64, verdict: Option<Verdict>) -> Fixed {
    let fine = offset_decimals(uncertainty_ms);
    let coarse = Fixed::round(offset_ms, fine.min(1));
    if coarse.units == 0 && verdict.is_some_and(|v| v != Verdict::Fine) {
        Fixed::round(offset_ms, fine)
    } else {
        coarse
    }
}

/// The verdict for the device clock at `device_ms`, with `offset_ms` measured, for `period` s.
pub fn verdict(device_ms: u64, offset_ms: f64, period: u32) -> Verdict {
    let off = offset_ms.abs();
    if off >= 30_000.0 {
        return Verdict::Wrong;
    }
    if off >= 10_000.0 {
        return Verdict::Risky;
    }
    let p = u64::from(period.max(1)) * 1000;
    let reference = (device_ms as f64 + offset_ms).max(0.0) as u64;
    if device_ms / p != reference / p {
        Verdict::Risky
    } else {
        Verdict::Fine
    }
}

/// The device time corrected by an offset (never before the epoch).
pub fn corrected(device_ms: u64, offset_ms: f64) -> u64 {
    (device_ms as f64 + offset_ms).round().max(0.0) as u64
}

