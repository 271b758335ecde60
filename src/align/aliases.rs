//! Alias groups: the names of one thing (a country with its people, capital
//! and cities; a region with its member countries; an organisation with its
//! acronyms), built in from `data/aliases/`, merged with the user's
//! `topics.toml`, and extended at run time by acronyms the text defines.
//!
//! # The user file (`topics.toml`)
//!
//! ```toml
//! # Each [[topic]] is one group of names for one thing.
//! [[topic]]
//! label = "Wagner Group"                         # shown in the topics panel
//! terms = ["Wagner", "PMC Wagner", "Africa Corps"]
//! members = ["Mali", "Libya"]                    # optional: labels of other
//!                                                # groups whose passages count
//!                                                # under this topic too
//!
//! [[topic]]
//! label = "Turkey"                               # same label as a built-in
//! terms = ["Anatolia"]                           # group: the terms are added
//! ```
//!
//! A term is matched as whole words. A term written with a capital needs a
//! capital in the text ("Turkey" does not match "turkey"); a term in capitals
//! needs capitals ("US" does not match "us"). Plurals are not guessed: list
//! them ("Wagnerites"). A term that already belongs to another group moves to
//! the user's group: the user's file wins.
//!
//! About 600 lines of code plus tests: loading, merging and matching alias groups share
//! one table.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use super::fxhash::FastMap;
use super::tokens::{TokenKind, tokenize};

const GEOGRAPHY: &str = include_str!("../../data/aliases/geography.toml");
const ORGANISATIONS: &str = include_str!("../../data/aliases/organisations.toml");

/// Why a user alias file was not used. The built-in table stays usable.
#[derive(Debug, Error)]
pub enum AliasError {
    #[error(
        "{path}: cannot read: {source} (check the path and permissions; the built-in aliases are used meanwhile)"
    )]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}:{column}: {message} (fix the file, see the topics.toml format in the README; the built-in aliases are used meanwhile)"
    )]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

/// What kind of thing a group names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKind {
    Country,
    Region,
    Organisation,
    User,
    /// Created from an acronym definition found in the text.
    Defined,
}

#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub label: String,
    pub kind: GroupKind,
    /// Groups whose passages also count under this one (a region's
    /// countries).
    pub members: Vec<usize>,
}

/// How a word of a term constrains the case of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    Any,
    Capitalised,
    AllCaps,
}

#[derive(Debug, Clone)]
struct Form {
    words: Vec<String>,
    case: Vec<CaseRule>,
    group: usize,
}

/// A word of the text as the matcher sees it.
#[derive(Debug, Clone)]
pub(crate) struct Unit<'a> {
    pub key: Cow<'a, str>,
    pub text: &'a str,
    pub boundary_before: bool,
}

