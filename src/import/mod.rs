//! Moving accounts in and out: Google Authenticator's migration QR payloads, Aegis (plain and
//! encrypted), 2FAS (plain and encrypted), Bitwarden JSON and CSV, andOTP JSON, plain text lists of
//! `otpauth://` URIs (Ente Auth's export), Proton Authenticator, Proton Pass (ZIP), FreeOTP+ and
//! FreeOTP, Stratum (Authenticator Pro), LastPass Authenticator, Steam, and Authy's, Battle.net's
//! and Duo's files from a phone; files that cannot be read are recognised with the route that
//! works ([`KnownApp`]). Bytes in, accounts (or a precise error) out; no I/O.
//!
//! Every importer returns what it understood and, separately, the entries it could not use with
//! the reason, so the user can confirm the part that was understood and nothing is added by halves.

pub mod aegis;
pub mod authplus;
pub mod andotp_encrypted;
pub mod ente;
pub mod freeotp2;
pub mod batches;
pub mod belongs;
pub mod json_formats;
pub mod kdf;
pub mod migration;
pub mod proton_encrypted;
pub mod stratum_encrypted;
pub mod text;
pub mod totp_authenticator;
pub mod twofas;
pub mod bitwarden_csv;
pub mod freeotp;
pub mod known;
pub mod lastpass;
pub mod phone_prefs;
pub mod proton;
pub mod steam;
pub mod stratum;
mod reading;
mod scanned;
mod shared_prefs;

pub use reading::Reading;
pub use scanned::{read_scanned, ScanError, Scanned};

use crate::account::{Account, FieldError, KindChoice, ManualEntry};

/// The formats recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `otpauth-migration://offline?data=…` (Google Authenticator's export QR).
    GoogleMigration,
    /// Aegis vault, plain.
    Aegis,
    /// Aegis vault, encrypted (scrypt + AES-GCM).
    AegisEncrypted,
    /// 2FAS backup (`.2fas`), plain.
    TwoFas,
    /// 2FAS backup, encrypted (PBKDF2 + AES-GCM).
    TwoFasEncrypted,
    /// Bitwarden JSON export (items with `login.totp`).
    Bitwarden,
    /// andOTP plain JSON.
    AndOtp,
    /// Lines of `otpauth://` URIs (Ente Auth's plain export, or any list).
    UriList,
    /// Proton Authenticator's JSON export (`entries` with `content.uri`).
    ProtonAuthenticator,
    /// FreeOTP+'s JSON export (`tokens`, secrets as signed bytes).
    FreeOtpPlus,
    /// FreeOTP's (and FreeOTP+'s) shared-preferences `tokens.xml`.
    FreeOtpXml,
    /// Stratum (Authenticator Pro) plain JSON backup (`Authenticators`).
    Stratum,
    /// LastPass Authenticator's JSON export (`accounts`).
    LastPass,
    /// Bitwarden's CSV export (`login_totp` column).
    BitwardenCsv,
    /// Steam Desktop Authenticator's `.maFile`, or the Steam app's file of `accounts`.
    Steam,
    /// Authy's shared-preferences XML, secrets decrypted.
    Authy,
    /// Battle.net's shared-preferences XML (masked secret and serial).
    BattleNet,
    /// Duo Mobile's `duokit/accounts.json`.
    Duo,
    /// Proton Pass's unencrypted export: the ZIP, or the `data.json` in it.
    ProtonPass,
    /// Authenticator Plus's text export: a password-protected ZIP holding `Accounts.txt`.
    AuthenticatorPlus,
    /// Ente Auth's encrypted export (Argon2id + XChaCha20-Poly1305 secretstream).
    EnteEncrypted,
    /// andOTP's encrypted backup (`.json.aes`: PBKDF2 or SHA-256 + AES-GCM), binary.
    AndOtpEncrypted,
    /// Proton Authenticator's password-protected export (Argon2id + AES-GCM).
    ProtonEncrypted,
    /// Stratum / Authenticator Pro encrypted backup (Argon2id + AES-GCM, or PBKDF2 + AES-CBC), binary.
    StratumEncrypted,
    /// TOTP Authenticator (Binary Boxes) backup: Base64 of AES-CBC under SHA-256 of a password.
    TotpAuthenticator,
    /// FreeOTP 2's backup: a Java-serialised map, tokens sealed under a master key (PBKDF2 + AES-GCM), binary.
    FreeOtp2,
}

