//! Writes a backup file with N accounts (default 1,000) at the default KDF, for the benchmark's
//! save-time figure: `cargo run --release --example make_bench_backup -- OUT [N] [fast]`.
//!
//! The content goes through the vault's reader, not its writers, so N may pass the cap a vault
//! takes ([`authenticator::account::MAX_ACCOUNTS`]): the end-to-end tests restore such a file to
//! see it refused. `fast` seals it at Argon2id's minimum cost (8 KiB, 1 pass) instead of the
//! default, for tests.

use authenticator::vault::{Content, KdfParams, Random, Unlocked, DEFAULT_KDF};

struct OsRandom;
impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        getrandom::fill(buf).expect("OS randomness");
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("usage: make_bench_backup OUT [N] [fast]");
    let n: usize = args.next().map(|s| s.parse().expect("N")).unwrap_or(1000);
    let kdf = match args.next().as_deref() {
        Some("fast") => KdfParams { memory_kib: 8, iterations: 1, parallelism: 1 },
        _ => DEFAULT_KDF,
    };
    let entries: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let mut key = [0u8; 20];
            OsRandom.fill(&mut key);
            let secret = base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &key);
            let uri = format!("otpauth://totp/Service%20{i}:user{i}%40example.com?secret={secret}&issuer=Service%20{i}");
            serde_json::json!({ "id": i + 1, "uri": uri, "added_ms": 1_700_000_000_000u64 })
        })
        .collect();
    let content: Content = serde_json::from_str(&serde_json::json!({ "version": 3, "accounts": entries }).to_string()).expect("content");
    assert_eq!(content.accounts.len(), n, "every entry reads");
    let mut vault = Unlocked::create(content, "correct horse battery staple", kdf, &mut OsRandom).expect("create");
    let bytes = vault.seal(&mut OsRandom).expect("seal");
    std::fs::write(&out, &bytes).expect("write");
    println!("wrote {out}: {n} accounts, {} bytes", bytes.len());
}
