//! Android shared-preferences XML files (what Aegis reads from a phone for Authy, Battle.net and
//! FreeOTP), parsed with `roxmltree`.

/// The entries of an Android shared-preferences file (`<map>` of `<string name=…>text</string>`
/// and `<int name=… value=…/>`), as (name, value); `None` when it is not one.
pub(crate) fn prefs(text: &str) -> Option<Vec<(String, String)>> {
    let doc = roxmltree::Document::parse(text).ok()?;
    let map = doc.root_element();
    if map.tag_name().name() != "map" {
        return None;
    }
    Some(
        map.children()
            .filter(|n| n.is_element())
            .filter_map(|n| {
                let name = n.attribute("name")?.to_owned();
                let value = n.attribute("value").map(str::to_owned).unwrap_or_else(|| n.text().unwrap_or_default().to_owned());
                Some((name, value))
            })
            .collect(),
    )
}
