//! A service's mark in the list: its logo (from the catalogue's one same-origin icon file, fetched
//! after the list first shows) or, for an issuer the catalogue does not know, until the file
//! arrives, or where Simple Icons has no logo, the coloured monogram.

use crate::catalogue::{self, Chip, Service};
use crate::organize::monogram;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

/// Slug → SVG path data, once the file has arrived.
type Icons = Option<Arc<HashMap<String, String>>>;

thread_local! {
    /// The logos, shared by every row for the life of the page (the file is the same build's).
    static ICONS: ArcRwSignal<Icons> = ArcRwSignal::new(None);
    /// Whether a fetch is under way or done, so a thousand rows send one request.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Fetches the logos once, on the frame after the first row that has one is made (so the list
/// shows first); a failed fetch (offline before the file was cached) lets a later row try again.
fn load_once(icons: ArcRwSignal<Icons>) {
    if icons.with_untracked(Option::is_some) || ASKED.with(|a| a.replace(true)) {
        return;
    }
    request_animation_frame(move || {
        spawn_local(async move {
            match crate::web::icons::service_icons().await {
                Some(map) => icons.set(Some(Arc::new(map))),
                None => ASKED.with(|a| a.set(false)),
            }
        })
    });
}

/// The mark of an account's service, decorative (`aria-hidden`): the row names the issuer
/// beside it.
#[component]
pub fn ServiceIcon(
    /// The account's issuer (what picks the service).
    issuer: String,
    /// The account's name (the monogram's letter when there is no issuer).
    name: String,
) -> impl IntoView {
    let service = catalogue::find(&issuer);
    let (letter, hue) = monogram(&issuer, &name);
    let mono_bg = match service.and_then(|s| s.color) {
        Some(brand) => catalogue::css(Chip::monogram(brand).bg),
        None => format!("hsl({hue} 55% 40%)"),
    };
    let slug = service.and_then(|s| s.icon);
    let chip = service.and_then(Service::chip);
    let id = service.map(|s| s.id);
    let icons = ICONS.with(Clone::clone);
    if slug.is_some() {
        load_once(icons.clone());
    }
    let path = move || slug.and_then(|s| icons.with(|m| m.as_ref().and_then(|m| m.get(s).cloned())));
    move || match (path(), chip) {
        (Some(d), Some(chip)) => view! {
            <span class="monogram service-icon" data-testid="service-icon" data-service=id aria-hidden="true"
                style:background-color=catalogue::css(chip.bg)>
                <svg viewBox="0 0 24 24" focusable="false"><path d=d fill=catalogue::css(chip.fg)></path></svg>
            </span>
        }
        .into_any(),
        _ => view! {
            <span class="monogram" data-testid="monogram" data-service=id aria-hidden="true" style:background-color=mono_bg.clone()>
                {letter.clone()}
            </span>
        }
        .into_any(),
    }
}
