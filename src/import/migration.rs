//! Google Authenticator's export: `otpauth-migration://offline?data=<Base64 protobuf>`, one QR
//! code per batch. Decoded and encoded with `prost` (the message below is Google's published
//! `MigrationPayload`), never by hand.
//!
//! Google Authenticator writes `version: 2` (releases before 2023 wrote 1); both hold the same
//! fields. Any version is read field by field, each entry on its own: an entry this app cannot
//! use (MD5, an unknown algorithm or type, damaged bytes) is left out with its reason, and a
//! payload is refused only when it holds no entry at all.

use super::{ImportError, SkipReason, Skipped};
use crate::account::{Account, FieldError};
use crate::otp::{Algorithm, Kind, Params, Secret};
use base64::Engine;
use zeroize::{Zeroize, Zeroizing};

/// The `MigrationPayload` versions Google Authenticator has written (0: a writer that left the
/// field out). Another version is read the same way; it is named only when nothing in it reads.
pub const KNOWN_VERSIONS: std::ops::RangeInclusive<i32> = 0..=2;

/// Google's `MigrationPayload.OtpParameters`. `Debug` (hand-written below) shows no secret.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
pub struct OtpParameters {
    /// Raw secret bytes.
    #[prost(bytes = "vec", tag = "1")]
    pub secret: Vec<u8>,
    /// Account name (sometimes "Issuer:name").
    #[prost(string, tag = "2")]
    pub name: String,
    /// Issuer.
    #[prost(string, tag = "3")]
    pub issuer: String,
    /// 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5.
    #[prost(int32, tag = "4")]
    pub algorithm: i32,
    /// 0 unspecified, 1 six, 2 eight.
    #[prost(int32, tag = "5")]
    pub digits: i32,
    /// 0 unspecified, 1 HOTP, 2 TOTP.
    #[prost(int32, tag = "6")]
    pub r#type: i32,
    /// HOTP counter.
    #[prost(int64, tag = "7")]
    pub counter: i64,
}

impl std::fmt::Debug for OtpParameters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OtpParameters").field("secret", &"<redacted>").field("type", &self.r#type).finish_non_exhaustive()
    }
}

/// Google's `MigrationPayload`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct MigrationPayload {
    /// The accounts of this batch.
    #[prost(message, repeated, tag = "1")]
    pub otp_parameters: Vec<OtpParameters>,
    /// Format version: 1 or 2 as Google Authenticator writes it (see [`KNOWN_VERSIONS`]).
    #[prost(int32, tag = "2")]
    pub version: i32,
    /// How many batches the export has.
    #[prost(int32, tag = "3")]
    pub batch_size: i32,
    /// This batch's index, from 0.
    #[prost(int32, tag = "4")]
    pub batch_index: i32,
    /// Same for all batches of one export.
    #[prost(int32, tag = "5")]
    pub batch_id: i32,
}

/// [`MigrationPayload`] as it is read: each entry kept as bytes and decoded on its own, so a
/// damaged entry costs that entry only. `Debug` shows no entry.
#[derive(Clone, PartialEq, prost::Message)]
#[prost(skip_debug)]
struct LenientPayload {
    #[prost(bytes = "vec", repeated, tag = "1")]
    otp_parameters: Vec<Vec<u8>>,
    #[prost(int32, tag = "2")]
    version: i32,
    #[prost(int32, tag = "3")]
    batch_size: i32,
    #[prost(int32, tag = "4")]
    batch_index: i32,
    #[prost(int32, tag = "5")]
    batch_id: i32,
}

impl std::fmt::Debug for LenientPayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LenientPayload").field("entries", &self.otp_parameters.len()).field("version", &self.version).finish_non_exhaustive()
    }
}

impl Drop for LenientPayload {
    fn drop(&mut self) {
        self.otp_parameters.iter_mut().for_each(Zeroize::zeroize);
    }
}

