//! Japanese names however they are typed: Hepburn, kunrei or wāpuro romaji, long vowels written
//! or not, hiragana or katakana, capitals and leet. Every spelling is folded to one form
//! ([`spelling`]) and looked up in the name lists of [`super::names`].

use std::collections::HashSet;
use std::sync::OnceLock;

use super::names::{FAMILY, GIVEN};

/// Fewest letters of a romanised name worth a look-up (shorter ones cost less as plain letters).
const MIN_ROMAJI: usize = 3;
/// Fewest kana of a name written in kana.
const MIN_KANA: usize = 2;

/// Both lists, folded by [`spelling`], built once.
fn folded_names() -> &'static HashSet<String> {
    static NAMES: OnceLock<HashSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| FAMILY.iter().chain(GIVEN).map(|n| spelling(n)).collect())
}

/// One form for every romanisation of the same name: Hepburn, kunrei and wāpuro spellings and
/// written or unwritten long vowels meet (`shouta`, `syota`, `shota` → `syota`; `ohno`, `oono`,
/// `ono` → `ono`; `jun`, `jyun`, `zyun` → `zyun`). Names that differ only in vowel length fold
/// together, as an attacker's list would try both.
pub(super) fn spelling(romaji: &str) -> String {
    let s: String = romaji
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ā' | 'â' => 'a',
            'ī' | 'î' => 'i',
            'ū' | 'û' => 'u',
            'ē' | 'ê' => 'e',
            'ō' | 'ô' => 'o',
            c => c,
        })
        .collect();
    // Consonants: Hepburn and wāpuro to kunrei.
    const CONSONANTS: &[(&str, &str)] = &[
        ("tchi", "tti"),
        ("cchi", "tti"),
        ("tch", "tty"),
        ("cch", "tty"),
        ("shi", "si"),
        ("sh", "sy"),
        ("chi", "ti"),
        ("ch", "ty"),
        ("tsu", "tu"),
        ("fu", "hu"),
        ("ji", "zi"),
        ("jy", "zy"),
        ("j", "zy"),
        ("nn", "n"),
        ("mb", "nb"),
        ("mp", "np"),
        ("mm", "nm"),
    ];
    let mut kunrei = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(c) = rest.chars().next() {
        match CONSONANTS.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                kunrei.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                kunrei.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    // Long vowels: `ou`, `oh` before a consonant, and doubled vowels become one vowel.
    let is_vowel = |c: char| matches!(c, 'a' | 'i' | 'u' | 'e' | 'o');
    let k: Vec<char> = kunrei.chars().collect();
    let mut out = String::with_capacity(k.len());
    let mut i = 0;
    while i < k.len() {
        let c = k[i];
        out.push(c);
        i += 1;
        if c == 'o' && k.get(i) == Some(&'h') && !k.get(i + 1).is_some_and(|n| is_vowel(*n)) {
            i += 1;
        }
        while is_vowel(c) && (k.get(i) == Some(&c) || (c == 'o' && k.get(i) == Some(&'u'))) {
            i += 1;
        }
    }
    out
}

/// Hiragana or katakana read as kunrei romaji (`やまだ` → `yamada`, `ショウタ` → `syouta`),
/// if every character is kana.
pub(super) fn kana_to_romaji(kana: &[char]) -> Option<String> {
    let mut out = String::new();
    let mut double_next = false;
    for &c in kana {
        // Katakana to hiragana: the blocks are parallel.
        let h = if ('\u{30A1}'..='\u{30F6}').contains(&c) { char::from_u32(c as u32 - 0x60)? } else { c };
        match h {
            'っ' => double_next = true,
            'ー' => {
                let last = out.chars().last()?;
                out.push(last);
            }
            'ゃ' | 'ゅ' | 'ょ' => {
                // きゃ → kya: the i of the kana before becomes y.
                if !out.ends_with('i') || out.len() < 2 {
                    return None;
                }
                out.pop();
                out.push('y');
                out.push(match h {
                    'ゃ' => 'a',
                    'ゅ' => 'u',
                    _ => 'o',
                });
            }
            _ => {
                let r = hiragana(h)?;
                if std::mem::take(&mut double_next) {
                    out.push_str(&r[..1]);
                }
                out.push_str(r);
            }
        }
    }
    Some(out)
}

