//! The JSON contract of `diptych align --json` (issue 11, item 6), read
//! back from the binary's output: sentences with `pN.sK` ids and code-point
//! offsets, candidates per sentence with score, reasons and hint, pairs
//! carried by sentence ids; `--candidates N` and `--candidates 0`.

use std::collections::HashMap;
use std::process::Command;

use serde_json::Value;

fn align(args: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_diptych"))
        .arg("align")
        .args(args)
        .env("DIPTYCH_CONFIG_DIR", dir.path().join("config"))
        .env("DIPTYCH_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("diptych runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn is_sentence_id(id: &str) -> bool {
    let Some((p, s)) = id.split_once(".s") else {
        return false;
    };
    p.strip_prefix('p')
        .is_some_and(|n| n.parse::<usize>().is_ok())
        && s.parse::<usize>().is_ok()
}

#[test]
fn sentences_candidates_and_pairs_follow_the_contract() {
    let v = align(&["--json"]);
    let mut ids: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
    for side in ["left", "right"] {
        let passages: Vec<&str> = v[side]["passages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        let sentences = v["sentences"][side].as_array().expect("sentences");
        assert!(sentences.len() > passages.len() / 2);
        let mut last_end = 0;
        let map = ids.entry(side).or_default();
        for s in sentences {
            let id = s["id"].as_str().unwrap();
            let passage = s["passage"].as_str().unwrap();
            assert!(is_sentence_id(id), "{id}");
            assert!(id.starts_with(&format!("{passage}.")), "{id} in {passage}");
            assert!(passages.contains(&passage));
            let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert!(start < end && start >= last_end, "{id}: {start}..{end}");
            last_end = end;
            let text = s["text"].as_str().unwrap();
            assert!(!text.is_empty() && !text.contains('\n'));
            // Offsets are code points: the text is that many characters
            // once line breaks are joined.
            assert!(text.chars().count() as u64 <= end - start);
            map.insert(id, passage);
        }
    }
    let mut hints = 0;
    for (side, other) in [("left", "right"), ("right", "left")] {
        let lists = v["candidates"][side].as_object().expect("candidates");
        assert!(!lists.is_empty());
        for (id, list) in lists {
            assert!(ids[side].contains_key(id.as_str()), "{id}");
            let list = list.as_array().unwrap();
            assert!(!list.is_empty() && list.len() <= 10);
            let scores: Vec<f64> = list.iter().map(|c| c["score"].as_f64().unwrap()).collect();
            assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
            assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
            for c in list {
                let to = c["id"].as_str().unwrap();
                assert!(ids[other].contains_key(to), "{id} → {to}");
                assert!(
                    c["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(Value::is_string)
                );
                match &c["hint"] {
                    Value::Null => {}
                    h => {
                        hints += 1;
                        let kind = h["kind"].as_str().unwrap();
                        assert!(["contradiction", "agreement", "difference"].contains(&kind));
                        assert!(!h["why"].as_str().unwrap().is_empty());
                    }
                }
            }
        }
    }
    assert!(hints > 0, "some candidate has a hint");
    for p in v["pairs"].as_array().unwrap() {
        for (side, key) in [("left", "left_sentences"), ("right", "right_sentences")] {
            let list = p[key].as_array().unwrap();
            assert!(!list.is_empty());
            for s in list {
                assert_eq!(ids[side][s.as_str().unwrap()], p[side].as_str().unwrap());
            }
        }
    }
}

#[test]
fn candidates_flag_limits_or_omits() {
    let v = align(&["--json", "--candidates", "3"]);
    for side in ["left", "right"] {
        for list in v["candidates"][side].as_object().unwrap().values() {
            assert!(list.as_array().unwrap().len() <= 3);
        }
    }
    let v = align(&["--json", "--candidates", "0"]);
    assert!(v.get("sentences").is_none() && v.get("candidates").is_none());
    assert!(
        !v["pairs"].as_array().unwrap().is_empty(),
        "pairs still come"
    );
}

/// The thesis pair's reasons and hint read as an analyst would put them:
/// which two aspects are related, no family repeated after its aspect, and
/// the hint quoting the words that go opposite ways.
#[test]
fn the_thesis_pair_is_explained_in_words() {
    let v = align(&["--json"]);
    let thesis = |side: &str, needle: &str| -> String {
        v["sentences"][side]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["text"].as_str().unwrap().contains(needle))
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let l = thesis("left", "In conclusion, IS-K is not really");
    let r = thesis("right", "single most significant threat");
    let c = v["candidates"]["left"][l.as_str()]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == r.as_str())
        .expect("the thesis pair is a candidate");
    let reasons: Vec<&str> = c["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"related aspects: growth and decline / threat and capability"),
        "{reasons:?}"
    );
    assert_eq!(c["hint"]["kind"], "contradiction");
    assert_eq!(
        c["hint"]["why"],
        "opposite directions on IS-K, strength: “not … expanding” / “threat”"
    );
    // Nowhere is a family listed after one of its own aspects.
    for list in v["candidates"]["left"].as_object().unwrap().values() {
        for c in list.as_array().unwrap() {
            let rs: Vec<&str> = c["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            let growth = rs.contains(&"aspect: growth and decline")
                || rs.contains(&"aspect: threat and capability");
            assert!(
                !(growth && rs.contains(&"related aspects: strength")),
                "{rs:?}"
            );
        }
    }
}
