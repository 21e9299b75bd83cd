//! Backups of the vault: the line and banner at the top of the list, what a one-tap backup
//! saved, and the automatic backup file's state.

use super::Lang;
use crate::vault::BackupFileKind;

/// A past moment relative to now: "たった今" / "just now", "5分前", "3時間前", "3日前".
pub fn ago(lang: Lang, now_ms: u64, then_ms: u64) -> String {
    let min = now_ms.saturating_sub(then_ms) / 60_000;
    let (h, d) = (min / 60, min / 1440);
    match lang {
        Lang::Ja if min == 0 => "たった今".to_owned(),
        Lang::Ja if min < 60 => format!("{min}分前"),
        Lang::Ja if h < 24 => format!("{h}時間前"),
        Lang::Ja => format!("{d}日前"),
        Lang::En if min == 0 => "just now".to_owned(),
        Lang::En if min == 1 => "1 minute ago".to_owned(),
        Lang::En if min < 60 => format!("{min} minutes ago"),
        Lang::En if h == 1 => "1 hour ago".to_owned(),
        Lang::En if h < 24 => format!("{h} hours ago"),
        Lang::En if d == 1 => "1 day ago".to_owned(),
        Lang::En => format!("{d} days ago"),
    }
}

/// How a backup was made, in a word.
pub fn backup_file_kind(lang: Lang, kind: BackupFileKind) -> &'static str {
    match (lang, kind) {
        (Lang::Ja, BackupFileKind::Share) => "共有",
        (Lang::Ja, BackupFileKind::Download) => "ダウンロード",
        (Lang::Ja, BackupFileKind::AutoFile) => "自動バックアップファイル",
        (Lang::Ja, BackupFileKind::Paper) => "紙",
        (Lang::Ja, BackupFileKind::Other) => "その他",
        (Lang::En, BackupFileKind::Share) => "shared",
        (Lang::En, BackupFileKind::Download) => "download",
        (Lang::En, BackupFileKind::AutoFile) => "automatic backup file",
        (Lang::En, BackupFileKind::Paper) => "paper",
        (Lang::En, BackupFileKind::Other) => "other",
    }
}

/// "前回のバックアップファイル: 3日前（共有）" / "Last backup file: 3 days ago (shared)".
pub fn last_backup_file(lang: Lang, ago: &str, kind: BackupFileKind) -> String {
    let how = backup_file_kind(lang, kind);
    match lang {
        Lang::Ja => format!("前回のバックアップファイル: {ago}（{how}）"),
        Lang::En => format!("Last backup file: {ago} ({how})"),
    }
}

/// "その後の変更: 2件" / "2 changes since".
pub fn changes_since(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Ja, n) => format!("その後の変更: {n}件"),
        (Lang::En, 1) => "1 change since".to_owned(),
        (Lang::En, n) => format!("{n} changes since"),
    }
}

/// The line when no backup was ever made.
pub fn never_backed_up(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "バックアップファイルがまだありません",
        Lang::En => "No backup file yet",
    }
}

/// The banner's text: never backed up (`last_ago` None), or `changes` waiting since a backup.
pub fn backup_file_banner(lang: Lang, last_ago: Option<&str>, changes: u32) -> String {
    match (lang, last_ago) {
        (Lang::Ja, None) => "バックアップファイルがまだありません。".to_owned(),
        (Lang::En, None) => "No backup file yet.".to_owned(),
        (Lang::Ja, Some(ago)) => format!("前回のバックアップファイル（{ago}）の後の変更{changes}件が、まだバックアップファイルに入っていません。"),
        (Lang::En, Some(ago)) => format!("{changes} change{} since your last backup file ({ago}) {} not in a backup file yet.", if changes == 1 { "" } else { "s" }, if changes == 1 { "is" } else { "are" }),
    }
}

/// What the backup file is and where it should go (settings).
pub fn backup_file_intro(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "すべてのアカウントとバックアップコードを暗号化した1つのファイルで、パスフレーズで開きます。スマホでは共有メニューから iCloud Drive、Google ドライブ、「ファイル」、LINE などに送れます。スマホをなくしても取り出せる場所に保存しておきましょう。",
        Lang::En => "One encrypted file with all your accounts and backup codes, opened with your passphrase. On a phone the share menu sends it to iCloud Drive, Google Drive, Files, LINE and more. Keep it somewhere you can still reach if you lose this device.",
    }
}

/// The one button: make a backup file now.
pub fn back_up_now(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "バックアップファイルを作る",
        Lang::En => "Make a backup file",
    }
}

/// Puts the banner away until tomorrow.
pub fn later(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "あとで",
        Lang::En => "Later",
    }
}

/// The accessible name of "later".
pub fn later_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "あとで（今日はもう表示しない）",
        Lang::En => "Later (don't remind me again today)",
    }
}

/// What a one-tap backup saved: `at` the local time ("2026-11-23 16:30"), `shared` false for a
/// download named `name`.
pub fn backup_file_saved(lang: Lang, shared: bool, name: &str, at: &str, accounts: usize, codes: usize) -> String {
    match (lang, shared) {
        (Lang::Ja, true) => format!(
            "バックアップファイルを共有しました（{at}、アカウント{accounts}件、未使用のバックアップコード{codes}個）。選んだ保存先（iCloud Drive、Google ドライブ、「ファイル」、LINE など）に「{name}」が届いたか確かめてください。"
        ),
        (Lang::Ja, false) => format!(
            "バックアップファイル「{name}」をダウンロードしました（{at}、アカウント{accounts}件、未使用のバックアップコード{codes}個）。ダウンロードフォルダにあります（iPhone は「ファイル」アプリの「ダウンロード」）。スマホと一緒になくさないよう、クラウドや別の端末にもコピーしておきましょう。"
        ),
        (Lang::En, true) => format!(
            "Backup file shared ({at}; {accounts} accounts, {codes} unused backup codes). Check that \u{201c}{name}\u{201d} arrived where you sent it (iCloud Drive, Google Drive, Files, LINE…)."
        ),
        (Lang::En, false) => format!(
            "Backup file \u{201c}{name}\u{201d} downloaded ({at}; {accounts} accounts, {codes} unused backup codes). It is in your Downloads folder (on iPhone: the Files app, Downloads). Move a copy off this device too (cloud storage or another computer), so it is not lost with it."
        ),
    }
}

