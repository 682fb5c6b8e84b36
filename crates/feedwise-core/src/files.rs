//! Writing user data safely: a file is either its old self or wholly the new one.

use std::io::{Error, ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed to disk, then
/// renamed over the target. A crash or a full disk leaves the old file untouched. The
/// temporary file has an unpredictable name and is created exclusively, so a file or link
/// planted beside the target is never written through.
///
/// A link is followed to the file it names, which is replaced and the link kept (a link to a
/// portfolio file updates that file). A folder, device, pipe or socket is refused: only
/// regular files are written.
///
/// The file is readable by its owner only, as suits a trainee's records and settings; see
/// [`write_shared`] for files made to be handed on.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(&destination(path)?, bytes, false, true)
}

/// As [`write_atomic`], for exports, pictures and transcripts a user passes on: the file gets
/// the permissions any new file of theirs gets (read and write for all, less their umask).
pub fn write_shared(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(&destination(path)?, bytes, true, true)
}

/// As [`write_shared`], for a new file only: nothing already at `path` (a file, a link, a
/// folder) is replaced; that is an `AlreadyExists` error.
pub fn create_shared(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, bytes, true, false)
}

/// Links followed before a chain is taken for a loop (as the kernel's own limit).
const MAX_LINKS: usize = 40;

/// Where a write to `path` lands: the file at the end of any links, or a new file there.
/// Anything but a regular file is refused, before anything is written.
pub fn destination(path: &Path) -> std::io::Result<PathBuf> {
    let refused = |why: &str| Error::new(ErrorKind::InvalidInput, why);
    let mut target = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&target) {
            Ok(meta) => meta,
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(target),
            Err(error) => return Err(error),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let next = std::fs::read_link(&target)?;
            // A relative link is relative to its own folder.
            target = match target.parent() {
                Some(folder) => folder.join(next),
                None => next,
            };
        } else if kind.is_file() {
            return Ok(target);
        } else if kind.is_dir() {
            return Err(refused("it is a folder; name a file in it"));
        } else {
            return Err(refused(
                "it is not a regular file (a device, a pipe or a socket); name a file",
            ));
        }
    }
    Err(refused("its links go round in a loop"))
}

fn write_with(path: &Path, bytes: &[u8], shared: bool, replace: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::new(ErrorKind::InvalidInput, "the path names no file"))?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if shared {
        use std::os::unix::fs::PermissionsExt;
        // The open applies the umask, as it does to any file the user's programs create.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = shared;
    // The system's own words, without the temporary file's name that tempfile adds: the
    // trainee did not ask for that file and cannot find it afterwards.
    let plain = |error: Error| match error.raw_os_error() {
        Some(code) => Error::from_raw_os_error(code),
        None => Error::from(error.kind()),
    };
    let mut temp = builder.tempfile_in(dir).map_err(plain)?;
    temp.write_all(bytes).map_err(plain)?;
    temp.as_file().sync_all().map_err(plain)?;
    // On failure the temporary file is removed when `temp` is dropped.
    let persisted = if replace {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted.map_err(|error| plain(error.error))?;
    // Make the rename itself durable where the platform allows opening a folder.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_made_but_nothing_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.ron");
        create_shared(&path, b"first").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        let again = create_shared(&path, b"second").unwrap_err();
        assert_eq!(again.kind(), ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ron");
        std::fs::write(&path, "old and longer").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder: the rename fails, and nothing is left behind.
        let target = dir.path().join("folder");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), "x").unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(std::fs::read_to_string(target.join("keep")).unwrap(), "x");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn records_are_private_and_exports_are_shared_as_the_umask_allows() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        write_atomic(&dir.path().join("record.ron"), b"x").unwrap();
        assert_eq!(mode("record.ron"), 0o600);
        // What a plain new file gets here is what the export must get.
        std::fs::write(dir.path().join("plain"), b"x").unwrap();
        write_shared(&dir.path().join("note.html"), b"x").unwrap();
        assert_eq!(mode("note.html"), mode("plain"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temporary_name_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("out.ron");
        let old_name = dir
            .path()
            .join(format!(".out.ron.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &old_name).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_to_its_file_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let portfolio = dir.path().join("portfolio");
        std::fs::create_dir(&portfolio).unwrap();
        std::fs::write(portfolio.join("note.md"), "old").unwrap();
        let link = dir.path().join("note.md");
        std::os::unix::fs::symlink("portfolio/note.md", &link).unwrap();
        write_shared(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(portfolio.join("note.md")).unwrap(),
            "new"
        );
        // A link to a file not made yet makes it there.
        let ahead = dir.path().join("ahead.md");
        std::os::unix::fs::symlink("portfolio/later.md", &ahead).unwrap();
        write_shared(&ahead, b"made").unwrap();
        assert_eq!(
            std::fs::read_to_string(portfolio.join("later.md")).unwrap(),
            "made"
        );
        // A loop is refused.
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert!(
            write_shared(&a, b"x")
                .unwrap_err()
                .to_string()
                .contains("loop")
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_pipes_and_folders_are_refused_and_left_as_they_are() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if made.is_ok_and(|s| s.success()) {
            let error = write_shared(&pipe, b"x").unwrap_err();
            assert!(error.to_string().contains("not a regular file"), "{error}");
            assert!(
                std::fs::symlink_metadata(&pipe)
                    .unwrap()
                    .file_type()
                    .is_fifo()
            );
        }
        let null = Path::new("/dev/null");
        let error = write_shared(null, b"x").unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert!(
            std::fs::metadata(null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
        // Through a link too.
        let link = dir.path().join("to-null");
        std::os::unix::fs::symlink(null, &link).unwrap();
        assert!(write_shared(&link, b"x").is_err());
        let error = write_shared(dir.path(), b"x").unwrap_err();
        assert!(error.to_string().contains("folder"), "{error}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(left.iter().all(|name| !name.ends_with(".tmp")), "{left:?}");
    }

    #[test]
    fn a_failed_write_says_what_the_system_said_without_the_temporary_files_name() {
        // A folder that is not there fails for every user, root included.
        let dir = tempfile::tempdir().unwrap();
        let error = write_atomic(&dir.path().join("gone").join("run.ron"), b"x").unwrap_err();
        let text = error.to_string();
        assert_eq!(error.kind(), ErrorKind::NotFound, "{text}");
        assert!(!text.contains("gone") && !text.contains(".tmp"), "{text}");
    }
}
