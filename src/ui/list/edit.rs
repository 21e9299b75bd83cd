//! The edit form of an account (service name, account name, tags). What is typed in it is kept
//! by the list, not by the row: another tab's save draws the row again, or deletes the account,
//! and the form stays with its text, its focus, and a note saying what happened. Save writes the
//! fields the user changed, and only those ([`Label::edits_to`]).

use crate::i18n::{self, L, T};
use crate::organize::parse_tags;
use crate::ui::state::Session;
use crate::ui::{tr, AppState};
use crate::vault::{Label, LabelField};
use leptos::prelude::*;
use std::time::Duration;

/// What was typed in one open edit form.
#[derive(Clone)]
struct Draft {
    id: u64,
    /// The entry as the form last saw it stored: what the typed text is compared with.
    seen: Label,
    issuer: String,
    name: String,
    tags: String,
    /// The fields another tab changed while the form was open.
    elsewhere: Vec<LabelField>,
    /// The field that has the focus, and its selection.
    focus: Option<(LabelField, u32, u32)>,
    /// Drawn before: drawing it again takes the focus only if it had it.
    drawn: bool,
}

/// The open edit forms of the list, by entry. Lives as long as the list (a lock forgets them).
#[derive(Clone, Copy)]
pub(super) struct Drafts {
    /// The entries whose form is open, in the order they were opened.
    open: RwSignal<Vec<u64>>,
    drafts: StoredValue<Vec<Draft>>,
    /// Counts the changes another tab made to a draft's entry: every drawing of its form syncs
    /// with the draft then (an old drawing may be the one that saw the change).
    heard: RwSignal<u64>,
}

impl Drafts {
    pub(super) fn new() -> Drafts {
        Drafts { open: RwSignal::new(Vec::new()), drafts: StoredValue::new(Vec::new()), heard: RwSignal::new(0) }
    }

    /// Opens the form of entry `id`, showing `seen` (nothing if it is open already).
    pub(super) fn open(self, id: u64, seen: Label) {
        if self.open.with_untracked(|o| o.contains(&id)) {
            return;
        }
        let draft = Draft {
            id,
            issuer: seen.issuer.clone(),
            name: seen.name.clone(),
            tags: seen.tags.join(", "),
            seen,
            elsewhere: Vec::new(),
            focus: None,
            drawn: false,
        };
        self.drafts.update_value(|d| d.push(draft));
        self.open.update(|o| o.push(id));
    }

    /// Whether the form of entry `id` is open (tracked).
    pub(super) fn is_open(self, id: u64) -> bool {
        self.open.with(|o| o.contains(&id))
    }

    /// The entries whose form is open (tracked).
    pub(super) fn ids(self) -> Vec<u64> {
        self.open.get()
    }

    fn close(self, id: u64) {
        self.drafts.update_value(|d| d.retain(|d| d.id != id));
        self.open.update(|o| o.retain(|&o| o != id));
    }

    fn with<R>(self, id: u64, f: impl FnOnce(&mut Draft) -> R) -> Option<R> {
        self.drafts.try_update_value(|d| d.iter_mut().find(|d| d.id == id).map(f)).flatten()
    }
}

/// Makes the draft show `now`'s value of `field` if the user has not changed it from `seen`.
fn follow(field: LabelField, seen: &Label, now: &Label, draft: &mut Draft) {
    match field {
        LabelField::Issuer if draft.issuer.trim() == seen.issuer.trim() => draft.issuer = now.issuer.clone(),
        LabelField::Name if draft.name.trim() == seen.name.trim() => draft.name = now.name.clone(),
        LabelField::Tags if parse_tags(&draft.tags) == seen.tags => draft.tags = now.tags.join(", "),
        _ => {}
    }
}

