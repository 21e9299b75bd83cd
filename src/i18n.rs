//! Every user-facing string, in one English and one Japanese table.
//!
//! Static strings are keys of [`T`]; the two tables are exhaustive `match`es, so a key without a
//! translation does not compile. Messages with values (errors, counts) are functions below, each
//! with both languages side by side.

use crate::account::{Field, FieldError, Warning, MAX_TAGS};
use crate::otp::{SecretError, SecretWarning};
use crate::timesync::{headline_offset, shown_offset, ClockReport, Fixed, Verdict};
use crate::uri::{UriError, MAX_URI_CHARS};

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
}

/// The string for a key.
pub fn t(lang: Lang, key: T) -> &'static str {
    match lang {
        Lang::En => en(key),
        Lang::Ja => ja(key),
    }
}

fn en(key: T) -> &'static str {
    match key {
        T::AppTitle => "Authenticator",
        T::Tagline => "Two-factor codes in your browser. Nothing leaves this device.",
        T::AddAccount => "Add account",
        T::EmptyList => "No accounts yet. Add one by pasting the otpauth:// link behind a site's QR code, or by typing its secret key.",
        T::AccountsHeading => "Accounts",
        T::DialogTitle => "Add an account",
        T::TabPaste => "Paste a link",
        T::TabManual => "Enter manually",
        T::UriLabel => "otpauth:// link",
        T::UriHint => "The link behind the site's QR code, starting with otpauth://",
        T::IssuerLabel => "Service (issuer)",
        T::NameLabel => "Account name",
        T::SecretLabel => "Secret key (Base32)",
        T::SecretHint => "Letters A–Z and digits 2–7; spaces, dashes and lower case are fine.",
        T::Advanced => "Advanced",
        T::TypeLabel => "Type",
        T::TypeTotp => "Time-based (TOTP)",
        T::TypeHotp => "Counter-based (HOTP)",
        T::TypeSteam => "Steam Guard",
        T::AlgorithmLabel => "Algorithm",
        T::DigitsLabel => "Digits",
        T::PeriodLabel => "Period (seconds)",
        T::CounterLabel => "Counter",
        T::Add => "Add",
        T::Cancel => "Cancel",
        T::WillAdd => "Will add",
        T::Copy => "Copy",
        T::Copied => "Copied",
        T::CopyFailed => "Could not copy: select the code and copy it by hand.",
        T::Delete => "Delete",
        T::ConfirmDelete => "Delete this account? Its secret cannot be recovered here; make sure you can still sign in to the site.",
        T::ConfirmDeleteYes => "Delete",
        T::ConfirmDeleteNo => "Keep",
        T::NextCode => "Next code",
        T::Language => "Language",
        T::Unnamed => "(no name)",
        T::WarningsHeading => "Please note",
        T::CounterShort => "Counter",
        T::StorageReadFailed => "The stored vault could not be read from this browser's storage. Nothing was changed; try reloading the page.",
        T::CreateFailed => "The vault could not be created. Reload the page and try again.",
        T::QuotaExceeded => "The browser has no storage space left for this site, so the change was not saved. Free some space (or export a backup file), then try again.",
        T::StorageUnavailable => "This browser does not allow storage here (private mode?): the app works, but nothing will be saved.",
        T::SaveConflict => "Another tab kept changing the vault at the same moment; your change was not saved. Try again.",
        T::SaveFailed => "The change could not be saved. Nothing was lost; try again, and export a backup file if it keeps failing.",
        T::MemoryOnlyStorage => "Storage is unavailable in this browser (private mode?): accounts stay in this tab's memory and nothing will be saved.",
        T::CreateTitle => "Choose a passphrase",
        T::CreateIntro => "Your accounts and backup codes are stored encrypted in this browser. The passphrase is the only key: nobody, including us, can recover it if you forget it.",
        T::PassLabel => "Passphrase",
        T::PassConfirmLabel => "Passphrase again",
        T::PassMismatch => "The two passphrases differ. Type the same passphrase twice.",
        T::PassTooShort => "Use at least 8 characters; a few unrelated words are easy to remember and hard to guess.",
        T::StrengthWeak => "Weak: easy to guess. Add more words or characters.",
        T::StrengthFair => "Fair: acceptable; longer is better.",
        T::StrengthStrong => "Strong.",
        T::CreateButton => "Create vault",
        T::ForgetWarning => "If you forget this passphrase, the vault cannot be opened. Write it down somewhere safe.",
        T::UnlockTitle => "Unlock",
        T::UnlockIntro => "Enter your passphrase to show your codes.",
        T::LockDiscarded => "The vault locked while a window was open. The window was closed, and nothing typed in it was saved.",
        T::KdfCancelled => "Cancelled. Nothing was changed.",
        T::ChangedElsewhere => "The vault was changed in another tab in a way this tab cannot read (its passphrase may have been changed), so this tab locked. Your last change was not saved: unlock and make it again.",
        T::UnlockButton => "Unlock",
        T::Working => "Deriving the key from your passphrase…",
        T::Lock => "Lock",
        T::DamagedTitle => "The stored vault is damaged",
        T::DamagedIntro => "The record in this browser's storage cannot be read. It has been left exactly as it is. Download it to keep a copy, then restore from a backup file.",
        T::DownloadRaw => "Download the stored record",
        T::NewerTitle => "Made by a newer version",
        T::Settings => "Settings and backup",
        T::AutoLockLabel => "Lock automatically after",
        T::Never => "never",
        T::Minutes => "minutes",
        T::ChangePassTitle => "Change passphrase",
        T::CurrentPassLabel => "Current passphrase",
        T::NewPassLabel => "New passphrase",
        T::ChangePassButton => "Change passphrase",
        T::PassChanged => "Passphrase changed.",
        T::CurrentPassWrong => "The current passphrase is not right.",
        T::ExportTitle => "Backup file",
        T::ExportIntro => "An encrypted file with all your accounts, opened with your passphrase. Keep it somewhere other than this browser: it is the real backup.",
        T::ExportButton => "Export backup file",
        T::RestoreTitle => "Restore from a backup file",
        T::RestoreFileLabel => "Backup file",
        T::RestorePassLabel => "The backup's passphrase",
        T::RestoreOpen => "Open backup",
        T::RestoreMerge => "Merge into this vault",
        T::RestoreReplace => "Replace this vault's accounts",
        T::RestoreDone => "Restored.",
        T::NotABackup => "This file is not a backup from this app. Choose the .2favault file you exported.",
        T::StoragePersisted => "This browser has agreed to keep the vault's storage.",
        T::StorageNotPersisted => "This browser may delete site data when space runs low: export a backup file and keep it elsewhere.",
        T::SearchLabel => "Search accounts",
        T::SearchPlaceholder => "Search (press / )",
        T::SearchHint => "Enter copies the first match.",
        T::SortLabel => "Order",
        T::SortManual => "My order",
        T::SortName => "By name",
        T::SortRecent => "Recently used",
        T::AllTags => "All",
        T::TagFilterLabel => "Filter by tag",
        T::NoMatch => "No account matches. Check the spelling, or clear the search.",
        T::Pin => "Pin",
        T::Unpin => "Unpin",
        T::MoveUp => "Move up",
        T::MoveDown => "Move down",
        T::Edit => "Edit",
        T::Save => "Save",
        T::TagsLabel => "Tags (separated by commas)",
        T::ShowCode => "Show code",
        T::HiddenCode => "Code hidden",
        T::PrivacyTitle => "Privacy",
        T::TapToRevealLabel => "Hide codes until I tap them (hidden again when they change)",
        T::HideOnBlurLabel => "Hide codes when this window is not in front",
        T::ThemeLabel => "Theme",
        T::ThemeSystem => "System",
        T::ThemeLight => "Light",
        T::ThemeDark => "Dark",
        T::ScanOrImport => "Scan or import",
        T::TransferTitle => "Scan a QR code or import accounts",
        T::CameraHeading => "Scan with the camera",
        T::StartCamera => "Start camera",
        T::StopCamera => "Stop camera",
        T::CameraLabel => "Camera",
        T::CameraLooking => "Looking for a QR code… hold it steady in the frame.",
        T::CameraDenied => "Camera permission was refused. Allow the camera for this site in the browser's settings, or use an image or a file below.",
        T::CameraNotFound => "No camera was found. Use an image of the QR code, or paste its link, instead.",
        T::CameraUnavailable => "The camera cannot be used in this browser. Use an image of the QR code, or paste its link, instead.",
        T::ImageHeading => "QR code from an image",
        T::ImageHint => "Choose a picture or screenshot, drop it here, or paste it (Ctrl+V / ⌘V).",
        T::ImageLabel => "Image with a QR code",
        T::NoQrInImage => "No QR code could be read in this image. Try a sharper or larger picture, with the whole code visible.",
        T::NotAnImageFile => "This file is not an image the browser can open.",
        T::NotAuthenticatorQr => "This QR code is not an authenticator code (otpauth:// or a Google Authenticator export).",
        T::DeleteScreenshot => "Done. Now delete that screenshot or picture: it holds the secret, and anyone who finds it can make your codes.",
        T::FileHeading => "Import a file",
        T::FileHint => "Aegis (plain or encrypted), 2FAS (.2fas, plain or encrypted), Bitwarden JSON, Ente Auth text export, andOTP JSON, or a list of otpauth:// links.",
        T::FileLabel => "File to import",
        T::FilePassLabel => "Password of the file (if it is encrypted)",
        T::ReadFile => "Read",
        T::PasteExportLabel => "Or paste an export link or a list of otpauth:// links",
        T::PreviewHeading => "Check before adding",
        T::WillAddNew => "new",
        T::AlreadyHere => "already here: not added again",
        T::SameNameOtherSecret => "same name, different secret",
        T::StaleQuestion => "Accounts marked \"same name, different secret\" were usually re-issued by the site (re-scanned QR code): the old secret now makes invalid codes.",
        T::ReplaceOld => "Replace the old secret",
        T::KeepBoth => "Keep both",
        T::SkippedHeading => "Left out",
        T::ConfirmImport => "Add these accounts",
        T::CancelImport => "Discard",
        T::ExportAccount => "QR",
        T::ExportAccountTitle => "Move this account to another authenticator",
        T::RevealWarning => "The QR code and link hold the secret. Anyone who sees them can make your codes. Show them only to add this account to a second authenticator.",
        T::Reveal => "Show QR code and link",
        T::MigrationExportTitle => "Google Authenticator export QR codes",
        T::MigrationExportIntro => "Shows every account as Google Authenticator transfer QR codes (10 accounts per code), to scan with Google Authenticator or another app.",
        T::ShowMigration => "Show export QR codes",
        T::NextQr => "Next code",
        T::UriListTitle => "Plain list of links",
        T::UriListWarning => "This file is NOT encrypted: it holds every secret in plain text. Anyone who gets it can make all your codes. Prefer the encrypted backup.",
        T::UriListConfirm => "I understand: download the plain list",
        T::AlreadyHereOne => "This account is already here with the same secret: nothing was added.",
        T::ClockHeading => "Clock",
        T::SyncNow => "Sync now",
        T::Syncing => "Measuring…",
        T::CorrectLabel => "Use the corrected time for codes",
        T::DeviceTimeLabel => "This device",
        T::ReferenceTimeLabel => "Reference (this site's server)",
        T::OffsetLabel => "Offset",
        T::MeasuredLabel => "Measured",
        T::VerdictFine => "Codes from this device's clock are fine.",
        T::VerdictRisky => "Risky: codes from this device's clock may be refused (it is 10 s or more off, or near the edge of a code period).",
        T::VerdictWrong => "Wrong: codes from this device's clock will be refused (30 s or more off). Keep the corrected time on, or fix the device's clock.",
        T::VerdictUnconfirmed => "Not confirmed: the newest measurement was refused (see below). If a site refuses your codes, check this device's date and time.",
        T::ClockUnconfirmed => "Your clock could not be confirmed.",
        T::NotMeasured => "Not measured yet.",
        T::SyncUnreachable => "Could not reach the time reference (offline?). The last measurement is used, if there is one.",
        T::SyncNoDate => "The server's answer had no usable Date header, so the time cannot be measured.",
        T::SyncInconsistent => "The answers did not agree with each other. Try again.",
        T::BackupCodes => "Backup codes",
        T::AddBackupCodes => "Add backup codes",
        T::TabCodesOnly => "Backup codes only",
        T::CodesOnlyHint => "For a site whose authenticator secret you no longer have, or never had: keep its backup codes here.",
        T::PasteCodesLabel => "Paste the codes as the site shows them",
        T::PasteCodesHint => "Paste the whole block: headings, dates, e-mail addresses and instructions around the codes are ignored.",
        T::CodesLabel => "Codes to keep (one per line; check them, edit or type them here)",
        T::SaveCodes => "Save codes",
        T::NextCodeLabel => "Use this code next",
        T::MarkUsed => "Mark used",
        T::Undo => "Undo",
        T::AllCodesUsed => "Every code in this set has been used. Sign in to the site and generate new backup codes, then paste them here.",
        T::ReplaceCodes => "Replace with new codes",
        T::ReplaceHint => "Pasting a new set retires this one: its codes stay in the history below and are never offered again.",
        T::RevokedHeading => "Retired sets (no longer valid)",
        T::PrintCodes => "Print",
        T::PrintHint => "Print a paper copy and keep it somewhere safe, away from this device.",
        T::CopyClears => "Copied. The clipboard will be cleared in 30 seconds (where the browser allows).",
        T::WhatIsBackupCode => "Backup code or secret: what is the difference?",
        T::BackupCodeExplained => "A backup code is a one-time password the site gave you for when your authenticator is gone: each works once, then it is spent. The secret (the QR code or otpauth:// link) is the key that makes new 6-digit codes every 30 seconds, forever. Keep both: the secret on a second device, the backup codes here and on paper.",
        T::CodesEmpty => "No code found. Paste the block the site shows, or type the codes one per line.",
        T::SiteNameNeeded => "Enter the site's name (for example Instagram) so you can find these codes later.",
        T::NoSecretHere => "Backup codes only (no authenticator secret)",
        T::LowCodesLabel => "Warn when this many backup codes or fewer remain",
        T::SheetCheck => "Used",
        T::SheetFooter => "Each code works once. Tick it when used. Keep this sheet private.",
        T::Close => "Close",
        T::PartLoadFailed => "This part of the app could not be loaded. Check the connection (once loaded, the app also works offline) and try again.",
        T::TryAgain => "Try again",
    }
}

