//! Importers and exporters: a hand-written sample per format (checked field by field against the
//! file's text), encrypted files built here with the formats' own primitives (encode, then import),
//! round trips, wrong passwords, and corrupt or truncated input refused, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use authenticator::account::{Account, FieldError};
use authenticator::import::{self, migration, twofas, Format, ImportError, SkipReason};
use authenticator::otp::{Algorithm, Kind, Params, Secret};
use authenticator::uri;
use base64::Engine;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/import/{name}")).expect("fixture")
}

fn b32(a: &Account) -> String {
    a.secret.to_base32()
}

fn params(algorithm: Algorithm, digits: u8, kind: Kind) -> Params {
    Params { algorithm, digits, kind }
}

const RFC_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

#[test]
fn aegis_plain_sample() {
    let got = import::import(&fixture("aegis-plain.json"), None).expect("import");
    assert_eq!(got.format, Format::Aegis);
    let a = &got.accounts;
    assert_eq!(a.len(), 4);
    assert_eq!((a[0].issuer.as_str(), a[0].name.as_str(), b32(&a[0]).as_str()), ("GitHub", "alice@example.com", RFC_SEED));
    assert_eq!(a[0].params, Params::default());
    assert_eq!(a[1].params, params(Algorithm::Sha1, 6, Kind::Hotp { counter: 5 }));
    // RFC 4226 Appendix D, counter 5.
    assert_eq!(a[1].generator().at_counter(5).as_plain(), "254676");
    assert_eq!(a[2].params.kind, Kind::Steam { period: 30 });
    assert_eq!((a[3].issuer.as_str(), a[3].params), ("楽天", params(Algorithm::Sha512, 8, Kind::Totp { period: 60 })));
    assert_eq!(got.skipped.len(), 1);
    assert_eq!((got.skipped[0].issuer.as_str(), got.skipped[0].name.as_str()), ("Yandex", "ivan"));
    assert_eq!(got.skipped[0].reason, SkipReason::UnsupportedKind("yandex".into()));
}

/// Seals an Aegis db the way Aegis does: scrypt(password) wraps a master key; the master key seals the db.
fn aegis_encrypted(db_json: &str, password: &str, log_n: u8) -> String {
    let (salt, master, key_nonce, db_nonce) = ([7u8; 32], [9u8; 32], [1u8; 12], [2u8; 12]);
    let mut derived = [0u8; 32];
    scrypt::scrypt(password.as_bytes(), &salt, &scrypt::Params::new(log_n, 8, 1, 32).expect("params"), &mut derived).expect("scrypt");
    let wrap = Aes256Gcm::new_from_slice(&derived).expect("key").encrypt(Nonce::from_slice(&key_nonce), Payload { msg: &master, aad: &[] }).expect("wrap");
    let sealed = Aes256Gcm::new_from_slice(&master).expect("key").encrypt(Nonce::from_slice(&db_nonce), db_json.as_bytes()).expect("seal");
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let (wrapped, wrap_tag) = wrap.split_at(32);
    let (body, tag) = sealed.split_at(sealed.len() - 16);
    serde_json::json!({
        "version": 1,
        "header": {
            "slots": [{ "type": 1, "uuid": "x", "key": hex(wrapped), "key_params": { "nonce": hex(&key_nonce), "tag": hex(wrap_tag) },
                        "n": 1u64 << log_n, "r": 8, "p": 1, "salt": hex(&salt), "repaired": true, "is_backup": false }],
            "params": { "nonce": hex(&db_nonce), "tag": hex(tag) }
        },
        "db": base64::engine::general_purpose::STANDARD.encode(body)
    })
    .to_string()
}

fn aegis_plain_db() -> String {
    let file: serde_json::Value = serde_json::from_slice(&fixture("aegis-plain.json")).expect("json");
    file["db"].to_string()
}