/// One decoded QR code of an export. `Debug` shows how many accounts, not the accounts.
#[derive(Clone, PartialEq, Eq)]
pub struct Batch {
    /// The payload's `version` as written (Google Authenticator: 1 or 2).
    pub version: i32,
    /// Which export it belongs to.
    pub id: i32,
    /// Its index, from 0.
    pub index: u32,
    /// How many batches the export has (at least 1).
    pub count: u32,
    /// The accounts understood.
    pub accounts: Vec<Account>,
    /// The entries left out.
    pub skipped: Vec<Skipped>,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("version", &self.version)
            .field("id", &self.id)
            .field("index", &self.index)
            .field("count", &self.count)
            .field("accounts", &self.accounts.len())
            .field("skipped", &self.skipped)
            .finish()
    }
}

const PREFIX: &str = "otpauth-migration://offline?";

/// The entry's issuer and name: Google Authenticator keeps the link's whole label in `name`
/// ("Issuer:account"), so the prefix is split off when it is the issuer or there is no issuer.
fn names_of(p: &OtpParameters) -> (String, String) {
    match (p.issuer.trim(), p.name.split_once(':')) {
        ("", Some((i, n))) => (i.trim().to_owned(), n.trim().to_owned()),
        (i, Some((prefix, n))) if prefix.trim().to_lowercase() == i.to_lowercase() => (i.to_owned(), n.trim().to_owned()),
        (i, _) => (i.to_owned(), p.name.trim().to_owned()),
    }
}

/// Google's `Algorithm` value for an algorithm, if the format has one.
fn algorithm_value(a: Algorithm) -> Option<i32> {
    match a {
        Algorithm::Sha1 => Some(1),
        Algorithm::Sha256 => Some(2),
        Algorithm::Sha512 => Some(3),
        Algorithm::Sha224 | Algorithm::Sha384 => None,
    }
}

fn account_of(p: &OtpParameters) -> Result<Account, Skipped> {
    let (issuer, name) = names_of(p);
    let skip = |reason| Skipped::new(&issuer, &name, reason);
    let algorithm = match p.algorithm {
        0 | 1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        4 => return Err(skip(SkipReason::Field(FieldError::UnsupportedAlgorithm { given: "MD5".into() }))),
        n => return Err(skip(SkipReason::Field(FieldError::UnsupportedAlgorithm { given: n.to_string() }))),
    };
    let digits = match p.digits {
        0 | 1 => 6,
        2 => 8,
        n => return Err(skip(SkipReason::Field(FieldError::DigitsOutOfRange { given: n.to_string() }))),
    };
    let kind = match p.r#type {
        0 | 2 => Kind::Totp { period: 30 },
        1 => Kind::Hotp { counter: u64::try_from(p.counter).map_err(|_| skip(SkipReason::Field(FieldError::BadCounter { given: p.counter.to_string() })))? },
        n => return Err(skip(SkipReason::UnsupportedKind(n.to_string()))),
    };
    if p.secret.is_empty() {
        return Err(skip(SkipReason::Field(FieldError::MissingSecret)));
    }
    let issuer = crate::account::clean_label(&issuer, crate::account::Field::Issuer).map_err(|e| skip(SkipReason::Field(e)))?;
    let name = crate::account::clean_label(&name, crate::account::Field::Name).map_err(|e| skip(SkipReason::Field(e)))?;
    let account = Account { issuer, name, secret: Secret::from_bytes(p.secret.clone()), params: Params { algorithm, digits, kind } };
    crate::uri::storable(&account).map_err(|e| skip(SkipReason::Field(e)))
}