impl Format {
    /// Whether a password is needed to read it.
    pub fn is_encrypted(self) -> bool {
        matches!(self, Format::AegisEncrypted | Format::TwoFasEncrypted | Format::AuthenticatorPlus)
            || matches!(self, Format::EnteEncrypted | Format::AndOtpEncrypted | Format::ProtonEncrypted | Format::StratumEncrypted | Format::TotpAuthenticator | Format::FreeOtp2)
    }

    /// Whether the file is binary (read from its bytes, not as text). Proton Pass is either (its
    /// ZIP, or the `data.json` taken out of it).
    pub(crate) fn is_binary(self) -> bool {
        matches!(self, Format::AndOtpEncrypted | Format::StratumEncrypted | Format::FreeOtp2 | Format::AuthenticatorPlus)
    }
}

pub use known::KnownApp;

/// Why a whole file or payload was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// Not UTF-8 text, or text (JSON or not) of no format this app reads; also a migration link
    /// that does not start with `otpauth-migration://offline?`.
    NotRecognised,
    /// Larger than [`MAX_IMPORT_BYTES`], refused before parsing.
    TooLarge,
    /// An encrypted Aegis or 2FAS file read without a password.
    NeedsPassword,
    /// The password does not open it (or the file was altered): no slot unwraps, or the
    /// decryption fails.
    WrongPassword,
    /// The format is recognised but its content is broken (bad JSON shape, Base64, hex, protobuf,
    /// a missing field); says which part.
    Malformed(&'static str),
    /// A format version this app does not know (Aegis file or db, 2FAS schema, migration payload).
    UnsupportedVersion(u32),
    /// Readable, but neither an account nor a skipped entry in it.
    Empty,
    /// An encrypted variant this app cannot open (a password-protected Bitwarden export).
    EncryptedUnsupported,
    /// More accounts than one import may bring ([`crate::account::MAX_ACCOUNTS`]); counted
    /// before they are read wherever the format allows (lines of links, JSON entries).
    TooManyAccounts {
        /// How many entries the file holds.
        found: usize,
    },
    /// The file's key derivation would cost more than this app allows (scrypt memory 128·r·N
    /// over [`aegis::MAX_SCRYPT_BYTES`], or p over [`aegis::MAX_SCRYPT_P`]); refused before any
    /// work, with the file's parameters.
    KdfTooCostly {
        /// scrypt N.
        n: u64,
        /// scrypt r.
        r: u32,
        /// scrypt p.
        p: u32,
    },
    /// A file this app cannot read but knows (another app's database, an export encrypted in a
    /// way no browser app opens): the message gives the route that works for that app.
    NeedsRoute(KnownApp),
    /// The file's key derivation asks for scrypt parameters scrypt is not defined for
    /// ([`aegis::scrypt_valid`]: e.g. N = 2^16 or more with r = 1): Aegis can neither write nor
    /// open such a file, so it is damaged or not Aegis's; refused before any work.
    KdfInvalid {
        /// scrypt N.
        n: u64,
        /// scrypt r.
        r: u32,
        /// scrypt p.
        p: u32,
    },
    /// The file's Argon2 key derivation would cost more than this app allows (memory over
    /// [`kdf::MAX_ARGON2_KIB`], memory × passes over [`kdf::MAX_ARGON2_WORK`], or lanes over
    /// [`kdf::MAX_ARGON2_LANES`]); refused before any work, with the file's parameters.
    Argon2TooCostly {
        /// Memory, in KiB.
        memory_kib: u64,
        /// Passes.
        iterations: u64,
        /// Lanes.
        parallelism: u64,
    },
    /// The file's PBKDF2 asks for more rounds than [`kdf::MAX_PBKDF2_ITERATIONS`]; refused
    /// before any work.
    Pbkdf2TooCostly {
        /// The rounds the file asks for.
        iterations: u64,
    },
    /// A binary file of no format this app recognises, which may still be an older andOTP
    /// encrypted backup (those carry no header: only the password can tell).
    UnknownBinary {
        /// Whether a password was tried (and did not open it as an andOTP backup).
        password_tried: bool,
    },
}

/// Why one entry was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// A field the account model or the vault's writers refuse (bad secret, MD5, digits, a label
    /// over its limit …).
    Field(FieldError),
    /// A kind this app does not generate (e.g. Yandex, mOTP); holds the file's name for it.
    UnsupportedKind(String),
    /// An `otpauth://` link (a line of a list, a Bitwarden item's TOTP) that does not parse.
    Uri(crate::uri::UriError),
    /// An entry that does not decode as one (a damaged Google Authenticator entry, a 2FAS service
    /// of another shape); the entries around it are read.
    Unreadable,
}

