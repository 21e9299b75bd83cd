//! Backup (recovery) codes: find them in the text a site shows, normalise them, and show them as
//! the site groups them. Pure text in, codes out; no I/O.
//!
//! The parser reads any layout (one per line, columns, numbered, headings, dates, e-mail addresses,
//! instructions in Japanese or English) and keeps only tokens of one code shape: the shape most of
//! the candidates share, so a stray number in the prose does not become a code.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The code shapes the parser knows, named by the sites that use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Shape {
    /// 8 digits, shown `1234 5678` (Instagram, Facebook, Google).
    Digits8,
    /// 12 lower-case letters and digits (X).
    Alnum12,
    /// 10 hex digits, shown `xxxxx-xxxxx` (GitHub).
    Hex5x2,
    /// 25 upper-case letters and digits, shown `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX` (Microsoft).
    Alnum5x5,
    /// 8 lower-case letters and digits, shown `xxxx-xxxx` (Discord).
    Alnum4x2,
    /// 6, 7, 9 or 10 digits (PlayStation and others).
    Digits,
    /// Anything else code-like on a line of its own: 6–32 letters and digits with at least one digit.
    Generic,
}

impl Shape {
    /// Renders a normalised code the way the site groups it.
    pub fn display(self, code: &str) -> String {
        let groups: &[usize] = match self {
            Shape::Digits8 => &[4, 4],
            Shape::Hex5x2 => &[5, 5],
            Shape::Alnum5x5 => &[5, 5, 5, 5, 5],
            Shape::Alnum4x2 => &[4, 4],
            Shape::Alnum12 | Shape::Digits | Shape::Generic => return code.to_owned(),
        };
        let sep = if self == Shape::Digits8 { " " } else { "-" };
        let mut parts = Vec::with_capacity(groups.len());
        let mut at = 0;
        for g in groups {
            match code.get(at..at + g) {
                Some(p) => parts.push(p),
                None => return code.to_owned(),
            }
            at += g;
        }
        parts.join(sep)
    }

    /// Puts a code typed by the user into the normal form of this shape: no spaces or dashes,
    /// and the case the site uses.
    pub fn normalise(self, typed: &str) -> String {
        let bare: String = fold_width(typed).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        match self {
            Shape::Alnum5x5 => bare.to_ascii_uppercase(),
            Shape::Digits8 | Shape::Digits => bare,
            _ => bare.to_ascii_lowercase(),
        }
    }
}

/// What was found in a pasted block. `Debug` does not show the codes.
#[derive(Clone, PartialEq, Eq)]
pub struct Found {
    /// The shape the codes share.
    pub shape: Shape,
    /// The codes, normalised, in the order they appeared, without duplicates.
    pub codes: Vec<String>,
}

impl std::fmt::Debug for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Found").field("shape", &self.shape).field("codes", &self.codes.len()).finish()
    }
}

/// Full-width ASCII (`１２３４`, `ａｂｃ`) and the ideographic space become ASCII; the many dashes become `-`.
fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
            _ => c,
        })
        .collect()
}