#[test]
fn aegis_encrypted_opens_with_its_password_only() {
    let file = aegis_encrypted(&aegis_plain_db(), "test", 15); // Aegis's own cost, N = 2^15
    assert_eq!(import::detect(file.as_bytes()), Ok(Format::AegisEncrypted));
    assert_eq!(import::import(file.as_bytes(), None).err(), Some(ImportError::NeedsPassword));
    assert_eq!(import::import(file.as_bytes(), Some("wrong")).err(), Some(ImportError::WrongPassword));
    let got = import::import(file.as_bytes(), Some("test")).expect("opens");
    let plain = import::import(&fixture("aegis-plain.json"), None).expect("plain");
    assert_eq!(got.accounts, plain.accounts);
    // One altered byte of the sealed db: refused, nothing imported.
    let mut v: serde_json::Value = serde_json::from_str(&file).expect("json");
    let db = v["db"].as_str().expect("db").to_owned();
    let flipped = if db.starts_with('A') { format!("B{}", &db[1..]) } else { format!("A{}", &db[1..]) };
    v["db"] = serde_json::Value::String(flipped);
    assert_eq!(import::import(v.to_string().as_bytes(), Some("test")).err(), Some(ImportError::WrongPassword));
}

#[test]
fn aegis_absurd_scrypt_cost_is_refused_before_hashing() {
    let mut v: serde_json::Value = serde_json::from_str(&aegis_encrypted(&aegis_plain_db(), "test", 10)).expect("json");
    v["header"]["slots"][0]["n"] = serde_json::json!(1u64 << 30);
    let want = Some(ImportError::KdfTooCostly { n: 1 << 30, r: 8, p: 1 });
    assert_eq!(import::import(v.to_string().as_bytes(), Some("test")).err(), want);
    assert_eq!(import::kdf_jobs(v.to_string().as_bytes()).err(), want, "refused before any job is handed out");
}

/// The hostile files of issue 12: N = 2^20 with r = 16 (2 GiB: over wasm32's memory, a panic),
/// r = 8 (1 GiB, a 17 s freeze) and p = 4 are refused by their parameters, before hashing; at
/// most two password slots are tried.
#[test]
fn aegis_hostile_scrypt_parameters_are_refused_by_name() {
    let base: serde_json::Value = serde_json::from_str(&aegis_encrypted(&aegis_plain_db(), "test", 10)).expect("json");
    for (n, r, p) in [(1u64 << 20, 16u32, 1u32), (1 << 20, 8, 1), (1 << 15, 8, 4), (1 << 18, 8, 1)] {
        let mut v = base.clone();
        v["header"]["slots"][0]["n"] = serde_json::json!(n);
        v["header"]["slots"][0]["r"] = serde_json::json!(r);
        v["header"]["slots"][0]["p"] = serde_json::json!(p);
        let bytes = v.to_string();
        let want = if import::aegis::memory_of(n, r, p) > import::aegis::MAX_SCRYPT_BYTES || p > import::aegis::MAX_SCRYPT_P {
            Some(ImportError::KdfTooCostly { n, r, p })
        } else {
            None
        };
        assert_eq!(import::kdf_jobs(bytes.as_bytes()).err(), want, "n={n} r={r} p={p}");
    }
    // The memory scrypt really takes counts, not just its table: N = 2, r = 2^20 would take
    // 256 MiB per block twice over; r is held to 32 as before.
    let mut v = base.clone();
    v["header"]["slots"][0]["n"] = serde_json::json!(2);
    v["header"]["slots"][0]["r"] = serde_json::json!(1u32 << 20);
    v["header"]["slots"][0]["p"] = serde_json::json!(2);
    assert!(import::kdf_jobs(v.to_string().as_bytes()).is_err());
    assert!(import::aegis::ScryptJob { salt: vec![0; 32], log_n: 1, r: 1 << 20, p: 2 }.derive(b"x").is_err(), "the worker's entry point checks too");
    // Three slots: two jobs, and the third slot is never tried even if it holds the key.
    let mut v = base.clone();
    let slot = v["header"]["slots"][0].clone();
    let mut decoy = slot.clone();
    decoy["key"] = serde_json::json!("00".repeat(32));
    v["header"]["slots"] = serde_json::json!([decoy.clone(), decoy, slot]);
    assert_eq!(import::kdf_jobs(v.to_string().as_bytes()).map(|j| j.len()), Ok(2));
    assert_eq!(import::import(v.to_string().as_bytes(), Some("test")).err(), Some(ImportError::WrongPassword));
}

