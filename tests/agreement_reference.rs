//! Our agreement figures against the reference implementations: the
//! `krippendorff` package (0.9.0) for Krippendorff's alpha and
//! scikit-learn's `cohen_kappa_score`, on random data with missing values.
//! Two layers: the pure functions on many random reliability matrices (2 to
//! 5 coders), and `diptych tags compare --json` on random pairs of real tag
//! set files. Figures must agree to 1e-9, and both must call the same cases
//! undefined. `.ci/run` installs the packages (the interpreter is
//! `AGREEMENT_PYTHON`, default `python3`); where they are missing the test
//! is skipped with a printed reason, except under `CI`, where it fails.

mod team_common;

use std::io::Write;
use std::process::{Command, Stdio};

use diptych::tags::agreement::{cohen_kappa, krippendorff_alpha_nominal};
use serde_json::{Value, json};
use team_common::*;

const TOLERANCE: f64 = 1e-9;

fn python() -> String {
    std::env::var("AGREEMENT_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Whether the reference packages can run here.
fn reference_available() -> bool {
    let ok = Command::new(python())
        .args(["-c", "import krippendorff, sklearn, numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let why = format!(
            "agreement reference check skipped: needs {} with krippendorff and scikit-learn (pip install krippendorff scikit-learn)",
            python()
        );
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("{why}");
    }
    ok
}

/// The reference figures for each case: `{"alpha", "kappa"}`, null where
/// undefined.
fn reference(cases: &[Value]) -> Vec<Value> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/agreement/reference.py");
    let mut child = Command::new(python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the reference script");
    let input = serde_json::to_vec(cases).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "reference script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("the script prints JSON")
}

/// Checks ours against the reference; returns the absolute difference
/// (0 when both are undefined).
fn check(what: &str, case: usize, ours: Option<f64>, theirs: &Value) -> f64 {
    match (ours, theirs.as_f64()) {
        (None, None) => 0.0,
        (Some(a), Some(b)) => {
            let diff = (a - b).abs();
            assert!(
                diff <= TOLERANCE,
                "case {case}: {what} ours {a}, reference {b}"
            );
            diff
        }
        (a, b) => panic!("case {case}: {what} ours {a:?}, reference {b:?}"),
    }
}

#[test]
fn alpha_and_kappa_equal_the_references_on_random_data() {
    if !reference_available() {
        return;
    }
    let mut rng = Rng::new(15);
    let mut cases = Vec::new();
    let mut ours = Vec::new();
    for _ in 0..400 {
        let coders = 2 + rng.below(4);
        let units = 1 + rng.below(40);
        let categories = 1 + rng.below(5);
        let missing = rng.below(70);
        let data: Vec<Vec<Option<u8>>> = (0..coders)
            .map(|_| {
                (0..units)
                    .map(|_| (rng.below(100) >= missing).then(|| rng.below(categories) as u8 + 1))
                    .collect()
            })
            .collect();
        let pairs: Vec<(u8, u8)> = (0..units)
            .filter_map(|u| Some((data[0][u]?, data[1][u]?)))
            .collect();
        ours.push((
            krippendorff_alpha_nominal(&data).ok(),
            cohen_kappa(&pairs).ok(),
        ));
        cases.push(json!({ "data": data, "pairs": pairs }));
    }
    let theirs = reference(&cases);
    let (mut max_diff, mut defined) = (0.0f64, [0usize; 2]);
    for (i, ((alpha, kappa), r)) in ours.iter().zip(&theirs).enumerate() {
        max_diff = max_diff.max(check("alpha", i, *alpha, &r["alpha"]));
        max_diff = max_diff.max(check("kappa", i, *kappa, &r["kappa"]));
        defined[0] += usize::from(alpha.is_some());
        defined[1] += usize::from(kappa.is_some());
    }
    // Random data this varied must exercise the defined cases mostly.
    assert!(defined[0] > 250 && defined[1] > 200, "{defined:?}");
    eprintln!(
        "{} random matrices: alpha defined in {}, kappa in {}; largest difference {max_diff:e}",
        cases.len(),
        defined[0],
        defined[1]
    );
}

/// Labels a random analyst uses: the four stances and a label of our own.
const LABELS: [&str; 5] = ["agree", "contradict", "partial", "unclear", "sourcing"];

#[test]
fn tags_compare_json_equals_the_references_on_random_tag_sets() {
    if !reference_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(2024);
    let mut cases = Vec::new();
    let mut reports = Vec::new();
    for round in 0..30 {
        // Distinct passage pairs (left 1..28, right 1..23), each judged by
        // A, B, both or (rarely) neither.
        let wanted = 2 + rng.below(30);
        let mut units: Vec<(usize, usize)> = Vec::new();
        while units.len() < wanted {
            let u = (1 + rng.below(27), 1 + rng.below(22));
            if !units.contains(&u) {
                units.push(u);
            }
        }
        let stances = 2 + rng.below(4);
        let mut sets = [seed_set("a"), seed_set("b")];
        for set in &mut sets {
            set.labels.push(diptych::tags::Label {
                id: "sourcing".into(),
                name: "Sourcing dispute".into(),
                glyph: "§".into(),
            });
        }
        let mut rows: [Vec<Option<usize>>; 2] = [Vec::new(), Vec::new()];
        for (k, &(l, r)) in units.iter().enumerate() {
            for (who, set) in sets.iter_mut().enumerate() {
                let value = (rng.below(100) < 75).then(|| rng.below(stances));
                rows[who].push(value);
                if let Some(v) = value {
                    set.tags.push(passage_tag(
                        &format!("{who}-{k}"),
                        l,
                        r,
                        Some(LABELS[v]),
                        "",
                    ));
                }
            }
        }
        // Order is not what matches judgements: B lists them backwards.
        sets[1].tags.reverse();
        let paths = [
            dir.path().join(format!("a{round}.json")),
            dir.path().join(format!("b{round}.json")),
        ];
        for (path, set) in paths.iter().zip(&sets) {
            write_set(path, set);
        }
        let out = diptych(
            dir.path(),
            &[
                "tags",
                "compare",
                paths[0].to_str().unwrap(),
                paths[1].to_str().unwrap(),
                "--json",
            ],
        );
        let pairs: Vec<(usize, usize)> = (0..units.len())
            .filter_map(|u| Some((rows[0][u]?, rows[1][u]?)))
            .collect();
        if pairs.is_empty() {
            assert_eq!(out.status.code(), Some(2), "no common pairs is refused");
            continue;
        }
        assert!(out.status.success(), "{}", text(&out.stderr));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["judged_by_both"], pairs.len());
        let judged = |who: usize| rows[who].iter().flatten().count();
        assert_eq!(report["judged_by_a_only"], judged(0) - pairs.len());
        assert_eq!(report["judged_by_b_only"], judged(1) - pairs.len());
        let agreed = pairs.iter().filter(|(a, b)| a == b).count();
        assert_eq!(report["agreed"], agreed);
        cases.push(json!({ "data": rows, "pairs": pairs }));
        reports.push(report);
    }
    let theirs = reference(&cases);
    let mut max_diff = 0.0f64;
    for (i, (report, r)) in reports.iter().zip(&theirs).enumerate() {
        max_diff = max_diff.max(check(
            "alpha",
            i,
            report["krippendorff_alpha"].as_f64(),
            &r["alpha"],
        ));
        max_diff = max_diff.max(check(
            "kappa",
            i,
            report["cohen_kappa"].as_f64(),
            &r["kappa"],
        ));
        for figure in ["krippendorff_alpha", "cohen_kappa"] {
            assert!(
                !report[figure].is_null() || report[format!("{figure}_undefined")].is_string(),
                "case {i}: a null {figure} says why"
            );
        }
    }
    assert!(reports.len() >= 25, "most rounds have common pairs");
    eprintln!(
        "{} random tag set pairs through `tags compare --json`: largest difference {max_diff:e}",
        reports.len()
    );
}
