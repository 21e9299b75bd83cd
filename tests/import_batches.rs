//! The collector of Google Authenticator export QR codes: batches kept by export, repeats said
//! and not counted twice, two exports kept apart, nothing read ever dropped, and what was read
//! so far ready at any time. The QR codes are the Python-made fixtures of
//! `tests/fixtures/ga/make.py` (a 4-batch and a 3-batch export), read as the app reads them.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::import::batches::{Added, Batches};
use authenticator::import::migration::{self, Batch};
use serde_json::Value;

fn batch(file: &str) -> Batch {
    let text = std::fs::read_to_string(format!("tests/fixtures/ga/{file}")).expect(file);
    migration::decode(text.trim()).expect(file)
}

fn three(i: u32) -> Batch {
    batch(&format!("export-3-batches-{i}.txt"))
}

fn four(i: u32) -> Batch {
    batch(&format!("export-4-batches-{i}.txt"))
}

/// (issuer, name) of every account the Python script put in `file`, from the expected file.
fn names_in(expected: &str, file: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(format!("tests/fixtures/ga/{expected}")).expect(expected)).expect("json");
    v["files"][file]["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| (a["issuer"].as_str().expect("issuer").to_owned(), a["name"].as_str().expect("name").to_owned()))
        .collect()
}

fn names(accounts: &[authenticator::account::Account]) -> Vec<(String, String)> {
    accounts.iter().map(|a| (a.issuer.clone(), a.name.clone())).collect()
}

#[test]
fn three_batches_in_any_order_make_the_whole_export_in_batch_order() {
    let mut b = Batches::new();
    assert!(b.is_empty() && !b.is_complete());
    assert_eq!(b.add(three(3)), Added::New { export: 0, index: 2, count: 3, accounts: 4 });
    assert_eq!(b.add(three(1)), Added::New { export: 0, index: 0, count: 3, accounts: 10 });
    assert!(!b.is_complete());
    assert_eq!(b.exports()[0].read(), vec![0, 2]);
    assert_eq!(b.exports()[0].missing(), vec![1]);
    assert_eq!(b.missing(), vec![(0, 3, vec![1])]);
    assert_eq!(b.accounts(), 14);
    assert_eq!(b.add(three(2)), Added::New { export: 0, index: 1, count: 3, accounts: 10 });
    assert!(b.is_complete());
    assert!(b.missing().is_empty());
    let (accounts, skipped) = b.read_so_far();
    assert!(skipped.is_empty());
    let mut want = Vec::new();
    for i in 1..=3 {
        want.extend(names_in("expected-3-batches.json", &format!("export-3-batches-{i}.txt")));
    }
    assert_eq!(want.len(), 24);
    assert_eq!(names(&accounts), want);
}

#[test]
fn what_was_read_so_far_is_there_at_any_time_with_the_missing_named() {
    let mut b = Batches::new();
    b.add(three(1));
    b.add(three(3));
    let (accounts, _) = b.read_so_far();
    let mut want = names_in("expected-3-batches.json", "export-3-batches-1.txt");
    want.extend(names_in("expected-3-batches.json", "export-3-batches-3.txt"));
    assert_eq!(names(&accounts), want);
    assert_eq!(b.missing(), vec![(0, 3, vec![1])]);
}

#[test]
fn a_repeated_batch_is_a_repeat_and_counted_once() {
    let mut b = Batches::new();
    b.add(three(1));
    // A camera still looking at the same code.
    assert_eq!(b.add(three(1)), Added::Repeat { export: 0, index: 0, count: 3, last: true });
    b.add(three(2));
    // The first code chosen again, after another one.
    assert_eq!(b.add(three(1)), Added::Repeat { export: 0, index: 0, count: 3, last: false });
    assert_eq!(b.exports().len(), 1);
    assert_eq!(b.exports()[0].read(), vec![0, 1]);
    assert_eq!(b.accounts(), 20);
    assert_eq!(b.read_so_far().0.len(), 20);
}

