//! The Facilitate screen: the projector view the room sees (large type, the activity as it
//! arrives, the decision, "the room is voting", the reveal) and the presenter view only the
//! facilitator sees (the key, every option's feedback, the discussion prompts, the votes so far,
//! a timer). `P` switches between them on one screen. Everything is redrawn from `ActiveRoom`
//! when it changes; keys write `RoomRequest`s.

use bevy::prelude::*;

use crate::app::facilitation::{ActiveRoom, DriveRoom, RoomChanged, RoomRequest};
use crate::app::keys::DIGIT_KEYS;
use crate::app::state::Screen;
use crate::app::theme::widget::{
    button, column, dialog, fill_column, grade_badge, overlay, panel, qr_image, row, screen_root,
    share_bar, side_column, text_line, toolbar, wrap_row, wrapped_text,
};
use crate::app::theme::{Palette, size};
use crate::engine::OfferKind;
use crate::facilitate::{FollowedBy, Phase};

/// Which view is on screen.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Projector,
    Presenter,
}

/// The key help over the view (`?`).
#[derive(Resource, Debug, Default, PartialEq, Eq)]
pub struct ShowHelp(pub bool);

/// A show of hands being typed: digits for the current option, Enter for the next.
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub struct HandsEntry {
    pub typing: bool,
    pub counts: Vec<u32>,
    pub current: String,
}

/// After `W`, the addresses phones could reach, to pick one by number.
#[derive(Resource, Debug, Default)]
pub struct ChoosingAddress(pub Option<Vec<crate::facilitate::interfaces::Interface>>);

/// The QR code of the join address, made once per address.
#[derive(Resource, Debug, Default)]
struct JoinQr(Option<(String, Handle<Image>)>);

/// The presenter view in a window of its own (`O`), for the facilitator's screen while the
/// projector shows the room's view: the window and the camera that draws into it.
#[derive(Resource, Debug, Default)]
pub struct PresenterWindow(pub Option<(Entity, Entity)>);

/// After `F`, digits pick the option the story follows (for a selection, as many as it asks).
#[derive(Resource, Debug, Default)]
struct PickNext(Option<Vec<usize>>);

#[derive(Component)]
struct ViewRoot;

#[derive(Component)]
struct TimerText;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<View>();
    app.init_resource::<ShowHelp>();
    app.init_resource::<HandsEntry>();
    app.init_resource::<PickNext>();
    app.init_resource::<ChoosingAddress>();
    app.init_resource::<PresenterWindow>();
    app.init_resource::<JoinQr>();
    app.add_systems(
        OnEnter(Screen::Facilitate),
        |mut changed: MessageWriter<RoomChanged>| {
            changed.write(RoomChanged);
        },
    );
    app.add_systems(
        Update,
        (
            (forget_closed_presenter, facilitator_keys, full_screen)
                .chain()
                .before(DriveRoom),
            (redraw, update_timer).chain().after(DriveRoom),
        )
            .run_if(in_state(Screen::Facilitate).and_then(resource_exists::<ActiveRoom>)),
    );
}

fn digit(keys: &ButtonInput<KeyCode>) -> Option<u32> {
    DIGIT_KEYS
        .iter()
        .position(|code| keys.just_pressed(*code))
        .map(|d| d as u32)
}

