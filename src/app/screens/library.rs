//! The library: every scenario as a card, filterable by principle; broken files show their
//! error and cannot be started. Keyboard: arrows move, Enter starts, P presents the scenario to a
//! room (facilitator mode), F filters, S settings, H the trainee's runs, N a new scenario.
//!
//! The screen's frame is built once; the cards are rebuilt only when the library or the filter
//! changes, and a selection change restyles two cards. A card's text is spawned only when the
//! card comes near the viewport, so a long library costs little to open.

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::LaunchOptions;
use crate::app::library::{Entry, Library, Status};
use crate::app::notices::{Notices, banner};
use crate::app::screens::new_scenario::NewScenario;
use crate::app::session::StartSession;
use crate::app::settings::CurrentSettings;
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::accessible::Accessible;
use crate::app::theme::widget::{
    Framed, Restyled, body, button, go_button, heading, inert, keep_in_view, restyle,
    scenario_card, screen_root, small, title, toolbar, warning, wrap_grid,
};
use crate::scenario::{Audience, Platform, Profession};

pub(super) fn plugin(app: &mut App) {
    // Ordered for the trainee from the start, so a restored selection names the right card.
    let profession = app.world().resource::<CurrentSettings>().0.profession;
    app.insert_resource(LibraryView {
        audience: profession.and_then(Profession::audience),
        ..default()
    });
    app.add_systems(OnEnter(Screen::Library), spawn_library);
    app.add_systems(
        Update,
        (
            follow_profession,
            library_keys
                .after(super::new_scenario::NewScenarioKeys)
                .run_if(not(super::resume::offered).and_then(not(super::new_scenario::open))),
            (rebuild_cards, show_filter).run_if(library_or_filter_changed),
            restyle_selection,
            fill_cards_near_viewport,
            scroll_selection_into_view,
        )
            .chain()
            .run_if(in_state(Screen::Library)),
    );
}

/// What the library shows: the principle filter and the selected card.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct LibraryView {
    /// Principle id to filter by; `None` shows all.
    pub filter: Option<String>,
    /// Index into the visible cards.
    pub selected: usize,
    /// The trainee's audience: scenarios written for it are listed first (none: as listed).
    pub audience: Option<Audience>,
}

/// A card for the entry at this index of the library, at this place among the visible cards.
#[derive(Component, Debug, Clone, Copy)]
pub struct ScenarioCard {
    pub entry: usize,
    pub place: usize,
}

/// A card whose text has not been spawned yet (it has not come near the viewport).
#[derive(Component)]
struct Unfilled;

/// The scrolling grid the cards live in.
#[derive(Component)]
pub struct CardGrid;

#[derive(Component)]
struct FilterLabel;

/// Says which profession the cards are ordered for.
#[derive(Component)]
struct OrderLabel;

/// Entries the filter lets through, by library index, those written for the trainee's
/// audience first (otherwise in library order). Files still being checked show only when no
/// filter is set.
pub fn visible(library: &Library, view: &LibraryView) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..library.entries.len())
        .filter(|&i| library.entries[i].replaced_by.is_none())
        .filter(|&i| match &view.filter {
            None => true,
            Some(principle) => library.entries[i]
                .principles(&library.catalogue)
                .contains(principle),
        })
        .collect();
    if let Some(audience) = view.audience {
        let theirs = |i: &usize| {
            (library.entries[*i].scenario()).is_some_and(|s| s.audiences.contains(&audience))
        };
        // A stable sort: each group keeps the library's order.
        shown.sort_by_key(|i| !theirs(i));
    }
    shown
}

/// Follows the trainee's profession: the audience the library is ordered for, and its label.
fn follow_profession(
    current: Res<CurrentSettings>,
    mut view: ResMut<LibraryView>,
    mut labels: Query<&mut Text, With<OrderLabel>>,
) {
    let profession = current.0.profession;
    let audience = profession.and_then(Profession::audience);
    if view.audience != audience {
        view.audience = audience;
    }
    let label = order_label(profession);
    for mut text in &mut labels {
        if text.0 != label {
            text.0.clone_from(&label);
        }
    }
}

