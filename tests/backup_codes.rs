//! The backup-code parser against pasted blocks in each site's layout (with noisy Japanese and
//! English text, dates, e-mail addresses, counts and IDs around the codes), and properties.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::backup_codes::{extract, Shape};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/backup_codes/{name}")).expect("fixture")
}

/// Every fixture against the hand-written table the report example prints from.
#[test]
fn every_fixture_matches_the_expected_table() {
    let table = fixture("expected.tsv");
    let rows: Vec<&str> = table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert_eq!(rows.len(), 10);
    for line in rows {
        let cols: Vec<&str> = line.split('\t').collect();
        let found = extract(&fixture(cols[0])).unwrap_or_else(|| panic!("{}: nothing found", cols[0]));
        assert_eq!(format!("{:?}", found.shape), cols[1], "{}", cols[0]);
        assert_eq!(found.codes, cols[2].split(' ').collect::<Vec<_>>(), "{}", cols[0]);
    }
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
