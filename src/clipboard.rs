//! When a code the app copied may be taken off the clipboard again. Pure: the browser side
//! (`web::clipboard`) reports what it saw and does what this decides.
//!
//! A copied code (TOTP, HOTP, Steam, backup code, an account's link) is cleared
//! [`CLEAR_AFTER_MS`] after the copy, and when the page goes away (`pagehide`), but only while
//! the clipboard still holds it: clearing text the user copied since would lose their text.
//!
//! Whether it still holds it is known for sure only by reading it, and reading may make the
//! browser ask for permission (Chromium's prompt, Firefox's and Safari's "Paste" bubble). The app
//! never causes a prompt: it reads only where the Permissions API says `clipboard-read` is
//! already granted. Elsewhere it goes by what the page itself can see since the copy:
//! - a `copy` or `cut` in this page: the user copied something else here, so it is not ours;
//! - the page lost the focus or was hidden: the user may have copied something in another app or
//!   tab, or nothing at all. There is no way to tell, and the two mistakes are not alike: wiping
//!   the user's own text loses something they meant to keep, whereas leaving our code behind
//!   leaves something that expires (a TOTP code in a minute) or that they chose to copy (a
//!   backup code). So the code is then left where it is;
//! - neither: nothing else can have written to the clipboard (another app or tab needs the
//!   focus to copy; a clipboard manager writing in the background is the one exception no page
//!   can see), so it is still ours and is cleared.

/// How long a copied code stays on the clipboard (ms).
pub const CLEAR_AFTER_MS: u64 = 30_000;

/// How soon after the page went away its next load in the same tab may still finish a clear it
/// could not read for (ms): a reload. Longer, and the user may have copied something elsewhere
/// in between, which the new page cannot see.
pub const RELOAD_GAP_MS: u64 = 5_000;

/// How long before the page goes away (`pagehide`) a loss of focus is part of its going away
/// (ms): Chromium blurs the window just before it unloads a page (a reload, the tab closing), and
/// a user clicking the browser's reload button moves the focus out of the page first. Nobody
/// leaves, copies something elsewhere and has the page unload within a second.
pub const UNLOAD_BLUR_MS: u64 = 1_000;

/// What the page saw since it put a code on the clipboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Since {
    /// A `copy` or `cut` happened in this page: the clipboard holds what the user copied.
    pub copied_here: bool,
    /// The page lost the focus or was hidden: the user may have copied elsewhere.
    pub left: bool,
}

impl Since {
    /// What was seen when the page goes away at `gone_ms`, having first lost the focus (or been
    /// hidden) at `left_at_ms` since the copy: a loss of focus within [`UNLOAD_BLUR_MS`] before
    /// is the going away itself, not the user leaving.
    pub fn at_unload(copied_here: bool, left_at_ms: Option<u64>, gone_ms: u64) -> Since {
        Since { copied_here, left: left_at_ms.is_some_and(|at| gone_ms.saturating_sub(at) > UNLOAD_BLUR_MS) }
    }
}

/// Whether to clear the clipboard now. `read` is whether it still holds our text, where it could
/// be read without a prompt (`None` where it could not): that answer is the truth and decides.
/// Otherwise only when nothing since the copy can have changed it.
pub fn should_clear(since: Since, read: Option<bool>) -> bool {
    match read {
        Some(ours) => ours,
        None => !since.copied_here && !since.left,
    }
}

/// A short tag of a copied text, for the note a page leaves for its next load (in
/// `sessionStorage`, so on disk in some browsers): 16 bits of SHA-256 over a random salt and the
/// text. It never lets the text be recovered: 16 bits leave about 15 candidates for a 6-digit
/// code and 1,500 for an 8-digit backup code. It only tells whether a clipboard read later
/// holds the same text, with a false match once in 65,536 (then a text that happened to match
/// is cleared).
pub fn tag(salt: u32, text: &str) -> u16 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(salt.to_be_bytes());
    h.update(text.as_bytes());
    let d = h.finalize();
    u16::from_be_bytes([d[0], d[1]])
}

/// The note a page leaves when it goes away with a code still on the clipboard, so the next
/// load of the page in this tab can finish the clear (an asynchronous clipboard write started
/// while the page unloads may never finish).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leftover {
    /// The salt of [`Leftover::tag`].
    pub salt: u32,
    /// [`tag`] of the copied text.
    pub tag: u16,
    /// What the page had seen when it went away.
    pub since: Since,
    /// When it went away (Unix ms).
    pub left_ms: u64,
}

impl Leftover {
    /// As stored: `v1 salt tag copied_here left left_ms`, numbers in decimal.
    pub fn encode(&self) -> String {
        format!("v1 {} {} {} {} {}", self.salt, self.tag, u8::from(self.since.copied_here), u8::from(self.since.left), self.left_ms)
    }

    /// Reads [`Leftover::encode`]'s text; `None` for anything else.
    pub fn decode(text: &str) -> Option<Leftover> {
        let mut parts = text.split(' ');
        if parts.next()? != "v1" {
            return None;
        }
        let salt = parts.next()?.parse().ok()?;
        let tag = parts.next()?.parse().ok()?;
        let flag = |p: Option<&str>| match p? {
            "0" => Some(false),
            "1" => Some(true),
            _ => None,
        };
        let since = Since { copied_here: flag(parts.next())?, left: flag(parts.next())? };
        let left_ms = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(Leftover { salt, tag, since, left_ms })
    }

    /// Whether the next load clears the clipboard at `now_ms`. `read` is the clipboard's text
    /// where it could be read without a prompt: cleared if it still holds the copied text (by
    /// its tag). Where it could not be read: cleared only if the page went away with the code
    /// still its own ([`should_clear`]), this load came straight after (a reload, within
    /// [`RELOAD_GAP_MS`]) and has the focus (nothing took it in between).
    pub fn should_clear(&self, read: Option<&str>, now_ms: u64, focused: bool) -> bool {
        match read {
            Some(text) => tag(self.salt, text) == self.tag,
            None => should_clear(self.since, None) && focused && now_ms.saturating_sub(self.left_ms) <= RELOAD_GAP_MS,
        }
    }
}
