//! The emergency kit on paper: the settings' button, and the page set it prints (every site's
//! unused backup codes, how to restore, a line for a passphrase hint). The kit itself is
//! [`crate::kit::Kit`]; this only lays it out in a print-only container and opens the print
//! dialog, as the per-site sheet does (`backup_codes::PrintSheet`, `web::page::print_after`).

use super::backup_codes::PrintFor;
use super::state::{Phase, Session};
use super::{tr, AppState};
use crate::clock::Clock;
use crate::i18n::{self, Lang, L, T};
use crate::kit::{Kit, KitSite};
use crate::web::clock::{local_ms, BrowserClock};
use crate::web::page;
use leptos::prelude::*;

/// How many times the user asked for the kit: each new value prints it once. Provided by the
/// app, so the button (in the settings) and the sheet (its own part, mounted beside the app) meet.
#[derive(Clone, Copy)]
pub struct KitPrint(pub RwSignal<u32>);

/// "Print emergency kit", with what it prints; in the settings' backup section.
#[component]
pub fn PrintKitButton() -> impl IntoView {
    let request = expect_context::<KitPrint>().0;
    view! {
        <h3>{tr(L::KitTitle)}</h3>
        <p class="hint" id="print-kit-hint">{tr(L::PrintKitHint)}</p>
        <button type="button" data-testid="print-kit" aria-describedby="print-kit-hint"
            on:click=move |_| request.update(|n| *n += 1)>{tr(L::PrintKit)}</button>
    }
}

/// Notes that the kit went to paper (the backup state counts it as a backup of that kind).
fn record_paper_backup(session: Session, label: String) {
    session.record_backup(crate::vault::BackupFileKind::Paper, label);
}

/// Lays the kit out for the printer and opens the print dialog on each request. Hidden on screen;
/// when printing, the only thing on the paper. It shows the vault as it is now (a code marked used
/// after printing disappears from the next print), and nothing once the vault locks or a site's
/// own sheet is printed instead.
#[component]
pub fn KitSheet() -> impl IntoView {
    let state = expect_context::<AppState>();
    let session = expect_context::<Session>();
    let request = expect_context::<KitPrint>().0;
    let print_for = expect_context::<PrintFor>().0;
    let shown = RwSignal::new(false);

    Effect::new(move |done: Option<u32>| {
        let asked = request.get();
        if asked > done.unwrap_or(0) && session.phase.get_untracked() == Phase::Open {
            // One thing on paper at a time: a site's sheet printed earlier steps aside.
            print_for.set(None);
            shown.set(true);
            print_now(session, state);
        }
        asked
    });
    Effect::new(move |_| {
        if print_for.with(Option::is_some) || session.phase.get() != Phase::Open {
            shown.set(false);
        }
    });

    let kit = move || {
        if !shown.get() || session.phase.get() != Phase::Open {
            return None;
        }
        session.rows.track();
        session.low_threshold.track();
        session.with_vault(|v| Kit::from_content(&v.content))
    };
    view! {
        <section class="print-sheet kit-sheet" data-testid="kit-sheet" aria-hidden="true">
            {move || kit().map(|kit| view! { <KitPages kit=kit lang=state.lang.get() /> })}
        </section>
    }
}

/// Opens the print dialog once the kit has rendered, says so, and records the paper backup.
fn print_now(session: Session, state: AppState) {
    let lang = state.lang.get_untracked();
    page::print_after(100);
    state.status.set(i18n::t(lang, L::KitPrinting).to_owned());
    let label = i18n::backup_file_kind(lang, crate::vault::BackupFileKind::Paper).to_owned();
    record_paper_backup(session, label);
}

