//! A candidate's place reasons name what the two sentences name: the
//! country both name, not every region it lies in; and for a region the
//! two reach through different members, which member each names.

use diptych::align::{AliasTable, AlignOptions, align_with};
use diptych::document::{Document, Source};

fn doc(name: &'static str, text: &str) -> Document {
    Document::from_bytes(Source::Embedded(name), text.as_bytes()).unwrap()
}

/// The reasons of the best candidate of the left sentence containing
/// `needle`.
fn reasons(left: &str, right: &str, needle: &str) -> Vec<String> {
    let (l, r) = (doc("l", left), doc("r", right));
    let a = align_with(
        &l,
        &r,
        &AliasTable::builtin(),
        AlignOptions::default(),
        &mut |_| {},
    );
    let i = a
        .sentences
        .left
        .iter()
        .position(|s| s.raw(&l.text).contains(needle))
        .expect("sentence");
    let best = a.candidates.left[i].first().expect("a candidate");
    best.reasons
        .iter()
        .map(|&k| a.reasons[k as usize].clone())
        .collect()
}

#[test]
fn a_country_both_name_is_the_reason_not_its_regions() {
    let got = reasons(
        "Fighters left Syria for the camps in the spring.\n\nThe harvest was late.\n",
        "The camps in Syria received fighters in the spring.\n\nThe rains came early.\n",
        "Fighters",
    );
    assert!(got.iter().any(|r| r == "place: Syria"), "{got:?}");
    for region in ["Levant", "Middle East"] {
        assert!(!got.iter().any(|r| r.contains(region)), "{got:?}");
    }
}

#[test]
fn a_region_reached_through_different_members_names_them() {
    let got = reasons(
        "Police in Germany arrested two recruiters for the network.\n\nThe harvest was late.\n",
        "Police in Poland arrested two recruiters for the network.\n\nThe rains came early.\n",
        "Germany",
    );
    assert!(
        got.iter()
            .any(|r| r == "place: Germany / Poland (Central Europe)"),
        "{got:?}"
    );
    assert!(!got.iter().any(|r| r == "place: Central Europe"), "{got:?}");
}

#[test]
fn a_region_one_side_names_itself_is_set_against_the_member() {
    let got = reasons(
        "Recruiters in Central Europe target students online.\n\nThe harvest was late.\n",
        "Recruiters in Poland target students online.\n\nThe rains came early.\n",
        "Recruiters",
    );
    assert!(
        got.iter().any(|r| r == "place: Central Europe / Poland"),
        "{got:?}"
    );
}
