//! Messages on standard error, the one way diptych talks outside the
//! reader: `diptych: …`, sanitised, and never a reason to fail.

/// Says `message` on standard error as `diptych: …`, sanitised. A closed
/// standard error is no reason to fail.
pub fn note(message: &str) {
    use std::io::Write;
    if message.is_empty() {
        return;
    }
    let _ = writeln!(
        std::io::stderr(),
        "diptych: {}",
        crate::sanitize::printable(message)
    );
}

/// [`note`] as a warning.
pub fn warn(message: &str) {
    note(&format!("warning: {message}"));
}
