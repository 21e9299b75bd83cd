//! Issue 21, items 5 and 7: a restore is a writer like the others (the limits per field, this
//! app's own key derivation, no foreign slot kept), and the messages name the real cause (a cut
//! file is not a wrong passphrase; scrypt parameters that are invalid or too costly are named as
//! such, with numbers that agree).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use authenticator::account::{Field, FieldError, MAX_LABEL_LEN, MAX_TAGS, MAX_TAG_LEN};
use authenticator::backup_codes::MAX_CODE_CHARS;
use authenticator::i18n::{self, Lang};
use authenticator::import::{self, ImportError};
use authenticator::otp::SecretError;
use authenticator::vault::{self, Adjustment, BackupFileKind, Content, Envelope, KdfParams, Slot, Unlocked, VaultError, DEFAULT_KDF};
use common::{OsRandom, FAST_KDF};

const PASS: &str = "correct horse battery staple";
const SECRET_B32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// A backup file of `content`, made as the app makes one (`Unlocked::backup_file`), under `kdf`.
fn backup_of(content: Content, kdf: KdfParams) -> Vec<u8> {
    let v = Unlocked::create(content, PASS, kdf, &mut OsRandom).expect("create");
    v.backup_file(BackupFileKind::Download, "backup.2favault", 1_700_000_000_000, &mut OsRandom).expect("backup").bytes
}

fn two_accounts() -> Content {
    let mut c = Content::default();
    for name in ["GitHub", "Instagram"] {
        let link = format!("otpauth://totp/{name}:alice?secret={SECRET_B32}&issuer={name}");
        c.add(&authenticator::uri::parse(&link).expect("valid").account, 1_700_000_000_000).expect("storable");
    }
    c
}

// ---- Item 7: a cut file with the right passphrase is a cut file ----

/// Every cut of a backup file, opened with the right passphrase: never "wrong passphrase". A cut
/// inside the header is seen in the structure (`Truncated`); a cut inside the content leaves the
/// key slot whole, which the right passphrase opens, so the content failing is the file's fault
/// (`IncompleteOrDamaged`). The wrong passphrase on a cut file is still a wrong passphrase.
#[test]
fn a_cut_backup_with_the_right_passphrase_is_incomplete_never_a_wrong_passphrase() {
    let bytes = backup_of(two_accounts(), FAST_KDF);
    let header_len = Envelope::parse(&bytes).expect("parse").header().len();
    let mut seen = (0, 0);
    for len in 0..bytes.len() {
        let got = Unlocked::open(&bytes[..len], PASS).err();
        match got {
            Some(VaultError::Truncated) => seen.0 += 1,
            Some(VaultError::IncompleteOrDamaged) => seen.1 += 1,
            other => panic!("cut to {len} of {} bytes: {other:?}", bytes.len()),
        }
        // Where the cut leaves the header and 16 bytes of content, the structure cannot tell.
        let structural = len < header_len + 16;
        assert_eq!(got == Some(VaultError::Truncated), structural, "cut to {len}");
    }
    assert!(seen.0 > 0 && seen.1 > 0, "{seen:?}");
    // The cut points a download or copy leaves: inside the slot, the nonce, and the content.
    for len in [30, header_len - 5, header_len + 20, bytes.len() / 2, bytes.len() - 1] {
        assert_ne!(Unlocked::open(&bytes[..len], PASS).err(), Some(VaultError::WrongPassphraseOrDamaged), "cut to {len}");
        let wrong = Unlocked::open(&bytes[..len], "not the passphrase").err();
        assert!(matches!(wrong, Some(VaultError::Truncated | VaultError::WrongPassphraseOrDamaged)), "a wrong passphrase on a file cut to {len}: {wrong:?}");
    }
    assert_eq!(Unlocked::open(&bytes[..bytes.len() - 1], "not the passphrase").err(), Some(VaultError::WrongPassphraseOrDamaged));
    // A cut file is not a wrong passphrase either when the key was derived apart (the worker).
    let jobs = Unlocked::unlock_jobs(&bytes[..bytes.len() - 1]).expect("jobs");
    let kek = jobs[0].derive(PASS.as_bytes()).expect("derive");
    assert_eq!(Unlocked::open_with_kek(&bytes[..bytes.len() - 1], 0, &kek).err(), Some(VaultError::IncompleteOrDamaged));
    // The same when it is opened to be restored (counted against the cap first).
    assert_eq!(Unlocked::open_backup_with_kek(&bytes[..bytes.len() - 1], 0, &kek).err(), Some(VaultError::IncompleteOrDamaged));
}