#[allow(clippy::too_many_arguments)]
fn facilitator_keys(
    keys: Res<ButtonInput<KeyCode>>,
    active: Res<ActiveRoom>,
    mut view: ResMut<View>,
    mut help: ResMut<ShowHelp>,
    mut hands: ResMut<HandsEntry>,
    mut pick: ResMut<PickNext>,
    mut choosing: ResMut<ChoosingAddress>,
    mut presenter: ResMut<PresenterWindow>,
    mut commands: Commands,
    mut requests: MessageWriter<RoomRequest>,
    mut changed: MessageWriter<RoomChanged>,
    mut screen: ResMut<NextState<Screen>>,
) {
    let options = active
        .room
        .session()
        .pending()
        .map_or(0, |offer| offer.options.len());
    // Choosing the address phones vote on takes every key until one is picked or Esc.
    if let Some(addresses) = &choosing.0 {
        if let Some(d) = digit(&keys)
            && let Some(interface) = (d as usize).checked_sub(1).and_then(|i| addresses.get(i))
        {
            requests.write(RoomRequest::StartServer(interface.address));
            choosing.0 = None;
            changed.write(RoomChanged);
        }
        if keys.just_pressed(KeyCode::Escape) {
            choosing.0 = None;
            changed.write(RoomChanged);
        }
        return;
    }
    // A show of hands takes every key until it is entered or cancelled.
    if hands.typing {
        if let Some(d) = digit(&keys)
            && hands.current.len() < 5
        {
            hands.current.push(char::from(b'0' + d as u8));
            changed.write(RoomChanged);
        }
        if keys.just_pressed(KeyCode::Backspace) {
            hands.current.pop();
            changed.write(RoomChanged);
        }
        if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
            let count = hands.current.parse().unwrap_or(0);
            hands.counts.push(count);
            hands.current.clear();
            if hands.counts.len() >= options {
                requests.write(RoomRequest::Hands(std::mem::take(&mut hands.counts)));
                hands.typing = false;
            }
            changed.write(RoomChanged);
        }
        if keys.just_pressed(KeyCode::Escape) {
            *hands = HandsEntry::default();
            changed.write(RoomChanged);
        }
        return;
    }
    if let Some(picked) = &mut pick.0 {
        if let Some(d) = digit(&keys)
            && d >= 1
        {
            picked.push(d as usize - 1);
            let wanted = match active.room.session().pending().map(|o| o.kind) {
                Some(OfferKind::ChooseSeveral { pick }) => pick as usize,
                _ => 1,
            };
            if picked.len() >= wanted {
                requests.write(RoomRequest::FollowShown(std::mem::take(picked)));
                pick.0 = None;
            }
        }
        if keys.just_pressed(KeyCode::Escape) {
            pick.0 = None;
        }
        return;
    }
    let pressed = |code| keys.just_pressed(code);
    if pressed(KeyCode::Slash) || pressed(KeyCode::F1) {
        help.0 = !help.0;
        changed.write(RoomChanged);
    }
    if pressed(KeyCode::KeyP) {
        *view = match *view {
            View::Projector => View::Presenter,
            View::Presenter => View::Projector,
        };
        changed.write(RoomChanged);
    }
    let request = if pressed(KeyCode::Space) {
        Some(RoomRequest::StartPause)
    } else if pressed(KeyCode::KeyN) {
        Some(RoomRequest::Skip)
    } else if pressed(KeyCode::KeyV) {
        Some(RoomRequest::OpenVoting)
    } else if pressed(KeyCode::KeyC) {
        Some(RoomRequest::CloseVoting)
    } else if pressed(KeyCode::KeyR) {
        Some(RoomRequest::Reveal)
    } else if keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter]) {
        Some(match active.room.phase() {
            Phase::Ended => RoomRequest::Next,
            _ => RoomRequest::Follow(None),
        })
    } else if pressed(KeyCode::KeyB) {
        Some(RoomRequest::Back)
    } else if pressed(KeyCode::KeyT) {
        Some(RoomRequest::Timer)
    } else if pressed(KeyCode::KeyE) {
        Some(RoomRequest::End)
    } else if pressed(KeyCode::KeyX) {
        Some(RoomRequest::Export)
    } else {
        None
    };
    if let Some(request) = request {
        requests.write(request);
    }
    if pressed(KeyCode::KeyH) && options > 0 {
        *hands = HandsEntry {
            typing: true,
            ..default()
        };
        changed.write(RoomChanged);
    }
    if pressed(KeyCode::KeyF) && options > 0 {
        pick.0 = Some(Vec::new());
    }
    if pressed(KeyCode::KeyO) {
        match presenter.0.take() {
            Some((window, camera)) => {
                commands.entity(camera).despawn();
                commands.entity(window).despawn();
            }
            None => {
                let window = commands
                    .spawn(Window {
                        title: "feedwise presenter".into(),
                        resolution: bevy::window::WindowResolution::new(1280, 800)
                            .with_scale_factor_override(1.0),
                        ..default()
                    })
                    .id();
                let camera = commands
                    .spawn((
                        Camera2d,
                        bevy::camera::RenderTarget::Window(bevy::window::WindowRef::Entity(window)),
                    ))
                    .id();
                presenter.0 = Some((window, camera));
            }
        }
        changed.write(RoomChanged);
    }
    if pressed(KeyCode::KeyW) {
        if active.server.is_some() {
            requests.write(RoomRequest::StopServer);
        } else {
            choosing.0 = Some(crate::facilitate::interfaces::list());
            changed.write(RoomChanged);
        }
    }
    if pressed(KeyCode::Escape) && active.ended {
        screen.set(Screen::Library);
    }
}

