//! Every user-facing string, in one English and one Japanese table.
//!
//! Static strings are keys of [`T`]; the two tables (`en.rs`, `ja.rs`) are
//! exhaustive `match`es, so a key without a translation does not compile. Messages with values
//! (errors, counts) are functions grouped by what they are about, each with both languages side
//! by side; all of them are reachable as `crate::i18n::…`.
//!
//! This is the only module that holds translated text: the core returns data (errors, reasons,
//! issuer and name), and the UI turns it into words here.

mod accounts;
mod backup;
mod clock;
mod en;
mod errors;
mod ja;
mod transfer;
mod vault;

pub use accounts::{account_label, added, codes_change_in, copied_for, copy_label, delete_label, row_action, seconds_short, settings_summary, shown_of};
pub use backup::{
    backup_button, backup_title, codes_error, codes_found, codes_low, codes_remaining, copy_code_label, mark_label, marked_used, printed_on, retired_set, shape_name, used_on,
};
pub use clock::{clock_headline, corrected_badge, measured_ago, offset_with_uncertainty, signed_offset, sync_error};
pub use errors::{field_error, secret_error, uri_error, warning};
pub use transfer::{
    batch_progress, file_too_large, format_name, import_done, import_error, import_found, not_exportable, qr_of, same_label_question, same_secret_choice, same_secret_preview,
    same_secret_question, skip_reason,
};
pub use vault::{backup_error, cancelled, deriving, kdf_failed, merge_preview, new_passphrase_error, unreadable, vault_error, Unreadable};

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
    AddAccount,
    EmptyList,
    AccountsHeading,
    DialogTitle,
    TabPaste,
    TabManual,
    UriLabel,
    UriHint,
    IssuerLabel,
    NameLabel,
    SecretLabel,
    SecretHint,
    Advanced,
    TypeLabel,
    TypeTotp,
    TypeHotp,
    TypeSteam,
    AlgorithmLabel,
    DigitsLabel,
    PeriodLabel,
    CounterLabel,
    Add,
    Cancel,
    WillAdd,
    Copy,
    Copied,
    CopyFailed,
    Delete,
    ConfirmDelete,
    ConfirmDeleteYes,
    ConfirmDeleteNo,
    NextCode,
    Language,
    Unnamed,
    WarningsHeading,
    CounterShort,
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
    DamagedTitle,
    DamagedIntro,
    DownloadRaw,
    NewerTitle,
    Settings,
    AutoLockLabel,
    Never,
    Minutes,
    ChangePassTitle,
    CurrentPassLabel,
    NewPassLabel,
    ChangePassButton,
    PassChanged,
    CurrentPassWrong,
    ExportTitle,
    ExportIntro,
    ExportButton,
    RestoreTitle,
    RestoreFileLabel,
    RestorePassLabel,
    RestoreOpen,
    RestoreMerge,
    RestoreReplace,
    RestoreDone,
    NotABackup,
    StoragePersisted,
    StorageNotPersisted,
    BackupCodes,
    AddBackupCodes,
    TabCodesOnly,
    CodesOnlyHint,
    PasteCodesLabel,
    PasteCodesHint,
    CodesLabel,
    SaveCodes,
    NextCodeLabel,
    MarkUsed,
    Undo,
    AllCodesUsed,
    ReplaceCodes,
    ReplaceHint,
    RevokedHeading,
    PrintCodes,
    PrintHint,
    CopyClears,
    WhatIsBackupCode,
    BackupCodeExplained,
    CodesEmpty,
    SiteNameNeeded,
    NoSecretHere,
    LowCodesLabel,
    SheetCheck,
    SheetFooter,
    Close,
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
    ScanOrImport,
    TransferTitle,
    CameraHeading,
    StartCamera,
    StopCamera,
    CameraLabel,
    CameraLooking,
    CameraDenied,
    CameraNotFound,
    CameraUnavailable,
    ImageHeading,
    ImageHint,
    ImageLabel,
    NoQrInImage,
    NotAnImageFile,
    NotAuthenticatorQr,
    DeleteScreenshot,
    FileHeading,
    FileHint,
    FileLabel,
    FilePassLabel,
    ReadFile,
    PasteExportLabel,
    PreviewHeading,
    WillAddNew,
    AlreadyHere,
    SameNameOtherSecret,
    StaleQuestion,
    ReplaceOld,
    KeepBoth,
    SkippedHeading,
    ConfirmImport,
    CancelImport,
    ExportAccount,
    ExportAccountTitle,
    RevealWarning,
    Reveal,
    MigrationExportTitle,
    MigrationExportIntro,
    ShowMigration,
    NextQr,
    UriListTitle,
    UriListWarning,
    UriListConfirm,
    AlreadyHereOne,
    SearchLabel,
    SearchPlaceholder,
    SearchHint,
    SortLabel,
    SortManual,
    SortName,
    SortRecent,
    AllTags,
    TagFilterLabel,
    NoMatch,
    Pin,
    Unpin,
    MoveUp,
    MoveDown,
    Edit,
    Save,
    TagsLabel,
    ShowCode,
    HiddenCode,
    PrivacyTitle,
    TapToRevealLabel,
    HideOnBlurLabel,
    ThemeLabel,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    PartLoadFailed,
    TryAgain,
    PasskeyHeading,
    PasskeyIntro,
    AddPasskey,
    RemovePasskey,
    PasskeyNone,
    UnlockWithPasskey,
    OrPassphrase,
    PasskeyAsking,
    PasskeyAdded,
    PasskeyRemoved,
    PasskeyCancelled,
    PasskeyUnavailable,
    PasskeyNoPrf,
    PasskeyFailed,
    PasskeyTooMany,
    PasskeyGone,
    PasskeyDefaultName,
    PasskeyExportNote,
    PassChangedPasskeysDropped,
    // --- list (issue 15): the dense row, its menu, copy feedback, the header ---
    AddShort,
    RowMoreActions,
    MenuEdit,
    MenuPin,
    MenuUnpin,
    MenuMoveUp,
    MenuMoveDown,
    MenuShowQr,
    MenuDelete,
    PinnedMark,
    CodeChangingSoon,
    DisplayMenu,
    TapCodeToCopy,
}

/// The string for a key.
pub fn t(lang: Lang, key: T) -> &'static str {
    match lang {
        Lang::En => en::en(key),
        Lang::Ja => ja::ja(key),
    }
}

/// `2026-11-22` for a Unix time in ms, already shifted to the user's local time.
pub fn date(local_ms: u64) -> String {
    let (y, m, d) = crate::clock::utc_date(local_ms);
    format!("{y:04}-{m:02}-{d:02}")
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
}
