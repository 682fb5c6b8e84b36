//! The trainee's history (H in the library): every run kept, newest first, with its date,
//! score, critical breaches, seed and status; the selected run's decisions; progress on each
//! principle over the finished runs as a small chart. Enter opens a run's debrief again, E saves
//! its reflective note (Markdown and HTML), A saves every run as CSV and xAPI; Esc goes back.

use std::sync::Arc;

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::keys::{scroll_by, scroll_step};
use crate::app::library::Library;
use crate::app::notices::{Notices, banner};
use crate::app::records::RunHistory;
use crate::app::session::{ActiveSession, CurrentRun};
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::widget::{
    DATED_BAR_WIDTH, Restyled, body, button, column, columns, compact_panel, dated_bar,
    dated_strip, due_mark, fill_column, go_button, grade_badge, heading, history_row, restyle, row,
    screen_root, scroll_list, side_column, small, standing_colour, standing_legend, strong, title,
    toolbar,
};
use crate::engine::replay;
use crate::export::{self, Format, account, xapi};
use crate::files::write_shared;
use crate::record::{RunRecord, RunStatus, time};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HistoryView>();
    app.add_systems(OnEnter(Screen::History), spawn_history);
    app.add_systems(
        Update,
        (history_keys, show_selected)
            .chain()
            .run_if(in_state(Screen::History)),
    );
}

/// The selected run (an index into the history) and what the last export wrote.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct HistoryView {
    pub selected: usize,
    pub saved: Option<String>,
}

#[derive(Component)]
struct RunRow(usize);

/// The panel that shows the selected run; rebuilt when the selection changes.
#[derive(Component)]
struct RunDetail;

/// The line that says where exports went.
#[derive(Component)]
struct SavedLine;

/// At most this many runs per principle in the chart: the latest ones.
const CHART_RUNS: usize = 16;
/// The width of each principle's chart over dates, in pixels.
const CHART_WIDTH: f32 = 150.0;
const DAY: u64 = 24 * 60 * 60;

fn spawn_history(
    mut commands: Commands,
    history: Res<RunHistory>,
    settings: Res<crate::app::settings::CurrentSettings>,
    mut view: ResMut<HistoryView>,
    palette: Res<Palette>,
    notices: Res<Notices>,
) {
    let p = palette.as_ref();
    view.selected = view.selected.min(history.runs.len().saturating_sub(1));
    view.saved = None;
    let folder = history
        .places
        .as_ref()
        .map(|places| places.store().folder().display().to_string())
        .unwrap_or_else(|| "nowhere (no data folder)".to_owned());
    commands
        .spawn((DespawnOnExit(Screen::History), screen_root()))
        .with_children(|root| {
            root.spawn(banner(&notices, p));
            root.spawn(toolbar()).with_children(|bar| {
                bar.spawn(title("Your runs", p));
                bar.spawn(small(
                    format!(
                        "{} kept in {folder} · arrows choose · Enter: debrief · E: note · A: all as CSV and xAPI · PgUp/PgDn: progress · Esc: back",
                        history.runs.len()
                    ),
                    p,
                ));
            });
            root.spawn(row(12.0)).with_children(|buttons| {
                buttons.spawn(button(
                    "Open debrief (Enter)",
                    p,
                    |_: On<Activated>, mut act: Act| act.open_debrief(),
                ));
                buttons.spawn(button(
                    "Save reflective note (E)",
                    p,
                    |_: On<Activated>, mut act: Act| act.save_note(),
                ));
                buttons.spawn(button(
                    "Save all runs as CSV and xAPI (A)",
                    p,
                    |_: On<Activated>, mut act: Act| act.save_all(),
                ));
                buttons.spawn(go_button("Back (Esc)", Screen::Library, p));
            });
            root.spawn((SavedLine, small("", p)));
            if history.runs.is_empty() {
                root.spawn(body(
                    "No runs yet. Every scenario you play is kept here with its score, so you \
                     can look back, see your progress and save notes for your appraisal or \
                     revalidation.",
                    p,
                ));
                return;
            }
            root.spawn(columns(12.0)).with_children(|main| {
                // Left: the runs above, the selected run's decisions below.
                main.spawn(fill_column(12.0)).with_children(|left| {
                    left.spawn(compact_panel(p, fill_column(6.0)))
                        .with_children(|list| {
                            list.spawn(heading("Runs, newest first", p));
                            list.spawn(scroll_list(6.0, true)).with_children(|rows| {
                                for (index, run) in history.runs.iter().enumerate() {
                                    rows.spawn((
                                        RunRow(index),
                                        history_row(p, index == view.selected),
                                    ))
                                    .with_children(|row| run_summary(row, run, p));
                                }
                            });
                        });
                    left.spawn(compact_panel(p, fill_column(6.0)))
                        .with_children(|detail| {
                            detail.spawn((RunDetail, scroll_list(6.0, true)));
                        });
                });
                // Right: progress by principle.
                main.spawn(compact_panel(p, side_column(520.0, 6.0)))
                .with_children(|side| {
                    side.spawn((ProgressChart, scroll_list(8.0, true)))
                        .with_children(|chart| {
                            let since = (settings.0.practice_since.as_deref())
                                .and_then(crate::record::time::parse);
                            principle_chart(chart, &history.runs, since, p)
                        });
                });
            });
        });
    // The detail panel is filled by `show_selected`.
    view.set_changed();
}

