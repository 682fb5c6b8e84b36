//! The decision panel: `Choose` as options to pick, `Rank` as a list to reorder, and
//! `ChooseSeveral` as toggles with a counter; a countdown bar when timed. Keys: 1-9 pick (or
//! select a row to move), arrows move, Space toggles, Enter confirms.

use bevy::prelude::*;

use crate::app::theme::focus::Activated;

use crate::app::session::{ActiveSession, Paused, Refused, SessionRequest};
use crate::app::state::PlayPhase;
use crate::app::theme::accessible::Accessible;
use crate::app::theme::widget::{
    at_least, body, button, dialog, flexible, heading, keep_in_view, option_row, overlay,
    progress_track, scroll_list, small, text_line, warning,
};
use crate::app::theme::{Palette, size};
use crate::engine::{Answer, DecisionTime, Offer, OfferKind};
use accesskit::Role;
use bevy::input_focus::{FocusCause, InputFocus};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(PlayPhase::Deciding), open_decision);
    app.add_systems(OnExit(PlayPhase::Deciding), |mut commands: Commands| {
        commands.remove_resource::<DecisionUi>()
    });
    app.add_systems(
        Update,
        (
            decision_keys,
            show_refusal,
            redraw_decision,
            countdown,
            scroll_cursor_into_view,
        )
            .chain()
            .in_set(crate::app::session::PlayInput)
            .run_if(in_state(PlayPhase::Deciding).and_then(resource_exists::<DecisionUi>)),
    );
}

/// The trainee's working answer.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct DecisionUi {
    pub offer: Offer,
    /// The highlighted row.
    pub cursor: usize,
    /// `Rank`: the current order, as indexes into the offered options.
    pub order: Vec<usize>,
    /// `ChooseSeveral`: the toggled rows.
    pub chosen: Vec<usize>,
    /// Why the last confirm was not accepted.
    pub problem: Option<String>,
    /// Whether the trainee has made a choice (picked, moved or ticked an option, or clicked
    /// one). Until then Enter records nothing: option 1 is not an answer the trainee gave,
    /// and a double press on leaving the feedback must not become one.
    pub touched: bool,
}

/// A working answer carried over a restart (author mode's reload): the same decision opens
/// again with the trainee's highlighted option, order and ticks, by option id, for the options
/// the new version still has.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct CarriedChoice {
    decision: String,
    /// The option the cursor is on.
    cursor: Option<String>,
    order: Vec<String>,
    chosen: Vec<String>,
    touched: bool,
}

impl DecisionUi {
    pub fn new(offer: Offer) -> Self {
        let order = (0..offer.options.len()).collect();
        DecisionUi {
            offer,
            cursor: 0,
            order,
            chosen: Vec::new(),
            problem: None,
            touched: false,
        }
    }

    /// The highlighted row counts as chosen only once the trainee has chosen.
    pub fn picked(&self, position: usize) -> bool {
        self.touched && position == self.cursor
    }

    /// The answer as it stands.
    pub fn answer(&self) -> Answer {
        let id = |i: usize| self.offer.options[i].id.clone();
        match self.offer.kind {
            OfferKind::Choose => Answer::Choose(id(self.cursor)),
            OfferKind::Rank => Answer::Rank(self.order.iter().map(|&i| id(i)).collect()),
            OfferKind::ChooseSeveral { .. } => {
                Answer::Several(self.chosen.iter().map(|&i| id(i)).collect())
            }
        }
    }

    /// Number key `n` (1-based): pick, select the row to move, or toggle.
    pub fn press_number(&mut self, n: usize) {
        if (1..=self.offer.options.len()).contains(&n) {
            self.toggle(n - 1);
        }
    }

    /// A row clicked, or Space on it: chosen (or for a selection, ticked or unticked).
    pub fn toggle(&mut self, row: usize) {
        (self.cursor, self.touched) = (row, true);
        let OfferKind::ChooseSeveral { pick } = self.offer.kind else {
            self.problem = None;
            return;
        };
        if let Some(at) = self.chosen.iter().position(|&c| c == row) {
            self.chosen.remove(at);
            self.problem = None;
        } else if self.chosen.len() < pick as usize {
            self.chosen.push(row);
            self.problem = None;
        } else {
            self.problem = Some(format!("You can choose {pick}; untick one first."));
        }
    }

    /// Up or down: moves the cursor, or for `Rank` moves the selected row. The first press
    /// chooses the highlighted row rather than moving past it.
    pub fn step(&mut self, down: bool) {
        if !self.touched {
            (self.touched, self.problem) = (true, None);
            return;
        }
        let last = self.offer.options.len().saturating_sub(1);
        let target = if down {
            (self.cursor + 1).min(last)
        } else {
            self.cursor.saturating_sub(1)
        };
        if self.offer.kind == OfferKind::Rank && target != self.cursor {
            self.order.swap(self.cursor, target);
        }
        self.cursor = target;
    }

