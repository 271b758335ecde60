//! A small driver for end-to-end tests: the real binary in an interactive
//! shell inside tmux, on a private socket, at a fixed size. Waits poll the
//! screen until the expected text appears, with a timeout; never a fixed sleep.

#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    pub dir: tempfile::TempDir,
}

/// Whether tmux can be run. Under CI it must be (`.ci/run` installs it).
pub fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is missing under CI; .ci/run should have installed it"
        );
        eprintln!("skipped: tmux is not installed");
    }
    ok
}

impl Tmux {
    /// Starts an interactive bash with a plain prompt in a `width`x`height`
    /// window. `env` is exported in that shell.
    pub fn start(name: &str, width: u16, height: u16, env: &[(&str, &str)]) -> Tmux {
        let socket = format!("diptych-test-{name}-{}", std::process::id());
        let dir = tempfile::tempdir().expect("temp dir");
        let tmux = Tmux { socket, dir };
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .args(["bash", "--norc", "--noprofile", "-i"])
            .env("PS1", "$ ")
            .env("TERM", "xterm-256color")
            .env("HOME", tmux.dir.path())
            .env("XDG_CONFIG_HOME", tmux.dir.path().join("config"))
            .env("XDG_DATA_HOME", tmux.dir.path().join("data"))
            .env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let status = cmd.status().expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        tmux.tmux(&["set-option", "-g", "status", "off"]);
        // capture-pane trims trailing spaces, so the prompt reads "$".
        tmux.wait_until(Duration::from_secs(10), "the shell prompt", |s| {
            s.lines().any(|l| l == "$")
        });
        tmux
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Types `text` literally, then Enter.
    pub fn run(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
        self.tmux(&["send-keys", "Enter"]);
    }

    /// Sends tmux key names (`j`, `C-d`, `Escape`, `Tab`…).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types literal text without Enter.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    /// Pastes `text` as a terminal paste: bracketed if the program asked
    /// for bracketed paste, as typed keys otherwise.
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "--", text]);
        self.tmux(&["paste-buffer", "-p", "-d"]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// The screen with escape sequences for colours and attributes.
    pub fn screen_with_escapes(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e"])
    }

    pub fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// Polls the screen until `text` is on it; panics with the screen if not
    /// within `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> String {
        self.wait_until(timeout, &format!("{text:?}"), |s| s.contains(text))
    }

    /// Polls until `pred` holds for the screen.
    pub fn wait_until(&self, timeout: Duration, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format variable of the pane (`alternate_on`, `mouse_any_flag`).
    pub fn pane_format(&self, name: &str) -> String {
        self.tmux(&["display-message", "-p", &format!("#{{{name}}}")])
            .trim()
            .to_string()
    }

    /// Kills the tmux server: every pane's terminal goes away (SIGHUP).
    pub fn kill_server(&self) {
        self.tmux(&["kill-server"]);
    }

    /// PID of the foreground process running in the shell, if any.
    pub fn child_pid(&self) -> Option<u32> {
        let shell = self.tmux(&["display-message", "-p", "#{pane_pid}"]);
        let out = Command::new("pgrep")
            .args(["-P", shell.trim()])
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_diptych")
}

pub const WAIT: Duration = Duration::from_secs(15);

/// After the program exits, prints its status and whether the tty is back in
/// canonical mode: `EXIT=0 icanon`. The quotes split the marker so that the
/// typed command line itself never matches it.
pub const REPORT: &str = r#"; echo "EX""IT=$? $(stty -a | grep -o -- '-\?icanon')""#;
