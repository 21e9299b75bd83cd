//! Backup state inside the vault: what counts as a change, when the list asks for a backup, and
//! that the stored format stays readable both ways (committed fixtures here; this version's
//! content by the previous one).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use authenticator::backup_codes::{CodeSet, Shape};
use authenticator::uri;
use authenticator::vault::{changes_between, BackupFileKind, BackupFileNotice, Content, Unlocked, CONTENT_VERSION, DAY_MS, NAG_AFTER_MS};
use common::{OsRandom, FAST_KDF};

const PASS: &str = "correct horse battery staple";
const T0: u64 = 1_700_000_000_000;

fn link(i: usize) -> String {
    format!("otpauth://totp/Site{i}:user{i}@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Site{i}")
}

fn two_accounts() -> Content {
    let mut c = Content::default();
    for i in 0..2 {
        c.add(&uri::parse(&link(i)).expect("valid").account, T0).expect("storable");
    }
    c
}

/// Every committed vault fixture still opens, with no backup recorded, and writes no `backup`
/// object back (so its bytes stay what the previous version wrote).
#[test]
fn every_committed_fixture_opens_without_backup_state() {
    let mut seen = 0;
    for entry in std::fs::read_dir("tests/fixtures").expect("fixtures") {
        let path = entry.expect("entry").path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "bin" && ext != "2favault" {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        let v = Unlocked::open(&bytes, PASS).unwrap_or_else(|e| panic!("{} opens: {e}", path.display()));
        assert!(v.content.backup_file.is_empty(), "{}", path.display());
        assert_eq!(v.content.backup_made_ms(), None);
        let json = serde_json::to_value(&v.content).expect("json");
        assert!(json.get("backup").is_none(), "{}: nothing recorded, nothing written", path.display());
        seen += 1;
    }
    assert!(seen >= 4, "found {seen} fixtures");
}

/// The previous version reads content version 3 and ignores top-level fields it does not know:
/// this version keeps the version number and adds exactly one optional key, so the previous
/// version opens every account, code and setting of a vault or backup file written here.
#[test]
fn the_previous_version_reads_what_this_one_writes() {
    let mut c = two_accounts();
    let before = c.clone();
    c.set_codes(c.accounts[0].id, CodeSet::new(Shape::Digits8, vec!["12345678".into()], T0), T0);
    c.note_changes(&before, T0 + 5);
    c.as_backup_file(BackupFileKind::Share, "authenticator-backup-2026-11-23.2favault", T0 + 9);
    let mut json = serde_json::to_value(&c).expect("json");
    assert_eq!(json["version"], CONTENT_VERSION);
    assert_eq!(CONTENT_VERSION, 3, "not bumped: a bump would make the previous version refuse the whole vault");
    let backup = json.as_object_mut().expect("object").remove("backup").expect("recorded");
    assert_eq!(backup["last"]["kind"], "share");
    assert_eq!(backup["made_ms"], T0 + 9);
    // What the previous version sees: the same content without the backup state.
    let mut without = c.clone();
    without.backup_file = Default::default();
    assert_eq!(json, serde_json::to_value(&without).expect("json"));
}

/// A newer version's backup fields and kinds are kept and written back; a `backup` object that
/// does not read costs nothing but the bookkeeping (it reads as never backed up).
#[test]
fn newer_backup_fields_are_kept_and_a_bad_one_costs_nothing_else() {
    let mut json = serde_json::to_value(two_accounts()).expect("json");
    json["backup"] = serde_json::json!({"last": {"at_ms": 5, "kind": "cloud_sync", "place": "x"}, "changes": 2, "first_change_ms": 7, "future": {"a": 1}});
    let c: Content = serde_json::from_str(&json.to_string()).expect("reads");
    assert_eq!(c.backup_file.last.as_ref().map(|l| l.kind), Some(BackupFileKind::Other));
    assert_eq!(c.backup_file.changes, 2);
    assert_eq!(serde_json::to_value(&c).expect("json")["backup"]["future"], serde_json::json!({"a": 1}));
    json["backup"] = serde_json::json!("garbage");
    let c: Content = serde_json::from_str(&json.to_string()).expect("still reads");
    assert_eq!(c.accounts.len(), 2);
    assert!(c.backup_file.is_empty());
}

/// What counts: adding, deleting, relabelling, each code marked used or unused, a set added or
/// replaced, an unreadable entry deleted. What does not: order, pins, last use, settings.
#[test]
fn changes_are_counted_per_thing_a_lost_phone_would_cost() {
    let base = two_accounts();
    let (a, b) = (base.accounts[0].id, base.accounts[1].id);
    let changed = |f: &dyn Fn(&mut Content)| {
        let mut c = base.clone();
        f(&mut c);
        changes_between(&base, &c)
    };
    assert_eq!(changed(&|c| drop(c.add(&uri::parse(&link(7)).expect("valid").account, T0))), 1);
    assert_eq!(changed(&|c| { let _ = c.remove(a); }), 1);
    assert_eq!(changed(&|c| { let _ = c.edit_label(a, "Renamed", "me", vec![]); }), 1);
    assert_eq!(changed(&|c| { let _ = c.edit_label(a, "Site0", "user0@example.com", vec!["仕事".into()]); }), 1);
    assert_eq!(changed(&|c| { let _ = c.set_codes(b, CodeSet::new(Shape::Digits, vec!["111111".into(), "222222".into()], T0), T0); }), 1);
    assert_eq!(changed(&|c| { let _ = (c.move_by(a, 1), c.set_pinned(b, true), c.touch(a, T0 + 1)); }), 0);
    assert_eq!(changed(&|c| c.settings.auto_lock_minutes = 60), 0);

    let mut with_codes = base.clone();
    with_codes.set_codes(b, CodeSet::new(Shape::Digits, vec!["111111".into(), "222222".into()], T0), T0);
    let mut used = with_codes.clone();
    assert!(used.mark_code(b, "111111", Some(T0 + 1)) && used.mark_code(b, "222222", Some(T0 + 2)));
    assert_eq!(changes_between(&with_codes, &used), 2);
    let mut unmarked = used.clone();
    assert!(unmarked.mark_code(b, "111111", None));
    assert_eq!(changes_between(&used, &unmarked), 1);
    let mut replaced = used.clone();
    replaced.set_codes(b, CodeSet::new(Shape::Digits, vec!["333333".into()], T0 + 9), T0 + 9);
    assert_eq!(changes_between(&used, &replaced), 1);
}

/// The count runs from the last backup; recording a backup clears it; a backup file says when it
/// was made and survives sealing.
#[test]
fn the_count_runs_from_the_last_backup_and_a_file_knows_when_it_was_made() {
    let mut c = Content::default();
    let empty = c.clone();
    c.add(&uri::parse(&link(1)).expect("valid").account, T0).expect("storable");
    assert_eq!(c.note_changes(&empty, T0), 1);
    let one = c.clone();
    c.add(&uri::parse(&link(2)).expect("valid").account, T0).expect("storable");
    assert_eq!(c.note_changes(&one, T0 + 50), 1);
    assert_eq!((c.backup_file.changes, c.backup_file.first_change_ms), (2, Some(T0)), "dated by the oldest change");
    c.record_backup(BackupFileKind::Download, "authenticator-backup.2favault", T0 + 100);
    assert_eq!((c.backup_file.changes, c.backup_file.first_change_ms), (0, None));
    assert_eq!(c.backup_made_ms(), None, "the vault's own record is not a backup file");

    let mut file = c.clone();
    file.as_backup_file(BackupFileKind::Share, "", T0 + 200);
    let mut sealed = Unlocked::create(file, PASS, FAST_KDF, &mut OsRandom).expect("create");
    let bytes = sealed.seal(&mut OsRandom).expect("seal");
    let restored = Unlocked::open(&bytes, PASS).expect("open");
    assert_eq!(restored.content.backup_made_ms(), Some(T0 + 200));
    assert_eq!(restored.content.backup_file.last.as_ref().map(|l| (l.at_ms, l.kind)), Some((T0 + 200, BackupFileKind::Share)));
    assert_eq!(restored.content.accounts.len(), 2);
}

/// A backup clears only the changes its copy held: an edit saved while the share sheet was open
/// (or by another tab) still counts afterwards.
#[test]
fn a_backup_clears_only_the_changes_its_copy_held() {
    let mut c = Content::default();
    let empty = c.clone();
    c.add(&uri::parse(&link(1)).expect("valid").account, T0).expect("storable");
    c.note_changes(&empty, T0);
    let in_copy = c.backup_file.changes;
    let before = c.clone();
    c.add(&uri::parse(&link(2)).expect("valid").account, T0 + 10).expect("storable");
    c.note_changes(&before, T0 + 10);
    c.record_backup_of(BackupFileKind::Share, "x.2favault", T0 + 20, in_copy);
    assert_eq!(c.backup_file.changes, 1, "the account added after the copy was made is not in it");
    assert_eq!(c.backup_file.last.as_ref().map(|l| l.kind), Some(BackupFileKind::Share));
    c.record_backup_of(BackupFileKind::Download, "y.2favault", T0 + 30, 1);
    assert_eq!((c.backup_file.changes, c.backup_file.first_change_ms), (0, None));
}

/// A backup file opens with the passphrase alone (no passkey slot), says when it was made and
/// that it is a backup, and tells how many of the vault's changes it holds.
#[test]
fn a_backup_file_is_the_vault_without_passkeys_recorded_as_backed_up() {
    let mut c = two_accounts();
    c.note_changes(&Content::default(), T0);
    let changes = c.backup_file.changes;
    let mut vault = Unlocked::create(c, PASS, FAST_KDF, &mut OsRandom).expect("create");
    vault.add_passkey(b"cred", "phone", T0, [7; 32], &[9; 32], &mut OsRandom).expect("passkey");
    assert_eq!(vault.passkeys().len(), 1);
    let file = vault.backup_file(BackupFileKind::Download, "b.2favault", T0 + 50, &mut OsRandom).expect("sealed");
    assert_eq!(file.changes, changes);
    assert!(changes > 0);
    let opened = Unlocked::open(&file.bytes, PASS).expect("opens with the passphrase");
    assert!(opened.passkeys().is_empty(), "no passkey slot in a backup file");
    assert_eq!(opened.content.accounts.len(), 2);
    assert_eq!(opened.content.backup_made_ms(), Some(T0 + 50));
    assert_eq!(opened.content.backup_file.changes, 0);
    assert_eq!(opened.content.backup_file.last.as_ref().map(|l| l.kind), Some(BackupFileKind::Download));
    assert!(opened.content == file.content, "what it holds is what opens");
    assert_eq!(vault.passkeys().len(), 1, "the vault itself keeps its passkey");
}

/// A printed kit holds backup codes but no secret keys: it is remembered as the last paper kit,
/// and the vault still counts as never backed up (the banner stays).
#[test]
fn a_printed_kit_is_not_a_backup_of_the_accounts() {
    let mut c = two_accounts();
    c.note_changes(&Content::default(), T0);
    c.record_backup(BackupFileKind::Paper, "紙", T0 + 5);
    assert_eq!(c.backup_file.paper.as_ref().map(|p| p.at_ms), Some(T0 + 5));
    assert!(c.backup_file.last.is_none());
    assert_eq!(c.backup_file.changes, 2);
    assert_eq!(c.backup_notice(T0 + 10, (T0 + 10) / DAY_MS, None), BackupFileNotice::Banner);
}

/// The banner: never backed up with an account, or changes waiting three days or more; at most
/// once a day (put away today, it stays a line until tomorrow).
#[test]
fn the_banner_rule() {
    let today = T0 / DAY_MS;
    assert_eq!(Content::default().backup_notice(T0, today, None), BackupFileNotice::Nothing, "nothing to back up yet");
    let mut c = two_accounts();
    assert_eq!(c.backup_notice(T0, today, None), BackupFileNotice::Banner, "never backed up");
    assert_eq!(c.backup_notice(T0, today, Some(today)), BackupFileNotice::Line, "put away today");
    assert_eq!(c.backup_notice(T0 + DAY_MS, today + 1, Some(today)), BackupFileNotice::Banner, "back the next day");
    c.record_backup(BackupFileKind::Share, "", T0);
    assert_eq!(c.backup_notice(T0 + 30 * DAY_MS, today + 30, None), BackupFileNotice::Line, "old but nothing changed");
    let before = c.clone();
    c.remove(c.accounts[0].id);
    c.note_changes(&before, T0 + DAY_MS);
    assert_eq!(c.backup_notice(T0 + DAY_MS + NAG_AFTER_MS - 1, today + 3, None), BackupFileNotice::Line, "changes younger than 3 days");
    assert_eq!(c.backup_notice(T0 + DAY_MS + NAG_AFTER_MS, today + 4, None), BackupFileNotice::Banner, "changes 3 days old");
    assert_eq!(c.backup_notice(T0 + DAY_MS + NAG_AFTER_MS, today + 4, Some(today + 4)), BackupFileNotice::Line);
}