/// What the restore form says for each: the file is incomplete, what to do; never "wrong
/// passphrase", and never the stored vault's damage.
#[test]
fn a_cut_backup_is_told_as_incomplete_in_both_languages() {
    for e in [VaultError::Truncated, VaultError::IncompleteOrDamaged] {
        let en = i18n::backup_file_error(Lang::En, &e);
        assert!(en.contains("incomplete") && en.contains("download or copy") && en.contains("again"), "{en}");
        assert!(!en.contains("Wrong passphrase"), "{en}");
        let ja = i18n::backup_file_error(Lang::Ja, &e);
        assert!(ja.contains("不完全") && ja.contains("もう一度"), "{ja}");
        assert!(!ja.contains("パスフレーズが違います"), "{ja}");
    }
    assert!(i18n::backup_file_error(Lang::En, &VaultError::IncompleteOrDamaged).contains("The passphrase is right"));
}

// ---- Item 7: an old passphrase after a change elsewhere ----

/// The unlock screen tells the passphrase the vault had before another tab changed it from a
/// wrong one by the passphrase slot: its salt changes with every change.
#[test]
fn a_passphrase_change_shows_in_the_slot_salt() {
    let mut v = Unlocked::create(two_accounts(), PASS, FAST_KDF, &mut OsRandom).expect("create");
    let before = v.seal(&mut OsRandom).expect("seal");
    let again = v.seal(&mut OsRandom).expect("seal");
    assert_eq!(vault::passphrase_salt_of(&before), vault::passphrase_salt_of(&again), "an ordinary save keeps the slot");
    v.change_passphrase("a new and long passphrase", FAST_KDF, &mut OsRandom).expect("change");
    let after = v.seal(&mut OsRandom).expect("seal");
    assert_ne!(vault::passphrase_salt_of(&before), vault::passphrase_salt_of(&after));
    assert!(vault::passphrase_salt_of(b"not a vault").is_none());
    // The old passphrase opens the record it replaced: that is what the message rests on.
    assert!(Unlocked::open(&before, PASS).is_ok());
    assert_eq!(Unlocked::open(&after, PASS).err(), Some(VaultError::WrongPassphraseOrDamaged));
    let said = i18n::pass_changed_elsewhere(Lang::En);
    assert!(said.contains("changed in another tab") && said.contains("new passphrase") && !said.contains("restore"), "{said}");
}

// ---- Item 5: a restore keeps the limits every writer keeps ----

/// The issue's file: a 3,000,000-character issuer, a 2,100-letter name, 25 tags, a 5,000-character
/// backup code, a secret over the limit, beside ordinary entries and one the reader keeps unread.
fn over_the_limits() -> Content {
    let good = two_accounts();
    let mut json = serde_json::to_value(&good).expect("json");
    let accounts = json["accounts"].as_array_mut().expect("accounts");
    accounts.push(serde_json::json!({
        "id": 901, "added_ms": 1,
        "uri": format!("otpauth://totp/{0}:me?secret={SECRET_B32}&issuer={0}", "I".repeat(3_000_000)),
    }));
    accounts.push(serde_json::json!({
        "id": 902, "added_ms": 1,
        "uri": format!("otpauth://totp/Long:{}?secret={SECRET_B32}&issuer=Long", "n".repeat(2_100)),
        "tags": (0..25).map(|i| format!("tag{i}")).collect::<Vec<_>>(),
    }));
    accounts.push(serde_json::json!({
        "id": 903, "added_ms": 1, "uri": null, "issuer": "Codes", "name": "site",
        "tags": ["t".repeat(40), "ok"],
        "backup": { "shape": "Generic", "added_ms": 1, "codes": [{ "code": "a1".repeat(2_500) }, { "code": "abc12345" }] },
    }));
    accounts.push(serde_json::json!({
        "id": 904, "added_ms": 1,
        "uri": format!("otpauth://totp/Huge:key?secret={}&issuer=Huge", "A".repeat(2_000)),
    }));
    accounts.push(serde_json::json!({
        "id": 905, "added_ms": 1, "uri": null,
        "backup": { "shape": "Generic", "added_ms": 1, "codes": [{ "code": "" }] },
    }));
    accounts.push(serde_json::json!({ "id": 906, "something": "a newer version's entry" }));
    serde_json::from_str(&json.to_string()).expect("tolerant reader")
}

