//! An account (issuer, name, secret, parameters) and the field validation shared by manual entry
//! and `otpauth://` parsing.

use crate::otp::{Algorithm, Generator, Kind, Params, Secret, SecretError, SecretWarning, DIGITS_RANGE, STEAM_CHARS};

/// Longest issuer or account name a writer accepts, in UTF-16 code units: the unit the browser's
/// `maxlength` counts, so the input field and this check agree (an emoji counts 2, a kanji 1).
/// The vault's reader accepts any length, so nothing already stored becomes unreadable.
pub const MAX_LABEL_LEN: usize = 256;
/// Longest tag, in UTF-16 code units.
pub const MAX_TAG_LEN: usize = 32;
/// Most tags on one entry.
pub const MAX_TAGS: usize = 20;
/// Most entries a vault keeps, and most accounts one import or restore may bring: far more than a
/// person has (a heavy user has a few hundred), few enough that reading, previewing, sealing and
/// listing them stay quick on a phone. Every writer checks it (add, import, restore and merge);
/// the reader does not, so a vault written before the cap still opens.
pub const MAX_ACCOUNTS: usize = 5_000;

/// Length as the browser's `maxlength` counts it (UTF-16 code units).
pub fn text_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Whether `c` is never drawn and has no place in a name, so every writer removes it and every
/// view and match ignores it: bidirectional controls (they reorder the text around them: an
/// issuer ending in U+202E reversed the sentence it was shown in), zero-width characters (a name
/// of them was a blank row; "Goo\u{200D}gle" looked like Google), and the other invisible format
/// characters (soft hyphen, combining grapheme joiner, invisible operators, deprecated format
/// characters, interlinear annotation marks). The zero-width joiner is kept between two emoji,
/// where it draws one emoji (👨‍👩‍👧): see [`visible_text`].
fn stripped(c: char) -> bool {
    matches!(c,
        // Bidirectional controls: ALM, LRM, RLM, embeddings and overrides, isolates.
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        // Zero width: space, non-joiner, joiner, word joiner, no-break space (BOM).
        | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        // Other invisible format characters.
        | '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{2061}'..='\u{2064}' | '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Whether `c` is part of an emoji, for the zero-width joiner between two of them: pictographs,
/// skin tones, and the emoji presentation selector U+FE0F that may follow the first.
fn emoji_part(c: char) -> bool {
    matches!(c, '\u{2300}'..='\u{23FF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}' | '\u{FE0F}')
}

/// Whether `c` draws nothing, or nothing but blank space: white space, control characters,
/// what [`visible_text`] removes, and the characters that only modify their neighbour or are
/// drawn empty (variation selectors, tag characters, Mongolian selectors, Hangul fillers, the
/// blank Braille pattern, musical and shorthand format controls).
pub fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || stripped(c)
        || is_modifier(c)
        || matches!(c, '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}' | '\u{17B4}' | '\u{17B5}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1D173}'..='\u{1D17A}' | '\u{1BCA0}'..='\u{1BCA3}')
}

/// Whether `c` changes how the character before it is drawn and is nothing by itself
/// (variation selectors, tag characters of flag emoji, Mongolian free variation selectors):
/// matching skips them (they neither make nor break a word).
pub fn is_modifier(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E0FFF}' | '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// `text` without the characters [`stripped`] lists: the text as it is drawn, which is what the
/// list shows, what search and the catalogue match, and what every writer stores. A zero-width
/// joiner stays only between two emoji (👩‍💻), where it is part of one.
pub fn visible_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(stripped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins_emoji = c == '\u{200D}'
            && out.chars().next_back().is_some_and(emoji_part)
            && chars.get(i + 1).is_some_and(|&n| n != '\u{FE0F}' && emoji_part(n));
        if !stripped(c) || joins_emoji {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `text` has at least one character that is drawn (not [`is_blank`]).
pub fn has_visible(text: &str) -> bool {
    text.chars().any(|c| !is_blank(c))
}

/// A label part as every writer stores it: [`visible_text`], trimmed. No checks (see
/// [`clean_label`]).
pub fn normalise_label(text: &str) -> String {
    visible_text(text).trim().to_owned()
}

/// A text field of an entry, for messages that name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The issuer (service name).
    Issuer,
    /// The account name.
    Name,
    /// One tag.
    Tag,
}

/// One authenticator entry. `Debug` shows the label and parameters, never the secret; the
/// secret is wiped when the account is dropped ([`Secret`]), the labels when a holder zeroizes it.
#[derive(Clone, PartialEq, Eq, zeroize::Zeroize)]
pub struct Account {
    /// Who issued the secret ("GitHub"); may be empty.
    pub issuer: String,
    /// The account at that issuer ("alice@example.com"); may be empty.
    pub name: String,
    /// The shared secret.
    pub secret: Secret,
    /// Algorithm, digits and kind.
    #[zeroize(skip)]
    pub params: Params,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("issuer", &self.issuer)
            .field("name", &self.name)
            .field("secret", &"<redacted>")
            .field("params", &self.params)
            .finish()
    }
}

impl Account {
    /// A code generator for this account.
    pub fn generator(&self) -> Generator {
        Generator::new(&self.secret, self.params)
    }
}

/// Why a field was refused. Shared by manual entry and URI parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldError {
    /// No `secret` parameter, or an empty secret field.
    MissingSecret,
    /// The secret is not valid Base32.
    Secret(SecretError),
    /// An algorithm other than SHA1, SHA224, SHA256, SHA384 or SHA512 (e.g. MD5).
    UnsupportedAlgorithm {
        /// What was given.
        given: String,
    },
    /// Digits not a whole number from 6 to 10.
    DigitsOutOfRange {
        /// What was given.
        given: String,
    },
    /// Period not a whole number of seconds of at least 1 (0, negative, or not a number).
    BadPeriod {
        /// What was given.
        given: String,
    },
    /// An HOTP counter that is not a whole number from 0 to 2^64−1.
    BadCounter {
        /// What was given.
        given: String,
    },
    /// Manual entry with neither issuer nor account name: the list could not tell it apart.
    NoName,
    /// A text field longer than its limit ([`MAX_LABEL_LEN`], [`MAX_TAG_LEN`]).
    TooLong {
        /// Which field.
        field: Field,
        /// Its limit, in UTF-16 code units.
        max: usize,
        /// Its length, in UTF-16 code units.
        len: usize,
    },
    /// A name or tag that has characters but none that is drawn (only zero-width characters,
    /// bidirectional controls, fillers): the list would show a blank.
    Invisible {
        /// Which field.
        field: Field,
    },
    /// More than [`MAX_TAGS`] tags.
    TooManyTags {
        /// How many were given.
        count: usize,
    },
    /// The account could not be written in a form the vault reads back identically (a safety
    /// net under every writer; no known input reaches it).
    NotStorable,
    /// Adding would take the vault past [`MAX_ACCOUNTS`] entries: an add to a full vault, an
    /// import or a merge bringing more than there is room for. Nothing is added then.
    TooManyAccounts {
        /// Entries in the vault now.
        here: usize,
        /// Entries the change would add.
        adding: usize,
    },
}

