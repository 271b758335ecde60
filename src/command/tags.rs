//! `diptych tags list`: the tag sets on disk with their documents and
//! counts; `diptych tags compare`: how far two analysts' tag sets agree;
//! and reading the set `diptych --compare` shows beside the open one.
//! They only read: they create no directory, take no lock, write no file.
//! `diptych tags merge` writes its result.

use std::path::{Path, PathBuf};

use super::{Failure, emit, load_pair};
use crate::align::{Alignment, align};
use crate::app::Overlay;
use crate::cli::Cli;
use crate::config::{LoadedConfig, Paths};
use crate::document::Document;
use crate::tags::compare::{self, Input};
use crate::tags::model::DocumentMismatch;
use crate::tags::store::{Store, TagFile};
use crate::tags::{AnchorKind, AnchorState, TagSet, reanchor_and_move};

pub fn list(cli: &Cli, paths: &Paths) -> Result<u8, Failure> {
    let dir = tagset_dir(cli, paths)?;
    let summaries = Store::existing(&dir).list().map_err(Failure::other)?;
    if summaries.is_empty() {
        emit(&format!("no tag sets in {}\n", dir.display()))?;
    } else {
        emit(&crate::tags::view::list_table(&summaries))?;
    }
    Ok(0)
}

/// The tag set directory the config names (or the default one).
fn tagset_dir(cli: &Cli, paths: &Paths) -> Result<PathBuf, Failure> {
    let loaded = match cli.config.as_deref() {
        Some(path) => LoadedConfig::load_explicit(path).map_err(Failure::bad_input)?,
        None => LoadedConfig::load(&paths.config_file()),
    };
    Ok(loaded.config.tagset_dir_or_default(paths))
}

/// A tag set named on the command line: the file at `arg` if there is
/// one, else the tag set of that name in `dir`.
pub(crate) fn resolve(arg: &Path, dir: &Path) -> Result<PathBuf, Failure> {
    if std::fs::symlink_metadata(arg).is_ok() {
        return Ok(arg.to_path_buf());
    }
    let by_name = arg
        .to_str()
        .and_then(|name| Store::existing(dir).path_of(name).ok())
        .filter(|p| p.is_file());
    by_name.ok_or_else(|| {
        Failure::bad_input(format!(
            "{}: no such tag set file, and no tag set of that name in {} (`diptych tags list` lists them); check the path",
            arg.display(),
            dir.display()
        ))
    })
}

/// Reads the tag set file at `path`, which must exist and be valid.
pub(crate) fn read_set(path: &Path) -> Result<TagSet, Failure> {
    TagFile::read_existing(path).map_err(Failure::bad_input)
}

/// `diptych --compare SET`: another analyst's tag set (a file, or a name
/// in `dir`) for the reader to show beside `editing`, read only and
/// re-anchored against the reports; refused (exit 2, before the terminal
/// is touched) when it is missing, not a valid tag set, the set being
/// edited, or made for other reports.
pub(crate) fn overlay(
    arg: &Path,
    dir: &Path,
    editing: Option<&Path>,
    left: &Document,
    right: &Document,
) -> Result<Overlay, Failure> {
    let flag = |f: Failure| Failure {
        message: format!("--compare {}", f.message),
        ..f
    };
    let path = resolve(arg, dir).map_err(flag)?;
    if let Some(open) = editing.filter(|open| crate::atomic::same_file(&path, open)) {
        return Err(Failure::bad_input(format!(
            "--compare {}: that is the tag set being edited ({}); give another analyst's tag set",
            arg.display(),
            open.display()
        )));
    }
    let set = read_set(&path).map_err(flag)?;
    // Its name in the tag set directory, when it is one of the sets there.
    let store_name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|name| {
            Store::existing(dir)
                .path_of(name)
                .is_ok_and(|p| crate::atomic::same_file(&p, &path))
        })
        .map(str::to_string);
    let shown = arg.display().to_string();
    Overlay::prepare(shown.clone(), path, store_name, set, left, right).map_err(|m| {
        Failure::bad_input(format!(
            "--compare {}",
            not_these_reports(
                &shown,
                &m,
                "open diptych on the reports it was made for (LEFT RIGHT)"
            )
        ))
    })
}

