//! Files as other apps write them, not as this project does: Google Authenticator exports
//! (version 2 and 1, four batches, HOTP, unspecified fields, entries no app can use), 2FAS Android
//! and iOS backups and an Ente list with keys of 11/14/17/19 Base32 characters, names kept only in
//! `otp.link` or `otp.label`, Steam, SHA-224 and SHA-384.
//!
//! The files and every expected value (names, key bytes, codes at fixed times) come from the
//! Python scripts next to them (`tests/fixtures/ga/make.py`, `tests/fixtures/apps/make.py`):
//! protobuf varints encoded by hand, codes from Python's `hmac`. Nothing here is derived from
//! this project's own encoder or code generator.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::world::{check, number, text};
use authenticator::account::{Account, FieldError, ManualEntry, Warning};
use authenticator::import::{self, migration, Format, ImportError, SkipReason};
use authenticator::otp::{Algorithm, SecretWarning};
use serde_json::Value;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn expected(dir: &str) -> Value {
    serde_json::from_slice(&read(&format!("{dir}/expected.json"))).expect("expected.json")
}

fn check_all(got: &[Account], want: &Value, times: &Value, file: &str) {
    let want = want.as_array().expect("accounts");
    assert_eq!(got.len(), want.len(), "{file}: accounts in");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        check(g, w, times, &format!("{file} #{i}"));
    }
}

fn ga_link(file: &str) -> String {
    String::from_utf8(read(&format!("ga/{file}"))).expect("utf8").trim().to_owned()
}

