//! The slow key derivations imported files ask for, each checked against this app's caps before
//! any work: Aegis's scrypt ([`super::aegis::ScryptJob`]), Argon2id (Ente Auth's libsodium
//! `crypto_pwhash`, Proton Authenticator, Stratum) and PBKDF2 (andOTP, Stratum's older backups,
//! FreeOTP 2). The page runs them in the key-derivation worker (`web::kdf::import_file`); natively
//! and in tests they run inline from the password.

use super::aegis::ScryptJob;
use super::ImportError;
use zeroize::Zeroizing;

/// Largest Argon2 memory accepted from a file: 1 GiB, libsodium's "sensitive" preset, which
/// Ente Auth tries first (it halves the memory and doubles the passes on phones that fail).
pub const MAX_ARGON2_KIB: u32 = 1024 * 1024;
/// Largest Argon2 work accepted (memory in KiB × passes): 1 GiB × 4 passes, what Ente writes at
/// the sensitive preset and at every step of its halving (256 MiB × 16, 128 MiB × 32 …).
pub const MAX_ARGON2_WORK: u64 = 4 * 1024 * 1024;
/// Largest Argon2 parallelism accepted (Stratum writes 4; libsodium always 1).
pub const MAX_ARGON2_LANES: u32 = 4;
/// Most PBKDF2 rounds accepted: andOTP writes 140,000–160,000, Stratum's older backups 64,000,
/// FreeOTP 2 100,000.
pub const MAX_PBKDF2_ITERATIONS: u32 = 1_000_000;

/// One Argon2id derivation (version 0x13, 32-byte key): everything but the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Argon2Job {
    /// The salt.
    pub salt: Vec<u8>,
    /// Memory, in KiB.
    pub memory_kib: u32,
    /// Passes (libsodium's opslimit).
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl Argon2Job {
    /// A job whose parameters passed the caps ([`ImportError::Argon2TooCostly`]) and Argon2's
    /// own rules ([`ImportError::Malformed`]); nothing is derived.
    pub fn checked(salt: Vec<u8>, memory_kib: u64, iterations: u64, parallelism: u64) -> Result<Argon2Job, ImportError> {
        let over = memory_kib > u64::from(MAX_ARGON2_KIB) || memory_kib.saturating_mul(iterations) > MAX_ARGON2_WORK || parallelism > u64::from(MAX_ARGON2_LANES);
        if over {
            return Err(ImportError::Argon2TooCostly { memory_kib, iterations, parallelism });
        }
        // Within the caps, every value fits in 32 bits.
        let job = Argon2Job { salt, memory_kib: memory_kib as u32, iterations: iterations as u32, parallelism: parallelism as u32 };
        job.params()?;
        Ok(job)
    }

    fn params(&self) -> Result<argon2::Params, ImportError> {
        if self.salt.len() < argon2::MIN_SALT_LEN {
            return Err(ImportError::Malformed("Argon2 salt"));
        }
        argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32)).map_err(|_| ImportError::Malformed("Argon2 parameters"))
    }

    /// Runs Argon2id (the slow step); the caps are checked again, as this is also what the
    /// worker runs.
    pub fn derive(&self, password: &[u8]) -> Result<Zeroizing<[u8; 32]>, ImportError> {
        let job = Argon2Job::checked(self.salt.clone(), self.memory_kib.into(), self.iterations.into(), self.parallelism.into())?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, job.params()?);
        let mut key = Zeroizing::new([0u8; 32]);
        argon.hash_password_into(password, &self.salt, key.as_mut()).map_err(|_| ImportError::Malformed("Argon2 parameters"))?;
        Ok(key)
    }
}

/// One PBKDF2 derivation (32-byte key), HMAC-SHA1 or HMAC-SHA512 as the [`KdfJob`] says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pbkdf2Job {
    /// The salt.
    pub salt: Vec<u8>,
    /// Rounds.
    pub iterations: u32,
}

impl Pbkdf2Job {
    /// A job whose rounds are within [`MAX_PBKDF2_ITERATIONS`] (else
    /// [`ImportError::Pbkdf2TooCostly`]) and at least 1.
    pub fn checked(salt: Vec<u8>, iterations: u64) -> Result<Pbkdf2Job, ImportError> {
        if iterations > u64::from(MAX_PBKDF2_ITERATIONS) {
            return Err(ImportError::Pbkdf2TooCostly { iterations });
        }
        if iterations == 0 {
            return Err(ImportError::Malformed("PBKDF2 rounds"));
        }
        Ok(Pbkdf2Job { salt, iterations: iterations as u32 })
    }

