//! Man pages: rechain(1), with the app's keys, examples, exit statuses, environment and files,
//! and one rechain-VERB(1) per verb. Options come from the command line's own definition and
//! keys from the app's keymap, so a page never lists a flag or key that does not exist.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use clap_mangen::Man;

use super::{examples, exit};
use crate::tui::keymap::help_rows;

/// What each exit status means, as the README's table says it.
const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Done; also when the reader of the output leaves early (rechain export | head).",
    ),
    (
        "1",
        "The model is invalid, or the request found nothing (no match, an empty filter, an \
         ambiguous name, an unknown country); for diff, the models differ.",
    ),
    (
        "2",
        "The model file could not be read, or the command line was wrong; for diff, either \
         model could not be read or is not valid.",
    ),
    (
        "3",
        "Writing the output or driving the terminal failed (a full disk, a terminal that went \
         away).",
    ),
    (
        "128+N",
        "The app was ended by signal N, after restoring the terminal.",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "VISUAL, EDITOR",
        "The editor e opens at the selected entity (split as a shell would).",
    ),
    (
        "BROWSER",
        "The program o opens a URL with; else xdg-open, else open.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, the app draws without colour.",
    ),
    (
        "WAYLAND_DISPLAY, DISPLAY",
        "Which clipboard program y and Y use: wl-copy under Wayland, xclip or xsel under X.",
    ),
    (
        "RECHAIN_CONFIG, XDG_CONFIG_HOME",
        "The settings file: $RECHAIN_CONFIG, else $XDG_CONFIG_HOME/rechain/config.toml; \
         rechain info names it and says whether it was read.",
    ),
    (
        "RECHAIN_COMPLETE",
        "Set by the scripts of rechain completions when the shell asks for completions; not \
         for use by hand.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "./chain.yaml",
        "The model used when no FILE or -f FILE is given and the file exists; else the model \
         built into rechain.",
    ),
    (
        "rechain.schema.json",
        "The JSON Schema rechain schema prints, named by the first line of the files rechain \
         writes, for editors that check YAML.",
    ),
    (
        "~/.config/rechain/config.toml",
        "The app's settings (theme, start pane, the what-if it opens with, keys by command \
         name); rechain schema --config prints its JSON Schema. The command line does not \
         read it, so scripts give the same answer everywhere. A broken file is reported with \
         its line and column and ignored.",
    ),
];

/// `rechain man`, `rechain man VERB`, `rechain man --dir DIR`.
pub fn run(verb: Option<&str>, dir: Option<&Path>) -> io::Result<u8> {
    if let Some(dir) = dir {
        return write_all(dir);
    }
    let page = match verb {
        None => main_page()?,
        Some(verb) => {
            let Some(page) = verb_page(verb)? else {
                let verbs = verb_names().join(", ");
                errln!("rechain: man: no verb `{verb}`; the verbs are {verbs}");
                return Ok(exit::UNREADABLE);
            };
            page
        }
    };
    io::stdout().lock().write_all(&page)?;
    Ok(exit::OK)
}

fn write_all(dir: &Path) -> io::Result<u8> {
    if let Err(e) = fs::create_dir_all(dir) {
        errln!("rechain: man: cannot create {}: {e}", dir.display());
        return Ok(exit::UNREADABLE);
    }
    let mut pages = vec![("rechain.1".to_owned(), main_page()?)];
    for verb in verb_names() {
        if let Some(page) = verb_page(&verb)? {
            pages.push((format!("rechain-{verb}.1"), page));
        }
    }
    for (name, page) in &pages {
        let path = dir.join(name);
        if let Err(e) = fs::write(&path, page) {
            errln!("rechain: man: cannot write {}: {e}", path.display());
            return Ok(exit::IO);
        }
    }
    errln!("rechain: wrote {} pages to {}", pages.len(), dir.display());
    Ok(exit::OK)
}

/// The command line as the pages describe it: built, so that each verb knows its full name,
/// and without clap's `help` verb, which has no page.
fn command() -> clap::Command {
    let mut cmd = super::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

fn verb_names() -> Vec<String> {
    command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_owned())
        .collect()
}

