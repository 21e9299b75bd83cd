//! The formats added for issue 22, read from files shaped as the apps write them: Proton
//! Authenticator, FreeOTP+ (JSON) and FreeOTP (tokens.xml), Stratum / Authenticator Pro, LastPass
//! Authenticator, Bitwarden CSV, Steam (.maFile and the Steam app's file), Authy, Battle.net and
//! Duo files from a phone, Proton Pass's ZIP; and the files recognised only to give the route that
//! works (Google and Microsoft Authenticator databases, Proton Pass's PGP export, FreeOTP 2's
//! backup, Authy with its keys encrypted).
//!
//! The files and every expected value (names, key bytes, codes at fixed times, entries left out
//! and why) come from `tests/fixtures/apps2/make.py`: keys written in each format's own encoding,
//! codes from Python's `hmac`. Nothing here is derived from this project's code generator.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::world::{check, text};
use authenticator::account::FieldError;
use authenticator::import::{self, Format, ImportError, KnownApp, SkipReason};
use serde_json::Value;

fn read(file: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/apps2/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn expected() -> Value {
    serde_json::from_slice(&read("expected.json")).expect("expected.json")
}

/// Whether a reason is the one the script names.
fn reason_is(got: &SkipReason, why: &str, given: &str) -> bool {
    match why {
        "secret" => matches!(got, SkipReason::Field(FieldError::Secret(_))),
        "missing secret" => *got == SkipReason::Field(FieldError::MissingSecret),
        "uri" => matches!(got, SkipReason::Uri(_)),
        "kind" => *got == SkipReason::UnsupportedKind(given.to_owned()),
        "unreadable" => *got == SkipReason::Unreadable,
        other => panic!("why {other}"),
    }
}

/// Reads `file`, checks its format, every account and every entry left out.
fn import_file(file: &str, format: Format) -> (usize, usize) {
    import_file_with(file, format, None)
}

/// [`import_file`] with a password.
fn import_file_with(file: &str, format: Format, password: Option<&str>) -> (usize, usize) {
    let want = expected();
    let w = &want["files"][file];
    let got = import::import(&read(file), password).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(got.format, format, "{file}: format");
    let accounts = w["accounts"].as_array().expect("accounts");
    assert_eq!(got.accounts.len(), accounts.len(), "{file}: accounts in ({:?})", got.accounts.iter().map(|a| (&a.issuer, &a.name)).collect::<Vec<_>>());
    for (i, (g, a)) in got.accounts.iter().zip(accounts).enumerate() {
        check(g, a, &want["times"], &format!("{file} #{i}"));
    }
    let skipped = w["skipped"].as_array().expect("skipped");
    assert_eq!(got.skipped.len(), skipped.len(), "{file}: left out {:?}", got.skipped);
    for (g, s) in got.skipped.iter().zip(skipped) {
        assert_eq!((g.issuer.as_str(), g.name.as_str()), (text(&s["issuer"]), text(&s["name"])), "{file}: skipped names");
        let given = s.get("given").map(text).unwrap_or_default();
        assert!(reason_is(&g.reason, text(&s["why"]), given), "{file}: {}:{} left out for {:?}, expected {}", g.issuer, g.name, g.reason, s["why"]);
    }
    // The reading in steps says the same count it read.
    let reading = import::Reading::start(&read(file), password, &[]).expect("start");
    assert_eq!(reading.total(), accounts.len() + skipped.len(), "{file}: total");
    (accounts.len(), skipped.len())
}

#[test]
fn proton_authenticator_export() {
    // Renamed entries, issuer only, no `name`, Steam (steam:// and an otpauth link), SHA-256/8
    // digits/60 s, a broken key.
    assert_eq!(import_file("proton-authenticator.json", Format::ProtonAuthenticator), (7, 1));
}

#[test]
fn freeotp_plus_json_export() {
    // Signed-byte keys of 10, 16 and 20 bytes, HOTP, Steam by issuer, fields missing, a label
    // "Issuer:account", an empty key and a key byte out of range.
    assert_eq!(import_file("freeotp-plus.json", Format::FreeOtpPlus), (6, 2));
}

#[test]
fn freeotp_tokens_xml() {
    assert_eq!(import_file("freeotp-tokens.xml", Format::FreeOtpXml), (6, 2));
}

#[test]
fn stratum_plain_backup() {
    // TOTP with each algorithm code, a null user name, HOTP, Steam; mOTP and Yandex skipped by
    // name; a broken key.
    assert_eq!(import_file("stratum-backup.json", Format::Stratum), (5, 3));
}

#[test]
fn lastpass_export() {
    // Renamed, emptied display names (originals used), lower-case key, SHA-256, a label in the
    // user name, a broken key.
    assert_eq!(import_file("lastpass.json", Format::LastPass), (5, 1));
}

#[test]
fn bitwarden_csv_export() {
    // Links, a nameless link named by the item, steam://, a bare spaced lower-case key, quoted
    // fields with commas and line breaks, rows without TOTP passed over, a broken link.
    assert_eq!(import_file("bitwarden.csv", Format::BitwardenCsv), (5, 1));
}

#[test]
fn steam_desktop_authenticator_mafile() {
    assert_eq!(import_file("sda.maFile", Format::Steam), (1, 0));
}

#[test]
fn steam_app_file_with_several_accounts() {
    assert_eq!(import_file("steam-app.json", Format::Steam), (2, 1));
}

#[test]
fn authy_shared_preferences() {
    // Names from originalIssuer, originalName's prefix, "Issuer - name", the account type.
    assert_eq!(import_file("com.authy.storage.tokens.authenticator.xml", Format::Authy), (4, 1));
}

#[test]
fn battle_net_shared_preferences() {
    assert_eq!(import_file("com.blizzard.messenger.authenticator_preferences.xml", Format::BattleNet), (1, 0));
}

#[test]
fn duo_accounts_json() {
    assert_eq!(import_file("duo-accounts.json", Format::Duo), (2, 1));
}

#[test]
fn proton_pass_zip_export() {
    // Link, bare key named by the item, a second TOTP in an extra field, items without TOTP
    // passed over, a broken link.
    assert_eq!(import_file("proton-pass.zip", Format::ProtonPass), (4, 1));
}

/// The `data.json` taken out of the ZIP reads the same.
#[test]
fn proton_pass_data_json_alone() {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(read("proton-pass.zip"))).expect("zip");
    let mut json = String::new();
    archive.by_name("Proton Pass/data.json").expect("entry").read_to_string(&mut json).expect("read");
    let from_zip = import::import(&read("proton-pass.zip"), None).expect("zip");
    let from_json = import::import(json.as_bytes(), None).expect("json");
    assert_eq!((from_json.format, &from_json.accounts, &from_json.skipped), (Format::ProtonPass, &from_zip.accounts, &from_zip.skipped));
    // Marked encrypted: the route, not an attempt.
    let encrypted = json.replacen("\"encrypted\": false", "\"encrypted\": true", 1);
    assert_eq!(import::import(encrypted.as_bytes(), None).err(), Some(ImportError::NeedsRoute(KnownApp::ProtonPassEncrypted)));
}