/// The worker path: jobs derived apart, then the file read with the keys, gives what the
/// password path gives; a wrong key is a wrong password.
#[test]
fn aegis_opens_with_keys_derived_elsewhere() {
    let file = aegis_encrypted(&aegis_plain_db(), "test", 10);
    let jobs = import::kdf_jobs(file.as_bytes()).expect("jobs");
    assert_eq!(jobs.len(), 1);
    let keys: Vec<_> = jobs.iter().map(|j| j.derive(b"test").expect("derive")).collect();
    let got = import::import_with_keys(file.as_bytes(), None, &keys).expect("opens");
    assert_eq!(got.accounts, import::import(file.as_bytes(), Some("test")).expect("opens").accounts);
    let wrong: Vec<_> = jobs.iter().map(|j| j.derive(b"nope").expect("derive")).collect();
    assert_eq!(import::import_with_keys(file.as_bytes(), None, &wrong).err(), Some(ImportError::WrongPassword));
}

/// Issue 12, case 6: an old 2FAS file stores no algorithm, digits or type. Re-imported over the
/// same accounts with other settings, they are "same secret, other settings", kept as they are
/// by default, never reported as a new secret.
#[test]
fn reimport_without_settings_never_worsens_an_account() {
    use authenticator::vault::{Choices, Content, Incoming};
    let mut vault = Content::default();
    let existing = uri::parse(&format!("otpauth://totp/Corp%20VPN:dave?secret={RFC_SEED}&algorithm=SHA256&digits=8&period=60")).expect("uri").account;
    let id = vault.add(&existing, 1).expect("storable");
    let old_file = serde_json::json!({ "schemaVersion": 1, "services": [{ "name": "Corp VPN", "secret": RFC_SEED, "otp": { "account": "dave" } }] });
    let got = import::import(old_file.to_string().as_bytes(), None).expect("import");
    assert_eq!(got.accounts[0].params, Params::default(), "the file has no settings: defaults");
    assert_eq!(vault.classify(&got.accounts[0]), Incoming::SameSecretOtherSettings(id));
    let counts = vault.add_all(&got.accounts, Choices::default(), 2);
    assert_eq!((counts.added, counts.replaced, counts.unchanged), (0, 0, 1));
    assert_eq!(vault.accounts[0].account(), Some(existing.clone()), "the right account stays right");
    // Taking the file's settings is a choice the user makes, never the default.
    let take = Choices { take_other_settings: true, ..Choices::default() };
    assert_eq!(vault.clone().add_all(&got.accounts, take, 2).replaced, 1);
}

