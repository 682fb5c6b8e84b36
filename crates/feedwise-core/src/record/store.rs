//! Runs on disk: `runs/<run id>.ron` in the data folder, each written atomically (temporary
//! file, fsync, rename, folder fsync). Loading never deletes and never stops at a bad file: a
//! record that cannot be read is moved to `runs/quarantine/` with a message naming it and
//! where it went, and the rest of the history still loads.

use std::path::{Path, PathBuf};

use super::{RunRecord, SCHEMA};
use crate::files::write_atomic;
use crate::scenario::load::{parse, to_ron};
use crate::scenario::source::SourceFile;

/// The runs folder of a data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    runs: PathBuf,
}

/// Every readable run, newest first, and what happened to the others.
#[derive(Debug, Default)]
pub struct History {
    pub runs: Vec<RunRecord>,
    /// One message per record that could not be read, naming it and where it was moved.
    pub problems: Vec<String>,
}

/// Why a record was not written, for the trainee: the file, and what the system said.
#[derive(Debug)]
pub struct SaveError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hint = match self.error.kind() {
            std::io::ErrorKind::StorageFull => ": the disk is full",
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                ": the folder cannot be written to"
            }
            _ => "",
        };
        write!(
            f,
            "could not save progress to {} ({}){hint}",
            self.path.display(),
            self.error
        )
    }
}

impl Store {
    pub fn in_data_folder(data: &Path) -> Store {
        Store {
            runs: data.join("runs"),
        }
    }

    pub fn folder(&self) -> &Path {
        &self.runs
    }

    pub fn quarantine(&self) -> PathBuf {
        self.runs.join("quarantine")
    }

    pub fn path_of(&self, run: &str) -> PathBuf {
        self.runs.join(format!("{run}.ron"))
    }

    /// Writes a run over its previous record, all or nothing.
    pub fn save(&self, record: &RunRecord) -> Result<PathBuf, SaveError> {
        let path = self.path_of(&record.run);
        let failed = |error| SaveError {
            path: path.clone(),
            error,
        };
        // The id names the file: anything but a UUID's characters could leave the folder.
        let uuid = |b: u8| b.is_ascii_hexdigit() || b == b'-';
        if record.run.is_empty() || !record.run.bytes().all(uuid) {
            return Err(failed(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the run id is not a UUID",
            )));
        }
        std::fs::create_dir_all(&self.runs).map_err(failed)?;
        let text = to_ron(record).map_err(|e| failed(std::io::Error::other(e.to_string())))?;
        write_atomic(&path, text.as_bytes()).map_err(failed)?;
        Ok(path)
    }

    /// Whether records can be written here now: the folder made if missing, and a temporary
    /// file created and removed in it, so a read-only or full folder is found at the start
    /// rather than at the first answer.
    pub fn check_writable(&self) -> Result<(), SaveError> {
        let failed = |error| SaveError {
            path: self.runs.clone(),
            error,
        };
        std::fs::create_dir_all(&self.runs).map_err(failed)?;
        let probe = tempfile::Builder::new()
            .prefix(".probe.")
            .tempfile_in(&self.runs)
            .map_err(failed)?;
        // Space for a record, not only for a name: a full disk fails here, not later.
        probe.as_file().set_len(4096).map_err(failed)?;
        probe.as_file().sync_all().map_err(failed)?;
        Ok(())
    }

    /// Reads every record. A missing folder is an empty history.
    pub fn load(&self) -> History {
        let mut history = History::default();
        let entries = match std::fs::read_dir(&self.runs) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return history,
            Err(error) => {
                history
                    .problems
                    .push(format!("cannot read {}: {error}", self.runs.display()));
                return history;
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| {
                // Temporary files of a write in progress start with a dot.
                p.extension().is_some_and(|x| x == "ron")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        files.sort();
        for path in files {
            match read(&path) {
                Ok(record) if record.schema > SCHEMA => history.problems.push(format!(
                    "{} was written by a newer feedwise (record format {}, this one reads {SCHEMA}); left as it is",
                    path.display(),
                    record.schema
                )),
                Ok(record) => history.runs.push(record),
                // A newer feedwise may add fields this one does not know: its schema is read
                // on its own before the record is taken for broken.
                Err(_) if schema_of(&path).is_some_and(|schema| schema > SCHEMA) => {
                    history.problems.push(format!(
                        "{} was written by a newer feedwise (record format {}, this one reads {SCHEMA}); left as it is",
                        path.display(),
                        schema_of(&path).unwrap_or_default()
                    ))
                }
                Err(reason) => history.problems.push(self.move_aside(&path, &reason)),
            }
        }
        // Newest first; ties by id so the order is the same every time.
        history
            .runs
            .sort_by(|a, b| b.started.cmp(&a.started).then_with(|| a.run.cmp(&b.run)));
        history
    }

    /// Moves an unreadable record into the quarantine folder, never over another file.
    fn move_aside(&self, path: &Path, reason: &str) -> String {
        let folder = self.quarantine();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let moved = std::fs::create_dir_all(&folder).and_then(|()| {
            let mut target = folder.join(&*name);
            let mut n = 1;
            while target.exists() {
                target = folder.join(format!("{name}.{n}"));
                n += 1;
            }
            std::fs::rename(path, &target).map(|()| target)
        });
        match moved {
            Ok(target) => format!(
                "{reason}; the record was moved to {} and the rest of the history is kept",
                target.display()
            ),
            Err(error) => format!(
                "{reason}; it could not be moved aside ({error}), so it is left in place and skipped"
            ),
        }
    }
}

/// The record format a file says it is in, read on its own (other fields, known or not, are
/// skipped), or `None` when the file does not say.
fn schema_of(path: &Path) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Schema {
        schema: u32,
    }
    let text = std::fs::read_to_string(path).ok()?;
    let parsed: Schema = crate::scenario::load::ron_options().from_str(&text).ok()?;
    Some(parsed.schema)
}

/// One record, or why it cannot be read, as `path:line:col: message`.
pub fn read(path: &Path) -> Result<RunRecord, String> {
    let source = SourceFile::read(path).map_err(|error| error.about(path, "a run record"))?;
    // The position, not the parser's words: those name the record's fields, which mean
    // nothing to the trainee who reads this.
    parse::<RunRecord>(&source)
        .map(|parsed| parsed.value)
        .map_err(|error| {
            format!(
                "{}:{}: not a run record this feedwise can read (damaged, cut short or edited \
                 by hand)",
                path.display(),
                error.start
            )
        })
}