/// The kit's pages: restore steps and the hint line first (one block), then one block per site,
/// none split across pages (kit.css).
#[component]
fn KitPages(kit: Kit, lang: Lang) -> impl IntoView {
    let t = move |key: T| i18n::t(lang, key);
    let l = move |key: L| i18n::t(lang, key);
    let url = page::app_url().unwrap_or_default();
    let date = i18n::date(lang, local_ms(BrowserClock.now_ms()));
    let steps = i18n::kit_restore_steps(lang, &url);
    let summary = i18n::kit_summary(lang, &kit);
    let uncovered = kit
        .uncovered
        .iter()
        .map(|u| i18n::account_label(lang, &u.issuer, &u.name, |i, n| format!("{i} ({n})")))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Ja { "、" } else { ", " });
    let has_codes = !kit.has_no_codes();
    view! {
        <header class="kit-head">
            <h1>{l(L::KitTitle)}" — "{t(T::AppTitle)}</h1>
            <p class="kit-date" data-testid="kit-date">{i18n::kit_printed(lang, &date)}</p>
            <p class="kit-intro">{l(L::KitIntro)}</p>
        </header>
        <section class="kit-block kit-restore" data-testid="kit-restore">
            <h2>{l(L::KitRestoreHeading)}</h2>
            <p class="kit-app"><strong>{l(L::KitWhichApp)}{if lang == Lang::Ja { "：" } else { ": " }}</strong>
                {t(T::AppTitle)}" — "<span class="kit-url" data-testid="kit-url">{url.clone()}</span></p>
            <p>{l(L::KitWhereFile)}</p>
            <p class="kit-write"><span>{l(L::KitWhereFileLine)}</span><span class="kit-line"></span></p>
            <ol class="kit-steps" data-testid="kit-steps">
                {steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
            </ol>
            <h2>{l(L::KitHintHeading)}</h2>
            <div class="kit-line" data-testid="kit-hint-line"></div>
            <p class="kit-warning" data-testid="kit-hint-warning">"⚠ "{l(L::KitHintWarning)}</p>
        </section>
        <h2 class="kit-codes-heading">{l(L::KitCodesHeading)}</h2>
        <p class="kit-summary" data-testid="kit-summary">{summary}</p>
        {if has_codes {
            view! { <p class="kit-tick">{l(L::KitTickHint)}</p> }.into_any()
        } else {
            view! { <p class="kit-tick" data-testid="kit-no-codes">{i18n::kit_no_codes_hint(lang)}</p> }.into_any()
        }}
        {kit.sites.iter().map(|site| view! { <SiteBlock site=site.clone() lang=lang /> }).collect_view()}
        {(!uncovered.is_empty()).then(|| view! {
            <p class="kit-uncovered" data-testid="kit-uncovered"><strong>{l(L::KitUncoveredHeading)}</strong>" "{uncovered}</p>
        })}
        <p class="kit-footer">{l(L::KitFooter)}</p>
    }
}

/// One site: issuer and account name, what remains, a flag when it needs new codes, and its
/// unused codes with a box to tick.
#[component]
fn SiteBlock(site: KitSite, lang: Lang) -> impl IntoView {
    let issuer = if site.issuer.is_empty() { i18n::t(lang, T::Unnamed).to_owned() } else { site.issuer.clone() };
    let flag = site.flag.map(|f| i18n::kit_flag(lang, f, &site.issuer));
    let flagged = flag.is_some();
    view! {
        <section class="kit-site" class:flagged=flagged data-testid="kit-site">
            <h3>
                <span class="kit-issuer" data-testid="kit-issuer">{issuer}</span>
                {(!site.name.is_empty()).then(|| view! { <span class="kit-name" data-testid="kit-name">{site.name.clone()}</span> })}
                <span class="kit-count">{i18n::codes_remaining(lang, site.remaining(), site.total)}</span>
            </h3>
            {flag.map(|f| view! { <p class="kit-flag" data-testid="kit-flag">"⚠ "{f}</p> })}
            <ul class="kit-codes">
                {site.codes.iter().map(|c| view! {
                    <li>
                        <span class="kit-box" aria-hidden="true"></span>
                        <span class="backup-code kit-code" data-testid="kit-code">
                            {if c.groups.is_empty() {
                                c.shown.clone().into_any()
                            } else {
                                c.groups.iter().map(|g| view! { <span class="kit-group">{g.clone()}</span> }).collect_view().into_any()
                            }}
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
