//! Rendering against ratatui's TestBackend at fixed sizes, on the fixture
//! alignment, and the promise that drawing never panics whatever the size
//! and state.

mod harness;

use diptych::app::Msg;
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use harness::{Harness, text_of};
use proptest::prelude::*;
use ratatui::style::Modifier;

#[test]
fn seeds_side_by_side() {
    let h = Harness::seeds_sized(100, 24);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn focus_is_shown_without_colour() {
    let mut h = Harness::seeds_sized(100, 24);
    let before = h.screen();
    assert!(before.starts_with("┏▶ The Islamic State"));
    h.press("<tab>");
    let after = h.screen();
    assert!(
        after
            .lines()
            .next()
            .unwrap()
            .contains("┏▶ IS-K – An Overlooked Threat?")
    );
    assert!(after.starts_with("┌  The Islamic State"));
}

#[test]
fn help_overlay_lists_every_action() {
    use diptych::keymap::Table;
    let mut h = Harness::seeds_sized(100, 30);
    h.press("?");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    // Scrolling the overlay reaches every action of the reader, the fields
    // and the note editor.
    let mut seen = screen;
    for _ in 0..200 {
        h.press("j");
        seen.push_str(&h.screen());
    }
    let shown = [
        Table::Normal,
        Table::Global,
        Table::Topics,
        Table::Line,
        Table::Note,
    ];
    for action in shown.iter().flat_map(|t| t.actions()) {
        assert!(seen.contains(action.description()), "{}", action.name());
    }
}

#[test]
fn search_highlights_matches_and_current_one() {
    let mut h = Harness::seeds_sized(100, 24);
    h.press("/turkey<enter>");
    let buffer = h.buffer();
    let screen = text_of(&buffer);
    insta::assert_snapshot!(screen);
    // At least one cell carries the search style (underlined) and the current
    // match is also reversed.
    let mut underlined = 0;
    let mut current = 0;
    for cell in buffer.content() {
        if cell.modifier.contains(Modifier::UNDERLINED) {
            underlined += 1;
            if cell.modifier.contains(Modifier::REVERSED) {
                current += 1;
            }
        }
    }
    assert!(underlined >= 6 && current == 6, "{underlined} {current}");
}

#[test]
fn too_small_shows_a_notice() {
    let h = Harness::seeds_sized(30, 6);
    let screen = h.screen();
    assert!(screen.contains("terminal too small"), "{screen}");
}

#[test]
fn hostile_text_is_drawn_defanged() {
    let left = Document::from_bytes(
        Source::Embedded("evil.txt"),
        b"Evil \x1b]0;title\x07\n\nBody \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07.\n",
    )
    .unwrap();
    let h = Harness::documents(left, Document::seed_right(), Keymap::default()).sized(80, 12);
    let buffer = h.buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{:?}",
            cell.symbol()
        );
    }
    assert!(text_of(&buffer).contains("Body ␛[31mred"));
}

/// Found in review: a file name's controls reached the pane footer raw (the
/// terminal was spared only because the buffer drops zero-width
/// characters; the footer's padding counted them).
#[test]
fn a_hostile_file_name_is_drawn_defanged() {
    let left = Document::from_bytes(
        Source::File("/tmp/evil\x1b]0;pwn\x07.txt".into()),
        b"Some text. Another sentence.\n",
    )
    .unwrap();
    assert_eq!(left.short_name(), "evil␛]0;pwn␇.txt");
    let h = Harness::documents(left, Document::seed_right(), Keymap::default()).sized(80, 12);
    let buffer = h.buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| !c.symbol().chars().any(|c| c.is_control()))
    );
    let screen = text_of(&buffer);
    assert!(screen.contains("L: evil␛]0;pwn␇.txt 100% ┛"), "{screen}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Drawing never panics at any size from 1x1 to 200x60, in any mode,
    /// after any scrolling.
    #[test]
    fn drawing_never_panics(
        width in 1u16..=200,
        height in 1u16..=60,
        keys in proptest::collection::vec(
            proptest::sample::select(vec!['j', 'k', 'G', 'g', '}', '{', '\t', '?', ' ', 'n', 'N']),
            0..12,
        ),
        second_width in 1u16..=200,
        second_height in 1u16..=60,
    ) {
        let mut h = Harness::seeds_sized(width, height);
        let keys: String = keys.into_iter().map(|k| if k == '\t' { "<tab>".to_string() } else { k.to_string() }).collect();
        h.press(&keys);
        h.buffer();
        h.send(Msg::Resize { width: second_width, height: second_height });
        h.buffer();
    }
}

