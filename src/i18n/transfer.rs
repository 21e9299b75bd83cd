//! Moving accounts in and out: import errors and previews, why an entry was left out, the
//! questions about accounts already here, export QR codes.

use super::errors::{field_error, uri_error};
use super::Lang;

/// A file or payload refused as a whole.
pub fn import_error(lang: Lang, e: &crate::import::ImportError) -> String {
    use crate::import::ImportError as E;
    match (lang, e) {
        (_, E::TooManyAccounts { found }) => super::limits::file_too_many(lang, *found),
        (_, E::NeedsRoute(app)) => known_app_route(lang, *app),
        (Lang::En, E::NotRecognised) => "This is not a format this app can import. Supported: Aegis, 2FAS, Ente Auth, andOTP, Proton Authenticator, Stratum (Authenticator Pro), Bitwarden JSON or CSV, Proton Pass ZIP, FreeOTP+ / FreeOTP, LastPass, TOTP Authenticator, Authenticator Plus, Steam, Authy, Battle.net, Duo, otpauth:// lists (WinAuth and others) and Google Authenticator export codes.".into(),
        (Lang::Ja, E::NotRecognised) => "このアプリでインポートできない形式です。対応形式: Aegis、2FAS、Ente Auth、andOTP、Proton Authenticator、Stratum（Authenticator Pro）、Bitwarden の JSON・CSV、Proton Pass の ZIP、FreeOTP+・FreeOTP、LastPass、TOTP Authenticator、Authenticator Plus、Steam、Authy、Battle.net、Duo、otpauth:// の一覧（WinAuth など）、Google Authenticator のエクスポートコード。".into(),
        (Lang::En, E::TooLarge) => "This file is too large to be an authenticator export (over 8 MB).".into(),
        (Lang::Ja, E::TooLarge) => "認証アプリのエクスポートとしては大きすぎるファイルです（8 MB 超）。".into(),
        (Lang::En, E::NeedsPassword) => "This file is encrypted: enter the password set when it was exported, then press Read again.".into(),
        (Lang::Ja, E::NeedsPassword) => "このファイルは暗号化されています。エクスポート時に設定したパスワードを入力して、もう一度「読み込む」を押してください。".into(),
        (Lang::En, E::WrongPassword) => "The password is not right for this file. Nothing was imported. Check it (and Caps Lock) and try again.".into(),
        (Lang::Ja, E::WrongPassword) => "このファイルのパスワードが違います。何もインポートしていません。パスワードを確認して（Caps Lock もご確認ください）、もう一度お試しください。".into(),
        (Lang::En, E::Malformed(what)) => format!("The file is damaged or incomplete ({what}). Nothing was imported. Export it again from the other app."),
        (Lang::Ja, E::Malformed(what)) => format!("ファイルが壊れているか不完全です（{what}）。何もインポートしていません。元のアプリからもう一度エクスポートしてください。"),
        (Lang::En, E::UnsupportedVersion(v)) => format!("This file's format version ({v}) is not supported yet. Nothing was imported."),
        (Lang::Ja, E::UnsupportedVersion(v)) => format!("このファイルの形式バージョン（{v}）にはまだ対応していません。何もインポートしていません。"),
        (Lang::En, E::Empty) => "The file holds no accounts.".into(),
        (Lang::Ja, E::Empty) => "ファイルにアカウントがありません。".into(),
        (Lang::En, E::EncryptedUnsupported) => "This export is encrypted in a way this app cannot open. Export it again without encryption (JSON), import it, then delete that file.".into(),
        (Lang::Ja, E::EncryptedUnsupported) => "このエクスポートはこのアプリでは開けない方式で暗号化されています。暗号化なし（JSON）で再度エクスポートしてインポートし、そのファイルは削除してください。".into(),
        (Lang::En, E::KdfTooCostly { n, r, p }) => {
            let mut over = Vec::new();
            let memory = crate::import::aegis::memory_of(*n, *r, *p);
            if memory > MAX_SCRYPT_BYTES {
                over.push(format!("{} of memory, more than the {} this app allows", memory_text(memory), memory_text(MAX_SCRYPT_BYTES)));
            }
            if *p > MAX_SCRYPT_P {
                over.push(format!("the work {p} times over (p), more than the {MAX_SCRYPT_P} times this app allows"));
            }
            if over.is_empty() {
                over.push(format!("a block size r over {MAX_SCRYPT_R}, more than this app allows"));
            }
            format!(
                "This file's password protection asks for scrypt N={n}, r={r}, p={p}: {}. It was not opened, so the browser cannot freeze. Nothing was imported; export it again from Aegis with its default settings.",
                over.join(", and ")
            )
        }
        (Lang::Ja, E::KdfTooCostly { n, r, p }) => {
            let mut over = Vec::new();
            let memory = crate::import::aegis::memory_of(*n, *r, *p);
            if memory > MAX_SCRYPT_BYTES {
                over.push(format!("メモリ {}（このアプリの上限 {} を超えています）", memory_text(memory), memory_text(MAX_SCRYPT_BYTES)));
            }
            if *p > MAX_SCRYPT_P {
                over.push(format!("同じ処理の{p}回の繰り返し（p。このアプリの上限は{MAX_SCRYPT_P}回）"));
            }
            if over.is_empty() {
                over.push(format!("ブロックサイズ r が{MAX_SCRYPT_R}超（このアプリの上限を超えています）"));
            }
            format!(
                "このファイルのパスワード保護は scrypt N={n}、r={r}、p={p} で、{}を必要とします。ブラウザが固まらないよう開きませんでした。何もインポートしていません。Aegis の標準設定でもう一度エクスポートしてください。",
                over.join("と、")
            )
        }
        (Lang::En, E::KdfInvalid { n, r, p }) => format!(
            "This file's password protection asks for scrypt N={n}, r={r}, p={p}, which are not valid scrypt parameters: {}. Aegis can neither make nor open a file with them, so this file is damaged or was not made by Aegis. Nothing was imported; export it again from Aegis.",
            invalid_rule(Lang::En, *n, *r, *p)
        ),
        (Lang::Ja, E::KdfInvalid { n, r, p }) => format!(
            "このファイルのパスワード保護は scrypt N={n}、r={r}、p={p} を指定していますが、これは scrypt の有効なパラメータではありません（{}）。Aegis はこの値のファイルを作ることも開くこともできないため、このファイルは壊れているか Aegis で作られたものではありません。何もインポートしていません。Aegis からもう一度エクスポートしてください。",
            invalid_rule(Lang::Ja, *n, *r, *p)
        ),
        (_, E::Argon2TooCostly { memory_kib, iterations, parallelism }) => super::transfer_kdf::argon2_too_costly(lang, *memory_kib, *iterations, *parallelism),
        (_, E::Pbkdf2TooCostly { iterations }) => super::transfer_kdf::pbkdf2_too_costly(lang, *iterations),
        (_, E::UnknownBinary { password_tried }) => super::transfer_kdf::unknown_binary(lang, *password_tried),
    }
}

