//! A report as diptych knows it: where it came from, its normalised text, its
//! title and its passages.

pub mod byline;
pub mod load;
pub mod segment;
pub mod sentence;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use load::{Encoding, LoadError, MAX_FILE_BYTES};
pub use segment::{Passage, PassageKind};
pub use sentence::Sentence;

/// The two sample reports, compiled into the binary.
pub mod seeds {
    pub const LEFT_NAME: &str = "seeds/giustozzi-iskp-expansion-towards-europe.txt";
    pub const LEFT: &str = include_str!("../../seeds/giustozzi-iskp-expansion-towards-europe.txt");
    pub const RIGHT_NAME: &str = "seeds/iskp-an-overlooked-threat.txt";
    pub const RIGHT: &str = include_str!("../../seeds/iskp-an-overlooked-threat.txt");
}

/// Where a document's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    /// Compiled into the binary; the name is its path in the repository.
    Embedded(&'static str),
}

impl Source {
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Embedded(name) => format!("(bundled) {name}"),
        }
    }
}

/// A loaded, normalised and segmented report.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    pub title: String,
    /// Normalised text: LF line ends, tabs expanded, controls replaced.
    pub text: String,
    pub passages: Vec<Passage>,
    pub encoding: Encoding,
    pub controls_replaced: usize,
    /// SHA-256 of the normalised text, lower-case hex.
    pub hash: String,
}

impl Document {
    /// Builds a document from bytes already in memory.
    pub fn from_bytes(source: Source, bytes: &[u8]) -> Result<Self, LoadError> {
        let name = match &source {
            Source::File(p) => p.clone(),
            Source::Embedded(n) => PathBuf::from(n),
        };
        let decoded = load::decode(bytes, &name)?;
        Ok(Self::from_decoded(source, decoded))
    }

    fn from_decoded(source: Source, decoded: load::Decoded) -> Self {
        let text = decoded.text;
        let passages = segment::segment(&text);
        let title = passages
            .iter()
            .find(|p| p.kind == PassageKind::Title)
            .map(|p| clean_title(&p.joined(&text)))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| match &source {
                Source::File(p) => p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                Source::Embedded(n) => (*n).to_string(),
            });
        let hash = hex(&Sha256::digest(text.as_bytes()));
        Document {
            source,
            title,
            text,
            passages,
            encoding: decoded.encoding,
            controls_replaced: decoded.controls_replaced,
            hash,
        }
    }

    /// Reads and segments a file, refusing anything unsuitable.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let bytes = load::read_file(path)?;
        Self::from_bytes(Source::File(path.to_owned()), &bytes)
    }

    /// The bundled left-hand seed report (Giustozzi).
    pub fn seed_left() -> Self {
        Self::embedded(seeds::LEFT_NAME, seeds::LEFT)
    }

    /// The bundled right-hand seed report ("An Overlooked Threat?").
    pub fn seed_right() -> Self {
        Self::embedded(seeds::RIGHT_NAME, seeds::RIGHT)
    }

    fn embedded(name: &'static str, text: &'static str) -> Self {
        let decoded = load::Decoded {
            text: load::normalise(text).0,
            encoding: Encoding::Utf8,
            controls_replaced: 0,
        };
        Self::from_decoded(Source::Embedded(name), decoded)
    }

    /// A notice for the status line when decoding needed attention.
    pub fn notice(&self) -> Option<String> {
        let name = self.short_name();
        match (self.encoding, self.controls_replaced) {
            (Encoding::Windows1252, 0) => {
                Some(format!("{name}: not valid UTF-8, read as Windows-1252"))
            }
            (Encoding::Windows1252, n) => Some(format!(
                "{name}: not valid UTF-8, read as Windows-1252; {n} control characters replaced"
            )),
            (_, 0) => None,
            (_, n) => Some(format!(
                "{name}: {n} control characters replaced by ␛-style symbols"
            )),
        }
    }

    /// File name (or bundled name) without directories, for compact display.
    pub fn short_name(&self) -> String {
        match &self.source {
            Source::File(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            Source::Embedded(n) => n.rsplit('/').next().unwrap_or(n).to_string(),
        }
    }

    /// Index of the passage containing code point `offset`.
    pub fn passage_at_char(&self, offset: usize) -> Option<usize> {
        let i = self.passages.partition_point(|p| p.char_end <= offset);
        self.passages
            .get(i)
            .filter(|p| p.char_start <= offset)
            .map(|_| i)
    }
}

/// Strips Markdown heading marks and surrounding emphasis from a title.
fn clean_title(t: &str) -> String {
    t.trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches(['*', '_'])
        .trim()
        .to_string()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_have_their_titles() {
        assert_eq!(
            Document::seed_left().title,
            "The Islamic State in Khorasan’s “expansion” towards Europe"
        );
        assert_eq!(Document::seed_right().title, "IS-K – An Overlooked Threat?");
    }

    #[test]
    fn markdown_title_is_cleaned() {
        let d = Document::from_bytes(Source::Embedded("x.md"), b"# **Report**\n\ntext\n").unwrap();
        assert_eq!(d.title, "Report");
    }

    #[test]
    fn empty_document_titled_by_name() {
        let d = Document::from_bytes(Source::File("/tmp/empty.txt".into()), b"").unwrap();
        assert_eq!(d.title, "empty.txt");
        assert!(d.passages.is_empty());
    }
}
