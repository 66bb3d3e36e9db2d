//! Putting text on the clipboard: OSC 52 to the terminal (it works over SSH, where the
//! terminal allows it) and the local clipboard program when there is one, fed on another thread
//! so the UI never waits for it. The message says which way the text went and nothing more.

use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::Sender;
use std::thread;

use super::msg::Msg;
use crate::present::format::count;

/// A program that puts its standard input on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tool {
    pub program: &'static str,
    pub args: &'static [&'static str],
}

const WL_COPY: Tool = Tool {
    program: "wl-copy",
    args: &[],
};
const XCLIP: Tool = Tool {
    program: "xclip",
    args: &["-selection", "clipboard"],
};
const XSEL: Tool = Tool {
    program: "xsel",
    args: &["--clipboard", "--input"],
};
const PBCOPY: Tool = Tool {
    program: "pbcopy",
    args: &[],
};
const CLIP_EXE: Tool = Tool {
    program: "clip.exe",
    args: &[],
};

/// The clipboard program for this session: `wl-copy` under Wayland, `xclip` or `xsel` under
/// X, `pbcopy` on macOS, `clip.exe` on Windows and WSL; the first that is installed.
pub fn find_tool(
    var: impl Fn(&str) -> Option<String>,
    installed: impl Fn(&str) -> bool,
) -> Option<Tool> {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let mut candidates = Vec::new();
    if set("WAYLAND_DISPLAY") {
        candidates.push(WL_COPY);
    }
    if set("DISPLAY") {
        candidates.extend([XCLIP, XSEL]);
    }
    if cfg!(target_os = "macos") {
        candidates.push(PBCOPY);
    }
    if cfg!(windows) || set("WSL_DISTRO_NAME") || set("WSL_INTEROP") {
        candidates.push(CLIP_EXE);
    }
    candidates.into_iter().find(|t| installed(t.program))
}

/// Whether `program` is an executable file in a directory of `$PATH`.
pub fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}

#[cfg(unix)]
fn is_executable(file: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    file.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(file: &std::path::Path) -> bool {
    file.is_file()
}

/// The longest OSC 52 sequence sent, in bytes. Terminals that limit the sequence do so near
/// this size (Chromium OS's osc52 script for hterm stops at 100 000 bytes) and drop or cut a
/// longer one; a larger write would also hold up the UI thread on a slow terminal.
pub const OSC52_MAX: usize = 100_000;

/// The OSC 52 sequence that asks the terminal to put `text` on the system clipboard, or None
/// when it would be longer than [`OSC52_MAX`].
pub fn osc52(text: &str) -> Option<String> {
    const FRAME: usize = "\x1b]52;c;\x07".len();
    let encoded = text.len().div_ceil(3) * 4;
    (encoded + FRAME <= OSC52_MAX).then(|| format!("\x1b]52;c;{}\x07", base64(text.as_bytes())))
}

/// Standard base64 with padding, as OSC 52 wants.
pub fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// How the local program fared when it was started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Local {
    /// No clipboard program for this session.
    None,
    Started(&'static str),
    /// It could not be started (which, why).
    Failed(&'static str, String),
}

/// How a copy went: whether the terminal was sent the text, and the local program's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// False when the text was too large for OSC 52.
    pub osc52: bool,
    pub local: Local,
}

/// Said when the text was too large for OSC 52 and no program took it.
const TOO_LARGE: &str = "too large for the terminal's clipboard (OSC 52); w writes it to a file";

/// What the status line says after a copy: only what was done, that first, then why (a
/// narrow status bar shows what comes before the first ` — `).
pub fn copy_message(lines: usize, copied: &Copied) -> (String, bool) {
    let n = count(lines as u128, "line", "lines");
    match (&copied.local, copied.osc52) {
        (Local::Started(tool), true) => (format!("copied {n} via {tool} and OSC 52"), false),
        (Local::Started(tool), false) => (
            format!("copied {n} via {tool} — too large for the terminal's clipboard (OSC 52)"),
            false,
        ),
        (Local::None, true) => (
            format!("sent {n} via OSC 52 only — your terminal may ignore it"),
            false,
        ),
        (Local::None, false) => (format!("nothing copied — {n}: {TOO_LARGE}"), true),
        (Local::Failed(tool, why), true) => (
            format!(
                "sent {n} via OSC 52 only — {tool} failed ({why}); your terminal may ignore OSC 52"
            ),
            true,
        ),
        (Local::Failed(tool, why), false) => (
            format!("nothing copied — {tool} failed ({why}); {n}: {TOO_LARGE}"),
            true,
        ),
    }
}

/// What the status line says when a clipboard program that started failed afterwards.
pub fn failed_message(tool: &str, why: &str, osc52: bool) -> String {
    if osc52 {
        format!("sent via OSC 52 only — {tool} failed ({why}); your terminal may ignore OSC 52")
    } else {
        format!("nothing copied — {tool} failed ({why}); the text was {TOO_LARGE}")
    }
}

/// Sends `text` by OSC 52 on `out` unless it is too large, and hands it to the local
/// clipboard program, if any. A program that fails after starting is reported on `report`.
pub fn copy<M: From<Msg> + Send + 'static>(
    text: &str,
    out: &mut impl Write,
    report: &Sender<M>,
) -> io::Result<Copied> {
    let osc52 = send_osc52(text, out)?;
    let local = feed_local(text, osc52, report);
    Ok(Copied { osc52, local })
}