#[test]
fn two_exports_are_kept_apart_and_nothing_read_is_dropped() {
    let mut b = Batches::new();
    b.add(three(1));
    b.add(three(2));
    // A code of another export: a second export, the first one's batches stay.
    assert_eq!(b.add(four(2)), Added::New { export: 1, index: 1, count: 4, accounts: 10 });
    assert_eq!(b.add(three(3)), Added::New { export: 0, index: 2, count: 3, accounts: 4 });
    assert_eq!(b.exports().len(), 2);
    assert!(b.exports()[0].is_complete());
    assert_eq!(b.exports()[1].missing(), vec![0, 2, 3]);
    assert_eq!(b.missing(), vec![(1, 4, vec![0, 2, 3])]);
    assert!(!b.is_complete());
    let (accounts, _) = b.read_so_far();
    let mut want = Vec::new();
    for i in 1..=3 {
        want.extend(names_in("expected-3-batches.json", &format!("export-3-batches-{i}.txt")));
    }
    want.extend(names_in("expected.json", "export-4-batches-2.txt"));
    assert_eq!(names(&accounts), want);
}

#[test]
fn the_same_id_with_another_count_is_another_export() {
    // Ids are random int32: two exports can share one only by chance, and then their QR counts
    // (almost always) differ. Kept apart rather than mixed.
    let mut a = three(1);
    let mut b = Batches::new();
    b.add(a.clone());
    a.count = 5;
    assert!(matches!(b.add(a), Added::New { export: 1, .. }));
    assert_eq!(b.exports().len(), 2);
}

#[test]
fn debug_shows_no_secret() {
    let mut b = Batches::new();
    b.add(three(1));
    let shown = format!("{b:?}");
    let first = &b.read_so_far().0[0];
    let hex: String = first.secret.as_bytes().iter().map(|x| format!("{x:02x}")).collect();
    assert!(!shown.contains(&hex), "{shown}");
    assert!(!shown.to_lowercase().contains("taro"), "{shown}");
}

/// The line said next to the control: the QR code read with its account count, the missing ones
/// by number, what to do; a repeat said once; two exports both named.
#[test]
fn what_is_said_names_numbers_repeats_once_and_both_exports() {
    use authenticator::i18n::{batches_missing, batches_read, batches_state, Lang};
    let mut b = Batches::new();
    let a = vec![b.add(three(2))];
    assert_eq!(batches_read(Lang::Ja, &a, &b), "QRコード 2/3（10件）を読み取りました。まだQRコード 1/3、3/3 を読み取っていません。次のQRコードを読み取ってください。");
    assert_eq!(batches_read(Lang::En, &a, &b), "QR code 2 of 3 read (10 accounts). Still to read: QR code 1 and 3 of 3. Scan the next one.");
    // The same picture chosen twice with another one: the repeat is said once.
    let a = vec![b.add(three(2)), b.add(three(2)), b.add(three(1))];
    let ja = batches_read(Lang::Ja, &a, &b);
    assert_eq!(ja.matches("QRコード 2/3 は読み取り済みです").count(), 1, "{ja}");
    assert!(ja.starts_with("QRコード 1/3（10件）を読み取りました。まだQRコード 3/3 を読み取っていません。"), "{ja}");
    // Another export's QR code: both named, the first one's progress kept.
    let a = vec![b.add(four(4))];
    let en = batches_read(Lang::En, &a, &b);
    assert!(en.contains("Export 2 (4 QR codes): QR code 4 of 4 read (1 account). Still to read: QR code 1, 2 and 3 of 4."), "{en}");
    assert!(en.contains("2 different exports"), "{en}");
    let state = batches_state(Lang::Ja, &b);
    assert_eq!(state, vec![
        "1つ目のエクスポート（QRコード3個）: QRコード3個中2個を読み取り済み（20件）。まだ読み取っていないQRコード: 3/3".to_owned(),
        "2つ目のエクスポート（QRコード4個）: QRコード4個中1個を読み取り済み（1件）。まだ読み取っていないQRコード: 1/4、2/4、3/4".to_owned(),
    ]);
    assert!(batches_missing(Lang::En, &b.missing(), 2).starts_with("Export 1 (3 QR codes): QR code 3 of 3 was not read"));
    // All at once: one sentence.
    let mut c = Batches::new();
    let a = vec![c.add(three(1)), c.add(three(2)), c.add(three(3))];
    assert_eq!(batches_read(Lang::Ja, &a, &c), "QRコード3個をすべて読み取りました（24件）。");
}
