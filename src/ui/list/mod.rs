//! The account list: search, tag filter and order above; one dense row per account (name, code
//! that copies on a tap, countdown, backup codes, a menu for the rest); the note a copy leaves.

mod clocks;
mod copy;
mod edit;
mod icon;
mod row;

use super::state::{Row, Session};
use super::{tr, AppState};
use crate::i18n::{self, L, T};
use crate::organize::{order, Query, SortKey, SortOrder};
use crate::otp::{main_period, millis_remaining};
use crate::web::perf::Span;
use clocks::{MainPeriod, PeriodClocks};
use copy::{CopyNote, CopyToast, SOON_MS};
use edit::{Drafts, EditForm};
use leptos::prelude::*;
use row::{AccountRow, Dragging, OpenMenu};

pub use row::WindowFocus;

/// All accounts, or a friendly empty state.
#[component]
pub fn AccountList() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    // One countdown for the period most accounts share; rows with another period show their own.
    let main = Memo::new(move |_| {
        session.rows.with(|r| main_period(r.iter().filter_map(|row| row.generator.as_ref().and_then(|g| g.params().kind.period()))))
    });
    provide_context(MainPeriod(main));
    let clocks = PeriodClocks::new();
    provide_context(clocks.clone());
    provide_context(Dragging(RwSignal::new(None)));
    let note = CopyNote::new();
    provide_context(note);
    let open_menu = RwSignal::new(None::<u64>);
    provide_context(OpenMenu(open_menu));
    let transfer_open = use_context::<crate::ui::transfer::TransferOpen>();
    let drafts = Drafts::new();
    provide_context(drafts);
    // Edit forms whose account is gone (deleted in another tab): shown above the list, so what
    // was typed in them is not dropped unseen.
    let orphans = Memo::new(move |_| {
        let open = drafts.ids();
        session.rows.with(|rows| open.into_iter().filter(|id| !rows.iter().any(|r| r.id == *id)).collect::<Vec<u64>>())
    });
    Effect::new(move |_| clocks.tick(state.now_ms.get()));
    let shared_secs = Memo::new(move |_| main.get().map(|p| millis_remaining(state.now_ms.get(), p).div_ceil(1000)));
    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(None::<String>);
    let sort = Memo::new(move |_| session.settings.with(|s| s.sort));
    let all_tags = Memo::new(move |_| {
        session.rows.track();
        session.with_vault(|v| v.content.all_tags()).unwrap_or_default()
    });
    // The order (pinned first, then the chosen order) only changes with the rows or the order;
    // a keystroke only filters it.
    let ordered = Memo::new(move |_| {
        let sort = sort.get();
        session.rows.with(|rows| {
            let keys: Vec<SortKey> = rows
                .iter()
                .map(|r| SortKey { issuer: r.issuer.clone(), name: r.name.clone(), pinned: r.pinned, last_used_ms: r.last_used_ms })
                .collect();
            order(&keys, sort)
        })
    });
    let matching = Memo::new(move |_| {
        let q = Query::new(&query.get());
        let t = tag.get();
        session.rows.with(|rows| {
            ordered.with(|o| {
                o.iter()
                    .copied()
                    .filter(|&i| rows.get(i).is_some_and(|r| q.matches(&r.haystack) && t.as_ref().is_none_or(|t| r.tags.contains(t))))
                    .collect::<Vec<usize>>()
            })
        })
    });
    // Render a screenful, and more as the user scrolls near the end (or asks for more): the page
    // never holds a thousand rows it does not show, so a keystroke or a tick stays cheap.
    let limit = RwSignal::new(FIRST_ROWS);
    Effect::new(move |_| {
        matching.track();
        limit.set(FIRST_ROWS);
    });
    let sentinel = NodeRef::<leptos::html::Li>::new();
    let more = move || {
        let total = matching.with_untracked(Vec::len);
        let now = limit.get_untracked();
        if now < total {
            limit.set(now + MORE_ROWS);
        }
    };
    // Window listeners outlive the list unless removed with it: after a lock they would read its
    // disposed state (a trap on every scroll and "/").
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if sentinel.get_untracked().is_some_and(|el| crate::web::page::within_screens(&el, 2.0)) {
            more();
        }
    });
    let visible = Memo::new(move |_| {
        let n = limit.get();
        matching.with(|m| session.rows.with(|rows| m.iter().take(n).filter_map(|&i| rows.get(i).cloned()).collect::<Vec<Row>>()))
    });
    let search = NodeRef::<leptos::html::Input>::new();
    // "/" focuses the search, unless the user is typing somewhere.
    let on_slash = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "/" && !crate::web::page::typing_in_field(&ev) && !ev.ctrl_key() && !ev.meta_key() {
            if let Some(input) = search.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    // An open row menu closes on a press anywhere outside it.
    let on_press = window_event_listener(leptos::ev::pointerdown, move |ev| {
        let Some(open) = open_menu.get_untracked() else { return };
        let inside = crate::web::page::menu_row_of(&ev).is_some_and(|row| row == open.to_string());
        if !inside {
            open_menu.set(None);
        }
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_slash.remove();
        on_press.remove();
    });
    // The account just added is shown, whatever the search, the tag or how far the list was
    // rendered; its row scrolls into view and marks itself.
    Effect::new(move |_| {
        let Some(id) = state.highlight.get() else { return };
        let index = |m: &Vec<usize>| session.rows.with_untracked(|rows| m.iter().position(|&i| rows.get(i).is_some_and(|r| r.id == id)));
        if matching.with_untracked(index).is_none() && session.rows.with_untracked(|r| r.iter().any(|r| r.id == id)) {
            query.set(String::new());
            tag.set(None);
        }
        if let Some(at) = matching.with_untracked(index) {
            if at >= limit.get_untracked() {
                limit.set(at + 1);
            }
        }
    });
    // Enter in the search copies the first match, said the same way as a tap on its code.
    let copy_first = move || {
        let Some(row) = visible.with_untracked(|v| v.first().cloned()) else { return };
        let Some(generator) = row.generator.as_ref() else { return };
        let now = state.now_ms.get_untracked();
        let code = generator.at_time(now / 1000).as_plain();
        let soon = generator.params().kind.period().is_some_and(|p| millis_remaining(now, p) <= SOON_MS);
        note.copy(session, row.id, row.display_name(state.lang.get_untracked()), code, soon);
    };
    let set_sort = move |ev: leptos::ev::Event| {
        let s = match event_target_value(&ev).as_str() {
            "name" => SortOrder::Name,
            "recent" => SortOrder::Recent,
            _ => SortOrder::Manual,
        };
        session.edit(move |c| c.settings.sort = s);
    };
    view! {
        <super::backup_file_status::BackupStatus />
        <super::restore_summary::RestoreSummary />
        <h2 class="sr-only">{tr(L::AccountsHeading)}</h2>
        <Show when=move || session.rows.with(|r| !r.is_empty())>
            <div class="find" role="search">
                <label for="search" class="sr-only">{tr(L::SearchLabel)}</label>
                <input id="search" node_ref=search type="search" data-testid="search" autocomplete="off" spellcheck="false"
                    placeholder=tr(T::SearchPlaceholder) aria-describedby="search-hint"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        let span = Span::start("search");
                        query.set(event_target_value(&ev));
                        span.end();
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            copy_first();
                        } else if ev.key() == "Escape" {
                            query.set(String::new());
                        }
                    } />
                <span id="search-hint" class="sr-only">{tr(L::SearchHint)}</span>
                <label for="sort" class="sr-only">{tr(L::SortLabel)}</label>
                <select id="sort" data-testid="sort" on:change=set_sort>
                    <option value="manual" selected=move || sort.get() == SortOrder::Manual>{tr(L::SortManual)}</option>
                    <option value="name" selected=move || sort.get() == SortOrder::Name>{tr(L::SortName)}</option>
                    <option value="recent" selected=move || sort.get() == SortOrder::Recent>{tr(L::SortRecent)}</option>
                </select>
            </div>
            <Show when=move || all_tags.with(|t| !t.is_empty())>
                <div class="tag-filter" role="group" aria-label=tr(L::TagFilterLabel) data-testid="tag-filter">
                    <button class="chip" aria-pressed=move || if tag.get().is_none() { "true" } else { "false" } on:click=move |_| tag.set(None)>{tr(L::AllTags)}</button>
                    {move || all_tags.get().into_iter().map(|t| {
                        let (t1, t2) = (t.clone(), t.clone());
                        view! {
                            <button class="chip" data-testid="tag-chip" aria-pressed=move || if tag.get().as_deref() == Some(t1.as_str()) { "true" } else { "false" }
                                on:click=move |_| tag.set(Some(t2.clone()))><bdi>{crate::account::normalise_label(&t)}</bdi></button>
                        }
                    }).collect_view()}
                </div>
            </Show>
        </Show>
        // One line: when the codes change, and whether they use the corrected time.
        <div class="list-status">
            {move || shared_secs.get().map(|s| view! {
                <p class="shared-countdown" data-testid="countdown-shared" class:low=move || s <= 5>
                    {i18n::codes_change_in(state.lang.get(), s)}
                </p>
            })}
            <super::clock_panel::CorrectedBadge />
        </div>
        <For each=move || orphans.get() key=|id| *id let:id>
            <div class="account orphan" data-testid="orphan-edit">
                <EditForm id=id menu_button=None />
            </div>
        </For>
        <Show
            when=move || session.rows.with(|r| !r.is_empty())
            fallback=move || view! {
                <p class="empty" data-testid="empty">{tr(L::EmptyList)}</p>
                // Moving from another app is the way most people arrive: said where they look first.
                <p class="empty migrate-line" data-testid="empty-migrate">
                    {move || crate::i18n::say(state.lang.get(), crate::i18n::Say::EmptyLine)}" "
                    <button type="button" class="ghost" data-testid="empty-open-import"
                        on:click=move |_| if let Some(t) = transfer_open { t.0.set(true) }>
                        {move || crate::i18n::say(state.lang.get(), crate::i18n::Say::EmptyButton)}
                    </button>
                </p>
            }
        >
            <Show when=move || matching.with(Vec::is_empty)>
                <p class="empty" data-testid="no-match">{tr(L::NoMatch)}</p>
            </Show>
            <ul class="accounts" data-testid="accounts">
                <For each=move || visible.get() key=Row::key let:row>
                    <AccountRow row=row />
                </For>
                <Show when=move || { let total = matching.with(Vec::len); total > limit.get() }>
                    <li class="more" node_ref=sentinel>
                        <button class="ghost" data-testid="show-more" on:click=move |_| more()>
                            {move || i18n::shown_of(state.lang.get(), limit.get().min(matching.with(Vec::len)), matching.with(Vec::len))}
                        </button>
                    </li>
                </Show>
            </ul>
        </Show>
        // Whether the browser keeps the data (and the home-screen steps where it may not): after
        // the rows, so the codes and the backup reminder keep the first screen.
        <super::persistence_note::PersistenceNote in_settings=false />
        <CopyToast />
    }
}

/// Rows rendered at first; more follow as the user scrolls, so the first screen comes fast and the
/// page stays light even with a thousand accounts.
const FIRST_ROWS: usize = 12;
/// Rows added when the user scrolls near the end.
const MORE_ROWS: usize = 24;
