//! The passphrase's key derivation (Argon2id): the default cost, the caps a file's parameters
//! must keep within, and the key-encryption key it gives.

use super::envelope::{KdfParams, SALT_LEN};
use super::error::VaultError;
use super::Random;
use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// Default Argon2id cost: 64 MiB, 3 passes, 1 lane (tuned for ≤ 0.7 s unlock in headless Chromium).
pub const DEFAULT_KDF: KdfParams = KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };
/// Largest Argon2 memory accepted from a file (256 MiB, 4× the default): a damaged or hostile
/// file must not exhaust a phone's memory.
pub const MAX_KDF_MEMORY_KIB: u32 = 256 * 1024;
/// Most Argon2 passes accepted from a file.
pub const MAX_KDF_ITERATIONS: u32 = 64;
/// Largest memory × passes accepted (1 GiB·pass, about 5× the default's 192 MiB·pass): bounds the
/// time a file can make the key derivation take to a few seconds.
pub const MAX_KDF_WORK_KIB: u64 = 1024 * 1024;
/// Most Argon2 lanes accepted (they run one after another here, so lanes add no speed).
pub const MAX_KDF_LANES: u8 = 4;
/// The key derivation a restored backup is sealed with here: this app's own ([`DEFAULT_KDF`]), or
/// the file's when it asks for at least the default's memory and passes (someone chose more, and
/// the file opened, so it is within the caps). Never weaker than the default.
pub fn restore_kdf(file: Option<KdfParams>) -> KdfParams {
    match file {
        Some(k) if k.memory_kib >= DEFAULT_KDF.memory_kib && k.iterations >= DEFAULT_KDF.iterations && check_kdf(k).is_ok() => k,
        _ => DEFAULT_KDF,
    }
}

/// Checks Argon2 parameters against the caps before anything is derived.
pub fn check_kdf(kdf: KdfParams) -> Result<argon2::Params, VaultError> {
    if kdf.parallelism == 0 || kdf.iterations == 0 {
        return Err(VaultError::BadKdfParams);
    }
    let work = u64::from(kdf.memory_kib) * u64::from(kdf.iterations);
    if kdf.memory_kib > MAX_KDF_MEMORY_KIB || kdf.iterations > MAX_KDF_ITERATIONS || work > MAX_KDF_WORK_KIB || kdf.parallelism > MAX_KDF_LANES {
        return Err(VaultError::KdfTooCostly { kdf });
    }
    argon2::Params::new(kdf.memory_kib, kdf.iterations, u32::from(kdf.parallelism), Some(32)).map_err(|_| VaultError::BadKdfParams)
}

/// A key-encryption key derived from a passphrase. Zeroized on drop; `Debug` is redacted.
pub struct Kek(Zeroizing<[u8; 32]>);

impl Kek {
    /// Takes the 32 bytes a key-derivation worker returned; `None` for any other length.
    pub fn from_slice(bytes: &[u8]) -> Option<Kek> {
        let mut k = Zeroizing::new([0u8; 32]);
        (bytes.len() == 32).then(|| {
            k.copy_from_slice(bytes);
            Kek(k)
        })
    }

    /// The key's bytes (to hand back from a worker).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for Kek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Kek(<redacted>)")
    }
}

/// One Argon2id derivation: everything but the passphrase. What the page hands to the
/// key-derivation worker, so the slow step never blocks the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfJob {
    /// The slot's salt.
    pub salt: [u8; SALT_LEN],
    /// The slot's parameters (checked against the caps when the job was made).
    pub kdf: KdfParams,
}

impl KdfJob {
    /// A job for a new slot: fresh salt, checked parameters.
    pub fn fresh(kdf: KdfParams, rng: &mut dyn Random) -> Result<KdfJob, VaultError> {
        check_kdf(kdf)?;
        let mut salt = [0u8; SALT_LEN];
        rng.fill(&mut salt);
        Ok(KdfJob { salt, kdf })
    }

    /// Runs Argon2id (the slow step). Its working memory is wiped before it is freed.
    pub fn derive(&self, passphrase: &[u8]) -> Result<Kek, VaultError> {
        derive_kek(passphrase, &self.salt, self.kdf)
    }
}

/// Derives the key-encryption key from a passphrase (Argon2id), after checking the caps.
pub fn derive_kek(passphrase: &[u8], salt: &[u8], kdf: KdfParams) -> Result<Kek, VaultError> {
    let params = check_kdf(kdf)?;
    let mut memory = vec![argon2::Block::default(); params.block_count()];
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut kek = Zeroizing::new([0u8; 32]);
    let done = argon.hash_password_into_with_memory(passphrase, salt, kek.as_mut(), &mut memory);
    memory.iter_mut().for_each(Zeroize::zeroize);
    done.map_err(|_| VaultError::BadKdfParams)?;
    Ok(Kek(kek))
}
