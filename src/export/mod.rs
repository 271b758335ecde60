//! Exports of a comparison (two reports, their topics, and the analyst's
//! tagged passage pairs) to Markdown, HTML, CSV, JSON and W3C Web
//! Annotations. Every exporter is a pure `fn(&Comparison, &Options) -> String`:
//! no clock, no I/O, no hash-map iteration, so the same input always gives
//! the same bytes. The input is plain data built by the caller; this module
//! knows nothing about the tag or alignment modules. Writing the result to
//! disk is `write_atomic`'s job.

mod csv;
mod docx;
mod html;
pub mod input;
mod json;
mod markdown;
mod odt;
mod outline;
mod prepared;
mod w3c;

pub(crate) use prepared::shorten;
pub use prepared::unwrapped;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;

/// Everything an export shows: the two reports, the topics the alignment
/// found, the labels a tag can carry, and one entry per tagged (or, on
/// request, untagged aligned) passage pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Name of the tag set the entries come from.
    pub tagset_name: String,
    /// The day the brief is dated, `YYYY-MM-DD` (empty: no date line).
    pub date: String,
    /// The left report, then the right one.
    pub documents: [DocumentInfo; 2],
    /// Topic labels; `Entry::topics` holds indexes into this list.
    pub topics: Vec<String>,
    /// The topic the analyst filtered on in the reader: its pairs come
    /// first, under it.
    pub focus_topic: Option<usize>,
    /// Topics one report discusses and the other never mentions.
    pub silences: Vec<Silence>,
    /// Labels in display order (the four built-in stances first, usually).
    pub labels: Vec<LabelInfo>,
    /// Passage pairs, in any order: exporters sort them by position.
    pub entries: Vec<Entry>,
    /// Program and version, e.g. `diptych 0.1.0`.
    pub generated_by: String,
}

/// One of the two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    /// The short name the brief calls the report by: the analyst's, else
    /// the author's surname, else the title, else the file name.
    pub name: String,
    /// The author as the report's byline gives it, if it has one.
    pub author: Option<String>,
    pub title: String,
    /// The path as the user gave it (or `bundled:NAME` for a seed); shown in
    /// locations such as `left.md:12`.
    pub path: String,
    /// A URI for the report: `file:///abs/path`, or `urn:sha256:HEX` for the
    /// bundled seeds, which have no file. Used as the W3C target source.
    pub uri: String,
    /// SHA-256 of the report's text, lower-case hex.
    pub hash: String,
}

/// The stances, the tag model's own (one `Stance` across the crate).
pub use crate::tags::Stance;

/// A label a tag can carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelInfo {
    /// What `Entry::label` refers to.
    pub id: String,
    /// Shown in exports next to the glyph.
    pub name: String,
    /// One short symbol, so the stance never rests on colour alone.
    pub glyph: String,
    /// The built-in stance this label is, or `None` for a custom label.
    pub stance: Option<Stance>,
}

impl LabelInfo {
    /// The built-in label for `stance`, with the glyphs `=`, `≠`, `≈`, `?`.
    pub fn builtin(stance: Stance) -> LabelInfo {
        let label = stance.label();
        LabelInfo {
            id: label.id,
            name: label.name,
            glyph: label.glyph,
            stance: Some(stance),
        }
    }

    /// The four built-in labels in display order.
    pub fn builtins() -> Vec<LabelInfo> {
        Stance::ALL.into_iter().map(LabelInfo::builtin).collect()
    }
}

/// Whether a pair came from the alignment engine or was linked by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Aligned,
    Manual,
}

/// One passage pair: a tag, or an untagged aligned pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The tag's id; `None` for an untagged aligned pair.
    pub id: Option<String>,
    /// A label id; `None` when the pair carries no label (an untagged pair, or
    /// a manual link not judged yet). An id missing from
    /// `Comparison::labels` is shown as itself.
    pub label: Option<String>,
    /// The analyst's note; may be empty or span several lines.
    pub note: String,
    pub origin: Origin,
    /// Indexes into `Comparison::topics`. Indexes out of range are ignored.
    pub topics: Vec<usize>,
    /// The topic the pair is filed under: the most specific topic that
    /// covers both quotes (fewest passages). `None` files it by its first
    /// topic, if any.
    pub group: Option<usize>,
    /// The engine's suggestion, kept only where the analyst has not judged
    /// the pair.
    pub hint: Option<Suggestion>,
    /// Alignment score, if the pair came from the alignment.
    pub score: Option<f64>,
    pub left: Quote,
    pub right: Quote,
    /// RFC 3339, from the tag; `None` for an untagged pair.
    pub created: Option<String>,
    /// RFC 3339, from the tag; `None` for an untagged pair.
    pub modified: Option<String>,
    /// Who last set the label or note, if the tag names them. The briefs
    /// show it when more than one analyst judged the comparison.
    pub analyst: Option<String>,
    /// The two judgements a merge found for this tag, when they differ and
    /// nobody has judged the pair again since; `label`, `note` and
    /// `analyst` hold ours meanwhile.
    pub conflict: Option<Conflict>,
}

