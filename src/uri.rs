//! `otpauth://` Key URI Format: lenient parsing, canonical formatting.
//!
//! Reference: Google Authenticator's "Key Uri Format" wiki page (the de-facto standard):
//! `otpauth://TYPE/LABEL?PARAMETERS`, where LABEL is `issuer:account` (the colon literal or `%3A`),
//! and the parameters are `secret` (required), `issuer`, `algorithm`, `digits`, `period`, `counter`.

use crate::account::{
    clean_label, parse_algorithm, Field, parse_counter, parse_digits, parse_period, Account, FieldError, Warning,
};
use crate::otp::{Kind, Params, Secret, STEAM_CHARS};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Longest input accepted, in characters. Real URIs are under 300; the canonical URI of the
/// largest account any writer accepts (labels at their limit, every character percent-encoded,
/// the longest secret) is about 8,100, so whatever the app writes it also reads.
pub const MAX_URI_CHARS: usize = 16_384;

/// Why a URI was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UriError {
    /// The text does not start with `otpauth://`.
    NotOtpauth {
        /// The text looks like a bare Base32 secret: suggest manual entry instead.
        looks_like_secret: bool,
    },
    /// A Google Authenticator export (`otpauth-migration://`), which holds many accounts.
    Migration,
    /// A type other than `totp`, `hotp` or `steam`.
    UnknownType {
        /// What was given.
        given: String,
    },
    /// A `%` not followed by two hex digits.
    BrokenPercentEncoding {
        /// 1-based character position of the `%` in the input.
        position: usize,
    },
    /// Percent-escapes that do not decode to UTF-8 text.
    NotUtf8,
    /// More than [`MAX_URI_CHARS`] characters.
    TooLong {
        /// Length of the input, in characters.
        chars: usize,
    },
    /// An `hotp` URI without its `counter` parameter.
    MissingCounter,
    /// A parameter's value is wrong.
    Field(FieldError),
}

/// Developer text; the UI shows `i18n::uri_error` instead.
impl std::fmt::Display for UriError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UriError::NotOtpauth { looks_like_secret: true } => f.write_str("not an otpauth:// URI (it looks like a bare Base32 secret)"),
            UriError::NotOtpauth { looks_like_secret: false } => f.write_str("not an otpauth:// URI"),
            UriError::Migration => f.write_str("an otpauth-migration:// export, not a single account"),
            UriError::UnknownType { given } => write!(f, "unknown OTP type {given:?} (totp, hotp or steam)"),
            UriError::BrokenPercentEncoding { position } => write!(f, "broken percent escape at character {position}"),
            UriError::NotUtf8 => f.write_str("percent escapes that do not decode to UTF-8"),
            UriError::TooLong { chars } => write!(f, "{chars} characters, more than {MAX_URI_CHARS}"),
            UriError::MissingCounter => f.write_str("an hotp URI without a counter"),
            UriError::Field(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for UriError {}

impl From<FieldError> for UriError {
    fn from(e: FieldError) -> Self {
        UriError::Field(e)
    }
}

/// A successfully parsed URI. `Debug` shows the account without its secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The account.
    pub account: Account,
    /// What the user should know (short secret, issuer mismatch).
    pub warnings: Vec<Warning>,
}

impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Account's own Debug redacts the secret.
        f.debug_struct("Parsed").field("account", &self.account).field("warnings", &self.warnings).finish()
    }
}

/// Checks that every `%` starts a valid escape and returns the 1-based position of the first bad one.
fn check_escapes(s: &str, base_position: usize) -> Result<(), UriError> {
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%' {
            let ok = bytes.len() > i + 2 && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit();
            if !ok {
                let position = base_position + s[..i].chars().count() + 1;
                return Err(UriError::BrokenPercentEncoding { position });
            }
        }
    }
    Ok(())
}

fn decode(s: &str) -> Result<String, UriError> {
    percent_decode_str(s).decode_utf8().map(|c| c.into_owned()).map_err(|_| UriError::NotUtf8)
}

fn decode_query_value(s: &str) -> Result<String, UriError> {
    // Query strings are often produced by form encoders, which write a space as '+'.
    decode(&s.replace('+', " "))
}

