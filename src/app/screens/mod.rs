//! Screens, one plugin each; every screen builds its UI on entry and tags it to be despawned
//! on exit, so nothing leaks between them.

pub mod debrief;
pub mod facilitate;
pub mod history;
pub mod library;
pub mod library_state;
pub mod new_scenario;
pub mod play;
pub mod practice_set;
pub mod practise_next;
pub mod profession;
pub mod resume;
pub mod settings;

use bevy::prelude::*;

use super::LaunchOptions;
use super::library::Library;
use super::notices::Notices;
use super::session::StartSession;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        library::plugin,
        play::plugin,
        debrief::plugin,
        settings::plugin,
        facilitate::plugin,
        resume::plugin,
        history::plugin,
        profession::plugin,
        library_state::plugin,
        new_scenario::plugin,
        practise_next::plugin,
        practice_set::plugin,
    ));
    app.add_systems(
        Update,
        // With `--facilitate`, `--scenario` names what the room plays, not a run to start. On
        // a first start it waits for the answer to who plays, which its text depends on.
        open_requested_scenario
            .run_if(|options: Res<LaunchOptions>| {
                options.scenario.is_some() && options.facilitate.is_none()
            })
            .run_if(profession::answered),
    );
}

/// `--scenario ID`: start it as soon as its file is checked; an id the whole library does not
/// have is shown on the library screen.
fn open_requested_scenario(
    options: Res<LaunchOptions>,
    library: Res<Library>,
    mut notices: ResMut<Notices>,
    mut starts: MessageWriter<StartSession>,
    mut opened: Local<bool>,
) {
    let Some(id) = &options.scenario else { return };
    if *opened {
        return;
    }
    match library.find(id) {
        Some(scenario) => {
            starts.write(StartSession::new(
                scenario,
                &library.catalogue,
                options.seed,
            ));
            *opened = true;
        }
        None if library.loaded => {
            notices.push(format!("no playable scenario has the id `{id}`"));
            *opened = true;
        }
        None => {}
    }
}
