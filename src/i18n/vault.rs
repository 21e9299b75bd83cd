//! The vault: why it did not open, a restore's preview, entries it could not read, passphrase
//! refusals and the key derivation's progress.

use super::{Lang, T};

/// Message for a vault that could not be opened.
pub fn vault_error(lang: Lang, e: &crate::vault::VaultError) -> String {
    use crate::vault::VaultError as E;
    match (lang, e) {
        (Lang::En, E::WrongPassphraseOrDamaged) => "Wrong passphrase. Please type it again (is Caps Lock on, or the keyboard in another input mode?). If the right passphrase still does not open it, you can restore from your backup file.".into(),
        (Lang::Ja, E::WrongPassphraseOrDamaged) => "パスフレーズが違います。もう一度入力してください（Caps Lock や、全角・半角などの入力モードもご確認ください）。正しいパスフレーズでも開かないときは、バックアップファイルから復元できます。".into(),
        (Lang::En, E::NewerEnvelope { found }) => format!("This vault was written by a newer version of the app (format {found}). Open it with the newer version; nothing was changed."),
        (Lang::Ja, E::NewerEnvelope { found }) => format!("この保管庫は新しいバージョンのアプリで作成されています（形式 {found}）。新しいバージョンで開いてください。何も変更していません。"),
        (Lang::En, E::NewerContent { found }) => format!("This vault's contents come from a newer version of the app (content {found}). Open it with the newer version; nothing was changed."),
        (Lang::Ja, E::NewerContent { found }) => format!("この保管庫の内容は新しいバージョンのアプリのものです（内容 {found}）。新しいバージョンで開いてください。何も変更していません。"),
        (Lang::En, E::NotAVault) => "This is not a vault or backup file of this app. Choose the .2favault file you exported.".into(),
        (Lang::Ja, E::NotAVault) => "このアプリの保管庫・バックアップファイルではありません。書き出した .2favault ファイルを選んでください。".into(),
        (Lang::En, E::Truncated) => "This file is incomplete: it ends before its own structure does (it was probably cut off during a download or copy). Nothing was changed. Copy or download the backup file again from where you keep it, or use another copy.".into(),
        (Lang::Ja, E::Truncated) => "このファイルは不完全です。構造の途中で終わっています（ダウンロードやコピーの途中で切れた可能性があります）。何も変更していません。保管している場所からバックアップファイルをもう一度コピーまたはダウンロードするか、別のコピーを使ってください。".into(),
        (Lang::En, E::IncompleteOrDamaged) => "The passphrase is right, but the stored vault's contents are damaged (changed or cut short after they were saved), so it cannot be opened. Nothing was changed. Restore it from a backup file.".into(),
        (Lang::Ja, E::IncompleteOrDamaged) => "パスフレーズは正しいのですが、保存された保管庫の内容が壊れている（保存後に変更されたか途中で切れている）ため開けません。何も変更していません。バックアップファイルから復元してください。".into(),
        (Lang::En, E::KdfTooCostly { kdf }) => format!(
            "This file asks for {} MiB of memory and {} passes ({} lanes) to open, more than this app allows ({} MiB, {} MiB × passes, {} lanes): a file made this way could freeze or crash the browser, so it was not opened. Nothing was changed; use a backup file made by this app.",
            kdf.memory_kib / 1024, kdf.iterations, kdf.parallelism,
            crate::vault::MAX_KDF_MEMORY_KIB / 1024, crate::vault::MAX_KDF_WORK_KIB / 1024, crate::vault::MAX_KDF_LANES
        ),
        (Lang::Ja, E::KdfTooCostly { kdf }) => format!(
            "このファイルを開くには {} MiB のメモリと{}回の反復（並列{}）が必要で、このアプリの上限（{} MiB、メモリ×反復 {} MiB、並列{}）を超えています。ブラウザが固まったり落ちたりするおそれがあるため開きませんでした。何も変更していません。このアプリで作ったバックアップファイルを使ってください。",
            kdf.memory_kib / 1024, kdf.iterations, kdf.parallelism,
            crate::vault::MAX_KDF_MEMORY_KIB / 1024, crate::vault::MAX_KDF_WORK_KIB / 1024, crate::vault::MAX_KDF_LANES
        ),
        (Lang::En, E::NoPasskeySlot) => "This passkey no longer opens this vault (it was removed). Unlock with the passphrase.".into(),
        (Lang::Ja, E::NoPasskeySlot) => "このパスキーではこの保管庫を開けなくなっています（削除済み）。パスフレーズでロックを解除してください。".into(),
        (Lang::En, E::TooManySlots) => "This vault already has the most unlock methods it can hold (8). Remove a passkey first.".into(),
        (Lang::Ja, E::TooManySlots) => "この保管庫に登録できる解除方法は最大8件で、すでに上限です。先にパスキーを1件削除してください。".into(),
        (_, E::TooManyEntries { found }) => super::limits::backup_file_too_many(lang, *found),
        (Lang::En, E::Damaged | E::BadContent | E::BadKdfParams | E::NoPassphraseSlot) => "The file is damaged and cannot be opened. Nothing was changed; use another copy of the backup file.".into(),
        (Lang::Ja, E::Damaged | E::BadContent | E::BadKdfParams | E::NoPassphraseSlot) => "ファイルが壊れていて開けません。何も変更していません。バックアップファイルの別のコピーを使ってください。".into(),
    }
}

