//! The vault format: round-trips, refusals, tamper resistance, passphrase change, the fixture.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use authenticator::uri;
use authenticator::vault::{self, Content, Envelope, KdfParams, Slot, Unlocked, VaultError, DEFAULT_KDF, MAGIC};
use authenticator::backup_codes::{CodeSet, Shape};
use common::{OsRandom, FAST_KDF};

const PASS: &str = "correct horse battery staple";
const SECRET_B32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn content_with(n: usize) -> Content {
    let mut c = Content::default();
    for i in 0..n {
        let link = format!("otpauth://totp/Issuer{i}:user{i}@example.com?secret={SECRET_B32}&issuer=Issuer{i}");
        c.add(&uri::parse(&link).expect("valid").account, 1_700_000_000_000 + i as u64).expect("storable");
    }
    c
}

/// `c` with entry `index`'s link replaced by `uri`, as an earlier version (writing under looser
/// limits) or damage left it: through the stored JSON, which is how such text reaches the reader.
fn with_stored_uri(c: &Content, index: usize, uri: serde_json::Value) -> Content {
    let mut json = serde_json::to_value(c).expect("json");
    json["accounts"][index]["uri"] = uri;
    serde_json::from_str(&json.to_string()).expect("tolerant")
}

fn sealed(n: usize) -> (Unlocked, Vec<u8>) {
    let mut v = Unlocked::create(content_with(n), PASS, FAST_KDF, &mut OsRandom).expect("create");
    let bytes = v.seal(&mut OsRandom).expect("seal");
    (v, bytes)
}

#[test]
fn seal_then_open_gives_the_same_content() {
    let (v, bytes) = sealed(3);
    let opened = Unlocked::open(&bytes, PASS).expect("open");
    assert_eq!(opened.content, v.content);
    assert_eq!(opened.revision, 1);
    assert_eq!(opened.kdf(), Some(FAST_KDF));
}

#[test]
fn every_save_uses_a_fresh_nonce_and_the_next_revision() {
    let (mut v, first) = sealed(1);
    let second = v.seal(&mut OsRandom).expect("seal");
    let (a, b) = (Envelope::parse(&first).expect("a"), Envelope::parse(&second).expect("b"));
    assert_ne!(a.nonce, b.nonce);
    assert_eq!((a.revision, b.revision), (1, 2));
    assert_eq!(vault::revision_of(&second), Ok(2));
}

#[test]
fn wrong_passphrase_is_refused() {
    let (_, bytes) = sealed(1);
    assert_eq!(Unlocked::open(&bytes, "correct horse battery stapler").err(), Some(VaultError::WrongPassphraseOrDamaged));
    assert_eq!(Unlocked::open(&bytes, "").err(), Some(VaultError::WrongPassphraseOrDamaged));
}

#[test]
fn flipping_any_byte_is_refused() {
    let (_, bytes) = sealed(2);
    for i in 0..bytes.len() {
        for mask in [0x01u8, 0x80] {
            let mut bad = bytes.clone();
            bad[i] ^= mask;
            assert!(Unlocked::open(&bad, PASS).is_err(), "byte {i} ^ {mask:#04x} was accepted");
        }
    }
}

#[test]
fn every_truncation_is_refused() {
    let (_, bytes) = sealed(1);
    for len in 0..bytes.len() {
        assert!(Unlocked::open(&bytes[..len], PASS).is_err(), "truncated to {len} bytes was accepted");
    }
    assert_eq!(Unlocked::open(&bytes[..5], PASS).err(), Some(VaultError::Truncated));
    assert_eq!(Unlocked::open(b"{\"not\":\"a vault\"}", PASS).err(), Some(VaultError::NotAVault));
}

#[test]
fn newer_versions_are_refused_with_their_number() {
    let (mut v, bytes) = sealed(1);
    let mut newer = bytes.clone();
    newer[8..10].copy_from_slice(&2u16.to_be_bytes());
    assert_eq!(Unlocked::open(&newer, PASS).err(), Some(VaultError::NewerEnvelope { found: 2 }));

    v.content.version = 7;
    let newer_content = v.seal(&mut OsRandom).expect("seal");
    assert_eq!(Unlocked::open(&newer_content, PASS).err(), Some(VaultError::NewerContent { found: 7 }));
}

#[test]
fn unknown_slot_types_are_kept_byte_for_byte() {
    let (_, bytes) = sealed(1);
    let mut env = Envelope::parse(&bytes).expect("parse");
    env.slots.push(Slot::Unknown { kind: 9, body: vec![1, 2, 3] });
    assert_eq!(Envelope::parse(&env.to_bytes()).expect("reparse"), env);
}

#[test]
fn a_slot_added_without_resealing_is_refused() {
    let (_, bytes) = sealed(1);
    let mut env = Envelope::parse(&bytes).expect("parse");
    env.slots.push(Slot::Unknown { kind: 9, body: vec![1, 2, 3] });
    // The header is the content's associated data: the old ciphertext no longer matches it. The
    // passphrase still opens its slot, so it is the file that is said to be damaged, not the
    // passphrase to be wrong.
    assert_eq!(Unlocked::open(&env.to_bytes(), PASS).err(), Some(VaultError::IncompleteOrDamaged));
    assert_eq!(Unlocked::open(&env.to_bytes(), "another passphrase").err(), Some(VaultError::WrongPassphraseOrDamaged));
}

#[test]
fn absurd_kdf_parameters_are_refused_before_hashing() {
    let big = KdfParams { memory_kib: 4 * 1024 * 1024, iterations: 3, parallelism: 1 };
    assert_eq!(Unlocked::create(Content::default(), PASS, big, &mut OsRandom).err(), Some(VaultError::KdfTooCostly { kdf: big }));
}

#[test]
fn debug_output_has_no_secrets_or_names() {
    let (v, _) = sealed(1);
    let printed = format!("{v:?}");
    assert!(!printed.contains(SECRET_B32) && !printed.contains("Issuer0") && !printed.contains("user0"), "{printed}");
}