#[test]
fn twofas_plain_sample() {
    let got = import::import(&fixture("2fas-plain.2fas"), None).expect("import");
    assert_eq!(got.format, Format::TwoFas);
    let a = &got.accounts;
    assert_eq!(a.len(), 3);
    assert_eq!((a[0].issuer.as_str(), a[0].name.as_str()), ("Google", "hanako@example.jp"));
    assert_eq!(b32(&a[0]), "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    // No issuer in `otp`: the service name is the issuer.
    assert_eq!((a[1].issuer.as_str(), a[1].name.as_str()), ("Corp VPN", "dave"));
    assert_eq!(a[1].params, params(Algorithm::Sha256, 8, Kind::Totp { period: 60 }));
    assert_eq!(a[2].params.kind, Kind::Hotp { counter: 3 });
    assert!(got.skipped.is_empty());
}

fn twofas_encrypted(password: &str) -> String {
    let file: serde_json::Value = serde_json::from_slice(&fixture("2fas-plain.2fas")).expect("json");
    let services = file["services"].to_string();
    let (salt, iv) = ([5u8; 256], [6u8; 12]);
    let key = twofas::derive_key(password, &salt);
    let sealed = Aes256Gcm::new_from_slice(key.as_ref()).expect("key").encrypt(Nonce::from_slice(&iv), services.as_bytes()).expect("seal");
    let e = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    serde_json::json!({ "services": [], "groups": [], "updatedAt": 1, "schemaVersion": 4, "appVersionCode": 1,
        "servicesEncrypted": format!("{}:{}:{}", e(&sealed), e(&salt), e(&iv)), "reference": "ignored" })
    .to_string()
}

#[test]
fn twofas_encrypted_opens_with_its_password_only() {
    let file = twofas_encrypted("hunter2 hunter2");
    assert_eq!(import::detect(file.as_bytes()), Ok(Format::TwoFasEncrypted));
    assert_eq!(import::import(file.as_bytes(), None).err(), Some(ImportError::NeedsPassword));
    assert_eq!(import::import(file.as_bytes(), Some("hunter3")).err(), Some(ImportError::WrongPassword));
    let got = import::import(file.as_bytes(), Some("hunter2 hunter2")).expect("opens");
    assert_eq!(got.accounts, import::import(&fixture("2fas-plain.2fas"), None).expect("plain").accounts);
    let truncated = file.replace(":", "");
    assert!(import::import(truncated.as_bytes(), Some("hunter2 hunter2")).is_err());
}

#[test]
fn bitwarden_sample() {
    let got = import::import(&fixture("bitwarden.json"), None).expect("import");
    assert_eq!(got.format, Format::Bitwarden);
    let a = &got.accounts;
    assert_eq!(a.len(), 3, "items without a TOTP are not accounts");
    assert_eq!((a[0].issuer.as_str(), a[0].name.as_str(), b32(&a[0]).as_str()), ("GitHub", "octocat", RFC_SEED));
    assert_eq!((a[1].issuer.as_str(), a[1].name.as_str(), b32(&a[1]).as_str()), ("Mercari", "taro", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
    assert_eq!(a[2].params.kind, Kind::Steam { period: 30 });
    assert_eq!(got.skipped.len(), 1);
    assert_eq!((got.skipped[0].issuer.as_str(), got.skipped[0].name.as_str()), ("Broken", "z"));
    let locked = br#"{"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "x", "items": []}"#;
    assert_eq!(import::import(locked, None).err(), Some(ImportError::EncryptedUnsupported));
}

#[test]
fn andotp_sample() {
    let got = import::import(&fixture("andotp.json"), None).expect("import");
    assert_eq!(got.format, Format::AndOtp);
    let a = &got.accounts;
    assert_eq!(a.len(), 3);
    assert_eq!((a[0].issuer.as_str(), a[0].name.as_str()), ("Discord", "neko#1234"));
    assert_eq!((a[1].issuer.as_str(), a[1].name.as_str()), ("Legacy", "old-style"));
    assert_eq!(a[1].params, params(Algorithm::Sha256, 8, Kind::Hotp { counter: 7 }));
    assert_eq!(a[2].params.kind, Kind::Steam { period: 30 });
    assert_eq!(got.skipped[0].reason, SkipReason::Field(FieldError::UnsupportedAlgorithm { given: "MD5".into() }));
}

#[test]
fn ente_uri_list_sample() {
    let got = import::import(&fixture("ente-export.txt"), None).expect("import");
    assert_eq!(got.format, Format::UriList);
    let names: Vec<(&str, &str)> = got.accounts.iter().map(|a| (a.issuer.as_str(), a.name.as_str())).collect();
    assert_eq!(names, [("Instagram", "hanako.travel"), ("X", "@hanako_jp"), ("Bank", "taro")]);
    assert_eq!(got.accounts[2].params.kind, Kind::Hotp { counter: 2 });
    assert_eq!(got.skipped.len(), 1);
    assert!(matches!(got.skipped[0].reason, SkipReason::Uri(_)));
    let skipped = &got.skipped[0];
    assert!(!skipped.issuer.contains("NOT-BASE32") && !skipped.name.contains("NOT-BASE32"), "the label shown never carries the secret");
    assert_eq!((skipped.issuer.as_str(), skipped.name.as_str()), ("Broken", "x"));
}

/// A skipped entry with neither issuer nor name carries that as data (both empty), never a label
/// in some language: the UI names it ("(no name)", "（名前なし）") in the user's language. A
/// name too long to keep is cut, not translated.
#[test]
fn a_nameless_skipped_entry_carries_empty_issuer_and_name() {
    let aegis = r#"{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 2, "entries": [
        {"type": "yandex", "name": "", "issuer": "", "info": {"secret": "GEZDGNBVGY3TQOJQ"}}]}}"#;
    let bitwarden = r#"{"encrypted": false, "items": [{"login": {"totp": "otpauth://totp/?secret=NOT*BASE32"}}]}"#;
    let andotp = r#"[{"secret": "GEZDGNBVGY3TQOJQ", "issuer": "", "label": "", "digits": 6, "type": "TOTP", "algorithm": "MD5", "period": 30}]"#;
    let list = "otpauth://totp/?secret=NOT*BASE32\n";
    for file in [aegis, bitwarden, andotp, list] {
        let got = import::import(file.as_bytes(), None).expect("import");
        assert_eq!(got.skipped.len(), 1, "{file}");
        let skipped = &got.skipped[0];
        assert_eq!((skipped.issuer.as_str(), skipped.name.as_str()), ("", ""), "{file}");
    }
    let long = format!("otpauth://totp/{}:me?secret=NOT*BASE32", "x".repeat(300));
    let got = import::import(long.as_bytes(), None).expect("import");
    assert_eq!(got.skipped[0].issuer, format!("{}…", "x".repeat(import::SKIPPED_LABEL_CHARS)));
    assert_eq!(got.skipped[0].name, "me");
}