    /// Runs PBKDF2 (the slow step), the caps checked again.
    pub fn derive(&self, password: &[u8]) -> Result<Zeroizing<[u8; 32]>, ImportError> {
        let job = Pbkdf2Job::checked(self.salt.clone(), self.iterations.into())?;
        let mut key = Zeroizing::new([0u8; 32]);
        pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, &job.salt, job.iterations, key.as_mut());
        Ok(key)
    }
}

impl Pbkdf2Job {
    /// Runs PBKDF2-HMAC-SHA512 (FreeOTP 2), the caps checked again.
    pub fn derive_sha512(&self, password: &[u8]) -> Result<Zeroizing<[u8; 32]>, ImportError> {
        let job = Pbkdf2Job::checked(self.salt.clone(), self.iterations.into())?;
        let mut key = Zeroizing::new([0u8; 32]);
        pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, &job.salt, job.iterations, key.as_mut());
        Ok(key)
    }
}

/// A derivation a file needs before it can be read, checked against the caps when made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KdfJob {
    /// Aegis's password slots.
    Scrypt(ScryptJob),
    /// Ente Auth, Proton Authenticator, Stratum.
    Argon2id(Argon2Job),
    /// andOTP, Stratum's older backups, FreeOTP 2 (older).
    Pbkdf2Sha1(Pbkdf2Job),
    /// FreeOTP 2.
    Pbkdf2Sha512(Pbkdf2Job),
}

impl KdfJob {
    /// Runs the derivation from `password`.
    pub fn derive(&self, password: &[u8]) -> Result<Zeroizing<[u8; 32]>, ImportError> {
        match self {
            KdfJob::Scrypt(job) => job.derive(password),
            KdfJob::Argon2id(job) => job.derive(password),
            KdfJob::Pbkdf2Sha1(job) => job.derive(password),
            KdfJob::Pbkdf2Sha512(job) => job.derive_sha512(password),
        }
    }
}

/// The key of the `i`-th job of a file: as the worker derived it (`keys`), else derived here
/// from `password`; [`ImportError::NeedsPassword`] without either.
pub(crate) fn key_for(job: &KdfJob, i: usize, password: Option<&str>, keys: &[Zeroizing<[u8; 32]>]) -> Result<Zeroizing<[u8; 32]>, ImportError> {
    if let Some(key) = keys.get(i) {
        return Ok(key.clone());
    }
    let password = password.filter(|p| !p.is_empty()).ok_or(ImportError::NeedsPassword)?;
    job.derive(password.as_bytes())
}

/// Standard Base64 (whitespace and line breaks allowed, as some apps wrap it), or
/// [`ImportError::Malformed`] naming `what`.
pub(crate) fn base64(text: &str, what: &'static str) -> Result<Vec<u8>, ImportError> {
    use base64::Engine;
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(compact).map_err(|_| ImportError::Malformed(what))
}

/// AES-256-GCM with the tag at the end of `sealed`; any failure is [`ImportError::WrongPassword`]
/// (the cipher cannot tell a wrong key from a changed file).
pub(crate) fn aes_gcm_open(key: &[u8; 32], nonce: &[u8], sealed: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    if nonce.len() != 12 || sealed.len() < 16 {
        return Err(ImportError::Malformed("AES-GCM data"));
    }
    let cipher = aes_gcm::Aes256Gcm::new(key.into());
    cipher.decrypt(aes_gcm::Nonce::from_slice(nonce), Payload { msg: sealed, aad }).map(Zeroizing::new).map_err(|_| ImportError::WrongPassword)
}

/// AES-256-CBC with PKCS#7 padding; a bad padding is [`ImportError::WrongPassword`] (a wrong
/// key leaves random padding). CBC has no tag: callers check the plaintext's shape too.
pub(crate) fn aes_cbc_open(key: &[u8; 32], iv: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, ImportError> {
    use cbc::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
    if iv.len() != 16 || sealed.is_empty() || sealed.len() % 16 != 0 {
        return Err(ImportError::Malformed("AES-CBC data"));
    }
    let decryptor = cbc::Decryptor::<aes::Aes256>::new(key.into(), iv.into());
    let mut buffer = Zeroizing::new(sealed.to_vec());
    let len = decryptor.decrypt_padded_mut::<Pkcs7>(&mut buffer).map_err(|_| ImportError::WrongPassword)?.len();
    buffer.truncate(len);
    Ok(buffer)
}

/// SHA-256 of the password: the (weak) key of andOTP's old backups and TOTP Authenticator.
pub(crate) fn sha256_key(password: &str) -> Zeroizing<[u8; 32]> {
    use sha2::Digest;
    Zeroizing::new(sha2::Sha256::digest(password.as_bytes()).into())
}
