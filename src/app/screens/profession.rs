//! Who the trainee is: asked on first start, before the library, and from Settings. Nine
//! choices in large text; arrows or a digit 1-9 choose and Enter confirms; the answer is saved with
//! the settings. It picks each scenario's text for the trainee's audience, orders the library
//! and leads feedback with their regulator's references.
//!
//! Not asked with `--fresh-settings` (demonstrations and tests): the answer could not be kept,
//! so a presenter would be asked at every start; such a launch plays each scenario as its first
//! audience, or as `--as PROFESSION` says.

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::LaunchOptions;
use crate::app::keys::DIGIT_KEYS;
use crate::app::notices::{Notices, banner};
use crate::app::settings::{CurrentSettings, change};
use crate::app::state::Screen;
use crate::app::theme::widget::{
    Restyled, body, inert, option_row, restyle, screen_root, small, text_line, title,
};
use crate::app::theme::{Palette, size};
use crate::scenario::Profession;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ProfessionChoice>();
    app.add_systems(OnEnter(Screen::Profession), spawn_question);
    app.add_systems(
        Update,
        (
            ask_on_first_start.run_if(in_state(Screen::Library)),
            (question_keys, restyle_choices)
                .chain()
                .run_if(in_state(Screen::Profession)),
        ),
    );
}

/// The choice under the cursor, and the screen to go back to once chosen (the library).
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct ProfessionChoice {
    pub selected: usize,
    pub back_to: Screen,
}

/// One of the nine rows, by its place in `Profession::ALL`.
#[derive(Component, Debug, Clone, Copy)]
pub struct ProfessionRow(pub usize);

/// Opens the question from another screen (Settings), with the current answer selected.
pub fn ask(
    choice: &mut ProfessionChoice,
    current: Option<Profession>,
    from: Screen,
    screen: &mut NextState<Screen>,
) {
    choice.selected = current
        .and_then(|p| Profession::ALL.iter().position(|&q| q == p))
        .unwrap_or(0);
    choice.back_to = from;
    screen.set(Screen::Profession);
}

/// Whether who plays is settled: said, or not to be asked (`--fresh-settings`).
pub fn answered(current: Res<CurrentSettings>, options: Res<LaunchOptions>) -> bool {
    current.0.profession.is_some() || options.fresh_settings
}

/// The first time the library shows, asks who the trainee is if nobody has said.
fn ask_on_first_start(
    current: Res<CurrentSettings>,
    options: Res<LaunchOptions>,
    mut choice: ResMut<ProfessionChoice>,
    mut screen: ResMut<NextState<Screen>>,
    mut done: Local<bool>,
) {
    if *done {
        return;
    }
    *done = true;
    if current.0.profession.is_none() && !options.fresh_settings {
        ask(&mut choice, None, Screen::Library, &mut screen);
    }
}

fn spawn_question(
    mut commands: Commands,
    palette: Res<Palette>,
    notices: Res<Notices>,
    choice: Res<ProfessionChoice>,
) {
    let p = palette.as_ref();
    commands
        .spawn((DespawnOnExit(Screen::Profession), screen_root()))
        .with_children(|root| {
            root.spawn(banner(&notices, p));
            root.spawn(title("Who are you?", p));
            root.spawn(body(
                "Scenarios written for your profession come first, they address you as they \
                 would address you, and feedback leads with your regulator's guidance. You can \
                 change this in Settings.",
                p,
            ));
            for (i, profession) in Profession::ALL.into_iter().enumerate() {
                let regulator = profession
                    .regulator()
                    .map_or("no regulator first".to_owned(), |r| {
                        format!("{r} guidance first")
                    });
                root.spawn((
                    ProfessionRow(i),
                    Button,
                    option_row(p, i == choice.selected, false),
                ))
                .observe(move |_: On<Activated>, mut choose: Choose| {
                    choose.pick(i);
                })
                .with_children(|row| {
                    let name = capitalised(profession.word());
                    let number = format!("{}", i + 1);
                    row.spawn(inert(text_line(number, size::HEADING, p.accent)));
                    row.spawn(inert(text_line(name, size::HEADING, p.text)));
                    row.spawn(inert(small(regulator, p)));
                });
            }
            root.spawn(small("Arrows or 1-9 choose, Enter confirms", p));
        });
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// What choosing touches: the settings (saved at once) and the screen to go back to.
#[derive(bevy::ecs::system::SystemParam)]
pub struct Choose<'w> {
    current: ResMut<'w, CurrentSettings>,
    notices: ResMut<'w, Notices>,
    options: Res<'w, LaunchOptions>,
    choice: ResMut<'w, ProfessionChoice>,
    screen: ResMut<'w, NextState<Screen>>,
}

impl Choose<'_> {
    fn pick(&mut self, index: usize) {
        let Some(&profession) = Profession::ALL.get(index) else {
            return;
        };
        change(
            &mut self.current,
            &mut self.notices,
            &self.options,
            |settings| settings.profession = Some(profession),
        );
        info!("playing as {}", profession.one());
        self.screen.set(self.choice.back_to);
    }
}

fn question_keys(keys: Res<ButtonInput<KeyCode>>, mut choose: Choose) {
    let last = Profession::ALL.len() - 1;
    let mut selected = choose.choice.selected;
    if keys.any_just_pressed([KeyCode::ArrowDown, KeyCode::ArrowRight]) {
        selected = (selected + 1).min(last);
    }
    if keys.any_just_pressed([KeyCode::ArrowUp, KeyCode::ArrowLeft]) {
        selected = selected.saturating_sub(1);
    }
    // A digit selects, as in the decision dialog; only Enter confirms, so a habitual Enter after
    // a digit is not carried on to the library (where it would open a scenario).
    for (i, key) in DIGIT_KEYS.iter().enumerate().skip(1) {
        if keys.just_pressed(*key) && i - 1 <= last {
            selected = i - 1;
        }
    }
    if selected != choose.choice.selected {
        choose.choice.selected = selected;
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
        choose.pick(selected);
        return;
    }
    // Going back without an answer only where one was given before (from Settings).
    if keys.any_just_pressed([KeyCode::Escape, KeyCode::Backspace])
        && choose.current.0.profession.is_some()
    {
        let back = choose.choice.back_to;
        choose.screen.set(back);
    }
}

fn restyle_choices(
    choice: Res<ProfessionChoice>,
    palette: Res<Palette>,
    mut rows: Query<(&ProfessionRow, Restyled)>,
) {
    if !choice.is_changed() {
        return;
    }
    for (row, parts) in &mut rows {
        restyle(parts, option_row(&palette, row.0 == choice.selected, false));
    }
}
