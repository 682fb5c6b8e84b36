//! The facilitator's keys, read as events in the order they were typed, so that two digits
//! typed within one frame (a show of hands, a pick) are both taken. Modes that take digits
//! (choosing the network, counting hands, picking, confirming the end) say so on screen.

use bevy::input::ButtonState;
use bevy::input::keyboard::KeyboardInput;
use bevy::prelude::*;
use bevy::window::{
    Monitor, MonitorSelection, OnMonitor, PrimaryWindow, WindowMode, WindowPosition, WindowRef,
    WindowResolution,
};

use super::{
    ChoosingAddress, ConfirmEnd, HandsEntry, JoinSlide, PickNext, PresenterWindow, ShowHelp, View,
};
use crate::app::facilitation::{ActiveRoom, Request, RoomChanged, RoomRequest};
use crate::app::keys::DIGIT_KEYS;
use crate::app::state::Screen;
use crate::facilitate::Phase;

fn digit_of(code: KeyCode) -> Option<u32> {
    use bevy::prelude::KeyCode::*;
    let numpad = [
        Numpad0, Numpad1, Numpad2, Numpad3, Numpad4, Numpad5, Numpad6, Numpad7, Numpad8, Numpad9,
    ];
    [DIGIT_KEYS, numpad]
        .iter()
        .find_map(|keys| keys.iter().position(|k| *k == code))
        .map(|d| d as u32)
}

fn is_enter(code: KeyCode) -> bool {
    matches!(code, KeyCode::Enter | KeyCode::NumpadEnter)
}

/// The facilitator's state the keys change.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct Modes<'w> {
    view: ResMut<'w, View>,
    help: ResMut<'w, ShowHelp>,
    hands: ResMut<'w, HandsEntry>,
    pick: ResMut<'w, PickNext>,
    choosing: ResMut<'w, ChoosingAddress>,
    slide: ResMut<'w, JoinSlide>,
    confirm_end: ResMut<'w, ConfirmEnd>,
    presenter: ResMut<'w, PresenterWindow>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn facilitator_keys(
    mut typed: MessageReader<KeyboardInput>,
    active: Res<ActiveRoom>,
    mut modes: Modes,
    monitors: Query<Entity, With<Monitor>>,
    primary: Query<Option<&OnMonitor>, With<PrimaryWindow>>,
    mut commands: Commands,
    mut requests: MessageWriter<RoomRequest>,
    mut changed: MessageWriter<RoomChanged>,
    mut screen: ResMut<NextState<Screen>>,
    mut presenter_lists: Query<&mut ScrollPosition, With<super::presenter::PresenterList>>,
) {
    let presses: Vec<KeyCode> = typed
        .read()
        .filter(|k| k.state == ButtonState::Pressed && !k.repeat)
        .map(|k| k.key_code)
        .collect();
    for code in presses {
        let mut out = Vec::new();
        let redraw = on_key(code, &active, &mut modes, &mut out);
        requests.write_batch(out);
        if redraw {
            changed.write(RoomChanged);
        }
        match code {
            KeyCode::KeyO if !modal(&modes) => {
                toggle_presenter(&mut modes.presenter, &monitors, &primary, &mut commands);
                changed.write(RoomChanged);
            }
            KeyCode::Escape if active.ended() => screen.set(Screen::Library),
            // The presenter's list, by keys as the rest of the room is run.
            KeyCode::PageDown | KeyCode::PageUp if !modal(&modes) => {
                let step = if code == KeyCode::PageDown {
                    300.0
                } else {
                    -300.0
                };
                crate::app::keys::scroll_by(&mut presenter_lists, step);
            }
            _ => {}
        }
    }
}

/// Some mode is taking the keys.
fn modal(modes: &Modes) -> bool {
    modes.choosing.0.is_some() || modes.hands.typing || modes.confirm_end.0
}

