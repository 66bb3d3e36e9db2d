//! Background reloads: the loader thread and the file watch that asks it to reload.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::{DEBOUNCE, SETTLE, hash_text};
use crate::analysis::diff::{compare_serialized, serialized};
use crate::model::{LoadError, Model, Origin, load};
use crate::tui::action::Action;
use crate::tui::app::ReloadDiff;

/// Reads and validates the model file on its own thread, one load at a time; requests that
/// arrive during a load are merged into the next.
pub(super) struct Loader {
    pub(super) requests: Sender<bool>,
    /// Set while a load runs, so the loop looks for its result more often.
    busy: Arc<AtomicBool>,
}

impl Loader {
    /// `good` is the good model on screen, what the first reload is compared with.
    pub(super) fn spawn(
        path: PathBuf,
        hash: u64,
        good: Option<Arc<Model>>,
        out: Sender<Action>,
    ) -> io::Result<Loader> {
        let (tx, rx) = mpsc::channel::<bool>();
        let busy = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&busy);
        let previous = Previous {
            model: good,
            text: None,
        };
        thread::Builder::new()
            .name("rechain-loader".into())
            .spawn(move || load_loop(&path, hash, previous, &rx, &out, &flag))?;
        Ok(Loader { requests: tx, busy })
    }

    pub(super) fn busy(&self) -> bool {
        self.busy.load(Ordering::Relaxed)
    }

    /// Asks for a reload; `forced` reloads even when the text is unchanged.
    pub(super) fn request(&self, forced: bool) {
        let _ = self.requests.send(forced);
    }
}

/// Raises a flag for as long as it lives.
pub(super) struct Raised<'a>(&'a AtomicBool);

impl<'a> Raised<'a> {
    pub(super) fn new(flag: &'a AtomicBool) -> Raised<'a> {
        flag.store(true, Ordering::Relaxed);
        Raised(flag)
    }
}

impl Drop for Raised<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

/// The last good model, serialized when first compared with, so a reload can say what
/// changed since.
struct Previous {
    model: Option<Arc<Model>>,
    text: Option<String>,
}

impl Previous {
    /// Sends a load's result, then (for a good model) what changed since the previous good
    /// one. False when the app is gone.
    fn send(&mut self, result: Result<Model, LoadError>, out: &Sender<Action>) -> bool {
        let result = result.map(Arc::new);
        let good = result.as_ref().ok().map(Arc::clone);
        // The model goes on screen first; the comparison follows.
        if out.send(Action::Loaded(Box::new(result))).is_err() {
            return false;
        }
        let Some(model) = good else { return true };
        let text = serialized(model.file());
        drop(model);
        let old = (self.text.take()).or_else(|| self.model.take().map(|m| serialized(m.file())));
        let diff = old.map(|old| compare_serialized(&old, &text));
        self.text = Some(text);
        diff.is_none_or(|diff| {
            let reload = Box::new(ReloadDiff::new(diff));
            out.send(Action::Changes(reload)).is_ok()
        })
    }
}

fn load_loop(
    path: &Path,
    mut last_hash: u64,
    mut previous: Previous,
    requests: &Receiver<bool>,
    out: &Sender<Action>,
    busy: &AtomicBool,
) {
    let origin = Origin::File(path.to_path_buf());
    let mut removed = false;
    while let Ok(mut forced) = requests.recv() {
        // Lowered after the result is sent, so the loop never misses it.
        let _busy = Raised::new(busy);
        loop {
            while let Ok(more) = requests.try_recv() {
                forced |= more;
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
                    break;
                }
                Err(e) => {
                    if out.send(Action::loaded(Err(e))).is_err() {
                        return;
                    }
                    break;
                }
            };
            removed = false;
            let hash = hash_text(&text);
            if hash == last_hash && !forced {
                break;
            }
            let (result, loaded_hash) = load_settled(path, &text, hash, &origin);
            // A save that came in while this one loaded makes its result stale: load the
            // newer file instead of showing this one first.
            if let Ok(more) = requests.try_recv() {
                forced = more;
                continue;
            }
            last_hash = loaded_hash;
            if !previous.send(result, out) {
                return;
            }
            break;
        }
    }
}

