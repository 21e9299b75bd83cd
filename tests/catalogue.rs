//! The service catalogue as the list uses it: accounts found by what people call their service,
//! issuers recognised as sites write them, and only the backup-code facts the research gives.

use authenticator::catalogue::{by_id, find, Chip, SERVICES};
use authenticator::i18n::{codes_where, Lang};
use authenticator::organize::{haystack, Query};

/// Issuers of a phone full of accounts, as their QR codes name them.
const PHONE: &[&str] = &["Instagram", "accounts.google.com", "楽天", "Twitter", "LINE", "Yahoo! JAPAN", "メルカリ", "PayPay", "Acme Widgets", "GitHub"];

fn found(query: &str) -> Vec<&'static str> {
    let q = Query::new(query);
    PHONE.iter().copied().filter(|issuer| q.matches(&haystack(issuer, "hanako", &[]))).collect()
}

#[test]
fn the_names_people_use_find_the_account() {
    assert_eq!(found("インスタ"), ["Instagram"]);
    assert_eq!(found("いんすた"), ["Instagram"]);
    assert_eq!(found("ぐーぐる"), ["accounts.google.com"]);
    assert_eq!(found("らくてん"), ["楽天"]);
    assert_eq!(found("rakuten"), ["楽天"]);
    assert_eq!(found("ついったー"), ["Twitter"]);
    assert_eq!(found("ライン"), ["LINE"]);
    assert_eq!(found("やふー"), ["Yahoo! JAPAN"]);
    assert_eq!(found("めるかり"), ["メルカリ"]);
    assert_eq!(found("ぺいぺい"), ["PayPay"]);
    assert_eq!(found("ギットハブ"), ["GitHub"]);
    // An unknown issuer is found by its own words only.
    assert_eq!(found("acme"), ["Acme Widgets"]);
    assert!(found("ぐーぐる acme").is_empty());
}

/// Katakana to hiragana, as a phone's kana keyboard types it.
fn hiragana(text: &str) -> String {
    text.chars().map(|c| if ('\u{30A1}'..='\u{30F6}').contains(&c) { char::from_u32(c as u32 - 0x60).unwrap_or(c) } else { c }).collect()
}

#[test]
fn every_service_is_found_by_every_name_it_lists() {
    for s in SERVICES {
        let hay = haystack(s.issuers[0], "", &[]);
        for term in s.search_terms() {
            assert!(Query::new(term).matches(&hay), "{}: {term}", s.id);
            assert!(Query::new(&hiragana(term)).matches(&hay), "{}: {} (hiragana)", s.id, hiragana(term));
        }
    }
}

#[test]
fn issuers_as_qr_codes_write_them() {
    let cases = [
        ("Google", "google"),
        ("google.com", "google"),
        ("Ｇｏｏｇｌｅ", "google"),
        ("Instagram", "instagram"),
        ("X", "x"),
        ("twitter.com", "x"),
        ("Microsoft", "microsoft"),
        ("Amazon Web Services", "aws"),
        ("Yahoo! JAPAN ID", "yahoojapan"),
        ("PlayStation Network", "playstation"),
        ("Nintendo Account", "nintendo"),
        ("Discord", "discord"),
        ("GitHub", "github"),
        ("Coincheck", "coincheck"),
        ("bitFlyer", "bitflyer"),
        ("GMOコイン", "gmocoin"),
        ("SBI証券", "sbisec"),
        ("楽天証券", "rakutensec"),
        ("Proton AG", "proton"),
        ("1Password", "onepassword"),
    ];
    for (issuer, id) in cases {
        assert_eq!(find(issuer).map(|s| s.id), Some(id), "{issuer}");
    }
    for unknown in ["", "Acme Widgets", "LINEAR", "Googleplex", "Xfinity"] {
        assert_eq!(find(unknown).map(|s| s.id), None, "{unknown}");
    }
}

#[test]
fn backup_code_paths_only_where_the_research_gives_them() {
    let ig = by_id("instagram").and_then(|s| s.codes_where).expect("Instagram's path");
    assert_eq!(ig.ja, "プロフィール → ≡ → 設定とプライバシー → アカウントセンター → パスワードとセキュリティ → 二段階認証 → アカウント → バックアップコード");
    let x = by_id("x").and_then(|s| s.codes_where).expect("X's path");
    assert_eq!(x.ja, "設定とプライバシー → セキュリティとアカウントアクセス → セキュリティ → 二要素認証 → バックアップコード");
    assert_eq!(codes_where(Lang::Ja, "Meta"), None, "Facebook: shape known, path not");
    assert!(codes_where(Lang::En, "PlayStation").is_some_and(|w| w.contains("the account screen on PS5")));
}

#[test]
fn every_logo_reads_on_its_chip() {
    for s in SERVICES.iter().filter(|s| s.icon.is_some()) {
        let chip = s.chip().expect("a logo has a colour");
        assert!(authenticator::catalogue::contrast(chip.fg, chip.bg) >= 3.0, "{}", s.id);
        assert!(chip.bg == authenticator::catalogue::WHITE || s.color == Some(chip.bg), "{}", s.id);
    }
    assert_eq!(Chip::for_brand(0x000000).bg, authenticator::catalogue::WHITE);
}
