//! Know the services: a bundled catalogue of the services our users most often protect (global
//! and Japanese), what an account's issuer says about which one it is, the names people search
//! them by (katakana, hiragana, romaji, English, old names), the logo to draw (a Simple Icons slug;
//! the paths themselves come in one same-origin file the build writes, loaded after the list first
//! shows), the brand colour, the backup-code shape and where the site shows its backup codes.
//! Pure: no I/O, nothing translated beyond the services' own names and menu labels.

mod data;

use crate::backup_codes::Shape;
use crate::i18n::Lang;
use crate::fold::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

pub use data::SERVICES;

/// One service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Service {
    /// Stable key (lower case ASCII), never shown.
    pub id: &'static str,
    /// Its name as English speakers write it.
    pub en: &'static str,
    /// Its name as Japanese speakers write it (often the same).
    pub ja: &'static str,
    /// Other names people search by: katakana (hiragana is folded to katakana by
    /// [`crate::organize::fold`], so it needs no entry), romaji, English, old names, products.
    pub aliases: &'static [&'static str],
    /// What its `otpauth://` issuer says, compared as [`find`] tells.
    pub issuers: &'static [&'static str],
    /// The Simple Icons slug of its logo, where Simple Icons has one.
    pub icon: Option<&'static str>,
    /// Brand colour, `0xRRGGBB` (Simple Icons' where it has the logo).
    pub color: Option<u32>,
    /// The shape of its backup codes, where known (the shapes of [`crate::backup_codes`]).
    pub codes: Option<Shape>,
    /// Where the site shows its backup codes, only where a guide we read gives the path.
    pub codes_where: Option<Where>,
}

/// A menu path to a site's backup codes, in both languages, and the year it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Where {
    /// The Japanese menu labels, `→` between steps.
    pub ja: &'static str,
    /// The English menu labels.
    pub en: &'static str,
    /// The year the guide showed this path.
    pub as_of: u16,
}

impl Service {
    /// The service's name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }

    /// Every name the service is found by: both names and the aliases.
    pub fn search_terms(&self) -> impl Iterator<Item = &'static str> {
        [self.en, self.ja].into_iter().chain(self.aliases.iter().copied())
    }

    /// The colours its logo is drawn in (see [`Chip`]).
    pub fn chip(&self) -> Option<Chip> {
        self.color.map(Chip::for_brand)
    }
}

/// The service with this id.
pub fn by_id(id: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.id == id)
}

/// Text reduced to what issuer matching compares: folded ([`fold`], which drops what is not
/// drawn), then only its letters and digits, with the places where a word ended (a space, `.`,
/// `(`, `:`...) kept aside. A character that only modifies the one before (a variation selector)
/// neither ends a word nor counts: only what is seen can make a word end, so an invisible control
/// cannot make "x…" read as the word "X".
struct Key {
    text: String,
    ends: Vec<usize>,
}

impl Key {
    fn new(text: &str) -> Key {
        let mut out = String::new();
        let mut ends = Vec::new();
        for c in fold(text).chars() {
            if c.is_alphanumeric() {
                out.push(c);
            } else if crate::account::is_modifier(c) {
                continue;
            } else if ends.last() != Some(&out.len()) && !out.is_empty() {
                ends.push(out.len());
            }
        }
        if ends.last() != Some(&out.len()) {
            ends.push(out.len());
        }
        Key { text: out, ends }
    }

    /// Whether `pattern` is this key, or begins it and ends at a word's end (so "Google LLC" and
    /// "Instagram (alice)" match, "Linear" is not "LINE"). Japanese has no spaces between words, so
    /// a pattern that ends or is followed by a non-ASCII letter needs no word end ("楽天ID").
    fn score(&self, pattern: &str) -> Option<usize> {
        if pattern.is_empty() {
            return None;
        }
        if self.text == pattern {
            return Some(2 * pattern.len() + 1);
        }
        let rest = self.text.strip_prefix(pattern)?;
        let cjk = pattern.chars().last().is_some_and(|c| !c.is_ascii()) || rest.chars().next().is_some_and(|c| !c.is_ascii());
        (cjk || self.ends.contains(&pattern.len())).then_some(2 * pattern.len())
    }
}

/// Every issuer pattern, reduced once: (service index, pattern).
fn patterns() -> &'static [(usize, String)] {
    static PATTERNS: OnceLock<Vec<(usize, String)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        SERVICES
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.issuers.iter().map(move |p| (i, Key::new(p).text)))
            .filter(|(_, p)| !p.is_empty())
            .collect()
    })
}

