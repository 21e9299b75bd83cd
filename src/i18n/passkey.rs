//! Unlocking with a fingerprint or face (a passkey): the offer after the vault is created, the
//! lock screen that leads with it, and the settings' "on" line.

use super::Lang;

/// The offer's title, and the lock screen's passkey button.
pub fn passkey_offer_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Unlock with fingerprint or face",
        Lang::Ja => "指紋・顔認証でロック解除",
    }
}

/// What the offer gives, in one line.
pub fn passkey_offer_text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Next time, open your codes with one touch instead of typing the passphrase. The passphrase still works.",
        Lang::Ja => "次回から、パスフレーズを入力せずに指紋・顔認証（または端末のPIN）で開けます。パスフレーズも引き続き使えます。",
    }
}

/// The offer's button that makes the passkey.
pub fn passkey_offer_enroll(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Turn on",
        Lang::Ja => "オンにする",
    }
}

/// The offer's button that puts it away for good.
pub fn passkey_offer_later(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Later",
        Lang::Ja => "あとで",
    }
}

/// Said (to the live region) once the offer's passkey is made.
pub fn passkey_offer_done(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Unlock with fingerprint or face is on.",
        Lang::Ja => "指紋・顔認証でのロック解除をオンにしました。",
    }
}

/// The lock screen's line when the vault has a passkey: the passkey first, the passphrase second.
pub fn unlock_intro_passkey(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Unlock with your fingerprint or face, or enter your passphrase.",
        Lang::Ja => "指紋・顔認証でロックを解除するか、パスフレーズを入力してください。",
    }
}

/// The settings' state line once a passkey is enrolled.
pub fn passkey_on(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Unlock with fingerprint or face: on",
        Lang::Ja => "指紋・顔認証でのロック解除：オン",
    }
}

/// The settings' button once a passkey is enrolled: another device or browser profile.
pub fn add_another_passkey(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Add another passkey",
        Lang::Ja => "別のパスキーを追加",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_screen_names_the_passkey_before_the_passphrase() {
        for lang in [Lang::En, Lang::Ja] {
            let line = unlock_intro_passkey(lang);
            let (face, pass) = match lang {
                Lang::En => ("fingerprint", "passphrase"),
                Lang::Ja => ("指紋", "パスフレーズ"),
            };
            assert!(line.find(face) < line.find(pass), "{line}");
        }
        assert!(!unlock_intro_passkey(Lang::Ja).contains("コードを表示するには"));
    }
}
