//! How far the device clock is off, measured against a server's HTTP `Date` header. Pure: the
//! browser adapter sends the requests when this module says and hands back what it saw.
//!
//! ## Method
//! A `Date` header names the second the server was in when it answered. The server answered at
//! some moment between our send and our receive, so one sample says: the offset (reference −
//! device) lies in `[S·1000 − received, S·1000 + 1000 − sent)`. That holds whatever the delays,
//! symmetric or not (Cristian's bound). Samples are intersected; a sample whose interval does not
//! fit the others (a late or odd answer) is dropped, largest round trip first.
//!
//! One sample leaves a second of doubt. To go below it, further requests are timed so that the
//! server's second changes while they are in flight at chosen points of the remaining interval
//! (htpdate's trick, with several points per second instead of one): each answer then says on
//! which side of its point the offset lies. Two rounds of five cut 1,000 ms to about 1,000 / 36.
//! The reported uncertainty is the half-width of what is left, which already includes half the
//! best round trip.

/// One request: when it left and when its answer came back (device time, ms, read from a
/// monotonic clock mapped onto the device's wall clock), and the server's `Date` in whole seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Device time the request was sent.
    pub sent_ms: f64,
    /// Device time the answer arrived.
    pub received_ms: f64,
    /// The server's `Date`, in Unix seconds.
    pub server_secs: i64,
}

impl Sample {
    /// Round-trip time.
    pub fn rtt_ms(&self) -> f64 {
        self.received_ms - self.sent_ms
    }

    /// The offsets this sample allows: `[lo, hi]` in ms.
    pub fn bounds(&self) -> (f64, f64) {
        let s = self.server_secs as f64 * 1000.0;
        (s - self.received_ms, s + 1000.0 - self.sent_ms)
    }
}

/// Why a measurement was refused.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum SyncError {
    /// No answer at all: offline, or the request failed (so no sample to estimate from).
    Unreachable,
    /// The reference answered without a readable `Date` header.
    NoDate,
    /// Every round trip took longer than [`MAX_RTT_MS`].
    TooSlow {
        /// The best round trip seen, ms.
        rtt_ms: f64,
    },
    /// The reference is more than [`MAX_OFFSET_MS`] away from the device: not believable.
    Absurd {
        /// The offset measured, ms.
        offset_ms: f64,
    },
    /// The answers contradict each other beyond repair: no interval most samples agree on.
    Inconsistent,
}

/// Developer text; the UI shows `i18n::sync_error` instead.
impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncError::Unreachable => f.write_str("the time reference did not answer"),
            SyncError::NoDate => f.write_str("the answer had no readable Date header"),
            SyncError::TooSlow { rtt_ms } => write!(f, "the best round trip took {rtt_ms:.0} ms, over {MAX_RTT_MS:.0} ms"),
            SyncError::Absurd { offset_ms } => write!(f, "an offset of {offset_ms:.0} ms, over {MAX_OFFSET_MS:.0} ms"),
            SyncError::Inconsistent => f.write_str("the answers contradict each other"),
        }
    }
}

impl std::error::Error for SyncError {}

/// Round trips longer than this are not used.
pub const MAX_RTT_MS: f64 = 5_000.0;
/// An offset beyond a day is refused as absurd.
pub const MAX_OFFSET_MS: f64 = 86_400_000.0;
/// Requests per sync, at most.
pub const MAX_REQUESTS: usize = 12;
/// Requests per narrowing round.
pub const PER_ROUND: usize = 5;
/// Narrowing stops once the interval is this narrow (ms), or the best round trip allows no better.
pub const GOOD_ENOUGH_MS: f64 = 10.0;
/// Lead time the adapter needs to send a request on time (ms).
pub const LEAD_MS: f64 = 30.0;
/// No request is planned later than this after the first one (ms), so a sync ends within ~3 s.
pub const BUDGET_MS: f64 = 2_500.0;

