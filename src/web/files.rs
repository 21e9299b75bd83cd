//! Downloads (backup file, raw damaged record) and reading a chosen file.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// A download could not be offered or a file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileError {
    /// The browser refused.
    Refused,
    /// The file is larger than [`MAX_READ_BYTES`]; it was not read.
    TooLarge {
        /// Its size.
        bytes: u64,
    },
}

/// Largest file read (import or restore): far above any real export or backup, small enough
/// that a wrong or hostile pick is refused from its size, before a byte is read.
pub const MAX_READ_BYTES: u64 = crate::import::MAX_IMPORT_BYTES as u64;

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8]) -> Result<(), FileError> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| FileError::Refused)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| FileError::Refused)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(FileError::Refused)?;
    let a: HtmlAnchorElement = document.create_element("a").map_err(|_| FileError::Refused)?.dyn_into().map_err(|_| FileError::Refused)?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Checks a chosen file's size (from `File.size`, nothing is read).
pub fn check_size(file: &File) -> Result<(), FileError> {
    let size = file.size();
    if (0.0..=MAX_READ_BYTES as f64).contains(&size) {
        Ok(())
    } else {
        Err(FileError::TooLarge { bytes: size.max(0.0) as u64 })
    }
}

/// Reads a file the user chose, after checking its size.
pub async fn read(file: &File) -> Result<Vec<u8>, FileError> {
    check_size(file)?;
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| FileError::Refused)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

