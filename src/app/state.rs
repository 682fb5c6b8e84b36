//! The app's states: which screen is showing, and where play stands on the Play screen.
//! Every screen and the session runner read these; none of them owns them.

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Library,
    Play,
    Debrief,
    Settings,
    /// The trainee's runs: each one's figures, progress by principle, exports.
    History,
    /// A facilitated session: the projector (or presenter) view of a room.
    Facilitate,
    /// Who the trainee is: asked on first start, and from Settings.
    Profession,
    /// How a practice set went.
    PracticeSet,
}

/// Where play stands on the Play screen.
#[derive(SubStates, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[source(Screen = Screen::Play)]
pub enum PlayPhase {
    /// Events arrive in scenario time.
    #[default]
    Watching,
    /// A decision is open; the timeline is paused (a timed decision counts down).
    Deciding,
    /// The outcome of the last decision is shown.
    Feedback,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_sub_state::<PlayPhase>();
}
