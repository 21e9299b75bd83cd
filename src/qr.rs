//! QR codes: finding and reading them in a greyscale picture (`rqrr`), and making them
//! (`qrcode`) as a module matrix the UI draws as one SVG path. Pixels in, text out; no I/O.

/// Texts of every QR code found in a greyscale picture (`luma` is row-major, `width × height`).
/// Codes that are found but cannot be read are left out.
pub fn decode_luma(width: usize, height: usize, luma: &[u8]) -> Vec<String> {
    if width == 0 || height == 0 || luma.len() < width * height {
        return Vec::new();
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    image.detect_grids().into_iter().filter_map(|grid| grid.decode().ok().map(|(_, text)| text)).collect()
}

/// Greyscale from RGBA (what a canvas gives), with the usual luma weights.
pub fn luma_from_rgba(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8)
        .collect()
}

/// A QR code as dark/light modules, without the quiet zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modules {
    /// Modules per side.
    pub width: usize,
    /// Row-major, `true` for dark.
    pub dark: Vec<bool>,
}

/// Why a text cannot become a QR code: it holds more than a QR code can (about 2,300 bytes at
/// medium error correction).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLong;

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too long for a QR code")
    }
}

impl std::error::Error for TooLong {}

impl Modules {
    /// Encodes text (medium error correction, which keeps migration batches scannable).
    pub fn encode(text: &str) -> Result<Modules, TooLong> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).map_err(|_| TooLong)?;
        let width = code.width();
        let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        Ok(Modules { width, dark })
    }

    /// One SVG path (`d`) drawing every dark module, in a viewBox of `width + 8` with a 4-module
    /// quiet zone.
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for (i, _) in self.dark.iter().enumerate().filter(|(_, &on)| on) {
            let (x, y) = (i % self.width + 4, i / self.width + 4);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
        d
    }

    /// Side of the SVG viewBox (quiet zone included).
    pub fn view_size(&self) -> usize {
        self.width + 8
    }

    /// Rasterises to greyscale, `scale` pixels per module, with the quiet zone (for tests and
    /// for checking a code before showing it).
    pub fn to_luma(&self, scale: usize) -> (usize, Vec<u8>) {
        let side = self.view_size() * scale;
        let mut luma = vec![255u8; side * side];
        for (i, _) in self.dark.iter().enumerate().filter(|(_, &on)| on) {
            let (mx, my) = (i % self.width + 4, i / self.width + 4);
            for y in my * scale..(my + 1) * scale {
                luma[y * side + mx * scale..y * side + (mx + 1) * scale].fill(0);
            }
        }
        (side, luma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_decode_gives_the_text_back() {
        let text = "otpauth://totp/GitHub:octocat?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub";
        let m = Modules::encode(text).expect("encode");
        let (side, luma) = m.to_luma(4);
        assert_eq!(decode_luma(side, side, &luma), vec![text.to_owned()]);
    }

    #[test]
    fn nothing_in_a_blank_or_short_picture() {
        assert!(decode_luma(64, 64, &vec![255; 64 * 64]).is_empty());
        assert!(decode_luma(64, 64, &[0; 10]).is_empty());
        assert!(decode_luma(0, 0, &[]).is_empty());
    }

    /// Found by `cargo fuzz run qr_luma` (first byte is the width, the rest the pixels): `rqrr`
    /// (0.8, and 0.11 too) asserts on this picture, which aborts a WebAssembly instance. The app
    /// therefore decodes in a Web Worker (`web/media.rs`, `assets/qr-worker.js`); the end-to-end
    /// test feeds this picture to the app and sees it survive. When `rqrr` stops panicking here,
    /// this test fails: then the worker is no longer needed for this input.
    #[test]
    #[should_panic(expected = "scan >= 1")]
    fn the_qr_library_still_panics_on_the_fuzzer_input() {
        let data = std::fs::read("tests/fixtures/fuzz/qr_luma-crash-1.bin").expect("fixture");
        let (w, pixels) = data.split_first().expect("data");
        let width = usize::from((*w).max(1));
        let _ = decode_luma(width, pixels.len() / width, pixels);
    }

    #[test]
    fn rgba_to_luma() {
        assert_eq!(luma_from_rgba(&[255, 255, 255, 255, 0, 0, 0, 255]), vec![255, 0]);
    }
}