/// Every type that holds a secret or a backup code prints neither.
#[test]
fn every_secret_holding_type_has_a_redacting_debug() {
    use authenticator::account::ManualEntry;
    use authenticator::import::migration;
    let mut c = content_with(1);
    let id = c.accounts[0].id;
    assert!(c.set_codes(id, CodeSet::new(Shape::Alnum12, vec!["q7w8e9r0t1y2".into()], 1), 1));
    let entry = ManualEntry { issuer: "GitHub".into(), secret: SECRET_B32.into(), ..ManualEntry::default() };
    let account = c.accounts[0].account().expect("account");
    let otp = migration::OtpParameters { secret: account.secret.as_bytes().to_vec(), ..Default::default() };
    let found = authenticator::backup_codes::extract("q7w8-e9r0-t1y2\na1b2-c3d4-e5f6").expect("found");
    let printed = format!("{c:?} {:?} {entry:?} {account:?} {otp:?} {found:?}", c.accounts[0]);
    // The secret as text, as Base32, and as the list of byte values a derived Debug prints.
    for secret in [SECRET_B32, "12345678901234567890", "49, 50, 51", "q7w8e9r0t1y2", "a1b2"] {
        assert!(!printed.contains(secret), "{secret} in {printed}");
    }
}

#[test]
fn merge_preview_and_merge_keep_everything() {
    let mut here = content_with(2);
    let mut backup = content_with(3); // Issuer0, Issuer1 identical; Issuer2 new
    let other_secret = uri::parse("otpauth://totp/Issuer0:user0@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Issuer0").expect("valid");
    let conflict_id = backup.add(&other_secret.account, 0).expect("storable");
    let preview = here.preview_merge(&backup);
    assert_eq!(preview.unchanged, vec![backup.accounts[0].id, backup.accounts[1].id]);
    assert_eq!(preview.added, vec![backup.accounts[2].id]);
    assert_eq!(preview.conflicting, vec![conflict_id]);
    assert_eq!(here.merge(&backup), 2);
    assert_eq!(here.accounts.len(), 4);
    assert!(here.preview_merge(&backup).added.is_empty(), "merging twice adds nothing more");
}

/// The committed fixture (docs/vault.md): passphrase "correct horse battery staple", default KDF.
#[test]
fn committed_fixture_decrypts() {
    let bytes = std::fs::read("tests/fixtures/vault-v1.bin").expect("fixture");
    assert_eq!(&bytes[..8], MAGIC);
    let v = Unlocked::open(&bytes, PASS).expect("fixture opens with the documented passphrase");
    assert_eq!(v.kdf(), Some(DEFAULT_KDF));
    assert_eq!(v.content.accounts.len(), 2);
    assert_eq!(v.content.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2], "ids written as 1, 2 are kept");
    let rfc = v.content.accounts[0].account().expect("account");
    assert_eq!(rfc.issuer, "RFC 6238");
    // RFC 6238 Appendix B, SHA1, T = 59.
    assert_eq!(rfc.generator().at_time(59).as_plain(), "94287082");
    let hotp = v.content.accounts[1].account().expect("account");
    // RFC 4226 Appendix D, counter 5.
    assert_eq!(hotp.generator().at_time(0).as_plain(), "254676");
}

/// Content version 1 (the committed fixture) opens as the current version: accounts unchanged,
/// no backup codes, default threshold, no tags or pins, manual order; what is added afterwards
/// survives sealing and reopening.
#[test]
fn version_1_content_migrates_to_the_current_version() {
    let bytes = std::fs::read("tests/fixtures/vault-v1.bin").expect("fixture");
    let mut v = Unlocked::open(&bytes, PASS).expect("opens");
    assert_eq!(v.content.version, 3);
    assert_eq!(v.content.settings, vault::Settings::default());
    assert!(v.content.accounts.iter().all(|a| a.backup_codes.is_none() && a.revoked.is_empty() && a.uri().is_some()));
    assert!(v.content.accounts.iter().all(|a| a.tags.is_empty() && !a.pinned && a.last_used_ms.is_none()));
    let codes = CodeSet::new(Shape::Digits8, vec!["12345678".into(), "23456789".into()], 5);
    assert!(v.content.set_codes(1, codes, 5));
    assert!(v.content.mark_code(1, "12345678", Some(9)));
    let site = v.content.add_site("PlayStation", "taro", CodeSet::new(Shape::Digits, vec!["123456".into()], 6), 6).expect("storable");
    assert_eq!(v.content.edit_label(2, "RFC 4226", "bob", vec!["test".into()]), Ok(true));
    assert!(v.content.set_pinned(2, true) && v.content.touch(1, 77));
    let resealed = v.seal(&mut OsRandom).expect("seal");
    let again = Unlocked::open(&resealed, PASS).expect("reopen");
    assert_eq!(again.content, v.content);
    let set = again.content.accounts[0].backup_codes.as_ref().expect("codes kept");
    assert_eq!((set.remaining(), set.codes[0].used_ms), (1, Some(9)));
    let ps = again.content.get(site).expect("site");
    assert!(ps.account().is_none());
    assert_eq!(ps.label(), ("PlayStation".to_owned(), "taro".to_owned()));
}

#[test]
fn a_new_set_revokes_the_old_one() {
    let mut c = content_with(1);
    let id = c.accounts[0].id;
    c.set_codes(id, CodeSet::new(Shape::Digits8, vec!["11111111".into()], 1), 1);
    c.set_codes(id, CodeSet::new(Shape::Digits8, vec!["22222222".into()], 2), 2);
    let entry = c.get(id).expect("entry");
    assert_eq!(entry.backup_codes.as_ref().map(|b| b.codes[0].code.clone()), Some("22222222".into()));
    assert_eq!(entry.revoked.len(), 1);
    assert_eq!(entry.revoked[0].revoked_ms, Some(2));
    assert!(!c.mark_code(id, "11111111", Some(3)), "a revoked code cannot be marked from the current set");
}

