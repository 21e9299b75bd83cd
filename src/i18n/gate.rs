//! The first screen and what follows it: why a new passphrase is refused and what to use
//! instead, the summary after a restore, and what to tell the user about the browser keeping
//! the data (with the home-screen steps for iPhone and Android).

use super::Lang;
use crate::passphrase::{NewPassphraseError, Weakness};
use crate::persistence_advice::{Advice, Platform};

/// Why a passphrase is below the floor, in one plain sentence.
pub fn weakness(lang: Lang, w: Weakness) -> &'static str {
    use Weakness as W;
    match (lang, w) {
        (Lang::En, W::TooShort) => "Too short: use at least 8 characters.",
        (Lang::Ja, W::TooShort) => "短すぎます。8文字以上にしてください。",
        (Lang::En, W::Common) => "This is one of the passwords attackers try first.",
        (Lang::Ja, W::Common) => "よく使われるパスワードで、真っ先に試されます。",
        (Lang::En, W::Date) => "A date or a year is easy to guess (birthdays are tried early).",
        (Lang::Ja, W::Date) => "日付や年は推測されやすいです（誕生日は真っ先に試されます）。",
        (Lang::En, W::KeyboardRun) => "Neighbouring keys or a sequence (qwerty, 1234, abcd) are easy to guess.",
        (Lang::Ja, W::KeyboardRun) => "キーボードの並びや連番（qwerty、1234、abcd など）は推測されやすいです。",
        (Lang::En, W::Repeated) => "The same character over and over is easy to guess.",
        (Lang::Ja, W::Repeated) => "同じ文字の繰り返しは推測されやすいです。",
        (Lang::En, W::OneWord) => "A single word, even with a number or symbol added, is easy to guess.",
        (Lang::Ja, W::OneWord) => "単語1つだけでは、数字や記号を足しても推測されやすいです。",
        (Lang::En, W::TooPredictable) => "Still too easy to guess.",
        (Lang::Ja, W::TooPredictable) => "まだ推測されやすいです。",
    }
}

/// What to use instead: four or more unrelated words.
pub fn passphrase_suggestion(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Use 4 or more unrelated words, such as “river paper lamp orange”: easy to remember, hard to guess.",
        Lang::Ja => "関係のない単語を4つ以上、スペースで区切って並べてください（例：「neko yama sora umi」「river paper lamp orange」）。覚えやすく、推測されにくくなります。",
    }
}

/// The floor, stated once under the field.
pub fn passphrase_floor(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Required: at least as hard to guess as 3 unrelated words (4 or more are better). Common passwords, names, dates, keyboard runs and single words are refused.",
        Lang::Ja => "条件：関係のない単語3つと同じくらい推測しにくいこと（4つ以上がおすすめ）。よく使われるパスワード、名前、日付、キーボードの並び、単語1つだけのものは使えません。",
    }
}

/// The refusal shown when the form is sent: the reason, then (for a weak one) what to use.
pub fn new_passphrase_refusal(lang: Lang, e: NewPassphraseError) -> String {
    match e {
        NewPassphraseError::TooShort => super::t(lang, super::T::PassTooShort).to_owned(),
        NewPassphraseError::Mismatch => super::t(lang, super::T::PassMismatch).to_owned(),
        NewPassphraseError::TooWeak(w) => format!("{}{}{}", weakness(lang, w), if lang == Lang::Ja { "" } else { " " }, passphrase_suggestion(lang)),
    }
}

/// Show/hide toggle of a passphrase field (its accessible name; `aria-pressed` says the state).
pub fn show_passphrase(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Show passphrase",
        Lang::Ja => "パスフレーズを表示",
    }
}

/// The toggle's visible text while the passphrase is shown / hidden.
pub fn show_hide_text(lang: Lang, shown: bool) -> &'static str {
    match (lang, shown) {
        (Lang::En, false) => "Show",
        (Lang::En, true) => "Hide",
        (Lang::Ja, false) => "表示",
        (Lang::Ja, true) => "隠す",
    }
}

/// After a restore: what came back, when the backup was made (if the file says), and that the
/// backup's passphrase now opens this browser's vault. `made_local_ms` is the backup's time,
/// already shifted to local time.
pub fn restore_summary(lang: Lang, accounts: usize, codes: usize, made_local_ms: Option<u64>) -> String {
    let made = made_local_ms.map(|ms| super::date(lang, ms));
    match lang {
        Lang::En => {
            let what = match (accounts, codes) {
                (1, 0) => "1 account".to_owned(),
                (a, 0) => format!("{a} accounts"),
                (1, 1) => "1 account and 1 backup code".to_owned(),
                (1, c) => format!("1 account and {c} backup codes"),
                (a, 1) => format!("{a} accounts and 1 backup code"),
                (a, c) => format!("{a} accounts and {c} backup codes"),
            };
            let when = made.map(|d| format!(" (backup file made {d})")).unwrap_or_default();
            format!("Restored {what}{when}. From now on, this browser opens with the backup file's passphrase.")
        }
        Lang::Ja => {
            let what = if codes > 0 { format!("アカウント{accounts}件とバックアップコード{codes}個") } else { format!("アカウント{accounts}件") };
            let when = made.map(|d| format!("（{d}に作成したバックアップファイル）")).unwrap_or_default();
            format!("{what}を復元しました{when}。このブラウザでは今後、バックアップファイルのパスフレーズで開きます。")
        }
    }
}