use crate::import::aegis::{MAX_SCRYPT_BYTES, MAX_SCRYPT_P, MAX_SCRYPT_R};

/// Bytes as MiB, with the KiB beyond a whole MiB rounded up, so an amount over a cap never reads
/// as the cap itself ("256 MiB + 1 KiB").
fn memory_text(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    match (bytes / MIB, (bytes % MIB).div_ceil(1024)) {
        (m, 0) => format!("{m} MiB"),
        (0, k) => format!("{k} KiB"),
        (m, k) => format!("{m} MiB + {k} KiB"),
    }
}

/// Which rule of scrypt (RFC 7914) the parameters break.
fn invalid_rule(lang: Lang, n: u64, r: u32, p: u32) -> String {
    let power = n >= 2 && n.is_power_of_two();
    match (lang, crate::import::aegis::max_scrypt_n(r)) {
        (Lang::En, _) if !power => "N must be a power of 2, at least 2".into(),
        (Lang::Ja, _) if !power => "N は2以上の2のべき乗でなければなりません".into(),
        (Lang::En, _) if r == 0 || p == 0 => "r and p must be at least 1".into(),
        (Lang::Ja, _) if r == 0 || p == 0 => "r と p は1以上でなければなりません".into(),
        (Lang::En, Some(max)) if n > max => format!("with r={r}, N can be at most {max} (RFC 7914)"),
        (Lang::Ja, Some(max)) if n > max => format!("r={r} のとき N は最大 {max} です（RFC 7914）"),
        (Lang::En, _) => "r × p must be below 2^30 (RFC 7914)".into(),
        (Lang::Ja, _) => "r × p は 2^30 未満でなければなりません（RFC 7914）".into(),
    }
}

