use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn overrides(table: &str, entries: &[(&str, &[&str])]) -> Overrides {
    let mut o = Overrides::new();
    o.insert(
        table.to_string(),
        entries
            .iter()
            .map(|(a, keys)| (a.to_string(), keys.iter().map(|k| k.to_string()).collect()))
            .collect(),
    );
    o
}

#[test]
fn defaults_have_no_conflicts_and_every_normal_action_has_a_key() {
    let (map, errors) = Keymap::from_overrides(&Overrides::new());
    assert!(errors.is_empty(), "{errors:?}");
    for &table in Table::ALL {
        for action in table.actions() {
            assert!(
                !map.keys_for(table, action).is_empty(),
                "{} has no key in {}",
                action.name(),
                table.name()
            );
        }
    }
}

#[test]
fn every_action_belongs_to_some_table() {
    for action in Action::ALL {
        assert!(
            Table::ALL.iter().any(|t| t.actions().any(|a| a == *action)),
            "{} is in no table",
            action.name()
        );
    }
    for &table in Table::ALL {
        assert_eq!(Table::from_name(table.name()), Some(table));
    }
}

#[test]
fn no_mode_is_named_like_a_normal_action() {
    // `[keys] search = "/"` and `[keys.search]` cannot both be written.
    for &table in Table::ALL {
        assert!(
            !Table::Normal
                .actions()
                .any(|a| Action::from_name(table.name()) == Some(a)),
            "{} is also an action",
            table.name()
        );
    }
}