fn ja(key: T) -> &'static str {
    match key {
        T::AppTitle => "認証コード",
        T::PartLoadFailed => "アプリのこの部分を読み込めませんでした。接続を確認してから、もう一度お試しください（一度読み込めばオフラインでも使えます）。",
        T::TryAgain => "もう一度試す",
        T::Tagline => "ブラウザで使う二段階認証コード。データはこの端末の外に出ません。",
        T::AddAccount => "アカウントを追加",
        T::EmptyList => "アカウントはまだありません。サイトのQRコードの otpauth:// リンクを貼り付けるか、シークレットキーを入力して追加してください。",
        T::AccountsHeading => "アカウント",
        T::DialogTitle => "アカウントを追加",
        T::TabPaste => "リンクを貼り付け",
        T::TabManual => "手動で入力",
        T::UriLabel => "otpauth:// リンク",
        T::UriHint => "サイトのQRコードに含まれる、otpauth:// で始まるリンク",
        T::IssuerLabel => "サービス名（発行者）",
        T::NameLabel => "アカウント名",
        T::SecretLabel => "シークレットキー（Base32）",
        T::SecretHint => "英字 A〜Z と数字 2〜7。空白・ハイフン・小文字はそのままで構いません。",
        T::Advanced => "詳細設定",
        T::TypeLabel => "種類",
        T::TypeTotp => "時間ベース（TOTP）",
        T::TypeHotp => "カウンターベース（HOTP）",
        T::TypeSteam => "Steam Guard",
        T::AlgorithmLabel => "アルゴリズム",
        T::DigitsLabel => "桁数",
        T::PeriodLabel => "更新間隔（秒）",
        T::CounterLabel => "カウンター",
        T::Add => "追加",
        T::Cancel => "キャンセル",
        T::WillAdd => "追加する内容",
        T::Copy => "コピー",
        T::Copied => "コピーしました",
        T::CopyFailed => "コピーできませんでした。コードを選択して手動でコピーしてください。",
        T::Delete => "削除",
        T::ConfirmDelete => "このアカウントを削除しますか？ここからシークレットは復元できません。サイトに引き続きログインできることを確認してください。",
        T::ConfirmDeleteYes => "削除する",
        T::ConfirmDeleteNo => "残す",
        T::NextCode => "次のコード",
        T::Language => "言語",
        T::Unnamed => "（名前なし）",
        T::WarningsHeading => "ご確認ください",
        T::CounterShort => "カウンター",
        T::StorageReadFailed => "このブラウザの保存領域から保管庫を読み込めませんでした。何も変更していません。ページを再読み込みしてください。",
        T::CreateFailed => "保管庫を作成できませんでした。ページを再読み込みしてもう一度お試しください。",
        T::QuotaExceeded => "このサイトの保存容量が足りないため、変更を保存できませんでした。空き容量を確保する（またはバックアップファイルを書き出す）してから、もう一度お試しください。",
        T::StorageUnavailable => "このブラウザではここに保存できません（プライベートモード？）。アプリは使えますが、何も保存されません。",
        T::SaveConflict => "別のタブが同時に保管庫を変更し続けたため、変更を保存できませんでした。もう一度お試しください。",
        T::SaveFailed => "変更を保存できませんでした。データは失われていません。もう一度試し、失敗が続く場合はバックアップファイルを書き出してください。",
        T::MemoryOnlyStorage => "このブラウザでは保存領域を使えません（プライベートモード？）。アカウントはこのタブのメモリにだけあり、何も保存されません。",
        T::CreateTitle => "パスフレーズを決める",
        T::CreateIntro => "アカウントとバックアップコードは、このブラウザに暗号化して保存されます。パスフレーズが唯一の鍵です。忘れると、私たちを含め誰も復元できません。",
        T::PassLabel => "パスフレーズ",
        T::PassConfirmLabel => "パスフレーズ（確認）",
        T::PassMismatch => "2つのパスフレーズが一致しません。同じものを2回入力してください。",
        T::PassTooShort => "8文字以上にしてください。関係のない単語をいくつか並べると、覚えやすく推測されにくくなります。",
        T::StrengthWeak => "弱い：推測されやすいです。単語や文字を増やしてください。",
        T::StrengthFair => "普通：使えますが、長いほど安全です。",
        T::StrengthStrong => "強い。",
        T::CreateButton => "保管庫を作成",
        T::ForgetWarning => "このパスフレーズを忘れると保管庫を開けません。安全な場所に書き留めてください。",
        T::UnlockTitle => "ロック解除",
        T::UnlockIntro => "コードを表示するにはパスフレーズを入力してください。",
        T::LockDiscarded => "ウィンドウを開いたまま保管庫がロックされたため、そのウィンドウを閉じました。入力していた内容は保存されていません。",
        T::KdfCancelled => "キャンセルしました。何も変更していません。",
        T::ChangedElsewhere => "別のタブで保管庫が変更され（パスフレーズが変更された可能性があります）、このタブでは読めなくなったためロックしました。直前の変更は保存されていません。ロックを解除してもう一度行ってください。",
        T::UnlockButton => "ロック解除",
        T::Working => "パスフレーズから鍵を導出しています…",
        T::Lock => "ロック",
        T::DamagedTitle => "保存された保管庫が壊れています",
        T::DamagedIntro => "このブラウザに保存された記録を読み取れません。記録はそのまま残してあります。コピーをダウンロードしてから、バックアップファイルから復元してください。",
        T::DownloadRaw => "保存された記録をダウンロード",
        T::NewerTitle => "新しい版で作成されています",
        T::Settings => "設定とバックアップ",
        T::AutoLockLabel => "自動ロックまでの時間",
        T::Never => "しない",
        T::Minutes => "分",
        T::ChangePassTitle => "パスフレーズの変更",
        T::CurrentPassLabel => "現在のパスフレーズ",
        T::NewPassLabel => "新しいパスフレーズ",
        T::ChangePassButton => "パスフレーズを変更",
        T::PassChanged => "パスフレーズを変更しました。",
        T::CurrentPassWrong => "現在のパスフレーズが正しくありません。",
        T::ExportTitle => "バックアップファイル",
        T::ExportIntro => "すべてのアカウントを含む暗号化ファイルで、パスフレーズで開きます。このブラウザ以外の場所に保管してください。これが本当のバックアップです。",
        T::ExportButton => "バックアップファイルを書き出す",
        T::RestoreTitle => "バックアップファイルから復元",
        T::RestoreFileLabel => "バックアップファイル",
        T::RestorePassLabel => "バックアップのパスフレーズ",
        T::RestoreOpen => "バックアップを開く",
        T::RestoreMerge => "この保管庫に統合",
        T::RestoreReplace => "この保管庫のアカウントを置き換える",
        T::RestoreDone => "復元しました。",
        T::NotABackup => "このファイルはこのアプリのバックアップではありません。書き出した .2favault ファイルを選んでください。",
        T::StoragePersisted => "このブラウザは保管庫の保存領域を保持することに同意しています。",
        T::StorageNotPersisted => "このブラウザは容量が不足するとサイトのデータを削除することがあります。バックアップファイルを書き出して別の場所に保管してください。",
        T::SearchLabel => "アカウントを検索",
        T::SearchPlaceholder => "検索（/ キー）",
        T::SearchHint => "Enter で最初の一致をコピーします。",
        T::SortLabel => "並び順",
        T::SortManual => "手動",
        T::SortName => "名前順",
        T::SortRecent => "最近使った順",
        T::AllTags => "すべて",
        T::TagFilterLabel => "タグで絞り込み",
        T::NoMatch => "一致するアカウントがありません。つづりを確認するか、検索を消してください。",
        T::Pin => "ピン留め",
        T::Unpin => "ピン留めを外す",
        T::MoveUp => "上へ",
        T::MoveDown => "下へ",
        T::Edit => "編集",
        T::Save => "保存",
        T::TagsLabel => "タグ（カンマ区切り）",
        T::ShowCode => "コードを表示",
        T::HiddenCode => "コードは非表示です",
        T::PrivacyTitle => "プライバシー",
        T::TapToRevealLabel => "タップするまでコードを隠す（切り替わると再び隠す）",
        T::HideOnBlurLabel => "このウィンドウが前面にないときはコードを隠す",
        T::ThemeLabel => "テーマ",
        T::ThemeSystem => "システム",
        T::ThemeLight => "ライト",
        T::ThemeDark => "ダーク",
        T::ScanOrImport => "スキャン・インポート",
        T::TransferTitle => "QR コードのスキャン・アカウントのインポート",
        T::CameraHeading => "カメラでスキャン",
        T::StartCamera => "カメラを起動",
        T::StopCamera => "カメラを停止",
        T::CameraLabel => "カメラ",
        T::CameraLooking => "QR コードを探しています… 枠の中で動かさずに写してください。",
        T::CameraDenied => "カメラの使用が許可されませんでした。ブラウザの設定でこのサイトにカメラを許可するか、下の画像・ファイルをお使いください。",
        T::CameraNotFound => "カメラが見つかりません。代わりに QR コードの画像を使うか、リンクを貼り付けてください。",
        T::CameraUnavailable => "このブラウザではカメラを使えません。代わりに QR コードの画像を使うか、リンクを貼り付けてください。",
        T::ImageHeading => "画像から QR コードを読む",
        T::ImageHint => "写真やスクリーンショットを選ぶか、ここにドロップするか、貼り付けてください（Ctrl+V / ⌘V）。",
        T::ImageLabel => "QR コードの画像",
        T::NoQrInImage => "この画像から QR コードを読み取れませんでした。コード全体が写った、より鮮明で大きな画像をお試しください。",
        T::NotAnImageFile => "このファイルはブラウザで開ける画像ではありません。",
        T::NotAuthenticatorQr => "この QR コードは認証コード用のもの（otpauth:// や Google Authenticator のエクスポート）ではありません。",
        T::DeleteScreenshot => "完了しました。そのスクリーンショットや画像は削除してください。シークレットが含まれていて、見つけた人は誰でもコードを作れてしまいます。",
        T::FileHeading => "ファイルからインポート",
        T::FileHint => "Aegis（暗号化あり・なし）、2FAS（.2fas、暗号化あり・なし）、Bitwarden の JSON、Ente Auth のテキスト、andOTP の JSON、または otpauth:// リンクの一覧。",
        T::FileLabel => "インポートするファイル",
        T::FilePassLabel => "ファイルのパスワード（暗号化されている場合）",
        T::ReadFile => "読み込む",
        T::PasteExportLabel => "またはエクスポートのリンクや otpauth:// リンクの一覧を貼り付け",
        T::PreviewHeading => "追加する前に確認",
        T::WillAddNew => "新規",
        T::AlreadyHere => "登録済み（重複して追加しません）",
        T::SameNameOtherSecret => "同じ名前で別のシークレット",
        T::StaleQuestion => "「同じ名前で別のシークレット」は、サイトが発行し直した（QR コードを再スキャンした）ものがほとんどです。古いシークレットでは無効なコードになります。",
        T::ReplaceOld => "古いシークレットを置き換える",
        T::KeepBoth => "両方残す",
        T::SkippedHeading => "除外したもの",
        T::ConfirmImport => "これらのアカウントを追加",
        T::CancelImport => "破棄",
        T::ExportAccount => "QR",
        T::ExportAccountTitle => "このアカウントを別の認証アプリへ",
        T::RevealWarning => "QR コードとリンクにはシークレットが含まれます。見た人は誰でもコードを作れます。別の認証アプリに追加するときだけ表示してください。",
        T::Reveal => "QR コードとリンクを表示",
        T::MigrationExportTitle => "Google Authenticator 形式のエクスポート QR コード",
        T::MigrationExportIntro => "すべてのアカウントを Google Authenticator の移行用 QR コード（1 コードに 10 件）として表示します。Google Authenticator などで読み取れます。",
        T::ShowMigration => "エクスポート QR コードを表示",
        T::NextQr => "次のコード",
        T::UriListTitle => "リンクの一覧（暗号化なし）",
        T::UriListWarning => "このファイルは暗号化されていません。すべてのシークレットがそのまま含まれます。手に入れた人は誰でもすべてのコードを作れます。暗号化バックアップをお勧めします。",
        T::UriListConfirm => "理解しました。暗号化なしの一覧をダウンロード",
        T::AlreadyHereOne => "このアカウントは同じシークレットで登録済みです。追加しませんでした。",
        T::ClockHeading => "時計",
        T::SyncNow => "今すぐ同期",
        T::Syncing => "測定中…",
        T::CorrectLabel => "コードに補正した時刻を使う",
        T::DeviceTimeLabel => "この端末",
        T::ReferenceTimeLabel => "基準（このサイトのサーバー）",
        T::OffsetLabel => "ずれ",
        T::MeasuredLabel => "測定",
        T::VerdictFine => "この端末の時計で作るコードは問題ありません。",
        T::VerdictRisky => "注意: この端末の時計で作るコードは拒否されることがあります（10 秒以上ずれているか、コードの切り替わり直前です）。",
        T::VerdictWrong => "誤り: この端末の時計で作るコードは拒否されます（30 秒以上のずれ）。補正を有効のままにするか、端末の時計を直してください。",
        T::VerdictUnconfirmed => "未確認: 最新の測定結果は使用しませんでした（下記参照）。コードが無効と言われたら、端末の日付と時刻の設定を確認してください。",
        T::ClockUnconfirmed => "時計が正しいか確認できませんでした。",
        T::NotMeasured => "まだ測定していません。",
        T::SyncUnreachable => "時刻の基準に接続できません（オフライン？）。前回の測定があればそれを使います。",
        T::SyncNoDate => "サーバーの応答に使える Date ヘッダーがないため、時刻を測定できません。",
        T::SyncInconsistent => "応答どうしが一致しませんでした。もう一度お試しください。",
        T::BackupCodes => "バックアップコード",
        T::AddBackupCodes => "バックアップコードを追加",
        T::TabCodesOnly => "バックアップコードのみ",
        T::CodesOnlyHint => "認証アプリのシークレットがない（なくした）サイトでも、バックアップコードだけをここに保管できます。",
        T::PasteCodesLabel => "サイトに表示されたコードをそのまま貼り付け",
        T::PasteCodesHint => "ブロック全体を貼り付けてかまいません。見出し・日付・メールアドレス・説明文は無視されます。",
        T::CodesLabel => "保管するコード（1 行に 1 つ。確認・修正、または直接入力）",
        T::SaveCodes => "コードを保存",
        T::NextCodeLabel => "次に使うコード",
        T::MarkUsed => "使用済みにする",
        T::Undo => "元に戻す",
        T::AllCodesUsed => "このセットのコードはすべて使用済みです。サイトにログインして新しいバックアップコードを発行し、ここに貼り付けてください。",
        T::ReplaceCodes => "新しいコードに置き換え",
        T::ReplaceHint => "新しいセットを貼り付けると、今のセットは無効になります。コードは下の履歴に残りますが、使用候補には出ません。",
        T::RevokedHeading => "無効になった以前のセット",
        T::PrintCodes => "印刷",
        T::PrintHint => "紙に印刷して、この端末とは別の安全な場所に保管してください。",
        T::CopyClears => "コピーしました。クリップボードは 30 秒後に消去されます（ブラウザが許可する場合）。",
        T::WhatIsBackupCode => "バックアップコードとシークレットの違い",
        T::BackupCodeExplained => "バックアップコードは、認証アプリが使えなくなったときのためにサイトが発行する使い捨てのパスワードです。1 つにつき 1 回だけ使えます。シークレット（QR コードや otpauth:// のリンク）は、30 秒ごとに新しい 6 桁のコードを作り続ける鍵です。両方を保管しましょう。シークレットは別の端末に、バックアップコードはここと紙に。",
        T::CodesEmpty => "コードが見つかりません。サイトに表示されたブロックを貼り付けるか、コードを 1 行に 1 つずつ入力してください。",
        T::SiteNameNeeded => "あとで見つけられるよう、サイト名（例: Instagram）を入力してください。",
        T::NoSecretHere => "バックアップコードのみ（認証シークレットなし）",
        T::LowCodesLabel => "バックアップコードの残りがこの数以下になったら警告",
        T::SheetCheck => "使用済み",
        T::SheetFooter => "各コードは 1 回だけ使えます。使ったら印を付けてください。このシートは他人に見せないでください。",
        T::Close => "閉じる",
    }
}