#[test]
fn merge_carries_backup_codes_and_their_use() {
    let mut here = content_with(1);
    let mut backup = content_with(1);
    let mut codes = CodeSet::new(Shape::Digits8, vec!["11111111".into(), "22222222".into()], 1);
    codes.set_used("11111111", Some(4));
    let with_codes = backup.accounts[0].id;
    backup.set_codes(with_codes, codes, 1);
    let site = backup.add_site("X", "", CodeSet::new(Shape::Alnum12, vec!["a1b2c3d4e5f6".into()], 1), 1).expect("storable");
    let preview = here.preview_merge(&backup);
    assert_eq!(preview.conflicting, vec![with_codes], "same account, different codes: kept side by side");
    assert_eq!(preview.added, vec![site]);
    assert_eq!(here.merge(&backup), 2);
    assert_eq!(here.accounts[1].backup_codes.as_ref().map(CodeSet::remaining), Some(1));
    assert!(here.accounts[2].account().is_none());
    assert!(here.preview_merge(&backup).added.is_empty());
}

/// An entry the reader cannot use (here one with neither URI nor label nor codes, one whose URI
/// does not parse, and one that is not even an entry's shape) never keeps the vault shut: the
/// others open, and the unreadable ones are kept byte for byte through later saves.
#[test]
fn unreadable_entries_are_kept_and_the_rest_opens() {
    let c = content_with(4);
    let taken: Vec<u64> = c.accounts.iter().map(|a| a.id).collect();
    let mut json = serde_json::to_value(&c).expect("json");
    json["accounts"][0]["uri"] = serde_json::Value::Null;
    json["accounts"][2]["uri"] = "otpauth://totp/X:y?secret=NOT*BASE32".into();
    json["accounts"].as_array_mut().expect("array").push(serde_json::json!({ "id": "seven", "uri": 7, "future": [1, {"x": "ü"}] }));
    let c: Content = serde_json::from_str(&json.to_string()).expect("tolerant");
    assert_eq!(c.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), vec![taken[1], taken[3]]);
    assert_eq!(c.unreadable.len(), 3);
    let raws: Vec<String> = c.unreadable.iter().map(|u| u.raw_json().to_owned()).collect();
    assert!(raws[2].contains(r#""future":[1,{"x":"ü"}]"#), "kept as written: {}", raws[2]);

    let mut v = Unlocked::create(c, PASS, FAST_KDF, &mut OsRandom).expect("create");
    let bytes = v.seal(&mut OsRandom).expect("seal");
    let mut opened = Unlocked::open(&bytes, PASS).expect("a vault with broken entries still opens");
    assert_eq!(opened.content, v.content);
    // Saved again after an edit: the unreadable entries are still there, byte for byte, and new
    // ids never reuse theirs.
    let link = format!("otpauth://totp/New:me?secret={SECRET_B32}");
    let id = opened.content.add(&uri::parse(&link).expect("uri").account, 9).expect("storable");
    assert!(!taken.contains(&id), "a new id is none of the readable or unreadable entries' ids");
    let again = Unlocked::open(&opened.seal(&mut OsRandom).expect("seal"), PASS).expect("opens");
    assert_eq!(again.content.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), vec![taken[1], taken[3], id], "no entry renumbered");
    assert_eq!(again.content.unreadable.iter().map(|u| u.raw_json().to_owned()).collect::<Vec<_>>(), raws);
    // Deleting one is the user's choice.
    let mut c = again.content.clone();
    assert!(c.remove_unreadable(0));
    assert_eq!(c.unreadable.len(), 2);
}

/// Issue 12, case 1: what a writer accepts, the reader reads. A 256-emoji issuer and a 300-kanji
/// or 2,100-letter name are refused with the field and its limit; labels at the limit in the
/// widest characters (every one percent-encoded to 9 characters, twice for the issuer) are stored
/// and read back, the vault opens, and a backup of it restores.
#[test]
fn long_labels_are_refused_at_the_writer_and_the_longest_allowed_reads_back() {
    use authenticator::account::{Field, FieldError, MAX_LABEL_LEN};
    let mut c = content_with(1);
    let emoji = "😀".repeat(256);
    let link = format!("otpauth://totp/X:a?secret={SECRET_B32}&issuer={emoji}");
    let refused = uri::parse(&link).err();
    assert_eq!(refused, Some(uri::UriError::Field(FieldError::TooLong { field: Field::Issuer, max: MAX_LABEL_LEN, len: 512 })));
    let mut a = c.accounts[0].account().expect("a");
    a.issuer = emoji;
    let first = c.accounts[0].id;
    assert_eq!(c.add(&a, 1).err(), Some(FieldError::TooLong { field: Field::Issuer, max: MAX_LABEL_LEN, len: 512 }));
    assert_eq!(c.edit_label(first, "X", &"漢".repeat(300), vec![]).err(), Some(FieldError::TooLong { field: Field::Name, max: MAX_LABEL_LEN, len: 300 }));
    assert_eq!(c.edit_label(first, &"a".repeat(2100), "x", vec![]).err(), Some(FieldError::TooLong { field: Field::Issuer, max: MAX_LABEL_LEN, len: 2100 }));
    assert_eq!(c.accounts.len(), 1, "nothing changed");

    // At the limit, with characters that encode widest.
    a.issuer = "漢".repeat(MAX_LABEL_LEN);
    a.name = "%:字".repeat(MAX_LABEL_LEN / 3);
    a.secret = authenticator::otp::Secret::from_bytes(vec![0xA5; 640]);
    let id = c.add(&a, 2).expect("at the limit is stored");
    assert!(uri::format(&a).chars().count() <= uri::MAX_URI_CHARS);
    assert_eq!(c.edit_label(id, &"😀".repeat(128), &"漢".repeat(256), vec!["仕事".into()]), Ok(true));
    let mut v = Unlocked::create(c, PASS, FAST_KDF, &mut OsRandom).expect("create");
    let bytes = v.seal(&mut OsRandom).expect("seal");
    let opened = Unlocked::open(&bytes, PASS).expect("opens");
    assert!(opened.content.unreadable.is_empty());
    assert_eq!(opened.content, v.content);
    let mut restored = Content::default();
    assert_eq!(restored.merge(&opened.content), 2, "the backup restores every account");
}