    pub fn carried(&self) -> CarriedChoice {
        let id = |i: usize| self.offer.options.get(i).map(|o| o.id.clone());
        let cursor_option = match self.offer.kind {
            OfferKind::Rank => self.order.get(self.cursor).copied(),
            _ => Some(self.cursor),
        };
        CarriedChoice {
            decision: self.offer.decision.clone(),
            cursor: cursor_option.and_then(id),
            order: self.order.iter().filter_map(|&i| id(i)).collect(),
            chosen: self.chosen.iter().filter_map(|&i| id(i)).collect(),
            touched: self.touched,
        }
    }

    /// Takes back a carried answer when it is of this decision: options the new version
    /// dropped are left out, new ones go last in an order.
    pub fn restore(&mut self, carried: &CarriedChoice) {
        if carried.decision != self.offer.decision {
            return;
        }
        let options = &self.offer.options;
        let index = |id: &String| options.iter().position(|o| &o.id == id);
        let mut order: Vec<usize> = carried.order.iter().filter_map(index).collect();
        let added: Vec<usize> = (0..options.len()).filter(|i| !order.contains(i)).collect();
        order.extend(added);
        self.order = order;
        self.chosen = carried.chosen.iter().filter_map(index).collect();
        if let OfferKind::ChooseSeveral { pick } = self.offer.kind {
            self.chosen.truncate(pick as usize);
        }
        let cursor = carried.cursor.as_ref().and_then(index);
        self.cursor = match (self.offer.kind, cursor) {
            (OfferKind::Rank, Some(option)) => {
                self.order.iter().position(|&i| i == option).unwrap_or(0)
            }
            (_, Some(option)) => option,
            (_, None) => 0,
        };
        self.touched = carried.touched && (cursor.is_some() || !self.chosen.is_empty());
    }

    /// The answer to send on Enter or Confirm, or why there is none yet (in `problem`).
    pub fn ready_answer(&mut self) -> Option<Answer> {
        let problem = match self.offer.kind {
            _ if !self.touched => match self.offer.kind {
                OfferKind::Choose => {
                    "Choose an option first: press its number or click it.".to_owned()
                }
                OfferKind::Rank => "Make the order yours first: press a row's number to select it \
                                    and the arrows to move it (press 1 to keep this order)."
                    .to_owned(),
                OfferKind::ChooseSeveral { pick } => format!("Tick the {pick} you choose first."),
            },
            OfferKind::ChooseSeveral { pick } if self.chosen.len() != pick as usize => format!(
                "Choose exactly {pick} ({} chosen so far).",
                self.chosen.len()
            ),
            _ => return Some(self.answer()),
        };
        self.problem = Some(problem);
        None
    }
}

#[derive(Component)]
struct DecisionPanel;

#[derive(Component)]
struct CountdownFill;

fn open_decision(
    mut commands: Commands,
    active: Res<ActiveSession>,
    carried: Option<Res<CarriedChoice>>,
) {
    if let Some(offer) = active.0.pending() {
        info!("decision `{}` offered", offer.decision);
        let mut ui = DecisionUi::new(offer.clone());
        if let Some(carried) = carried {
            ui.restore(&carried);
            commands.remove_resource::<CarriedChoice>();
        }
        commands.insert_resource(ui);
    }
}

fn decision_keys(
    keys: Res<ButtonInput<KeyCode>>,
    paused: Res<Paused>,
    mut ui: ResMut<DecisionUi>,
    mut requests: MessageWriter<SessionRequest>,
) {
    if paused.0 {
        return;
    }
    for (n, key) in crate::app::keys::DIGIT_KEYS.iter().enumerate().skip(1) {
        if keys.just_pressed(*key) {
            ui.press_number(n);
        }
    }
    for (key, down) in [(KeyCode::ArrowDown, true), (KeyCode::ArrowUp, false)] {
        if keys.just_pressed(key) {
            ui.step(down);
        }
    }
    if keys.just_pressed(KeyCode::Space) {
        let row = ui.cursor;
        ui.toggle(row);
    }
    if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
        confirm(&mut ui, &mut requests);
    }
}

/// Asks the session to take the working answer; the engine's refusal comes back as `Refused`.
fn confirm(ui: &mut DecisionUi, requests: &mut MessageWriter<SessionRequest>) {
    if let Some(answer) = ui.ready_answer() {
        requests.write(SessionRequest::Answer(answer));
    }
}

/// Shows why the engine refused the last answer.
fn show_refusal(mut refused: MessageReader<Refused>, mut ui: ResMut<DecisionUi>) {
    if let Some(Refused(why)) = refused.read().last() {
        ui.problem = Some(why.clone());
    }
}