/// The share sheet was closed.
pub fn backup_file_cancelled(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "共有を取り消しました。バックアップファイルは保存されていません。",
        Lang::En => "Sharing was cancelled: no backup file was saved.",
    }
}

/// The backup file could not be made.
pub fn backup_file_failed(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "バックアップファイルを作れませんでした。もう一度お試しください。",
        Lang::En => "The backup file could not be made. Please try again.",
    }
}

/// The automatic backup file's heading.
pub fn auto_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "自動バックアップファイル",
        Lang::En => "Automatic backup file",
    }
}

/// What the automatic backup file does, before one is chosen.
pub fn auto_intro(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ファイルを一度選ぶと、変更のたびにそのファイルをバックアップファイルとして上書きします。クラウドと同期しているフォルダ（iCloud Drive、Google ドライブ、OneDrive など）を選ぶと安心です。",
        Lang::En => "Choose a file once, and every change rewrites it as your backup file. A folder your cloud storage syncs (iCloud Drive, Google Drive, OneDrive…) keeps it safe off this device.",
    }
}

/// Where the browser has no File System Access API.
pub fn auto_unsupported(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "このブラウザでは自動バックアップファイルを使えません（パソコンの Chrome や Edge なら使えます）。上のボタンでバックアップファイルを作ってください。",
        Lang::En => "This browser cannot keep an automatic backup file (Chrome and Edge on a computer can). Use the button above to make a backup file.",
    }
}

/// Choose the file.
pub fn auto_choose(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "自動バックアップファイルを選ぶ",
        Lang::En => "Choose an automatic backup file",
    }
}

/// Allow writing again (next visit).
pub fn auto_allow(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "書き込みを許可",
        Lang::En => "Allow writing",
    }
}

/// Stop the automatic backup.
pub fn auto_stop(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "自動バックアップファイルをやめる",
        Lang::En => "Stop the automatic backup file",
    }
}

/// The file type's name in the save dialog.
pub fn auto_file_type(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "暗号化したバックアップファイル",
        Lang::En => "Encrypted backup file",
    }
}

/// The automatic file is on: `written` how long ago it was last written this visit.
pub fn auto_on(lang: Lang, name: &str, written: Option<&str>) -> String {
    match (lang, written) {
        (Lang::Ja, Some(w)) => format!("オン: 「{name}」（最後の書き込み: {w}）"),
        (Lang::Ja, None) => format!("オン: 「{name}」（次の変更から書き込みます）"),
        (Lang::En, Some(w)) => format!("On: \u{201c}{name}\u{201d} (last written {w})"),
        (Lang::En, None) => format!("On: \u{201c}{name}\u{201d} (written at the next change)"),
    }
}

/// The browser wants permission again.
pub fn auto_needs_permission(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!("許可が必要です: 「{name}」への書き込みを、このブラウザにもう一度許可してください。許可するまで自動バックアップファイルへの書き込みは止まっています。"),
        Lang::En => format!("Needs permission: allow this browser to write \u{201c}{name}\u{201d} again. The automatic backup file is paused until you do."),
    }
}

/// Writing failed; the app's own saves go on.
pub fn auto_failed(lang: Lang, name: &str, reason: &str) -> String {
    let why = match (lang, reason) {
        (Lang::Ja, "NotAllowedError") => "書き込みが許可されていません".to_owned(),
        (Lang::Ja, "NotFoundError") => "ファイルが見つかりません（移動または削除されました）".to_owned(),
        (Lang::Ja, "QuotaExceededError") => "空き容量が足りません".to_owned(),
        (Lang::Ja, other) => other.to_owned(),
        (Lang::En, "NotAllowedError") => "writing is not allowed".to_owned(),
        (Lang::En, "NotFoundError") => "the file is gone (moved or deleted)".to_owned(),
        (Lang::En, "QuotaExceededError") => "the disk is full".to_owned(),
        (Lang::En, other) => other.to_owned(),
    };
    match lang {
        Lang::Ja => format!("失敗: 「{name}」に書き込めませんでした（{why}）。アプリ内の保存は続いています。ファイルを選び直してください。"),
        Lang::En => format!("Failed: could not write \u{201c}{name}\u{201d} ({why}). Your changes are still saved in the app; choose the file again."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_read_naturally_in_both_languages() {
        let now = 10 * 86_400_000;
        let cases = [(0, "たった今", "just now"), (59_000, "たった今", "just now"), (60_000, "1分前", "1 minute ago"), (3_600_000, "1時間前", "1 hour ago"), (5 * 3_600_000, "5時間前", "5 hours ago"), (86_400_000, "1日前", "1 day ago"), (3 * 86_400_000, "3日前", "3 days ago")];
        for (age, ja, en) in cases {
            assert_eq!(ago(Lang::Ja, now, now - age), ja);
            assert_eq!(ago(Lang::En, now, now - age), en);
        }
        assert_eq!(ago(Lang::Ja, 0, 5), "たった今", "a clock that went back is not the future");
        assert_eq!(changes_since(Lang::Ja, 2), "その後の変更: 2件");
        assert_eq!(changes_since(Lang::En, 1), "1 change since");
    }
}
