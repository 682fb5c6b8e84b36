//! The library: every scenario as a card, filterable by principle; broken files show their
//! error and cannot be started. Keyboard: arrows move, Enter starts, F filters, S settings.

use bevy::prelude::*;

use crate::app::LaunchOptions;
use crate::app::library::Library;
use crate::app::notices::{Notices, banner};
use crate::app::session::StartSession;
use crate::app::theme::widget::{body, button, heading, panel, screen_root, small, title, toolbar};
use crate::app::theme::{Palette, size};

use crate::app::state::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LibraryView>();
    app.add_systems(OnEnter(Screen::Library), spawn_library);
    app.add_systems(
        Update,
        (library_keys, respawn_on_change).run_if(in_state(Screen::Library)),
    );
}

/// What the library shows: the principle filter and the selected card.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct LibraryView {
    /// Principle id to filter by; `None` shows all.
    pub filter: Option<String>,
    /// Index into the visible cards.
    pub selected: usize,
}

/// A card for the entry at this index of the library.
#[derive(Component, Debug, Clone, Copy)]
pub struct ScenarioCard(pub usize);

/// Entries the filter lets through, by library index.
pub fn visible(library: &Library, view: &LibraryView) -> Vec<usize> {
    (0..library.entries.len())
        .filter(|&i| match &view.filter {
            None => true,
            Some(principle) => library.entries[i]
                .principles(&library.catalogue)
                .contains(principle),
        })
        .collect()
}

fn filters(library: &Library) -> Vec<String> {
    let covered: std::collections::BTreeSet<String> = library
        .entries
        .iter()
        .flat_map(|e| e.principles(&library.catalogue))
        .collect();
    library
        .catalogue
        .principles
        .iter()
        .filter(|p| covered.contains(&p.id))
        .map(|p| p.id.clone())
        .collect()
}

fn spawn_library(
    mut commands: Commands,
    library: Res<Library>,
    view: Res<LibraryView>,
    palette: Res<Palette>,
    notices: Res<Notices>,
) {
    let p = palette.as_ref();
    let shown = visible(&library, &view);
    let filter_label = match &view.filter {
        None => "All principles".to_owned(),
        Some(id) => library
            .catalogue
            .principle(id)
            .map_or(id.clone(), |p| p.title.clone()),
    };
    let root = commands
        .spawn((DespawnOnExit(Screen::Library), screen_root(p)))
        .id();
    commands.entity(root).with_children(|root| {
        root.spawn(banner(&notices, p));
        root.spawn(toolbar()).with_children(|row| {
            row.spawn(title("feedwise", p));
            row.spawn(small(
                "Practise professional use of social media. Pick a scenario to play.",
                p,
            ));
        });
        root.spawn(Node {
            flex_direction: FlexDirection::Row,
            align_items: AlignItems::Center,
            column_gap: px(10),
            ..default()
        })
        .with_children(|row| {
            row.spawn(body(format!("Filter: {filter_label}"), p));
            row.spawn(button("Next filter (F)", p)).observe(
                |_: On<Pointer<Click>>, library: Res<Library>, mut view: ResMut<LibraryView>| {
                    cycle_filter(&library, &mut view);
                },
            );
            row.spawn(button("Settings (S)", p)).observe(
                |_: On<Pointer<Click>>, mut screen: ResMut<NextState<Screen>>| {
                    screen.set(Screen::Settings);
                },
            );
            row.spawn(small("Arrows choose, Enter starts", p));
        });
        root.spawn((
            Node {
                flex_direction: FlexDirection::Row,
                flex_wrap: FlexWrap::Wrap,
                row_gap: px(12),
                column_gap: px(12),
                overflow: Overflow::scroll_y(),
                flex_grow: 1.0,
                min_height: px(0),
                align_content: AlignContent::FlexStart,
                ..default()
            },
            bevy::ui_widgets::ScrollArea,
        ))
        .with_children(|grid| {
            if shown.is_empty() {
                grid.spawn(body(
                    "No scenario covers this principle. Press F for the next filter.",
                    p,
                ));
            }
            for (position, &index) in shown.iter().enumerate() {
                spawn_card(grid, &library, index, position == view.selected, p);
            }
        });
    });
}

