//! Reading QR codes: from the camera (back camera preferred, a choice when there are several),
//! or from an image chosen, dropped or pasted. The add dialog and the import dialog both use these.

use super::Flow;
use crate::i18n::{L, T};
use crate::ui::widgets::Icon;
use crate::ui::tr;
use crate::web::clock::sleep;
use crate::web::media::{cameras, Camera, CameraError};
use crate::web::page;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The camera while the dialog lives (the panel comes and goes with the preview).
#[derive(Clone, Copy)]
pub(in crate::ui) struct CameraState {
    camera: StoredValue<Option<Camera>, LocalStorage>,
    on: RwSignal<bool>,
    list: RwSignal<Vec<(String, String)>>,
    video: NodeRef<html::Video>,
}

impl CameraState {
    /// No camera yet.
    pub(in crate::ui) fn new() -> Self {
        CameraState { camera: StoredValue::new_local(None), on: RwSignal::new(false), list: RwSignal::new(Vec::new()), video: NodeRef::new() }
    }

    /// Releases the camera.
    pub(in crate::ui) fn stop(&self) {
        self.camera.update_value(|c| {
            if let Some(c) = c.take() {
                c.stop();
            }
        });
        self.on.set(false);
    }

    /// Opens `device` (or the preferred one) and decodes a frame every quarter second until a
    /// code is read, the camera stops, or the dialog resets.
    fn start(self, flow: Flow, device: Option<String>) {
        self.stop();
        flow.message.set(None);
        flow.at(super::Place::Qr);
        let r = flow.run();
        spawn_local(async move {
            match Camera::open(device.as_deref()).await {
                Ok(cam) => {
                    // Closed while the browser was asking for the camera: release it at once.
                    let Some(v) = self.video.get_untracked().filter(|_| flow.current(r)) else { cam.stop(); return };
                    cam.attach(&v);
                    self.camera.set_value(Some(cam));
                    self.on.set(true);
                    self.list.set(cameras().await);
                    flow.say(false, T::CameraLooking);
                    while self.on.get_untracked() && flow.current(r) {
                        sleep(250).await;
                        let Some(v) = self.video.get_untracked() else { break };
                        let texts = Camera::scan(&v).await;
                        if !flow.current(r) {
                            break;
                        }
                        if !texts.is_empty() && flow.handle_texts(texts, false) {
                            self.stop();
                        }
                    }
                }
                Err(_) if !flow.current(r) => {}
                Err(e) => flow.say(true, match e {
                    CameraError::Denied => T::CameraDenied,
                    CameraError::NotFound => T::CameraNotFound,
                    CameraError::Unavailable => T::CameraUnavailable,
                }),
            }
        });
    }
}

/// Reads the QR codes in images (several chosen, pasted or dropped at once), one after the other
/// in the QR worker, then says what they held in one line next to the image button.
pub(super) fn read_images(flow: Flow, blobs: Vec<web_sys::Blob>) {
    if blobs.is_empty() {
        return;
    }
    flow.message.set(None);
    flow.at(super::Place::Qr);
    let r = flow.run();
    spawn_local(async move {
        let mut texts = Vec::new();
        let (mut no_qr, mut not_image) = (0, 0);
        for blob in &blobs {
            let read = crate::web::media::qr_texts_in_blob(blob).await;
            if !flow.current(r) {
                return;
            }
            match read {
                Ok(t) if t.is_empty() => no_qr += 1,
                Ok(t) => texts.extend(t),
                Err(_) => not_image += 1,
            }
        }
        if texts.is_empty() {
            flow.say(true, if not_image > 0 { T::NotAnImageFile } else { T::NoQrInImage });
            return;
        }
        flow.handle_texts(texts, true);
        // Some pictures held no QR code: said after what the others held.
        if no_qr + not_image > 0 {
            let lang = flow.lang.get_untracked();
            let extra = crate::i18n::t(lang, if not_image > 0 { T::NotAnImageFile } else { T::NoQrInImage });
            flow.message.update(|m| if let Some((_, text)) = m { *text = format!("{text} {extra}") });
        }
    });
}

/// Screenshots pasted anywhere in the dialog are read.
pub(in crate::ui) fn on_paste(flow: Flow, ev: leptos::ev::ClipboardEvent) {
    let files = page::pasted_images(&ev);
    if !files.is_empty() {
        ev.prevent_default();
        read_images(flow, files.into_iter().map(Into::into).collect());
    }
}

/// Images dropped anywhere on the dialog are read.
pub(in crate::ui) fn on_drop(flow: Flow, ev: leptos::ev::DragEvent) {
    ev.prevent_default();
    read_images(flow, page::dropped_files(&ev).into_iter().map(Into::into).collect());
}

/// The camera: start (a button labelled `start`, with an icon), stop, and which camera.
#[component]
pub(in crate::ui) fn CameraPanel(
    /// The dialog's flow.
    flow: Flow,
    /// The camera.
    camera: CameraState,
    /// The start button's words.
    start: T,
    /// Whether the start button is the dialog's first choice (large and filled).
    primary: bool,
) -> impl IntoView {
    view! {
        <div class="camera-panel">
            <video node_ref=camera.video class="camera" data-testid="camera-video" muted=true playsinline=true
                class:hidden=move || !camera.on.get() aria-label=tr(L::CameraHeading)></video>
            <Show when=move || camera.on.get() fallback=move || view! {
                <button type="button" class="choice" class:primary=primary data-testid="start-camera" on:click=move |_| camera.start(flow, None)>
                    <Icon path=CAMERA_ICON />{tr(start)}
                </button>
            }>
                <div class="buttons start">
                    <button type="button" data-testid="stop-camera" on:click=move |_| camera.stop()>{tr(L::StopCamera)}</button>
                    <Show when=move || camera.list.with(|l| l.len() > 1)>
                        <label for="camera-choice" class="sr-only">{tr(L::CameraLabel)}</label>
                        <select id="camera-choice" data-testid="camera-choice" on:change=move |ev| camera.start(flow, Some(event_target_value(&ev)))>
                            {move || camera.list.get().into_iter().enumerate().map(|(i, (id, name))| {
                                let name = if name.is_empty() { format!("{} {}", tr(L::CameraLabel)(), i + 1) } else { name };
                                view! { <option value=id>{name}</option> }
                            }).collect_view()}
                        </select>
                    </Show>
                </div>
            </Show>
        </div>
    }
}

/// A camera, as a plain outline.
const CAMERA_ICON: &str = "M4 8h3l2-3h6l2 3h3v11H4z M12 10.5a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7";
/// A picture.
const IMAGE_ICON: &str = "M4 5h16v14H4z M4 16l5-5 4 4 2-2 5 5 M15.5 8.5a1.5 1.5 0 1 0 0 .01";

/// Choose an image (a screenshot of the site's QR code): the file input behind a button-sized label.
#[component]
pub(in crate::ui) fn ImageButton(
    /// The dialog's flow.
    flow: Flow,
    /// The file input, to empty it when the dialog resets.
    input: NodeRef<html::Input>,
    /// The button's words.
    label: T,
) -> impl IntoView {
    view! {
        <div class="file-choice">
            <input id="qr-image" class="file-input" node_ref=input type="file" accept="image/*" multiple=true data-testid="qr-image"
                on:change=move |ev| read_images(flow, page::chosen_files(&ev).into_iter().map(Into::into).collect()) />
            <label for="qr-image" class="choice">
                <Icon path=IMAGE_ICON />{tr(label)}
            </label>
        </div>
    }
}