/// `2026-11-22` for a Unix time in ms, already shifted to the user's local time.
pub fn date(local_ms: u64) -> String {
    let (y, m, d) = crate::clock::utc_date(local_ms);
    format!("{y:04}-{m:02}-{d:02}")
}

/// "7 of 10 left".
pub fn codes_remaining(lang: Lang, remaining: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{remaining} of {total} left"),
        Lang::Ja => format!("残り {remaining} / {total}"),
    }
}

/// The row's button: "Backup codes · 7 left".
pub fn backup_button(lang: Lang, remaining: Option<usize>) -> String {
    match (lang, remaining) {
        (_, None) => t(lang, T::AddBackupCodes).to_owned(),
        (Lang::En, Some(n)) => format!("Backup codes · {n} left"),
        (Lang::Ja, Some(n)) => format!("バックアップコード · 残り {n}"),
    }
}

/// The low-codes warning, naming the site.
pub fn codes_low(lang: Lang, remaining: usize, site: &str) -> String {
    let site = if site.is_empty() { match lang { Lang::En => "the site", Lang::Ja => "サイト" } } else { site };
    match lang {
        Lang::En => format!("Only {remaining} backup code{} left. Sign in to {site}, generate new backup codes, and paste them here with “Replace with new codes”.", if remaining == 1 { "" } else { "s" }),
        Lang::Ja => format!("バックアップコードの残りが {remaining} 個です。{site} にログインして新しいバックアップコードを発行し、「新しいコードに置き換え」から貼り付けてください。"),
    }
}

