//! Handing the terminal to the editor or the shell, and taking it back with a full redraw.

use std::io::{self, stdout};
use std::path::Path;
use std::process::Command;

use crossterm::execute;
use crossterm::terminal::{Clear, ClearType};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::{Term, enter_terminal, leave_terminal};
use crate::tui::action::Action;
use crate::tui::app::App;

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
            app.say(&e, true);
            return Ok(());
        }
    };
    leave_terminal();
    let status = Command::new(&program).args(&args).status();
    retake_terminal(terminal, app)?;
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => app.say(&format!("{program} exited with {s}"), true),
        Err(e) => app.say(&format!("could not run `{program}`: {e}"), true),
    }
    Ok(())
}

/// Sets the terminal up again after the app gave it away, for a frame drawn in full.
fn retake_terminal(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    enter_terminal()?;
    // A fresh terminal whose next frame is drawn in full on a cleared screen (ratatui's
    // `clear` asks the terminal for the cursor position, which not every terminal answers).
    execute!(stdout(), Clear(ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    // The terminal may have been resized while the app was away.
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    Ok(())
}

/// Ctrl-Z: gives the terminal back to the shell and stops, as any program does on SIGTSTP;
/// when the shell continues it (`fg`), takes the terminal back.
#[cfg(unix)]
pub(super) fn suspend(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    leave_terminal();
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
    app.say("this terminal has no job control to suspend to", true);
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
    let file = path.display().to_string();
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
