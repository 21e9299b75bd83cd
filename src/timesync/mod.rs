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

mod report;
pub use report::*;

#[cfg(test)]
mod tests;
