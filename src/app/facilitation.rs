//! A facilitated session in the app: Bevy's plumbing around the room's `Workshop`. Keys and the
//! script write `RoomRequest`s; `drive_room` alone calls the workshop, feeds it time and the
//! phones' votes, keeps the voting server told what may be voted on, and sends `RoomChanged`
//! so the projector and presenter views redraw.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::LaunchOptions;
use super::library::Library;
use super::notices::Notices;
use super::session::Speed;
use super::state::Screen;
use crate::engine::Answer;
use crate::facilitate::Plan;
use crate::facilitate::protocol::Status;
pub use crate::facilitate::voting::{VOTING_PORT, Voting};
pub use crate::facilitate::workshop::{Request, Workshop};
use crate::scenario::Scenario;

/// The session being facilitated (the workshop: the plan, the room, its feed and summary)
/// and the app's part of it: phones' voting, exports and the last note for the presenter.
#[derive(Resource)]
pub struct ActiveRoom {
    pub workshop: Workshop,
    pub voting: Voting,
    /// The last refusal or note, for the presenter view.
    pub note: Option<String>,
    /// Where the export was written (presenter view only).
    pub exported: Vec<PathBuf>,
    /// The export's file name without extension, fixed at the session's first export.
    pub export_name: Option<String>,
}

/// The views read the workshop through the resource: `active.room()`, `active.latest(8)`.
impl std::ops::Deref for ActiveRoom {
    type Target = Workshop;
    fn deref(&self) -> &Workshop {
        &self.workshop
    }
}

impl ActiveRoom {
    fn new(workshop: Workshop) -> Self {
        ActiveRoom {
            workshop,
            voting: Voting::default(),
            note: None,
            exported: Vec::new(),
            export_name: None,
        }
    }

    /// The address phones open and the PIN they enter, while the server runs.
    pub fn join(&self) -> Option<(String, String)> {
        self.voting.join()
    }

    /// Seats, refusals and the door, while phones can vote.
    pub fn door(&self) -> Option<Status> {
        self.voting.door()
    }
}

/// What the facilitator (keys, script, voting server) asks of the room.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum RoomRequest {
    /// What the workshop itself does (play, vote, reveal, follow, back, next, end, timer).
    Workshop(Request),
    Vote {
        device: String,
        ballot: Answer,
    },
    Export,
    /// Start taking votes from phones on this address of this machine.
    StartServer(std::net::IpAddr),
    StopServer,
    /// Let new phones join, or not (returning phones always may).
    Doors(bool),
    /// Phones one network address may seat.
    PerAddress(usize),
    /// Author mode saw a new version of the scenario being played, or of the catalogue: play
    /// the story again on it, to the same point.
    NewVersion,
}

/// Start facilitating: a plan (from its first entry) or one scenario.
#[derive(Message, Debug, Clone)]
pub struct StartFacilitation {
    pub plan: Option<Plan>,
    pub scenario: Option<Arc<Scenario>>,
    pub seed: u64,
}

/// Where exports are written when a test says; otherwise `exports/` in the data folder
/// (`exports/` in the current folder when there is none).
#[derive(Resource, Debug, Clone)]
pub struct ExportFolder(pub PathBuf);

/// The room changed: redraw.
#[derive(Message, Debug, Clone, Copy)]
pub struct RoomChanged;

/// The system that calls the room: keys run before it, views after it, so a key press is
/// carried out and drawn in the same frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct DriveRoom;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<RoomRequest>();
    app.add_message::<StartFacilitation>();
    app.add_message::<RoomChanged>();
    app.add_systems(Update, (open_requested_plan, start_facilitation).chain());
    app.add_systems(
        Update,
        drive_room
            .in_set(DriveRoom)
            .after(start_facilitation)
            .run_if(in_state(Screen::Facilitate).and_then(resource_exists::<ActiveRoom>)),
    );
}

/// `--facilitate [PLAN]`: once the library is checked, read the plan (or take `--scenario`)
/// and start. Problems are shown on the library screen.
fn open_requested_plan(
    options: Res<LaunchOptions>,
    library: Res<Library>,
    mut notices: ResMut<Notices>,
    mut starts: MessageWriter<StartFacilitation>,
    mut done: Local<bool>,
) {
    let Some(request) = (options.facilitate.as_ref()).filter(|_| !*done && library.loaded) else {
        return;
    };
    *done = true;
    let start = match request {
        Some(path) => crate::check::plan::read_plan(path, &library.scenarios()).map(|plan| {
            StartFacilitation {
                plan: Some(plan),
                scenario: None,
                seed: 0,
            }
        }),
        None => options
            .scenario
            .as_deref()
            .and_then(|id| library.find(id))
            .map(|scenario| StartFacilitation {
                plan: None,
                scenario: Some(Arc::clone(scenario)),
                seed: options.seed.unwrap_or(1),
            })
            .ok_or_else(|| {
                "--facilitate without a plan needs --scenario ID, or press P on a scenario in \
                 the library"
                    .to_owned()
            }),
    };
    match start {
        Ok(start) => {
            starts.write(start);
        }
        Err(message) => notices.push(message),
    }
}

