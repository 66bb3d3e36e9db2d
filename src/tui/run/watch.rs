//! Background reloads: the loader thread and the file watch that asks it to reload.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::{DEBOUNCE, SETTLE, hash_text};
use crate::model::{LoadError, Origin, load};
use crate::tui::action::Action;

/// Reads and validates the model file on its own thread, one load at a time; requests that
/// arrive during a load are merged into the next.
pub(super) struct Loader {
    pub(super) requests: Sender<bool>,
}

impl Loader {
    pub(super) fn spawn(path: PathBuf, hash: u64, out: Sender<Action>) -> io::Result<Loader> {
        let (tx, rx) = mpsc::channel::<bool>();
        thread::Builder::new()
            .name("rechain-loader".into())
            .spawn(move || load_loop(&path, hash, &rx, &out))?;
        Ok(Loader { requests: tx })
    }

    /// Asks for a reload; `forced` reloads even when the text is unchanged.
    pub(super) fn request(&self, forced: bool) {
        let _ = self.requests.send(forced);
    }
}

fn load_loop(path: &Path, mut last_hash: u64, requests: &Receiver<bool>, out: &Sender<Action>) {
    let origin = Origin::File(path.to_path_buf());
    let mut removed = false;
    while let Ok(mut forced) = requests.recv() {
        while let Ok(more) = requests.try_recv() {
            forced |= more;
        }
        if let Some(refused) = special_file(path) {
            if out.send(Action::Loaded(Box::new(Err(refused)))).is_err() {
                return;
            }
            continue;
        }
        let text = match read_settled(path) {
            Ok(text) => text,
            Err(e) if e.unreadable && !path.exists() => {
                if !removed {
                    removed = true;
                    last_hash = 0;
                    if out.send(Action::FileRemoved).is_err() {
                        return;
                    }
                }
                continue;
            }
            Err(e) => {
                if out.send(Action::Loaded(Box::new(Err(e)))).is_err() {
                    return;
                }
                continue;
            }
        };
        removed = false;
        let hash = hash_text(&text);
        if hash == last_hash && !forced {
            continue;
        }
        let mut result = load::load_text(&text, origin.clone());
        let mut loaded_hash = hash;
        if result.is_err() {
            // Perhaps caught mid-save: look once more after the writer had time to finish.
            thread::sleep(SETTLE);
            if let Ok(again) = load::read(path) {
                let again_hash = hash_text(&again);
                if again_hash != hash {
                    result = load::load_text(&again, origin.clone());
                    loaded_hash = again_hash;
                }
            }
        }
        last_hash = loaded_hash;
        if out.send(Action::Loaded(Box::new(result))).is_err() {
            return;
        }
    }
}

/// A FIFO, socket or device where the model was: opening it could block the loader for good.
fn special_file(path: &Path) -> Option<LoadError> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    let mut problem = crate::model::Problem::error(
        "",
        "is not a regular file (a FIFO, socket or device); only regular files are read",
    );
    problem.file = path.display().to_string();
    Some(LoadError {
        unreadable: true,
        problems: vec![problem],
    })
}

/// Reads the file, trying once more after a pause when it is missing (a delete-then-create
/// save in progress).
fn read_settled(path: &Path) -> Result<String, LoadError> {
    match load::read(path) {
        Err(e) if e.unreadable && !path.exists() => {
            thread::sleep(SETTLE);
            load::read(path)
        }
        other => other,
    }
}

/// Watches the file's directory (editors replace files by renaming over them, which a watch
/// on the file itself would lose) and asks for a reload when the file's name shows up. When
/// the path is a symlink, the target's directory is watched too, so saves to the target count.
pub(super) fn watch_file(
    path: &Path,
    requests: Sender<bool>,
) -> Result<notify_debouncer_mini::Debouncer<notify::RecommendedWatcher>, String> {
    use notify::RecursiveMode;
    use notify_debouncer_mini::{Config, DebounceEventResult, new_debouncer_opt};

    let mut watched = vec![dir_and_name(path)?];
    if let Ok(target) = std::fs::canonicalize(path) {
        let target = dir_and_name(&target)?;
        let link_dir = std::fs::canonicalize(&watched[0].0).unwrap_or(watched[0].0.clone());
        if (&link_dir, &watched[0].1) != (&target.0, &target.1) {
            watched.push(target);
        }
    }
    let names: Vec<std::ffi::OsString> = watched.iter().map(|(_, n)| n.clone()).collect();
    let config = Config::default()
        .with_timeout(DEBOUNCE)
        .with_batch_mode(false);
    let mut debouncer = new_debouncer_opt::<_, notify::RecommendedWatcher>(
        config,
        move |result: DebounceEventResult| {
            // A name from the other directory may also match; an unchanged text is not reloaded.
            if let Ok(events) = result
                && events.iter().any(|e| {
                    e.path
                        .file_name()
                        .is_some_and(|n| names.iter().any(|name| name == n))
                })
            {
                let _ = requests.send(false);
            }
        },
    )
    .map_err(|e| e.to_string())?;
    for (dir, _) in &watched {
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| e.to_string())?;
    }
    Ok(debouncer)
}

/// The directory to watch for `path` and the name to look for in it.
fn dir_and_name(path: &Path) -> Result<(PathBuf, std::ffi::OsString), String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} has no file name", path.display()))?
        .to_owned();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, name))
}