/// A stored URI written by an earlier version with labels over today's limit (a 200-emoji
/// issuer) still reads: limits bind writers, never the reader.
#[test]
fn stored_labels_over_todays_limit_still_read() {
    let c = with_stored_uri(&content_with(1), 0, format!("otpauth://totp/{0}:me?secret={SECRET_B32}&issuer={0}", "%F0%9F%98%80".repeat(200)).into());
    let mut v = Unlocked::create(c, PASS, FAST_KDF, &mut OsRandom).expect("create");
    let opened = Unlocked::open(&v.seal(&mut OsRandom).expect("seal"), PASS).expect("opens");
    assert!(opened.content.unreadable.is_empty());
    assert_eq!(opened.content.accounts[0].label().0, "😀".repeat(200));
}

/// Issue 12, case 5: a file asking for Argon2id m = 1 GiB, t = 64 (189 s of frozen page before)
/// is refused by its parameters before any derivation; at most two passphrase slots are tried.
#[test]
fn hostile_kdf_parameters_are_refused_before_deriving() {
    let (_, bytes) = sealed(1);
    let mut env = Envelope::parse(&bytes).expect("parse");
    let Slot::Passphrase(p) = &mut env.slots[0] else { panic!("passphrase slot") };
    let hostile = KdfParams { memory_kib: 1024 * 1024, iterations: 64, parallelism: 1 };
    p.kdf = hostile;
    let hostile_bytes = env.to_bytes();
    assert_eq!(Unlocked::unlock_jobs(&hostile_bytes).err(), Some(VaultError::KdfTooCostly { kdf: hostile }));
    let started = std::time::Instant::now();
    assert_eq!(Unlocked::open(&hostile_bytes, PASS).err(), Some(VaultError::KdfTooCostly { kdf: hostile }));
    assert!(started.elapsed().as_secs() < 5, "refused without deriving");
    for kdf in [
        KdfParams { memory_kib: 512 * 1024, iterations: 1, parallelism: 1 },
        KdfParams { memory_kib: 256 * 1024, iterations: 5, parallelism: 1 },
        KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 8 },
    ] {
        assert_eq!(vault::check_kdf(kdf).err(), Some(VaultError::KdfTooCostly { kdf }));
    }
    assert!(vault::check_kdf(DEFAULT_KDF).is_ok());
    assert!(vault::check_kdf(KdfParams { memory_kib: 256 * 1024, iterations: 4, parallelism: 1 }).is_ok());

    let mut env = Envelope::parse(&bytes).expect("parse");
    let slot = env.slots[0].clone();
    env.slots = vec![slot.clone(), slot.clone(), slot];
    assert_eq!(Unlocked::unlock_jobs(&env.to_bytes()).map(|j| j.len()), Ok(2));
}

/// The worker path: the key derived apart opens the vault; a wrong one is refused.
#[test]
fn opens_with_a_key_derived_elsewhere() {
    let (v, bytes) = sealed(2);
    let jobs = Unlocked::unlock_jobs(&bytes).expect("jobs");
    let kek = jobs[0].derive(PASS.as_bytes()).expect("derive");
    let kek = vault::Kek::from_slice(kek.as_bytes()).expect("32 bytes");
    assert_eq!(Unlocked::open_with_kek(&bytes, 0, &kek).expect("opens").content, v.content);
    let wrong = jobs[0].derive(b"wrong").expect("derive");
    assert_eq!(Unlocked::open_with_kek(&bytes, 0, &wrong).err(), Some(VaultError::WrongPassphraseOrDamaged));
    assert_eq!(Unlocked::open_with_kek(&bytes, 1, &wrong).err(), Some(VaultError::NoPassphraseSlot));
}

/// Changing the passphrase rotates the master key: the old record's key no longer reads the
/// new record, and only the new passphrase opens it.
#[test]
fn passphrase_change_rotates_the_master_key() {
    let (mut v, old_bytes) = sealed(2);
    let old = Unlocked::open(&old_bytes, PASS).expect("open");
    v.change_passphrase("a new and long passphrase", FAST_KDF, &mut OsRandom).expect("change");
    let new_bytes = v.seal(&mut OsRandom).expect("seal");
    assert_eq!(old.reopen(&new_bytes).err(), Some(VaultError::WrongPassphraseOrDamaged), "another tab's old key is useless");
    assert_eq!(Unlocked::open(&new_bytes, PASS).err(), Some(VaultError::WrongPassphraseOrDamaged));
    assert_eq!(Unlocked::open(&new_bytes, "a new and long passphrase").expect("new").content, v.content);
    let (a, b) = (Envelope::parse(&old_bytes).expect("a"), Envelope::parse(&new_bytes).expect("b"));
    assert_eq!(b.slots.len(), 1);
    assert_ne!(a.slots[0], b.slots[0]);
}

/// The recovery drill's backup file (examples/make_drill_backup.rs) opens and holds what the
/// end-to-end drill expects: Instagram's first unused code is the third.
#[test]
fn drill_fixture_holds_instagram_codes() {
    let bytes = std::fs::read("tests/fixtures/drill-backup.2favault").expect("fixture");
    let v = Unlocked::open(&bytes, PASS).expect("opens");
    let insta = v.content.accounts.iter().find(|a| a.label().0 == "Instagram").expect("Instagram");
    let set = insta.backup_codes.as_ref().expect("codes");
    assert_eq!(set.next_unused().map(|i| set.codes[i].code.as_str()), Some("62930485"));
    assert_eq!(set.remaining(), 3);
    assert!(v.content.accounts.iter().any(|a| a.account().is_none() && a.label().0 == "X"));
}

