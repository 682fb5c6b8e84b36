//! The pause menu (Esc): resume, restart with the same seed, or go back to the library.
//! Nothing advances while it is open.

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::practice_set::PracticeAgain;
use crate::app::session::{ActiveSession, CurrentRun, Paused, PlayInput, SeedChoice, StartSession};
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::widget::{button, dialog, heading, overlay, small};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (pause_keys, show_menu)
            .chain()
            .before(PlayInput)
            .run_if(in_state(Screen::Play)),
    );
}

#[derive(Component)]
pub struct PauseMenu;

#[derive(Debug, Clone, Copy)]
enum Choice {
    Resume,
    Restart,
    Library,
}

/// What the pause menu's choices touch.
#[derive(bevy::ecs::system::SystemParam)]
struct Menu<'w> {
    paused: ResMut<'w, Paused>,
    active: Res<'w, ActiveSession>,
    starts: MessageWriter<'w, StartSession>,
    screen: ResMut<'w, NextState<Screen>>,
    current: Option<Res<'w, CurrentRun>>,
    practice_again: MessageWriter<'w, PracticeAgain>,
}

fn act(choice: Choice, menu: &mut Menu) {
    menu.paused.0 = false;
    match choice {
        Choice::Resume => {}
        // A practice set's decision starts again at itself, not at the scenario's start.
        Choice::Restart
            if menu
                .current
                .as_ref()
                .is_some_and(|c| c.0.practice.is_some()) =>
        {
            menu.practice_again.write(PracticeAgain);
        }
        Choice::Restart => {
            let seed = SeedChoice::Given(menu.active.0.seed());
            menu.starts.write(StartSession::again(&menu.active, seed));
        }
        Choice::Library => menu.screen.set(Screen::Library),
    }
}

fn pause_keys(mut keys: ResMut<ButtonInput<KeyCode>>, mut menu: Menu) {
    if keys.just_pressed(KeyCode::Escape) {
        menu.paused.0 = !menu.paused.0;
        return;
    }
    if !menu.paused.0 {
        return;
    }
    for (key, choice) in [
        (KeyCode::Digit1, Choice::Resume),
        (KeyCode::Digit2, Choice::Restart),
        (KeyCode::Digit3, Choice::Library),
    ] {
        if keys.just_pressed(key) {
            // The key is the menu's: the decision underneath must not see it too.
            keys.clear_just_pressed(key);
            act(choice, &mut menu);
        }
    }
}

fn show_menu(
    mut commands: Commands,
    paused: Res<Paused>,
    palette: Res<Palette>,
    menus: Query<Entity, With<PauseMenu>>,
) {
    if !paused.is_changed() {
        return;
    }
    for menu in &menus {
        commands.entity(menu).despawn();
    }
    if !paused.0 {
        return;
    }
    let p = palette.as_ref();
    let layer = (PauseMenu, overlay(p, 30, AlignItems::Center));
    let boxed = dialog(p, 420.0, 80.0, p.border);
    super::over_play(&mut commands, layer, boxed, |menu| {
        menu.spawn(heading("Paused", p));
        menu.spawn(small("The scenario waits until you resume.", p));
        for (label, choice) in [
            ("1  Resume (Esc)", Choice::Resume),
            ("2  Restart", Choice::Restart),
            ("3  Back to library", Choice::Library),
        ] {
            menu.spawn(button(label, p, move |_: On<Activated>, mut menu: Menu| {
                act(choice, &mut menu);
            }));
        }
    });
}
