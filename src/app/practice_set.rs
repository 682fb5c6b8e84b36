//! A practice set as the app plays it: the core chooses the decisions (`practice::practice_set`)
//! from the record, the library and the clock read here; each decision starts as a run of its
//! scenario replayed on the keyed path (`StartSession::practice`); after its feedback the next
//! one starts, and after the last the set's summary shows. Each answered decision is kept by
//! `session.rs` as its own record, marked with the set.

use bevy::prelude::*;

use super::library::Library;
use super::notices::Notices;
use super::records::RunHistory;
use super::session::{PracticeStart, StartSession};
use super::settings::CurrentSettings;
use super::state::Screen;
use crate::practice::{Practicable, ScenarioFacts, SetItem, keyed_stops, practice_set};
use crate::record::{PracticeItem, time};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<StartPracticeSet>();
    app.add_message::<PracticeNext>();
    app.add_message::<PracticeAgain>();
    // After the keys that ask for them, before runs start: a step takes one frame.
    app.add_systems(
        Update,
        (start_sets, next_decision, same_decision_again)
            .after(super::session::PlayInput)
            .before(super::session::StartRuns),
    );
    // A set left for the library (the pause menu) is over; what was answered is kept.
    app.add_systems(OnEnter(Screen::Library), |mut commands: Commands| {
        commands.remove_resource::<ActivePracticeSet>();
    });
}

/// Asks for a new practice set (the library's 4, or its button).
#[derive(Message, Debug, Clone, Copy)]
pub struct StartPracticeSet;

/// The feedback of a set's decision was read: on to the next one, or the summary.
#[derive(Message, Debug, Clone, Copy)]
pub struct PracticeNext;

/// The pause menu's restart during a set: the same decision again, replayed to as before.
#[derive(Message, Debug, Clone, Copy)]
pub struct PracticeAgain;

/// The set being played.
#[derive(Resource, Debug, Clone)]
pub struct ActivePracticeSet {
    pub id: String,
    pub items: Vec<SetItem>,
    /// The decision being played, from 0.
    pub position: usize,
    /// Each decision's seed is this plus its position, so names and option order differ.
    pub seed: u64,
}

/// The set the summary screen shows, by id (the one just played, or one chosen in history),
/// and the screen to go back to.
#[derive(Resource, Debug, Clone)]
pub struct ShownPracticeSet {
    pub id: String,
    pub back: Screen,
}

#[allow(clippy::too_many_arguments)]
fn start_sets(
    mut asks: MessageReader<StartPracticeSet>,
    library: Res<Library>,
    history: Res<RunHistory>,
    settings: Res<CurrentSettings>,
    options: Res<super::LaunchOptions>,
    mut notices: ResMut<Notices>,
    mut starts: MessageWriter<StartSession>,
    mut commands: Commands,
) {
    if asks.read().last().is_none() || !library.loaded {
        return;
    }
    let practicable: Vec<Practicable> = (library.entries.iter())
        .filter_map(|entry| entry.scenario())
        .map(|scenario| Practicable {
            facts: ScenarioFacts::of(scenario),
            stops: keyed_stops(scenario, &library.catalogue),
        })
        .collect();
    let seed = options.seed.unwrap_or_else(crate::clock::seed_from_clock);
    let since = settings.0.practice_since.as_deref().and_then(time::parse);
    let items = practice_set(
        &history.runs,
        &practicable,
        &library.catalogue,
        settings.0.profession,
        since,
        crate::clock::unix_now(),
        seed,
    );
    if items.is_empty() {
        notices.push("no decision in the library can be practised on its own");
        return;
    }
    let set = ActivePracticeSet {
        id: crate::clock::new_run_id(),
        items,
        position: 0,
        seed,
    };
    if start_item(&set, &library, &settings, None, &mut starts) {
        commands.insert_resource(set);
    }
}

fn next_decision(
    mut nexts: MessageReader<PracticeNext>,
    set: Option<ResMut<ActivePracticeSet>>,
    library: Res<Library>,
    settings: Res<CurrentSettings>,
    mut starts: MessageWriter<StartSession>,
    mut screen: ResMut<NextState<Screen>>,
    mut commands: Commands,
) {
    // A click and Enter in the same frame are one step.
    if nexts.read().last().is_none() {
        return;
    }
    let Some(mut set) = set else { return };
    set.position += 1;
    // A scenario taken out of the library since the set began ends the set there.
    if set.position >= set.items.len() || !start_item(&set, &library, &settings, None, &mut starts)
    {
        commands.insert_resource(ShownPracticeSet {
            id: set.id.clone(),
            back: Screen::Library,
        });
        commands.remove_resource::<ActivePracticeSet>();
        screen.set(Screen::PracticeSet);
    }
}

fn same_decision_again(
    mut agains: MessageReader<PracticeAgain>,
    set: Option<Res<ActivePracticeSet>>,
    current: Option<Res<super::session::CurrentRun>>,
    library: Res<Library>,
    settings: Res<CurrentSettings>,
    mut starts: MessageWriter<StartSession>,
) {
    if agains.read().last().is_some()
        && let Some(set) = set
    {
        // In the same run: an answer already given is replaced, not kept twice.
        let run = current.map(|c| c.0.run.clone());
        start_item(&set, &library, &settings, run, &mut starts);
    }
}

/// Starts the set's current decision: its scenario replayed on the keyed path to it. False
/// when the library no longer has the scenario.
fn start_item(
    set: &ActivePracticeSet,
    library: &Library,
    settings: &CurrentSettings,
    run: Option<String>,
    starts: &mut MessageWriter<StartSession>,
) -> bool {
    let Some(item) = set.items.get(set.position) else {
        return false;
    };
    let Some(scenario) = library.find(&item.scenario) else {
        return false;
    };
    let seed = set.seed.wrapping_add(set.position as u64);
    let transcript = item.transcript(
        scenario,
        seed,
        settings.0.profession,
        settings.0.decision_time,
    );
    let practice = PracticeStart {
        transcript,
        item: PracticeItem {
            set: set.id.clone(),
            position: set.position as u32 + 1,
            of: set.items.len() as u32,
            replayed: item.before.len() as u32,
            principle: item.principle.clone(),
        },
        decision: item.decision.clone(),
        run,
    };
    starts.write(StartSession::practice(
        scenario,
        &library.catalogue,
        practice,
    ));
    true
}
