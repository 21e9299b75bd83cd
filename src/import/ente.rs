//! Ente Auth's encrypted export (version 1): `{"version", "kdfParams": {"memLimit", "opsLimit",
//! "salt"}, "encryptedData", "encryptionNonce"}`, every binary field in standard Base64. The key
//! is libsodium's `crypto_pwhash` (Argon2id v1.3: `opsLimit` passes, `memLimit` bytes, one lane,
//! 32 bytes); the data is one message of libsodium's `crypto_secretstream_xchacha20poly1305`
//! whose 24-byte header is `encryptionNonce`; inside, one `otpauth://` link per line (Ente's plain
//! export). orion's `streaming` module is compatible with libsodium's secretstream.

use super::kdf::{base64, key_for, Argon2Job, KdfJob};
use super::{Format, ImportError, Skipped};
use crate::account::Account;
use orion::hazardous::aead::streaming::{Nonce, SecretKey, StreamXChaCha20Poly1305, ABYTES};
use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

/// Ente's encrypted export, by shape.
pub fn detect(value: &Value) -> Option<Format> {
    (value.get("kdfParams").is_some_and(Value::is_object) && value.get("encryptedData").is_some_and(Value::is_string)).then_some(Format::EnteEncrypted)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KdfParams {
    mem_limit: u64,
    ops_limit: u64,
    salt: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    version: u32,
    kdf_params: KdfParams,
    encrypted_data: String,
    encryption_nonce: String,
}

fn parse(text: &str) -> Result<File, ImportError> {
    let file: File = serde_json::from_str(text).map_err(|_| ImportError::Malformed("Ente JSON"))?;
    if file.version != 1 {
        return Err(ImportError::UnsupportedVersion(file.version));
    }
    Ok(file)
}

fn job(file: &File) -> Result<KdfJob, ImportError> {
    let salt = base64(&file.kdf_params.salt, "Ente salt")?;
    // libsodium counts memory in bytes and hands Argon2 whole KiB.
    Ok(KdfJob::Argon2id(Argon2Job::checked(salt, file.kdf_params.mem_limit / 1024, file.kdf_params.ops_limit, 1)?))
}

/// The one derivation the file needs, its parameters checked against the caps.
pub fn jobs(text: &str) -> Result<Vec<KdfJob>, ImportError> {
    Ok(vec![job(&parse(text)?)?])
}

/// Reads the export with the key derived by the worker (`keys`) or from `password`.
pub fn import(text: &str, password: Option<&str>, keys: &[Zeroizing<[u8; 32]>]) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let file = parse(text)?;
    let job = job(&file)?;
    let header = base64(&file.encryption_nonce, "Ente nonce")?;
    let sealed = base64(&file.encrypted_data, "Ente data")?;
    let header = Nonce::try_from(header.as_slice()).map_err(|_| ImportError::Malformed("Ente nonce"))?;
    if sealed.len() < ABYTES {
        return Err(ImportError::Malformed("Ente data"));
    }
    let key = key_for(&job, 0, password, keys)?;
    let key = SecretKey::try_from(key.as_slice()).map_err(|_| ImportError::Malformed("Ente key"))?;
    let mut plain = Zeroizing::new(vec![0u8; sealed.len() - ABYTES]);
    StreamXChaCha20Poly1305::new(&key, &header).open_chunk(&sealed, None, &mut plain).map_err(|_| ImportError::WrongPassword)?;
    let text = std::str::from_utf8(&plain).map_err(|_| ImportError::Malformed("Ente data"))?;
    Ok(super::text::uri_list(text))
}
