//! The notice board: every notice of the open vault says whether it is waiting (past its own
//! dismissal); the board shows one, the first in [`crate::notices`]' order.

use crate::notices::{first, Notice};
use leptos::prelude::*;

/// Shared by context (made by `App`).
#[derive(Clone, Copy)]
pub struct NoticeBoard {
    waiting: RwSignal<Vec<Notice>>,
}

impl NoticeBoard {
    /// A board with nothing waiting.
    pub fn new() -> NoticeBoard {
        NoticeBoard { waiting: RwSignal::new(Vec::new()) }
    }

    /// Says whether `notice` is waiting to be shown (changed only when it changes).
    pub fn wait(&self, notice: Notice, waiting: bool) {
        if self.waiting.with_untracked(|w| w.contains(&notice)) != waiting {
            self.waiting.update(|w| if waiting { w.push(notice) } else { w.retain(|n| *n != notice) });
        }
    }

    /// Whether `notice` is the one shown now (reactive).
    pub fn shows(&self, notice: Notice) -> bool {
        self.waiting.with(|w| first(w.iter().copied())) == Some(notice)
    }
}

impl Default for NoticeBoard {
    fn default() -> Self {
        NoticeBoard::new()
    }
}

/// Keeps `notice` waiting while `waiting` says so, for as long as the calling view lives (the
/// notice leaves the board when the view goes).
pub fn keep_waiting(notice: Notice, waiting: impl Fn() -> bool + 'static) {
    let Some(board) = use_context::<NoticeBoard>() else { return };
    Effect::new(move |_| board.wait(notice, waiting()));
    on_cleanup(move || board.wait(notice, false));
}
