//! Writes tests/fixtures/broken-entry.2favault: a backup holding two good accounts and, between
//! them, one entry no version of the reader can use (its URI's secret is not Base32), as a
//! damaged record or a newer version's entry would look. The end-to-end test restores it and
//! expects the good accounts, one flagged row, and the entry kept until the user deletes it.
//! Passphrase "correct horse battery staple", default KDF.
//! `cargo run --release --example make_broken_entry_backup`

use authenticator::uri;
use authenticator::vault::{Content, Random, Unlocked, DEFAULT_KDF};

struct OsRandom;
impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        getrandom::fill(buf).expect("OS randomness");
    }
}

fn main() {
    let t = 1_763_700_000_000;
    let mut content = Content::default();
    for link in [
        "otpauth://totp/Google:hanako@example.jp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google",
        "otpauth://totp/Instagram:hanako.travel?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Instagram",
    ] {
        content.add(&uri::parse(link).expect("link").account, t).expect("storable");
    }
    let mut json = serde_json::to_value(&content).expect("json");
    let broken = serde_json::json!({ "id": 7, "uri": "otpauth://totp/Broken:entry?secret=NOT*BASE32!", "added_ms": t });
    json["accounts"].as_array_mut().expect("array").insert(1, broken);
    let content: Content = serde_json::from_str(&json.to_string()).expect("tolerant read");
    assert_eq!((content.accounts.len(), content.unreadable.len()), (2, 1));
    let mut vault = Unlocked::create(content, "correct horse battery staple", DEFAULT_KDF, &mut OsRandom).expect("create");
    let bytes = vault.seal(&mut OsRandom).expect("seal");
    std::fs::write("tests/fixtures/broken-entry.2favault", &bytes).expect("write fixture");
    println!("wrote tests/fixtures/broken-entry.2favault ({} bytes)", bytes.len());
}
