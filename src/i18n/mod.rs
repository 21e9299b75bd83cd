//! Every user-facing string, in one English and one Japanese table.
//!
//! Static strings are keys of [`T`]; the two tables (`en.rs`, `ja.rs`) are
//! exhaustive `match`es, so a key without a translation does not compile. Messages with values
//! (errors, counts) are functions grouped by what they are about, each with both languages side
//! by side; all of them are reachable as `crate::i18n::…`.
//!
//! This is the only module that holds translated text: the core returns data (errors, reasons,
//! issuer and name), and the UI turns it into words here.
//!
//! # Glossary (用語集)
//!
//! Every string, in both languages, uses these words and only these. A new string follows them;
//! a word that is not here is added here first.
//!
//! | 日本語 | English | what it is |
//! |---|---|---|
//! | バックアップファイル | backup file | the encrypted file of the whole vault that this app writes: 「バックアップファイルを作る」「バックアップファイルから復元」 |
//! | バックアップコード | backup codes | a site's one-time recovery codes: 「Instagramのバックアップコード」「残り5個」 |
//! | 保管庫 | vault | everything the app keeps in this browser, encrypted |
//! | パスフレーズ | passphrase | what opens the vault and the backup file (パスワード is another app's or a file's password) |
//! | パスキー | passkey | unlocking with 指紋・顔認証 (or the device PIN): 「指紋・顔認証でロック解除」 |
//! | 認証コード / コード | code | the 6-digit code that changes every 30 seconds |
//! | シークレットキー / セットアップキー | secret key / setup key | the key inside a site's QR code / the same key typed by hand |
//! | QRコード | QR code | never 「QR コード」 |
//! | ロック・ロック解除 | lock, unlock | |
//!
//! Rules:
//! - Never 「バックアップ」 or "backup" alone in a message a user reads: it meant both the file and
//!   a site's codes (「まだバックアップがありません」 showed right after the user saved Instagram's
//!   バックアップコード). Say バックアップファイル or バックアップコード; another app's own backup is
//!   「andOTP のバックアップファイル」.
//! - Counts: no space between a number and a Japanese counter, nor between the noun and the number:
//!   「アカウント7件」「バックアップコード10個」「残り5個」「1回」「1つ」. Accounts are 件, backup codes
//!   and QR codes are 個. An index keeps its space: 「QRコード 2/3」.
//! - です・ます throughout; say what happened, then what to do. 「〜してください」 for what must be
//!   done, 「〜しておきましょう」 for advice, 「〜できます」 for a way out.
//! - Calm first: a first mistake gets one short sentence and the next step (「パスフレーズが違います。
//!   もう一度入力してください。」), not every possible cause.
//! - Say who: 「開発者にも」, not 「私たち」.

mod accounts;
mod backup_codes;
mod backup_file_state;
mod catalogue;
mod clock;
mod en;
mod errors;
mod gate;
mod ja;
mod kit;
mod later;
mod later_en;
mod later_ja;
mod limits;
mod migrate;
mod passkey;
mod transfer;
mod transfer_kdf;
mod vault;

