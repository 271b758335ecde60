//! The bundled themes: complete, warning-free, and each fit for its purpose.

use diptych::theme::{BUNDLED, Slot, Theme, ThemeSet};
use ratatui::style::{Color, Modifier};

fn bundled(name: &str) -> Theme {
    ThemeSet::bundled()
        .get(name)
        .unwrap_or_else(|| panic!("bundled theme `{name}` missing"))
}

#[test]
fn every_bundled_theme_loads_without_warnings() {
    let (set, warnings) = ThemeSet::load(None);
    assert_eq!(warnings, vec![], "bundled themes must be clean");
    assert_eq!(
        set.names(),
        vec!["cvd", "dark", "high-contrast", "light", "mono"]
    );
    for (name, _) in BUNDLED {
        assert_eq!(set.get(name).map(|t| t.name), Some((*name).to_owned()));
        assert!(!set.is_user_theme(name));
    }
}

#[test]
fn every_bundled_theme_writes_every_slot_itself() {
    // Checked on the file text, so a bundled theme cannot quietly lean on
    // the fallback for a slot added later.
    for (name, text) in BUNDLED {
        let table: toml::Table = toml::from_str(text).expect("bundled theme is valid TOML");
        assert!(
            !table.contains_key("inherits"),
            "{name} must stand alone so it never depends on another file"
        );
        for slot in Slot::ALL {
            assert!(
                table.contains_key(slot.name()),
                "{name} does not set `{}`",
                slot.name()
            );
        }
        assert_eq!(table.len(), Slot::ALL.len(), "{name} has extra keys");
        assert!(
            text.starts_with("# diptych theme:"),
            "{name} lacks its header comment"
        );
        for slot in Slot::ALL {
            assert!(
                text.lines()
                    .take_while(|l| l.starts_with('#'))
                    .any(|l| l.contains(slot.name())),
                "{name}'s header comment does not list `{}`",
                slot.name()
            );
        }
    }
}

#[test]
fn default_theme_is_the_bundled_dark() {
    let dark = bundled("dark");
    assert_eq!(Theme::default(), dark);
    assert_eq!(Theme::dark(), dark);
    assert_eq!(dark.border_focused.fg, Some(Color::Cyan));
    assert!(dark.selection.add_modifier.contains(Modifier::REVERSED));
}

#[test]
fn mono_has_no_colour_anywhere() {
    let mono = bundled("mono");
    for slot in Slot::ALL {
        let style = mono.style(*slot);
        assert_eq!(
            (style.fg, style.bg, style.underline_color),
            (None, None, None),
            "mono.{} has a colour",
            slot.name()
        );
    }
}

#[test]
fn mono_tells_stances_and_selection_apart_by_modifiers_alone() {
    let mono = bundled("mono");
    let slots = [
        Slot::Agree,
        Slot::Contradict,
        Slot::Partial,
        Slot::Unclear,
        Slot::Selection,
    ];
    let plain = mono.text.add_modifier;
    for (i, a) in slots.iter().enumerate() {
        let ma = mono.style(*a).add_modifier;
        assert_ne!(ma, Modifier::empty(), "mono.{} has no modifier", a.name());
        assert_ne!(ma, plain, "mono.{} looks like body text", a.name());
        for b in &slots[i + 1..] {
            assert_ne!(
                ma,
                mono.style(*b).add_modifier,
                "mono.{} and mono.{} look the same",
                a.name(),
                b.name()
            );
        }
    }
}

#[test]
fn stances_differ_in_every_bundled_theme() {
    let set = ThemeSet::bundled();
    for name in set.names() {
        let theme = set.get(name).expect("listed theme exists");
        let stances = [theme.agree, theme.contradict, theme.partial, theme.unclear];
        for (i, a) in stances.iter().enumerate() {
            for b in &stances[i + 1..] {
                assert_ne!(a, b, "{name}: two stances share a style");
            }
        }
        assert_ne!(theme.selection, theme.text, "{name}: selection invisible");
    }
}

#[test]
fn cvd_never_rests_agree_against_contradict_on_red_and_green() {
    let cvd = bundled("cvd");
    let red_green = [
        Color::Red,
        Color::LightRed,
        Color::Green,
        Color::LightGreen,
        Color::Indexed(1),
        Color::Indexed(2),
        Color::Indexed(9),
        Color::Indexed(10),
    ];
    for style in [cvd.agree, cvd.contradict] {
        let fg = style.fg.expect("cvd stances are coloured");
        assert!(!red_green.contains(&fg), "cvd uses {fg:?} for a stance");
    }
    // Blue against orange, and a modifier difference on top of the hue.
    assert_eq!(cvd.agree.fg, Some(Color::Indexed(32)));
    assert_eq!(cvd.contradict.fg, Some(Color::Indexed(214)));
    assert_ne!(cvd.agree.add_modifier, cvd.contradict.add_modifier);
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(r: u8, g: u8, b: u8) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

#[test]
fn light_theme_greys_are_readable_on_white() {
    let light = bundled("light");
    for slot in [Slot::Muted, Slot::Border, Slot::Gutter] {
        let Some(Color::Rgb(r, g, b)) = light.style(slot).fg else {
            panic!("{slot:?} needs an exact colour to be checked");
        };
        let ratio = (1.0 + 0.05) / (luminance(r, g, b) + 0.05);
        assert!(ratio >= 4.5, "{slot:?}: {ratio:.2}:1 on white");
    }
}
