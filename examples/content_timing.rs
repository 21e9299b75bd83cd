//! How long the vault's content takes to open and to edit with N accounts (default 1,000):
//! `cargo run --release --example content_timing [N]`. Native figures, for comparing one version
//! of `vault::content` with another; the key derivation is left out (minimal Argon2 cost), so
//! what is timed is decrypting, reading the JSON, and the edits the app makes.

use authenticator::uri;
use authenticator::vault::{Choices, Content, KdfParams, Random, Unlocked};
use std::time::{Duration, Instant};

/// Not a secure source: the figures only need bytes, and every version gets the same ones.
struct Counter(u64);
impl Random for Counter {
    fn fill(&mut self, buf: &mut [u8]) {
        for b in buf {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            *b = (self.0 >> 33) as u8;
        }
    }
}

const FAST: KdfParams = KdfParams { memory_kib: 8, iterations: 1, parallelism: 1 };
const PASS: &str = "correct horse battery staple";

fn link(i: usize, rng: &mut Counter) -> String {
    let mut key = [0u8; 20];
    rng.fill(&mut key);
    let secret = base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &key);
    format!("otpauth://totp/Service%20{i}:user{i}@example.com?secret={secret}&issuer=Service%20{i}")
}

/// The median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let n: usize = std::env::args().nth(1).map(|s| s.parse().expect("N")).unwrap_or(1000);
    let mut rng = Counter(7);
    let mut content = Content::default();
    for i in 0..n {
        content.add(&uri::parse(&link(i, &mut rng)).expect("link").account, 1_700_000_000_000).expect("storable");
    }
    let mut vault = Unlocked::create(content, PASS, FAST, &mut rng).expect("create");
    let bytes = vault.seal(&mut rng).expect("seal");
    let jobs = Unlocked::unlock_jobs(&bytes).expect("jobs");
    let kek = jobs[0].derive(PASS.as_bytes()).expect("kek");

    // Opening: decrypt, read every entry, then what the list needs of each (its account and label).
    let open = median(21, || {
        let v = Unlocked::open_with_kek(&bytes, 0, &kek).expect("open");
        for e in &v.content.accounts {
            std::hint::black_box((e.account(), e.label()));
        }
    });

    // One edit as the app makes it: rename the last entry, seal, rebuild the list's rows.
    let last = vault.content.accounts[n - 1].id;
    let mut round = 0;
    let edit = median(21, || {
        round += 1;
        vault.content.edit_label(last, &format!("Renamed {round}"), "me", Vec::new()).expect("edit");
        std::hint::black_box(vault.seal(&mut rng).expect("seal"));
        for e in &vault.content.accounts {
            std::hint::black_box((e.account(), e.label()));
        }
    });

    // An import preview and import of 100 accounts (half already here) into the vault.
    let incoming: Vec<_> = (n - 50..n + 50).map(|i| uri::parse(&link(i, &mut Counter(i as u64))).expect("link").account).collect();
    let import = median(5, || {
        let mut c = vault.content.clone();
        for a in &incoming {
            std::hint::black_box(c.classify(a));
        }
        std::hint::black_box(c.add_all(&incoming, Choices::default(), 1));
    });

    println!("{n} accounts, {} bytes sealed", bytes.len());
    println!("open (decrypt + read + every account and label): {:.2} ms", open.as_secs_f64() * 1e3);
    println!("edit (rename + seal + every account and label):  {:.2} ms", edit.as_secs_f64() * 1e3);
    println!("import 100 (classify each + add_all):            {:.2} ms", import.as_secs_f64() * 1e3);
}
