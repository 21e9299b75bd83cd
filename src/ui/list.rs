//! The account list: search, tag filter and order above; one row per account with its monogram,
//! code, countdown, copy, pin, move, edit, backup codes, export and delete.

use super::session::Session;
use super::{tr, AppState, Row};
use crate::i18n::{self, T};
use crate::otp::{main_period, millis_remaining, time_step, Code, Kind};
use crate::organize::{monogram, order, parse_tags, Query, SortKey, SortOrder};
use crate::web::clipboard;
use crate::web::perf::Span;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Whether codes are masked right now: the window lost the focus and the user asked for that.
#[derive(Clone, Copy)]
pub struct WindowFocus(pub RwSignal<bool>);

/// The code of a row at `now_ms` (for Enter-to-copy from the search field).
fn code_now(row: &Row, now_ms: u64) -> Option<String> {
    let g = row.generator.as_ref()?;
    Some(match g.params().kind.period() {
        Some(p) => g.at_counter(time_step(now_ms / 1000, p)).as_plain(),
        None => g.at_counter(row.counter).as_plain(),
    })
}

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
    let clocks = PeriodClocks {
        owner: Owner::current().expect("list owner"),
        clocks: StoredValue::new(Default::default()),
        restart: RwSignal::new(0),
        anchor: StoredValue::new(None),
    };
    provide_context(clocks.clone());
    provide_context(Dragging(RwSignal::new(None)));
    Effect::new(move |_| clocks.tick(state.now_ms.get()));
    let shared_secs = Memo::new(move |_| main.get().map(|p| millis_remaining(state.now_ms.get(), p).div_ceil(1000)));
    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(None::<String>);
    let sort = Memo::new(move |_| session.settings.with(|s| s.sort));
    let all_tags = Memo::new(move |_| {
        let mut tags: Vec<String> = Vec::new();
        session.rows.with(|r| {
            for t in r.iter().flat_map(|row| row.tags.iter()) {
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
            }
        });
        tags
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
        let near = sentinel.get_untracked().zip(web_sys::window()).is_some_and(|(el, w)| {
            let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
            el.get_bounding_client_rect().top() < height * 2.0
        });
        if near {
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
        let typing = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() {
            if let Some(input) = search.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || {
        on_scroll.remove();
        on_slash.remove();
    });
    let copy_first = move || {
        let Some(row) = visible.with_untracked(|v| v.first().cloned()) else { return };
        let Some(code) = code_now(&row, state.now_ms.get_untracked()) else { return };
        let lang = state.lang.get_untracked();
        let who = row.display_name(lang);
        let id = row.id;
        spawn_local(async move {
            if clipboard::write_text(&code).await.is_ok() {
                state.status.set(i18n::copied_for(lang, &who));
                let now = crate::clock::Clock::now_ms(&crate::web::clock::BrowserClock);
                session.edit(move |c| {
                    c.touch(id, now);
                });
            } else {
                state.status.set(i18n::t(lang, T::CopyFailed).to_owned());
            }
        });
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
        <super::clock_panel::CorrectedBadge />
        <Show when=move || session.rows.with(|r| !r.is_empty())>
            <div class="find" role="search">
                <label for="search" class="sr-only">{tr(T::SearchLabel)}</label>
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
                <span id="search-hint" class="sr-only">{tr(T::SearchHint)}</span>
                <label for="sort" class="sr-only">{tr(T::SortLabel)}</label>
                <select id="sort" data-testid="sort" on:change=set_sort>
                    <option value="manual" selected=move || sort.get() == SortOrder::Manual>{tr(T::SortManual)}</option>
                    <option value="name" selected=move || sort.get() == SortOrder::Name>{tr(T::SortName)}</option>
                    <option value="recent" selected=move || sort.get() == SortOrder::Recent>{tr(T::SortRecent)}</option>
                </select>
            </div>
            <Show when=move || all_tags.with(|t| !t.is_empty())>
                <div class="tag-filter" role="group" aria-label=tr(T::TagFilterLabel) data-testid="tag-filter">
                    <button class="chip" aria-pressed=move || if tag.get().is_none() { "true" } else { "false" } on:click=move |_| tag.set(None)>{tr(T::AllTags)}</button>
                    {move || all_tags.get().into_iter().map(|t| {
                        let (t1, t2) = (t.clone(), t.clone());
                        view! {
                            <button class="chip" data-testid="tag-chip" aria-pressed=move || if tag.get().as_deref() == Some(t1.as_str()) { "true" } else { "false" }
                                on:click=move |_| tag.set(Some(t2.clone()))>{t}</button>
                        }
                    }).collect_view()}
                </div>
            </Show>
        </Show>
        {move || shared_secs.get().map(|s| view! {
            <p class="shared-countdown" data-testid="countdown-shared" class:low=move || s <= 5>
                {i18n::codes_change_in(state.lang.get(), s)}
            </p>
        })}
        <Show
            when=move || session.rows.with(|r| !r.is_empty())
            fallback=move || view! { <p class="empty" data-testid="empty">{tr(T::EmptyList)}</p> }
        >
            <Show when=move || matching.with(Vec::is_empty)>
                <p class="empty" data-testid="no-match">{tr(T::NoMatch)}</p>
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
    }
}

/// The period of the shared countdown, handed to rows.
#[derive(Clone, Copy)]
struct MainPeriod(Memo<Option<u32>>);

/// One clock per period, shared by every row with that period. The tick updates these signals
/// only when their value changes, so per second the reactive graph does a few comparisons, and a
/// row hears only when its step or "low" flips (twice per period).
#[derive(Clone, Copy)]
struct PeriodClock {
    step: RwSignal<u64>,
    secs: RwSignal<u64>,
    low: RwSignal<bool>,
}

/// Creates period clocks in the list's owner (so they outlive any one row), and keeps them in time.
#[derive(Clone)]
struct PeriodClocks {
    owner: Owner,
    clocks: StoredValue<std::collections::HashMap<u32, PeriodClock>>,
    /// Bumped when every bar must restart: the bars' clock and the codes' clock parted ways.
    restart: RwSignal<u64>,
    /// The codes' time and the bars' time (ms) when the bars were last known to agree.
    anchor: StoredValue<Option<(u64, f64)>>,
}

/// How far the bars' clock may wander from the codes' before every bar restarts (ms). Well under
/// 5% of the shortest usual period, well over a frame or a late tick.
const MAX_BAR_DRIFT_MS: f64 = 200.0;

/// The time CSS animations run on (the document timeline, ms), or `None` while the page is
/// hidden: an animation made then only starts once the page is shown, so its phase is lost.
/// The bars cannot follow `Date.now()`: it jumps when the device clock is set, after sleep, or
/// when the correction changes, and the timeline does not.
fn bar_time_ms() -> Option<f64> {
    let doc = web_sys::window()?.document()?;
    if doc.visibility_state() == web_sys::VisibilityState::Hidden {
        return None;
    }
    let timeline = js_sys::Reflect::get(&doc, &"timeline".into()).ok()?;
    js_sys::Reflect::get(&timeline, &"currentTime".into()).ok()?.as_f64()
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

impl PeriodClocks {
    fn get(&self, period: u32) -> PeriodClock {
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

    fn tick(&self, now: u64) {
        self.clocks.with_value(|m| {
            for (&period, c) in m {
                let secs = millis_remaining(now, period).div_ceil(1000);
                set_if_changed(c.step, time_step(now / 1000, period));
                set_if_changed(c.secs, secs);
                set_if_changed(c.low, secs <= 5);
            }
        });
        // One comparison per tick for all bars: restart them only if their clock drifted.
        match (bar_time_ms(), self.anchor.get_value()) {
            (None, _) => self.anchor.set_value(None),
            (Some(t), Some((a_now, a_t))) if ((now as f64 - a_now as f64) - (t - a_t)).abs() <= MAX_BAR_DRIFT_MS => {}
            (Some(t), _) => {
                self.anchor.set_value(Some((now, t)));
                self.restart.update(|n| *n += 1);
            }
        }
    }
}

/// The row being dragged (manual order).
#[derive(Clone, Copy)]
struct Dragging(RwSignal<Option<u64>>);

/// Rows rendered at first; more follow as the user scrolls, so the first screen comes fast and the
/// page stays light even with a thousand accounts.
const FIRST_ROWS: usize = 12;
/// Rows added when the user scrolls near the end.
const MORE_ROWS: usize = 24;

/// Digits separated by spaces, so screen readers read "0 9 4" and not "ninety-four".
fn spoken(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ")
}

/// One account.
#[component]
fn AccountRow(
    /// The account to show.
    row: Row,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let backup_for = expect_context::<super::backup::BackupFor>().0;
    let export_for = expect_context::<super::transfer::ExportFor>().0;
    let has_secret = row.account.is_some();
    let copied = RwSignal::new(None::<bool>);
    let confirming = RwSignal::new(false);
    let row_name = row.clone();
    let who = move || row_name.display_name(state.lang.get());
    let who_delete = who.clone();
    let who_backup = who.clone();
    let id = row.id;
    let issuer = row.issuer.clone();
    let name = row.name.clone();
    let unnamed = issuer.is_empty() && name.is_empty();
    let remaining = row.backup.as_ref().map(|b| b.remaining());
    let set = row.backup.clone();
    let is_low = move || set.as_ref().is_some_and(|b| b.is_low(session.low_threshold.get()));
    let (letter, hue) = monogram(&issuer, &name);
    let tags = row.tags.clone();
    let pinned = row.pinned;
    let editing = RwSignal::new(false);
    let manual = move || session.settings.with(|s| s.sort == SortOrder::Manual);
    let dragging = expect_context::<Dragging>().0;
    let who_pin = who.clone();
    let who_up = who.clone();
    let who_down = who.clone();
    let who_edit = who.clone();
    let code_line = match (row.generator.clone(), row.account.clone()) {
        (Some(generator), Some(_)) => code_line(generator, row.counter, id, copied, who.clone()).into_any(),
        _ => view! { <p class="no-secret" data-testid="no-secret">{tr(T::NoSecretHere)}</p> }.into_any(),
    };

    view! {
        <li class="account" data-testid="account-row" class:pinned=pinned
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
                    session.edit(move |c| { c.move_to(from, id); });
                }
                dragging.set(None);
            }
            on:dragend=move |_| dragging.set(None)>
            <div class="who">
                <span class="monogram" aria-hidden="true" style:background-color=format!("hsl({hue} 55% 40%)")>{letter}</span>
                <div class="who-text">
                    <span class="issuer" data-testid="issuer">{issuer.clone()}</span>
                    <span class="name" data-testid="name">{name.clone()}</span>
                    {unnamed.then(|| view! { <span class="name">{tr(T::Unnamed)}</span> })}
                    {(!tags.is_empty()).then(|| view! {
                        <span class="tags" data-testid="tags">{tags.iter().map(|t| view! { <span class="chip small">{t.clone()}</span> }).collect_view()}</span>
                    })}
                </div>
                <button class="icon pin" data-testid="pin" aria-pressed=if pinned { "true" } else { "false" }
                    aria-label=move || i18n::row_action(state.lang.get(), if pinned { T::Unpin } else { T::Pin }, &who_pin())
                    on:click=move |_| session.edit(move |c| { c.set_pinned(id, !pinned); })>
                    {if pinned { "★" } else { "☆" }}
                </button>
            </div>
            {code_line}
            <div class="actions">
                <button class="ghost backup-button" data-testid="backup-button" class:low=is_low
                    aria-label=move || format!("{} — {}", i18n::backup_button(state.lang.get(), remaining), who_backup())
                    on:click=move |_| backup_for.set(Some(id))>
                    {move || i18n::backup_button(state.lang.get(), remaining)}
                </button>
                {has_secret.then(|| {
                    let who_export = who.clone();
                    view! {
                        <button class="ghost" data-testid="export-account" aria-label=move || format!("{} — {} ({})", i18n::t(state.lang.get(), T::ExportAccount), who_export(), i18n::t(state.lang.get(), T::ExportAccountTitle))
                            on:click=move |_| export_for.set(Some(id))>{tr(T::ExportAccount)}</button>
                    }
                })}
                <button class="ghost" data-testid="edit" aria-expanded=move || if editing.get() { "true" } else { "false" }
                    aria-label=move || i18n::row_action(state.lang.get(), T::Edit, &who_edit())
                    on:click=move |_| editing.update(|e| *e = !*e)>{tr(T::Edit)}</button>
                <Show when=manual>
                    <button class="ghost icon" data-testid="move-up" aria-label=i18n::row_action(state.lang.get_untracked(), T::MoveUp, &who_up())
                        on:click=move |_| session.edit(move |c| { c.move_by(id, -1); })>"↑"</button>
                    <button class="ghost icon" data-testid="move-down" aria-label=i18n::row_action(state.lang.get_untracked(), T::MoveDown, &who_down())
                        on:click=move |_| session.edit(move |c| { c.move_by(id, 1); })>"↓"</button>
                </Show>
                <button class="ghost danger" data-testid="delete" aria-label=move || i18n::delete_label(state.lang.get(), &who_delete())
                    on:click=move |_| confirming.set(true)>
                    {tr(T::Delete)}
                </button>
            </div>
            <Show when=move || editing.get()>
                <EditForm id=id issuer=issuer.clone() name=name.clone() tags=tags.join(", ") done=editing />
            </Show>
            <Show when=move || copied.get() == Some(false)>
                <p class="error" role="alert" data-testid="copy-failed">{tr(T::CopyFailed)}</p>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-label=tr(T::Delete) data-testid="confirm-delete">
                    <p>{tr(T::ConfirmDelete)}</p>
                    <button class="danger" data-testid="confirm-yes" on:click=move |_| session.edit(move |c| { c.remove(id); })>{tr(T::ConfirmDeleteYes)}</button>
                    <button class="ghost" data-testid="confirm-no" autofocus on:click=move |_| confirming.set(false)>{tr(T::ConfirmDeleteNo)}</button>
                </div>
            </Show>
        </li>
    }
}

/// Rename an account and set its tags.
#[component]
fn EditForm(id: u64, issuer: String, name: String, tags: String, done: RwSignal<bool>) -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<super::AppState>();
    let (issuer, name, tags) = (RwSignal::new(issuer), RwSignal::new(name), RwSignal::new(tags));
    let error = RwSignal::new(None::<String>);
    let save = move || {
        let (i, n, t) = (issuer.get_untracked(), name.get_untracked(), parse_tags(&tags.get_untracked()));
        // Refused here with the field and its limit, so nothing is said to be saved that is not.
        if let Some(Err(e)) = session.with_vault(|v| v.content.check_label_edit(id, &i, &n, &t)) {
            error.set(Some(crate::i18n::field_error(state.lang.get_untracked(), &e)));
            return;
        }
        session.edit(move |c| {
            let _ = c.edit_label(id, &i, &n, t.clone());
        });
        done.set(false);
    };
    let field = |id: String| id;
    view! {
        <form class="edit grid" data-testid="edit-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <label for=field(format!("edit-issuer-{id}"))>{tr(T::IssuerLabel)}</label>
            <input id=format!("edit-issuer-{id}") data-testid="edit-issuer" autocomplete="off" maxlength=crate::account::MAX_LABEL_LEN
                prop:value=move || issuer.get() on:input=move |ev| issuer.set(event_target_value(&ev)) />
            <label for=format!("edit-name-{id}")>{tr(T::NameLabel)}</label>
            <input id=format!("edit-name-{id}") data-testid="edit-name" autocomplete="off" maxlength=crate::account::MAX_LABEL_LEN
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for=format!("edit-tags-{id}")>{tr(T::TagsLabel)}</label>
            <input id=format!("edit-tags-{id}") data-testid="edit-tags" autocomplete="off"
                prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev)) />
            {move || error.get().map(|m| view! { <p class="error" role="alert" data-testid="edit-error">{m}</p> })}
            <div class="buttons start">
                <button type="button" class="ghost" on:click=move |_| done.set(false)>{tr(T::Cancel)}</button>
                <button type="submit" class="primary" data-testid="edit-save">{tr(T::Save)}</button>
            </div>
        </form>
    }
}

