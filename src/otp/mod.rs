//! One-time passwords: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes.
//!
//! Nothing here reads a clock: every function takes the time (or counter) as an argument, so a
//! wrong device clock can be corrected by the caller and every case can be tested.

mod secret;

pub use secret::{Secret, SecretError, SecretWarning, MAX_SECRET_CHARS, MIN_RECOMMENDED_SECRET_BYTES};

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use std::fmt;

/// The HMAC hash function an account uses (`algorithm=` in an `otpauth://` URI).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Algorithm {
    /// HMAC-SHA-1, the default and by far the most common.
    #[default]
    Sha1,
    /// HMAC-SHA-224 (2FAS and Ente offer it).
    Sha224,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-384 (2FAS and Ente offer it).
    Sha384,
    /// HMAC-SHA-512.
    Sha512,
}

impl Algorithm {
    /// The canonical name used in `otpauth://` URIs.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha224 => "SHA224",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha384 => "SHA384",
            Algorithm::Sha512 => "SHA512",
        }
    }

    /// Reads a name leniently: case-insensitive, with or without a dash (`sha-256`).
    pub fn parse(name: &str) -> Option<Self> {
        let folded: String = name
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_uppercase();
        match folded.as_str() {
            "SHA1" => Some(Algorithm::Sha1),
            "SHA224" => Some(Algorithm::Sha224),
            "SHA256" => Some(Algorithm::Sha256),
            "SHA384" => Some(Algorithm::Sha384),
            "SHA512" => Some(Algorithm::Sha512),
            _ => None,
        }
    }
}

/// How a code is derived from the moving factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Time-based: the counter is `floor(unix_secs / period)`.
    Totp {
        /// Seconds per code, at least 1.
        period: u32,
    },
    /// Counter-based: the counter is stored and advanced by the user.
    Hotp {
        /// The counter the next code is generated from.
        counter: u64,
    },
    /// Steam Guard: TOTP (SHA-1) rendered as 5 characters from Steam's 26-letter alphabet.
    Steam {
        /// Seconds per code (Steam uses 30).
        period: u32,
    },
}

impl Kind {
    /// The period for time-based kinds; `None` for HOTP.
    pub fn period(self) -> Option<u32> {
        match self {
            Kind::Totp { period } | Kind::Steam { period } => Some(period),
            Kind::Hotp { .. } => None,
        }
    }
}

/// Smallest and largest number of decimal digits accepted.
pub const DIGITS_RANGE: std::ops::RangeInclusive<u8> = 6..=10;
/// Number of characters in a Steam Guard code.
pub const STEAM_CHARS: u8 = 5;
const STEAM_ALPHABET: &[u8; 26] = b"23456789BCDFGHJKMNPQRTVWXY";

/// Everything but the secret that determines a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Params {
    /// Hash function.
    pub algorithm: Algorithm,
    /// Decimal digits, within [`DIGITS_RANGE`]; ignored for Steam codes (always 5 characters).
    pub digits: u8,
    /// Time- or counter-based.
    pub kind: Kind,
}

impl Default for Params {
    fn default() -> Self {
        Params { algorithm: Algorithm::Sha1, digits: 6, kind: Kind::Totp { period: 30 } }
    }
}

/// A one-time code, kept as a number (or Steam characters) and rendered only when shown.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// A decimal code with its number of digits (leading zeros are significant).
    Decimal {
        /// The truncated value, `< 10^digits`.
        value: u32,
        /// Number of digits to render.
        digits: u8,
    },
    /// A Steam Guard code.
    Steam([u8; STEAM_CHARS as usize]),
}

impl Code {
    /// The code as the user types it: `"094287"`, `"2TC8B"`.
    pub fn as_plain(&self) -> String {
        self.to_string()
    }