#[test]
fn a_restore_keeps_every_entry_within_the_writers_limits_and_says_what_it_changed() {
    let file = backup_of(over_the_limits(), FAST_KDF);
    let opened = Unlocked::open(&file, PASS).expect("opens");
    assert_eq!(opened.content.accounts.len(), 7, "the reader reads everything, however long");
    let (restored, said) = opened.clone().into_restored(PASS, &mut OsRandom).expect("restored");
    let c = &restored.content;

    // The ordinary entries come back untouched, the unread one carried as it was.
    for (mine, theirs) in c.accounts.iter().zip(&opened.content.accounts).take(2) {
        assert_eq!(mine, theirs);
    }
    assert_eq!(c.unreadable, opened.content.unreadable);

    let by_id = |id| c.get(id);
    let long_issuer = by_id(901).expect("kept, shortened");
    assert_eq!(long_issuer.label().0, "I".repeat(MAX_LABEL_LEN));
    assert_eq!(long_issuer.account().expect("account").secret, opened.content.get(901).and_then(|a| a.account()).expect("account").secret, "the secret is unchanged");
    let long_name = by_id(902).expect("kept");
    assert_eq!(long_name.label(), ("Long".to_owned(), "n".repeat(MAX_LABEL_LEN)));
    assert_eq!(long_name.tags.len(), MAX_TAGS);
    assert_eq!(long_name.tags[0], "tag0");
    let codes = by_id(903).expect("kept");
    assert_eq!(codes.backup_codes.as_ref().map(|b| b.codes.iter().map(|c| c.code.clone()).collect::<Vec<_>>()), Some(vec!["abc12345".to_owned()]));
    assert_eq!(codes.tags, vec!["t".repeat(MAX_TAG_LEN), "ok".to_owned()]);
    assert!(by_id(904).is_none(), "a secret over the limit is not restored (it cannot be cut)");
    assert!(by_id(905).is_none(), "an entry left with nothing to show is not restored");
    for a in &c.accounts {
        let (issuer, name) = a.label();
        assert!(issuer.encode_utf16().count() <= MAX_LABEL_LEN && name.encode_utf16().count() <= MAX_LABEL_LEN);
        assert!(a.tags.len() <= MAX_TAGS && a.tags.iter().all(|t| t.encode_utf16().count() <= MAX_TAG_LEN));
        assert!(a.backup_codes.iter().chain(&a.revoked).flat_map(|s| &s.codes).all(|c| !c.code.is_empty() && c.code.len() <= MAX_CODE_CHARS));
        if let Some(account) = a.account() {
            assert!(authenticator::uri::storable(&account).is_ok(), "every account restored is one add would store");
        }
    }

    // Each change is said, naming the entry (shortened to show) and the field and limit.
    let whats: Vec<&Adjustment> = said.iter().map(|a| &a.what).collect();
    assert!(whats.contains(&&Adjustment::Shortened { field: Field::Issuer, len: 3_000_000, max: MAX_LABEL_LEN }));
    assert!(whats.contains(&&Adjustment::Shortened { field: Field::Name, len: 2_100, max: MAX_LABEL_LEN }));
    assert!(whats.contains(&&Adjustment::TooManyTags { count: 25, max: MAX_TAGS }));
    assert!(whats.contains(&&Adjustment::TagsShortened { count: 1, max: MAX_TAG_LEN }));
    assert!(whats.contains(&&Adjustment::CodesLeftOut { count: 1, max: MAX_CODE_CHARS }));
    assert!(whats.contains(&&Adjustment::LeftOut(FieldError::Secret(SecretError::TooLong { chars: 2_000 }))));
    assert!(whats.contains(&&Adjustment::LeftOut(FieldError::NoName)));
    assert_eq!(said.len(), 7, "{said:?}");
    assert!(said.iter().all(|a| a.issuer.chars().count() <= vault::SHOWN_CHARS + 1 && a.name.chars().count() <= vault::SHOWN_CHARS + 1));
    let text = i18n::restore_adjustments(Lang::En, &said);
    assert!(text.contains("service name shortened to 256 characters (it had 3000000"), "{text}");
    assert!(text.contains("25 tags, more than the 20 allowed"), "{text}");
    assert!(text.contains("“Huge: key” was not restored: The secret key has 2000 characters"), "{text}");
    assert!(text.len() < 10_000, "the message names entries without repeating them whole");
    let ja = i18n::restore_adjustments(Lang::Ja, &said);
    assert!(ja.contains("256文字に短くしました") && ja.contains("復元しませんでした"), "{ja}");

    // Written like any other change: what is stored reads back as it is.
    let mut restored = restored;
    let stored = restored.seal(&mut OsRandom).expect("seal");
    assert_eq!(Unlocked::open(&stored, PASS).expect("reopens").content, restored.content);

    // Merge and replace take the same entries (the settings form brings the backup within the
    // limits the same way before either).
    let mut backup = opened.content.clone();
    assert_eq!(backup.keep_within_limits(), said);
    let mut here = two_accounts();
    here.merge(&backup);
    assert!(here.accounts.iter().all(|a| a.label().0.len() <= MAX_LABEL_LEN && a.tags.len() <= MAX_TAGS));
}

