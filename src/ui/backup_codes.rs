//! Backup codes: the dialog that shows a site's codes (next one first, mark used, undo, copy,
//! print, replace with a new set), the editor that reads a pasted block, and the printed sheet.

use super::state::Session;
use super::state::Row;
use super::{tr, AppState};
use crate::backup_codes::{extract, CodeSet, Shape};
use crate::clock::Clock;
use crate::i18n::{self, Lang, L, T};
use crate::web::clipboard;
use crate::web::clock::{local_ms, BrowserClock};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which entry's backup codes are open in the dialog.
#[derive(Clone, Copy)]
pub struct BackupCodesFor(pub RwSignal<Option<u64>>);

/// Which entry's codes the print sheet shows.
#[derive(Clone, Copy)]
pub struct PrintFor(pub RwSignal<Option<u64>>);

fn today(lang: i18n::Lang, ms: u64) -> String {
    i18n::date(lang, local_ms(ms))
}

/// What the user is pasting or typing, before it becomes a [`CodeSet`].
#[derive(Clone, Copy)]
pub struct CodesDraft {
    paste: RwSignal<String>,
    lines: RwSignal<String>,
    shape: RwSignal<Shape>,
    found: RwSignal<Option<(usize, Shape)>>,
    /// A translated problem with the draft.
    pub error: RwSignal<Option<String>>,
}

