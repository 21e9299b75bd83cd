//! The estimator's unit tests: the usual weak choices, and passphrases that must pass.

use super::*;

fn refused(p: &str) -> Weakness {
    match check_new(p, p) {
        Err(NewPassphraseError::TooWeak(w)) => w,
        Err(NewPassphraseError::TooShort) => Weakness::TooShort,
        other => panic!("{p:?} should be refused, got {other:?} ({:.1} bits)", assess(p).bits),
    }
}

#[test]
fn the_usual_weak_choices_are_refused_with_their_reason() {
    assert_eq!(refused("abc"), Weakness::TooShort);
    assert_eq!(refused("12345678"), Weakness::Common);
    assert_eq!(refused("password1"), Weakness::Common);
    assert_eq!(refused("Password!"), Weakness::Common);
    assert_eq!(refused("iloveyou2"), Weakness::Common);
    assert_eq!(refused("19900101"), Weakness::Date);
    assert!(assess("19900101").bits <= 15.0, "a whole 8-digit date is one piece");
    assert!(assess("900101").bits <= 15.0, "yymmdd too");
    assert_eq!(refused("1990-01-01"), Weakness::Date);
    assert_eq!(refused("15/03/2024"), Weakness::Date);
    assert_eq!(refused("qwertyui"), Weakness::KeyboardRun);
    assert_eq!(refused("asdfghjk"), Weakness::KeyboardRun);
    assert_eq!(refused("lkjhgfdsa"), Weakness::KeyboardRun);
    assert_eq!(refused("98765432"), Weakness::KeyboardRun);
    assert_eq!(refused("abcdefghijkl"), Weakness::KeyboardRun);
    assert_eq!(refused("aaaaaaaaaaaa"), Weakness::Repeated);
    assert_eq!(refused("sunflower"), Weakness::OneWord);
    assert_eq!(refused("sunflower7"), Weakness::OneWord);
    assert_eq!(refused("Chocolate!"), Weakness::OneWord);
    assert_eq!(refused("sakura1234"), Weakness::Common);
    assert_eq!(refused("summer garden"), Weakness::TooPredictable);
}

#[test]
fn four_random_words_pass_and_are_strong() {
    for p in ["correct horse battery staple", "river paper lamp orange", "cat dog sun sea", "tiger-moon-coffee-bridge", "neko yama sora umi"] {
        let a = assess(p);
        assert!(a.passes(), "{p:?}: {:.1} bits", a.bits);
        assert_eq!(a.strength, Strength::Strong, "{p:?}: {:.1} bits", a.bits);
    }
    // Four words the list does not know count as random letters: stronger still.
    assert!(assess("plinth wombat quasar fjord").bits > assess("correct horse battery staple").bits);
}

#[test]
fn the_test_suites_passphrases_pass() {
    for p in ["correct horse battery staple", "an entirely new long passphrase 42", "a brand new passphrase 2026", "すずめの戸締まり2022"] {
        assert_eq!(check_new(p, p), Ok(()), "{p:?}: {:.1} bits", assess(p).bits);
    }
}

#[test]
fn strength_grows_with_length_and_variety() {
    assert_eq!(strength("abc"), Strength::TooShort);
    assert_eq!(strength("password"), Strength::Weak);
    assert_eq!(strength("sunflower7"), Strength::Weak);
    assert!(strength("three random words") >= Strength::Fair);
    assert_eq!(strength("Xk9#mQ2v!pL"), Strength::Strong);
    assert_eq!(strength("correct horse battery staple"), Strength::Strong);
    assert_eq!(strength("すずめの戸締まり2022"), Strength::Strong);
    assert!(assess("correct horse battery").bits < assess("correct horse battery staple").bits);
}