/// Developer text; the UI shows `i18n::import_error` instead.
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotRecognised => f.write_str("not a format this app imports"),
            ImportError::TooLarge => write!(f, "larger than {MAX_IMPORT_BYTES} bytes"),
            ImportError::NeedsPassword => f.write_str("encrypted: a password is needed"),
            ImportError::WrongPassword => f.write_str("wrong password, or the file was changed"),
            ImportError::Malformed(what) => write!(f, "malformed {what}"),
            ImportError::UnsupportedVersion(v) => write!(f, "unsupported format version {v}"),
            ImportError::Empty => f.write_str("no accounts in the file"),
            ImportError::EncryptedUnsupported => f.write_str("encrypted in a way this app cannot open"),
            ImportError::KdfTooCostly { n, r, p } => write!(f, "scrypt parameters over the caps: N={n}, r={r}, p={p}"),
            ImportError::KdfInvalid { n, r, p } => write!(f, "invalid scrypt parameters: N={n}, r={r}, p={p}"),
            ImportError::Argon2TooCostly { memory_kib, iterations, parallelism } => {
                write!(f, "Argon2 parameters over the caps: {memory_kib} KiB, {iterations} passes, {parallelism} lanes")
            }
            ImportError::Pbkdf2TooCostly { iterations } => write!(f, "PBKDF2 rounds over the cap: {iterations}"),
            ImportError::UnknownBinary { password_tried } => write!(f, "unknown binary file (password tried: {password_tried})"),
            ImportError::TooManyAccounts { found } => write!(f, "{found} entries, more than {}", crate::account::MAX_ACCOUNTS),
            ImportError::NeedsRoute(app) => write!(f, "a file of {app:?}, read another way"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Developer text; the UI shows `i18n::skip_reason` instead.
impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Field(e) => e.fmt(f),
            SkipReason::UnsupportedKind(kind) => write!(f, "unsupported kind {kind:?}"),
            SkipReason::Uri(e) => e.fmt(f),
            SkipReason::Unreadable => f.write_str("an entry that does not decode"),
        }
    }
}

/// One entry left out: who it is, as the file names it, and why. Data only: the UI names the
/// entry in the user's language (`i18n::account_label`, which also says "no name" when both
/// fields are empty) and explains the reason (`i18n::skip_reason`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The entry's issuer as the file has it (empty when it has none), cut to
    /// [`SKIPPED_LABEL_CHARS`] characters and `…`: it may be the very field that was too long.
    pub issuer: String,
    /// The entry's account name as the file has it (empty when it has none), cut the same way.
    pub name: String,
    /// Why.
    pub reason: SkipReason,
}

/// How many characters of a skipped entry's issuer and name are kept.
pub const SKIPPED_LABEL_CHARS: usize = 40;

impl Skipped {
    /// A skipped entry named by `issuer` and `name` as the file has them.
    pub(crate) fn new(issuer: &str, name: &str, reason: SkipReason) -> Skipped {
        let cut = |s: &str| match s.char_indices().nth(SKIPPED_LABEL_CHARS) {
            Some((at, _)) => format!("{}…", &s[..at]),
            None => s.to_owned(),
        };
        Skipped { issuer: cut(issuer), name: cut(name), reason }
    }
}

/// What a file or payload held. `Debug` shows how many accounts, not the accounts.
#[derive(Clone, PartialEq, Eq)]
pub struct Imported {
    /// The format read.
    pub format: Format,
    /// The accounts understood, in file order.
    pub accounts: Vec<Account>,
    /// The entries left out, with reasons.
    pub skipped: Vec<Skipped>,
}

impl std::fmt::Debug for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Imported").field("format", &self.format).field("accounts", &self.accounts.len()).field("skipped", &self.skipped).finish()
    }
}

/// Files larger than this are refused before parsing (a vault of thousands of accounts is far smaller).
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

/// What kind of file this is, without a password.
pub fn detect(bytes: &[u8]) -> Result<Format, ImportError> {
    detect_parsed(bytes).map(|(format, _)| format)
}