/// A re-scanned QR with a new secret for the same login is recognised, and replacing it keeps
/// the entry (and its backup codes); the identical account is never added twice.
#[test]
fn incoming_accounts_are_classified_and_stale_secrets_replaced() {
    use authenticator::vault::{AddCounts, Choices, Incoming};
    let mut c = content_with(2);
    let first = c.accounts[0].id;
    c.set_codes(first, CodeSet::new(Shape::Digits8, vec!["11111111".into()], 1), 1);
    let same = c.accounts[0].account().expect("account");
    assert_eq!(c.classify(&same), Incoming::Identical(first));
    let mut fresh = same.clone();
    fresh.secret = authenticator::otp::Secret::from_bytes(vec![42; 20]);
    assert_eq!(c.classify(&fresh), Incoming::SameLabel(first));
    let mut other = same.clone();
    other.name = "someone-else".into();
    assert_eq!(c.classify(&other), Incoming::New);

    let counts = |added, replaced, unchanged| AddCounts { added, replaced, unchanged, refused: 0 };
    let mut keep = c.clone();
    assert_eq!(keep.add_all(&[same.clone(), fresh.clone(), other.clone()], Choices::default(), 9), counts(2, 0, 1));
    assert_eq!(keep.accounts.len(), 4);

    let replace = Choices { replace_other_secret: true, ..Choices::default() };
    assert_eq!(c.add_all(&[same, fresh.clone(), other], replace, 9), counts(1, 1, 1));
    assert_eq!(c.accounts.len(), 3);
    assert_eq!(c.get(first).and_then(|e| e.account()), Some(fresh));
    assert!(c.get(first).and_then(|e| e.backup_codes.as_ref()).is_some(), "the backup codes stay with the entry");
}

/// The drill fixture was written as content version 2: it opens as the current version.
#[test]
fn version_2_content_migrates_too() {
    let v = Unlocked::open(&std::fs::read("tests/fixtures/drill-backup.2favault").expect("fixture"), PASS).expect("opens");
    assert_eq!(v.content.version, 3);
    assert!(v.content.accounts.iter().all(|a| a.tags.is_empty() && !a.pinned));
}

#[test]
fn renaming_moving_pinning_and_tags() {
    let mut c = content_with(3);
    let (one, two, three) = (c.accounts[0].id, c.accounts[1].id, c.accounts[2].id);
    let absent = (1..).find(|id| ![one, two, three].contains(id)).expect("a free id");
    let secret_before = c.accounts[0].account().expect("a").secret;
    assert_eq!(c.edit_label(one, " New Name ", "me", vec!["work".into(), "仕事".into()]), Ok(true));
    let renamed = c.accounts[0].account().expect("a");
    assert_eq!((renamed.issuer.as_str(), renamed.name.as_str()), ("New Name", "me"));
    assert_eq!(renamed.secret, secret_before, "renaming never touches the secret");
    assert!(c.move_by(one, 1));
    assert_eq!(c.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), vec![two, one, three]);
    assert!(!c.move_by(two, -1), "the first cannot move up");
    assert!(!c.move_by(three, 1), "the last cannot move down");
    assert!(c.move_to(three, two), "dragged onto the first row");
    assert_eq!(c.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), vec![three, two, one]);
    assert!(c.move_to(three, one), "dragged onto the last row");
    assert_eq!(c.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), vec![two, one, three]);
    assert!(!c.move_to(three, three) && !c.move_to(absent, one));
    c.accounts[2].tags = vec!["work".into(), "games".into()];
    assert_eq!(c.all_tags(), vec!["work", "仕事", "games"]);
}

/// The broken-entry fixture (examples/make_broken_entry_backup.rs) opens: two accounts and the
/// unreadable entry, kept as it was written.
#[test]
fn broken_entry_fixture_opens_with_its_good_accounts() {
    let bytes = std::fs::read("tests/fixtures/broken-entry.2favault").expect("fixture");
    let v = Unlocked::open(&bytes, PASS).expect("opens");
    let labels: Vec<String> = v.content.accounts.iter().map(|a| a.label().0).collect();
    assert_eq!(labels, vec!["Google", "Instagram"]);
    assert_eq!(v.content.unreadable.len(), 1);
    assert_eq!(v.content.unreadable[0].id, Some(7));
    assert!(v.content.unreadable[0].raw_json().contains("NOT*BASE32!"));
}

/// Review findings: ids stay unique even when a restored backup holds an unreadable entry with
/// the largest possible id or one that is taken here; a merged unreadable entry keeps its text
/// but for a fresh id.
#[test]
fn ids_stay_unique_through_merges_of_unreadable_entries() {
    let mut here = content_with(1);
    let taken = here.accounts[0].id;
    let mut json = serde_json::to_value(content_with(2)).expect("json");
    let list = json["accounts"].as_array_mut().expect("array");
    list.push(serde_json::json!({ "id": u64::MAX, "uri": "otpauth://totp/A:b?secret=*" }));
    list.push(serde_json::json!({ "id": taken, "uri": "otpauth://totp/C:d?secret=*", "note": "kept" }));
    let backup: Content = serde_json::from_str(&json.to_string()).expect("tolerant");
    here.merge(&backup);
    let link = format!("otpauth://totp/New:me?secret={SECRET_B32}");
    for _ in 0..3 {
        here.add(&uri::parse(&link).expect("uri").account, 1).expect("storable");
    }
    let mut ids: Vec<u64> = here.accounts.iter().map(|a| a.id).chain(here.unreadable.iter().filter_map(|u| u.id)).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "no two entries share an id: {ids:?}");
    let moved = here.unreadable.iter().find(|u| u.raw_json().contains("kept")).expect("merged");
    assert_ne!(moved.id, Some(taken), "the taken id was replaced");
    let removed = here.accounts[0].id;
    assert!(here.remove(removed));
    assert_eq!(here.accounts.len() + here.unreadable.len(), n - 1, "deleting one deletes one");
}