#[allow(clippy::too_many_arguments)]
fn redraw(
    mut commands: Commands,
    mut changes: MessageReader<RoomChanged>,
    active: Res<ActiveRoom>,
    view: Res<View>,
    help: Res<ShowHelp>,
    hands: Res<HandsEntry>,
    choosing: Res<ChoosingAddress>,
    presenter: Res<PresenterWindow>,
    primary: Query<&Window, With<bevy::window::PrimaryWindow>>,
    mut qr: ResMut<JoinQr>,
    // Absent without a renderer (headless tests): no QR code then.
    images: Option<ResMut<Assets<Image>>>,
    palette: Res<Palette>,
    roots: Query<Entity, With<ViewRoot>>,
) {
    if changes.read().count() == 0 {
        return;
    }
    let join = active.join();
    // The code carries the PIN after `#` (never sent to the server), so scanning joins at once.
    if let (Some((url, pin)), Some(mut images)) = (&join, images)
        && qr.0.as_ref().is_none_or(|(made, _)| made != url)
    {
        let scanned = format!("{url}#pin={pin}");
        qr.0 = qr_image(&scanned, 6).map(|image| (url.clone(), images.add(image)));
    }
    for root in &roots {
        commands.entity(root).despawn();
    }
    let p = palette.as_ref();
    let qr_handle = qr.0.as_ref().map(|(_, handle)| handle.clone());
    // With a presenter window, the main window is the projector's and the presenter view
    // goes to the other; without one, `P` switches the main window between the two.
    let main_view = if presenter.0.is_some() {
        View::Projector
    } else {
        *view
    };
    // A short projector (1280x720) shows the reveal without each option's words, which the room
    // has just read by number; taller ones show both.
    let compact = primary.iter().next().is_some_and(|w| w.height() < 900.0);
    let draw = |commands: &mut Commands, view: View, camera: Option<Entity>| {
        let mut root = commands.spawn((ViewRoot, DespawnOnExit(Screen::Facilitate), screen_root()));
        if let Some(camera) = camera {
            root.insert(UiTargetCamera(camera));
        }
        root.with_children(|root| {
            top_bar(root, &active, view, p);
            if active.ended {
                summary(root, &active, view, p);
            } else {
                root.spawn(Node {
                    flex_grow: 1.0,
                    column_gap: px(24),
                    min_height: px(0),
                    ..default()
                })
                .with_children(|body| match view {
                    View::Projector => {
                        // Newest at the bottom; older cards are cut off at the top.
                        body.spawn(Node {
                            justify_content: JustifyContent::FlexEnd,
                            overflow: Overflow::clip(),
                            ..fill_column(12.0)
                        })
                        .with_children(|left| activity(left, &active, p));
                        body.spawn(Node {
                            overflow: Overflow::clip(),
                            ..side_column(600.0, 12.0)
                        })
                        .with_children(|right| {
                            if let Some((url, pin)) = &join {
                                join_box(right, url, pin, qr_handle.clone(), p);
                            }
                            projector_panel(right, &active, compact, p);
                        });
                    }
                    // The facilitator needs the key and the feedback, not the feed.
                    View::Presenter => {
                        body.spawn(Node {
                            overflow: Overflow::clip(),
                            ..fill_column(10.0)
                        })
                        .with_children(|all| presenter_panel(all, &active, &hands, p));
                    }
                });
            }
            // Overlays belong to whoever is at the keyboard: the presenter's screen.
            let facilitator = camera.is_some() || presenter.0.is_none();
            if facilitator && let Some(addresses) = &choosing.0 {
                address_chooser(root, addresses, p);
            }
            if facilitator && help.0 {
                key_help(root, p);
            }
        });
    };
    draw(&mut commands, main_view, None);
    if let Some((_, camera)) = presenter.0 {
        draw(&mut commands, View::Presenter, Some(camera));
    }
}

