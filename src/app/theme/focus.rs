//! Keyboard focus: Tab and Shift+Tab move through every button of the screen (or of the
//! dialog over it, which keeps the focus inside it), a ring shows which, and Enter or Space
//! presses it. A click presses a button the same way, so every button's action listens for
//! one event, [`Activated`], whichever way it came.
//!
//! The ring shows only after Tab: the screens' own keys (arrows, numbers, Enter) keep their
//! meaning, and pressing one of them hides the ring and gives Enter back to the screen.

use bevy::a11y::AccessibilitySystems;
use bevy::input::InputSystems;
use bevy::input_focus::tab_navigation::{TabGroup, TabIndex, TabNavigationPlugin};
use bevy::input_focus::{InputDispatchPlugin, InputFocus, InputFocusSystems, InputFocusVisible};
use bevy::picking::events::{Click, Pointer};
use bevy::picking::pointer::PointerButton;
use bevy::prelude::*;

use super::palette::Palette;
use super::widget::{FillsWindow, keep_in_view};

pub(super) fn plugin(app: &mut App) {
    // Bevy's default plugins bring the dispatcher; headless tests run without them.
    if !app.is_plugin_added::<InputDispatchPlugin>() {
        app.add_plugins(InputDispatchPlugin);
    }
    app.add_plugins(TabNavigationPlugin);
    // Bevy's InputFocusPlugin makes these; headless tests run without it. The screen reader's
    // tree is sent only while the focus resource exists.
    app.init_resource::<InputFocus>();
    app.init_resource::<InputFocusVisible>();
    app.add_observer(clicks_activate);
    app.add_systems(
        PreUpdate,
        (
            focus_only_controls.before(InputFocusSystems::Dispatch),
            (hide_ring_on_screen_keys, keys_activate)
                .chain()
                .after(InputSystems),
        ),
    );
    app.add_systems(
        Update,
        (tab_order, draw_ring, scroll_focus_into_view).chain(),
    );
    // Again before the screen reader's tree is sent: Bevy sends none while the focus is on an
    // entity outside it, such as an option row despawned this frame.
    app.add_systems(
        PostUpdate,
        focus_only_controls.before(AccessibilitySystems::Update),
    );
}

/// A button was pressed: clicked, or Enter or Space with the focus on it.
#[derive(EntityEvent, Debug, Clone, Copy)]
pub struct Activated {
    pub entity: Entity,
}

/// Marks the entity that carries the focus ring now.
#[derive(Component)]
struct Ringed;

/// The ring's width and its gap from the control: thick enough to see from the back of a
/// room, in the accent colour, which is at least 3:1 on every background (WCAG 2.4.13's
/// figure; tests/it/app_contrast.rs checks the accent as text at 4.5:1).
const RING_WIDTH: f32 = 3.0;
const RING_GAP: f32 = 2.0;

/// A screen's root or an overlay, new this frame.
type NewRoot = (Added<FillsWindow>, Without<TabGroup>);

/// Every button takes the focus in screen order; a screen is a group, and a dialog over it a
/// modal group that the focus does not leave.
fn tab_order(
    mut commands: Commands,
    buttons: Query<Entity, (Added<Button>, Without<TabIndex>)>,
    roots: Query<(Entity, Has<GlobalZIndex>), NewRoot>,
) {
    for button in &buttons {
        commands.entity(button).try_insert(TabIndex(0));
    }
    for (root, over_a_screen) in &roots {
        let group = if over_a_screen {
            TabGroup::modal()
        } else {
            TabGroup::new(0)
        };
        commands.entity(root).try_insert(group);
    }
}

/// A primary click on a button is an activation of that button (not of the buttons it lies
/// within, which the click also reaches as it bubbles up).
fn clicks_activate(
    click: On<Pointer<Click>>,
    buttons: Query<(), With<Button>>,
    mut commands: Commands,
) {
    let target = click.original_event_target();
    if click.event_target() == target
        && click.button == PointerButton::Primary
        && buttons.contains(target)
    {
        commands.trigger(Activated { entity: target });
    }
}

/// Bevy starts with the focus on the window, from where Tab finds no group to move in and for
/// which no screen-reader tree is sent (the window is the tree's root, not a node of it); a
/// focused control may also be despawned. The focus then goes back to nothing, and the first
/// Tab goes to the screen's first button.
fn focus_only_controls(mut focus: ResMut<InputFocus>, nodes: Query<(), With<Node>>) {
    if let Some(entity) = focus.get()
        && !nodes.contains(entity)
    {
        focus.clear();
    }
}

/// Any key a screen uses for itself hides the ring, so that Enter means what the screen says.
fn hide_ring_on_screen_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut visible: ResMut<InputFocusVisible>,
) {
    let own = keys.get_just_pressed().any(|key| {
        !matches!(
            key,
            KeyCode::Tab
                | KeyCode::ShiftLeft
                | KeyCode::ShiftRight
                | KeyCode::Enter
                | KeyCode::NumpadEnter
                | KeyCode::Space
        )
    });
    if own && visible.0 {
        visible.0 = false;
    }
}

/// Enter or Space on the ringed button presses it, and no screen sees that key press.
fn keys_activate(
    mut keys: ResMut<ButtonInput<KeyCode>>,
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    buttons: Query<(), With<Button>>,
    mut commands: Commands,
) {
    let Some(focused) = focus.get().filter(|f| visible.0 && buttons.contains(*f)) else {
        return;
    };
    let pressed = [KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]
        .map(|key| keys.clear_just_pressed(key));
    if pressed.contains(&true) {
        commands.trigger(Activated { entity: focused });
    }
}

fn draw_ring(
    mut commands: Commands,
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    palette: Res<Palette>,
    ringed: Query<Entity, With<Ringed>>,
    nodes: Query<(), With<Node>>,
) {
    let wanted = focus.get().filter(|f| visible.0 && nodes.contains(*f));
    for entity in &ringed {
        if Some(entity) != wanted || palette.is_changed() {
            commands.entity(entity).try_remove::<(Ringed, Outline)>();
        }
    }
    if let Some(entity) = wanted
        && (!ringed.contains(entity) || palette.is_changed())
    {
        commands.entity(entity).try_insert((
            Ringed,
            Outline::new(px(RING_WIDTH), px(RING_GAP), palette.accent),
        ));
    }
}

/// A control Tab reaches inside a scrolling list is scrolled into sight (WCAG 2.4.11), as
/// the arrow keys' selection is. The move is laid out a frame later, so this looks for a few.
fn scroll_focus_into_view(
    focus: Res<InputFocus>,
    visible: Res<InputFocusVisible>,
    parents: Query<&ChildOf>,
    placed: Query<(&ComputedNode, &UiGlobalTransform)>,
    mut lists: Query<(&Node, &mut ScrollPosition)>,
    mut pending: Local<u8>,
) {
    if focus.is_changed() || visible.is_changed() {
        *pending = 4;
    }
    if *pending == 0 || !visible.0 {
        return;
    }
    *pending -= 1;
    let Some(focused) = focus.get() else { return };
    let Ok(item) = placed.get(focused) else {
        return;
    };
    let Some(list) = parents.iter_ancestors(focused).find(|ancestor| {
        lists
            .get(*ancestor)
            .is_ok_and(|(node, _)| node.overflow.y == OverflowAxis::Scroll)
    }) else {
        return;
    };
    let (Ok(list_place), Ok((_, mut scroll))) = (placed.get(list), lists.get_mut(list)) else {
        return;
    };
    keep_in_view(list_place, &mut scroll, item);
}