fn all(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

fn lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// Classifies one candidate token (already stripped of surrounding punctuation).
fn classify(token: &str) -> Option<(Shape, String)> {
    let parts: Vec<&str> = token.split('-').collect();
    let digits = |s: &str| all(s, |c| c.is_ascii_digit());
    match parts.as_slice() {
        [a, b, c, d, e] if [a, b, c, d, e].iter().all(|p| p.len() == 5 && all(p, |c| c.is_ascii_alphanumeric())) => {
            Some((Shape::Alnum5x5, token.replace('-', "").to_ascii_uppercase()))
        }
        [a, b] if a.len() == 5 && b.len() == 5 && all(a, |c| c.is_ascii_hexdigit()) && all(b, |c| c.is_ascii_hexdigit()) => {
            Some((Shape::Hex5x2, format!("{a}{b}").to_ascii_lowercase()))
        }
        [a, b] if a.len() == 4 && b.len() == 4 && all(a, |c| c.is_ascii_alphanumeric()) && all(b, |c| c.is_ascii_alphanumeric()) => {
            // Not a year-month-ish pair of numbers glued by a dash: Discord codes mix letters in,
            // or at least are not two plausible years.
            Some((Shape::Alnum4x2, format!("{a}{b}").to_ascii_lowercase()))
        }
        [one] if one.len() == 8 && digits(one) => Some((Shape::Digits8, (*one).to_owned())),
        [one] if one.len() == 12 && all(one, lower_alnum) && one.chars().any(|c| c.is_ascii_digit()) && one.chars().any(|c| c.is_ascii_lowercase()) => {
            Some((Shape::Alnum12, (*one).to_owned()))
        }
        [one] if (6..=10).contains(&one.len()) && digits(one) => Some((Shape::Digits, (*one).to_owned())),
        _ => None,
    }
}

/// Words that make the number after them an identifier, a count or a date, never a code.
const NOT_CODE_CONTEXT: [&str; 16] = [
    "id", "no", "no.", "tel", "phone", "date", "generated", "created", "order", "番号", "電話", "日付", "生成", "作成", "発行", "ID:",
];

fn is_list_marker(token: &str) -> bool {
    let t = token.trim_end_matches(['.', ')', ':', '、', '．']).trim_start_matches('(');
    (t.len() <= 2 && all(t, |c| c.is_ascii_digit()))
        || matches!(token, "-" | "*" | "•" | "・" | "●" | "◦" | "▪" | "□" | "☐")
        || token.chars().count() == 1 && ('\u{2460}'..='\u{2473}').contains(&token.chars().next().unwrap_or(' '))
}

/// `2026-11-21`, `21-11-2026`: digits in three dash-separated groups, one of them a year.
fn is_date(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    parts.len() == 3
        && parts.iter().all(|p| all(p, |c| c.is_ascii_digit()))
        && (parts[0].len() == 4 || parts[2].len() == 4)
}

fn strip(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_ascii_alphanumeric())
}

/// Finds the backup codes in a pasted block. Returns `None` when nothing code-like is there.
pub fn extract(text: &str) -> Option<Found> {
    let text = fold_width(text);
    let mut candidates: Vec<(Shape, String)> = Vec::new();
    let mut generic: Vec<String> = Vec::new();
    for line in text.lines() {
        let lower = line.to_lowercase();
        if lower.contains("://") {
            continue;
        }
        let tokens: Vec<&str> = line.split_whitespace().filter(|t| !t.contains('@')).collect();
        let mut i = 0;
        while i < tokens.len() {
            let raw = tokens[i];
            let previous = if i > 0 { tokens[i - 1].to_lowercase() } else { String::new() };
            let blocked = NOT_CODE_CONTEXT.iter().any(|w| previous.trim_end_matches([':', '：']) == w.trim_end_matches(':'))
                || raw.contains([':', '/', '年', '月', '日', '時']);
            let token = strip(raw);
            // "1234 5678": two groups of four digits make one 8-digit code.
            if !blocked && token.len() == 4 && all(token, |c| c.is_ascii_digit()) {
                if let Some(next) = tokens.get(i + 1).map(|t| strip(t)) {
                    if next.len() == 4 && all(next, |c| c.is_ascii_digit()) {
                        candidates.push((Shape::Digits8, format!("{token}{next}")));
                        i += 2;
                        continue;
                    }
                }
            }
            if !blocked {
                if let Some(found) = classify(token) {
                    candidates.push(found);
                }
            }
            i += 1;
        }
        // The generic rule: a line holding one code-like token and nothing else but a list marker.
        let content: Vec<&str> = tokens.iter().copied().filter(|t| !is_list_marker(t)).collect();
        if let [only] = content.as_slice() {
            let t = strip(only);
            if (6..=32).contains(&t.len())
                && all(t, |c| c.is_ascii_alphanumeric() || c == '-')
                && t.chars().any(|c| c.is_ascii_digit())
                && !is_date(t)
            {
                generic.push(t.replace('-', ""));
            }
        }
    }
    let best = [Shape::Alnum5x5, Shape::Hex5x2, Shape::Digits8, Shape::Alnum12, Shape::Alnum4x2, Shape::Digits]
        .into_iter()
        .map(|s| (s, candidates.iter().filter(|(c, _)| *c == s).count()))
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n);
    let (shape, codes): (Shape, Vec<String>) = match best {
        // A shape seen only once among several generic lines is the prose, not the codes.
        Some((s, n)) if n >= 2 || generic.len() <= 1 => (s, candidates.into_iter().filter(|(c, _)| *c == s).map(|(_, v)| v).collect()),
        _ if !generic.is_empty() => (Shape::Generic, generic),
        _ => return None,
    };
    let mut unique: Vec<String> = Vec::with_capacity(codes.len());
    for c in codes {
        if !unique.contains(&c) {
            unique.push(c);
        }
    }
    Some(Found { shape, codes: unique })
}

