//! The clock panel: the offset and its uncertainty, printed to the precision the measurement
//! allows, the verdict's headline, the age of a measurement, and why a sync was refused.

use super::{t, Lang, T};
use crate::timesync::{headline_offset, shown_offset, ClockReport, Fixed, Verdict};

/// "47.3 s", "1 min 33.40 s", "1 h 0 min 0.25 s": a magnitude printed to exactly its own
/// decimal places, so the figure never looks more (or less) precise than it was rounded to.
fn duration_text(lang: Lang, value: Fixed) -> String {
    let scale = 10u64.pow(u32::from(value.decimals));
    let units = value.units.unsigned_abs();
    let (whole, frac) = (units / scale, units % scale);
    let s = match value.decimals {
        0 => format!("{}", whole % 60),
        d => format!("{}.{frac:0width$}", whole % 60, width = usize::from(d)),
    };
    let (h, m) = (whole / 3600, whole % 3600 / 60);
    match (lang, whole < 60, h) {
        (Lang::En, true, _) => format!("{s} s"),
        (Lang::Ja, true, _) => format!("{s} 秒"),
        (Lang::En, false, 0) => format!("{m} min {s} s"),
        (Lang::En, false, _) => format!("{h} h {m} min {s} s"),
        (Lang::Ja, false, 0) => format!("{m} 分 {s} 秒"),
        (Lang::Ja, false, _) => format!("{h} 時間 {m} 分 {s} 秒"),
    }
}

/// "+0.37 s", "−1 h 0 min 0.3 s": signed as reference minus device.
fn signed(lang: Lang, value: Fixed) -> String {
    format!("{}{}", if value.units < 0 { "−" } else { "+" }, duration_text(lang, value))
}

/// The panel's headline, from its one report: "Your clock is 47.3 s ahead.", "Your clock is
/// right." (only with a fine verdict), "Your clock could not be confirmed." or "Not measured yet.".
pub fn clock_headline(lang: Lang, report: &ClockReport) -> String {
    let m = match (report.verdict, report.shown) {
        (Some(Verdict::Unconfirmed), _) => return t(lang, T::ClockUnconfirmed).to_owned(),
        (Some(_), Some(m)) => m,
        _ => return t(lang, T::NotMeasured).to_owned(),
    };
    let o = headline_offset(m.offset_ms, m.uncertainty_ms, report.verdict);
    let d = duration_text(lang, o);
    match (lang, o.units) {
        (Lang::En, 0) => "Your clock is right.".to_owned(),
        (Lang::Ja, 0) => "この端末の時計は正確です。".to_owned(),
        (Lang::En, u) if u < 0 => format!("Your clock is {d} ahead."),
        (Lang::En, _) => format!("Your clock is {d} behind."),
        (Lang::Ja, u) if u < 0 => format!("この端末の時計は {d}進んでいます。"),
        (Lang::Ja, _) => format!("この端末の時計は {d}遅れています。"),
    }
}

/// "+0.37 s ± 0.02 s": the offset and its uncertainty in one unit, to one precision. The "± 0.02 s"
/// is held together by no-break spaces, so a narrow screen never leaves the ± alone at a line end.
pub fn offset_with_uncertainty(lang: Lang, offset_ms: f64, uncertainty_ms: f64) -> String {
    let (offset, pm) = shown_offset(offset_ms, uncertainty_ms);
    format!("{} ±\u{a0}{}", signed(lang, offset), duration_text(lang, pm).replace(' ', "\u{a0}"))
}

/// "+93.4 s" or "−1 h 0 min 0.3 s", signed as reference minus device, to a tenth of a second.
pub fn signed_offset(lang: Lang, offset_ms: f64) -> String {
    signed(lang, Fixed::round(offset_ms, 1))
}

/// The indicator that codes use the corrected time, with the offset as precise as its ± allows
/// (a tenth of a second at most).
pub fn corrected_badge(lang: Lang, offset_ms: f64, uncertainty_ms: f64) -> String {
    let o = signed(lang, headline_offset(offset_ms, uncertainty_ms, None));
    match lang {
        Lang::En => format!("Codes use the corrected time ({o})"),
        Lang::Ja => format!("コードは補正した時刻を使用中（{o}）"),
    }
}

/// "just now", "5 min ago", "3 h ago", "2 days ago"; with "stale" when old.
pub fn measured_ago(lang: Lang, age_ms: u64, stale: bool) -> String {
    let min = age_ms / 60_000;
    let ago = match (lang, min) {
        (Lang::En, 0) => "just now".to_owned(),
        (Lang::Ja, 0) => "たった今".to_owned(),
        (Lang::En, m) if m < 60 => format!("{m} min ago"),
        (Lang::Ja, m) if m < 60 => format!("{m} 分前"),
        (Lang::En, m) if m < 48 * 60 => format!("{} h ago", m / 60),
        (Lang::Ja, m) if m < 48 * 60 => format!("{} 時間前", m / 60),
        (Lang::En, m) => format!("{} days ago", m / 1440),
        (Lang::Ja, m) => format!("{} 日前", m / 1440),
    };
    match (lang, stale) {
        (_, false) => ago,
        (Lang::En, true) => format!("{ago} (stale: sync again when online)"),
        (Lang::Ja, true) => format!("{ago}（古い測定です。オンラインのときに再同期してください）"),
    }
}