/// Rename an account and set its tags. Drawn in its row, or above the list once the account is
/// gone (deleted in another tab), so what was typed is never dropped unseen.
#[component]
pub(super) fn EditForm(
    /// The entry.
    id: u64,
    /// Where the focus goes when the form closes (the row's menu button), if the row is there.
    menu_button: Option<NodeRef<leptos::html::Button>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let drafts = expect_context::<Drafts>();
    let Some(draft) = drafts.with(id, |d| d.clone()) else { return ().into_any() };
    let (issuer, name, tags) = (RwSignal::new(draft.issuer), RwSignal::new(draft.name), RwSignal::new(draft.tags));
    let elsewhere = RwSignal::new(draft.elsewhere);
    let error = RwSignal::new(None::<String>);
    // The entry as stored now; `None` once it is deleted.
    let stored = Memo::new(move |_| {
        session.rows.track();
        session.with_vault(|v| v.content.get(id).map(Label::of)).flatten()
    });
    let gone = move || stored.with(Option::is_none);
    // Another tab changed the entry: the fields the user left alone show the new values, typed
    // text stays, and the note names what changed. The draft is what counts (the form drawn
    // before this one may have seen the change first), so the fields are set from it.
    Effect::new(move |_| {
        let Some(now) = stored.get() else { return };
        drafts.heard.track();
        let shown = drafts.with(id, |d| {
            let seen = std::mem::replace(&mut d.seen, now.clone());
            let changed = seen.differing(&now);
            for &field in &changed {
                follow(field, &seen, &now, d);
                if !d.elsewhere.contains(&field) {
                    d.elsewhere.push(field);
                }
            }
            (!changed.is_empty(), (d.issuer.clone(), d.name.clone(), d.tags.clone(), d.elsewhere.clone()))
        });
        let Some((heard, (i, n, t, e))) = shown else { return };
        if heard {
            drafts.heard.update(|n| *n += 1);
        }
        for (signal, value) in [(issuer, i), (name, n), (tags, t)] {
            if signal.with_untracked(|v| *v != value) {
                signal.set(value);
            }
        }
        if elsewhere.with_untracked(|v| *v != e) {
            elsewhere.set(e);
        }
    });

    let refs = [NodeRef::<leptos::html::Input>::new(), NodeRef::new(), NodeRef::new()];
    let field_at = |f: LabelField| match f {
        LabelField::Issuer => 0,
        LabelField::Name => 1,
        LabelField::Tags => 2,
    };
    // Opened from the menu, the first field takes the focus; drawn again (the row was), the
    // field that had it gets it back with its selection, so typing goes on where it was.
    Effect::new(move |_| {
        let [Some(first), Some(_), Some(_)] = refs.map(|r| r.get()) else { return };
        let Some((focus, drawn)) = drafts.with(id, |d| (d.focus, std::mem::replace(&mut d.drawn, true))) else { return };
        match focus {
            Some((field, start, end)) => {
                if let Some(input) = refs[field_at(field)].get_untracked() {
                    let _ = input.focus();
                    let _ = input.set_selection_range(start, end);
                    drafts.with(id, |d| d.focus = Some((field, start, end)));
                }
            }
            None if !drawn => {
                let _ = first.focus();
            }
            None => {}
        }
    });
    let note_focus = move |field: LabelField| {
        if let Some(input) = refs[field_at(field)].get_untracked() {
            let (start, end) = (input.selection_start().ok().flatten().unwrap_or(0), input.selection_end().ok().flatten().unwrap_or(0));
            drafts.with(id, |d| d.focus = Some((field, start, end)));
        }
    };
    // Left for somewhere else, not taken away with the row being drawn again: forget the focus.
    let blurred = move |field: LabelField, ev: leptos::ev::FocusEvent| {
        let input = crate::web::page::event_node(&ev);
        set_timeout(
            move || {
                if input.as_ref().is_some_and(crate::web::page::in_page) {
                    drafts.with(id, |d| {
                        if d.focus.is_some_and(|(f, _, _)| f == field) {
                            d.focus = None;
                        }
                    });
                }
            },
            Duration::ZERO,
        );
    };
    let typed = move |field: LabelField, ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match field {
            LabelField::Issuer => issuer.set(value.clone()),
            LabelField::Name => name.set(value.clone()),
            LabelField::Tags => tags.set(value.clone()),
        }
        drafts.with(id, |d| match field {
            LabelField::Issuer => d.issuer = value,
            LabelField::Name => d.name = value,
            LabelField::Tags => d.tags = value,
        });
        note_focus(field);
    };

    let finish = move || {
        drafts.close(id);
        if let Some(b) = menu_button.and_then(|b| b.get_untracked()) {
            let _ = b.focus();
        }
    };
    let save = move || {
        if gone() {
            return;
        }
        let Some(seen) = drafts.with(id, |d| d.seen.clone()) else { return };
        let typed = Label { issuer: issuer.get_untracked(), name: name.get_untracked(), tags: parse_tags(&tags.get_untracked()) };
        let edits = seen.edits_to(id, &typed);
        // Refused here with the field and its limit, so nothing is said to be saved that is not.
        if let Some(Err(e)) = session.with_vault(|v| v.content.check(&edits)) {
            error.set(Some(i18n::field_error(state.lang.get_untracked(), &e)));
            return;
        }
        if !edits.is_empty() {
            session.apply(edits);
        }
        finish();
    };
    let input = move |field: LabelField, testid: &'static str, label: T, value: RwSignal<String>, max: Option<usize>| {
        let html_id = format!("edit-{testid}-{id}");
        view! {
            <label for=html_id.clone()>{tr(label)}</label>
            <input id=html_id node_ref=refs[field_at(field)] data-testid=format!("edit-{testid}") autocomplete="off" maxlength=max
                prop:value=move || value.get()
                on:input=move |ev| typed(field, ev)
                on:focus=move |_| note_focus(field)
                on:keyup=move |_| note_focus(field)
                on:mouseup=move |_| note_focus(field)
                on:select=move |_| note_focus(field)
                on:blur=move |ev| blurred(field, ev) />
        }
    };
    let label_max = Some(crate::account::MAX_LABEL_LEN);
    view! {
        <form class="edit grid" data-testid="edit-form" on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { finish() } on:submit=move |ev| { ev.prevent_default(); save(); }>
            {input(LabelField::Issuer, "issuer", T::IssuerLabel, issuer, label_max)}
            {input(LabelField::Name, "name", T::NameLabel, name, label_max)}
            {input(LabelField::Tags, "tags", T::TagsLabel, tags, None)}
            {move || {
                let lang = state.lang.get();
                if gone() {
                    Some(view! { <p class="warning" role="status" data-testid="edit-elsewhere">{i18n::deleted_elsewhere(lang)}</p> }.into_any())
                } else {
                    elsewhere.with(|f| (!f.is_empty()).then(|| view! { <p class="notice" role="status" data-testid="edit-elsewhere">{i18n::changed_elsewhere(lang, f)}</p> }.into_any()))
                }
            }}
            {move || error.get().map(|m| view! { <p class="error" role="alert" data-testid="edit-error">{m}</p> })}
            <div class="buttons start">
                <button type="button" class="ghost" data-testid="edit-close" on:click=move |_| finish()>{move || tr(if gone() { T::Close } else { T::Cancel })()}</button>
                <Show when=move || !gone()>
                    <button type="submit" class="primary" data-testid="edit-save">{tr(L::Save)}</button>
                </Show>
            </div>
        </form>
    }
    .into_any()
}