/// The measured offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Reference time minus device time, ms (positive: the device is behind).
    pub offset_ms: f64,
    /// Half-width of the interval the samples allow, ms.
    pub uncertainty_ms: f64,
    /// Samples used.
    pub samples: usize,
    /// Samples dropped as outliers.
    pub rejected: usize,
    /// The best round trip, ms.
    pub best_rtt_ms: f64,
}

/// Intersects the samples' intervals, dropping the worst (longest round trip) until they agree.
/// Returns the interval and how many were dropped.
fn agree(samples: &[Sample]) -> Option<((f64, f64), usize)> {
    let mut kept: Vec<Sample> = samples.iter().copied().filter(|s| s.rtt_ms() >= 0.0 && s.rtt_ms() <= MAX_RTT_MS).collect();
    kept.sort_by(|a, b| a.rtt_ms().total_cmp(&b.rtt_ms()));
    let dropped_slow = samples.len() - kept.len();
    while !kept.is_empty() {
        let lo = kept.iter().map(|s| s.bounds().0).fold(f64::NEG_INFINITY, f64::max);
        let hi = kept.iter().map(|s| s.bounds().1).fold(f64::INFINITY, f64::min);
        if lo <= hi {
            return Some(((lo, hi), samples.len() - kept.len()));
        }
        kept.pop();
    }
    let _ = dropped_slow;
    None
}

/// The estimate the samples support.
pub fn estimate(samples: &[Sample]) -> Result<Estimate, SyncError> {
    if samples.is_empty() {
        return Err(SyncError::Unreachable);
    }
    let best_rtt_ms = samples.iter().map(Sample::rtt_ms).fold(f64::INFINITY, f64::min);
    if best_rtt_ms > MAX_RTT_MS {
        return Err(SyncError::TooSlow { rtt_ms: best_rtt_ms });
    }
    let ((lo, hi), rejected) = agree(samples).ok_or(SyncError::Inconsistent)?;
    let offset_ms = (lo + hi) / 2.0;
    if offset_ms.abs() > MAX_OFFSET_MS {
        return Err(SyncError::Absurd { offset_ms });
    }
    Ok(Estimate { offset_ms, uncertainty_ms: (hi - lo) / 2.0, samples: samples.len() - rejected, rejected, best_rtt_ms })
}

/// When to send the next requests (device times, ms), given what was seen so far and the time
/// now; empty when the sync is done. The first request goes at once; then each round aims
/// [`PER_ROUND`] requests at evenly spaced points of the remaining interval, each at the next
/// server second boundary it can catch, so a round takes at most about a second.
pub fn next_round(samples: &[Sample], now_ms: f64) -> Vec<f64> {
    if samples.is_empty() {
        return vec![now_ms];
    }
    let Ok(est) = estimate(samples) else { return Vec::new() };
    let room = MAX_REQUESTS.saturating_sub(samples.len()).min(PER_ROUND);
    // Half the best round trip is the doubt no timing can remove.
    let floor = (est.best_rtt_ms / 2.0).max(GOOD_ENOUGH_MS / 2.0);
    if room == 0 || est.uncertainty_ms <= floor {
        return Vec::new();
    }
    let (lo, hi) = (est.offset_ms - est.uncertainty_ms, est.offset_ms + est.uncertainty_ms);
    let half_trip = est.best_rtt_ms / 2.0;
    let points: Vec<f64> = (1..=room).map(|j| lo + (hi - lo) * j as f64 / (room + 1) as f64).collect();
    // The answer to a request sent at `t` is stamped near `t + half_trip`; for point `o` we want
    // that moment plus `o` to be a server second boundary `b`: t = b − o − half_trip, with the
    // first boundary that leaves time to send. So a round takes at most about a second.
    let earliest = now_ms + LEAD_MS;
    let send_for = |o: f64| {
        let boundary = ((earliest + o + half_trip) / 1000.0).ceil() * 1000.0;
        boundary - o - half_trip
    };
    let mut sends: Vec<f64> = points.iter().map(|&o| send_for(o)).collect();
    sends.sort_by(f64::total_cmp);
    let started = samples.iter().map(|s| s.sent_ms).fold(f64::INFINITY, f64::min);
    if sends.last().is_some_and(|last| last - started > BUDGET_MS) {
        return Vec::new();
    }
    sends
}

