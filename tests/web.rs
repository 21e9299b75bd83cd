//! Browser-adapter tests, run by wasm-bindgen-test in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use authenticator::clock::Clock;
use authenticator::i18n::Lang;
use authenticator::web::clock::BrowserClock;
use authenticator::web::prefs::{self, LocalPrefs, Prefs};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn browser_clock_reads_date_now() {
    let before = js_sys::Date::now() as u64;
    let ours = BrowserClock.now_ms();
    let after = js_sys::Date::now() as u64;
    assert!(before <= ours && ours <= after, "{before} <= {ours} <= {after}");
    // 2020-01-01: a sanity floor that catches seconds-for-milliseconds mistakes.
    assert!(ours > 1_577_836_800_000);
}

#[wasm_bindgen_test]
fn language_choice_survives_in_local_storage() {
    LocalPrefs.set_language(Lang::Ja);
    assert_eq!(LocalPrefs.language(), Some(Lang::Ja));
    assert_eq!(prefs::initial_language(&LocalPrefs), Lang::Ja);
    LocalPrefs.set_language(Lang::En);
    assert_eq!(LocalPrefs.language(), Some(Lang::En));
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item("pref.lang", "klingon").unwrap();
    assert_eq!(LocalPrefs.language(), None, "an unknown stored value is ignored");
    storage.remove_item("pref.lang").unwrap();
    // With nothing saved, the browser's own list decides.
    let tags = prefs::browser_languages();
    assert!(!tags.is_empty());
    assert_eq!(prefs::initial_language(&LocalPrefs), Lang::from_tags(tags.iter().map(String::as_str)));
}

#[wasm_bindgen_test]
fn document_language_follows_the_choice() {
    prefs::set_document_language(Lang::Ja);
    let root = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ja"));
    prefs::set_document_language(Lang::En);
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
}

mod store {
    use authenticator::vault::{Content, KdfParams, Random, Unlocked, VaultError};
    use authenticator::web::random::WebRandom;
    use authenticator::web::store::{StoreError, VaultStore};
    use wasm_bindgen_test::*;

    const FAST: KdfParams = KdfParams { memory_kib: 8, iterations: 1, parallelism: 1 };

    #[wasm_bindgen_test]
    fn web_random_fills_every_byte() {
        let mut a = vec![0u8; 70_000]; // more than one getRandomValues call
        WebRandom.fill(&mut a);
        let zeros = a.iter().filter(|b| **b == 0).count();
        // Expect about 70_000 / 256 ≈ 273 zero bytes; a broken fill leaves tens of thousands.
        assert!(zeros < 1_000, "{zeros} zero bytes");
        let mut b = vec![0u8; 32];
        WebRandom.fill(&mut b);
        assert_ne!(&a[..32], &b[..]);
    }

    #[wasm_bindgen_test]
    async fn save_load_and_refuse_a_stale_write() {
        let store = VaultStore::open().await.expect("IndexedDB opens");
        store.clear().await.expect("clear");
        assert_eq!(store.load().await.expect("load"), None);

        let mut v = Unlocked::create(Content::default(), "pass phrase", FAST, &mut WebRandom).expect("create");
        let first = v.seal(&mut WebRandom).expect("seal");
        store.save(&first, None).await.expect("first save");
        assert_eq!(store.load().await.expect("load").as_deref(), Some(first.as_slice()));

        let second = v.seal(&mut WebRandom).expect("seal");
        store.save(&second, Some(1)).await.expect("second save");

        // A tab still at revision 1 tries to write: refused, and the newer record is intact.
        let mut stale = Unlocked::open(&first, "pass phrase").expect("open");
        let stale_bytes = stale.seal(&mut WebRandom).expect("seal");
        assert_eq!(store.save(&stale_bytes, Some(1)).await, Err(StoreError::Conflict { stored: 2 }));
        assert_eq!(store.load().await.expect("load").as_deref(), Some(second.as_slice()));
        // Writing over a record that must not exist is refused too.
        assert_eq!(store.save(&stale_bytes, None).await, Err(StoreError::Conflict { stored: 2 }));

        let reopened = Unlocked::open(&store.load().await.expect("load").expect("record"), "pass phrase").expect("open");
        assert_eq!(reopened.revision, 2);
        assert_eq!(Unlocked::open(&second, "wrong").err(), Some(VaultError::WrongPassphraseOrDamaged));
        store.clear().await.expect("clear");
    }
}

/// Two tabs' connections to the real IndexedDB, writing as the session writes
/// (`web::record::save_sealed` under the write lock, retried by `vault::write_change`): an edit
/// taken on a stale view is applied again to the other tab's record, so neither edit is lost; a
/// record under another key is never written over.
mod two_tabs {
    use authenticator::uri;
    use authenticator::vault::{write_change, Content, Edit, KdfParams, Unlocked, Unwritten};
    use authenticator::web::random::WebRandom;
    use authenticator::web::record::{save_sealed, TabRecord, TabRecordError};
    use authenticator::web::store::VaultStore;
    use std::cell::Cell;
    use wasm_bindgen_test::*;