#[test]
fn new_passphrase_needs_length_strength_then_a_matching_confirmation() {
    assert_eq!(check_new("short", "short"), Err(NewPassphraseError::TooShort));
    assert_eq!(check_new("12345678", "12345679"), Err(NewPassphraseError::TooWeak(Weakness::Common)));
    let p = "correct horse battery staple";
    assert_eq!(check_new(p, &format!("{p}!")), Err(NewPassphraseError::Mismatch));
    assert_eq!(check_new(p, p), Ok(()));
}

#[test]
fn odd_input_never_panics() {
    for p in ["", " ", "        ", "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}", "1/1/1", "//////////", "9999-99-99", "0000000000000000000000"] {
        let _ = assess(p);
    }
    let long: String = "ab".repeat(5000);
    assert!(assess(&long).bits.is_finite());
}

#[test]
fn every_romanisation_of_a_name_folds_to_one_spelling() {
    use super::romaji::spelling;
    for group in [
        &["shota", "shouta", "syota", "syouta", "shoota", "shohta", "SHŌTA"][..],
        &["yuki", "yuuki", "yūki"],
        &["ono", "ohno", "oono"],
        &["jun", "jyun", "zyun"],
        &["junichi", "junnichi", "zyuniti", "jyunichi"],
        &["chihiro", "tihiro"],
        &["tsubasa", "tubasa"],
        &["fumio", "humio"],
        &["honma", "homma"],
        &["kouji", "koji", "kohji", "kozi"],
    ] {
        let want = spelling(group[0]);
        for s in group {
            assert_eq!(spelling(s), want, "{s:?} and {:?}", group[0]);
        }
    }
    assert_ne!(spelling("ohara"), spelling("oara"), "an h before a vowel is a consonant");
}

#[test]
fn kana_reads_as_the_romaji_it_sounds() {
    use super::romaji::{is_name, kana_to_romaji};
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    assert_eq!(kana_to_romaji(&chars("やまだ")).as_deref(), Some("yamada"));
    assert_eq!(kana_to_romaji(&chars("ショウタ")).as_deref(), Some("syouta"));
    assert_eq!(kana_to_romaji(&chars("ゆーき")).as_deref(), Some("yuuki"));
    assert_eq!(kana_to_romaji(&chars("はっとり")).as_deref(), Some("hattori"));
    assert_eq!(kana_to_romaji(&chars("じゅんいち")).as_deref(), Some("zyuniti"));
    assert_eq!(kana_to_romaji(&chars("山田")), None);
    for name in ["やまだ", "ヤマダ", "はなこ", "ハナコ", "しょうた", "ユウキ", "ゆーき", "さとう", "じゅんいち", "はっとり", "ちひろ"] {
        assert!(is_name(&chars(name)), "{name}");
    }
    for not in ["すずめ", "ねこ", "や", "とじまり"] {
        assert!(!is_name(&chars(not)), "{not}");
    }
}

#[test]
fn the_name_table_is_clean() {
    for n in names::FAMILY.iter().chain(names::GIVEN) {
        assert!(n.len() >= 3 && n.bytes().all(|b| b.is_ascii_lowercase()), "{n:?}");
    }
    for list in [names::FAMILY, names::GIVEN] {
        let mut sorted = list.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), list.len(), "no name twice in one list");
    }
    assert!(names::FAMILY.len() >= 300 && names::GIVEN.len() >= 300);
}

#[test]
fn the_short_verdict_without_the_lists_is_the_one_assess_gives() {
    for p in ["", "a", "1234567", "パスワード", "correct", "       ", "abcdefgh", "12345678", "やまだはなこです"] {
        let quick = too_short(p);
        let full = assess(p);
        match quick {
            Some(q) => {
                assert_eq!((q.strength, q.weakness), (full.strength, full.weakness), "{p:?}");
                assert!(!q.passes());
            }
            None => assert_ne!(full.strength, Strength::TooShort, "{p:?}"),
        }
        assert_eq!(quick.is_some(), p.chars().count() < MIN_PASSPHRASE_CHARS, "{p:?}");
    }
}
