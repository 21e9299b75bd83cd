//! Writes tests/fixtures/drill-backup.2favault: the backup file the recovery-drill end-to-end test
//! restores in a fresh browser. Passphrase "correct horse battery staple", default KDF.
//! Instagram has a secret and 5 backup codes (the first two used); X is kept for its backup codes
//! only; Google has a secret and no codes.
//! `cargo run --release --example make_drill_backup`

use authenticator::backup_codes::{CodeSet, Shape};
use authenticator::uri;
use authenticator::vault::{Content, Random, Unlocked, DEFAULT_KDF};

struct OsRandom;
impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        getrandom::fill(buf).expect("OS randomness");
    }
}

fn main() {
    let t = 1_763_700_000_000; // 2025-11-21
    let mut content = Content::default();
    let insta = uri::parse("otpauth://totp/Instagram:hanako.travel?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Instagram").expect("link").account;
    let id = content.add(&insta, t).expect("storable");
    let mut codes = CodeSet::new(Shape::Digits8, ["40718263", "51829374", "62930485", "73041596", "84152607"].map(String::from).to_vec(), t);
    codes.set_used("40718263", Some(t + 86_400_000));
    codes.set_used("51829374", Some(t + 2 * 86_400_000));
    content.set_codes(id, codes, t);
    content.add_site("X", "@hanako_jp", CodeSet::new(Shape::Alnum12, vec!["k3m9p2x7q4w8".into()], t), t).expect("storable");
    let google = uri::parse("otpauth://totp/Google:hanako@example.jp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google").expect("link").account;
    content.add(&google, t).expect("storable");
    let mut vault = Unlocked::create(content, "correct horse battery staple", DEFAULT_KDF, &mut OsRandom).expect("create");
    let bytes = vault.seal(&mut OsRandom).expect("seal");
    std::fs::write("tests/fixtures/drill-backup.2favault", &bytes).expect("write fixture");
    println!("wrote tests/fixtures/drill-backup.2favault ({} bytes)", bytes.len());
}