/// [`detect`], with the JSON it parsed on the way (for JSON formats), so it is parsed once.
pub(crate) fn detect_parsed(bytes: &[u8]) -> Result<(Format, Option<serde_json::Value>), ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    if let Some(f) = stratum_encrypted::detect(bytes).or_else(|| freeotp2::detect(bytes)) {
        return Ok((f, None));
    }
    if let Some(found) = known::detect_binary(bytes) {
        return found.map(|f| (f, None));
    }
    if std::str::from_utf8(bytes).is_err() {
        return andotp_encrypted::detect(bytes).map(|f| (f, None)).ok_or(ImportError::NotRecognised);
    }
    let text = text_of(bytes)?;
    if text.get(..22).is_some_and(|p| p.eq_ignore_ascii_case("otpauth-migration://of")) {
        return Ok((Format::GoogleMigration, None));
    }
    if text.starts_with('{') || text.starts_with('[') {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| ImportError::Malformed("JSON"))?;
        if let Some(f) = aegis::detect(&value)
            .or_else(|| twofas::detect(&value))
            .or_else(|| known::detect_json(&value))
            .or_else(|| json_formats::detect(&value))
            .or_else(|| ente::detect(&value))
            .or_else(|| proton_encrypted::detect(&value))
        {
            return Ok((f, Some(value)));
        }
        return Err(ImportError::NotRecognised);
    }
    if let Some(found) = known::detect_text(text) {
        return found.map(|f| (f, None));
    }
    if text.lines().any(text::is_link) {
        return Ok((Format::UriList, None));
    }
    if let Some(f) = totp_authenticator::detect(text) {
        return Ok((f, None));
    }
    Err(ImportError::NotRecognised)
}

/// How many entries a file holds, counted before any is read, where the format shows it
/// without decrypting: lines of links, and the entries of plain JSON exports (Bitwarden's items
/// with a TOTP only). `None` for encrypted files and migration links (counted once read).
pub(crate) fn count_entries(format: Format, text: &str, value: Option<&serde_json::Value>) -> Option<usize> {
    use serde_json::Value;
    let len = |v: Option<&Value>| v.and_then(Value::as_array).map(Vec::len);
    match format {
        Format::UriList => Some(text.lines().filter(|l| text::is_link(l)).count()),
        Format::Aegis => len(value?.get("db").and_then(|db| db.get("entries"))),
        Format::TwoFas => len(value?.get("services")),
        Format::AndOtp => len(value),
        Format::Bitwarden => Some(
            value?
                .get("items")?
                .as_array()?
                .iter()
                .filter(|item| item.get("login").and_then(|l| l.get("totp")).and_then(Value::as_str).is_some_and(|t| !t.trim().is_empty()))
                .count(),
        ),
        Format::ProtonAuthenticator => len(value?.get("entries")),
        Format::FreeOtpPlus => len(value?.get("tokens")),
        Format::Stratum => len(value?.get("Authenticators")),
        Format::LastPass => len(value?.get("accounts")),
        Format::Duo => len(value),
        Format::GoogleMigration | Format::AegisEncrypted | Format::TwoFasEncrypted => None,
        // Counted once read (XML, CSV, ZIP: each is small and read at once).
        Format::FreeOtpXml | Format::BitwardenCsv | Format::Steam | Format::Authy | Format::BattleNet | Format::ProtonPass | Format::AuthenticatorPlus => None,
        Format::EnteEncrypted | Format::AndOtpEncrypted | Format::ProtonEncrypted | Format::StratumEncrypted | Format::TotpAuthenticator | Format::FreeOtp2 => None,
    }
}

/// The slow key derivations reading `bytes` needs (Aegis's scrypt, Ente's, Proton's and
/// Stratum's Argon2id, andOTP's, older Stratum's and FreeOTP 2's PBKDF2), to run in the worker before
/// [`import_with_keys`]; every one checked against the caps. Empty when none is needed (2FAS's
/// PBKDF2 is fixed at 10,000 rounds and runs inline; TOTP Authenticator's key is one SHA-256).
pub fn kdf_jobs(bytes: &[u8]) -> Result<Vec<kdf::KdfJob>, ImportError> {
    match detect(bytes)? {
        Format::AegisEncrypted => Ok(aegis::jobs(text_of(bytes)?)?.into_iter().map(kdf::KdfJob::Scrypt).collect()),
        Format::EnteEncrypted => ente::jobs(text_of(bytes)?),
        Format::ProtonEncrypted => proton_encrypted::jobs(text_of(bytes)?),
        Format::AndOtpEncrypted => andotp_encrypted::jobs(bytes),
        Format::StratumEncrypted => stratum_encrypted::jobs(bytes),
        Format::FreeOtp2 => freeotp2::jobs(bytes),
        _ => Ok(Vec::new()),
    }
}

