//! Issue 21, item 6: when a copied code comes off the clipboard again. Only while it is still
//! ours: read where the browser allows that without a prompt, else judged by what the page saw.
#![cfg(not(target_arch = "wasm32"))]

use authenticator::clipboard::{should_clear, tag, Leftover, Since, RELOAD_GAP_MS, UNLOAD_BLUR_MS};

const QUIET: Since = Since { copied_here: false, left: false };
const COPIED_HERE: Since = Since { copied_here: true, left: false };
const LEFT: Since = Since { copied_here: false, left: true };

#[test]
fn a_read_decides_where_the_clipboard_can_be_read() {
    for since in [QUIET, COPIED_HERE, LEFT, Since { copied_here: true, left: true }] {
        assert!(should_clear(since, Some(true)), "still ours: cleared ({since:?})");
        assert!(!should_clear(since, Some(false)), "the user's text: kept ({since:?})");
    }
}

#[test]
fn unread_the_page_clears_only_what_nothing_can_have_replaced() {
    assert!(should_clear(QUIET, None), "focus kept, nothing copied here: still ours");
    assert!(!should_clear(COPIED_HERE, None), "copied here since: the user's text");
    assert!(!should_clear(LEFT, None), "focus lost: the user may have copied elsewhere");
}

/// Chromium blurs the window just before a reload or a closing tab unloads the page: that is
/// not the user leaving to copy something elsewhere.
#[test]
fn a_blur_as_the_page_goes_away_is_not_the_user_leaving() {
    let gone = 1_700_000_000_000;
    assert_eq!(Since::at_unload(false, None, gone), QUIET);
    assert_eq!(Since::at_unload(false, Some(gone), gone), QUIET, "blurred by the unload itself");
    assert_eq!(Since::at_unload(false, Some(gone - UNLOAD_BLUR_MS), gone), QUIET);
    assert_eq!(Since::at_unload(false, Some(gone - UNLOAD_BLUR_MS - 1), gone), LEFT, "left earlier: the user may have copied elsewhere");
    assert_eq!(Since::at_unload(true, Some(gone), gone), COPIED_HERE);
    assert!(should_clear(Since::at_unload(false, Some(gone - 5), gone), None));
}

#[test]
fn the_note_for_the_next_load_reads_back_and_refuses_anything_else() {
    let note = Leftover { salt: 0xDEAD_BEEF, tag: 513, since: LEFT, left_ms: 1_700_000_000_123 };
    assert_eq!(note.encode(), "v1 3735928559 513 0 1 1700000000123");
    assert_eq!(Leftover::decode(&note.encode()), Some(note));
    for bad in ["", "v1", "v2 1 2 0 0 3", "v1 1 2 0 0", "v1 1 2 0 2 3", "v1 1 70000 0 0 3", "v1 1 2 0 0 3 4", "v1 x 2 0 0 3"] {
        assert_eq!(Leftover::decode(bad), None, "{bad:?}");
    }
}

#[test]
fn the_next_load_clears_what_is_still_ours() {
    let code = "12345678";
    let at = 1_700_000_000_000;
    let note = |since| Leftover { salt: 7, tag: tag(7, code), since, left_ms: at };
    // Readable: the tag decides, whatever happened.
    assert!(note(LEFT).should_clear(Some(code), at + 60_000, false));
    assert!(!note(QUIET).should_clear(Some("the user's own text"), at + 100, true));
    assert!(!note(QUIET).should_clear(Some(""), at + 100, true), "already cleared");
    // Unreadable: only a reload straight after, in front, of a code that was still ours.
    assert!(note(QUIET).should_clear(None, at + 800, true));
    assert!(note(QUIET).should_clear(None, at + RELOAD_GAP_MS, true));
    assert!(!note(QUIET).should_clear(None, at + RELOAD_GAP_MS + 1, true), "too long after: unknown");
    assert!(!note(QUIET).should_clear(None, at + 800, false), "the new page is not in front");
    assert!(!note(LEFT).should_clear(None, at + 800, true));
    assert!(!note(COPIED_HERE).should_clear(None, at + 800, true));
}

/// The tag tells a read apart from the code, but never gives the code away: every 6-digit code
/// shares its tag with others, and so do nearly all with many.
#[test]
fn the_tag_never_names_the_code() {
    for salt in [0x5EED_u32] {
        let mut bins = vec![0u32; 1 << 16];
        for n in 0..1_000_000u32 {
            bins[usize::from(tag(salt, &format!("{n:06}")))] += 1;
        }
        let codes_alone = bins.iter().filter(|&&b| b == 1).count();
        let codes_with_few = bins.iter().filter(|&&b| (1..5).contains(&b)).map(|&b| b as usize).sum::<usize>();
        assert!(codes_alone <= 2, "salt {salt}: {codes_alone} codes have a tag of their own");
        assert!(codes_with_few < 1_000, "salt {salt}: {codes_with_few} codes share their tag with fewer than 4 others");
    }
    assert_ne!(tag(1, "123456"), tag(2, "123456"), "salted (for these two salts)");
}
