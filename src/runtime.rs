//! The only code that touches the terminal and the event source: sets the
//! terminal up and restores it (on quit, panic, SIGTERM/SIGHUP, suspend),
//! turns terminal events into messages, and performs effects.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::action::Effect;
use crate::app::{App, Msg};

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A termination signal arrived; the number is the signal.
    Signal(i32),
}

impl Exit {
    /// Conventional shell exit status: 0, or 128 + signal number.
    pub fn code(self) -> i32 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(n) => 128 + n,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Draw one frame and exit (to time start-up).
    pub first_frame_and_exit: bool,
}

/// Restores the terminal when dropped, however the reader ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave_terminal();
    }
}

fn leave_terminal() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Signals that must end the reader cleanly.
struct Signals {
    term: Arc<AtomicBool>,
    hup: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let term = Arc::new(AtomicBool::new(false));
        let hup = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&term))?;
        signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hup))?;
        Ok(Signals { term, hup })
    }

    fn pending(&self) -> Option<i32> {
        if self.term.load(Ordering::Relaxed) {
            Some(signal_hook::consts::SIGTERM)
        } else if self.hup.load(Ordering::Relaxed) {
            Some(signal_hook::consts::SIGHUP)
        } else {
            None
        }
    }
}

/// Runs the reader until the user quits or a signal arrives.
pub fn run(mut app: App, options: Options) -> anyhow::Result<Exit> {
    let signals = Signals::register().context("cannot install signal handlers")?;
    // Under NO_COLOR crossterm would write a full attribute reset on every
    // colour change, wiping bold and reverse; the theme decides colours.
    ratatui::crossterm::style::force_color_output(true);
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _guard = TerminalGuard;
    // ratatui's panic hook restores the screen; ours also releases the mouse
    // first, so the panic message lands on a usable terminal.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(io::stdout(), EnableMouseCapture).context("cannot enable the mouse")?;

    let size = terminal.size().context("cannot read the terminal size")?;
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
    loop {
        terminal.draw(|frame| crate::ui::draw(frame, &app, app.theme()))?;
        if options.first_frame_and_exit {
            return Ok(Exit::Quit);
        }
        if let Some(signal) = signals.pending() {
            return Ok(Exit::Signal(signal));
        }
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        let Some(msg) = to_msg(event::read()?) else {
            continue;
        };
        for effect in app.update(msg) {
            match effect {
                Effect::Quit => return Ok(Exit::Quit),
                Effect::Suspend => suspend(&mut terminal)?,
            }
        }
    }
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Msg::Wheel {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        _ => None,
    }
}

/// Gives the terminal back to the shell, stops the process as Ctrl-z would
/// without raw mode, and takes the terminal again on `fg`.
fn suspend(terminal: &mut DefaultTerminal) -> anyhow::Result<()> {
    leave_terminal();
    io::stdout().flush()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Execution continues here after SIGCONT.
    enter_terminal()?;
    terminal.clear()?;
    Ok(())
}
