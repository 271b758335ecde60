//! The only code that touches the terminal and the event source: sets the
//! terminal up and restores it (on quit, panic, SIGTERM/SIGHUP, suspend),
//! turns terminal events into messages, and performs effects.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::editor;
use crate::action::Effect;
use crate::app::{App, Clock, ExportFailure, Msg, Tagging};
use crate::shell::session::Session;
use crate::shell::state::{StateFile, ThemeChoice};

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
    /// A private directory for the note drafts handed to `$EDITOR`.
    pub drafts_dir: Option<PathBuf>,
    /// Where the reader remembers positions and the theme picked; and the
    /// config's theme, recorded with a pick.
    pub state: Option<(StateFile, Option<String>)>,
}

/// Restores the terminal when dropped, however the reader ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave_terminal();
    }
}

pub(super) fn leave_terminal() {
    // Errors are ignored: on a terminal that went away there is nobody to
    // tell, and `ratatui::restore` would panic printing to a dead stderr.
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    let _ = ratatui::try_restore();
}

pub(super) fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Signals that must end the reader cleanly: saved, terminal restored,
/// exit status 128 + N. (Ctrl-c in the reader is a key, not SIGINT: raw
/// mode turns signal generation off; `kill -INT` still arrives here.)
const ENDING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// The first ending signal that arrived, if any.
#[derive(Clone)]
struct Signals {
    arrived: Arc<AtomicUsize>,
}

impl Signals {
    fn register() -> io::Result<Signals> {
        let arrived = Arc::new(AtomicUsize::new(0));
        for signal in ENDING_SIGNALS {
            signal_hook::flag::register_usize(signal, Arc::clone(&arrived), signal as usize)?;
        }
        Ok(Signals { arrived })
    }

    /// As [`pending`](Self::pending) while `$EDITOR` has the terminal:
    /// ctrl-c typed in the editor reaches diptych too (same process group)
    /// but is the editor's key, so SIGINT and SIGQUIT are forgotten then;
    /// SIGTERM and SIGHUP still end the reader.
    fn pending_while_editing(&self) -> Option<i32> {
        let signal = self.pending()?;
        if [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT].contains(&signal) {
            let _ = self.arrived.compare_exchange(
                signal as usize,
                0,
                Ordering::SeqCst,
                Ordering::SeqCst,
            );
            return self.pending();
        }
        Some(signal)
    }

    fn pending(&self) -> Option<i32> {
        match self.arrived.load(Ordering::Relaxed) {
            0 => None,
            n => Some(n as i32),
        }
    }
}

/// Most events handled before the screen is drawn again: a paste or a
/// burst of keys is taken in one turn, yet a flood cannot starve drawing.
const EVENTS_PER_TURN: usize = 4096;

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
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
        .context("cannot enable the mouse and bracketed paste")?;

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
    let mut shared_key = None;
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
                    protect,
                } => {
                    let result = write_export(&path, &contents, overwrite, &protect);
                    pending.extend(app.update(Msg::Exported(result)));
                }
                Effect::EditExternally { text } => {
                    let edited =
                        editor::edit(&mut terminal, &text, options.drafts_dir.as_deref(), &|| {
                            signals.pending_while_editing()
                        })?;
                    match edited {
                        editor::Edited::Done(result) => {
                            pending.extend(app.update(Msg::EditorDone(result)))
                        }
                        editor::Edited::Interrupted { signal, text } => {
                            // Keep what the editor had saved as the note.
                            if let Some(text) = text {
                                app.update(Msg::EditorDone(Ok(text)));
                            }
                            return Ok(end_by_signal(&app, &session, &exiting, guard, signal));
                        }
                    }
                }
                Effect::StartAlignment => start_alignment(&app, tx.clone()),
                Effect::RememberSession => {
                    if let Err(why) = remember(&app, options.state.as_mut()) {
                        pending.extend(app.update(Msg::NotRemembered(why)));
                    }
                }
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
        // Keep the watchdog's copy of unsaved judgements (and of the note
        // being written) current.
        let key = (
            app.tagging.as_ref().map(|t| t.generation),
            app.note.as_ref().map(|n| n.area.text()),
        );
        if shared_key.as_ref() != Some(&key) {
            shared_key = Some(key);
            *lock(&unsaved) = app.exit_snapshot();
        }
        terminal.draw(|frame| crate::ui::draw(frame, &app, app.theme()))?;
        if options.first_frame_and_exit {
            return Ok(Exit::Quit);
        }
        if let Some(signal) = signals.pending() {
            return Ok(end_by_signal(&app, &session, &exiting, guard, signal));
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
        if event::poll(Duration::from_millis(timeout))? {
            // Take everything already queued before drawing again.
            for _ in 0..EVENTS_PER_TURN {
                // Resolved one at a time: a key can change the mode, and
                // with it what the next key means. Each gets its own tick
                // (the time, and a fresh id for a tag it may create).
                if let Some(msg) = to_msg(event::read()?, &app) {
                    pending.extend(app.update(Msg::Tick(clock(started))));
                    pending.extend(app.update(msg));
                }
                // (1 ms, not zero: crossterm's tty reader only looks at the
                // events it has already parsed when given time to wait.)
                if pending.iter().any(|e| !matches!(e, Effect::Save { .. }))
                    || !event::poll(Duration::from_millis(1))?
                {
                    break;
                }
            }
        }
    })();
    if outcome.is_err() {
        // The terminal failed (e.g. it went away): keep the judgements.
        exiting.store(true, Ordering::SeqCst);
        if let Some(message) = save_before_exit(&app, lock(&session).as_mut()) {
            super::stderr::note(&message);
        }
    }
    // However the reader ended: where the analyst was, for next time.
    if let Err(e) = remember(&app, options.state.as_mut()) {
        super::stderr::note(&format!("could not remember the reading position: {e}"));
    }
    // Close the tag file here, not when the watchdog's handle goes: that
    // releases the lock and removes the lock file.
    drop(lock(&session).take());
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
            if signals.pending().is_none() {
                // Forgotten meanwhile (ctrl-c typed inside `$EDITOR`).
                continue;
            }
            if let Some(set) = lock(&unsaved).take()
                && let Some(session) = lock(&session).as_mut()
                && let Err(e) = session.save(&set)
            {
                super::stderr::note(&format!("could not save before exiting: {e}"));
            }
            // Release the lock (and remove its file) before exiting.
            drop(lock(&session).take());
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

