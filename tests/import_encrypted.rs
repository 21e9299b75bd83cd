//! Password-protected exports as other apps write them: Ente Auth, andOTP (current and old
//! format), Proton Authenticator, Stratum (current and legacy), FreeOTP 2 and TOTP Authenticator
//! (a user's password and the app's default). For each: the right password brings every account with the
//! fields and codes `tests/fixtures/encrypted/make.py` computed (Python's pynacl, argon2-cffi,
//! cryptography and hmac: nothing from this project's code); a wrong password is said as such; no
//! password asks for one; a cut file is refused with a clear error and never panics; key
//! derivations over the caps are refused before any work.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::world::{check, number, text};
use authenticator::import::kdf::{KdfJob, MAX_ARGON2_KIB, MAX_PBKDF2_ITERATIONS};
use authenticator::import::{self, Format, ImportError};
use serde_json::Value;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/encrypted/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn expected() -> Value {
    serde_json::from_slice(&read("expected.json")).expect("expected.json")
}

fn password() -> String {
    expected()["password"].as_str().expect("password").to_owned()
}

/// The file read with the right password (derived inline, as natively) gives exactly the
/// accounts the script wrote, and the same through the worker's path (keys derived first).
fn reads_right(name: &str, format: Format) {
    let all = expected();
    let want = &all["files"][name];
    let bytes = read(name);
    assert_eq!(import::detect(&bytes), Ok(format), "{name}: detected");
    assert!(format.is_encrypted(), "{name}: asks for a password");
    let got = import::import(&bytes, Some(&password())).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got.format, format);
    let accounts = want["accounts"].as_array().expect("accounts");
    assert_eq!(got.accounts.len(), accounts.len(), "{name}: accounts in");
    for (i, (g, w)) in got.accounts.iter().zip(accounts).enumerate() {
        check(g, w, &all["times"], &format!("{name} #{i}"));
    }
    assert_eq!(got.skipped.len() as u64, number(&want["skipped"]), "{name}: left out");

    let jobs = import::kdf_jobs(&bytes).expect("jobs");
    let keys: Vec<_> = jobs.iter().map(|j| j.derive(password().as_bytes()).expect("derives")).collect();
    // A file with a job opens from the worker's keys alone (no password to fall back on).
    let pass = password();
    let inline = if jobs.is_empty() { Some(pass.as_str()) } else { None };
    let via_keys = import::import_with_keys(&bytes, inline, &keys).unwrap_or_else(|e| panic!("{name} with keys: {e}"));
    assert_eq!(via_keys.accounts, got.accounts, "{name}: the worker's keys read the same");
}

fn refuses_wrong_and_missing(name: &str, wrong: ImportError) {
    let bytes = read(name);
    assert_eq!(import::import(&bytes, Some("not the password")).err(), Some(wrong), "{name}: wrong password");
    assert_eq!(import::import(&bytes, None).err(), Some(ImportError::NeedsPassword), "{name}: no password");
    assert_eq!(import::import(&bytes, Some("")).err(), Some(ImportError::NeedsPassword), "{name}: empty password");
}

/// Cut anywhere, the file is refused with an error (never a panic, never accounts).
fn refuses_cut(name: &str) {
    let mut bytes = read(name);
    // A text file's closing line break is no part of its content.
    while bytes.last().is_some_and(u8::is_ascii_whitespace) {
        bytes.pop();
    }
    let pass = password();
    for len in [0, 1, 10, 16, 17, 30, 44, bytes.len() / 2, bytes.len() - 17, bytes.len() - 1] {
        let got = import::import(&bytes[..len.min(bytes.len())], Some(&pass));
        assert!(got.is_err(), "{name} cut at {len}: {got:?}");
    }
}

#[test]
fn ente_encrypted_export() {
    reads_right("ente-encrypted.json", Format::EnteEncrypted);
    refuses_wrong_and_missing("ente-encrypted.json", ImportError::WrongPassword);
    refuses_cut("ente-encrypted.json");
    // The sealed data cut short in the JSON: still the right password, never accounts.
    let mut v: Value = serde_json::from_slice(&read("ente-encrypted.json")).expect("json");
    let data = text(&v["encryptedData"]).to_owned();
    v["encryptedData"] = Value::from(&data[..data.len() - 8]);
    let cut = import::import(v.to_string().as_bytes(), Some(&password())).err();
    assert!(matches!(cut, Some(ImportError::WrongPassword | ImportError::Malformed(_))), "{cut:?}");
}

