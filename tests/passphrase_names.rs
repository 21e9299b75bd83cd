//! Issue 24, item 6: the passphrase floor knows Japanese names. Romanised given and family names,
//! name + date and name + number are the most guessed Japanese passwords; they are refused the
//! way a dictionary word or a date is, however they are spelled, while long passphrases that
//! merely contain a name still pass.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::passphrase::{assess, check_new, NewPassphraseError, Strength, Weakness};

/// The reason a passphrase is refused; panics (with its estimate) if it is accepted.
fn refused(p: &str) -> Weakness {
    match check_new(p, p) {
        Err(NewPassphraseError::TooWeak(w)) => w,
        Err(NewPassphraseError::TooShort) => Weakness::TooShort,
        other => panic!("{p:?} should be refused, got {other:?} ({:.1} bits)", assess(p).bits),
    }
}

#[test]
fn the_issues_examples_are_refused() {
    // One name with a date or a number added: the single-word reason.
    assert_eq!(refused("hanako0315"), Weakness::OneWord);
    assert_eq!(refused("taro_2000"), Weakness::OneWord);
    // Family and given name, either order, any separator or capitals: like two words.
    assert_eq!(refused("yamadahanako"), Weakness::TooPredictable);
    assert_eq!(refused("HanakoYamada1985"), Weakness::TooPredictable);
    assert_eq!(refused("suzuki.ichiro"), Weakness::TooPredictable);
    // Six kana are too short anyway; the name inside counts like its romaji.
    assert_eq!(refused("やまだはなこ"), Weakness::TooShort);
    assert!(assess("やまだはなこ").bits < 25.0, "{:.1} bits", assess("やまだはなこ").bits);
    for p in ["hanako0315", "yamadahanako", "HanakoYamada1985", "taro_2000", "やまだはなこ", "suzuki.ichiro"] {
        assert!(assess(p).strength <= Strength::Weak, "{p:?}: {:?}", assess(p));
    }
}

#[test]
fn a_name_with_any_date_is_refused() {
    for p in ["hanako0315", "hanako19850315", "hanako850315", "hanako3/15", "hanako2000", "Hanako-1985", "1985hanako", "0315hanako", "hiroshi1203"] {
        let w = refused(p);
        assert!(matches!(w, Weakness::OneWord | Weakness::Date), "{p:?}: {w:?}");
    }
    assert_eq!(refused("hanako19850315"), Weakness::Date, "a date longer than the name is the reason");
}

#[test]
fn a_name_with_a_short_number_is_refused() {
    for p in ["hanako7!", "hanako42", "hanako123", "hanako5821", "Sakura_0422", "kenichi99", "tanaka777"] {
        assert_ne!(check_new(p, p), Ok(()), "{p:?}: {:.1} bits", assess(p).bits);
    }
    assert_eq!(refused("hanako5821"), Weakness::OneWord);
    assert_eq!(refused("HanakoYamada5821"), Weakness::TooPredictable);
}

#[test]
fn two_names_in_either_order_with_any_separator_are_refused() {
    for p in ["yamadahanako", "hanakoyamada", "yamada hanako", "Yamada_Hanako", "hanako-yamada", "suzuki.ichiro", "ichiro.suzuki", "SatoShota", "tanaka taro 1985", "TakahashiYuki0315"] {
        assert_eq!(assess(p).strength, Strength::Weak, "{p:?}: {:.1} bits", assess(p).bits);
    }
}

#[test]
fn every_usual_spelling_of_a_name_is_known() {
    // Hepburn, kunrei, wāpuro and long vowels: each is the name, so each is as weak.
    for p in ["shouta19900101", "syota19900101", "shota19900101", "yuuki0315", "yuki0315", "ohno_taro", "oono_taro", "jyunichi1985", "zyuniti1985", "tihiro2000", "chihiro2000", "kouji0707", "kohji0707"] {
        assert_eq!(assess(p).strength, Strength::Weak, "{p:?}: {:.1} bits", assess(p).bits);
    }
}

#[test]
fn names_in_kana_count_as_names() {
    for p in ["やまだはなこ0315", "ヤマダハナコ1985", "すずき いちろう", "さとうゆうき2000", "タナカタロウ2000", "はなこ19850315", "しょうた_0101"] {
        assert_eq!(assess(p).strength, Strength::Weak, "{p:?}: {:.1} bits", assess(p).bits);
    }
}

#[test]
fn capitals_and_leet_do_not_hide_a_name() {
    for p in ["Hanak0Yamad4", "H4NAKO0315", "t4r0_2000", "SUZUKI.ICHIRO", "$ato$hota", "k3n1chi1985"] {
        assert_eq!(assess(p).strength, Strength::Weak, "{p:?}: {:.1} bits", assess(p).bits);
    }
}

#[test]
fn long_passphrases_with_a_name_inside_still_pass() {
    // Four random words where one is a name, in romaji or kana: still a passphrase.
    for p in [
        "river hanako lamp orange",
        "correct horse battery tanaka",
        "tiger-moon-coffee-yamada",
        "neko yama sora hiroshi",
        "はなこ river lamp orange",
        "sakura ocean pencil thunder",
        "yuki plinth wombat quasar",
        "Suzuki garden window rocket 7",
    ] {
        let a = assess(p);
        assert!(a.passes(), "{p:?}: {:.1} bits", a.bits);
        assert!(a.strength >= Strength::Fair, "{p:?}: {:.1} bits", a.bits);
    }
    // The test suites' own passphrases are untouched.
    for p in ["correct horse battery staple", "a brand new passphrase 2026", "すずめの戸締まり2022", "an entirely new long passphrase 42", "correct horse バッテリー staple"] {
        assert_eq!(assess(p).strength, Strength::Strong, "{p:?}: {:.1} bits", assess(p).bits);
    }
}

#[test]
fn a_name_costs_less_than_its_letters_never_more() {
    // A name is cheaper than the same count of random letters, and dearer than nothing.
    let name = assess("yamadahanako").bits;
    let random = assess("qzvbrtxwplmk").bits;
    assert!(name < random / 2.0, "{name:.1} vs {random:.1}");
    assert!(name >= 20.0, "two names are still two guesses from a list: {name:.1}");
}
