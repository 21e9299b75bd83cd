//! Moving from another app: the progress of a multi-QR export (said next to the control just
//! used), the first screen's third choice, the pointers in the empty list and the add dialog, and
//! what is said when a file chosen in the wrong place is taken to the right one.

use super::Lang;
use crate::import::batches::{Added, Batches};

/// Fixed sentences of the migration flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Say {
    /// The first screen's third choice, its title.
    ChoiceTitle,
    /// Its line.
    ChoiceLine,
    /// Above the passphrase form once export QR codes were chosen on the first screen.
    NextPassphrase,
    /// The button that imports what was read, at any time.
    ImportSoFar,
    /// The button that forgets what was read.
    ForgetRead,
    /// The empty list's pointer.
    EmptyLine,
    /// Its button.
    EmptyButton,
    /// The add dialog's entry at the top.
    AddEntry,
    /// A picture of an export chosen in "restore": taken to the migration.
    RestoreGotImport,
    /// Another app's file chosen in "restore": taken to the migration.
    RestoreGotFile,
    /// A backup of this app chosen in "import": taken to the restore.
    ImportGotBackup,
    /// A file chosen on the first screen waits for the vault (another app's file).
    FileWaits,
    /// The import dialog's hint for the QR section (several at once, or the camera).
    QrHintMany,
}

/// A fixed sentence.
pub fn say(lang: Lang, s: Say) -> &'static str {
    use Say::*;
    match (lang, s) {
        (Lang::Ja, ChoiceTitle) => "他のアプリから移行",
        (Lang::En, ChoiceTitle) => "Move from another app",
        (Lang::Ja, ChoiceLine) => "Google Authenticator などのエクスポート用QRコード（スクリーンショット、複数可）やファイルを選ぶ",
        (Lang::En, ChoiceLine) => "Choose the export QR codes (screenshots, several at once) or file of Google Authenticator and others",
        (Lang::Ja, NextPassphrase) => "次に、このブラウザに保管するためのパスフレーズを決めてください。作成するとすぐに、読み取ったアカウントを確認して追加できます。",
        (Lang::En, NextPassphrase) => "Next, choose a passphrase to keep them in this browser. Once it is created, you check the accounts read and add them.",
        (Lang::Ja, ImportSoFar) => "読み取った分をインポート",
        (Lang::En, ImportSoFar) => "Import what was read so far",
        (Lang::Ja, ForgetRead) => "読み取った分を消す",
        (Lang::En, ForgetRead) => "Forget what was read",
        (Lang::Ja, EmptyLine) => "Google Authenticator など、他の認証アプリのアカウントをまとめて移せます。",
        (Lang::En, EmptyLine) => "Accounts in Google Authenticator or another authenticator app can be moved here all at once.",
        (Lang::Ja, EmptyButton) => "他のアプリから移行",
        (Lang::En, EmptyButton) => "Move from another app",
        (Lang::Ja, AddEntry) => "Google Authenticator などから移行",
        (Lang::En, AddEntry) => "Move from Google Authenticator and others",
        (Lang::Ja, RestoreGotImport) => "これは他のアプリのエクスポート用QRコードです。バックアップファイルからの復元ではなく、移行として読み取りました。",
        (Lang::En, RestoreGotImport) => "This is another app's export QR code, not a backup file: it was read for moving its accounts here.",
        (Lang::Ja, RestoreGotFile) => "これは他のアプリのファイルで、このアプリのバックアップファイルではありません。移行として読み込みます。パスフレーズを決めて作成すると、その中身を確認できます。",
        (Lang::En, RestoreGotFile) => "This is another app's file, not a backup file of this app: it will be imported. Choose a passphrase and create, then check what it holds.",
        (Lang::Ja, ImportGotBackup) => "これはこのアプリのバックアップファイルです。下の「バックアップファイルから復元」で、そのファイルを作ったときのパスフレーズを入力してください。",
        (Lang::En, ImportGotBackup) => "This is a backup file of this app: enter the passphrase it was exported with in “Restore from a backup file” below.",
        (Lang::Ja, FileWaits) => "ファイルを受け取りました。パスフレーズを決めて作成すると、読み込んで中身を確認できます。",
        (Lang::En, FileWaits) => "File received. Choose a passphrase and create: it is then read and you check what it holds.",
        (Lang::Ja, QrHintMany) => "スクリーンショットはまとめて選べます。読み取った分はいつでもインポートできます。",
        (Lang::En, QrHintMany) => "Screenshots can be chosen all at once; what was read can be imported at any time.",
    }
}

