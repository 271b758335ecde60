//! Keys are a pure front end: every key goes through the keymap, and every
//! hint, footer and message names the key the user bound, never a default.

mod harness;

use std::path::{Path, PathBuf};

use diptych::action::Action;
use diptych::keymap::{Keymap, Overrides, Table};
use harness::{Harness, event_of};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_key_code_is_matched_outside_the_keymap_and_the_event_translation() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let allowed = |p: &Path| {
        p.starts_with(src.join("keymap")) || p == src.join("shell").join("runtime.rs").as_path()
    };
    let mut offenders = Vec::new();
    for file in files.iter().filter(|p| !allowed(p)) {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests (at the end of a file, by convention) may build events.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            if line.contains("KeyCode") || line.contains("KeyModifiers") {
                offenders.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "keys must be resolved by src/keymap, not matched here:\n{}",
        offenders.join("\n")
    );
}

/// Every action of every table bound to an F-key chord nobody uses by
/// default, unique within each mode and its layers.
fn rebound() -> Keymap {
    let mods = [
        "",
        "ctrl-",
        "alt-",
        "ctrl-alt-",
        "shift-",
        "ctrl-shift-",
        "alt-shift-",
    ];
    // f1 is a default key (help); f2..f12 with modifiers are not.
    let chord = |n: usize| format!("{}f{}", mods[n / 11], n % 11 + 2);
    let mut overrides = Overrides::new();
    for &table in Table::ALL {
        // Layers take slots that no mode table reaches.
        let base = match table {
            Table::Line => 45,
            Table::Global => 70,
            _ => 0,
        };
        let entries = table
            .actions()
            .enumerate()
            .map(|(i, a)| (a.name().to_string(), vec![chord(base + i)]))
            .collect();
        overrides.insert(table.name().to_string(), entries);
    }
    let (map, errors) = Keymap::from_overrides(&overrides);
    assert!(errors.is_empty(), "{errors:?}");
    map
}

/// Presses the key `action` has in the mode the app is in.
fn act(h: &mut Harness, action: Action) {
    let table = h.app.key_table();
    let chord = *h
        .app
        .keymap
        .keys_for(table, action)
        .first()
        .unwrap_or_else(|| panic!("{} has no key in {}", action.name(), table.name()));
    h.tick();
    let effects = h.app.on_key(&event_of(chord));
    h.effects.extend(effects);
}

/// Words of `text` that are default keys of some action.
fn default_keys_in(text: &str) -> Vec<String> {
    let defaults = Keymap::default();
    let mut keys: Vec<String> = Vec::new();
    for &table in Table::ALL {
        for action in table.actions() {
            keys.extend(
                defaults
                    .keys_for(table, action)
                    .iter()
                    .map(|c| c.to_string()),
            );
        }
    }
    // Words that English uses cannot be told from keys (descriptions say
    // "scroll down"); tab, enter and esc are looked for.
    keys.retain(|k| {
        !matches!(
            k.as_str(),
            "a" | "i"
                | "I"
                | "down"
                | "up"
                | "left"
                | "right"
                | "home"
                | "end"
                | "space"
                | "delete"
                | "insert"
        )
    });
    // A check box is not a key.
    let text = text.replace("[ ]", "").replace("[x]", "");
    let mut found = Vec::new();
    for word in text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':' | '·' | '—'))
    {
        let parts: Vec<&str> = if word.len() > 1 && word.contains('/') {
            word.split('/').collect()
        } else {
            vec![word]
        };
        for part in parts {
            if keys.iter().any(|k| k == part) && !found.contains(&part.to_string()) {
                found.push(part.to_string());
            }
        }
    }
    found
}

/// The parts of the screen that are ours (status line, popup borders and
/// contents), not the reports' text.
fn chrome(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let last = i + 1 == lines.len() || lines[i + 1..].iter().all(|l| l.is_empty());
        if last {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let popup: Vec<usize> = line
            .char_indices()
            .filter(|(_, c)| matches!(c, '║' | '╔' | '╚' | '╗' | '╝'))
            .map(|(i, _)| i)
            .collect();
        if let (Some(&from), Some(&to)) = (popup.first(), popup.last()) {
            out.push_str(&line[from..to]);
            out.push('\n');
        }
    }
    out
}

