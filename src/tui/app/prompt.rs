//! The status-line prompt of `w`: a file name (typing, Backspace, Enter, Esc), the format
//! from its extension, and a y/n question before an existing file is overwritten. The write
//! itself is the loop's; its outcome comes back as [`Msg::Written`].

use std::path::{Path, PathBuf};

use super::App;
use super::export::ViewExport;
use crate::present::format::count;
use crate::safe_write::{check_name, shown};
use crate::text::one_line;
use crate::tui::command::Command;
use crate::tui::msg::{Effect, Msg, WriteOutcome};

/// Longest file name the prompt takes, in chars.
const NAME_CHARS: usize = 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub step: PromptStep,
    /// The file name as typed.
    pub input: String,
    /// Why the last attempt did not write, shown after the input.
    pub note: Option<String>,
    /// The view as it was when `w` was pressed.
    pub export: ViewExport,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PromptStep {
    FileName,
    /// The file exists: overwrite it (y) or not (n)?
    Overwrite(PendingWrite),
    /// The loop is writing.
    Writing(PendingWrite),
}

/// A write under way: where, in which format, how many lines.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingWrite {
    pub path: PathBuf,
    pub format: &'static str,
    pub lines: usize,
}

impl Prompt {
    /// The file name Enter uses when nothing was typed.
    pub fn default_name(&self) -> String {
        let ext = if self.export.csv.is_some() {
            "csv"
        } else {
            "md"
        };
        format!("{}.{ext}", self.export.name)
    }

    /// What the status line shows: the question and what was typed, every name shown by the
    /// safe-text rule.
    pub fn line(&self) -> String {
        match &self.step {
            PromptStep::FileName => {
                let typed = one_line(&self.input);
                format!("write to (Enter: {}): {typed}", self.default_name())
            }
            PromptStep::Overwrite(w) => {
                format!("{} exists: overwrite it? y/n", shown(&w.path))
            }
            PromptStep::Writing(w) => format!("writing {}…", shown(&w.path)),
        }
    }
}

impl App {
    pub(super) fn open_write_prompt(&mut self) {
        self.prompt = Some(Prompt {
            step: PromptStep::FileName,
            input: String::new(),
            note: None,
            export: self.focused_export(),
        });
    }

    /// Keys while the prompt is open; None when the prompt does not take the action.
    pub(super) fn apply_prompt(&mut self, msg: &Msg) -> Option<Effect> {
        let prompt = self.prompt.as_mut()?;
        match (&prompt.step, msg) {
            // What the loop sends goes on as usual while the prompt is open.
            (
                _,
                Msg::Command(Command::Quit)
                | Msg::Resize { .. }
                | Msg::ExpireMessage(_)
                | Msg::Loaded(_)
                | Msg::FileRemoved
                | Msg::ReloadsOff(_)
                | Msg::Written(_)
                | Msg::ClipboardFailed { .. },
            ) => return None,
            (PromptStep::FileName, Msg::Input(c))
                if !c.is_control() && prompt.input.chars().count() < NAME_CHARS =>
            {
                prompt.input.push(*c);
            }
            (PromptStep::FileName, Msg::Paste(text)) => {
                let room = NAME_CHARS.saturating_sub(prompt.input.chars().count());
                let typed = text.chars().filter(|c| !c.is_control()).take(room);
                prompt.input.extend(typed);
            }
            (PromptStep::FileName, Msg::Command(Command::DeleteChar)) => {
                prompt.input.pop();
            }
            (PromptStep::FileName, Msg::Command(Command::Open)) => return Some(self.submit_name()),
            (PromptStep::FileName, Msg::Command(Command::Back)) => {
                self.prompt = None;
                self.say("nothing written", false);
            }
            (PromptStep::Overwrite(w), Msg::Input('y' | 'Y')) => {
                let w = w.clone();
                return Some(self.write(w, true));
            }
            (PromptStep::Overwrite(w), Msg::Input('n' | 'N') | Msg::Command(Command::Back)) => {
                prompt.note = Some(format!("{} left as it was", shown(&w.path)));
                prompt.step = PromptStep::FileName;
            }
            // Anything else while the prompt is open (clicks, other keys) does nothing.
            _ => {}
        }
        Some(Effect::None)
    }

    /// Enter on a file name: the format from its extension (`.csv` for tables, else
    /// Markdown; `.md` is added when there is none), then the write.
    fn submit_name(&mut self) -> Effect {
        let Some(prompt) = self.prompt.as_mut() else {
            return Effect::None;
        };
        let typed = prompt.input.trim();
        let mut name = if typed.is_empty() {
            prompt.default_name()
        } else {
            typed.to_owned()
        };
        let ext = Path::new(&name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        if ext.is_none() && !name.ends_with(['/', '\\']) {
            name.push_str(".md");
        }
        if let Err(why) = check_name(Path::new(&name)) {
            prompt.note = Some(why);
            return Effect::Redraw;
        }
        let (format, text) = match (ext.as_deref(), &prompt.export.csv) {
            (Some("csv"), Some(csv)) => ("CSV", csv),
            (Some("csv"), None) => {
                prompt.note = Some("this view is not a table: name it .md".into());
                return Effect::Redraw;
            }
            _ => ("Markdown", &prompt.export.markdown),
        };
        let w = PendingWrite {
            path: PathBuf::from(name),
            format,
            lines: text.lines().count(),
        };
        self.write(w, false)
    }

    fn write(&mut self, w: PendingWrite, overwrite: bool) -> Effect {
        let Some(prompt) = self.prompt.as_mut() else {
            return Effect::None;
        };
        let text = if w.format == "CSV" {
            prompt.export.csv.clone().unwrap_or_default()
        } else {
            prompt.export.markdown.clone()
        };
        let path = w.path.clone();
        prompt.note = None;
        prompt.step = PromptStep::Writing(w);
        Effect::Write {
            path,
            text,
            overwrite,
        }
    }

    /// The loop's answer to a write: done, a question before overwriting, or the error with
    /// the name kept for another try.
    pub(super) fn written(&mut self, outcome: WriteOutcome) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let PromptStep::Writing(w) = prompt.step.clone() else {
            return;
        };
        match outcome {
            WriteOutcome::Written { path } => {
                let lines = count(w.lines as u128, "line", "lines");
                let text = format!("wrote {lines} of {} to {}", w.format, shown(&path));
                self.prompt = None;
                self.say(&text, false);
            }
            WriteOutcome::Exists { .. } => prompt.step = PromptStep::Overwrite(w),
            WriteOutcome::Failed { why, .. } => {
                prompt.note = Some(why);
                prompt.step = PromptStep::FileName;
            }
        }
    }
}
