//! Whether this browser will keep the vault, and what to tell the user about it: a pure decision
//! from what the browser said (`navigator.storage.persisted()`), whether the app runs installed
//! (`display-mode: standalone`) and a guess at the engine (from the user agent, used only to
//! choose the words). The browser I/O is `web::persistence`; the words are `i18n::storage_*`.

/// A week, the shortest time between two showings of a dismissed note.
pub const NOTE_EVERY_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// The engine, as far as the wording needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Safari or any browser on iOS/iPadOS (all WebKit): data of a site not visited for 7 days
    /// may be deleted, unless the app was added to the home screen.
    WebKit,
    /// Chromium, Gecko and the rest: data may be deleted when space runs low, unless persisted.
    Other,
}

/// The device, to put its home-screen steps first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// iPhone or iPad.
    Ios,
    /// Android.
    Android,
    /// Anything else (a computer).
    Desktop,
}

/// What the browser said and where the app runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersistenceFacts {
    /// `navigator.storage.persisted()` (after asking, `persist()`'s answer); `None` where the
    /// browser has no such API.
    pub persisted: Option<bool>,
    /// Opened as an installed app (home screen), not in a browser tab.
    pub standalone: bool,
    /// The engine guessed from the user agent.
    pub engine: Engine,
    /// The device guessed from the user agent.
    pub platform: Platform,
}

/// What to tell the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// The browser keeps the data: say so, nothing to do.
    Kept,
    /// Safari (WebKit) in a tab: data can go after 7 days without a visit. Add to the home screen.
    SafariTab,
    /// The browser may delete the data when space runs low (it refused or cannot promise to keep
    /// it). Add to the home screen, which makes browsers keep it, and keep a backup.
    MayDelete,
    /// Installed, yet the browser does not promise to keep the data: keep a backup file.
    InstalledNotKept,
}

impl Advice {
    /// Whether this advice asks the user to do something (the note), rather than reassure.
    pub fn needs_note(self) -> bool {
        self != Advice::Kept
    }
}

/// Decides what to tell the user.
pub fn advise(f: PersistenceFacts) -> Advice {
    match (f.standalone, f.engine, f.persisted) {
        // WebKit's 7-day rule applies to a tab whatever persisted() says.
        (false, Engine::WebKit, _) => Advice::SafariTab,
        (_, _, Some(true)) => Advice::Kept,
        // Installed on WebKit: the 7-day rule does not apply to home-screen apps.
        (true, Engine::WebKit, _) => Advice::Kept,
        (true, Engine::Other, _) => Advice::InstalledNotKept,
        (false, Engine::Other, _) => Advice::MayDelete,
    }
}

/// Guesses engine and device from the user agent (only to choose words: nothing depends on it
/// being right). Every iOS browser is WebKit; an iPad may call itself a Mac, so a Mac with touch
/// counts as iOS.
pub fn guess(user_agent: &str, touch_points: u32) -> (Engine, Platform) {
    let ua = user_agent.to_ascii_lowercase();
    let ios = ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod") || (ua.contains("macintosh") && touch_points > 1);
    let android = ua.contains("android");
    let platform = if ios {
        Platform::Ios
    } else if android {
        Platform::Android
    } else {
        Platform::Desktop
    };
    let chromium_or_gecko = ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("firefox/") || ua.contains("edg/");
    let webkit = ios || (ua.contains("applewebkit") && !chromium_or_gecko);
    (if webkit { Engine::WebKit } else { Engine::Other }, platform)
}

/// Whether a note dismissed at `dismissed_ms` shows again at `now_ms`: at most once a week (a
/// clock set back shows it, rather than hiding it for good).
pub fn note_due(now_ms: u64, dismissed_ms: Option<u64>) -> bool {
    match dismissed_ms {
        None => true,
        Some(d) => now_ms < d || now_ms - d >= NOTE_EVERY_MS,
    }
}

/// Whether to ask `navigator.storage.persist()` now: once, when the vault first holds an
/// account (a browser grants it more readily to a site in use, and asking on the create screen
/// would ask before there is anything to keep).
pub fn ask_persist_now(accounts: usize, asked: bool, persisted: Option<bool>) -> bool {
    accounts > 0 && !asked && persisted != Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    const CHROME_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0 Mobile/15E148 Safari/604.1";
    const CHROME_ANDROID: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36";
    const SAFARI_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    const FIREFOX_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const CHROME_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    #[test]
    fn engine_and_device_from_the_user_agent() {
        assert_eq!(guess(SAFARI_IPHONE, 5), (Engine::WebKit, Platform::Ios));
        assert_eq!(guess(CHROME_IPHONE, 5), (Engine::WebKit, Platform::Ios), "every iOS browser is WebKit");
        assert_eq!(guess(CHROME_ANDROID, 5), (Engine::Other, Platform::Android));
        assert_eq!(guess(SAFARI_MAC, 0), (Engine::WebKit, Platform::Desktop));
        assert_eq!(guess(SAFARI_MAC, 5), (Engine::WebKit, Platform::Ios), "an iPad asking for the desktop site");
        assert_eq!(guess(FIREFOX_LINUX, 0), (Engine::Other, Platform::Desktop));
        assert_eq!(guess(CHROME_LINUX, 0), (Engine::Other, Platform::Desktop));
        assert_eq!(guess("", 0), (Engine::Other, Platform::Desktop));
    }

    fn facts(persisted: Option<bool>, standalone: bool, engine: Engine) -> PersistenceFacts {
        PersistenceFacts { persisted, standalone, engine, platform: Platform::Desktop }
    }

    #[test]
    fn what_to_tell() {
        use Engine::*;
        assert_eq!(advise(facts(Some(true), false, Other)), Advice::Kept);
        assert_eq!(advise(facts(Some(false), false, Other)), Advice::MayDelete);
        assert_eq!(advise(facts(None, false, Other)), Advice::MayDelete, "no API: no promise");
        assert_eq!(advise(facts(Some(true), false, WebKit)), Advice::SafariTab, "the 7-day rule ignores persisted() in a tab");
        assert_eq!(advise(facts(None, true, WebKit)), Advice::Kept, "a home-screen app is exempt");
        assert_eq!(advise(facts(Some(false), true, Other)), Advice::InstalledNotKept);
        assert_eq!(advise(facts(Some(true), true, Other)), Advice::Kept);
        assert!(!Advice::Kept.needs_note());
        assert!(Advice::SafariTab.needs_note() && Advice::MayDelete.needs_note() && Advice::InstalledNotKept.needs_note());
    }

    #[test]
    fn a_dismissed_note_comes_back_after_a_week() {
        let day = 24 * 60 * 60 * 1000;
        assert!(note_due(1_000, None));
        assert!(!note_due(10 * day, Some(10 * day)));
        assert!(!note_due(16 * day, Some(10 * day)));
        assert!(note_due(17 * day, Some(10 * day)));
        assert!(note_due(day, Some(10 * day)), "a clock set back shows it");
    }

    #[test]
    fn persistence_is_asked_once_after_the_first_account() {
        assert!(!ask_persist_now(0, false, Some(false)), "never on an empty vault (the create screen)");
        assert!(ask_persist_now(1, false, Some(false)));
        assert!(ask_persist_now(1, false, None));
        assert!(!ask_persist_now(1, true, Some(false)), "once");
        assert!(!ask_persist_now(3, false, Some(true)), "already kept");
    }
}
