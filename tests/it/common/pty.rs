//! Runs the real binary in a pseudo-terminal and reads its screen through a terminal emulator.
//! Every wait has a deadline and prints the whole screen when it expires.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long a wait may take before the test fails: 15 s by default, generous because CI
/// machines are shared and debug builds are slow; `RECHAIN_TEST_PTY_SECS` sets another.
pub fn deadline() -> Duration {
    Duration::from_secs(super::env_number("RECHAIN_TEST_PTY_SECS", 15))
}

/// The state letter of process `pid` (`T` when stopped), from /proc.
#[cfg(target_os = "linux")]
pub fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces; the state follows it.
    stat.rsplit_once(") ")?.1.chars().next()
}

/// The first child of `pid`, once there is one.
#[cfg(target_os = "linux")]
pub fn child_of(pid: u32) -> u32 {
    let start = Instant::now();
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        if let Some(first) = children.split_whitespace().next() {
            return first.parse().expect("a pid");
        }
        assert!(start.elapsed() < deadline(), "no child of {pid}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(target_os = "linux")]
pub fn wait_state(pid: u32, want: char) {
    let start = Instant::now();
    while state(pid) != Some(want) {
        assert!(
            start.elapsed() < deadline(),
            "process {pid} is {:?}, not {want}",
            state(pid)
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the app wrote, for sequences the screen does not keep (OSC 52).
    raw: Arc<Mutex<Vec<u8>>>,
    reader: Option<thread::JoinHandle<()>>,
    sending: Option<thread::JoinHandle<Box<dyn Write + Send>>>,
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes in tests are not zero")
}

pub fn fixture() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui.yaml").to_string()
}

impl Session {
    /// Starts `rechain ARGS` at `cols` x `rows` with TERM fixed and no editor or colour
    /// settings inherited.
    pub fn start(args: &[&str], env: &[(&str, &str)], cwd: &Path, cols: u16, rows: u16) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_rechain"), args, env, cwd, cols, rows)
    }

    /// As [`Session::start`], for another program (a shell that runs rechain as a job).
    pub fn start_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: &Path,
        cols: u16,
        rows: u16,
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        for var in ["VISUAL", "EDITOR", "NO_COLOR", "RECHAIN_PANIC_KEY"] {
            cmd.env_remove(var);
        }
        // No settings file of the machine's: a test names its own.
        cmd.env("RECHAIN_CONFIG", "/nonexistent/rechain-test/config.toml");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn rechain");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let sink = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            master: pair.master,
            writer: Some(writer),
            parser,
            raw,
            reader: Some(reader),
            sending: None,
        }
    }

    /// Everything the app has written so far, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn screen_text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `check` holds for the screen, or fails showing it.
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if check(self.parser.lock().unwrap().screen()) {
                return;
            }
            assert!(
                start.elapsed() <= deadline(),
                "timed out waiting for {what}; screen:\n{}",
                self.screen_text()
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the screen stops changing: a frame can reach the parser in several writes,
    /// so the text waited for may show before the rest of its frame.
    pub fn settle(&self) {
        let start = Instant::now();
        let mut last = self.screen_text();
        while start.elapsed() < deadline() {
            thread::sleep(Duration::from_millis(80));
            let now = self.screen_text();
            if now == last {
                return;
            }
            last = now;
        }
    }

    pub fn wait_text(&self, text: &str) {
        self.wait_for(&format!("`{text}`"), |s| s.contents().contains(text));
    }

    pub fn wait_gone(&self, text: &str) {
        self.wait_for(&format!("`{text}` to go"), |s| !s.contents().contains(text));
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("no write in flight");
        writer.write_all(bytes).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Writes `bytes` on another thread, so a test can watch an app that stops reading
    /// instead of blocking on a full terminal buffer. Later sends fail until `finish_send`.
    pub fn send_in_background(&mut self, bytes: Vec<u8>) {
        let mut writer = self.writer.take().expect("no write in flight");
        self.sending = Some(thread::spawn(move || {
            // The app may exit before reading everything; that is not a test failure here.
            let _ = writer.write_all(&bytes).and_then(|()| writer.flush());
            writer
        }));
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// The exit code if the process ends within `limit`, else None (it is left running).
    pub fn wait_exit_within(&mut self, limit: Duration) -> Option<u32> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                if let Some(r) = self.reader.take() {
                    let _ = r.join();
                }
                return Some(status.exit_code());
            }
            thread::sleep(Duration::from_millis(5));
        }
        None
    }

    /// Presses `q` and waits for the app to end with status 0.
    #[track_caller]
    pub fn quit(&mut self) {
        self.send(b"q");
        assert_eq!(self.wait_exit(), 0);
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader take the last output (the restore sequences).
                if let Some(r) = self.reader.take() {
                    let _ = r.join();
                }
                return status.exit_code();
            }
            assert!(
                start.elapsed() <= deadline(),
                "rechain did not exit; screen:\n{}",
                self.screen_text()
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Runs `f` on the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn mouse_reporting(&self) -> bool {
        self.parser.lock().unwrap().screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }

    /// The process id of the program started.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends signal `signo` to the app.
    pub fn signal(&self, signo: i32) {
        let pid = self.pid();
        // SAFETY: kill has no memory effects; the pid is our own child's.
        let rc = unsafe { libc::kill(pid as libc::pid_t, signo) };
        assert_eq!(rc, 0, "kill {pid} {signo}");
    }

    /// The pty's settings; on a pty master, tcgetattr reads the pair's, which the app changes
    /// through its end.
    #[cfg(unix)]
    fn termios(&self) -> libc::termios {
        let fd = self.master.as_raw_fd().expect("pty master fd");
        // SAFETY: tcgetattr fills the zeroed struct.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::tcgetattr(fd, &raw mut termios) };
        assert_eq!(rc, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        termios
    }

    /// Whether the terminal is in raw mode (no line editing, no echo).
    #[cfg(unix)]
    pub fn raw_mode(&self) -> bool {
        self.termios().c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// Whether Ctrl-S and Ctrl-Q stop and start output (IXON).
    #[cfg(unix)]
    pub fn flow_control(&self) -> bool {
        self.termios().c_iflag & libc::IXON != 0
    }

    /// Suspends the app's output as `tcflow(TCOOFF)` does, as a program run in the terminal
    /// may leave it; only `tcflow(TCOON)` resumes it.
    #[cfg(unix)]
    pub fn suspend_output(&self) {
        use std::os::fd::AsRawFd;
        let name = self.master.tty_name().expect("pty name");
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&name)
            .expect("open the pty");
        // SAFETY: tcflow on a descriptor this function owns.
        let rc = unsafe { libc::tcflow(tty.as_raw_fd(), libc::TCOOFF) };
        assert_eq!(rc, 0, "tcflow: {}", std::io::Error::last_os_error());
    }

    pub fn bracketed_paste(&self) -> bool {
        self.parser.lock().unwrap().screen().bracketed_paste()
    }

    /// Whether the child is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.alive() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
