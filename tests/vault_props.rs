//! Issue 12's property: nothing a user types or imports can cost them their vault. Arbitrary
//! sequences of edits (any Unicode, every text field at and past its limit, imports of every
//! supported format, restores) either apply or are refused with a field error; whatever was
//! applied seals and opens to the very same content, with no entry unreadable.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use authenticator::account::{Account, FieldError, MAX_LABEL_LEN, MAX_TAG_LEN};
use authenticator::backup_codes::{CodeSet, Shape};
use authenticator::import::{self, migration, text};
use authenticator::otp::{Algorithm, Kind, Params, Secret};
use authenticator::uri;
use authenticator::vault::{Choices, Content, Unlocked};
use common::{OsRandom, FAST_KDF};
use proptest::prelude::*;

const PASS: &str = "correct horse battery staple";

/// Text that stresses every writer: any Unicode, and strings at, just under and just past the
/// label limit in characters of every UTF-16 and UTF-8 width, with the URI's own delimiters.
fn text() -> impl Strategy<Value = String> {
    let unit = prop_oneof![
        Just("a"), Just("漢"), Just("😀"), Just("%"), Just(":"), Just("+"), Just("&"), Just("#"), Just("?"),
        Just("/"), Just(" "), Just("\u{3000}"), Just("\u{0}"), Just("\u{200d}"), Just("é"), Just("\n"),
    ];
    prop_oneof![
        4 => any::<String>(),
        2 => "[a-zA-Z0-9 :%+&=?#/@._~-]{0,40}",
        3 => (unit, prop_oneof![Just(MAX_LABEL_LEN / 2), Just(MAX_LABEL_LEN - 1), Just(MAX_LABEL_LEN), Just(MAX_LABEL_LEN + 1), 0usize..300])
            .prop_map(|(u, n)| u.repeat(n)),
        1 => Just("a".repeat(2100)),
    ]
}

fn tag() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), Just("仕".repeat(MAX_TAG_LEN)), Just("x".repeat(MAX_TAG_LEN + 1)), Just("😀".repeat(16))]
}

fn an_account() -> impl Strategy<Value = Account> {
    let kind = prop_oneof![
        (1u32..=600).prop_map(|period| (Kind::Totp { period }, 6u8)),
        any::<u64>().prop_map(|counter| (Kind::Hotp { counter }, 8u8)),
        (1u32..=60).prop_map(|period| (Kind::Steam { period }, 5u8)),
    ];
    let algorithm = prop_oneof![Just(Algorithm::Sha1), Just(Algorithm::Sha224), Just(Algorithm::Sha256), Just(Algorithm::Sha384), Just(Algorithm::Sha512)];
    (text(), text(), prop::collection::vec(any::<u8>(), 1..80), algorithm, kind, 6u8..=10).prop_map(
        |(issuer, name, secret, algorithm, (kind, steam_or_default), digits)| {
            let digits = if matches!(kind, Kind::Steam { .. }) { steam_or_default } else { digits };
            Account { issuer, name, secret: Secret::from_bytes(secret), params: Params { algorithm, digits, kind } }
        },
    )
}

/// The supported import formats, each file built from the accounts with the format's own shape.
#[derive(Clone, Copy, Debug)]
enum FileFormat {
    Aegis,
    TwoFas,
    Bitwarden,
    AndOtp,
    UriList,
    Migration,
}

