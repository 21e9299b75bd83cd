//! Pictures for the QR reader: an image file or pasted screenshot, and the camera. Each gives
//! greyscale pixels to the pure [`crate::qr`] decoder; nothing here decodes anything.

use crate::qr::luma_from_rgba;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// Resolves the decode in flight: ending the worker must also end the wait for its answer.
    static WAITING: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Ends the decode in flight, if any, with no codes found.
fn stop_waiting() {
    if let Some(resolve) = WAITING.with(|r| r.borrow_mut().take()) {
        let _ = resolve.call1(&JsValue::NULL, &js_sys::Array::new());
    }
}

fn worker() -> Option<web_sys::Worker> {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.is_none() {
            *w = super::pwa::worker_script(super::pwa::WorkerKind::Qr).and_then(|url| super::module_worker(&url));
        }
        w.clone()
    })
}

fn drop_worker() {
    WORKER.with(|w| {
        if let Some(w) = w.borrow_mut().take() {
            w.terminate();
        }
    });
}

/// Ends the QR worker (the pictures it was given, and what it read in them, go with it) and any
/// decode waiting for it. The next picture starts a fresh one.
pub fn release_worker() {
    drop_worker();
    stop_waiting();
}

/// Decodes in a Web Worker running its own module (workers/qr), so that a picture that trips the QR
/// library's internal checks (a panic aborts a WebAssembly instance) only ends that worker,
/// never the app: the caller gets an empty result and the next call starts a fresh worker.
async fn decode_isolated(width: u32, height: u32, luma: Vec<u8>) -> Vec<String> {
    let Some(w) = worker() else { return Vec::new() };
    // A decode still waiting is superseded: its answer would come to this one's handler.
    stop_waiting();
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        WAITING.with(|r| *r.borrow_mut() = Some(resolve.clone()));
        let ok = resolve.clone();
        let on_message = Closure::once_into_js(move |ev: web_sys::MessageEvent| {
            WAITING.with(|r| r.borrow_mut().take());
            let _ = ok.call1(&JsValue::NULL, &ev.data());
        });
        let fail = resolve.clone();
        let on_error = Closure::once_into_js(move |_ev: JsValue| {
            WAITING.with(|r| r.borrow_mut().take());
            let _ = fail.call1(&JsValue::NULL, &JsValue::UNDEFINED);
        });
        w.set_onmessage(Some(on_message.unchecked_ref()));
        w.set_onerror(Some(on_error.unchecked_ref()));
    });
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"width".into(), &JsValue::from(width));
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
    let _ = js_sys::Reflect::set(&message, &"luma".into(), &js_sys::Uint8Array::from(luma.as_slice()));
    if w.post_message(&message).is_err() {
        drop_worker();
        return Vec::new();
    }
    match JsFuture::from(promise).await {
        Ok(data) if js_sys::Array::is_array(&data) => js_sys::Array::from(&data).iter().filter_map(|v| v.as_string()).collect(),
        _ => {
            drop_worker();
            Vec::new()
        }
    }
}

/// Pictures larger than this (per side) are scaled down before decoding.
const MAX_SIDE: u32 = 1600;

fn canvas(width: u32, height: u32) -> Option<(web_sys::HtmlCanvasElement, web_sys::CanvasRenderingContext2d)> {
    let document = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    Some((canvas, ctx))
}

fn scaled(width: u32, height: u32) -> (u32, u32) {
    let side = width.max(height).max(1);
    if side <= MAX_SIDE {
        (width, height)
    } else {
        ((u64::from(width) * u64::from(MAX_SIDE) / u64::from(side)) as u32, (u64::from(height) * u64::from(MAX_SIDE) / u64::from(side)) as u32)
    }
}

async fn texts_in(ctx: &web_sys::CanvasRenderingContext2d, width: u32, height: u32) -> Vec<String> {
    let Ok(data) = ctx.get_image_data(0.0, 0.0, f64::from(width), f64::from(height)) else { return Vec::new() };
    let luma = luma_from_rgba(&data.data());
    decode_isolated(width, height, luma).await
}

/// Why a picture could not be read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAnImage;

