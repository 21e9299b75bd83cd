//! One account's row: badge, name, the code (a tap copies it) and its countdown, the backup-codes
//! control (labelled) and a menu (edit, pin, backup codes, move, show the QR code, delete); and its
//! edit form.

use super::clocks::{MainPeriod, PeriodClocks};
use super::copy::{CopyNote, SOON_MS};
use super::edit::{Drafts, EditForm};
use crate::i18n::{self, L, T};
use crate::organize::SortOrder;
use crate::otp::{millis_remaining, Code, Kind};
use crate::ui::state::{Row, Session};
use crate::ui::{tr, AppState};
use crate::vault::{Edit, Label};
use leptos::prelude::*;
use std::time::Duration;

/// Whether codes are masked right now: the window lost the focus and the user asked for that.
#[derive(Clone, Copy)]
pub struct WindowFocus(pub RwSignal<bool>);

/// The row being dragged (manual order).
#[derive(Clone, Copy)]
pub(super) struct Dragging(pub(super) RwSignal<Option<u64>>);

/// The row whose menu is open (one at a time, closed by a click anywhere else).
#[derive(Clone, Copy)]
pub(super) struct OpenMenu(pub(super) RwSignal<Option<u64>>);

/// The menu items of a row, in order; the first gets the focus when the menu opens.
const MENU_ITEMS: &str = "[role=menuitem]";

/// Moves the focus among the open menu's items: by `step`, or to the first or last.
fn focus_item(menu: &web_sys::HtmlElement, to: ItemMove) {
    let items = crate::web::page::children_matching(menu, MENU_ITEMS);
    let n = items.len();
    if n == 0 {
        return;
    }
    let at = crate::web::page::focused_among(&items);
    let next = match (to, at) {
        (ItemMove::First, _) | (ItemMove::Next, None) => 0,
        (ItemMove::Last, _) | (ItemMove::Prev, None) => n - 1,
        (ItemMove::Next, Some(i)) => (i + 1) % n,
        (ItemMove::Prev, Some(i)) => (i + n - 1) % n,
    };
    if let Some(el) = items.get(next) {
        crate::web::page::focus(el);
    }
}

#[derive(Clone, Copy)]
enum ItemMove {
    First,
    Last,
    Next,
    Prev,
}

/// Digits separated by spaces, so screen readers read "0 9 4" and not "ninety-four".
fn spoken(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ")
}

