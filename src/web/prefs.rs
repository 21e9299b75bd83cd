//! Everything this app keeps in `localStorage` ([`Key`]: the interface language and theme, notes
//! put away, the last clock measurement), and the browser's language list. Nothing secret is ever
//! written here: localStorage is plaintext.

use crate::i18n::Lang;

/// Every key this app keeps in `localStorage`, in one place; none holds anything secret. The
/// names are the ones earlier versions wrote, so nobody's choices are lost on an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The interface language the user chose (`ja`, `en`).
    Language,
    /// The colour theme the user chose (`light`, `dark`; absent: the system's).
    Theme,
    /// When the storage note was last put away (Unix ms).
    StorageNoteDismissed,
    /// The local day number on which the backup banner was last put away.
    BackupBannerDismissedDay,
    /// The last clock measurement ([`crate::timesync::Measured`] as text).
    ClockMeasured,
    /// Whether codes use the corrected time (`on`, `off`).
    ClockCorrect,
    /// The offer to unlock with a fingerprint or face was answered ("later", made, or this
    /// device cannot): it is not shown again.
    PasskeyOfferDone,
}

impl Key {
    /// The name it is stored under.
    pub const fn name(self) -> &'static str {
        match self {
            Key::Language => "pref.lang",
            Key::Theme => "pref.theme",
            Key::StorageNoteDismissed => "pref.storageNoteDismissed",
            Key::BackupBannerDismissedDay => "backup.banner-dismissed-day",
            Key::ClockMeasured => "clock.measured",
            Key::ClockCorrect => "clock.correct",
            Key::PasskeyOfferDone => "pref.passkeyOfferDone",
        }
    }
}

/// The value kept under `key`, where storage is available.
pub fn get(key: Key) -> Option<String> {
    storage()?.get_item(key.name()).ok().flatten()
}

/// Keeps `value` under `key`. A full or blocked storage only loses the value (the choice still
/// applies now; a note put away may show again).
pub fn set(key: Key, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key.name(), value);
    }
}

/// Forgets `key`.
pub fn remove(key: Key) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key.name());
    }
}

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
        match get(Key::Language)?.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn set_language(&self, lang: Lang) {
        set(Key::Language, lang.tag());
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
    match get(Key::Theme).as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

/// The value of `<html data-theme>` for `theme` (and what is saved): none for the system's.
fn theme_value(theme: Theme) -> &'static str {
    match theme {
        Theme::System => "",
        Theme::Light => "light",
        Theme::Dark => "dark",
    }
}

/// Saves the theme and applies it (`<html data-theme>`; the stylesheet does the rest).
pub fn set_theme(theme: Theme) {
    match theme_value(theme) {
        "" => remove(Key::Theme),
        value => set(Key::Theme, value),
    }
    apply_theme(theme);
}

/// Applies `theme` to the page without saving it (the saved choice, at start).
pub fn apply_theme(theme: Theme) {
    let value = theme_value(theme);
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if value.is_empty() { root.remove_attribute("data-theme") } else { root.set_attribute("data-theme", value) };
    }
}