/// A backup this app made, within every limit, comes back exactly as it was, with nothing said.
#[test]
fn a_backup_within_the_limits_comes_back_unchanged() {
    let file = backup_of(two_accounts(), FAST_KDF);
    let opened = Unlocked::open(&file, PASS).expect("opens");
    let (restored, said) = opened.clone().into_restored(PASS, &mut OsRandom).expect("restored");
    assert!(said.is_empty(), "{said:?}");
    assert_eq!(restored.content.accounts, opened.content.accounts);
    assert_eq!(restored.content.backup_made_ms(), None, "when the file was made belongs to the file");
}

// ---- Item 5: re-sealed with this app's key derivation; foreign slots dropped ----

/// `bytes` (opened with `PASS`) sealed again with `extra` slots added after its own, as a
/// hand-made or damaged file could be: the master key unwrapped and the content re-encrypted here,
/// by the format's own rules (docs/vault.md), not by the app's writer.
fn with_extra_slots(bytes: &[u8], extra: Vec<Slot>) -> Vec<u8> {
    let mut env = Envelope::parse(bytes).expect("parse");
    let Slot::Passphrase(p) = &env.slots[0] else { panic!("passphrase slot first") };
    let job = Unlocked::unlock_jobs(bytes).expect("jobs")[0];
    let kek = job.derive(PASS.as_bytes()).expect("derive");
    let master = Aes256Gcm::new(kek.as_bytes().into())
        .decrypt(Nonce::from_slice(&p.nonce), Payload { msg: &p.wrapped, aad: &p.aad() })
        .expect("unwrap");
    let cipher = Aes256Gcm::new_from_slice(&master).expect("key");
    let plain = cipher.decrypt(Nonce::from_slice(&env.nonce), Payload { msg: &env.ciphertext, aad: &env.header() }).expect("content");
    env.slots.extend(extra);
    env.ciphertext = cipher.encrypt(Nonce::from_slice(&env.nonce), Payload { msg: &plain, aad: &env.header() }).expect("seal");
    env.to_bytes()
}

fn stored_slots(v: &mut Unlocked) -> Vec<Slot> {
    Envelope::parse(&v.seal(&mut OsRandom).expect("seal")).expect("parse").slots
}