/// The service an account's issuer names: the same letters and digits as one of its issuer
/// patterns, ignoring case, width, spaces and punctuation ("accounts.google.com", "ＧＯＯＧＬＥ"),
/// or one followed by more words ("Google LLC", "Yahoo! JAPAN ID"). The longest pattern wins, so
/// "Amazon Web Services" is AWS, not Amazon. `None` for an unknown or empty issuer.
pub fn find(issuer: &str) -> Option<&'static Service> {
    let key = Key::new(issuer);
    if key.text.is_empty() {
        return None;
    }
    patterns()
        .iter()
        .filter_map(|(i, p)| key.score(p).map(|score| (score, *i)))
        // Ties go to the service listed first.
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .and_then(|(_, i)| SERVICES.get(i))
}

/// The colours a service's mark is drawn in. Simple Icons are single-colour shapes: the brand
/// colour on a white chip where it stands out against white (WCAG 1.4.11: 3:1 for graphics), else
/// the chip is the brand colour and the shape white or near black, whichever contrasts more.
/// The same in the light and dark themes (a logo keeps its colours), which the chip's own
/// background makes legible on both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chip {
    /// The shape's colour (and a monogram's letter), `0xRRGGBB`.
    pub fg: u32,
    /// The chip behind it.
    pub bg: u32,
}

/// White.
pub const WHITE: u32 = 0xFFFFFF;
/// The near black used on light brand colours.
pub const INK: u32 = 0x15181D;

impl Chip {
    /// The chip for a logo in `brand`.
    pub fn for_brand(brand: u32) -> Chip {
        if contrast(brand, WHITE) >= 3.0 {
            Chip { fg: brand, bg: WHITE }
        } else {
            Chip { fg: on(brand), bg: brand }
        }
    }

    /// A monogram's colours: its letter is text, white as on every monogram, on the brand colour
    /// darkened just enough for 4.5:1.
    pub fn monogram(brand: u32) -> Chip {
        let mut bg = brand;
        for _ in 0..32 {
            if contrast(WHITE, bg) >= 4.5 {
                break;
            }
            let dim = |shift: u32| (((bg >> shift) & 0xFF) * 9 / 10) << shift;
            bg = dim(16) | dim(8) | dim(0);
        }
        Chip { fg: WHITE, bg }
    }
}

/// White or near black, whichever reads better on `bg`.
fn on(bg: u32) -> u32 {
    if contrast(WHITE, bg) >= contrast(INK, bg) {
        WHITE
    } else {
        INK
    }
}

