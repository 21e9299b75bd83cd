//! Messages about accounts in the list and the add dialog: how an account is named, the row's
//! accessible names, the countdown, an account's settings.

use super::{t, Lang, T};

/// How an account is named on screen: issuer and name joined by `join`, whichever is present,
/// or "(no name)".
pub fn account_label(lang: Lang, issuer: &str, name: &str, join: impl FnOnce(&str, &str) -> String) -> String {
    // As drawn: a label stored by an earlier version may hold bidi controls or only invisible
    // characters, which must neither reorder the sentence around it nor leave a blank.
    use crate::account::{has_visible, normalise_label};
    let (issuer, name) = (normalise_label(issuer), normalise_label(name));
    match (has_visible(&issuer), has_visible(&name)) {
        (true, true) => join(&issuer, &name),
        (true, false) => issuer,
        (false, true) => name,
        (false, false) => t(lang, T::Unnamed).to_owned(),
    }
}

/// "SHA256, 8 digits, 60 s" / "SHA256・8桁・60秒": an account's settings, to compare two.
pub fn settings_summary(lang: Lang, p: &crate::otp::Params) -> String {
    use crate::otp::Kind;
    let alg = p.algorithm.as_str();
    match (lang, p.kind) {
        (Lang::En, Kind::Totp { period }) => format!("{alg}, {} digits, {period} s", p.digits),
        (Lang::Ja, Kind::Totp { period }) => format!("{alg}・{}桁・{period}秒", p.digits),
        (Lang::En, Kind::Hotp { counter }) => format!("{alg}, {} digits, HOTP counter {counter}", p.digits),
        (Lang::Ja, Kind::Hotp { counter }) => format!("{alg}・{}桁・カウンター {counter}・HOTP", p.digits),
        (Lang::En, Kind::Steam { period }) => format!("Steam Guard, {period} s"),
        (Lang::Ja, Kind::Steam { period }) => format!("Steam Guard・{period}秒"),
    }
}

/// "6桁・30秒ごと" / "6 digits, new every 30 s": an account's settings in plain words, for the
/// add preview (where "TOTP · SHA1 · 6 · 30秒" was shown). The algorithm is said only when it is
/// not the usual SHA1, the counter only for HOTP.
pub fn code_settings(lang: Lang, p: &crate::otp::Params) -> String {
    use crate::otp::{Algorithm, Kind};
    let alg = match p.algorithm {
        Algorithm::Sha1 => String::new(),
        other => match lang {
            Lang::En => format!(", {}", other.as_str()),
            Lang::Ja => format!("・{}", other.as_str()),
        },
    };
    let digits = p.digits;
    match (lang, p.kind) {
        (Lang::En, Kind::Totp { period }) => format!("{digits} digits, new every {period} s{alg}"),
        (Lang::Ja, Kind::Totp { period }) => format!("{digits}桁・{period}秒ごと{alg}"),
        (Lang::En, Kind::Hotp { counter }) => format!("{digits} digits, new at each use (counter {counter}){alg}"),
        (Lang::Ja, Kind::Hotp { counter }) => format!("{digits}桁・使うたびに新しいコード（カウンター{counter}）{alg}"),
        (Lang::En, Kind::Steam { period }) => format!("Steam Guard, new every {period} s"),
        (Lang::Ja, Kind::Steam { period }) => format!("Steam Guard・{period}秒ごと"),
    }
}

/// Accessible names of a row's buttons: "Pin GitHub (alice)", "Move GitHub (alice) up" …
pub fn row_action(lang: Lang, key: T, who: &str) -> String {
    match lang {
        Lang::En => format!("{} — {who}", t(lang, key)),
        Lang::Ja => format!("{who}: {}", t(lang, key)),
    }
}

/// "Copied the code for GitHub (alice).": the words before and after the account's name, so a view can put the name in its own bidi
/// isolate (`<bdi>`): nothing in a name can then reorder the sentence.
pub fn copied_around(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("Copied the code for ", "."),
        Lang::Ja => ("", " のコードをコピーしました。"),
    }
}

/// "3 of 1000 accounts".
pub fn shown_of(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{shown} of {total} account{}", if total == 1 { "" } else { "s" }),
        Lang::Ja => format!("{total}件中{shown}件"),
    }
}