/// The issue's file: Argon2id 8 KiB × 1 pass, a malformed passkey slot and one of an unknown
/// type. It opens (within the caps); restored, it is sealed under a fresh key in exactly one
/// passphrase slot at this app's default cost, and opens with the same passphrase.
#[test]
fn a_restore_reseals_with_this_apps_key_derivation_and_drops_foreign_slots() {
    let weak = backup_of(two_accounts(), FAST_KDF);
    let file = with_extra_slots(&weak, vec![
        Slot::Unknown { kind: vault::SLOT_PASSKEY, body: vec![0xff; 40] },
        Slot::Unknown { kind: 9, body: vec![1, 2, 3] },
    ]);
    let opened = Unlocked::open(&file, PASS).expect("the hand-made file opens");
    assert_eq!(opened.kdf(), Some(FAST_KDF));
    let accounts = opened.content.accounts.clone();
    let mut kept = opened.clone();
    assert_eq!(stored_slots(&mut kept).len(), 3, "an ordinary save keeps every slot, as the format says");

    let (mut restored, _) = opened.into_restored(PASS, &mut OsRandom).expect("restored");
    assert_eq!(restored.kdf(), Some(DEFAULT_KDF));
    let slots = stored_slots(&mut restored);
    assert_eq!(slots.len(), 1, "{slots:?}");
    let Slot::Passphrase(p) = &slots[0] else { panic!("one passphrase slot") };
    assert_eq!(p.kdf, DEFAULT_KDF);
    let stored = restored.seal(&mut OsRandom).expect("seal");
    assert_eq!(Unlocked::open(&stored, PASS).expect("the backup's passphrase opens it").content.accounts, accounts);
    assert!(Unlocked::open(&file, "wrong").is_err());

    // A well-formed passkey slot (another device's) is dropped too: backups leave passkeys out.
    let mut with_passkey = Unlocked::create(two_accounts(), PASS, FAST_KDF, &mut OsRandom).expect("create");
    with_passkey.add_passkey(b"cred-1", "phone", 1, vault::new_prf_salt(&mut OsRandom), &[7u8; 32], &mut OsRandom).expect("passkey");
    let bytes = with_passkey.seal(&mut OsRandom).expect("seal");
    let (mut restored, _) = Unlocked::open(&bytes, PASS).expect("open").into_restored(PASS, &mut OsRandom).expect("restored");
    assert!(restored.passkeys().is_empty());
    assert_eq!(stored_slots(&mut restored).len(), 1);
}

/// Never weaker than the default: a weaker or mixed file gets the default; one at least as
/// strong in memory and passes keeps its own.
#[test]
fn the_restored_key_derivation_is_never_weaker_than_the_default() {
    let k = |memory_kib, iterations, parallelism| KdfParams { memory_kib, iterations, parallelism };
    assert_eq!(vault::restore_kdf(None), DEFAULT_KDF);
    assert_eq!(vault::restore_kdf(Some(FAST_KDF)), DEFAULT_KDF);
    assert_eq!(vault::restore_kdf(Some(k(256 * 1024, 1, 1))), DEFAULT_KDF, "more memory, fewer passes: the default");
    assert_eq!(vault::restore_kdf(Some(k(32 * 1024, 8, 1))), DEFAULT_KDF, "more passes, less memory: the default");
    assert_eq!(vault::restore_kdf(Some(DEFAULT_KDF)), DEFAULT_KDF);
    assert_eq!(vault::restore_kdf(Some(k(128 * 1024, 4, 2))), k(128 * 1024, 4, 2), "stronger: kept");
    assert_eq!(vault::restore_kdf(Some(k(1024 * 1024, 64, 1))), DEFAULT_KDF, "over the caps: never");
    for file in [FAST_KDF, k(256 * 1024, 1, 1), k(128 * 1024, 4, 2)] {
        let kdf = vault::restore_kdf(Some(file));
        assert!(kdf.memory_kib >= DEFAULT_KDF.memory_kib && kdf.iterations >= DEFAULT_KDF.iterations);
        assert!(vault::check_kdf(kdf).is_ok());
    }
}

// ---- Item 7: scrypt parameters named for what they are ----