/// Developer text; the UI shows `i18n::field_error` instead.
impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldError::MissingSecret => f.write_str("no secret was given"),
            FieldError::Secret(e) => e.fmt(f),
            FieldError::UnsupportedAlgorithm { given } => write!(f, "unsupported algorithm {given:?} (SHA1, SHA224, SHA256, SHA384 or SHA512)"),
            FieldError::DigitsOutOfRange { given } => write!(f, "digits {given:?} out of range (6 to 10)"),
            FieldError::BadPeriod { given } => write!(f, "period {given:?} is not a whole number of seconds of at least 1"),
            FieldError::BadCounter { given } => write!(f, "counter {given:?} is not a whole number from 0 to 2^64-1"),
            FieldError::NoName => f.write_str("neither an issuer nor an account name was given"),
            FieldError::TooLong { field, max, len } => write!(f, "{field:?} is {len} UTF-16 units long, more than {max}"),
            FieldError::Invisible { field } => write!(f, "{field:?} has no visible character"),
            FieldError::TooManyTags { count } => write!(f, "{count} tags, more than {MAX_TAGS}"),
            FieldError::NotStorable => f.write_str("the account's canonical URI does not read back as the same account"),
            FieldError::TooManyAccounts { here, adding } => write!(f, "{here} entries here and {adding} more is over the cap of {MAX_ACCOUNTS}"),
        }
    }
}

