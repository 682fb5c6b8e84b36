//! A facilitated session in the app. Keys, the script and (later) the voting server write
//! `RoomRequest`s; `drive_room` alone calls the `Room`, feeds it time while the facilitator lets
//! the timeline run, and sends `RoomChanged` so the projector and presenter views redraw.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bevy::prelude::*;

use super::LaunchOptions;
use super::library::Library;
use super::notices::Notices;
use super::session::Speed;
use super::state::Screen;
use crate::engine::{Answer, OfferKind, PlayEvent};
use crate::facilitate::export::{self, Played};
use crate::facilitate::protocol::{Protocol, Question, Secrets, Status, device_id_from_os};
use crate::facilitate::server::{VotingServer, lock};
use crate::facilitate::{Phase, Plan, Record, Reveal, Room};
use crate::scenario::{Catalogue, Happening, Scenario};

/// One line of the projector's activity list: who did what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub who: String,
    pub what: &'static str,
    pub text: String,
}

/// A scenario the room has finished, for the summary and the export.
#[derive(Debug, Clone)]
pub struct Finished {
    pub scenario: String,
    pub title: String,
    pub records: Vec<Record>,
}

/// The room being facilitated, and what the views show of it.
#[derive(Resource)]
pub struct ActiveRoom {
    pub room: Room,
    pub plan: Option<Plan>,
    /// The plan entry being played.
    pub item: usize,
    pub title: String,
    /// Newest last.
    pub activity: Vec<Activity>,
    /// The timeline runs (the facilitator starts and pauses it).
    pub running: bool,
    /// The reveal on screen, when revealed.
    pub reveal: Option<Reveal>,
    /// The discussion timer, in seconds, and whether it runs.
    pub timer: (f32, bool),
    pub finished: Vec<Finished>,
    /// The whole session has ended: the summary shows.
    pub ended: bool,
    /// The last refusal or note, for the presenter view.
    pub note: Option<String>,
    /// Where the export was written (presenter view only).
    pub exported: Vec<PathBuf>,
    /// The export's file name without extension, fixed at the session's first export.
    pub export_name: Option<String>,
    /// What phones are told, made at the first `W` and kept for the whole session: the same
    /// address code, PIN and seats however often the server is stopped and started.
    pub voting: Option<Arc<Mutex<Protocol>>>,
    /// Phones vote through this while it runs; dropping it stops it.
    pub server: Option<VotingServer>,
    /// Why the server stopped by itself, for the projector until `W` starts it again.
    pub voting_stopped: Option<String>,
    /// The port the server last listened on, to listen on it again.
    pub last_port: Option<u16>,
    catalogue: Arc<Catalogue>,
}

impl ActiveRoom {
    pub fn plan_title(&self) -> Option<&str> {
        self.plan.as_ref().map(|p| p.title.as_str())
    }

    /// The address phones open and the PIN they enter, while the server runs.
    pub fn join(&self) -> Option<(String, String)> {
        self.server.as_ref()?;
        let protocol = lock(self.voting.as_ref()?);
        Some((protocol.join_url(), protocol.secrets().pin.clone()))
    }

    /// Seats, refusals and the door, while phones can vote.
    pub fn door(&self) -> Option<Status> {
        self.server.as_ref()?;
        Some(lock(self.voting.as_ref()?).status(std::time::Instant::now()))
    }

    /// Tells the server what phones may vote on now: the open decision, or nothing.
    fn sync_server(&self) {
        let Some(voting) = &self.voting else { return };
        let open = self.room.phase() == Phase::Voting;
        let question = self
            .room
            .session()
            .pending()
            .filter(|_| open)
            .map(|offer| Question {
                decision: offer.decision.clone(),
                prompt: offer.prompt.clone(),
                kind: offer.kind,
                options: offer
                    .options
                    .iter()
                    .map(|o| (o.id.clone(), o.text.clone()))
                    .collect(),
            });
        lock(voting).set_question(question);
    }
}

/// What the facilitator (keys, script, voting server) asks of the room.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum RoomRequest {
    StartPause,
    Skip,
    OpenVoting,
    CloseVoting,
    Reveal,
    /// Follow the room's answer (`None`) or this one.
    Follow(Option<Answer>),
    /// Follow the facilitator's pick, by the positions shown: one option to choose, the option
    /// a ranking puts first (the rest in the room's order), or the options of a selection.
    FollowShown(Vec<usize>),
    Hands(Vec<u32>),
    Vote {
        device: String,
        ballot: Answer,
    },
    Back,
    /// The next scenario of the plan, once this one has ended.
    Next,
    /// End the session: the summary.
    End,
    Timer,
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

