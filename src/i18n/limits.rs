//! Messages of the cap on accounts ([`crate::account::MAX_ACCOUNTS`]): a file, a backup or an
//! add that would pass it, and the progress of reading and adding a large file.

use super::Lang;
use crate::account::MAX_ACCOUNTS;

/// A count with thousands grouped by commas, as both languages write it ("95,000", "5,000件").
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An import file with more accounts than one import may bring, refused before they were read.
pub fn file_too_many(lang: Lang, found: usize) -> String {
    let (found, max) = (count(found), count(MAX_ACCOUNTS));
    match lang {
        Lang::En => format!("This file holds {found} accounts; at most {max} can be imported at once. Nothing was imported. Split the file into parts of {max} or fewer (for a list of links, {max} lines each) and read them one by one."),
        Lang::Ja => format!("このファイルにはアカウントが{found}件あります。一度に取り込めるのは{max}件までです。何もインポートしていません。ファイルを{max}件以下ずつに分けて（リンクの一覧なら{max}行ずつ）、1つずつ読み込んでください。"),
    }
}

/// A backup file with more entries than a vault keeps, refused before they were read.
pub fn backup_file_too_many(lang: Lang, found: usize) -> String {
    let (found, max) = (count(found), count(MAX_ACCOUNTS));
    match lang {
        Lang::En => format!("This backup file holds {found} accounts; this app keeps at most {max}. Nothing was restored. Open the vault the backup file came from, delete the accounts you no longer use, and make a new backup file."),
        Lang::Ja => format!("このバックアップファイルにはアカウントが{found}件あります。このアプリで保管できるのは{max}件までです。何も復元していません。元の保管庫で使わなくなったアカウントを削除してから、バックアップファイルを作り直してください。"),
    }
}

/// An add, import or merge that would take the vault past the cap (`here` entries now,
/// `adding` more). Nothing was added.
pub fn vault_full(lang: Lang, here: usize, adding: usize) -> String {
    let max = count(MAX_ACCOUNTS);
    let room = MAX_ACCOUNTS.saturating_sub(here);
    match (lang, adding, room) {
        (Lang::En, 1, _) | (Lang::En, _, 0) => format!("This vault holds {} accounts, the most it can keep ({max}). Nothing was added. Delete accounts you no longer use to make room.", count(here)),
        (Lang::Ja, 1, _) | (Lang::Ja, _, 0) => format!("この保管庫にはアカウントが{}件あり、保管できる上限（{max}件）に達しています。何も追加していません。使わなくなったアカウントを削除してから追加してください。", count(here)),
        (Lang::En, _, _) => format!(
            "Adding these {} accounts would make {}; this vault keeps at most {max} (room for {} more). Nothing was added. Delete accounts you no longer use, or add a smaller part.",
            count(adding),
            count(here + adding),
            count(room)
        ),
        (Lang::Ja, _, _) => format!(
            "この{}件を追加すると{}件になり、保管できる上限（{max}件）を超えます（あと{}件まで追加できます）。何も追加していません。使わなくなったアカウントを削除するか、分けて追加してください。",
            count(adding),
            count(here + adding),
            count(room)
        ),
    }
}

/// Progress while a large file is read: "Reading… 1,200 of 5,000".
pub fn reading_progress(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Reading the file… {} of {} entries", count(done), count(total)),
        Lang::Ja => format!("ファイルを読み込んでいます… {}/{}件", count(done), count(total)),
    }
}

/// Progress while the accounts of a large file are made ready to add: "Adding… 1,200 of 5,000".
pub fn adding_progress(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Adding… {} of {} accounts checked", count(done), count(total)),
        Lang::Ja => format!("追加しています… {}/{}件を確認済み", count(done), count(total)),
    }
}

/// Below a preview that shows only its first rows: "Showing 100 of 5,000. Show more".
pub fn preview_more(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Showing {} of {}: show more", count(shown), count(total)),
        Lang::Ja => format!("{}件中{}件を表示中: さらに表示", count(total), count(shown)),
    }
}

/// Below a list of left-out entries that shows only the first ones: "… and 1,234 more".
pub fn preview_more_skipped(lang: Lang, more: usize) -> String {
    match lang {
        Lang::En => format!("… and {} more left out.", count(more)),
        Lang::Ja => format!("…ほか{}件も追加できません。", count(more)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(5_000), "5,000");
        assert_eq!(count(95_000), "95,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn the_cap_is_said_with_what_to_do() {
        let ja = file_too_many(Lang::Ja, 95_000);
        assert!(ja.starts_with("このファイルにはアカウントが95,000件あります。一度に取り込めるのは5,000件までです。"), "{ja}");
        assert!(ja.contains("分けて"));
        assert!(file_too_many(Lang::En, 95_000).contains("Split the file"));
        assert!(backup_file_too_many(Lang::En, 40_000).contains("40,000 accounts; this app keeps at most 5,000"));
        assert!(vault_full(Lang::Ja, 5_000, 1).contains("上限（5,000件）に達しています"));
        let en = vault_full(Lang::En, 4_000, 1_500);
        assert!(en.contains("would make 5,500") && en.contains("room for 1,000 more"), "{en}");
    }
}