/// "2/4" (ja) or "2 of 4" (en): the QR code's number as Google Authenticator shows it.
fn qr_no(lang: Lang, index: u32, count: u32) -> String {
    match lang {
        Lang::Ja => format!("{}/{count}", index + 1),
        Lang::En => format!("{} of {count}", index + 1),
    }
}

/// A list of QR numbers: "2/4、3/4" or "2 and 3 of 4".
fn qr_list(lang: Lang, indexes: &[u32], count: u32) -> String {
    match lang {
        Lang::Ja => indexes.iter().map(|i| qr_no(lang, *i, count)).collect::<Vec<_>>().join("、"),
        Lang::En => {
            let n: Vec<String> = indexes.iter().map(|i| (i + 1).to_string()).collect();
            let joined = match n.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                _ => n.join(""),
            };
            format!("{joined} of {count}")
        }
    }
}

fn accounts_en(n: usize) -> String {
    format!("{n} account{}", if n == 1 { "" } else { "s" })
}

/// How an export is named when more than one was read: "1つ目のエクスポート（QRコード 3個）".
fn export_name(lang: Lang, place: usize, count: u32) -> String {
    match lang {
        Lang::Ja => format!("{}つ目のエクスポート（QRコード{count}個）", place + 1),
        Lang::En => format!("Export {} ({count} QR code{})", place + 1, if count == 1 { "" } else { "s" }),
    }
}

/// What is still to read of one export, and what to do: "まだ 3/4、4/4 を読み取っていません。次の QR
/// コードを読み取ってください。"
fn still_to_read(lang: Lang, missing: &[u32], count: u32) -> String {
    match lang {
        Lang::Ja => format!("まだQRコード {} を読み取っていません。次のQRコードを読み取ってください。", qr_list(lang, missing, count)),
        Lang::En => format!("Still to read: QR code {}. Scan the next one.", qr_list(lang, missing, count)),
    }
}

/// What was just read, said next to the control used: per export touched, the QR codes read
/// (with their account count), what is still missing and what to do; repeats said once each.
/// `added` is what this choice, paste or camera frame added, in order.
pub fn batches_read(lang: Lang, added: &[Added], batches: &Batches) -> String {
    let exports = batches.exports();
    let several = exports.len() > 1;
    let mut out: Vec<String> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    for a in added {
        if let Added::New { export, .. } = a {
            if !touched.contains(export) {
                touched.push(*export);
            }
        }
    }
    for place in &touched {
        let Some(e) = exports.get(*place) else { continue };
        let news: Vec<(u32, usize)> = added
            .iter()
            .filter_map(|a| match a {
                Added::New { export, index, accounts, .. } if export == place => Some((*index, *accounts)),
                _ => None,
            })
            .collect();
        let n: usize = news.iter().map(|(_, k)| k).sum();
        let mut indexes: Vec<u32> = news.iter().map(|(i, _)| *i).collect();
        indexes.sort_unstable();
        let prefix = if several { format!("{}: ", export_name(lang, *place, e.count)) } else { String::new() };
        // Every QR code of the export read in one go: one sentence.
        if e.is_complete() && indexes.len() as u32 == e.count && e.count > 1 {
            out.push(match lang {
                Lang::Ja => format!("{prefix}QRコード{}個をすべて読み取りました（{n}件）。", e.count),
                Lang::En => format!("{prefix}All {} QR codes read ({}).", e.count, accounts_en(n)),
            });
            continue;
        }
        let read = match (lang, e.count) {
            (Lang::Ja, 1) => format!("QRコード（{n}件）を読み取りました。"),
            (Lang::En, 1) => format!("QR code read ({}).", accounts_en(n)),
            (Lang::Ja, c) => format!("QRコード {}（{n}件）を読み取りました。", qr_list(lang, &indexes, c)),
            (Lang::En, c) => format!("QR code{} {} read ({}).", if indexes.len() == 1 { "" } else { "s" }, qr_list(lang, &indexes, c), accounts_en(n)),
        };
        let then = if e.is_complete() {
            match (lang, e.count) {
                (_, 1) => String::new(),
                (Lang::Ja, c) => format!("QRコード{c}個をすべて読み取りました（計{}件）。", e.accounts()),
                (Lang::En, c) => format!(" All {c} QR codes are read ({} in all).", accounts_en(e.accounts())),
            }
        } else {
            let sep = if lang == Lang::En { " " } else { "" };
            format!("{sep}{}", still_to_read(lang, &e.missing(), e.count))
        };
        out.push(format!("{prefix}{read}{then}"));
    }
    if several && touched.iter().any(|p| exports.get(*p).is_some_and(|e| e.read().len() == added.iter().filter(|a| matches!(a, Added::New { export, .. } if export == p)).count()) && *p > 0) {
        out.push(match lang {
            Lang::Ja => format!("{}つの別々のエクスポートのQRコードです。分けて数え、どちらも残しています。", exports.len()),
            Lang::En => format!("These QR codes come from {} different exports: each is counted on its own, and all are kept.", exports.len()),
        });
    }
    let mut said: Vec<(usize, u32)> = Vec::new();
    for a in added {
        if let Added::Repeat { export, index, count, .. } = a {
            if said.contains(&(*export, *index)) {
                continue;
            }
            said.push((*export, *index));
            let prefix = if several { format!("{}: ", export_name(lang, *export, *count)) } else { String::new() };
            out.push(match lang {
                Lang::Ja => format!("{prefix}QRコード {} は読み取り済みです（二重には数えません）。", qr_no(lang, *index, *count)),
                Lang::En => format!("{prefix}QR code {} was already read (not counted twice).", qr_no(lang, *index, *count)),
            });
        }
    }
    out.join(if lang == Lang::Ja { "" } else { " " })
}