/// How a shape looks, for the "found" line.
pub fn shape_name(lang: Lang, shape: crate::backup_codes::Shape) -> &'static str {
    use crate::backup_codes::Shape;
    match (lang, shape) {
        (Lang::En, Shape::Digits8) => "8 digits, like Instagram, Facebook and Google",
        (Lang::Ja, Shape::Digits8) => "8 桁の数字（Instagram・Facebook・Google 形式）",
        (Lang::En, Shape::Alnum12) => "12 letters and digits, like X",
        (Lang::Ja, Shape::Alnum12) => "英数字 12 文字（X 形式）",
        (Lang::En, Shape::Hex5x2) => "xxxxx-xxxxx, like GitHub",
        (Lang::Ja, Shape::Hex5x2) => "xxxxx-xxxxx（GitHub 形式）",
        (Lang::En, Shape::Alnum5x5) => "25 characters in 5 groups, like Microsoft",
        (Lang::Ja, Shape::Alnum5x5) => "5 文字 × 5 組（Microsoft 形式）",
        (Lang::En, Shape::Alnum4x2) => "xxxx-xxxx, like Discord",
        (Lang::Ja, Shape::Alnum4x2) => "xxxx-xxxx（Discord 形式）",
        (Lang::En, Shape::Digits) => "digits, like PlayStation",
        (Lang::Ja, Shape::Digits) => "数字（PlayStation 形式）",
        (Lang::En, Shape::Generic) => "one code per line",
        (Lang::Ja, Shape::Generic) => "1 行に 1 コード",
    }
}