/// The first screen's two choices: title and one line each.
pub fn first_choice(lang: Lang, restore: bool) -> (&'static str, &'static str) {
    match (lang, restore) {
        (Lang::En, false) => ("Start new", "First time here: choose a passphrase."),
        (Lang::Ja, false) => ("はじめて使う", "パスフレーズを決めて\u{200B}始めます。"),
        (Lang::En, true) => ("Restore from a backup file", "New phone or browser: open your backup file."),
        // A zero-width space where the title may wrap on a narrow phone.
        (Lang::Ja, true) => ("バックアップ\u{200B}ファイル\u{200B}から復元", "機種変更のときなど：バックアップファイルを開きます。"),
    }
}

/// "Back" from a chosen path to the two choices.
pub fn back_to_choices(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Back",
        Lang::Ja => "戻る",
    }
}

/// Whether the browser keeps the data, in calm words (the settings, and after asking).
pub fn persistence_status(lang: Lang, persisted: Option<bool>) -> &'static str {
    match (lang, persisted) {
        (Lang::En, Some(true)) => "This browser keeps the app's data: it will not delete it to free space.",
        (Lang::Ja, Some(true)) => "このブラウザはアプリのデータを消さずに残します（容量が足りなくなっても自動では削除しません）。",
        (Lang::En, Some(false)) => "This browser did not promise to keep the app's data: it may delete it if space runs low.",
        (Lang::Ja, Some(false)) => "このブラウザでは、端末の容量が足りなくなったときなどに、アプリのデータが消えることがあります。",
        (Lang::En, None) => "This browser cannot promise to keep the app's data.",
        (Lang::Ja, None) => "このブラウザでは、アプリのデータがずっと残るとは限りません。",
    }
}

/// The note where the data may be deleted: what to do (after the browser's answer, or for
/// Safari in a tab, the whole story).
pub fn persistence_note(lang: Lang, advice: Advice) -> &'static str {
    match (lang, advice) {
        (Lang::En, Advice::SafariTab) => "In Safari, a website's data can be deleted after 7 days without a visit. Add this app to your home screen to keep it, and keep a backup file.",
        (Lang::Ja, Advice::SafariTab) => "Safari では、7日間開かなかったサイトのデータが消えることがあります。ホーム画面に追加すると消えなくなります。バックアップファイルも作っておきましょう。",
        (Lang::En, Advice::InstalledNotKept) => "Keep a backup file somewhere other than this device.",
        (Lang::Ja, Advice::InstalledNotKept) => "バックアップファイルをこの端末以外の場所に保管しましょう。",
        (Lang::En, _) => "Adding the app to your home screen helps the browser keep it. Keep a backup file too.",
        (Lang::Ja, _) => "ホーム画面に追加すると、データが消えにくくなります。バックアップファイルも作っておきましょう。",
    }
}

/// The note's heading.
pub fn persistence_note_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Keep your data in this browser",
        Lang::Ja => "このブラウザにデータを残すために",
    }
}

/// Home-screen steps for each device, the likely one first: (device, steps).
pub fn home_screen_steps(lang: Lang, first: Platform) -> Vec<(&'static str, &'static str)> {
    let iphone = match lang {
        Lang::En => ("iPhone / iPad (Safari)", "tap the Share button (□ with ↑) → Add to Home Screen"),
        Lang::Ja => ("iPhone・iPad（Safari）", "共有ボタン（□に↑）→「ホーム画面に追加」"),
    };
    let android = match lang {
        Lang::En => ("Android (Chrome)", "tap the ⋮ menu → Add to Home screen (or Install app)"),
        Lang::Ja => ("Android（Chrome）", "︙ メニュー →「ホーム画面に追加」（または「アプリをインストール」）"),
    };
    match first {
        Platform::Android => vec![android, iphone],
        _ => vec![iphone, android],
    }
}

/// The dismiss button of the note (shown again at most once a week).
pub fn persistence_note_dismiss(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Got it",
        Lang::Ja => "わかりました",
    }
}

/// Closes the one-time line that says what the browser answered.
pub fn close_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Close",
        Lang::Ja => "閉じる",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_summary_counts_and_dates() {
        let ms = 1_763_596_800_000; // 2025-11-20 00:00 UTC
        assert_eq!(
            restore_summary(Lang::Ja, 2, 10, Some(ms)),
            "アカウント2件とバックアップコード10個を復元しました（2025年11月20日に作成したバックアップファイル）。このブラウザでは今後、バックアップファイルのパスフレーズで開きます。"
        );
        assert_eq!(restore_summary(Lang::En, 1, 0, None), "Restored 1 account. From now on, this browser opens with the backup file's passphrase.");
        assert!(restore_summary(Lang::En, 2, 8, Some(ms)).starts_with("Restored 2 accounts and 8 backup codes (backup file made Nov 20, 2025)."));
    }

    #[test]
    fn a_weak_passphrase_is_told_why_and_what_to_use() {
        let m = new_passphrase_refusal(Lang::Ja, NewPassphraseError::TooWeak(Weakness::Common));
        assert!(m.contains("よく使われる") && m.contains("4つ以上"));
        let m = new_passphrase_refusal(Lang::En, NewPassphraseError::TooWeak(Weakness::Date));
        assert!(m.contains("date") && m.contains("4 or more"));
    }
}