fn run_summary(row: &mut ChildSpawnerCommands, run: &RunRecord, p: &Palette) {
    let title = match &run.practice {
        Some(_) => format!("Practice set: {}", run.scenario_title),
        None => run.scenario_title.clone(),
    };
    row.spawn(strong(title, p.text));
    let breaches = run.critical_breaches();
    row.spawn(small(
        format!(
            "{} · {} · {}% · {} critical breach{} · seed {} · {} decision{}",
            time::readable(&run.started),
            run.kind_words(),
            run.percentage,
            breaches,
            if breaches == 1 { "" } else { "es" },
            run.seed(),
            run.decisions.len(),
            if run.decisions.len() == 1 { "" } else { "s" },
        ),
        p,
    ));
}

/// For each principle scored in finished runs (practised decisions included), a chart over
/// dates: a bar per run at its date from the first to the later of today and the next review,
/// its height how far along the range the run allowed the total came, and a line at the next
/// review (`practice::progress`: every run, the review counting runs from `since`). Beside it,
/// the latest total, the dates and the review in words.
fn principle_chart(
    chart: &mut ChildSpawnerCommands,
    runs: &[Arc<RunRecord>],
    since: Option<u64>,
    p: &Palette,
) {
    chart.spawn(heading("Progress by principle", p));
    let progress = crate::practice::progress(runs, since);
    if progress.is_empty() {
        chart.spawn(small("Finish a scenario to see your progress here.", p));
        return;
    }
    chart.spawn(small(
        format!(
            "Each bar is a finished run or practised decision, at its date (the latest \
             {CHART_RUNS} at most): how far along the range it allowed your total came; its \
             colour, where the total stood. The line is the next review."
        ),
        p,
    ));
    standing_legend(chart, p);
    let now = crate::clock::unix_now();
    for principle in progress {
        let points = &principle.points[principle.points.len().saturating_sub(CHART_RUNS)..];
        let (Some(first), Some(latest)) = (points.first(), points.last()) else {
            continue;
        };
        let first_date = time::date(first.at);
        let last_date = time::date(latest.at);
        let dates = if first_date == last_date {
            first_date
        } else {
            format!("{first_date} to {last_date}")
        };
        let review = match &principle.review {
            Some(review) if review.is_due(now) => " · due for review".to_owned(),
            Some(review) => format!(" · next review {}", time::date(review.due)),
            None => String::new(),
        };
        // The axis runs to the later of now and the next review, a week at least.
        let due = principle.review.as_ref().map(|r| r.due);
        let end = now.max(due.unwrap_or(0)).max(first.at + 7 * DAY);
        let width = CHART_WIDTH - DATED_BAR_WIDTH;
        let xs = crate::practice::positions(points, end, width, DATED_BAR_WIDTH + 1.0);
        chart.spawn(row(10.0)).with_children(|line| {
            line.spawn(dated_strip(p, CHART_WIDTH))
                .with_children(|strip| {
                    for (point, x) in points.iter().zip(xs) {
                        let color = standing_colour(point.standing, p);
                        strip.spawn(dated_bar(x, point.share, color));
                    }
                    if let Some(due) = due {
                        let x = crate::practice::position(due, first.at, end, width);
                        let color = if due <= now { p.poor } else { p.accent };
                        strip.spawn(due_mark(x, color));
                    }
                });
            line.spawn(column(0.0)).with_children(|words| {
                words.spawn(body(&principle.title, p));
                words.spawn(small(
                    format!(
                        "latest {:+} (best possible {:+}) · {} run{} · {dates}{review}",
                        latest.total,
                        latest.max,
                        principle.points.len(),
                        if principle.points.len() == 1 { "" } else { "s" }
                    ),
                    p,
                ));
            });
        });
    }
}

