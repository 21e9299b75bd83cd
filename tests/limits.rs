//! The cap on accounts ([`MAX_ACCOUNTS`]) in every writer: add, a site kept for its codes, an
//! import (counted before reading where the format shows it), merge, replace and opening a
//! backup to restore; and the linear import and merge against the step-by-step rules they
//! replace.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use authenticator::account::{Account, FieldError, MAX_ACCOUNTS};
use authenticator::backup_codes::{CodeSet, Shape};
use authenticator::import::{self, ImportError};
use authenticator::uri;
use authenticator::vault::{AddCounts, Checked, Choices, Content, Incoming, Unlocked, VaultError};
use common::{OsRandom, FAST_KDF};
use proptest::prelude::*;

const PASS: &str = "correct horse battery staple";

/// A distinct valid Base32 secret for `i` (20 bytes).
fn secret(i: usize) -> String {
    let mut bytes = [0u8; 20];
    bytes[..8].copy_from_slice(&(i as u64).to_be_bytes());
    bytes[8..16].copy_from_slice(&(i as u64 ^ 0x5a5a_5a5a).to_le_bytes());
    base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &bytes)
}

fn link(i: usize) -> String {
    format!("otpauth://totp/Service{i}:user{i}@example.com?secret={}&issuer=Service{i}", secret(i))
}

fn account(i: usize) -> Account {
    uri::parse(&link(i)).expect("valid").account
}

fn accounts(range: std::ops::Range<usize>) -> Vec<Account> {
    range.map(account).collect()
}

/// A vault holding accounts `0..n`, written by the importer's own writer.
fn vault_of(n: usize) -> Content {
    let mut c = Content::default();
    let counts = c.add_all(&accounts(0..n), Choices::default(), 1);
    assert_eq!(counts.added, n);
    c
}

/// Content of `n` accounts as an older version (before the cap) may have written it: through the
/// stored JSON, which the reader takes whatever its size.
fn stored_content(n: usize) -> Content {
    let entries: Vec<serde_json::Value> = (0..n).map(|i| serde_json::json!({ "id": i + 1, "uri": link(i), "added_ms": 1 })).collect();
    serde_json::from_str(&serde_json::json!({ "version": 3, "accounts": entries }).to_string()).expect("reads")
}

fn codes() -> CodeSet {
    CodeSet::new(Shape::Digits8, vec!["12345678".into()], 1)
}

#[test]
fn the_cap_is_a_number_a_person_could_have() {
    assert_eq!(MAX_ACCOUNTS, 5_000);
}

#[test]
fn a_full_vault_refuses_one_more_account_or_site_and_takes_it_once_there_is_room() {
    let mut c = vault_of(MAX_ACCOUNTS);
    let full = FieldError::TooManyAccounts { here: MAX_ACCOUNTS, adding: 1 };
    assert_eq!(c.add(&account(MAX_ACCOUNTS), 2), Err(full.clone()));
    assert_eq!(c.add_site("Bank", "me", codes(), 2), Err(full.clone()));
    assert_eq!(c.check_room(1), Err(full));
    assert_eq!(c.check_room(0), Ok(()), "adding nothing always fits");
    assert_eq!(c.entry_count(), MAX_ACCOUNTS);
    let first = c.accounts[0].id;
    assert!(c.remove(first));
    assert!(c.add_site("Bank", "me", codes(), 2).is_ok());
    assert_eq!(c.entry_count(), MAX_ACCOUNTS);
}

#[test]
fn unreadable_entries_take_room_too() {
    let mut json = serde_json::to_value(vault_of(MAX_ACCOUNTS - 1)).expect("json");
    json["accounts"].as_array_mut().expect("array").push(serde_json::json!({ "id": 9, "uri": "not a link", "added_ms": 1 }));
    let mut c: Content = serde_json::from_str(&json.to_string()).expect("reads");
    assert_eq!((c.accounts.len(), c.unreadable.len()), (MAX_ACCOUNTS - 1, 1));
    assert!(matches!(c.add(&account(MAX_ACCOUNTS), 2), Err(FieldError::TooManyAccounts { .. })));
}

#[test]
fn an_import_that_does_not_fit_adds_nothing_and_what_is_here_already_takes_no_room() {
    let mut c = vault_of(MAX_ACCOUNTS - 10);
    let before = c.clone();
    let incoming = accounts(MAX_ACCOUNTS - 10..MAX_ACCOUNTS + 10);
    assert_eq!(c.adds_needed(&incoming, Choices::default()), 20);
    assert_eq!(c.check_room(20), Err(FieldError::TooManyAccounts { here: MAX_ACCOUNTS - 10, adding: 20 }));
    assert_eq!(c.add_all(&incoming, Choices::default(), 2), AddCounts { refused: 20, ..AddCounts::default() });
    assert_eq!(c, before, "nothing changed, not even by halves");

    // 15 already here and 10 new: exactly the room left.
    let mixed = accounts(MAX_ACCOUNTS - 25..MAX_ACCOUNTS);
    assert_eq!(c.adds_needed(&mixed, Choices::default()), 10);
    assert_eq!(c.add_all(&mixed, Choices::default(), 2), AddCounts { added: 10, unchanged: 15, ..AddCounts::default() });
    assert_eq!(c.entry_count(), MAX_ACCOUNTS);
}

