//! The auto-lock rule: whether an open vault should lock, from the user's input and the page's
//! visibility in this tab and in the app's other tabs. Pure: the caller passes the time.

/// Whether an open vault should lock now: idle for `minutes`, or hidden for that long.
/// `minutes == 0` means never.
pub fn should_lock(now_ms: u64, last_activity_ms: u64, hidden_since_ms: Option<u64>, minutes: u32) -> bool {
    if minutes == 0 {
        return false;
    }
    let limit = u64::from(minutes) * 60_000;
    now_ms.saturating_sub(last_activity_ms) >= limit || hidden_since_ms.is_some_and(|h| now_ms.saturating_sub(h) >= limit)
}

/// Another tab's input is passed on at most this often (the lock can then come at most this much
/// early in a tab that only heard of it).
pub const SHARE_INPUT_EVERY_MS: u64 = 1_000;

/// What the auto-lock rule knows about the user, in this tab and as heard from the app's other
/// tabs: the vault locks when nobody has used it in any tab for the chosen time, so a tab in the
/// background never locks the one being used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Presence {
    /// Last input (pointer or key) in this tab.
    pub own_input_ms: u64,
    /// Latest input another tab reported.
    pub other_input_ms: u64,
    /// When this tab was hidden, while it is.
    pub hidden_since_ms: Option<u64>,
    /// When this tab last told the others about its input.
    pub shared_ms: Option<u64>,
}

impl Presence {
    /// A tab that starts (or unlocks) at `now_ms` counts as used then.
    pub fn new(now_ms: u64) -> Presence {
        Presence { own_input_ms: now_ms, other_input_ms: 0, hidden_since_ms: None, shared_ms: None }
    }

    /// The last input in any tab.
    pub fn last_input_ms(&self) -> u64 {
        self.own_input_ms.max(self.other_input_ms)
    }

    /// Since when the app has been out of sight and out of use: hidden time counts only from the
    /// later of this tab being hidden and the last input in another tab (a tab hidden for an hour
    /// while another is in use has been hidden, but the user has not gone away).
    pub fn unused_hidden_since(&self) -> Option<u64> {
        self.hidden_since_ms.map(|h| h.max(self.other_input_ms))
    }

    /// Whether the open vault should lock at `now_ms`.
    pub fn should_lock(&self, now_ms: u64, minutes: u32) -> bool {
        should_lock(now_ms, self.last_input_ms(), self.unused_hidden_since(), minutes)
    }

    /// Input in this tab at `now_ms`. Returns whether to tell the other tabs now.
    ///
    /// Callers first ask [`Presence::should_lock`]: timers stop while a device sleeps or a
    /// background tab is frozen, so the first input afterwards must not count as use of a vault
    /// that ought to have locked meanwhile.
    pub fn input(&mut self, now_ms: u64) -> bool {
        self.own_input_ms = now_ms;
        let share = self.shared_ms.is_none_or(|s| now_ms.saturating_sub(s) >= SHARE_INPUT_EVERY_MS || now_ms < s);
        if share {
            self.shared_ms = Some(now_ms);
        }
        share
    }

    /// Another tab reports input at `at_ms`. A report from the future (another tab's clock is
    /// the same clock, but a message cannot be trusted to say so) counts as now.
    pub fn heard_input(&mut self, at_ms: u64, now_ms: u64) {
        self.other_input_ms = self.other_input_ms.max(at_ms.min(now_ms));
    }

    /// This tab was hidden (`true`) or shown again at `now_ms`.
    pub fn set_hidden(&mut self, hidden: bool, now_ms: u64) {
        match (hidden, self.hidden_since_ms) {
            (true, None) => self.hidden_since_ms = Some(now_ms),
            (false, Some(_)) => self.hidden_since_ms = None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_idle_or_hidden_time() {
        let min = 60_000;
        assert!(!should_lock(10 * min, 6 * min, None, 5));
        assert!(should_lock(11 * min, 6 * min, None, 5));
        assert!(should_lock(11 * min, 10 * min, Some(6 * min), 5));
        assert!(!should_lock(11 * min, 10 * min, Some(7 * min), 5));
        assert!(!should_lock(u64::MAX, 0, Some(0), 0), "0 minutes: never");
    }

    const MIN: u64 = 60_000;

    #[test]
    fn a_hidden_tab_does_not_lock_while_another_tab_is_in_use() {
        // Tab A was hidden at minute 1; the user works in tab B, whose input A hears each minute.
        let mut a = Presence::new(0);
        a.set_hidden(true, MIN);
        for m in 2..=20 {
            a.heard_input(m * MIN, m * MIN);
            assert!(!a.should_lock(m * MIN + 30_000, 5), "minute {m}: B is in use");
        }
        // B goes quiet too: five minutes after B's last input, A locks.
        assert!(!a.should_lock(24 * MIN, 5));
        assert!(a.should_lock(25 * MIN, 5));
    }

    #[test]
    fn idle_time_counts_from_the_last_input_in_any_tab() {
        let mut p = Presence::new(0);
        p.heard_input(4 * MIN, 4 * MIN);
        assert!(!p.should_lock(8 * MIN, 5), "another tab was used 4 minutes ago");
        assert!(p.should_lock(9 * MIN, 5));
        assert_eq!(p.last_input_ms(), 4 * MIN);
        // An older report changes nothing.
        p.heard_input(MIN, 9 * MIN);
        assert_eq!(p.last_input_ms(), 4 * MIN);
    }

    #[test]
    fn a_report_from_the_future_counts_as_now() {
        let mut p = Presence::new(0);
        p.heard_input(u64::MAX, 3 * MIN);
        assert_eq!(p.other_input_ms, 3 * MIN);
        assert!(p.should_lock(8 * MIN, 5), "the vault still locks five minutes later");
    }

    #[test]
    fn all_tabs_hidden_counts_from_the_later_of_hiding_and_other_input() {
        let mut p = Presence::new(0);
        p.set_hidden(true, 2 * MIN);
        p.set_hidden(true, 3 * MIN); // still hidden: the first moment counts
        assert_eq!(p.unused_hidden_since(), Some(2 * MIN));
        p.heard_input(4 * MIN, 4 * MIN);
        assert_eq!(p.unused_hidden_since(), Some(4 * MIN));
        p.set_hidden(false, 5 * MIN);
        assert_eq!(p.unused_hidden_since(), None);
    }

    #[test]
    fn input_after_frozen_timers_finds_the_vault_due_to_lock() {
        // No tick ran for ten minutes (the device slept): the first click must be checked
        // against the old input time before it counts.
        let mut p = Presence::new(0);
        assert!(p.should_lock(10 * MIN, 5), "due before the click is taken");
        p.input(10 * MIN);
        assert!(!p.should_lock(10 * MIN, 5), "after the click, the old idle time is gone: hence the order");
    }

    #[test]
    fn input_is_shared_at_most_once_a_second() {
        let mut p = Presence::new(0);
        assert!(p.input(10_000), "the first input is shared");
        assert!(!p.input(10_400));
        assert!(p.input(11_000));
        assert!(p.input(5_000), "a clock set back shares at once");
        assert_eq!(p.own_input_ms, 5_000);
    }
}