/// What the library is ordered for, in words.
pub fn order_label(profession: Option<Profession>) -> String {
    match profession {
        Some(profession) => {
            let one = profession.one();
            match profession.audience() {
                Some(audience) => format!(
                    "For {one}: scenarios for {} first (S to change)",
                    audience.word()
                ),
                None => format!("For {one}: scenarios as listed (S to change)"),
            }
        }
        None => "Scenarios as listed".to_owned(),
    }
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
    palette: Res<Palette>,
    notices: Res<Notices>,
    current: Res<CurrentSettings>,
) {
    let p = palette.as_ref();
    commands
        .spawn((DespawnOnExit(Screen::Library), screen_root()))
        .with_children(|root| {
            root.spawn(banner(&notices, p));
            root.spawn(toolbar()).with_children(|row| {
                row.spawn(title("feedwise", p));
                row.spawn(small(
                    "Practise professional use of social media. Pick a scenario to play.",
                    p,
                ));
            });
            root.spawn(toolbar()).with_children(|row| {
                row.spawn((FilterLabel, body("Filter: All principles", p)));
                row.spawn((OrderLabel, small(order_label(current.0.profession), p)));
                row.spawn(button(
                    "Next filter (F)",
                    p,
                    |_: On<Activated>, library: Res<Library>, mut view: ResMut<LibraryView>| {
                        cycle_filter(&library, &mut view);
                    },
                ));
                row.spawn(go_button("Settings (S)", Screen::Settings, p));
                row.spawn(button(
                    "New scenario (N)",
                    p,
                    |_: On<Activated>, mut commands: Commands, settings: Res<CurrentSettings>| {
                        commands.insert_resource(NewScenario::asking(&settings));
                    },
                ));
                row.spawn(go_button("Your runs (H)", Screen::History, p));
                row.spawn(small(
                    "Enter starts, 1-3 practise next, 4 a practice set, P presents to a room",
                    p,
                ));
            });
            root.spawn(super::practise_next::strip());
            root.spawn((CardGrid, wrap_grid(12.0)));
        });
}

/// Cards are rebuilt when the library fills in or the filter changes, and on entering.
fn library_or_filter_changed(
    library: Res<Library>,
    view: Res<LibraryView>,
    grids: Query<(), Added<CardGrid>>,
    mut last_filter: Local<Option<(Option<String>, Option<Audience>)>>,
) -> bool {
    let now = (view.filter.clone(), view.audience);
    let filter_changed = last_filter.as_ref() != Some(&now);
    if filter_changed {
        *last_filter = Some(now);
    }
    library.is_changed() || filter_changed || !grids.is_empty()
}

fn show_filter(
    library: Res<Library>,
    view: Res<LibraryView>,
    mut labels: Query<&mut Text, With<FilterLabel>>,
) {
    let label = match &view.filter {
        None => "All principles".to_owned(),
        Some(id) => library.catalogue.principle_title(id),
    };
    for mut text in &mut labels {
        text.0 = format!("Filter: {label}");
    }
}

fn rebuild_cards(
    mut commands: Commands,
    library: Res<Library>,
    mut view: ResMut<LibraryView>,
    palette: Res<Palette>,
    mut grids: Query<(Entity, &mut ScrollPosition), With<CardGrid>>,
) {
    let Ok((grid, mut scroll)) = grids.single_mut() else {
        return;
    };
    // New cards start from the top; the selection is brought into view from there.
    scroll.y = 0.0;
    view.set_changed();
    let p = palette.as_ref();
    let shown = visible(&library, &view);
    if view.selected >= shown.len() && !shown.is_empty() {
        view.selected = shown.len() - 1;
    }
    commands.entity(grid).despawn_children();
    commands.entity(grid).with_children(|grid| {
        if shown.is_empty() {
            grid.spawn(body(empty_message(&library, &view), p));
        }
        for (place, &entry) in shown.iter().enumerate() {
            grid.spawn((
                ScenarioCard { entry, place },
                Unfilled,
                Button,
                Accessible::new(accesskit::Role::Button).named_by_first_text(),
                card_look(&library, entry, place == view.selected, p),
            ))
            .observe(
                move |_: On<Activated>,
                      library: Res<Library>,
                      mut view: ResMut<LibraryView>,
                      mut starts: MessageWriter<StartSession>,
                      options: Res<LaunchOptions>| {
                    view.selected = place;
                    start(&library, entry, &mut starts, &options);
                },
            );
        }
    });
}

