//! The clock panel: what the codes are worth, how far the clock is off in words a person reads,
//! how to set it right on each kind of device; the figures (offset and its uncertainty, printed
//! to the precision the measurement allows, the age of a measurement) for the details line; and
//! why a check was refused.

use super::{t, Lang, T};
use crate::timesync::{shown_offset, Advice, Amount, CodesNote, Drift, Fixed};

/// "47.3 s", "1 min 33.40 s", "1 h 0 min 0.25 s" / "1分33.40秒": a magnitude printed to exactly
/// its own decimal places, so the figure never looks more (or less) precise than it was rounded
/// to. Japanese puts no space between a number and its unit.
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
        (Lang::Ja, true, _) => format!("{s}秒"),
        (Lang::En, false, 0) => format!("{m} min {s} s"),
        (Lang::En, false, _) => format!("{h} h {m} min {s} s"),
        (Lang::Ja, false, 0) => format!("{m}分{s}秒"),
        (Lang::Ja, false, _) => format!("{h}時間{m}分{s}秒"),
    }
}

/// "+0.37 s", "−1 h 0 min 0.3 s": signed as reference minus device.
fn signed(lang: Lang, value: Fixed) -> String {
    format!("{}{}", if value.units < 0 { "−" } else { "+" }, duration_text(lang, value))
}

/// What the device is called in a sentence about its clock: a phone on a touch screen, else a
/// computer (Japanese); "this device" in English.
fn device(lang: Lang, phone: bool) -> &'static str {
    match (lang, phone) {
        (Lang::En, _) => "This device",
        (Lang::Ja, true) => "スマホ",
        (Lang::Ja, false) => "パソコン",
    }
}

/// The panel's first message, about the codes: "Codes are shown for the correct time."
pub fn clock_status(lang: Lang, advice: &Advice) -> &'static str {
    let key = match (advice.codes, advice.drift.is_some()) {
        (CodesNote::Corrected, _) => T::CodesCorrected,
        (CodesNote::ClockRight, false) => T::VerdictFine,
        (CodesNote::ClockRight, true) => T::CodesWorkAsTheyAre,
        (CodesNote::MayBeRefused, _) => T::VerdictRisky,
        (CodesNote::Refused, _) => T::VerdictWrong,
        (CodesNote::NotChecked, _) => T::NotMeasured,
        (CodesNote::DateInDoubt, _) => T::ClockUnconfirmed,
    };
    t(lang, key)
}

/// The panel's second message, about the clock: how far it is off, or what to check when its
/// date is in doubt; `None` when there is nothing more to say.
pub fn clock_summary(lang: Lang, advice: &Advice, phone: bool) -> Option<String> {
    match (advice.codes, advice.drift) {
        (CodesNote::DateInDoubt, _) => Some(t(lang, T::VerdictUnconfirmed).to_owned()),
        (_, Some(d)) => Some(clock_drift(lang, d, phone)),
        (_, None) => None,
    }
}

/// "2 minutes", "1 hour 30 minutes" / "2分", "1時間30分".
fn amount_text(lang: Lang, a: Amount) -> String {
    let en = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match (lang, a) {
        (Lang::En, Amount::Seconds(n)) => en(n, "second"),
        (Lang::En, Amount::Minutes(n)) => en(n, "minute"),
        (Lang::En, Amount::Hours(h, 0)) => en(h, "hour"),
        (Lang::En, Amount::Hours(h, m)) => format!("{} {}", en(h, "hour"), en(m, "minute")),
        (Lang::Ja, Amount::Seconds(n)) => format!("{n}秒"),
        (Lang::Ja, Amount::Minutes(n)) => format!("{n}分"),
        (Lang::Ja, Amount::Hours(h, 0)) => format!("{h}時間"),
        (Lang::Ja, Amount::Hours(h, m)) => format!("{h}時間{m}分"),
    }
}

/// "This device's clock is 2 minutes fast." / "スマホの時計が2分進んでいます。"
pub fn clock_drift(lang: Lang, drift: Drift, phone: bool) -> String {
    let (who, much) = (device(lang, phone), amount_text(lang, drift.amount));
    match (lang, drift.fast) {
        (Lang::En, true) => format!("{who}'s clock is {much} fast."),
        (Lang::En, false) => format!("{who}'s clock is {much} slow."),
        (Lang::Ja, true) => format!("{who}の時計が{much}進んでいます。"),
        (Lang::Ja, false) => format!("{who}の時計が{much}遅れています。"),
    }
}

