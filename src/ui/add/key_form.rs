//! Key entry: issuer, name and setup key, and the "Advanced" settings (type, algorithm, digits,
//! period or counter). A link typed or pasted into any of its fields goes to the link reader.

use super::super::tr;
use crate::account::{KindChoice, ManualEntry, MAX_LABEL_LEN};
use crate::add_flow::ALGORITHMS;
use crate::i18n::{L, T};
use leptos::prelude::*;

/// The form over `entry`; `link_in` takes a field's new text first and says whether it was a link.
pub(super) fn key_view(entry: RwSignal<ManualEntry>, link_in: impl Fn(&str) -> bool + Copy + Send + Sync + 'static) -> impl IntoView {
    let set_field = move |f: fn(&mut ManualEntry, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if !link_in(&v) {
                entry.update(|e| f(e, v));
            }
        }
    };
    let kind_is = move |k: KindChoice| move || entry.with(|e| e.kind == k);
    view! {
        <div class="panel grid">
            <label for="m-issuer">{tr(T::IssuerLabel)}</label>
            <input id="m-issuer" data-testid="manual-issuer" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="Instagram"
                prop:value=move || entry.with(|e| e.issuer.clone()) on:input=set_field(|e, v| e.issuer = v) />
            <label for="m-name">{tr(T::NameLabel)}</label>
            <input id="m-name" data-testid="manual-name" autocomplete="off" maxlength=MAX_LABEL_LEN placeholder="hanako"
                prop:value=move || entry.with(|e| e.name.clone()) on:input=set_field(|e, v| e.name = v) />
            <label for="m-secret">{tr(L::AddKeyLabel)}</label>
            <input id="m-secret" data-testid="manual-secret" autocomplete="off" spellcheck="false" autocapitalize="characters"
                class="mono" aria-describedby="m-secret-hint"
                prop:value=move || entry.with(|e| e.secret.clone()) on:input=set_field(|e, v| e.secret = v) />
            <p id="m-secret-hint" class="hint">{tr(L::AddKeyHint)}</p>
            <details class="advanced">
                <summary data-testid="advanced">{tr(L::Advanced)}</summary>
                <div class="grid">
                    <label for="m-kind">{tr(L::TypeLabel)}</label>
                    <select id="m-kind" data-testid="manual-kind" on:change=move |ev| {
                        let k = match event_target_value(&ev).as_str() { "hotp" => KindChoice::Hotp, "steam" => KindChoice::Steam, _ => KindChoice::Totp };
                        entry.update(|e| e.kind = k);
                    }>
                        <option value="totp" selected=kind_is(KindChoice::Totp)>{tr(L::TypeTotp)}</option>
                        <option value="hotp" selected=kind_is(KindChoice::Hotp)>{tr(L::TypeHotp)}</option>
                        <option value="steam" selected=kind_is(KindChoice::Steam)>{tr(L::TypeSteam)}</option>
                    </select>
                    <label for="m-alg">{tr(L::AlgorithmLabel)}</label>
                    <select id="m-alg" data-testid="manual-algorithm" on:change=set_field(|e, v| e.algorithm = v)>
                        {ALGORITHMS.iter().map(|a| view! { <option value=a.as_str()>{a.as_str()}</option> }).collect::<Vec<_>>()}
                    </select>
                    <label for="m-digits">{tr(L::DigitsLabel)}</label>
                    <input id="m-digits" data-testid="manual-digits" inputmode="numeric" placeholder="6"
                        prop:value=move || entry.with(|e| e.digits.clone()) on:input=set_field(|e, v| e.digits = v) />
                    <Show when=move || entry.with(|e| e.kind != KindChoice::Hotp)>
                        <label for="m-period">{tr(L::PeriodLabel)}</label>
                        <input id="m-period" data-testid="manual-period" inputmode="numeric" placeholder="30"
                            prop:value=move || entry.with(|e| e.period.clone()) on:input=set_field(|e, v| e.period = v) />
                    </Show>
                    <Show when=move || entry.with(|e| e.kind == KindChoice::Hotp)>
                        <label for="m-counter">{tr(L::CounterLabel)}</label>
                        <input id="m-counter" data-testid="manual-counter" inputmode="numeric" placeholder="0"
                            prop:value=move || entry.with(|e| e.counter.clone()) on:input=set_field(|e, v| e.counter = v) />
                    </Show>
                </div>
            </details>
        </div>
    }
}