fn empty_message(library: &Library, view: &LibraryView) -> String {
    if !library.loaded {
        "Looking for scenarios...".to_owned()
    } else if library.entries.is_empty() {
        format!(
            "No scenarios were found. feedwise looked in: {}. Put scenario files (.ron) in your \
             scenarios folder, or name a folder with --scenarios DIR.",
            if library.looked_in.is_empty() {
                "nowhere".to_owned()
            } else {
                library.looked_in.join("; ")
            }
        )
    } else if view.filter.is_some() {
        "No scenario covers this principle. Press F for the next filter.".to_owned()
    } else {
        "No scenarios.".to_owned()
    }
}

/// Marks the selected card, and unmarks the one that was, without rebuilding the grid.
fn restyle_selection(
    view: Res<LibraryView>,
    library: Res<Library>,
    palette: Res<Palette>,
    mut cards: Query<(&ScenarioCard, Restyled)>,
) {
    if !view.is_changed() {
        return;
    }
    for (card, parts) in &mut cards {
        // The padding shrinks as the border grows, so the text stays put.
        let selected = card.place == view.selected;
        restyle(parts, card_look(&library, card.entry, selected, &palette));
    }
}

/// The frame of the card for the entry at `entry`: selected or not, broken or not.
fn card_look(library: &Library, entry: usize, selected: bool, p: &Palette) -> Framed {
    let broken = library.entries.get(entry).and_then(Entry::error).is_some();
    scenario_card(p, selected, broken)
}

/// Spawns the text of cards within a viewport's height of the visible part of the grid.
fn fill_cards_near_viewport(
    mut commands: Commands,
    library: Res<Library>,
    palette: Res<Palette>,
    grids: Query<(&ComputedNode, &UiGlobalTransform), With<CardGrid>>,
    cards: Query<(Entity, &ScenarioCard, &ComputedNode, &UiGlobalTransform), With<Unfilled>>,
) {
    let Ok((grid, grid_at)) = grids.single() else {
        return;
    };
    let centre = grid_at.affine().translation.y;
    let height = grid.size().y;
    let (top, bottom) = (centre - 1.5 * height, centre + 1.5 * height);
    for (entity, card, node, at) in &cards {
        let middle = at.affine().translation.y;
        let half = node.size().y / 2.0;
        // Before the first layout every size is zero: fill what would be on screen then too.
        let laid_out = height > 0.0;
        if laid_out && (middle + half < top || middle - half > bottom) {
            continue;
        }
        let Some(entry) = library.entries.get(card.entry) else {
            continue;
        };
        commands
            .entity(entity)
            .remove::<Unfilled>()
            .with_children(|inside| card_text(inside, entry, &library, &palette));
        if !laid_out && card.place >= FIRST_SCREEN_CARDS {
            break;
        }
    }
}

/// Cards filled before the first layout says where the viewport ends: a screenful.
const FIRST_SCREEN_CARDS: usize = 8;

