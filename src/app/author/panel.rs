//! Author mode's panel (F2): the ids behind what is on screen (beat, decision, options as
//! shown, flags, the seed's variables), so an author can find the line in the file. It sits at
//! the right end of the strip kept below the screen, so it covers no column of the feed.

use bevy::prelude::*;

use crate::app::session::ActiveSession;
use crate::app::theme::Palette;
use crate::app::theme::widget::{ReservedBelow, column, heading, panel_with, scroll_list, small};

/// Whether the author panel (F2) is shown.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AuthorPanelShown(pub bool);

#[derive(Component)]
struct AuthorPanel;

/// The panel's ids, rewritten as play moves on.
#[derive(Component)]
struct AuthorPanelText;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AuthorPanelShown>();
    app.add_systems(
        Update,
        (toggle_panel, show_panel, fit_panel)
            .chain()
            .in_set(super::AuthorSystems),
    );
}

fn toggle_panel(keys: Res<ButtonInput<KeyCode>>, mut shown: ResMut<AuthorPanelShown>) {
    if keys.just_pressed(KeyCode::F2) {
        shown.0 = !shown.0;
    }
}

fn show_panel(
    mut commands: Commands,
    shown: Res<AuthorPanelShown>,
    active: Option<Res<ActiveSession>>,
    panels: Query<Entity, With<AuthorPanel>>,
    mut texts: Query<&mut Text, With<AuthorPanelText>>,
    palette: Res<Palette>,
) {
    let text = match (&active, shown.0) {
        (Some(active), true) => describe(&active.0),
        _ => String::new(),
    };
    match panels.single() {
        Ok(entity) if text.is_empty() => commands.entity(entity).despawn(),
        Ok(_) => {
            for mut shown in &mut texts {
                if shown.0 != text {
                    shown.0.clone_from(&text);
                }
            }
        }
        Err(_) if !text.is_empty() => {
            let p = palette.as_ref();
            commands
                .spawn((
                    AuthorPanel,
                    Node {
                        position_type: PositionType::Absolute,
                        bottom: px(0),
                        right: px(0),
                        width: px(440),
                        height: percent(super::problems::WITH_PANEL),
                        flex_direction: FlexDirection::Column,
                        padding: UiRect::all(px(6)),
                        overflow: Overflow::clip(),
                        ..default()
                    },
                    GlobalZIndex(55),
                ))
                .with_children(|corner| {
                    // A long list of variables scrolls instead of running off the strip.
                    let fills_strip = Node {
                        flex_grow: 1.0,
                        min_height: px(0),
                        ..column(8.0)
                    };
                    corner
                        .spawn(panel_with(p, fills_strip))
                        .with_children(|panel| {
                            panel.spawn(heading("Author (F2)", p));
                            panel
                                .spawn(scroll_list(0.0, true))
                                .with_child((AuthorPanelText, small(text, p)));
                        });
                });
        }
        Err(_) => {}
    }
}

/// The panel is as high as the strip kept for it and the problems.
fn fit_panel(reserved: Res<ReservedBelow>, mut panels: Query<&mut Node, With<AuthorPanel>>) {
    for mut node in &mut panels {
        let height = percent(reserved.0);
        if node.height != height {
            node.height = height;
        }
    }
}

/// The ids an author needs to match the screen to the file.
pub fn describe(session: &crate::engine::Session) -> String {
    let mut lines = vec![format!("scenario: {}", session.scenario().id)];
    lines.push(format!(
        "beat: {}",
        session.beat().or(session.ending()).unwrap_or("-")
    ));
    if let Some(offer) = session.pending() {
        lines.push(format!("decision: {}", offer.decision));
        let ids: Vec<&str> = offer.options.iter().map(|o| o.id.as_str()).collect();
        lines.push(format!("options as shown: {}", ids.join(", ")));
    }
    let mut flags: Vec<&str> = session.flags().iter().map(String::as_str).collect();
    if flags.is_empty() {
        flags.push("none");
    }
    lines.push(format!("flags: {}", flags.join(", ")));
    for (name, value) in session.variables() {
        lines.push(format!("{{{name}}} = {value}"));
    }
    lines.push(format!("seed: {}", session.seed()));
    lines.join("\n")
}