/// Ids are stable: a merged entry keeps the id it had in the backup unless that id is taken here
/// (then it gets a fresh one), the entries here keep theirs, and every id survives sealing and
/// opening.
#[test]
fn merge_keeps_ids_and_never_renumbers() {
    let mut here = content_with(2);
    let mine: Vec<u64> = here.accounts.iter().map(|a| a.id).collect();
    let mut json = serde_json::to_value(content_with(4)).expect("json");
    // The backup's third entry happens to carry the id of this vault's first one.
    json["accounts"][2]["id"] = mine[0].into();
    let backup: Content = serde_json::from_str(&json.to_string()).expect("reads");
    let (kept, clashing) = (backup.accounts[3].id, backup.accounts[2].id);
    assert_eq!(here.merge(&backup), 2, "Issuer0 and Issuer1 are here already");
    let ids: Vec<u64> = here.accounts.iter().map(|a| a.id).collect();
    assert_eq!(&ids[..2], &mine[..], "the entries here keep their ids");
    assert_eq!(here.accounts[2].label().0, "Issuer2");
    assert_ne!(ids[2], clashing, "an id taken here is not reused");
    assert!(ids[2] != 0 && !mine.contains(&ids[2]) && !backup.accounts.iter().any(|a| a.id == ids[2]), "nor one the backup brings");
    assert_eq!(ids[3], kept, "a free id is kept");
    let mut v = Unlocked::create(here, PASS, FAST_KDF, &mut OsRandom).expect("create");
    let opened = Unlocked::open(&v.seal(&mut OsRandom).expect("seal"), PASS).expect("opens");
    assert_eq!(opened.content.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), ids);
}

/// Review findings: two entries of one file with the same label stay two accounts even when
/// "replace the old secret" is chosen; an HOTP account and renames work for entries stored under
/// earlier, looser limits (a 200-emoji issuer, a 32-emoji tag).
#[test]
fn same_label_twice_in_one_file_and_old_long_labels() {
    use authenticator::vault::Choices;
    let mut c = Content::default();
    let a = uri::parse(&format!("otpauth://totp/AWS:root?secret={SECRET_B32}")).expect("a").account;
    let mut b = a.clone();
    b.secret = authenticator::otp::Secret::from_bytes(vec![7; 20]);
    let counts = c.add_all(&[a, b], Choices { replace_other_secret: true, take_other_settings: true }, 1);
    assert_eq!((counts.added, counts.replaced), (2, 0));

    let emoji = "%F0%9F%98%80".repeat(200);
    let mut old = with_stored_uri(&content_with(1), 0, format!("otpauth://hotp/{emoji}:me?secret={SECRET_B32}&issuer={emoji}&counter=3").into());
    let id = old.accounts[0].id;
    old.accounts[0].tags = vec!["😀".repeat(32)];
    assert!(old.set_counter(id, 4), "the counter advances");
    assert_eq!(old.accounts[0].account().map(|a| a.params.kind), Some(authenticator::otp::Kind::Hotp { counter: 4 }));
    let (issuer, _) = old.accounts[0].label();
    let tags = old.accounts[0].tags.clone();
    assert_eq!(old.edit_label(id, &issuer, "renamed", tags), Ok(true), "renaming the name keeps the old issuer and tag");
    assert_eq!(old.accounts[0].label().1, "renamed");
}

/// Review findings: settings that do not read (a newer version's) are not reset by opening and
/// saving; a secret stored before today's length limit still reads.
#[test]
fn unread_settings_survive_and_old_long_secrets_read() {
    let mut json = serde_json::to_value(content_with(1)).expect("json");
    json["settings"] = serde_json::json!({ "auto_lock_minutes": 15, "sort": "SomeNewOrder", "tap_to_reveal": true });
    let c: Content = serde_json::from_str(&json.to_string()).expect("tolerant");
    let back: serde_json::Value = serde_json::to_value(&c).expect("json");
    assert_eq!(back["settings"], json["settings"], "written back as stored while untouched");
    let mut changed = c.clone();
    changed.settings.auto_lock_minutes = 1;
    let back: serde_json::Value = serde_json::to_value(&changed).expect("json");
    assert_eq!(back["settings"]["auto_lock_minutes"], 1, "a change the user makes is written");

    let long = "A".repeat(2000);
    let c = with_stored_uri(&content_with(1), 0, format!("otpauth://totp/Old:me?secret={long}").into());
    let mut v = Unlocked::create(c, PASS, FAST_KDF, &mut OsRandom).expect("create");
    let opened = Unlocked::open(&v.seal(&mut OsRandom).expect("seal"), PASS).expect("opens");
    assert!(opened.content.unreadable.is_empty());
    assert_eq!(opened.content.accounts[0].account().map(|a| a.secret.as_bytes().len()), Some(1250));
}

/// Restore "replace all": every entry is the backup's (unreadable ones too), ids included; this
/// browser's settings stay.
#[test]
fn replace_all_takes_every_entry_and_keeps_the_settings() {
    let mut here = content_with(3);
    here.settings.auto_lock_minutes = 1;
    let mut backup = with_stored_uri(&content_with(2), 1, "otpauth://totp/X?secret=1".into());
    backup.settings.auto_lock_minutes = 30;
    assert_eq!(backup.unreadable.len(), 1, "the fixture has one unreadable entry");
    assert_eq!(here.replace_all(&backup), (1, 1));
    assert_eq!(here.accounts.iter().map(|a| a.id).collect::<Vec<_>>(), backup.accounts.iter().map(|a| a.id).collect::<Vec<_>>());
    assert_eq!(here.unreadable.len(), 1);
    assert_eq!(here.settings.auto_lock_minutes, 1);
}

// ---- Passkey slots (WebAuthn PRF) ----

const PRF: [u8; 32] = [7; 32];