/// F11: the projector's window fills its screen (borderless), or goes back to a window.
fn full_screen(
    keys: Res<ButtonInput<KeyCode>>,
    mut windows: Query<&mut Window, With<bevy::window::PrimaryWindow>>,
) {
    if !keys.just_pressed(KeyCode::F11) {
        return;
    }
    for mut window in &mut windows {
        window.mode = match window.mode {
            bevy::window::WindowMode::Windowed => bevy::window::WindowMode::BorderlessFullscreen(
                bevy::window::MonitorSelection::Current,
            ),
            _ => bevy::window::WindowMode::Windowed,
        };
    }
}

/// The presenter window closed by its own close button: forget it.
fn forget_closed_presenter(
    mut presenter: ResMut<PresenterWindow>,
    windows: Query<(), With<Window>>,
    mut commands: Commands,
    mut changed: MessageWriter<RoomChanged>,
) {
    if let Some((window, camera)) = presenter.0
        && windows.get(window).is_err()
    {
        presenter.0 = None;
        if let Ok(mut camera) = commands.get_entity(camera) {
            camera.despawn();
        }
        changed.write(RoomChanged);
    }
}

fn top_bar(root: &mut ChildSpawnerCommands, active: &ActiveRoom, view: View, p: &Palette) {
    root.spawn(toolbar()).with_children(|bar| {
        if let Some(plan) = active.plan_title() {
            bar.spawn(text_line(plan, size::PROJECTOR_SMALL, p.muted));
        }
        bar.spawn(text_line(
            active.title.clone(),
            size::PROJECTOR_TITLE,
            p.text,
        ));
        if view == View::Presenter {
            bar.spawn(text_line("PRESENTER VIEW", size::PROJECTOR_SMALL, p.accent));
            bar.spawn((TimerText, text_line("", size::PROJECTOR_SMALL, p.text)));
        }
        let state = if active.running {
            "timeline running"
        } else {
            "timeline paused"
        };
        bar.spawn(text_line(state, size::PROJECTOR_SMALL, p.muted));
    });
}

/// The latest of what happened, newest at the bottom, as much as fits.
fn activity(column_root: &mut ChildSpawnerCommands, active: &ActiveRoom, p: &Palette) {
    if active.activity.is_empty() {
        column_root.spawn(wrapped_text(
            "The feed is quiet. Space starts the timeline.",
            size::PROJECTOR_BODY,
            p.muted,
        ));
    }
    let newest = active.activity.len().saturating_sub(8);
    for line in &active.activity[newest..] {
        column_root.spawn(panel(p)).with_children(|card| {
            if !line.who.is_empty() {
                card.spawn(text_line(
                    format!("{} {}", line.who, line.what),
                    size::PROJECTOR_SMALL,
                    p.muted,
                ));
            }
            card.spawn(wrapped_text(
                line.text.clone(),
                size::PROJECTOR_BODY,
                p.text,
            ));
        });
    }
}

