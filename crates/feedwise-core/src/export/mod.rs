//! The trainee's runs written out for others to read: a reflective note for CPD and
//! revalidation (`note`: Markdown, or an HTML page that prints on A4), CSV of runs and of
//! decisions (`csv`), and xAPI statements for a learning record store (`xapi`), sent only when
//! asked (`send`, the one part that uses the network). Everything else here is pure: records
//! in, text out; the caller reads the store and writes the file.

pub mod account;
pub mod chart;
pub mod csv;
pub mod note;
pub mod send;
pub mod xapi;

use crate::record::{RunRecord, RunStatus, time};

/// Which runs to export. The default is every finished and abandoned run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// One run, by its id or a prefix of it that names only one run (any status).
    pub run: Option<String>,
    /// Only the newest of the runs the other filters keep.
    pub latest: bool,
    /// Runs started on or after this day (`YYYY-MM-DD`, UTC).
    pub since: Option<String>,
    /// Runs started on or before this day (the whole day counts).
    pub until: Option<String>,
    /// Runs still in progress too.
    pub in_progress: bool,
}

/// Why nothing can be exported; each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// The history holds no runs at all.
    #[error("no runs have been recorded yet; play a scenario first")]
    NoRuns,
    /// `--run ID` names no run.
    #[error("no run has the id `{0}`")]
    UnknownRun(String),
    /// `--run PREFIX` names more than one run.
    #[error("`{prefix}` is the start of {} run ids ({}); give more of the id", runs.len(), runs.join(", "))]
    AmbiguousRun { prefix: String, runs: Vec<String> },
    /// A date that is not `YYYY-MM-DD`; `argument` names the option.
    #[error("{argument} `{value}` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01")]
    BadDate {
        argument: &'static str,
        value: String,
    },
    /// Runs exist, but none the selection keeps.
    #[error("no runs match the selection (runs still in progress are left out unless asked for)")]
    NoneMatch,
}

/// The runs a selection keeps, oldest first (the order a note or a spreadsheet reads in).
pub fn select<'a>(
    runs: &'a [RunRecord],
    selection: &Selection,
) -> Result<Vec<&'a RunRecord>, SelectError> {
    if runs.is_empty() {
        return Err(SelectError::NoRuns);
    }
    let day =
        |argument: &'static str, value: &Option<String>| -> Result<Option<u64>, SelectError> {
            value
                .as_deref()
                .map(|text| {
                    (text.len() == 10)
                        .then(|| time::parse(text))
                        .flatten()
                        .ok_or_else(|| SelectError::BadDate {
                            argument,
                            value: text.to_owned(),
                        })
                })
                .transpose()
        };
    let since = day("--since", &selection.since)?;
    let until = day("--until", &selection.until)?.map(|midnight| midnight + 86_399);
    let mut kept: Vec<&RunRecord> = match &selection.run {
        Some(wanted) => {
            let wanted = wanted.trim().to_ascii_lowercase();
            let exact: Vec<&RunRecord> = runs.iter().filter(|r| r.run == wanted).collect();
            let found: Vec<&RunRecord> = if exact.is_empty() && !wanted.is_empty() {
                runs.iter().filter(|r| r.run.starts_with(&wanted)).collect()
            } else {
                exact
            };
            match found.len() {
                0 => return Err(SelectError::UnknownRun(wanted)),
                1 => found,
                _ => {
                    return Err(SelectError::AmbiguousRun {
                        prefix: wanted,
                        runs: found.iter().map(|r| r.run.clone()).collect(),
                    });
                }
            }
        }
        None => runs
            .iter()
            .filter(|r| selection.in_progress || r.status != RunStatus::InProgress)
            .collect(),
    };
    kept.retain(|r| {
        let started = time::parse(&r.started);
        since.is_none_or(|s| started.is_some_and(|t| t >= s))
            && until.is_none_or(|u| started.is_some_and(|t| t <= u))
    });
    kept.sort_by(|a, b| a.started.cmp(&b.started).then_with(|| a.run.cmp(&b.run)));
    if selection.latest {
        kept.drain(..kept.len().saturating_sub(1));
    }
    if kept.is_empty() {
        return Err(SelectError::NoneMatch);
    }
    Ok(kept)
}

