//! Aspects of claims can be extended from the user's topics.toml
//! (`[[aspect]]`): a new aspect becomes an aspect topic and a reason for
//! candidates; words for a built-in aspect add to it; mistakes are located.

use std::path::Path;

use diptych::align::{AliasTable, AlignOptions, TopicKind, align_with};
use diptych::document::{Document, Source};

fn doc(name: &'static str, text: &str) -> Document {
    Document::from_bytes(Source::Embedded(name), text.as_bytes()).unwrap()
}

fn pair() -> (Document, Document) {
    (
        doc(
            "l",
            "Pressure on the regime\n\nThe embargo on oil crippled the regime in 2023.\n\nIts allies stayed loyal.\n",
        ),
        doc(
            "r",
            "The regime under pressure\n\nWestern sanctions have not changed the regime.\n\nIts allies wavered.\n",
        ),
    )
}

fn aspect_topics(table: &AliasTable) -> Vec<(String, bool)> {
    let (l, r) = pair();
    let a = align_with(&l, &r, table, AlignOptions::default(), &mut |_| {});
    a.topics
        .iter()
        .filter(|t| t.kind == TopicKind::Aspect)
        .map(|t| (t.label.clone(), t.shared))
        .collect()
}

#[test]
fn a_user_aspect_becomes_a_shared_aspect_topic_and_a_reason() {
    let builtin = AliasTable::builtin();
    assert!(
        !aspect_topics(&builtin)
            .iter()
            .any(|(l, _)| l == "sanctions"),
        "no such aspect built in"
    );
    let toml = "[[aspect]]\nlabel = \"sanctions\"\nwords = [\"sanction\", \"embargo\"]\n";
    let table = AliasTable::builtin()
        .merge_user_toml(toml, Path::new("topics.toml"))
        .unwrap();
    assert_eq!(table.user_aspects().len(), 1);
    let topics = aspect_topics(&table);
    assert!(
        topics.contains(&("sanctions".to_string(), true)),
        "{topics:?}"
    );
    // The two sentences about sanctions name the aspect among their reasons.
    let (l, r) = pair();
    let a = align_with(&l, &r, &table, AlignOptions::default(), &mut |_| {});
    let embargo = a
        .sentences
        .left
        .iter()
        .position(|s| s.raw(&l.text).contains("embargo"))
        .unwrap();
    let reasons: Vec<&str> = a.candidates.left[embargo]
        .iter()
        .flat_map(|c| c.reasons.iter().map(|&i| a.reasons[i as usize].as_str()))
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("sanctions")),
        "{reasons:?}"
    );
}

#[test]
fn a_bad_aspect_is_located() {
    for (toml, what) in [
        (
            "[[aspect]]\nlabel = \"\"\nwords = [\"x\"]\n",
            "empty aspect label",
        ),
        ("[[aspect]]\nlabel = \"a\"\nwords = []\n", "has no words"),
        (
            "[[aspect]]\nlabel = \"a\"\nwords = [\"x\"]\ncolour = 1\n",
            "unknown field",
        ),
        (
            "[[aspect]]\nlabel = \"a\"\nwords = [\"x\"]\nup = \"x\"\n",
            "invalid type",
        ),
    ] {
        let err = AliasTable::builtin()
            .merge_user_toml(toml, Path::new("topics.toml"))
            .err()
            .unwrap_or_else(|| panic!("{toml:?} accepted"))
            .to_string();
        assert!(err.contains(what), "{err}");
        assert!(err.contains("topics.toml:"), "{err}");
    }
}

#[test]
fn user_directions_turn_into_a_contradiction_hint() {
    let toml = "[[aspect]]\nlabel = \"sanctions\"\nwords = [\"sanction\"]\nup = [\"tighten\"]\ndown = [\"lift\"]\n";
    let table = AliasTable::builtin()
        .merge_user_toml(toml, Path::new("topics.toml"))
        .unwrap();
    let l = doc(
        "l",
        "The EU tightened its sanctions on the regime in May.\n",
    );
    let r = doc("r", "The EU lifted its sanctions on the regime in May.\n");
    let a = align_with(&l, &r, &table, AlignOptions::default(), &mut |_| {});
    let hint = a.candidates.left[0]
        .first()
        .and_then(|c| c.hint.as_deref())
        .expect("a hint on the pair");
    assert_eq!(hint.kind.as_str(), "contradiction", "{}", hint.why);
    assert!(
        hint.why.contains("tightened") && hint.why.contains("lifted"),
        "{}",
        hint.why
    );
}