fn with_passkey() -> (Unlocked, Vec<u8>) {
    let (mut v, _) = sealed(2);
    let salt = vault::new_prf_salt(&mut OsRandom);
    v.add_passkey(b"cred-1", "This phone", 1_700_000_000_000, salt, &PRF, &mut OsRandom).expect("add");
    let bytes = v.seal(&mut OsRandom).expect("seal");
    (v, bytes)
}

/// The key-wrapping key is HKDF-SHA256(salt = the slot's PRF salt, ikm = the PRF output, info =
/// HKDF_INFO), checked against Python's hmac module computing RFC 5869 by hand:
/// prk = HMAC(salt, ikm); okm = HMAC(prk, info || 0x01).
#[test]
fn passkey_kek_is_hkdf_sha256_of_the_prf_output() {
    let prf: Vec<u8> = (0u8..32).collect();
    let kek = vault::passkey_kek(&prf, &[0xA5; 32]).expect("kek");
    let expected = "c0b0140444f384439f3f13e63170d31ff8d09f23d94e3a30097cbfeda3a6d3ae";
    let hex: String = kek.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, expected);
    assert!(vault::passkey_kek(&prf[..16], &[0xA5; 32]).is_err(), "a short secret is refused");
}

#[test]
fn a_passkey_slot_opens_with_its_prf_output_and_the_passphrase_still_works() {
    let (v, bytes) = with_passkey();
    let by_passkey = Unlocked::open_with_prf(&bytes, b"cred-1", &PRF).expect("passkey opens");
    assert_eq!(by_passkey.content, v.content);
    assert_eq!(Unlocked::open(&bytes, PASS).expect("passphrase opens").content, v.content);
    let listed = vault::passkeys_of(&bytes).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].credential_id.as_slice(), listed[0].name.as_str(), listed[0].created_ms), (&b"cred-1"[..], "This phone", 1_700_000_000_000));
    assert_eq!(v.passkeys(), listed);
}

#[test]
fn a_wrong_prf_output_or_credential_is_refused() {
    let (_, bytes) = with_passkey();
    let mut wrong = PRF;
    wrong[31] ^= 1;
    assert_eq!(Unlocked::open_with_prf(&bytes, b"cred-1", &wrong).err(), Some(VaultError::WrongPassphraseOrDamaged));
    assert_eq!(Unlocked::open_with_prf(&bytes, b"cred-2", &PRF).err(), Some(VaultError::NoPasskeySlot));
    assert_eq!(Unlocked::open_with_prf(&bytes, b"cred-1", &PRF[..20]).err(), Some(VaultError::WrongPassphraseOrDamaged));
}

/// Any changed byte of the passkey slot (credential id, name, date, salt, nonce, wrapped key) is
/// refused: the slot header is the wrap's associated data, and every slot is the content's.
#[test]
fn a_tampered_passkey_slot_is_refused() {
    let (_, bytes) = with_passkey();
    let env = Envelope::parse(&bytes).expect("parse");
    let Slot::Passkey(slot) = &env.slots[1] else { panic!("a passkey slot") };
    let body = slot.to_bytes();
    let start = bytes.windows(body.len()).position(|w| w == body.as_slice()).expect("slot bytes in the file");
    for i in 0..body.len() {
        let mut changed = bytes.clone();
        changed[start + i] ^= 0x01;
        let opened = Unlocked::open_with_prf(&changed, b"cred-1", &PRF);
        assert!(opened.is_err(), "byte {i} of the slot changed and it still opened");
    }
}

#[test]
fn removing_a_passkey_leaves_the_passphrase_and_backups_leave_passkeys_out() {
    let (mut v, bytes) = with_passkey();
    let export = v.without_passkeys().seal(&mut OsRandom).expect("export");
    assert!(vault::passkeys_of(&export).expect("list").is_empty(), "a backup holds no passkey slot");
    assert_eq!(Unlocked::open(&export, PASS).expect("the backup opens by passphrase").content, v.content);
    assert_eq!(vault::passkeys_of(&bytes).expect("list").len(), 1, "the vault itself keeps it");
    assert!(v.remove_passkey(b"cred-1"));
    assert!(!v.remove_passkey(b"cred-1"));
    let after = v.seal(&mut OsRandom).expect("seal");
    assert_eq!(Unlocked::open_with_prf(&after, b"cred-1", &PRF).err(), Some(VaultError::NoPasskeySlot));
    assert!(Unlocked::open(&after, PASS).is_ok());
}

/// Changing the passphrase rotates the master key and re-wraps every passkey whose secret is
/// given; one whose secret is not given (or is wrong) is dropped, never kept wrapping a dead key.
#[test]
fn passphrase_change_rewraps_passkeys_it_has_secrets_for() {
    let (mut v, old) = with_passkey();
    let other = [9u8; 32];
    v.add_passkey(b"cred-2", "Laptop", 1, vault::new_prf_salt(&mut OsRandom), &other, &mut OsRandom).expect("second");
    let job = vault::KdfJob::fresh(FAST_KDF, &mut OsRandom).expect("job");
    let kek = job.derive(b"a new and long passphrase").expect("kek");
    v.change_passphrase_keeping(&job, &kek, &[(b"cred-1", &PRF), (b"cred-2", &[1u8; 32])], &mut OsRandom).expect("change");
    let bytes = v.seal(&mut OsRandom).expect("seal");
    assert_eq!(Unlocked::open_with_prf(&bytes, b"cred-1", &PRF).expect("re-wrapped").content, v.content);
    assert_eq!(Unlocked::open_with_prf(&bytes, b"cred-2", &other).err(), Some(VaultError::NoPasskeySlot), "a wrong secret drops the slot");
    assert!(Unlocked::open(&bytes, "a new and long passphrase").is_ok());
    assert!(Unlocked::open_with_prf(&old, b"cred-1", &PRF).expect("old opens").reopen(&bytes).is_err(), "the master key rotated");
}

