//! The clock's state: the stored measurement, the switch for corrected codes, and syncing (at
//! start, when the browser comes back online, and on "Sync now"). The panel renders it.

use crate::clock::Clock;
use crate::timesync::{better_run, corrected, retry_after_ms, Measured, SyncError};
use crate::web::clock::BrowserClock;
use crate::web::timesync as adapter;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The clock state, shared by context.
#[derive(Clone, Copy)]
pub struct ClockSync {
    /// The last measurement (this visit's, or a stored one).
    pub measured: RwSignal<Option<Measured>>,
    /// Whether codes use the corrected time.
    pub correct: RwSignal<bool>,
    /// A sync is running.
    pub syncing: RwSignal<bool>,
    /// The last sync's failure, if it failed.
    pub error: RwSignal<Option<SyncError>>,
    /// Requests and duration of the last successful sync (shown as data for the benchmark).
    pub last_run: RwSignal<Option<adapter::SyncRun>>,
    /// Completed syncs this visit.
    pub count: RwSignal<u32>,
    /// Set when the main thread was blocked (key derivation) during a sync: its timing is off,
    /// so it is run again once it ends.
    disturbed: StoredValue<bool>,
    /// Failed syncs in a row (0 after a success), for the retry delay.
    failures: StoredValue<u32>,
    /// Counts sync starts: a scheduled retry runs only if no other sync started since.
    attempt: StoredValue<u32>,
}

/// Runs of one sync at most, when the page keeps being blocked.
const MAX_RUNS: u32 = 4;

impl ClockSync {
    /// Loads the stored measurement and choice.
    pub fn new() -> Self {
        ClockSync {
            measured: RwSignal::new(adapter::load_measured()),
            correct: RwSignal::new(adapter::load_correct()),
            syncing: RwSignal::new(false),
            error: RwSignal::new(None),
            last_run: RwSignal::new(None),
            count: RwSignal::new(0),
            disturbed: StoredValue::new(false),
            failures: StoredValue::new(0),
            attempt: StoredValue::new(0),
        }
    }

    /// The offset codes use now (0 when off or never measured). Not reactive.
    pub fn offset_ms(&self) -> f64 {
        match (self.correct.get_untracked(), self.measured.get_untracked()) {
            (true, Some(m)) => m.offset_ms,
            _ => 0.0,
        }
    }

    /// The time codes use: the device clock, corrected when on.
    pub fn now_ms(&self) -> u64 {
        corrected(BrowserClock.now_ms(), self.offset_ms())
    }

    /// Turns corrected codes on or off, and remembers the choice.
    pub fn set_correct(&self, on: bool) {
        adapter::save_correct(on);
        self.correct.set(on);
    }

    /// Notes that the main thread is about to be blocked; a running sync will be repeated.
    pub fn disturb(&self) {
        if self.syncing.get_untracked() {
            self.disturbed.set_value(true);
        }
    }

    /// Measures the offset now (does nothing if a sync is already running).
    pub fn sync_now(self) {
        if self.syncing.get_untracked() {
            return;
        }
        self.syncing.set(true);
        self.attempt.update_value(|a| *a = a.wrapping_add(1));
        // The measuring is in a module of its own, fetched for the first sync (issue 25): the
        // first screen does not wait for it. Unfetched (offline on a first visit), nothing could
        // have been reached either.
        spawn_local(async move {
            if sync_part::measure(self).await.is_err() {
                self.failed(SyncError::Unreachable);
                self.syncing.set(false);
                self.count.update(|c| *c += 1);
            }
        });
    }

    /// The sync itself, in its own module ([`ClockSync::sync_now`]).
    fn measure_here(self) {
        spawn_local(async move {
            // A run the page was blocked during (key derivation, compiling a part) is repeated, a
            // few times at most. Blocking only widens a run's interval, so the narrowest one counts.
            self.disturbed.set_value(false);
            let mut result = adapter::sync().await;
            let mut runs = 1;
            while self.disturbed.get_value() && runs < MAX_RUNS {
                self.disturbed.set_value(false);
                let again = adapter::sync().await;
                runs += 1;
                result = better_run(result, again, |run| &run.estimate);
            }
            match result {
                Ok(run) => {
                    let m = Measured::new(&run.estimate, BrowserClock.now_ms());
                    adapter::save_measured(&m);
                    self.measured.set(Some(m));
                    self.last_run.set(Some(run));
                    self.error.set(None);
                    self.failures.set_value(0);
                }
                Err(e) => self.failed(e),
            }
            self.syncing.set(false);
            self.count.update(|c| *c += 1);
        });
    }

    /// A sync failed: said, and tried again later.
    fn failed(self, e: SyncError) {
        self.error.set(Some(e));
        self.failures.update_value(|n| *n = n.saturating_add(1));
        if let Some(ms) = retry_after_ms(e, self.failures.get_value()) {
            self.retry_later(ms);
        }
    }

    /// Syncs again after `ms`, unless another sync started in the meantime.
    fn retry_later(self, ms: u64) {
        let scheduled = self.attempt.get_value();
        spawn_local(async move {
            crate::web::clock::sleep(i32::try_from(ms).unwrap_or(i32::MAX)).await;
            if self.attempt.try_get_value() == Some(scheduled) {
                self.sync_now();
            }
        });
    }
}

/// The module the measuring lives in.
mod sync_part {
    use super::super::vault_part::Missing;
    use super::ClockSync;

    /// Measures the offset ([`ClockSync::measure_here`]).
    #[leptos::wasm_split::wasm_split(sync_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn measure(clock: ClockSync) -> Result<(), Missing> {
        clock.measure_here();
        Ok(())
    }
}
