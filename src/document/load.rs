//! Reading a report from disk or from the embedded seeds: size and file-type
//! checks, decoding (UTF-8, UTF-16 with BOM, Windows-1252 fallback) and
//! normalisation (line endings, tabs, control characters).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Largest report we accept. Bigger files are refused before reading.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Tab stops every this many columns when expanding tabs.
pub const TAB_WIDTH: usize = 4;

/// Why a report could not be opened. Each message names the file and says
/// what to do about it.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: no such file (check the path and try again)")]
    NotFound { path: PathBuf },
    #[error("{path}: is a directory (give the path of a report: text, Markdown, HTML or PDF)")]
    IsDirectory { path: PathBuf },
    #[error(
        "{path}: not a regular file (FIFOs, devices and sockets are refused; copy the text into a file)"
    )]
    NotRegularFile { path: PathBuf },
    #[error(
        "{path}: file is {size} bytes, over the {limit} MiB limit (split the report or extract the part you need)",
        limit = MAX_FILE_BYTES / 1024 / 1024
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{path}: looks binary (contains a NUL byte at offset {offset}); diptych reads plain text, Markdown, web pages (.html) and PDF"
    )]
    Binary { path: PathBuf, offset: usize },
    #[error(
        "{path}: has no text (the file is empty, or blank lines only): check that it is the report you meant"
    )]
    NoText { path: PathBuf },
    #[error(
        "{path}: is a PDF, and opening PDFs needs pdftotext, which is not installed: install poppler-utils (Debian, Ubuntu: apt install poppler-utils; macOS: brew install poppler; or set DIPTYCH_PDFTOTEXT to its path)"
    )]
    PdfToolMissing { path: PathBuf },
    #[error(
        "{path}: this PDF has no text layer (a scan or images of pages): run OCR on it first, e.g. `ocrmypdf {path} out.pdf`, then open out.pdf"
    )]
    NoTextLayer { path: PathBuf },
    #[error(
        "{path}: this PDF is encrypted with a password: save an unlocked copy (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`) and open that"
    )]
    Encrypted { path: PathBuf },
    #[error("{path}: cannot extract the text of this PDF: {why}")]
    Pdf { path: PathBuf, why: String },
    #[error("{path}: cannot read this web page: {why}")]
    Html { path: PathBuf, why: String },
    #[error("{path}: cannot read: {source} (check permissions)")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// How the bytes of a report were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Invalid UTF-8, decoded as the legacy Windows code page.
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Text decoded and normalised, ready for segmentation.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Number of control characters replaced by visible stand-ins.
    pub controls_replaced: usize,
}

/// Reads a file, refusing anything that is not a regular file of sane size.
/// Never blocks on FIFOs or character devices: the type is checked first.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_owned(),
        },
        _ => LoadError::Io {
            path: path.to_owned(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotRegularFile {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
        });
    }
    let io_err = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(io_err)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may have grown since stat(); never read past the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Decodes raw bytes and normalises the result. `path` is only used in errors.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded, LoadError> {
    let (raw, encoding): (std::borrow::Cow<'_, str>, Encoding) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            check_no_nul(rest, path, 3)?;
            (String::from_utf8_lossy(rest), Encoding::Utf8Bom)
        } else if bytes.starts_with(b"\xFF\xFE") {
            let (text, _) = encoding_rs::UTF_16LE.decode_with_bom_removal(bytes);
            check_no_nul(text.as_bytes(), path, 0)?;
            (text, Encoding::Utf16Le)
        } else if bytes.starts_with(b"\xFE\xFF") {
            let (text, _) = encoding_rs::UTF_16BE.decode_with_bom_removal(bytes);
            check_no_nul(text.as_bytes(), path, 0)?;
            (text, Encoding::Utf16Be)
        } else {
            check_no_nul(bytes, path, 0)?;
            match std::str::from_utf8(bytes) {
                Ok(s) => (s.into(), Encoding::Utf8),
                Err(_) => {
                    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                    (text, Encoding::Windows1252)
                }
            }
        };
    let (text, controls_replaced) = normalise(&raw);
    Ok(Decoded {
        text,
        encoding,
        controls_replaced,
    })
}