/// What the room sees of the decision: the question and options, "the room is voting", then
/// the reveal. No key, no feedback, no count before the reveal.
fn projector_panel(
    panel_root: &mut ChildSpawnerCommands,
    active: &ActiveRoom,
    compact: bool,
    p: &Palette,
) {
    let Some(offer) = active.room.session().pending() else {
        let text = match active.room.phase() {
            Phase::Ended => "This scenario has ended. Enter: the next one.",
            _ => "Watch what happens.",
        };
        panel_root.spawn(wrapped_text(text, size::PROJECTOR_BODY, p.muted));
        return;
    };
    panel_root.spawn(wrapped_text(
        offer.prompt.clone(),
        size::PROJECTOR_BODY,
        p.text,
    ));
    panel_root.spawn(text_line(
        kind_words(offer.kind),
        size::PROJECTOR_SMALL,
        p.muted,
    ));
    let phase = active.room.phase();
    match (&active.reveal, phase) {
        (Some(reveal), Phase::Revealed) => {
            if reveal.split {
                panel_root.spawn(text_line("The room is split", size::PROJECTOR_BODY, p.poor));
            }
            for (i, option) in reveal.options.iter().enumerate() {
                // The number and the share are what the back of the hall reads; the option's
                // words are there to check against.
                panel_root.spawn(row(12.0)).with_children(|line| {
                    line.spawn(text_line(
                        format!("{}", i + 1),
                        size::PROJECTOR_TITLE,
                        p.text,
                    ));
                    line.spawn(fill_column(3.0)).with_children(|entry| {
                        entry.spawn(share_bar(option.percent, p.grade(option.grade), p));
                        entry.spawn(row(10.0)).with_children(|figures| {
                            figures.spawn(text_line(
                                format!("{}%", option.percent),
                                size::PROJECTOR_BODY,
                                p.text,
                            ));
                            figures.spawn(text_line(
                                format!("{} of {}", option.count, reveal.voters),
                                size::PROJECTOR_SMALL,
                                p.muted,
                            ));
                            figures.spawn(grade_badge(option.grade, p));
                        });
                        if !compact {
                            entry.spawn(wrapped_text(option.text.clone(), size::BODY, p.muted));
                        }
                    });
                });
            }
            if let Some(marks) = reveal.marks {
                panel_root.spawn(text_line(
                    format!(
                        "Room marks: {:.1} of {} on average (from {} to {})",
                        marks.mean, marks.available, marks.lowest, marks.highest
                    ),
                    size::PROJECTOR_SMALL,
                    p.text,
                ));
            }
            for prompt in &reveal.discuss {
                panel_root.spawn(wrapped_text(
                    format!("Discuss: {prompt}"),
                    size::PROJECTOR_SMALL,
                    p.accent,
                ));
            }
        }
        _ => {
            // The state first: long options may run off the bottom of a small projector.
            let state = match phase {
                Phase::Voting => "The room is voting",
                Phase::Closed => "Voting has closed",
                _ => "Discuss, then vote",
            };
            panel_root.spawn(text_line(state, size::PROJECTOR_TITLE, p.accent));
            for (i, option) in offer.options.iter().enumerate() {
                panel_root.spawn(wrapped_text(
                    format!("{}. {}", i + 1, option.text),
                    size::PROJECTOR_SMALL,
                    p.text,
                ));
            }
        }
    }
}