/// The shared countdown above the list.
pub fn codes_change_in(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::En => format!("New codes in {secs} s"),
        Lang::Ja => format!("あと{secs}秒でコードが変わります"),
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

/// What an open edit form says when another tab changed the fields it shows while it was open.
pub fn changed_elsewhere(lang: Lang, fields: &[crate::vault::LabelField]) -> String {
    use crate::vault::LabelField;
    let names: Vec<&str> = fields
        .iter()
        .map(|f| match (lang, f) {
            (Lang::En, LabelField::Issuer) => "service name",
            (Lang::En, LabelField::Name) => "account name",
            (Lang::En, LabelField::Tags) => "tags",
            (Lang::Ja, LabelField::Issuer) => "サービス名",
            (Lang::Ja, LabelField::Name) => "アカウント名",
            (Lang::Ja, LabelField::Tags) => "タグ",
        })
        .collect();
    match lang {
        Lang::En => {
            let list = match names.as_slice() {
                [] => "details".to_owned(),
                [one] => (*one).to_owned(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            };
            let verb = if fields == [LabelField::Issuer] || fields == [LabelField::Name] { "was" } else { "were" };
            format!("This account's {list} {verb} changed in another tab. What you typed is kept; Save changes only the fields you edited here.")
        }
        Lang::Ja => {
            let list = match names.as_slice() {
                [] => "内容".to_owned(),
                [a, b] => format!("{a}と{b}"),
                many => many.join("・"),
            };
            format!("別のタブでこのアカウントの{list}が変更されました。入力した内容はそのままです。保存すると、ここで編集した項目だけが変わります。")
        }
    }
}

/// What an open edit form says when another tab deleted its account.
pub fn deleted_elsewhere(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "This account was deleted in another tab, so there is nothing to save this to. What you typed is still here: copy it if you need it, then close this form.",
        Lang::Ja => "このアカウントは別のタブで削除されました。保存先がないため、保存できません。入力した内容はここに残っています。必要ならコピーしてから閉じてください。",
    }
}

/// "5 minutes" / 「5分」 (a Japanese counter takes no space).
pub fn minutes(lang: Lang, m: u32) -> String {
    match lang {
        Lang::En => format!("{m} minutes"),
        Lang::Ja => format!("{m}分"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_labels_fall_back_to_what_is_there() {
        let paren = |i: &str, n: &str| format!("{i} ({n})");
        assert_eq!(account_label(Lang::En, "GitHub", "alice", paren), "GitHub (alice)");
        assert_eq!(account_label(Lang::En, "GitHub", "", paren), "GitHub");
        assert_eq!(account_label(Lang::En, "", "alice", paren), "alice");
        assert_eq!(account_label(Lang::Ja, "", "", paren), "（名前なし）");
        // Stored by an earlier version: drawn as it looks, never blank, nothing reordered.
        assert_eq!(account_label(Lang::En, "Evil\u{202E}", "a\u{200B}", paren), "Evil (a)");
        assert_eq!(account_label(Lang::En, "\u{200B}\u{200D}", "\u{3164}", paren), "(no name)");
    }

    #[test]
    fn code_settings_are_said_in_plain_words() {
        use crate::otp::{Algorithm, Kind, Params};
        let totp = Params { algorithm: Algorithm::Sha1, digits: 6, kind: Kind::Totp { period: 30 } };
        assert_eq!(code_settings(Lang::Ja, &totp), "6桁・30秒ごと");
        assert_eq!(code_settings(Lang::En, &totp), "6 digits, new every 30 s");
        let sha256 = Params { algorithm: Algorithm::Sha256, digits: 8, kind: Kind::Totp { period: 60 } };
        assert_eq!(code_settings(Lang::Ja, &sha256), "8桁・60秒ごと・SHA256");
        let hotp = Params { algorithm: Algorithm::Sha1, digits: 6, kind: Kind::Hotp { counter: 3 } };
        assert_eq!(code_settings(Lang::Ja, &hotp), "6桁・使うたびに新しいコード（カウンター3）");
        let steam = Params { algorithm: Algorithm::Sha1, digits: 5, kind: Kind::Steam { period: 30 } };
        assert_eq!(code_settings(Lang::En, &steam), "Steam Guard, new every 30 s");
        for p in [totp, sha256, hotp, steam] {
            assert!(!code_settings(Lang::Ja, &p).contains("TOTP") && !code_settings(Lang::Ja, &p).contains(" · "));
        }
    }

    #[test]
    fn the_edit_form_names_what_another_tab_changed() {
        use crate::vault::LabelField::{Issuer, Name, Tags};
        assert!(changed_elsewhere(Lang::En, &[Tags]).starts_with("This account's tags were changed in another tab."));
        assert!(changed_elsewhere(Lang::En, &[Name]).starts_with("This account's account name was changed in another tab."));
        assert!(changed_elsewhere(Lang::En, &[Issuer, Name, Tags]).starts_with("This account's service name, account name and tags were changed"));
        assert!(changed_elsewhere(Lang::Ja, &[Tags]).starts_with("別のタブでこのアカウントのタグが変更されました。"));
        assert!(changed_elsewhere(Lang::Ja, &[Issuer, Tags]).starts_with("別のタブでこのアカウントのサービス名とタグが変更されました。"));
        assert!(changed_elsewhere(Lang::Ja, &[Issuer, Name, Tags]).starts_with("別のタブでこのアカウントのサービス名・アカウント名・タグが"));
    }
}