/// One account: its badge, issuer and name, the code (a tap copies it), the countdown, and two
/// controls: backup codes and a menu with everything else.
#[component]
pub(super) fn AccountRow(
    /// The account to show.
    row: Row,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let backup_for = expect_context::<crate::ui::backup_codes::BackupCodesFor>().0;
    let export_for = expect_context::<crate::ui::transfer::ExportFor>().0;
    let open_menu = expect_context::<OpenMenu>().0;
    let note = expect_context::<CopyNote>();
    let has_secret = row.account.is_some();
    let confirming = RwSignal::new(false);
    let row_name = StoredValue::new(row.clone());
    let who = move || row_name.with_value(|r| r.display_name(state.lang.get()));
    let id = row.id;
    let issuer = row.issuer.clone();
    let name = row.name.clone();
    // Names are drawn as they look (the row model dropped invisible characters) and each in its
    // own bidi isolate (`dir="auto"`), so nothing in one can reorder what is around it.
    let unnamed = !crate::account::has_visible(&issuer) && !crate::account::has_visible(&name);
    let remaining = row.backup_codes.as_ref().map(|b| b.remaining());
    let set = row.backup_codes.clone();
    let is_low = move || set.as_ref().is_some_and(|b| b.is_low(session.low_threshold.get()));
    let tags = row.tags.clone();
    let pinned = row.pinned;
    let drafts = expect_context::<Drafts>();
    let manual = move || session.settings.with(|s| s.sort == SortOrder::Manual);
    let dragging = expect_context::<Dragging>().0;
    let is_hotp = row.generator.as_ref().is_some_and(|g| matches!(g.params().kind, Kind::Hotp { .. }));
    let code_line = match (row.generator.clone(), row.account.clone()) {
        (Some(generator), Some(_)) => code_line(generator, row.counter, id, who).into_any(),
        _ => view! { <p class="no-secret" data-testid="no-secret">{tr(L::NoSecretHere)}</p> }.into_any(),
    };

    // The menu: opened by its button (Enter, Space or a tap), the first item focused; arrows,
    // Home and End move; Escape closes it and gives the focus back to its button; Tab leaves it.
    let li = NodeRef::<leptos::html::Li>::new();
    let menu_button = NodeRef::<leptos::html::Button>::new();
    let menu = NodeRef::<leptos::html::Div>::new();
    let is_open = move || open_menu.get() == Some(id);
    let close_menu = move |refocus: bool| {
        if open_menu.get_untracked() == Some(id) {
            open_menu.set(None);
        }
        if refocus {
            if let Some(b) = menu_button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    Effect::new(move |_| {
        if let Some(m) = menu.get() {
            focus_item(&m, ItemMove::First);
        }
    });
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(m) = menu.get_untracked() else { return };
        let to = match ev.key().as_str() {
            "ArrowDown" => ItemMove::Next,
            "ArrowUp" => ItemMove::Prev,
            "Home" => ItemMove::First,
            "End" => ItemMove::Last,
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                close_menu(true);
                return;
            }
            "Tab" => {
                close_menu(false);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus_item(&m, to);
    };
    // A move keeps the menu open and its item focused, so Enter again moves again; the row's
    // element is moved in the page, which drops the focus, so it is put back once the list shows
    // the new order.
    let refocus = StoredValue::new(None::<&'static str>);
    Effect::new(move |_| {
        session.rows.track();
        if let Some(testid) = refocus.get_value() {
            request_animation_frame(move || {
                refocus.set_value(None);
                if let Some(li) = li.get_untracked() {
                    crate::web::page::focus_within(&li, &format!("[data-testid={testid}]"));
                }
            });
        }
    });
    let move_by = move |by: i32, testid: &'static str| {
        refocus.set_value(Some(testid));
        session.apply(vec![Edit::MoveBy { id, delta: by }]);
    };
    // The account just added: in view, marked for a few seconds.
    let highlighted = move || state.highlight.get() == Some(id);
    Effect::new(move |_| {
        if highlighted() {
            if let Some(el) = li.get() {
                crate::web::page::scroll_into_view(&el);
            }
            set_timeout(
                move || {
                    if state.highlight.try_get_untracked() == Some(Some(id)) {
                        state.highlight.set(None);
                    }
                },
                Duration::from_millis(HIGHLIGHT_MS),
            );
        }
    });

    // The question takes the focus, on its safe answer.
    let confirm_no = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = confirm_no.get() {
            let _ = b.focus();
        }
    });

    view! {
        <li class="account" data-testid="account-row" class:hotp=is_hotp class:codes-only=!has_secret data-menu-of=id.to_string() node_ref=li class:pinned=pinned
            class:highlight=highlighted class:menu-open=is_open
            draggable=move || if manual() { "true" } else { "false" }
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                dragging.set(Some(id));
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", "");
                    dt.set_effect_allowed("move");
                }
            }
            on:dragover=move |ev: leptos::ev::DragEvent| {
                if manual() && dragging.get_untracked().is_some_and(|d| d != id) {
                    ev.prevent_default();
                }
            }
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(from) = dragging.get_untracked().filter(|d| *d != id) {
                    session.apply(vec![Edit::MoveTo { id: from, target: id }]);
                }
                dragging.set(None);
            }
            on:dragend=move |_| dragging.set(None)>
            // The service's badge: one element, here only.
            <super::icon::ServiceIcon issuer=issuer.clone() name=name.clone() />
            <div class="who">
                <span class="issuer-line">
                    {pinned.then(|| view! { <span class="pinned-mark" data-testid="pinned" title=tr(L::PinnedMark)>"★"<span class="sr-only">{tr(L::PinnedMark)}</span></span> })}
                    <span class="issuer" data-testid="issuer" dir="auto">{issuer.clone()}</span>
                    {unnamed.then(|| view! { <span class="issuer">{tr(T::Unnamed)}</span> })}
                </span>
                <span class="name-line">
                    <span class="name" data-testid="name" dir="auto">{name.clone()}</span>
                    {(!tags.is_empty()).then(|| view! {
                        <span class="tags" data-testid="tags">{tags.iter().map(|t| view! { <span class="chip small" dir="auto">{crate::account::normalise_label(t)}</span> }).collect_view()}</span>
                    })}
                </span>
            </div>
            {code_line}
            <div class="row-controls">
                // Labelled: the words a person looks for, and the count left where there is a set.
                <button class="ghost backup-button" data-testid="backup-button" class:low=is_low class:none=remaining.is_none()
                    data-count=remaining.map_or_else(|| "+".to_owned(), |n| n.to_string())
                    aria-label=move || format!("{} — {}", i18n::backup_codes_button(state.lang.get(), remaining), who())
                    on:click=move |_| backup_for.set(Some(id))>
                    <svg class="icon-svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M7 3h10a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm2 5h6M9 12h6M9 16h4" /></svg>
                    <span class="codes-label">{move || i18n::backup_codes_button(state.lang.get(), remaining)}</span>
                </button>
                <div class="menu-wrap" on:keydown=on_menu_key>
                    <button class="ghost menu-button" data-testid="row-menu" node_ref=menu_button aria-haspopup="menu"
                        aria-expanded=move || if is_open() { "true" } else { "false" }
                        aria-label=move || i18n::row_action(state.lang.get(), T::RowMoreActions, &who())
                        on:click=move |_| if is_open() { open_menu.set(None) } else { open_menu.set(Some(id)) }>
                        <svg class="icon-svg" viewBox="0 0 24 24" aria-hidden="true"><circle cx="5" cy="12" r="2" /><circle cx="12" cy="12" r="2" /><circle cx="19" cy="12" r="2" /></svg>
                    </button>
                    <Show when=is_open>
                        <div class="menu" role="menu" node_ref=menu data-testid="row-menu-list"
                            aria-label=move || i18n::row_action(state.lang.get(), T::RowMoreActions, &who())>
                            <button role="menuitem" tabindex="-1" data-testid="edit"
                                on:click=move |_| {
                                    close_menu(false);
                                    if let Some(seen) = session.with_vault(|v| v.content.get(id).map(Label::of)).flatten() {
                                        drafts.open(id, seen);
                                    }
                                }>{tr(L::MenuEdit)}</button>
                            <button role="menuitem" tabindex="-1" data-testid="pin"
                                on:click=move |_| { close_menu(true); session.apply(vec![Edit::Pinned { id, pinned: !pinned }]); }>
                                {tr(if pinned { L::MenuUnpin } else { L::MenuPin })}
                            </button>
                            <Show when=manual>
                                <button role="menuitem" tabindex="-1" data-testid="move-up" on:click=move |_| move_by(-1, "move-up")>{tr(L::MenuMoveUp)}</button>
                                <button role="menuitem" tabindex="-1" data-testid="move-down" on:click=move |_| move_by(1, "move-down")>{tr(L::MenuMoveDown)}</button>
                            </Show>
                            <button role="menuitem" tabindex="-1" data-testid="menu-backup-codes"
                                on:click=move |_| { close_menu(false); backup_for.set(Some(id)); }>
                                {move || i18n::backup_codes_button(state.lang.get(), remaining)}
                            </button>
                            {has_secret.then(|| view! {
                                <button role="menuitem" tabindex="-1" data-testid="export-account"
                                    on:click=move |_| { close_menu(false); export_for.set(Some(id)); }>
                                    {tr(L::MenuShowQr)}<span class="item-hint">{tr(L::ExportAccountTitle)}</span>
                                </button>
                            })}
                            <button role="menuitem" tabindex="-1" class="ghost danger" data-testid="delete"
                                on:click=move |_| { close_menu(false); confirming.set(true); }>{tr(L::MenuDelete)}</button>
                        </div>
                    </Show>
                </div>
            </div>
            <Show when=move || drafts.is_open(id)>
                <EditForm id=id menu_button=Some(menu_button) />
            </Show>
            <Show when=move || note.copied(id) == Some(false)>
                <p class="error" role="alert" data-testid="copy-failed">{tr(L::CopyFailed)}</p>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-label=move || i18n::delete_label(state.lang.get(), &who()) data-testid="confirm-delete">
                    <p>{tr(L::ConfirmDelete)}</p>
                    <button class="danger" data-testid="confirm-yes" on:click=move |_| session.apply(vec![Edit::Remove { id }])>{tr(L::ConfirmDeleteYes)}</button>
                    <button class="ghost" data-testid="confirm-no" node_ref=confirm_no
                        on:click=move |_| {
                            confirming.set(false);
                            if let Some(b) = menu_button.get_untracked() { let _ = b.focus(); }
                        }>{tr(L::ConfirmDeleteNo)}</button>
                </div>
            </Show>
        </li>
    }
}

