//! The user's settings kept with the accounts (auto-lock, list order, thresholds, privacy).

use crate::backup_codes::DEFAULT_LOW_THRESHOLD;
use crate::organize::SortOrder;
use serde::{Deserialize, Serialize};

/// Idle minutes before locking, unless the user chose otherwise.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// User settings kept with the accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Lock after this many idle minutes (and after the tab has been hidden that long).
    pub auto_lock_minutes: u32,
    /// Warn to generate new backup codes when this many or fewer remain.
    #[serde(default = "default_low_threshold")]
    pub low_codes_threshold: u32,
    /// How the list is ordered.
    #[serde(default)]
    pub sort: SortOrder,
    /// Codes stay hidden until tapped, and hide again after their period.
    #[serde(default)]
    pub tap_to_reveal: bool,
    /// Codes are hidden while the window does not have the focus.
    #[serde(default)]
    pub hide_on_blur: bool,
}

fn default_low_threshold() -> u32 {
    DEFAULT_LOW_THRESHOLD
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            low_codes_threshold: DEFAULT_LOW_THRESHOLD,
            sort: SortOrder::Manual,
            tap_to_reveal: false,
            hide_on_blur: false,
        }
    }
}