#[test]
fn drawing_never_panics_on_every_small_size() {
    let mut h = Harness::seeds_sized(1, 1);
    for width in 1..=60 {
        for height in 1..=12 {
            h.send(Msg::Resize { width, height });
            h.buffer();
        }
    }
}

#[test]
fn mono_theme_draws_no_colour_and_marks_selection_by_modifiers() {
    use ratatui::style::Color;
    let mono = diptych::theme::ThemeSet::bundled().get("mono").unwrap();
    let mut h = Harness::seeds_sized(100, 24);
    h.press("/Turkey<enter>");
    let buffer = h.buffer_themed(&mono);
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
    let reversed: String = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(|c| c.symbol())
        .collect();
    assert!(reversed.contains("Turkey"), "{reversed}");
}

#[test]
fn current_pair_is_marked_in_both_gutters() {
    let mut h = Harness::seeds_sized(110, 24);
    h.press("]");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    // The mark is a shape (▶ and a bar), in both panes, on the same row.
    let row = screen.lines().find(|l| l.matches('▶').count() == 2);
    assert!(row.is_some(), "{screen}");
}

#[test]
fn topics_panel_lists_shared_first_with_counts() {
    let mut h = Harness::seeds_sized(110, 30);
    h.press("t");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("Turkey"));
    assert!(screen.contains("all topics"));
}

/// The text inside the help popup, borders and key column included, on
/// one line with white space collapsed.
fn help_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| {
            let from = l.find('║')?;
            let to = l.rfind('║')?;
            (to > from).then(|| &l[from + '║'.len_utf8()..to])
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn help_at_80x24_shows_quit_at_once() {
    let mut h = Harness::seeds_sized(80, 24);
    h.press("?");
    let screen = h.screen();
    assert!(
        screen.contains("q quit · ctrl-c quit from anywhere"),
        "{screen}"
    );
    assert!(screen.contains("esc close"), "{screen}");
}

#[test]
fn help_descriptions_wrap_at_80_columns_instead_of_being_cut() {
    use diptych::keymap::Table;
    // Tall enough for the whole help, the tag set picker's and review's
    // keys included.
    let mut h = Harness::seeds_sized(80, 260);
    h.press("?");
    let text = help_text(&h.screen());
    for table in [Table::Normal, Table::Global, Table::Line, Table::Note] {
        for action in table.actions() {
            assert!(
                text.contains(action.description()),
                "{} cut:\n{text}",
                action.name()
            );
        }
    }
    for (mark, meaning) in diptych::ui::help::LEGEND {
        assert!(text.contains(meaning), "{mark}: {meaning}");
    }
    assert!(text.contains("What the marks mean"));
    for (heading, ..) in diptych::ui::help::GROUPS {
        assert!(text.contains(heading), "{heading}");
    }
}

#[test]
fn slash_filters_the_help() {
    let mut h = Harness::seeds_sized(100, 30);
    h.press("?/contra");
    let screen = h.screen();
    assert!(screen.contains("filter: contra"), "{screen}");
    assert!(
        screen.contains("the reports contradict each other"),
        "{screen}"
    );
    assert!(!screen.contains("Scroll down one line"), "{screen}");
    // Enter keeps the filter and goes back to scrolling; esc clears it.
    h.press("<enter>");
    assert!(h.screen().contains("the reports contradict each other"));
    h.press("/<esc>");
    assert!(h.screen().contains("Scroll down one line"));
    h.press("<esc>");
    assert_eq!(h.app.mode, diptych::app::Mode::Normal);
}

#[test]
fn every_reader_action_is_in_exactly_one_help_group() {
    use diptych::keymap::Table;
    let grouped: Vec<_> = diptych::ui::help::GROUPS
        .iter()
        .flat_map(|(_, _, actions)| actions.iter().copied())
        .collect();
    for action in Table::Normal.actions().chain(Table::Global.actions()) {
        let n = grouped.iter().filter(|a| **a == action).count();
        assert_eq!(n, 1, "{} is in {n} groups", action.name());
    }
}

#[test]
fn markdown_tables_and_emphasis_are_drawn_not_typed() {
    let md = "# Africa Corps\n\nThe *Africa Corps* took over **most** of Wagner's \
              work, see [the annex](https://example.org/annex).\n\n\
              | Country | Strength |\n|---|---:|\n| Mali | 1,500 |\n| Libya | 800 |\n\n\
              A closing claim.\n";
    let left = Document::from_bytes(Source::File("brief.md".into()), md.as_bytes()).unwrap();
    let right = Document::from_bytes(Source::File("other.md".into()), md.as_bytes()).unwrap();
    let mut h = Harness::documents(left, right, Keymap::default()).sized(100, 16);
    let screen = h.screen();
    for raw in ["*Africa", "**most**", "](https", "|---", "| Mali |"] {
        assert!(!screen.contains(raw), "{raw:?} typed raw:\n{screen}");
    }
    insta::assert_snapshot!(screen);
    let buffer = h.buffer();
    let with = |m: Modifier| -> String {
        buffer
            .content()
            .iter()
            .filter(|c| c.modifier.contains(m))
            .map(|c| c.symbol())
            .collect()
    };
    assert!(
        with(Modifier::ITALIC).contains("Africa Corps"),
        "{}",
        with(Modifier::ITALIC)
    );
    assert!(with(Modifier::BOLD).contains("most"));
    assert!(with(Modifier::UNDERLINED).contains("the annex"));
    // The link's target is shown on request, in the details popup.
    let pane = &mut h.app.panes[diptych::side::Side::Left];
    pane.cursor = pane
        .sentences
        .iter()
        .position(|s| s.joined(&pane.doc.text).contains("annex"))
        .unwrap();
    let details = h.app.details_text().join("\n");
    assert!(
        details.contains("Link: the annex → https://example.org/annex"),
        "{details}"
    );
}

#[test]
fn candidate_panel_at_80x24_shows_the_whole_hint() {
    use diptych::app::Mode;
    let mut h = Harness::seeds_sized(80, 24);
    h.press("/not really<enter><enter>");
    let Mode::Candidates(list) = h.app.mode.clone() else {
        panic!("the candidate list opens")
    };
    // The candidate with the longest hint, selected.
    let candidates = h.app.cursor_candidates_of(&list).to_vec();
    let (rank, hint) = candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.hint.as_ref().map(|hint| (i, hint.why.clone())))
        .max_by_key(|(_, why)| why.len())
        .expect("a candidate with a hint");
    for _ in 0..rank {
        h.press("j");
    }
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    // The panel's rows, borders off, joined: the hint is there in full.
    let panel: Vec<String> = screen
        .lines()
        .skip_while(|l| !l.starts_with('╔'))
        .map(|l| l.trim_matches(|c| c == '║' || c == ' ').to_string())
        .collect();
    let joined = panel.join(" ");
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&joined).contains(&words(&hint)),
        "{hint:?} not whole in\n{screen}"
    );
    // And the list keeps a few rows.
    let rows = panel.iter().filter(|l| l.contains(" p")).count();
    assert!(rows >= 3, "{screen}");
    // The footer names every key of the panel's keymap table, as bound,
    // but the moves (j/k, as in every list).
    use diptych::action::Action;
    use diptych::keymap::Table;
    let footer = screen.lines().find(|l| l.starts_with('╚')).unwrap();
    let actions = Table::Candidates
        .actions()
        .filter(|a| ![Action::SelectNext, Action::SelectPrev].contains(a));
    for action in actions {
        let key = h.app.key_in(Table::Candidates, action);
        assert!(footer.contains(&format!("{key} ")), "{action:?}: {footer}");
    }
}