/// A measurement kept between visits (not secret: localStorage), so an offline start still
/// corrects codes, with its age shown.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
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

    /// As stored.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// From storage; `None` for anything unreadable or absurd.
    pub fn from_text(text: &str) -> Option<Self> {
        let m: Measured = serde_json::from_str(text).ok()?;
        (m.offset_ms.is_finite() && m.offset_ms.abs() <= MAX_OFFSET_MS && m.uncertainty_ms.is_finite() && m.uncertainty_ms >= 0.0).then_some(m)
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

/// Reads an HTTP `Date` header (IMF-fixdate, RFC 9110 §5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`)
/// into Unix seconds. The obsolete RFC 850 and asctime forms are refused.
pub fn parse_http_date(value: &str) -> Option<i64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_day, dd, mon, yyyy, hms, "GMT"] = parts.as_slice() else { return None };
    let day: u32 = dd.parse().ok().filter(|d| (1..=31).contains(d))?;
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m == mon)? as u32 + 1;
    let year: i64 = yyyy.parse().ok().filter(|_| yyyy.len() == 4)?;
    let t: Vec<u32> = hms.split(':').map(|p| p.parse().ok()).collect::<Option<Vec<u32>>>()?;
    let [h, m, s] = t.as_slice() else { return None };
    if *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + i64::from(*h) * 3600 + i64::from(*m) * 60 + i64::from(*s))
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Of two sync runs, the one to keep: a run's interval only widens when the page was blocked
/// during it, so the narrower estimate is the better one; a failed run never replaces a good one,
/// and a good one replaces a failure. `best` wins ties.
pub fn better_run<R, E>(best: Result<R, E>, again: Result<R, E>, estimate: impl Fn(&R) -> &Estimate) -> Result<R, E> {
    match (best, again) {
        (Ok(best), Ok(run)) if estimate(&best).uncertainty_ms <= estimate(&run).uncertainty_ms => Ok(best),
        (Ok(best), Err(_)) => Ok(best),
        (_, again) => again,
    }
}

/// After `failures` failed syncs in a row, the last ending in `error`, how long to wait before
/// syncing again (ms), or `None` to wait for "Sync now" or the browser coming back online. A
/// network failure (no answer, or answers too slow: the `online` event can fire before the network
/// works) is retried after 15 s, 30 s, 1 min, 2 min, then every 5 min; a reference that answered
/// but could not be believed is not asked again by itself.
pub fn retry_after_ms(error: SyncError, failures: u32) -> Option<u64> {
    match error {
        SyncError::Unreachable | SyncError::TooSlow { .. } => {
            Some(match failures {
                0 | 1 => 15_000,
                2 => 30_000,
                3 => 60_000,
                4 => 120_000,
                _ => 300_000,
            })
        }
        SyncError::NoDate | SyncError::Absurd { .. } | SyncError::Inconsistent => None,
    }
}

#[cfg(test)]
mod retry_tests {
    use super::*;

    #[test]
    fn network_failures_are_retried_ever_more_slowly_up_to_five_minutes() {
        let delays: Vec<_> = (1..=8).map(|n| retry_after_ms(SyncError::Unreachable, n)).collect();
        assert_eq!(delays[..5], [Some(15_000), Some(30_000), Some(60_000), Some(120_000), Some(300_000)]);
        assert!(delays[5..].iter().all(|d| *d == Some(300_000)));
        assert_eq!(retry_after_ms(SyncError::TooSlow { rtt_ms: 6_000.0 }, 1), Some(15_000));
    }

