//! Browser-adapter tests, run by wasm-bindgen-test in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

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
