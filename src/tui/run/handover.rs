//! Handing the terminal to the editor or the shell, and taking it back with a full redraw.

use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::signals::HandOver;
use super::{Term, tty};
use crate::tui::app::App;
use crate::tui::msg::Msg;

/// Suspends the app, runs the editor on `path` at `line`, and takes the screen back.
pub(super) fn edit(terminal: &mut Term, app: &mut App, path: &Path, line: u32) -> io::Result<()> {
    let spec = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let (program, args) = match editor_command(&spec, path, line) {
        Ok(command) => command,
        Err(e) => {
            app.update(Msg::Say {
                text: e,
                error: true,
            });
            return Ok(());
        }
    };
    let handed_over = HandOver::start();
    tty::leave();
    let status = run_editor(&program, &args);
    retake_terminal(terminal, app)?;
    drop(handed_over);
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            app.update(Msg::Say {
                text: format!("{program} exited with {s}"),
                error: true,
            });
        }
        Err(e) => {
            app.update(Msg::Say {
                text: format!("could not run `{program}`: {e}"),
                error: true,
            });
        }
    }
    Ok(())
}

/// Sets the terminal up again after the app gave it away, for a frame drawn in full.
fn retake_terminal(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    tty::enter()?;
    // A fresh terminal, whose next frame is drawn in full.
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    // The terminal may have been resized while the app was away.
    let size = terminal.size()?;
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
    Ok(())
}

/// Runs the editor until it ends. It has the terminal meanwhile: when Ctrl-Z stops it, the app
/// stops too, as the job a shell sees, and continues it when the shell continues the job.
#[cfg(unix)]
fn run_editor(program: &str, args: &[String]) -> io::Result<ExitStatus> {
    use std::os::unix::process::ExitStatusExt;

    let handed_over_modes = tty_modes();
    let child = Command::new(program).args(args).spawn()?;
    let pid = child.id() as libc::pid_t;
    loop {
        let mut status = 0;
        // SAFETY: waits for our own child, which `Child` never waits for itself here.
        if unsafe { libc::waitpid(pid, &raw mut status, libc::WUNTRACED) } < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if !libc::WIFSTOPPED(status) {
            return Ok(ExitStatus::from_raw(status));
        }
        let editors_modes = tty_modes();
        // The shell gets the terminal as the app handed it over, whatever the editor set.
        set_tty_modes(handed_over_modes);
        // Failing to stop, the app carries on as if continued at once: the editor must not
        // stay stopped with nobody to continue it.
        let _ = stop_as_by_default();
        set_tty_modes(editors_modes);
        // SAFETY: kill has no memory effects; the pid is our own child's, not yet reaped.
        unsafe { libc::kill(pid, libc::SIGCONT) };
    }
}

/// The terminal's settings (line editing, echo, ...), if standard input is a terminal.
#[cfg(unix)]
fn tty_modes() -> Option<libc::termios> {
    // SAFETY: tcgetattr fills the zeroed struct or fails, on the process's own stdin.
    unsafe {
        let mut modes: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(libc::STDIN_FILENO, &raw mut modes) == 0).then_some(modes)
    }
}

#[cfg(unix)]
fn set_tty_modes(modes: Option<libc::termios>) {
    if let Some(modes) = modes {
        // SAFETY: tcsetattr reads the struct, which tcgetattr filled; a failure changes nothing.
        // At once rather than after pending output, which a stopped terminal may never send.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &raw const modes) };
    }
}

#[cfg(not(unix))]
fn run_editor(program: &str, args: &[String]) -> io::Result<ExitStatus> {
    Command::new(program).args(args).status()
}

/// Ctrl-Z: gives the terminal back to the shell and stops, as any program does on SIGTSTP;
/// when the shell continues it (`fg`), takes the terminal back.
#[cfg(unix)]
pub(super) fn suspend(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    tty::leave();
    stop_as_by_default()?;
    retake_terminal(terminal, app)
}

/// Stops the process as SIGTSTP's default action does, until SIGCONT: the app's own handler
/// is set aside meanwhile, so the kernel decides as for any program (in a process group no
/// shell waits on, it does not stop, which leaves nothing frozen that no `fg` could wake).
#[cfg(unix)]
fn stop_as_by_default() -> io::Result<()> {
    // SAFETY: plain POSIX calls on a zeroed and a kernel-filled `sigaction`; the handler saved
    // is put back exactly as it was.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut own: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &raw const default, &raw mut own) != 0 {
            return Err(io::Error::last_os_error());
        }
        let raised = libc::raise(libc::SIGTSTP);
        libc::sigaction(libc::SIGTSTP, &raw const own, std::ptr::null_mut());
        if raised != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn suspend(_: &mut Term, app: &mut App) -> io::Result<()> {
    app.update(Msg::Say {
        text: "this terminal has no job control to suspend to".into(),
        error: true,
    });
    Ok(())
}

/// The program and arguments that open `path` at `line` in the editor `spec` (`$VISUAL` or
/// `$EDITOR`, which may carry arguments and quotes, as in `code --wait` or
/// `"/opt/My Editor/edit" -n`), split as a POSIX shell would.
pub fn editor_command(spec: &str, path: &Path, line: u32) -> Result<(String, Vec<String>), String> {
    let words =
        shell_words::split(spec).map_err(|e| format!("cannot read the editor `{spec}`: {e}"))?;
    let mut words = words.into_iter();
    let program = words.next().unwrap_or_else(|| "vi".to_string());
    let mut args: Vec<String> = words.collect();
    let name = Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    let file = not_an_option(path).display().to_string();
    match name {
        "vi" | "vim" | "nvim" | "gvim" | "view" | "nano" | "emacs" | "emacsclient" | "hx"
        | "helix" | "kak" | "micro" | "mg" | "joe" | "ne" => {
            args.push(format!("+{line}"));
            args.push(file);
        }
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => {
            args.push("--goto".into());
            args.push(format!("{file}:{line}"));
        }
        "subl" | "sublime_text" | "zed" => args.push(format!("{file}:{line}")),
        _ => args.push(file),
    }
    Ok((program, args))
}

/// `path`, written so that no program reads it as an option: `./-name` for `-name`.
fn not_an_option(path: &Path) -> std::borrow::Cow<'_, Path> {
    if path.is_relative() && path.as_os_str().as_encoded_bytes().starts_with(b"-") {
        Path::new(".").join(path).into()
    } else {
        path.into()
    }
}