#[test]
fn no_more_than_eight_slots_and_a_re_enrolment_replaces_its_slot() {
    let (mut v, _) = with_passkey();
    v.add_passkey(b"cred-1", "Again", 2, vault::new_prf_salt(&mut OsRandom), &PRF, &mut OsRandom).expect("replace");
    assert_eq!(v.passkeys().len(), 1);
    assert_eq!(v.passkeys()[0].name, "Again");
    for i in 2..=7u8 {
        v.add_passkey(&[i], "more", 3, vault::new_prf_salt(&mut OsRandom), &PRF, &mut OsRandom).expect("room");
    }
    assert_eq!(v.add_passkey(&[8], "one too many", 3, vault::new_prf_salt(&mut OsRandom), &PRF, &mut OsRandom), Err(VaultError::TooManySlots));
    // Full: re-enrolling a credential that is here still works (it replaces its own slot), and a
    // refused addition changes nothing.
    v.add_passkey(&[7], "re-enrolled", 4, vault::new_prf_salt(&mut OsRandom), &PRF, &mut OsRandom).expect("replace when full");
    let before = v.passkeys();
    assert_eq!(v.add_passkey(&[7], "short secret", 5, vault::new_prf_salt(&mut OsRandom), &PRF[..16], &mut OsRandom), Err(VaultError::WrongPassphraseOrDamaged));
    assert_eq!(v.passkeys(), before, "a refused re-enrolment keeps the old slot");
    // A name is cut to 120 bytes on a character boundary ("a" then 4-byte emoji: 120 is inside one).
    let long = format!("a{}", "😀".repeat(40));
    v.remove_passkey(&[7]);
    v.add_passkey(&[7], &long, 3, vault::new_prf_salt(&mut OsRandom), &PRF, &mut OsRandom).expect("long name");
    let bytes = v.seal(&mut OsRandom).expect("seal");
    let name = vault::passkeys_of(&bytes).expect("list").into_iter().find(|p| p.credential_id == [7]).expect("slot").name;
    assert_eq!(name.len(), 117, "cut back to the last whole character under 120 bytes");
    assert!(long.starts_with(&name));
}

/// The committed fixture (examples/make_passkey_fixture.rs; docs/vault.md) opens with its known
/// PRF output and with its passphrase, so the format cannot drift from the document.
#[test]
fn committed_passkey_fixture_opens_with_its_known_prf_output() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/vault-passkey.bin")).expect("fixture");
    let prf: Vec<u8> = (0u8..32).collect();
    let listed = vault::passkeys_of(&bytes).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].credential_id, b"cred-fixture-1");
    assert_eq!(listed[0].salt, [0xA5; 32]);
    let v = Unlocked::open_with_prf(&bytes, b"cred-fixture-1", &prf).expect("opens by PRF");
    let labels: Vec<(String, String)> = v.content.accounts.iter().map(|a| a.label()).collect();
    assert_eq!(labels, vec![("RFC 6238".into(), "alice@example.com".into()), ("Passkey".into(), "carol".into())]);
    assert!(Unlocked::open(&bytes, "correct horse battery staple").is_ok());

    // The slot as docs/vault.md lays it out, unwrapped here by hand: the AAD is type ‖ L ‖ I ‖
    // credential id ‖ N ‖ name ‖ created ‖ salt, the key HKDF of the PRF output. A wrong AAD (one
    // byte off) does not unwrap, so the slot's own binding is tested, not only the content's.
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    let env = Envelope::parse(&bytes).expect("parse");
    let Slot::Passkey(slot) = &env.slots[1] else { panic!("a passkey slot") };
    let name = slot.name.as_bytes();
    let body_len = 2 + 14 + 1 + name.len() + 8 + 32 + 12 + 48;
    let mut aad = vec![2u8];
    aad.extend_from_slice(&(body_len as u16).to_be_bytes());
    aad.extend_from_slice(&14u16.to_be_bytes());
    aad.extend_from_slice(b"cred-fixture-1");
    aad.push(name.len() as u8);
    aad.extend_from_slice(name);
    aad.extend_from_slice(&slot.created_ms.to_be_bytes());
    aad.extend_from_slice(&[0xA5; 32]);
    let kek = vault::passkey_kek(&prf, &[0xA5; 32]).expect("kek");
    let aes = aes_gcm::Aes256Gcm::new_from_slice(kek.as_bytes()).expect("key");
    let nonce = aes_gcm::Nonce::from_slice(&slot.nonce);
    let master = aes.decrypt(nonce, Payload { msg: &slot.wrapped, aad: &aad }).expect("unwraps with the documented AAD");
    assert_eq!(master.len(), 32);
    for i in 0..aad.len() {
        let mut off = aad.clone();
        off[i] ^= 1;
        assert!(aes.decrypt(nonce, Payload { msg: &slot.wrapped, aad: &off }).is_err(), "AAD byte {i} is bound");
    }
}

/// A type-2 slot body this version cannot read (a later extension) is kept byte for byte, not a
/// reason to refuse the envelope; and a backup made as `backup_file` makes it (the stored record
/// reopened, passkeys left out, sealed) opens with the passphrase and lists no passkey.
#[test]
fn a_malformed_passkey_slot_is_kept_and_backups_hold_no_passkey() {
    let (v, bytes) = with_passkey();
    let mut env = Envelope::parse(&bytes).expect("parse");
    env.slots.push(Slot::Unknown { kind: vault::SLOT_PASSKEY, body: vec![0, 0, 1] });
    let reparsed = Envelope::parse(&env.to_bytes()).expect("a malformed passkey body does not refuse the envelope");
    assert_eq!(reparsed.slots[2], Slot::Unknown { kind: vault::SLOT_PASSKEY, body: vec![0, 0, 1] });
    let mut backup = v.reopen(&bytes).expect("reopen").without_passkeys();
    let file = backup.seal(&mut OsRandom).expect("seal");
    assert_eq!(Unlocked::open(&file, PASS).expect("the backup opens by passphrase").content, v.content);
    assert!(vault::passkeys_of(&file).expect("list").is_empty());
    assert_eq!(Envelope::parse(&file).expect("parse").slots.len(), 1, "only the passphrase slot");
}
