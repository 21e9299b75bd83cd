//! Plain text lists of `otpauth://` URIs, one per line: Ente Auth's plain export, or any list.

use super::{SkipReason, Skipped};
use crate::account::Account;
use crate::uri;
use percent_encoding::percent_decode_str;

/// Every line that starts with `otpauth://` becomes an account or a skipped entry; other lines
/// (blank, comments) are ignored.
pub fn uri_list(text: &str) -> (Vec<Account>, Vec<Skipped>) {
    super::split(text.lines().filter(|l| is_link(l)).map(|line| read_line(line.trim())))
}

/// Whether a line of a list is a link to read (`otpauth://`, after leading spaces).
pub(crate) fn is_link(line: &str) -> bool {
    line.trim_start().get(..10).is_some_and(|p| p.eq_ignore_ascii_case("otpauth://"))
}

/// One line (trimmed) of a list: its account, or why it was left out, named as far as it reads.
pub(crate) fn read_line(line: &str) -> Result<Account, Skipped> {
    uri::parse(line).map(|p| p.account).map_err(|e| {
        let (issuer, name) = label_of(line);
        Skipped::new(&issuer, &name, SkipReason::Uri(e))
    })
}

/// Issuer and name of a line that did not parse, read as far as they go: the label between the
/// type and the `?` (percent-decoded where it decodes), split at its first colon, else the
/// `issuer` parameter. Nothing else of the line is read, so the secret never shows.
fn label_of(line: &str) -> (String, String) {
    let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().trim().to_owned();
    let rest = line.split_once("://").map_or("", |(_, rest)| rest);
    let rest = rest.split('#').next().unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let label = decode(path.split_once('/').map_or("", |(_, label)| label));
    let (issuer, name) = match label.split_once(':') {
        Some((issuer, name)) => (issuer.trim().to_owned(), name.trim().to_owned()),
        None => (String::new(), label.clone()),
    };
    if !issuer.is_empty() {
        return (issuer, name);
    }
    let param = query.split('&').find_map(|pair| pair.split_once('=').filter(|(key, _)| key.eq_ignore_ascii_case("issuer")).map(|(_, value)| decode(&value.replace('+', " "))));
    (param.unwrap_or_default(), name)
}

/// The accounts as a plain list of canonical URIs (secrets in the clear: the UI warns first).
pub fn to_uri_list(accounts: &[Account]) -> String {
    accounts.iter().map(uri::format).collect::<Vec<_>>().join("\n") + "\n"
}