#[test]
fn ente_argon2_over_the_caps_is_refused_before_any_work() {
    let v: Value = serde_json::from_slice(&read("ente-encrypted.json")).expect("json");
    // Ente's "sensitive" preset (1 GiB, 4 passes) and its low-memory step (256 MiB, 16) are allowed.
    for (mem, ops) in [(1u64 << 30, 4u64), (256 << 20, 16)] {
        let mut ok = v.clone();
        ok["kdfParams"]["memLimit"] = mem.into();
        ok["kdfParams"]["opsLimit"] = ops.into();
        let jobs = import::kdf_jobs(ok.to_string().as_bytes()).expect("within the caps");
        assert!(matches!(&jobs[..], [KdfJob::Argon2id(j)] if u64::from(j.memory_kib) == mem / 1024 && u64::from(j.iterations) == ops && j.parallelism == 1));
    }
    // 64 GiB or 1 GiB × 5 passes: refused at once (a derivation would not return in a test's time).
    for (mem, ops) in [(64u64 << 30, 1u64), (1 << 30, 5), (2 << 30, 4)] {
        let mut over = v.clone();
        over["kdfParams"]["memLimit"] = mem.into();
        over["kdfParams"]["opsLimit"] = ops.into();
        let want = Some(ImportError::Argon2TooCostly { memory_kib: mem / 1024, iterations: ops, parallelism: 1 });
        assert_eq!(import::kdf_jobs(over.to_string().as_bytes()).err(), want);
        let started = std::time::Instant::now();
        assert_eq!(import::import(over.to_string().as_bytes(), Some(&password())).err(), want);
        assert!(started.elapsed().as_millis() < 500, "refused before any work");
    }
    assert!(u64::from(MAX_ARGON2_KIB) == 1 << 20);
    // The worker's entry point checks too.
    let job = authenticator::import::kdf::Argon2Job { salt: vec![0; 16], memory_kib: 2 << 20, iterations: 1, parallelism: 1 };
    assert!(matches!(job.derive(b"x"), Err(ImportError::Argon2TooCostly { .. })));
}

#[test]
fn andotp_encrypted_backups() {
    reads_right("andotp-new.json.aes", Format::AndOtpEncrypted);
    refuses_wrong_and_missing("andotp-new.json.aes", ImportError::WrongPassword);
    refuses_cut("andotp-new.json.aes");
    reads_right("andotp-old.json.aes", Format::AndOtpEncrypted);
    refuses_cut("andotp-old.json.aes");
    // The old format has no header: only the password tells it from any binary file, and the
    // messages say so instead of a bare "wrong password".
    let old = read("andotp-old.json.aes");
    assert_eq!(import::import(&old, None).err(), Some(ImportError::UnknownBinary { password_tried: false }));
    assert_eq!(import::import(&old, Some("not the password")).err(), Some(ImportError::UnknownBinary { password_tried: true }));
    assert_eq!(import::kdf_jobs(&old), Ok(Vec::new()), "no derivation for a file with no round count");
}

#[test]
fn andotp_rounds_over_the_cap_run_no_derivation() {
    let mut bytes = read("andotp-new.json.aes");
    assert!(matches!(&import::kdf_jobs(&bytes).expect("jobs")[..], [KdfJob::Pbkdf2Sha1(j)] if j.iterations == 140_000));
    bytes[..4].copy_from_slice(&(MAX_PBKDF2_ITERATIONS + 1).to_be_bytes());
    assert_eq!(import::kdf_jobs(&bytes), Ok(Vec::new()));
    let started = std::time::Instant::now();
    assert_eq!(import::import(&bytes, Some(&password())).err(), Some(ImportError::UnknownBinary { password_tried: true }));
    assert!(started.elapsed().as_millis() < 500, "refused before any work");
    let job = authenticator::import::kdf::Pbkdf2Job { salt: vec![0; 12], iterations: MAX_PBKDF2_ITERATIONS + 1 };
    assert_eq!(job.derive(b"x").err(), Some(ImportError::Pbkdf2TooCostly { iterations: u64::from(MAX_PBKDF2_ITERATIONS) + 1 }));
}

#[test]
fn binary_files_that_are_no_backup_are_not_taken_for_andotp() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0xFFu8; 100]);
    assert_eq!(import::detect(&png), Err(ImportError::NotRecognised));
    assert_eq!(import::import(&png, Some("x")).err(), Some(ImportError::NotRecognised));
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend([0xC3u8; 100]);
    assert_eq!(import::detect(&zip), Err(ImportError::NotRecognised));
}