/// What only the facilitator sees: the key, each option's grade and feedback, the votes so
/// far, the discussion prompts, hands being typed, and the last refusal.
fn presenter_panel(
    panel_root: &mut ChildSpawnerCommands,
    active: &ActiveRoom,
    hands: &HandsEntry,
    p: &Palette,
) {
    controls(panel_root, p);
    if let Some(note) = &active.note {
        panel_root.spawn(wrapped_text(note.clone(), size::BODY, p.poor));
    }
    for path in &active.exported {
        panel_root.spawn(text_line(
            format!("written: {}", path.display()),
            size::BODY,
            p.muted,
        ));
    }
    let names_professions = !active.room.regulators().is_empty();
    let Ok(current) = active.room.current_reveal() else {
        panel_root.spawn(text_line(
            format!("{:?}", active.room.phase()),
            size::PROJECTOR_SMALL,
            p.muted,
        ));
        return;
    };
    panel_root.spawn(text_line(
        format!(
            "{:?} · {} voted ({} by phone)",
            active.room.phase(),
            current.voters,
            active.room.phone_votes()
        ),
        size::PROJECTOR_SMALL,
        p.text,
    ));
    for (i, option) in current.options.iter().enumerate() {
        panel_root.spawn(column(2.0)).with_children(|entry| {
            entry.spawn(row(8.0)).with_children(|line| {
                line.spawn(grade_badge(option.grade, p));
                let key = match (option.keyed_place, option.in_key) {
                    (Some(place), _) => format!(" (key: {})", place + 1),
                    (None, true) => " (in the key)".to_owned(),
                    _ => String::new(),
                };
                line.spawn(text_line(
                    format!("{} votes", option.count),
                    size::BODY,
                    p.accent,
                ));
                line.spawn(wrapped_text(
                    format!("{}. {}{key}", i + 1, option.text),
                    size::BODY,
                    p.text,
                ));
            });
            entry.spawn(wrapped_text(option.feedback.clone(), size::SMALL, p.muted));
            // Only where the plan names the room's professions, and only their regulators'
            // references: the view does not scroll, and eight options must still fit.
            if names_professions && !option.guidance.is_empty() {
                entry.spawn(wrapped_text(
                    format!("Guidance: {}", option.guidance.join("; ")),
                    size::SMALL,
                    p.text,
                ));
            }
        });
    }
    if let Some(answer) = &current.room_answer {
        panel_root.spawn(text_line(
            format!("The room's answer: {}", answer.ids().join(" > ")),
            size::BODY,
            p.accent,
        ));
    }
    for prompt in &current.discuss {
        panel_root.spawn(wrapped_text(
            format!("Discuss: {prompt}"),
            size::BODY,
            p.text,
        ));
    }
    if hands.typing {
        panel_root.spawn(text_line(
            format!(
                "Hands for option {}: {}_  (Enter: next, Esc: cancel)",
                hands.counts.len() + 1,
                hands.current
            ),
            size::PROJECTOR_SMALL,
            p.accent,
        ));
    }
}

/// The facilitator's actions as buttons, for the mouse: the same requests the keys send.
fn controls(panel_root: &mut ChildSpawnerCommands, p: &Palette) {
    let actions = [
        ("Start / pause (Space)", RoomRequest::StartPause),
        ("Next event (N)", RoomRequest::Skip),
        ("Open voting (V)", RoomRequest::OpenVoting),
        ("Close voting (C)", RoomRequest::CloseVoting),
        ("Reveal (R)", RoomRequest::Reveal),
        ("Follow the room (Enter)", RoomRequest::Follow(None)),
        ("Back (B)", RoomRequest::Back),
        ("Timer (T)", RoomRequest::Timer),
        ("Next scenario", RoomRequest::Next),
        ("End (E)", RoomRequest::End),
        ("Export (X)", RoomRequest::Export),
    ];
    panel_root
        .spawn(wrap_row(8.0, 8.0))
        .with_children(|buttons| {
            for (label, request) in actions {
                buttons.spawn(button(
                    label,
                    p,
                    move |_: On<Pointer<Click>>, mut requests: MessageWriter<RoomRequest>| {
                        requests.write(request.clone());
                    },
                ));
            }
        });
}

fn summary(root: &mut ChildSpawnerCommands, active: &ActiveRoom, view: View, p: &Palette) {
    root.spawn(column(12.0)).with_children(|list| {
        list.spawn(text_line("Session summary", size::PROJECTOR_TITLE, p.text));
        for finished in &active.finished {
            list.spawn(text_line(
                finished.title.clone(),
                size::PROJECTOR_BODY,
                p.text,
            ));
            for record in &finished.records {
                let counts: Vec<String> = record
                    .options
                    .iter()
                    .map(|(id, n)| format!("{id} {n}"))
                    .collect();
                let by = match record.followed_by {
                    FollowedBy::Room => "the room",
                    FollowedBy::Facilitator => "the facilitator",
                };
                list.spawn(wrapped_text(
                    format!(
                        "{}: {} voters ({}); followed {} ({by}){}",
                        record.decision,
                        record.voters,
                        counts.join(", "),
                        record.followed.join(" > "),
                        if record.split { "; split" } else { "" }
                    ),
                    size::PROJECTOR_SMALL,
                    p.text,
                ));
            }
        }
        if view == View::Presenter {
            list.spawn(text_line(
                "X: export CSV and Markdown (counts only) · Esc: library",
                size::BODY,
                p.muted,
            ));
            for path in &active.exported {
                list.spawn(text_line(
                    format!("written: {}", path.display()),
                    size::BODY,
                    p.muted,
                ));
            }
        }
    });
}