/// A label's issuer prefix (if any) and account name, decoded. Split on a literal colon first, so
/// an escaped colon inside the issuer survives; fall back to an escaped one (`Example%3Aalice`),
/// which the format also allows.
fn split_label(raw_label: &str) -> Result<(Option<String>, String), UriError> {
    Ok(match raw_label.split_once(':') {
        Some((i, n)) => (Some(decode(i)?), decode(n)?),
        None => {
            let whole = decode(raw_label)?;
            match whole.split_once(':') {
                Some((i, n)) => (Some(i.to_owned()), n.to_owned()),
                None => (None, whole),
            }
        }
    })
}

/// The issuer and account name an `otpauth://` link carries (the `issuer=` parameter, else the
/// label's prefix; the label's account part), trimmed, whatever else is wrong with the link; `None`
/// when it is no `otpauth://` link or its label does not decode. For formats that keep an
/// account's name only inside a link (2FAS's `otp.link`).
pub fn names(input: &str) -> Option<(String, String)> {
    let text = input.trim();
    let (scheme, rest) = text.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("otpauth") || text.chars().count() > MAX_URI_CHARS {
        return None;
    }
    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (_, raw_label) = path.split_once('/').unwrap_or((path, ""));
    let (label_issuer, label_name) = split_label(raw_label).ok()?;
    let issuer_param = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case("issuer"))
        .and_then(|(_, v)| decode_query_value(v).ok());
    let nonempty = |s: String| Some(s.trim().to_owned()).filter(|t| !t.is_empty());
    let issuer = issuer_param.and_then(nonempty).or_else(|| label_issuer.and_then(nonempty)).unwrap_or_default();
    Some((issuer, label_name.trim().to_owned()))
}

/// Parses an `otpauth://` URI leniently (case-insensitive scheme and type, unknown parameters
/// ignored, secret in any Base32 spelling) into an account with warnings. Labels are held to the
/// writers' limits ([`crate::account::MAX_LABEL_LEN`]): this reads what a user gives.
pub fn parse(input: &str) -> Result<Parsed, UriError> {
    let chars = input.chars().count();
    if chars > MAX_URI_CHARS {
        return Err(UriError::TooLong { chars });
    }
    parse_inner(input, true)
}

/// Reads a URI the vault stored. No length limits: whatever an earlier version wrote must stay
/// readable (a limit tightened later never costs a stored account).
pub fn parse_stored(input: &str) -> Result<Parsed, UriError> {
    parse_inner(input, false)
}

