//! Entry point: installs the panic hook and mounts the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    // Debug builds report panics readably; release builds leave the formatting code out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The same module also runs in the QR worker (assets/qr-worker.js), which has no page:
    // there it only serves `qr_decode_luma`.
    if web_sys::window().is_none() {
        return;
    }
    // A code the previous load of this tab left on the clipboard when it closed (a reload).
    authenticator::web::clipboard::finish_leftover();
    leptos::mount::mount_to_body(authenticator::ui::App);
    authenticator::web::pwa::register_service_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build and serve it with `scripts/serve.sh` (see README.md).");
}