/// The alias groups and an index from first word to the terms starting with
/// it, longest first.
#[derive(Debug, Clone)]
pub struct AliasTable {
    /// Aspects from the user's topics.toml (`[[aspect]]`).
    user_aspects: Vec<AspectSpec>,
    groups: Vec<Group>,
    forms: Vec<Form>,
    by_first: FastMap<String, Vec<usize>>,
    /// Dedup key of every term, to find which group owns it.
    owner: FastMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeographyFile {
    countries: Vec<CountryEntry>,
    regions: Vec<RegionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    name: String,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    capital: Option<String>,
    #[serde(default)]
    cities: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionEntry {
    name: String,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationsFile {
    organisations: Vec<OrganisationEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationEntry {
    name: String,
    #[serde(default)]
    also: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFile {
    #[serde(default)]
    topic: Vec<UserTopic>,
    #[serde(default)]
    aspect: Vec<UserAspect>,
}

/// `[[aspect]]` in topics.toml: words that make a claim about one aspect
/// (a new one, or more words for a built-in one of the same label).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserAspect {
    label: Spanned<String>,
    #[serde(default)]
    family: Option<String>,
    words: Spanned<Vec<String>>,
    #[serde(default)]
    up: Vec<String>,
    #[serde(default)]
    down: Vec<String>,
}

/// An aspect the user added in topics.toml, for the aspect lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AspectSpec {
    pub label: String,
    pub family: Option<String>,
    pub words: Vec<String>,
    /// Words that say the aspect goes up ("surge") or down ("decline").
    pub up: Vec<String>,
    pub down: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserTopic {
    label: Spanned<String>,
    terms: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    members: Vec<Spanned<String>>,
}

impl AliasTable {
    /// The built-in world geography and organisation acronyms. Parsed on
    /// each call (a few milliseconds) rather than kept in a static: callers
    /// build it once, and a static would be one more copy in memory.
    pub fn builtin() -> Self {
        Self::from_data(GEOGRAPHY, ORGANISATIONS)
            .expect("embedded alias data is valid (checked by the aliases tests)")
    }

    /// The aspects the user added (`[[aspect]]` in topics.toml).
    pub fn user_aspects(&self) -> &[AspectSpec] {
        &self.user_aspects
    }

    /// Parses a user `topics.toml` and merges it over the built-ins.
    pub fn with_user_file(path: &Path) -> Result<Self, AliasError> {
        let text = std::fs::read_to_string(path).map_err(|source| AliasError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::builtin().merge_user_toml(&text, path)
    }

    /// Merges the text of a user file; `path` is only used in errors.
    pub fn merge_user_toml(mut self, text: &str, path: &Path) -> Result<Self, AliasError> {
        let invalid = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            AliasError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message,
            }
        };
        let file: UserFile =
            toml::from_str(text).map_err(|e| invalid(e.span(), e.message().trim().to_owned()))?;
        for aspect in file.aspect {
            let label = aspect.label.get_ref().trim();
            if label.is_empty() {
                return Err(invalid(
                    Some(aspect.label.span()),
                    "empty aspect label".into(),
                ));
            }
            let words: Vec<String> = aspect
                .words
                .get_ref()
                .iter()
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty() {
                return Err(invalid(
                    Some(aspect.words.span()),
                    format!("aspect \"{label}\" has no words"),
                ));
            }
            let clean = |v: &[String]| -> Vec<String> {
                v.iter()
                    .map(|w| w.trim().to_string())
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            self.user_aspects.push(AspectSpec {
                label: label.to_string(),
                family: aspect.family.clone(),
                up: clean(&aspect.up),
                down: clean(&aspect.down),
                words,
            });
        }
        for topic in file.topic {
            let label = topic.label.get_ref().trim();
            if label.is_empty() {
                return Err(invalid(
                    Some(topic.label.span()),
                    "empty topic label".into(),
                ));
            }
            if topic.terms.get_ref().is_empty() {
                return Err(invalid(
                    Some(topic.terms.span()),
                    format!("topic \"{label}\" has no terms"),
                ));
            }
            let group = match self.group_by_label(label) {
                Some(g) => g,
                None => self.push_group(label, GroupKind::User),
            };
            for term in topic.terms.get_ref() {
                self.add_form(group, term.get_ref(), true, true)
                    .map_err(|m| invalid(Some(term.span()), m))?;
            }
            for member in &topic.members {
                let m = self.group_by_label(member.get_ref()).ok_or_else(|| {
                    invalid(
                        Some(member.span()),
                        format!(
                            "member \"{}\" is not the label of any topic",
                            member.get_ref()
                        ),
                    )
                })?;
                if m != group && !self.groups[group].members.contains(&m) {
                    self.groups[group].members.push(m);
                }
            }
        }
        Ok(self)
    }

    fn from_data(geography: &str, organisations: &str) -> Result<Self, String> {
        let geo: GeographyFile =
            toml::from_str(geography).map_err(|e| format!("geography.toml: {e}"))?;
        let orgs: OrganisationsFile =
            toml::from_str(organisations).map_err(|e| format!("organisations.toml: {e}"))?;
        let mut t = AliasTable {
            user_aspects: Vec::new(),
            groups: Vec::new(),
            forms: Vec::new(),
            by_first: FastMap::default(),
            owner: FastMap::default(),
        };
        // Explicit terms first, generated plurals after, so that a plural
        // never takes a term another group names explicitly.
        let mut plurals = Vec::new();
        let mut errors = Vec::new();
        for c in &geo.countries {
            let g = t.push_group(&c.name, GroupKind::Country);
            let terms = std::iter::once(&c.name)
                .chain(&c.also)
                .chain(&c.people)
                .chain(&c.capital)
                .chain(&c.cities);
            for term in terms {
                if let Err(e) = t.add_form(g, term, false, false) {
                    errors.push(format!("{}: {e}", c.name));
                }
            }
            // Peoples have plurals ("Turks"); countries and cities do not
            // ("Lyons" is a surname, not two Lyons).
            plurals.extend(c.people.iter().map(|p| (g, p.clone())));
        }
        for r in &geo.regions {
            let g = t.push_group(&r.name, GroupKind::Region);
            for term in std::iter::once(&r.name).chain(&r.also) {
                if let Err(e) = t.add_form(g, term, false, false) {
                    errors.push(format!("{}: {e}", r.name));
                }
                plurals.push((g, term.clone()));
            }
            for m in &r.members {
                match t
                    .group_by_label(m)
                    .filter(|&mg| t.groups[mg].kind == GroupKind::Country)
                {
                    Some(mg) => t.groups[g].members.push(mg),
                    None => errors.push(format!("region {}: unknown country {m}", r.name)),
                }
            }
        }
        for o in &orgs.organisations {
            let g = t.push_group(&o.name, GroupKind::Organisation);
            for term in std::iter::once(&o.name).chain(&o.also) {
                if let Err(e) = t.add_form(g, term, false, false) {
                    errors.push(format!("{}: {e}", o.name));
                }
            }
        }
        t.add_branch_variants();
        for (g, term) in plurals {
            t.add_plural(g, &term);
        }
        if errors.is_empty() {
            Ok(t)
        } else {
            Err(errors.join("\n"))
        }
    }

    fn push_group(&mut self, label: &str, kind: GroupKind) -> usize {
        self.groups.push(Group {
            label: label.trim().to_owned(),
            kind,
            members: Vec::new(),
        });
        self.groups.len() - 1
    }

    fn group_by_label(&self, label: &str) -> Option<usize> {
        let label = label.trim();
        self.groups
            .iter()
            .position(|g| g.label.eq_ignore_ascii_case(label))
    }

    /// Adds `term` to `group`. A term another group owns is an error unless
    /// `steal` (the user's file wins over the built-ins).
    fn add_form(
        &mut self,
        group: usize,
        term: &str,
        steal: bool,
        allow_same: bool,
    ) -> Result<(), String> {
        let Some((words, case)) = parse_term(term) else {
            return Err(format!("term \"{term}\" has no letters or digits"));
        };
        let key = dedup_key(&words, &case);
        match self.owner.get(&key) {
            Some(&g) if g == group => {
                return if allow_same {
                    Ok(())
                } else {
                    Err(format!("term \"{term}\" is listed twice"))
                };
            }
            Some(&g) if !steal => {
                return Err(format!(
                    "term \"{term}\" already belongs to \"{}\"",
                    self.groups[g].label
                ));
            }
            Some(_) => self.remove_form(&key),
            None => {}
        }
        self.insert_form(key, Form { words, case, group });
        Ok(())
    }

    /// Adds the plural of a term's last word unless some group already owns
    /// that spelling ("Turk" gives "Turks", but never takes another name).
    fn add_plural(&mut self, group: usize, term: &str) {
        let Some((mut words, case)) = parse_term(term) else {
            return;
        };
        if case.last() == Some(&CaseRule::AllCaps) {
            return;
        }
        let Some(last) = words.last_mut() else {
            return;
        };
        let es = ["s", "x", "z", "sh", "ch"]
            .iter()
            .any(|e| last.ends_with(e));
        last.push_str(if es { "es" } else { "s" });
        let key = dedup_key(&words, &case);
        if !self.owner.contains_key(&key) {
            self.insert_form(key, Form { words, case, group });
        }
    }

    /// A branch's name is often its parent's plus a qualifier ("Islamic
    /// State" + "Khorasan Province"); any other name of the parent with the
    /// same qualifier names the branch too ("Daesh Khorasan Province",
    /// "ISIS West Africa Province"), unless some group owns that spelling.
    fn add_branch_variants(&mut self) {
        let is_org = |t: &Self, f: &Form| t.groups[f.group].kind == GroupKind::Organisation;
        // Organisation forms by first word.
        let mut by_first: FastMap<&str, Vec<usize>> = FastMap::default();
        for (i, f) in self.forms.iter().enumerate() {
            if is_org(self, f) {
                by_first.entry(f.words[0].as_str()).or_default().push(i);
            }
        }
        let mut forms_of: FastMap<usize, Vec<usize>> = FastMap::default();
        for (i, f) in self.forms.iter().enumerate() {
            if is_org(self, f) {
                forms_of.entry(f.group).or_default().push(i);
            }
        }
        let mut new: Vec<Form> = Vec::new();
        for branch in &self.forms {
            if !is_org(self, branch) {
                continue;
            }
            for &pi in by_first
                .get(branch.words[0].as_str())
                .map_or(&[][..], Vec::as_slice)
            {
                let parent = &self.forms[pi];
                let n = parent.words.len();
                if parent.group == branch.group
                    || branch.words.len() <= n
                    || branch.words[..n] != parent.words[..]
                    || branch.case[..n] != parent.case[..]
                {
                    continue;
                }
                for &oi in &forms_of[&parent.group] {
                    if oi == pi {
                        continue;
                    }
                    let other = &self.forms[oi];
                    let mut words = other.words.clone();
                    words.extend_from_slice(&branch.words[n..]);
                    let mut case = other.case.clone();
                    case.extend_from_slice(&branch.case[n..]);
                    new.push(Form {
                        words,
                        case,
                        group: branch.group,
                    });
                }
            }
        }
        for form in new {
            let key = dedup_key(&form.words, &form.case);
            if !self.owner.contains_key(&key) {
                self.insert_form(key, form);
            }
        }
    }

    fn insert_form(&mut self, key: String, form: Form) {
        let id = self.forms.len();
        self.owner.insert(key, form.group);
        let first = form.words[0].clone();
        self.forms.push(form);
        let list = self.by_first.entry(first).or_default();
        list.push(id);
        let forms = &self.forms;
        list.sort_by_key(|&f| (std::cmp::Reverse(forms[f].words.len()), f));
    }

    fn remove_form(&mut self, key: &str) {
        self.owner.remove(key);
        let forms = &self.forms;
        for list in self.by_first.values_mut() {
            list.retain(|&f| dedup_key(&forms[f].words, &forms[f].case) != key);
        }
    }

    /// Adds an acronym definition found in the text ("Federal Security
    /// Bureau (FSB)"). The long form joins the acronym's group; if neither is
    /// known they form a new group labelled by the acronym. Two names that
    /// already belong to different groups are left apart: the data knows
    /// better than one parenthesis.
    pub(crate) fn add_definition(&mut self, short: &str, long: &str) {
        let short_group = self.group_of(short);
        let long_group = self.group_of(long);
        match (short_group, long_group) {
            (Some(g), None) => {
                let _ = self.add_form(g, long, false, true);
            }
            (None, Some(g)) => {
                let _ = self.add_form(g, short, false, true);
            }
            (None, None) => {
                let g = self.push_group(short, GroupKind::Defined);
                let _ = self.add_form(g, short, false, true);
                let _ = self.add_form(g, long, false, true);
            }
            (Some(_), Some(_)) => {}
        }
    }

    /// The group that owns exactly this term as written, if any.
    pub(crate) fn group_of(&self, term: &str) -> Option<usize> {
        let (words, case) = parse_term(term)?;
        self.owner.get(&dedup_key(&words, &case)).copied()
    }

    /// The label of the group a name belongs to, matched as the engine
    /// matches text ("Turks" → "Turkey", "Tajiks" → "Tajikistan").
    pub fn label_of(&self, name: &str) -> Option<&str> {
        let tokens = tokenize(name);
        let units: Vec<Unit<'_>> = tokens
            .iter()
            .map(|t| Unit {
                key: t.key(),
                text: t.text,
                boundary_before: false,
            })
            .collect();
        match self.longest_match(&units) {
            Some((g, len)) if len == units.len() => Some(&self.groups[g].label),
            _ => None,
        }
    }

    /// Whether any term starts with this folded word (used to decide whether
    /// a hyphenated token is matched whole or by its parts).
    pub(crate) fn starts_term(&self, key: &str) -> bool {
        self.by_first.contains_key(key)
    }

    /// The longest term matching at the start of `units`: (group, units
    /// consumed). Terms never run across phrase punctuation.
    pub(crate) fn longest_match(&self, units: &[Unit<'_>]) -> Option<(usize, usize)> {
        let first = units.first()?;
        let candidates = self.by_first.get(first.key.as_ref())?;
        candidates.iter().find_map(|&f| {
            let form = &self.forms[f];
            let n = form.words.len();
            let window = units.get(..n)?;
            let ok = window.iter().enumerate().all(|(i, u)| {
                (i == 0 || !u.boundary_before)
                    && u.key == form.words[i]
                    && case_ok(form.case[i], u.text)
            });
            ok.then_some((form.group, n))
        })
    }

    pub(crate) fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Number of alias groups (countries, regions, organisations, user
    /// topics).
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

fn case_ok(rule: CaseRule, text: &str) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Capitalised => text.chars().next().is_some_and(char::is_uppercase),
        CaseRule::AllCaps => text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase),
    }
}

/// A term as folded words plus the case each word demands.
fn parse_term(term: &str) -> Option<(Vec<String>, Vec<CaseRule>)> {
    let tokens = tokenize(term);
    if tokens.is_empty() {
        return None;
    }
    let case = tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Acronym => CaseRule::AllCaps,
            _ if t.is_capitalised() => CaseRule::Capitalised,
            _ => CaseRule::Any,
        })
        .collect();
    Some((tokens.iter().map(|t| t.key().into_owned()).collect(), case))
}

/// Terms that match the same text are the same term: "US" and "U.S." share
/// a key, "US" and "us" do not.
fn dedup_key(words: &[String], case: &[CaseRule]) -> String {
    let parts: Vec<String> = words
        .iter()
        .zip(case)
        .map(|(w, c)| match c {
            CaseRule::AllCaps => w.to_uppercase(),
            _ => w.clone(),
        })
        .collect();
    parts.join(" ")
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> AliasTable {
        AliasTable::builtin()
    }

    #[test]
    fn builtin_data_parses() {
        let t = AliasTable::from_data(GEOGRAPHY, ORGANISATIONS);
        assert!(t.is_ok(), "{:?}", t.err());
    }

    #[test]
    fn covers_the_world() {
        let t = table();
        let countries = t
            .groups()
            .iter()
            .filter(|g| g.kind == GroupKind::Country)
            .count();
        assert!(countries >= 195, "only {countries} countries");
        let regions: Vec<_> = t
            .groups()
            .iter()
            .filter(|g| g.kind == GroupKind::Region)
            .collect();
        for name in [
            "Central Asia",
            "Caucasus",
            "Middle East",
            "Balkans",
            "Eastern Europe",
        ] {
            assert!(regions.iter().any(|g| g.label == name), "{name}");
        }
    }

    #[test]
    fn names_merge_with_their_country_or_region() {
        let cases = [
            ("Turkey", "Turkey"),
            ("Turkish", "Turkey"),
            ("Turks", "Turkey"),
            ("Ankara", "Turkey"),
            ("Istanbul", "Turkey"),
            ("Stambul", "Turkey"),
            ("Turkmen", "Turkmenistan"),
            ("Uzbeks", "Uzbekistan"),
            ("Tajiks", "Tajikistan"),
            ("Kyrgyz", "Kyrgyzstan"),
            ("Central Asians", "Central Asia"),
            ("Moscow", "Russia"),
            ("Russian", "Russia"),
            ("US", "United States"),
            ("U.S.", "United States"),
            ("Brazilian", "Brazil"),
            ("Nigerien", "Niger"),
            ("Nigerian", "Nigeria"),
            ("Da’esh", "Islamic State"),
            ("ISIS", "Islamic State"),
            ("ISKP", "IS-K"),
            ("Federal Security Service", "FSB"),
            ("Guinea-Bissau", "Guinea-Bissau"),
            ("South Sudan", "South Sudan"),
        ];
        let t = table();
        for (name, label) in cases {
            assert_eq!(t.label_of(name), Some(label), "{name}");
        }
    }

    #[test]
    fn a_branch_is_named_with_any_name_of_its_parent() {
        let t = table();
        for (name, label) in [
            ("Daesh Khorasan Province", "IS-K"),
            ("ISIS West Africa Province", "ISWAP"),
            ("al-Qaida in the Arabian Peninsula", "AQAP"),
            ("Daesh", "Islamic State"),
        ] {
            assert_eq!(t.label_of(name), Some(label), "{name}");
        }
    }

    #[test]
    fn no_false_merges() {
        let t = table();
        // A prefix is not an alias; case matters for names and acronyms.
        for name in [
            "Turkic",
            "Turkoman",
            "Turkmenistani",
            "Niger-Congo",
            "us",
            "turkey",
            "Tajik-Uzbek",
        ] {
            assert_ne!(t.label_of(name), Some("Turkey"), "{name}");
        }
        assert_ne!(t.label_of("Turkmen"), t.label_of("Turkish"));
        assert_ne!(t.label_of("Niger"), t.label_of("Nigeria"));
        assert_ne!(t.label_of("Iran"), t.label_of("Iraq"));
        assert_ne!(t.label_of("IS-K"), t.label_of("IS"));
        assert_eq!(t.label_of("us"), None);
        assert_eq!(t.label_of("Turkmenistani rugs"), None);
    }

    #[test]
    fn user_file_merges_and_steals() {
        let toml = r#"
[[topic]]
label = "Wagner Group"
terms = ["Wagner", "PMC Wagner", "Africa Corps"]
members = ["Mali"]

[[topic]]
label = "turkey"
terms = ["Anatolia"]

[[topic]]
label = "Sunni Islam"
terms = ["Sunni", "Ankara"]
"#;
        let t = table()
            .merge_user_toml(toml, Path::new("topics.toml"))
            .expect("valid file");
        assert_eq!(t.label_of("PMC Wagner"), Some("Wagner Group"));
        assert_eq!(t.label_of("Anatolia"), Some("Turkey"));
        assert_eq!(t.label_of("Ankara"), Some("Sunni Islam"));
        assert_eq!(t.label_of("Istanbul"), Some("Turkey"));
    }

    #[test]
    fn malformed_user_files_say_where() {
        let cases = [
            ("[[topic]]\nlabel = \"X\"\nterms = [\"a\",\n", 3),
            ("[[topic]]\nlabel = \"X\"\nterms = []\n", 3),
            ("[[topic]]\nlabel = \"X\"\nterms = [\"--\"]\n", 3),
            (
                "[[topic]]\nlabel = \"X\"\nterms = [\"a\"]\nmembers = [\"Atlantis\"]\n",
                4,
            ),
            ("[[topic]]\nlabel = \"X\"\nterm = [\"a\"]\n", 3),
            ("[[topic]]\nlabel = \" \"\nterms = [\"a\"]\n", 2),
        ];
        for (text, want_line) in cases {
            let err = table()
                .merge_user_toml(text, Path::new("/cfg/topics.toml"))
                .expect_err(text);
            match &err {
                AliasError::Invalid { line, column, .. } => {
                    assert_eq!(*line, want_line, "{text:?}: {err}");
                    assert!(*column >= 1);
                }
                AliasError::Read { .. } => panic!("unexpected {err}"),
            }
            let msg = err.to_string();
            assert!(msg.starts_with("/cfg/topics.toml:"), "{msg}");
            assert!(msg.contains("built-in aliases are used"), "{msg}");
        }
    }

    #[test]
    fn missing_user_file_is_a_read_error() {
        let err = AliasTable::with_user_file(Path::new("/nonexistent/topics.toml"));
        assert!(matches!(err, Err(AliasError::Read { .. })));
    }

    #[test]
    fn definitions_extend_groups() {
        let mut t = table();
        t.add_definition("FSB", "Federal Security Bureau");
        assert_eq!(t.label_of("Federal Security Bureau"), Some("FSB"));
        t.add_definition("IS-K", "Khorasan");
        assert_eq!(t.label_of("Khorasan"), Some("IS-K"));
        t.add_definition("XYZ", "Xylophone Yard Zone");
        assert_eq!(t.label_of("Xylophone Yard Zone"), Some("XYZ"));
        // Two known names in different groups are not merged.
        t.add_definition("US", "Turkey");
        assert_eq!(t.label_of("Turkey"), Some("Turkey"));
    }
}
