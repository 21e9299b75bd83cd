//! Which notice the open vault shows: one at a time, the most important first. A person who just
//! added their first account used to meet four at once (the clock, "no backup yet", the storage
//! note and the backup-codes question); now each waits its turn, and a dismissed one stays
//! dismissed (each notice keeps its own dismissal: the backup banner for the day, the storage note
//! for a week, the others until closed), so the next in line shows.
//!
//! The order:
//! 1. the codes may be wrong (the device clock is off and the codes do not use the corrected
//!    time): a code that is refused can lock a person out, so nothing hides it;
//! 2. the answer to what the person just did: the question after an add (paste this site's
//!    backup codes?) and what a restore brought back. They follow the person's own tap and go
//!    once answered;
//! 3. the vault was never saved to a backup file (or many changes since);
//! 4. this browser may delete the data (the home-screen steps);
//! 5. the rest: the browser's answer to the request to keep the data.

/// A notice the open vault can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Notice {
    /// The device clock is off and the codes shown may be refused.
    CodesMayBeWrong,
    /// Just added an account: paste its site's backup codes now or later.
    AfterAdd,
    /// Just restored a backup file: what came back.
    Restored,
    /// No backup file was ever made of this vault (or it is well out of date).
    NoBackupFile,
    /// This browser may delete the data: how to keep it.
    StorageMayBeEvicted,
    /// The browser's answer to keeping the data, said once.
    StorageAnswer,
}

impl Notice {
    /// Every notice, most important first.
    pub const ORDER: [Notice; 6] =
        [Notice::CodesMayBeWrong, Notice::AfterAdd, Notice::Restored, Notice::NoBackupFile, Notice::StorageMayBeEvicted, Notice::StorageAnswer];
}

/// The one notice to show among those waiting (each already past its own dismissal), if any.
pub fn first(waiting: impl IntoIterator<Item = Notice>) -> Option<Notice> {
    waiting.into_iter().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_the_enum_order() {
        let mut sorted = Notice::ORDER;
        sorted.sort();
        assert_eq!(sorted, Notice::ORDER);
    }
}