/// Every QR code's text in an image file or pasted image.
pub async fn qr_texts_in_blob(blob: &web_sys::Blob) -> Result<Vec<String>, NotAnImage> {
    let window = web_sys::window().ok_or(NotAnImage)?;
    let promise = window.create_image_bitmap_with_blob(blob).map_err(|_| NotAnImage)?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise).await.map_err(|_| NotAnImage)?.dyn_into().map_err(|_| NotAnImage)?;
    let (w, h) = scaled(bitmap.width(), bitmap.height());
    let (_canvas, ctx) = canvas(w.max(1), h.max(1)).ok_or(NotAnImage)?;
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(w), f64::from(h)).map_err(|_| NotAnImage)?;
    bitmap.close();
    Ok(texts_in(&ctx, w, h).await)
}

/// Why the camera could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraError {
    /// The user or the browser refused permission.
    Denied,
    /// No camera.
    NotFound,
    /// No camera API (insecure context or an old browser), or another failure.
    Unavailable,
}

/// A running camera stream. [`Camera::stop`] releases it (the UI does so when its dialog closes).
#[derive(Clone)]
pub struct Camera {
    stream: web_sys::MediaStream,
}

/// Cameras the page may choose from: (device id, label). Labels are empty before permission.
pub async fn cameras() -> Vec<(String, String)> {
    let Some(devices) = web_sys::window().and_then(|w| w.navigator().media_devices().ok()) else { return Vec::new() };
    let Ok(promise) = devices.enumerate_devices() else { return Vec::new() };
    let Ok(list) = JsFuture::from(promise).await else { return Vec::new() };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|d| d.dyn_into::<web_sys::MediaDeviceInfo>().ok())
        .filter(|d| d.kind() == web_sys::MediaDeviceKind::Videoinput)
        .map(|d| (d.device_id(), d.label()))
        .collect()
}

impl Camera {
    /// Opens a camera: the one with `device_id`, else the back camera where there is one.
    pub async fn open(device_id: Option<&str>) -> Result<Camera, CameraError> {
        let devices = web_sys::window().and_then(|w| w.navigator().media_devices().ok()).ok_or(CameraError::Unavailable)?;
        let video = js_sys::Object::new();
        match device_id {
            Some(id) => {
                let exact = js_sys::Object::new();
                js_sys::Reflect::set(&exact, &"exact".into(), &JsValue::from_str(id)).map_err(|_| CameraError::Unavailable)?;
                js_sys::Reflect::set(&video, &"deviceId".into(), &exact).map_err(|_| CameraError::Unavailable)?;
            }
            None => {
                js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into()).map_err(|_| CameraError::Unavailable)?;
            }
        }
        let constraints = web_sys::MediaStreamConstraints::new();
        constraints.set_video(&video);
        let promise = devices.get_user_media_with_constraints(&constraints).map_err(|_| CameraError::Unavailable)?;
        match JsFuture::from(promise).await {
            Ok(stream) => stream.dyn_into().map(|stream| Camera { stream }).map_err(|_| CameraError::Unavailable),
            Err(e) => {
                let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
                Err(match name.as_str() {
                    "NotAllowedError" | "SecurityError" => CameraError::Denied,
                    "NotFoundError" | "OverconstrainedError" | "NotReadableError" => CameraError::NotFound,
                    _ => CameraError::Unavailable,
                })
            }
        }
    }

    /// Shows the stream in a `<video>` element.
    pub fn attach(&self, video: &web_sys::HtmlVideoElement) {
        video.set_src_object(Some(&self.stream));
        // The picture starts when it can; a start cut short because the dialog closed (the video
        // left the page, the camera is being released) is no error.
        if let Ok(started) = video.play() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(started).await;
            });
        }
    }

    /// QR texts in the current frame of `video`.
    pub async fn scan(video: &web_sys::HtmlVideoElement) -> Vec<String> {
        let (w, h) = scaled(video.video_width(), video.video_height());
        if w == 0 || h == 0 {
            return Vec::new();
        }
        let Some((_canvas, ctx)) = canvas(w, h) else { return Vec::new() };
        if ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, f64::from(w), f64::from(h)).is_err() {
            return Vec::new();
        }
        texts_in(&ctx, w, h).await
    }

    /// Releases the camera (its light goes off).
    pub fn stop(&self) {
        for track in self.stream.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}
