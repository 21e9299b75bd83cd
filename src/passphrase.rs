//! Passphrase strength feedback and the auto-lock rule: small pure functions the UI calls.

/// Shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// How strong a passphrase looks, from an estimate of guessing entropy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Refused: shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort,
    /// Under ~40 bits: guessable offline in hours to days.
    Weak,
    /// ~40–60 bits: acceptable with Argon2id, better longer.
    Fair,
    /// Over ~60 bits.
    Strong,
}

/// A rough entropy estimate in bits: character-class pool per character, with repeated and
/// sequential characters counted as nearly free, and a handful of very common choices at zero.
pub fn estimate_bits(passphrase: &str) -> f64 {
    const COMMON: [&str; 12] = [
        "password", "12345678", "123456789", "qwertyui", "iloveyou", "11111111", "passw0rd", "abcdefgh",
        "password1", "qwerty123", "00000000", "letmein1",
    ];
    let lower = passphrase.to_lowercase();
    if COMMON.iter().any(|c| lower == *c) {
        return 0.0;
    }
    let chars: Vec<char> = passphrase.chars().collect();
    let mut pool = 0u32;
    if chars.iter().any(|c| c.is_ascii_lowercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_uppercase()) {
        pool += 26;
    }
    if chars.iter().any(|c| c.is_ascii_digit()) {
        pool += 10;
    }
    if chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' ') {
        pool += 33;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        // Kana, kanji and other scripts: a large alphabet.
        pool += 100;
    }
    let per_char = f64::from(pool.max(1)).log2();
    let mut bits = 0.0;
    for (i, c) in chars.iter().enumerate() {
        let predictable = i > 0 && {
            let p = chars[i - 1] as i64;
            let d = *c as i64 - p;
            d == 0 || d == 1 || d == -1
        };
        bits += if predictable { 1.0 } else { per_char };
    }
    bits
}

/// The verdict shown under the passphrase field.
pub fn strength(passphrase: &str) -> Strength {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Strength::TooShort;
    }
    match estimate_bits(passphrase) {
        b if b < 40.0 => Strength::Weak,
        b if b < 60.0 => Strength::Fair,
        _ => Strength::Strong,
    }
}

/// Why a new passphrase was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewPassphraseError {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort,
    /// The confirmation differs.
    Mismatch,
}

/// Checks a new passphrase and its confirmation, in the order the user should fix them.
pub fn check_new(passphrase: &str, confirmation: &str) -> Result<(), NewPassphraseError> {
    if strength(passphrase) == Strength::TooShort {
        Err(NewPassphraseError::TooShort)
    } else if passphrase != confirmation {
        Err(NewPassphraseError::Mismatch)
    } else {
        Ok(())
    }
}

/// Whether an open vault should lock now: idle for `minutes`, or hidden for that long.
/// `minutes == 0` means never.
pub fn should_lock(now_ms: u64, last_activity_ms: u64, hidden_since_ms: Option<u64>, minutes: u32) -> bool {
    if minutes == 0 {
        return false;
    }
    let limit = u64::from(minutes) * 60_000;
    now_ms.saturating_sub(last_activity_ms) >= limit || hidden_since_ms.is_some_and(|h| now_ms.saturating_sub(h) >= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_grows_with_length_and_variety() {
        assert_eq!(strength("abc"), Strength::TooShort);
        assert_eq!(strength("password"), Strength::Weak);
        assert_eq!(strength("aaaaaaaaaaaa"), Strength::Weak);
        assert_eq!(strength("abcdefghijkl"), Strength::Weak);
        assert_eq!(strength("sunflower7"), Strength::Fair);
        assert_eq!(strength("correct horse battery staple"), Strength::Strong);
        assert_eq!(strength("すずめの戸締まり2022"), Strength::Strong);
    }

    #[test]
    fn new_passphrase_needs_length_then_a_matching_confirmation() {
        assert_eq!(check_new("short", "short"), Err(NewPassphraseError::TooShort));
        assert_eq!(check_new("long enough", "long enough!"), Err(NewPassphraseError::Mismatch));
        assert_eq!(check_new("long enough", "long enough"), Ok(()));
    }

    #[test]
    fn locks_after_idle_or_hidden_time() {
        let min = 60_000;
        assert!(!should_lock(10 * min, 6 * min, None, 5));
        assert!(should_lock(11 * min, 6 * min, None, 5));
        assert!(should_lock(11 * min, 10 * min, Some(6 * min), 5));
        assert!(!should_lock(11 * min, 10 * min, Some(7 * min), 5));
        assert!(!should_lock(u64::MAX, 0, Some(0), 0), "0 minutes: never");
    }
}