impl std::error::Error for FieldError {}

impl From<SecretError> for FieldError {
    fn from(e: SecretError) -> Self {
        match e {
            SecretError::Empty => FieldError::MissingSecret,
            other => FieldError::Secret(other),
        }
    }
}

/// Something the user should know about an accepted account.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// About the secret (e.g. it is shorter than 128 bits).
    Secret(SecretWarning),
    /// The label's issuer prefix and the `issuer` parameter disagree; the parameter was used.
    IssuerMismatch {
        /// Issuer in the label prefix.
        label: String,
        /// Issuer in the `issuer=` parameter (used).
        parameter: String,
    },
}

/// Parses an algorithm field; empty means the default (SHA1).
pub fn parse_algorithm(text: &str) -> Result<Algorithm, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Algorithm::default());
    }
    Algorithm::parse(t).ok_or_else(|| FieldError::UnsupportedAlgorithm { given: t.to_owned() })
}

/// Parses a digits field; empty means 6.
pub fn parse_digits(text: &str) -> Result<u8, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(6);
    }
    t.parse::<u8>()
        .ok()
        .filter(|d| DIGITS_RANGE.contains(d))
        .ok_or_else(|| FieldError::DigitsOutOfRange { given: t.to_owned() })
}

/// Parses a period field in seconds; empty means 30.
pub fn parse_period(text: &str) -> Result<u32, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(30);
    }
    t.parse::<u32>()
        .ok()
        .filter(|p| *p >= 1)
        .ok_or_else(|| FieldError::BadPeriod { given: t.to_owned() })
}

/// Parses an HOTP counter field; empty means 0.
pub fn parse_counter(text: &str) -> Result<u64, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(0);
    }
    t.parse::<u64>().map_err(|_| FieldError::BadCounter { given: t.to_owned() })
}

/// Normalises a label part ([`normalise_label`]: invisible characters removed, trimmed) and
/// checks it: something typed that draws nothing is refused ([`FieldError::Invisible`]; white
/// space alone is an empty field), then its length against [`MAX_LABEL_LEN`].
pub fn clean_label(text: &str, field: Field) -> Result<String, FieldError> {
    let t = normalise_label(text);
    check_visible(text, field)?;
    check_len(&t, field, MAX_LABEL_LEN)?;
    Ok(t)
}

/// Refuses a field that has characters other than white space, none of them drawn.
fn check_visible(text: &str, field: Field) -> Result<(), FieldError> {
    if !text.trim().is_empty() && !has_visible(text) {
        return Err(FieldError::Invisible { field });
    }
    Ok(())
}

fn check_len(text: &str, field: Field, max: usize) -> Result<(), FieldError> {
    let len = text_len(text);
    if len > max {
        return Err(FieldError::TooLong { field, max, len });
    }
    Ok(())
}

/// Checks tags as every writer stores them: at most [`MAX_TAGS`], each at most [`MAX_TAG_LEN`]
/// with a character that is drawn ([`has_visible`]). Tags are normalised before
/// ([`crate::organize::clean_tag`]).
pub fn check_tags(tags: &[String]) -> Result<(), FieldError> {
    if tags.len() > MAX_TAGS {
        return Err(FieldError::TooManyTags { count: tags.len() });
    }
    tags.iter().try_for_each(|t| {
        if !has_visible(t) {
            return Err(FieldError::Invisible { field: Field::Tag });
        }
        check_len(t, Field::Tag, MAX_TAG_LEN)
    })
}

