//! `otpauth://` URIs as real sites and apps write them, bad inputs, and the round-trip property.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::account::{Account, FieldError, Warning};
use authenticator::otp::{Algorithm, Kind, Params, Secret, SecretError, SecretWarning};
use authenticator::uri::{format, parse, UriError};
use proptest::prelude::*;

const RFC_SEED_B32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"

/// (uri, issuer, name, secret bytes, params, warnings)
struct Case {
    uri: &'static str,
    issuer: &'static str,
    name: &'static str,
    secret_b32: &'static str,
    params: Params,
    warnings: Vec<Warning>,
}

fn totp(digits: u8, period: u32, algorithm: Algorithm) -> Params {
    Params { algorithm, digits, kind: Kind::Totp { period } }
}

fn short80() -> Vec<Warning> {
    vec![Warning::Secret(SecretWarning::Short { bits: 80 })]
}

fn cases() -> Vec<Case> {
    let d = Params::default();
    let s = Algorithm::Sha1;
    vec![
        // 1. The Key Uri Format page's own example.
        Case { uri: "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example", issuer: "Example", name: "alice@google.com", secret_b32: "JBSWY3DPEHPK3PXP", params: d, warnings: short80() },
        // 2. Its fully specified example, with escaped spaces.
        Case { uri: "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30", issuer: "ACME Co", name: "john.doe@email.com", secret_b32: "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ", params: d, warnings: vec![] },
        // 3. HOTP.
        Case { uri: "otpauth://hotp/Example:alice@google.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example&counter=7", issuer: "Example", name: "alice@google.com", secret_b32: RFC_SEED_B32, params: Params { algorithm: s, digits: 6, kind: Kind::Hotp { counter: 7 } }, warnings: vec![] },
        // 4. GitHub's shape.
        Case { uri: "otpauth://totp/GitHub:octocat?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub", issuer: "GitHub", name: "octocat", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 5. No issuer anywhere.
        Case { uri: "otpauth://totp/alice@google.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", issuer: "", name: "alice@google.com", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 6. Issuer only as a parameter.
        Case { uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example", issuer: "Example", name: "alice", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 7. Escaped colon and at-sign in the label.
        Case { uri: "otpauth://totp/Example%3Aalice%40google.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", issuer: "Example", name: "alice@google.com", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 8. A space after the colon (allowed by the format).
        Case { uri: "otpauth://totp/Example:%20alice@google.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example", issuer: "Example", name: "alice@google.com", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 9. Lower-case secret with padding.
        Case { uri: "otpauth://totp/Example:bob?secret=gezdgnbvgy3tqojq====&issuer=Example", issuer: "Example", name: "bob", secret_b32: "GEZDGNBVGY3TQOJQ", params: d, warnings: short80() },
        // 10. Upper-case scheme, type and parameter names.
        Case { uri: "OTPAUTH://TOTP/Example:carol?SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&ISSUER=Example", issuer: "Example", name: "carol", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 11. Japanese issuer, percent-encoded UTF-8 (楽天).
        Case { uri: "otpauth://totp/%E6%A5%BD%E5%A4%A9:taro?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E6%A5%BD%E5%A4%A9", issuer: "楽天", name: "taro", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 12. Japanese label written raw, as some generators do.
        Case { uri: "otpauth://totp/メルカリ:花子?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", issuer: "メルカリ", name: "花子", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 13. SHA256, 8 digits, 60 s.
        Case { uri: "otpauth://totp/Corp:dave?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&period=60&issuer=Corp", issuer: "Corp", name: "dave", secret_b32: RFC_SEED_B32, params: totp(8, 60, Algorithm::Sha256), warnings: vec![] },
        // 14. Lower-case algorithm name.
        Case { uri: "otpauth://totp/Corp:erin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=sha512", issuer: "Corp", name: "erin", secret_b32: RFC_SEED_B32, params: totp(6, 30, Algorithm::Sha512), warnings: vec![] },
        // 15. Unknown parameters (FreeOTP's image, colours) are ignored.
        Case { uri: "otpauth://totp/Shop:frank?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&image=https%3A%2F%2Fshop.example%2Flogo.png&color=ff0000&issuer=Shop", issuer: "Shop", name: "frank", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 16. Aegis's steam type.
        Case { uri: "otpauth://steam/Steam:gaben?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Steam", issuer: "Steam", name: "gaben", secret_b32: RFC_SEED_B32, params: Params { algorithm: s, digits: 5, kind: Kind::Steam { period: 30 } }, warnings: vec![] },
        // 17. Steam as totp with encoder=steam (KeeWeb/Authy shape).
        Case { uri: "otpauth://totp/Steam:gaben?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&encoder=steam", issuer: "Steam", name: "gaben", secret_b32: RFC_SEED_B32, params: Params { algorithm: s, digits: 5, kind: Kind::Steam { period: 30 } }, warnings: vec![] },
        // 18. A secret with escaped spaces (copied in groups).
        Case { uri: "otpauth://totp/Bank:grace?secret=GEZD%20GNBV%20GY3T%20QOJQ%20GEZD%20GNBV%20GY3T%20QOJQ", issuer: "Bank", name: "grace", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 19. Form-encoded '+' for a space in the issuer parameter.
        Case { uri: "otpauth://totp/ACME%20Co:heidi?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME+Co", issuer: "ACME Co", name: "heidi", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 20. Label and parameter disagree: the parameter wins and the user is told.
        Case { uri: "otpauth://totp/Google:ivan?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Gmail", issuer: "Gmail", name: "ivan", secret_b32: RFC_SEED_B32, params: d, warnings: vec![Warning::IssuerMismatch { label: "Google".into(), parameter: "Gmail".into() }] },
        // 21. A difference only in case is not a mismatch.
        Case { uri: "otpauth://totp/google:judy?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Google", issuer: "Google", name: "judy", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 22. Empty label.
        Case { uri: "otpauth://totp/?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Solo", issuer: "Solo", name: "", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 23. Surrounding whitespace and a line break, as pasted from an e-mail.
        Case { uri: "  otpauth://totp/Mail:ken?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Mail\n", issuer: "Mail", name: "ken", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 24. Microsoft's shape: escaped at-sign.
        Case { uri: "otpauth://totp/Microsoft:alice%40outlook.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Microsoft", issuer: "Microsoft", name: "alice@outlook.com", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 25. A 52-character secret (Amazon-style length, 32 bytes).
        Case { uri: "otpauth://totp/Amazon:leo?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&issuer=Amazon", issuer: "Amazon", name: "leo", secret_b32: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA", params: d, warnings: vec![] },
        // 26. 7 digits and a 1-second period are legal.
        Case { uri: "otpauth://totp/Lab:mia?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=7&period=1", issuer: "Lab", name: "mia", secret_b32: RFC_SEED_B32, params: totp(7, 1, s), warnings: vec![] },
        // 27. The largest HOTP counter.
        Case { uri: "otpauth://hotp/Token:ned?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=18446744073709551615", issuer: "Token", name: "ned", secret_b32: RFC_SEED_B32, params: Params { algorithm: s, digits: 6, kind: Kind::Hotp { counter: u64::MAX } }, warnings: vec![] },
        // 28. A fragment is ignored.
        Case { uri: "otpauth://totp/Frag:olga?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ#ignored", issuer: "Frag", name: "olga", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 29. A repeated parameter: the first one wins.
        Case { uri: "otpauth://totp/Dup:pat?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&secret=JBSWY3DPEHPK3PXP", issuer: "Dup", name: "pat", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 30. A literal '+' in the label path stays a '+'.
        Case { uri: "otpauth://totp/Mail:alice+2fa@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", issuer: "Mail", name: "alice+2fa@example.com", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 31. Discord's escaped '#' in a user tag.
        Case { uri: "otpauth://totp/Discord:alice%230001?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Discord", issuer: "Discord", name: "alice#0001", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 32. No slash after the type.
        Case { uri: "otpauth://totp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bare", issuer: "Bare", name: "", secret_b32: RFC_SEED_B32, params: d, warnings: vec![] },
        // 33. A key of 17 characters (a length no encoder writes; 2FAS, Ente and Steam entries have
        // them): read as Google Authenticator reads it, the 17th character's bits dropped, with a warning.
        Case { uri: "otpauth://totp/Odd:quinn?secret=JBSWY3DPEHPK3PXPA&issuer=Odd", issuer: "Odd", name: "quinn", secret_b32: "JBSWY3DPEHPK3PXP", params: d, warnings: vec![Warning::Secret(SecretWarning::OddLength { chars: 17 }), Warning::Secret(SecretWarning::Short { bits: 80 })] },
        // 34. SHA-224 and SHA-384, as 2FAS and Ente write them.
        Case { uri: "otpauth://totp/Ex:rei?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=sha224&issuer=Ex", issuer: "Ex", name: "rei", secret_b32: RFC_SEED_B32, params: totp(6, 30, Algorithm::Sha224), warnings: vec![] },
        Case { uri: "otpauth://hotp/Ex:sho?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA384&digits=8&counter=3&issuer=Ex", issuer: "Ex", name: "sho", secret_b32: RFC_SEED_B32, params: Params { algorithm: Algorithm::Sha384, digits: 8, kind: Kind::Hotp { counter: 3 } }, warnings: vec![] },
    ]
}

#[test]
fn real_world_uris_parse() {
    let all = cases();
    assert!(all.len() >= 25);
    for (i, c) in all.iter().enumerate() {
        let parsed = parse(c.uri).unwrap_or_else(|e| panic!("case {}: {} refused: {e:?}", i + 1, c.uri));
        let (secret, _) = Secret::parse_base32(c.secret_b32).expect("fixture secret");
        assert_eq!(parsed.account.issuer, c.issuer, "case {} issuer", i + 1);
        assert_eq!(parsed.account.name, c.name, "case {} name", i + 1);
        assert_eq!(parsed.account.secret, secret, "case {} secret", i + 1);
        assert_eq!(parsed.account.params, c.params, "case {} params", i + 1);
        assert_eq!(parsed.warnings, c.warnings, "case {} warnings", i + 1);
        // And the canonical form reads back to the same account.
        assert_eq!(parse(&format(&parsed.account)).expect("canonical").account, parsed.account, "case {}", i + 1);
    }
}

#[test]
fn a_parsed_uri_gives_the_rfc_code() {
    // RFC 6238 Appendix B, SHA1 row at T=59, with the seed given as a URI.
    let p = parse("otpauth://totp/RFC:6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8").expect("valid");
    assert_eq!(p.account.generator().at_time(59).as_plain(), "94287082");
}

#[test]
fn canonical_form_is_explicit() {
    let p = parse("otpauth://totp/ACME%20Co:john?secret=gezd gnbv gy3t qojq gezd gnbv gy3t qojq&issuer=ACME+Co").expect("valid");
    assert_eq!(
        format(&p.account),
        "otpauth://totp/ACME%20Co:john?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
    );
}

fn field(e: FieldError) -> UriError {
    UriError::Field(e)
}

#[test]
fn bad_inputs_get_specific_errors() {
    let seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    let table: Vec<(String, UriError)> = vec![
        ("https://example.com/2fa".into(), UriError::NotOtpauth { looks_like_secret: false }),
        ("".into(), UriError::NotOtpauth { looks_like_secret: false }),
        ("JBSW Y3DP EHPK 3PXP".into(), UriError::NotOtpauth { looks_like_secret: true }),
        ("otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU".into(), UriError::Migration),
        (format!("otpauth://xotp/A:b?secret={seed}"), UriError::UnknownType { given: "xotp".into() }),
        ("otpauth://totp/A:b?issuer=A".into(), field(FieldError::MissingSecret)),
        ("otpauth://totp/A:b?secret=&issuer=A".into(), field(FieldError::MissingSecret)),
        ("otpauth://totp/A:b?secret=JBSWY3DP1HPK3PXP".into(), field(FieldError::Secret(SecretError::InvalidCharacter { character: '1', position: 9 }))),
        ("otpauth://totp/A:b?secret=J".into(), field(FieldError::Secret(SecretError::BadLength { chars: 1 }))),
        (format!("otpauth://totp/A:b?secret={seed}&algorithm=MD5"), field(FieldError::UnsupportedAlgorithm { given: "MD5".into() })),
        (format!("otpauth://totp/A:b?secret={seed}&digits=5"), field(FieldError::DigitsOutOfRange { given: "5".into() })),
        (format!("otpauth://totp/A:b?secret={seed}&digits=11"), field(FieldError::DigitsOutOfRange { given: "11".into() })),
        (format!("otpauth://totp/A:b?secret={seed}&digits=six"), field(FieldError::DigitsOutOfRange { given: "six".into() })),
        (format!("otpauth://totp/A:b?secret={seed}&period=0"), field(FieldError::BadPeriod { given: "0".into() })),
        (format!("otpauth://totp/A:b?secret={seed}&period=-30"), field(FieldError::BadPeriod { given: "-30".into() })),
        (format!("otpauth://hotp/A:b?secret={seed}"), UriError::MissingCounter),
        (format!("otpauth://hotp/A:b?secret={seed}&counter=-1"), field(FieldError::BadCounter { given: "-1".into() })),
        (format!("otpauth://totp/A%2:b?secret={seed}"), UriError::BrokenPercentEncoding { position: 17 }),
        (format!("otpauth://totp/A:b?secret={seed}&issuer=%zz"), UriError::BrokenPercentEncoding { position: 67 }),
        (format!("otpauth://totp/%FF%FE:b?secret={seed}"), UriError::NotUtf8),
        (format!("otpauth://totp/A:b?secret={seed}&x={}", "a".repeat(20_000)), UriError::TooLong { chars: 20_061 }),
    ];
    for (input, want) in table {
        assert_eq!(parse(&input).err(), Some(want), "input {:.80}", input);
    }
}

fn label_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 :+%&=?#/@.\\-_~楽天メルカリ株式会社]{0,24}".prop_map(|s| s.trim().to_owned())
}

fn params() -> impl Strategy<Value = Params> {
    let alg = prop_oneof![Just(Algorithm::Sha1), Just(Algorithm::Sha224), Just(Algorithm::Sha256), Just(Algorithm::Sha384), Just(Algorithm::Sha512)];
    let kind = prop_oneof![
        (1u32..=600).prop_map(|period| (None, Kind::Totp { period })),
        any::<u64>().prop_map(|counter| (None, Kind::Hotp { counter })),
        (1u32..=600).prop_map(|period| (Some(5u8), Kind::Steam { period })),
    ];
    (alg, 6u8..=10, kind).prop_map(|(algorithm, digits, (fixed, kind))| Params { algorithm, digits: fixed.unwrap_or(digits), kind })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// parse ∘ format is the identity on every account.
    #[test]
    fn parse_format_identity(
        issuer in label_text(),
        name in label_text(),
        key in proptest::collection::vec(any::<u8>(), 1..64),
        params in params(),
    ) {
        let account = Account { issuer, name, secret: Secret::from_bytes(key), params };
        let uri = format(&account);
        let parsed = parse(&uri).map_err(|e| TestCaseError::fail(format!("{uri}: {e:?}")))?;
        prop_assert_eq!(parsed.account, account);
    }

    /// Arbitrary text never panics the parser, and anything accepted formats back to itself.
    #[test]
    fn arbitrary_text_never_panics(s in "(otpauth://)?[a-zA-Z0-9%:/?&=#+ 楽]{0,80}") {
        if let Ok(p) = parse(&s) {
            prop_assert_eq!(parse(&format(&p.account)).map(|q| q.account).ok(), Some(p.account));
        }
    }
}
