//! The shared secret, read leniently from Base32 and always written canonically.

use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Secrets shorter than this (128 bits, RFC 4226 §4 R6) are accepted with a warning: some sites
/// still issue 80-bit secrets.
pub const MIN_RECOMMENDED_SECRET_BYTES: usize = 16;
/// Longest secret accepted, in Base32 characters (a 512-byte key; real ones are 16–64 bytes).
pub const MAX_SECRET_CHARS: usize = 1024;

/// Why a Base32 secret was refused. Positions are 1-based character positions in the text the
/// user gave, so the message can point at the exact character.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretError {
    /// No secret at all, or only spaces, dashes and padding.
    Empty,
    /// A character outside Base32's `A–Z 2–7` (after folding case and dropping spaces and dashes).
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// 1-based position in the original text.
        position: usize,
    },
    /// `=` padding somewhere other than at the end.
    MisplacedPadding {
        /// 1-based position of the first `=` that is followed by data.
        position: usize,
    },
    /// A length no Base32 encoder produces (1, 3 or 6 characters past a multiple of 8): a
    /// character was probably lost when copying.
    BadLength {
        /// Number of Base32 characters after normalising.
        chars: usize,
    },
    /// Longer than [`MAX_SECRET_CHARS`].
    TooLong {
        /// Number of Base32 characters after normalising.
        chars: usize,
    },
}

/// Developer text; the UI shows `i18n::secret_error` instead. The offending character is not
/// printed: it is part of a secret.
impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::Empty => f.write_str("the secret is empty"),
            SecretError::InvalidCharacter { position, .. } => write!(f, "the secret's character {position} is not Base32 (A-Z, 2-7)"),
            SecretError::MisplacedPadding { position } => write!(f, "the secret has '=' padding at character {position}, before its end"),
            SecretError::BadLength { chars } => write!(f, "the secret has {chars} Base32 characters, a length no encoder produces"),
            SecretError::TooLong { chars } => write!(f, "the secret has {chars} Base32 characters, more than {MAX_SECRET_CHARS}"),
        }
    }
}

impl std::error::Error for SecretError {}

/// Something about an accepted secret that the user should know.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretWarning {
    /// Shorter than [`MIN_RECOMMENDED_SECRET_BYTES`]; still works, as the site chose it.
    Short {
        /// Length in bits.
        bits: usize,
    },
}

/// A shared secret. Zeroized on drop, compared in constant time, never printed by `Debug`.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Wraps raw key bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Secret(bytes)
    }

    /// The raw key bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Length in bits.
    pub fn bits(&self) -> usize {
        self.0.len() * 8
    }

    /// Reads Base32 (RFC 4648 alphabet) leniently: any case, spaces, tabs, dashes and line breaks
    /// anywhere, with or without `=` padding. Returns the secret and any warnings.
    pub fn parse_base32(text: &str) -> Result<(Secret, Vec<SecretWarning>), SecretError> {
        Secret::parse_base32_within(text, MAX_SECRET_CHARS)
    }

    /// [`Secret::parse_base32`] for what the vault stored: no length limit, so a secret stored
    /// before a limit was set stays readable.
    pub fn parse_stored_base32(text: &str) -> Result<(Secret, Vec<SecretWarning>), SecretError> {
        Secret::parse_base32_within(text, usize::MAX)
    }

    fn parse_base32_within(text: &str, max_chars: usize) -> Result<(Secret, Vec<SecretWarning>), SecretError> {
        let mut normal = String::with_capacity(text.len());
        let mut padding_at: Option<usize> = None;
        for (i, ch) in text.chars().enumerate() {
            let position = i + 1;
            match ch {
                ' ' | '\t' | '\n' | '\r' | '-' | '\u{3000}' => continue,
                '=' => {
                    padding_at.get_or_insert(position);
                    continue;
                }
                _ => {}
            }
            let up = ch.to_ascii_uppercase();
            if !(up.is_ascii_uppercase() || ('2'..='7').contains(&up)) {
                return Err(SecretError::InvalidCharacter { character: ch, position });
            }
            if let Some(position) = padding_at {
                return Err(SecretError::MisplacedPadding { position });
            }
            normal.push(up);
            if normal.len() > max_chars {
                let chars = normal.len();
                normal.zeroize();
                return Err(SecretError::TooLong { chars });
            }
        }
        if normal.is_empty() {
            return Err(SecretError::Empty);
        }
        if matches!(normal.len() % 8, 1 | 3 | 6) {
            return Err(SecretError::BadLength { chars: normal.len() });
        }
        let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, &normal)
            .ok_or(SecretError::BadLength { chars: normal.len() })?;
        normal.zeroize();
        if bytes.is_empty() {
            return Err(SecretError::Empty);
        }
        let secret = Secret(bytes);
        let mut warnings = Vec::new();
        if secret.0.len() < MIN_RECOMMENDED_SECRET_BYTES {
            warnings.push(SecretWarning::Short { bits: secret.bits() });
        }
        Ok((secret, warnings))
    }

    /// Canonical Base32: upper case, no padding, no spaces.
    pub fn to_base32(&self) -> String {
        base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &self.0)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}
impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(<{} bits redacted>)", self.bits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Vec<u8> {
        Secret::parse_base32(s).expect("valid").0.as_bytes().to_vec()
    }

    #[test]
    fn lenient_forms_decode_to_the_same_key() {
        // "12345678901234567890" (RFC 6238's SHA-1 seed) in Base32, written five ways.
        let want = b"12345678901234567890".to_vec();
        assert_eq!(ok("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), want);
        assert_eq!(ok("gezdgnbvgy3tqojqgezdgnbvgy3tqojq"), want);
        assert_eq!(ok("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"), want);
        assert_eq!(ok("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ"), want);
        assert_eq!(ok("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ===="), want);
    }

    #[test]
    fn invalid_character_is_located() {
        assert_eq!(
            Secret::parse_base32("JBSW Y3DP 1HPK").err(),
            Some(SecretError::InvalidCharacter { character: '1', position: 11 })
        );
        assert_eq!(
            Secret::parse_base32("JBSWY3D0").err(),
            Some(SecretError::InvalidCharacter { character: '0', position: 8 })
        );
    }

    #[test]
    fn impossible_lengths_and_padding_are_refused() {
        assert_eq!(Secret::parse_base32("JBSWY3DPE").err(), Some(SecretError::BadLength { chars: 9 }));
        assert_eq!(
            Secret::parse_base32("JBSW==Y3DP").err(),
            Some(SecretError::MisplacedPadding { position: 5 })
        );
        assert_eq!(Secret::parse_base32(" - = ").err(), Some(SecretError::Empty));
        let long = "A".repeat(MAX_SECRET_CHARS + 8);
        assert!(matches!(Secret::parse_base32(&long), Err(SecretError::TooLong { .. })));
    }

    #[test]
    fn short_secrets_warn() {
        let (s, w) = Secret::parse_base32("JBSWY3DPEHPK3PXP").expect("80-bit secret");
        assert_eq!(s.bits(), 80);
        assert_eq!(w, vec![SecretWarning::Short { bits: 80 }]);
    }

    #[test]
    fn debug_is_redacted() {
        let s = Secret::from_bytes(b"hunter2hunter2hu".to_vec());
        let d = format!("{s:?}");
        assert!(!d.contains("hunter2") && d.contains("128 bits"));
    }
}