fn aegis_with(n: u64, r: u32, p: u32) -> String {
    let slot = serde_json::json!({
        "type": 1, "uuid": "x", "key": "00".repeat(32), "key_params": { "nonce": "00".repeat(12), "tag": "00".repeat(16) },
        "n": n, "r": r, "p": p, "salt": "11".repeat(32),
    });
    serde_json::json!({ "version": 1, "header": { "slots": [slot], "params": { "nonce": "00".repeat(12), "tag": "00".repeat(16) } }, "db": "AAAA" }).to_string()
}

/// N = 2^20 with r = 1 (and N = 2^21, r = 1, p = 2) are not scrypt parameters at all: RFC 7914
/// requires N < 2^(16·r); RustCrypto's `scrypt`, OpenSSL (Node's `crypto.scrypt`) and Bouncy
/// Castle, which Aegis uses ("Cost parameter N must be > 1 and < 65536"), all refuse them. Before,
/// the first reached the worker, which could not derive, and the page blamed a lack of memory;
/// the second was called too costly, with "256 MiB … more than this app allows (256 MiB)".
#[test]
fn invalid_scrypt_parameters_are_named_invalid_before_any_work() {
    for (n, r, p) in [(1u64 << 20, 1u32, 1u32), (1 << 21, 1, 2), (1 << 16, 1, 1), (3 << 10, 8, 1), (1 << 10, 8, 0)] {
        let file = aegis_with(n, r, p);
        assert_eq!(import::kdf_jobs(file.as_bytes()).err(), Some(ImportError::KdfInvalid { n, r, p }), "N={n} r={r} p={p}");
        assert_eq!(import::import(file.as_bytes(), Some("test")).err(), Some(ImportError::KdfInvalid { n, r, p }));
    }
    let en = i18n::import_error(Lang::En, &ImportError::KdfInvalid { n: 1 << 20, r: 1, p: 1 });
    assert!(en.contains("N=1048576, r=1, p=1, which are not valid scrypt parameters"), "{en}");
    assert!(en.contains("with r=1, N can be at most 32768"), "{en}");
    assert!(!en.contains("memory"), "{en}");
    let ja = i18n::import_error(Lang::Ja, &ImportError::KdfInvalid { n: 1 << 21, r: 1, p: 2 });
    assert!(ja.contains("有効なパラメータではありません") && ja.contains("最大 32768"), "{ja}");
    // The worker's entry point refuses them by name too (it never did the work).
    let job = import::aegis::ScryptJob { salt: vec![0; 32], log_n: 20, r: 1, p: 1 };
    assert_eq!(job.derive(b"x").err(), Some(ImportError::KdfInvalid { n: 1 << 20, r: 1, p: 1 }));
    // The largest N with r = 1 is valid, and derives RFC 7914's first vector (section 12:
    // P = "", S = "", N = 16, r = 1, p = 1; its first 32 bytes).
    assert!(import::aegis::scrypt_valid(1 << 15, 1, 1) && !import::aegis::scrypt_valid(1 << 16, 1, 1));
    let rfc = import::aegis::ScryptJob { salt: Vec::new(), log_n: 4, r: 1, p: 1 }.derive(b"").expect("valid");
    assert_eq!(
        rfc.as_slice(),
        [
            0x77, 0xd6, 0x57, 0x62, 0x38, 0x65, 0x7b, 0x20, 0x3b, 0x19, 0xca, 0x42, 0xc1, 0x8a, 0x04, 0x97, 0xf1, 0x6b, 0x48, 0x44, 0xe3, 0x07, 0x4a, 0xe8, 0xdf, 0xdf, 0xfa, 0x3f, 0xed,
            0xe2, 0x14, 0x42
        ]
    );
}