#[test]
fn proton_authenticator_encrypted_export() {
    reads_right("proton-encrypted.json", Format::ProtonEncrypted);
    refuses_wrong_and_missing("proton-encrypted.json", ImportError::WrongPassword);
    refuses_cut("proton-encrypted.json");
    let mut v: Value = serde_json::from_slice(&read("proton-encrypted.json")).expect("json");
    v["version"] = 2.into();
    assert_eq!(import::import(v.to_string().as_bytes(), Some(&password())).err(), Some(ImportError::UnsupportedVersion(2)));
    // Proton's parameters are fixed in its exporter (19 MiB, 2 passes), within the caps.
    let jobs = import::kdf_jobs(&read("proton-encrypted.json")).expect("jobs");
    assert!(matches!(&jobs[..], [KdfJob::Argon2id(j)] if j.memory_kib == 19 * 1024 && j.iterations == 2 && j.parallelism == 1));
}

#[test]
fn stratum_encrypted_backups() {
    for name in ["stratum.authpro", "stratum-legacy.authpro"] {
        reads_right(name, Format::StratumEncrypted);
        refuses_wrong_and_missing(name, ImportError::WrongPassword);
        refuses_cut(name);
    }
    let got = import::import(&read("stratum.authpro"), Some(&password())).expect("reads");
    let kinds: Vec<String> = got.skipped.iter().map(|s| format!("{} {}", s.issuer, s.reason)).collect();
    assert_eq!(kinds, ["mOTP Site unsupported kind \"mOTP\"", "Yandex unsupported kind \"Yandex\""]);
    // Fixed parameters: Argon2id 64 MiB × 3 × 4 lanes, and 64,000 PBKDF2 rounds.
    assert!(matches!(&import::kdf_jobs(&read("stratum.authpro")).expect("jobs")[..], [KdfJob::Argon2id(j)] if j.memory_kib == 65536 && j.iterations == 3 && j.parallelism == 4));
    assert!(matches!(&import::kdf_jobs(&read("stratum-legacy.authpro")).expect("jobs")[..], [KdfJob::Pbkdf2Sha1(j)] if j.iterations == 64_000));
    // Only the header: damaged, said before any derivation.
    assert_eq!(import::import(b"AUTHENTICATORPRO", Some("x")).err(), Some(ImportError::Malformed("Stratum backup")));
}

#[test]
fn totp_authenticator_backups() {
    reads_right("totp-authenticator.txt", Format::TotpAuthenticator);
    refuses_wrong_and_missing("totp-authenticator.txt", ImportError::WrongPassword);
    refuses_cut("totp-authenticator.txt");
    // Sealed with the app's default password: read with none, and with a wrong one too.
    let default = read("totp-authenticator-default.txt");
    let all = expected();
    let want = all["files"]["totp-authenticator-default.txt"]["accounts"].as_array().expect("accounts").clone();
    for pass in [None, Some("anything")] {
        let got = import::import(&default, pass).expect("default password");
        assert_eq!(got.accounts.len(), want.len());
        for (i, (g, w)) in got.accounts.iter().zip(&want).enumerate() {
            check(g, w, &all["times"], &format!("default #{i}"));
        }
    }
}

/// The key-derivation jobs of every file are checked before any is run, and the keys handed
/// back in order open the file; a wrong key is a wrong password.
#[test]
fn wrong_keys_from_the_worker_are_a_wrong_password() {
    for name in ["ente-encrypted.json", "proton-encrypted.json", "stratum.authpro", "stratum-legacy.authpro", "andotp-new.json.aes", "freeotp2.xml"] {
        let bytes = read(name);
        let jobs = import::kdf_jobs(&bytes).expect("jobs");
        assert_eq!(jobs.len(), 1, "{name}");
        let wrong = vec![zeroize::Zeroizing::new([7u8; 32])];
        assert_eq!(import::import_with_keys(&bytes, None, &wrong).err(), Some(ImportError::WrongPassword), "{name}");
    }
}

#[test]
fn freeotp_2_backup() {
    reads_right("freeotp2.xml", Format::FreeOtp2);
    refuses_wrong_and_missing("freeotp2.xml", ImportError::WrongPassword);
    refuses_cut("freeotp2.xml");
    let bytes = read("freeotp2.xml");
    assert!(matches!(&import::kdf_jobs(&bytes).expect("jobs")[..], [KdfJob::Pbkdf2Sha512(j)] if j.iterations == 100_000));
    // The master key's rounds over the cap: refused before any work, with the number.
    // The master key is the map's last string (its length, its JSON, then the map's end):
    // written again with 9,999,999 rounds.
    let start = bytes.windows(13).position(|w| w == b"{\"mAlgorithm\"").expect("master key");
    let json = std::str::from_utf8(&bytes[start..bytes.len() - 1]).expect("utf8").replace("\"mIterations\":100000", "\"mIterations\":9999999");
    let mut over = bytes[..start - 2].to_vec();
    over.extend((json.len() as u16).to_be_bytes());
    over.extend(json.as_bytes());
    over.push(0x78);
    let want = Some(ImportError::Pbkdf2TooCostly { iterations: 9_999_999 });
    assert_eq!(import::kdf_jobs(&over).err(), want);
    let started = std::time::Instant::now();
    assert_eq!(import::import(&over, Some(&password())).err(), want);
    assert!(started.elapsed().as_millis() < 500, "refused before any work");
}