/// How long a just-added row stays highlighted (ms).
const HIGHLIGHT_MS: u64 = 4_000;

/// The code (a tap copies it), its countdown, and the HOTP "next code" button.
fn code_line(
    generator: crate::otp::Generator,
    counter: u64,
    id: u64,
    who: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let note = expect_context::<CopyNote>();
    let params = generator.params();
    // The code only changes when its time step (or HOTP counter) does: the memo stops the
    // 1 Hz tick from re-rendering the code cell in between.
    let period = params.kind.period();
    let clocks = expect_context::<PeriodClocks>();
    let restart = clocks.restart;
    let clock = period.map(|p| clocks.get(p));
    let code_clock = expect_context::<crate::ui::state::ClockSync>();
    let step = Signal::derive(move || clock.map(|c| c.step.get()));
    let code = Memo::new(move |_| -> Code {
        match step.get() {
            Some(s) => generator.at_counter(s),
            None => generator.at_counter(counter),
        }
    });
    // Per second a row writes nothing to the page: the bar is a CSS animation, made anew once per
    // period (and when its clock drifts from the codes'), `low` flips twice per period, and only a
    // row whose period differs from the shared countdown's shows its own seconds.
    let remaining_secs = Signal::derive(move || clock.map(|c| c.secs.get()));
    let low = Signal::derive(move || clock.is_some_and(|c| c.low.get()));
    let main = expect_context::<MainPeriod>().0;
    let own_secs = move || main.get() != period;
    // Privacy: masked until tapped (again after each period), or while the window is not in front.
    let focus = expect_context::<WindowFocus>().0;
    let revealed_at = RwSignal::new(None::<Option<u64>>);
    let masked = Memo::new(move |_| {
        let (tap, blur) = session.settings.with(|s| (s.tap_to_reveal, s.hide_on_blur));
        (blur && !focus.get()) || (tap && revealed_at.get() != Some(step.get()))
    });
    let who_reveal = who.clone();
    let who_copy = who.clone();
    let copy = move |_| {
        // Read at the tap, from the time the codes use: the same instant decides the code and
        // whether it is about to change.
        let soon = period.is_some_and(|p| millis_remaining(code_clock.now_ms(), p) <= SOON_MS);
        note.copy(session, id, who_copy(), code.get_untracked().as_plain(), soon);
    };
    let next_code = move || {
        let next = counter.saturating_add(1);
        session.apply(vec![Edit::Counter { id, counter: next }]);
    };
    view! {
            <div class="code-line">
                <Show when=move || !masked.get() fallback=move || {
                    let who_reveal = who_reveal.clone();
                    view! {
                        <button class="code masked" data-testid="reveal-code"
                            aria-label=move || i18n::row_action(state.lang.get(), T::ShowCode, &who_reveal())
                            on:click=move |_| revealed_at.set(Some(step.get_untracked()))>"••• •••"</button>
                    }
                }>
                    {
                        let who = who.clone();
                        view! {
                            // The code is the copy button. Its name, from its content, says the
                            // digits one by one (not "seven hundred eight thousand…"), then what a tap does.
                            <button class="code" data-testid="copy" on:click=copy.clone()>
                                <span class="digits" data-testid="code" aria-hidden="true">{move || code.get().grouped()}</span>
                                <span class="sr-only">{move || format!("{} — {}", spoken(&code.get().as_plain()), i18n::copy_label(state.lang.get(), &who()))}</span>
                                <Show when=move || note.copied(id) == Some(true)>
                                    // A check beside the code (the toast says it in words): it stays clear of the
                                    // next-code button and the backup-codes control.
                                    <span class="copied-mark" aria-hidden="true">"✓"<span class="sr-only">{tr(L::Copied)}</span></span>
                                </Show>
                            </button>
                        }
                    }
                </Show>
                {period.map(|p| view! {
                    <div class="countdown" data-testid="countdown" class:low=move || low.get()>
                        <span class="track" aria-hidden="true">
                            // Keyed, so each period gets a new element: a running CSS animation
                            // does not restart when only its delay is rewritten. The phase comes
                            // from the time now, not the last tick's (a row may appear mid-second).
                            <For each=move || std::iter::once((step.get(), restart.get())) key=|k| *k children=move |_| {
                                let elapsed = u64::from(p) * 1000 - millis_remaining(code_clock.now_ms(), p);
                                view! { <span class="bar" style:animation-duration=format!("{p}s") style:animation-delay=format!("-{elapsed}ms")></span> }
                            } />
                        </span>
                        <Show when=own_secs>
                            <span class="secs" data-testid="secs">{move || i18n::seconds_short(state.lang.get(), remaining_secs.get().unwrap_or(0))}</span>
                        </Show>
                    </div>
                })}
                {matches!(params.kind, Kind::Hotp { .. }).then(|| view! {
                    <button class="ghost next-code" data-testid="next-code" on:click=move |_| next_code()>
                        {tr(L::NextCode)}
                    </button>
                })}
            </div>
    }
}