fn spawn_card(
    grid: &mut ChildSpawnerCommands,
    library: &Library,
    index: usize,
    selected: bool,
    p: &Palette,
) {
    let entry = &library.entries[index];
    let border = if selected {
        p.accent
    } else if entry.error.is_some() {
        p.breach
    } else {
        p.border
    };
    let mut card = grid.spawn((ScenarioCard(index), Button, panel(p)));
    card.insert((
        Node {
            width: px(600),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(px(14)),
            row_gap: px(6),
            border: UiRect::all(px(if selected { 3 } else { 1 })),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BorderColor::all(border),
        BackgroundColor(if selected {
            p.surface_raised
        } else {
            p.surface
        }),
    ));
    card.observe(
        move |_: On<Pointer<Click>>,
              library: Res<Library>,
              mut starts: MessageWriter<StartSession>,
              options: Res<LaunchOptions>| {
            start(&library, index, &mut starts, &options);
        },
    );
    card.with_children(|card| match (&entry.scenario, &entry.error) {
        (Some(scenario), _) => {
            card.spawn((heading(&scenario.title, p), Pickable::IGNORE));
            card.spawn((body(&scenario.summary, p), Pickable::IGNORE));
            let principles: Vec<String> = entry
                .principles(&library.catalogue)
                .iter()
                .map(|id| {
                    library
                        .catalogue
                        .principle(id)
                        .map_or(id.clone(), |p| p.title.clone())
                })
                .collect();
            card.spawn((
                small(format!("Principles: {}", principles.join(" · ")), p),
                Pickable::IGNORE,
            ));
            let audiences: Vec<String> = scenario
                .audiences
                .iter()
                .map(|a| a.word().to_owned())
                .collect();
            card.spawn((
                small(
                    format!(
                        "{} min · for {} · {}",
                        scenario.minutes,
                        audiences.join(", "),
                        scenario.tags.join(", ")
                    ),
                    p,
                ),
                Pickable::IGNORE,
            ));
        }
        (None, error) => {
            card.spawn((
                heading(format!("Cannot be started: {}", entry.path.display()), p),
                Pickable::IGNORE,
            ));
            card.spawn((
                Text::new(error.clone().unwrap_or_default()),
                TextFont::from_font_size(size::SMALL),
                TextColor(p.breach),
                Pickable::IGNORE,
            ));
            card.spawn((
                small(
                    "Fix the file (run `feedwise check`) and restart feedwise.",
                    p,
                ),
                Pickable::IGNORE,
            ));
        }
    });
}

fn cycle_filter(library: &Library, view: &mut LibraryView) {
    let all = filters(library);
    view.filter = match &view.filter {
        None => all.first().cloned(),
        Some(current) => all
            .iter()
            .position(|p| p == current)
            .and_then(|i| all.get(i + 1))
            .cloned(),
    };
    view.selected = 0;
}

/// Starts the entry at `index` if it is playable.
fn start(
    library: &Library,
    index: usize,
    starts: &mut MessageWriter<StartSession>,
    options: &LaunchOptions,
) {
    let Some(scenario) = library.entries.get(index).and_then(|e| e.scenario.as_ref()) else {
        return;
    };
    starts.write(StartSession::new(
        scenario,
        &library.catalogue,
        options.seed,
    ));
}

fn library_keys(
    keys: Res<ButtonInput<KeyCode>>,
    library: Res<Library>,
    mut view: ResMut<LibraryView>,
    mut starts: MessageWriter<StartSession>,
    mut screen: ResMut<NextState<Screen>>,
    options: Res<LaunchOptions>,
) {
    let shown = visible(&library, &view);
    if keys.any_just_pressed([KeyCode::ArrowDown, KeyCode::ArrowRight])
        && view.selected + 1 < shown.len()
    {
        view.selected += 1;
    }
    if keys.any_just_pressed([KeyCode::ArrowUp, KeyCode::ArrowLeft]) && view.selected > 0 {
        view.selected -= 1;
    }
    if keys.just_pressed(KeyCode::KeyF) {
        cycle_filter(&library, &mut view);
    }
    if keys.just_pressed(KeyCode::KeyS) {
        screen.set(Screen::Settings);
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter])
        && let Some(&index) = shown.get(view.selected)
    {
        start(&library, index, &mut starts, &options);
    }
}

/// Rebuilds the screen when the filter or selection changes (it is small).
fn respawn_on_change(view: Res<LibraryView>, mut screen: ResMut<NextState<Screen>>) {
    if view.is_changed() && !view.is_added() {
        screen.set(Screen::Library);
    }
}