/// "Found 10 codes (8 digits, like …)."
pub fn codes_found(lang: Lang, n: usize, shape: crate::backup_codes::Shape) -> String {
    match lang {
        Lang::En => format!("Found {n} code{} ({}). Check them below before saving.", if n == 1 { "" } else { "s" }, shape_name(lang, shape)),
        Lang::Ja => format!("{n} 個のコードが見つかりました（{}）。保存する前に下で確認してください。", shape_name(lang, shape)),
    }
}

/// A refused list of typed or confirmed codes.
pub fn codes_error(lang: Lang, e: &crate::backup_codes::CodesError) -> String {
    use crate::backup_codes::CodesError;
    match (lang, e) {
        (_, CodesError::Empty) => t(lang, T::CodesEmpty).to_owned(),
        (Lang::En, CodesError::Unreadable { line }) => format!("Line {line} is not a code (letters and digits, at most 64). Fix or delete that line."),
        (Lang::Ja, CodesError::Unreadable { line }) => format!("{line} 行目はコードではありません（英数字 64 文字まで）。その行を直すか削除してください。"),
        (Lang::En, CodesError::Duplicate { line }) => format!("Line {line} repeats a code listed above. Delete that line."),
        (Lang::Ja, CodesError::Duplicate { line }) => format!("{line} 行目は上と同じコードです。その行を削除してください。"),
    }
}

/// "used 2026-11-22".
pub fn used_on(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("used {date}"),
        Lang::Ja => format!("{date} 使用"),
    }
}

/// "Marked 1234 5678 used." for the live region.
pub fn marked_used(lang: Lang, code: &str, used: bool) -> String {
    match (lang, used) {
        (Lang::En, true) => format!("Marked {code} used."),
        (Lang::En, false) => format!("{code} is unused again."),
        (Lang::Ja, true) => format!("{code} を使用済みにしました。"),
        (Lang::Ja, false) => format!("{code} を未使用に戻しました。"),
    }
}

/// A retired set's heading: "Added 2026-01-02, retired 2026-11-22".
pub fn retired_set(lang: Lang, added: &str, retired: &str) -> String {
    match lang {
        Lang::En => format!("Added {added}, retired {retired}"),
        Lang::Ja => format!("{added} 追加、{retired} 無効化"),
    }
}

/// The backup dialog's title: "Backup codes — Instagram (alice)".
pub fn backup_title(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("Backup codes — {who}"),
        Lang::Ja => format!("バックアップコード — {who}"),
    }
}

/// Accessible name of a code's "mark used" or "undo" button.
pub fn mark_label(lang: Lang, code: &str, used: bool) -> String {
    match (lang, used) {
        (Lang::En, false) => format!("Mark {code} used"),
        (Lang::En, true) => format!("Mark {code} unused again"),
        (Lang::Ja, false) => format!("{code} を使用済みにする"),
        (Lang::Ja, true) => format!("{code} を未使用に戻す"),
    }
}

/// Accessible name of a code's copy button.
pub fn copy_code_label(lang: Lang, code: &str) -> String {
    match lang {
        Lang::En => format!("Copy {code}"),
        Lang::Ja => format!("{code} をコピー"),
    }
}

/// The printed sheet's date line.
pub fn printed_on(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("Printed {date}"),
        Lang::Ja => format!("{date} 印刷"),
    }
}

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

/// A file or payload refused as a whole.
pub fn import_error(lang: Lang, e: &crate::import::ImportError) -> String {
    use crate::import::ImportError as E;
    match (lang, e) {
        (Lang::En, E::NotRecognised) => "This is not a format this app can import. Supported: Aegis, 2FAS, Bitwarden JSON, Ente Auth text, andOTP JSON, otpauth:// lists and Google Authenticator export codes.".into(),
        (Lang::Ja, E::NotRecognised) => "このアプリでインポートできない形式です。対応形式: Aegis、2FAS、Bitwarden の JSON、Ente Auth のテキスト、andOTP の JSON、otpauth:// の一覧、Google Authenticator のエクスポートコード。".into(),
        (Lang::En, E::TooLarge) => "This file is too large to be an authenticator export (over 8 MB).".into(),
        (Lang::Ja, E::TooLarge) => "認証アプリのエクスポートとしては大きすぎるファイルです（8 MB 超）。".into(),
        (Lang::En, E::NeedsPassword) => "This file is encrypted: enter its password, then Read again.".into(),
        (Lang::Ja, E::NeedsPassword) => "このファイルは暗号化されています。パスワードを入力してもう一度「読み込む」を押してください。".into(),
        (Lang::En, E::WrongPassword) => "Wrong password, or the file was altered. Nothing was imported. Check the password and try again.".into(),
        (Lang::Ja, E::WrongPassword) => "パスワードが違うか、ファイルが改変されています。何もインポートしていません。パスワードを確認して再度お試しください。".into(),
        (Lang::En, E::Malformed(what)) => format!("The file is damaged or incomplete ({what}). Nothing was imported. Export it again from the other app."),
        (Lang::Ja, E::Malformed(what)) => format!("ファイルが壊れているか不完全です（{what}）。何もインポートしていません。元のアプリからもう一度エクスポートしてください。"),
        (Lang::En, E::UnsupportedVersion(v)) => format!("This file's format version ({v}) is not supported yet. Nothing was imported."),
        (Lang::Ja, E::UnsupportedVersion(v)) => format!("このファイルの形式バージョン（{v}）にはまだ対応していません。何もインポートしていません。"),
        (Lang::En, E::Empty) => "The file holds no accounts.".into(),
        (Lang::Ja, E::Empty) => "ファイルにアカウントがありません。".into(),
        (Lang::En, E::EncryptedUnsupported) => "This export is encrypted in a way this app cannot open. Export it again without encryption (JSON), import it, then delete that file.".into(),
        (Lang::Ja, E::EncryptedUnsupported) => "このエクスポートはこのアプリでは開けない方式で暗号化されています。暗号化なし（JSON）で再度エクスポートしてインポートし、そのファイルは削除してください。".into(),
        (Lang::En, E::KdfTooCostly { n, r, p }) => format!(
            "This file's password protection asks for scrypt N={n}, r={r}, p={p}: {} MiB of memory, more than this app allows ({} MiB, p at most {}). It was not opened, so the browser cannot freeze. Nothing was imported; export it again from Aegis with its default settings.",
            crate::import::aegis::memory_of(*n, *r, *p) / (1024 * 1024), crate::import::aegis::MAX_SCRYPT_BYTES / (1024 * 1024), crate::import::aegis::MAX_SCRYPT_P
        ),
        (Lang::Ja, E::KdfTooCostly { n, r, p }) => format!(
            "このファイルのパスワード保護は scrypt N={n}、r={r}、p={p}（メモリ {} MiB）を求めていて、このアプリの上限（{} MiB、p は {} まで）を超えています。ブラウザが固まらないよう開きませんでした。何もインポートしていません。Aegis の標準設定でもう一度エクスポートしてください。",
            crate::import::aegis::memory_of(*n, *r, *p) / (1024 * 1024), crate::import::aegis::MAX_SCRYPT_BYTES / (1024 * 1024), crate::import::aegis::MAX_SCRYPT_P
        ),
    }
}

/// Why one entry was left out.
pub fn skip_reason(lang: Lang, r: &crate::import::SkipReason) -> String {
    use crate::import::SkipReason as R;
    match (lang, r) {
        (_, R::Field(e)) => field_error(lang, e),
        (_, R::Uri(e)) => uri_error(lang, e),
        (Lang::En, R::UnsupportedKind(k)) => format!("{k} codes are not supported."),
        (Lang::Ja, R::UnsupportedKind(k)) => format!("{k} 形式のコードには対応していません。"),
    }
}

/// The name of an import format.
pub fn format_name(f: crate::import::Format) -> &'static str {
    use crate::import::Format as F;
    match f {
        F::GoogleMigration => "Google Authenticator",
        F::Aegis | F::AegisEncrypted => "Aegis",
        F::TwoFas | F::TwoFasEncrypted => "2FAS",
        F::Bitwarden => "Bitwarden",
        F::AndOtp => "andOTP",
        F::UriList => "otpauth://",
    }
}

/// "Batch 2 of 3 read. Scan the next code."
pub fn batch_progress(lang: Lang, read: usize, total: usize) -> String {
    match lang {
        Lang::En if read < total => format!("Batch {read} of {total} read. Scan the next code shown by Google Authenticator."),
        Lang::En => format!("All {total} batches read."),
        Lang::Ja if read < total => format!("{total} 個中 {read} 個目のコードを読み取りました。Google Authenticator に表示される次のコードを読み取ってください。"),
        Lang::Ja => format!("{total} 個のコードをすべて読み取りました。"),
    }
}

