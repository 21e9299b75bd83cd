//! Native TOTP speed, side by side with the `totp-rs` crate in the same run.
//! `cargo bench --bench totp` prints ns per code (median of 9 runs) and the ratio ours/theirs.

use authenticator::otp::{Algorithm, Generator, Kind, Params, Secret};
use std::hint::black_box;
use std::time::Instant;

const CODES_PER_RUN: u64 = 200_000;
const RUNS: usize = 9;

fn median_ns_per_code(mut f: impl FnMut(u64) -> usize) -> f64 {
    let mut runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let mut sink = 0usize;
            for i in 0..CODES_PER_RUN {
                sink = sink.wrapping_add(f(black_box(1_700_000_000 + i * 30)));
            }
            black_box(sink);
            start.elapsed().as_nanos() as f64 / CODES_PER_RUN as f64
        })
        .collect();
    runs.sort_by(|a, b| a.total_cmp(b));
    runs[RUNS / 2]
}

fn main() {
    // `cargo test --all-targets` runs benches in test mode with no arguments but `--bench` absent:
    // keep that fast and silent.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let key = b"12345678901234567890".to_vec();
    println!("TOTP ns per code (median of {RUNS} runs x {CODES_PER_RUN} codes, same process)");
    println!("{:<8} {:>14} {:>18} {:>12} {:>10}", "alg", "ours (value)", "ours (as String)", "totp-rs", "ratio");
    for (alg, theirs_alg) in [
        (Algorithm::Sha1, totp_rs::Algorithm::SHA1),
        (Algorithm::Sha256, totp_rs::Algorithm::SHA256),
        (Algorithm::Sha512, totp_rs::Algorithm::SHA512),
    ] {
        let ours = Generator::new(&Secret::from_bytes(key.clone()), Params { algorithm: alg, digits: 6, kind: Kind::Totp { period: 30 } });
        let theirs = totp_rs::TOTP::new_unchecked(theirs_alg, 6, 1, 30, key.clone());
        let value = median_ns_per_code(|t| match ours.at_time(t) {
            authenticator::otp::Code::Decimal { value, .. } => value as usize,
            authenticator::otp::Code::Steam(c) => c[0] as usize,
        });
        let string = median_ns_per_code(|t| ours.at_time(t).as_plain().len());
        let reference = median_ns_per_code(|t| theirs.generate(t).len());
        println!(
            "{:<8} {:>14.1} {:>18.1} {:>12.1} {:>9.2}x",
            alg.as_str(),
            value,
            string,
            reference,
            string / reference
        );
    }
    println!("ratio = ours (as String, like totp-rs's generate) / totp-rs; target <= 0.80");
}
