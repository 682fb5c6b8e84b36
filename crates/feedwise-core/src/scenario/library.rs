//! Finding scenarios (built into the binary, or files on disk) and the guidance catalogue.

use std::path::{Path, PathBuf};

use super::catalogue::{BehaviourList, Catalogue, DocumentList, PrincipleList};
use super::load::{Parsed, SyntaxError, parse};
use super::source::{ReadError, SourceFile};

/// Where the catalogue lives in the repository, relative to its root.
pub const GUIDANCE_DIR: &str = "assets/guidance";
pub const DOCUMENTS_FILE: &str = "documents.ron";
pub const PRINCIPLES_FILE: &str = "principles.ron";
pub const BEHAVIOURS_FILE: &str = "behaviours.ron";

/// The catalogue's files, in the order they are read and watched.
pub const GUIDANCE_FILES: [&str; 3] = [PRINCIPLES_FILE, DOCUMENTS_FILE, BEHAVIOURS_FILE];

/// The catalogue folder (`assets/guidance`) in the folder of `path` or one above it, as an
/// author working in a copy of this repository has; `None` means the built-in copy applies.
pub fn guidance_folder_above(path: &Path) -> Option<PathBuf> {
    let path = std::path::absolute(path).ok()?;
    path.ancestors()
        .map(|dir| dir.join(GUIDANCE_DIR))
        .find(|dir| GUIDANCE_FILES.iter().all(|file| dir.join(file).is_file()))
}

/// The three catalogue files as text.
#[derive(Debug, Clone)]
pub struct GuidanceSources {
    pub documents: SourceFile,
    pub principles: SourceFile,
    pub behaviours: SourceFile,
    /// The folder they were read from; `None` for the copy built into the binary.
    pub folder: Option<PathBuf>,
}

/// The catalogue files parsed, with spans for reports.
#[derive(Debug, Clone)]
pub struct ParsedGuidance {
    pub documents: Parsed<DocumentList>,
    pub principles: Parsed<PrincipleList>,
    pub behaviours: Parsed<BehaviourList>,
}

impl ParsedGuidance {
    pub fn catalogue(&self) -> Catalogue {
        Catalogue {
            documents: self.documents.value.documents.clone(),
            principles: self.principles.value.principles.clone(),
            behaviours: self.behaviours.value.behaviours.clone(),
        }
    }
}

impl GuidanceSources {
    /// The copy compiled into the binary, labelled with its path in the repository.
    pub fn embedded() -> Self {
        let dir = Path::new(GUIDANCE_DIR);
        GuidanceSources {
            documents: SourceFile::new(
                dir.join(DOCUMENTS_FILE),
                include_str!("../../../../assets/guidance/documents.ron"),
            ),
            principles: SourceFile::new(
                dir.join(PRINCIPLES_FILE),
                include_str!("../../../../assets/guidance/principles.ron"),
            ),
            behaviours: SourceFile::new(
                dir.join(BEHAVIOURS_FILE),
                include_str!("../../../../assets/guidance/behaviours.ron"),
            ),
            folder: None,
        }
    }

    /// Reads the three files from a folder; the error names the file that failed.
    pub fn read(dir: &Path) -> Result<Self, (PathBuf, ReadError)> {
        let read = |name: &str| {
            let path = dir.join(name);
            SourceFile::read(&path).map_err(|error| (path, error))
        };
        Ok(GuidanceSources {
            documents: read(DOCUMENTS_FILE)?,
            principles: read(PRINCIPLES_FILE)?,
            behaviours: read(BEHAVIOURS_FILE)?,
            folder: Some(dir.to_path_buf()),
        })
    }

    /// Parses the three files; the error names the file that failed.
    pub fn parse(&self) -> Result<ParsedGuidance, (&SourceFile, SyntaxError)> {
        Ok(ParsedGuidance {
            documents: parse(&self.documents).map_err(|e| (&self.documents, e))?,
            principles: parse(&self.principles).map_err(|e| (&self.principles, e))?,
            behaviours: parse(&self.behaviours).map_err(|e| (&self.behaviours, e))?,
        })
    }
}

