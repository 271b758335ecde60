//! Tag files as bytes: serialising a tag set to pretty, stably ordered JSON
//! and parsing it back with errors that name file, line, column and what to
//! do. Pure: the store reads and writes the bytes.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::model::{FORMAT_VERSION, TagSet};

/// Largest tag file we try to parse; anything bigger is not ours.
pub const MAX_TAG_FILE_BYTES: u64 = 256 * 1024 * 1024;

const WHAT_TO_DO: &str = "the file is left untouched: fix it by hand, open its .bak, or start a new tag set under another name";

/// Why a tag file could not be loaded. The file is never overwritten after
/// any of these.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: cannot read the tag file: {source} (check permissions; {WHAT_TO_DO})", path = path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {size} bytes is too large for a tag file ({WHAT_TO_DO})", path = path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}:{line}:{column}: not a valid tag file: {what} ({WHAT_TO_DO})", path = path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        what: String,
    },
    #[error(
        "{path}:{line}:{column}: format_version {found} is newer than this build understands (up to {FORMAT_VERSION}); upgrade diptych ({WHAT_TO_DO})",
        path = path.display()
    )]
    TooNew {
        path: PathBuf,
        line: usize,
        column: usize,
        found: u64,
    },
    #[error(
        "{path}:{line}:{column}: {what}{} ({WHAT_TO_DO})",
        if *others > 0 { format!(" (and {others} more problems)") } else { String::new() },
        path = path.display()
    )]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        what: String,
        /// How many further problems the file has.
        others: usize,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Read { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::TooNew { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }
}

/// The tag set as file contents: pretty-printed JSON, fields in declaration
/// order, tags in creation order, ending with a newline.
pub fn to_json(set: &TagSet) -> String {
    // Serialising plain structs with string keys into a String cannot fail.
    let mut s = serde_json::to_string_pretty(set).unwrap_or_default();
    s.push('\n');
    s
}

/// Parses and validates tag file contents. `path` only labels errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<TagSet, LoadError> {
    // A byte-order mark (some Windows editors add one) is not JSON, but it
    // says nothing against the file either.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let syntax = |e: serde_json::Error| LoadError::Syntax {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        what: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    // The version is checked before the structure, so a newer file is
    // reported as newer rather than as having unknown fields.
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(syntax)?;
    let text = String::from_utf8_lossy(bytes);
    let at = |needle: &str| line_column(&text, needle);
    let Some(obj) = value.as_object() else {
        return Err(LoadError::Syntax {
            path: path.to_owned(),
            line: 1,
            column: 1,
            what: "the top level must be a JSON object".into(),
        });
    };
    let version = obj.get("format_version").map(|v| {
        // A whole number too large for u64 is still "newer".
        v.as_u64().or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && *f > u64::MAX as f64 / 2.0)
                .map(|_| u64::MAX)
        })
    });
    match version {
        Some(Some(v)) if v > u64::from(FORMAT_VERSION) => {
            let (line, column) = at("\"format_version\"");
            return Err(LoadError::TooNew {
                path: path.to_owned(),
                line,
                column,
                found: v,
            });
        }
        Some(Some(_)) => {}
        Some(None) => {
            let (line, column) = at("\"format_version\"");
            return Err(LoadError::Syntax {
                path: path.to_owned(),
                line,
                column,
                what: "format_version must be a whole number".into(),
            });
        }
        None => {
            return Err(LoadError::Syntax {
                path: path.to_owned(),
                line: 1,
                column: 1,
                what: "missing field `format_version`: not a diptych tag file?".into(),
            });
        }
    }
    let set: TagSet = serde_json::from_slice(bytes).map_err(syntax)?;
    let problems = set.problems();
    if let Some(first) = problems.first() {
        let (line, column) = first.needle.as_deref().map_or((1, 1), at);
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            line,
            column,
            what: first.to_string(),
            others: problems.len() - 1,
        });
    }
    Ok(set)
}

/// 1-based line and column (in characters) of the first `needle`, or 1:1.
fn line_column(text: &str, needle: &str) -> (usize, usize) {
    let Some(byte) = text.find(needle) else {
        return (1, 1);
    };
    let before = &text[..byte];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::model::DocumentRef;

    fn sample() -> TagSet {
        let d = |p: &str, c: &str| DocumentRef {
            path: p.into(),
            title: p.into(),
            hash: c.repeat(64),
        };
        TagSet::new("s", d("a", "a"), d("b", "b"))
    }

    fn p(s: &str) -> Result<TagSet, LoadError> {
        parse(s.as_bytes(), Path::new("x.json"))
    }

    #[test]
    fn round_trips_and_ends_with_newline() {
        let json = to_json(&sample());
        assert!(json.ends_with("}\n"));
        assert!(
            json.starts_with("{\n  \"format_version\": 1,\n  \"name\": \"s\","),
            "{json}"
        );
        assert_eq!(p(&json).unwrap(), sample());
    }

    #[test]
    fn errors_carry_position_and_advice() {
        let e = p("{\n  \"format_version\": 1,\n  oops\n}").unwrap_err();
        assert!(matches!(e, LoadError::Syntax { line: 3, .. }), "{e:?}");
        assert!(e.to_string().starts_with("x.json:3:"), "{e}");
        assert!(e.to_string().contains("left untouched"), "{e}");

        let newer = to_json(&sample()).replace("\"format_version\": 1", "\"format_version\": 7");
        let e = p(&newer).unwrap_err();
        assert!(
            matches!(
                e,
                LoadError::TooNew {
                    found: 7,
                    line: 2,
                    ..
                }
            ),
            "{e:?}"
        );

        let e = p("[1, 2]").unwrap_err();
        assert!(e.to_string().contains("JSON object"), "{e}");
        let e = p("{\"name\": 1}").unwrap_err();
        assert!(e.to_string().contains("format_version"), "{e}");

        let unknown = to_json(&sample()).replace("\"name\"", "\"colour\": 3,\n  \"name\"");
        let e = p(&unknown).unwrap_err();
        assert!(e.to_string().contains("unknown field `colour`"), "{e}");

        let bad_hash = to_json(&sample()).replace(&"b".repeat(64), "nothex");
        let e = p(&bad_hash).unwrap_err();
        assert!(
            matches!(e, LoadError::Invalid { line, .. } if line > 1),
            "{e:?}"
        );
        assert!(e.to_string().contains("documents[1]"), "{e}");
    }
}