fn start_facilitation(
    mut starts: MessageReader<StartFacilitation>,
    library: Res<Library>,
    mut notices: ResMut<Notices>,
    mut commands: Commands,
    mut screen: ResMut<NextState<Screen>>,
    mut changed: MessageWriter<RoomChanged>,
) {
    let Some(start) = starts.read().last().cloned() else {
        return;
    };
    let catalogue = Arc::clone(&library.catalogue);
    let find = |id: &str| library.find(id).cloned();
    let workshop = match (start.plan, start.scenario) {
        (Some(plan), _) => Workshop::with_plan(plan, catalogue, &find),
        (None, Some(scenario)) => Ok(Workshop::with_scenario(scenario, catalogue, start.seed)),
        (None, None) => Err("nothing to facilitate: no plan and no scenario".to_owned()),
    };
    match workshop {
        Ok(workshop) => commands.insert_resource(ActiveRoom::new(workshop)),
        Err(message) => return notices.push(message),
    }
    screen.set(Screen::Facilitate);
    changed.write(RoomChanged);
}

/// The one system that calls the room.
#[allow(clippy::too_many_arguments)]
fn drive_room(
    time: Res<Time>,
    speed: Res<Speed>,
    library: Res<Library>,
    folder: Option<Res<ExportFolder>>,
    options: Res<LaunchOptions>,
    mut active: ResMut<ActiveRoom>,
    mut requests: MessageReader<RoomRequest>,
    mut changed: MessageWriter<RoomChanged>,
) {
    let mut dirty = false;
    let folder = folder.map_or_else(
        || (options.places()).map_or_else(|| PathBuf::from("exports"), |p| p.data.join("exports")),
        |folder| folder.0.clone(),
    );
    for request in requests.read() {
        dirty = true;
        active.note = apply(&mut active, request.clone(), &library, &folder).err();
    }
    // A server that stopped by itself is reported, never silently gone.
    if active.voting.check_failure() {
        warn!("{}", active.voting.stopped().unwrap_or_default());
        dirty = true;
    }
    // Votes from phones, as they arrived; one too late for the decision is simply refused.
    for (device, ballot) in active.voting.take_votes() {
        dirty |= active.workshop.vote(&device, ballot).is_ok();
    }
    let elapsed = time.delta().mul_f32(speed.0);
    dirty |= active.workshop.tick(elapsed, time.delta_secs());
    if dirty {
        active.voting.set_question(active.workshop.question());
        changed.write(RoomChanged);
    }
}

fn apply(
    active: &mut ActiveRoom,
    request: RoomRequest,
    library: &Library,
    folder: &std::path::Path,
) -> Result<(), String> {
    let find = |id: &str| library.find(id).cloned();
    match request {
        RoomRequest::Workshop(request) => {
            let ends = request == Request::End;
            active.workshop.apply(request, &find)?;
            if ends {
                // The session is over: no port stays open.
                active.voting.stop();
            }
        }
        RoomRequest::Vote { device, ballot } => active.workshop.vote(&device, ballot)?,
        RoomRequest::Export => export_summary(active, folder)?,
        RoomRequest::StartServer(address) => {
            let (url, pin) = active.voting.start(address)?;
            // The facilitator's own terminal: the same address and PIN the projector shows.
            info!("taking votes at {url} (PIN {pin})");
        }
        RoomRequest::StopServer => active.voting.stop(),
        RoomRequest::Doors(open) => active.voting.set_doors_open(open)?,
        RoomRequest::PerAddress(devices) => active.voting.set_per_address(devices)?,
        RoomRequest::NewVersion => {
            let id = active.room().session().scenario().id.clone();
            let scenario = library
                .find(&id)
                .cloned()
                .ok_or_else(|| format!("scenario `{id}` is no longer in the library"))?;
            let catalogue = Arc::clone(&library.catalogue);
            (active.workshop.new_version(scenario, catalogue)).inspect_err(|m| warn!("{m}"))?;
            info!("the room plays the new version of `{id}`");
        }
    }
    Ok(())
}

/// Writes the summary as CSV and Markdown into `folder`: counts only. The names carry the
/// date and time of the session's first export, so a second workshop the same day never
/// overwrites the first; exporting again in the same session rewrites the same files.
fn export_summary(active: &mut ActiveRoom, folder: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot make the folder {}: {e}", folder.display()))?;
    let taken = |name: &str| {
        ["csv", "md"]
            .iter()
            .any(|ext| folder.join(format!("{name}.{ext}")).exists())
    };
    let name = (active.export_name)
        .get_or_insert_with(|| active.workshop.export_name(crate::clock::unix_now(), taken))
        .clone();
    let mut written = Vec::new();
    for (extension, text) in active.workshop.summary() {
        let path = folder.join(format!("{name}.{extension}"));
        crate::files::write_shared(&path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    active.exported = written;
    Ok(())
}