/// A tag set re-anchored against the open reports, with each tag's state.
struct Reanchored {
    path: String,
    set: TagSet,
    states: Vec<[AnchorKind; 2]>,
}

impl Reanchored {
    /// The set as the comparison takes it. Each tag's topic is the one the
    /// exports file its pair under.
    fn input(&self, left: &Document, right: &Document, alignment: &Alignment) -> Input<'_> {
        let filed = crate::export::input::build(
            left,
            right,
            alignment,
            &self.set,
            &self.states,
            &crate::export::input::Context::default(),
        );
        Input {
            path: self.path.clone(),
            set: &self.set,
            orphaned: self
                .states
                .iter()
                .map(|s| s.contains(&AnchorKind::Orphaned))
                .collect(),
            topics: filed.entries.iter().map(|e| e.group).collect(),
        }
    }
}

fn reanchor(
    path: &Path,
    mut set: TagSet,
    left: &Document,
    right: &Document,
) -> Result<Reanchored, Failure> {
    let shown = path.display().to_string();
    match reanchor_and_move(&mut set, left, right) {
        Ok(r) => Ok(Reanchored {
            path: shown,
            states: r.states.iter().map(|s| s.map(AnchorState::kind)).collect(),
            set,
        }),
        Err(mismatch) => Err(Failure::bad_input(not_these_reports(
            &shown,
            &mismatch,
            "give the reports it was made for as LEFT RIGHT after the tag sets",
        ))),
    }
}

fn not_these_reports(path: &str, m: &DocumentMismatch, other_reports: &str) -> String {
    let advice = if m.swapped {
        "the reports are given in the other order: swap LEFT and RIGHT"
    } else {
        other_reports
    };
    format!(
        "{path}: tag set `{}` was made for the {} report {:?} ({}), not {:?} ({}); {advice}",
        m.tag_set,
        m.side.name(),
        m.expected.title,
        m.expected.path,
        m.found.title,
        m.found.path
    )
}

/// Refuses two tag sets made for different reports, before either is
/// checked against the reports given.
fn same_reports(a: (&Path, &TagSet), b: (&Path, &TagSet)) -> Result<(), Failure> {
    for side in 0..2 {
        let (x, y) = (&a.1.documents[side], &b.1.documents[side]);
        // The same path with different content is one report edited
        // between the two sets: re-anchoring deals with it.
        if x.hash != y.hash && x.path != y.path {
            return Err(Failure::bad_input(format!(
                "{} and {} judge different reports ({} report {:?} against {:?}): compare tag sets made on the same two reports",
                a.0.display(),
                b.0.display(),
                ["left", "right"][side],
                x.title,
                y.title
            )));
        }
    }
    Ok(())
}

pub fn compare(
    cli: &Cli,
    paths: &Paths,
    sets: [&Path; 2],
    files: &[PathBuf],
    json: bool,
) -> Result<u8, Failure> {
    let dir = tagset_dir(cli, paths)?;
    let [pa, pb] = [resolve(sets[0], &dir)?, resolve(sets[1], &dir)?];
    let (sa, sb) = (read_set(&pa)?, read_set(&pb)?);
    same_reports((&pa, &sa), (&pb, &sb))?;
    let mut warnings = Vec::new();
    let aliases = crate::shell::setup::load_aliases(paths, cli.topics.as_deref(), &mut warnings)
        .map_err(Failure::bad_input)?;
    for warning in &warnings {
        super::warn(&warning.to_string());
    }
    let (left, right) = load_pair(files)?;
    let a = reanchor(&pa, sa, &left, &right)?;
    let b = reanchor(&pb, sb, &left, &right)?;
    let alignment = align(&left, &right, &aliases);
    let (ia, ib) = (
        a.input(&left, &right, &alignment),
        b.input(&left, &right, &alignment),
    );
    let topics: Vec<String> = alignment.topics.iter().map(|t| t.label.clone()).collect();
    let report = compare::compare(&ia, &ib, &left, &right, &topics);
    if report.judged_by_both == 0 {
        return Err(Failure::bad_input(format!(
            "{} and {} judge no pair in common (A judges {}, B judges {}): agreement is measured on pairs both judged; judge some of the same pairs in both sets",
            a.path, b.path, report.sets[0].judgements, report.sets[1].judgements
        )));
    }
    emit(&if json {
        report.to_json()
    } else {
        report.to_text()
    })?;
    Ok(0)
}