pub use accounts::{account_label, added, changed_elsewhere, code_settings, codes_change_in, copied_around, copy_label, delete_label, deleted_elsewhere, minutes, row_action, seconds_short, settings_summary, shown_of};
pub use backup_codes::{
    copied_and_marked, backup_codes_button, backup_codes_title, codes_error, codes_found, codes_low, codes_remaining, copy_code_label, mark_label, marked_used, printed_on, retired_set, shape_name, used_on,
};
pub use backup_file_state::{
    ago, auto_allow, auto_choose, auto_failed, auto_file_type, auto_intro, auto_needs_permission, auto_on, auto_stop, auto_title, auto_unsupported, back_up_now, backup_file_banner,
    backup_file_cancelled, backup_file_failed, backup_file_intro, backup_file_kind, backup_file_saved, changes_since, last_backup_file, later, later_label, never_backed_up,
};
pub use catalogue::codes_where;
pub use migrate::{already_here, batches_missing, batches_read, batches_state, say, Say};
pub use limits::{adding_progress, backup_file_too_many, file_too_many, preview_more, preview_more_skipped, reading_progress, vault_full};
pub use kit::{kit_flag, kit_no_codes_hint, kit_printed, kit_restore_steps, kit_summary};
pub use clock::{clock_chip, clock_drift, clock_status, clock_summary, fix_platforms_for, corrected_badge, fix_step, measured_ago, offset_with_uncertainty, signed_offset, sync_error, Platform};
pub use errors::{field_error, secret_error, uri_error, warning};
// First screen, passphrase floor, restore summary, storage advice (gate).
pub use gate::{
    back_to_choices, close_label, first_choice, home_screen_steps, new_passphrase_refusal, passphrase_floor, passphrase_suggestion, restore_summary, show_hide_text, show_passphrase,
    persistence_note, persistence_note_dismiss, persistence_note_title, persistence_status, weakness,
};
// Unlocking with a fingerprint or face (passkey).
pub use later::L;
pub use passkey::{add_another_passkey, passkey_offer_done, passkey_offer_enroll, passkey_offer_later, passkey_offer_text, passkey_offer_title, passkey_on, unlock_intro_passkey};
pub use transfer::{
    batch_progress, file_too_large, format_name, import_done, import_error, import_found, known_app_route, not_exportable, qr_of, same_label_question, same_secret_choice, same_secret_preview,
    same_secret_question, skip_reason,
};
pub use vault::{backup_file_error, cancelled, deriving, kdf_failed, merge_preview, new_passphrase_error, pass_changed_elsewhere, restore_adjusted, restore_adjustments, unreadable, vault_error, Unreadable};

/// A user interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Picks a language from BCP 47 tags in preference order (`navigator.languages`): the first
    /// Japanese or English tag wins; anything else falls back to English.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in tags {
            let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
            match primary.as_str() {
                "ja" => return Lang::Ja,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// Keys of static strings.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum T {
    AppTitle,
    Tagline,
    Add,
    Cancel,
    Unnamed,
    StorageReadFailed,
    CreateFailed,
    QuotaExceeded,
    StorageUnavailable,
    SaveConflict,
    SaveFailed,
    MemoryOnlyStorage,
    CreateTitle,
    CreateIntro,
    PassLabel,
    PassConfirmLabel,
    PassMismatch,
    PassTooShort,
    StrengthWeak,
    StrengthFair,
    StrengthStrong,
    CreateButton,
    ForgetWarning,
    UnlockTitle,
    UnlockIntro,
    LockDiscarded,
    KdfCancelled,
    ChangedElsewhere,
    UnlockButton,
    Working,
    Lock,
    PassChanged,
    CurrentPassWrong,
    RestoreTitle,
    RestoreFileLabel,
    RestoreOpen,
    AddBackupCodes,
    CodesEmpty,
    ClockHeading,
    SyncNow,
    Syncing,
    CorrectLabel,
    DeviceTimeLabel,
    ReferenceTimeLabel,
    OffsetLabel,
    MeasuredLabel,
    VerdictFine,
    VerdictRisky,
    VerdictWrong,
    VerdictUnconfirmed,
    ClockUnconfirmed,
    NotMeasured,
    SyncUnreachable,
    SyncNoDate,
    SyncInconsistent,
    ImageHint,
    NoQrInImage,
    SearchPlaceholder,
    PartLoadFailed,
    TryAgain,
    OrPassphrase,
    PasskeyAsking,
    PasskeyAdded,
    PasskeyCancelled,
    PasskeyUnavailable,
    PasskeyNoPrf,
    PasskeyFailed,
    PasskeyTooMany,
    PasskeyGone,
    PassChangedPasskeysDropped,
    // Emergency kit on paper (kit helper): the settings button, then the printed page set.
    // Clock panel (words): the first message, the details line, the fix.
    CodesCorrected,
    CodesWorkAsTheyAre,
    CorrectedBadge,
    ClockDetails,
    ClockSource,
    FixIntro,
    CorrectNow,
    // Add flow, QR first; import from another app (issue 15, helper "add").
    // --- list (issue 15): the dense row, its menu, copy feedback, the header ---
    AddShort,
    DisplayMenu,
    RestoredCodesHeading,
    AddFromImage,
    AddScanCamera,
    CameraDenied,
    CameraLooking,
    Close,
    CurrentPassLabel,
    ImageHeading,
    IssuerLabel,
    NameLabel,
    NewPassLabel,
    NotAnImageFile,
    PasskeyRemoved,
    RestorePassLabel,
    RowMoreActions,
    ShowCode,
    SiteNameNeeded,
    StartCamera,
    TagsLabel,
    CameraNotFound,
    CameraUnavailable,
    StrengthChecking,
}

