// Shared by form.rs and storage.rs (included with `include!`).
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang { En, Fr }

#[derive(Clone, Copy)]
enum Msg {
    Title, Intro, Passphrase, Placeholder, Unlock, Unlocking, Unlocked, Empty, TooShort, Wrong,
    Language, English, French, Status, Idle, Hint, Forgot, Remember, Footer, Chars,
}

fn t(lang: Lang, m: Msg) -> &'static str {
    use Msg::*;
    match (lang, m) {
        (Lang::En, Title) => "Unlock your vault",
        (Lang::En, Intro) => "Enter your passphrase to see your codes.",
        (Lang::En, Passphrase) => "Passphrase",
        (Lang::En, Placeholder) => "Your passphrase",
        (Lang::En, Unlock) => "Unlock",
        (Lang::En, Unlocking) => "Unlocking…",
        (Lang::En, Unlocked) => "Unlocked.",
        (Lang::En, Empty) => "Enter a passphrase.",
        (Lang::En, TooShort) => "That passphrase is too short.",
        (Lang::En, Wrong) => "Wrong passphrase.",
        (Lang::En, Language) => "Language",
        (Lang::En, English) => "English",
        (Lang::En, French) => "French",
        (Lang::En, Status) => "Status",
        (Lang::En, Idle) => "Locked",
        (Lang::En, Hint) => "At least 8 characters.",
        (Lang::En, Forgot) => "Forgot it? Restore a backup.",
        (Lang::En, Remember) => "Keep unlocked for 5 minutes",
        (Lang::En, Footer) => "Everything stays on this device.",
        (Lang::En, Chars) => "characters",
        (Lang::Fr, Title) => "Déverrouiller le coffre",
        (Lang::Fr, Intro) => "Saisissez votre phrase secrète pour voir vos codes.",
        (Lang::Fr, Passphrase) => "Phrase secrète",
        (Lang::Fr, Placeholder) => "Votre phrase secrète",
        (Lang::Fr, Unlock) => "Déverrouiller",
        (Lang::Fr, Unlocking) => "Déverrouillage…",
        (Lang::Fr, Unlocked) => "Déverrouillé.",
        (Lang::Fr, Empty) => "Saisissez une phrase secrète.",
        (Lang::Fr, TooShort) => "Cette phrase secrète est trop courte.",
        (Lang::Fr, Wrong) => "Phrase secrète incorrecte.",
        (Lang::Fr, Language) => "Langue",
        (Lang::Fr, English) => "Anglais",
        (Lang::Fr, French) => "Français",
        (Lang::Fr, Status) => "État",
        (Lang::Fr, Idle) => "Verrouillé",
        (Lang::Fr, Hint) => "Au moins 8 caractères.",
        (Lang::Fr, Forgot) => "Oubliée ? Restaurez une sauvegarde.",
        (Lang::Fr, Remember) => "Rester déverrouillé 5 minutes",
        (Lang::Fr, Footer) => "Tout reste sur cet appareil.",
        (Lang::Fr, Chars) => "caractères",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status { Idle, Unlocking, Unlocked, Error(Msg) }

impl PartialEq for Msg {
    fn eq(&self, other: &Self) -> bool { (*self as u8) == (*other as u8) }
}
impl Eq for Msg {}

#[component]
fn UnlockForm(lang: RwSignal<Lang>, status: RwSignal<Status>) -> impl IntoView {
    let pass = RwSignal::new(String::new());
    let tr = move |m: Msg| t(lang.get(), m);
    let error = move || match status.get() { Status::Error(m) => Some(m), _ => None };
    let status_text = move || match status.get() {
        Status::Idle => tr(Msg::Idle),
        Status::Unlocking => tr(Msg::Unlocking),
        Status::Unlocked => tr(Msg::Unlocked),
        Status::Error(_) => tr(Msg::Wrong),
    };
    // A derived closure text.
    let count = move || format!("{} {}", pass.with(|p| p.chars().count()), tr(Msg::Chars));
    let on_unlock = move |_| {
        let p = pass.get_untracked();
        status.set(if p.is_empty() {
            Status::Error(Msg::Empty)
        } else if p.len() < 8 {
            Status::Error(Msg::TooShort)
        } else if p == "correct horse" {
            Status::Unlocked
        } else {
            Status::Error(Msg::Wrong)
        });
    };
    view! {
        <h1>{move || tr(Msg::Title)}</h1>
        <p>{move || tr(Msg::Intro)}</p>
        <label>
            {move || tr(Msg::Language)}
            <select on:change=move |ev| {
                lang.set(if event_target_value(&ev) == "fr" { Lang::Fr } else { Lang::En })
            }>
                <option value="en" selected=move || lang.get() == Lang::En>{move || tr(Msg::English)}</option>
                <option value="fr" selected=move || lang.get() == Lang::Fr>{move || tr(Msg::French)}</option>
            </select>
        </label>
        <label>
            {move || tr(Msg::Passphrase)}
            <input
                type="password"
                placeholder=move || tr(Msg::Placeholder)
                prop:value=move || pass.get()
                on:input=move |ev| pass.set(event_target_value(&ev))
            />
        </label>
        <p class="hint">{move || tr(Msg::Hint)} " (" {count} ")"</p>
        <label><input type="checkbox"/>{move || tr(Msg::Remember)}</label>
        <button on:click=on_unlock>{move || tr(Msg::Unlock)}</button>
        <Show when=move || error().is_some()>
            <p class="error" role="alert">{move || error().map(|m| tr(m))}</p>
        </Show>
        <p>{move || tr(Msg::Status)} ": " {status_text}</p>
        <a href="#restore">{move || tr(Msg::Forgot)}</a>
        <footer>{move || tr(Msg::Footer)}</footer>
    }
}
