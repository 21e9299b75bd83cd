//! The emergency kit: every site's unused backup codes on paper, gathered from the vault's
//! content. Pure data in, data out: the UI lays it out and translates it (the restore steps, the
//! date and the flags' words live in `i18n::kit`).
//!
//! What goes in: each entry's current code set only (retired sets are void at the site), its
//! unused codes in the site's order, and how many remain; a site whose codes are running low or
//! all used is flagged, so the paper says to generate new ones. Entries without backup codes are
//! named, so the paper also says which accounts it cannot help with.

use crate::backup_codes::{CodeSet, Shape};
use crate::vault::Content;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Why a site's block is flagged on the paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KitFlag {
    /// Some codes were used and the remaining count is at or below the user's threshold.
    Low,
    /// No unused code is left: the block is there only to say so.
    AllUsed,
}

/// One unused code as it goes on paper. `Debug` does not show it.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct KitCode {
    /// The code as the site shows it (`1234 5678`, `a1b2c-3d4e5`), what is typed at the site.
    pub shown: String,
    /// Groups of four for reading a long code that the site shows in one piece (`k3m9p2x7q4w8`
    /// reads as `k3m9 p2x7 q4w8`); empty when `shown` is already grouped or short. Only a visual
    /// aid: the paper must not suggest typing spaces the site may refuse.
    pub groups: Vec<String>,
}

impl std::fmt::Debug for KitCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KitCode(<redacted>)")
    }
}

/// Codes of a shape the site shows in one piece are grouped by four on paper when at least this long.
const GROUP_FROM: usize = 8;

impl KitCode {
    fn new(shape: Shape, code: &str) -> KitCode {
        let shown = shape.display(code);
        let ungrouped = matches!(shape, Shape::Alnum12 | Shape::Digits | Shape::Generic);
        let groups = if ungrouped && shown.len() >= GROUP_FROM && shown.is_ascii() {
            shown.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect()
        } else {
            Vec::new()
        };
        KitCode { shown, groups }
    }
}

/// One site's block on paper. `Debug` does not show the codes.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct KitSite {
    /// The entry's id in the vault.
    #[zeroize(skip)]
    pub id: u64,
    /// The site (may be empty: the UI then says "unnamed").
    pub issuer: String,
    /// The account name at the site (may be empty).
    pub name: String,
    /// The unused codes, in the site's order (the order to use them in).
    pub codes: Vec<KitCode>,
    /// How many codes the current set had in all.
    #[zeroize(skip)]
    pub total: usize,
    /// Set when the site needs new codes.
    #[zeroize(skip)]
    pub flag: Option<KitFlag>,
}

impl KitSite {
    /// How many codes are left (those on the paper).
    pub fn remaining(&self) -> usize {
        self.codes.len()
    }
}

impl std::fmt::Debug for KitSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KitSite")
            .field("id", &self.id)
            .field("codes", &self.codes.len())
            .field("total", &self.total)
            .field("flag", &self.flag)
            .finish_non_exhaustive()
    }
}

/// An entry with no backup codes here: issuer and account name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uncovered {
    /// The site.
    pub issuer: String,
    /// The account name.
    pub name: String,
}

/// The whole kit, in the vault's list order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kit {
    /// Every entry that has a current code set, even one with all codes used (it is flagged).
    pub sites: Vec<KitSite>,
    /// Entries without backup codes.
    pub uncovered: Vec<Uncovered>,
}

impl Kit {
    /// Gathers the kit from the open vault's content.
    pub fn from_content(content: &Content) -> Kit {
        let threshold = content.settings.low_codes_threshold;
        let mut kit = Kit::default();
        for entry in &content.accounts {
            let (issuer, name) = entry.label();
            match &entry.backup_codes {
                Some(set) => kit.sites.push(site(entry.id, issuer, name, set, threshold)),
                None => kit.uncovered.push(Uncovered { issuer, name }),
            }
        }
        kit
    }

    /// Whether there is no backup code at all to print (the paper then says so, and still
    /// carries the restore steps).
    pub fn has_no_codes(&self) -> bool {
        self.sites.is_empty()
    }

    /// All unused codes on the paper.
    pub fn unused(&self) -> usize {
        self.sites.iter().map(KitSite::remaining).sum()
    }

    /// How many sites are flagged.
    pub fn flagged(&self) -> usize {
        self.sites.iter().filter(|s| s.flag.is_some()).count()
    }
}

fn site(id: u64, issuer: String, name: String, set: &CodeSet, threshold: u32) -> KitSite {
    let codes: Vec<KitCode> = set.codes.iter().filter(|c| c.used_ms.is_none()).map(|c| KitCode::new(set.shape, &c.code)).collect();
    let flag = if codes.is_empty() {
        Some(KitFlag::AllUsed)
    } else if set.is_low(threshold) {
        Some(KitFlag::Low)
    } else {
        None
    };
    KitSite { id, issuer, name, codes, total: set.codes.len(), flag }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ungrouped_codes_are_grouped_by_four_for_reading_only() {
        let x = KitCode::new(Shape::Alnum12, "k3m9p2x7q4w8");
        assert_eq!(x.shown, "k3m9p2x7q4w8");
        assert_eq!(x.groups, ["k3m9", "p2x7", "q4w8"]);
        let ps = KitCode::new(Shape::Digits, "1234567890");
        assert_eq!(ps.groups, ["1234", "5678", "90"]);
        let insta = KitCode::new(Shape::Digits8, "12345678");
        assert_eq!((insta.shown.as_str(), insta.groups.len()), ("1234 5678", 0));
        assert!(KitCode::new(Shape::Digits, "123456").groups.is_empty());
        assert!(!format!("{x:?}").contains("k3m9"));
    }
}
