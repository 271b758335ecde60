//! The shared test harness: a reader on two documents with a fixed
//! alignment (a fixture, not the live aligner, so tuning the aligner never
//! churns UI tests), keys pressed as strings (`"]a"`, `"<ctrl-s>"`), and
//! the screen, status line and effects read back. No terminal, no disk.
//!
//! Key strings: each character is a key; `<chord>` is any chord the keymap
//! accepts (`<esc>`, `<enter>`, `<tab>`, `<shift-tab>`, `<ctrl-s>`,
//! `<alt-b>`, `<backspace>`, `<left>`); `<lt>` is `<`.

#![allow(dead_code)]

use std::path::PathBuf;

use diptych::action::Effect;
use diptych::align::Alignment;
use diptych::app::{App, Clock, Msg, OpenedSet, TagAccess};
use diptych::document::Document;
use diptych::keymap::{Chord, KeyCodeKey, Keymap};
use diptych::tags::{DocumentRef, TagSet};
use diptych::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The alignment of the two seed reports, as the aligner once produced it.
const SEEDS_ALIGNMENT: &str = include_str!("../fixtures/seeds-alignment.json");

pub struct Harness {
    pub app: App,
    /// Every effect returned since the harness was made.
    pub effects: Vec<Effect>,
    ms: u64,
    ids: u64,
}

impl Harness {
    /// The seed reports at 120x30, aligned with the fixture.
    pub fn seeds() -> Harness {
        Harness::seeds_sized(120, 30)
    }

    pub fn seeds_sized(width: u16, height: u16) -> Harness {
        Harness::unaligned(width, height, Keymap::default()).aligned()
    }

    /// The seed reports with `keymap`, aligned with the fixture.
    pub fn seeds_with_keymap(keymap: Keymap) -> Harness {
        Harness::unaligned(120, 30, keymap).aligned()
    }

    /// The seed reports before the alignment arrives.
    pub fn unaligned(width: u16, height: u16, keymap: Keymap) -> Harness {
        Harness::documents(Document::seed_left(), Document::seed_right(), keymap)
            .sized(width, height)
    }

    /// Any two documents, not yet aligned or sized.
    pub fn documents(left: Document, right: Document, keymap: Keymap) -> Harness {
        let mut app = App::new(left, right, keymap);
        let effects = app.start();
        assert_eq!(effects, vec![Effect::StartAlignment]);
        let mut h = Harness {
            app,
            effects: Vec::new(),
            ms: 0,
            ids: 0,
        };
        h.tick();
        h
    }

    pub fn sized(mut self, width: u16, height: u16) -> Harness {
        self.app.update(Msg::Resize { width, height });
        self
    }

    /// Delivers the seeds' fixture alignment, as the worker would.
    pub fn aligned(self) -> Harness {
        let alignment = seeds_alignment(&self.app);
        self.with_alignment(alignment)
    }

    /// Delivers the live aligner's result (for documents with no fixture).
    pub fn live_aligned(self) -> Harness {
        let alignment = diptych::align::align(
            &self.app.panes[0].doc,
            &self.app.panes[1].doc,
            &diptych::align::AliasTable::builtin(),
        );
        self.with_alignment(alignment)
    }

    pub fn with_alignment(mut self, alignment: Alignment) -> Harness {
        self.app.update(Msg::Aligned(Box::new(alignment)));
        self
    }

    /// Opens an empty tag set with `access`, saved to a made-up path.
    pub fn with_tags(mut self, access: TagAccess) -> Harness {
        let set = TagSet::new(
            "test",
            DocumentRef::of(&self.app.panes[0].doc),
            DocumentRef::of(&self.app.panes[1].doc),
        );
        self.app.open_tags(
            OpenedSet {
                set,
                states: Vec::new(),
                path: PathBuf::from("/tmp/test.json"),
                access,
                notice: None,
                changed: false,
            },
            1000,
        );
        self
    }

    /// Records `name` as the analyst making the judgements from now on.
    pub fn with_analyst(mut self, name: &str) -> Harness {
        self.app.analyst = Some(name.to_string());
        if let Some(t) = &mut self.app.tagging {
            t.history.set_analyst(Some(name.to_string()));
        }
        self
    }

    /// `set` as another analyst's tag set to compare with, read from
    /// `/tmp/tagsets/NAME.json` (`name` in the tag set directory).
    pub fn overlay_of(&self, name: &str, set: TagSet) -> diptych::app::Overlay {
        diptych::app::Overlay::prepare(
            format!("{name}.json"),
            PathBuf::from(format!("/tmp/tagsets/{name}.json")),
            Some(name.to_string()),
            set,
            &self.app.panes[0].doc,
            &self.app.panes[1].doc,
        )
        .expect("a set made on the seeds")
    }

    /// Advances the clock by 1 ms and sends it with a fresh id, as the
    /// runtime does before every event; returns the effects (autosave).
    pub fn tick(&mut self) -> Vec<Effect> {
        self.ms += 1;
        self.tick_at(self.ms)
    }

