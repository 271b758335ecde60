//! Text from PDF reports, in reading order, as an analyst reads them: by
//! poppler's `pdftotext` (its default reading-order mode, which follows
//! columns), run as a separate program so its GPL licence stays separate
//! from diptych's MIT, with a time and output limit. Its pages (split on
//! form feeds) are then cleaned: running headers and footers and page
//! numbers removed, paragraphs that run on over a page or column break
//! joined again (and a word hyphenated across the break rejoined),
//! ligatures and soft hyphens normalised.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::load::{LoadError, MAX_FILE_BYTES};

/// The extraction program and the Debian package that has it.
pub const PDFTOTEXT: &str = "pdftotext";
/// Longest an extraction may take before it is stopped.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A PDF's text: one string per page, cleaned, not yet normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pages(pub Vec<String>);

/// Extracts and cleans the text of the PDF `bytes` (`path` names it in
/// errors). The program is `DIPTYCH_PDFTOTEXT` if set, else `pdftotext`.
pub fn extract(bytes: &[u8], path: &Path) -> Result<Pages, LoadError> {
    let program = std::env::var_os("DIPTYCH_PDFTOTEXT").unwrap_or_else(|| PDFTOTEXT.into());
    let raw = run(&program, bytes, path)?;
    if !raw.chars().any(char::is_alphanumeric) {
        return Err(LoadError::NoTextLayer {
            path: path.to_owned(),
        });
    }
    Ok(Pages(clean(&raw)))
}

