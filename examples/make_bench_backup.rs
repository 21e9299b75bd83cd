//! Writes a backup file with N accounts (default 1,000) at the default KDF, for the benchmark's
//! save-time figure: `cargo run --release --example make_bench_backup -- OUT [N]`.

use authenticator::uri;
use authenticator::vault::{Content, Random, Unlocked, DEFAULT_KDF};

struct OsRandom;
impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        getrandom::fill(buf).expect("OS randomness");
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("usage: make_bench_backup OUT [N]");
    let n: usize = args.next().map(|s| s.parse().expect("N")).unwrap_or(1000);
    let mut content = Content::default();
    for i in 0..n {
        let mut key = [0u8; 20];
        OsRandom.fill(&mut key);
        let secret = base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &key);
        let link = format!("otpauth://totp/Service%20{i}:user{i}@example.com?secret={secret}&issuer=Service%20{i}");
        content.add(&uri::parse(&link).expect("link").account, 1_700_000_000_000).expect("storable");
    }
    let mut vault = Unlocked::create(content, "correct horse battery staple", DEFAULT_KDF, &mut OsRandom).expect("create");
    let bytes = vault.seal(&mut OsRandom).expect("seal");
    std::fs::write(&out, &bytes).expect("write");
    println!("wrote {out}: {n} accounts, {} bytes", bytes.len());
}