/// Restyles the rows and rebuilds the detail panel when the selection changes.
fn show_selected(
    mut commands: Commands,
    view: Res<HistoryView>,
    history: Res<RunHistory>,
    palette: Res<Palette>,
    mut rows: Query<(&RunRow, Restyled)>,
    detail: Query<Entity, With<RunDetail>>,
    mut saved: Query<&mut Text, With<SavedLine>>,
) {
    if !view.is_changed() {
        return;
    }
    let p = palette.as_ref();
    for (row, parts) in &mut rows {
        restyle(parts, history_row(p, row.0 == view.selected));
    }
    for mut text in &mut saved {
        text.0 = view.saved.clone().unwrap_or_default();
    }
    let (Ok(panel), Some(run)) = (detail.single(), history.runs.get(view.selected)) else {
        return;
    };
    commands
        .entity(panel)
        .despawn_related::<Children>()
        .with_children(|detail| {
            detail.spawn(heading(&run.scenario_title, p));
            detail.spawn(small(
                format!(
                    "For {} · {} · started {}",
                    run.audience,
                    run.kind_words(),
                    time::readable(&run.started)
                ),
                p,
            ));
            if let Some(ending) = &run.ending {
                detail.spawn(body(format!("Ending: {}", ending.title), p));
            }
            for decision in &run.decisions {
                detail.spawn(row(8.0)).with_children(|line| {
                    line.spawn(grade_badge(decision.grade, p));
                    if decision.critical {
                        line.spawn(strong("critical", p.breach));
                    }
                    line.spawn(small(&decision.prompt, p));
                });
                let chosen = &decision.chosen_text;
                let joiner = if decision.kind == crate::record::AnswerKind::Rank {
                    "  >  "
                } else {
                    "  +  "
                };
                let ran_out = if decision.timed_out {
                    " (time ran out)"
                } else {
                    ""
                };
                detail.spawn(body(format!("{}{ran_out}", chosen.join(joiner)), p));
            }
        });
}

/// What the history's keys and buttons touch.
#[derive(bevy::ecs::system::SystemParam)]
struct Act<'w, 's> {
    view: ResMut<'w, HistoryView>,
    history: Res<'w, RunHistory>,
    library: Res<'w, Library>,
    notices: ResMut<'w, Notices>,
    screen: ResMut<'w, NextState<Screen>>,
    commands: Commands<'w, 's>,
}

impl Act<'_, '_> {
    fn selected(&self) -> Option<Arc<RunRecord>> {
        self.history.runs.get(self.view.selected).cloned()
    }

    /// Replays the run against the scenario in the library and shows its debrief.
    fn open_debrief(&mut self) {
        let Some(run) = self.selected() else { return };
        // A practice set's decision has no debrief of its own: its set's summary shows.
        if let Some(item) = &run.practice {
            self.commands
                .insert_resource(crate::app::practice_set::ShownPracticeSet {
                    id: item.set.clone(),
                    back: Screen::History,
                });
            self.screen.set(Screen::PracticeSet);
            return;
        }
        let Some(scenario) = self.library.find(run.scenario()) else {
            self.notices.push(format!(
                "the debrief of {} cannot be shown: scenario `{}` is not in the library now",
                run.scenario_title,
                run.scenario()
            ));
            return;
        };
        let replayed = replay(
            Arc::clone(scenario),
            Arc::clone(&self.library.catalogue),
            &run.transcript,
        );
        if let Some(problem) = replayed.problems.iter().find(|p| p.stops_replay()) {
            self.notices.push(format!(
                "the scenario has changed since this run: {problem}; the debrief shows the run up to there"
            ));
        }
        // Not a run being played: nothing may be saved over this record from the debrief.
        self.commands.remove_resource::<CurrentRun>();
        self.commands
            .insert_resource(super::debrief::DebriefReturn(Screen::History));
        self.commands
            .insert_resource(ActiveSession(replayed.session));
        self.screen.set(Screen::Debrief);
    }