#[test]
fn a_vault_written_before_the_cap_still_opens_edits_and_deletes_but_takes_no_more() {
    let mut c = stored_content(MAX_ACCOUNTS + 3);
    assert_eq!(c.accounts.len(), MAX_ACCOUNTS + 3);
    let id = c.accounts[0].id;
    assert_eq!(c.edit_label(id, "Renamed", "me", vec!["work".into()]), Ok(true));
    assert!(c.set_pinned(id, true));
    assert_eq!(c.add_all(&accounts(1..6), Choices::default(), 2).unchanged, 5, "identical accounts add nothing, so it is not a refusal");
    assert!(matches!(c.add(&account(MAX_ACCOUNTS + 9), 2), Err(FieldError::TooManyAccounts { here, adding: 1 }) if here == MAX_ACCOUNTS + 3));
    assert!(c.remove(id));
}

#[test]
fn a_merge_that_does_not_fit_adds_nothing_and_replace_refuses_a_backup_over_the_cap() {
    let mut here = vault_of(MAX_ACCOUNTS - 5);
    let before = here.clone();
    // The backup: 10 of the accounts here, and 10 new ones.
    let mut backup = Content::default();
    backup.add_all(&accounts(MAX_ACCOUNTS - 15..MAX_ACCOUNTS + 5), Choices::default(), 3);
    assert_eq!(here.merge_adds(&backup), 10);
    assert_eq!(here.check_merge(&backup), Err(FieldError::TooManyAccounts { here: MAX_ACCOUNTS - 5, adding: 10 }));
    assert_eq!(here.merge(&backup), 0);
    assert_eq!(here, before);

    let mut small = Content::default();
    small.add_all(&accounts(MAX_ACCOUNTS - 15..MAX_ACCOUNTS), Choices::default(), 3);
    assert_eq!(here.check_merge(&small), Ok(()));
    assert_eq!(here.merge(&small), 5);
    assert_eq!(here.entry_count(), MAX_ACCOUNTS);

    // Replace all: the backup alone must fit.
    let over = stored_content(MAX_ACCOUNTS + 1);
    assert_eq!(Content::check_replace(&over), Err(FieldError::TooManyAccounts { here: 0, adding: MAX_ACCOUNTS + 1 }));
    let kept = here.clone();
    assert_eq!(here.replace_all(&over), (0, 0));
    assert_eq!(here, kept);
    let at_cap = stored_content(MAX_ACCOUNTS);
    assert_eq!(here.replace_all(&at_cap), (MAX_ACCOUNTS, 0));
}

#[test]
fn a_backup_over_the_cap_is_refused_before_its_entries_are_read_but_unlocks_as_the_vault() {
    let mut v = Unlocked::create(stored_content(MAX_ACCOUNTS + 1), PASS, FAST_KDF, &mut OsRandom).expect("create");
    let bytes = v.seal(&mut OsRandom).expect("seal");
    let kek = Unlocked::unlock_jobs(&bytes).expect("jobs")[0].derive(PASS.as_bytes()).expect("kek");
    assert_eq!(Unlocked::open_backup_with_kek(&bytes, 0, &kek).err(), Some(VaultError::TooManyEntries { found: MAX_ACCOUNTS + 1 }));
    // The vault's own reader has no cap: nothing already stored becomes unopenable.
    assert_eq!(Unlocked::open_with_kek(&bytes, 0, &kek).expect("unlocks").content.accounts.len(), MAX_ACCOUNTS + 1);

    let mut ok = Unlocked::create(stored_content(3), PASS, FAST_KDF, &mut OsRandom).expect("create");
    let bytes = ok.seal(&mut OsRandom).expect("seal");
    let kek = Unlocked::unlock_jobs(&bytes).expect("jobs")[0].derive(PASS.as_bytes()).expect("kek");
    assert_eq!(Unlocked::open_backup_with_kek(&bytes, 0, &kek).expect("opens").content.accounts.len(), 3);
}