/// What went wrong opening a backup file: as [`vault_error`], except that a failed decryption
/// blames the passphrase typed for this file (the likeliest cause), not a damaged vault.
pub fn backup_file_error(lang: Lang, e: &crate::vault::VaultError) -> String {
    match (lang, e) {
        (Lang::En, crate::vault::VaultError::WrongPassphraseOrDamaged) => "Wrong passphrase for this backup file. Use the passphrase the vault had when the backup file was made (is Caps Lock on?). Nothing was changed.".into(),
        (Lang::Ja, crate::vault::VaultError::WrongPassphraseOrDamaged) => "このバックアップファイルのパスフレーズが違います。バックアップファイルを作ったときのパスフレーズを入力してください（Caps Lock もご確認ください）。何も変更していません。".into(),
        // The passphrase opened the key slot: what is wrong is the file, not the passphrase.
        (Lang::En, crate::vault::VaultError::IncompleteOrDamaged) => "The passphrase is right, but this backup file is incomplete or damaged (most often it was cut off during a download or copy), so it cannot be opened. Nothing was changed. Copy or download the backup file again from where you keep it (its size should match the original), or use another copy.".into(),
        (Lang::Ja, crate::vault::VaultError::IncompleteOrDamaged) => "パスフレーズは正しいのですが、このバックアップファイルは不完全か壊れています（多くはダウンロードやコピーの途中で切れたものです）。そのため開けません。何も変更していません。保管している場所からバックアップファイルをもう一度コピーまたはダウンロードする（サイズが元のファイルと同じか確認してください）か、別のコピーを使ってください。".into(),
        _ => vault_error(lang, e),
    }
}

/// One entry a restore changed or left out to keep within the limits every writer keeps:
/// "“GitHub: alice”: service name shortened to 256 characters (it had 3000000)."
pub fn restore_adjusted(lang: Lang, a: &crate::vault::Adjusted) -> String {
    use crate::account::Field;
    use crate::vault::Adjustment as A;
    let who = match (a.issuer.is_empty(), a.name.is_empty()) {
        (false, false) => format!("{}: {}", a.issuer, a.name),
        (false, true) => a.issuer.clone(),
        (true, false) => a.name.clone(),
        (true, true) => match lang {
            Lang::En => "(no name)".into(),
            Lang::Ja => "（名前なし）".into(),
        },
    };
    match (lang, &a.what) {
        (Lang::En, A::Shortened { field, len, max }) => {
            let what = if *field == Field::Issuer { "service name" } else { "account name" };
            format!("“{who}”: {what} shortened to {max} characters (it had {len}, more than the {max} allowed). Its secret key is unchanged.")
        }
        (Lang::Ja, A::Shortened { field, len, max }) => {
            let what = if *field == Field::Issuer { "サービス名" } else { "アカウント名" };
            format!("「{who}」: {what}が{len}文字あり上限の{max}文字を超えていたため、{max}文字に短くしました。シークレットキーは変わっていません。")
        }
        (Lang::En, A::Invisible { field }) => {
            let what = if *field == Field::Issuer { "service name" } else { "account name" };
            format!("“{who}”: the {what} had no visible character, so it was left empty. Its secret key is unchanged: give it a name in the list.")
        }
        (Lang::Ja, A::Invisible { field }) => {
            let what = if *field == Field::Issuer { "サービス名" } else { "アカウント名" };
            format!("「{who}」: {what}に見える文字がなかったため、空にしました。シークレットキーは変わっていません。一覧で名前を付けてください。")
        }
        (Lang::En, A::TooManyTags { count, max }) => format!("“{who}”: {count} tags, more than the {max} allowed: the first {max} were kept."),
        (Lang::Ja, A::TooManyTags { count, max }) => format!("「{who}」: タグが{count}個あり上限の{max}個を超えていたため、最初の{max}個を残しました。"),
        (Lang::En, A::TagsShortened { count: 1, max }) => format!("“{who}”: a tag longer than {max} characters was shortened to {max}."),
        (Lang::En, A::TagsShortened { count, max }) => format!("“{who}”: {count} tags longer than {max} characters were shortened to {max}."),
        (Lang::Ja, A::TagsShortened { count, max }) => format!("「{who}」: {max}文字を超えるタグ{count}個を{max}文字に短くしました。"),
        (Lang::En, A::CodesLeftOut { count: 1, max }) => format!("“{who}”: a backup code longer than {max} characters (or empty) was left out: no site issues such a code."),
        (Lang::En, A::CodesLeftOut { count, max }) => format!("“{who}”: {count} backup codes longer than {max} characters (or empty) were left out: no site issues such codes."),
        (Lang::Ja, A::CodesLeftOut { count, max }) => format!("「{who}」: {max}文字を超える（または空の）バックアップコード{count}個は復元しませんでした。このようなコードを発行するサイトはありません。"),
        (Lang::En, A::LeftOut(e)) => format!("“{who}” was not restored: {}", super::errors::field_error(lang, e)),
        (Lang::Ja, A::LeftOut(e)) => format!("「{who}」は復元しませんでした: {}", super::errors::field_error(lang, e)),
    }
}

