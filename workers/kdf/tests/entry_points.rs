//! The key-derivation worker's entry points (moved here from `src/web/kdf.rs` with the worker's
//! own module): the same checks, run natively, as the functions are pure.
#![allow(clippy::unwrap_used)]

/// What the key-derivation worker runs gives the key the vault's own derivation gives (the
/// worker is only a place to run it), and refuses parameters over the caps.
#[test]
fn worker_kdf_entry_points_match_the_core() {
    use authenticator::vault::{KdfJob, KdfParams};
    use authenticator_kdf_worker::{kdf_argon2id, kdf_scrypt};
    let job = KdfJob { salt: [7; 16], kdf: KdfParams { memory_kib: 64, iterations: 2, parallelism: 1 } };
    let core = job.derive(b"correct horse").unwrap();
    assert_eq!(kdf_argon2id(b"correct horse".to_vec(), &job.salt, 64, 2, 1).as_deref(), Some(&core.as_bytes()[..]));
    assert_eq!(kdf_argon2id(b"x".to_vec(), &job.salt, 1024 * 1024, 64, 1), None, "over the caps");
    let scrypt = authenticator::import::aegis::ScryptJob { salt: vec![1; 32], log_n: 4, r: 8, p: 1 };
    let core = scrypt.derive(b"test").unwrap();
    assert_eq!(kdf_scrypt(b"test".to_vec(), vec![1; 32], 4, 8, 1).as_deref(), Some(&core[..]));
    // Imported files' Argon2id and PBKDF2, with the import caps.
    use authenticator::import::kdf::{Argon2Job, Pbkdf2Job, MAX_PBKDF2_ITERATIONS};
    use authenticator_kdf_worker::{kdf_import_argon2id, kdf_pbkdf2_sha1, kdf_pbkdf2_sha512};
    let argon = Argon2Job { salt: vec![3; 16], memory_kib: 64, iterations: 2, parallelism: 1 };
    let core = argon.derive(b"pw").unwrap();
    assert_eq!(kdf_import_argon2id(b"pw".to_vec(), vec![3; 16], 64, 2, 1).as_deref(), Some(&core[..]));
    assert_eq!(kdf_import_argon2id(b"pw".to_vec(), vec![3; 16], 2 << 20, 1, 1), None, "over the import caps");
    let pbkdf2 = Pbkdf2Job { salt: vec![4; 12], iterations: 1000 };
    assert_eq!(kdf_pbkdf2_sha1(b"pw".to_vec(), vec![4; 12], 1000).as_deref(), Some(&pbkdf2.derive(b"pw").unwrap()[..]));
    assert_eq!(kdf_pbkdf2_sha512(b"pw".to_vec(), vec![4; 12], 1000).as_deref(), Some(&pbkdf2.derive_sha512(b"pw").unwrap()[..]));
    assert_eq!(kdf_pbkdf2_sha1(b"pw".to_vec(), vec![4; 12], MAX_PBKDF2_ITERATIONS + 1), None, "over the cap");
}
