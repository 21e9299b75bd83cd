//! Finding and ordering accounts: search text folding (case, full width, hiragana/katakana),
//! matching, the list order (pinned first, then manual, by name or by most recent use), tags, and
//! the coloured monogram that tells issuers apart where the catalogue has no logo. Pure.

pub use crate::fold::fold;
use serde::{Deserialize, Serialize};

/// How the list is ordered (pinned accounts always come first).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    /// The user's own order (move up and down).
    #[default]
    Manual,
    /// By issuer, then account name.
    Name,
    /// Most recently used (copied) first.
    Recent,
}


/// The text an account is found by, folded: issuer, name and tags, and when the issuer is a
/// service of the catalogue ([`crate::catalogue::find`]), that service's names and aliases, so
/// "インスタ" finds Instagram, "ぐーぐる" Google and "らくてん" 楽天.
pub fn haystack(issuer: &str, name: &str, tags: &[String]) -> String {
    let mut all = format!("{issuer}\n{name}");
    for t in tags {
        all.push('\n');
        all.push_str(t);
    }
    if let Some(service) = crate::catalogue::find(issuer) {
        for term in service.search_terms() {
            all.push('\n');
            all.push_str(term);
        }
    }
    fold(&all)
}

/// A search query, folded once for matching against many accounts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query(Vec<String>);

impl Query {
    /// Folds and splits what the user typed.
    pub fn new(text: &str) -> Query {
        Query(fold(text).split_whitespace().map(str::to_owned).collect())
    }

    /// Whether every word is in the folded haystack (an empty query matches everything).
    pub fn matches(&self, haystack: &str) -> bool {
        self.0.iter().all(|word| haystack.contains(word.as_str()))
    }
}

/// Whether every word of the (unfolded) query is in the folded haystack.
pub fn matches(query: &str, haystack: &str) -> bool {
    Query::new(query).matches(haystack)
}

/// A tag as stored: without the characters that are not drawn
/// ([`crate::account::visible_text`]), trimmed, inner whitespace collapsed; `None` if empty. Its
/// length and that it shows something are checked by the writers
/// ([`crate::account::check_tags`]), never cut silently.
pub fn clean_tag(tag: &str) -> Option<String> {
    let t: String = crate::account::visible_text(tag).split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Tags typed as one comma-separated field (`,` `、` or `，`), cleaned, without duplicates.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text.split([',', '、', '，']).filter_map(clean_tag) {
        if !tags.iter().any(|x| fold(x) == fold(&t)) {
            tags.push(t);
        }
    }
    tags
}

/// What ordering needs to know of an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortKey {
    /// Issuer.
    pub issuer: String,
    /// Account name.
    pub name: String,
    /// Pinned to the top.
    pub pinned: bool,
    /// Last copied, Unix ms.
    pub last_used_ms: Option<u64>,
}

/// The order to show accounts in (indices into `keys`, which are in manual order): pinned first,
/// then by `sort`; ties keep the manual order.
pub fn order(keys: &[SortKey], sort: SortOrder) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    let folded: Vec<(String, String)> = keys.iter().map(|k| (fold(&k.issuer), fold(&k.name))).collect();
    idx.sort_by(|&a, &b| {
        let (ka, kb) = (&keys[a], &keys[b]);
        kb.pinned.cmp(&ka.pinned).then_with(|| match sort {
            SortOrder::Manual => a.cmp(&b),
            SortOrder::Name => folded[a].cmp(&folded[b]).then(a.cmp(&b)),
            SortOrder::Recent => kb.last_used_ms.cmp(&ka.last_used_ms).then(a.cmp(&b)),
        })
    });
    idx
}