/// The new refusals say the file's numbers and the caps, in both languages, and never show an
/// amount over a cap as the cap itself.
#[test]
fn messages_say_the_numbers_and_what_to_do() {
    use authenticator::i18n::{import_error, Lang};
    let memory = ImportError::Argon2TooCostly { memory_kib: (2 << 20) + 1, iterations: 4, parallelism: 1 };
    let en = import_error(Lang::En, &memory);
    assert!(en.contains("2049 MiB of memory, more than the 1 GiB this app allows"), "{en}");
    assert!(en.contains("export it again"), "{en}");
    let ja = import_error(Lang::Ja, &memory);
    assert!(ja.contains("メモリ 2049 MiB（このアプリの上限 1 GiB を超えています）"), "{ja}");
    let work = import_error(Lang::En, &ImportError::Argon2TooCostly { memory_kib: 1 << 20, iterations: 5, parallelism: 1 });
    assert!(work.contains("5 passes over 1 GiB, more work than 4 GiB in one pass"), "{work}");
    let lanes = import_error(Lang::En, &ImportError::Argon2TooCostly { memory_kib: 1024, iterations: 1, parallelism: 8 });
    assert!(lanes.contains("8 lanes, more than the 4 this app allows") && !lanes.contains("of memory, more"), "{lanes}");
    let rounds = import_error(Lang::Ja, &ImportError::Pbkdf2TooCostly { iterations: 9_999_999 });
    assert!(rounds.contains("9999999回") && rounds.contains("1000000回"), "{rounds}");
    let binary = import_error(Lang::En, &ImportError::UnknownBinary { password_tried: false });
    assert!(binary.contains("andOTP encrypted backup file (.json.aes), enter its password"), "{binary}");
    let tried = import_error(Lang::Ja, &ImportError::UnknownBinary { password_tried: true });
    assert!(tried.contains("andOTP の暗号化バックアップファイルとして開けず"), "{tried}");
    for f in [Format::EnteEncrypted, Format::AndOtpEncrypted, Format::ProtonEncrypted, Format::StratumEncrypted, Format::TotpAuthenticator, Format::FreeOtp2] {
        assert!(f.is_encrypted() && !authenticator::i18n::format_name(f).is_empty(), "{f:?}");
    }
}

/// A list of links saved in Shift_JIS (not UTF-8) is text this app does not read: said so, not
/// taken for an encrypted andOTP backup.
#[test]
fn text_in_another_encoding_is_not_taken_for_an_encrypted_backup() {
    // "otpauth://totp/銀行:太郎?secret=…" with the label in Shift_JIS.
    let mut sjis = b"otpauth://totp/".to_vec();
    sjis.extend([0x8B, 0xE2, 0x8D, 0x73, b':', 0x91, 0xBE, 0x98, 0x59]);
    sjis.extend(b"?secret=JBSWY3DPEHPK3PXP&issuer=Bank\n".repeat(1));
    assert!(std::str::from_utf8(&sjis).is_err());
    assert_eq!(import::detect(&sjis), Err(ImportError::NotRecognised));
    assert_eq!(import::import(&sjis, Some("x")).err(), Some(ImportError::NotRecognised));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// Whatever follows a format's first bytes, reading never panics (no password: nothing slow
    /// is derived) and never brings accounts from bytes no app wrote.
    #[test]
    fn damaged_files_never_panic(prefix in 0usize..4, tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
        let heads: [&[u8]; 4] = [b"AUTHENTICATORPRO", b"AuthenticatorPro", b"\xAC\xED\x00\x05\x73\x72\x00\x11java.util.HashMap", b"\x00\x02\x22\xE0"];
        let mut bytes = heads[prefix].to_vec();
        bytes.extend(tail);
        let _ = import::detect(&bytes);
        let _ = import::kdf_jobs(&bytes);
        proptest::prop_assert!(import::import(&bytes, None).is_err());
    }
}