#[test]
fn a_list_of_links_over_the_cap_is_refused_by_its_count_before_any_link_is_read() {
    // Links whose secret would not even parse: had they been read, they would be skipped, not counted.
    let bad: String = (0..MAX_ACCOUNTS + 1).map(|i| format!("otpauth://totp/S{i}:me?secret=1\n")).collect();
    assert_eq!(import::import(bad.as_bytes(), None).err(), Some(ImportError::TooManyAccounts { found: MAX_ACCOUNTS + 1 }));
    assert_eq!(import::Reading::start(bad.as_bytes(), None, &[]).err(), Some(ImportError::TooManyAccounts { found: MAX_ACCOUNTS + 1 }));
    // Comments and blank lines are not entries.
    let at_cap: String = (0..MAX_ACCOUNTS).map(|i| format!("# entry {i}\n\n{}\n", link(i))).collect();
    let got = import::import(at_cap.as_bytes(), None).expect("at the cap");
    assert_eq!(got.accounts.len(), MAX_ACCOUNTS);
}

#[test]
fn json_exports_over_the_cap_are_refused_by_their_count_before_any_entry_is_read() {
    let over = MAX_ACCOUNTS + 1;
    // Every entry but the first is empty: read, the file would be refused as damaged instead.
    let entries = |first: serde_json::Value| std::iter::once(first).chain((1..over).map(|_| serde_json::json!({}))).collect::<Vec<_>>();
    let andotp = entries(serde_json::json!({ "secret": secret(0), "issuer": "S", "label": "me", "type": "TOTP" }));
    let aegis = serde_json::json!({ "version": 1, "header": { "slots": null, "params": null }, "db": { "version": 2,
        "entries": entries(serde_json::json!({ "type": "totp", "name": "me", "issuer": "S", "info": { "secret": secret(0) } })) } });
    let twofas = serde_json::json!({ "schemaVersion": 4, "services": entries(serde_json::json!({ "name": "S", "secret": secret(0) })) });
    for (what, file) in [("andOTP", serde_json::Value::from(andotp)), ("Aegis", aegis), ("2FAS", twofas)] {
        let text = file.to_string();
        assert_eq!(import::import(text.as_bytes(), None).err(), Some(ImportError::TooManyAccounts { found: over }), "{what}");
        // One entry fewer than the cap: read, and refused as damaged (the count let it through).
        let mut fewer: serde_json::Value = serde_json::from_str(&text).expect("json");
        let list = match what {
            "andOTP" => fewer.as_array_mut(),
            "Aegis" => fewer["db"]["entries"].as_array_mut(),
            _ => fewer["services"].as_array_mut(),
        };
        list.expect("entries").truncate(MAX_ACCOUNTS);
        let read = import::import(fewer.to_string().as_bytes(), None);
        if what == "2FAS" {
            // 2FAS services are read one by one (a badly shaped one is skipped, not the file).
            let read = read.expect("2FAS at the cap is read");
            assert_eq!((read.accounts.len(), read.skipped.len()), (1, MAX_ACCOUNTS - 1), "{what}");
        } else {
            assert!(matches!(read, Err(ImportError::Malformed(_))), "{what}");
        }
    }
    // A password manager's export: thousands of logins, few with a TOTP; only those count.
    let items: Vec<_> = (0..over + 100)
        .map(|i| serde_json::json!({ "name": format!("Site{i}"), "login": { "username": "me", "totp": if i % 1000 == 0 { serde_json::Value::from(secret(i)) } else { serde_json::Value::Null } } }))
        .collect();
    let bitwarden = serde_json::json!({ "encrypted": false, "items": items });
    assert_eq!(import::import(bitwarden.to_string().as_bytes(), None).expect("few TOTPs").accounts.len(), 6);
}

#[test]
fn reading_in_steps_gives_what_reading_at_once_gives_and_says_how_far_it_is() {
    let mut text = String::new();
    for i in 0..700 {
        text.push_str(&if i % 7 == 3 { format!("otpauth://totp/Bad{i}:me?secret=1&issuer=Bad{i}\r\n") } else { format!("  {}\r\n", link(i)) });
        text.push_str("not a link\n");
    }
    let whole = import::import(text.as_bytes(), None).expect("whole");
    let mut reading = import::Reading::start(text.as_bytes(), None, &[]).expect("start");
    assert_eq!((reading.total(), reading.read(), reading.is_done()), (700, 0, false));
    reading.step(100);
    assert_eq!(reading.read(), 100);
    while !reading.is_done() {
        reading.step(33);
    }
    assert_eq!(reading.read(), 700);
    let stepped = reading.finish().expect("stepped");
    assert_eq!(stepped, whole);
    assert_eq!((whole.accounts.len(), whole.skipped.len()), (600, 100));
}