/// Remaining codes at or below this count bring the "generate new codes" warning, unless the
/// user chose another threshold.
pub const DEFAULT_LOW_THRESHOLD: u32 = 3;

/// One backup code and when it was used. `Debug` does not show the code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct BackupCode {
    /// The code in its shape's normal form.
    pub code: String,
    /// When the user marked it used, in Unix milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_ms: Option<u64>,
}

impl std::fmt::Debug for BackupCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackupCode").field("code", &"<redacted>").field("used_ms", &self.used_ms).finish()
    }
}

/// The set of backup codes a site issued at one time. `Debug` does not show the codes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct CodeSet {
    /// How the codes look (for display and normalising typed codes).
    #[zeroize(skip)]
    pub shape: Shape,
    /// When the set was added, in Unix milliseconds.
    pub added_ms: u64,
    /// When a newer set replaced it (revoked history only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_ms: Option<u64>,
    /// The codes, in the order the site listed them.
    pub codes: Vec<BackupCode>,
}

impl std::fmt::Debug for CodeSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeSet")
            .field("shape", &self.shape)
            .field("added_ms", &self.added_ms)
            .field("revoked_ms", &self.revoked_ms)
            .field("codes", &self.codes)
            .finish()
    }
}

/// Why codes typed or confirmed by the user cannot be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CodesError {
    /// No code at all: every line is blank.
    Empty,
    /// Line `line` (1-based) holds no letters or digits a code could be made of, or is too long.
    Unreadable {
        /// 1-based line number.
        line: usize,
    },
    /// Line `line` repeats a code already listed.
    Duplicate {
        /// 1-based line number.
        line: usize,
    },
}

/// Developer text; the UI shows `i18n::codes_error` instead. The codes themselves are never
/// printed.
impl std::fmt::Display for CodesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodesError::Empty => f.write_str("no backup code"),
            CodesError::Unreadable { line } => write!(f, "line {line} is not a backup code (letters and digits, at most {MAX_CODE_CHARS})"),
            CodesError::Duplicate { line } => write!(f, "line {line} repeats a code above it"),
        }
    }
}

impl std::error::Error for CodesError {}

/// Longest code accepted from the user (the longest known shape is Microsoft's 25).
pub const MAX_CODE_CHARS: usize = 64;

impl CodeSet {
    /// A new, unused set.
    pub fn new(shape: Shape, codes: Vec<String>, now_ms: u64) -> CodeSet {
        CodeSet { shape, added_ms: now_ms, revoked_ms: None, codes: codes.into_iter().map(|code| BackupCode { code, used_ms: None }).collect() }
    }