/// Loads `text`; when it fails, looks once more after the writer had time to finish, since
/// it may have been caught mid-save. Returns the result and the hash of the text it is for.
fn load_settled(
    path: &Path,
    text: &str,
    hash: u64,
    origin: &Origin,
) -> (Result<Model, LoadError>, u64) {
    let result = load::load_text(text, origin.clone());
    if result.is_err() {
        thread::sleep(SETTLE);
        if let Ok(again) = load::read(path) {
            let again_hash = hash_text(&again);
            if again_hash != hash {
                return (load::load_text(&again, origin.clone()), again_hash);
            }
        }
    }
    (result, hash)
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
) -> Result<notify::RecommendedWatcher, String> {
    use notify::{RecursiveMode, Watcher};

    let mut places = vec![dir_and_name(path)?];
    if let Ok(target) = std::fs::canonicalize(path) {
        let target = dir_and_name(&target)?;
        let link_dir = std::fs::canonicalize(&places[0].0).unwrap_or(places[0].0.clone());
        if (&link_dir, &places[0].1) != (&target.0, &target.1) {
            places.push(target);
        }
    }
    let names: Vec<std::ffi::OsString> = places.iter().map(|(_, n)| n.clone()).collect();
    let (to_debounce, changed) = mpsc::channel::<bool>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        // A name from the other directory may also match; an unchanged text is not reloaded.
        if let Ok(event) = result
            && let Some(complete) = change_kind(event.kind)
            && event.paths.iter().any(|p| {
                p.file_name()
                    .is_some_and(|n| names.iter().any(|name| name == n))
            })
        {
            let _ = to_debounce.send(complete);
        }
    })
    .map_err(|e| e.to_string())?;
    thread::Builder::new()
        .name("rechain-watch".into())
        .spawn(move || debounce(&changed, &requests))
        .map_err(|e| e.to_string())?;
    for (dir, _) in &places {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| e.to_string())?;
    }
    Ok(watcher)
}

/// What a file event means for the model: `Some(true)` when the file is whole now (closed
/// after writing, or renamed into place), `Some(false)` for other changes (a truncation, a
/// write still going on, a delete), which wait for a quiet moment, and None for reads (the
/// loader's own included), which change nothing.
fn change_kind(kind: notify::EventKind) -> Option<bool> {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => Some(true),
        EventKind::Access(_) => None,
        _ => Some(false),
    }
}

/// Turns file events into reload requests: at once when the file is complete, else after
/// `DEBOUNCE` without further events. Ends when the watcher is dropped.
fn debounce(changed: &Receiver<bool>, requests: &Sender<bool>) {
    use std::sync::mpsc::RecvTimeoutError;
    let mut pending = false;
    loop {
        let next = if pending {
            changed.recv_timeout(DEBOUNCE)
        } else {
            changed.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        let request = match next {
            Ok(complete) => {
                pending = !complete;
                complete
            }
            Err(RecvTimeoutError::Timeout) => {
                pending = false;
                true
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if request && requests.send(false).is_err() {
            return;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A save that arrives while an older one is still loading wins: the older result is
    /// dropped, not shown first.
    #[test]
    fn a_newer_save_replaces_one_still_loading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chain.yaml");
        // Slow to load: a large synthetic model.
        std::fs::write(&path, crate::synth::generate(5_000)).unwrap();
        let (requests_tx, requests) = mpsc::channel();
        let (out, results) = mpsc::channel();
        let busy = Arc::new(AtomicBool::new(false));
        let loop_path = path.clone();
        let loop_busy = Arc::clone(&busy);
        let previous = Previous {
            model: None,
            text: None,
        };
        thread::spawn(move || load_loop(&loop_path, 0, previous, &requests, &out, &loop_busy));
        requests_tx.send(false).unwrap();
        while !busy.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(1));
        }
        std::fs::write(&path, crate::synth::generate(10)).unwrap();
        requests_tx.send(false).unwrap();
        let first = results.recv_timeout(Duration::from_secs(60)).unwrap();
        let Action::Loaded(result) = first else {
            panic!("expected a load result");
        };
        let model = result.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            model.firms.len() < 100,
            "the small model, not the large one that was still loading"
        );
    }
}
