//! Background reloads: the loader thread and the file watch that asks it to reload.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use super::{DEBOUNCE, SETTLE, Wake, hash_text};
use crate::analysis::diff::{compare_serialized, serialized};
use crate::model::{LoadError, Model, Origin, load};
use crate::tui::app::ReloadDiff;
use crate::tui::msg::Msg;

/// Reads and validates the model file on its own thread, one load at a time; requests that
/// arrive during a load are merged into the next.
pub(super) struct Loader {
    pub(super) requests: Sender<bool>,
}

impl Loader {
    /// `good` is the good model on screen, what the first reload is compared with.
    pub(super) fn spawn(
        path: PathBuf,
        hash: u64,
        good: Option<Arc<Model>>,
        out: Sender<Wake>,
    ) -> io::Result<Loader> {
        let (tx, rx) = mpsc::channel::<bool>();
        let previous = Previous {
            model: good,
            text: None,
        };
        thread::Builder::new()
            .name("rechain-loader".into())
            .spawn(move || {
                let busy = AtomicBool::new(false);
                load_loop(&path, hash, previous, &rx, &out, &busy);
            })?;
        Ok(Loader { requests: tx })
    }

    /// Asks for a reload; `forced` reloads even when the text is unchanged.
    pub(super) fn request(&self, forced: bool) {
        let _ = self.requests.send(forced);
    }
}

/// Raises a flag for as long as it lives (tests watch it to act while a load runs).
struct Raised<'a>(&'a AtomicBool);

impl<'a> Raised<'a> {
    fn new(flag: &'a AtomicBool) -> Raised<'a> {
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
    fn send(&mut self, result: Result<Model, LoadError>, out: &Sender<Wake>) -> bool {
        let result = result.map(Arc::new);
        let good = result.as_ref().ok().map(Arc::clone);
        // The model goes on screen first; the comparison follows.
        if out.send(Msg::Loaded(Box::new(result)).into()).is_err() {
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
            out.send(Msg::Changes(reload).into()).is_ok()
        })
    }
}

fn load_loop(
    path: &Path,
    mut last_hash: u64,
    mut previous: Previous,
    requests: &Receiver<bool>,
    out: &Sender<Wake>,
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
                        if out.send(Msg::FileRemoved.into()).is_err() {
                            return;
                        }
                    }
                    break;
                }
                Err(e) => {
                    if out.send(Msg::loaded(Err(e)).into()).is_err() {
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

/// The watch on the model file; dropping it ends the watch.
pub(super) struct FileWatch {
    _watcher: Arc<Mutex<notify::RecommendedWatcher>>,
}

/// Watches the file's directory (editors replace files by renaming over them, which a watch
/// on the file itself would lose) and asks for a reload when the file's name shows up. When
/// the path is a symlink, the target's directory is watched too, so saves to the target count;
/// the link is followed again whenever its name changes, so a file replaced by a link, or a
/// link pointed elsewhere, stays watched.
pub(super) fn watch_file(path: &Path, requests: Sender<bool>) -> Result<FileWatch, String> {
    use notify::{RecursiveMode, Watcher};

    let mut places = Places::new(path)?;
    let (to_debounce, changed) = mpsc::channel::<Change>();
    let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result
            && let Some(complete) = change_kind(event.kind)
        {
            let _ = to_debounce.send(Change {
                paths: event.paths,
                complete,
            });
        }
    })
    .map_err(|e| e.to_string())?;
    let watcher = Arc::new(Mutex::new(watcher));
    {
        let mut w = watcher.lock().map_err(|e| e.to_string())?;
        w.watch(&places.link.0, RecursiveMode::NonRecursive)
            .map_err(|e| e.to_string())?;
        if let Some(dir) = places.other_dir() {
            w.watch(dir, RecursiveMode::NonRecursive)
                .map_err(|e| e.to_string())?;
        }
    }
    // Weak, so that dropping the watch ends the thread too.
    let follow = Arc::downgrade(&watcher);
    thread::Builder::new()
        .name("rechain-watch".into())
        .spawn(move || {
            let mut seen = |paths: &[PathBuf]| {
                if !places.named_in(paths) {
                    return false;
                }
                if let Some(watcher) = follow.upgrade()
                    && let Ok(mut w) = watcher.lock()
                {
                    places.follow(&mut *w);
                }
                true
            };
            debounce(&changed, &requests, &mut seen);
        })
        .map_err(|e| e.to_string())?;
    Ok(FileWatch { _watcher: watcher })
}

/// A file event: the paths it names, and whether it says the file is whole.
struct Change {
    paths: Vec<PathBuf>,
    complete: bool,
}

/// Where the model file is watched: its path's directory as given, and the directory of the
/// file it resolves to when that is elsewhere.
struct Places {
    path: PathBuf,
    link: (PathBuf, std::ffi::OsString),
    /// The link's directory resolved, to tell whether the target is elsewhere.
    link_dir: PathBuf,
    /// Where the path leads, resolved, when that is not the link's own place.
    target: Option<(PathBuf, std::ffi::OsString)>,
}

