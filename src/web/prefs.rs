//! Non-secret preferences (the interface language) and the browser's language list.
//! Nothing secret is ever written here: localStorage is plaintext.

use crate::i18n::Lang;

const LANG_KEY: &str = "pref.lang";

/// Where preferences live.
pub trait Prefs {
    /// The language the user chose, if any.
    fn language(&self) -> Option<Lang>;
    /// Remembers the chosen language.
    fn set_language(&self, lang: Lang);
}

/// Preferences in `localStorage`; silently does nothing where storage is unavailable.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalPrefs;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Prefs for LocalPrefs {
    fn language(&self) -> Option<Lang> {
        match storage()?.get_item(LANG_KEY).ok().flatten()?.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn set_language(&self, lang: Lang) {
        if let Some(s) = storage() {
            // A full or blocked storage only loses the preference; the choice still applies now.
            let _ = s.set_item(LANG_KEY, lang.tag());
        }
    }
}

/// `navigator.languages` (falling back to `navigator.language`).
pub fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

/// The language to start in: the saved choice, else the browser's preference.
pub fn initial_language(prefs: &impl Prefs) -> Lang {
    prefs.language().unwrap_or_else(|| {
        let tags = browser_languages();
        Lang::from_tags(tags.iter().map(String::as_str))
    })
}

/// Sets `<html lang>` so screen readers and fonts pick the right language.
pub fn set_document_language(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

const THEME_KEY: &str = "pref.theme";

/// The colour theme: the system's, or forced light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The saved theme choice.
pub fn theme() -> Theme {
    match storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten()).as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

/// Saves the theme and applies it (`<html data-theme>`; the stylesheet does the rest).
pub fn set_theme(theme: Theme) {
    let value = match theme {
        Theme::System => "",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    if let Some(s) = storage() {
        let _ = if value.is_empty() { s.remove_item(THEME_KEY) } else { s.set_item(THEME_KEY, value) };
    }
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if value.is_empty() { root.remove_attribute("data-theme") } else { root.set_attribute("data-theme", value) };
    }
}
