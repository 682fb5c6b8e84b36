//! The Facilitate screen: the projector view the room sees (`projector.rs`: large type sized to
//! the window, the feed as it arrives, the decision, the reveal, a count-only status line and
//! the join slide) and the presenter view only the facilitator sees (`presenter.rs`: the key,
//! every option's feedback, the votes so far, the door to the room). `P` switches between them
//! on one screen; `O` puts the presenter view in a window of its own. Keys (`keys.rs`) write
//! `RoomRequest`s; everything is redrawn from `ActiveRoom` when it changes.

mod fit;
mod keys;
mod overlays;
mod presenter;
mod projector;

use bevy::prelude::*;
use bevy::window::{OnMonitor, PrimaryWindow, RequestRedraw};

use crate::app::facilitation::{ActiveRoom, DriveRoom, RoomChanged};
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::widget::{qr_image, screen_root};

pub use fit::{DecisionArea, RoomText, RoomType};

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

/// The presenter window is on the projector's monitor: it shows a placeholder, not the key,
/// until it is moved to another screen.
#[derive(Resource, Debug, Default, PartialEq, Eq)]
pub struct PresenterOnProjector(pub bool);

/// After `F`, digits pick the option the story follows (for a selection, as many as it asks).
#[derive(Resource, Debug, Default)]
pub struct PickNext(pub Option<Vec<usize>>);

/// The full-screen join slide is on the projector (after `W`, and on `J`).
#[derive(Resource, Debug, Default, PartialEq, Eq)]
pub struct JoinSlide(pub bool);

/// `E` was pressed while the open decision had votes: asking before they are dropped.
#[derive(Resource, Debug, Default, PartialEq, Eq)]
pub struct ConfirmEnd(pub bool);

#[derive(Component)]
struct ViewRoot;

#[derive(Component)]
struct TimerText;

pub(super) fn plugin(app: &mut App) {
    // Present in a windowed app; added here so a headless one can run these systems too.
    app.add_message::<RequestRedraw>();
    app.init_resource::<View>();
    app.init_resource::<ShowHelp>();
    app.init_resource::<HandsEntry>();
    app.init_resource::<PickNext>();
    app.init_resource::<ChoosingAddress>();
    app.init_resource::<PresenterWindow>();
    app.init_resource::<PresenterOnProjector>();
    app.init_resource::<JoinQr>();
    app.init_resource::<JoinSlide>();
    app.init_resource::<ConfirmEnd>();
    app.init_resource::<fit::RoomFit>();
    app.add_systems(
        OnEnter(Screen::Facilitate),
        |mut changed: MessageWriter<RoomChanged>| {
            changed.write(RoomChanged);
        },
    );
    app.add_systems(
        Update,
        (
            (
                forget_closed_presenter,
                presenter_placement,
                keys::facilitator_keys,
                keys::full_screen,
            )
                .chain()
                .before(DriveRoom),
            (fit::refit_on_change, redraw, update_timer)
                .chain()
                .after(DriveRoom),
            fit::check_fit.after(redraw),
        )
            .run_if(in_state(Screen::Facilitate).and_then(resource_exists::<ActiveRoom>)),
    );
}

/// What a view is drawn with.
pub(super) struct Drawing<'a> {
    pub active: &'a ActiveRoom,
    pub palette: &'a Palette,
    pub hands: &'a HandsEntry,
    pub pick: &'a PickNext,
    pub join: Option<(String, String)>,
    pub qr: Option<Handle<Image>>,
    pub fit: &'a fit::RoomFit,
    pub room_type: RoomType,
    /// Where the presenter's list was scrolled to before this redraw.
    pub presenter_scroll: ScrollPosition,
}

