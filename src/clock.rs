//! The clock as an interface, so pure code never reads time itself; plus calendar arithmetic.

/// A source of the current time.
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
}

/// The UTC calendar date of a Unix time in milliseconds: (year, month 1–12, day 1–31).
/// Howard Hinnant's `civil_from_days`.
pub fn utc_date(unix_ms: u64) -> (i64, u32, u32) {
    let z = (unix_ms / 86_400_000) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::utc_date;

    #[test]
    fn dates_match_known_days() {
        assert_eq!(utc_date(0), (1970, 1, 1));
        assert_eq!(utc_date(1_111_111_109_000), (2005, 3, 18)); // RFC 6238 Appendix B
        assert_eq!(utc_date(2_000_000_000_000), (2033, 5, 18));
        assert_eq!(utc_date(951_782_400_000), (2000, 2, 29));
    }
}
