//! `feedwise export`: the trainee's runs as a reflective note (Markdown or a printable HTML
//! page), CSV of runs or decisions, or xAPI statements, to standard output or a file written
//! atomically; with `--xapi --send URL` the statements go to a learning record store, the one
//! use of the network, and only when asked.

use std::path::PathBuf;

use clap::{ArgGroup, Args};

use crate::export::send::{self, Lrs, SendOptions, SendReport};
use crate::export::{self, Format, Selection, account, xapi};
use crate::files::write_shared;
use crate::places::Places;
use crate::record::store::Store;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("format").args(["markdown", "html", "csv_runs", "csv_decisions", "xapi"])))]
pub struct ExportArgs {
    /// A reflective note in Markdown (the default).
    #[arg(long)]
    pub markdown: bool,
    /// A reflective note as an HTML page that prints on A4.
    #[arg(long)]
    pub html: bool,
    /// CSV, one row per run.
    #[arg(long)]
    pub csv_runs: bool,
    /// CSV, one row per decision.
    #[arg(long)]
    pub csv_decisions: bool,
    /// xAPI 1.0.3 statements (a JSON array) for a learning record store.
    #[arg(long)]
    pub xapi: bool,

    /// One run, by its id or the start of it (runs in progress included).
    #[arg(long, value_name = "ID")]
    pub run: Option<String>,
    /// Only the newest run the other options keep.
    #[arg(long)]
    pub latest: bool,
    /// Runs started on or after this day (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Runs started on or before this day (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// Include runs still in progress [default: finished and abandoned runs only].
    #[arg(long)]
    pub in_progress: bool,

    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Read runs from this data folder, as the app's --data-dir (its xAPI pseudonym too, from
    /// DIR/config) [default: feedwise's own, see FEEDWISE_DATA_DIR].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// The xAPI account name [default: this computer's pseudonym, made once and kept in the config folder].
    #[arg(long, value_name = "NAME")]
    pub account: Option<String>,
    /// The base of xAPI activity ids and extensions [default: https://feedwise.invalid/xapi/].
    #[arg(long, value_name = "URL")]
    pub activity_base: Option<String>,
    /// Send the statements to this LRS: its statements resource, or its xAPI base
    /// (`/statements` is appended). The only option that uses the network.
    #[arg(long, value_name = "URL")]
    pub send: Option<String>,
    /// The LRS's key and secret (Basic authentication) [env: FEEDWISE_LRS_AUTH].
    #[arg(long, value_name = "KEY:SECRET")]
    pub auth: Option<String>,
}

impl ExportArgs {
    fn format(&self) -> Format {
        [
            (self.html, Format::Html),
            (self.csv_runs, Format::CsvRuns),
            (self.csv_decisions, Format::CsvDecisions),
            (self.xapi, Format::Xapi),
        ]
        .into_iter()
        .find_map(|(given, format)| given.then_some(format))
        .unwrap_or(Format::Markdown)
    }
}

/// 0 done; 1 the LRS refused statements or could not be reached; 2 usage or I/O errors.
pub fn run(args: &ExportArgs) -> u8 {
    match export(args) {
        Ok(code) => code,
        Err(message) => {
            super::warn(&format!("error: {message}\n"));
            2
        }
    }
}

