//! Low power: the window redraws continuously only while something moves (the timeline runs,
//! a countdown ticks, a highlight fades, a script drives the app); otherwise it waits for
//! input, so an app left open on a decision uses next to no CPU.

use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};

use super::LaunchOptions;
use super::play::Fresh;
use super::screens::Screen;
use super::session::{ActiveSession, Paused, PlayPhase};

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(WinitSettings::desktop_app());
    app.add_systems(Last, choose_update_mode);
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
        UpdateMode::reactive(Duration::from_secs(5))
    }
}

#[allow(clippy::too_many_arguments)]
fn choose_update_mode(
    options: Res<LaunchOptions>,
    screen: Res<State<Screen>>,
    phase: Option<Res<State<PlayPhase>>>,
    paused: Res<Paused>,
    active: Option<Res<ActiveSession>>,
    fresh: Query<(), With<Fresh>>,
    mut settings: ResMut<WinitSettings>,
) {
    let scripted = options.script.is_some() || options.screenshot.is_some();
    let timed = active.as_ref().is_some_and(|a| a.0.time_left().is_some());
    let mode = wanted_mode(
        scripted,
        *screen.get(),
        phase.map(|p| *p.get()),
        paused.0,
        timed,
        !fresh.is_empty(),
    );
    if settings.focused_mode != mode {
        settings.focused_mode = mode;
        settings.unfocused_mode = mode;
    }
}