/// The code, its countdown, the HOTP button and the copy button of an account with a secret.
fn code_line(
    generator: crate::otp::Generator,
    counter: u64,
    id: u64,
    copied: RwSignal<Option<bool>>,
    who: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let params = generator.params();
    // The code only changes when its time step (or HOTP counter) does: the memo stops the
    // 1 Hz tick from re-rendering the code cell in between.
    let period = params.kind.period();
    let clocks = expect_context::<PeriodClocks>();
    let restart = clocks.restart;
    let clock = period.map(|p| clocks.get(p));
    let code_clock = expect_context::<super::clock_panel::ClockSync>();
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
    // The "Copied" note's timer goes with the row.
    let note_timer = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(t) = note_timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
    });
    let copy = move |_| {
        let text = code.get_untracked().as_plain();
        spawn_local(async move {
            let ok = clipboard::write_text(&text).await.is_ok();
            if ok {
                let now = crate::clock::Clock::now_ms(&crate::web::clock::BrowserClock);
                session.edit(move |c| {
                    c.touch(id, now);
                });
            }
            copied.set(Some(ok));
            let timer = set_timeout_with_handle(move || copied.set(None), Duration::from_millis(if ok { 1500 } else { 4000 })).ok();
            if let Some(old) = note_timer.try_update_value(|t| std::mem::replace(t, timer)).flatten() {
                old.clear();
            }
        });
    };
    let next_code = move || {
        let next = counter.saturating_add(1);
        session.edit(move |c| {
            c.set_counter(id, next);
        });
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
                    <output class="code" data-testid="code" aria-label=move || spoken(&code.get().as_plain())>
                        {move || code.get().grouped()}
                    </output>
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
                    <button class="ghost" data-testid="next-code" on:click=move |_| next_code()>
                        {tr(T::NextCode)}
                    </button>
                })}
                <button class="copy" data-testid="copy" on:click=copy aria-label=move || i18n::copy_label(state.lang.get(), &who())>
                    {move || match copied.get() {
                        Some(true) => i18n::t(state.lang.get(), T::Copied),
                        _ => i18n::t(state.lang.get(), T::Copy),
                    }}
                </button>
            </div>
    }
}
