//! The clock-sync estimator against simulated servers: random and asymmetric delays, jitter,
//! outliers, offsets from −1 day to +1 day, and a server second boundary anywhere. The loop below
//! is the one the browser adapter runs (send when told, record what came back).
#![cfg(not(target_arch = "wasm32"))]

use authenticator::timesync::{estimate, next_round, Estimate, Sample, MAX_REQUESTS};

/// xorshift64*: reproducible randomness per seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

/// A server `offset_ms` ahead of the device, reached over a link with the given delays.
struct Net {
    offset_ms: f64,
    base_out: f64,
    base_back: f64,
    jitter: f64,
    outlier_chance: f64,
}

struct Run {
    estimate: Estimate,
    requests: usize,
    duration_ms: f64,
}

fn sync(net: &Net, rng: &mut Rng, start_ms: f64) -> Run {
    let mut now = start_ms;
    let mut samples = Vec::new();
    loop {
        let sends = next_round(&samples, now);
        if sends.is_empty() {
            break;
        }
        for at in sends {
            now = now.max(at);
            let spike = if rng.next() < net.outlier_chance { rng.range(50.0, 400.0) } else { 0.0 };
            let out = net.base_out + rng.range(0.0, net.jitter) + spike;
            let back = net.base_back + rng.range(0.0, net.jitter);
            let stamped = now + out;
            let server_secs = ((stamped + net.offset_ms) / 1000.0).floor() as i64;
            samples.push(Sample { sent_ms: now, received_ms: stamped + back, server_secs });
            now = stamped + back;
        }
    }
    Run { estimate: estimate(&samples).expect("estimate"), requests: samples.len(), duration_ms: now - start_ms }
}

fn random_net(rng: &mut Rng, loopback: bool) -> Net {
    let day = 86_400_000.0;
    Net {
        offset_ms: rng.range(-day, day),
        base_out: if loopback { rng.range(0.1, 2.0) } else { rng.range(5.0, 120.0) },
        base_back: if loopback { rng.range(0.1, 2.0) } else { rng.range(5.0, 120.0) },
        jitter: if loopback { rng.range(0.0, 3.0) } else { rng.range(0.0, 40.0) },
        outlier_chance: 0.08,
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[test]
fn the_estimate_holds_the_true_offset_within_its_stated_uncertainty() {
    for loopback in [true, false] {
        let mut errors = Vec::new();
        for seed in 1..=1500u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let net = random_net(&mut rng, loopback);
            let start = rng.range(1.6e12, 1.9e12); // the device's second boundary anywhere
            let run = sync(&net, &mut rng, start);
            let error = (run.estimate.offset_ms - net.offset_ms).abs();
            assert!(
                error <= run.estimate.uncertainty_ms + 1e-6,
                "seed {seed}: error {error:.2} ms beyond the stated ±{:.2} ms",
                run.estimate.uncertainty_ms
            );
            assert!(run.requests <= MAX_REQUESTS, "seed {seed}: {} requests", run.requests);
            if loopback {
                assert!(run.duration_ms <= 3000.0, "seed {seed}: {:.0} ms", run.duration_ms);
            }
            errors.push(error);
        }
        let m = median(&mut errors);
        let p95 = errors[errors.len() * 95 / 100];
        if loopback {
            assert!(m <= 25.0 && p95 <= 50.0, "loopback: median {m:.1} ms, p95 {p95:.1} ms");
        } else {
            assert!(m <= 100.0, "internet-like: median {m:.1} ms");
        }
    }
}

#[test]
fn a_server_boundary_at_every_phase_is_found() {
    // Offsets of k·100 ms + 0.25 put the server's second boundary at every phase of ours.
    for k in 0..20 {
        let net = Net { offset_ms: k as f64 * 100.0 + 0.25 - 3_600_000.0, base_out: 0.5, base_back: 0.5, jitter: 0.2, outlier_chance: 0.0 };
        let mut rng = Rng(k + 1);
        let run = sync(&net, &mut rng, 1_700_000_000_000.0);
        let error = (run.estimate.offset_ms - net.offset_ms).abs();
        assert!(error <= run.estimate.uncertainty_ms && run.estimate.uncertainty_ms <= 30.0, "k {k}: error {error}, ±{}", run.estimate.uncertainty_ms);
    }
}