/// The notes of a restore that kept within the limits (empty when nothing had to change).
pub fn restore_adjustments(lang: Lang, adjusted: &[crate::vault::Adjusted]) -> String {
    if adjusted.is_empty() {
        return String::new();
    }
    let head = match lang {
        Lang::En => "Kept within the limits every entry here keeps:",
        Lang::Ja => "すべての項目に共通の上限に合わせて、次のように復元しました:",
    };
    let lines: Vec<String> = adjusted.iter().map(|a| restore_adjusted(lang, a)).collect();
    format!("{head} {}", lines.join(" "))
}

/// "The backup file holds 3 accounts: 2 new, 1 already here." — a restore preview; only the counts
/// that are not zero are said.
pub fn merge_preview(lang: Lang, added: usize, unchanged: usize, conflicting: usize) -> String {
    let total = added + unchanged + conflicting;
    match lang {
        Lang::En => {
            let mut parts = Vec::new();
            if added > 0 {
                parts.push(format!("{added} new"));
            }
            if unchanged > 0 {
                parts.push(format!("{unchanged} already here"));
            }
            if conflicting > 0 {
                parts.push(format!("{conflicting} with the same name but a different secret key, kept side by side"));
            }
            match total {
                0 => "The backup file holds no accounts.".into(),
                1 => format!("The backup file holds 1 account: {}.", parts.join(", ")),
                n => format!("The backup file holds {n} accounts: {}.", parts.join(", ")),
            }
        }
        Lang::Ja => {
            let mut parts = Vec::new();
            if added > 0 {
                parts.push(format!("新規{added}件"));
            }
            if unchanged > 0 {
                parts.push(format!("登録済みと同じもの{unchanged}件"));
            }
            if conflicting > 0 {
                parts.push(format!("名前が同じでシークレットキーが異なるもの{conflicting}件。これは両方残します"));
            }
            match total {
                0 => "バックアップファイルにアカウントはありません。".into(),
                n => format!("バックアップファイルにはアカウントが{n}件あります。内訳: {}。", parts.join("、")),
            }
        }
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
        (Lang::Ja, U::Explain) => "この項目は読み取れませんでした（壊れているか、新しいバージョンのアプリで作られた可能性があります）。ほかの項目は通常どおり開いています。ファイルに保存して残すか、削除してください。",
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

/// The message key for a refused new passphrase.
pub fn new_passphrase_error(e: crate::passphrase::NewPassphraseError) -> T {
    match e {
        crate::passphrase::NewPassphraseError::TooShort => T::PassTooShort,
        crate::passphrase::NewPassphraseError::Mismatch => T::PassMismatch,
        // The floor's refusal has a reason and a suggestion: `new_passphrase_refusal`.
        _ => T::StrengthWeak,
    }
}

/// The unlock screen, when the passphrase typed is the one the vault had before it was changed in
/// another tab or window (this tab had not heard of the change).
pub fn pass_changed_elsewhere(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Wrong passphrase: that was this vault's passphrase until it was changed in another tab or window. Enter the new passphrase. Nothing was changed, and the vault is not damaged.",
        Lang::Ja => "パスフレーズが違います。入力したのは、別のタブかウィンドウで変更される前のパスフレーズです。新しいパスフレーズを入力してください。何も変更していません。保管庫は壊れていません。",
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
        Lang::En => "The passphrase could not be checked (the browser stopped the work, perhaps for lack of memory). Nothing was changed; close other tabs and try again.",
        Lang::Ja => "パスフレーズを確認できませんでした（メモリ不足などでブラウザが処理を止めました）。何も変更していません。ほかのタブを閉じてもう一度お試しください。",
    }
}

/// Shown while a key is derived, beside Cancel.
pub fn deriving(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Checking the passphrase… (this takes a moment on purpose: it makes guessing slow)",
        Lang::Ja => "パスフレーズを確認しています…（推測による突破を遅くするため、わざと時間をかけています）",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_preview_says_only_what_is_there() {
        assert_eq!(merge_preview(Lang::En, 1, 0, 0), "The backup file holds 1 account: 1 new.");
        assert_eq!(merge_preview(Lang::En, 2, 1, 0), "The backup file holds 3 accounts: 2 new, 1 already here.");
        assert_eq!(merge_preview(Lang::Ja, 3, 0, 0), "バックアップファイルにはアカウントが3件あります。内訳: 新規3件。");
        assert!(!merge_preview(Lang::Ja, 3, 2, 0).contains("0件"));
    }

    #[test]
    fn a_wrong_passphrase_on_a_backup_file_never_blames_the_vault() {
        let e = crate::vault::VaultError::WrongPassphraseOrDamaged;
        for lang in [Lang::En, Lang::Ja] {
            let m = backup_file_error(lang, &e);
            assert!(!m.contains("damaged") && !m.contains("壊れ") && !m.contains("保管庫"), "{m}");
        }
    }
}
