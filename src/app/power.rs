//! Low power: the window redraws continuously only while something moves (the timeline runs,
//! a countdown ticks, a highlight fades, a script drives the app); otherwise it waits for
//! input, so an app left open on a decision uses next to no CPU. A facilitated room also wakes
//! a few times a second while phones may vote or the discussion timer runs, since neither is
//! input the window would wake for. (Author mode's watcher wakes the window itself.)

use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};

use super::LaunchOptions;
use super::facilitation::ActiveRoom;
use super::screens::play::Fresh;
use super::script::Script;
use super::session::{ActiveSession, Paused};
use super::state::PlayPhase;
use super::state::Screen;

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(WinitSettings {
        focused_mode: UpdateMode::reactive(IDLE_WAKE),
        unfocused_mode: UpdateMode::reactive_low_power(IDLE_WAKE),
    });
    app.add_systems(Last, choose_update_mode);
}

/// How long an idle window sleeps before waking on its own. Input wakes it at once; a wake
/// redraws the whole window, which costs a software renderer tens of milliseconds.
const IDLE_WAKE: Duration = Duration::from_secs(60);

/// What a facilitated room needs of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomNeeds {
    /// No room, or nothing moving in it.
    Nothing,
    /// Phones may send votes, or the discussion timer counts: a few wakes a second.
    Listening,
    /// Its timeline runs.
    Running,
}

/// Frames drawn continuously at start, the first complete one among them.
const FIRST_COMPLETE_FRAMES: u32 = 5;

/// How often a listening room wakes to show new votes and the timer.
const LISTENING_WAKE: Duration = Duration::from_millis(250);

/// The update modes (focused, unfocused) for what is on screen now.
pub fn wanted_modes(
    scripted: bool,
    screen: Screen,
    phase: Option<PlayPhase>,
    paused: bool,
    timed_decision: bool,
    fading: bool,
    room: RoomNeeds,
) -> (UpdateMode, UpdateMode) {
    let mode = match room {
        RoomNeeds::Running => UpdateMode::Continuous,
        RoomNeeds::Listening if !scripted => UpdateMode::reactive(LISTENING_WAKE),
        _ => wanted_mode(scripted, screen, phase, paused, timed_decision, fading),
    };
    match mode {
        UpdateMode::Continuous => (mode, mode),
        UpdateMode::Reactive { wait, .. } if wait < IDLE_WAKE => (mode, mode),
        _ => (mode, UpdateMode::reactive_low_power(IDLE_WAKE)),
    }
}

/// The update mode for what is on screen now.
pub fn wanted_mode(
    scripted: bool,
    screen: Screen,
    phase: Option<PlayPhase>,
    paused: bool,
    timed_decision: bool,
    fading: bool,
) -> UpdateMode {
    let busy = scripted
        || fading
        || (screen == Screen::Play && !paused && phase == Some(PlayPhase::Watching));
    if busy {
        UpdateMode::Continuous
    } else if screen == Screen::Play
        && !paused
        && phase == Some(PlayPhase::Deciding)
        && timed_decision
    {
        // The countdown bar moves ten times a second.
        UpdateMode::reactive(Duration::from_millis(100))
    } else {
        UpdateMode::reactive(IDLE_WAKE)
    }
}