fn parse_inner(input: &str, strict: bool) -> Result<Parsed, UriError> {
    let label = |s: &str, field| if strict { clean_label(s, field) } else { Ok(s.trim().to_owned()) };
    let lead = input.len() - input.trim_start().len();
    let text = input.trim();
    let base_position = input[..lead].chars().count();

    let Some((scheme, rest)) = text.split_once("://") else {
        let looks_like_secret = Secret::parse_base32(text).is_ok();
        return Err(UriError::NotOtpauth { looks_like_secret });
    };
    if scheme.eq_ignore_ascii_case("otpauth-migration") {
        return Err(UriError::Migration);
    }
    if !scheme.eq_ignore_ascii_case("otpauth") {
        return Err(UriError::NotOtpauth { looks_like_secret: false });
    }
    check_escapes(text, base_position)?;

    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (kind_name, raw_label) = path.split_once('/').unwrap_or((path, ""));
    let kind_name = kind_name.to_ascii_lowercase();

    let (label_issuer, label_name) = split_label(raw_label)?;

    let mut secret = None;
    let mut issuer_param = None;
    let mut algorithm = None;
    let mut digits = None;
    let mut period = None;
    let mut counter = None;
    let mut steam_encoder = false;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode_query_value(v)?;
        let slot = match k.to_ascii_lowercase().as_str() {
            "secret" => &mut secret,
            "issuer" => &mut issuer_param,
            "algorithm" => &mut algorithm,
            "digits" => &mut digits,
            "period" => &mut period,
            "counter" => &mut counter,
            "encoder" => {
                steam_encoder |= v.eq_ignore_ascii_case("steam");
                continue;
            }
            _ => continue,
        };
        // The first occurrence wins, as in most readers.
        slot.get_or_insert(v);
    }

    let kind_choice = match kind_name.as_str() {
        "totp" if steam_encoder => "steam",
        "totp" | "hotp" | "steam" => kind_name.as_str(),
        _ => return Err(UriError::UnknownType { given: kind_name.clone() }),
    };

    let secret_text = secret.ok_or(FieldError::MissingSecret)?;
    let parsed = if strict { Secret::parse_base32(&secret_text) } else { Secret::parse_stored_base32(&secret_text) };
    let (secret, secret_warnings) = parsed.map_err(FieldError::from)?;
    let mut warnings: Vec<Warning> = secret_warnings.into_iter().map(Warning::Secret).collect();

    let label_issuer = label_issuer.map(|s| label(&s, Field::Issuer)).transpose()?.filter(|s| !s.is_empty());
    let issuer_param = issuer_param.map(|s| label(&s, Field::Issuer)).transpose()?.filter(|s| !s.is_empty());
    let issuer = match (label_issuer, issuer_param) {
        (Some(l), Some(p)) => {
            if !l.eq_ignore_ascii_case(&p) {
                warnings.push(Warning::IssuerMismatch { label: l, parameter: p.clone() });
            }
            p
        }
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    };
    let name = label(&label_name, Field::Name)?;

    let algorithm = parse_algorithm(algorithm.as_deref().unwrap_or(""))?;
    let period_value = || parse_period(period.as_deref().unwrap_or(""));
    let (digits, kind) = match kind_choice {
        "hotp" => {
            let c = counter.ok_or(UriError::MissingCounter)?;
            (parse_digits(digits.as_deref().unwrap_or(""))?, Kind::Hotp { counter: parse_counter(&c)? })
        }
        "steam" => (STEAM_CHARS, Kind::Steam { period: period_value()? }),
        _ => (parse_digits(digits.as_deref().unwrap_or(""))?, Kind::Totp { period: period_value()? }),
    };

    Ok(Parsed { account: Account { issuer, name, secret, params: Params { algorithm, digits, kind } }, warnings })
}

/// Characters escaped in labels and values: everything but unreserved characters and `@`.
const ESCAPE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'@');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, ESCAPE).to_string()
}

/// Formats an account as its canonical URI: every parameter explicit, secret upper-case Base32
/// without padding, issuer both as label prefix and parameter. `parse(&format(a))` returns `a`.
pub fn format(account: &Account) -> String {
    let Params { algorithm, digits, kind } = account.params;
    let kind_name = match kind {
        Kind::Totp { .. } => "totp",
        Kind::Hotp { .. } => "hotp",
        Kind::Steam { .. } => "steam",
    };
    let label = if !account.issuer.is_empty() {
        format!("{}:{}", enc(&account.issuer), enc(&account.name))
    } else if account.name.contains(':') {
        // A leading literal colon marks an empty issuer, so the escaped colon stays in the name.
        format!(":{}", enc(&account.name))
    } else {
        enc(&account.name)
    };
    let mut uri = format!("otpauth://{kind_name}/{label}?secret={}", account.secret.to_base32());
    if !account.issuer.is_empty() {
        uri.push_str(&format!("&issuer={}", enc(&account.issuer)));
    }
    uri.push_str(&format!("&algorithm={}", algorithm.as_str()));
    match kind {
        Kind::Totp { period } => uri.push_str(&format!("&digits={digits}&period={period}")),
        Kind::Hotp { counter } => uri.push_str(&format!("&digits={digits}&counter={counter}")),
        Kind::Steam { period } => uri.push_str(&format!("&period={period}")),
    }
    uri
}

/// Whether `text` is a setup key on its own, as sites show it under "can't scan the code?": only
/// Base32 and the usual separators, at least 16 characters of it (80 bits, the shortest key sites
/// issue; a shorter run of letters is more likely a word), and readable as a secret. The add form
/// takes such a paste into key entry instead of calling it a broken link.
pub fn is_bare_key(text: &str) -> bool {
    let chars = text.chars().filter(char::is_ascii_alphanumeric).count();
    chars >= 16 && !text.contains("://") && Secret::parse_base32(text).is_ok()
}

