//! Reading a file a few entries at a time ([`Reading`]), so a large one never holds the page.

use super::{count_entries, detect_parsed, sort_one, text_of, Format, ImportError, Imported, Skipped};
use super::{aegis, bitwarden_csv, freeotp, json_formats, lastpass, migration, phone_prefs, proton, steam, stratum, text, twofas};
use super::{andotp_encrypted, ente, freeotp2, proton_encrypted, stratum_encrypted, totp_authenticator};
use crate::account::Account;

/// A file being read a few entries at a time, so that a large one never holds the page for
/// long: [`Reading::start`] recognises the format, counts the entries and refuses more than
/// [`crate::account::MAX_ACCOUNTS`] before any is read (wherever the format shows the count
/// without decrypting; otherwise once read); [`Reading::step`] reads the next ones;
/// [`Reading::finish`] gives what was read. Lists of links are read line by line in steps; the
/// other formats (at most the cap, and far smaller files) are read whole by `start`.
/// `Debug` shows counts only.
pub struct Reading {
    format: Format,
    total: usize,
    /// The text still to read (lists of links), from byte `at`.
    lines: Option<(zeroize::Zeroizing<String>, usize)>,
    accounts: Vec<Account>,
    skipped: Vec<Skipped>,
}

impl std::fmt::Debug for Reading {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reading").field("format", &self.format).field("total", &self.total).field("read", &self.read()).finish()
    }
}

impl Reading {
    /// Recognises `bytes`, checks the count, and reads at once what is not read in steps.
    /// `keys` are the derived keys of [`kdf_jobs`], in order (empty: `password` is used).
    pub fn start(bytes: &[u8], password: Option<&str>, keys: &[zeroize::Zeroizing<[u8; 32]>]) -> Result<Reading, ImportError> {
        let (format, value) = detect_parsed(bytes)?;
        // A ZIP is not text: its reader takes the bytes.
        let zip = format == Format::ProtonPass && bytes.starts_with(super::known::ZIP_MAGIC);
        let text = if format.is_binary() || zip { "" } else { text_of(bytes)? };
        let counted = count_entries(format, text, value.as_ref());
        drop(value);
        if let Some(found) = counted.filter(|&n| n > crate::account::MAX_ACCOUNTS) {
            return Err(ImportError::TooManyAccounts { found });
        }
        let mut reading = Reading { format, total: counted.unwrap_or(0), lines: None, accounts: Vec::new(), skipped: Vec::new() };
        let (accounts, skipped) = match format {
            Format::UriList => {
                reading.lines = Some((zeroize::Zeroizing::new(text.to_owned()), 0));
                return Ok(reading);
            }
            Format::GoogleMigration => {
                let batch = migration::decode(text)?;
                (batch.accounts, batch.skipped)
            }
            Format::AegisEncrypted if !keys.is_empty() => aegis::import_with_keys(text, keys)?,
            Format::Aegis | Format::AegisEncrypted => aegis::import(text, password)?,
            Format::TwoFas | Format::TwoFasEncrypted => twofas::import(text, password)?,
            Format::Bitwarden => json_formats::bitwarden(text)?,
            Format::AndOtp => json_formats::andotp(text)?,
            Format::ProtonAuthenticator => proton::authenticator(text)?,
            Format::ProtonPass if text.is_empty() => proton::pass_zip(bytes)?,
            Format::ProtonPass => proton::pass_json(text)?,
            Format::FreeOtpPlus => freeotp::plus_json(text)?,
            Format::FreeOtpXml => freeotp::tokens_xml(text)?,
            Format::Stratum => stratum::import(text)?,
            Format::LastPass => lastpass::import(text)?,
            Format::BitwardenCsv => bitwarden_csv::import(text)?,
            Format::Steam => steam::import(text)?,
            Format::Authy => phone_prefs::authy(text)?,
            Format::BattleNet => phone_prefs::battle_net(text)?,
            Format::Duo => phone_prefs::duo(text)?,
            Format::AuthenticatorPlus => super::authplus::import(bytes, password)?,
            Format::EnteEncrypted => ente::import(text, password, keys)?,
            Format::ProtonEncrypted => proton_encrypted::import(text, password, keys)?,
            Format::AndOtpEncrypted => andotp_encrypted::import(bytes, password, keys)?,
            Format::StratumEncrypted => stratum_encrypted::import(bytes, password, keys)?,
            Format::TotpAuthenticator => totp_authenticator::import(text, password)?,
            Format::FreeOtp2 => freeotp2::import(bytes, password, keys)?,
        };
        let found = accounts.len() + skipped.len();
        if found > crate::account::MAX_ACCOUNTS {
            return Err(ImportError::TooManyAccounts { found });
        }
        (reading.total, reading.accounts, reading.skipped) = (found, accounts, skipped);
        Ok(reading)
    }

    /// The format read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// How many entries the file holds (known from the start).
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many entries were read so far.
    pub fn read(&self) -> usize {
        self.accounts.len() + self.skipped.len()
    }

    /// Whether every entry was read.
    pub fn is_done(&self) -> bool {
        self.lines.is_none()
    }

    /// Reads up to `budget` more entries.
    pub fn step(&mut self, budget: usize) {
        let Some((text, at)) = self.lines.as_mut() else { return };
        let mut left = budget;
        while left > 0 {
            let rest = &text[*at..];
            if rest.is_empty() {
                break;
            }
            let (line, next) = match rest.find('\n') {
                Some(end) => (&rest[..end], *at + end + 1),
                None => (rest, text.len()),
            };
            *at = next;
            // `str::lines` also drops a `\r` before the `\n`; the trim below does too.
            if text::is_link(line) {
                sort_one(text::read_line(line.trim()), &mut self.accounts, &mut self.skipped);
                left -= 1;
            }
        }
        if *at >= text.len() {
            self.lines = None;
        }
    }

    /// What was read: every account, and every entry left out with its reason.
    pub fn finish(self) -> Result<Imported, ImportError> {
        finish(self.format, self.accounts, self.skipped)
    }

    pub(crate) fn read_all(mut self) -> Result<Imported, ImportError> {
        while !self.is_done() {
            self.step(usize::MAX);
        }
        self.finish()
    }
}

fn finish(format: Format, accounts: Vec<Account>, skipped: Vec<Skipped>) -> Result<Imported, ImportError> {
    if accounts.is_empty() && skipped.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(Imported { format, accounts, skipped })
}