/// A merge conflict, the tag model's own.
pub use crate::tags::{Conflict, Judgement};

impl Entry {
    /// Whether this entry is a tag (as opposed to an untagged aligned pair).
    pub fn is_tag(&self) -> bool {
        self.id.is_some()
    }
}

/// One side of a pair: the quoted passage and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted text. For an anchored or moved anchor, the report's current
    /// text at `start..end`; for an orphaned one, the quote as recorded.
    pub exact: String,
    /// The whole passage the quote sits in (empty for an orphaned quote,
    /// or when the quote is the whole passage): context for HTML
    /// (collapsed) and JSON, never repeated elsewhere.
    pub context: String,
    /// Up to 32 characters of context before the quote.
    pub prefix: String,
    /// Up to 32 characters of context after the quote.
    pub suffix: String,
    /// First code point of the quote in the report's text.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// 1-based line of the report file where the quote starts.
    pub line: usize,
    pub state: AnchorKind,
}

/// The engine's suggestion on a pair: `kind` is `agreement`,
/// `contradiction` or `difference`; `why` says what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub kind: String,
    pub why: String,
}

/// A topic one report discusses and the other never mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Silence {
    /// The report that discusses it; the other is silent.
    pub side: crate::side::Side,
    /// Index into `Comparison::topics`.
    pub topic: usize,
    /// Passages of the discussing report on the topic.
    pub passages: usize,
    /// One short quote (a sentence naming the topic, shortened if long);
    /// empty when no sentence names it.
    pub quote: String,
    /// 1-based line of the quote; 0 without one.
    pub line: usize,
}

/// Where a quote stands in the current report (the tag model's own).
pub use crate::tags::AnchorKind;

/// An export format, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Odt,
    Csv,
    Json,
    W3c,
}

impl Format {
    /// In the order the export dialog and `--help` list them.
    pub const ALL: [Format; 7] = [
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Odt,
        Format::Csv,
        Format::Json,
        Format::W3c,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::W3c => "w3c",
        }
    }

    /// The usual file extension, for default output paths.
    pub fn extension(self) -> &'static str {
        match self {
            Format::W3c => "jsonld",
            f => f.name(),
        }
    }

    /// Whether the format is a binary package (a zip archive), which is
    /// never written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Odt)
    }

    /// A short description for the export dialog.
    pub fn description(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown brief",
            Format::Html => "HTML report (one self-contained file)",
            Format::Docx => "Word document (.docx)",
            Format::Odt => "OpenDocument text (.odt)",
            Format::Csv => "CSV, one row per pair",
            Format::Json => "JSON, the whole comparison",
            Format::W3c => "W3C Web Annotations (JSON-LD)",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Format, ExportError> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| ExportError::UnknownFormat(s.to_string()))
    }
}

/// Choices that change what an export contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Also export aligned pairs that carry no tag.
    pub include_untagged: bool,
}

/// A file an export must never replace: the open tag set, its backup and
/// lock, the two reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    pub path: PathBuf,
    /// What it is, for the message ("the open tag set").
    pub what: &'static str,
}

impl Protected {
    /// The tag file at `path` with its backup and lock.
    pub fn tag_file(path: &Path) -> Vec<Protected> {
        use crate::atomic::with_suffix;
        vec![
            Protected {
                path: path.to_path_buf(),
                what: "the open tag set",
            },
            Protected {
                path: with_suffix(path, ".bak"),
                what: "the open tag set's backup",
            },
            Protected {
                path: with_suffix(path, ".lock"),
                what: "the open tag set's lock file",
            },
        ]
    }

    /// A report read from `path`.
    pub fn report(path: &Path) -> Protected {
        Protected {
            path: path.to_path_buf(),
            what: "one of the two reports",
        }
    }
}

/// Refuses an output path that is one of the `protected` files, compared
/// by file identity (symlinks, `..` and hard links see through).
pub fn check_output(output: &Path, protected: &[Protected]) -> Result<(), ExportError> {
    match protected
        .iter()
        .find(|p| crate::atomic::same_file(output, &p.path))
    {
        Some(p) => Err(ExportError::Protected {
            path: output.to_path_buf(),
            what: p.what,
        }),
        None => Ok(()),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "will not write the export to {path}: it is {what}, which an export must never replace; choose another output path",
        path = path.display()
    )]
    Protected { path: PathBuf, what: &'static str },
    #[error("unknown export format {0:?}: choose one of md, html, docx, odt, csv, json, w3c")]
    UnknownFormat(String),
    #[error(
        "cannot write the export to {path}: {step} failed: {source}; check that the directory exists and is writable, or choose another output path"
    )]
    Write {
        path: PathBuf,
        /// Which step failed, e.g. "creating the temporary file".
        step: &'static str,
        source: std::io::Error,
    },
}

