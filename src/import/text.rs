//! Plain text lists of `otpauth://` URIs, one per line: Ente Auth's plain export, or any list.

use super::{SkipReason, Skipped};
use crate::account::Account;
use crate::uri;

/// Every line that starts with `otpauth://` becomes an account or a skipped entry; other lines
/// (blank, comments) are ignored.
pub fn uri_list(text: &str) -> (Vec<Account>, Vec<Skipped>) {
    super::split(
        text.lines()
            .map(str::trim)
            .filter(|l| l.get(..10).is_some_and(|p| p.eq_ignore_ascii_case("otpauth://")))
            .map(|line| {
                uri::parse(line).map(|p| p.account).map_err(|e| Skipped {
                    label: line.chars().take(40).collect::<String>().split("secret=").next().unwrap_or("").to_owned(),
                    reason: SkipReason::Uri(e),
                })
            }),
    )
}

/// The accounts as a plain list of canonical URIs (secrets in the clear: the UI warns first).
pub fn to_uri_list(accounts: &[Account]) -> String {
    accounts.iter().map(uri::format).collect::<Vec<_>>().join("\n") + "\n"
}
