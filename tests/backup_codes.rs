//! The backup-code parser against pasted blocks in each site's layout (with noisy Japanese and
//! English text, dates, e-mail addresses, counts and IDs around the codes), and properties.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::backup_codes::{extract, Shape};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/backup_codes/{name}")).expect("fixture")
}

fn check(name: &str, shape: Shape, expected: &[&str]) {
    let found = extract(&fixture(name)).unwrap_or_else(|| panic!("{name}: nothing found"));
    assert_eq!(found.shape, shape, "{name}");
    assert_eq!(found.codes, expected, "{name}");
}

#[test]
fn instagram_in_two_columns_with_a_date_and_an_email() {
    check("instagram_en.txt", Shape::Digits8, &["12345678", "23456789", "34567890", "45678901", "56789012"]);
}

#[test]
fn instagram_numbered_in_japanese() {
    check("instagram_ja.txt", Shape::Digits8, &["87654321", "76543210", "65432109", "54321098", "43210987"]);
}

#[test]
fn x_single_code_with_a_timestamp() {
    check("x_en.txt", Shape::Alnum12, &["a1b2c3d4e5f6"]);
}

#[test]
fn google_ten_numbered_codes_in_two_columns() {
    check(
        "google_en.txt",
        Shape::Digits8,
        &["13572468", "97538642", "24681357", "86429753", "11223344", "55667788", "99001122", "33445566", "77889900", "22334455"],
    );
}

#[test]
fn github_sixteen_hex_codes() {
    let found = extract(&fixture("github_en.txt")).expect("found");
    assert_eq!(found.shape, Shape::Hex5x2);
    assert_eq!(found.codes.len(), 16);
    assert_eq!(found.codes[0], "a1b2c3d4e5");
    assert_eq!(found.codes[15], "8d9e0f1a2b");
}

#[test]
fn microsoft_one_long_code_not_the_order_id() {
    check("microsoft_en.txt", Shape::Alnum5x5, &["ABCDE12345FGHIJ67890KLMNO"]);
}

#[test]
fn discord_bulleted_pairs() {
    check(
        "discord_en.txt",
        Shape::Alnum4x2,
        &["ab12cd34", "ef56gh78", "ij90kl12", "mn34op56", "qr78st90", "uv12wx34", "yz56ab78", "cd90ef12", "gh34ij56", "kl78mn90"],
    );
}

#[test]
fn playstation_digits_without_the_issue_date() {
    check(
        "playstation_ja.txt",
        Shape::Digits,
        &["301924", "558301", "772019", "904412", "118935", "663270", "240598", "819463", "435127", "980356"],
    );
}

#[test]
fn facebook_full_width_digits_not_the_phone_number() {
    let found = extract(&fixture("facebook_ja.txt")).expect("found");
    assert_eq!(found.shape, Shape::Digits8);
    assert_eq!(found.codes.len(), 10);
    assert_eq!(found.codes[0], "12345678");
    assert!(!found.codes.iter().any(|c| c.contains("0901234")), "phone digits taken: {:?}", found.codes);
}

#[test]
fn generic_codes_one_per_line() {
    check("generic_en.txt", Shape::Generic, &["XK4P92QM7T", "ZR8D31LW6N", "HV2B58CJ4Y"]);
}

#[test]
fn prose_alone_yields_nothing() {
    for text in [
        "",
        "Two-factor authentication is on. You have 10 backup codes left.",
        "Signed in on 2026-11-21 at 10:42 from alice@example.com",
        "二段階認証が有効です。残りのバックアップコードは 3 個です。",
        "Visit https://example.com/security/12345678 for help",
    ] {
        assert_eq!(extract(text), None, "{text}");
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![Just(Shape::Digits8), Just(Shape::Alnum12), Just(Shape::Hex5x2), Just(Shape::Alnum5x5), Just(Shape::Alnum4x2)]
}

fn code_for(shape: Shape) -> BoxedStrategy<String> {
    match shape {
        Shape::Digits8 => "[0-9]{8}".boxed(),
        Shape::Alnum12 => "[a-z]{6}[0-9]{6}".prop_shuffle_string().boxed(),
        Shape::Hex5x2 => "[0-9a-f]{10}".boxed(),
        Shape::Alnum5x5 => "[A-Z0-9]{25}".boxed(),
        _ => "[a-z0-9]{8}".boxed(),
    }
}

trait Shuffle {
    fn prop_shuffle_string(self) -> BoxedStrategy<String>;
}
impl Shuffle for &'static str {
    fn prop_shuffle_string(self) -> BoxedStrategy<String> {
        self.prop_map(|s| s.chars().collect::<Vec<_>>())
            .prop_shuffle()
            .prop_map(|v| v.into_iter().collect())
            .boxed()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Codes displayed as the site shows them, one per line, read back as the same codes.
    #[test]
    fn display_then_extract_returns_the_codes(
        (shape, codes) in shape().prop_flat_map(|s| (Just(s), proptest::collection::vec(code_for(s), 2..12))),
    ) {
        let mut unique: Vec<String> = Vec::new();
        for c in codes { if !unique.contains(&c) { unique.push(c); } }
        let block = format!(
            "Backup codes — keep them safe\n{}\nGenerated 2026-11-21 for someone@example.com",
            unique.iter().map(|c| shape.display(c)).collect::<Vec<_>>().join("\n")
        );
        let found = extract(&block).expect("codes found");
        prop_assert_eq!(found.shape, shape);
        prop_assert_eq!(found.codes, unique);
    }

    /// Prose, dates, times, e-mail addresses and short numbers never give a code.
    #[test]
    fn junk_never_yields_known_shapes(words in proptest::collection::vec(prop_oneof![
        "[A-Za-z]{1,11}",
        "[0-9]{1,3}",
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[0-2][0-9]:[0-5][0-9]",
        "[a-z]{3,8}@[a-z]{3,8}\\.com",
        "(です|コード|保管|安全|二段階認証)",
    ], 0..40)) {
        // One line, and the same words one per line (where the generic rule looks).
        for text in [words.join(" "), words.join("\n")] {
            prop_assert_eq!(extract(&text), None, "{}", text);
        }
    }
}
