//! Issue 24: one notice at a time, chosen by a fixed order (codes may be wrong > the answer to what
//! the person just did > no backup file > storage may be evicted > the rest).
use authenticator::notices::{first, Notice};
use Notice::*;

#[test]
fn nothing_waiting_shows_nothing() {
    assert_eq!(first([]), None);
}

#[test]
fn after_the_first_add_the_question_comes_first_then_the_backup_file_then_storage() {
    // The first add: the backup-codes question, no backup file, a browser that may evict, and its answer.
    let mut waiting = vec![StorageAnswer, StorageMayBeEvicted, NoBackupFile, AfterAdd];
    let mut seen = Vec::new();
    while let Some(n) = first(waiting.iter().copied()) {
        seen.push(n);
        waiting.retain(|w| *w != n); // answered or dismissed: the next one shows
    }
    assert_eq!(seen, vec![AfterAdd, NoBackupFile, StorageMayBeEvicted, StorageAnswer]);
}

#[test]
fn codes_that_may_be_wrong_hide_everything_else() {
    for other in Notice::ORDER {
        assert_eq!(first([other, CodesMayBeWrong]), Some(CodesMayBeWrong));
    }
}

#[test]
fn a_restore_summary_is_shown_before_the_reminders() {
    assert_eq!(first([StorageMayBeEvicted, NoBackupFile, Restored]), Some(Restored));
}

#[test]
fn the_order_does_not_depend_on_the_order_asked_in() {
    let all = Notice::ORDER;
    for rotate in 0..all.len() {
        let mut v = all.to_vec();
        v.rotate_left(rotate);
        assert_eq!(first(v.iter().rev().copied()), Some(CodesMayBeWrong));
        v.retain(|n| *n != CodesMayBeWrong);
        assert_eq!(first(v), Some(AfterAdd));
    }
}
