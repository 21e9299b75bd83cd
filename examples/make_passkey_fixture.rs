//! Writes tests/fixtures/vault-passkey.bin: a vault with a passphrase slot ("correct horse battery
//! staple", default KDF) and a passkey slot for credential id `cred-fixture-1` whose PRF output
//! is the bytes 0, 1, …, 31 (docs/vault.md, "Fixture"). Two accounts.
//! `cargo run --release --example make_passkey_fixture` — run only when the slot format changes.

use authenticator::uri;
use authenticator::vault::{Content, Random, Unlocked, DEFAULT_KDF};

struct OsRandom;
impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        getrandom::fill(buf).expect("OS randomness");
    }
}

fn main() {
    let mut content = Content::default();
    for link in [
        "otpauth://totp/RFC%206238:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=RFC%206238&digits=8",
        "otpauth://totp/Passkey:carol?secret=JBSWY3DPEHPK3PXP&issuer=Passkey",
    ] {
        let account = uri::parse(link).expect("fixture link").account;
        content.add(&account, 1_700_000_000_000).expect("storable");
    }
    let mut vault = Unlocked::create(content, "correct horse battery staple", DEFAULT_KDF, &mut OsRandom).expect("create");
    let prf: Vec<u8> = (0u8..32).collect();
    vault.add_passkey(b"cred-fixture-1", "Fixture passkey", 1_700_000_000_000, [0xA5; 32], &prf, &mut OsRandom).expect("passkey");
    let bytes = vault.seal(&mut OsRandom).expect("seal");
    std::fs::write("tests/fixtures/vault-passkey.bin", &bytes).expect("write fixture");
    println!("wrote tests/fixtures/vault-passkey.bin ({} bytes)", bytes.len());
}
