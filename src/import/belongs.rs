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

/// Where `bytes` belong.
pub fn belongs(bytes: &[u8]) -> Belongs {
    if bytes.starts_with(crate::vault::MAGIC) {
        Belongs::Restore
    } else if super::detect(bytes).is_ok() {
        Belongs::Import
    } else {
        Belongs::Neither
    }
}
