//! User Timing marks around the slow steps (key derivation, save), so the benchmark can read
//! real figures from the Performance API. Names only; never any vault data.

/// Marks the start of a step; [`Span::end`] records `performance.measure(name)`.
pub struct Span(&'static str);

impl Span {
    /// Starts a span.
    pub fn start(name: &'static str) -> Span {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(&format!("{name}:start"));
        }
        Span(name)
    }

    /// Ends the span and records the measure.
    pub fn end(self) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let start = format!("{}:start", self.0);
            let _ = p.measure_with_start_mark(self.0, &start);
        }
    }
}