/// What an export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    CsvRuns,
    CsvDecisions,
    Xapi,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::CsvRuns | Format::CsvDecisions => "csv",
            Format::Xapi => "json",
        }
    }
}

/// A file name for an export of these runs: what it is, which scenario or which days, and
/// for one run the start of its id, e.g. `feedwise-note-two-am-reply-2026-12-01-07070707.md`
/// or `feedwise-decisions-2026-11-02-to-2026-12-01.csv`. Only `[a-z0-9.-]`.
pub fn file_name(runs: &[&RunRecord], format: Format) -> String {
    let what = match format {
        Format::Markdown | Format::Html => "note",
        Format::CsvRuns => "runs",
        Format::CsvDecisions => "decisions",
        Format::Xapi => "xapi",
    };
    let date = |r: &RunRecord| plain(time::date_of(&r.started));
    let which = match (runs.first(), crate::record::one_practice_set(runs)) {
        (Some(first), Some(id)) => format!(
            "practice-set-{}-{}",
            date(first),
            plain(id.get(..8).unwrap_or(id))
        ),
        _ => match runs {
            [] => "none".to_owned(),
            [one] => format!(
                "{}-{}-{}",
                plain(one.scenario()),
                date(one),
                plain(one.run.get(..8).unwrap_or(&one.run))
            ),
            [first, .., last] => {
                let dates = runs.iter().map(|r| date(r));
                let from = dates.clone().min().unwrap_or_else(|| date(first));
                let to = dates.max().unwrap_or_else(|| date(last));
                if from == to {
                    from
                } else {
                    format!("{from}-to-{to}")
                }
            }
        },
    };
    format!("feedwise-{what}-{which}.{}", format.extension())
}

/// Text made safe for a file name: lowercase ASCII letters, digits and single hyphens.
fn plain(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(48).collect();
    if out.is_empty() {
        "run".to_owned()
    } else {
        out
    }
}

/// The regulator a record's audience names, which chooses the reflection's headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regulator {
    /// Doctors: the GMC's appraisal and revalidation.
    Gmc,
    /// Nurses and midwives: the NMC's revalidation.
    Nmc,
    /// Allied health professionals: the HCPC's CPD standards.
    Hcpc,
}

impl Regulator {
    pub fn short(self) -> &'static str {
        match self {
            Regulator::Gmc => "GMC",
            Regulator::Nmc => "NMC",
            Regulator::Hcpc => "HCPC",
        }
    }

    const ALL: [Regulator; 3] = [Regulator::Gmc, Regulator::Nmc, Regulator::Hcpc];

    /// The regulators an audience string names, e.g. "doctors (GMC), nurses (NMC)".
    pub fn named_in(audience: &str) -> Vec<Regulator> {
        Regulator::ALL
            .into_iter()
            .filter(|r| audience.contains(&format!("({})", r.short())))
            .collect()
    }

    /// A regulator by its short name, "GMC".
    pub fn from_short(short: &str) -> Option<Regulator> {
        Regulator::ALL.into_iter().find(|r| r.short() == short)
    }

    /// The regulator of whoever played a run: their profession's when the record keeps it
    /// (none for an educator), else those its scenario's audience names (older records).
    pub fn of_run(run: &RunRecord) -> Vec<Regulator> {
        match run.transcript.profession {
            Some(profession) => (profession.regulator().and_then(Regulator::from_short))
                .into_iter()
                .collect(),
            None => Regulator::named_in(&run.audience),
        }
    }

    /// The one regulator every run names, if there is exactly one; otherwise the note uses
    /// headings that suit any of them.
    pub fn of_runs(runs: &[&RunRecord]) -> Option<Regulator> {
        let mut named = runs.iter().flat_map(|r| Regulator::of_run(r));
        let first = named.next()?;
        named.all(|r| r == first).then_some(first)
    }
}