    #[test]
    fn a_reference_that_answered_wrongly_is_not_asked_again_by_itself() {
        for e in [SyncError::NoDate, SyncError::Absurd { offset_ms: 9e10 }, SyncError::Inconsistent] {
            assert_eq!(retry_after_ms(e, 1), None, "{e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_parse_to_unix_seconds() {
        // RFC 9110's own example.
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(parse_http_date("Tue, 29 Feb 2000 12:00:00 GMT"), Some(951_825_600));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
        assert_eq!(parse_http_date(""), None);
    }

    #[test]
    fn one_sample_allows_a_second_plus_the_round_trip() {
        let s = Sample { sent_ms: 10_000.0, received_ms: 10_040.0, server_secs: 10 };
        let e = estimate(&[s]).expect("estimate");
        assert_eq!(s.bounds(), (-40.0, 1000.0));
        assert_eq!((e.offset_ms, e.uncertainty_ms), (480.0, 520.0));
    }

    #[test]
    fn absurd_and_slow_answers_are_refused() {
        let far = Sample { sent_ms: 0.0, received_ms: 10.0, server_secs: 2 * 86_400 };
        assert!(matches!(estimate(&[far]), Err(SyncError::Absurd { .. })));
        let slow = Sample { sent_ms: 0.0, received_ms: 6_000.0, server_secs: 3 };
        assert!(matches!(estimate(&[slow]), Err(SyncError::TooSlow { .. })));
        assert_eq!(estimate(&[]), Err(SyncError::Unreachable));
    }

    #[test]
    fn a_contradicting_sample_is_dropped() {
        let good = [
            Sample { sent_ms: 0.0, received_ms: 2.0, server_secs: 5 },
            Sample { sent_ms: 300.0, received_ms: 302.0, server_secs: 5 },
        ];
        let odd = Sample { sent_ms: 100.0, received_ms: 190.0, server_secs: 9 };
        let e = estimate(&[good[0], good[1], odd]).expect("estimate");
        assert_eq!(e.rejected, 1);
        assert!((e.offset_ms - estimate(&good).expect("good").offset_ms).abs() < 1e-9);
    }

    #[test]
    fn a_measurement_survives_storage_and_ages() {
        let m = Measured { offset_ms: -3_600_250.0, uncertainty_ms: 12.5, at_ms: 1_000 };
        assert_eq!(Measured::from_text(&m.to_text()), Some(m));
        assert_eq!(Measured::from_text("{\"offset_ms\":1e12,\"uncertainty_ms\":1,\"at_ms\":0}"), None);
        assert_eq!(Measured::from_text("garbage"), None);
        assert!(!m.is_stale(1_000 + STALE_AFTER_MS));
        assert!(m.is_stale(1_001 + STALE_AFTER_MS));
    }

    fn m(offset_ms: f64, uncertainty_ms: f64) -> Measured {
        Measured { offset_ms, uncertainty_ms, at_ms: 0 }
    }

    #[test]
    fn offset_and_its_plus_minus_share_one_precision() {
        let fx = |units, decimals| Fixed { units, decimals };
        // The case: a true +0.37 s measured ± 15 ms is not "+0.4 s ± 15 ms".
        assert_eq!(shown_offset(370.4, 15.0), (fx(37, 2), fx(2, 2)));
        assert_eq!(shown_offset(-3_600_250.0, 12.5), (fx(-360_025, 2), fx(2, 2)));
        // One sample: half a second of doubt prints as tenths.
        assert_eq!(shown_offset(480.0, 520.0), (fx(5, 1), fx(6, 1)));
        assert_eq!(shown_offset(372.0, 4.0), (fx(372, 3), fx(4, 3)));
        assert_eq!(shown_offset(0.0, 0.0), (fx(0, 3), fx(1, 3)));
        assert_eq!(shown_offset(93_400.0, 2_500.0), (fx(93, 0), fx(3, 0)));
        // A ± that is exactly whole units stays put; one over moves up.
        assert_eq!(shown_offset(370.0, 20.0).1, fx(2, 2));
        assert_eq!(shown_offset(370.0, 20.5).1, fx(3, 2));
    }

    #[test]
    fn the_printed_interval_holds_the_measured_one() {
        for o in [-93_456.7, -370.4, -5.0, 0.0, 0.4, 49.9, 370.4, 999.5, 61_234.5] {
            for u in [0.0, 0.3, 4.0, 9.99, 15.0, 99.9, 520.0, 999.9, 1_500.0, 12_000.0] {
                let (off, pm) = shown_offset(o, u);
                assert_eq!(off.decimals, pm.decimals);
                assert!(pm.units >= 1, "{o} ± {u}");
                let (lo, hi) = (off.ms() - pm.ms(), off.ms() + pm.ms());
                assert!(lo <= o - u + 1e-6 && o + u - 1e-6 <= hi, "{o} ± {u} printed as {off:?} ± {pm:?}");
                // Not needlessly coarse either: the ± is under twice the spread plus one unit.
                let unit = Fixed { units: 1, decimals: pm.decimals }.ms();
                assert!(pm.ms() <= 2.0 * (u + unit), "{o} ± {u} printed as {off:?} ± {pm:?}");
            }
        }
    }

    #[test]
    fn headlines_round_to_a_tenth_at_most() {
        let fx = |units, decimals| Fixed { units, decimals };
        assert_eq!(headline_offset(370.4, 15.0, Some(Verdict::Fine)), fx(4, 1));
        assert_eq!(headline_offset(93_400.0, 12.0, Some(Verdict::Wrong)), fx(934, 1));
        assert_eq!(headline_offset(20.0, 12.0, Some(Verdict::Fine)), fx(0, 1));
        // Never finer than the ± allows.
        assert_eq!(headline_offset(1_300.0, 1_500.0, Some(Verdict::Fine)), fx(1, 0));
        // At risk (on the wrong side of a period edge) with a tiny offset: not "0.0 s".
        assert_eq!(headline_offset(30.0, 12.0, Some(Verdict::Risky)), fx(3, 2));
    }

    #[test]
    fn the_panel_reports_one_verdict_about_the_measurement_it_shows() {
        let stored = m(20.0, 12.0);
        let absurd = SyncError::Absurd { offset_ms: 2.0 * 86_400_000.0 };
        // The case: an older, fine measurement and a newer absurd answer. The panel does
        // not call the clock right next to "off by more than a day".
        let r = clock_report(Some(stored), Some(absurd), 1_000_000, 30);
        assert_eq!(r, ClockReport { shown: Some(stored), verdict: Some(Verdict::Unconfirmed) });
        assert_eq!(clock_report(None, Some(absurd), 1_000_000, 30).verdict, Some(Verdict::Unconfirmed));
        // Offline or slow: no evidence against the stored measurement, which keeps its verdict.
        for e in [SyncError::Unreachable, SyncError::NoDate, SyncError::Inconsistent, SyncError::TooSlow { rtt_ms: 6_000.0 }] {
            assert_eq!(clock_report(Some(stored), Some(e), 1_000_000, 30).verdict, Some(Verdict::Fine));
            assert_eq!(clock_report(None, Some(e), 1_000_000, 30), ClockReport { shown: None, verdict: None });
        }
        let far = m(31_000.0, 12.0);
        assert_eq!(clock_report(Some(far), None, 1_000_000, 30), ClockReport { shown: Some(far), verdict: Some(Verdict::Wrong) });
        assert_eq!(clock_report(None, None, 1_000_000, 30).verdict, None);
    }

    #[test]
    fn verdicts() {
        assert_eq!(verdict(1_000_000, 31_000.0, 30), Verdict::Wrong);
        assert_eq!(verdict(1_000_000, -12_000.0, 30), Verdict::Risky);
        // 1,000,000 ms is 10 s into a period: 3 s ahead stays inside it; at 28 s in, it crosses the edge.
        assert_eq!(verdict(1_000_000, 3_000.0, 30), Verdict::Fine);
        assert_eq!(verdict(1_018_000, 3_000.0, 30), Verdict::Risky);
    }

    fn run(uncertainty_ms: f64) -> Result<Estimate, SyncError> {
        Ok(Estimate { offset_ms: 0.0, uncertainty_ms, samples: 5, rejected: 0, best_rtt_ms: 1.0 })
    }

    #[test]
    fn the_narrower_run_is_kept_and_a_failure_never_replaces_a_good_run() {
        let u = |r: &Result<Estimate, SyncError>| r.as_ref().map(|e| e.uncertainty_ms).ok();
        assert_eq!(u(&better_run(run(40.0), run(10.0), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(run(10.0), run(40.0), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(run(10.0), run(10.0), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(run(10.0), Err(SyncError::NoDate), |e| e)), Some(10.0));
        assert_eq!(u(&better_run(Err(SyncError::NoDate), run(30.0), |e| e)), Some(30.0));
        assert!(better_run::<Estimate, SyncError>(Err(SyncError::NoDate), Err(SyncError::Unreachable), |e| e).is_err());
    }

    #[test]
    fn drift_is_said_in_seconds_then_minutes_then_hours() {
        let d = |fast, amount| Some(Drift { fast, amount });
        assert_eq!(drift(400.0), None);
        assert_eq!(drift(-999.0), None);
        assert_eq!(drift(1_000.0), d(false, Amount::Seconds(1)));
        assert_eq!(drift(-47_300.0), d(true, Amount::Seconds(47)));
        assert_eq!(drift(59_600.0), d(false, Amount::Minutes(1)));
        assert_eq!(drift(93_400.0), d(false, Amount::Minutes(2)));
        assert_eq!(drift(-120_000.0), d(true, Amount::Minutes(2)));
        assert_eq!(drift(-3_600_250.0), d(true, Amount::Hours(1, 0)));
        assert_eq!(drift(5_400_000.0), d(false, Amount::Hours(1, 30)));
        assert_eq!(drift(f64::NAN), None);
    }

    #[test]
    fn the_panel_reassures_first_when_codes_are_corrected() {
        let report = |offset_ms| clock_report(Some(m(offset_ms, 12.0)), None, 1_000_000, 30);
        // Two minutes fast, corrected: good news first, then the drift and the fix.
        let a = advice(&report(-120_000.0), true);
        assert_eq!(a, Advice { codes: CodesNote::Corrected, drift: drift(-120_000.0), fix: true, tone: Tone::Good });
        // The same clock with the correction off: codes are refused, in red.
        let a = advice(&report(-120_000.0), false);
        assert_eq!((a.codes, a.tone, a.fix), (CodesNote::Refused, Tone::Alarm, true));
        assert_eq!((advice(&report(15_000.0), false).codes, advice(&report(15_000.0), false).tone), (CodesNote::MayBeRefused, Tone::Caution));
        // A few seconds off: said, corrected, no steps needed.
        let a = advice(&report(3_000.0), true);
        assert_eq!((a.codes, a.fix, a.tone), (CodesNote::Corrected, false, Tone::Good));
        assert_eq!(advice(&report(3_000.0), false).codes, CodesNote::ClockRight);
        // Right: nothing to say about drift, even near a period edge.
        let edge = clock_report(Some(m(30.0, 12.0)), None, 1_019_990, 30);
        assert_eq!(advice(&edge, false), Advice { codes: CodesNote::ClockRight, drift: None, fix: false, tone: Tone::Good });
    }

    #[test]
    fn no_error_colour_without_a_clue_of_a_wrong_clock() {
        // Never measured (offline): neutral, nothing to fix.
        for e in [None, Some(SyncError::Unreachable), Some(SyncError::TooSlow { rtt_ms: 6_000.0 })] {
            let a = advice(&clock_report(None, e, 1_000_000, 30), true);
            assert_eq!(a, Advice { codes: CodesNote::NotChecked, drift: None, fix: false, tone: Tone::Neutral });
        }
        // The check says more than a day off: the date may be wrong, whatever was stored.
        let absurd = Some(SyncError::Absurd { offset_ms: 2.0 * 86_400_000.0 });
        for stored in [None, Some(m(20.0, 12.0))] {
            let a = advice(&clock_report(stored, absurd, 1_000_000, 30), true);
            assert_eq!((a.codes, a.tone, a.fix), (CodesNote::DateInDoubt, Tone::Alarm, true));
        }
    }
}
