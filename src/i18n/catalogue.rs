//! Messages from the service catalogue ([`crate::catalogue`]): where a site shows its backup codes.

use super::Lang;

/// "Where Instagram shows backup codes (as of 2024): Profile → …", for an issuer the catalogue
/// knows a menu path for; `None` for every other site (no path is ever guessed).
pub fn codes_where(lang: Lang, issuer: &str) -> Option<String> {
    let service = crate::catalogue::find(issuer)?;
    let path = service.codes_where?;
    let name = service.name(lang);
    Some(match lang {
        Lang::En => format!("Where {name} shows backup codes (as of {}): {}", path.as_of, path.en),
        Lang::Ja => format!("{name} のバックアップコードの場所（{}年時点）：{}", path.as_of, path.ja),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_paths_are_told() {
        let ja = codes_where(Lang::Ja, "Instagram").expect("instagram");
        assert!(ja.starts_with("Instagram のバックアップコードの場所（2024年時点）：プロフィール → "), "{ja}");
        let en = codes_where(Lang::En, "Twitter").expect("x");
        assert!(en.starts_with("Where X (Twitter) shows backup codes (as of 2024): Settings and privacy → "), "{en}");
        assert_eq!(codes_where(Lang::Ja, "GitHub"), None);
        assert_eq!(codes_where(Lang::En, "Acme"), None);
    }
}