/// The port the voting server tries first, so the address stays the same between sessions;
/// a free one is taken when it is busy.
pub const VOTING_PORT: u16 = 8787;

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

/// The folder exports go to.
fn export_folder(set: Option<&ExportFolder>, options: &LaunchOptions) -> PathBuf {
    match set {
        Some(folder) => folder.0.clone(),
        None => options
            .places()
            .map_or_else(|| PathBuf::from("exports"), |p| p.data.join("exports")),
    }
}

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
    let Some(request) = &options.facilitate else {
        return;
    };
    if *done || !library.loaded {
        return;
    }
    *done = true;
    let start = match request {
        Some(path) => read_plan(path, &library.scenarios()).map(|plan| StartFacilitation {
            plan: Some(plan),
            scenario: None,
            seed: 0,
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

/// A plan file, checked as `feedwise check` checks it against these scenarios (the library):
/// the first error, with its position, when it has one. A plan that is not on disk is looked
/// for among the built-in ones by its name, so an installed feedwise runs
/// `--facilitate forty-five-minute-workshop` (or `sessions/forty-five-minute-workshop.ron`)
/// from any folder.
pub fn read_plan(path: &std::path::Path, scenarios: &[&Scenario]) -> Result<Plan, String> {
    use crate::check::Severity;
    use crate::check::plan::{check_plan, known};
    use crate::scenario::library::{built_in_plan, built_in_plan_names};
    use crate::scenario::source::{ReadError, SourceFile};
    let source = match SourceFile::read(path) {
        Ok(source) => source,
        Err(ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            built_in_plan(name).ok_or_else(|| {
                format!(
                    "cannot read {}: {error}; the built-in plans are {}",
                    path.display(),
                    built_in_plan_names().join(", ")
                )
            })?
        }
        Err(ReadError::Io(error)) => {
            return Err(format!("cannot read {}: {error}", path.display()));
        }
        Err(ReadError::TooLarge { bytes }) => {
            return Err(format!(
                "{} is too large for a plan ({bytes} bytes)",
                path.display()
            ));
        }
        Err(ReadError::NotUtf8 { at, .. }) => {
            return Err(format!("{}:{at}: not UTF-8 text", path.display()));
        }
    };
    let (plan, diagnostics) = check_plan(&source, &known(scenarios));
    match diagnostics.iter().find(|d| d.severity == Severity::Error) {
        Some(error) => Err(format!(
            "{}{}: {}[{}]: {}",
            error.file.display(),
            error
                .location()
                .map(|at| format!(":{at}"))
                .unwrap_or_default(),
            error.severity.word(),
            error.code,
            error.message
        )),
        None => plan.ok_or_else(|| format!("{}: not a session plan", source.path.display())),
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
    let entry = match &start.plan {
        Some(plan) => plan.scenarios.first().and_then(|item| {
            let scenario = library.find(&item.scenario)?;
            Some((Arc::clone(scenario), item.seed, item.discuss.clone()))
        }),
        None => start
            .scenario
            .clone()
            .map(|s| (s, start.seed, Default::default())),
    };
    let Some((scenario, seed, discuss)) = entry else {
        notices.push("the plan's first scenario is not in the library".to_owned());
        return;
    };
    let catalogue = Arc::clone(&library.catalogue);
    let professions = start.plan.as_ref().map(|plan| plan.professions.clone());
    let room = Room::new(Arc::clone(&scenario), Arc::clone(&catalogue), seed, discuss)
        .with_professions(professions.unwrap_or_default());
    let title = room.session().fill(&scenario.title);
    commands.insert_resource(ActiveRoom {
        room,
        plan: start.plan,
        item: 0,
        title,
        activity: Vec::new(),
        running: false,
        reveal: None,
        timer: (0.0, false),
        finished: Vec::new(),
        ended: false,
        note: None,
        exported: Vec::new(),
        export_name: None,
        voting: None,
        server: None,
        voting_stopped: None,
        last_port: None,
        catalogue,
    });
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
    let folder = export_folder(folder.as_deref(), &options);
    for request in requests.read() {
        dirty = true;
        active.note = None;
        let outcome = apply(&mut active, request.clone(), &library, &folder);
        if let Err(message) = outcome {
            active.note = Some(message);
        }
    }
    if active.timer.1 {
        active.timer.0 += time.delta_secs();
    }
    // A server that stopped by itself is reported, never silently gone.
    if let Some(failure) = active.server.as_ref().and_then(VotingServer::failure) {
        warn!("{failure}");
        active.server = None;
        active.voting_stopped = Some(failure);
        dirty = true;
    }
    // Votes from phones, as they arrived; one too late for the decision is simply refused.
    let votes = active.voting.as_ref().map(|v| lock(v).take_votes());
    for (device, ballot) in votes.into_iter().flatten() {
        if active.room.vote(&device, ballot).is_ok() {
            dirty = true;
        }
    }
    if active.running && active.room.phase() == Phase::Watching {
        let elapsed = time.delta().mul_f32(speed.0);
        let events = active.room.advance(elapsed);
        if !events.is_empty() {
            dirty = true;
            record(&mut active, &events);
        }
    }
    if dirty {
        active.sync_server();
        changed.write(RoomChanged);
    }
}

fn apply(
    active: &mut ActiveRoom,
    request: RoomRequest,
    library: &Library,
    folder: &std::path::Path,
) -> Result<(), String> {
    let text = |e: crate::facilitate::RoomError| e.to_string();
    match request {
        RoomRequest::StartPause => active.running = !active.running,
        RoomRequest::Skip => {
            let events = active.room.skip_ahead();
            record(active, &events);
        }
        RoomRequest::OpenVoting => {
            active.room.open_voting().map_err(text)?;
            active.reveal = None;
        }
        RoomRequest::CloseVoting => active.room.close_voting().map_err(text)?,
        RoomRequest::Reveal => active.reveal = Some(active.room.reveal().map_err(text)?),
        RoomRequest::Follow(answer) => follow(active, answer)?,
        RoomRequest::FollowShown(positions) => {
            let answer = facilitator_pick(active, &positions)?;
            follow(active, Some(answer))?;
        }
        RoomRequest::Hands(counts) => active.room.hands(counts).map_err(text)?,
        RoomRequest::Vote { device, ballot } => active.room.vote(&device, ballot).map_err(text)?,
        RoomRequest::Back => {
            let events = active.room.back().map_err(text)?;
            active.activity.clear();
            active.reveal = None;
            record(active, &events);
        }
        RoomRequest::Next => next_scenario(active, library)?,
        RoomRequest::End => {
            finish_scenario(active);
            active.ended = true;
            active.running = false;
            // The session is over: no port stays open.
            active.server = None;
        }
        RoomRequest::Timer => {
            active.timer = if active.timer.1 {
                (active.timer.0, false)
            } else {
                (0.0, true)
            }
        }
        RoomRequest::Export => export_summary(active, folder)?,
        RoomRequest::StartServer(address) => start_server(active, address)?,
        RoomRequest::StopServer => active.server = None,
        RoomRequest::Doors(open) => {
            let voting = active
                .voting
                .as_ref()
                .ok_or("phones are not voting: press W")?;
            lock(voting).set_doors_open(open);
        }
        RoomRequest::PerAddress(devices) => {
            let voting = active
                .voting
                .as_ref()
                .ok_or("phones are not voting: press W")?;
            lock(voting).set_per_address(devices);
        }
        RoomRequest::NewVersion => new_version(active, library)?,
    }
    Ok(())
}

/// The answer the facilitator picked by position, for any kind of decision.
fn facilitator_pick(active: &ActiveRoom, positions: &[usize]) -> Result<Answer, String> {
    let offer = active
        .room
        .session()
        .pending()
        .ok_or("no decision is open")?;
    let ids = positions
        .iter()
        .map(|&i| {
            offer
                .options
                .get(i)
                .map(|o| o.id.clone())
                .ok_or_else(|| format!("there is no option {}", i + 1))
        })
        .collect::<Result<Vec<String>, String>>()?;
    match offer.kind {
        OfferKind::Choose => ids
            .first()
            .cloned()
            .map(Answer::Choose)
            .ok_or_else(|| "pick an option".to_owned()),
        OfferKind::Rank => {
            let top = ids.first().cloned().ok_or("pick the option to put first")?;
            // The rest in the room's order when it has one, else as shown.
            let rest: Vec<String> = match active
                .room
                .current_reveal()
                .ok()
                .and_then(|r| r.room_answer)
            {
                Some(Answer::Rank(order)) => order,
                _ => offer.options.iter().map(|o| o.id.clone()).collect(),
            };
            Ok(Answer::Rank(
                std::iter::once(top.clone())
                    .chain(rest.into_iter().filter(|id| *id != top))
                    .collect(),
            ))
        }
        OfferKind::ChooseSeveral { .. } => Ok(Answer::Several(ids)),
    }
}

fn follow(active: &mut ActiveRoom, answer: Option<Answer>) -> Result<(), String> {
    let events = active.room.follow(answer).map_err(|e| e.to_string())?;
    active.reveal = None;
    active.timer = (0.0, false);
    record(active, &events);
    Ok(())
}

/// Keeps the finished scenario's records for the summary (once).
fn finish_scenario(active: &mut ActiveRoom) {
    let scenario = active.room.session().scenario().id.clone();
    if active.finished.iter().any(|f| f.scenario == scenario) || active.room.records().is_empty() {
        return;
    }
    active.finished.push(Finished {
        scenario,
        title: active.title.clone(),
        records: active.room.records().to_vec(),
    });
}

fn next_scenario(active: &mut ActiveRoom, library: &Library) -> Result<(), String> {
    let Some(plan) = &active.plan else {
        return Err("this session has no plan: press E to end it".to_owned());
    };
    let professions = plan.professions.clone();
    let Some(item) = plan.scenarios.get(active.item + 1).cloned() else {
        return Err("that was the plan's last scenario: press E to end the session".to_owned());
    };
    let scenario = library
        .find(&item.scenario)
        .cloned()
        .ok_or_else(|| format!("scenario `{}` is not in the library", item.scenario))?;
    finish_scenario(active);
    active.room = Room::new(
        Arc::clone(&scenario),
        Arc::clone(&active.catalogue),
        item.seed,
        item.discuss,
    )
    .with_professions(professions);
    active.title = active.room.session().fill(&scenario.title);
    active.item += 1;
    active.activity.clear();
    active.reveal = None;
    active.running = false;
    active.timer = (0.0, false);
    Ok(())
}

/// Plays the room's story again on the library's version of its scenario and catalogue; the
/// feed is redrawn from the replayed events. Where what the room followed no longer applies,
/// the story stops at that decision and the presenter view says so.
fn new_version(active: &mut ActiveRoom, library: &Library) -> Result<(), String> {
    let id = active.room.session().scenario().id.clone();
    let scenario = library
        .find(&id)
        .cloned()
        .ok_or_else(|| format!("scenario `{id}` is no longer in the library"))?;
    active.catalogue = Arc::clone(&library.catalogue);
    let (events, stopped) = active
        .room
        .reload(Arc::clone(&scenario), Arc::clone(&active.catalogue));
    active.title = active.room.session().fill(&scenario.title);
    active.activity.clear();
    record(active, &events);
    active.reveal = match active.room.phase() {
        Phase::Revealed => active.room.current_reveal().ok(),
        _ => None,
    };
    match stopped {
        Some(decision) => {
            let message = format!(
                "the new version of `{id}` no longer offers what the room followed at \
                 decision `{decision}`: the story stops there"
            );
            warn!("{message}");
            Err(message)
        }
        None => {
            info!("the room plays the new version of `{id}`");
            Ok(())
        }
    }
}

/// Starts the server on `address`, on the port it had before (so the address phones have is
/// still right), else `VOTING_PORT`, else any free one. The code, PIN and seats are the
/// session's, made the first time.
fn start_server(active: &mut ActiveRoom, address: std::net::IpAddr) -> Result<(), String> {
    let voting = match &active.voting {
        Some(voting) => Arc::clone(voting),
        None => {
            let protocol = Protocol::new(
                Secrets::from_os()?,
                crate::facilitate::room::MAX_VOTERS,
                Box::new(device_id_from_os),
            );
            Arc::clone(active.voting.insert(Arc::new(Mutex::new(protocol))))
        }
    };
    let previous = active.last_port;
    let ports = previous.into_iter().chain([VOTING_PORT, 0]);
    let mut last_error = None;
    let server = ports
        .filter_map(|port| {
            VotingServer::start(
                std::net::SocketAddr::new(address, port),
                Arc::clone(&voting),
            )
            .map_err(|e| last_error = Some(e))
            .ok()
        })
        .next()
        .ok_or_else(|| {
            let why = last_error.map(|e| e.to_string()).unwrap_or_default();
            format!("cannot take votes on {address}: {why}")
        })?;
    active.last_port = Some(server.address.port());
    active.voting_stopped = None;
    // The facilitator's own terminal: the same address and PIN the projector shows.
    let (url, pin) = {
        let protocol = lock(&voting);
        (protocol.join_url(), protocol.secrets().pin.clone())
    };
    info!("taking votes at {url} (PIN {pin})");
    active.server = Some(server);
    Ok(())
}

/// Writes the summary as CSV and Markdown into `folder`: counts only. The names carry the
/// date and time of the session's first export, so a second workshop the same day never
/// overwrites the first; exporting again in the same session rewrites the same files.
fn export_summary(active: &mut ActiveRoom, folder: &std::path::Path) -> Result<(), String> {
    finish_scenario(active);
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot make the folder {}: {e}", folder.display()))?;
    let name = match &active.export_name {
        Some(name) => name.clone(),
        None => {
            let base = active.plan.as_ref().map_or_else(
                || "feedwise-session".to_owned(),
                |p| format!("feedwise-{}", p.id),
            );
            let name = unused_name(folder, &base, crate::clock::unix_now());
            active.export_name = Some(name.clone());
            name
        }
    };
    let title = active
        .plan_title()
        .map_or_else(|| active.title.clone(), str::to_owned);
    let played: Vec<Played<'_>> = active
        .finished
        .iter()
        .map(|f| Played {
            title: &f.title,
            records: &f.records,
        })
        .collect();
    let files = [
        (
            folder.join(format!("{name}.csv")),
            export::csv(&title, &played),
        ),
        (
            folder.join(format!("{name}.md")),
            export::markdown(&title, &played),
        ),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        crate::files::write_shared(&path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    active.exported = written;
    Ok(())
}

/// `feedwise-workshop-2026-12-06-1430` (UTC), with `-2`, `-3` ... when that is taken.
fn unused_name(folder: &std::path::Path, base: &str, now: u64) -> String {
    let time = crate::record::time::rfc3339(now);
    let stamp = format!("{}-{}{}", &time[..10], &time[11..13], &time[14..16]);
    let taken = |name: &str| {
        ["csv", "md"]
            .iter()
            .any(|ext| folder.join(format!("{name}.{ext}")).exists())
    };
    let first = format!("{base}-{stamp}");
    (1..)
        .map(|n| match n {
            1 => first.clone(),
            n => format!("{first}-{n}"),
        })
        .find(|name| !taken(name))
        .unwrap_or(first)
}

/// Adds what became visible to the activity list.
fn record(active: &mut ActiveRoom, events: &[PlayEvent]) {
    for event in events {
        let PlayEvent::Shown { happening, .. } = event else {
            continue;
        };
        let name = |id: &str| {
            active
                .room
                .session()
                .persona(id)
                .map_or_else(|| id.to_owned(), |p| p.name)
        };
        let line = match happening {
            Happening::Post { by, text, .. } => Activity {
                who: name(by),
                what: "posted",
                text: text.clone(),
            },
            Happening::Reply { by, text, .. } => Activity {
                who: name(by),
                what: "replied",
                text: text.clone(),
            },
            Happening::Message { from, text, .. } => Activity {
                who: name(from),
                what: "messaged",
                text: text.clone(),
            },
            Happening::Notification { text, by, .. } => Activity {
                who: by.as_deref().map(name).unwrap_or_default(),
                what: "notification",
                text: text.clone(),
            },
            Happening::Resurfaced { by, text, .. } => Activity {
                who: name(by),
                what: "shared a screenshot",
                text: text.clone(),
            },
            Happening::Deleted { .. } => Activity {
                who: String::new(),
                what: "deleted",
                text: "A post was deleted.".to_owned(),
            },
            Happening::Engagement { likes, reposts, .. } => Activity {
                who: String::new(),
                what: "engagement",
                text: format!(
                    "Now {} likes, {} reposts.",
                    likes.map_or("more".to_owned(), |n| n.to_string()),
                    reposts.map_or("more".to_owned(), |n| n.to_string())
                ),
            },
        };
        active.activity.push(line);
    }
}
