//! One calm line at the top of the list about backups ("最後のバックアップ: 3日前"), which turns
//! into a banner with one button when the vault has never been backed up or changes have
//! waited for days (the rule: `BackupFileState::notice`), and what the last one-tap backup saved.

use super::state::{keep_waiting, BackupFileDone, NoticeBoard, Session};
use crate::notices::Notice;
use super::AppState;
use crate::i18n::{self, Lang};
use crate::vault::{BackupFileKind, BackupFileNotice, DAY_MS};
use crate::web::clock::local_ms;
use crate::web::share;
use leptos::prelude::*;

/// "2026年11月23日 16:30" / "Nov 23, 2026 16:30" in the device's time zone.
pub fn local_time(lang: Lang, utc_ms: u64) -> String {
    let l = local_ms(utc_ms);
    format!("{} {:02}:{:02}", i18n::date(lang, l), (l / 3_600_000) % 24, (l / 60_000) % 60)
}

/// What the last one-tap backup did, in words.
pub fn done_text(lang: Lang, done: &BackupFileDone) -> String {
    match done {
        BackupFileDone::Saved { kind, name, at_ms, accounts, codes } => i18n::backup_file_saved(lang, *kind == BackupFileKind::Share, name, &local_time(lang, *at_ms), *accounts, *codes),
        BackupFileDone::Cancelled => i18n::backup_file_cancelled(lang).to_owned(),
        BackupFileDone::Failed => i18n::backup_file_failed(lang).to_owned(),
    }
}

/// The backup line or banner, and the message after a backup.
#[component]
pub fn BackupStatus() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let dismissed = RwSignal::new(share::banner_dismissed_day());
    // A minute is the finest step the line shows: the 1 Hz tick does not re-render it.
    let minute = Memo::new(move |_| state.now_ms.get() / 60_000);
    let notice = Memo::new(move |_| {
        let now = minute.get() * 60_000;
        let today = local_ms(now) / DAY_MS;
        session.backup_file_state.with(|(b, entries)| b.notice(*entries, now, today, dismissed.get()))
    });
    let board = expect_context::<NoticeBoard>();
    let is_banner = move || session.kept_in.get() == super::state::KeptIn::IndexedDb && notice.get() == BackupFileNotice::Banner;
    keep_waiting(Notice::NoBackupFile, is_banner);
    let back_up = move |_| session.back_up_now();
    let later = move |_| {
        let today = local_ms(state.now_ms.get_untracked()) / DAY_MS;
        share::dismiss_banner(today);
        dismissed.set(Some(today));
    };
    let busy = move || session.backing_up.get();
    let button = move |lang: Lang, class: &'static str| view! {
        <button class=class data-testid="backup-now" disabled=busy on:click=back_up>{i18n::back_up_now(lang)}</button>
    };
    view! {
        <div class="backup-status" data-testid="backup-status">
            {move || {
                let lang = state.lang.get();
                let now = minute.get() * 60_000;
                let (backup, _) = session.backup_file_state.get();
                let last_ago = backup.last.as_ref().map(|l| i18n::ago(lang, now, l.at_ms));
                // Without storage there is nothing to back up (the app already says nothing
                // will be kept): no line, no banner.
                if session.kept_in.get() != super::state::KeptIn::IndexedDb {
                    return ().into_any();
                }
                match notice.get() {
                    BackupFileNotice::Nothing => ().into_any(),
                    // Waiting for its turn: another notice is shown (one at a time).
                    BackupFileNotice::Banner if !board.shows(Notice::NoBackupFile) => ().into_any(),
                    BackupFileNotice::Banner => view! {
                        <section class="backup-banner" data-notice="no-backup-file" role="region" aria-label=i18n::never_backed_up(lang) data-testid="backup-banner">
                            <p>{i18n::backup_file_banner(lang, last_ago.as_deref(), backup.changes)}</p>
                            <div class="buttons">
                                {button(lang, "backup-now primary")}
                                <button class="ghost" data-testid="backup-later" aria-label=i18n::later_label(lang) on:click=later>{i18n::later(lang)}</button>
                            </div>
                        </section>
                    }.into_any(),
                    BackupFileNotice::Line => {
                        let text = match (&backup.last, &last_ago) {
                            (Some(l), Some(ago)) => i18n::last_backup_file(lang, ago, l.kind),
                            _ => i18n::never_backed_up(lang).to_owned(),
                        };
                        let changes = (backup.changes > 0).then(|| i18n::changes_since(lang, backup.changes));
                        let offer = backup.last.is_none() || backup.changes > 0;
                        view! {
                            <p class="backup-line" data-testid="backup-line">
                                <span data-testid="backup-last">{text}</span>
                                {changes.map(|c| view! { <span class="backup-changes" data-testid="backup-changes">{c}</span> })}
                                {offer.then(|| button(lang, "backup-now"))}
                            </p>
                        }.into_any()
                    }
                }
            }}
            // What was saved stays until the next change (then the line counts changes instead).
            {move || session.backup_done.get().filter(|done| !matches!(done, BackupFileDone::Saved { .. }) || session.backup_file_state.with(|(b, _)| b.changes == 0)).map(|done| {
                let ok = matches!(done, BackupFileDone::Saved { .. });
                view! {
                    <p class=if ok { "status backup-done" } else { "error backup-done" } role=if ok { "status" } else { "alert" } data-testid="backup-done">
                        {done_text(state.lang.get(), &done)}
                    </p>
                }
            })}
        </div>
    }
}