/// Writes an export to `path` atomically (see [`crate::atomic`]): through
/// a symlink to its target, never over a special file. Returns the file
/// written.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<PathBuf, ExportError> {
    crate::atomic::write(path, bytes, crate::atomic::NewFile::Shared).map_err(|e| {
        ExportError::Write {
            path: path.to_path_buf(),
            step: e.step,
            source: e.source,
        }
    })
}

/// Renders `c` in `format`. Pure and deterministic. Every string of `c`
/// goes through [`Comparison::sanitized`] first, so no export contains a
/// control character other than tab and line feed (and CSV's CRLF).
pub fn render(format: Format, c: &Comparison, opts: &Options) -> Vec<u8> {
    let c = &c.sanitized();
    match format {
        Format::Markdown => markdown::render(c, opts).into_bytes(),
        Format::Html => html::render(c, opts).into_bytes(),
        Format::Docx => docx::render(c, opts),
        Format::Odt => odt::render(c, opts),
        Format::Csv => csv::render(c, opts).into_bytes(),
        Format::Json => json::render(c, opts).into_bytes(),
        Format::W3c => w3c::render(c, opts).into_bytes(),
    }
}

impl Comparison {
    /// A copy with every string made printable ([`crate::sanitize::printable`]):
    /// notes, labels, titles and paths come from files diptych did not write.
    pub fn sanitized(&self) -> Comparison {
        let clean = |s: &String| crate::sanitize::printable(s).into_owned();
        let quote = |q: &Quote| Quote {
            exact: clean(&q.exact),
            context: clean(&q.context),
            prefix: clean(&q.prefix),
            suffix: clean(&q.suffix),
            ..q.clone()
        };
        Comparison {
            tagset_name: clean(&self.tagset_name),
            date: clean(&self.date),
            silences: self
                .silences
                .iter()
                .map(|s| Silence {
                    quote: clean(&s.quote),
                    ..s.clone()
                })
                .collect(),
            documents: self.documents.clone().map(|d| DocumentInfo {
                name: clean(&d.name),
                author: d.author.as_ref().map(clean),
                title: clean(&d.title),
                path: clean(&d.path),
                uri: clean(&d.uri),
                hash: clean(&d.hash),
            }),
            topics: self.topics.iter().map(clean).collect(),
            focus_topic: self.focus_topic,
            labels: self
                .labels
                .iter()
                .map(|l| LabelInfo {
                    id: clean(&l.id),
                    name: clean(&l.name),
                    glyph: clean(&l.glyph),
                    stance: l.stance,
                })
                .collect(),
            entries: self
                .entries
                .iter()
                .map(|e| Entry {
                    id: e.id.as_ref().map(clean),
                    label: e.label.as_ref().map(clean),
                    note: clean(&e.note),
                    hint: e.hint.as_ref().map(|h| Suggestion {
                        kind: clean(&h.kind),
                        why: clean(&h.why),
                    }),
                    left: quote(&e.left),
                    right: quote(&e.right),
                    created: e.created.as_ref().map(clean),
                    modified: e.modified.as_ref().map(clean),
                    analyst: e.analyst.as_ref().map(clean),
                    conflict: e.conflict.as_ref().map(|c| {
                        let side = |j: &Judgement| Judgement {
                            label: j.label.as_ref().map(clean),
                            note: clean(&j.note),
                            analyst: j.analyst.as_ref().map(clean),
                            modified: clean(&j.modified),
                        };
                        Conflict {
                            ours: side(&c.ours),
                            theirs: side(&c.theirs),
                        }
                    }),
                    ..e.clone()
                })
                .collect(),
            generated_by: clean(&self.generated_by),
        }
    }
}

/// The `file://` URI of an absolute path, percent-encoding every byte
/// outside RFC 3986's unreserved set and `/`, for `DocumentInfo::uri`.
pub fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy();
    // Windows paths (C:\x) use `/` in URIs and need a third slash.
    #[cfg(windows)]
    let text = format!("/{}", text.replace('\\', "/"));
    let mut out = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `urn:sha256:` URI of a document known only by its content hash (the
/// bundled seeds), for `DocumentInfo::uri`.
pub fn content_urn(sha256_hex: &str) -> String {
    format!("urn:sha256:{sha256_hex}")
}

pub use self::csv::render as render_csv;
pub use self::html::render as render_html;
pub use self::json::render as render_json;
pub use self::markdown::render as render_markdown;
pub use self::w3c::render as render_w3c;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_their_names() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().ok(), Some(f));
        }
    }

    #[test]
    fn file_uris_are_percent_encoded() {
        assert_eq!(
            file_uri(Path::new("/srv/reports/left report #1 — ё.md")),
            "file:///srv/reports/left%20report%20%231%20%E2%80%94%20%D1%91.md"
        );
        assert_eq!(content_urn("ab12"), "urn:sha256:ab12");
    }

    #[test]
    fn unknown_format_error_lists_the_choices() {
        let err = "pdf".parse::<Format>().unwrap_err().to_string();
        assert!(err.contains("\"pdf\""), "{err}");
        for f in Format::ALL {
            assert!(err.contains(f.name()), "{err} lacks {}", f.name());
        }
    }
}