    /// The selected run's reflective note, as Markdown and as an HTML page; for a practice
    /// set's decision, the note of the whole set.
    fn save_note(&mut self) {
        let Some(run) = self.selected() else { return };
        let kept = match &run.practice {
            Some(item) => super::practice_set::decisions_of(&self.history, &item.set),
            None => vec![run],
        };
        let runs: Vec<&RunRecord> = kept.iter().map(Arc::as_ref).collect();
        let files = vec![
            (Format::Markdown, Ok(export::note::markdown(&runs))),
            (Format::Html, Ok(export::note::html(&runs))),
        ];
        self.save(&runs, files);
    }

    /// Every finished or abandoned run as CSV (runs and decisions) and xAPI statements.
    fn save_all(&mut self) {
        let kept: Vec<Arc<RunRecord>> = self
            .history
            .runs
            .iter()
            .rev()
            .filter(|r| r.status != RunStatus::InProgress)
            .cloned()
            .collect();
        let runs: Vec<&RunRecord> = kept.iter().map(Arc::as_ref).collect();
        if runs.is_empty() {
            self.view.saved = Some("Nothing to save yet: finish or leave a run first.".into());
            return;
        }
        let statements = self
            .xapi_actor()
            .map(|actor| xapi::to_json(&xapi::statements(&runs, &actor, xapi::DEFAULT_BASE)));
        let files = vec![
            (Format::CsvRuns, Ok(export::csv::runs(&runs))),
            (Format::CsvDecisions, Ok(export::csv::decisions(&runs))),
            (Format::Xapi, statements),
        ];
        self.save(&runs, files);
    }

    fn xapi_actor(&self) -> Result<xapi::Actor, String> {
        let places = self
            .history
            .places
            .as_ref()
            .ok_or("no config folder for the pseudonym")?;
        let made = account::load_or_create(&places.config, crate::clock::unpredictable_bytes)?;
        Ok(xapi::Actor::at(xapi::DEFAULT_BASE, &made.name))
    }

    /// Writes each file atomically into the exports folder and says where they went.
    fn save(&mut self, runs: &[&RunRecord], files: Vec<(Format, Result<String, String>)>) {
        let Some(folder) = self.history.places.as_ref().map(|p| p.exports()) else {
            self.view.saved = Some("Not saved: no data folder is known.".into());
            return;
        };
        let mut names: Vec<String> = Vec::new();
        for (format, text) in files {
            let path = folder.join(export::file_name(runs, format));
            let result = text.and_then(|text| {
                std::fs::create_dir_all(&folder)
                    .and_then(|()| write_shared(&path, text.as_bytes()))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            });
            match result {
                Ok(()) => names.extend(path.file_name().map(|n| n.to_string_lossy().into_owned())),
                Err(problem) => self.notices.push(problem),
            }
        }
        self.view.saved = Some(if names.is_empty() {
            "Nothing was saved (see the message above).".to_owned()
        } else {
            format!("Saved in {}: {}", folder.display(), names.join(", "))
        });
    }
}

/// The progress chart's list: PageUp and PageDown scroll it, so its last principles are in
/// reach without a mouse on a 720-line screen.
#[derive(Component)]
pub struct ProgressChart;

fn history_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut act: Act,
    mut charts: Query<&mut ScrollPosition, With<ProgressChart>>,
) {
    let pages = [(KeyCode::PageDown, 300.0), (KeyCode::PageUp, -300.0)];
    scroll_by(&mut charts, scroll_step(&keys, &pages));
    let count = act.history.runs.len();
    if keys.just_pressed(KeyCode::ArrowDown) && act.view.selected + 1 < count {
        act.view.selected += 1;
    }
    if keys.just_pressed(KeyCode::ArrowUp) && act.view.selected > 0 {
        act.view.selected -= 1;
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
        act.open_debrief();
    }
    if keys.just_pressed(KeyCode::KeyE) {
        act.save_note();
    }
    if keys.just_pressed(KeyCode::KeyA) {
        act.save_all();
    }
    if keys.any_just_pressed([KeyCode::Escape, KeyCode::Backspace]) {
        act.screen.set(Screen::Library);
    }
}