pub(crate) fn text_of(bytes: &[u8]) -> Result<&str, ImportError> {
    Ok(std::str::from_utf8(bytes).map_err(|_| ImportError::NotRecognised)?.trim_start_matches('\u{feff}').trim())
}

/// [`import`] with the keys for [`kdf_jobs`] already derived, in order; `password` still serves
/// formats whose derivation runs inline.
pub fn import_with_keys(bytes: &[u8], password: Option<&str>, keys: &[zeroize::Zeroizing<[u8; 32]>]) -> Result<Imported, ImportError> {
    Reading::start(bytes, password, keys)?.read_all()
}

/// Reads a file (or a pasted migration link). `password` is used for encrypted formats.
pub fn import(bytes: &[u8], password: Option<&str>) -> Result<Imported, ImportError> {
    Reading::start(bytes, password, &[])?.read_all()
}

/// Key bytes as the Base32 [`Fields::secret_b32`] takes (for formats that keep bytes, Base64 or hex).
pub(crate) fn base32_of(bytes: &[u8]) -> String {
    base32::encode(base32::Alphabet::Rfc4648 { padding: false }, bytes)
}

/// The fields most formats share, as strings; validated by the same rules as manual entry.
/// Wiped on drop (the secret); no `Debug`.
#[derive(Clone, Default, zeroize::Zeroize, zeroize::ZeroizeOnDrop)]
pub(crate) struct Fields {
    pub issuer: String,
    pub name: String,
    pub secret_b32: String,
    pub kind: String,
    pub algorithm: String,
    pub digits: Option<u64>,
    pub period: Option<u64>,
    pub counter: Option<u64>,
}

impl Fields {
    /// Names, key and kind; the other fields empty (the format's defaults), to be set after.
    pub(crate) fn of(issuer: String, name: String, secret_b32: String, kind: &str) -> Fields {
        let mut fields = Fields::default();
        (fields.issuer, fields.name, fields.secret_b32, fields.kind) = (issuer, name, secret_b32, kind.to_owned());
        fields
    }

    /// The account, or why it was skipped.
    pub(crate) fn to_account(&self) -> Result<Account, Skipped> {
        let skip = |reason| Skipped::new(&self.issuer, &self.name, reason);
        let kind = match self.kind.to_ascii_lowercase().as_str() {
            "" | "totp" => KindChoice::Totp,
            "hotp" => KindChoice::Hotp,
            "steam" => KindChoice::Steam,
            other => return Err(skip(SkipReason::UnsupportedKind(other.to_owned()))),
        };
        let entry = ManualEntry {
            issuer: self.issuer.clone(),
            name: self.name.clone(),
            secret: self.secret_b32.clone(),
            kind,
            algorithm: self.algorithm.clone(),
            digits: self.digits.map(|d| d.to_string()).unwrap_or_default(),
            period: self.period.map(|p| p.to_string()).unwrap_or_default(),
            counter: self.counter.map(|c| c.to_string()).unwrap_or_default(),
        };
        entry.to_account().map(|(a, _)| a).map_err(|e| skip(SkipReason::Field(e)))
    }
}

/// Collects accounts and skipped entries. Every account passes the check every writer of the
/// vault applies ([`crate::uri::storable`]), so an import never brings in what the vault
/// could not read back.
pub(crate) fn split(results: impl IntoIterator<Item = Result<Account, Skipped>>) -> (Vec<Account>, Vec<Skipped>) {
    let mut accounts = Vec::new();
    let mut skipped = Vec::new();
    for r in results {
        sort_one(r, &mut accounts, &mut skipped);
    }
    (accounts, skipped)
}

/// Puts one entry with the accounts (once the vault's writers' check passed) or the skipped.
pub(crate) fn sort_one(result: Result<Account, Skipped>, accounts: &mut Vec<Account>, skipped: &mut Vec<Skipped>) {
    match result.and_then(|a| crate::uri::storable(&a).map_err(|e| Skipped::new(&a.issuer, &a.name, SkipReason::Field(e)))) {
        Ok(a) => accounts.push(a),
        Err(s) => skipped.push(s),
    }
}