/// WCAG 2 relative luminance of `0xRRGGBB`.
fn luminance(rgb: u32) -> f64 {
    let channel = |shift: u32| {
        let c = f64::from((rgb >> shift) & 0xFF) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: u32, b: u32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `#rrggbb`, for a style or an SVG `fill`.
pub fn css(rgb: u32) -> String {
    format!("#{:06x}", rgb & 0xFF_FFFF)
}

/// Every Simple Icons slug the catalogue draws (what the build bundles), sorted, once each.
pub fn icon_slugs() -> Vec<&'static str> {
    let mut slugs: Vec<&'static str> = SERVICES.iter().filter_map(|s| s.icon).collect();
    slugs.sort_unstable();
    slugs.dedup();
    slugs
}

/// The logo file the build writes (`scripts/service-icons.mjs`): a JSON object from slug to SVG
/// path data in a 24×24 box. Only entries that are path data are kept (letters of SVG path
/// commands, digits, signs, dots, commas and spaces), so nothing else can reach the page.
pub fn parse_icons(json: &str) -> HashMap<String, String> {
    let all: HashMap<String, String> = serde_json::from_str(json).unwrap_or_default();
    all.into_iter()
        .filter(|(slug, path)| {
            !slug.is_empty()
                && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && !path.is_empty()
                && path.bytes().all(|b| b"MmLlHhVvCcSsQqTtAaZzEe0123456789.,-+ ".contains(&b))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(issuer: &str) -> Option<&'static str> {
        find(issuer).map(|s| s.id)
    }

    #[test]
    fn issuers_as_sites_write_them() {
        assert_eq!(id("Google"), Some("google"));
        assert_eq!(id("accounts.google.com"), Some("google"));
        assert_eq!(id("ＧＯＯＧＬＥ"), Some("google"));
        assert_eq!(id("Google LLC"), Some("google"));
        assert_eq!(id("Instagram (alice)"), Some("instagram"));
        assert_eq!(id("Twitter"), Some("x"));
        assert_eq!(id("X"), Some("x"));
        assert_eq!(id("Yahoo! JAPAN ID"), Some("yahoojapan"));
        assert_eq!(id("Yahoo"), Some("yahoo"));
        assert_eq!(id("Amazon Web Services"), Some("aws"));
        assert_eq!(id("Amazon"), Some("amazon"));
        assert_eq!(id("楽天"), Some("rakuten"));
        assert_eq!(id("楽天ID"), Some("rakuten"));
        assert_eq!(id("楽天証券"), Some("rakutensec"));
        assert_eq!(id("GMOコイン"), Some("gmocoin"));
        assert_eq!(id("  github.com "), Some("github"));
    }

    #[test]
    fn unknown_and_near_misses_are_not_guessed() {
        assert_eq!(id(""), None);
        assert_eq!(id("  "), None);
        assert_eq!(id("Acme Corp"), None);
        assert_eq!(id("Linear"), None);
        assert_eq!(id("Xbox"), Some("microsoft"));
        assert_eq!(id("Xtreme"), None);
        assert_eq!(id("Googley"), None);
    }

    #[test]
    fn the_catalogue_is_consistent() {
        assert!(SERVICES.len() >= 100);
        let mut ids: Vec<&str> = SERVICES.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
        for s in SERVICES {
            assert!(!s.id.is_empty() && !s.en.is_empty() && !s.ja.is_empty() && !s.issuers.is_empty(), "{}", s.id);
            // Every service is found by its own issuers and names.
            for issuer in s.issuers {
                let found = find(issuer).map(|f| f.id);
                assert_eq!(found, Some(s.id), "{issuer}");
            }
            if s.icon.is_some() {
                assert!(s.color.is_some(), "{} has a logo but no colour", s.id);
            }
            let mut terms: Vec<String> = s.aliases.iter().map(|a| fold(a)).collect();
            terms.sort();
            let before = terms.len();
            terms.dedup();
            assert_eq!(terms.len(), before, "{} repeats an alias", s.id);
        }
    }

    #[test]
    fn chips_contrast_in_both_themes() {
        for s in SERVICES {
            if let Some(chip) = s.chip() {
                assert!(contrast(chip.fg, chip.bg) >= 3.0, "{}: {:06x} on {:06x}", s.id, chip.fg, chip.bg);
            }
            if let Some(c) = s.color {
                let m = Chip::monogram(c);
                assert!(contrast(m.fg, m.bg) >= 4.5, "{} monogram", s.id);
            }
        }
        assert_eq!(Chip::for_brand(0xFFFC00), Chip { fg: INK, bg: 0xFFFC00 });
        assert_eq!(Chip::for_brand(0xFF0069), Chip { fg: 0xFF0069, bg: WHITE });
        assert_eq!(Chip::monogram(0x000000), Chip { fg: WHITE, bg: 0 });
        assert!(contrast(WHITE, Chip::monogram(0xFFFC00).bg) >= 4.5);
        assert!((contrast(0, WHITE) - 21.0).abs() < 1e-9);
        assert_eq!(css(0x0866FF), "#0866ff");
    }

    #[test]
    fn icon_file_keeps_only_path_data() {
        let icons = parse_icons(r#"{"instagram":"M7.03.084c-1.27.06 0 1z","evil":"<script>","Bad":"M0 0","x":""}"#);
        assert_eq!(icons.len(), 1);
        assert!(icons.contains_key("instagram"));
        assert!(parse_icons("not json").is_empty());
        assert!(icon_slugs().contains(&"instagram"));
    }

    #[test]
    fn backup_code_facts_come_from_the_research() {
        let ig = by_id("instagram").and_then(|s| s.codes_where).expect("instagram");
        assert!(ig.ja.starts_with("プロフィール") && ig.ja.ends_with("バックアップコード"));
        assert_eq!(by_id("x").and_then(|s| s.codes), Some(Shape::Alnum12));
        // Only the sites the research gives a path for have one.
        let with_path: Vec<&str> = SERVICES.iter().filter(|s| s.codes_where.is_some()).map(|s| s.id).collect();
        assert_eq!(with_path, ["google", "instagram", "x", "playstation"]);
    }
}
