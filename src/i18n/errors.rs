//! What is wrong with an account the user typed, pasted or scanned, and what to do about it:
//! refused secrets, fields and `otpauth://` links, and warnings on accepted ones.

use super::Lang;
use crate::account::{Field, FieldError, Warning, MAX_TAGS};
use crate::otp::{SecretError, SecretWarning};
use crate::uri::{UriError, MAX_URI_CHARS};

/// Message for a refused secret.
pub fn secret_error(lang: Lang, e: &SecretError) -> String {
    use SecretError as E;
    match (lang, e) {
        (Lang::En, E::Empty) => "The secret key is empty. Copy the key the site shows next to its QR code.".into(),
        (Lang::Ja, E::Empty) => "シークレットキーが空です。サイトのQRコードのそばに表示されるキーをコピーしてください。".into(),
        (Lang::En, E::InvalidCharacter { character, position }) => format!(
            "The secret key has “{character}” at character {position}, which a key cannot hold. Keys use only A–Z and 2–7: check for 0/O, 1/I or 8/B mix-ups."
        ),
        (Lang::Ja, E::InvalidCharacter { character, position }) => format!(
            "シークレットキーの{position}文字目「{character}」は使えない文字です。使える文字はA〜Zと2〜7だけです。0/O、1/I、8/B の取り違えがないか確認してください。"
        ),
        (Lang::En, E::MisplacedPadding { position }) => format!(
            "The secret key has “=” at character {position} before the end. “=” may only pad the end: remove it, or copy the key again."
        ),
        (Lang::Ja, E::MisplacedPadding { position }) => format!(
            "シークレットキーの{position}文字目に「=」があります。「=」は末尾にしか置けません。削除するか、キーをもう一度コピーしてください。"
        ),
        (Lang::En, E::BadLength { chars }) => format!(
            "The secret key has only {chars} character, too short to be a key: the rest was probably lost. Copy the whole key again."
        ),
        (Lang::Ja, E::BadLength { chars }) => format!(
            "シークレットキーが{chars}文字しかなく、キーとして短すぎます。残りが欠けている可能性があります。キー全体をもう一度コピーしてください。"
        ),
        (Lang::En, E::TooLong { chars }) => format!(
            "The secret key has {chars} characters, far longer than any real key. Paste only the key itself."
        ),
        (Lang::Ja, E::TooLong { chars }) => format!(
            "シークレットキーが{chars}文字あり、実際のキーより長すぎます。キーだけを貼り付けてください。"
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
            "The algorithm “{given}” is not supported. Use SHA1, SHA224, SHA256, SHA384 or SHA512 (most sites use SHA1)."
        ),
        (Lang::Ja, E::UnsupportedAlgorithm { given }) => format!(
            "アルゴリズム「{given}」には対応していません。SHA1・SHA224・SHA256・SHA384・SHA512 のいずれかを指定してください（多くのサイトは SHA1 です）。"
        ),
        (Lang::En, E::DigitsOutOfRange { given }) => format!(
            "“{given}” digits is not possible: codes have 6 to 10 digits (usually 6). Check the number of digits the site asks for."
        ),
        (Lang::Ja, E::DigitsOutOfRange { given }) => format!(
            "桁数「{given}」は使えません。コードは6〜10桁です（通常は6桁）。サイトが求める桁数を確認してください。"
        ),
        (Lang::En, E::BadPeriod { given }) => format!(
            "The period “{given}” is not possible: it must be a whole number of seconds, 1 or more (usually 30)."
        ),
        (Lang::Ja, E::BadPeriod { given }) => format!(
            "更新間隔「{given}」は使えません。1以上の整数の秒数で指定してください（通常は30）。"
        ),
        (Lang::En, E::BadCounter { given }) => format!(
            "The counter “{given}” is not a whole number of 0 or more. Enter the counter the site gave, or 0."
        ),
        (Lang::Ja, E::BadCounter { given }) => format!(
            "カウンター「{given}」は0以上の整数ではありません。サイトが示した値か0を入力してください。"
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
            format!("{what}が長すぎます（{len}文字。最大{max}文字で、絵文字は2文字と数えます）。短くしてください。")
        }
        (Lang::En, E::Invisible { field }) => match field {
            Field::Issuer => "The service name has no visible character (only invisible or blank ones), so the list would show nothing. Type a name you can read, or leave the field empty.",
            Field::Name => "The account name has no visible character (only invisible or blank ones), so the list would show nothing. Type a name you can read, or leave the field empty.",
            Field::Tag => "A tag has no visible character (only invisible or blank ones). Type a tag you can read, or remove it.",
        }
        .into(),
        (Lang::Ja, E::Invisible { field }) => match field {
            Field::Issuer => "サービス名に見える文字がありません（見えない文字や空白だけです）。このままでは一覧に何も表示されません。読める名前を入力するか、欄を空にしてください。",
            Field::Name => "アカウント名に見える文字がありません（見えない文字や空白だけです）。このままでは一覧に何も表示されません。読める名前を入力するか、欄を空にしてください。",
            Field::Tag => "見える文字のないタグがあります（見えない文字や空白だけです）。読めるタグを入力するか、削除してください。",
        }
        .into(),
        (Lang::En, E::TooManyTags { count }) => format!("{count} tags are too many: at most {MAX_TAGS}. Remove some."),
        (Lang::Ja, E::TooManyTags { count }) => format!("タグが多すぎます（{count}個。最大{MAX_TAGS}個）。減らしてください。"),
        (Lang::En, E::NotStorable) => "This account cannot be saved as it is. Check the service and account names for unusual characters.".into(),
        (Lang::Ja, E::NotStorable) => "このアカウントはこのままでは保存できません。サービス名とアカウント名に特殊な文字がないか確認してください。".into(),
        (_, E::TooManyAccounts { here, adding }) => super::limits::vault_full(lang, *here, *adding),
    }
}