/// Where phones go to vote: the address, the PIN and the same address as a QR code.
fn join_box(
    column_root: &mut ChildSpawnerCommands,
    url: &str,
    pin: &str,
    qr: Option<Handle<Image>>,
    p: &Palette,
) {
    column_root.spawn(panel(p)).with_children(|card| {
        card.spawn(row(16.0)).with_children(|line| {
            if let Some(image) = qr {
                line.spawn((
                    ImageNode::new(image),
                    Node {
                        width: px(150),
                        height: px(150),
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
            }
            line.spawn(column(6.0)).with_children(|words| {
                words.spawn(text_line(
                    "Vote on your phone",
                    size::PROJECTOR_SMALL,
                    p.muted,
                ));
                words.spawn(wrapped_text(url.to_owned(), size::BODY, p.text));
                words.spawn(text_line(
                    format!("PIN {pin}"),
                    size::PROJECTOR_BODY,
                    p.accent,
                ));
            });
        });
    });
}

/// The machine's addresses, to pick the one phones can reach.
fn address_chooser(
    root: &mut ChildSpawnerCommands,
    addresses: &[crate::facilitate::interfaces::Interface],
    p: &Palette,
) {
    root.spawn(overlay(p, 20, AlignItems::Center))
        .with_children(|layer| {
            layer
                .spawn(dialog(p, 760.0, 90.0, p.accent))
                .with_children(|box_| {
                    box_.spawn(text_line(
                        "Take votes from phones on which network?",
                        size::PROJECTOR_SMALL,
                        p.text,
                    ));
                    for (i, interface) in addresses.iter().enumerate().take(9) {
                        let note = if interface.is_loopback() {
                            " (this computer only)"
                        } else {
                            ""
                        };
                        box_.spawn(text_line(
                            format!("{}  {}  {}{note}", i + 1, interface.address, interface.name),
                            size::PROJECTOR_SMALL,
                            p.text,
                        ));
                    }
                    box_.spawn(text_line(
                        "Press its number; Esc: not now. Phones and this computer must be on the \
                         same network.",
                        size::BODY,
                        p.muted,
                    ));
                });
        });
}

fn key_help(root: &mut ChildSpawnerCommands, p: &Palette) {
    root.spawn(overlay(p, 20, AlignItems::Center))
        .with_children(|layer| {
            layer
                .spawn(dialog(p, 760.0, 90.0, p.accent))
                .with_children(|box_| {
                    for line in [
                        "Space  start or pause the timeline",
                        "N  skip to the next event",
                        "V  open voting · C  close voting · R  reveal",
                        "H  show of hands: a count per option, Enter after each",
                        "Enter  follow the room's answer (at the end: next scenario)",
                        "F then 1-9  follow that option instead (a ranking: put it first; a selection: each one)",
                        "B  back one decision · T  discussion timer",
                        "P  projector or presenter view · O  presenter view in its own window",
                        "F11  the projector's window fills the screen (again: a window)",
                        "E  end the session · X  export",
                        "W  take votes from phones on the local network (again: stop)",
                        "?  this help",
                    ] {
                        box_.spawn(text_line(line, size::PROJECTOR_SMALL, p.text));
                    }
                });
        });
}

fn kind_words(kind: OfferKind) -> String {
    match kind {
        OfferKind::Choose => "Choose one".to_owned(),
        OfferKind::Rank => "Rank from most to least appropriate".to_owned(),
        OfferKind::ChooseSeveral { pick } => format!("Choose {pick}"),
    }
}

fn update_timer(active: Res<ActiveRoom>, mut texts: Query<&mut Text, With<TimerText>>) {
    let seconds = active.timer.0 as u32;
    for mut text in &mut texts {
        let shown = format!("discussion {}:{:02}", seconds / 60, seconds % 60);
        if text.0 != shown {
            text.0 = shown;
        }
    }
}
