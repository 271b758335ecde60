//! docs/CONFIG.md stays in step with the code: every slot with its exact
//! description, every config setting, every bundled theme.

use diptych::theme::{BUNDLED, Slot};

const DOC: &str = include_str!("../docs/CONFIG.md");

#[test]
fn slot_table_matches_the_slots_in_order() {
    let rows: Vec<&str> = DOC
        .lines()
        .skip_while(|l| *l != "## Slots")
        .filter(|l| l.starts_with("| `"))
        .collect();
    let expected: Vec<String> = Slot::ALL
        .iter()
        .map(|s| format!("| `{}` | {} |", s.name(), s.description()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn every_setting_and_bundled_theme_is_documented() {
    for key in [
        "theme",
        "autosave_delay_ms",
        "tagset_dir",
        "wrap_width_limit",
        "scroll_lock",
        "[keys]",
    ] {
        assert!(DOC.contains(&format!("| `{key}` |")), "{key} undocumented");
    }
    for (name, _) in BUNDLED {
        assert!(
            DOC.contains(&format!("| `{name}` |")),
            "theme {name} undocumented"
        );
    }
}
