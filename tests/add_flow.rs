//! The add dialog's rules without its markup: every step transition and what each kind of text
//! becomes where a link is expected, as the dialog behaves (its e2e tests drive the same paths).

use authenticator::account::{parse_algorithm, Field, FieldError, KindChoice, ManualEntry, MAX_LABEL_LEN};
use authenticator::add_flow::{check_site, read, AddFlow, Problem, Reading, Step, Submit, ALGORITHMS};
use authenticator::otp::Algorithm;
use authenticator::uri::{self, UriError};

const LINK: &str = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example";
const EXPORT: &str = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZXhhbXBsZS5jb20aB0V4YW1wbGUgASgBMAIQARgBIAA%3D";
const KEY: &str = "  jbsw y3dp ehpk 3pxp ";

fn at(step: Step) -> AddFlow {
    let mut f = AddFlow::new();
    f.go(step);
    f
}

fn valid_entry() -> ManualEntry {
    ManualEntry { issuer: "Manual".into(), name: "bob".into(), secret: "JBSWY3DPEHPK3PXP".into(), ..ManualEntry::default() }
}

// --- what a text becomes ---

#[test]
fn a_link_is_one_account() {
    match read(LINK) {
        Reading::Account(p) => assert_eq!(p.account.issuer, "Example"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_export_goes_whole_to_the_import() {
    assert_eq!(read(EXPORT), Reading::Export(EXPORT.to_owned()));
    assert_eq!(uri::parse(EXPORT).err(), Some(UriError::Migration));
}

#[test]
fn a_bare_key_goes_to_key_entry_without_the_spaces_around_it() {
    assert_eq!(read(KEY), Reading::Key("jbsw y3dp ehpk 3pxp".to_owned()));
    assert_eq!(read("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ"), Reading::Key("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ".to_owned()));
}

#[test]
fn anything_else_is_unread() {
    for text in ["", "hello", "JBSWY3DP", "https://example.com/2fa", "otpauth://totp/X?secret=!!!", "otpauth://push/X?secret=JBSWY3DPEHPK3PXP"] {
        assert_eq!(read(text), Reading::Unread, "{text:?}");
    }
}

// --- the first step and its paste box ---

#[test]
fn a_new_dialog_offers_the_ways_and_no_add() {
    let f = AddFlow::new();
    assert_eq!(f.step(), Step::Choose);
    assert_eq!(f.text(), "");
    assert!(!f.attempted());
    assert!(!f.can_submit(false));
    assert!(!f.typed_key());
    assert_eq!(f.outcome(&ManualEntry::default(), None), None);
}

#[test]
fn typed_text_is_kept_and_read_only_on_add() {
    let mut f = AddFlow::new();
    f.type_text(LINK.to_owned());
    assert_eq!(f.step(), Step::Choose);
    assert_eq!(f.text(), LINK);
    assert!(f.can_submit(false));
    assert!(!f.can_submit(true), "no Add while an export's preview shows");
    assert!(matches!(f.outcome(&ManualEntry::default(), None), Some(Ok((ref a, _))) if a.issuer == "Example"));
    f.type_text("   ".to_owned());
    assert!(!f.can_submit(false), "white space alone offers no Add");
    assert_eq!(f.outcome(&ManualEntry::default(), None), None);
}

#[test]
fn typed_junk_is_explained_at_once() {
    let mut f = AddFlow::new();
    f.type_text("hello, world".to_owned());
    assert_eq!(f.outcome(&ManualEntry::default(), None), Some(Err(Problem::Link(UriError::NotOtpauth { looks_like_secret: false }))));
}

#[test]
fn a_pasted_link_shows_what_it_holds() {
    let mut f = AddFlow::new();
    assert!(matches!(f.paste(LINK.to_owned()), Reading::Account(_)));
    assert_eq!(f.step(), Step::Found);
    assert_eq!(f.text(), "");
    assert!(f.can_submit(false));
}

#[test]
fn a_pasted_export_leaves_the_box_for_the_preview() {
    let mut f = AddFlow::new();
    assert_eq!(f.paste(EXPORT.to_owned()), Reading::Export(EXPORT.to_owned()));
    assert_eq!(f.step(), Step::Choose);
    assert_eq!(f.text(), "");
}

#[test]
fn a_pasted_key_goes_to_key_entry() {
    let mut f = AddFlow::new();
    assert_eq!(f.paste(KEY.to_owned()), Reading::Key("jbsw y3dp ehpk 3pxp".to_owned()));
    assert_eq!(f.step(), Step::Key);
    assert_eq!(f.text(), "");
    assert!(!f.attempted(), "no errors on the key form yet");
}

#[test]
fn pasted_junk_stays_with_its_explanation() {
    let mut f = AddFlow::new();
    assert_eq!(f.paste("otpauth://totp/X?secret=!!!".to_owned()), Reading::Unread);
    assert_eq!(f.step(), Step::Choose);
    assert_eq!(f.text(), "otpauth://totp/X?secret=!!!");
    assert!(matches!(f.outcome(&ManualEntry::default(), None), Some(Err(Problem::Link(_)))));
}

#[test]
fn a_typed_key_is_offered_as_a_key() {
    let mut f = AddFlow::new();
    f.type_text(KEY.to_owned());
    assert!(f.typed_key());
    assert_eq!(f.step(), Step::Choose);
    assert_eq!(f.use_as_key(), "jbsw y3dp ehpk 3pxp");
    assert_eq!(f.step(), Step::Key);
    assert_eq!(f.text(), "");
    assert!(!f.typed_key(), "only on the first step");
    f.type_text("JBSWY3DP".to_owned());
    f.go(Step::Choose);
    assert!(!f.typed_key(), "8 characters are more likely a word");
}

// --- "Add" on each step ---

#[test]
fn add_on_a_typed_link_reads_it_as_a_paste() {
    let mut f = AddFlow::new();
    f.type_text(LINK.to_owned());
    assert!(matches!(f.submit(), Submit::Read(Reading::Account(_))));
    assert_eq!(f.step(), Step::Found);
    assert!(f.attempted());
}

#[test]
fn add_on_a_typed_key_goes_to_key_entry_with_its_errors_shown() {
    let mut f = AddFlow::new();
    f.type_text(KEY.to_owned());
    assert_eq!(f.submit(), Submit::Read(Reading::Key("jbsw y3dp ehpk 3pxp".to_owned())));
    assert_eq!(f.step(), Step::Key);
    assert!(f.attempted());
    let entry = ManualEntry { secret: "jbsw y3dp ehpk 3pxp".into(), ..ManualEntry::default() };
    assert_eq!(f.outcome(&entry, None), Some(Err(Problem::Field(FieldError::NoName))));
}

#[test]
fn add_on_a_typed_export_hands_it_on() {
    let mut f = AddFlow::new();
    f.type_text(EXPORT.to_owned());
    assert_eq!(f.submit(), Submit::Read(Reading::Export(EXPORT.to_owned())));
    assert_eq!(f.step(), Step::Choose);
    assert_eq!(f.text(), "");
}

#[test]
fn add_on_typed_junk_stays() {
    let mut f = AddFlow::new();
    f.type_text("hello".to_owned());
    assert_eq!(f.submit(), Submit::Read(Reading::Unread));
    assert_eq!(f.step(), Step::Choose);
    assert_eq!(f.text(), "hello");
    assert!(f.attempted());
}

#[test]
fn key_entry_shows_errors_only_after_add() {
    let mut f = at(Step::Key);
    assert!(f.can_submit(false));
    let half = ManualEntry { issuer: "Half".into(), secret: "JBSW1".into(), ..ManualEntry::default() };
    assert_eq!(f.outcome(&half, None), None, "a half-typed form says nothing yet");
    assert!(matches!(f.outcome(&valid_entry(), None), Some(Ok(_))), "a valid form shows its preview");
    assert_eq!(f.submit(), Submit::Account);
    assert!(f.attempted());
    assert!(matches!(f.outcome(&half, None), Some(Err(Problem::Field(_)))));
    assert!(matches!(f.outcome(&valid_entry(), None), Some(Ok(_))));
}

#[test]
fn add_on_backup_codes_saves_the_site() {
    let mut f = at(Step::Codes);
    assert!(f.can_submit(false));
    assert_eq!(f.submit(), Submit::Codes);
    assert_eq!(f.step(), Step::Codes);
    assert!(!f.attempted());
    assert_eq!(f.outcome(&valid_entry(), None), None);
}

#[test]
fn add_on_what_was_found_saves_it() {
    let mut f = AddFlow::new();
    f.found();
    assert_eq!(f.step(), Step::Found);
    assert_eq!(f.outcome(&ManualEntry::default(), None), None);
    let (account, warnings) = valid_entry().to_account().expect("valid");
    assert_eq!(f.outcome(&ManualEntry::default(), Some((account.clone(), warnings.clone()))), Some(Ok((account, warnings))));
    assert_eq!(f.submit(), Submit::Account);
    assert!(f.attempted());
}

// --- moving between steps ---

#[test]
fn every_step_is_entered_afresh_and_back_returns_to_the_ways() {
    for from in [Step::Choose, Step::Key, Step::Codes, Step::Found] {
        for to in [Step::Choose, Step::Key, Step::Codes, Step::Found] {
            let mut f = at(from);
            f.submit();
            f.go(to);
            assert_eq!(f.step(), to);
            assert!(!f.attempted(), "{from:?} → {to:?}");
        }
    }
}

#[test]
fn a_link_in_any_other_field_is_read_as_a_paste() {
    for from in [Step::Key, Step::Codes, Step::Found] {
        let mut f = at(from);
        f.submit();
        assert!(matches!(f.link_in(LINK), Some(Reading::Account(_))), "{from:?}");
        assert_eq!(f.step(), Step::Found);
        assert!(!f.attempted());

        let mut f = at(from);
        assert_eq!(f.link_in(EXPORT), Some(Reading::Export(EXPORT.to_owned())));
        assert_eq!(f.step(), Step::Choose);

        // A broken link goes to the paste box, with its explanation there.
        let mut f = at(from);
        f.submit();
        assert_eq!(f.link_in("  OTPAUTH://totp/X?secret=!!!"), Some(Reading::Unread));
        assert_eq!(f.step(), Step::Choose);
        assert_eq!(f.text(), "  OTPAUTH://totp/X?secret=!!!");
        assert!(!f.attempted());
    }
}

#[test]
fn other_text_in_another_field_is_the_fields_own() {
    let mut f = at(Step::Key);
    f.submit();
    for text in ["Example", KEY, "https://example.com", "otpauth:/x"] {
        assert_eq!(f.link_in(text), None, "{text:?}");
        assert_eq!(f.step(), Step::Key);
        assert!(f.attempted());
    }
}

#[test]
fn the_text_is_not_in_debug() {
    let mut f = AddFlow::new();
    f.type_text(LINK.to_owned());
    let shown = format!("{f:?}");
    assert!(!shown.contains("JBSWY3DP"), "{shown}");
}

// --- backup codes only: the names ---

#[test]
fn a_site_needs_an_issuer_or_a_name_the_vault_can_store() {
    assert!(!check_site("", " ").named);
    assert_eq!(check_site("", " ").refused, None);
    assert!(check_site("Site", "").named);
    assert!(check_site("", "me").named);
    assert_eq!(check_site("Site", "me").refused, None);
    let long = "x".repeat(MAX_LABEL_LEN + 1);
    assert!(matches!(check_site(&long, "").refused, Some(FieldError::TooLong { field: Field::Issuer, .. })));
    assert!(matches!(check_site("Site", &long).refused, Some(FieldError::TooLong { field: Field::Name, .. })));
    let drawn_nothing = check_site("\u{200B}", "");
    assert!(drawn_nothing.named, "something was typed");
    assert_eq!(drawn_nothing.refused, Some(FieldError::Invisible { field: Field::Issuer }));
}

// --- the algorithm menu ---

#[test]
fn the_menu_offers_every_algorithm_the_core_computes() {
    assert_eq!(ALGORITHMS.map(Algorithm::as_str), ["SHA1", "SHA224", "SHA256", "SHA384", "SHA512"]);
    for a in ALGORITHMS {
        assert_eq!(parse_algorithm(a.as_str()), Ok(a));
    }
}

/// A SHA-384 key entered by hand gives the code Python's hmac gives. The key is the 48-byte seed
/// "1234567890" repeated (RFC 6238's seed, stretched to SHA-384's length as the RFC does for
/// SHA-256 and SHA-512); the expected codes come from:
/// ```text
/// import hmac, hashlib, struct
/// seed = b'123456789012345678901234567890123456789012345678'
/// for t in (59, 1111111109, 1234567890):
///     h = hmac.new(seed, struct.pack('>Q', t // 30), hashlib.sha384).digest(); o = h[-1] & 15
///     print(t, '%08d' % ((struct.unpack('>I', h[o:o+4])[0] & 0x7fffffff) % 10**8))
/// # 59 12260385 / 1111111109 93607533 / 1234567890 29066410
/// ```
#[test]
fn a_sha384_key_entered_by_hand_gives_the_right_code() {
    let entry = ManualEntry {
        issuer: "Manual".into(),
        name: "bob".into(),
        secret: "gezd gnbv gy3t qojq gezd gnbv gy3t qojq gezd gnbv gy3t qojq gezd gnbv gy3t qojq gezd gnbv gy3t q".into(),
        kind: KindChoice::Totp,
        algorithm: Algorithm::Sha384.as_str().into(),
        digits: "8".into(),
        ..ManualEntry::default()
    };
    let mut f = at(Step::Key);
    assert_eq!(f.submit(), Submit::Account);
    let Some(Ok((account, _))) = f.outcome(&entry, None) else { panic!("the form should be valid") };
    assert_eq!(account.params.algorithm, Algorithm::Sha384);
    let g = account.generator();
    for (t, code) in [(59, "12260385"), (1_111_111_109, "93607533"), (1_234_567_890, "29066410")] {
        assert_eq!(g.at_time(t).to_string(), code, "t = {t}");
    }
}
