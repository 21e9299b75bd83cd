//! Where a file the user chose belongs, whichever place it was chosen in: a backup file of this
//! app is restored; another app's file is imported; anything else is answered where it was chosen.
//! The first screen and the import dialog route by this, so a file chosen in the wrong place goes
//! to the right flow instead of being refused.

/// Where a chosen file belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Belongs {
    /// A backup file of this app (its envelope's magic): the restore opens it.
    Restore,
    /// A file of a format the import reads (it may still need its password).
    Import,
    /// Neither: the place it was chosen in says why.
    Neither,
}

/// Whether `bytes` are a backup file of this app (its envelope's magic): `belongs(bytes) ==
/// Belongs::Restore` without the import readers, so the first screen can route a backup by its
/// magic bytes alone and load the readers only for other apps' files.
pub fn is_backup(bytes: &[u8]) -> bool {
    bytes.starts_with(crate::vault::MAGIC)
}

/// Where `bytes` belong.
pub fn belongs(bytes: &[u8]) -> Belongs {
    if is_backup(bytes) {
        Belongs::Restore
    } else if super::detect(bytes).is_ok() {
        Belongs::Import
    } else {
        Belongs::Neither
    }
}