/// Whether `text` is meant as an authenticator link (`otpauth://`, or a Google Authenticator
/// export `otpauth-migration://`), whatever its case: any field of the add form hands such a
/// paste to the link reader.
pub fn is_link(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(20).collect::<String>().to_ascii_lowercase();
    head.starts_with("otpauth://") || head.starts_with("otpauth-migration://")
}

#[cfg(test)]
mod paste_tests {
    use super::*;

    #[test]
    fn a_setup_key_as_sites_show_it_is_a_bare_key() {
        assert!(is_bare_key("JBSWY3DPEHPK3PXP"));
        assert!(is_bare_key(" jbsw y3dp ehpk 3pxp "));
        assert!(is_bare_key("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ"));
    }

    #[test]
    fn words_links_and_short_or_broken_text_are_not_keys() {
        assert!(!is_bare_key("hello"));
        assert!(!is_bare_key("JBSWY3DPEHPK3PX1"));
        assert!(!is_bare_key("https://example.com/setup"));
        assert!(!is_bare_key("otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP"));
        assert!(!is_bare_key(""));
    }

    #[test]
    fn names_are_read_from_a_link_whatever_its_secret() {
        let names = |s: &str| names(s).map(|(i, n)| (i.to_owned(), n.to_owned()));
        let pair = |i: &str, n: &str| Some((i.to_owned(), n.to_owned()));
        assert_eq!(names("otpauth://totp/Dropbox:hanako%40example.com?secret=XX&issuer=Dropbox"), pair("Dropbox", "hanako@example.com"));
        assert_eq!(names("otpauth://totp/GitLab%3Ataro?secret=JBSWY3DPEHPK3PXP"), pair("GitLab", "taro"));
        assert_eq!(names("otpauth://totp/Label:%20me?issuer=Param%20Co"), pair("Param Co", "me"));
        assert_eq!(names("otpauth://totp/solo%20user?secret=1"), pair("", "solo user"));
        assert_eq!(names("otpauth://totp/?issuer=Only"), pair("Only", ""));
        assert_eq!(names("https://example.com/a:b"), None);
        assert_eq!(names("otpauth://totp/%FF:b"), None);
    }

    #[test]
    fn links_are_known_by_their_scheme_in_any_case() {
        assert!(is_link("otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP"));
        assert!(is_link("  OTPAUTH://TOTP/X"));
        assert!(is_link("otpauth-migration://offline?data=abc"));
        assert!(!is_link("https://example.com"));
        assert!(!is_link("JBSWY3DPEHPK3PXP"));
        assert!(!is_link("otpauth"));
    }
}

/// The read-back check alone: the account's canonical URI must read back as the very same
/// account. For changes to an account already stored (an HOTP counter), whose labels were
/// written under earlier limits and must not block the change.
pub fn reads_back(account: &Account) -> Result<(), FieldError> {
    match parse_stored(&format(account)) {
        Ok(back) if back.account == *account => Ok(()),
        _ => Err(FieldError::NotStorable),
    }
}

/// Checks an account as every writer must before storing it: labels normalised ([`clean_label`]:
/// invisible characters removed, trimmed, something drawn, within [`MAX_LABEL_LEN`]), and its
/// canonical URI read back by the vault's reader as the very same account. Returns the account
/// with normalised labels.
pub fn storable(account: &Account) -> Result<Account, FieldError> {
    let chars = account.secret.as_bytes().len().div_ceil(5) * 8;
    if chars > crate::otp::MAX_SECRET_CHARS {
        return Err(FieldError::Secret(crate::otp::SecretError::TooLong { chars }));
    }
    let mut a = account.clone();
    a.issuer = clean_label(&account.issuer, Field::Issuer)?;
    a.name = clean_label(&account.name, Field::Name)?;
    match parse_stored(&format(&a)) {
        Ok(back) if back.account == a => Ok(a),
        _ => Err(FieldError::NotStorable),
    }
}