impl Catalogue {
    /// The catalogue compiled into the binary. It is checked by the test suite, so a failure
    /// here means the build itself is broken.
    pub fn embedded() -> Result<Catalogue, String> {
        let sources = GuidanceSources::embedded();
        sources
            .parse()
            .map(|parsed| parsed.catalogue())
            .map_err(|(file, error)| {
                format!("{}:{}: {}", file.path.display(), error.start, error.message)
            })
    }
}

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/shipped.rs"));
}

/// Where the shipped scenarios say they come from in reports: `built-in/<file name>`.
pub const BUILT_IN: &str = "built-in";

/// One scenario to check and list: a file on disk, or one built into the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioSource {
    File(PathBuf),
    BuiltIn {
        name: &'static str,
        text: &'static str,
    },
}

impl ScenarioSource {
    /// The path reports and cards name: the file's, or `built-in/<name>`.
    pub fn label(&self) -> PathBuf {
        match self {
            ScenarioSource::File(path) => path.clone(),
            ScenarioSource::BuiltIn { name, .. } => Path::new(BUILT_IN).join(name),
        }
    }

    pub fn is_built_in(&self) -> bool {
        matches!(self, ScenarioSource::BuiltIn { .. })
    }
}

/// The scenarios of `scenarios/` as they were when feedwise was built, in file-name order.
pub fn built_in_scenarios() -> Vec<ScenarioSource> {
    shipped::SHIPPED_SCENARIOS
        .iter()
        .map(|&(name, text)| ScenarioSource::BuiltIn { name, text })
        .collect()
}

/// A session plan of `sessions/` built into the binary, by file name with or without
/// `.ron` (`forty-five-minute-workshop`).
pub fn built_in_plan(name: &str) -> Option<SourceFile> {
    let wanted = name.strip_suffix(".ron").unwrap_or(name);
    shipped::SHIPPED_PLANS
        .iter()
        .find(|(file, _)| file.strip_suffix(".ron") == Some(wanted))
        .map(|&(file, text)| SourceFile::new(Path::new(BUILT_IN).join(file), text))
}

/// The names of the session plans built into the binary, without `.ron`.
pub fn built_in_plan_names() -> Vec<&'static str> {
    shipped::SHIPPED_PLANS
        .iter()
        .map(|(file, _)| file.strip_suffix(".ron").unwrap_or(file))
        .collect()
}

/// Scenario files under the given paths: a file stands for itself, a folder for every
/// `.ron` file below it, sorted so that reports are stable. Links to folders inside a folder are
/// not followed (two links to `.` would otherwise visit it over and over), and a file reached
/// twice (a path given twice, a link to a file already listed) is listed once. Paths that
/// cannot be read are returned beside the files found.
pub fn scenario_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, std::io::Error)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => collect_dir(path, &mut files, &mut problems, 0),
            Ok(meta) if meta.is_file() => files.push(path.clone()),
            // A FIFO or device would block or never end: refuse it rather than read it.
            Ok(_) => problems.push((
                path.clone(),
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"),
            )),
            Err(error) => problems.push((path.clone(), error)),
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(std::fs::canonicalize(file).unwrap_or_else(|_| file.clone())));
    (files, problems)
}

/// Folder depth followed; deeper trees are not scenario packs.
const MAX_DIR_DEPTH: usize = 16;

fn collect_dir(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<(PathBuf, std::io::Error)>,
    depth: usize,
) {
    if depth > MAX_DIR_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push((dir.to_path_buf(), error));
            return;
        }
    };
    let mut found: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in found {
        // `file_type` does not follow links: a linked folder is skipped, a linked file is
        // taken if it leads to a regular file.
        if kind.is_dir() {
            collect_dir(&path, files, problems, depth + 1);
        } else if path.extension().is_some_and(|ext| ext == "ron")
            && (kind.is_file() || (kind.is_symlink() && path.is_file()))
        {
            files.push(path);
        }
    }
}
