//! The app as a user meets it: the real binary in a pseudo-terminal.

use crate::common::pty::{Session, fixture};

fn start(cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
    let dir = std::env::temp_dir();
    let file = fixture();
    let s = Session::start(&[file.as_str()], env, &dir, cols, rows);
    s.wait_text("Stages (6)");
    s.wait_text("ui.yaml");
    s
}

fn assert_terminal_restored(s: &Session) {
    assert!(!s.alternate_screen(), "still on the alternate screen");
    assert!(!s.mouse_reporting(), "mouse reporting left on");
    assert!(!s.cursor_hidden(), "cursor left hidden");
}

#[test]
fn starts_navigates_and_quits_leaving_the_terminal_as_it_was() {
    let mut s = start(80, 24, &[]);
    assert!(s.alternate_screen());
    s.wait_text("Firms · Mining (2)");
    s.send(b"j");
    s.wait_text("Firms · Separation (4)");
    // Tab to firms, Enter opens the card of the first firm.
    s.send(b"\t");
    s.send(b"\r");
    s.wait_text("Largest producer of separated rare earths");
    s.send(b"?");
    s.wait_text("┃ ↑ k        move up");
    s.send(b"\x1b");
    s.wait_gone("┃ ↑ k        move up");
    s.quit();
    assert_terminal_restored(&s);
}

#[test]
fn signals_restore_the_terminal_and_exit_with_128_plus_the_signal() {
    for signo in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP, libc::SIGQUIT] {
        let mut s = start(80, 24, &[]);
        assert!(s.alternate_screen() && s.mouse_reporting() && s.bracketed_paste());
        s.signal(signo);
        assert_eq!(s.wait_exit(), 128 + signo as u32, "signal {signo}");
        assert_terminal_restored(&s);
        assert!(
            !s.bracketed_paste(),
            "bracketed paste left on after signal {signo}"
        );
    }
}

/// Two ending signals back to back, over and over: the first restores the terminal; the second, arriving while that happens, neither cuts the restore short nor
/// repeats it.
#[cfg(unix)]
#[test]
fn two_signals_in_a_row_still_restore_the_terminal() {
    let rounds = crate::common::env_number("RECHAIN_TEST_SIGNAL_ROUNDS", 20);
    let pairs = [
        (libc::SIGTERM, libc::SIGTERM),
        (libc::SIGHUP, libc::SIGTERM),
        (libc::SIGINT, libc::SIGINT),
        (libc::SIGQUIT, libc::SIGHUP),
    ];
    for (first, second) in pairs {
        for round in 0..rounds {
            let mut s = start(80, 24, &[]);
            assert!(s.raw_mode() && s.alternate_screen());
            // Every other round, the signals meet the app drawing a stream of moves.
            if round % 2 == 1 {
                s.send_in_background(b"jk".repeat(2000));
            }
            s.signal(first);
            s.signal(second);
            let code = s.wait_exit();
            let pair = format!("signals {first} then {second}, round {round}");
            // Signals that arrive together are not told apart by order: either may set it.
            assert!(
                [first, second].map(|n| 128 + n as u32).contains(&code),
                "{pair}: exit status {code}"
            );
            assert!(!s.raw_mode(), "{pair}: raw mode left on");
            assert!(
                !s.alternate_screen(),
                "{pair}: still on the alternate screen"
            );
            assert!(!s.mouse_reporting(), "{pair}: mouse reporting left on");
            assert!(!s.cursor_hidden(), "{pair}: cursor left hidden");
        }
    }
}

#[test]
fn ctrl_c_quits() {
    let mut s = start(80, 24, &[]);
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
    assert_terminal_restored(&s);
}

/// The panic key is a test hook that release builds leave out.
#[cfg(debug_assertions)]
#[test]
fn a_panic_in_the_loop_restores_the_terminal_before_the_message() {
    // Without a backtrace, so the message is on the screen whatever the environment sets.
    let mut s = start(
        80,
        24,
        &[("RECHAIN_PANIC_KEY", "!"), ("RUST_BACKTRACE", "0")],
    );
    s.send(b"!");
    let code = s.wait_exit();
    assert_ne!(code, 0);
    assert_terminal_restored(&s);
    let text = s.screen_text();
    assert!(
        text.contains("panic requested by RECHAIN_PANIC_KEY"),
        "panic message not readable on the normal screen:\n{text}"
    );
}