/// Why one entry was left out.
pub fn skip_reason(lang: Lang, r: &crate::import::SkipReason) -> String {
    use crate::import::SkipReason as R;
    match (lang, r) {
        (_, R::Field(e)) => field_error(lang, e),
        (_, R::Uri(e)) => uri_error(lang, e),
        (Lang::En, R::UnsupportedKind(k)) => format!("{k} codes are not supported."),
        (Lang::Ja, R::UnsupportedKind(k)) => format!("{k} 形式のコードには対応していません。"),
        (Lang::En, R::Unreadable) => "This entry could not be read: it is damaged or of a shape this app does not know. Add it by hand with its setup key (shown in the other app, or by the site).".into(),
        (Lang::Ja, R::Unreadable) => "この項目は壊れているか未知の形式のため、読み取れませんでした。セットアップキー（元のアプリかサイトで確認できます）を入力して追加してください。".into(),
    }
}

/// The name of an import format.
pub fn format_name(f: crate::import::Format) -> &'static str {
    use crate::import::Format as F;
    match f {
        F::GoogleMigration => "Google Authenticator",
        F::Aegis | F::AegisEncrypted => "Aegis",
        F::TwoFas | F::TwoFasEncrypted => "2FAS",
        F::Bitwarden => "Bitwarden",
        F::AndOtp => "andOTP",
        F::UriList => "otpauth://",
        F::ProtonAuthenticator => "Proton Authenticator",
        F::FreeOtpPlus => "FreeOTP+",
        F::FreeOtpXml => "FreeOTP",
        F::Stratum => "Stratum (Authenticator Pro)",
        F::LastPass => "LastPass Authenticator",
        F::BitwardenCsv => "Bitwarden",
        F::Steam => "Steam",
        F::Authy => "Authy",
        F::BattleNet => "Battle.net",
        F::Duo => "Duo Mobile",
        F::ProtonPass => "Proton Pass",
        F::AuthenticatorPlus => "Authenticator Plus",
        F::EnteEncrypted => "Ente Auth",
        F::AndOtpEncrypted => "andOTP",
        F::ProtonEncrypted => "Proton Authenticator",
        F::StratumEncrypted => "Stratum (Authenticator Pro)",
        F::TotpAuthenticator => "TOTP Authenticator",
        F::FreeOtp2 => "FreeOTP",
    }
}