impl CodesDraft {
    /// An empty draft.
    pub fn new() -> Self {
        CodesDraft {
            paste: RwSignal::new(String::new()),
            lines: RwSignal::new(String::new()),
            shape: RwSignal::new(Shape::Generic),
            found: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    /// Empties it.
    pub fn reset(&self) {
        self.paste.set(String::new());
        self.lines.set(String::new());
        self.shape.set(Shape::Generic);
        self.found.set(None);
        self.error.set(None);
    }

    /// The confirmed codes as a set, or the message to show (also stored in `error`).
    pub fn build(&self, lang: Lang, now_ms: u64) -> Result<CodeSet, String> {
        let result = CodeSet::from_lines(self.shape.get_untracked(), &self.lines.get_untracked(), now_ms)
            .map_err(|e| i18n::codes_error(lang, &e));
        self.error.set(result.as_ref().err().cloned());
        result
    }

    fn on_paste(&self, text: String) {
        match extract(&text) {
            Some(found) => {
                let lines = found.codes.iter().map(|c| found.shape.display(c)).collect::<Vec<_>>().join("\n");
                self.found.set(Some((found.codes.len(), found.shape)));
                self.shape.set(found.shape);
                self.lines.set(lines);
                self.error.set(None);
            }
            None => self.found.set(None),
        }
        self.paste.set(text);
    }
}

/// Paste a block (codes are found in it), then check, edit or type the codes one per line.
/// Place it only inside a `<form autocomplete="off">`: browsers write a textarea's typed text
/// into the profile's session snapshot unless it says "off", and Safari and Chromium before 113
/// read only the form's (Firefox and today's Chromium read the textarea's own).
#[component]
pub fn CodesEditor(
    /// The draft being edited.
    draft: CodesDraft,
    /// Prefix of the fields' ids.
    id: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let paste_id = format!("{id}-paste");
    let lines_id = format!("{id}-lines");
    let nothing_found = move || draft.found.get().is_none() && !draft.paste.with(|p| p.trim().is_empty());
    view! {
        <div class="panel codes-editor">
            <label for=paste_id.clone()>{tr(L::PasteCodesLabel)}</label>
            <textarea id=paste_id data-testid="codes-paste" rows="4" spellcheck="false" autocomplete="off"
                aria-describedby=format!("{id}-paste-hint")
                prop:value=move || draft.paste.get() on:input=move |ev| draft.on_paste(event_target_value(&ev))></textarea>
            <p id=format!("{id}-paste-hint") class="hint">{tr(L::PasteCodesHint)}</p>
            {move || draft.found.get().map(|(n, shape)| view! {
                <p class="status" role="status" data-testid="codes-found">{i18n::codes_found(state.lang.get(), n, shape)}</p>
            })}
            <Show when=nothing_found>
                <p class="error" role="alert" data-testid="codes-none">{tr(T::CodesEmpty)}</p>
            </Show>
            <label for=lines_id.clone()>{tr(L::CodesLabel)}</label>
            <textarea id=lines_id data-testid="codes-lines" class="backup-code-font" rows="6" spellcheck="false" autocomplete="off"
                prop:value=move || draft.lines.get() on:input=move |ev| draft.lines.set(event_target_value(&ev))></textarea>
            {move || draft.error.get().map(|m| view! { <p class="error" role="alert" data-testid="codes-error">{m}</p> })}
        </div>
    }
}

/// The backup-code dialog of the entry in [`BackupCodesFor`].
#[component]
pub fn BackupCodesDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let open_for = expect_context::<BackupCodesFor>().0;
    let print_for = expect_context::<PrintFor>().0;
    let dialog = NodeRef::<html::Dialog>::new();
    let replacing = RwSignal::new(false);
    let draft = CodesDraft::new();
    let copy_note = RwSignal::new(None::<bool>);
    // After "mark used" the buttons re-render for the next code: the focus goes to a note that says
    // what was marked (with Undo beside it), never to a button that would use another code.
    let marked = RwSignal::new(None::<(String, String, bool)>);
    let keep_on_note = StoredValue::new(false);
    let note_ref = NodeRef::<html::P>::new();
    Effect::new(move |_| {
        if let Some(p) = note_ref.get() {
            // Taken from a mark button at once, and again after the list is drawn anew.
            if keep_on_note.get_value() && crate::web::page::focus_lost_or_on(&["mark-"]) {
                let _ = p.focus();
            }
        }
    });
    let marks = Marks { marked, keep_on_note, note_ref };

    // Opened from a menu that has closed since, or by a tap that focused nothing: back to the
    // row's own backup-codes button.
    super::widgets::sync_modal_or(dialog, move || open_for.get().is_some(), move || {
        open_for.get_untracked().map(|id| format!("[data-menu-of=\"{id}\"] [data-testid=backup-button]"))
    });
    let row = Memo::new(move |_| open_for.get().and_then(|id| session.rows.with(|rows| rows.iter().find(|r| r.id == id).map(RowView::from))));

    let clear = move || {
        marked.set(None);
        keep_on_note.set_value(false);
        replacing.set(false);
        draft.reset();
        copy_note.set(None);
    };
    let close = move || {
        open_for.set(None);
        clear();
    };
    // Closed for any reason (Close, Escape, or the vault locked): no pasted codes stay.
    Effect::new(move |_| {
        if open_for.get().is_none() {
            clear();
        }
    });
    let save = move |id: u64| {
        let now = BrowserClock.now_ms();
        if let Ok(set) = draft.build(state.lang.get_untracked(), now) {
            if session.try_edit(move |c| {
                c.set_codes(id, set.clone(), now);
            }) {
                replacing.set(false);
                draft.reset();
            }
        }
    };

    view! {
        <dialog node_ref=dialog class="add backup" aria-labelledby="backup-title" data-testid="backup-dialog"
            on:close=move |_| close()>
            {move || row.get().map(|r| {
                let id = r.id;
                let lang = state.lang.get();
                let show_editor = r.set.is_none() || replacing.get();
                view! {
                    <h2 id="backup-title">{i18n::backup_codes_title(lang, &i18n::account_label(lang, &r.issuer, &r.name, |i, n| format!("{i} ({n})")))}</h2>
                    {i18n::codes_where(lang, &r.issuer).map(|w| view! { <p class="hint" data-testid="codes-where">{w}</p> })}
                    {if show_editor {
                        view! {
                            {r.set.is_some().then(|| view! { <p class="hint">{tr(L::ReplaceHint)}</p> })}
                            // "off" on the form keeps the codes typed in its textareas out of
                            // the session snapshot on disk (see CodesEditor).
                            <form autocomplete="off" on:submit=move |ev| { ev.prevent_default(); save(id); }>
                                <CodesEditor draft=draft id="backup" />
                                <div class="buttons">
                                    {r.set.is_some().then(|| view! {
                                        <button type="button" class="ghost" data-testid="cancel-replace"
                                            on:click=move |_| { replacing.set(false); draft.reset(); }>{tr(T::Cancel)}</button>
                                    })}
                                    <button type="submit" class="primary" data-testid="save-codes">{tr(L::SaveCodes)}</button>
                                </div>
                            </form>
                        }.into_any()
                    } else {
                        view! { <CodeList row=r.clone() copy_note=copy_note replacing=replacing print_for=print_for marks=marks /> }.into_any()
                    }}
                    <details class="explainer" data-testid="backup-explainer">
                        <summary>{tr(L::WhatIsBackupCode)}</summary>
                        <p>{tr(L::BackupCodeExplained)}</p>
                    </details>
                }
            })}
            <div class="buttons">
                <button type="button" class="ghost" data-testid="close-backup" on:click=move |_| close()>{tr(T::Close)}</button>
            </div>
        </dialog>
    }
}

/// What the dialog needs of a row.
#[derive(Clone, PartialEq)]
struct RowView {
    id: u64,
    issuer: String,
    name: String,
    set: Option<CodeSet>,
    revoked: Vec<CodeSet>,
}

impl From<&Row> for RowView {
    fn from(r: &Row) -> Self {
        RowView {
            id: r.id,
            issuer: r.issuer.clone(),
            name: r.name.clone(),
            set: r.backup_codes.clone(),
            revoked: r.revoked.clone(),
        }
    }
}

/// The note said after marking a code, and where the focus goes then.
#[derive(Clone, Copy)]
struct Marks {
    /// The code last marked (used, or unused again), what was said about it, and whether used.
    marked: RwSignal<Option<(String, String, bool)>>,
    /// Whether the note takes the focus back when it is drawn again (the list re-renders) and the
    /// focus fell to the page with the element that had it.
    keep_on_note: StoredValue<bool>,
    note_ref: NodeRef<html::P>,
}

#[component]
fn CodeList(row: RowView, copy_note: RwSignal<Option<bool>>, replacing: RwSignal<bool>, print_for: RwSignal<Option<u64>>, marks: Marks) -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let lang = state.lang.get_untracked();
    let Some(set) = row.set.clone() else { return ().into_any() };
    let id = row.id;
    let shape = set.shape;
    let mark = move |code: String, used: bool, copied: bool| {
        // A note about an earlier copy would sit under the next code now: gone.
        copy_note.set(None);
        let when = used.then(|| BrowserClock.now_ms());
        let lang = state.lang.get_untracked();
        let said = if copied { i18n::copied_and_marked(lang, &shape.display(&code)) } else { i18n::marked_used(lang, &shape.display(&code), used) };
        let undo_code = code.clone();
        if session.try_edit(move |c| {
            c.mark_code(id, &code, when);
        }) {
            state.status.set(said.clone());
            marks.marked.set(Some((undo_code, said, used)));
            marks.keep_on_note.set_value(true);
            // The note is there already (an earlier mark): it takes the focus now.
            if let Some(p) = marks.note_ref.get_untracked() {
                let _ = p.focus();
            }
        }
    };
    let copy = move |code: String| {
        spawn_local(async move {
            copy_note.set(Some(clipboard::write_text_then_clear(&code).await.is_ok()));
        });
    };
    let remaining = set.remaining();
    let threshold = session.low_threshold.get_untracked();
    let next_index = set.next_unused();
    let next = next_index.map(|i| set.codes[i].code.clone());
    let order = set.display_order();
    view! {
        {set.is_low(threshold).then(|| view! {
            <p class="warning" role="status" data-testid="codes-low">
                {if remaining == 0 { i18n::t(lang, L::AllCodesUsed).to_owned() } else { i18n::codes_low(lang, remaining, &row.issuer) }}
            </p>
        })}
        <p class="remaining" data-testid="codes-remaining">{i18n::codes_remaining(lang, remaining, set.codes.len())}</p>
        {move || marks.marked.get().map(|(code, said, used)| {
            let shown = shape.display(&code);
            view! {
                <div class="marked-note">
                    <p tabindex="-1" node_ref=marks.note_ref data-testid="marked-note">{said}</p>
                    {used.then(|| view! {
                        <button class="ghost" data-testid="undo-last" aria-label=i18n::mark_label(lang, &shown, true)
                            on:click=move |_| mark(code.clone(), false, false)>{tr(L::Undo)}</button>
                    })}
                </div>
            }
        })}
        {next.map(|code| {
            let shown = shape.display(&code);
            let (c1, c2, c3) = (code.clone(), code.clone(), code.clone());
            view! {
                <div class="next-code" data-testid="next-backup-code">
                    <span class="label">{tr(L::NextCodeLabel)}</span>
                    <span class="backup-code big" data-testid="next-code-value">{shown.clone()}</span>
                    <div class="buttons">
                        // The one tap a person at a site's "enter a backup code" box needs: the
                        // code on the clipboard and off the list (Undo is right there).
                        <button class="primary" data-testid="copy-mark-next" on:click=move |_| {
                            // Said by the mark's note; the copy speaks only if it failed.
                            let code = c3.clone();
                            spawn_local(async move {
                                if clipboard::write_text_then_clear(&code).await.is_err() {
                                    copy_note.set(Some(false));
                                }
                            });
                            mark(c3.clone(), true, true);
                        }>{tr(L::CopyAndMark)}</button>
                        <button data-testid="copy-next" aria-label=i18n::copy_code_label(lang, &shown) on:click=move |_| copy(c1.clone())>{tr(L::Copy)}</button>
                        <button data-testid="mark-next" aria-label=i18n::mark_label(lang, &shown, false)
                            on:click=move |_| mark(c2.clone(), true, false)>{tr(L::MarkUsed)}</button>
                    </div>
                </div>
            }
        })}
        {move || copy_note.get().map(|ok| view! {
            <p class=if ok { "status" } else { "error" } role="status" data-testid="copy-note">
                {tr(if ok { L::CopyClears } else { L::CopyFailed })}
            </p>
        })}
        <ul class="codes" data-testid="codes">
            {order.into_iter().map(|i| {
                let c = &set.codes[i];
                let code = c.code.clone();
                let shown = shape.display(&code);
                let used = c.used_ms;
                let (for_mark, for_copy) = (code.clone(), code.clone());
                // The code shown big above keeps its place in the sheet, marked as that one (not
                // a second "next code").
                let is_next = next_index == Some(i);
                view! {
                    <li data-testid="backup-code" class:used=used.is_some() class:next=is_next>
                        {match used {
                            Some(ms) => view! {
                                <s class="backup-code">{shown.clone()}</s>
                                <span class="used-on">{i18n::used_on(lang, &today(lang, ms))}</span>
                            }.into_any(),
                            None => view! {
                                <span class="backup-code">{shown.clone()}</span>
                                {is_next.then(|| view! { <span class="next-mark" aria-hidden="true">"↑"</span> })}
                            }.into_any(),
                        }}
                        <span class="code-actions">
                            {used.is_none().then(|| {
                                let label = i18n::copy_code_label(lang, &shown);
                                view! { <button class="ghost" data-testid="copy-code" aria-label=label on:click=move |_| copy(for_copy.clone())>{tr(L::Copy)}</button> }
                            })}
                            <button class="ghost" data-testid=if used.is_some() { "undo-code" } else { "mark-code" }
                                aria-label=i18n::mark_label(lang, &shown, used.is_some())
                                on:click=move |_| mark(for_mark.clone(), used.is_none(), false)>
                                {tr(if used.is_some() { L::Undo } else { L::MarkUsed })}
                            </button>
                        </span>
                    </li>
                }
            }).collect_view()}
        </ul>
        <p class="hint">{tr(L::PrintHint)}</p>
        <div class="buttons">
            <button data-testid="print-codes" on:click=move |_| {
                print_for.set(Some(id));
                crate::web::page::print_after(50);
            }>{tr(L::PrintCodes)}</button>
            <button data-testid="replace-codes" on:click=move |_| replacing.set(true)>{tr(L::ReplaceCodes)}</button>
        </div>
        {(!row.revoked.is_empty()).then(|| view! {
            <details class="revoked" data-testid="revoked">
                <summary>{tr(L::RevokedHeading)}" ("{row.revoked.len()}")"</summary>
                {row.revoked.iter().rev().map(|old| view! {
                    <p class="hint">{i18n::retired_set(lang, &today(lang, old.added_ms), &today(lang, old.revoked_ms.unwrap_or(old.added_ms)))}</p>
                    <ul class="codes retired">
                        {old.codes.iter().map(|c| view! { <li><s class="backup-code">{old.shape.display(&c.code)}</s></li> }).collect_view()}
                    </ul>
                }).collect_view()}
            </details>
        })}
    }
    .into_any()
}