#[allow(clippy::too_many_arguments)]
fn redraw(
    mut commands: Commands,
    mut changes: MessageReader<RoomChanged>,
    active: Res<ActiveRoom>,
    (view, help, hands, pick): (Res<View>, Res<ShowHelp>, Res<HandsEntry>, Res<PickNext>),
    (choosing, slide, confirm_end): (Res<ChoosingAddress>, Res<JoinSlide>, Res<ConfirmEnd>),
    (presenter, presenter_on_projector): (Res<PresenterWindow>, Res<PresenterOnProjector>),
    primary: Query<&Window, With<PrimaryWindow>>,
    ui_scale: Option<Res<UiScale>>,
    fit: Res<fit::RoomFit>,
    mut qr: ResMut<JoinQr>,
    // Absent without a renderer (headless tests): no QR code then.
    images: Option<ResMut<Assets<Image>>>,
    palette: Res<Palette>,
    roots: Query<Entity, With<ViewRoot>>,
    presenter_lists: Query<&ScrollPosition, With<presenter::PresenterList>>,
) {
    if changes.read().count() == 0 {
        return;
    }
    let presenter_scroll = presenter_lists.iter().next().cloned().unwrap_or_default();
    let join = active.join();
    // The code carries the PIN after `#` (never sent to the server), so scanning joins at once.
    if let (Some((url, pin)), Some(mut images)) = (&join, images)
        && qr.0.as_ref().is_none_or(|(made, _)| made != url)
    {
        let scanned = format!("{url}#pin={pin}");
        qr.0 = qr_image(&scanned, 8).map(|image| (url.clone(), images.add(image)));
    }
    for root in &roots {
        commands.entity(root).despawn();
    }
    let scale = ui_scale.map_or(1.0, |s| s.0.max(0.1));
    let height = primary.iter().next().map_or(720.0, |w| w.height()) / scale;
    let drawing = Drawing {
        active: &active,
        palette: &palette,
        hands: &hands,
        pick: &pick,
        join,
        qr: qr.0.as_ref().map(|(_, handle)| handle.clone()),
        fit: &fit,
        room_type: RoomType::for_height(height),
        presenter_scroll,
    };
    // With a presenter window, the main window is the projector's and the presenter view
    // goes to the other; without one, `P` switches the main window between the two.
    let main_view = presenter.0.map_or(*view, |_| View::Projector);
    let draw = |commands: &mut Commands, view: View, camera: Option<Entity>| {
        let mut root = commands.spawn((ViewRoot, DespawnOnExit(Screen::Facilitate), screen_root()));
        if let Some(camera) = camera {
            root.insert(UiTargetCamera(camera));
        }
        root.with_children(|root| {
            // The presenter window on the projector's screen would show the key to the room.
            if camera.is_some() && presenter_on_projector.0 {
                overlays::presenter_placeholder(root, &palette);
                return;
            }
            match view {
                View::Projector => projector::view(root, &drawing),
                View::Presenter => presenter::view(root, &drawing),
            }
            // The join slide is the room's; overlays that take keys belong to whoever is at
            // the keyboard: the presenter's screen.
            let facilitator = camera.is_some() || presenter.0.is_none();
            if view == View::Projector && slide.0 && !active.ended() {
                projector::join_slide(root, &drawing);
            }
            if facilitator && let Some(addresses) = &choosing.0 {
                overlays::address_chooser(root, addresses, &palette);
            }
            if facilitator && confirm_end.0 {
                overlays::confirm_end(root, &active, &palette);
            }
            if facilitator && help.0 {
                overlays::key_help(root, &palette);
            }
        });
    };
    draw(&mut commands, main_view, None);
    if let Some((_, camera)) = presenter.0 {
        draw(&mut commands, View::Presenter, Some(camera));
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

/// Whether the presenter window shares the projector's monitor; redraws when that changes
/// (the facilitator dragged it to their own screen). Unknown monitors (no display, as in
/// headless tests) count as separate screens.
fn presenter_placement(
    presenter: Res<PresenterWindow>,
    primary: Query<Option<&OnMonitor>, With<PrimaryWindow>>,
    monitors: Query<Option<&OnMonitor>, With<Window>>,
    mut on_projector: ResMut<PresenterOnProjector>,
    mut changed: MessageWriter<RoomChanged>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let shared = presenter.0.is_some_and(|(window, _)| {
        let projector = primary.iter().next().flatten().map(|m| m.0);
        let own = monitors.get(window).ok().flatten().map(|m| m.0);
        matches!((projector, own), (Some(a), Some(b)) if a == b)
    });
    if on_projector.0 != shared {
        on_projector.0 = shared;
        changed.write(RoomChanged);
        redraw.write(RequestRedraw);
    }
}

fn update_timer(active: Res<ActiveRoom>, mut texts: Query<&mut Text, With<TimerText>>) {
    let seconds = active.timer().seconds as u32;
    for mut text in &mut texts {
        let shown = format!("discussion {}:{:02}", seconds / 60, seconds % 60);
        if text.0 != shown {
            text.0 = shown;
        }
    }
}