/// Runs `pdftotext -enc UTF-8 -eol unix - -` on `bytes`: the PDF on its
/// standard input, the text on its output (at most `MAX_FILE_BYTES`), for
/// at most `TIMEOUT`.
fn run(program: &std::ffi::OsStr, bytes: &[u8], path: &Path) -> Result<String, LoadError> {
    let failed = |why: String| LoadError::Pdf {
        path: path.to_owned(),
        why,
    };
    let mut child = Command::new(program)
        .args(["-enc", "UTF-8", "-eol", "unix", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::PdfToolMissing {
                path: path.to_owned(),
            },
            _ => failed(format!("cannot run {}: {e}", program.to_string_lossy())),
        })?;
    let mut stdin = child.stdin.take();
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let (out, err) = std::thread::scope(|s| {
        s.spawn(move || {
            if let Some(mut i) = stdin.take() {
                // A PDF the program stops reading early is its error to
                // report, not ours.
                let _ = i.write_all(bytes);
            }
        });
        let out = s.spawn(move || {
            let mut buf = Vec::new();
            if let Some(o) = stdout.take() {
                let _ = o.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf);
            }
            buf
        });
        let err = s.spawn(move || {
            let mut buf = Vec::new();
            if let Some(e) = stderr.take() {
                let _ = e.take(64 * 1024).read_to_end(&mut buf);
            }
            buf
        });
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if started.elapsed() < TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
            }
        };
        (
            (status, out.join().unwrap_or_default()),
            err.join().unwrap_or_default(),
        )
    });
    let (status, out) = out;
    let err = String::from_utf8_lossy(&err);
    let Some(status) = status else {
        return Err(failed(format!(
            "{} did not finish within {} s (a damaged or hostile file?)",
            program.to_string_lossy(),
            TIMEOUT.as_secs()
        )));
    };
    if out.len() as u64 > MAX_FILE_BYTES {
        return Err(failed(format!(
            "its text is over the {} MiB limit",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    if !status.success() {
        if err.contains("password") {
            return Err(LoadError::Encrypted {
                path: path.to_owned(),
            });
        }
        let first = err
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(failed(format!(
            "not a readable PDF ({}: {})",
            program.to_string_lossy(),
            crate::sanitize::printable(first)
        )));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Lines at the top and bottom of a page looked at for running headers,
/// footers and page numbers.
const EDGE_LINES: usize = 2;

/// The cleaned text of each page of `raw` (pages separated by form feeds).
pub fn clean(raw: &str) -> Vec<String> {
    let raw = typography(raw);
    let mut pages: Vec<Vec<&str>> = raw.split('\u{c}').map(|p| p.lines().collect()).collect();
    // pdftotext ends the last page with a form feed too.
    while pages
        .last()
        .is_some_and(|p| p.iter().all(|l| l.trim().is_empty()))
    {
        pages.pop();
    }
    // A line is running text (header, footer) when the same line, digits
    // aside, sits at the edge of at least half the pages (and two).
    let key = |l: &str| -> String {
        l.trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let edges = |page: &[&str]| -> Vec<usize> {
        let filled: Vec<usize> = (0..page.len())
            .filter(|&i| !page[i].trim().is_empty())
            .collect();
        let mut e: Vec<usize> = filled.iter().take(EDGE_LINES).copied().collect();
        e.extend(filled.iter().rev().take(EDGE_LINES).copied());
        e.sort_unstable();
        e.dedup();
        e
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in &pages {
        let mut keys: Vec<String> = edges(page).iter().map(|&i| key(page[i])).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let repeated =
        |k: &str| pages.len() >= 2 && seen.get(k).is_some_and(|&n| n >= 2 && n * 2 >= pages.len());
    pages
        .iter()
        .map(|page| {
            let drop = edges(page);
            let kept: Vec<&str> = page
                .iter()
                .enumerate()
                .filter(|(i, l)| !(drop.contains(i) && (repeated(&key(l)) || is_page_number(l))))
                .map(|(_, l)| *l)
                .collect();
            join_breaks(&kept.join("\n"))
        })
        .collect()
}

/// The pages as pieces that concatenate to the whole text, one per page
/// (so each page's offset is known): a paragraph cut by the page break
/// runs on; otherwise a blank line separates the pages.
pub fn join_pages_kept(pages: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(pages.len());
    for page in pages.iter().map(|p| p.trim_matches('\n')) {
        let prev = out.iter_mut().rev().find(|p| !p.trim().is_empty());
        match prev {
            None => out.push(page.to_string()),
            Some(_) if page.trim().is_empty() => out.push(String::new()),
            Some(prev) => {
                let sep = run_on(prev, page);
                out.push(format!("{sep}{}", page.trim_start()));
            }
        }
    }
    out
}

/// The pages joined into one text (see [`join_pages_kept`]).
pub fn join_pages(pages: &[String]) -> String {
    join_pages_kept(pages).concat()
}

/// What goes between text `prev` and the block `next` that follows it: a
/// space when a paragraph was cut there (`prev` does not end a sentence and
/// `next` goes on in lower case), nothing when a word was hyphenated across
/// the cut (the hyphen is taken off `prev`), else a blank line.
fn run_on(prev: &mut String, next: &str) -> &'static str {
    let trimmed = prev.trim_end().len();
    let ends_open = prev[..trimmed]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '-' | '–'));
    let starts_lower = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    if !(ends_open && starts_lower) {
        return "\n\n";
    }
    prev.truncate(trimmed);
    let hyphenated = prev.ends_with('-')
        && prev[..prev.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    if hyphenated {
        prev.pop();
        ""
    } else {
        " "
    }
}

/// Rejoins paragraphs split by a column break inside a page.
fn join_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let blocks = text
        .split("\n\n")
        .map(|b| b.trim_matches('\n'))
        .filter(|b| !b.trim().is_empty());
    for block in blocks {
        if out.is_empty() {
            out.push_str(block);
        } else {
            let sep = run_on(&mut out, block);
            out.push_str(sep);
            out.push_str(if sep == "\n\n" {
                block
            } else {
                block.trim_start()
            });
        }
    }
    out
}

/// A line that is only a page number: `12`, `- 12 -`, `Page 12`,
/// `12 of 40`, `12/40`, or a lower-case roman numeral.
fn is_page_number(line: &str) -> bool {
    let original = line
        .trim()
        .trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' '));
    let lower = original.to_lowercase();
    let t = lower.strip_prefix("page").map_or(lower.as_str(), str::trim);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    for sep in [" of ", "/"] {
        if let Some((a, b)) = t.split_once(sep)
            && digits(a.trim())
            && digits(b.trim())
        {
            return true;
        }
    }
    // Front matter is numbered in lower-case roman numerals.
    !original.is_empty()
        && original.len() <= 6
        && original.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
}

/// Ligatures as their letters; soft hyphens (invisible break hints) gone.
pub fn typography(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{ad}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_footers_and_page_numbers_go_and_paragraphs_run_on() {
        let raw = "Report title — Giustozzi\n\nThe first paragraph runs over the\n\n1\n\u{c}\
                   Report title — Giustozzi\n\npage break and ends here.\n\nA second one is orga-\n\n2\n\u{c}\
                   Report title — Giustozzi\n\nnised well. Done.\n\n3\n\u{c}";
        let pages = clean(raw);
        assert_eq!(pages.len(), 3);
        let text = join_pages(&pages);
        assert_eq!(
            text,
            "The first paragraph runs over the page break and ends here.\n\n\
             A second one is organised well. Done."
        );
    }

    #[test]
    fn page_numbers_and_typography() {
        for l in ["12", " - 12 - ", "Page 3", "3 of 40", "3/40", "iv", "— 7 —"] {
            assert!(is_page_number(l), "{l:?}");
        }
        for l in ["12 sources", "In 2023", "Vi", "page two"] {
            assert!(!is_page_number(l), "{l:?}");
        }
        assert_eq!(
            typography("e\u{fb00}ective \u{fb01}nance co\u{ad}operation"),
            "effective finance cooperation"
        );
    }

    #[test]
    fn a_missing_program_is_named_with_its_package() {
        let err = run(
            std::ffi::OsStr::new("/nonexistent/pdftotext"),
            b"%PDF-1.4",
            Path::new("r.pdf"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("poppler-utils") && err.contains("r.pdf"),
            "{err}"
        );
    }
}