    /// Reads the codes the user confirmed or typed, one per line (blank lines skipped), in the
    /// normal form of `shape`.
    pub fn from_lines(shape: Shape, text: &str, now_ms: u64) -> Result<CodeSet, CodesError> {
        let mut codes: Vec<String> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let code = shape.normalise(line);
            if code.is_empty() || code.len() > MAX_CODE_CHARS {
                return Err(CodesError::Unreadable { line: i + 1 });
            }
            if codes.contains(&code) {
                return Err(CodesError::Duplicate { line: i + 1 });
            }
            codes.push(code);
        }
        if codes.is_empty() {
            return Err(CodesError::Empty);
        }
        Ok(CodeSet::new(shape, codes, now_ms))
    }

    /// The codes as the site shows them, one per line (what the confirmation field starts with).
    pub fn to_lines(&self) -> String {
        self.codes.iter().map(|c| self.shape.display(&c.code)).collect::<Vec<_>>().join("\n")
    }

    /// How many codes are still unused.
    pub fn remaining(&self) -> usize {
        self.codes.iter().filter(|c| c.used_ms.is_none()).count()
    }

    /// Whether it is time to generate new codes: some have been used and the remaining count is
    /// at or below `threshold`. (A site that issues a single code, like X, is not "low" at once.)
    pub fn is_low(&self, threshold: u32) -> bool {
        let remaining = self.remaining();
        remaining < self.codes.len() && remaining <= threshold as usize
    }

    /// The index of the code to use next: the first unused one in the site's order.
    pub fn next_unused(&self) -> Option<usize> {
        self.codes.iter().position(|c| c.used_ms.is_none())
    }

    /// Indices in the order to show them: unused codes first (site order), then used ones, most
    /// recently used last, so a spent code is never the first offered.
    pub fn display_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.codes.len()).collect();
        order.sort_by_key(|&i| (self.codes[i].used_ms.is_some(), self.codes[i].used_ms.unwrap_or(0), i));
        order
    }

    /// Marks a code used at `now_ms` (or unused again, for undo). Returns whether it exists.
    pub fn set_used(&mut self, code: &str, used_ms: Option<u64>) -> bool {
        match self.codes.iter_mut().find(|c| c.code == code) {
            Some(c) => {
                c.used_ms = used_ms;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_groups_like_the_site() {
        assert_eq!(Shape::Digits8.display("12345678"), "1234 5678");
        assert_eq!(Shape::Hex5x2.display("a1b2c3d4e5"), "a1b2c-3d4e5");
        assert_eq!(Shape::Alnum5x5.display("ABCDE12345FGHIJ67890KLMNO"), "ABCDE-12345-FGHIJ-67890-KLMNO");
        assert_eq!(Shape::Alnum4x2.display("ab12cd34"), "ab12-cd34");
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(Shape::Digits8.normalise(" 1234 ５６７８ "), "12345678");
        assert_eq!(Shape::Alnum5x5.normalise("abcde-12345-fghij-67890-klmno"), "ABCDE12345FGHIJ67890KLMNO");
        assert_eq!(Shape::Hex5x2.normalise("A1B2C-3D4E5"), "a1b2c3d4e5");
    }

    #[test]
    fn a_set_tracks_use_and_offers_unused_codes_first() {
        let mut set = CodeSet::new(Shape::Digits8, vec!["11111111".into(), "22222222".into(), "33333333".into(), "44444444".into()], 0);
        assert_eq!((set.remaining(), set.next_unused()), (4, Some(0)));
        assert!(!set.is_low(3));
        assert!(set.set_used("11111111", Some(10)));
        assert!(set.set_used("33333333", Some(5)));
        assert!(!set.set_used("99999999", Some(5)));
        assert_eq!(set.remaining(), 2);
        assert!(set.is_low(3));
        assert_eq!(set.next_unused(), Some(1));
        assert_eq!(set.display_order(), vec![1, 3, 2, 0]);
        let single = CodeSet::new(Shape::Alnum12, vec!["a1b2c3d4e5f6".into()], 0);
        assert!(!single.is_low(3), "a fresh one-code set is not low");
        set.set_used("11111111", None);
        assert_eq!(set.next_unused(), Some(0));
    }

    #[test]
    fn typed_lines_are_normalised_and_checked() {
        let set = CodeSet::from_lines(Shape::Digits8, "1234 5678\n\n８７６５-４３２１\n", 0).expect("codes");
        assert_eq!(set.codes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["12345678", "87654321"]);
        assert_eq!(set.to_lines(), "1234 5678\n8765 4321");
        assert_eq!(CodeSet::from_lines(Shape::Generic, "  \n", 0), Err(CodesError::Empty));
        assert_eq!(CodeSet::from_lines(Shape::Generic, "abc123\n---", 0), Err(CodesError::Unreadable { line: 2 }));
        assert_eq!(CodeSet::from_lines(Shape::Digits8, "1234 5678\n12345678", 0), Err(CodesError::Duplicate { line: 2 }));
    }
}