/// The paper copy of one site's codes: hidden on screen, the only thing printed.
#[component]
pub fn PrintSheet() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let print_for = expect_context::<PrintFor>().0;
    let sheet = move || {
        let id = print_for.get()?;
        session.rows.with(|rows| rows.iter().find(|r| r.id == id).cloned())
    };
    view! {
        <section class="print-sheet" data-testid="print-sheet" aria-hidden="true">
            {move || sheet().and_then(|row| {
                let lang = state.lang.get();
                let set = row.backup_codes.clone()?;
                Some(view! {
                    <h1>{if row.issuer.is_empty() { i18n::t(lang, T::Unnamed).to_owned() } else { row.issuer.clone() }}</h1>
                    <p class="sheet-name">{row.name.clone()}</p>
                    <p class="sheet-date">{i18n::printed_on(lang, &today(lang, BrowserClock.now_ms()))}</p>
                    <ol class="sheet-codes">
                        {set.codes.iter().map(|c| view! {
                            <li class:used=c.used_ms.is_some()>
                                <span class="box" aria-hidden="true">{if c.used_ms.is_some() { "☒" } else { "☐" }}</span>
                                <span class="backup-code">{set.shape.display(&c.code)}</span>
                            </li>
                        }).collect_view()}
                    </ol>
                    <p class="sheet-footer">{i18n::t(lang, L::SheetFooter)}</p>
                })
            })}
        </section>
    }
}