#[test]
fn rebinding_every_action_is_shown_everywhere() {
    let mut h = Harness::seeds_with_keymap(rebound()).with_tags(diptych::app::TagAccess::Writable);
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut look = |h: &Harness, what: &str| {
        seen.push((what.to_string(), chrome(&h.screen())));
        seen.push((format!("{what} (status)"), h.status()));
    };
    look(&h, "after alignment");
    act(&mut h, Action::TagAgree);
    look(&h, "tagging without a pair");
    act(&mut h, Action::SearchNext);
    look(&h, "n before a search");
    act(&mut h, Action::Unlink);
    look(&h, "unlink without a pair");
    act(&mut h, Action::MarkLink);
    look(&h, "marked");
    act(&mut h, Action::ClearSearch);
    act(&mut h, Action::NextPair);
    look(&h, "next pair");
    act(&mut h, Action::Unlink);
    look(&h, "unlink an aligned pair");
    act(&mut h, Action::Help);
    look(&h, "help");
    act(&mut h, Action::FilterHelp);
    look(&h, "help filter");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::Cancel);
    act(&mut h, Action::Topics);
    look(&h, "topics");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::PickTheme);
    look(&h, "themes");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::PickLabel);
    look(&h, "labels");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::EditNote);
    look(&h, "note editor");
    act(&mut h, Action::DiscardNote);
    act(&mut h, Action::Search);
    look(&h, "search prompt");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::Export);
    look(&h, "export dialog");
    h.send(diptych::app::Msg::Exported(Err(
        diptych::app::ExportFailure::Exists("/tmp/x.md".into()),
    )));
    look(&h, "export overwrite question");
    act(&mut h, Action::Cancel);
    look(&h, "export not overwritten");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::TagContradict);
    act(&mut h, Action::TagSets);
    h.send(diptych::app::Msg::TagSets(Ok(vec![
        diptych::app::TagSetEntry {
            name: "test".into(),
            documents: None,
            tags: 1,
            problem: None,
            current: true,
            changed_on_disk: false,
        },
        diptych::app::TagSetEntry {
            name: "other".into(),
            documents: None,
            tags: 0,
            problem: None,
            current: false,
            changed_on_disk: false,
        },
    ])));
    look(&h, "tag set picker");
    act(&mut h, Action::SelectNext);
    act(&mut h, Action::Confirm);
    look(&h, "switching with unsaved changes");
    act(&mut h, Action::DeleteEntry);
    look(&h, "delete question");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::NewTagSet);
    look(&h, "tag set name");
    act(&mut h, Action::Cancel);
    act(&mut h, Action::Cancel);
    act(&mut h, Action::ReviewOrphans);
    look(&h, "no orphans");
    act(&mut h, Action::Quit);
    look(&h, "quit question");
    act(&mut h, Action::Cancel);
    h.send(diptych::app::Msg::Saved {
        generation: h.app.tagging.as_ref().unwrap().generation,
        result: Err("disk full".into()),
    });
    look(&h, "failed save");
    let mut problems = Vec::new();
    for (what, text) in &seen {
        let found = default_keys_in(text);
        if !found.is_empty() {
            problems.push(format!("{what}: names {found:?} in\n{text}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // And the rebound keys are what is shown.
    assert!(seen.iter().any(|(_, t)| t.contains("f2")));
}

#[test]
fn pastes_go_into_the_field_or_the_note_being_written() {
    use diptych::app::{Mode, Msg, TagAccess};
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("/");
    h.send(Msg::Paste("Tur\r\nkey\u{1b}[31m".into()));
    let Mode::SearchInput { query } = &h.app.mode else {
        panic!("{:?}", h.app.mode)
    };
    assert_eq!(query.text(), "Tur key[31m");
    h.press("<ctrl-u>Turkey<enter>");
    assert!(h.status().starts_with("match 1 of"), "{}", h.status());
    // In normal mode a paste does nothing.
    h.send(Msg::Paste("]]]".into()));
    assert_eq!(h.app.mode, Mode::Normal);
    // In the note editor it keeps its line breaks; ctrl-c keeps the note.
    h.press("]i");
    h.send(Msg::Paste("line one\nline two".into()));
    let effects = h.press("<ctrl-c>");
    let [diptych::action::Effect::Save { set, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(set.tags[0].note, "line one\nline two");
}

#[test]
fn readline_keys_edit_every_one_line_field() {
    use diptych::app::{Mode, TagAccess};
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    // The export path: cleared with ctrl-u, edited at the cursor.
    h.press("]e<ctrl-u>/tmp/out.md<ctrl-a><alt-f><alt-f><ctrl-w>brief<end>");
    let Mode::Export(dialog) = &h.app.mode else {
        panic!("{:?}", h.app.mode)
    };
    assert_eq!(dialog.path.text(), "/tmp/brief.md");
    h.press("<esc>t");
    h.press("turk<left><left><backspace>");
    let Mode::Topics { filter, .. } = &h.app.mode else {
        panic!()
    };
    assert_eq!(filter.text(), "trk");
    h.press("<esc>Tn");
    h.press("draft one<alt-b><ctrl-k>two");
    let Mode::TagSets(picker) = &h.app.mode else {
        panic!()
    };
    assert_eq!(picker.input.as_ref().unwrap().1.text(), "draft two");
}
