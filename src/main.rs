//! Entry point: installs the panic hook and mounts the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    // Debug builds report panics readably; release builds leave the formatting code out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Not on a page (a worker that loaded it by mistake): nothing to mount.
    if web_sys::window().is_none() {
        return;
    }
    // A code the previous load of this tab left on the clipboard when it closed (a reload).
    authenticator::ui::finish_clipboard_leftover();
    leptos::mount::mount_to_body(authenticator::ui::App);
    authenticator::web::pwa::register_service_worker();
}

/// Room in the data for the split (issue 25). scripts/build-wasm.mjs's wasm-split-cli lays each
/// data segment out again, each module's share aligned on its own; when that comes out longer
/// than the segment the linker made, it keeps the whole segment in the first module (tens of kB
/// of strings, and the build says "Overlong segment"). These bytes are in the segments but used
/// by no code, so the splitter leaves them out and the rest fits: one for the read-only data,
/// one for the writable. Repeated bytes: they cost nothing once compressed.
#[cfg(target_arch = "wasm32")]
#[used]
static SPLIT_ROOM_READ_ONLY: [u8; 4096] = [0x5a; 4096];

/// See [`SPLIT_ROOM_READ_ONLY`]: the writable data's room.
#[cfg(target_arch = "wasm32")]
#[used]
static SPLIT_ROOM_WRITABLE: [std::sync::atomic::AtomicU8; 1024] = [const { std::sync::atomic::AtomicU8::new(0x5a) }; 1024];

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build and serve it with `scripts/serve.sh` (see README.md).");
}