/// A key of a static string: [`T`] (the first screen's and the shared ones) or [`L`] (the screens
/// loaded later).
pub trait Text: Copy + Send + Sync + 'static {
    /// The string in `lang`.
    fn text(self, lang: Lang) -> &'static str;
    /// The string on a touch screen, where it differs (no keys, shortcuts or dropping).
    fn touch_text(self, _lang: Lang) -> Option<&'static str> {
        None
    }
}

impl Text for T {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => en::en(self),
            Lang::Ja => ja::ja(self),
        }
    }
    fn touch_text(self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::En => en::en_touch(self),
            Lang::Ja => ja::ja_touch(self),
        }
    }
}

impl Text for L {
    fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => later_en::en(self),
            Lang::Ja => later_ja::ja(self),
        }
    }
}

/// The string for a key.
pub fn t(lang: Lang, key: impl Text) -> &'static str {
    key.text(lang)
}

/// The string for a key on a device with or without a keyboard and mouse: on a touch screen
/// (`touch`), texts that name keys, shortcuts or dropping a file have a version without them.
pub fn t_on(lang: Lang, key: impl Text, touch: bool) -> &'static str {
    touch.then(|| key.touch_text(lang)).flatten().unwrap_or_else(|| key.text(lang))
}

/// A calendar date for a Unix time in ms, already shifted to the user's local time:
/// "2026年11月23日" / "Nov 23, 2026". The one place dates are written.
pub fn date(lang: Lang, local_ms: u64) -> String {
    let (y, m, d) = crate::clock::utc_date(local_ms);
    match lang {
        Lang::Ja => format!("{y}年{m}月{d}日"),
        Lang::En => {
            const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
            format!("{} {d}, {y}", MONTHS[(m as usize).saturating_sub(1).min(11)])
        }
    }
}

/// A date with the time of day (24-hour clock, to the second): "2026年11月23日 14:05:09" /
/// "Nov 23, 2026, 14:05:09".
pub fn date_time(lang: Lang, local_ms: u64) -> String {
    let s = local_ms / 1000 % 86_400;
    let time = format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    match lang {
        Lang::Ja => format!("{} {time}", date(lang, local_ms)),
        Lang::En => format!("{}, {time}", date(lang, local_ms)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_first_known_tag() {
        assert_eq!(Lang::from_tags(["ja-JP", "en-US"]), Lang::Ja);
        assert_eq!(Lang::from_tags(["fr-FR", "ja"]), Lang::Ja);
        assert_eq!(Lang::from_tags(["en-GB", "ja"]), Lang::En);
        assert_eq!(Lang::from_tags(["de"]), Lang::En);
    }

    #[test]
    fn dates_are_written_as_each_language_does() {
        let ms = 1_795_425_909_000; // 2026-11-23 09:25:09 UTC
        assert_eq!(date(Lang::Ja, ms), "2026年11月23日");
        assert_eq!(date(Lang::En, ms), "Nov 23, 2026");
        assert_eq!(date(Lang::En, 0), "Jan 1, 1970");
        assert_eq!(date_time(Lang::Ja, ms), "2026年11月23日 09:25:09");
        assert_eq!(date_time(Lang::En, ms), "Nov 23, 2026, 09:25:09");
    }

    #[test]
    fn touch_screens_get_no_keyboard_hints() {
        for lang in [Lang::En, Lang::Ja] {
            for key in [T::SearchPlaceholder, T::ImageHint] {
                let desk = t_on(lang, key, false);
                let touch = t_on(lang, key, true);
                assert_eq!(desk, t(lang, key));
                for hint in ["/", "Ctrl", "⌘", "drop", "ドロップ"] {
                    assert!(!touch.contains(hint), "{lang:?} {key:?}: {touch}");
                }
            }
            assert!(t_on(lang, T::ImageHint, false).contains("Ctrl+V"));
            assert_eq!(t_on(lang, T::Add, true), t(lang, T::Add));
        }
    }
}