/// Google's format, written out by hand: field 1 (otp_parameters, 45 bytes) holding secret
/// "Hello!\xde\xad\xbe\xef" (= JBSWY3DPEHPK3PXP), name "alice@google.com", issuer "Example",
/// SHA1 (1), six digits (1), TOTP (2); then version 1, batch_size 1, batch_index 0, batch_id 7.
#[test]
fn google_migration_hand_built_sample() {
    let mut p = vec![0x0a, 45, 0x0a, 10];
    p.extend_from_slice(b"Hello!\xde\xad\xbe\xef");
    p.extend_from_slice(&[0x12, 16]);
    p.extend_from_slice(b"alice@google.com");
    p.extend_from_slice(&[0x1a, 7]);
    p.extend_from_slice(b"Example");
    p.extend_from_slice(&[0x20, 1, 0x28, 1, 0x30, 2]);
    p.extend_from_slice(&[0x10, 1, 0x18, 1, 0x20, 0, 0x28, 7]);
    let data = base64::engine::general_purpose::STANDARD.encode(&p).replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    let batch = migration::decode(&format!("otpauth-migration://offline?data={data}")).expect("decode");
    assert_eq!((batch.id, batch.index, batch.count), (7, 0, 1));
    let a = &batch.accounts[0];
    assert_eq!((a.issuer.as_str(), a.name.as_str(), b32(a).as_str()), ("Example", "alice@google.com", "JBSWY3DPEHPK3PXP"));
    assert_eq!(a.params, Params::default());
}

fn sample_accounts(n: usize) -> Vec<Account> {
    (0..n)
        .map(|i| Account {
            issuer: format!("Issuer{i}"),
            name: format!("user{i}@example.com"),
            secret: Secret::from_bytes((0..20).map(|b| (b * 7 + i) as u8).collect()),
            params: match i % 3 {
                0 => Params::default(),
                1 => params(Algorithm::Sha256, 8, Kind::Totp { period: 30 }),
                _ => params(Algorithm::Sha512, 6, Kind::Hotp { counter: i as u64 }),
            },
        })
        .collect()
}

