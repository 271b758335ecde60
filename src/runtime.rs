//! The only code that touches the terminal and the event source: sets the
//! terminal up and restores it (on quit, panic, SIGTERM/SIGHUP, suspend),
//! turns terminal events into messages, and performs effects.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::action::Effect;
use crate::app::{App, Clock, ExportFailure, Msg, Tagging};
use crate::session::Session;

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

#[derive(Debug, Default)]
pub struct Options {
    /// Draw one frame and exit (to time start-up).
    pub first_frame_and_exit: bool,
    /// The open tag file and its directory, where saves go.
    pub session: Option<Session>,
}

/// Restores the terminal when dropped, however the reader ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave_terminal();
    }
}

fn leave_terminal() {
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Signals that must end the reader cleanly.
#[derive(Clone)]
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
pub fn run(mut app: App, mut options: Options) -> anyhow::Result<Exit> {
    let signals = Signals::register().context("cannot install signal handlers")?;
    // Under NO_COLOR crossterm would write a full attribute reset on every
    // colour change, wiping bold and reverse; the theme decides colours.
    ratatui::crossterm::style::force_color_output(true);
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let guard = TerminalGuard;
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
    // The tag file, shared with the watchdog that saves on a signal if the
    // main loop cannot (see `spawn_watchdog`).
    let session = Arc::new(Mutex::new(options.session.take()));
    let unsaved: Arc<Mutex<Option<crate::tags::TagSet>>> = Arc::new(Mutex::new(None));
    let exiting = Arc::new(AtomicBool::new(false));
    spawn_watchdog(
        signals.clone(),
        Arc::clone(&exiting),
        Arc::clone(&session),
        Arc::clone(&unsaved),
    );
    let mut shared_generation = None;
    // Messages from worker threads.
    let (tx, rx): (Sender<Msg>, Receiver<Msg>) = mpsc::channel();
    let started = Instant::now();
    let mut pending = app.start();
    let outcome: anyhow::Result<Exit> = (|| loop {
        for effect in std::mem::take(&mut pending) {
            match effect {
                Effect::Quit => return Ok(Exit::Quit),
                Effect::Suspend => suspend(&mut terminal)?,
                Effect::WriteExport {
                    path,
                    contents,
                    overwrite,
                } => {
                    let result = if !overwrite && path.exists() {
                        Err(ExportFailure::Exists(path))
                    } else {
                        crate::export::write_atomic(&path, contents.as_bytes())
                            .map(|()| path)
                            .map_err(|e| ExportFailure::Failed(e.to_string()))
                    };
                    pending.extend(app.update(Msg::Exported(result)));
                }
                Effect::EditExternally { text } => {
                    let result = edit_externally(&mut terminal, &text)?;
                    pending.extend(app.update(Msg::EditorDone(result)));
                }
                Effect::StartAlignment => start_alignment(&app, tx.clone()),
                Effect::Save { set, generation } => {
                    let result = match lock(&session).as_mut() {
                        Some(session) => session.save(&set),
                        None => Err("no tag file is open".to_string()),
                    };
                    pending.extend(app.update(Msg::Saved { generation, result }));
                }
                other => {
                    let msg = tag_set_effect(lock(&session).as_mut(), &app, other);
                    if let Some(msg) = msg {
                        pending.extend(app.update(msg));
                    }
                }
            }
        }
        // Keep the watchdog's copy of unsaved judgements current.
        let generation = app.tagging.as_ref().map(|t| t.generation);
        if generation != shared_generation {
            shared_generation = generation;
            *lock(&unsaved) = app
                .tagging
                .as_ref()
                .filter(|t| t.dirty() && t.writable())
                .map(|t| t.set.clone());
        }
        terminal.draw(|frame| crate::ui::draw(frame, &app, app.theme()))?;
        if options.first_frame_and_exit {
            return Ok(Exit::Quit);
        }
        if let Some(signal) = signals.pending() {
            exiting.store(true, Ordering::SeqCst);
            // Restore the terminal first so that any message stays readable.
            drop(guard);
            save_before_exit(&app, lock(&session).as_mut());
            return Ok(Exit::Signal(signal));
        }
        // Time passes for the model only through ticks: before any other
        // message, and on every turn so that autosave fires.
        pending.extend(app.update(Msg::Tick(clock(started))));
        while let Ok(msg) = rx.try_recv() {
            pending.extend(app.update(msg));
        }
        // Poll briefly while a worker may report or a save is due.
        let busy = app.align_progress.is_some() || app.tagging.as_ref().is_some_and(Tagging::dirty);
        let timeout = if busy { 50 } else { 250 };
        if event::poll(Duration::from_millis(timeout))?
            && let Some(msg) = to_msg(event::read()?, &app)
        {
            pending.extend(app.update(Msg::Tick(clock(started))));
            pending.extend(app.update(msg));
        }
    })();
    if outcome.is_err() {
        // The terminal failed (e.g. it went away): keep the judgements.
        exiting.store(true, Ordering::SeqCst);
        save_before_exit(&app, lock(&session).as_mut());
    }
    outcome
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not stop the judgements from being saved.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// On a hung-up terminal crossterm's `poll` can spin without returning, so
/// the main loop never sees SIGHUP. This thread gives the loop a second to
/// handle a signal; if it has not, it saves the unsaved judgements itself,
/// releases the terminal and exits with 128 + the signal.
fn spawn_watchdog(
    signals: Signals,
    exiting: Arc<AtomicBool>,
    session: Arc<Mutex<Option<Session>>>,
    unsaved: Arc<Mutex<Option<crate::tags::TagSet>>>,
) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let Some(signal) = signals.pending() else {
                continue;
            };
            std::thread::sleep(Duration::from_secs(1));
            if exiting.load(Ordering::SeqCst) {
                return;
            }
            if let Some(set) = lock(&unsaved).take()
                && let Some(session) = lock(&session).as_mut()
                && let Err(e) = session.save(&set)
            {
                eprintln!("diptych: could not save before exiting: {e}");
            }
            leave_terminal();
            std::process::exit(128 + signal);
        }
    });
}

