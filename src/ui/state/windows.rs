//! The windows over the open vault (the add dialog, backup codes, move accounts, export), and the
//! rule that holds them: lock means locked, so none of them is open while the vault is not.

use super::{Phase, Session};
use leptos::prelude::*;

/// Which window over the open vault is open. Each view gets its own signal by context (the
/// views' `AddOpen`, `BackupCodesFor`, ...); the rule that closes them lives here.
#[derive(Clone, Copy)]
pub struct Windows {
    /// The add dialog.
    pub add: RwSignal<bool>,
    /// The backup codes of this entry.
    pub codes_for: RwSignal<Option<u64>>,
    /// The printable sheet of this entry's backup codes (nothing is typed in it).
    pub print_for: RwSignal<Option<u64>>,
    /// Move accounts (import and export).
    pub transfer: RwSignal<bool>,
    /// The export of this one entry.
    pub export_for: RwSignal<Option<u64>>,
}

impl Windows {
    /// Every window closed.
    pub fn new() -> Windows {
        Windows {
            add: RwSignal::new(false),
            codes_for: RwSignal::new(None),
            print_for: RwSignal::new(None),
            transfer: RwSignal::new(false),
            export_for: RwSignal::new(None),
        }
    }

    /// Closes every window; returns whether one that takes input was open (what was typed in it
    /// goes with it: each dialog clears its drafts when it closes).
    pub fn close_all(&self) -> bool {
        let mut closed = false;
        if self.add.get() {
            self.add.set(false);
            closed = true;
        }
        if self.codes_for.with(Option::is_some) {
            self.codes_for.set(None);
            closed = true;
        }
        if self.transfer.get() {
            self.transfer.set(false);
            closed = true;
        }
        if self.export_for.with(Option::is_some) {
            self.export_for.set(None);
            closed = true;
        }
        if self.print_for.with(Option::is_some) {
            self.print_for.set(None);
        }
        closed
    }

    /// Lock means locked: while the vault is not open, no window of it stays over the unlock
    /// screen (one opened while locked, by a click that raced the lock, is closed at once), and
    /// what was last said in `status` (it may name an account or a code) is cleared. A window
    /// closed by a lock is told on the unlock screen ([`Session::discarded`]).
    ///
    /// Reactive, not a step of [`Session::lock`]: a lock comes from this tab, another tab or
    /// the auto-lock, and a window can be asked for after it.
    pub fn close_while_locked(self, session: Session, status: RwSignal<String>) {
        Effect::new(move |_| {
            if session.phase.get() == Phase::Open {
                return;
            }
            status.set(String::new());
            if self.close_all() && session.phase.get_untracked() == Phase::Locked {
                session.discarded.set(true);
            }
        });
    }
}

impl Default for Windows {
    fn default() -> Self {
        Windows::new()
    }
}