    /// Sends the clock at `ms`.
    pub fn tick_at(&mut self, ms: u64) -> Vec<Effect> {
        self.ms = self.ms.max(ms);
        self.ids += 1;
        let effects = self.app.update(Msg::Tick(Clock {
            ms,
            rfc3339: "2026-11-23T10:00:00Z".into(),
            fresh_id: format!("id-{}", self.ids),
        }));
        self.effects.extend(effects.clone());
        effects
    }

    /// Presses the keys of `keys` (see the module doc), each resolved
    /// through the app's keymap; returns the effects they caused.
    pub fn press(&mut self, keys: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        for key in parse_keys(keys) {
            effects.extend(self.tick());
            effects.extend(self.app.on_key(&key));
        }
        self.effects.extend(effects.clone());
        effects
    }

    /// Sends a message (a paste, a save result…).
    pub fn send(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.app.update(msg);
        self.effects.extend(effects.clone());
        effects
    }

    pub fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The screen at the app's size, drawn with the default theme.
    pub fn buffer(&self) -> Buffer {
        self.buffer_themed(&Theme::default())
    }

    pub fn buffer_themed(&self, theme: &Theme) -> Buffer {
        let (width, height) = self.app.size;
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| diptych::ui::draw(f, &self.app, theme))
            .unwrap();
        terminal.backend().buffer().clone()
    }

    /// The screen as text, trailing spaces trimmed.
    pub fn screen(&self) -> String {
        text_of(&self.buffer())
    }

    /// Pairs by stance: (agree, contradict, partial, unclear, untagged).
    pub fn counts(&self) -> (usize, usize, usize, usize, usize) {
        let c = self.app.tag_counts().unwrap();
        (c.agree, c.contradict, c.partial, c.unclear, c.untagged)
    }
}

pub fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            row.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

/// The key events of a key string.
pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            let chord = if name == "lt" {
                Chord::plain('<')
            } else {
                Chord::parse(name).unwrap_or_else(|e| panic!("bad key <{name}>: {e}"))
            };
            out.push(event_of(chord));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(event_of(Chord::plain(c)));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The event a terminal sends for `chord`.
pub fn event_of(chord: Chord) -> KeyEvent {
    let mut mods = KeyModifiers::NONE;
    if chord.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if chord.alt {
        mods |= KeyModifiers::ALT;
    }
    if chord.shift {
        mods |= KeyModifiers::SHIFT;
    }
    let code = match chord.code {
        KeyCodeKey::Char(c) => {
            if c.is_uppercase() {
                mods |= KeyModifiers::SHIFT;
            }
            KeyCode::Char(c)
        }
        KeyCodeKey::F(n) => KeyCode::F(n),
        KeyCodeKey::Enter => KeyCode::Enter,
        KeyCodeKey::Esc => KeyCode::Esc,
        KeyCodeKey::Tab if chord.shift => KeyCode::BackTab,
        KeyCodeKey::Tab => KeyCode::Tab,
        KeyCodeKey::Backspace => KeyCode::Backspace,
        KeyCodeKey::Delete => KeyCode::Delete,
        KeyCodeKey::Insert => KeyCode::Insert,
        KeyCodeKey::Up => KeyCode::Up,
        KeyCodeKey::Down => KeyCode::Down,
        KeyCodeKey::Left => KeyCode::Left,
        KeyCodeKey::Right => KeyCode::Right,
        KeyCodeKey::Home => KeyCode::Home,
        KeyCodeKey::End => KeyCode::End,
        KeyCodeKey::PageUp => KeyCode::PageUp,
        KeyCodeKey::PageDown => KeyCode::PageDown,
    };
    KeyEvent::new(code, mods)
}

/// The fixture alignment of the seed reports (topics, pairs, sentences and
/// candidates), checked against the documents so a changed seed or
/// segmenter says what to do.
pub fn seeds_alignment(app: &App) -> Alignment {
    let alignment: Alignment =
        serde_json::from_str(SEEDS_ALIGNMENT).expect("fixture is an alignment");
    let fits = |side: usize, sentences: &[diptych::document::Sentence]| {
        let pane = &app.panes[side];
        sentences.len() == pane.sentences.len()
            && sentences
                .iter()
                .zip(&pane.sentences)
                .all(|(a, b)| (a.byte_start, a.byte_end) == (b.byte_start, b.byte_end))
    };
    assert!(
        alignment.pairs.iter().all(|p| {
            p.left < app.panes[0].doc.passages.len() && p.right < app.panes[1].doc.passages.len()
        }) && fits(0, &alignment.sentences.left)
            && fits(1, &alignment.sentences.right),
        "tests/fixtures/seeds-alignment.json no longer fits the seed reports; \
         regenerate it with `UPDATE_FIXTURES=1 cargo test --test flow fixture`"
    );
    alignment
}

/// Rewrites the fixture from the live aligner (`UPDATE_FIXTURES=1`).
pub fn update_fixture() {
    if std::env::var_os("UPDATE_FIXTURES").is_none() {
        return;
    }
    let (left, right) = (Document::seed_left(), Document::seed_right());
    let alignment = diptych::align::align(&left, &right, &diptych::align::AliasTable::builtin());
    let text = serde_json::to_string_pretty(&alignment).unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds-alignment.json"
    );
    std::fs::write(path, text + "\n").unwrap();
}
