//! What the command line asks of the app. The same struct is the clap arguments of
//! `feedwise` without a subcommand and the app's resource, so nothing is copied field by field.

use std::path::PathBuf;

use bevy::prelude::Resource;

use super::library::loader::Sources;
use crate::places::Places;

/// Options for the app (when no subcommand is given).
#[derive(Resource, Debug, Clone, Default, clap::Args)]
pub struct LaunchOptions {
    /// A scenario file to work on, as opening it from the desktop does: author mode on it, and
    /// it starts at once when it passes its check.
    #[arg(value_name = "FILE", conflicts_with = "author")]
    pub open: Option<PathBuf>,
    /// Start this scenario (by id) at once; with --facilitate and no plan, the scenario the
    /// room plays.
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// Seed for variant names and option order [default: taken from the clock, and shown].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Another folder (or file) of scenarios to list after the built-in ones and your own
    /// scenarios folder; a scenario id found again replaces the earlier one (repeatable).
    #[arg(long = "scenarios", value_name = "DIR")]
    pub scenario_dirs: Vec<PathBuf>,
    /// Write a PNG of the window once the first screen is drawn, then exit.
    #[arg(long, value_name = "PATH")]
    pub screenshot: Option<PathBuf>,
    /// Drive the app from a script of key presses, waits and screenshots (see docs/app.md).
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Scenario seconds per real second, from 0.1 to 100 (facilitators may speed it up).
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f32,
    /// Facilitate a room: a session plan (e.g. sessions/forty-five-minute-workshop.ron), or
    /// without one the scenario given by --scenario.
    #[arg(long, value_name = "PLAN", num_args = 0..=1)]
    pub facilitate: Option<Option<PathBuf>>,
    /// Author mode: watch these scenario files (a file or a folder, default `scenarios`) and
    /// reload each one within a second of saving it; F2 shows the author panel.
    #[arg(long, value_name = "FILE or DIR", num_args = 0..=1)]
    pub author: Option<Option<PathBuf>>,
    /// The window's size in pixels, e.g. 1920x1080 for a projector [default: 1280x800].
    #[arg(long, value_name = "WxH", value_parser = parse_window_size)]
    pub window_size: Option<(u32, u32)>,
    /// The program a new scenario opens in (the library's New scenario) [default: the
    /// system's text editor for the file].
    #[arg(long, value_name = "PROGRAM", env = "FEEDWISE_EDITOR")]
    pub editor: Option<String>,
    /// Keep all of feedwise's files in this folder instead of the platform's: runs, your
    /// scenarios and exports in it, settings in DIR/config, state in DIR/state (a portable
    /// install, a demonstration, tests).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Who plays: their audience's text and their regulator's references first. It answers
    /// the question asked on first start and is kept in the settings like that answer (not
    /// with --fresh-settings, where without it each scenario plays as its first audience).
    #[arg(long = "as", value_enum, value_name = "PROFESSION")]
    pub profession: Option<crate::scenario::Profession>,
    /// Use default settings and save no changes, and keep no runs unless --data-dir names a
    /// folder for them (for demonstrations and tests).
    #[arg(long)]
    pub fresh_settings: bool,
    /// List only `scenario_dirs`, not the built-in scenarios or the user's folder (tests with
    /// their own fixtures).
    #[arg(skip)]
    pub only_listed_folders: bool,
    /// When the process started, to log the time to the first drawn frame.
    #[arg(skip)]
    pub launched: Option<std::time::Instant>,
}

impl LaunchOptions {
    /// The user's folders; with `--data-dir`, all of them inside it.
    pub fn places(&self) -> Option<Places> {
        match &self.data_dir {
            Some(data) => Some(Places::in_data_folder(data)),
            None => Places::from_env(),
        }
    }

    /// A file opened from the desktop (`feedwise FILE.ron`) as author mode on it, starting its
    /// scenario when the file reads as one and nothing else was asked for.
    pub fn opening_a_file(mut self) -> Self {
        let Some(file) = self.open.take() else {
            return self;
        };
        if self.scenario.is_none() {
            self.scenario = crate::scenario::source::SourceFile::read(&file)
                .ok()
                .and_then(|source| {
                    crate::scenario::load::parse::<crate::scenario::Scenario>(&source).ok()
                })
                .map(|parsed| parsed.value.id);
        }
        self.author = Some(Some(file));
        self
    }

    /// The files author mode watches, or `None` outside author mode.
    pub fn author_paths(&self) -> Option<Vec<PathBuf>> {
        self.author
            .as_ref()
            .map(|path| vec![path.clone().unwrap_or_else(|| PathBuf::from("scenarios"))])
    }

    /// The catalogue folder an author works with: `assets/guidance` in the folder of an
    /// `--author` path or one above it. Outside author mode the built-in catalogue is used.
    pub fn author_guidance(&self) -> Option<PathBuf> {
        self.author_paths()?
            .iter()
            .find_map(|path| crate::scenario::library::guidance_folder_above(path))
    }

    /// The built-in scenarios, then the user's scenarios folder, then `--scenarios` folders;
    /// with `only_listed_folders`, the folders alone.
    pub fn scenario_sources(&self) -> Sources {
        let everything = !self.only_listed_folders;
        Sources {
            built_in: everything,
            user_folder: everything
                .then(|| self.places())
                .flatten()
                .map(|places| places.scenarios()),
            // An author's files come last, so they replace the built-in copies they edit.
            folders: self
                .scenario_dirs
                .iter()
                .cloned()
                .chain(self.author_paths().unwrap_or_default())
                .collect(),
            guidance: self.author_guidance(),
        }
    }
}

/// A window from 640x480 to 7680x4320 (8K): beyond that is a typing mistake.
fn parse_window_size(text: &str) -> Result<(u32, u32), String> {
    let size = text
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?)));
    match size {
        Some((w, h)) if (640..=7680).contains(&w) && (480..=4320).contains(&h) => Ok((w, h)),
        Some(_) => Err("must be from 640x480 to 7680x4320".to_owned()),
        None => Err(format!("`{text}` is not WIDTHxHEIGHT, e.g. 1920x1080")),
    }
}

/// Slower than a tenth of real time nothing seems to happen; faster than 100 times a
/// scenario is over before its first frame.
pub const SPEEDS: std::ops::RangeInclusive<f32> = 0.1..=100.0;

fn parse_speed(text: &str) -> Result<f32, String> {
    let speed: f32 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    let (low, high) = SPEEDS.into_inner();
    (SPEEDS.contains(&speed))
        .then_some(speed)
        .ok_or_else(|| format!("must be from {low} to {high} (scenario seconds per real second)"))
}
