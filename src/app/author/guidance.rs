//! Author mode's guidance list (F4): every principle, document and citable part a scenario
//! may name, with what each is about, from the catalogue in use: what `feedwise guidance`
//! prints, for an author with only the app and a text editor. Arrows and PageUp/PageDown
//! scroll it; F4 closes it (Escape stays the pause menu's).

use bevy::prelude::*;

use crate::app::keys::{scroll_by, scroll_step};
use crate::app::library::Library;
use crate::app::theme::Palette;
use crate::app::theme::widget::{body, dialog, heading, overlay, scroll_list, small};
use crate::scenario::browse::{browse, to_text};

/// Whether the guidance list is open.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GuidanceShown(pub bool);

#[derive(Component)]
struct GuidanceView;

#[derive(Component)]
struct GuidanceList;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<GuidanceShown>();
    app.add_systems(
        Update,
        (
            guidance_keys,
            show_guidance.run_if(resource_changed::<GuidanceShown>),
        )
            .chain()
            .in_set(super::AuthorSystems),
    );
}

fn guidance_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut shown: ResMut<GuidanceShown>,
    mut lists: Query<&mut ScrollPosition, With<GuidanceList>>,
) {
    if keys.just_pressed(KeyCode::F4) {
        shown.0 = !shown.0;
    }
    if !shown.0 {
        return;
    }
    let steps = [
        (KeyCode::PageDown, 400.0),
        (KeyCode::PageUp, -400.0),
        (KeyCode::ArrowDown, 60.0),
        (KeyCode::ArrowUp, -60.0),
    ];
    scroll_by(&mut lists, scroll_step(&keys, &steps));
}

fn show_guidance(
    mut commands: Commands,
    shown: Res<GuidanceShown>,
    library: Res<Library>,
    views: Query<Entity, With<GuidanceView>>,
    palette: Res<Palette>,
) {
    for view in &views {
        commands.entity(view).despawn();
    }
    if !shown.0 {
        return;
    }
    let p = palette.as_ref();
    let text = to_text(&browse(&library.catalogue, ""));
    commands
        .spawn((GuidanceView, overlay(p, 58, AlignItems::Center)))
        .with_children(|scrim| {
            scrim
                .spawn(dialog(p, 1100.0, 94.0, p.accent))
                .with_children(|dialog| {
                    dialog.spawn(heading("Guidance (F4 closes)", p));
                    dialog.spawn(small(
                        "What a scenario may name: principles in `effects` and `focus`, documents \
                         and their parts in `cite`. Arrows and PageUp/PageDown scroll; \
                         `feedwise guidance --search WORDS` finds words.",
                        p,
                    ));
                    dialog
                        .spawn((GuidanceList, scroll_list(2.0, true)))
                        .with_children(|list| {
                            // Indented lines keep their indent when they wrap.
                            for line in text.lines() {
                                let indent = line.len() - line.trim_start().len();
                                list.spawn(Node {
                                    padding: UiRect::left(px(indent as f32 * 8.0)),
                                    ..default()
                                })
                                .with_child(body(line.trim_start().to_owned(), p));
                            }
                        });
                });
        });
}