/// "From Aegis: 5 accounts."
pub fn import_found(lang: Lang, format: &str, n: usize, skipped: usize) -> String {
    match lang {
        Lang::En => format!("From {format}: {n} account{}{}.", if n == 1 { "" } else { "s" }, if skipped > 0 { format!(", {skipped} left out (see below)") } else { String::new() }),
        Lang::Ja => format!("{format} から {n} 件のアカウント{}。", if skipped > 0 { format!("（{skipped} 件は除外。下記参照）") } else { String::new() }),
    }
}

/// After adding: "Added 3, replaced 1, 2 were already here."
pub fn import_done(lang: Lang, added: usize, replaced: usize, same: usize) -> String {
    match lang {
        Lang::En => format!("Added {added}, replaced {replaced} old secret{}, {same} already here.", if replaced == 1 { "" } else { "s" }),
        Lang::Ja => format!("{added} 件追加、{replaced} 件の古いシークレットを置き換え、{same} 件は登録済みでした。"),
    }
}

/// The add dialog's question for a re-issued secret.
pub fn same_label_question(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("{who} is already here with a different secret. If you just re-scanned the site's QR code, the old secret now makes invalid codes: replace it. Keep both only if these are two different logins."),
        Lang::Ja => format!("{who} は別のシークレットで登録済みです。サイトの QR コードを読み直したばかりなら、古いシークレットでは無効なコードになります。置き換えてください。別々のログインの場合だけ両方残してください。"),
    }
}

/// "SHA256, 8 digits, 60 s" / "SHA256・8 桁・60 秒": an account's settings, to compare two.
pub fn settings_summary(lang: Lang, p: &crate::otp::Params) -> String {
    use crate::otp::Kind;
    let alg = p.algorithm.as_str();
    match (lang, p.kind) {
        (Lang::En, Kind::Totp { period }) => format!("{alg}, {} digits, {period} s", p.digits),
        (Lang::Ja, Kind::Totp { period }) => format!("{alg}・{} 桁・{period} 秒", p.digits),
        (Lang::En, Kind::Hotp { counter }) => format!("{alg}, {} digits, counter {counter} (HOTP)", p.digits),
        (Lang::Ja, Kind::Hotp { counter }) => format!("{alg}・{} 桁・カウンター {counter}（HOTP）", p.digits),
        (Lang::En, Kind::Steam { period }) => format!("Steam Guard, {period} s"),
        (Lang::Ja, Kind::Steam { period }) => format!("Steam Guard・{period} 秒"),
    }
}

/// The same secret is here with other settings (a file that does not store them, or a typo).
pub fn same_secret_question(lang: Lang, who: &str, here: &str, incoming: &str) -> String {
    match lang {
        Lang::En => format!("{who} is already here with the same secret but other settings: here {here}; new {incoming}. If the codes here work, keep them. Use the new settings only if the site asks for them."),
        Lang::Ja => format!("{who} は同じシークレットで登録済みですが、設定が異なります（登録済み: {here}／新しい方: {incoming}）。今のコードが使えているならそのままにしてください。サイトが新しい設定を求める場合だけ切り替えてください。"),
    }
}

/// "same secret, other settings: here …; in the file …" — one line of an import preview.
pub fn same_secret_preview(lang: Lang, here: &str, incoming: &str) -> String {
    match lang {
        Lang::En => format!("same secret, other settings (here {here}; in the file {incoming})"),
        Lang::Ja => format!("同じシークレットで設定が異なる（登録済み {here}／ファイル {incoming}）"),
    }
}

/// The choice for accounts with the same secret and other settings.
pub fn same_secret_choice(lang: Lang, take: bool) -> &'static str {
    match (lang, take) {
        (Lang::En, false) => "Keep the settings here (recommended)",
        (Lang::Ja, false) => "登録済みの設定のままにする（おすすめ）",
        (Lang::En, true) => "Use the file's settings",
        (Lang::Ja, true) => "ファイルの設定に切り替える",
    }
}

/// A file refused from its size, before reading.
pub fn file_too_large(lang: Lang, bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let max = crate::import::MAX_IMPORT_BYTES / (1024 * 1024);
    match lang {
        Lang::En => format!("This file is {mb:.1} MB; at most {max} MB can be read. Choose the export or backup file itself."),
        Lang::Ja => format!("このファイルは {mb:.1} MB です。読み込めるのは {max} MB までです。エクスポートまたはバックアップのファイルそのものを選んでください。"),
    }
}

/// A key derivation the user stopped.
pub fn cancelled(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Cancelled. Nothing was changed.",
        Lang::Ja => "キャンセルしました。何も変更していません。",
    }
}

/// The worker that derives keys stopped on its own (out of memory, say).
pub fn kdf_failed(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The key could not be derived (the browser stopped the work, perhaps for lack of memory). Nothing was changed; close other tabs and try again.",
        Lang::Ja => "鍵を導出できませんでした（メモリ不足などでブラウザが処理を止めました）。何も変更していません。ほかのタブを閉じてもう一度お試しください。",
    }
}

/// Shown while a key is derived, beside Cancel.
pub fn deriving(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Deriving the key… (this takes a moment on purpose: it makes guessing passwords slow)",
        Lang::Ja => "鍵を導出しています…（パスワードの総当たりを遅くするため、わざと時間をかけています）",
    }
}

/// Accounts the Google format cannot carry.
pub fn not_exportable(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} account{} cannot go into these codes (Steam, a period other than 30 s, or other than 6 or 8 digits): move {} with its own QR code.", if n == 1 { "" } else { "s" }, if n == 1 { "it" } else { "them" }),
        Lang::Ja => format!("{n} 件のアカウントはこの形式に入れられません（Steam、30 秒以外の周期、6・8 桁以外）。個別の QR コードで移してください。"),
    }
}

/// "Code 1 of 3".
pub fn qr_of(lang: Lang, i: usize, n: usize) -> String {
    match lang {
        Lang::En => format!("Code {i} of {n}"),
        Lang::Ja => format!("{n} 個中 {i} 個目"),
    }
}

/// Accessible names of a row's buttons: "Pin GitHub (alice)", "Move GitHub (alice) up" …
pub fn row_action(lang: Lang, key: T, who: &str) -> String {
    match lang {
        Lang::En => format!("{} — {who}", t(lang, key)),
        Lang::Ja => format!("{who}: {}", t(lang, key)),
    }
}

/// "Copied the code for GitHub (alice)."
pub fn copied_for(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("Copied the code for {who}."),
        Lang::Ja => format!("{who} のコードをコピーしました。"),
    }
}

/// "3 of 1000 accounts".
pub fn shown_of(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{shown} of {total} accounts"),
        Lang::Ja => format!("{total} 件中 {shown} 件"),
    }
}

/// The message key for a refused new passphrase.
pub fn new_passphrase_error(e: crate::passphrase::NewPassphraseError) -> T {
    match e {
        crate::passphrase::NewPassphraseError::TooShort => T::PassTooShort,
        crate::passphrase::NewPassphraseError::Mismatch => T::PassMismatch,
    }
}

/// How an account is named on screen: issuer and name joined by `join`, whichever is present,
/// or "(no name)".
pub fn account_label(lang: Lang, issuer: &str, name: &str, join: impl FnOnce(&str, &str) -> String) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (false, false) => join(issuer, name),
        (false, true) => issuer.to_owned(),
        (true, false) => name.to_owned(),
        (true, true) => t(lang, T::Unnamed).to_owned(),
    }
}

/// The shared countdown above the list.
pub fn codes_change_in(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::En => format!("New codes in {secs} s"),
        Lang::Ja => format!("あと {secs} 秒でコードが変わります"),
    }
}

/// "12 s" — the countdown's visible figure.
pub fn seconds_short(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::En => format!("{secs} s"),
        Lang::Ja => format!("{secs}秒"),
    }
}

/// Accessible name of a copy button: "Copy code for GitHub (alice)".
pub fn copy_label(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("Copy code for {who}"),
        Lang::Ja => format!("{who} のコードをコピー"),
    }
}

/// Accessible name of a delete button.
pub fn delete_label(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("Delete {who}"),
        Lang::Ja => format!("{who} を削除"),
    }
}

/// Confirmation after adding.
pub fn added(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("Added {who}."),
        Lang::Ja => format!("{who} を追加しました。"),
    }
}

/// The strings of an entry the vault could not read (src/ui/unreadable.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Unreadable {
    RowLabel, Explain, SaveAsFile, Unencrypted, SaveUnencrypted, Cancel, Delete, ConfirmDelete, DeleteYes, Keep,
}