/// The lasting state of what was read (shown while the dialog is open, and again when it is
/// reopened): one line per export.
pub fn batches_state(lang: Lang, batches: &Batches) -> Vec<String> {
    let exports = batches.exports();
    let several = exports.len() > 1;
    exports
        .iter()
        .enumerate()
        .map(|(place, e)| {
            let prefix = if several { format!("{}: ", export_name(lang, place, e.count)) } else { String::new() };
            let read = e.read().len();
            let body = match lang {
                Lang::Ja if e.is_complete() => format!("QRコード{}個をすべて読み取り済み（{}件）。", e.count, e.accounts()),
                Lang::En if e.is_complete() => format!("All {} QR code{} read ({}).", e.count, if e.count == 1 { "" } else { "s" }, accounts_en(e.accounts())),
                Lang::Ja => format!("QRコード{}個中{read}個を読み取り済み（{}件）。まだ読み取っていないQRコード: {}", e.count, e.accounts(), qr_list(lang, &e.missing(), e.count)),
                Lang::En => format!("{read} of {} QR codes read ({}). Still to read: QR code {}.", e.count, accounts_en(e.accounts()), qr_list(lang, &e.missing(), e.count)),
            };
            format!("{prefix}{body}")
        })
        .collect()
}

/// Said with the preview and after the import when batches were missing: which, and that their
/// accounts are not in this import.
pub fn batches_missing(lang: Lang, missing: &[(usize, u32, Vec<u32>)], exports: usize) -> String {
    missing
        .iter()
        .map(|(place, count, idx)| {
            let prefix = if exports > 1 { format!("{}: ", export_name(lang, *place, *count)) } else { String::new() };
            match lang {
                Lang::Ja => format!("{prefix}QRコード {} を読み取っていないため、その中のアカウントは含まれていません。あとでそのQRコードを読み取れば追加できます。", qr_list(lang, idx, *count)),
                Lang::En => format!("{prefix}QR code {} was not read, so its accounts are not included. Read it later to add them.", qr_list(lang, idx, *count)),
            }
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Ja { "" } else { " " })
}

/// The accounts of an import already in the vault, named: "すでにあるアカウント（2件、追加しません）: A、B".
pub fn already_here(lang: Lang, names: &[String]) -> String {
    match lang {
        Lang::Ja => format!("すでにこのアプリにあるアカウント（{}件、二重には追加しません）: {}", names.len(), names.join("、")),
        Lang::En => format!("Already in this app ({}, not added twice): {}", names.len(), names.join(", ")),
    }
}