/// Writes where the analyst is (and the theme picked) to the state file.
/// A failure is only a notice: nothing of the analyst's work is in it.
fn remember(app: &App, state: Option<&mut (StateFile, Option<String>)>) -> Result<(), String> {
    let Some((state, config_theme)) = state else {
        return Ok(());
    };
    let theme = app.picked_theme.clone().map(|name| ThemeChoice {
        name,
        config_theme: config_theme.clone(),
    });
    let (left, right) = (&app.panes[0].doc.hash, &app.panes[1].doc.hash);
    let now = crate::tags::time::rfc3339_utc(SystemTime::now());
    state.remember((left, right), &now, app.resume_state(), theme);
    state.save()
}

/// Performs a tag-set file effect and returns the runtime's answer.
fn tag_set_effect(session: Option<&mut Session>, app: &App, effect: Effect) -> Option<Msg> {
    let Some(session) = session else {
        if let Effect::OpenOverlay { .. } = effect {
            return Some(Msg::OverlayOpened(Err(
                "tag sets are unavailable: no tag set directory".to_string(),
            )));
        }
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
        Effect::OpenOverlay { name } => session.overlay(&name, left, right),
        _ => return None,
    })
}

/// Ends the reader on an ending signal. Saves first: the judgements matter
/// more than the screen, and the terminal may be gone (a hang-up); then
/// restores the terminal and says what could not be saved.
fn end_by_signal(
    app: &App,
    session: &Mutex<Option<Session>>,
    exiting: &AtomicBool,
    guard: TerminalGuard,
    signal: i32,
) -> Exit {
    exiting.store(true, Ordering::SeqCst);
    let failed = save_before_exit(app, lock(session).as_mut());
    drop(guard);
    if let Some(message) = failed {
        super::stderr::note(&message);
    }
    Exit::Signal(signal)
}

/// On a signal or a lost terminal: one last save of what the model says is
/// unsaved (the note being written included), if the file may be written.
/// Returns what to tell the user if it failed.
fn save_before_exit(app: &App, session: Option<&mut Session>) -> Option<String> {
    if let Some(set) = app.exit_snapshot() {
        let session = session?;
        return session
            .save(&set)
            .err()
            .map(|e| format!("could not save before exiting: {e}"));
    }
    // The file may not be written: keep the judgements as a new tag set.
    let copy = app.exit_recovery()?;
    let name = copy.name.clone();
    let created = session
        .and_then(|s| s.store.as_ref())
        .ok_or_else(|| "no tag set directory".to_string())
        .and_then(|store| store.create(&copy).map_err(|e| e.to_string()));
    Some(match created {
        Ok(file) => format!(
            "the tag file could not be written; your unsaved judgements are in the new tag set {}",
            file.path().display()
        ),
        Err(e) => format!("unsaved judgements were lost: they could not be kept as “{name}”: {e}"),
    })
}

/// Writes an export unless it would replace a protected file, or an
/// existing one without `overwrite`.
fn write_export(
    path: &Path,
    contents: &[u8],
    overwrite: bool,
    protect: &[crate::export::Protected],
) -> Result<PathBuf, ExportFailure> {
    crate::export::check_output(path, protect).map_err(|e| ExportFailure::Failed(e.to_string()))?;
    if !overwrite && path.exists() {
        return Err(ExportFailure::Exists(path.to_path_buf()));
    }
    crate::export::write_atomic(path, contents).map_err(|e| ExportFailure::Failed(e.to_string()))
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
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                column: m.column,
                row: m.row,
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