/// Message for a refused URI.
pub fn uri_error(lang: Lang, e: &UriError) -> String {
    use UriError as E;
    match (lang, e) {
        (_, E::Field(f)) => field_error(lang, f),
        (Lang::En, E::NotOtpauth { looks_like_secret: true }) => "This looks like a setup key, not a link. Choose “Enter a setup key” and paste it into the Setup key field.".into(),
        (Lang::Ja, E::NotOtpauth { looks_like_secret: true }) => "これはリンクではなく、セットアップキーのようです。「セットアップキーを入力」を選び、セットアップキー欄に貼り付けてください。".into(),
        (Lang::En, E::NotOtpauth { .. }) => "This is not a link from an authenticator QR code. Scan the site's QR code, or type the key the site shows.".into(),
        (Lang::Ja, E::NotOtpauth { .. }) => "認証アプリ用のQRコードのリンクではありません。サイトのQRコードを読み取るか、サイトに表示されるキーを入力してください。".into(),
        (Lang::En, E::Migration) => "This is a Google Authenticator export link holding several accounts. It cannot be added here: use the import from other apps instead.".into(),
        (Lang::Ja, E::Migration) => "これは複数のアカウントを含む Google Authenticator のエクスポート用リンクです。ここでは追加できません。ほかのアプリからのインポートを使ってください。".into(),
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
            "リンクの{position}文字目の「%」が壊れています（% の後には16進数2桁が必要です）。リンクをもう一度コピーしてください。"
        ),
        (Lang::En, E::NotUtf8) => "The link's escaped text is not valid UTF-8. Copy the link again from the site.".into(),
        (Lang::Ja, E::NotUtf8) => "リンクのエスケープされた文字列が正しい UTF-8 ではありません。サイトからもう一度コピーしてください。".into(),
        (Lang::En, E::TooLong { chars }) => format!(
            "This text has {chars} characters; a link is at most {MAX_URI_CHARS}. Paste only the link."
        ),
        (Lang::Ja, E::TooLong { chars }) => format!(
            "{chars}文字あります。リンクは最大{MAX_URI_CHARS}文字です。リンクだけを貼り付けてください。"
        ),
        (Lang::En, E::MissingCounter) => "This hotp link has no counter. Copy the whole link again, or choose “Enter a setup key” and give the counter the site shows under Advanced.".into(),
        (Lang::Ja, E::MissingCounter) => "この hotp リンクにはカウンターがありません。リンク全体をもう一度コピーするか、「セットアップキーを入力」を選び、詳細設定でサイトが示すカウンターを指定してください。".into(),
    }
}