/// Decodes one `otpauth-migration://offline?data=…` link.
pub fn decode(link: &str) -> Result<Batch, ImportError> {
    let link = link.trim();
    if !link.get(..PREFIX.len()).is_some_and(|p| p.eq_ignore_ascii_case(PREFIX)) {
        return Err(ImportError::NotRecognised);
    }
    let data = link[PREFIX.len()..]
        .split('&')
        .find_map(|kv| kv.strip_prefix("data="))
        .ok_or(ImportError::Malformed("data"))?;
    let data = percent_encoding::percent_decode_str(data).decode_utf8().map_err(|_| ImportError::Malformed("data"))?;
    // Links pass through many hands: accept standard and URL-safe Base64, with or without padding.
    let cleaned: String = data.chars().filter(|c| !c.is_whitespace()).map(|c| match c { '-' => '+', '_' => '/', c => c }).collect();
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(cleaned.trim_end_matches('='))
        .map_err(|_| ImportError::Malformed("Base64"))?;
    let bytes = Zeroizing::new(bytes);
    let payload = <LenientPayload as prost::Message>::decode(bytes.as_slice()).map_err(|_| ImportError::Malformed("protobuf"))?;
    let count = u32::try_from(payload.batch_size.max(1)).unwrap_or(1);
    let index = u32::try_from(payload.batch_index).map_err(|_| ImportError::Malformed("batch"))?;
    if index >= count {
        return Err(ImportError::Malformed("batch"));
    }
    if payload.otp_parameters.is_empty() {
        return Err(match u32::try_from(payload.version) {
            Ok(v) if !KNOWN_VERSIONS.contains(&payload.version) => ImportError::UnsupportedVersion(v),
            _ => ImportError::Empty,
        });
    }
    let entries = payload.otp_parameters.iter().map(|raw| match <OtpParameters as prost::Message>::decode(raw.as_slice()) {
        Ok(mut p) => {
            let account = account_of(&p);
            p.secret.zeroize();
            account
        }
        Err(_) => Err(Skipped::new("", "", SkipReason::Unreadable)),
    });
    let (accounts, skipped) = super::split(entries);
    Ok(Batch { version: payload.version, id: payload.batch_id, index, count, accounts, skipped })
}

/// Whether an account can go into a migration QR (the format has no period, no Steam, 6 or 8
/// digits, and SHA1, SHA256 or SHA512 only).
pub fn exportable(a: &Account) -> bool {
    matches!(a.params.kind, Kind::Totp { period: 30 } | Kind::Hotp { .. })
        && matches!(a.params.digits, 6 | 8)
        && algorithm_value(a.params.algorithm).is_some()
}

/// Accounts per QR code, as Google Authenticator batches them (keeps each code scannable).
pub const BATCH: usize = 10;

/// A new export's batch id: random, so two exports are never taken for parts of one batch by
/// the app reading them (Google Authenticator joins parts by this id). Never negative.
pub fn new_batch_id(random: &mut impl crate::vault::Random) -> i32 {
    let mut b = [0u8; 4];
    random.fill(&mut b);
    (u32::from_le_bytes(b) >> 1) as i32
}

/// Encodes accounts as migration links, [`BATCH`] per link. Accounts the format cannot carry
/// (see [`exportable`]) are left out; the caller tells the user which.
pub fn encode(accounts: &[Account], batch_id: i32) -> Vec<String> {
    let usable: Vec<&Account> = accounts.iter().filter(|a| exportable(a)).collect();
    let chunks: Vec<&[&Account]> = usable.chunks(BATCH).collect();
    let count = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let payload = MigrationPayload {
                otp_parameters: chunk
                    .iter()
                    .map(|a| OtpParameters {
                        secret: a.secret.as_bytes().to_vec(),
                        name: a.name.clone(),
                        issuer: a.issuer.clone(),
                        algorithm: algorithm_value(a.params.algorithm).unwrap_or(1), // exportable() let only these in
                        digits: if a.params.digits == 8 { 2 } else { 1 },
                        r#type: if matches!(a.params.kind, Kind::Hotp { .. }) { 1 } else { 2 },
                        counter: match a.params.kind {
                            Kind::Hotp { counter } => i64::try_from(counter).unwrap_or(i64::MAX),
                            _ => 0,
                        },
                    })
                    .collect(),
                // 1, which every Google Authenticator release reads (the current one writes 2).
                version: 1,
                batch_size: count as i32,
                batch_index: i as i32,
                batch_id,
            };
            let data = base64::engine::general_purpose::STANDARD.encode(prost::Message::encode_to_vec(&payload));
            let escaped = percent_encoding::utf8_percent_encode(&data, percent_encoding::NON_ALPHANUMERIC).to_string();
            format!("otpauth-migration://offline?data={escaped}")
        })
        .collect()
}
