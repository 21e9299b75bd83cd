//! Checking imported accounts against what a Python fixture script says they must be (the
//! `expected.json` next to each fixture folder): names, key bytes, settings, and codes.
#![allow(dead_code)]

use authenticator::account::Account;
use authenticator::otp::Kind;
use serde_json::Value;

pub fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

pub fn number(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}"))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One account against what the Python script says it must be: names, key bytes, settings, and
/// the code at every time the script computed.
pub fn check(got: &Account, want: &Value, times: &Value, what: &str) {
    assert_eq!((got.issuer.as_str(), got.name.as_str()), (text(&want["issuer"]), text(&want["name"])), "{what}: names");
    assert_eq!(hex(got.secret.as_bytes()), text(&want["secret_hex"]), "{what}: key bytes");
    assert_eq!(got.params.algorithm.as_str(), text(&want["algorithm"]), "{what}: algorithm");
    match text(&want["kind"]) {
        "totp" => {
            assert_eq!(got.params.kind, Kind::Totp { period: number(&want["period"]) as u32 }, "{what}: kind");
            assert_eq!(u64::from(got.params.digits), number(&want["digits"]), "{what}: digits");
        }
        "hotp" => {
            assert_eq!(got.params.kind, Kind::Hotp { counter: number(&want["counter"]) }, "{what}: kind");
            assert_eq!(u64::from(got.params.digits), number(&want["digits"]), "{what}: digits");
        }
        "steam" => assert_eq!(got.params.kind, Kind::Steam { period: number(&want["period"]) as u32 }, "{what}: kind"),
        other => panic!("{what}: kind {other}"),
    }
    let generator = got.generator();
    for t in times.as_array().expect("times") {
        let t = number(t);
        assert_eq!(generator.at_time(t).as_plain(), text(&want["codes"][t.to_string()]), "{what}: code at {t}");
    }
}
