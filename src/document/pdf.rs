//! Text from PDF reports, in reading order, as an analyst reads them.
//! poppler's `pdftotext` finds the text blocks and their boxes
//! (`-bbox-layout`), run as a separate program so its GPL licence stays
//! separate from diptych's MIT, with a time and output limit; diptych puts
//! the blocks in reading order itself ([`super::layout`]: poppler's own
//! order interleaves columns whose paragraph gaps differ). The pages are
//! then cleaned: words hyphenated across line ends rejoined (a compound's
//! own hyphen kept), running headers and footers and page numbers
//! removed, paragraphs that run on over a page or column break joined
//! again, a pull quote or box that cuts a paragraph moved after it,
//! ligatures and soft hyphens normalised.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::layout;
use super::load::{LoadError, MAX_FILE_BYTES};

/// The extraction program and the Debian package that has it.
pub const PDFTOTEXT: &str = "pdftotext";
/// Longest an extraction may take before it is stopped.
pub const TIMEOUT: Duration = Duration::from_secs(60);
/// Most layout output read from pdftotext: its XHTML spends about 15 bytes
/// on every byte of text, so this bounds the text near `MAX_FILE_BYTES`.
const MAX_LAYOUT_BYTES: u64 = 16 * MAX_FILE_BYTES;

/// A PDF's text: one piece per page, cleaned and joined so that the pieces
/// concatenate to the whole text (a paragraph cut by a page break runs on
/// into the next piece), not yet normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pages(pub Vec<String>);

/// Extracts and cleans the text of the PDF `bytes` (`path` names it in
/// errors). The program is `DIPTYCH_PDFTOTEXT` if set, else `pdftotext`.
pub fn extract(bytes: &[u8], path: &Path) -> Result<Pages, LoadError> {
    let program = std::env::var_os("DIPTYCH_PDFTOTEXT").unwrap_or_else(|| PDFTOTEXT.into());
    let xml = run(&program, bytes, path)?;
    let pages = layout::parse(&xml).map_err(|why| LoadError::Pdf {
        path: path.to_owned(),
        why,
    })?;
    let text = pages_in_reading_order(&pages);
    if !text
        .iter()
        .flatten()
        .flat_map(|b| &b.0)
        .any(|l| l.text.chars().any(char::is_alphanumeric))
    {
        return Err(LoadError::NoTextLayer {
            path: path.to_owned(),
        });
    }
    Ok(Pages(pages_of(&text)))
}

/// One line of a block: its text (typography normalised) and whether it
/// ends a paragraph inside the block (a short line that ends a sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub ends_paragraph: bool,
}

/// A block's lines and its type size (the median height of its lines).
pub type Block = (Vec<Line>, f64);

/// A paragraph of a page and its type size: a paragraph runs on into the
/// next column or page only in the same size (a heading does not run on
/// into the byline under it).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub text: String,
    pub size: f64,
}

/// A line that ends more than this short of its block's right edge, after
/// a sentence, is a paragraph's last line.
const SHORT_LINE: f64 = 0.15;

/// Each page's blocks in reading order.
fn pages_in_reading_order(pages: &[layout::Page]) -> Vec<Vec<Block>> {
    pages
        .iter()
        .map(|page| {
            let rects: Vec<layout::Rect> = page.blocks.iter().map(|b| b.rect).collect();
            layout::reading_order(&rects)
                .into_iter()
                .map(|i| {
                    let block = &page.blocks[i];
                    let width = (block.rect.x1 - block.rect.x0).max(1.0);
                    let lines = block
                        .lines
                        .iter()
                        .zip(&block.line_boxes)
                        .map(|(l, b)| {
                            let text = typography(l);
                            let short = block.rect.x1 - b.x1 > width * SHORT_LINE;
                            Line {
                                ends_paragraph: short && ends_sentence(&text),
                                text,
                            }
                        })
                        .collect();
                    let mut heights: Vec<f64> =
                        block.line_boxes.iter().map(|b| b.y1 - b.y0).collect();
                    heights.sort_by(f64::total_cmp);
                    (
                        lines,
                        heights.get(heights.len() / 2).copied().unwrap_or(0.0),
                    )
                })
                .collect()
        })
        .collect()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
        .ends_with(['.', '!', '?', ':'])
}

