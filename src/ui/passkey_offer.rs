//! The offer, once, after the vault is created: unlock with a fingerprint or face from now on.
//! Shown only where the browser can make such a passkey, only while the vault is new (no
//! account, no passkey yet), and never again once answered.

use super::state::{KeptIn, Session};
use super::AppState;
use crate::i18n::{self, L, T};
use leptos::prelude::*;

/// A card with "Turn on" and "Later" above the empty list.
#[component]
pub fn PasskeyOffer() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<AppState>();
    let can = session.passkey_offer();
    let answered = RwSignal::new(false);
    let message = RwSignal::new(None::<T>);
    let shown = move || {
        can.get()
            && !answered.get()
            && session.kept_in.get() == KeptIn::IndexedDb
            && session.rows.with(Vec::is_empty)
            && session.passkeys.with(Vec::is_empty)
    };
    let later = move || {
        session.passkey_offer_answered();
        answered.set(true);
        super::widgets::focus_now("add-button");
    };
    let enroll = move |_| {
        message.set(None);
        let lang = state.lang.get_untracked();
        let name = i18n::t(lang, L::PasskeyDefaultName).to_owned();
        session.enroll_passkey(name, move |key| match key {
            T::PasskeyAdded => {
                session.passkey_offer_answered();
                answered.set(true);
                state.status.set(i18n::passkey_offer_done(state.lang.get_untracked()).to_owned());
                super::widgets::focus_now("add-button");
            }
            // This device cannot: the offer is not made again; the card says why until "Later".
            T::PasskeyNoPrf | T::PasskeyUnavailable => {
                session.passkey_offer_answered();
                message.set(Some(key));
            }
            _ => message.set(Some(key)),
        });
    };
    view! {
        <Show when=shown>
            <section class="card passkey-offer" data-testid="passkey-offer" aria-labelledby="passkey-offer-title"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { later() }>
                <h2 id="passkey-offer-title">{move || i18n::passkey_offer_title(state.lang.get())}</h2>
                <p>{move || i18n::passkey_offer_text(state.lang.get())}</p>
                {move || message.get().map(|key| view! { <p class="error" role="alert" data-testid="passkey-offer-message">{move || i18n::t(state.lang.get(), key)}</p> })}
                <div class="buttons start">
                    <button type="button" class="primary" data-testid="passkey-offer-enroll" disabled=move || session.asking_passkey.get() on:click=enroll>
                        {move || i18n::passkey_offer_enroll(state.lang.get())}
                    </button>
                    <button type="button" class="ghost" data-testid="passkey-offer-later" on:click=move |_| later()>
                        {move || i18n::passkey_offer_later(state.lang.get())}
                    </button>
                </div>
            </section>
        </Show>
    }
}