/// Text for an unreadable entry's row.
pub fn unreadable(lang: Lang, key: Unreadable) -> &'static str {
    use Unreadable as U;
    match (lang, key) {
        (Lang::En, U::RowLabel) => "An entry that could not be read",
        (Lang::Ja, U::RowLabel) => "読み取れない項目",
        (Lang::En, U::Explain) => "This entry could not be read (it may be damaged, or come from a newer version of the app). Everything else opened normally. Save it as a file to keep it, or delete it.",
        (Lang::Ja, U::Explain) => "この項目は読み取れませんでした（壊れているか、新しい版のアプリで作られた可能性があります）。ほかの項目は通常どおり開いています。ファイルに保存して残すか、削除してください。",
        (Lang::En, U::SaveAsFile) => "Save as a file…",
        (Lang::Ja, U::SaveAsFile) => "ファイルに保存…",
        (Lang::En, U::Unencrypted) => "The file is not encrypted and may contain this account's secret key. Keep it somewhere safe and delete it once you no longer need it.",
        (Lang::Ja, U::Unencrypted) => "このファイルは暗号化されておらず、このアカウントのシークレットキーが含まれている可能性があります。安全な場所に保管し、不要になったら削除してください。",
        (Lang::En, U::SaveUnencrypted) => "Save the unencrypted file",
        (Lang::Ja, U::SaveUnencrypted) => "暗号化されていないファイルを保存",
        (Lang::En, U::Cancel) => "Cancel",
        (Lang::Ja, U::Cancel) => "キャンセル",
        (Lang::En, U::Delete) => "Delete…",
        (Lang::Ja, U::Delete) => "削除…",
        (Lang::En, U::ConfirmDelete) => "Delete this entry for good? Save it first if you may need it.",
        (Lang::Ja, U::ConfirmDelete) => "この項目を完全に削除しますか？必要になるかもしれない場合は先に保存してください。",
        (Lang::En, U::DeleteYes) => "Delete",
        (Lang::Ja, U::DeleteYes) => "削除する",
        (Lang::En, U::Keep) => "Keep",
        (Lang::Ja, U::Keep) => "残す",
    }
}

/// Message for a vault that could not be opened.
pub fn vault_error(lang: Lang, e: &crate::vault::VaultError) -> String {
    use crate::vault::VaultError as E;
    match (lang, e) {
        (Lang::En, E::WrongPassphraseOrDamaged) => "Wrong passphrase, or the vault is damaged. Nothing was changed: check the passphrase (and Caps Lock) and try again.".into(),
        (Lang::Ja, E::WrongPassphraseOrDamaged) => "パスフレーズが違うか、保管庫が壊れています。何も変更していません。パスフレーズ（と Caps Lock）を確認して、もう一度お試しください。".into(),
        (Lang::En, E::NewerEnvelope { found }) => format!("This vault was written by a newer version of the app (format {found}). Open it with the newer version; nothing was changed."),
        (Lang::Ja, E::NewerEnvelope { found }) => format!("この保管庫は新しい版のアプリで作成されています（形式 {found}）。新しい版で開いてください。何も変更していません。"),
        (Lang::En, E::NewerContent { found }) => format!("This vault's contents come from a newer version of the app (content {found}). Open it with the newer version; nothing was changed."),
        (Lang::Ja, E::NewerContent { found }) => format!("この保管庫の内容は新しい版のアプリのものです（内容 {found}）。新しい版で開いてください。何も変更していません。"),
        (Lang::En, E::NotAVault) => "This is not a vault or backup file of this app. Choose the .2favault file you exported.".into(),
        (Lang::Ja, E::NotAVault) => "このアプリの保管庫・バックアップファイルではありません。書き出した .2favault ファイルを選んでください。".into(),
        (Lang::En, E::Truncated) => "The file is cut short: part of it is missing. Use a complete copy of the backup.".into(),
        (Lang::Ja, E::Truncated) => "ファイルが途中で切れています。完全なバックアップのコピーを使ってください。".into(),
        (Lang::En, E::KdfTooCostly { kdf }) => format!(
            "This file asks for {} MiB of memory and {} passes ({} lanes) to open, more than this app allows ({} MiB, {} MiB × passes, {} lanes): a file made this way could freeze or crash the browser, so it was not opened. Nothing was changed; use a backup exported by this app.",
            kdf.memory_kib / 1024, kdf.iterations, kdf.parallelism,
            crate::vault::MAX_KDF_MEMORY_KIB / 1024, crate::vault::MAX_KDF_WORK_KIB / 1024, crate::vault::MAX_KDF_LANES
        ),
        (Lang::Ja, E::KdfTooCostly { kdf }) => format!(
            "このファイルを開くには {} MiB のメモリと {} 回の反復（並列 {}）が必要で、このアプリの上限（{} MiB、メモリ×反復 {} MiB、並列 {}）を超えています。ブラウザが固まったり落ちたりするおそれがあるため開きませんでした。何も変更していません。このアプリで書き出したバックアップを使ってください。",
            kdf.memory_kib / 1024, kdf.iterations, kdf.parallelism,
            crate::vault::MAX_KDF_MEMORY_KIB / 1024, crate::vault::MAX_KDF_WORK_KIB / 1024, crate::vault::MAX_KDF_LANES
        ),
        (Lang::En, E::Damaged | E::BadContent | E::BadKdfParams | E::NoPassphraseSlot) => "The file is damaged and cannot be opened. Nothing was changed; use another copy of the backup.".into(),
        (Lang::Ja, E::Damaged | E::BadContent | E::BadKdfParams | E::NoPassphraseSlot) => "ファイルが壊れていて開けません。何も変更していません。別のバックアップのコピーを使ってください。".into(),
    }
}

/// "Will add 3, unchanged 2, kept side by side 1" — a restore preview.
pub fn merge_preview(lang: Lang, added: usize, unchanged: usize, conflicting: usize) -> String {
    match lang {
        Lang::En => format!("The backup holds {} accounts: {added} new, {unchanged} already here, {conflicting} with the same name but a different secret (both would be kept).", added + unchanged + conflicting),
        Lang::Ja => format!("バックアップには {} 件のアカウントがあります。新規 {added} 件、既存と同じ {unchanged} 件、名前が同じでシークレットが異なるもの {conflicting} 件（両方残します）。", added + unchanged + conflicting),
    }
}

/// Message for a refused secret.
pub fn secret_error(lang: Lang, e: &SecretError) -> String {
    use SecretError as E;
    match (lang, e) {
        (Lang::En, E::Empty) => "The secret key is empty. Copy the key the site shows next to its QR code.".into(),
        (Lang::Ja, E::Empty) => "シークレットキーが空です。サイトのQRコードの横に表示されるキーをコピーしてください。".into(),
        (Lang::En, E::InvalidCharacter { character, position }) => format!(
            "The secret key has “{character}” at character {position}, which is not Base32. Keys use only A–Z and 2–7: check for 0/O, 1/I or 8/B mix-ups."
        ),
        (Lang::Ja, E::InvalidCharacter { character, position }) => format!(
            "シークレットキーの {position} 文字目「{character}」は Base32 の文字ではありません。使える文字は A〜Z と 2〜7 だけです。0/O、1/I、8/B の取り違えがないか確認してください。"
        ),
        (Lang::En, E::MisplacedPadding { position }) => format!(
            "The secret key has “=” at character {position} before the end. “=” may only pad the end: remove it, or copy the key again."
        ),
        (Lang::Ja, E::MisplacedPadding { position }) => format!(
            "シークレットキーの {position} 文字目に「=」があります。「=」は末尾にしか置けません。削除するか、キーをもう一度コピーしてください。"
        ),
        (Lang::En, E::BadLength { chars }) => format!(
            "The secret key has {chars} characters, a length no site produces: a character was probably lost. Copy the whole key again."
        ),
        (Lang::Ja, E::BadLength { chars }) => format!(
            "シークレットキーが {chars} 文字で、あり得ない長さです。文字が欠けている可能性があります。キー全体をもう一度コピーしてください。"
        ),
        (Lang::En, E::TooLong { chars }) => format!(
            "The secret key has {chars} characters, far longer than any real key. Paste only the key itself."
        ),
        (Lang::Ja, E::TooLong { chars }) => format!(
            "シークレットキーが {chars} 文字あり、実際のキーより長すぎます。キーだけを貼り付けてください。"
        ),
    }
}