fn card_text(card: &mut ChildSpawnerCommands, entry: &Entry, library: &Library, p: &Palette) {
    match &entry.status {
        Status::Ready(scenario) => {
            card.spawn(inert(heading(&scenario.title, p)));
            card.spawn(inert(body(&scenario.summary, p)));
            let principles: Vec<String> = entry
                .principles(&library.catalogue)
                .iter()
                .map(|id| library.catalogue.principle_title(id))
                .collect();
            card.spawn(inert(small(
                format!("Principles: {}", principles.join(" · ")),
                p,
            )));
            let audiences: Vec<&str> = scenario.audiences.iter().map(|a| a.word()).collect();
            // Where it happens, when not the usual feed: "in a group chat".
            let platform = match &scenario.platform {
                Platform::Feed => String::new(),
                other => format!(" · in {}", other.word()),
            };
            card.spawn(inert(small(
                format!(
                    "{} min{platform} · for {} · {}",
                    scenario.minutes,
                    audiences.join(", "),
                    scenario.tags.join(", ")
                ),
                p,
            )));
            if !entry.built_in {
                card.spawn(inert(small(format!("From {}", entry.path.display()), p)));
            }
        }
        Status::Broken(error) => {
            let path = entry.path.display();
            card.spawn(inert(heading(format!("Cannot be started: {path}"), p)));
            card.spawn(inert(warning(error.clone(), p)));
            let fix = "Fix the file (run `feedwise check`) and restart feedwise.";
            card.spawn(inert(small(fix, p)));
        }
        Status::Checking => {
            card.spawn(inert(heading(entry.path.display().to_string(), p)));
            card.spawn(inert(small("Checking...", p)));
        }
    }
}

/// Keeps the selected card inside the grid's visible part when the arrows move past it.
fn scroll_selection_into_view(
    view: Res<LibraryView>,
    mut grids: Query<(&ComputedNode, &UiGlobalTransform, &mut ScrollPosition), With<CardGrid>>,
    cards: Query<(&ScenarioCard, &ComputedNode, &UiGlobalTransform)>,
    mut pending: Local<u8>,
) {
    // The selection (or a rebuilt grid) changes one frame and is laid out the next: look for
    // a few frames until the selected card has a place on screen.
    if view.is_changed() {
        *pending = 4;
    }
    if *pending == 0 {
        return;
    }
    *pending -= 1;
    let Ok((grid, grid_at, mut scroll)) = grids.single_mut() else {
        return;
    };
    let Some((_, card, card_at)) = cards
        .iter()
        .find(|(c, size, _)| c.place == view.selected && size.size().y > 0.0)
    else {
        return;
    };
    keep_in_view((grid, grid_at), &mut scroll, (card, card_at));
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
    let Some(scenario) = library.entries.get(index).and_then(Entry::scenario) else {
        return;
    };
    starts.write(StartSession::new(
        scenario,
        &library.catalogue,
        options.seed,
    ));
}

#[allow(clippy::too_many_arguments)]
fn library_keys(
    keys: Res<ButtonInput<KeyCode>>,
    library: Res<Library>,
    mut view: ResMut<LibraryView>,
    mut starts: MessageWriter<StartSession>,
    mut present: MessageWriter<crate::app::facilitation::StartFacilitation>,
    mut screen: ResMut<NextState<Screen>>,
    options: Res<LaunchOptions>,
    (mut commands, settings): (Commands, Res<CurrentSettings>),
) {
    let shown = visible(&library, &view);
    if keys.just_pressed(KeyCode::KeyN) {
        commands.insert_resource(NewScenario::asking(&settings));
        return;
    }
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
    if keys.just_pressed(KeyCode::KeyH) {
        screen.set(Screen::History);
    }
    if keys.just_pressed(KeyCode::KeyP)
        && let Some(scenario) = shown
            .get(view.selected)
            .and_then(|&index| library.entries.get(index))
            .and_then(Entry::scenario)
    {
        present.write(crate::app::facilitation::StartFacilitation {
            plan: None,
            scenario: Some(std::sync::Arc::clone(scenario)),
            seed: options.seed.unwrap_or(1),
        });
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter])
        && let Some(&index) = shown.get(view.selected)
    {
        start(&library, index, &mut starts, &options);
    }
}