/// The kinds of device the fix is told for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// iPhone (and iPad).
    Iphone,
    /// Android phones.
    Android,
    /// Windows computers.
    Windows,
    /// Macs.
    Mac,
}

/// The platforms whose steps to show on this device: only its own where the user agent says
/// (an iPad may call itself a Mac: a Mac with touch counts as iPhone/iPad); where it does not
/// (Linux, ChromeOS, an unknown browser), the phones on a touch screen, else the computers.
pub fn fix_platforms_for(user_agent: &str, touch_points: u32) -> Vec<Platform> {
    use Platform::*;
    let ua = user_agent.to_ascii_lowercase();
    if ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod") || (ua.contains("macintosh") && touch_points > 1) {
        vec![Iphone]
    } else if ua.contains("android") {
        vec![Android]
    } else if ua.contains("windows") {
        vec![Windows]
    } else if ua.contains("macintosh") || ua.contains("mac os x") {
        vec![Mac]
    } else if touch_points > 0 {
        vec![Iphone, Android]
    } else {
        vec![Windows, Mac]
    }
}

/// The clock in one line, once a check has answered (or failed): how far it is off and what the
/// codes are worth ("Clock is 2 minutes fast · codes corrected").
/// The whole story (and the steps) open from it.
pub fn clock_chip(lang: Lang, advice: &Advice) -> String {
    let off = |d: Drift| {
        let much = amount_text(lang, d.amount);
        match (lang, d.fast) {
            (Lang::En, true) => format!("Clock is {much} fast"),
            (Lang::En, false) => format!("Clock is {much} slow"),
            (Lang::Ja, true) => format!("時計が{much}進んでいます"),
            (Lang::Ja, false) => format!("時計が{much}遅れています"),
        }
    };
    match (lang, advice.codes, advice.drift) {
        (Lang::En, CodesNote::Corrected, Some(d)) => format!("{} · codes corrected", off(d)),
        (Lang::Ja, CodesNote::Corrected, Some(d)) => format!("{}（補正済み）", off(d)),
        (Lang::En, CodesNote::ClockRight, Some(d)) => format!("{} · codes work as they are", off(d)),
        (Lang::Ja, CodesNote::ClockRight, Some(d)) => format!("{}（問題ありません）", off(d)),
        (Lang::En, CodesNote::Corrected | CodesNote::ClockRight, None) => "Clock is right".into(),
        (Lang::Ja, CodesNote::Corrected | CodesNote::ClockRight, None) => "時計は正確です".into(),
        (_, CodesNote::DateInDoubt, _) => t(lang, T::ClockUnconfirmed).to_owned(),
        (Lang::En, _, _) => "Clock not checked yet".into(),
        (Lang::Ja, _, _) => "時計はまだ確認できていません".into(),
    }
}

