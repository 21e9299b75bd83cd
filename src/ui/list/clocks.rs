//! The countdowns' clocks: one per period, shared by every row with that period.

use crate::otp::{millis_remaining, time_step};
use crate::ui::AppState;
use leptos::prelude::*;

/// The period of the shared countdown, handed to rows.
#[derive(Clone, Copy)]
pub(super) struct MainPeriod(pub(super) Memo<Option<u32>>);

/// One clock per period, shared by every row with that period. The tick updates these signals
/// only when their value changes, so per second the reactive graph does a few comparisons, and a
/// row hears only when its step or "low" flips (twice per period).
#[derive(Clone, Copy)]
pub(super) struct PeriodClock {
    pub(super) step: RwSignal<u64>,
    pub(super) secs: RwSignal<u64>,
    pub(super) low: RwSignal<bool>,
}

/// Creates period clocks in the list's owner (so they outlive any one row), and keeps them in time.
#[derive(Clone)]
pub(super) struct PeriodClocks {
    owner: Owner,
    clocks: StoredValue<std::collections::HashMap<u32, PeriodClock>>,
    /// Bumped when every bar must restart: the bars' clock and the codes' clock parted ways.
    pub(super) restart: RwSignal<u64>,
    /// The codes' time and the bars' time (ms) when the bars were last known to agree.
    anchor: StoredValue<Option<(u64, f64)>>,
}

/// How far the bars' clock may wander from the codes' before every bar restarts (ms). Well under
/// 5% of the shortest usual period, well over a frame or a late tick.
const MAX_BAR_DRIFT_MS: f64 = 200.0;

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

impl PeriodClocks {
    /// Made in the list's owner.
    pub(super) fn new() -> Self {
        PeriodClocks {
            owner: Owner::current().expect("list owner"),
            clocks: StoredValue::new(Default::default()),
            restart: RwSignal::new(0),
            anchor: StoredValue::new(None),
        }
    }

    pub(super) fn get(&self, period: u32) -> PeriodClock {
        if let Some(c) = self.clocks.with_value(|m| m.get(&period).copied()) {
            return c;
        }
        let now = expect_context::<AppState>().now_ms.get_untracked();
        let secs = millis_remaining(now, period).div_ceil(1000);
        let clock = self.owner.with(|| PeriodClock {
            step: RwSignal::new(time_step(now / 1000, period)),
            secs: RwSignal::new(secs),
            low: RwSignal::new(secs <= 5),
        });
        self.clocks.update_value(|m| {
            m.insert(period, clock);
        });
        clock
    }

    pub(super) fn tick(&self, now: u64) {
        self.clocks.with_value(|m| {
            for (&period, c) in m {
                let secs = millis_remaining(now, period).div_ceil(1000);
                set_if_changed(c.step, time_step(now / 1000, period));
                set_if_changed(c.secs, secs);
                set_if_changed(c.low, secs <= 5);
            }
        });
        // One comparison per tick for all bars: restart them only if their clock drifted.
        // The bars run on the animation timeline, not `Date.now()`, which jumps when the device clock
        // is set, after sleep, or when the correction changes.
        match (crate::web::page::animation_time_ms(), self.anchor.get_value()) {
            (None, _) => self.anchor.set_value(None),
            (Some(t), Some((a_now, a_t))) if ((now as f64 - a_now as f64) - (t - a_t)).abs() <= MAX_BAR_DRIFT_MS => {}
            (Some(t), _) => {
                self.anchor.set_value(Some((now, t)));
                self.restart.update(|n| *n += 1);
            }
        }
    }
}
