//! Writes tests/fixtures/vault-v1.bin, the committed encrypted fixture that docs/vault.md
//! describes: passphrase "correct horse battery staple", default KDF, two accounts.
//! `cargo run --release --example make_vault_fixture` — run only when the envelope format changes.
//! It writes current content (version 2 now): the committed file holds content version 1 and is
//! the fixture for the v1 → v2 migration, so keep it.

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
        "otpauth://hotp/RFC%204226:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=RFC%204226&counter=5",
    ] {
        let account = uri::parse(link).expect("fixture link").account;
        content.add(&account, 1_700_000_000_000).expect("storable");
    }
    let mut vault = Unlocked::create(content, "correct horse battery staple", DEFAULT_KDF, &mut OsRandom).expect("create");
    let bytes = vault.seal(&mut OsRandom).expect("seal");
    std::fs::write("tests/fixtures/vault-v1.bin", &bytes).expect("write fixture");
    println!("wrote tests/fixtures/vault-v1.bin ({} bytes)", bytes.len());
}
