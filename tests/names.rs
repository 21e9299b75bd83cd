//! Issue 21, item 8: names as they are drawn. Bidi controls and zero-width characters are taken
//! out of every name a writer stores, of what the list shows and of what search and the
//! catalogue match, so what is shown is what matched; a name that draws nothing is refused,
//! naming the field, in both languages.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::account::{self, Field, FieldError, ManualEntry};
use authenticator::backup_codes::{CodeSet, Shape};
use authenticator::catalogue::find;
use authenticator::i18n::{account_label, field_error, Lang};
use authenticator::organize::{fold, haystack, monogram, parse_tags, Query};
use authenticator::uri;
use authenticator::vault::Content;

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// Every character the issue names, with a letter on each side.
const BIDI: &[char] = &['\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];
const ZERO_WIDTH: &[char] = &['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

fn entry(issuer: &str, name: &str) -> ManualEntry {
    ManualEntry { issuer: issuer.into(), name: name.into(), secret: SECRET.into(), ..Default::default() }
}

#[test]
fn bidi_controls_and_zero_width_characters_are_taken_out() {
    for &c in BIDI.iter().chain(ZERO_WIDTH) {
        assert_eq!(account::visible_text(&format!("a{c}b{c}")), "ab", "U+{:04X}", c as u32);
    }
    assert_eq!(account::visible_text("Goo\u{200D}gle"), "Google");
    assert_eq!(account::visible_text("Evil\u{202E}"), "Evil");
    assert_eq!(account::visible_text("\u{FEFF}GitHub\u{200B}"), "GitHub");
    // Soft hyphen and the other invisible format characters go too: they split no word either.
    assert_eq!(account::visible_text("x\u{00AD}lap\u{2063}yap"), "xlapyap");
    // Text without any is the very same text (nothing else is touched).
    for plain in ["GitHub", "楽天", "Ｇｏｏｇｌｅ", "a  b", "👍🏽", "❤️"] {
        assert_eq!(account::visible_text(plain), plain);
    }
}

#[test]
fn the_zero_width_joiner_stays_inside_an_emoji() {
    for emoji in ["👨\u{200D}👩\u{200D}👧", "🏳\u{FE0F}\u{200D}🌈", "👩🏽\u{200D}💻", "❤\u{FE0F}\u{200D}🔥"] {
        assert_eq!(account::visible_text(emoji), emoji);
        assert_eq!(account::normalise_label(&format!(" 仕事 {emoji} ")), format!("仕事 {emoji}"));
    }
    // Between letters, or between an emoji and a letter, it goes.
    assert_eq!(account::visible_text("a\u{200D}👩"), "a👩");
    assert_eq!(account::visible_text("👩\u{200D}a"), "👩a");
    assert_eq!(account::visible_text("\u{200D}👩"), "👩");
}

#[test]
fn every_writer_stores_the_name_as_drawn() {
    let (a, _) = entry("Git\u{202E}Hub\u{200B}", "\u{2066}alice\u{2069}").to_account().expect("valid");
    assert_eq!((a.issuer.as_str(), a.name.as_str()), ("GitHub", "alice"));
    let link = format!("otpauth://totp/Goo%E2%80%8Dgle:bob?secret={SECRET}&issuer=Goo%E2%80%8Dgle");
    let parsed = uri::parse(&link).expect("valid").account;
    assert_eq!(parsed.issuer, "Google");

    let mut c = Content::default();
    let mut raw = a.clone();
    raw.issuer = "Evil\u{202E}".into();
    let id = c.add(&raw, 1).expect("stored");
    assert_eq!(c.get(id).and_then(|e| e.account()).map(|a| a.issuer), Some("Evil".into()));
    assert_eq!(c.edit_label(id, "Pay\u{200B}Pal", " \u{200F}me", vec!["仕\u{200B}事".into()]), Ok(true));
    let e = c.get(id).expect("there");
    assert_eq!(e.label(), ("PayPal".into(), "me".into()));
    assert_eq!(e.tags, ["仕事"]);
    let site = c.add_site("\u{202D}PlayStation", "taro\u{FEFF}", CodeSet::new(Shape::Digits, vec!["123456".into()], 2), 2).expect("stored");
    assert_eq!(c.get(site).expect("site").label(), ("PlayStation".into(), "taro".into()));
    assert_eq!(parse_tags("仕事, \u{200B}, a\u{202E}b"), ["仕事", "ab"]);
}

#[test]
fn a_name_that_draws_nothing_is_refused_naming_the_field() {
    let blank_names = ["\u{200B}\u{200B}", "\u{202E}", "\u{200D}\u{FEFF}\u{2060}", " \u{200C} ", "\u{3164}", "\u{2800}", "\u{FE0F}"];
    for blank in blank_names {
        assert_eq!(entry(blank, "alice").to_account().err(), Some(FieldError::Invisible { field: Field::Issuer }), "{blank:?}");
        assert_eq!(entry("GitHub", blank).to_account().err(), Some(FieldError::Invisible { field: Field::Name }), "{blank:?}");
        let link = format!("otpauth://totp/{}:a?secret={SECRET}", blank.replace(' ', "%20"));
        assert_eq!(uri::parse(&link).err(), Some(uri::UriError::Field(FieldError::Invisible { field: Field::Issuer })), "{blank:?}");
        assert_eq!(account::check_tags(&[blank.to_owned()]), Err(FieldError::Invisible { field: Field::Tag }));
    }
    // White space alone is an empty field, as before: a name is optional when the other is there.
    assert!(entry("  ", "alice").to_account().is_ok());
    assert_eq!(entry(" ", "\u{200B}").to_account().err(), Some(FieldError::Invisible { field: Field::Name }));

    let mut c = Content::default();
    let (a, _) = entry("GitHub", "alice").to_account().expect("valid");
    let id = c.add(&a, 1).expect("stored");
    let before = c.clone();
    assert_eq!(c.edit_label(id, "\u{200B}", "alice", vec![]), Err(FieldError::Invisible { field: Field::Issuer }));
    assert_eq!(c.edit_label(id, "GitHub", "alice", vec!["\u{3164}".into()]), Err(FieldError::Invisible { field: Field::Tag }));
    assert_eq!(c.add_site("\u{2067}\u{2069}", "", CodeSet::new(Shape::Digits, vec!["1".into()], 1), 1), Err(FieldError::Invisible { field: Field::Issuer }));
    let mut raw = a.clone();
    raw.name = "\u{200B}".into();
    assert_eq!(c.add(&raw, 1), Err(FieldError::Invisible { field: Field::Name }));
    assert_eq!(c, before, "nothing refused changed anything");

    // The message names the field and says what to do, in both languages.
    let says = |lang, field| field_error(lang, &FieldError::Invisible { field });
    assert!(says(Lang::En, Field::Issuer).starts_with("The service name has no visible character"));
    assert!(says(Lang::En, Field::Name).starts_with("The account name has no visible character"));
    assert!(says(Lang::En, Field::Tag).starts_with("A tag has no visible character"));
    assert!(says(Lang::Ja, Field::Issuer).starts_with("サービス名に見える文字がありません"));
    assert!(says(Lang::Ja, Field::Name).starts_with("アカウント名に見える文字がありません"));
    assert!(says(Lang::Ja, Field::Tag).starts_with("見える文字のないタグ"));
    for lang in [Lang::En, Lang::Ja] {
        for field in [Field::Issuer, Field::Name, Field::Tag] {
            assert!(says(lang, field).contains(if lang == Lang::En { "Type" } else { "入力" }), "{lang:?} {field:?} says what to do");
        }
    }
}

#[test]
fn what_is_matched_is_what_is_shown() {
    // Shown as "Google" and found as Google: the logo and the text agree.
    assert_eq!(account::visible_text("Goo\u{200D}gle"), "Google");
    assert_eq!(find("Goo\u{200D}gle").map(|s| s.id), Some("google"));
    // "x" then a control then more letters is one word as drawn ("xlapyap"), not the word "X".
    for spoof in ["x\u{202E}lapyap", "\u{202E}x\u{202C}lapyap", "x\u{200B}lapyap", "x\u{2066}lapyap\u{2069}", "x\u{00AD}lapyap", "X\u{FE0F}lapyap"] {
        assert_eq!(find(spoof).map(|s| s.id), None, "{spoof:?}");
    }
    // A visible separator still makes a word, as before ("X Corp" is X).
    assert_eq!(find("x\u{202E} lapyap").map(|s| s.id), Some("x"));
    assert_eq!(find("X").map(|s| s.id), Some("x"));

    // Search: a query typed or pasted with invisible characters finds what it looks like, and
    // an issuer stored with them is found by what it shows.
    assert_eq!(fold("Goo\u{200B}gle"), "google");
    assert!(Query::new("google").matches(&haystack("Goo\u{200D}gle", "", &[])));
    assert!(Query::new("goo\u{200B}gle").matches(&haystack("Google", "", &[])));
    assert!(Query::new("仕事").matches(&haystack("Acme", "", &["仕\u{200B}事".into()])));
    assert!(Query::new("xlapyap").matches(&haystack("x\u{202E}lapyap", "", &[])), "found by what it shows");

    // The monogram is the first letter drawn, its colour that of the name drawn.
    assert_eq!(monogram("\u{202E}acme", "").0, "A");
    assert_eq!(monogram("\u{200B}", "bob").0, "B");
    assert_eq!(monogram("Ac\u{200B}me", "").1, monogram("Acme", "").1);

    // A name stored by an earlier version is shown as drawn, never blank.
    assert_eq!(account_label(Lang::Ja, "Evil\u{202E}", "", |i, n| format!("{i} ({n})")), "Evil");
    assert_eq!(account_label(Lang::En, "\u{200B}", "", |i, n| format!("{i} ({n})")), "(no name)");
}
