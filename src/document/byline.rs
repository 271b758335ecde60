//! Who wrote a report, as its byline says: "by Antonio Giustozzi",
//! "By Jane Doe and John Roe", "Author: A. Smith", "Authors: A, B and C".
//! Only the first few lines are looked at, and only a line that *starts*
//! with the byline word, so "killed by the US Delta Force" is never taken
//! for an author. Pure; no I/O.

/// Lines from the top of a report in which a byline is looked for.
const LINES_LOOKED_AT: usize = 8;
/// A byline longer than this is prose, not a byline.
const MAX_BYLINE_CHARS: usize = 120;
/// Words of one name at most ("Maria de la Cruz Fernández").
const MAX_NAME_WORDS: usize = 6;

/// The authors named by the report's byline, in the order given.
pub fn authors(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(LINES_LOOKED_AT)
        .find_map(byline_names)
        .unwrap_or_default()
}

/// The authors as one line: "Antonio Giustozzi", "Jane Doe and John Roe",
/// "A. Smith, B. Jones and C. Lee".
pub fn full(authors: &[String]) -> Option<String> {
    match authors {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

/// The short name a brief calls the report by: the surname of one author,
/// both surnames of two, the first surname and "et al." of more.
pub fn short(authors: &[String]) -> Option<String> {
    let surnames: Vec<&str> = authors.iter().map(|a| surname(a)).collect();
    match surnames.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        [a, b] => Some(format!("{a} and {b}")),
        [a, ..] => Some(format!("{a} et al.")),
    }
}

/// The names on `line` if it is a byline.
fn byline_names(line: &str) -> Option<Vec<String>> {
    if line.chars().count() > MAX_BYLINE_CHARS {
        return None;
    }
    let lower = line.to_lowercase();
    let rest = [
        "written by ",
        "by ",
        "authors: ",
        "author: ",
        "authors ",
        "author ",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| &line[p.len()..]))?;
    // "by Jane Doe, Senior Fellow" / "by Jane Doe | 3 May 2024": the names
    // end where a role, a date or a separator begins.
    let rest = rest
        .split(['|', '·', '—', '–', '(', '\u{2022}'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(['.', ',', ';', ':']);
    let mut names = Vec::new();
    for part in rest
        .split(',')
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
    {
        let part = part.trim().trim_end_matches('.');
        if part.is_empty() {
            continue;
        }
        if !is_name(part) {
            // A role after a comma ends the list ("Jane Doe, Senior
            // Fellow" is still Jane Doe); anything else is not a byline.
            if names.is_empty() {
                return None;
            }
            break;
        }
        names.push(part.to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// Whether `s` reads as a person's name: two to six words, each capitalised
/// or a lower-case particle ("de", "van", "al-"), with at least two
/// capitalised words, and no word that is a common role or title word.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() < 2 || words.len() > MAX_NAME_WORDS {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let particles = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || PARTICLES.contains(w)
            || w.starts_with("al-")
            || w.starts_with("el-")
    });
    // An initial ("A.") is never a role word, whatever its letter.
    let initial = |w: &str| w.chars().count() == 2 && w.ends_with('.');
    let roles = words.iter().any(|w| {
        !initial(w) && ROLE_WORDS.contains(&w.trim_end_matches(['.', ',']).to_lowercase().as_str())
    });
    capitalised >= 2 && particles && !roles
}

/// The surname of a full name: the last word that is not a suffix
/// ("Jr.", "III", "PhD"), with a particle kept ("van Dijk").
fn surname(name: &str) -> &str {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = words
        .iter()
        .rposition(|w| !SUFFIXES.contains(&w.trim_end_matches([',', '.'])))
    else {
        return name;
    };
    let first = if last > 0 && PARTICLES.contains(&words[last - 1]) {
        last - 1
    } else {
        last
    };
    // The surname as a slice of `name`, so particles keep their spacing.
    let start = name
        .match_indices(words[first])
        .map(|(i, _)| i)
        .last()
        .unwrap_or(0);
    let end = name
        .match_indices(words[last])
        .map(|(i, w)| i + w.len())
        .last()
        .unwrap_or(name.len());
    name[start.min(end)..end].trim_end_matches([',', '.'])
}

const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "di", "da", "van", "von", "la", "le", "bin", "ibn", "al", "el",
];
const SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV", "PhD", "MD"];
/// Words that make a byline line prose or a role rather than a name.
const ROLE_WORDS: &[&str] = &[
    "the",
    "staff",
    "editor",
    "editors",
    "editorial",
    "team",
    "board",
    "fellow",
    "senior",
    "director",
    "researcher",
    "professor",
    "analyst",
    "correspondent",
    "reporter",
    "contributor",
    "guest",
    "our",
    "a",
    "an",
    "of",
    "in",
    "on",
    "with",
    "for",
    "news",
    "desk",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_line_names_the_author() {
        let text = "The Islamic State in Khorasan’s “expansion”\nby Antonio Giustozzi.\nBody.";
        let a = authors(text);
        assert_eq!(a, ["Antonio Giustozzi"]);
        assert_eq!(short(&a).as_deref(), Some("Giustozzi"));
        assert_eq!(full(&a).as_deref(), Some("Antonio Giustozzi"));
    }

    #[test]
    fn several_authors_roles_and_particles() {
        let a = authors("Title\n\nBy Jane Doe and Ludwig van Beethoven, Senior Fellows\n");
        assert_eq!(a, ["Jane Doe", "Ludwig van Beethoven"]);
        assert_eq!(short(&a).as_deref(), Some("Doe and van Beethoven"));
        let a = authors("Authors: A. Smith, B. Jones & C. Lee\n");
        assert_eq!(a, ["A. Smith", "B. Jones", "C. Lee"]);
        assert_eq!(short(&a).as_deref(), Some("Smith et al."));
        assert_eq!(full(&a).as_deref(), Some("A. Smith, B. Jones and C. Lee"));
        assert_eq!(
            short(&["Martin Luther King Jr.".into()]).as_deref(),
            Some("King")
        );
    }

    #[test]
    fn prose_and_roles_are_not_bylines() {
        for text in [
            "Title\nWhen Abu Bakr al-Baghdadi was killed by the US Delta Force in Syria.",
            "Title\nby the editorial board\n",
            "Title\nBy now it is clear that the group has grown.\n",
            "Title\nby Staff Reporter\n",
            "by ",
            "",
        ] {
            assert!(authors(text).is_empty(), "{text:?}: {:?}", authors(text));
        }
        // Only the first lines count.
        let late = format!("{}by Jane Doe\n", "line\n".repeat(20));
        assert!(authors(&late).is_empty());
    }
}
