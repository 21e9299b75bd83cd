//! The emergency kit gathered from a vault's content: only unused codes of the current sets, in
//! the vault's and the site's order, with counts and flags; an empty vault still gives a kit.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::backup_codes::{CodeSet, Shape};
use authenticator::i18n::{self, Lang};
use authenticator::kit::{Kit, KitFlag, Uncovered};
use authenticator::uri;
use authenticator::vault::Content;

const SECRET_B32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn add_account(c: &mut Content, issuer: &str, name: &str) -> u64 {
    let link = format!("otpauth://totp/{issuer}:{name}?secret={SECRET_B32}&issuer={issuer}");
    c.add(&uri::parse(&link).expect("valid").account, 1).expect("storable")
}

/// Instagram with 5 codes (2 used), GitHub with 3 (none used), X kept for its codes alone, and an
/// account without codes.
fn vault() -> Content {
    let mut c = Content::default();
    let insta = add_account(&mut c, "Instagram", "alice.smith");
    let set = CodeSet::new(Shape::Digits8, codes(&["11112222", "33334444", "55556666", "77778888", "99990000"]), 10);
    assert!(c.set_codes(insta, set, 10));
    assert!(c.mark_code(insta, "33334444", Some(20)));
    assert!(c.mark_code(insta, "11112222", Some(30)));
    let github = add_account(&mut c, "GitHub", "alice");
    assert!(c.set_codes(github, CodeSet::new(Shape::Hex5x2, codes(&["a1b2c3d4e5", "f6a7b8c9d0", "0a1b2c3d4e"]), 10), 10));
    c.add_site("X", "alice_x", CodeSet::new(Shape::Alnum12, codes(&["k3m9p2x7q4w8", "z8y7x6w5v4u3"]), 10), 10).expect("storable");
    add_account(&mut c, "Google", "alice@example.com");
    c
}

fn shown(kit: &Kit, site: usize) -> Vec<&str> {
    kit.sites[site].codes.iter().map(|c| c.shown.as_str()).collect()
}

#[test]
fn every_site_with_codes_in_vault_order_with_only_its_unused_codes_in_site_order() {
    let kit = Kit::from_content(&vault());
    let labels: Vec<(&str, &str)> = kit.sites.iter().map(|s| (s.issuer.as_str(), s.name.as_str())).collect();
    assert_eq!(labels, [("Instagram", "alice.smith"), ("GitHub", "alice"), ("X", "alice_x")]);
    // Used codes are left out whatever order they were used in; the rest keep the site's order.
    assert_eq!(shown(&kit, 0), ["5555 6666", "7777 8888", "9999 0000"]);
    assert_eq!(shown(&kit, 1), ["a1b2c-3d4e5", "f6a7b-8c9d0", "0a1b2-c3d4e"]);
    assert_eq!(shown(&kit, 2), ["k3m9p2x7q4w8", "z8y7x6w5v4u3"]);
    assert_eq!(kit.sites[2].codes[0].groups, ["k3m9", "p2x7", "q4w8"]);
    assert_eq!((kit.sites[0].remaining(), kit.sites[0].total), (3, 5));
    assert_eq!(kit.unused(), 8);
    assert_eq!(kit.uncovered, [Uncovered { issuer: "Google".into(), name: "alice@example.com".into() }]);
    assert!(!kit.has_no_codes());
}

#[test]
fn retired_sets_are_left_out() {
    let mut c = vault();
    let github = c.accounts[1].id;
    assert!(c.set_codes(github, CodeSet::new(Shape::Hex5x2, codes(&["1111122222"]), 40), 40));
    assert_eq!(c.accounts[1].revoked.len(), 1);
    let kit = Kit::from_content(&c);
    assert_eq!(shown(&kit, 1), ["11111-22222"]);
    assert_eq!(kit.sites[1].total, 1);
    assert!(!kit.sites.iter().flat_map(|s| &s.codes).any(|c| c.shown.starts_with("a1b2c")), "a retired code is void at the site");
}

#[test]
fn low_and_all_used_sites_are_flagged_by_the_users_threshold() {
    let mut c = vault();
    // Instagram: 3 of 5 left, at the default threshold of 3.
    assert_eq!(Kit::from_content(&c).sites[0].flag, Some(KitFlag::Low));
    // GitHub: none used, so not low even with 3 left; X: all used.
    let x = c.accounts[2].id;
    assert!(c.mark_code(x, "k3m9p2x7q4w8", Some(50)));
    assert!(c.mark_code(x, "z8y7x6w5v4u3", Some(51)));
    let kit = Kit::from_content(&c);
    assert_eq!(kit.sites.iter().map(|s| s.flag).collect::<Vec<_>>(), [Some(KitFlag::Low), None, Some(KitFlag::AllUsed)]);
    assert!(kit.sites[2].codes.is_empty(), "an all-used site stays on the paper, to say so");
    assert_eq!(kit.flagged(), 2);
    // A lower threshold: Instagram is no longer low; all used is flagged whatever the threshold.
    c.settings.low_codes_threshold = 0;
    let kit = Kit::from_content(&c);
    assert_eq!(kit.sites.iter().map(|s| s.flag).collect::<Vec<_>>(), [None, None, Some(KitFlag::AllUsed)]);
}

#[test]
fn the_same_content_gives_the_same_kit() {
    let c = vault();
    assert_eq!(Kit::from_content(&c), Kit::from_content(&c));
    // Marking a code used and then unused again gives the paper back unchanged.
    let mut d = c.clone();
    let insta = d.accounts[0].id;
    assert!(d.mark_code(insta, "55556666", Some(60)));
    assert_ne!(Kit::from_content(&d), Kit::from_content(&c));
    assert!(d.mark_code(insta, "55556666", None));
    assert_eq!(Kit::from_content(&d), Kit::from_content(&c));
}

#[test]
fn an_empty_vault_gives_a_kit_that_says_so_and_still_tells_how_to_restore() {
    let kit = Kit::from_content(&Content::default());
    assert!(kit.has_no_codes());
    assert_eq!((kit.unused(), kit.flagged(), kit.uncovered.len()), (0, 0, 0));
    for lang in [Lang::En, Lang::Ja] {
        let steps = i18n::kit_restore_steps(lang, "https://example.org/auth/");
        assert_eq!(steps.len(), 4);
        assert!(steps[0].contains("https://example.org/auth/"));
        assert!(!i18n::kit_summary(lang, &kit).is_empty());
    }
    assert_eq!(i18n::kit_summary(Lang::En, &kit), "No backup codes saved in this app yet.");
    assert_eq!(i18n::kit_summary(Lang::Ja, &kit), "このアプリにはまだバックアップコードが保存されていません。");
    assert!(i18n::kit_no_codes_hint(Lang::Ja).contains("「バックアップコードを追加」"));
    assert!(i18n::kit_no_codes_hint(Lang::En).contains("“Add backup codes”"));
}

#[test]
fn the_print_date_reads_as_each_language_writes_dates() {
    assert_eq!(i18n::date(Lang::Ja, 1795435200000), "2026年11月23日");
    assert_eq!(i18n::date(Lang::En, 1795435200000), "Nov 23, 2026");
    assert_eq!(i18n::date(Lang::En, 1799150400000), "Jan 5, 2027");
    assert_eq!(i18n::date(Lang::Ja, 1799150400000), "2027年1月5日");
}

#[test]
fn debug_never_shows_a_code() {
    let kit = Kit::from_content(&vault());
    let text = format!("{kit:?}");
    for code in ["5555", "a1b2c", "k3m9"] {
        assert!(!text.contains(code), "{code} in {text}");
    }
}
