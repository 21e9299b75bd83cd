//! Messages of the emergency kit on paper: the date it was printed, what it holds, the restore
//! steps (naming the app's own buttons) and the flags on a site's block.

use super::{t, Lang, T};
use crate::kit::{Kit, KitFlag};


/// The kit's date line.
pub fn kit_printed(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("Printed {date}"),
        Lang::Ja => format!("印刷日：{date}"),
    }
}

/// What the paper holds: "12 unused backup codes for 3 sites.", or that there are none yet.
pub fn kit_summary(lang: Lang, kit: &Kit) -> String {
    let (codes, sites) = (kit.unused(), kit.sites.len());
    match lang {
        _ if kit.has_no_codes() => match lang {
            Lang::En => "No backup codes saved in this app yet.".to_owned(),
            Lang::Ja => "このアプリにはまだバックアップコードが保存されていません。".to_owned(),
        },
        Lang::En => format!("{codes} unused backup code{} for {sites} site{}.", plural(codes), plural(sites)),
        Lang::Ja => format!("{sites}サイトの未使用のバックアップコード{codes}個。"),
    }
}

/// Under an empty kit's summary: how codes get onto the paper.
pub fn kit_no_codes_hint(lang: Lang) -> String {
    let add = t(lang, T::AddBackupCodes);
    match lang {
        Lang::En => format!("When a site gives you backup codes, save them with “{add}” on its row, then print a new kit."),
        Lang::Ja => format!("サイトでバックアップコードを発行したら、そのアカウントの「{add}」から保存して、キットを印刷し直してください。"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The steps to get the accounts back on a new phone or computer, in order, the first naming the
/// app's address. The other steps quote the app's own button and field names.
pub fn kit_restore_steps(lang: Lang, url: &str) -> Vec<String> {
    let (title, file, open) = (t(lang, T::RestoreTitle), t(lang, T::RestoreFileLabel), t(lang, T::RestoreOpen));
    match lang {
        Lang::En => vec![
            format!("On the new phone or computer, open {url} in a browser."),
            format!("Choose “{title}” (on the first screen, or in the settings)."),
            format!("Under “{file}”, choose your backup file."),
            format!("Type the backup file's passphrase and press “{open}”. Your accounts and backup codes come back."),
        ],
        Lang::Ja => vec![
            format!("新しいスマートフォンやパソコンのブラウザで {url} を開きます。"),
            format!("「{title}」を選びます（最初の画面、または設定の中にあります）。"),
            format!("「{file}」でバックアップファイルを選びます。"),
            format!("バックアップファイルのパスフレーズを入力して「{open}」を押します。アカウントとバックアップコードが元に戻ります。"),
        ],
    }
}

/// The note on a flagged site's block, naming the site.
pub fn kit_flag(lang: Lang, flag: KitFlag, site: &str) -> String {
    let site = if site.is_empty() { t(lang, T::Unnamed) } else { site };
    match (lang, flag) {
        (Lang::En, KitFlag::Low) => format!("Running low: sign in to {site} and generate new backup codes, then print a new kit."),
        (Lang::Ja, KitFlag::Low) => format!("残りわずかです。{site} にログインして新しいバックアップコードを発行し、キットを印刷し直してください。"),
        (Lang::En, KitFlag::AllUsed) => format!("All codes used: sign in to {site} and generate new backup codes, then print a new kit."),
        (Lang::Ja, KitFlag::AllUsed) => format!("すべて使用済みです。{site} にログインして新しいバックアップコードを発行し、キットを印刷し直してください。"),
    }
}