#[test]
fn google_migration_round_trip_in_batches() {
    let accounts = sample_accounts(23);
    let links = migration::encode(&accounts, 42);
    assert_eq!(links.len(), 3, "10 per QR code");
    let mut back = Vec::new();
    for (i, link) in links.iter().enumerate() {
        let batch = migration::decode(link).expect("decode");
        assert_eq!((batch.id, batch.index, batch.count), (42, i as u32, 3));
        back.extend(batch.accounts);
    }
    assert_eq!(back, accounts);
    // What the format cannot carry is left out (the UI names them).
    let steam = Account { params: params(Algorithm::Sha1, 5, Kind::Steam { period: 30 }), ..accounts[0].clone() };
    assert!(!migration::exportable(&steam));
    assert!(migration::encode(&[steam], 1).is_empty());
}

#[test]
fn uri_list_round_trip() {
    let accounts = sample_accounts(7);
    let text = import::text::to_uri_list(&accounts);
    assert_eq!(import::import(text.as_bytes(), None).expect("import").accounts, accounts);
}

#[test]
fn corrupt_and_truncated_inputs_are_refused() {
    let link = &migration::encode(&sample_accounts(3), 1)[0];
    for bad in [&link[..link.len() - 9], "otpauth-migration://offline?data=%%%", "otpauth-migration://offline?nodata=1"] {
        assert!(migration::decode(bad).is_err(), "{bad}");
    }
    let aegis = String::from_utf8(fixture("aegis-plain.json")).expect("utf8");
    assert_eq!(import::import(aegis[..aegis.len() / 2].as_bytes(), None).err(), Some(ImportError::Malformed("JSON")));
    assert_eq!(import::import(b"hello world", None).err(), Some(ImportError::NotRecognised));
    assert_eq!(import::import(br#"{"some": "json"}"#, None).err(), Some(ImportError::NotRecognised));
    assert_eq!(import::import(&[0xff, 0xfe, 0x00], None).err(), Some(ImportError::NotRecognised));
    assert_eq!(import::import(&vec![b' '; import::MAX_IMPORT_BYTES + 1], None).err(), Some(ImportError::TooLarge));
    let _ = uri::parse; // (the URI parser has its own table of bad inputs in uri_table.rs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Arbitrary bytes and arbitrary text never panic any importer.
    #[test]
    fn arbitrary_input_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400), text in ".{0,200}") {
        let _ = import::import(&bytes, Some("x"));
        let _ = import::import(text.as_bytes(), Some("x"));
        let _ = migration::decode(&format!("otpauth-migration://offline?data={text}"));
    }
}

/// Scanned batches arrive in any order and repeat (a camera reads the same code many times);
/// the accounts come out in batch order once every batch is read; another export is kept apart.
#[test]
fn migration_batches_are_collected_in_any_order() {
    use authenticator::import::batches::{Added, Batches};
    let accounts = sample_accounts(23);
    let links = migration::encode(&accounts, 5);
    let batch = |i: usize| migration::decode(&links[i]).expect("decode");
    let mut c = Batches::new();
    assert!(c.is_empty());
    assert!(matches!(c.add(batch(2)), Added::New { export: 0, index: 2, count: 3, .. }));
    assert_eq!(c.add(batch(2)), Added::Repeat { export: 0, index: 2, count: 3, last: true }, "a repeat is not counted twice");
    assert_eq!(c.exports()[0].read(), [2]);
    assert!(!c.is_complete());
    c.add(batch(0));
    c.add(batch(1));
    assert!(c.is_complete());
    assert_eq!(c.read_so_far().0, accounts);
    let other = migration::decode(&migration::encode(&accounts[..1], 6)[0]).expect("decode");
    assert!(matches!(c.add(other), Added::New { export: 1, .. }), "a batch of another export is kept apart");
    assert_eq!((c.exports().len(), c.exports()[0].read()), (2, vec![0, 1, 2]), "the first export is kept whole");
}