/// A platform's name and the way to its automatic date and time, with the setting names as that
/// system shows them.
pub fn fix_step(lang: Lang, p: Platform) -> (&'static str, &'static str) {
    use Platform::*;
    match (lang, p) {
        (Lang::En, Iphone) => ("iPhone", "Settings → General → Date & Time → turn on “Set Automatically”."),
        (Lang::Ja, Iphone) => ("iPhone", "設定 → 一般 → 日付と時刻 → 「自動設定」をオン。"),
        (Lang::En, Android) => ("Android", "Settings → System → Date & time → turn on “Network-provided time”. Some makers call it “Set time automatically”."),
        (Lang::Ja, Android) => ("Android", "設定 → システム → 日付と時刻 → 「ネットワーク提供時刻」をオン。機種によっては「日付と時刻を自動設定」という名前です。"),
        (Lang::En, Windows) => ("Windows", "Settings → Time & language → Date & time → turn on “Set time automatically”."),
        (Lang::Ja, Windows) => ("Windows", "設定 → 時刻と言語 → 日付と時刻 → 「時刻を自動的に設定する」をオン。"),
        (Lang::En, Mac) => ("Mac", "System Settings → General → Date & Time → turn on “Set time and date automatically”."),
        (Lang::Ja, Mac) => ("Mac", "システム設定 → 一般 → 日付と時刻 → 「日付と時刻を自動的に設定」をオン。"),
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

/// The indicator by the codes that they use the corrected time. Words only: the figures are in
/// the clock panel's details.
pub fn corrected_badge(lang: Lang, _offset_ms: f64, _uncertainty_ms: f64) -> String {
    t(lang, T::CorrectedBadge).to_owned()
}

/// "just now", "5 min ago", "3 h ago", "2 days ago"; with "stale" when old.
pub fn measured_ago(lang: Lang, age_ms: u64, stale: bool) -> String {
    let min = age_ms / 60_000;
    let ago = match (lang, min) {
        (Lang::En, 0) => "just now".to_owned(),
        (Lang::Ja, 0) => "たった今".to_owned(),
        (Lang::En, m) if m < 60 => format!("{m} min ago"),
        (Lang::Ja, m) if m < 60 => format!("{m}分前"),
        (Lang::En, m) if m < 48 * 60 => format!("{} h ago", m / 60),
        (Lang::Ja, m) if m < 48 * 60 => format!("{}時間前", m / 60),
        (Lang::En, m) => format!("{} days ago", m / 1440),
        (Lang::Ja, m) => format!("{}日前", m / 1440),
    };
    match (lang, stale) {
        (_, false) => ago,
        (Lang::En, true) => format!("{ago}. Check again when online."),
        (Lang::Ja, true) => format!("{ago}。オンラインのときにもう一度確認してください。"),
    }
}

/// Why a check was refused, in plain words.
pub fn sync_error(lang: Lang, e: &crate::timesync::SyncError) -> String {
    use crate::timesync::SyncError;
    match (lang, e) {
        (_, SyncError::Unreachable) => t(lang, T::SyncUnreachable).to_owned(),
        (_, SyncError::NoDate) => t(lang, T::SyncNoDate).to_owned(),
        (_, SyncError::Inconsistent) => t(lang, T::SyncInconsistent).to_owned(),
        (Lang::En, SyncError::TooSlow { rtt_ms }) => format!("The connection was too slow to check the time (an answer took {}). Try again on a better connection.", duration_text(lang, Fixed::round(*rtt_ms, 1))),
        (Lang::Ja, SyncError::TooSlow { rtt_ms }) => format!("回線が遅く、時刻を確認できませんでした（応答に{}）。回線の良いところでもう一度お試しください。", duration_text(lang, Fixed::round(*rtt_ms, 1))),
        (Lang::En, SyncError::Absurd { .. }) => "This device's date and the right date are more than a day apart, so that check was not used. Check the date on this device.".to_owned(),
        (Lang::Ja, SyncError::Absurd { .. }) => "この端末の日付が、正しい日付と1日以上ずれています。この確認結果は使いませんでした。端末の日付を確認してください。".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timesync::{advice, clock_report, drift, Measured, SyncError};

    #[test]
    fn the_fix_steps_are_this_devices_own() {
        use Platform::*;
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        let ipad_as_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        let linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        assert_eq!(fix_platforms_for(iphone, 5), vec![Iphone]);
        assert_eq!(fix_platforms_for(ipad_as_mac, 5), vec![Iphone]);
        assert_eq!(fix_platforms_for(ipad_as_mac, 0), vec![Mac]);
        assert_eq!(fix_platforms_for(android, 5), vec![Android]);
        assert_eq!(fix_platforms_for(windows, 0), vec![Windows]);
        assert_eq!(fix_platforms_for(linux, 0), vec![Windows, Mac]);
        assert_eq!(fix_platforms_for(linux, 5), vec![Iphone, Android]);
        assert_eq!(fix_platforms_for(linux, 1), vec![Iphone, Android]);
    }

    #[test]
    fn the_clock_line_is_short_and_says_what_the_codes_are_worth() {
        let fast = Some(Drift { fast: true, amount: Amount::Minutes(2) });
        let line = |lang, codes, drift| clock_chip(lang, &Advice { codes, drift, fix: false, tone: crate::timesync::Tone::Good });
        assert_eq!(line(Lang::Ja, CodesNote::Corrected, fast), "時計が2分進んでいます（補正済み）");
        assert_eq!(line(Lang::En, CodesNote::Corrected, fast), "Clock is 2 minutes fast · codes corrected");
        assert_eq!(line(Lang::Ja, CodesNote::ClockRight, None), "時計は正確です");
        assert_eq!(line(Lang::En, CodesNote::NotChecked, None), "Clock not checked yet");
        assert_eq!(line(Lang::Ja, CodesNote::DateInDoubt, None), t(Lang::Ja, T::ClockUnconfirmed));
        // Short enough for one line on a 320 px phone (about 20 Japanese characters) up to an hour
        // off; beyond, the line ends in an ellipsis there and the words behind it say it whole.
        assert!(line(Lang::Ja, CodesNote::Corrected, Some(Drift { fast: false, amount: Amount::Minutes(59) })).chars().count() <= 20);
    }

    #[test]
    fn the_clock_offset_is_printed_to_the_precision_of_its_plus_minus() {
        assert_eq!(offset_with_uncertainty(Lang::En, 370.4, 15.0), "+0.37 s ±\u{a0}0.02\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::Ja, 370.4, 15.0), "+0.37秒 ±\u{a0}0.02秒");
        assert_eq!(offset_with_uncertainty(Lang::En, 93_400.0, 12.0), "+1 min 33.40 s ±\u{a0}0.02\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, -3_600_250.0, 12.5), "−1 h 0 min 0.25 s ±\u{a0}0.02\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::Ja, -3_600_250.0, 12.5), "−1時間0分0.25秒 ±\u{a0}0.02秒");
        assert_eq!(offset_with_uncertainty(Lang::En, 480.0, 520.0), "+0.5 s ±\u{a0}0.6\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, -1_300.0, 1_500.0), "−1 s ±\u{a0}2\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, 59_996.0, 3.0), "+59.996 s ±\u{a0}0.003\u{a0}s");
        assert_eq!(offset_with_uncertainty(Lang::En, 59_996.0, 30.0), "+1 min 0.00 s ±\u{a0}0.04\u{a0}s");
    }

    #[test]
    fn the_panel_says_the_codes_first_then_the_clock_in_words() {
        let m = |offset_ms| Some(Measured { offset_ms, uncertainty_ms: 12.0, at_ms: 0 });
        let says = |lang, offset_ms, correcting, phone: bool| {
            let a = advice(&clock_report(m(offset_ms), None, 1_000_000, 30), correcting);
            (clock_status(lang, &a).to_owned(), a.drift.map(|d| clock_drift(lang, d, phone)))
        };
        // The case: two minutes fast, codes corrected.
        assert_eq!(says(Lang::Ja, -120_000.0, true, true), ("コードは正しい時刻で表示されています。".into(), Some("スマホの時計が2分進んでいます。".into())));
        assert_eq!(says(Lang::En, -120_000.0, true, true).1.as_deref(), Some("This device's clock is 2 minutes fast."));
        assert_eq!(says(Lang::En, 93_400.0, true, false).1.as_deref(), Some("This device's clock is 2 minutes slow."));
        assert_eq!(says(Lang::Ja, 1_000.0, true, false).1.as_deref(), Some("パソコンの時計が1秒遅れています。"));
        assert_eq!(says(Lang::En, -1_000.0, true, false).1.as_deref(), Some("This device's clock is 1 second fast."));
        assert_eq!(says(Lang::En, -5_400_000.0, true, false).1.as_deref(), Some("This device's clock is 1 hour 30 minutes fast."));
        assert_eq!(says(Lang::Ja, 20.0, true, true), ("時計は正確です。コードはそのまま使えます。".into(), None));
        assert!(says(Lang::En, -120_000.0, false, true).0.contains("will be refused"));
        let doubt = advice(&clock_report(m(20.0), Some(SyncError::Absurd { offset_ms: 2.0 * 86_400_000.0 }), 1_000_000, 30), true);
        assert!(!clock_status(Lang::En, &doubt).contains("right"));
        assert!(drift(-47_300.0).is_some_and(|d| clock_drift(Lang::Ja, d, true) == "スマホの時計が47秒進んでいます。"));
    }

    #[test]
    fn the_fix_names_the_settings_as_each_system_does() {
        assert!(fix_step(Lang::Ja, Platform::Iphone).1.contains("設定 → 一般 → 日付と時刻 → 「自動設定」"));
        assert!(fix_step(Lang::Ja, Platform::Android).1.contains("ネットワーク提供時刻"));
        assert!(fix_step(Lang::Ja, Platform::Windows).1.contains("時刻を自動的に設定する"));
        assert!(fix_step(Lang::Ja, Platform::Mac).1.contains("システム設定 → 一般 → 日付と時刻"));
        assert!(fix_step(Lang::En, Platform::Iphone).1.contains("Set Automatically"));
    }
}