/// A file this app knows but cannot read: what it is, and the route that works.
pub fn known_app_route(lang: Lang, app: crate::import::KnownApp) -> String {
    use crate::import::KnownApp as A;
    const ADD_AGAIN_EN: &str = "Add each account again: sign in to each site, open its security settings, set up an authenticator app and scan the QR code it shows here. Keep each site's backup codes here too.";
    const ADD_AGAIN_JA: &str = "サイトごとにログインし、セキュリティ設定で認証アプリを設定し直して、表示されたQRコードをここで読み取ってください。各サイトのバックアップコードも、ここに保存しておきましょう。";
    match (lang, app) {
        (Lang::En, A::GoogleAuthenticatorDb) => "This file is Google Authenticator's database. In Google Authenticator, open ≡ → Transfer accounts → Export, and scan the QR codes it shows here.".into(),
        (Lang::Ja, A::GoogleAuthenticatorDb) => "このファイルは Google Authenticator のデータベースです。Google Authenticator で ≡ → アカウントを移行 → エクスポート を開き、表示されたQRコードをここで読み取ってください。".into(),
        (Lang::En, A::MicrosoftAuthenticatorDb) => format!("This file is Microsoft Authenticator's database, which cannot be read here, and Microsoft Authenticator has no export. {ADD_AGAIN_EN}"),
        (Lang::Ja, A::MicrosoftAuthenticatorDb) => format!("このファイルは Microsoft Authenticator のデータベースで、ここでは読み込めません。Microsoft Authenticator にはエクスポート機能がありません。{ADD_AGAIN_JA}"),
        (Lang::En, A::AppDatabase) => "This file is an app's internal database, not an export. Open that app, export your accounts (an unencrypted file, or QR codes) and bring that here.".into(),
        (Lang::Ja, A::AppDatabase) => "このファイルはアプリ内部のデータベースで、エクスポートファイルではありません。そのアプリでアカウントをエクスポート（暗号化なしのファイル、またはQRコード）して、それをここで読み込んでください。".into(),
        (Lang::En, A::ProtonPassEncrypted) => "This is Proton Pass's encrypted export (PGP), which cannot be opened here. In Proton Pass, export again without encryption (ZIP), import that file here, then delete it.".into(),
        (Lang::Ja, A::ProtonPassEncrypted) => "これは Proton Pass の暗号化されたエクスポート（PGP）で、ここでは開けません。Proton Pass で暗号化なし（ZIP）でもう一度エクスポートしてここで読み込み、そのファイルは削除してください。".into(),
        (Lang::En, A::FreeOtp2Backup) => "This looks like a FreeOTP backup file (externalBackup.xml) of a kind this app cannot read. Import it into Aegis (Android), export from Aegis without encryption, import that file here, then delete it.".into(),
        (Lang::Ja, A::FreeOtp2Backup) => "FreeOTP のバックアップファイル（externalBackup.xml）のようですが、このアプリでは読み込めない形式です。Aegis（Android）に取り込んでから暗号化なしでエクスポートし、そのファイルをここで読み込んで、削除してください。".into(),
        (Lang::En, A::AuthyEncrypted) => format!("This is Authy's data with its keys still encrypted, and Authy has no export. {ADD_AGAIN_EN}"),
        (Lang::Ja, A::AuthyEncrypted) => format!("これは鍵が暗号化されたままの Authy のデータで、Authy にはエクスポート機能がありません。{ADD_AGAIN_JA}"),
    }
}

/// "Batch 2 of 3 read. Scan the next code."
pub fn batch_progress(lang: Lang, read: usize, total: usize) -> String {
    match lang {
        Lang::En if read < total => format!("QR code {read} of {total} read. Scan the next one Google Authenticator shows."),
        Lang::En if total == 1 => "QR code read.".to_owned(),
        Lang::En => format!("All {total} QR codes read."),
        Lang::Ja if read < total => format!("{total}個中{read}個目のQRコードを読み取りました。Google Authenticator に表示される次のQRコードを読み取ってください。"),
        Lang::Ja if total == 1 => "QRコードを読み取りました。".to_owned(),
        Lang::Ja => format!("{total}個のQRコードをすべて読み取りました。"),
    }
}

/// "From Aegis: 5 accounts."
pub fn import_found(lang: Lang, format: &str, n: usize, skipped: usize) -> String {
    match lang {
        Lang::En => format!("From {format}: {n} account{}{}.", if n == 1 { "" } else { "s" }, if skipped > 0 { format!(", {skipped} left out (see below)") } else { String::new() }),
        Lang::Ja => format!("{format} から{n}件のアカウントが見つかりました{}。", if skipped > 0 { format!("（{skipped}件は追加できません。下記参照）") } else { String::new() }),
    }
}

/// After adding: "Added 3 accounts, replaced 1 old secret key; 2 were already here." Only the
/// counts that are not zero are said.
pub fn import_done(lang: Lang, added: usize, replaced: usize, same: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    match lang {
        Lang::En => {
            let mut done = Vec::new();
            if added > 0 {
                done.push(format!("added {added} account{}", s(added)));
            }
            if replaced > 0 {
                done.push(format!("replaced {replaced} old secret key{}", s(replaced)));
            }
            let mut text = done.join(", ");
            if same > 0 {
                let were = if same == 1 { "was" } else { "were" };
                text = if text.is_empty() { format!("{same} {were} already here") } else { format!("{text}; {same} {were} already here") };
            }
            if text.is_empty() {
                return "Nothing was added.".into();
            }
            let mut c = text.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>() + ".").unwrap_or_default()
        }
        Lang::Ja => {
            let mut text = match (added, replaced) {
                (0, 0) => String::new(),
                (a, 0) => format!("{a}件を追加しました。"),
                (0, r) => format!("{r}件の古いシークレットキーを置き換えました。"),
                (a, r) => format!("{a}件を追加し、{r}件の古いシークレットキーを置き換えました。"),
            };
            if same > 0 {
                text.push_str(&format!("{same}件は登録済みでした。"));
            }
            if text.is_empty() {
                "追加したアカウントはありません。".into()
            } else {
                text
            }
        }
    }
}