/// What every page opens with: title, name, synopsis, description and options.
fn head(man: &Man) -> io::Result<Vec<u8>> {
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    Ok(page)
}

/// rechain(1).
pub fn main_page() -> io::Result<Vec<u8>> {
    let cmd = command();
    let man = Man::new(cmd);
    let mut page = head(&man)?;
    man.render_subcommands_section(&mut page)?;
    let mut roff = Roff(page);
    roff.section("KEYS");
    roff.paragraph(
        "In the app (the full list is also under ? there); in the search box, the prompt and \
         help, characters are typed as text:",
    );
    for (keys, help) in help_rows(&crate::tui::keymap::Overrides::default()) {
        roff.item(&keys, help);
    }
    roff.section("SETTINGS");
    roff.paragraph(
        "The app's settings file (see FILES) moves keys by command name under [keys], for \
         example show-plants = [\"P\", \"f5\"]. The names:",
    );
    let names: Vec<&str> = crate::tui::command::Command::ALL
        .iter()
        .map(|c| c.name())
        .collect();
    roff.paragraph(&names.join(", "));
    roff.examples(examples::RECHAIN);
    roff.list("EXIT STATUS", EXIT_STATUS);
    roff.list("ENVIRONMENT", ENVIRONMENT);
    roff.list("FILES", FILES);
    let mut page = roff.0;
    man.render_version_section(&mut page)?;
    Ok(page)
}

/// rechain-VERB(1), or None for a name that is no verb.
pub fn verb_page(verb: &str) -> io::Result<Option<Vec<u8>>> {
    let Some(cmd) = command().find_subcommand(verb).cloned() else {
        return Ok(None);
    };
    let man = Man::new(cmd).source(format!("rechain {}", env!("CARGO_PKG_VERSION")));
    let mut roff = Roff(head(&man)?);
    roff.examples(examples::of(verb));
    roff.list("EXIT STATUS", &EXIT_STATUS[..4]);
    roff.section("SEE ALSO");
    roff.paragraph("rechain(1)");
    Ok(Some(roff.0))
}

/// Roff text appended to what `clap_mangen` renders.
struct Roff(Vec<u8>);

impl Roff {
    fn section(&mut self, name: &str) {
        self.0.extend_from_slice(format!(".SH {name}\n").as_bytes());
    }

    fn paragraph(&mut self, text: &str) {
        self.0.extend_from_slice(b".PP\n");
        self.text_line(text);
    }

    /// A tagged paragraph: the tag in bold, the text under it.
    fn item(&mut self, tag: &str, text: &str) {
        self.0.extend_from_slice(b".TP\n");
        self.0
            .extend_from_slice(format!("\\fB{}\\fR\n", escape(tag)).as_bytes());
        self.text_line(text);
    }

    fn list(&mut self, name: &str, items: &[(&str, &str)]) {
        self.section(name);
        for &(tag, text) in items {
            self.item(tag, text);
        }
    }

    fn examples(&mut self, examples: &[examples::Example]) {
        if examples.is_empty() {
            return;
        }
        self.section("EXAMPLES");
        for &(line, what) in examples {
            self.item(line, what);
        }
    }

    fn text_line(&mut self, text: &str) {
        self.0.extend_from_slice(escape(text).as_bytes());
        self.0.push(b'\n');
    }
}

/// Text that roff shows as written: backslashes and hyphens escaped, no line taken for a
/// request, and no line break inside.
fn escape(text: &str) -> String {
    let one_line = text.replace('\n', " ");
    let escaped = one_line.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_keeps_text_as_written() {
        assert_eq!(escape("--as-of"), "\\-\\-as\\-of");
        assert_eq!(escape(".hidden"), "\\&.hidden");
        assert_eq!(escape("'quote"), "\\&'quote");
        assert_eq!(escape("a\\b"), "a\\eb");
        assert_eq!(escape("two\nlines"), "two lines");
    }
}