/// Files that cannot be read are named, each with the route that works, in both languages.
#[test]
fn files_that_cannot_be_read_are_recognised_with_their_route() {
    use authenticator::i18n::{import_error, Lang};
    let cases = [
        ("google-authenticator.sqlite", KnownApp::GoogleAuthenticatorDb, "アカウントを移行"),
        ("microsoft-authenticator.sqlite", KnownApp::MicrosoftAuthenticatorDb, "エクスポート機能がありません"),
        ("proton-pass-export.pgp", KnownApp::ProtonPassEncrypted, "暗号化なし（ZIP）"),
        ("authy-encrypted.xml", KnownApp::AuthyEncrypted, "エクスポート機能がありません"),
    ];
    for (file, app, route) in cases {
        let err = ImportError::NeedsRoute(app);
        assert_eq!(import::detect(&read(file)).err(), Some(err.clone()), "{file}");
        assert_eq!(import::import(&read(file), None).err(), Some(err.clone()), "{file}");
        assert!(import_error(Lang::Ja, &err).contains(route), "{file}: {}", import_error(Lang::Ja, &err));
        assert!(!import_error(Lang::En, &err).is_empty());
    }
    assert!(import_error(Lang::En, &ImportError::NeedsRoute(KnownApp::GoogleAuthenticatorDb)).contains("Transfer accounts → Export"));
    // A FreeOTP 2 backup is read now (with its password: tests/import_encrypted.rs); Java
    // serialisation of another shape is still named, with the route through Aegis.
    assert_eq!(import::detect(&read("freeotp2-externalBackup.xml")), Ok(Format::FreeOtp2));
    let other_java = [0xAC, 0xED, 0x00, 0x05, 0x73, 0x72, 0x00, 0x03, b'F', b'o', b'o'];
    assert_eq!(import::detect(&other_java).err(), Some(ImportError::NeedsRoute(KnownApp::FreeOtp2Backup)));
    // A binary PGP message (not armoured) too; another app's database is told apart from both.
    assert_eq!(import::detect(&[0xC3, 0x2E, 0x04, 0x09, 0xFF, 0xFE]).err(), Some(ImportError::NeedsRoute(KnownApp::ProtonPassEncrypted)));
    let mut other_db = b"SQLite format 3\0".to_vec();
    other_db.extend_from_slice(b"CREATE TABLE authenticator (Secret TEXT)");
    assert_eq!(import::detect(&other_db).err(), Some(ImportError::NeedsRoute(KnownApp::AppDatabase)));
    // A ZIP that is not Proton Pass's is not taken for it.
    assert_eq!(import::detect(b"PK\x03\x04\x14\x00\x00\x00other.txt").err(), Some(ImportError::NotRecognised));
}