/// Writes the OSC 52 sequence for `text` on `out`; false, and nothing written, when the text
/// is too large for it.
pub fn send_osc52(text: &str, out: &mut impl Write) -> io::Result<bool> {
    let Some(sequence) = osc52(text) else {
        return Ok(false);
    };
    out.write_all(sequence.as_bytes())?;
    out.flush()?;
    Ok(true)
}

/// Starts the local clipboard program and feeds it `text` on another thread.
fn feed_local<M: From<Msg> + Send + 'static>(text: &str, osc52: bool, report: &Sender<M>) -> Local {
    let Some(tool) = find_tool(|v| std::env::var(v).ok(), on_path) else {
        return Local::None;
    };
    let child = Command::new(tool.program)
        .args(tool.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return Local::Failed(tool.program, e.to_string()),
    };
    let text = text.to_owned();
    let report = report.clone();
    thread::spawn(move || {
        let fed = child
            .stdin
            .take()
            .map_or(Ok(()), |mut stdin| stdin.write_all(text.as_bytes()));
        let why = match (fed, child.wait()) {
            (Err(e), _) | (_, Err(e)) => Some(e.to_string()),
            (Ok(()), Ok(status)) if !status.success() => Some(status.to_string()),
            _ => None,
        };
        if let Some(why) = why {
            let tool = tool.program.to_owned();
            let _ = report.send(Msg::ClipboardFailed { tool, why, osc52 }.into());
        }
    });
    Local::Started(tool.program)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_session_decides_the_tool_and_only_installed_ones_count() {
        let all = |_: &str| true;
        let wayland = [("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")];
        assert_eq!(find_tool(env(&wayland), all), Some(WL_COPY));
        assert_eq!(find_tool(env(&[("DISPLAY", ":0")]), all), Some(XCLIP));
        let xsel_only = |p: &str| p == "xsel";
        assert_eq!(find_tool(env(&[("DISPLAY", ":0")]), xsel_only), Some(XSEL));
        let empty = [("DISPLAY", ""), ("WAYLAND_DISPLAY", "")];
        if !cfg!(target_os = "macos") && !cfg!(windows) {
            assert_eq!(find_tool(env(&empty), all), None);
            assert_eq!(
                find_tool(env(&[("WSL_DISTRO_NAME", "U")]), all),
                Some(CLIP_EXE)
            );
        }
        assert_eq!(find_tool(env(&wayland), |_| false), None);
    }

    #[test]
    fn the_message_never_claims_more_than_was_done() {
        let sent = |local| Copied { osc52: true, local };
        let (text, error) = copy_message(12, &sent(Local::Started("xclip")));
        assert_eq!(text, "copied 12 lines via xclip and OSC 52");
        assert!(!error);
        let (text, _) = copy_message(1, &sent(Local::None));
        assert_eq!(
            text,
            "sent 1 line via OSC 52 only — your terminal may ignore it"
        );
        let (text, error) = copy_message(3, &sent(Local::Failed("wl-copy", "not found".into())));
        assert!(
            text.starts_with("sent 3 lines via OSC 52 only — wl-copy failed (not found)"),
            "{text}"
        );
        assert!(error);
    }

    #[test]
    fn a_copy_too_large_for_osc_52_says_so_and_where_it_went() {
        let big = |local| Copied {
            osc52: false,
            local,
        };
        let (text, error) = copy_message(9, &big(Local::Started("xclip")));
        assert_eq!(
            text,
            "copied 9 lines via xclip — too large for the terminal's clipboard (OSC 52)"
        );
        assert!(!error);
        let (text, error) = copy_message(9, &big(Local::None));
        assert!(
            text.starts_with(
                "nothing copied — 9 lines: too large for the terminal's clipboard (OSC 52)"
            ),
            "{text}"
        );
        assert!(error);
        let (text, error) = copy_message(9, &big(Local::Failed("xclip", "gone".into())));
        assert!(
            text.starts_with("nothing copied — xclip failed (gone); 9 lines: too large"),
            "{text}"
        );
        assert!(error);
        assert!(failed_message("xclip", "exit 1", false).contains("nothing copied"));
        assert!(failed_message("xclip", "exit 1", true).starts_with("sent via OSC 52 only"));
    }

    #[test]
    fn osc52_wraps_the_base64_text() {
        assert_eq!(osc52("foo").as_deref(), Some("\x1b]52;c;Zm9v\x07"));
    }

    #[test]
    fn osc52_is_capped_and_nothing_goes_to_the_terminal_above_the_cap() {
        // 3 bytes of text are 4 of base64; the frame takes 8.
        let most = (OSC52_MAX - 8) / 4 * 3;
        let fits = osc52(&"x".repeat(most)).expect("fits");
        assert!(fits.len() <= OSC52_MAX, "{}", fits.len());
        assert_eq!(osc52(&"x".repeat(most + 1)), None);
        let mut out = Vec::new();
        assert!(!send_osc52(&"y".repeat(84 << 20), &mut out).expect("no error"));
        assert!(out.is_empty(), "{} bytes sent to the terminal", out.len());
        assert!(send_osc52("foo", &mut out).expect("no error"));
        assert_eq!(out, b"\x1b]52;c;Zm9v\x07");
    }
}