/// Too costly is said with the number that is over and the cap it is over, and they agree: the
/// memory scrypt takes (its table and working blocks) is never shown as the cap itself.
#[test]
fn too_costly_scrypt_says_what_is_over_and_the_numbers_agree() {
    let at_cap = ImportError::KdfTooCostly { n: 1 << 18, r: 8, p: 1 };
    assert_eq!(import::kdf_jobs(aegis_with(1 << 18, 8, 1).as_bytes()).err(), Some(at_cap.clone()));
    let en = i18n::import_error(Lang::En, &at_cap);
    assert!(en.contains("N=262144, r=8, p=1: 256 MiB + 3 KiB of memory, more than the 256 MiB this app allows"), "{en}");
    let big = i18n::import_error(Lang::En, &ImportError::KdfTooCostly { n: 1 << 20, r: 16, p: 1 });
    assert!(big.contains("N=1048576, r=16, p=1: 2048 MiB + 6 KiB of memory, more than the 256 MiB"), "{big}");
    let p4 = i18n::import_error(Lang::En, &ImportError::KdfTooCostly { n: 1 << 15, r: 8, p: 4 });
    assert!(p4.contains("N=32768, r=8, p=4: the work 4 times over (p), more than the 2 times this app allows"), "{p4}");
    assert!(!p4.contains("of memory"), "32 MiB is within the cap: not named as over it: {p4}");
    let ja = i18n::import_error(Lang::Ja, &at_cap);
    assert!(ja.contains("メモリ 256 MiB + 3 KiB（このアプリの上限 256 MiB を超えています）"), "{ja}");
    // Whatever is refused as too costly states a number over its cap.
    for (n, r, p) in [(1u64 << 18, 8u32, 1u32), (1 << 21, 1 << 1, 1), (1 << 16, 32, 2), (1 << 15, 8, 3)] {
        let e = ImportError::KdfTooCostly { n, r, p };
        let said = i18n::import_error(Lang::En, &e);
        assert!(said.contains("more than the"), "{said}");
        assert!(!said.contains("256 MiB of memory"), "{said}");
    }
}

/// tests/e2e/restore-writer.test.mjs makes the issue's backup by hand in Node, which has no
/// Argon2id: its key is this one, derived here by the app's own code for the same passphrase,
/// salt and cost, so the file the browser is given is one this app reads.
#[test]
fn the_end_to_end_hand_made_backup_uses_the_apps_own_key() {
    let kek = vault::derive_kek(PASS.as_bytes(), &[0x42; 16], FAST_KDF).expect("derive");
    let hex: String = kek.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let e2e = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/restore-writer.test.mjs")).expect("e2e file");
    assert!(e2e.contains(&format!("const WEAK_KEK = Buffer.from('{hex}', 'hex');")), "the e2e's WEAK_KEK should be {hex}");
}

/// A name older versions stored (only zero-width and bidi characters, which today's writers refuse)
/// never costs the entry its place in a restore: the name is emptied and said, the secret kept.
#[test]
fn an_older_backup_with_an_invisible_name_restores_the_entry() {
    let good = two_accounts();
    let mut json = serde_json::to_value(&good).expect("json");
    json["accounts"].as_array_mut().expect("accounts").push(serde_json::json!({
        "id": 905, "added_ms": 1,
        "uri": format!("otpauth://totp/%E2%80%8B%E2%80%AE:me?secret={SECRET_B32}&issuer=%E2%80%8B%E2%80%AE"),
    }));
    let mut backup: Content = serde_json::from_str(&json.to_string()).expect("content");
    let before = backup.accounts.len();
    let said = backup.keep_within_limits();
    assert_eq!(backup.accounts.len(), before, "no entry left out: {said:?}");
    assert_eq!(said.iter().map(|a| &a.what).collect::<Vec<_>>(), vec![&Adjustment::Invisible { field: Field::Issuer }]);
    let kept = backup.accounts.iter().find(|a| a.label().1 == "me").expect("kept");
    assert_eq!(kept.label().0, "");
    assert_eq!(kept.account().expect("still an account").secret, good.accounts[0].account().expect("account").secret);
    let ja = i18n::restore_adjustments(Lang::Ja, &said);
    assert!(ja.contains("見える文字がなかった"), "{ja}");
}

/// A restored file carries its own save counter: one at the end of the range is refused when
/// sealed, never a panic or a wrap to 0 (which another tab would read as older).
#[test]
fn a_save_counter_at_its_end_is_refused_not_wrapped() {
    let mut v = Unlocked::create(two_accounts(), PASS, FAST_KDF, &mut OsRandom).expect("create");
    v.revision = u64::MAX;
    assert!(v.seal(&mut OsRandom).is_err());
    assert_eq!(v.revision, u64::MAX);
}