/// Authenticator Plus's text export, a ZIP under WinZip AES-256: asks for its password, refuses a
/// wrong one, and with the right one every link arrives (a broken one left out alone).
#[test]
fn authenticator_plus_zip_export() {
    let bytes = read("authenticator-plus.zip");
    assert_eq!(import::detect(&bytes), Ok(Format::AuthenticatorPlus));
    assert!(Format::AuthenticatorPlus.is_encrypted());
    assert_eq!(import::import(&bytes, None).err(), Some(ImportError::NeedsPassword));
    assert_eq!(import::import(&bytes, Some("plus Pass")).err(), Some(ImportError::WrongPassword));
    assert_eq!(import_file_with("authenticator-plus.zip", Format::AuthenticatorPlus, Some("plus pass")), (3, 1));
    // Cut short: refused with a reason, never a panic.
    for cut in [bytes.len() / 2, bytes.len() - 30, 40] {
        assert!(import::import(&bytes[..cut], Some("plus pass")).is_err(), "cut at {cut}");
    }
}

/// Every file of these apps, cut short anywhere (a download that stopped, a file copied half),
/// is refused or read in part with reasons, never a panic; and a cut file never gives more
/// accounts than the whole one.
#[test]
fn every_file_cut_short_is_refused_or_read_in_part() {
    for entry in std::fs::read_dir("tests/fixtures/apps2").expect("dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if name.ends_with(".py") || name == "expected.json" {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        let whole = import::import(&bytes, Some("plus pass")).map(|i| i.accounts.len()).unwrap_or(0);
        let step = (bytes.len() / 40).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            if let Ok(got) = import::import(&bytes[..cut], Some("plus pass")) {
                assert!(got.accounts.len() <= whole, "{name} cut at {cut}: {} accounts, the whole file has {whole}", got.accounts.len());
            }
        }
    }
}

/// A chosen file goes where it belongs: a backup of this app to the restore, another app's file
/// (plain or password-protected) to the import, anything else stays where it was chosen.
#[test]
fn a_chosen_file_goes_where_it_belongs() {
    use authenticator::import::belongs::{belongs, Belongs};
    assert_eq!(belongs(&std::fs::read("tests/fixtures/vault-v1.bin").expect("vault")), Belongs::Restore);
    assert_eq!(belongs(&std::fs::read("tests/fixtures/drill-backup.2favault").expect("backup")), Belongs::Restore);
    assert_eq!(belongs(&read("proton-pass.zip")), Belongs::Import);
    assert_eq!(belongs(&read("authenticator-plus.zip")), Belongs::Import);
    assert_eq!(belongs(&read("lastpass.json")), Belongs::Import);
    assert_eq!(belongs(b"a shopping list\n"), Belongs::Neither);
    assert_eq!(belongs(&read("google-authenticator.sqlite")), Belongs::Neither, "a database is answered with its route where it was chosen");
}

/// The first screen routes a backup of this app by its magic bytes alone (the import readers are
/// a part of their own): `is_backup` agrees with `belongs` on every kind of file.
#[test]
fn a_backup_is_known_by_its_magic_bytes_alone() {
    use authenticator::import::belongs::{belongs, is_backup, Belongs};
    let files = [
        std::fs::read("tests/fixtures/vault-v1.bin").expect("vault"),
        std::fs::read("tests/fixtures/drill-backup.2favault").expect("backup"),
        read("proton-pass.zip"),
        read("lastpass.json"),
        b"a shopping list\n".to_vec(),
        read("google-authenticator.sqlite"),
    ];
    for bytes in &files {
        assert_eq!(is_backup(bytes), belongs(bytes) == Belongs::Restore);
    }
    assert!(is_backup(&files[0]) && is_backup(&files[1]) && !is_backup(&files[2]));
}
