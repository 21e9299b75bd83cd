//! Messages about a site's backup codes: what remains, what was found in a pasted block, what
//! was marked, the printed sheet.

use super::{t, Lang, T};

/// "7 of 10 left".
pub fn codes_remaining(lang: Lang, remaining: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{remaining} of {total} left"),
        Lang::Ja => format!("残り{remaining}個（全{total}個）"),
    }
}

/// The row's labelled control (and its menu item): "Backup codes · 7 left". The Japanese label
/// may wrap only at its spaces or at the zero-width space between phrases.
pub fn backup_codes_button(lang: Lang, remaining: Option<usize>) -> String {
    match (lang, remaining) {
        (Lang::Ja, None) => "バックアップコードを\u{200B}追加".to_owned(),
        (Lang::En, None) => t(lang, T::AddBackupCodes).to_owned(),
        (Lang::En, Some(n)) => format!("Backup codes · {n} left"),
        (Lang::Ja, Some(n)) => format!("バックアップコード · 残り{n}個"),
    }
}

/// The low-codes warning, naming the site.
pub fn codes_low(lang: Lang, remaining: usize, site: &str) -> String {
    let site = if site.is_empty() { match lang { Lang::En => "the site", Lang::Ja => "サイト" } } else { site };
    match lang {
        Lang::En => format!("Only {remaining} backup code{} left. Sign in to {site}, generate new backup codes, and paste them here with “Replace with new codes”.", if remaining == 1 { "" } else { "s" }),
        Lang::Ja => format!("バックアップコードの残りが{remaining}個です。{site} にログインして新しいバックアップコードを発行し、「新しいコードに置き換え」から貼り付けてください。"),
    }
}

/// How a shape looks, for the "found" line.
pub fn shape_name(lang: Lang, shape: crate::backup_codes::Shape) -> &'static str {
    use crate::backup_codes::Shape;
    match (lang, shape) {
        (Lang::En, Shape::Digits8) => "8 digits, like Instagram, Facebook and Google",
        (Lang::Ja, Shape::Digits8) => "8桁の数字。Instagram・Facebook・Google の形式",
        (Lang::En, Shape::Alnum12) => "12 letters and digits, like X",
        (Lang::Ja, Shape::Alnum12) => "英数字12文字。X の形式",
        (Lang::En, Shape::Hex5x2) => "xxxxx-xxxxx, like GitHub",
        (Lang::Ja, Shape::Hex5x2) => "xxxxx-xxxxx。GitHub の形式",
        (Lang::En, Shape::Alnum5x5) => "25 characters in 5 groups, like Microsoft",
        (Lang::Ja, Shape::Alnum5x5) => "5文字×5組。Microsoft の形式",
        (Lang::En, Shape::Alnum4x2) => "xxxx-xxxx, like Discord",
        (Lang::Ja, Shape::Alnum4x2) => "xxxx-xxxx。Discord の形式",
        (Lang::En, Shape::Digits) => "digits, like PlayStation",
        (Lang::Ja, Shape::Digits) => "数字。PlayStation の形式",
        (Lang::En, Shape::Generic) => "one code per line",
        (Lang::Ja, Shape::Generic) => "1行に1つ",
    }
}

/// "Found 10 codes (8 digits, like …)."
pub fn codes_found(lang: Lang, n: usize, shape: crate::backup_codes::Shape) -> String {
    match lang {
        Lang::En => format!("Found {n} code{} ({}). Check them below before saving.", if n == 1 { "" } else { "s" }, shape_name(lang, shape)),
        Lang::Ja => format!("{n}個のコードが見つかりました（{}）。保存する前に下で確認してください。", shape_name(lang, shape)),
    }
}

/// A refused list of typed or confirmed codes.
pub fn codes_error(lang: Lang, e: &crate::backup_codes::CodesError) -> String {
    use crate::backup_codes::CodesError;
    match (lang, e) {
        (_, CodesError::Empty) => t(lang, T::CodesEmpty).to_owned(),
        (Lang::En, CodesError::Unreadable { line }) => format!("Line {line} is not a code (letters and digits, at most 64). Fix or delete that line."),
        (Lang::Ja, CodesError::Unreadable { line }) => format!("{line}行目はコードではありません（英数字64文字まで）。その行を直すか削除してください。"),
        (Lang::En, CodesError::Duplicate { line }) => format!("Line {line} repeats a code listed above. Delete that line."),
        (Lang::Ja, CodesError::Duplicate { line }) => format!("{line}行目は上と同じコードです。その行を削除してください。"),
    }
}

/// "used Nov 22, 2026" / "2026年11月22日に使用", from a date written by [`super::date`].
pub fn used_on(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("used {date}"),
        Lang::Ja => format!("{date}に使用"),
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

/// After one tap copied a code and marked it used (Undo beside it).
pub fn copied_and_marked(lang: Lang, code: &str) -> String {
    match lang {
        Lang::En => format!("Copied {code} and marked it used."),
        Lang::Ja => format!("{code} をコピーして使用済みにしました。"),
    }
}

/// A retired set's heading: "Added Jan 2, 2026, retired Nov 22, 2026".
pub fn retired_set(lang: Lang, added: &str, retired: &str) -> String {
    match lang {
        Lang::En => format!("Added {added}, retired {retired}"),
        Lang::Ja => format!("{added}に追加、{retired}に無効化"),
    }
}

/// The backup dialog's title: "Backup codes — Instagram (alice)".
pub fn backup_codes_title(lang: Lang, who: &str) -> String {
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
        Lang::En => format!("Printed on {date}"),
        Lang::Ja => format!("印刷日: {date}"),
    }
}