    /// The code grouped for reading: `"094 287"`, `"9428 7082"`, `"123 456 789"`, `"2TC8B"`.
    pub fn grouped(&self) -> String {
        let plain = self.as_plain();
        let n = plain.len();
        let groups: &[usize] = match n {
            6 => &[3, 3],
            7 => &[3, 4],
            8 => &[4, 4],
            9 => &[3, 3, 3],
            10 => &[5, 5],
            _ => return plain,
        };
        let mut out = String::with_capacity(n + groups.len());
        let mut at = 0;
        for (i, g) in groups.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&plain[at..at + g]);
            at += g;
        }
        out
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Decimal { value, digits } => write!(f, "{:0width$}", value, width = *digits as usize),
            Code::Steam(chars) => {
                for c in chars {
                    write!(f, "{}", *c as char)?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A code is short-lived but still a credential: keep it out of logs.
        f.write_str("Code(<redacted>)")
    }
}

/// An HMAC keyed once with the account's secret; cloning the keyed state per code saves the two
/// key-block compressions that a fresh `Hmac::new` would repeat every time.
#[derive(Clone)]
enum KeyedMac {
    Sha1(Hmac<Sha1>),
    Sha224(Hmac<Sha224>),
    Sha256(Hmac<Sha256>),
    Sha384(Hmac<Sha384>),
    Sha512(Hmac<Sha512>),
}

/// A code generator for one secret and one set of parameters.
#[derive(Clone)]
pub struct Generator {
    mac: KeyedMac,
    params: Params,
}

impl fmt::Debug for Generator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Generator").field("params", &self.params).finish_non_exhaustive()
    }
}

/// Dynamic truncation (RFC 4226 §5.3): a 31-bit number taken at the offset named by the last nibble.
fn truncate(mac: &[u8]) -> u32 {
    let offset = (mac[mac.len() - 1] & 0x0f) as usize;
    u32::from_be_bytes([mac[offset], mac[offset + 1], mac[offset + 2], mac[offset + 3]]) & 0x7fff_ffff
}

impl Generator {
    /// Prepares a generator. HMAC accepts keys of any length, so this cannot fail; parameter
    /// validation (digits, period) belongs to [`crate::account`] and [`crate::uri`].
    pub fn new(secret: &Secret, params: Params) -> Self {
        let key = secret.as_bytes();
        let mac = match params.algorithm {
            Algorithm::Sha1 => KeyedMac::Sha1(keyed(key)),
            Algorithm::Sha224 => KeyedMac::Sha224(keyed(key)),
            Algorithm::Sha256 => KeyedMac::Sha256(keyed(key)),
            Algorithm::Sha384 => KeyedMac::Sha384(keyed(key)),
            Algorithm::Sha512 => KeyedMac::Sha512(keyed(key)),
        };
        Generator { mac, params }
    }

    /// The parameters this generator was built with.
    pub fn params(&self) -> Params {
        self.params
    }

    /// The 31-bit truncated HMAC of a counter (RFC 4226 `DT(HMAC(K, C))`).
    fn binary(&self, counter: u64) -> u32 {
        let msg = counter.to_be_bytes();
        match &self.mac {
            KeyedMac::Sha1(m) => truncate(&finish(m.clone(), &msg)),
            KeyedMac::Sha224(m) => truncate(&finish(m.clone(), &msg)),
            KeyedMac::Sha256(m) => truncate(&finish(m.clone(), &msg)),
            KeyedMac::Sha384(m) => truncate(&finish(m.clone(), &msg)),
            KeyedMac::Sha512(m) => truncate(&finish(m.clone(), &msg)),
        }
    }

    /// The code for an explicit counter (HOTP, or TOTP's time step).
    pub fn at_counter(&self, counter: u64) -> Code {
        let bin = self.binary(counter);
        match self.params.kind {
            Kind::Steam { .. } => {
                let mut v = bin;
                let mut out = [0u8; STEAM_CHARS as usize];
                for c in out.iter_mut() {
                    *c = STEAM_ALPHABET[(v % 26) as usize];
                    v /= 26;
                }
                Code::Steam(out)
            }
            _ => {
                let digits = self.params.digits.clamp(*DIGITS_RANGE.start(), *DIGITS_RANGE.end());
                // 10^10 exceeds u32, and the 31-bit value is already below it: no reduction needed.
                let value = match 10u64.checked_pow(digits as u32) {
                    Some(m) if m <= u32::MAX as u64 => bin % m as u32,
                    _ => bin,
                };
                Code::Decimal { value, digits }
            }
        }
    }

