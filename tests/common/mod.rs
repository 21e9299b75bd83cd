//! Helpers shared by native integration tests.
#![allow(dead_code)]

pub mod world;

use authenticator::vault::{KdfParams, Random};

/// The operating system's randomness.
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        getrandom::fill(buf).expect("OS randomness");
    }
}

/// Argon2id at its minimum cost, so tests that derive hundreds of keys stay fast.
pub const FAST_KDF: KdfParams = KdfParams { memory_kib: 8, iterations: 1, parallelism: 1 };