impl Places {
    fn new(path: &Path) -> Result<Places, String> {
        let link = dir_and_name(path)?;
        let link_dir = std::fs::canonicalize(&link.0).unwrap_or(link.0.clone());
        let mut places = Places {
            path: path.to_path_buf(),
            link,
            link_dir,
            target: None,
        };
        places.target = places.resolve().unwrap_or(None);
        Ok(places)
    }

    /// Where the path leads now: Ok(None) when to its own place, Err when it cannot be
    /// followed (a link being replaced), which keeps the last answer.
    fn resolve(&self) -> Result<Option<(PathBuf, std::ffi::OsString)>, ()> {
        let target = std::fs::canonicalize(&self.path).map_err(|_| ())?;
        let target = dir_and_name(&target).map_err(|_| ())?;
        Ok((target.0 != self.link_dir || target.1 != self.link.1).then_some(target))
    }

    /// The target's directory when it is not the link's (watching one directory by two
    /// names would tie their watches together).
    fn other_dir(&self) -> Option<&Path> {
        self.target
            .as_ref()
            .map(|(dir, _)| dir.as_path())
            .filter(|dir| *dir != self.link_dir)
    }

    /// Whether an event names the file by either name. A name from the other directory may
    /// also match; an unchanged text is not reloaded.
    fn named_in(&self, paths: &[PathBuf]) -> bool {
        paths.iter().any(|p| {
            p.file_name().is_some_and(|n| {
                *n == self.link.1 || self.target.as_ref().is_some_and(|(_, t)| *n == *t)
            })
        })
    }

    /// Follows the path again and moves the second watch to where it leads now.
    fn follow(&mut self, watcher: &mut impl notify::Watcher) {
        let Ok(target) = self.resolve() else { return };
        if target == self.target {
            return;
        }
        let old = self.other_dir().map(Path::to_path_buf);
        self.target = target;
        let new = self.other_dir().map(Path::to_path_buf);
        if old == new {
            return;
        }
        if let Some(old) = old {
            let _ = watcher.unwatch(&old);
        }
        if let Some(new) = new {
            let _ = watcher.watch(&new, notify::RecursiveMode::NonRecursive);
        }
    }
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

/// Turns file events that `concern` the file into reload requests: at once when the file is
/// complete, else after `DEBOUNCE` without further events. Ends when the watcher is dropped.
fn debounce(
    changed: &Receiver<Change>,
    requests: &Sender<bool>,
    concern: &mut impl FnMut(&[PathBuf]) -> bool,
) {
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Instant;
    // When a reload is due if nothing else happens to the file first.
    let mut due: Option<Instant> = None;
    loop {
        let next = match due {
            Some(at) => changed.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => changed.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let request = match next {
            // Other files in the directory do not put the reload off.
            Ok(change) if !concern(&change.paths) => false,
            Ok(change) if change.complete => {
                due = None;
                true
            }
            Ok(_) => {
                due = Some(Instant::now() + DEBOUNCE);
                false
            }
            Err(RecvTimeoutError::Timeout) => {
                due = None;
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
        let Wake::Done(Msg::Loaded(result)) = first else {
            panic!("expected a load result");
        };
        let model = result.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            model.firms().len() < 100,
            "the small model, not the large one that was still loading"
        );
    }

    /// Waits for a reload request, then lets the burst of events that came with it pass.
    fn next_request(requests: &Receiver<bool>, what: &str) {
        requests
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("no reload asked for after {what}"));
        thread::sleep(Duration::from_millis(200));
        while requests.try_recv().is_ok() {}
    }

    #[cfg(unix)]
    #[test]
    fn a_model_file_replaced_by_a_symlink_stays_watched_where_it_leads() {
        use std::os::unix::fs::symlink;
        let here = tempfile::tempdir().unwrap();
        let there = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let path = here.path().join("chain.yaml");
        std::fs::write(&path, "one").unwrap();
        let real = there.path().join("real.yaml");
        std::fs::write(&real, "two").unwrap();
        let (tx, requests) = mpsc::channel();
        let _watch = watch_file(&path, tx).unwrap();

        // The file becomes a link, as `ln -sf` leaves it.
        let fresh = here.path().join("chain.yaml.link");
        symlink(&real, &fresh).unwrap();
        std::fs::rename(&fresh, &path).unwrap();
        next_request(&requests, "the file became a link");
        std::fs::write(&real, "three").unwrap();
        next_request(&requests, "a save to the link's target");

        // The link now leads elsewhere.
        let other = elsewhere.path().join("other.yaml");
        std::fs::write(&other, "four").unwrap();
        symlink(&other, &fresh).unwrap();
        std::fs::rename(&fresh, &path).unwrap();
        next_request(&requests, "the link was pointed elsewhere");
        std::fs::write(&other, "five").unwrap();
        next_request(&requests, "a save to the link's new target");
    }
}
