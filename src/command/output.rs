//! Standard output of the headless commands: every byte goes through a
//! sanitising writer (no terminal control can come from a report, a tag
//! file or a config file), a closed pipe ends the command quietly, any
//! other write error is one line and exit status 1.

use std::io::{self, Write};

use super::Failure;

/// Writes `text` to standard output, sanitised.
pub fn emit(text: &str) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = SafeWriter::new(stdout.lock());
    out.write_all(text.as_bytes())
        .and_then(|()| out.finish())
        .map_err(output_failure)
}

/// What a failed write to standard output means for the exit status.
pub fn output_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        // `diptych align | head`: the reader has what it wanted.
        Failure::quiet(0)
    } else {
        Failure::other(format!("cannot write to standard output: {e}"))
    }
}

/// A writer that replaces every byte that could act on a terminal (C0
/// controls other than tab, line feed and carriage return; DEL; C1 controls
/// encoded in UTF-8) with its visible stand-in, across write boundaries.
pub struct SafeWriter<W: Write> {
    inner: W,
    /// The previous write ended with 0xC2, the lead byte of a C1 control.
    pending_lead: bool,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            pending_lead: false,
        }
    }

    /// Writes a lead byte held back at the end, and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_lead) {
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

/// Bytes that need a look: controls other than tab, line feed and carriage
/// return, DEL, and 0xC2 (the lead byte of a C1 control).
fn needs_care(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x7f | 0xC2)
}

impl<W: Write> SafeWriter<W> {
    fn stand_in(&mut self, c: char) -> io::Result<()> {
        let mut tmp = [0u8; 4];
        self.inner.write_all(c.encode_utf8(&mut tmp).as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Runs of harmless bytes go straight through, without a copy.
        let mut i = 0;
        if !buf.is_empty() && std::mem::take(&mut self.pending_lead) {
            if (0x80..=0x9f).contains(&buf[0]) {
                self.stand_in('\u{fffd}')?;
                i = 1;
            } else {
                self.inner.write_all(&[0xC2])?;
            }
        }
        while i < buf.len() {
            let end = buf[i..]
                .iter()
                .position(|&b| needs_care(b))
                .map_or(buf.len(), |p| i + p);
            if end > i {
                self.inner.write_all(&buf[i..end])?;
            }
            let Some(&b) = buf.get(end) else { break };
            i = end + 1;
            if b == 0xC2 {
                match buf.get(i) {
                    None => self.pending_lead = true,
                    Some(n) if (0x80..=0x9f).contains(n) => {
                        self.stand_in('\u{fffd}')?;
                        i += 1;
                    }
                    Some(_) => self.inner.write_all(&[0xC2])?,
                }
            } else {
                self.stand_in(crate::sanitize::visible_stand_in(char::from(b)))?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> String {
        let mut w = SafeWriter::new(Vec::new());
        for c in chunks {
            w.write_all(c).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(w.inner).unwrap()
    }

    #[test]
    fn controls_are_replaced_even_across_writes() {
        assert_eq!(through(&[b"a\x1b]0;t\x07b\n"]), "a␛]0;t␇b\n");
        // U+009B (CSI) split across two writes.
        assert_eq!(through(&[b"x\xc2", b"\x9b31m"]), "x\u{fffd}31m");
        // A harmless two-byte character with the same lead byte.
        assert_eq!(through(&[b"\xc2", b"\xa9 ok"]), "© ok");
        assert_eq!(through(&["tab\tcr\r\n".as_bytes()]), "tab\tcr\r\n");
    }

    /// The byte-at-a-time rule the writer implements.
    fn reference(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pending = false;
        let put = |out: &mut Vec<u8>, c: char| {
            out.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
        };
        for &b in bytes {
            if std::mem::take(&mut pending) {
                if (0x80..=0x9f).contains(&b) {
                    put(&mut out, '\u{fffd}');
                    continue;
                }
                out.push(0xC2);
            }
            match b {
                0xC2 => pending = true,
                b'\t' | b'\n' | b'\r' => out.push(b),
                0x00..=0x1f | 0x7f => {
                    put(&mut out, crate::sanitize::visible_stand_in(char::from(b)));
                }
                _ => out.push(b),
            }
        }
        if pending {
            out.push(0xC2);
        }
        out
    }

    #[test]
    fn any_split_gives_what_the_byte_rule_gives() {
        let sample: &[u8] = b"ab\xc2\x9b\xc2\xa9\x1b[\x7f\t\xc2\xc2\x85\n\x00z\xc2";
        let want = reference(sample);
        for a in 0..=sample.len() {
            for b in a..=sample.len() {
                let mut w = SafeWriter::new(Vec::new());
                for part in [&sample[..a], &sample[a..b], &sample[b..]] {
                    w.write_all(part).unwrap();
                }
                w.finish().unwrap();
                assert_eq!(w.inner, want, "split at {a}, {b}");
            }
        }
    }
}
