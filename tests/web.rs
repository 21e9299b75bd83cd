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
