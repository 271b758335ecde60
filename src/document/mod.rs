//! A report as diptych knows it: where it came from, its normalised text, its
//! title and its passages.

pub mod byline;
pub mod html;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod pdf;
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
    /// SHA-256 of the normalised text, lower-case hex: what tags anchor on.
    pub hash: String,
    /// SHA-256 of the file's bytes, lower-case hex (for a PDF or a web page
    /// this differs from `hash`: a newer extractor may give other text from
    /// the same file).
    pub source_hash: String,
    /// What kind of file the text was extracted from.
    pub format: InputFormat,
    /// Inline styles (Markdown and web pages): byte ranges, by start.
    pub styles: Vec<(std::ops::Range<usize>, markdown::InlineStyle)>,
    /// Link texts (byte ranges) and their targets.
    pub links: Vec<(std::ops::Range<usize>, String)>,
    /// Byte offset where each page starts (PDF only; empty otherwise).
    pub pages: Vec<usize>,
}

/// The kinds of file diptych reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    Text,
    Markdown,
    Html,
    Pdf,
}

impl InputFormat {
    /// The format of a file, from its first bytes (a PDF or HTML signature)
    /// and then its extension.
    pub fn detect(path: &Path, bytes: &[u8]) -> InputFormat {
        if bytes.starts_with(b"%PDF-") {
            return InputFormat::Pdf;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "pdf" => return InputFormat::Pdf,
            "html" | "htm" | "xhtml" => return InputFormat::Html,
            "md" | "markdown" | "mdown" | "mkd" => return InputFormat::Markdown,
            _ => {}
        }
        let head: Vec<u8> = bytes
            .iter()
            .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
            .take(15)
            .map(u8::to_ascii_lowercase)
            .collect();
        if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "Markdown",
            InputFormat::Html => "web page",
            InputFormat::Pdf => "PDF",
        }
    }
}

/// Text ready to be segmented, with what its format knew.
struct Extracted {
    decoded: load::Decoded,
    /// Passages, when the format gives them (Markdown, web pages).
    blocks: Option<Vec<(usize, usize, PassageKind)>>,
    styles: Vec<(std::ops::Range<usize>, markdown::InlineStyle)>,
    links: Vec<(std::ops::Range<usize>, String)>,
    title: Option<String>,
    pages: Vec<usize>,
}

impl Extracted {
    fn text(decoded: load::Decoded) -> Extracted {
        Extracted {
            decoded,
            blocks: None,
            styles: Vec::new(),
            links: Vec::new(),
            title: None,
            pages: Vec::new(),
        }
    }

    /// Markdown source (already normalised) rendered to text with its
    /// passages and styles.
    fn markdown(decoded: load::Decoded, title: Option<String>) -> Extracted {
        let r = markdown::render(&decoded.text);
        Extracted {
            decoded: load::Decoded {
                text: r.text,
                ..decoded
            },
            blocks: Some(r.blocks),
            styles: r.styles,
            links: r.links,
            title,
            pages: Vec::new(),
        }
    }
}

impl Document {
    /// Builds a document from bytes already in memory: plain text,
    /// Markdown, a web page or a PDF (see [`InputFormat::detect`]).
    pub fn from_bytes(source: Source, bytes: &[u8]) -> Result<Self, LoadError> {
        let name = match &source {
            Source::File(p) => p.clone(),
            Source::Embedded(n) => PathBuf::from(n),
        };
        let format = InputFormat::detect(&name, bytes);
        let extracted = match format {
            InputFormat::Text => Extracted::text(load::decode(bytes, &name)?),
            InputFormat::Markdown => Extracted::markdown(load::decode(bytes, &name)?, None),
            InputFormat::Html => {
                let page = load::decode(bytes, &name)?;
                let article = html::extract(&page.text, &name)?;
                let (text, replaced) = load::normalise(&pdf::typography(&article.markdown));
                let decoded = load::Decoded {
                    text,
                    controls_replaced: page.controls_replaced + replaced,
                    ..page
                };
                Extracted::markdown(decoded, article.title.map(|t| load::normalise(&t).0))
            }
            InputFormat::Pdf => {
                let pages = pdf::extract(bytes, &name)?;
                // Each page normalised on its own, so page offsets hold.
                let mut text = String::new();
                let mut starts = Vec::with_capacity(pages.0.len());
                let mut replaced = 0;
                for page in &pages.0 {
                    let (t, n) = load::normalise(page);
                    replaced += n;
                    starts.push(text.len());
                    text.push_str(&t);
                }
                Extracted {
                    pages: starts,
                    ..Extracted::text(load::Decoded {
                        text,
                        encoding: Encoding::Utf8,
                        controls_replaced: replaced,
                    })
                }
            }
        };
        Ok(Self::from_extracted(
            source,
            format,
            hex(&Sha256::digest(bytes)),
            extracted,
        ))
    }

    fn from_extracted(
        source: Source,
        format: InputFormat,
        source_hash: String,
        extracted: Extracted,
    ) -> Self {
        let Extracted {
            decoded,
            blocks,
            styles,
            links,
            title: extracted_title,
            pages,
        } = extracted;
        let text = decoded.text;
        let passages = match &blocks {
            Some(blocks) => segment::from_blocks(&text, blocks),
            None => segment::segment(&text),
        };
        let title = passages
            .iter()
            .find(|p| p.kind == PassageKind::Title)
            .map(|p| clean_title(&p.joined(&text)))
            .filter(|t| !t.is_empty())
            .or(extracted_title)
            .unwrap_or_else(|| match &source {
                Source::File(p) => p
                    .file_name()
                    .map(|n| crate::sanitize::one_line(&n.to_string_lossy()).into_owned())
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
            source_hash,
            format,
            styles,
            links,
            pages,
        }
    }

    /// Reads and segments a file, refusing anything unsuitable: a file
    /// with no text too, which would open as a blank pane that nothing
    /// pairs with and nothing says why.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let bytes = load::read_file(path)?;
        let doc = Self::from_bytes(Source::File(path.to_owned()), &bytes)?;
        if doc.text.trim().is_empty() {
            return Err(LoadError::NoText {
                path: path.to_owned(),
            });
        }
        Ok(doc)
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
        Self::from_extracted(
            Source::Embedded(name),
            InputFormat::Text,
            hex(&Sha256::digest(text.as_bytes())),
            Extracted::text(decoded),
        )
    }

    /// The 1-based page of byte `offset` (PDF only).
    pub fn page_of_byte(&self, offset: usize) -> Option<usize> {
        (!self.pages.is_empty()).then(|| self.pages.partition_point(|&s| s <= offset).max(1))
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
    /// A file name is data like the text: its control characters are
    /// shown as stand-ins (`evil␛]0;…`), never drawn or printed raw.
    pub fn short_name(&self) -> String {
        let name = match &self.source {
            Source::File(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            Source::Embedded(n) => n.rsplit('/').next().unwrap_or(n).to_string(),
        };
        crate::sanitize::one_line(&name).into_owned()
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