/// The export Google Authenticator makes of 28 accounts: four QR codes (10, 10, 7, 1), version 2,
/// one negative batch id. Each batch reads, says where it belongs, and gives the right codes.
#[test]
fn google_authenticator_version_2_in_four_batches() {
    let want = expected("ga");
    let mut batches = Vec::new();
    for i in 1..=4 {
        let file = format!("export-4-batches-{i}.txt");
        let batch = migration::decode(&ga_link(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let w = &want["files"][&file];
        assert_eq!(
            (i64::from(batch.version), i64::from(batch.id), u64::from(batch.index), u64::from(batch.count)),
            (w["batch"]["version"].as_i64().expect("v"), w["batch"]["id"].as_i64().expect("id"), number(&w["batch"]["index"]), number(&w["batch"]["count"])),
            "{file}: batch fields"
        );
        assert!(batch.skipped.is_empty(), "{file}: {:?}", batch.skipped);
        check_all(&batch.accounts, &w["accounts"], &want["times"], &file);
        batches.push(batch);
    }
    assert_eq!(batches.iter().map(|b| b.accounts.len()).collect::<Vec<_>>(), [10, 10, 7, 1]);
    // Read in any order, one twice: every account once, in the export's order.
    let mut collector = authenticator::import::batches::Batches::new();
    for i in [2, 0, 3, 0] {
        collector.add(batches[i].clone());
    }
    assert_eq!((collector.exports()[0].read(), collector.missing()), (vec![0, 2, 3], vec![(0, 4, vec![1])]));
    assert!(!collector.is_complete());
    collector.add(batches[1].clone());
    assert!(collector.is_complete());
    let (all, skipped) = collector.read_so_far();
    assert_eq!((all.len(), skipped.len()), (28, 0));
    assert_eq!(all, batches.iter().flat_map(|b| b.accounts.clone()).collect::<Vec<_>>());
}

/// The same one-QR export as written by the current app (version 2) and by releases before 2023
/// (version 1), through the file/paste path: the same accounts, with the codes Python computed.
#[test]
fn google_authenticator_version_1_and_2_read_alike() {
    let want = expected("ga");
    let mut read_back = Vec::new();
    for file in ["single-v2.txt", "single-v1.txt"] {
        let got = import::import(ga_link(file).as_bytes(), None).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(got.format, Format::GoogleMigration);
        assert!(got.skipped.is_empty(), "{file}: {:?}", got.skipped);
        check_all(&got.accounts, &want["files"][file]["accounts"], &want["times"], file);
        read_back.push(got.accounts);
    }
    assert_eq!(read_back[0], read_back[1]);
    // Scanned as a QR code: the same batch.
    let Ok(import::Scanned::Batch(batch)) = import::read_scanned(&ga_link("single-v2.txt")) else { panic!("a batch") };
    assert_eq!((batch.version, batch.index, batch.count, batch.accounts.len()), (2, 0, 1, 6));
}

/// A version never seen is read field by field; only with nothing in it is it refused, by its
/// version.
#[test]
fn a_later_version_is_read_and_refused_only_when_empty() {
    let want = expected("ga");
    let got = import::import(ga_link("future-v3.txt").as_bytes(), None).expect("version 3 with accounts");
    check_all(&got.accounts, &want["files"]["future-v3.txt"]["accounts"], &want["times"], "future-v3.txt");
    assert_eq!(migration::decode(&ga_link("future-v3-empty.txt")).err(), Some(ImportError::UnsupportedVersion(3)));
    assert_eq!(import::import(ga_link("future-v3-empty.txt").as_bytes(), None).err(), Some(ImportError::UnsupportedVersion(3)));
}

/// Entries no app can use each cost only themselves, with a reason that names them; the one good
/// account arrives. A payload where nothing is usable says why for each entry.
#[test]
fn unusable_entries_are_left_out_one_by_one_with_their_reasons() {
    let want = expected("ga");
    let file = "odd-entries-v2.txt";
    let batch = migration::decode(&ga_link(file)).expect("read");
    check_all(&batch.accounts, &want["files"][file]["accounts"], &want["times"], file);
    let skipped = want["files"][file]["skipped"].as_array().expect("skipped");
    assert_eq!(batch.skipped.len(), skipped.len());
    for (got, w) in batch.skipped.iter().zip(skipped) {
        assert_eq!((got.issuer.as_str(), got.name.as_str()), (text(&w["issuer"]), text(&w["name"])));
        let given = w.get("given").map(|g| text(g).to_owned()).unwrap_or_default();
        let reason = match text(&w["why"]) {
            "algorithm" => SkipReason::Field(FieldError::UnsupportedAlgorithm { given }),
            "digits" => SkipReason::Field(FieldError::DigitsOutOfRange { given }),
            "kind" => SkipReason::UnsupportedKind(given),
            "missing secret" => SkipReason::Field(FieldError::MissingSecret),
            "counter" => SkipReason::Field(FieldError::BadCounter { given }),
            "unreadable" => SkipReason::Unreadable,
            other => panic!("{other}"),
        };
        assert_eq!(got.reason, reason, "{}:{}", got.issuer, got.name);
    }
    let none = import::import(ga_link("nothing-readable-v2.txt").as_bytes(), None).expect("read, with reasons");
    assert!(none.accounts.is_empty());
    assert_eq!(
        none.skipped.iter().map(|s| (s.name.as_str(), &s.reason)).collect::<Vec<_>>(),
        [
            ("md5", &SkipReason::Field(FieldError::UnsupportedAlgorithm { given: "MD5".into() })),
            ("alg", &SkipReason::Field(FieldError::UnsupportedAlgorithm { given: "9".into() })),
        ]
    );
}

/// 2FAS (Android and iOS) and Ente files with keys of 11, 14, 17 and 19 characters, names found
/// only in `otp.link` / `otp.label` / `otp.account` / `otp.issuer` / the service name, Steam,
/// HOTP, SHA-224 and SHA-384: every entry arrives, named, with the codes Python computed.
#[test]
fn twofas_and_ente_files_arrive_whole() {
    let want = expected("apps");
    for (file, format) in [("2fas-android-v4.2fas", Format::TwoFas), ("2fas-ios-v4.2fas", Format::TwoFas), ("ente-odd.txt", Format::UriList)] {
        let got = import::import(&read(&format!("apps/{file}")), None).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(got.format, format, "{file}");
        assert!(got.skipped.is_empty(), "{file}: left out {:?}", got.skipped);
        check_all(&got.accounts, &want["files"][file], &want["times"], file);
    }
    // The lengths are there as claimed.
    let lengths: Vec<u64> = want["files"]["2fas-android-v4.2fas"].as_array().expect("a").iter().map(|a| number(&a["key_chars"])).collect();
    for n in [11, 14, 17, 19] {
        assert!(lengths.contains(&n), "a key of {n} characters");
    }
}

/// One 2FAS service of another shape costs that service only.
#[test]
fn a_twofas_service_of_another_shape_is_left_out_alone() {
    let file = serde_json::json!({ "schemaVersion": 4, "services": [
        { "name": "Good", "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "otp": { "account": "a" } },
        { "name": "Odd", "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "otp": "not an object" },
        { "name": "NoKey", "otp": { "account": "b" } },
    ]});
    let got = import::import(file.to_string().as_bytes(), None).expect("read");
    assert_eq!(got.accounts.iter().map(|a| a.issuer.as_str()).collect::<Vec<_>>(), ["Good"]);
    assert_eq!(got.skipped.iter().map(|s| (s.issuer.as_str(), s.reason.clone())).collect::<Vec<_>>(), [
        ("Odd", SkipReason::Unreadable),
        ("NoKey", SkipReason::Field(FieldError::MissingSecret)),
    ]);
}

/// Typed by hand, a key of a length no encoder writes is taken with a warning that a character may
/// have been lost, never refused; its codes are those of the bytes the other apps read.
#[test]
fn a_key_of_odd_length_typed_by_hand_is_taken_with_a_warning() {
    let want = expected("apps");
    for w in want["files"]["ente-odd.txt"].as_array().expect("a").iter().filter(|w| text(&w["kind"]) == "totp" && number(&w["key_chars"]) % 8 != 0) {
        let uri = String::from_utf8(read("apps/ente-odd.txt")).expect("utf8");
        let line = uri.lines().find(|l| l.contains(&format!("/{}:", text(&w["issuer"])))).expect("line");
        let key = line.split("secret=").nth(1).and_then(|r| r.split('&').next()).expect("key");
        let entry = ManualEntry { issuer: text(&w["issuer"]).into(), name: text(&w["name"]).into(), secret: key.into(), algorithm: text(&w["algorithm"]).into(), ..Default::default() };
        let (account, warnings) = entry.to_account().unwrap_or_else(|e| panic!("{key}: refused: {e}"));
        check(&account, w, &want["times"], key);
        assert!(warnings.contains(&Warning::Secret(SecretWarning::OddLength { chars: key.len() })), "{key}: {warnings:?}");
    }
}

/// SHA-224 and SHA-384 are not in Google's format: an export leaves them out (the UI names them).
#[test]
fn sha224_and_sha384_are_left_out_of_a_google_export() {
    let got = import::import(&read("apps/2fas-android-v4.2fas"), None).expect("read");
    let (odd, plain): (Vec<Account>, Vec<Account>) =
        got.accounts.into_iter().partition(|a| matches!(a.params.algorithm, Algorithm::Sha224 | Algorithm::Sha384));
    assert_eq!(odd.len(), 2);
    assert!(odd.iter().all(|a| !migration::exportable(a)));
    let plain: Vec<Account> = plain.into_iter().filter(migration::exportable).collect();
    let links = migration::encode(&[odd.clone(), plain.clone()].concat(), 9);
    let back: Vec<Account> = links.iter().flat_map(|l| migration::decode(l).expect("decode").accounts).collect();
    assert_eq!(back, plain);
}

/// 2FAS files of schemas 1, 2 and 3 (older apps' exports), plain and encrypted: every entry
/// arrives with the codes Python computed; the encrypted one asks for its password and refuses a
/// wrong one.
#[test]
fn older_twofas_schemas_arrive_whole() {
    let want = expected("apps");
    for (file, password) in [
        ("2fas-schema1.2fas", None),
        ("2fas-schema2.2fas", None),
        ("2fas-schema3.2fas", None),
        ("2fas-schema3-encrypted.2fas", Some("pass 2fas")),
    ] {
        let bytes = read(&format!("apps/{file}"));
        if password.is_some() {
            assert_eq!(import::detect(&bytes), Ok(Format::TwoFasEncrypted), "{file}");
            assert_eq!(import::import(&bytes, None).map(|_| ()), Err(import::ImportError::NeedsPassword), "{file}");
            assert_eq!(import::import(&bytes, Some("pass 2FAS")).map(|_| ()), Err(import::ImportError::WrongPassword), "{file}");
        } else {
            assert_eq!(import::detect(&bytes), Ok(Format::TwoFas), "{file}");
        }
        let got = import::import(&bytes, password).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(got.skipped.is_empty(), "{file}: left out {:?}", got.skipped);
        check_all(&got.accounts, &want["files"][file], &want["times"], file);
    }
}

/// WinAuth's plain text export (links named by the entry alone, its own `icon` and `serial`
/// parameters, Windows line ends): every entry arrives with the codes Python computed.
#[test]
fn a_winauth_text_export_arrives_whole() {
    let want = expected("apps");
    let got = import::import(&read("apps/winauth.txt"), None).expect("read");
    assert_eq!(got.format, Format::UriList);
    assert!(got.skipped.is_empty(), "left out {:?}", got.skipped);
    check_all(&got.accounts, &want["files"]["winauth.txt"], &want["times"], "winauth.txt");
}
