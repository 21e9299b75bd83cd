//! Links the browser app with its relocations kept (`--emit-relocs`): `scripts/build-wasm.mjs`
//! splits the module by them. Only the app binary: test binaries stay their usual size.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=authenticator=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