/// Message for a warning on an accepted account, or `None` when it is not worth a person's
/// attention: an 80-bit key (16 characters) is what many sites issue, and nothing can be done
/// about it here, so only a key shorter than that (likely cut short when copied) is mentioned.
/// The core still reports every short key.
pub fn warning(lang: Lang, w: &Warning) -> Option<String> {
    Some(match (lang, w) {
        (_, Warning::Secret(SecretWarning::Short { bits })) if *bits >= ORDINARY_KEY_BITS => return None,
        (Lang::En, Warning::Secret(SecretWarning::Short { bits })) => format!(
            "This key is shorter than usual ({} characters). If the site refuses its codes, check that the whole key was copied.",
            bits.div_ceil(5)
        ),
        (Lang::Ja, Warning::Secret(SecretWarning::Short { bits })) => format!(
            "このキーは通常より短いです（{}文字）。サイトでコードが無効になる場合は、キー全体がコピーされているか確認してください。",
            bits.div_ceil(5)
        ),
        (Lang::En, Warning::Secret(SecretWarning::OddLength { chars })) => format!(
            "This key has {chars} characters, a length sites do not give: a character may have been lost or added when copying. It is read as Google Authenticator reads it; if the site refuses its codes, copy the whole key again."
        ),
        (Lang::Ja, Warning::Secret(SecretWarning::OddLength { chars })) => format!(
            "このキーは{chars}文字で、サイトが発行しない長さです。コピーの際に文字が欠けたか増えた可能性があります。Google Authenticator と同じ方法で読み取りました。サイトでコードが無効になる場合は、キー全体をもう一度コピーしてください。"
        ),
        (Lang::En, Warning::IssuerMismatch { label, parameter }) => format!(
            "The link names two services, “{label}” and “{parameter}”. Using “{parameter}”; rename it if that is wrong."
        ),
        (Lang::Ja, Warning::IssuerMismatch { label, parameter }) => format!(
            "リンクにサービス名が2つ書かれています。「{label}」と「{parameter}」のうち「{parameter}」を使います。違う場合は名前を変えてください。"
        ),
    })
}

/// Keys of this many bits (16 Base32 characters) or more are ordinary: no warning is shown.
const ORDINARY_KEY_BITS: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_bad_character_in_both_languages() {
        let e = UriError::Field(FieldError::Secret(SecretError::InvalidCharacter { character: '1', position: 11 }));
        assert!(uri_error(Lang::En, &e).contains("“1” at character 11"));
        assert!(uri_error(Lang::Ja, &e).contains("11文字目「1」"));
    }

    #[test]
    fn an_ordinary_16_character_key_gets_no_warning() {
        let short = |bits| Warning::Secret(SecretWarning::Short { bits });
        assert_eq!(warning(Lang::Ja, &short(80)), None);
        assert_eq!(warning(Lang::En, &short(120)), None);
        assert!(warning(Lang::En, &short(56)).is_some_and(|w| w.contains("12 characters")));
        assert!(warning(Lang::Ja, &short(64)).is_some_and(|w| w.contains("13文字")));
    }

    #[test]
    fn a_key_of_odd_length_is_a_warning_that_names_its_length() {
        let odd = Warning::Secret(SecretWarning::OddLength { chars: 17 });
        assert!(warning(Lang::En, &odd).is_some_and(|w| w.contains("17 characters") && w.contains("copy the whole key again")));
        assert!(warning(Lang::Ja, &odd).is_some_and(|w| w.contains("17文字")));
    }
}