    const FAST: KdfParams = KdfParams { memory_kib: 8, iterations: 1, parallelism: 1 };

    #[wasm_bindgen_test]
    async fn an_edit_on_a_stale_view_is_applied_again_to_the_other_tabs_record() {
        let (store_a, store_b) = (VaultStore::open().await.expect("tab A opens"), VaultStore::open().await.expect("tab B opens"));
        store_a.clear().await.expect("clear");
        let mut content = Content::default();
        let link = "otpauth://totp/Shared:start?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Shared";
        let id = content.add(&uri::parse(link).expect("valid").account, 1).expect("storable");
        let mut vault = Unlocked::create(content, "pass phrase", FAST, &mut WebRandom).expect("create");
        let first = save_sealed(&store_a, &mut vault, None).await.expect("first save");
        assert_eq!(vault.revision, 1);
        let tab_a = vault.clone();
        let tab_b = Unlocked::open(&first, "pass phrase").expect("tab B opens the record");

        // Tab B renames the account and saves first.
        let rename = [Edit::Name { id, name: "from B".into() }];
        let (b_saved, applied) = write_change(&mut TabRecord { store: store_b.clone() }, tab_b, |_, v| v.content.apply(&rename)).await.expect("B saves");
        assert_eq!((b_saved.revision, applied), (2, Ok(true)));

        // Tab A, still at revision 1, tags it: refused once (B stored since), read again, applied
        // again to B's record, stored as revision 3.
        let tries = Cell::new(0);
        let tag = [Edit::Tags { id, tags: vec!["仕事".into()] }];
        let (a_saved, applied) = write_change(&mut TabRecord { store: store_a.clone() }, tab_a, |_, v| {
            tries.set(tries.get() + 1);
            v.content.apply(&tag)
        })
        .await
        .expect("A saves after one retry");
        assert_eq!((tries.get(), a_saved.revision, applied), (2, 3, Ok(true)));

        // What IndexedDB holds, read by a third reader: both edits.
        let stored = Unlocked::open(&store_b.load().await.expect("load").expect("record"), "pass phrase").expect("opens");
        let entry = stored.content.get(id).expect("still there");
        assert_eq!(stored.revision, 3);
        assert_eq!(entry.label().1, "from B");
        assert_eq!(entry.tags, vec!["仕事".to_owned()]);

        // Tab B stores the vault under a new passphrase (a new key): tab A's next edit conflicts,
        // cannot read the new record, and stores nothing.
        let mut rekeyed = Unlocked::create(stored.content.clone(), "new pass phrase", FAST, &mut WebRandom).expect("create");
        save_sealed(&store_b, &mut rekeyed, Some(3)).await.expect("B stores under the new key");
        let pin = [Edit::Pinned { id, pinned: true }];
        let refused = write_change(&mut TabRecord { store: store_a.clone() }, a_saved, |_, v| v.content.apply(&pin)).await;
        assert!(matches!(refused, Err(Unwritten::Failed(TabRecordError::Unreadable))), "{:?}", refused.map(|(v, _)| v.revision));
        let kept = Unlocked::open(&store_a.load().await.expect("load").expect("record"), "new pass phrase").expect("B's record intact");
        assert_eq!((kept.revision, kept.content.get(id).expect("there").pinned), (4, false));
        store_a.clear().await.expect("clear");
    }
}

/// The clock measurement kept between visits: what earlier builds wrote (serde_json's text of
/// `Measured`, written out here as it was stored) is read by the browser's JSON; this build's
/// text reads back the same; absurd or damaged text is nothing, never a wrong correction.
#[wasm_bindgen_test]
fn a_stored_clock_measurement_reads_back_in_either_build() {
    use authenticator::timesync::Measured;
    use authenticator::web::timesync::{measured_from_text, measured_to_text};
    let earlier = r#"{"offset_ms":-3600250.5,"uncertainty_ms":12.0,"at_ms":1765000000123}"#;
    let m = measured_from_text(earlier).expect("an earlier build's text");
    assert_eq!(m, Measured::from_parts(-3_600_250.5, 12.0, 1_765_000_000_123.0).unwrap());
    let ours = measured_to_text(&m).unwrap();
    assert_eq!(ours, r#"{"offset_ms":-3600250.5,"uncertainty_ms":12,"at_ms":1765000000123}"#);
    assert_eq!(measured_from_text(&ours), Some(m));
    for bad in [
        "garbage",
        "",
        "null",
        "5",
        "[1,2,3]",
        r#"{"offset_ms":1e12,"uncertainty_ms":1,"at_ms":0}"#,
        r#"{"offset_ms":"5","uncertainty_ms":1,"at_ms":0}"#,
        r#"{"offset_ms":5,"uncertainty_ms":1}"#,
        r#"{"offset_ms":5,"uncertainty_ms":-1,"at_ms":0}"#,
        r#"{"offset_ms":5,"uncertainty_ms":1,"at_ms":0.5}"#,
        r#"{"offset_ms":5,"uncertainty_ms":1,"at_ms":0"#,
    ] {
        assert_eq!(measured_from_text(bad), None, "{bad}");
    }
}