#[test]
fn scanned_texts_are_told_apart() {
    use authenticator::import::{read_scanned, ScanError, Scanned};
    let link = format!("otpauth://totp/A:b?secret={RFC_SEED}");
    assert!(matches!(read_scanned(&format!("  {link}\n")), Ok(Scanned::Account(a)) if a.issuer == "A"));
    assert!(matches!(read_scanned(&migration::encode(&sample_accounts(2), 1)[0]), Ok(Scanned::Batch(b)) if b.accounts.len() == 2));
    assert_eq!(read_scanned("https://example.com/"), Err(ScanError::NotAuthenticator));
    assert!(matches!(read_scanned("otpauth://totp/A:b?secret=!!"), Err(ScanError::Uri(_))));
    assert!(matches!(read_scanned("otpauth-migration://offline?data=%%"), Err(ScanError::Import(_))));
    assert_eq!(read_scanned("日本語のテキスト"), Err(ScanError::NotAuthenticator));
}

/// Randomness that repeats one byte: enough to see what the batch id does with extreme input.
struct Fixed(u8);
impl authenticator::vault::Random for Fixed {
    fn fill(&mut self, buf: &mut [u8]) {
        buf.fill(self.0);
    }
}

#[test]
fn export_batch_ids_come_from_randomness_and_are_never_negative() {
    assert_eq!(migration::new_batch_id(&mut Fixed(0xff)), i32::MAX);
    assert_eq!(migration::new_batch_id(&mut Fixed(0)), 0);
    assert_ne!(migration::new_batch_id(&mut Fixed(1)), migration::new_batch_id(&mut Fixed(2)));
    // Two exports' parts are never joined as one batch by the reader.
    let accounts = sample_accounts(12);
    let mut c = authenticator::import::batches::Batches::new();
    let first = migration::encode(&accounts, migration::new_batch_id(&mut Fixed(7)));
    let second = migration::encode(&accounts, migration::new_batch_id(&mut Fixed(9)));
    c.add(migration::decode(&first[0]).expect("decode"));
    c.add(migration::decode(&second[1]).expect("decode"));
    assert!(!c.is_complete(), "parts of two exports must not complete a batch");
    assert_eq!(c.exports().len(), 2);
}

/// What holds accounts prints no secret (`Debug`), and no error's developer text (`Display`)
/// carries a secret's characters, even the one it refuses.
#[test]
fn debug_and_display_show_no_secret() {
    use authenticator::import::{read_scanned, Scanned};
    let link = format!("otpauth://totp/A:b?secret={RFC_SEED}");
    let parsed = uri::parse(&link).expect("uri");
    let got = import::import(&fixture("aegis-plain.json"), None).expect("import");
    let Ok(Scanned::Account(scanned)) = read_scanned(&link) else { panic!("an account") };
    let batch_link = &migration::encode(&sample_accounts(2), 1)[0];
    let batch = migration::decode(batch_link).expect("batch");
    let mut collector = authenticator::import::batches::Batches::new();
    collector.add(batch.clone());
    let printed = format!("{parsed:?} {got:?} {scanned:?} {:?} {batch:?} {collector:?}", Scanned::Batch(batch.clone()));
    let secrets: Vec<String> = std::iter::once(parsed.account.secret.to_base32()).chain(got.accounts.iter().chain(&batch.accounts).map(b32)).collect();
    for secret in &secrets {
        assert!(!printed.contains(secret.as_str()), "{secret} in {printed}");
    }
    assert!(!printed.contains("49, 50, 51"), "no secret's bytes: {printed}");
    let refused = uri::parse("otpauth://totp/A:b?secret=JBSW1DPE").expect_err("refused");
    assert!(!refused.to_string().contains('1'), "{refused}");
    assert_eq!(refused.to_string(), "the secret's character 5 is not Base32 (A-Z, 2-7)");
}