#[allow(clippy::too_many_arguments)]
fn choose_update_mode(
    options: Res<LaunchOptions>,
    screen: Res<State<Screen>>,
    phase: Option<Res<State<PlayPhase>>>,
    paused: Res<Paused>,
    active: Option<Res<ActiveSession>>,
    room: Option<Res<ActiveRoom>>,
    fresh: Query<(), With<Fresh>>,
    script: Option<Res<Script>>,
    frames: Res<bevy::diagnostic::FrameCount>,
    mut settings: ResMut<WinitSettings>,
    read_first: Res<crate::app::session::ReadFirst>,
) {
    let room = match room.filter(|_| *screen.get() == Screen::Facilitate) {
        Some(room)
            if room.running() && room.room().phase() == crate::facilitate::Phase::Watching =>
        {
            RoomNeeds::Running
        }
        Some(room) if room.voting.running() || room.timer().running => RoomNeeds::Listening,
        _ => RoomNeeds::Nothing,
    };
    // A script's `idle` step lets the window sleep as a user's would, waking at its end.
    let idle = script
        .and_then(|s| s.idle_left())
        .map(Duration::from_secs_f32);
    let scripted = (options.script.is_some() || options.screenshot.is_some()) && idle.is_none();
    let timed = active.as_ref().is_some_and(|a| a.0.time_left().is_some());
    // The first frames draw continuously until the first screen is complete (frames 1 and 2
    // are black while a software renderer compiles its shaders): a window opened with no
    // input to wake it would otherwise show black until the idle wake a minute later.
    let starting = frames.0 < FIRST_COMPLETE_FRAMES;
    // Reading the feed before a practice decision opens, nothing moves: it waits as a
    // decision does.
    let phase = match phase.map(|p| *p.get()) {
        Some(PlayPhase::Watching) if read_first.waiting => Some(PlayPhase::Deciding),
        phase => phase,
    };
    let (focused, unfocused) = wanted_modes(
        scripted || starting,
        *screen.get(),
        phase,
        paused.0,
        timed,
        !fresh.is_empty(),
        room,
    );
    let (focused, unfocused) = (woken_by(focused, idle), woken_by(unfocused, idle));
    if settings.focused_mode != focused || settings.unfocused_mode != unfocused {
        settings.focused_mode = focused;
        settings.unfocused_mode = unfocused;
    }
}

/// `mode`, waking by itself after `left` (if any) at the latest.
fn woken_by(mut mode: UpdateMode, left: Option<Duration>) -> UpdateMode {
    if let (UpdateMode::Reactive { wait, .. }, Some(left)) = (&mut mode, left) {
        *wait = (*wait).min(left);
    }
    mode
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_moving_things_draw_continuously() {
        let watching = wanted_modes(
            false,
            Screen::Play,
            Some(PlayPhase::Watching),
            false,
            false,
            false,
            RoomNeeds::Nothing,
        );
        assert_eq!(watching, (UpdateMode::Continuous, UpdateMode::Continuous));
        let deciding = wanted_mode(
            false,
            Screen::Play,
            Some(PlayPhase::Deciding),
            false,
            false,
            false,
        );
        assert_eq!(deciding, UpdateMode::reactive(IDLE_WAKE));
        let countdown = wanted_mode(
            false,
            Screen::Play,
            Some(PlayPhase::Deciding),
            false,
            true,
            false,
        );
        assert_eq!(countdown, UpdateMode::reactive(Duration::from_millis(100)));
        let paused = wanted_mode(
            false,
            Screen::Play,
            Some(PlayPhase::Watching),
            true,
            false,
            false,
        );
        assert_eq!(paused, UpdateMode::reactive(IDLE_WAKE));
        assert_eq!(
            wanted_mode(false, Screen::Library, None, false, false, true),
            UpdateMode::Continuous,
            "a fading highlight"
        );
        assert_eq!(
            wanted_mode(true, Screen::Library, None, false, false, false),
            UpdateMode::Continuous,
            "a script runs"
        );
        let (_, unfocused) = wanted_modes(
            false,
            Screen::Debrief,
            None,
            false,
            false,
            false,
            RoomNeeds::Nothing,
        );
        assert_eq!(unfocused, UpdateMode::reactive_low_power(IDLE_WAKE));
    }

    #[test]
    fn a_room_draws_while_its_story_runs_and_wakes_for_votes() {
        let room =
            |needs| wanted_modes(false, Screen::Facilitate, None, false, false, false, needs);
        assert_eq!(
            room(RoomNeeds::Running),
            (UpdateMode::Continuous, UpdateMode::Continuous),
            "a projector is rarely the focused window"
        );
        assert_eq!(
            room(RoomNeeds::Listening),
            (
                UpdateMode::reactive(LISTENING_WAKE),
                UpdateMode::reactive(LISTENING_WAKE)
            )
        );
        assert_eq!(room(RoomNeeds::Nothing).0, UpdateMode::reactive(IDLE_WAKE));
    }
}