/// Found in review at 80x24: the picker's footer was cut at its start
/// ("nter open · …"), the open set's "(open)" fell off the end of its row
/// behind the documents' titles, and a set of one tag said "1 tags".
#[test]
fn the_tag_set_picker_fits_80_columns() {
    use diptych::app::{TagAccess, TagSetEntry};
    let mut h = Harness::seeds_sized(80, 24).with_tags(TagAccess::Writable);
    h.press("]a");
    h.press("T");
    let titles =
        "The Islamic State in Khorasan’s “expansion” towards Europe │ IS-K – An Overlooked Threat?";
    h.send(Msg::TagSets(Ok(vec![
        TagSetEntry {
            name: "test".into(),
            documents: Some(titles.into()),
            // Not saved yet: the file still has none.
            tags: 0,
            problem: None,
            current: true,
            changed_on_disk: false,
        },
        TagSetEntry {
            name: "giustozzi-iskp-expansion-towards-europe vs iskp-an-overlooked-threat".into(),
            documents: Some(titles.into()),
            tags: 3,
            problem: None,
            current: false,
            changed_on_disk: false,
        },
    ])));
    let screen = h.screen();
    let footer = screen
        .lines()
        .find(|l| l.contains("esc close"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(footer.contains("╚═"), "{footer}");
    assert!(footer.contains(" enter open · "), "{footer}");
    assert!(
        screen.contains("test  (open)  1 tag  The Islamic"),
        "{screen}"
    );
    assert!(screen.contains("3 tags"), "{screen}");
}
