//! The dialogs kept out of the first screen's module, each loaded on first use
//! ([`super::parts::on_first_use`]). The screens that load a part of their own (the open vault,
//! the settings body, the first screen's restore and its readers of other apps'
//! files) declare it beside themselves.

/// Parts of the app kept out of the first screen's module. Each `wasm_split` function becomes
/// its own wasm module (scripts/build-wasm.mjs), fetched the first time it is called; the service
/// worker keeps them all for offline use.
mod split {
    use crate::ui::parts::Part;
    use crate::ui::{add, backup_codes, kit, transfer};
    use leptos::prelude::*;

    /// The add dialog.
    #[leptos::wasm_split::wasm_split(add_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn add() -> Part {
        let open = expect_context::<add::AddOpen>().0;
        Ok(view! { <add::AddDialog open=open /> }.into_any())
    }

    /// The backup-codes dialog and its print sheet.
    #[leptos::wasm_split::wasm_split(codes_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn codes() -> Part {
        Ok(view! { <backup_codes::BackupCodesDialog /> <backup_codes::PrintSheet /> }.into_any())
    }

    /// The emergency kit's printed pages.
    #[leptos::wasm_split::wasm_split(kit_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn kit() -> Part {
        Ok(view! { <kit::KitSheet /> }.into_any())
    }

    /// Scan a QR code, import files.
    #[leptos::wasm_split::wasm_split(transfer_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn transfer() -> Part {
        Ok(view! { <transfer::TransferDialog /> }.into_any())
    }

    /// One account shown as a QR code.
    #[leptos::wasm_split::wasm_split(export_part, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn export_account() -> Part {
        Ok(view! { <transfer::ExportAccountDialog /> }.into_any())
    }


}

pub use split::*;
