//! Writing a file the user named, the one way every writer of rechain goes: never onto the
//! model that is open, never through a symbolic link, never onto a FIFO, device, socket or
//! directory, never over an existing file unless asked; a replacement is written to a new
//! temporary file in the same directory and renamed into place, whole or not at all, with
//! the old file's permissions (and owner, where the user may give it).

use std::fs::{self, File, Metadata, OpenOptions};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::text::{first_unsafe, one_line};

/// Why nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file exists and replacing it was not asked for.
    Exists,
    /// Refused or failed, in words that say what to change.
    Refused(String),
}

/// Writes `bytes` to `path`, replacing an existing regular file only when `overwrite`.
/// `model` is the file the app has open: no path that leads to it is written.
pub fn write(
    path: &Path,
    bytes: &[u8],
    overwrite: bool,
    model: Option<&Path>,
) -> Result<(), WriteError> {
    let shown = shown(path);
    check_name(path).map_err(|why| WriteError::Refused(format!("cannot write {shown}: {why}")))?;
    if let Some(model) = model
        && leads_to(path, model)
    {
        return Err(WriteError::Refused(format!(
            "cannot write {shown}: it is the open model {}",
            self::shown(model)
        )));
    }
    let found = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return create(path, bytes).map_err(|e| match e.kind() {
                // Something took the name meanwhile: ask again, and look at it then.
                ErrorKind::AlreadyExists => WriteError::Exists,
                _ => refused(path, &e),
            });
        }
        Err(e) => return Err(refused(path, &e)),
    };
    if found.file_type().is_symlink() {
        // Where it leads in the end, else what it says (a link to nothing).
        let target = fs::canonicalize(path)
            .or_else(|_| fs::read_link(path))
            .map_or_else(|_| "?".into(), |t| self::shown(&t));
        return Err(WriteError::Refused(format!(
            "cannot write {shown}: it is a symbolic link to {target}; name the file itself"
        )));
    }
    if !found.is_file() {
        return Err(WriteError::Refused(format!(
            "cannot write {shown}: it is {}, not a regular file",
            kind(&found)
        )));
    }
    if !overwrite {
        return Err(WriteError::Exists);
    }
    replace(path, bytes, &found).map_err(|e| refused(path, &e))
}

/// Refuses a file name with a character the safe-text rule calls unsafe (controls, line
/// separators, direction overrides): such a name could not be shown as it is. The reason
/// names the first such character.
pub fn check_name(path: &Path) -> Result<(), String> {
    match first_unsafe(&path.to_string_lossy()) {
        None => Ok(()),
        Some((_, c)) => Err(format!(
            "the name holds U+{:04X}: no control or direction characters",
            c as u32
        )),
    }
}

/// A path as the app's prompts and messages show it: by the safe-text rule.
pub fn shown(path: &Path) -> String {
    one_line(&path.to_string_lossy()).into_owned()
}

/// Whether `path` is `model` by any way there: the same file (a hard link, a symbolic link
/// to it), or the same name in the same directory however spelled (even once removed).
fn leads_to(path: &Path, model: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (fs::metadata(path), fs::metadata(model))
        && same_file(&a, &b)
    {
        return true;
    }
    let here = places(path);
    places(model).iter().any(|p| here.contains(p))
}

/// The absolute places a path names: itself resolved, and its resolved directory with its
/// own name (which exists even when the file does not).
fn places(path: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::canonicalize(path).into_iter().collect();
    if let Some(name) = path.file_name()
        && let Ok(dir) = fs::canonicalize(dir_of(path))
    {
        out.push(dir.join(name));
    }
    out
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    false
}

/// What a file that is not a regular one is, in words.
fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A new file, written and flushed to disk; removed again if that fails, since a half-written
/// file is worth less than none.
fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .inspect_err(|_| {
            let _ = fs::remove_file(path);
        })
}

/// Writes a temporary file beside `path` with `old`'s permissions and owner, then renames
/// it over `path`. A rename replaces the name, never what a link there points to.
fn replace(path: &Path, bytes: &[u8], old: &Metadata) -> io::Result<()> {
    let dir = dir_of(path);
    let (side, mut file) = side_file(dir)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| keep_owner_and_mode(&file, old))
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&side, path));
    if written.is_err() {
        let _ = fs::remove_file(&side);
        return written;
    }
    // The rename itself is on disk once the directory is; not every system can sync one.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A temporary file in `dir`, created new (never an existing file, never through a link)
/// under a name no one can guess beforehand, readable by its owner only until it is done.
fn side_file(dir: &Path) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..8 {
        let mut h = RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        let side = dir.join(format!(".rechain-{:016x}.tmp", h.finish()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&side) {
            Ok(file) => return Ok((side, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
    // Giving a file away takes privilege; the group alone may still be allowed, else the
    // file is the writer's own.
    if fchown(file, Some(old.uid()), Some(old.gid())).is_err() {
        let _ = fchown(file, None, Some(old.gid()));
    }
    file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o777))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, old: &Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

/// An I/O error in words that say what to change.
fn refused(path: &Path, e: &io::Error) -> WriteError {
    let shown = shown(path);
    let why = match e.kind() {
        ErrorKind::NotFound => format!(
            "cannot write {shown}: no directory {}",
            self::shown(dir_of(path))
        ),
        ErrorKind::PermissionDenied => format!("cannot write {shown}: permission denied"),
        ErrorKind::IsADirectory => format!("cannot write {shown}: it is a directory"),
        _ => format!("cannot write {shown}: {e}"),
    };
    WriteError::Refused(why)
}