/// One hiragana in kunrei romaji.
fn hiragana(c: char) -> Option<&'static str> {
    const ROWS: &[(char, [&str; 5])] = &[
        ('あ', ["a", "i", "u", "e", "o"]),
        ('か', ["ka", "ki", "ku", "ke", "ko"]),
        ('が', ["ga", "gi", "gu", "ge", "go"]),
        ('さ', ["sa", "si", "su", "se", "so"]),
        ('ざ', ["za", "zi", "zu", "ze", "zo"]),
        ('た', ["ta", "ti", "tu", "te", "to"]),
        ('だ', ["da", "zi", "zu", "de", "do"]),
        ('な', ["na", "ni", "nu", "ne", "no"]),
        ('は', ["ha", "hi", "hu", "he", "ho"]),
        ('ば', ["ba", "bi", "bu", "be", "bo"]),
        ('ぱ', ["pa", "pi", "pu", "pe", "po"]),
        ('ま', ["ma", "mi", "mu", "me", "mo"]),
        ('ら', ["ra", "ri", "ru", "re", "ro"]),
    ];
    let r = match c {
        'や' => "ya",
        'ゆ' => "yu",
        'よ' => "yo",
        'わ' => "wa",
        'を' => "o",
        'ん' => "n",
        'ゔ' => "vu",
        _ => {
            let order = "あいうえおかきくけこがぎぐげごさしすせそざじずぜぞたちつてとだぢづでどなにぬねのはひふへほばびぶべぼぱぴぷぺぽまみむめもらりるれろ";
            let at = order.chars().position(|k| k == c)?;
            return ROWS.get(at / 5).map(|(_, row)| row[at % 5]);
        }
    };
    Some(r)
}

/// Leet read back as letters (`h4nak0` → `hanako`): each way the digits and symbols of a piece
/// could stand for letters (`1` is `i` or `l`), with how many characters were swapped. Only a
/// piece that has letters and swapped characters has readings.
pub(super) fn unleet(piece: &[char]) -> Vec<(String, usize)> {
    let swap = |c: char, one: char| match c {
        '0' => Some('o'),
        '1' | '|' => Some(one),
        '3' => Some('e'),
        '4' | '@' => Some('a'),
        '5' | '$' => Some('s'),
        '7' => Some('t'),
        '!' => Some('i'),
        _ => None,
    };
    let swapped = piece.iter().filter(|c| swap(**c, 'i').is_some()).count();
    if swapped == 0 || !piece.iter().any(|c| c.is_alphabetic()) {
        return Vec::new();
    }
    let read = |one: char| piece.iter().map(|c| swap(*c, one).unwrap_or(*c)).flat_map(char::to_lowercase).collect::<String>();
    let mut readings = vec![(read('i'), swapped)];
    if piece.iter().any(|c| matches!(c, '1' | '|')) {
        readings.push((read('l'), swapped));
    }
    readings
}

/// Whether these characters, as typed (romaji or kana, any case), are a common Japanese name.
pub(super) fn is_name(piece: &[char]) -> bool {
    let romaji = if piece.iter().all(char::is_ascii_alphabetic) {
        if piece.len() < MIN_ROMAJI {
            return false;
        }
        piece.iter().collect()
    } else if piece.len() >= MIN_KANA {
        match kana_to_romaji(piece) {
            Some(r) => r,
            None => return false,
        }
    } else {
        return false;
    };
    is_name_romaji(&romaji)
}

/// Whether a romanised string (letters only) is a common Japanese name.
pub(super) fn is_name_romaji(romaji: &str) -> bool {
    romaji.len() >= MIN_ROMAJI && folded_names().contains(&spelling(romaji))
}