/// Why a sync was refused.
pub fn sync_error(lang: Lang, e: &crate::timesync::SyncError) -> String {
    use crate::timesync::SyncError;
    match (lang, e) {
        (_, SyncError::Unreachable) => t(lang, T::SyncUnreachable).to_owned(),
        (_, SyncError::NoDate) => t(lang, T::SyncNoDate).to_owned(),
        (_, SyncError::Inconsistent) => t(lang, T::SyncInconsistent).to_owned(),
        (Lang::En, SyncError::TooSlow { rtt_ms }) => format!("The reference took {:.1} s to answer (over 5 s): too slow to measure the time. Try again on a better connection.", rtt_ms / 1000.0),
        (Lang::Ja, SyncError::TooSlow { rtt_ms }) => format!("基準の応答に {:.1} 秒かかりました（5 秒超）。遅すぎて測定できません。回線の良いところで再度お試しください。", rtt_ms / 1000.0),
        (Lang::En, SyncError::Absurd { offset_ms }) => format!("The reference says your clock is off by {}: more than a day, so it was not used. Check the device's date, or the reference.", signed_offset(lang, *offset_ms)),
        (Lang::Ja, SyncError::Absurd { offset_ms }) => format!("基準によると時計が {} ずれています。1 日を超えるため使用しません。端末の日付か基準を確認してください。", signed_offset(lang, *offset_ms)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_offset_is_printed_to_the_precision_of_its_plus_minus() {
        assert_eq!(offset_with_uncertainty(Lang::En, 370.4, 15.0), "+0.37 s ±\u{a0}0.02\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::Ja, 370.4, 15.0), "+0.37 秒 ±\u{a0}0.02\u{a0}秒");
        assert_eq!(offset_with_uncertainty(Lang::En, 93_400.0, 12.0), "+1 min 33.40 s ±\u{a0}0.02\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, -3_600_250.0, 12.5), "−1 h 0 min 0.25 s ±\u{a0}0.02\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::Ja, -3_600_250.0, 12.5), "−1 時間 0 分 0.25 秒 ±\u{a0}0.02\u{a0}秒");
        assert_eq!(offset_with_uncertainty(Lang::En, 480.0, 520.0), "+0.5 s ±\u{a0}0.6\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, -1_300.0, 1_500.0), "−1 s ±\u{a0}2\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, 59_996.0, 3.0), "+59.996 s ±\u{a0}0.003\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, 59_996.0, 30.0), "+1 min 0.00 s ±\u{a0}0.04\u{a0}s");
        assert_eq!(corrected_badge(Lang::En, 93_400.0, 12.0), "Codes use the corrected time (+1 min 33.4 s)");
    }

    #[test]
    fn the_clock_headline_follows_the_one_verdict() {
        use crate::timesync::{clock_report, Measured, SyncError};
        let m = |offset_ms| Some(Measured { offset_ms, uncertainty_ms: 12.0, at_ms: 0 });
        let absurd = Some(SyncError::Absurd { offset_ms: 2.0 * 86_400_000.0 });
        let say = |lang, r: ClockReport| clock_headline(lang, &r);
        assert_eq!(say(Lang::En, clock_report(m(20.0), None, 1_000_000, 30)), "Your clock is right.");
        assert_eq!(say(Lang::En, clock_report(m(93_400.0), None, 1_000_000, 30)), "Your clock is 1 min 33.4 s behind.");
        assert_eq!(say(Lang::Ja, clock_report(m(-47_300.0), None, 1_000_000, 30)), "この端末の時計は 47.3 秒進んでいます。");
        // An older fine measurement next to a refused absurd one: not "right".
        assert_eq!(say(Lang::En, clock_report(m(20.0), absurd, 1_000_000, 30)), "Your clock could not be confirmed.");
        assert_eq!(say(Lang::Ja, clock_report(m(20.0), absurd, 1_000_000, 30)), "時計が正しいか確認できませんでした。");
        assert_eq!(say(Lang::En, clock_report(None, None, 1_000_000, 30)), "Not measured yet.");
        // 1,019,990 ms is 10 ms before a period edge: 30 ms behind, the device is still in the
        // old period, so the verdict is Risky and the headline says by how much, not "right".
        assert_eq!(say(Lang::En, clock_report(m(30.0), None, 1_019_990, 30)), "Your clock is 0.03 s behind.");
    }
}