/// The cleaned pieces of `pages` (see [`Pages`]).
pub fn pages_of(pages: &[Vec<Block>]) -> Vec<String> {
    let hyphens = Hyphens::of(
        pages
            .iter()
            .flatten()
            .flat_map(|b| &b.0)
            .map(|l| l.text.as_str()),
    );
    let units: Vec<Vec<Unit>> = pages
        .iter()
        .map(|blocks| {
            blocks
                .iter()
                .flat_map(|(lines, size)| {
                    hyphens
                        .join_lines(lines)
                        .split("\n\n")
                        .map(|text| Unit {
                            text: text.to_string(),
                            size: *size,
                        })
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect();
    join_pages_kept(&clean(&units, &hyphens), &hyphens)
}

/// Runs `pdftotext -bbox-layout -enc UTF-8 - -` on `bytes`: the PDF on its
/// standard input, the layout on its output (at most `MAX_LAYOUT_BYTES`),
/// for at most `TIMEOUT`.
fn run(program: &std::ffi::OsStr, bytes: &[u8], path: &Path) -> Result<String, LoadError> {
    let failed = |why: String| LoadError::Pdf {
        path: path.to_owned(),
        why,
    };
    let mut child = Command::new(program)
        .args(["-bbox-layout", "-enc", "UTF-8", "-", "-"])
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
                let _ = o.take(MAX_LAYOUT_BYTES + 1).read_to_end(&mut buf);
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
    if out.len() as u64 > MAX_LAYOUT_BYTES {
        return Err(failed(format!(
            "its text is over the limit (about {} MiB of text)",
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

/// Paragraphs at the top and bottom of a page looked at for running
/// headers, footers and page numbers.
const EDGE_LINES: usize = 2;

/// Each page's paragraphs cleaned: running headers, footers and page
/// numbers removed, paragraphs cut by a column break joined.
pub fn clean(pages: &[Vec<Unit>], hyphens: &Hyphens) -> Vec<Vec<Unit>> {
    let mut pages: Vec<Vec<&Unit>> = pages
        .iter()
        .map(|p| p.iter().filter(|u| !u.text.trim().is_empty()).collect())
        .collect();
    while pages.last().is_some_and(Vec::is_empty) {
        pages.pop();
    }
    // A paragraph is running text (header, footer) when the same words,
    // digits aside, sit at the edge of at least half the pages (and two).
    let key = |l: &str| -> String {
        l.trim()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let edges = |n: usize| -> Vec<usize> {
        let mut e: Vec<usize> = (0..n.min(EDGE_LINES)).collect();
        e.extend(n.saturating_sub(EDGE_LINES)..n);
        e.dedup();
        e
    };
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in &pages {
        let keys: HashSet<String> = edges(page.len())
            .iter()
            .map(|&i| key(&page[i].text))
            .collect();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let repeated =
        |k: &str| pages.len() >= 2 && seen.get(k).is_some_and(|&n| n >= 2 && n * 2 >= pages.len());
    pages
        .iter()
        .map(|page| {
            // A running line goes once per page: the report's title under a
            // running header of the same words stays.
            let mut dropped: HashSet<String> = HashSet::new();
            let mut drop = vec![false; page.len()];
            for i in edges(page.len()) {
                let k = key(&page[i].text);
                if is_page_number(&page[i].text) || (repeated(&k) && dropped.insert(k)) {
                    drop[i] = true;
                }
            }
            let kept: Vec<Unit> = page
                .iter()
                .zip(&drop)
                .filter(|(_, d)| !**d)
                .map(|(u, _)| (*u).clone())
                .collect();
            join_breaks(kept, hyphens)
        })
        .collect()
}

/// The pages as pieces that concatenate to the whole text, one per page
/// (so each page's offset is known): a paragraph cut by the page break
/// runs on; otherwise a blank line separates the pages.
pub fn join_pages_kept(pages: &[Vec<Unit>], hyphens: &Hyphens) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(pages.len());
    let mut last_size: Option<f64> = None;
    for page in pages {
        let mut units = page.clone();
        let prev = out.iter_mut().rev().find(|p| !p.trim().is_empty());
        let sep = match (prev, last_size) {
            (Some(prev), Some(size)) if !units.is_empty() => {
                lift_float(prev, size, &mut units);
                if same_size(size, units[0].size) {
                    run_on(prev, &units[0].text, hyphens).unwrap_or("\n\n")
                } else {
                    "\n\n"
                }
            }
            _ => "",
        };
        if let Some(u) = units.last() {
            last_size = Some(u.size);
        }
        let body: Vec<&str> = units.iter().map(|u| u.text.trim()).collect();
        out.push(if body.is_empty() {
            String::new()
        } else {
            format!("{sep}{}", body.join("\n\n"))
        });
    }
    out
}

/// The pages joined into one text (see [`join_pages_kept`]).
pub fn join_pages(pages: &[Vec<Unit>], hyphens: &Hyphens) -> String {
    join_pages_kept(pages, hyphens).concat()
}

fn same_size(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.15 * a.max(b)
}

/// Words hyphenated across a line end, rejoined: the hyphen goes unless the
/// report writes the word with a hyphen elsewhere (and never without), the
/// head is already a compound ("obstruction-of-"), or the tail is not lower
/// case ("pan-" / "Islamic", "COVID-" / "19").
#[derive(Debug, Default)]
pub struct Hyphens {
    /// Words (lower case) the text writes whole with an inner hyphen.
    hyphenated: HashSet<String>,
    /// Words (lower case) the text writes whole.
    words: HashSet<String>,
}

impl Hyphens {
    /// Learns the words of `lines`, leaving out each line's last word (it
    /// may be half a word).
    pub fn of<'a>(lines: impl Iterator<Item = &'a str>) -> Hyphens {
        let mut h = Hyphens::default();
        for line in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            for w in words.iter().take(words.len().saturating_sub(1)) {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                if w.contains('-') {
                    h.hyphenated.insert(w);
                } else if !w.is_empty() {
                    h.words.insert(w);
                }
            }
        }
        h
    }

    /// Whether `head` (ending in a hyphen) and `tail` (the next line) are
    /// one word that keeps its hyphen.
    fn keeps_hyphen(&self, head: &str, tail: &str) -> bool {
        let head = head
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or(head)
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        let stem = &head[..head.len() - 1];
        if !tail.chars().next().is_some_and(char::is_lowercase)
            || stem.ends_with(|c: char| c.is_ascii_digit())
            || stem.contains(['-', '/'])
            || stem.contains("www.")
        {
            return true;
        }
        let rest: String = tail
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        let whole = format!("{stem}{rest}").to_lowercase();
        let with = format!("{stem}-{rest}").to_lowercase();
        self.hyphenated.contains(&with) && !self.words.contains(&whole)
    }

    /// The lines of a block as paragraphs, each on one line, separated by
    /// blank lines: a paragraph ends after a line marked so or before a
    /// list item; words hyphenated across line ends are rejoined.
    pub fn join_lines(&self, lines: &[Line]) -> String {
        let mut out = String::new();
        let mut open = false;
        for line in lines {
            let text = line.text.trim();
            if text.is_empty() {
                continue;
            }
            if !open || starts_list_item(text) {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
            } else if ends_hyphenated(&out) {
                if !self.keeps_hyphen(&out, text) {
                    out.pop();
                }
            } else if ends_in_broken_url(&out) {
            } else {
                out.push(' ');
            }
            out.push_str(text);
            open = !line.ends_paragraph;
        }
        out
    }
}

/// A bullet, dash or number and a space, as a list item starts.
fn starts_list_item(s: &str) -> bool {
    let marker = s.split(' ').next().unwrap_or("");
    matches!(marker, "•" | "◦" | "▪" | "‣" | "-" | "–" | "*")
        || marker
            .strip_suffix(['.', ')'])
            .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()))
}

/// Ends in a letter or digit and a hyphen: half a word.
fn ends_hyphenated(s: &str) -> bool {
    s.strip_suffix('-')
        .and_then(|h| h.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Ends in a web address broken after a slash: the next line goes on
/// with it, without a space.
fn ends_in_broken_url(s: &str) -> bool {
    let last = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    last.ends_with('/') && (last.contains("://") || last.starts_with("www."))
}

/// Ends where a sentence could not: a paragraph cut short.
fn ends_open(s: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '-' | '–'))
}

/// A paragraph of some length (not a heading) whose last word is in lower
/// case or followed by a comma ("… Khyber Pakhtunkhwa of" / "Pakistan,
/// …"): cut short, whatever the case of what follows.
fn cut_after_a_small_word(s: &str) -> bool {
    let mut words = s.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    words.count() >= 8 && (last.ends_with(',') || last.chars().all(|c| c.is_lowercase()))
}

fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A box, pull quote or caption that the layout put between a paragraph
/// cut short (`prev`, of type size `size`) and its continuation
/// (`units[1]`, in lower case, the same size) goes after the continuation.
fn lift_float(prev: &str, size: f64, units: &mut [Unit]) {
    if units.len() >= 2
        && ends_open(prev)
        && !ends_open(&units[0].text)
        && !starts_lower(&units[0].text)
        && starts_lower(&units[1].text)
        && same_size(size, units[1].size)
    {
        units.swap(0, 1);
    }
}

/// What goes between text `prev` and the paragraph `next` when a
/// paragraph was cut there (`prev` does not end a sentence, and `next`
/// goes on in lower case or `prev` stops after a small word or a comma): a space, or nothing when a word was hyphenated across
/// the cut (the hyphen is taken off `prev` unless the word keeps it).
/// `None` when `next` is a new paragraph.
fn run_on(prev: &mut String, next: &str, hyphens: &Hyphens) -> Option<&'static str> {
    let goes_on = starts_lower(next)
        || (cut_after_a_small_word(prev) && !starts_list_item(next.trim_start()));
    if !(ends_open(prev) && goes_on) {
        return None;
    }
    let trimmed = prev.trim_end().len();
    prev.truncate(trimmed);
    if ends_hyphenated(prev) {
        if !hyphens.keeps_hyphen(prev, next.trim_start()) {
            prev.pop();
        }
        Some("")
    } else {
        Some(" ")
    }
}

/// Rejoins paragraphs split by a column break inside a page.
fn join_breaks(mut units: Vec<Unit>, hyphens: &Hyphens) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for i in 0..units.len() {
        if let Some(last) = out.last_mut() {
            lift_float(&last.text, last.size, &mut units[i..]);
            let next = &units[i];
            if same_size(last.size, next.size)
                && let Some(sep) = run_on(&mut last.text, &next.text, hyphens)
            {
                last.text.push_str(sep);
                last.text.push_str(next.text.trim_start());
                continue;
            }
        }
        out.push(units[i].clone());
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

    /// Pages of paragraphs (split on blank lines), all of one size.
    fn pages(raw: &[&str]) -> Vec<Vec<Unit>> {
        raw.iter()
            .map(|p| {
                p.split("\n\n")
                    .map(|t| Unit {
                        text: t.to_string(),
                        size: 10.0,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn headers_footers_and_page_numbers_go_and_paragraphs_run_on() {
        let raw = pages(&[
            "Report title — Giustozzi\n\nReport title — Giustozzi\n\nThe first paragraph runs over the\n\n1",
            "Report title — Giustozzi\n\npage break and ends here.\n\nA second one is orga-\n\n2",
            "Report title — Giustozzi\n\nnised well. Done.\n\n3",
        ]);
        let h = Hyphens::default();
        let pages = clean(&raw, &h);
        assert_eq!(pages.len(), 3);
        let text = join_pages(&pages, &h);
        assert_eq!(
            text,
            "Report title — Giustozzi\n\n\
             The first paragraph runs over the page break and ends here.\n\n\
             A second one is organised well. Done."
        );
    }

    #[test]
    fn a_paragraph_cut_after_a_small_word_runs_on_into_a_capital() {
        let h = Hyphens::default();
        let page = pages(&[
            "It brands attacks outside the remit of the province of\n\nPakistan, China and Iran.\n\nA Heading In Title Case\n\nThe next paragraph.",
        ]);
        assert_eq!(
            join_pages(&clean(&page, &h), &h),
            "It brands attacks outside the remit of the province of Pakistan, China and Iran.\n\n\
             A Heading In Title Case\n\nThe next paragraph."
        );
    }

    #[test]
    fn a_heading_does_not_run_on_into_the_byline_under_it() {
        let h = Hyphens::default();
        let mut page = pages(&["A title in large type\n\nby A. Author, body type."]);
        page[0][0].size = 14.0;
        assert_eq!(
            join_pages(&clean(&page, &h), &h),
            "A title in large type\n\nby A. Author, body type."
        );
    }

    #[test]
    fn line_end_hyphens_go_unless_the_word_keeps_one() {
        let lines = [
            "It has long-term aims and a long-",
            "term plan, a pan-",
            "Islamic goal, an organi-",
            "zation of obstruction-of-",
            "justice cases; COVID-",
            "19 in 2020-",
            "2021, see https://example.org/",
            "path too.",
        ];
        let h = Hyphens::of(lines.iter().copied());
        assert!(h.keeps_hyphen("see https://example.org/the-", "april-plot"));
        let block: Vec<Line> = lines
            .iter()
            .map(|l| Line {
                text: l.to_string(),
                ends_paragraph: false,
            })
            .collect();
        assert_eq!(
            h.join_lines(&block),
            "It has long-term aims and a long-term plan, a pan-Islamic goal, an organization of \
             obstruction-of-justice cases; COVID-19 in 2020-2021, see https://example.org/path too."
        );
    }

    #[test]
    fn paragraphs_inside_a_block_end_at_short_lines_and_list_items() {
        let line = |text: &str, ends_paragraph| Line {
            text: text.into(),
            ends_paragraph,
        };
        let block = [
            line("The first paragraph runs over", false),
            line("two lines.", true),
            line("The second one has a list:", false),
            line("• one item", false),
            line("2. another", false),
        ];
        assert_eq!(
            Hyphens::default().join_lines(&block),
            "The first paragraph runs over two lines.\n\nThe second one has a list:\n\n• one item\n\n2. another"
        );
    }

    #[test]
    fn a_pull_quote_between_a_paragraph_and_its_continuation_moves_after_it() {
        let h = Hyphens::default();
        let one = pages(&["The group recruits in\n\n“A quoted box.”\n\nthe provinces. Next one."]);
        assert_eq!(
            join_pages(&clean(&one, &h), &h),
            "The group recruits in the provinces. Next one.\n\n“A quoted box.”"
        );
        let two = pages(&[
            "Its cells move fighters\n\n7",
            "“A quoted box.”\n\nacross borders.\n\n8",
        ]);
        assert_eq!(
            join_pages(&clean(&two, &h), &h),
            "Its cells move fighters across borders.\n\n“A quoted box.”"
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