impl std::fmt::Debug for ManualEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManualEntry").field("secret", &"<redacted>").field("kind", &self.kind).finish_non_exhaustive()
    }
}

/// Which kind of code a manual entry asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum KindChoice {
    /// Time-based (the usual).
    #[default]
    Totp,
    /// Counter-based.
    Hotp,
    /// Steam Guard.
    Steam,
}

/// The manual-entry form, as typed. `Debug` does not show the secret.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ManualEntry {
    /// Issuer field.
    pub issuer: String,
    /// Account name field.
    pub name: String,
    /// Base32 secret field.
    pub secret: String,
    /// Kind of code.
    pub kind: KindChoice,
    /// Algorithm field (empty: SHA1).
    pub algorithm: String,
    /// Digits field (empty: 6).
    pub digits: String,
    /// Period field (empty: 30).
    pub period: String,
    /// Counter field for HOTP (empty: 0).
    pub counter: String,
}

impl ManualEntry {
    /// Validates the form into an account, or the first problem found (in form order).
    pub fn to_account(&self) -> Result<(Account, Vec<Warning>), FieldError> {
        let issuer = clean_label(&self.issuer, Field::Issuer)?;
        let name = clean_label(&self.name, Field::Name)?;
        if issuer.is_empty() && name.is_empty() {
            return Err(FieldError::NoName);
        }
        let (secret, secret_warnings) = Secret::parse_base32(&self.secret)?;
        let algorithm = parse_algorithm(&self.algorithm)?;
        let (digits, kind) = match self.kind {
            KindChoice::Totp => (parse_digits(&self.digits)?, Kind::Totp { period: parse_period(&self.period)? }),
            KindChoice::Hotp => (parse_digits(&self.digits)?, Kind::Hotp { counter: parse_counter(&self.counter)? }),
            KindChoice::Steam => (STEAM_CHARS, Kind::Steam { period: parse_period(&self.period)? }),
        };
        let warnings = secret_warnings.into_iter().map(Warning::Secret).collect();
        Ok((Account { issuer, name, secret, params: Params { algorithm, digits, kind } }, warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(secret: &str) -> ManualEntry {
        ManualEntry { issuer: " GitHub ".into(), name: "alice".into(), secret: secret.into(), ..Default::default() }
    }

    #[test]
    fn manual_entry_defaults_to_sha1_6_30() {
        let (a, w) = entry("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").to_account().expect("valid");
        assert_eq!(a.issuer, "GitHub");
        assert_eq!(a.params, Params::default());
        assert!(w.is_empty());
    }

    #[test]
    fn manual_entry_reports_each_bad_field() {
        assert_eq!(entry("").to_account().err(), Some(FieldError::MissingSecret));
        let mut e = entry("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        e.digits = "5".into();
        assert_eq!(e.to_account().err(), Some(FieldError::DigitsOutOfRange { given: "5".into() }));
        e.digits = "8".into();
        e.period = "0".into();
        assert_eq!(e.to_account().err(), Some(FieldError::BadPeriod { given: "0".into() }));
        e.period = "-30".into();
        assert_eq!(e.to_account().err(), Some(FieldError::BadPeriod { given: "-30".into() }));
        e.period = "60".into();
        e.algorithm = "MD5".into();
        assert_eq!(e.to_account().err(), Some(FieldError::UnsupportedAlgorithm { given: "MD5".into() }));
        let nameless = ManualEntry { secret: "GEZDGNBVGY3TQOJQ".into(), ..Default::default() };
        assert_eq!(nameless.to_account().err(), Some(FieldError::NoName));
    }

    #[test]
    fn steam_entry_is_five_characters() {
        let mut e = entry("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        e.kind = KindChoice::Steam;
        let (a, _) = e.to_account().expect("valid");
        assert_eq!(a.params.kind, Kind::Steam { period: 30 });
        assert_eq!(a.generator().at_time(59).as_plain().len(), 5);
    }
}
