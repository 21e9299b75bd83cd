//! Entries the vault could not read (damaged, or from a newer version): one flagged row each,
//! above the list, so the rest of the vault opens and nothing is lost. The user may save the
//! entry's stored text (it may hold a secret, so only after a warning) or delete it.

use super::session::Session;
use super::AppState;
use crate::i18n::Lang;
use leptos::prelude::*;

/// What the list shows of one unreadable entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableRow {
    /// Its place among the unreadable entries (what export and delete address).
    pub index: usize,
    /// Its size in bytes, to tell several apart.
    pub bytes: usize,
}

fn text(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// The flagged rows; nothing when every entry reads.
#[component]
pub fn UnreadableEntries() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    view! {
        <For each=move || session.unreadable.get() key=|r| (r.index, r.bytes) let:row>
            <UnreadableEntry index=row.index bytes=row.bytes lang=lang />
        </For>
    }
}

/// One unreadable entry: what happened, and the two ways out.
#[component]
fn UnreadableEntry(index: usize, bytes: usize, lang: impl Fn() -> Lang + Copy + Send + Sync + 'static) -> impl IntoView {
    let session = expect_context::<Session>();
    let warned = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    view! {
        <div class="unreadable" role="group" data-testid="unreadable-row"
            aria-label=move || text(lang(), "An entry that could not be read", "読み取れない項目")>
            <p class="error">
                {move || text(lang(),
                    "This entry could not be read (it may be damaged, or come from a newer version of the app). Everything else opened normally. Save it as a file to keep it, or delete it.",
                    "この項目は読み取れませんでした（壊れているか、新しい版のアプリで作られた可能性があります）。ほかの項目は通常どおり開いています。ファイルに保存して残すか、削除してください。")}
                " (" {bytes} " B)"
            </p>
            <Show when=move || warned.get()
                fallback=move || view! {
                    <button data-testid="unreadable-export" on:click=move |_| warned.set(true)>
                        {move || text(lang(), "Save as a file…", "ファイルに保存…")}
                    </button>
                }>
                <p class="notice" role="alert">{move || text(lang(),
                    "The file is not encrypted and may contain this account's secret key. Keep it somewhere safe and delete it once you no longer need it.",
                    "このファイルは暗号化されておらず、このアカウントのシークレットキーが含まれている可能性があります。安全な場所に保管し、不要になったら削除してください。")}</p>
                <button class="primary" data-testid="unreadable-export-confirm" on:click=move |_| { session.export_unreadable(index); warned.set(false); }>
                    {move || text(lang(), "Save the unencrypted file", "暗号化されていないファイルを保存")}
                </button>
                <button class="ghost" on:click=move |_| warned.set(false)>{move || text(lang(), "Cancel", "キャンセル")}</button>
            </Show>
            <Show when=move || confirming.get()
                fallback=move || view! {
                    <button class="danger" data-testid="unreadable-delete" on:click=move |_| confirming.set(true)>
                        {move || text(lang(), "Delete…", "削除…")}
                    </button>
                }>
                <p>{move || text(lang(), "Delete this entry for good? Save it first if you may need it.", "この項目を完全に削除しますか？必要になるかもしれない場合は先に保存してください。")}</p>
                <button class="danger" data-testid="unreadable-delete-confirm" on:click=move |_| session.delete_unreadable(index)>
                    {move || text(lang(), "Delete", "削除する")}
                </button>
                <button class="ghost" on:click=move |_| confirming.set(false)>{move || text(lang(), "Keep", "残す")}</button>
            </Show>
        </div>
    }
}