/// The add dialog's question for a re-issued secret.
pub fn same_label_question(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("{who} is already here with a different secret key. If you just scanned the site's QR code again, the old key now makes invalid codes: replace it. Keep both only if these are two different logins."),
        Lang::Ja => format!("{who} は別のシークレットキーで登録済みです。サイトのQRコードを読み直したばかりなら、古いキーのコードはサイトで無効になるので、置き換えてください。別々のアカウントとしてログインしている場合だけ、両方残してください。"),
    }
}

/// The same secret is here with other settings (a file that does not store them, or a typo).
pub fn same_secret_question(lang: Lang, who: &str, here: &str, incoming: &str) -> String {
    match lang {
        Lang::En => format!("{who} is already here with the same secret key but other settings: here {here}; new {incoming}. If the codes here work, keep them. Use the new settings only if the site asks for them."),
        Lang::Ja => format!("{who} は同じシークレットキーで登録済みですが、設定が異なります（登録済み: {here}／新しい方: {incoming}）。今のコードが使えているならそのままにしてください。サイトが新しい設定を求める場合だけ切り替えてください。"),
    }
}

/// "same secret, other settings: here …; in the file …" — one line of an import preview.
pub fn same_secret_preview(lang: Lang, here: &str, incoming: &str) -> String {
    match lang {
        Lang::En => format!("same secret key, other settings: here {here}; in the file {incoming}"),
        Lang::Ja => format!("同じシークレットキーで設定が異なる（登録済み: {here}／ファイル: {incoming}）"),
    }
}

/// The choice for accounts with the same secret and other settings.
pub fn same_secret_choice(lang: Lang, take: bool) -> &'static str {
    match (lang, take) {
        (Lang::En, false) => "Keep the settings here (recommended)",
        (Lang::Ja, false) => "登録済みの設定のままにする（おすすめ）",
        (Lang::En, true) => "Use the file's settings",
        (Lang::Ja, true) => "ファイルの設定に切り替える",
    }
}

/// A file refused from its size, before reading.
pub fn file_too_large(lang: Lang, bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    let max = crate::import::MAX_IMPORT_BYTES / (1024 * 1024);
    match lang {
        Lang::En => format!("This file is {mb:.1} MB; at most {max} MB can be read. Choose the export or backup file itself."),
        Lang::Ja => format!("このファイルは {mb:.1} MB です。読み込めるのは {max} MB までです。エクスポートしたファイルかバックアップファイルそのものを選んでください。"),
    }
}

/// Accounts the Google format cannot carry.
pub fn not_exportable(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} account{} cannot go into these codes (Steam, a period other than 30 s, or other than 6 or 8 digits): move {} with its own QR code.", if n == 1 { "" } else { "s" }, if n == 1 { "it" } else { "them" }),
        Lang::Ja => format!("{n}件のアカウントはこの形式に入れられません（Steam、更新間隔が30秒以外、6桁・8桁以外）。1件ずつQRコードで移してください。"),
    }
}

/// "Code 1 of 3".
pub fn qr_of(lang: Lang, i: usize, n: usize) -> String {
    match lang {
        Lang::En => format!("Code {i} of {n}"),
        Lang::Ja => format!("{n}個中{i}個目"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_counts_that_are_not_zero_are_said() {
        assert_eq!(import_done(Lang::En, 3, 0, 0), "Added 3 accounts.");
        assert_eq!(import_done(Lang::En, 1, 1, 2), "Added 1 account, replaced 1 old secret key; 2 were already here.");
        assert_eq!(import_done(Lang::En, 0, 0, 1), "1 was already here.");
        assert_eq!(import_done(Lang::Ja, 3, 0, 0), "3件を追加しました。");
        assert_eq!(import_done(Lang::Ja, 2, 1, 1), "2件を追加し、1件の古いシークレットキーを置き換えました。1件は登録済みでした。");
        assert_eq!(import_done(Lang::Ja, 0, 0, 0), "追加したアカウントはありません。");
        assert!(!import_done(Lang::Ja, 5, 0, 0).contains('0'));
    }
}