/// The monogram for an issuer (or the name when there is no issuer): its first letter, upper
/// case, and a hue from 0 to 359 that is the same for the same issuer everywhere.
pub fn monogram(issuer: &str, name: &str) -> (String, u16) {
    let (issuer, name) = (crate::account::visible_text(issuer), crate::account::visible_text(name));
    let source = if crate::account::has_visible(&issuer) { issuer.trim() } else { name.trim() };
    let letter: String = source.chars().find(|&c| !crate::account::is_blank(c)).map(|c| c.to_uppercase().collect()).unwrap_or_else(|| "?".into());
    // FNV-1a over the folded text: stable across runs and builds (unlike the std hasher).
    let hash = fold(source).bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    (letter, (hash % 360) as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_katakana_folds_as_nfkc_does() {
        // The expected strings are Python's unicodedata.normalize("NFKC", …) of the inputs.
        let all: String = (0xFF61..=0xFF9D).filter_map(char::from_u32).collect();
        assert_eq!(
            fold(&all),
            "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
        );
        assert_eq!(
            fold("ｶﾞｷﾞｸﾞｹﾞｺﾞｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟｳﾞ"),
            "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ"
        );
        assert_eq!(fold("ｲﾝｽﾀｸﾞﾗﾑ"), "インスタグラム");
        assert_eq!(fold("ﾌﾟﾚｲｽﾃｰｼｮﾝ"), "プレイステーション");
        // A mark that joins nothing stays a mark; it never changes the kana before it.
        assert_eq!(fold("ｱﾞｶﾟ"), "ア゛カ゜");
        assert!(matches("ｲﾝｽﾀ", &haystack("Instagram", "hanako", &[])));
        assert!(matches("ﾗｸﾃﾝ", &haystack("楽天", "", &[])));
    }

    #[test]
    fn width_case_and_kana_fold() {
        assert_eq!(fold("ＧｏｏＧｌｅ"), "google");
        assert!(matches("ＧｏｏＧｌｅ", &haystack("Google", "alice", &[])));
        assert!(matches("ぐーぐる", &haystack("グーグル", "", &[])));
        assert!(matches("git ALICE", &haystack("GitHub", "alice@example.com", &[])));
        assert!(matches("仕事", &haystack("Slack", "taro", &["仕事".into()])));
        assert!(!matches("gitlab", &haystack("GitHub", "alice", &[])));
        assert!(matches("", &haystack("GitHub", "alice", &[])));
    }

    #[test]
    fn services_are_found_by_what_people_call_them() {
        let ig = haystack("Instagram", "alice", &[]);
        let google = haystack("accounts.google.com", "bob@gmail.com", &[]);
        let rakuten = haystack("楽天", "taro", &[]);
        let x = haystack("Twitter", "carol", &[]);
        let unknown = haystack("Acme", "dave", &[]);
        for (query, hits) in [("インスタ", &ig), ("いんすた", &ig), ("ぐーぐる", &google), ("グーグル", &google), ("らくてん", &rakuten),
            ("rakuten", &rakuten), ("ついったー", &x), ("エックス", &x), ("twitter", &x), ("ｉｎｓｔａ", &ig), ("gmail", &google)]
        {
            assert!(matches(query, hits), "{query}");
        }
        for (query, misses) in [("インスタ", &google), ("らくてん", &ig), ("ぐーぐる", &unknown), ("インスタ", &unknown)] {
            assert!(!matches(query, misses), "{query}");
        }
        // The account's own words still count, together with the aliases.
        assert!(matches("インスタ alice", &ig));
        assert!(!matches("インスタ bob", &ig));
    }

    #[test]
    fn tags_are_cleaned_and_unique() {
        assert_eq!(parse_tags(" work , 仕事、Work,  , games "), vec!["work", "仕事", "games"]);
        assert_eq!(clean_tag("  a   b "), Some("a b".into()));
        assert_eq!(clean_tag("   "), None);
    }

    fn key(issuer: &str, pinned: bool, used: Option<u64>) -> SortKey {
        SortKey { issuer: issuer.into(), name: String::new(), pinned, last_used_ms: used }
    }

    #[test]
    fn pinned_first_then_the_chosen_order() {
        let keys = [key("zeta", false, Some(5)), key("Alpha", false, None), key("mid", true, Some(1)), key("beta", false, Some(9))];
        assert_eq!(order(&keys, SortOrder::Manual), vec![2, 0, 1, 3]);
        assert_eq!(order(&keys, SortOrder::Name), vec![2, 1, 3, 0]);
        assert_eq!(order(&keys, SortOrder::Recent), vec![2, 3, 0, 1]);
    }

    #[test]
    fn monograms_are_stable_per_issuer() {
        assert_eq!(monogram("github", "x").0, "G");
        assert_eq!(monogram("", "楽天").0, "楽");
        assert_eq!(monogram("GitHub", "a").1, monogram("ＧｉｔＨｕｂ", "b").1);
        assert_ne!(monogram("GitHub", "").1, monogram("Google", "").1);
        assert_eq!(monogram(" ", " ").0, "?");
    }
}