#[test]
fn too_small_then_enlarged_recovers() {
    let mut s = start(80, 24, &[]);
    s.resize(50, 12);
    s.wait_text("terminal too small (need 60x15)");
    s.resize(100, 30);
    s.wait_text("Stages (6)");
    s.quit();
}

#[test]
fn a_burst_of_a_thousand_keys_is_absorbed() {
    let mut s = start(80, 24, &[]);
    let burst: Vec<u8> = b"jkjjkGg\tl[]tf"
        .iter()
        .copied()
        .cycle()
        .take(1000)
        .collect();
    s.send(&burst);
    s.send(b"?");
    s.wait_text("┃ ↑ k        move up");
    // Help takes letters as its filter; Ctrl-C still quits.
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
}

/// How long the app may take to reach a `q` queued behind a burst of input. Debug builds on a
/// busy machine can ask for more with `RECHAIN_TEST_BURST_MS`.
fn burst_deadline() -> std::time::Duration {
    std::time::Duration::from_millis(crate::common::env_number("RECHAIN_TEST_BURST_MS", 1000))
}

#[test]
fn a_burst_of_8_kib_of_keys_is_read_to_the_end() {
    let mut s = start(80, 24, &[]);
    // Mostly a key the app ignores, with a move every 64 bytes: the test is about reading every
    // byte, not about how fast a debug build on a busy machine rebuilds a card.
    let mut keys: Vec<u8> = (0..8 * 1024)
        .map(|i| match i % 64 {
            31 => b'j',
            63 => b'k',
            _ => b'z',
        })
        .collect();
    keys.push(b'q');
    let started = std::time::Instant::now();
    s.send_in_background(keys);
    let code = s.wait_exit_within(burst_deadline());
    assert_eq!(
        code,
        Some(0),
        "the app did not reach `q` within {:?}; screen:\n{}",
        burst_deadline(),
        s.screen_text()
    );
    eprintln!("8 KiB burst then q: exited after {:?}", started.elapsed());
    assert_terminal_restored(&s);
}

#[test]
fn mouse_click_selects_a_firm() {
    let mut s = start(80, 24, &[]);
    // Firms pane starts at column 24 (0-based); its second row is screen row 2 (0-based).
    // SGR mouse report: button 0 press at column 30, row 3 (1-based).
    s.send(b"\x1b[<0;30;3M\x1b[<0;30;3m");
    s.wait_text("Operates Mountain Pass");
    s.quit();
}

/// Whether any cell on screen has a foreground or background colour.
fn any_colour(s: &Session) -> bool {
    s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|r| {
            (0..cols.get()).any(|c| {
                screen.cell(r, c).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    })
}

#[test]
fn no_color_draws_without_colours() {
    let mut plain = start(80, 24, &[("NO_COLOR", "1")]);
    assert!(!any_colour(&plain), "colour drawn although NO_COLOR is set");
    plain.send(b"q");
    assert_eq!(plain.wait_exit(), 0);

    let mut coloured = start(80, 24, &[]);
    assert!(any_colour(&coloured), "no colour without NO_COLOR");
    coloured.send(b"q");
    assert_eq!(coloured.wait_exit(), 0);
}

/// A terminal the app cannot drive (stdout is a terminal, but the process has no controlling
/// terminal to read keys from) is an I/O failure with its own exit status, not "invalid model".
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_it_cannot_drive_exits_with_the_io_status() {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};

    let pty = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize::default())
        .expect("open a pty");
    let name = pty.master.tty_name().expect("pty name");
    let terminal = std::fs::OpenOptions::new()
        .write(true)
        .open(name)
        .expect("open the pty");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rechain"));
    cmd.arg(fixture())
        .stdin(Stdio::null())
        .stdout(terminal)
        .stderr(Stdio::piped());
    // SAFETY: setsid is async-signal-safe; it detaches the child from any controlling terminal.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let out = cmd.output().expect("run rechain");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("terminal error"), "{stderr}");
}

#[test]
fn y_sends_the_view_to_the_terminal_clipboard_and_says_so() {
    let mut s = start(100, 30, &[]);
    s.send(b"y");
    s.wait_text("OSC 52");
    let out = s.raw_output();
    let sent = out.windows(7).any(|w| w == b"\x1b]52;c;");
    assert!(sent, "no OSC 52 sequence in the output");
    s.quit();
    assert_terminal_restored(&s);
}