/// Where `diptych tags merge` puts its result.
pub enum MergeOutput<'a> {
    /// `-o FILE`.
    File(&'a Path),
    /// `--git`: over OURS, with git's exit statuses.
    Git,
}

/// Exit status of the git driver when conflicts were recorded.
const GIT_CONFLICTS: u8 = 1;

/// `diptych tags merge BASE OURS THEIRS (-o OUT | --git)`.
pub fn merge(inputs: [&Path; 3], output: MergeOutput<'_>) -> Result<u8, Failure> {
    let git = matches!(output, MergeOutput::Git);
    let result = merge_files(inputs, &output);
    match result {
        Ok(conflicts) if git && conflicts > 0 => Ok(GIT_CONFLICTS),
        Ok(_) => Ok(0),
        // git reads any status above 1 as "the driver failed"; ours is
        // left as it was.
        Err(failure) if git => Err(Failure {
            status: super::EXIT_BAD_INPUT,
            ..failure
        }),
        Err(failure) => Err(failure),
    }
}

/// Merges the three files and writes the result; returns how many
/// conflicts were recorded.
fn merge_files(inputs: [&Path; 3], output: &MergeOutput<'_>) -> Result<usize, Failure> {
    let [base_path, ours_path, theirs_path] = inputs;
    let out_path = match output {
        MergeOutput::File(path) => *path,
        MergeOutput::Git => ours_path,
    };
    if let MergeOutput::File(out) = output
        && let Some(input) = inputs.iter().find(|p| crate::atomic::same_file(out, p))
    {
        return Err(Failure::bad_input(format!(
            "-o {}: that is the input {}; give another file (a merge never writes over its inputs)",
            out.display(),
            input.display()
        )));
    }
    // git passes an empty ancestor when both sides added the file.
    let empty = std::fs::metadata(base_path).is_ok_and(|m| m.is_file() && m.len() == 0);
    let base = if empty {
        None
    } else {
        Some(read_set(base_path)?)
    };
    let (ours, theirs) = (read_set(ours_path)?, read_set(theirs_path)?);
    let merged = crate::tags::merge::merge(base.as_ref(), &ours, &theirs).map_err(|e| {
        Failure::bad_input(format!(
            "cannot merge {} and {}: {e}",
            ours_path.display(),
            theirs_path.display()
        ))
    })?;
    let bytes = crate::tags::codec::to_json(&merged.set);
    crate::atomic::write(out_path, bytes.as_bytes(), crate::atomic::NewFile::Private)
        .map_err(Failure::other)?;
    super::note(&merge_summary(out_path, &merged));
    Ok(merged.conflicts.len())
}

/// One line on what a merge did, for standard error.
fn merge_summary(out: &Path, m: &crate::tags::merge::Merged) -> String {
    let n = m.set.tags.len();
    let mut parts = vec![format!(
        "merged into {}: {n} {}",
        out.display(),
        plural(n, "tag", "tags")
    )];
    if !m.conflicts.is_empty() {
        let ids: Vec<&str> = m.conflicts.iter().map(|id| id.0.as_str()).collect();
        parts.push(format!(
            "{} {} recorded (tags {}): both judgements are kept in the tag until one of you judges the pair again",
            m.conflicts.len(),
            plural(m.conflicts.len(), "conflict", "conflicts"),
            ids.join(", ")
        ));
    }
    if !m.kept_deleted.is_empty() {
        parts.push(format!(
            "{} deleted on one side but changed on the other, kept",
            m.kept_deleted.len()
        ));
    }
    if !m.removed.is_empty() {
        parts.push(format!("{} deleted", m.removed.len()));
    }
    if m.judged_twice > 0 {
        parts.push(format!(
            "{} {} judged by two tags (each side judged it anew): check them with `diptych export`",
            m.judged_twice,
            plural(m.judged_twice, "pair is", "pairs are")
        ));
    }
    parts.join("; ")
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