#[test]
fn keys_resolve_per_mode() {
    let map = Keymap::default();
    let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(
        map.resolve(Table::Normal, &j),
        Some(Input::Action(Action::ScrollDown))
    );
    assert_eq!(map.resolve(Table::Search, &j), Some(Input::Text('j')));
    assert_eq!(
        map.resolve(Table::Themes, &j),
        Some(Input::Action(Action::SelectNext))
    );
    let ctrl_u = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(
        map.resolve(Table::Normal, &ctrl_u),
        Some(Input::Action(Action::HalfPageUp))
    );
    assert_eq!(
        map.resolve(Table::Export, &ctrl_u),
        Some(Input::Action(Action::ClearLine))
    );
    let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for &table in Table::ALL {
        assert_eq!(
            map.resolve(table, &ctrl_c),
            Some(Input::Action(Action::ForceQuit)),
            "{}",
            table.name()
        );
    }
    // A yes/no question: any other key is no.
    let z = key(KeyCode::Char('z'), KeyModifiers::NONE);
    assert_eq!(
        map.resolve(Table::Confirm, &z),
        Some(Input::Action(Action::Cancel))
    );
    assert_eq!(map.resolve(Table::Normal, &z), None);
    // AltGr types characters; plain alt does not.
    let at = key(
        KeyCode::Char('@'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    assert_eq!(map.resolve(Table::Note, &at), Some(Input::Text('@')));
    let alt_x = key(KeyCode::Char('x'), KeyModifiers::ALT);
    assert_eq!(map.resolve(Table::Note, &alt_x), None);
    let mut release = j;
    release.kind = KeyEventKind::Release;
    assert_eq!(map.resolve(Table::Normal, &release), None);
}

#[test]
fn plain_keys_section_overrides_normal_mode_and_reports_problems() {
    let mut o = BTreeMap::new();
    o.insert("scroll_down".to_string(), vec!["o".to_string()]);
    let (map, errs) = Keymap::with_overrides(&o);
    assert!(errs.is_empty());
    assert_eq!(
        map.action_for(Table::Normal, &Chord::plain('o')),
        Some(Action::ScrollDown)
    );
    assert_eq!(map.action_for(Table::Normal, &Chord::plain('j')), None);

    o.insert(
        "scroll_up".to_string(),
        vec!["o".to_string(), "ctrl-bogus".into()],
    );
    o.insert("fly".to_string(), vec!["z".to_string()]);
    let (map, errs) = Keymap::with_overrides(&o);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs.iter()
            .any(|e| matches!(e, KeymapError::Conflict { .. }))
    );
    assert!(
        errs.iter()
            .any(|e| matches!(e, KeymapError::UnknownAction { .. }))
    );
    assert!(
        errs.iter()
            .any(|e| matches!(e, KeymapError::BadChord { .. }))
    );
    // The reader still works with what was valid.
    assert!(map.action_for(Table::Normal, &Chord::plain('q')).is_some());
}

#[test]
fn force_quit_in_plain_keys_moves_the_global_binding() {
    let mut o = BTreeMap::new();
    o.insert("force_quit".to_string(), vec!["ctrl-q".to_string()]);
    let (map, errs) = Keymap::with_overrides(&o);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(
        map.keys_for(Table::Note, Action::ForceQuit),
        &[Chord::ctrl('q')]
    );
}

#[test]
fn mode_tables_are_overridden_and_checked() {
    let o = overrides(
        "theme_picker",
        &[("select_next", &["n"]), ("cancel", &["x"])],
    );
    let (map, errs) = Keymap::from_overrides(&o);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(map.describe_keys(Table::Themes, Action::SelectNext), "n");
    assert_eq!(
        map.resolve(Table::Themes, &key(KeyCode::Char('j'), KeyModifiers::NONE)),
        None
    );

    let (_, errs) = Keymap::from_overrides(&overrides("sarch", &[("confirm", &["x"])]));
    assert_eq!(errs.len(), 1);
    assert!(errs[0].to_string().contains("unknown mode"), "{}", errs[0]);

    let (_, errs) = Keymap::from_overrides(&overrides("search_prompt", &[("tag_agree", &["x"])]));
    assert_eq!(errs.len(), 1);
    let text = errs[0].to_string();
    assert!(
        text.starts_with("[keys.search_prompt] tag_agree: not an action of this mode"),
        "{text}"
    );
    assert!(text.contains("confirm, cancel"), "{text}");
}

#[test]
fn a_clash_between_a_mode_and_its_layers_is_a_conflict_of_that_mode() {
    let (map, errs) = Keymap::from_overrides(&overrides("line", &[("clear_line", &["esc"])]));
    let conflicts: Vec<String> = errs.iter().map(ToString::to_string).collect();
    // Once per mode that has a field.
    assert_eq!(conflicts.len(), 7, "{conflicts:?}");
    assert_eq!(
        conflicts[1],
        "[keys.search_prompt]: 'esc' is bound to both cancel and clear_line (from [keys.line]); remove one of them"
    );
    // The mode's own table wins.
    assert_eq!(
        map.resolve(Table::Search, &key(KeyCode::Esc, KeyModifiers::NONE)),
        Some(Input::Action(Action::Cancel))
    );
}

#[test]
fn unbinding_leaves_a_named_placeholder_for_messages() {
    let (map, errs) = Keymap::from_overrides(&overrides("normal", &[("next_pair", &[])]));
    assert!(errs.is_empty());
    assert_eq!(map.normal(Action::NextPair), "(unbound: next_pair)");
    assert_eq!(
        map.describe_keys(Table::Normal, Action::NextPair),
        "unbound"
    );
}

#[test]
fn default_config_tables_parse_back_to_the_defaults() {
    let text = default_config_tables();
    let uncommented: String = text
        .lines()
        .map(|l| {
            let l = l.strip_prefix("# ").unwrap_or(l);
            match l.split_once(" # ") {
                Some((binding, _)) if l.contains(" = [") => binding.to_string(),
                _ if l.starts_with('[') => l.to_string(),
                _ => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let value: toml::Table =
        toml::from_str(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
    let keys = value["keys"].as_table().unwrap();
    for &table in Table::ALL {
        let entries = if table == Table::Normal {
            keys
        } else {
            keys[table.name()].as_table().unwrap()
        };
        for (action, chords) in defaults::bindings(table) {
            let written: Vec<&str> = entries[action.name()]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(&written, chords, "{} {}", table.name(), action.name());
        }
    }
}

#[test]
fn fill_keys_names_live_keys() {
    let (map, _) = Keymap::from_overrides(&overrides("normal", &[("load_backup", &["B"])]));
    assert_eq!(
        map.fill_keys("{key:load_backup} loads, {key:tag_set_picker.save_tag_set_as} saves, {key:nope} stays, {key:"),
        "B loads, s saves, {key:nope} stays, {key:"
    );
}
