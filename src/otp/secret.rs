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
    /// A single Base32 character: too short to hold even one byte of key. (Other lengths no
    /// encoder produces are read, with [`SecretWarning::OddLength`].)
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
            SecretError::BadLength { chars } => write!(f, "the secret has {chars} Base32 character(s), not enough for one byte"),
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
    /// A length no Base32 encoder produces (1, 3 or 6 characters past a multiple of 8): a
    /// character may have been lost or added when copying. The key is read as Google
    /// Authenticator, Aegis and Proton Authenticator read it (the trailing bits that do not fill
    /// a byte are dropped), so its codes are the ones the other app showed.
    OddLength {
        /// Number of Base32 characters after normalising.
        chars: usize,
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
    /// anywhere, with or without `=` padding, and any length from two characters (trailing bits
    /// that do not fill a byte are dropped, as every authenticator app does). Returns the secret
    /// and any warnings.
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
        let chars = normal.len();
        let bytes = decode_dropping_partial_byte(&normal);
        normal.zeroize();
        if bytes.is_empty() {
            return Err(SecretError::BadLength { chars });
        }
        let secret = Secret(bytes);
        let mut warnings = Vec::new();
        if matches!(chars % 8, 1 | 3 | 6) {
            warnings.push(SecretWarning::OddLength { chars });
        }
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

/// Base32 (RFC 4648 alphabet, upper case, already checked) to bytes, 5 bits per character; the
/// bits left over at the end that do not fill a byte are dropped. This is Google Authenticator's
/// `Base32String.decode`, and what Aegis and Proton Authenticator do: a key of a length no
/// encoder writes gives the codes the other app showed for it.
fn decode_dropping_partial_byte(normal: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(normal.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in normal.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => continue, // checked by the caller
        };
        buffer = (buffer << 5 | u32::from(value)) & 0xfff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    buffer.zeroize();
    out
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

    /// Lengths no encoder writes (here 9, 11, 14, 17, 19 characters) are read as Google
    /// Authenticator reads them, with a warning: the trailing partial byte is dropped. The bytes
    /// expected are worked out by hand from the Base32 alphabet.
    #[test]
    fn odd_lengths_are_read_with_a_warning() {
        let read = |s: &str| Secret::parse_base32(s).map(|(k, w)| (k.as_bytes().to_vec(), w));
        // "JBSWY3DP" = "Hello"; a ninth character adds 5 bits, not a byte.
        assert_eq!(read("JBSWY3DPE"), Ok((b"Hello".to_vec(), vec![SecretWarning::OddLength { chars: 9 }, SecretWarning::Short { bits: 40 }])));
        // "JBSWY3DPEHPK3PXP" = "Hello!\xde\xad\xbe\xef"; a 17th character is dropped whole.
        let (key, warnings) = Secret::parse_base32("JBSWY3DPEHPK3PXPA").expect("17 characters");
        assert_eq!(key.as_bytes(), b"Hello!\xde\xad\xbe\xef");
        assert_eq!(warnings, vec![SecretWarning::OddLength { chars: 17 }, SecretWarning::Short { bits: 80 }]);
        // 11 characters = 55 bits: 6 bytes, the last 7 bits dropped. In "JBSWY3DPEHP" the sixth
        // byte is E (00100) and H's first 3 bits (001): 0x21 "!"; H's last 2 and P are dropped.
        assert_eq!(read("JBSWY3DPEHP").map(|(k, _)| k), Ok(b"Hello!".to_vec()));
        // 14 and 19 characters: 8 and 11 bytes.
        assert_eq!(read("JBSWY3DPEHPK3P").map(|(k, _)| k.len()), Ok(8));
        assert_eq!(read("JBSWY3DPEHPK3PXPJBS").map(|(k, _)| k.len()), Ok(11));
        // Ordinary lengths give no such warning.
        assert!(!Secret::parse_base32("JBSWY3DPEHPK3PXPJBSWY3DP").expect("24").1.contains(&SecretWarning::OddLength { chars: 24 }));
    }

    #[test]
    fn impossible_lengths_and_padding_are_refused() {
        assert_eq!(Secret::parse_base32("J").err(), Some(SecretError::BadLength { chars: 1 }));
        assert_eq!(Secret::parse_base32("j===").err(), Some(SecretError::BadLength { chars: 1 }));
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