const CHOOSE_HELP: &str = "Press a number or click an option, then Enter or Confirm.";
const RANK_HELP: &str = "Rank from most to least appropriate: press a number to select a row, \
     then arrows (or the buttons) to move it. Enter confirms (press 1 first to keep this order).";

/// The scrolling list of options.
#[derive(Component)]
struct OptionList;

/// An option's row, by its position on screen.
#[derive(Component)]
struct OptionRow(usize);

/// Rebuilds the panel whenever the working answer changes (it has at most nine rows). The
/// list keeps the scroll it had, so a toggle does not jump back to the top.
fn redraw_decision(
    mut commands: Commands,
    ui: Res<DecisionUi>,
    palette: Res<Palette>,
    panels: Query<Entity, With<DecisionPanel>>,
    lists: Query<&ScrollPosition, With<OptionList>>,
    // The focus a screen reader follows, and the offer it last heard announced.
    (mut focus, mut announced): (ResMut<InputFocus>, Local<Option<Offer>>),
    active: Option<Res<ActiveSession>>,
) {
    if !ui.is_changed() {
        return;
    }
    // A screen reader hears the decision once, as it opens, not at every redraw.
    let opening = announced.as_ref() != Some(&ui.offer);
    if opening {
        *announced = Some(ui.offer.clone());
    }
    let scrolled = lists.iter().next().cloned().unwrap_or_default();
    for panel in &panels {
        commands.entity(panel).despawn();
    }
    let p = palette.as_ref();
    let offer = &ui.offer;
    let instructions = match offer.kind {
        OfferKind::Choose => CHOOSE_HELP.to_owned(),
        OfferKind::Rank => RANK_HELP.to_owned(),
        OfferKind::ChooseSeveral { pick } => format!(
            "Choose the {pick} most appropriate: numbers or clicks toggle. {} of {pick} chosen.",
            ui.chosen.len()
        ),
    };
    let layer = (
        DecisionPanel,
        DespawnOnExit(PlayPhase::Deciding),
        overlay(p, 10, AlignItems::FlexEnd),
    );
    let spoken = Accessible::new(Role::Dialog).named(format!("Decision: {}", offer.prompt));
    let spoken = if opening { spoken.assertive() } else { spoken };
    let boxed = (dialog(p, 980.0, 94.0, p.accent), spoken);
    super::over_play(&mut commands, layer, boxed, |panel| {
        panel.spawn(small("DECISION", p));
        panel.spawn(heading(&offer.prompt, p));
        panel.spawn(small(instructions, p));
        if let Some(limit) = offer.time_limit {
            let time = active
                .as_ref()
                .map_or(DecisionTime::Normal, |a| a.0.decision_time());
            panel.spawn(small(
                format!(
                    "{limit} seconds to answer (time for decisions: {}; Settings, 5)",
                    time.words()
                ),
                p,
            ));
            panel.spawn(progress_track(p, CountdownFill, p.poor));
        }
        // The options scroll; the prompt above and the confirm button below stay put.
        panel
            .spawn((scroll_list(8.0, false), OptionList, scrolled))
            .with_children(|list| {
                // The highlighted option has the focus a screen reader follows.
                if let Some(row) = option_rows(list, &ui, p) {
                    focus.set(row, FocusCause::Navigated);
                }
            });
        if let Some(problem) = &ui.problem {
            panel.spawn((
                warning(problem.clone(), p),
                Accessible::new(Role::Alert).assertive(),
            ));
        }
        panel.spawn(button(
            "Confirm (Enter)",
            p,
            |_: On<Activated>,
             mut ui: ResMut<DecisionUi>,
             mut requests: MessageWriter<SessionRequest>| {
                confirm(&mut ui, &mut requests);
            },
        ));
    });
}