/// One key: what it asks of the room, in `out`; whether the view must be drawn again.
fn on_key(
    code: KeyCode,
    active: &ActiveRoom,
    modes: &mut Modes,
    out: &mut Vec<RoomRequest>,
) -> bool {
    let offer = active.room().session().pending();
    let options = offer.map_or(0, |offer| offer.options.len());
    // Choosing the network takes every key until one is picked or Esc.
    if let Some(addresses) = &modes.choosing.0 {
        if let Some(d) = digit_of(code)
            && let Some(interface) = (d as usize).checked_sub(1).and_then(|i| addresses.get(i))
        {
            out.push(RoomRequest::StartServer(interface.address));
            modes.choosing.0 = None;
            // The room sees where to join, full screen, until voting opens.
            modes.slide.0 = true;
        }
        if code == KeyCode::Escape {
            modes.choosing.0 = None;
        }
        return true;
    }
    if modes.confirm_end.0 {
        modes.confirm_end.0 = false;
        if code == KeyCode::KeyE {
            out.push(RoomRequest::Workshop(Request::End));
        }
        return true;
    }
    // A show of hands takes every key until it is entered or cancelled.
    if modes.hands.typing {
        let hands = &mut modes.hands;
        if let Some(d) = digit_of(code)
            && hands.current.len() < 5
        {
            hands.current.push(char::from(b'0' + d as u8));
        }
        if code == KeyCode::Backspace {
            hands.current.pop();
        }
        if is_enter(code) {
            let count = hands.current.parse().unwrap_or(0);
            hands.counts.push(count);
            hands.current.clear();
            if hands.counts.len() >= options {
                out.push(RoomRequest::Workshop(Request::Hands(std::mem::take(
                    &mut hands.counts,
                ))));
                hands.typing = false;
            }
        }
        if code == KeyCode::Escape {
            **hands = HandsEntry::default();
        }
        return true;
    }
    // Picking takes digits; Esc cancels, and any other key cancels and does its own work.
    if let Some(picked) = &mut modes.pick.0 {
        if let Some(d) = digit_of(code) {
            if d >= 1 && (d as usize) <= options && !picked.contains(&(d as usize - 1)) {
                picked.push(d as usize - 1);
            }
            if picked.len() >= active.picks_wanted() {
                out.push(RoomRequest::Workshop(Request::FollowShown(std::mem::take(
                    picked,
                ))));
                modes.pick.0 = None;
            }
            return true;
        }
        modes.pick.0 = None;
        if code == KeyCode::Escape {
            return true;
        }
    }
    let mut redraw = false;
    let request = match code {
        KeyCode::Space => Some(RoomRequest::Workshop(Request::StartPause)),
        KeyCode::KeyN => Some(RoomRequest::Workshop(Request::Skip)),
        KeyCode::KeyV => {
            modes.slide.0 = false;
            Some(RoomRequest::Workshop(Request::OpenVoting))
        }
        KeyCode::KeyC => Some(RoomRequest::Workshop(Request::CloseVoting)),
        KeyCode::KeyR => Some(RoomRequest::Workshop(Request::Reveal)),
        code if is_enter(code) => Some(match active.room().phase() {
            Phase::Ended => RoomRequest::Workshop(Request::Next),
            _ => RoomRequest::Workshop(Request::Follow(None)),
        }),
        KeyCode::KeyB => Some(RoomRequest::Workshop(Request::Back)),
        KeyCode::KeyT => Some(RoomRequest::Workshop(Request::Timer)),
        KeyCode::KeyE if open_votes(active) > 0 => {
            modes.confirm_end.0 = true;
            redraw = true;
            None
        }
        KeyCode::KeyE => Some(RoomRequest::Workshop(Request::End)),
        KeyCode::KeyX => Some(RoomRequest::Export),
        KeyCode::KeyD => active
            .door()
            .map(|door| RoomRequest::Doors(!door.doors_open)),
        KeyCode::BracketLeft | KeyCode::Minus => active
            .door()
            .map(|door| RoomRequest::PerAddress(door.per_address.saturating_sub(1))),
        KeyCode::BracketRight | KeyCode::Equal => active
            .door()
            .map(|door| RoomRequest::PerAddress(door.per_address + 1)),
        _ => None,
    };
    redraw |= request.is_some();
    out.extend(request);
    match code {
        KeyCode::Slash | KeyCode::F1 => modes.help.0 = !modes.help.0,
        KeyCode::KeyP => {
            *modes.view = match *modes.view {
                View::Projector => View::Presenter,
                View::Presenter => View::Projector,
            }
        }
        KeyCode::KeyH if options > 0 => {
            *modes.hands = HandsEntry {
                typing: true,
                ..default()
            }
        }
        KeyCode::KeyF if options > 0 => modes.pick.0 = Some(Vec::new()),
        KeyCode::KeyJ => modes.slide.0 = !modes.slide.0 && active.join().is_some(),
        KeyCode::KeyW if active.voting.running() => out.push(RoomRequest::StopServer),
        KeyCode::KeyW => modes.choosing.0 = Some(crate::facilitate::interfaces::list()),
        _ => return redraw,
    }
    true
}

/// Votes on the open decision that ending now would drop.
pub(super) fn open_votes(active: &ActiveRoom) -> u32 {
    match active.room().phase() {
        Phase::Ready | Phase::Voting | Phase::Closed | Phase::Revealed => active
            .room()
            .current_reveal()
            .map_or(0, |reveal| reveal.voters),
        _ => 0,
    }
}

/// Opens the presenter window on a monitor other than the projector's when there is one;
/// otherwise it opens where the system puts it, and shows a placeholder until it is moved
/// off the projector's screen. Closes it when open.
fn toggle_presenter(
    presenter: &mut PresenterWindow,
    monitors: &Query<Entity, With<Monitor>>,
    primary: &Query<Option<&OnMonitor>, With<PrimaryWindow>>,
    commands: &mut Commands,
) {
    if let Some((window, camera)) = presenter.0.take() {
        commands.entity(camera).despawn();
        commands.entity(window).despawn();
        return;
    }
    let projector = primary.iter().next().flatten().map(|m| m.0);
    let other = monitors.iter().find(|m| Some(*m) != projector);
    let position = match (projector, other) {
        (Some(_), Some(other)) => WindowPosition::Centered(MonitorSelection::Entity(other)),
        _ => WindowPosition::Automatic,
    };
    let window = commands
        .spawn(Window {
            title: "feedwise presenter".into(),
            resolution: WindowResolution::new(1280, 800).with_scale_factor_override(1.0),
            position,
            ..default()
        })
        .id();
    let camera = commands
        .spawn((
            Camera2d,
            bevy::camera::RenderTarget::Window(WindowRef::Entity(window)),
        ))
        .id();
    presenter.0 = Some((window, camera));
}

/// F11: the projector's window fills its screen (borderless), or goes back to a window.
pub(super) fn full_screen(
    keys: Res<ButtonInput<KeyCode>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    if !keys.just_pressed(KeyCode::F11) {
        return;
    }
    for mut window in &mut windows {
        window.mode = match window.mode {
            WindowMode::Windowed => WindowMode::BorderlessFullscreen(MonitorSelection::Current),
            _ => WindowMode::Windowed,
        };
    }
}
