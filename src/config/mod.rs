//! The settings file: a theme, the what-if the app opens with, its start pane and key
//! overrides by command name. A broken file is reported with its line and column and ignored,
//! so the app always opens.

pub mod keys;

use std::ops::Range;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

pub use keys::KeySpec;

/// Read from `$RECHAIN_CONFIG`, else `$XDG_CONFIG_HOME/rechain/config.toml`, else
/// `~/.config/rechain/config.toml`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// `default`, or `high-contrast` (bold and bright instead of dim; `NO_COLOR` still wins).
    #[serde(default)]
    pub theme: ThemeName,
    /// The pane that has focus when the app opens: stages, firms, shares or events.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub start: Option<Spanned<String>>,
    /// The what-if the app opens with (the command line never reads it, so scripts give the
    /// same answer on every machine).
    #[serde(default)]
    pub what_if: WhatIf,
    /// Keys by command name (`quit = "q"`, `show-plants = ["p", "F5"]`); a command named here keeps
    /// only the keys given.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, KeysSchema>")]
    pub keys: IndexMap<String, Spanned<OneOrMany>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WhatIf {
    /// Country codes taken out when the app opens.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// How excluded countries take out facilities: location, owner or either.
    #[serde(default)]
    pub by: Option<ByName>,
    /// Percent a holder needs to count as an owner.
    #[serde(default)]
    #[schemars(with = "Option<u8>", range(max = 100))]
    pub control: Option<Spanned<i64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ByName {
    Location,
    Owner,
    Either,
}

/// A key or a list of keys, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn keys(&self) -> &[String] {
        match self {
            OneOrMany::One(key) => std::slice::from_ref(key),
            OneOrMany::Many(keys) => keys,
        }
    }
}

/// The schema's view of [`OneOrMany`].
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, reason = "only its schema is used")]
enum KeysSchema {
    One(String),
    Many(Vec<String>),
}

/// A settings file that could not be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the error has no place in the file (it could not be read).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }
}

/// What was found at the settings path.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub path: Option<PathBuf>,
    pub settings: Settings,
    /// Set when a file exists and was ignored.
    pub error: Option<ConfigError>,
    pub found: bool,
}

/// Where a settings file belongs: `$RECHAIN_CONFIG`, else `$XDG_CONFIG_HOME/rechain/config.toml`,
/// else `~/.config/rechain/config.toml`.
pub fn path() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(path) = var("RECHAIN_CONFIG") {
        return Some(PathBuf::from(path));
    }
    // The XDG rule: a relative $XDG_CONFIG_HOME is ignored.
    let base = var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(base.join("rechain").join("config.toml"))
}

/// Reads the settings at [`path`]; a missing file gives the defaults without an error.
/// `commands` are the names `[keys]` may use.
pub fn load(commands: &[&str]) -> Loaded {
    let Some(path) = path() else {
        return Loaded::default();
    };
    load_from(&path, commands)
}

pub fn load_from(path: &Path, commands: &[&str]) -> Loaded {
    let mut loaded = Loaded {
        path: Some(path.to_owned()),
        ..Loaded::default()
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return loaded,
        Err(e) => {
            loaded.found = true;
            loaded.error = Some(unplaced(path, format!("cannot be read: {e}")));
            return loaded;
        }
    };
    loaded.found = true;
    match parse(path, &text, commands) {
        Ok(settings) => loaded.settings = settings,
        Err(e) => loaded.error = Some(e),
    }
    loaded
}

/// The largest settings file read; a settings file is a few hundred bytes.
const MAX_BYTES: usize = 1 << 20;

/// Parses and checks a settings file's text; `[keys]` may name only `commands`.
pub fn parse(path: &Path, bytes: &[u8], commands: &[&str]) -> Result<Settings, ConfigError> {
    if bytes.len() > MAX_BYTES {
        return Err(unplaced(
            path,
            format!("is {} bytes; a settings file is at most 1 MiB", bytes.len()),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        placed(path, bytes, at..at, "is not UTF-8 here".to_owned())
    })?;
    let settings: Settings = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        placed(path, bytes, span, e.message().trim().to_owned())
    })?;
    check(path, bytes, &settings, commands)?;
    Ok(settings)
}