fn check_no_nul(bytes: &[u8], path: &Path, base: usize) -> Result<(), LoadError> {
    match bytes.iter().position(|&b| b == 0) {
        Some(offset) => Err(LoadError::Binary {
            path: path.to_owned(),
            offset: base + offset,
        }),
        None => Ok(()),
    }
}

/// Normalises line endings to LF, expands tabs, and replaces every control
/// character (C0 but LF, DEL, C1, and the bidi overrides that can reorder
/// what the analyst sees) with a visible stand-in, so that text from a report
/// can never drive the terminal. Returns the text and the count replaced.
pub fn normalise(raw: &str) -> (String, usize) {
    use crate::sanitize::visible_stand_in;
    let mut out = String::with_capacity(raw.len());
    let mut replaced = 0;
    // Start (in `out`) of the current line, to find tab stops.
    let mut line_start = 0usize;
    // Characters that need no change are copied in runs.
    let mut run_start = 0usize;
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let needs_work = c == '\r' || c == '\t' || c == '\n' || visible_stand_in(c) != c;
        if !needs_work {
            continue;
        }
        out.push_str(&raw[run_start..i]);
        run_start = i + c.len_utf8();
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                    run_start += 1;
                }
                out.push('\n');
                line_start = out.len();
            }
            '\t' => {
                let column = out[line_start..].chars().count();
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
            }
            _ => {
                replaced += 1;
                out.push(visible_stand_in(c));
            }
        }
    }
    out.push_str(&raw[run_start..]);
    (out, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Decoded {
        decode(bytes, Path::new("t.txt")).expect("decodes")
    }

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(dec(b"abc").encoding, Encoding::Utf8);
        let d = dec(b"\xEF\xBB\xBFabc");
        assert_eq!((d.text.as_str(), d.encoding), ("abc", Encoding::Utf8Bom));
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = [0xFF, 0xFE, b'h', 0, b'i', 0, 0x0D, 0, 0x0A, 0].to_vec();
        let d = dec(&le);
        assert_eq!((d.text.as_str(), d.encoding), ("hi\n", Encoding::Utf16Le));
        let be: Vec<u8> = [0xFE, 0xFF, 0, b'h', 0, b'i'].to_vec();
        assert_eq!(dec(&be).text, "hi");
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        let d = dec(b"caf\xe9 \x93quoted\x94");
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.text, "café “quoted”");
    }

    #[test]
    fn nul_means_binary() {
        let err = decode(b"ab\0cd", Path::new("x.bin")).unwrap_err();
        assert!(matches!(err, LoadError::Binary { offset: 2, .. }));
        assert!(err.to_string().contains("x.bin"));
    }

    #[test]
    fn line_endings_normalised() {
        assert_eq!(normalise("a\r\nb\rc\n").0, "a\nb\nc\n");
        assert_eq!(normalise("\r\r\n").0, "\n\n");
    }

    #[test]
    fn tabs_expand_to_tab_stops() {
        assert_eq!(normalise("\tx").0, "    x");
        assert_eq!(normalise("ab\tx\n\ty").0, "ab  x\n    y");
    }

    #[test]
    fn escape_sequences_are_defanged() {
        let hostile = "title\x1b]0;pwned\x07 \x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07 \u{9b}2J";
        let (text, n) = normalise(hostile);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
        assert!(text.contains('␛'));
        assert_eq!(n, 7);
    }

    #[test]
    fn bidi_overrides_replaced() {
        let (text, n) = normalise("a\u{202e}b\u{2066}c");
        assert_eq!((text.as_str(), n), ("a\u{fffd}b\u{fffd}c", 2));
    }

    #[test]
    fn emoji_combining_and_rtl_kept() {
        let s = "👩‍👩‍👧 e\u{301} مرحبا שלום";
        assert_eq!(normalise(s), (s.to_string(), 0));
    }
}