fn export(args: &ExportArgs) -> Result<u8, String> {
    let format = args.format();
    // Everything the arguments alone can refuse, before reading anything. By hand, not with
    // clap's `requires`: clap drops a requirement that conflicts with an argument given (the
    // formats are one group), so `--csv-runs --send URL` would pass (tests/it/export_send.rs).
    if format != Format::Xapi {
        let only_xapi = [
            ("--send", args.send.is_some()),
            ("--auth", args.auth.is_some()),
            ("--account", args.account.is_some()),
            ("--activity-base", args.activity_base.is_some()),
        ];
        if let Some((name, _)) = only_xapi.iter().find(|(_, given)| *given) {
            return Err(format!("{name} is for statements: add --xapi"));
        }
    }
    if args.auth.is_some() && args.send.is_none() {
        return Err("--auth is for sending: add --send URL".into());
    }
    let base = xapi::activity_base(args.activity_base.as_deref().unwrap_or(xapi::DEFAULT_BASE))?;
    let lrs = match &args.send {
        Some(url) => {
            let auth = args
                .auth
                .clone()
                .or_else(|| std::env::var("FEEDWISE_LRS_AUTH").ok())
                .ok_or("--send needs --auth KEY:SECRET (or FEEDWISE_LRS_AUTH)")?;
            let (key, secret) = send::parse_auth(&auth)?;
            Some(Lrs {
                statements: send::statements_endpoint(url)?,
                key,
                secret,
            })
        }
        None => None,
    };
    if let Some(name) = &args.account {
        account::check_name(name).map_err(|e| format!("--account: {e}"))?;
    }
    // A file it cannot write (a folder, a device, a pipe) is refused before any work.
    if let Some(out) = &args.out {
        crate::files::destination(out)
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    // `--data DIR` is the app's `--data-dir DIR`: the runs and the pseudonym both from there.
    let places = match &args.data {
        Some(dir) => Some(Places::in_data_folder(dir)),
        None => Places::from_env(),
    };
    let data = match &places {
        Some(places) => places.data.clone(),
        None => return Err("no home folder to find the runs in; give --data DIR".into()),
    };
    let history = Store::in_data_folder(&data).load();
    for problem in &history.problems {
        super::warn(&format!("warning: {problem}\n"));
    }
    let selection = Selection {
        run: args.run.clone(),
        latest: args.latest,
        since: args.since.clone(),
        until: args.until.clone(),
        in_progress: args.in_progress,
    };
    let runs = export::select(&history.runs, &selection).map_err(|e| match e {
        export::SelectError::NoRuns => {
            format!("no runs in {}; play a scenario first", data.display())
        }
        other => other.to_string(),
    })?;
    let text = match format {
        Format::Markdown => export::note::markdown(&runs),
        Format::Html => export::note::html(&runs),
        Format::CsvRuns => export::csv::runs(&runs),
        Format::CsvDecisions => export::csv::decisions(&runs),
        Format::Xapi => {
            let name = match &args.account {
                Some(name) => name.clone(),
                None => pseudonym(places.as_ref())?,
            };
            let statements = xapi::statements(&runs, &xapi::Actor::at(&base, &name), &base);
            if let Some(lrs) = &lrs {
                if let Some(out) = &args.out {
                    write(out, &xapi::to_json(&statements), runs.len())?;
                }
                let report = send::send(lrs, &statements, &SendOptions::default());
                return Ok(print_report(lrs, statements.len(), &report));
            }
            xapi::to_json(&statements)
        }
    };
    match &args.out {
        Some(out) => write(out, &text, runs.len())?,
        None if format == Format::Xapi => super::emit_json(&text),
        None => print_text(&text),
    }
    Ok(0)
}

/// Text to standard output with control characters made visible, except the CRLF that ends
/// each CSV line.
fn print_text(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for (n, line) in text.split("\r\n").enumerate() {
        if n > 0 {
            let _ = out.write_all(b"\r\n");
        }
        let _ = out.write_all(super::terminal::safe(line).as_bytes());
    }
}

fn write(out: &std::path::Path, text: &str, runs: usize) -> Result<(), String> {
    write_shared(out, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    super::warn(&format!(
        "wrote {} run{} to {}\n",
        runs,
        if runs == 1 { "" } else { "s" },
        out.display()
    ));
    Ok(())
}

/// This computer's pseudonym, made the first time.
fn pseudonym(places: Option<&Places>) -> Result<String, String> {
    let places = places.ok_or("no config folder for the pseudonym; give --account NAME")?;
    let file = account::path(&places.config);
    let existed = file.exists();
    let made = account::load_or_create(&places.config, crate::clock::unpredictable_bytes)?;
    if !existed {
        super::warn(&format!(
            "note: statements are made as the pseudonym {}, kept in {}\n",
            made.name,
            file.display()
        ));
    }
    Ok(made.name)
}

fn print_report(lrs: &Lrs, total: usize, report: &SendReport) -> u8 {
    for refused in &report.refused {
        let what = if refused.conflict {
            "conflict: the LRS already has a different statement with this id".to_owned()
        } else {
            format!("refused ({})", refused.status)
        };
        super::warn(&format!(
            "error: statement {} {what}: {}\n",
            refused.id, refused.reason
        ));
    }
    if let Some(reason) = &report.stopped {
        super::warn(&format!("error: sending stopped: {reason}\n"));
    }
    let summary = format!(
        "sent to {}: {} of {total} statement{} accepted, {} refused, {} not sent\n",
        lrs.statements,
        report.accepted,
        if total == 1 { "" } else { "s" },
        report.refused.len(),
        report.not_sent
    );
    if report.all_accepted() {
        super::emit(&summary);
        0
    } else {
        super::warn(&summary);
        if report.not_sent > 0 {
            super::warn(
                "statement ids are stable: sending again later stores each statement once\n",
            );
        }
        1
    }
}