/// The checks serde cannot make: country codes, pane names and key syntax.
fn check(
    path: &Path,
    bytes: &[u8],
    settings: &Settings,
    commands: &[&str],
) -> Result<(), ConfigError> {
    if let Some(start) = &settings.start
        && !START_PANES.contains(&start.get_ref().as_str())
    {
        return Err(placed(
            path,
            bytes,
            start.span(),
            format!(
                "unknown pane \"{}\"; one of {}",
                start.get_ref(),
                START_PANES.join(", ")
            ),
        ));
    }
    for code in &settings.what_if.exclude {
        let text = code.get_ref();
        if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(placed(
                path,
                bytes,
                code.span(),
                format!("\"{text}\" is not a country code (two capital letters, like CN)"),
            ));
        }
    }
    if let Some(control) = &settings.what_if.control
        && !(0..=100).contains(control.get_ref())
    {
        return Err(placed(
            path,
            bytes,
            control.span(),
            format!(
                "control is a percent from 0 to 100, not {}",
                control.get_ref()
            ),
        ));
    }
    for (command, keys) in &settings.keys {
        if !commands.contains(&command.as_str()) {
            let nearest = commands
                .iter()
                .min_by_key(|c| strsim::levenshtein(c, command))
                .filter(|c| strsim::levenshtein(c, command) <= 3)
                .map_or_else(String::new, |c| format!("; did you mean `{c}`?"));
            return Err(placed(
                path,
                bytes,
                keys.span(),
                format!(
                    "no command named `{command}`{nearest} (rechain man lists them under SETTINGS)"
                ),
            ));
        }
        if keys.get_ref().keys().is_empty() {
            return Err(placed(
                path,
                bytes,
                keys.span(),
                format!("{command} has no key; remove the line to keep its default keys"),
            ));
        }
        for key in keys.get_ref().keys() {
            if let Err(why) = KeySpec::parse(key) {
                return Err(placed(path, bytes, keys.span(), why));
            }
        }
    }
    Ok(())
}

/// The panes `start` may name.
pub const START_PANES: [&str; 4] = ["stages", "firms", "shares", "events"];

fn unplaced(path: &Path, message: String) -> ConfigError {
    ConfigError {
        path: path.to_owned(),
        line: 0,
        column: 0,
        message,
    }
}

/// An error at a byte offset, as 1-based line and column (columns count characters).
pub fn placed(path: &Path, bytes: &[u8], span: Range<usize>, message: String) -> ConfigError {
    let at = span.start.min(bytes.len());
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    ConfigError {
        path: path.to_owned(),
        line,
        column,
        message,
    }
}

/// The JSON Schema of the settings file, for editors.
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Settings).to_value();
    if let Some(fields) = schema.as_object_mut() {
        fields.insert("title".into(), "rechain settings".into());
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMANDS: &[&str] = &["quit", "show-plants"];

    #[test]
    fn a_key_for_a_command_that_does_not_exist_is_named_with_the_nearest() {
        assert_eq!(
            error("[keys]\nshow-plant = \"p\"\n"),
            "config.toml:2:14: no command named `show-plant`; did you mean `show-plants`? (rechain man lists them under SETTINGS)"
        );
    }

    fn error(text: &str) -> String {
        match parse(Path::new("config.toml"), text.as_bytes(), COMMANDS) {
            Ok(_) => panic!("{text:?} was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_full_file_reads() {
        let text = "theme = \"high-contrast\"\nstart = \"firms\"\n\n[what-if]\nexclude = [\"CN\"]\nby = \"either\"\ncontrol = 50\n\n[keys]\nquit = \"Q\"\nshow-plants = [\"p\", \"f5\"]\n";
        let settings =
            parse(Path::new("c.toml"), text.as_bytes(), COMMANDS).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(settings.theme, ThemeName::HighContrast);
        assert_eq!(settings.what_if.by, Some(ByName::Either));
        assert_eq!(settings.what_if.control.map(Spanned::into_inner), Some(50));
        assert_eq!(settings.keys["show-plants"].get_ref().keys(), ["p", "f5"]);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        assert!(error("theme = \"dark\"\n").starts_with("config.toml:1:9: "));
        assert!(error("\n\nthem = 1\n").starts_with("config.toml:3:1: "));
        assert!(error("[keys]\nquit = \"hyper-q\"\n").starts_with("config.toml:2:8: "));
        assert!(
            error("[what-if]\nexclude = [\"CN\", \"china\"]\n").starts_with("config.toml:2:18: ")
        );
        assert!(error("start = \"plantz\"\n").contains("unknown pane \"plantz\""));
        assert_eq!(
            error("[what-if]\ncontrol = 300\n"),
            "config.toml:2:11: control is a percent from 0 to 100, not 300"
        );
        assert!(error("x = [\n").starts_with("config.toml:"));
    }

    #[test]
    fn a_missing_file_is_the_defaults_without_an_error() {
        let loaded = load_from(Path::new("/nonexistent/rechain/config.toml"), COMMANDS);
        assert!(!loaded.found);
        assert!(loaded.error.is_none());
        assert_eq!(loaded.settings.theme, ThemeName::Default);
    }
}