fn file_of(format: FileFormat, accounts: &[Account]) -> Vec<Vec<u8>> {
    let kind_name = |a: &Account| match a.params.kind {
        Kind::Totp { .. } => "totp",
        Kind::Hotp { .. } => "hotp",
        Kind::Steam { .. } => "steam",
    };
    let period = |a: &Account| a.params.kind.period();
    let counter = |a: &Account| match a.params.kind {
        Kind::Hotp { counter } => Some(counter),
        _ => None,
    };
    match format {
        FileFormat::Aegis => {
            let entries: Vec<_> = accounts
                .iter()
                .map(|a| {
                    serde_json::json!({ "type": kind_name(a), "name": a.name, "issuer": a.issuer, "info": {
                        "secret": a.secret.to_base32(), "algo": a.params.algorithm.as_str(), "digits": a.params.digits,
                        "period": period(a), "counter": counter(a) } })
                })
                .collect();
            vec![serde_json::json!({ "version": 1, "header": { "slots": null, "params": null }, "db": { "version": 2, "entries": entries } }).to_string().into_bytes()]
        }
        FileFormat::TwoFas => {
            let services: Vec<_> = accounts
                .iter()
                .map(|a| {
                    serde_json::json!({ "name": a.issuer, "secret": a.secret.to_base32(), "otp": {
                        "account": a.name, "issuer": a.issuer, "digits": a.params.digits, "period": period(a),
                        "algorithm": a.params.algorithm.as_str(), "tokenType": kind_name(a).to_uppercase(), "counter": counter(a) } })
                })
                .collect();
            vec![serde_json::json!({ "schemaVersion": 4, "services": services }).to_string().into_bytes()]
        }
        FileFormat::Bitwarden => {
            let items: Vec<_> = accounts
                .iter()
                .map(|a| serde_json::json!({ "name": a.issuer, "login": { "username": a.name, "totp": uri::format(a) } }))
                .collect();
            vec![serde_json::json!({ "encrypted": false, "items": items }).to_string().into_bytes()]
        }
        FileFormat::AndOtp => {
            let entries: Vec<_> = accounts
                .iter()
                .map(|a| {
                    serde_json::json!({ "secret": a.secret.to_base32(), "issuer": a.issuer, "label": a.name,
                        "digits": a.params.digits, "type": kind_name(a).to_uppercase(), "algorithm": a.params.algorithm.as_str(),
                        "period": period(a), "counter": counter(a) })
                })
                .collect();
            vec![serde_json::Value::Array(entries).to_string().into_bytes()]
        }
        FileFormat::UriList => vec![text::to_uri_list(accounts).into_bytes()],
        FileFormat::Migration => {
            let exportable: Vec<Account> = accounts.iter().filter(|a| migration::exportable(a)).cloned().collect();
            migration::encode(&exportable, 7).into_iter().map(String::into_bytes).collect()
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    Add(Account),
    Edit { at: usize, issuer: String, name: String, tags: Vec<String> },
    Site { issuer: String, name: String },
    Import { format: FileFormat, accounts: Vec<Account>, choices: Choices },
    Codes { at: usize },
    Mark { at: usize },
    Remove { at: usize },
    Restore,
}

fn an_op() -> impl Strategy<Value = Op> {
    let format = prop_oneof![
        Just(FileFormat::Aegis), Just(FileFormat::TwoFas), Just(FileFormat::Bitwarden),
        Just(FileFormat::AndOtp), Just(FileFormat::UriList), Just(FileFormat::Migration),
    ];
    let choices = (any::<bool>(), any::<bool>()).prop_map(|(r, t)| Choices { replace_other_secret: r, take_other_settings: t });
    prop_oneof![
        4 => an_account().prop_map(Op::Add),
        3 => (any::<usize>(), text(), text(), prop::collection::vec(tag(), 0..24)).prop_map(|(at, issuer, name, tags)| Op::Edit { at, issuer, name, tags }),
        1 => (text(), text()).prop_map(|(issuer, name)| Op::Site { issuer, name }),
        2 => (format, prop::collection::vec(an_account(), 1..4), choices).prop_map(|(format, accounts, choices)| Op::Import { format, accounts, choices }),
        1 => any::<usize>().prop_map(|at| Op::Codes { at }),
        1 => any::<usize>().prop_map(|at| Op::Mark { at }),
        1 => any::<usize>().prop_map(|at| Op::Remove { at }),
        1 => Just(Op::Restore),
    ]
}

fn id_at(c: &Content, at: usize) -> Option<u64> {
    (!c.accounts.is_empty()).then(|| c.accounts[at % c.accounts.len()].id)
}

/// Applies `op` as the app would; returns whether a refusal was a field error (never a panic).
/// No entry is ever renumbered: the ids before the op are still there afterwards, in the same
/// order, but for the one removed.
fn apply(c: &mut Content, op: &Op, now: u64) {
    let before: Vec<u64> = c.accounts.iter().map(|a| a.id).collect();
    let removed = match op {
        Op::Remove { at } => id_at(c, *at),
        _ => None,
    };
    apply_op(c, op, now);
    let after: Vec<u64> = c.accounts.iter().map(|a| a.id).filter(|id| before.contains(id)).collect();
    let expected: Vec<u64> = before.into_iter().filter(|id| Some(*id) != removed).collect();
    assert_eq!(after, expected, "no entry renumbered by {op:?}");
    let mut ids: Vec<u64> = c.accounts.iter().map(|a| a.id).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids are unique");
    assert!(!ids.contains(&0), "no id is 0");
}

fn apply_op(c: &mut Content, op: &Op, now: u64) {
    match op {
        Op::Add(a) => match c.add(a, now) {
            Ok(id) => {
                let stored = c.get(id).and_then(|e| e.account()).expect("added and readable");
                assert_eq!(Some(stored), uri::storable(a).ok(), "stored as checked");
            }
            Err(e) => assert!(matches!(e, FieldError::TooLong { .. } | FieldError::Invisible { .. } | FieldError::Secret(_) | FieldError::NotStorable), "{e:?}"),
        },
        Op::Edit { at, issuer, name, tags } => {
            if let Some(id) = id_at(c, *at) {
                let before = c.clone();
                if c.edit_label(id, issuer, name, tags.clone()).is_err() {
                    assert_eq!(*c, before, "a refused edit changes nothing");
                }
            }
        }
        Op::Site { issuer, name } => {
            let _ = c.add_site(issuer, name, CodeSet::new(Shape::Digits8, vec!["12345678".into(), "23456789".into()], now), now);
        }
        Op::Import { format, accounts, choices } => {
            for file in file_of(*format, accounts) {
                if let Ok(got) = import::import(&file, None) {
                    let counts = c.add_all(&got.accounts, *choices, now);
                    assert_eq!(counts.refused, 0, "importers hand over only what the vault can store");
                }
            }
        }
        Op::Codes { at } => {
            if let Some(id) = id_at(c, *at) {
                c.set_codes(id, CodeSet::new(Shape::Alnum12, vec!["a1b2c3d4e5f6".into()], now), now);
            }
        }
        Op::Mark { at } => {
            if let Some(id) = id_at(c, *at) {
                c.mark_code(id, "a1b2c3d4e5f6", Some(now));
            }
        }
        Op::Remove { at } => {
            if let Some(id) = id_at(c, *at) {
                c.remove(id);
            }
        }
        Op::Restore => {
            let backup = c.clone();
            let mut fresh = Content::default();
            fresh.merge(&backup);
            assert_eq!(fresh.accounts.len(), backup.accounts.len(), "a backup restores every entry");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_edits_seals_and_opens_to_the_same_content(ops in prop::collection::vec(an_op(), 1..12)) {
        let mut content = Content::default();
        for (i, op) in ops.iter().enumerate() {
            apply(&mut content, op, 1_700_000_000_000 + i as u64);
        }
        let mut v = Unlocked::create(content, PASS, FAST_KDF, &mut OsRandom).expect("create");
        let bytes = v.seal(&mut OsRandom).expect("seal");
        let opened = Unlocked::open(&bytes, PASS).expect("whatever was written opens");
        prop_assert!(opened.content.unreadable.is_empty(), "nothing written became unreadable");
        prop_assert!(opened.content.accounts.iter().all(|a| a.is_valid()));
        prop_assert_eq!(&opened.content, &v.content);
    }

    /// One broken entry among good ones: the vault opens, the good ones are all there, and the
    /// broken one survives a save byte for byte.
    #[test]
    fn a_vault_with_one_broken_entry_still_opens(accounts in prop::collection::vec(an_account(), 1..6), junk in any::<String>(), at in any::<usize>()) {
        let mut content = Content::default();
        for a in &accounts {
            let _ = content.add(a, 1);
        }
        let mut json = serde_json::to_value(&content).expect("json");
        let list = json["accounts"].as_array_mut().expect("array");
        let broken = serde_json::json!({ "id": 999, "uri": format!("otpauth://totp/{junk}?secret=*") });
        let at = at % (list.len() + 1);
        list.insert(at, broken);
        let with_broken: Content = serde_json::from_str(&json.to_string()).expect("tolerant");
        prop_assert_eq!(&with_broken.accounts, &content.accounts);
        prop_assert_eq!(with_broken.unreadable.len(), 1);
        let mut v = Unlocked::create(with_broken, PASS, FAST_KDF, &mut OsRandom).expect("create");
        let opened = Unlocked::open(&v.seal(&mut OsRandom).expect("seal"), PASS).expect("opens");
        prop_assert_eq!(&opened.content.accounts, &content.accounts);
        prop_assert_eq!(opened.content.unreadable[0].raw_json(), v.content.unreadable[0].raw_json());
    }
}
