//! "Practise next" on the library: one to three scenarios the core recommends from the
//! trainee's record (`practice::recommend`), each with its reason, and the principles due for
//! review. 1, 2 and 3 (or a click) start one with a new seed. The clock is read here, not in
//! the core.

use bevy::prelude::*;

use crate::app::LaunchOptions;
use crate::app::library::Library;
use crate::app::practice_set::StartPracticeSet;
use crate::app::records::RunHistory;
use crate::app::session::StartSession;
use crate::app::settings::CurrentSettings;
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::focus::Activated;
use crate::app::theme::widget::{button, column, small, strong, wrap_row};
use crate::practice::set::MINUTES_PER_DECISION;
use crate::practice::{Recommendation, SET_SIZE, ScenarioFacts, recommend_with, schedule};
use crate::record::time;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Recommended>();
    app.add_systems(
        Update,
        (
            refresh.run_if(inputs_changed),
            draw.run_if(resource_changed::<Recommended>.or_else(strip_added)),
            practise_keys
                .run_if(not(super::resume::offered).and_then(not(super::new_scenario::open))),
        )
            .chain()
            .run_if(in_state(Screen::Library)),
    );
}

/// Where the strip goes on the library screen.
#[derive(Component)]
pub struct PractiseNextStrip;

/// What the strip shows now.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Recommended {
    pub next: Vec<Recommendation>,
    /// Titles of the principles due for review.
    pub due: Vec<String>,
}

fn inputs_changed(
    library: Res<Library>,
    history: Res<RunHistory>,
    settings: Res<CurrentSettings>,
    strip: Query<(), Added<PractiseNextStrip>>,
) -> bool {
    library.is_changed() || history.is_changed() || settings.is_changed() || !strip.is_empty()
}

fn strip_added(strip: Query<(), Added<PractiseNextStrip>>) -> bool {
    !strip.is_empty()
}

fn refresh(
    library: Res<Library>,
    history: Res<RunHistory>,
    settings: Res<CurrentSettings>,
    mut recommended: ResMut<Recommended>,
) {
    if !library.loaded {
        return;
    }
    let facts: Vec<ScenarioFacts> = library
        .entries
        .iter()
        .filter_map(|entry| entry.scenario())
        .map(|scenario| ScenarioFacts::of(scenario))
        .collect();
    let runs = &history.runs;
    let since = settings.0.practice_since.as_deref().and_then(time::parse);
    let now = crate::clock::unix_now();
    let reviews = schedule(runs, since);
    let next = recommend_with(
        &reviews,
        runs,
        &facts,
        &library.catalogue,
        settings.0.profession,
        now,
    );
    let due = reviews
        .values()
        .filter(|review| review.is_due(now))
        .map(|review| library.catalogue.principle_title(&review.principle))
        .collect();
    let fresh = Recommended { next, due };
    // Unchanged recommendations leave the strip as it is (no redraw, no lost focus).
    if *recommended != fresh {
        *recommended = fresh;
    }
}

fn draw(
    mut commands: Commands,
    recommended: Res<Recommended>,
    palette: Res<Palette>,
    strip: Query<Entity, With<PractiseNextStrip>>,
) {
    let Ok(strip) = strip.single() else {
        return;
    };
    let p = palette.as_ref();
    commands.entity(strip).despawn_children();
    if recommended.next.is_empty() {
        return;
    }
    commands.entity(strip).with_children(|strip| {
        strip.spawn(strong("Practise next", p.text));
        // Side by side, so that the cards keep most of a 720-line window.
        strip.spawn(wrap_row(12.0, 6.0)).with_children(|line| {
            for (i, next) in recommended.next.iter().enumerate() {
                let scenario = next.scenario.clone();
                line.spawn(suggestion()).with_children(|item| {
                    item.spawn(button(
                        format!("{} {}", i + 1, next.title),
                        p,
                        move |_: On<Activated>,
                              library: Res<Library>,
                              options: Res<LaunchOptions>,
                              mut starts: MessageWriter<StartSession>| {
                            start(&library, &scenario, &options, &mut starts);
                        },
                    ));
                    item.spawn(small(next.reason.clone(), p));
                });
            }
            line.spawn(suggestion()).with_children(|item| {
                item.spawn(button(
                    "4 A practice set",
                    p,
                    |_: On<Activated>, mut sets: MessageWriter<StartPracticeSet>| {
                        sets.write(StartPracticeSet);
                    },
                ));
                item.spawn(small(
                    format!(
                        "{SET_SIZE} single decisions from several scenarios, about {} minutes, \
                         for what is weakest or due",
                        SET_SIZE as u32 * MINUTES_PER_DECISION
                    ),
                    p,
                ));
            });
        });
        if !recommended.due.is_empty() {
            strip.spawn(small(
                format!("Due for review: {}", recommended.due.join(" · ")),
                p,
            ));
        }
    });
}

/// A suggestion's place in the strip: a set width, so that its reason wraps inside it and the
/// strip is laid out at the height it takes.
fn suggestion() -> Node {
    Node {
        width: px(390),
        max_width: percent(100),
        ..column(2.0)
    }
}

/// Starts the library's scenario with this id, with a new seed unless one was given.
fn start(
    library: &Library,
    id: &str,
    options: &LaunchOptions,
    starts: &mut MessageWriter<StartSession>,
) {
    if let Some(scenario) = library.find(id) {
        starts.write(StartSession::new(
            scenario,
            &library.catalogue,
            options.seed,
        ));
    }
}

/// 1, 2 and 3 start the recommendations, 4 a practice set.
fn practise_keys(
    keys: Res<ButtonInput<KeyCode>>,
    recommended: Res<Recommended>,
    library: Res<Library>,
    options: Res<LaunchOptions>,
    mut starts: MessageWriter<StartSession>,
    mut sets: MessageWriter<StartPracticeSet>,
) {
    if keys.any_just_pressed([KeyCode::Digit4, KeyCode::Numpad4]) {
        sets.write(StartPracticeSet);
    }
    for (i, key) in [KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit3]
        .into_iter()
        .enumerate()
    {
        if keys.just_pressed(key)
            && let Some(next) = recommended.next.get(i)
        {
            start(&library, &next.scenario, &options, &mut starts);
        }
    }
}

/// The strip's container, placed by the library between its toolbar and its cards.
pub fn strip() -> impl Bundle {
    // Its own height, always: the card grid below is what scrolls.
    (
        PractiseNextStrip,
        Node {
            flex_shrink: 0.0,
            ..column(4.0)
        },
    )
}
