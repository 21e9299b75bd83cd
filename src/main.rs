//! Entry point: installs the panic hook and mounts the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    // Debug builds report panics readably; release builds leave the formatting code out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(authenticator::ui::App);
    authenticator::web::pwa::register_service_worker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build and serve it with `scripts/serve.sh` (see README.md).");
}