/// The import's rules, one account after the other against the vault as it stands (the code
/// before the index): what the linear [`Content::add_all`] must still do.
fn add_all_one_by_one(c: &mut Content, accounts: &[Account], choices: Choices) -> AddCounts {
    let mut counts = AddCounts::default();
    let mut added_now = Vec::new();
    for a in accounts {
        let kind = match c.classify_one_by_one(a) {
            Incoming::SameLabel(id) | Incoming::SameSecretOtherSettings(id) if added_now.contains(&id) => Incoming::New,
            other => other,
        };
        match kind {
            Incoming::Identical(_) => counts.unchanged += 1,
            Incoming::SameSecretOtherSettings(_) if !choices.take_other_settings => counts.unchanged += 1,
            Incoming::SameSecretOtherSettings(id) => {
                c.replace(id, a).expect("storable");
                counts.replaced += 1;
            }
            Incoming::SameLabel(id) if choices.replace_other_secret => {
                c.replace(id, a).expect("storable");
                counts.replaced += 1;
            }
            Incoming::SameLabel(_) | Incoming::New => {
                added_now.push(c.add(a, 1).expect("storable"));
                counts.added += 1;
            }
        }
    }
    counts
}

trait OneByOne {
    fn classify_one_by_one(&self, account: &Account) -> Incoming;
}

impl OneByOne for Content {
    /// Every entry in list order: identical first, else the first with the same secret, else the
    /// first with the same label.
    fn classify_one_by_one(&self, account: &Account) -> Incoming {
        let (mut same_secret, mut same_label) = (None, None);
        for entry in &self.accounts {
            let Some(mine) = entry.account() else { continue };
            if mine == *account {
                return Incoming::Identical(entry.id);
            }
            if mine.issuer == account.issuer && mine.name == account.name {
                if mine.secret == account.secret {
                    same_secret.get_or_insert(entry.id);
                } else {
                    same_label.get_or_insert(entry.id);
                }
            }
        }
        same_secret.map(Incoming::SameSecretOtherSettings).or(same_label.map(Incoming::SameLabel)).unwrap_or(Incoming::New)
    }
}

/// Entries as the list shows them, ids aside (new ids are random).
fn shape(c: &Content) -> Vec<Option<String>> {
    c.accounts.iter().map(|e| e.uri().map(str::to_owned)).collect()
}

/// Few labels, secrets and digit counts, so that identical, same-label and same-secret accounts
/// meet often, in the vault and within one file.
fn small_account() -> impl Strategy<Value = Account> {
    (0..3usize, 0..3usize, prop_oneof![Just(6u8), Just(8u8)]).prop_map(|(label, key, digits)| {
        let mut a = uri::parse(&format!("otpauth://totp/L{label}:me?secret={}&digits={digits}", secret(key))).expect("valid").account;
        a.params.digits = digits;
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_linear_import_does_what_the_one_by_one_rules_do(
        here in proptest::collection::vec(small_account(), 0..6),
        incoming in proptest::collection::vec(small_account(), 0..8),
        replace in any::<bool>(),
        take in any::<bool>(),
    ) {
        let mut start = Content::default();
        for a in &here {
            start.add(a, 1).expect("storable");
        }
        let choices = Choices { replace_other_secret: replace, take_other_settings: take };
        let expected_kinds: Vec<Incoming> = incoming.iter().map(|a| start.classify_one_by_one(a)).collect();
        prop_assert_eq!(start.classify_all(&incoming), expected_kinds);
        let (mut linear, mut reference) = (start.clone(), start.clone());
        let needed = linear.adds_needed(&incoming, choices);
        let counts = linear.add_all(&incoming, choices, 1);
        prop_assert_eq!(counts, add_all_one_by_one(&mut reference, &incoming, choices));
        prop_assert_eq!(needed, counts.added);
        prop_assert_eq!(shape(&linear), shape(&reference));
        // Checked first (the page does it a slice at a time), then added: the same.
        let checked: Vec<Checked> = incoming.iter().map(|a| Checked::new(a).expect("storable")).collect();
        let mut prepared = start.clone();
        prop_assert_eq!(prepared.add_all_checked(&checked, choices, 1), counts);
        prop_assert_eq!(shape(&prepared), shape(&linear));

        // Merging `linear` into the start: what the preview says is what the merge does.
        let preview = start.preview_merge(&linear);
        for e in &linear.accounts {
            let same = start.accounts.iter().any(|m| m.account() == e.account() && m.label() == e.label() && m.backup_codes == e.backup_codes);
            let label = start.accounts.iter().any(|m| m.label() == e.label());
            let kind = if same { &preview.unchanged } else if label { &preview.conflicting } else { &preview.added };
            prop_assert!(kind.contains(&e.id));
        }
        let mut merged = start.clone();
        let adds = merged.merge_adds(&linear);
        prop_assert_eq!(merged.merge(&linear), adds);
        prop_assert_eq!(merged.entry_count(), start.entry_count() + adds);
    }
}