/// Message for a refused field.
pub fn field_error(lang: Lang, e: &FieldError) -> String {
    use FieldError as E;
    match (lang, e) {
        (_, E::Secret(s)) => secret_error(lang, s),
        (Lang::En, E::MissingSecret) => "There is no secret key. Without it no code can be made: copy the key (or the whole link) from the site again.".into(),
        (Lang::Ja, E::MissingSecret) => "シークレットキーがありません。キーがないとコードを作れません。サイトからキー（またはリンク全体）をもう一度コピーしてください。".into(),
        (Lang::En, E::UnsupportedAlgorithm { given }) => format!(
            "The algorithm “{given}” is not supported. Use SHA1, SHA256 or SHA512 (most sites use SHA1)."
        ),
        (Lang::Ja, E::UnsupportedAlgorithm { given }) => format!(
            "アルゴリズム「{given}」には対応していません。SHA1・SHA256・SHA512 のいずれかを指定してください（多くのサイトは SHA1 です）。"
        ),
        (Lang::En, E::DigitsOutOfRange { given }) => format!(
            "“{given}” digits is not possible: codes have 6 to 10 digits (usually 6). Check the number of digits the site asks for."
        ),
        (Lang::Ja, E::DigitsOutOfRange { given }) => format!(
            "桁数「{given}」は使えません。コードは 6〜10 桁です（通常は 6 桁）。サイトが求める桁数を確認してください。"
        ),
        (Lang::En, E::BadPeriod { given }) => format!(
            "The period “{given}” is not possible: it must be a whole number of seconds, 1 or more (usually 30)."
        ),
        (Lang::Ja, E::BadPeriod { given }) => format!(
            "更新間隔「{given}」は使えません。1 以上の整数の秒数で指定してください（通常は 30）。"
        ),
        (Lang::En, E::BadCounter { given }) => format!(
            "The counter “{given}” is not a whole number of 0 or more. Enter the counter the site gave, or 0."
        ),
        (Lang::Ja, E::BadCounter { given }) => format!(
            "カウンター「{given}」は 0 以上の整数ではありません。サイトが示した値か 0 を入力してください。"
        ),
        (Lang::En, E::NoName) => "Enter a service name or an account name, so you can tell this account apart.".into(),
        (Lang::Ja, E::NoName) => "見分けられるように、サービス名かアカウント名を入力してください。".into(),
        (Lang::En, E::TooLong { field, max, len }) => {
            let what = match field {
                Field::Issuer => "The service name",
                Field::Name => "The account name",
                Field::Tag => "A tag",
            };
            format!("{what} is too long: {len} characters, at most {max} (an emoji counts as 2). Shorten it.")
        }
        (Lang::Ja, E::TooLong { field, max, len }) => {
            let what = match field {
                Field::Issuer => "サービス名",
                Field::Name => "アカウント名",
                Field::Tag => "タグ",
            };
            format!("{what}が長すぎます（{len} 文字。最大 {max} 文字で、絵文字は 2 文字と数えます）。短くしてください。")
        }
        (Lang::En, E::TooManyTags { count }) => format!("{count} tags are too many: at most {MAX_TAGS}. Remove some."),
        (Lang::Ja, E::TooManyTags { count }) => format!("タグが多すぎます（{count} 個。最大 {MAX_TAGS} 個）。減らしてください。"),
        (Lang::En, E::NotStorable) => "This account cannot be saved as it is. Check the service and account names for unusual characters.".into(),
        (Lang::Ja, E::NotStorable) => "このアカウントはこのままでは保存できません。サービス名とアカウント名に特殊な文字がないか確認してください。".into(),
    }
}

/// Message for a refused URI.
pub fn uri_error(lang: Lang, e: &UriError) -> String {
    use UriError as E;
    match (lang, e) {
        (_, E::Field(f)) => field_error(lang, f),
        (Lang::En, E::NotOtpauth { looks_like_secret: true }) => "This looks like a bare secret key, not a link. Use “Enter manually” and paste it into the secret key field.".into(),
        (Lang::Ja, E::NotOtpauth { looks_like_secret: true }) => "これはリンクではなくシークレットキーのようです。「手動で入力」を選び、シークレットキー欄に貼り付けてください。".into(),
        (Lang::En, E::NotOtpauth { .. }) => "This is not an otpauth:// link. Paste the link behind the site's QR code (it starts with otpauth://), or enter the secret key manually.".into(),
        (Lang::Ja, E::NotOtpauth { .. }) => "otpauth:// リンクではありません。サイトのQRコードのリンク（otpauth:// で始まるもの）を貼り付けるか、シークレットキーを手動で入力してください。".into(),
        (Lang::En, E::Migration) => "This is a Google Authenticator export link (otpauth-migration://) holding several accounts. It cannot be added here yet: in Google Authenticator, open each account's details and add them one by one.".into(),
        (Lang::Ja, E::Migration) => "これは複数のアカウントを含む Google Authenticator のエクスポート用リンク（otpauth-migration://）です。ここではまだ追加できません。アカウントを一つずつ追加してください。".into(),
        (Lang::En, E::UnknownType { given }) => format!(
            "The link's type “{given}” is unknown. Only totp, hotp and steam links can be added: check that the whole link was copied."
        ),
        (Lang::Ja, E::UnknownType { given }) => format!(
            "リンクの種類「{given}」は不明です。追加できるのは totp・hotp・steam のリンクだけです。リンク全体がコピーされているか確認してください。"
        ),
        (Lang::En, E::BrokenPercentEncoding { position }) => format!(
            "The link has a broken “%” escape at character {position} (a % must be followed by two hex digits). Copy the link again."
        ),
        (Lang::Ja, E::BrokenPercentEncoding { position }) => format!(
            "リンクの {position} 文字目の「%」が壊れています（% の後には 16 進数 2 桁が必要です）。リンクをもう一度コピーしてください。"
        ),
        (Lang::En, E::NotUtf8) => "The link's escaped text is not valid UTF-8. Copy the link again from the site.".into(),
        (Lang::Ja, E::NotUtf8) => "リンクのエスケープされた文字列が正しい UTF-8 ではありません。サイトからもう一度コピーしてください。".into(),
        (Lang::En, E::TooLong { chars }) => format!(
            "This text has {chars} characters; a link is at most {MAX_URI_CHARS}. Paste only the otpauth:// link."
        ),
        (Lang::Ja, E::TooLong { chars }) => format!(
            "{chars} 文字あります。リンクは最大 {MAX_URI_CHARS} 文字です。otpauth:// リンクだけを貼り付けてください。"
        ),
        (Lang::En, E::MissingCounter) => "This hotp link has no counter. Copy the whole link again, or enter the account manually with the counter the site gives.".into(),
        (Lang::Ja, E::MissingCounter) => "この hotp リンクにはカウンターがありません。リンク全体をもう一度コピーするか、サイトが示すカウンターを使って手動で入力してください。".into(),
    }
}

/// Message for a warning on an accepted account.
pub fn warning(lang: Lang, w: &Warning) -> String {
    match (lang, w) {
        (Lang::En, Warning::Secret(SecretWarning::Short { bits })) => format!(
            "The secret key is only {bits} bits (128 or more is recommended). It works, as the site chose it; if the site offers a longer key, prefer it."
        ),
        (Lang::Ja, Warning::Secret(SecretWarning::Short { bits })) => format!(
            "シークレットキーは {bits} ビットしかありません（推奨は 128 ビット以上）。サイトが発行したものなので使えますが、より長いキーが選べるならそちらを使ってください。"
        ),
        (Lang::En, Warning::IssuerMismatch { label, parameter }) => format!(
            "The link names two services: “{label}” in its label and “{parameter}” in its issuer. Using “{parameter}”; rename it if that is wrong."
        ),
        (Lang::Ja, Warning::IssuerMismatch { label, parameter }) => format!(
            "リンクに 2 つのサービス名があります（ラベルは「{label}」、issuer は「{parameter}」）。「{parameter}」を使います。違う場合は名前を変えてください。"
        ),
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
    fn account_labels_fall_back_to_what_is_there() {
        let paren = |i: &str, n: &str| format!("{i} ({n})");
        assert_eq!(account_label(Lang::En, "GitHub", "alice", paren), "GitHub (alice)");
        assert_eq!(account_label(Lang::En, "GitHub", "", paren), "GitHub");
        assert_eq!(account_label(Lang::En, "", "alice", paren), "alice");
        assert_eq!(account_label(Lang::Ja, "", "", paren), "（名前なし）");
    }

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

    #[test]
    fn messages_name_the_bad_character_in_both_languages() {
        let e = UriError::Field(FieldError::Secret(SecretError::InvalidCharacter { character: '1', position: 11 }));
        assert!(uri_error(Lang::En, &e).contains("“1” at character 11"));
        assert!(uri_error(Lang::Ja, &e).contains("11 文字目「1」"));
    }
}