fn clock(started: Instant) -> Clock {
    Clock {
        ms: started.elapsed().as_millis() as u64,
        rfc3339: crate::tags::time::rfc3339_utc(SystemTime::now()),
        fresh_id: crate::tags::TagId::random().0,
    }
}

/// Performs a tag-set file effect and returns the runtime's answer.
fn tag_set_effect(session: Option<&mut Session>, app: &App, effect: Effect) -> Option<Msg> {
    let Some(session) = session else {
        return Some(Msg::TagSetOpened(Err(
            "tag sets are unavailable: no tag set directory".to_string(),
        )));
    };
    let (left, right) = (&app.panes[0].doc, &app.panes[1].doc);
    Some(match effect {
        Effect::ListTagSets => session.list(),
        Effect::SwitchTagSet { name } => session.switch(&name, left, right),
        Effect::CreateTagSet { set } => session.create(*set, left, right),
        Effect::RenameTagSet { old, new } => session.rename(&old, &new, left, right),
        Effect::DeleteTagSet { name } => session.delete(&name),
        Effect::LoadBackup => session.load_backup(left, right),
        _ => return None,
    })
}

/// On SIGTERM/SIGHUP: one last save of unsaved judgements, if allowed.
fn save_before_exit(app: &App, session: Option<&mut Session>) {
    if let Some(tagging) = &app.tagging
        && tagging.dirty()
        && tagging.writable()
        && let Some(session) = session
        && let Err(e) = session.save(&tagging.set)
    {
        eprintln!("diptych: could not save before exiting: {e}");
    }
}

/// Aligns the two documents on a worker thread, reporting progress (at most
/// every 5 %) and the result as messages.
fn start_alignment(app: &App, tx: Sender<Msg>) {
    let left = app.panes[0].doc.clone();
    let right = app.panes[1].doc.clone();
    let aliases = Arc::clone(&app.aliases);
    std::thread::spawn(move || {
        let mut reported = 0.0f32;
        let alignment = crate::align::align_with_progress(&left, &right, &aliases, &mut |done| {
            if done - reported >= 0.05 {
                reported = done;
                // The reader may have quit; nothing to do then.
                let _ = tx.send(Msg::AlignProgress(done));
            }
        });
        let _ = tx.send(Msg::Aligned(Box::new(alignment)));
    });
}

/// A terminal event as a message; a key is resolved through the keymap of
/// the mode the reader is in.
fn to_msg(event: Event, app: &App) -> Option<Msg> {
    match event {
        Event::Key(key) => app.key_msg(&key),
        Event::Paste(text) => Some(Msg::Paste(text)),
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

/// Runs `$VISUAL`, `$EDITOR` or `vi` on `text` in a private temporary
/// file, with the terminal handed over, and reads the result back.
fn edit_externally(
    terminal: &mut DefaultTerminal,
    text: &str,
) -> anyhow::Result<Result<String, String>> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let path = std::env::temp_dir().join(format!(
        "diptych-note-{}-{}.md",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    if let Err(e) = written {
        return Ok(Err(format!(
            "cannot write a temporary file for the editor: {e}"
        )));
    }
    leave_terminal();
    // The editor command may carry arguments ("code --wait").
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(&path)
        .status();
    enter_terminal()?;
    terminal.clear()?;
    let result = match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path)
            .map(|t| t.trim_end_matches('\n').to_string())
            .map_err(|e| format!("cannot read the note back: {e}")),
        Ok(s) => Err(format!("{editor} exited with {s}; the note is unchanged")),
        Err(e) => Err(format!("cannot run {editor}: {e}; set $EDITOR")),
    };
    let _ = std::fs::remove_file(&path);
    Ok(result)
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