/// The options in the order shown: the working ranking for a Rank item, else as offered.
fn option_rows(list: &mut ChildSpawnerCommands, ui: &DecisionUi, p: &Palette) -> Option<Entity> {
    let offer = &ui.offer;
    let mut highlighted = None;
    let rows: Vec<usize> = match offer.kind {
        OfferKind::Rank => ui.order.clone(),
        _ => (0..offer.options.len()).collect(),
    };
    for (position, &option) in rows.iter().enumerate() {
        let selected = ui.picked(position);
        let ticked = ui.chosen.contains(&option);
        let marker = match offer.kind {
            OfferKind::Choose => if selected { "(•)" } else { "( )" }.to_owned(),
            OfferKind::Rank => format!("{}.", position + 1),
            OfferKind::ChooseSeveral { .. } => if ticked { "[x]" } else { "[ ]" }.to_owned(),
        };
        // Read as a radio button, a tick box or a place in a ranking, with its state.
        let spoken = match offer.kind {
            OfferKind::Choose => Accessible::new(Role::RadioButton).toggled(selected),
            OfferKind::Rank => Accessible::new(Role::ListItem),
            OfferKind::ChooseSeveral { .. } => Accessible::new(Role::CheckBox).toggled(ticked),
        }
        .named(format!("{}. {}", position + 1, offer.options[option].text));
        let row = list
            .spawn((
                Button,
                OptionRow(position),
                option_row(p, selected, ticked),
                spoken,
            ))
            .observe(move |_: On<Activated>, mut ui: ResMut<DecisionUi>| ui.toggle(position))
            .with_children(|row| {
                row.spawn((
                    text_line(
                        format!("{} {marker}", position + 1),
                        size::HEADING,
                        p.accent,
                    ),
                    Pickable::IGNORE,
                    at_least(70.0),
                ));
                row.spawn((
                    body(&offer.options[option].text, p),
                    Pickable::IGNORE,
                    flexible(),
                ));
                if offer.kind == OfferKind::Rank {
                    rank_buttons(row, position, p);
                }
            })
            .id();
        if position == ui.cursor {
            highlighted = Some(row);
        }
    }
    highlighted
}

/// Up and Down beside a row of a ranking.
fn rank_buttons(row: &mut ChildSpawnerCommands, position: usize, p: &Palette) {
    for (label, down) in [("Up", false), ("Down", true)] {
        row.spawn(button(
            label,
            p,
            move |_: On<Activated>, mut ui: ResMut<DecisionUi>| {
                (ui.cursor, ui.touched) = (position, true);
                ui.step(down);
            },
        ));
    }
}

fn countdown(
    active: Res<ActiveSession>,
    ui: Res<DecisionUi>,
    mut fills: Query<&mut Node, With<CountdownFill>>,
) {
    let (Some(limit), Some(left)) = (ui.offer.time_limit, active.0.time_left()) else {
        return;
    };
    let share = left as f32 / (limit as f32 * 1000.0) * 100.0;
    for mut node in &mut fills {
        node.width = percent(share.clamp(0.0, 100.0));
    }
}

/// Keeps the highlighted row inside the list's visible part when the keys move past it (at a
/// large text size the options scroll).
fn scroll_cursor_into_view(
    ui: Res<DecisionUi>,
    mut lists: Query<(&ComputedNode, &UiGlobalTransform, &mut ScrollPosition), With<OptionList>>,
    rows: Query<(&OptionRow, &ComputedNode, &UiGlobalTransform)>,
    mut pending: Local<u8>,
) {
    // A redrawn panel is laid out the frame after: look for a few frames.
    if ui.is_changed() {
        *pending = 4;
    }
    if *pending == 0 {
        return;
    }
    *pending -= 1;
    let Ok((list, list_at, mut scroll)) = lists.single_mut() else {
        return;
    };
    let Some((_, row, row_at)) = rows
        .iter()
        .find(|(r, size, _)| r.0 == ui.cursor && size.size().y > 0.0)
    else {
        return;
    };
    keep_in_view((list, list_at), &mut scroll, (row, row_at));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::OfferedOption;

    fn offer(kind: OfferKind) -> Offer {
        Offer {
            decision: "d".into(),
            prompt: "What now?".into(),
            kind,
            options: ["a", "b", "c"]
                .map(|id| OfferedOption {
                    id: id.into(),
                    text: id.to_uppercase(),
                })
                .to_vec(),
            time_limit: None,
            at: 0,
        }
    }

    #[test]
    fn nothing_is_answered_until_the_trainee_chooses() {
        for kind in [
            OfferKind::Choose,
            OfferKind::Rank,
            OfferKind::ChooseSeveral { pick: 2 },
        ] {
            let mut ui = DecisionUi::new(offer(kind));
            assert_eq!(ui.ready_answer(), None, "{kind:?}: Enter at the opening");
            assert_eq!(ui.ready_answer(), None, "{kind:?}: and again");
            assert!(ui.problem.is_some());
            assert!(!ui.picked(0), "{kind:?}: no row looks chosen");
        }
        let mut choose = DecisionUi::new(offer(OfferKind::Choose));
        choose.press_number(2);
        assert_eq!(choose.ready_answer(), Some(Answer::Choose("b".into())));
        let mut rank = DecisionUi::new(offer(OfferKind::Rank));
        rank.press_number(1);
        let keep = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(rank.ready_answer(), Some(Answer::Rank(keep)));
    }

    #[test]
    fn the_first_arrow_chooses_the_highlighted_row_and_the_next_moves() {
        let mut ui = DecisionUi::new(offer(OfferKind::Choose));
        ui.step(true);
        assert_eq!(ui.ready_answer(), Some(Answer::Choose("a".into())));
        ui.step(true);
        assert_eq!(ui.ready_answer(), Some(Answer::Choose("b".into())));
    }
}
