//! Bitwarden's CSV export (`folder,favorite,type,name,notes,fields,reprompt,login_uri,
//! login_username,login_password,login_totp`; older exports lack `reprompt`), read with the `csv`
//! crate (quoted fields, commas and line breaks inside them). Rows without a TOTP are not accounts.
//! Also the reading of a password manager's TOTP field, shared with Proton Pass.

use super::{Fields, ImportError, SkipReason, Skipped};
use crate::account::Account;
use crate::uri;

/// One TOTP field of a password manager's item: an `otpauth://` link, `steam://` and a Base32 key,
/// or a bare Base32 key. Names the link lacks come from the item (`issuer`: its title; `name`: its
/// user name or e-mail). `None` when the field is empty.
pub(crate) fn totp_field(totp: &str, issuer: &str, name: &str) -> Option<Result<Account, Skipped>> {
    let totp = totp.trim();
    if totp.is_empty() {
        return None;
    }
    if totp.get(..10).is_some_and(|p| p.eq_ignore_ascii_case("otpauth://")) {
        return Some(match uri::parse(totp) {
            Ok(parsed) => {
                let mut account = parsed.account;
                if account.issuer.is_empty() {
                    account.issuer = issuer.trim().to_owned();
                }
                if account.name.is_empty() {
                    account.name = name.trim().to_owned();
                }
                Ok(account)
            }
            Err(e) => {
                let (i, n) = uri::names(totp).unwrap_or_default();
                let (i, n) = (if i.is_empty() { issuer.trim().to_owned() } else { i }, if n.is_empty() { name.trim().to_owned() } else { n });
                Err(Skipped::new(&i, &n, SkipReason::Uri(e)))
            }
        });
    }
    let (kind, secret) = match totp.get(..8) {
        Some(p) if p.eq_ignore_ascii_case("steam://") => ("steam", &totp[8..]),
        _ => ("totp", totp),
    };
    Some(Fields::of(issuer.trim().to_owned(), name.trim().to_owned(), secret.to_owned(), kind).to_account())
}

/// Reads a Bitwarden CSV export: every row with a `login_totp`.
pub fn import(text: &str) -> Result<(Vec<Account>, Vec<Skipped>), ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|_| ImportError::Malformed("Bitwarden CSV header"))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let totp_at = column("login_totp").ok_or(ImportError::Malformed("Bitwarden CSV header"))?;
    let (name_at, user_at) = (column("name"), column("login_username"));
    let mut results = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| ImportError::Malformed("Bitwarden CSV"))?;
        let field = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or_default();
        if let Some(result) = totp_field(field(Some(totp_at)), field(name_at), field(user_at)) {
            results.push(result);
        }
    }
    Ok(super::split(results))
}
