//! Cross-checks against an independent implementation (the `totp-rs` crate) on random inputs:
//! every algorithm totp-rs has (SHA1, SHA256, SHA512; SHA-224 and SHA-384 are checked against
//! Python's hmac in `vectors.rs`), 6–8 digits, periods from 1 s, and Steam Guard codes.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::otp::{Algorithm, Generator, Kind, Params, Secret};
use proptest::prelude::*;

fn theirs(alg: Algorithm) -> totp_rs::Algorithm {
    match alg {
        Algorithm::Sha1 => totp_rs::Algorithm::SHA1,
        Algorithm::Sha256 => totp_rs::Algorithm::SHA256,
        Algorithm::Sha512 => totp_rs::Algorithm::SHA512,
        Algorithm::Sha224 | Algorithm::Sha384 => unreachable!("algorithm() never picks what totp-rs lacks"),
    }
}

fn algorithm() -> impl Strategy<Value = Algorithm> {
    prop_oneof![Just(Algorithm::Sha1), Just(Algorithm::Sha256), Just(Algorithm::Sha512)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn totp_matches_totp_rs(
        key in proptest::collection::vec(any::<u8>(), 10..80),
        alg in algorithm(),
        digits in 6u8..=8,
        period in 1u32..=120,
        t in 0u64..=40_000_000_000,
    ) {
        let ours = Generator::new(&Secret::from_bytes(key.clone()), Params { algorithm: alg, digits, kind: Kind::Totp { period } });
        let reference = totp_rs::TOTP::new_unchecked(theirs(alg), digits as usize, 1, u64::from(period), key);
        prop_assert_eq!(ours.at_time(t).as_plain(), reference.generate(t));
    }

    #[test]
    fn steam_matches_totp_rs(key in proptest::collection::vec(any::<u8>(), 10..40), t in 0u64..=4_000_000_000) {
        let ours = Generator::new(&Secret::from_bytes(key.clone()), Params { algorithm: Algorithm::Sha1, digits: 5, kind: Kind::Steam { period: 30 } });
        let reference = totp_rs::TOTP::new_steam(key);
        prop_assert_eq!(ours.at_time(t).as_plain(), reference.generate(t));
    }
}