    /// The code at a Unix time in seconds. For HOTP this is the code for the stored counter.
    pub fn at_time(&self, unix_secs: u64) -> Code {
        match self.params.kind {
            Kind::Hotp { counter } => self.at_counter(counter),
            Kind::Totp { period } | Kind::Steam { period } => {
                self.at_counter(time_step(unix_secs, period))
            }
        }
    }
}

fn keyed<M: Mac + hmac::digest::KeyInit>(key: &[u8]) -> M {
    // `new_from_slice` only fails for fixed-size keys; HMAC takes any length.
    match <M as hmac::digest::KeyInit>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    }
}

fn finish<M: Mac>(mut mac: M, msg: &[u8]) -> hmac::digest::Output<M> {
    mac.update(msg);
    mac.finalize().into_bytes()
}

/// The TOTP time step `T = floor(unix_secs / period)` (RFC 6238 §4.2, with `T0 = 0`).
/// A period of 0 is treated as 1 so that this never divides by zero; callers validate periods.
pub fn time_step(unix_secs: u64, period: u32) -> u64 {
    unix_secs / u64::from(period.max(1))
}

/// The period most accounts use (ties: the shorter), for the one shared countdown; `None` if
/// no account is time-based.
pub fn main_period(periods: impl IntoIterator<Item = u32>) -> Option<u32> {
    let mut counts: Vec<(u32, usize)> = Vec::new();
    for p in periods {
        match counts.iter_mut().find(|(q, _)| *q == p) {
            Some((_, n)) => *n += 1,
            None => counts.push((p, 1)),
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(p, _)| p)
}

/// Milliseconds until the current code expires, for a countdown. `unix_ms` may be corrected time.
pub fn millis_remaining(unix_ms: u64, period: u32) -> u64 {
    let p = u64::from(period.max(1)) * 1000;
    p - unix_ms % p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_follows_the_digit_count() {
        let g = |value, digits| Code::Decimal { value, digits }.grouped();
        assert_eq!(g(94287, 6), "094 287");
        assert_eq!(g(1234567, 7), "123 4567");
        assert_eq!(g(94287082, 8), "9428 7082");
        assert_eq!(g(123456789, 9), "123 456 789");
        assert_eq!(g(12345, 10), "00000 12345");
        assert_eq!(Code::Steam(*b"2TC8B").grouped(), "2TC8B");
    }

    #[test]
    fn debug_never_prints_a_code() {
        let c = Code::Decimal { value: 755224, digits: 6 };
        assert!(!format!("{c:?}").contains("755224"));
    }

    #[test]
    fn countdown_reaches_the_boundary() {
        assert_eq!(millis_remaining(59_000, 30), 1_000);
        assert_eq!(millis_remaining(60_000, 30), 30_000);
        assert_eq!(millis_remaining(59_999, 30), 1);
    }

    #[test]
    fn main_period_is_the_most_common() {
        assert_eq!(main_period([30, 60, 30]), Some(30));
        assert_eq!(main_period([60, 30]), Some(30));
        assert_eq!(main_period([]), None);
    }

    #[test]
    fn algorithm_names_are_read_leniently() {
        assert_eq!(Algorithm::parse("sha-256"), Some(Algorithm::Sha256));
        assert_eq!(Algorithm::parse("Sha512"), Some(Algorithm::Sha512));
        assert_eq!(Algorithm::parse("sha224"), Some(Algorithm::Sha224));
        assert_eq!(Algorithm::parse("SHA-384"), Some(Algorithm::Sha384));
        assert_eq!(Algorithm::parse("MD5"), None);
    }
}
