//! The simulated network on screen: posts with threads and counts, direct messages,
//! notifications, and screenshots of deleted posts. It draws the changes the engine's
//! timeline reports (`FeedChange`), reading details back from `Feed`, with a gentle highlight
//! on what is new (static when motion is reduced).

use bevy::prelude::*;

use super::UnreadBadge;
use super::virtual_list::VirtualList;
use crate::app::session::{ActiveSession, Feed, FeedChange};
use crate::app::settings::CurrentSettings;
use crate::app::state::Screen;
use crate::app::theme::accessible::Accessible;
use crate::app::theme::widget::{
    Frame, avatar, body, card, column, fill_column, message_bubble, notification_row, picture, row,
    small, strong, video_frame, wrap_row, wrapped_text,
};
use crate::app::theme::{Palette, size};
use crate::engine::Session;
use crate::engine::timeline::{Change, Panel, Post, PostKind, Timeline, Unread};
use crate::scenario::{Persona, Platform, Role};
use accesskit::Role as AccessRole;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FeedWindow>();
    app.add_systems(OnEnter(Screen::Play), |mut window: ResMut<FeedWindow>| {
        *window = FeedWindow::default();
    });
    app.add_systems(
        Update,
        (show_changes, spawn_near_viewport, fade_fresh, update_times)
            .chain()
            .run_if(in_state(Screen::Play)),
    );
}

/// The feed's top-level items (posts, screenshots, replies whose thread is not shown), newest
/// first on screen, of which only those near the viewport are spawned.
#[derive(Resource, Default)]
struct FeedWindow {
    list: VirtualList,
    /// Post ids in arrival order, as `list` holds their heights.
    ids: Vec<String>,
    /// The spawned cards, by arrival index.
    spawned: std::collections::BTreeMap<usize, Entity>,
}

/// Stands in for the cards above or below the spawned ones, at their total height.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub enum FeedSpacer {
    Above,
    Below,
}

/// New posts spawned (and highlighted) as they arrive in one frame, at most.
const EAGER_SPAWNS: usize = 12;
/// A card's height before it has been laid out; measured heights replace it.
const ESTIMATED_CARD_HEIGHT: f32 = 110.0;
/// The space under each card in the feed (the list has no gap of its own, so the spacers'
/// sums are exact).
const CARD_GAP: f32 = 8.0;

#[derive(Component)]
pub struct FeedList;
#[derive(Component)]
pub struct MessageList;
#[derive(Component)]
pub struct NotificationList;

/// A post or reply on screen, by its scenario id.
#[derive(Component, Debug, Clone)]
pub struct PostCard(pub String);

#[derive(Component)]
struct PostBody(String);

#[derive(Component)]
struct PostCounts(String);

/// The replies under a post (or an orphan reply), by the thread's root id.
#[derive(Component)]
struct Thread(String);

/// When an item appeared (scenario time), for its "2m" label.
#[derive(Component)]
struct Posted(u64);

/// Newly arrived: highlighted, fading over two seconds.
#[derive(Component)]
pub struct Fresh(pub f32);

pub const FRESH_SECONDS: f32 = 2.0;

pub fn who(session: &Session, id: &str) -> Persona {
    session.persona(id).unwrap_or(Persona {
        id: id.to_owned(),
        name: id.to_owned(),
        handle: id.to_owned(),
        role: Role::Public,
        bio: None,
        avatar: None,
        verified: false,
        followers: 0,
    })
}

/// A circle with the persona's initials, in a colour of their own (the same every run).
fn persona_avatar(persona: &Persona, p: &Palette) -> impl Bundle + use<> {
    let initials: String = persona
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .collect();
    let hue = (crate::hash::fnv1a(persona.id.as_bytes()) % 360) as f32;
    // Dark enough at every hue for white initials at 4.5:1 (tests/it/app_contrast.rs).
    avatar(initials.to_uppercase(), Color::hsl(hue, 0.45, 0.28), p)
}

fn name_line(persona: &Persona, at: u64, p: &Palette) -> impl Bundle + use<> {
    let verified = if persona.verified { " ✔" } else { "" };
    (
        Node {
            align_items: AlignItems::Baseline,
            ..wrap_row(8.0, 0.0)
        },
        children![
            strong(format!("{}{verified}", persona.name), p.text),
            small(format!("@{}", persona.handle), p),
            (Posted(at), small("now", p)),
        ],
    )
}

fn counts_label(post: &Post, platform: &Platform) -> String {
    if *platform == Platform::ShortVideo {
        return format!(
            "♥ {}   💬 {}   ↗ {}",
            counted(post.likes, "like"),
            counted(post.replies, "comment"),
            counted(post.reposts, "share")
        );
    }
    format!(
        "{} replies   {} reposts   {} likes",
        post.replies, post.reposts, post.likes
    )
}

/// "1 comment", "310 shares", "12.4K likes": a short-video app's compact counts.
fn counted(count: u32, what: &str) -> String {
    let number = match count {
        0..=9_999 => count.to_string(),
        10_000..=999_999 => format!("{:.1}K", f64::from(count) / 1000.0),
        _ => format!("{:.1}M", f64::from(count) / 1_000_000.0),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{number} {what}{plural}")
}

/// Where the feed's parts are, and what they show now.
#[derive(bevy::ecs::system::SystemParam)]
struct FeedView<'w, 's> {
    feed_list: Query<'w, 's, Entity, With<FeedList>>,
    message_list: Query<'w, 's, Entity, With<MessageList>>,
    notification_list: Query<'w, 's, Entity, With<NotificationList>>,
    threads: Query<'w, 's, (Entity, &'static Thread)>,
    bodies: Query<'w, 's, (&'static PostBody, &'static mut Text, &'static mut TextColor)>,
    count_texts: Query<'w, 's, (&'static PostCounts, &'static mut Text), Without<PostBody>>,
    cards: Query<'w, 's, (Entity, &'static PostCard)>,
    badges: Query<'w, 's, (&'static UnreadBadge, &'static mut Node, &'static Children)>,
    badge_texts: Query<'w, 's, &'static mut Text, (Without<PostBody>, Without<PostCounts>)>,
    fresh: Query<'w, 's, Entity, With<Fresh>>,
    window: ResMut<'w, FeedWindow>,
}

/// Draws what the timeline says changed.
fn show_changes(
    mut commands: Commands,
    mut changes: MessageReader<FeedChange>,
    active: Res<ActiveSession>,
    feed: Res<Feed>,
    palette: Res<Palette>,
    settings: Res<CurrentSettings>,
    mut view: FeedView,
) {
    let p = palette.as_ref();
    let (session, timeline) = (&active.0, &feed.0);
    let mut arrived = false;
    let mut spawned_here = 0;
    // A reply also counts on its root: that is not news to highlight a second time.
    let mut replied_root: Option<String> = None;
    // Only the kind matters here; `Session::platform` would fill a group's name every frame.
    let platform = &session.scenario().platform;
    for FeedChange(change) in changes.read() {
        // A group chat's posts and a chatbot's conversation are drawn by `chat`.
        if super::chat::drawn_here(platform, timeline, change) {
            continue;
        }
        arrived = true;
        match change {
            Change::Posted { id } => {
                if let Some(post) = timeline.post(id) {
                    show_post(
                        &mut commands,
                        &mut view,
                        session,
                        timeline,
                        post,
                        &mut spawned_here,
                        p,
                    );
                }
            }
            // A reply joins its thread, highlighted, if the thread is on screen; a thread far
            // from view shows it when it is spawned again.
            Change::Replied { id, root } => {
                let thread = view.threads.iter().find(|(_, t)| &t.0 == root);
                if let (Some(post), Some((thread, _))) = (timeline.post(id), thread) {
                    commands.entity(thread).with_children(|thread| {
                        spawn_reply(thread, session, timeline, post, p).insert((
                            Fresh(FRESH_SECONDS),
                            BackgroundColor(p.fresh),
                            announced(session, post),
                        ));
                    });
                }
                replied_root = Some(root.clone());
            }
            Change::Counted { id } => {
                if let Some(post) = timeline.post(id) {
                    for (counts, mut text) in &mut view.count_texts {
                        if &counts.0 == id {
                            text.0 = counts_label(post, platform);
                        }
                    }
                }
                if replied_root.take().as_ref() != Some(id) {
                    mark_fresh(&mut commands, &view.cards, id);
                }
            }
            Change::Deleted { id } => {
                if let Some(post) = timeline.post(id) {
                    for (card, shown) in &view.cards {
                        if &shown.0 == id {
                            commands.entity(card).insert(announced(session, post));
                        }
                    }
                }
                for (body, mut text, mut color) in &mut view.bodies {
                    if &body.0 == id {
                        text.0 = DELETED.to_owned();
                        color.0 = p.muted;
                    }
                }
                mark_fresh(&mut commands, &view.cards, id);
            }
            // A change sent just before a restart can name an item the new run's feed does
            // not have yet: it is passed by.
            Change::Messaged { index } => {
                if let (Ok(list), Some(sent)) =
                    (view.message_list.single(), timeline.messages().get(*index))
                {
                    // A direct message as a bubble, highlighted as new.
                    let label = if sent.mine {
                        format!("You to {}", who(session, &sent.to).name)
                    } else {
                        let sender = who(session, &sent.from);
                        format!("{} @{}", sender.name, sender.handle)
                    };
                    let bubble = commands
                        .spawn((Fresh(FRESH_SECONDS), message_bubble(p, sent.mine)))
                        .insert((
                            Accessible::new(AccessRole::Article).polite(),
                            BackgroundColor(p.fresh),
                        ))
                        .with_child(small(label, p))
                        .with_child(body(&sent.text, p))
                        .id();
                    commands.entity(list).add_child(bubble);
                }
            }
            Change::Notified { index } => {
                if let (Ok(list), Some(notice)) = (
                    view.notification_list.single(),
                    timeline.notifications().get(*index),
                ) {
                    let text = &notice.text;
                    let row = commands
                        .spawn((Fresh(FRESH_SECONDS), notification_row(p)))
                        .insert(Accessible::new(AccessRole::ListItem).polite())
                        .insert(BackgroundColor(p.fresh))
                        .with_child(body(text, p))
                        .id();
                    commands.entity(list).insert_children(0, &[row]);
                }
            }
            Change::UnreadChanged(unread) => show_unread(*unread, &mut view),
        }
    }
    // With reduced motion, the newest items stay marked until the next arrival instead of fading.
    if arrived && settings.0.reduced_motion {
        for entity in &view.fresh {
            commands
                .entity(entity)
                .remove::<Fresh>()
                .insert(BackgroundColor(p.surface_raised));
        }
    }
}

/// A new top-level post joins the window; it is spawned (highlighted) at once when the top of
/// the feed is in view, and otherwise by `spawn_near_viewport` when it is scrolled to.
fn show_post(
    commands: &mut Commands,
    view: &mut FeedView,
    session: &Session,
    timeline: &Timeline,
    post: &Post,
    spawned_here: &mut usize,
    p: &Palette,
) {
    let window = view.window.as_mut();
    window.list.push(ESTIMATED_CARD_HEIGHT);
    window.ids.push(post.id.clone());
    let item = window.ids.len() - 1;
    let top_in_view = item == 0 || window.spawned.contains_key(&(item - 1));
    // A burst (a thousand posts at once) is left to `spawn_near_viewport`, which spawns only
    // the screenful of it that shows.
    *spawned_here += 1;
    let Ok(list) = view.feed_list.single() else {
        return;
    };
    if top_in_view && *spawned_here <= EAGER_SPAWNS {
        let slot = commands
            .spawn((Fresh(FRESH_SECONDS), top_level_card(post, p)))
            .insert(announced(session, post))
            .insert(BackgroundColor(p.fresh))
            .with_children(|slot| fill_slot(slot, session, timeline, post, p))
            .id();
        window.spawned.insert(item, slot);
        // After the spacer above, which is the list's first child.
        commands.entity(list).insert_children(1, &[slot]);
    }
}

const DELETED: &str = "This post has been deleted.";

/// A post as a screen reader announces it when it arrives or is deleted: who and what, without
/// its age or counts, which change every second and would be announced again each time.
fn announced(session: &Session, post: &Post) -> Accessible {
    let author = who(session, &post.author);
    let text = if post.deleted { DELETED } else { &post.text };
    Accessible::new(AccessRole::Article)
        .named(format!("{} @{}: {text}", author.name, author.handle))
        .polite()
}

/// A top-level item's card: a post, a shared screenshot, or a reply whose thread is not shown.
fn top_level_card(post: &Post, p: &Palette) -> impl Bundle + use<> {
    let frame = match post.kind {
        PostKind::Screenshot { .. } => Frame::Outlined(p.poor),
        _ => Frame::Plain,
    };
    let (mut node, background, border) = card(p, frame);
    node.margin = UiRect::bottom(px(CARD_GAP));
    (
        PostCard(post.id.clone()),
        node,
        background,
        border,
        Accessible::new(AccessRole::Article),
    )
}

/// A post's text as it stands now: deleted posts say so.
fn post_text(post: &Post, p: &Palette) -> impl Bundle + use<> {
    let (text, color) = if post.deleted {
        (DELETED, p.muted)
    } else {
        (post.text.as_str(), p.text)
    };
    (
        PostBody(post.id.clone()),
        wrapped_text(text, size::BODY, color),
    )
}

/// Spawns what a top-level card shows, from the timeline as it is now: a post with its counts
/// and every reply so far, a reply with its own thread, or a screenshot.
fn fill_slot(
    slot: &mut ChildSpawnerCommands,
    session: &Session,
    timeline: &Timeline,
    post: &Post,
    p: &Palette,
) {
    let platform = &session.scenario().platform;
    match &post.kind {
        PostKind::Post => {
            // A short video on the left, with caption, counts and comments beside it.
            let video = *platform == Platform::ShortVideo;
            let author = who(session, &post.author);
            slot.spawn(authored_row()).with_children(|row| {
                if video {
                    let shows = post.picture.as_deref().unwrap_or("A video");
                    row.spawn(video_frame(shows, format!("@{}", author.handle), p));
                } else {
                    row.spawn(persona_avatar(&author, p));
                }
                row.spawn(fill_column(4.0)).with_children(|col| {
                    col.spawn(name_line(&author, post.at, p));
                    col.spawn(post_text(post, p));
                    if let Some(shows) = post.picture.as_deref().filter(|_| !video) {
                        col.spawn(picture(shows, p));
                    }
                    col.spawn((
                        PostCounts(post.id.clone()),
                        small(counts_label(post, platform), p),
                    ));
                    if video {
                        col.spawn(small("Comments", p));
                    }
                    spawn_thread(col, session, timeline, &post.id, p);
                });
            });
        }
        PostKind::Reply { .. } => {
            reply_contents(slot, session, timeline, post, p);
            spawn_thread(slot, session, timeline, &post.id, p);
        }
        PostKind::Screenshot {
            original_author,
            original_text,
            ..
        } => {
            let sharer = who(session, &post.author);
            let by = original_author
                .as_deref()
                .map(|a| who(session, a))
                .map(|a| format!(" by {} @{}", a.name, a.handle))
                .unwrap_or_default();
            slot.spawn(authored_row()).with_children(|row| {
                row.spawn(persona_avatar(&sharer, p));
                row.spawn(fill_column(4.0)).with_children(|col| {
                    col.spawn(name_line(&sharer, post.at, p));
                    col.spawn(body(&post.text, p));
                    col.spawn(screenshot_frame(p)).with_children(|shot| {
                        shot.spawn(small(format!("Screenshot of a deleted post{by}"), p));
                        shot.spawn(body(original_text, p));
                        if let Some(shows) = &post.picture {
                            shot.spawn(picture(shows, p));
                        }
                    });
                });
            });
        }
    }
}

/// The replies under `root` so far, in a thread that later replies join.
fn spawn_thread(
    parent: &mut ChildSpawnerCommands,
    session: &Session,
    timeline: &Timeline,
    root: &str,
    p: &Palette,
) {
    parent.spawn(thread(root)).with_children(|thread| {
        for reply in timeline.thread(root) {
            spawn_reply(thread, session, timeline, reply, p);
        }
    });
}

/// A reply inside a thread: its own small card.
fn spawn_reply<'a>(
    thread: &'a mut ChildSpawnerCommands,
    session: &Session,
    timeline: &Timeline,
    post: &Post,
    p: &Palette,
) -> EntityCommands<'a> {
    let mut card = thread.spawn((
        PostCard(post.id.clone()),
        card(p, Frame::Plain),
        Accessible::new(AccessRole::Article),
    ));
    card.with_children(|card| reply_contents(card, session, timeline, post, p));
    card
}

/// The name line, "replying to", text and likes of a reply, in a thread or at the top level.
fn reply_contents(
    card: &mut ChildSpawnerCommands,
    session: &Session,
    timeline: &Timeline,
    post: &Post,
    p: &Palette,
) {
    let author = who(session, &post.author);
    card.spawn(name_line(&author, post.at, p));
    if let Some(handle) = replying_to(session, timeline, post) {
        card.spawn(small(format!("replying to @{handle}"), p));
    }
    card.spawn(post_text(post, p));
    if post.likes > 0 {
        card.spawn(small(format!("{} likes", post.likes), p));
    }
}

/// The handle of whoever a reply answers, when that post is known.
fn replying_to(session: &Session, timeline: &Timeline, post: &Post) -> Option<String> {
    match &post.kind {
        PostKind::Reply { to, .. } => timeline
            .post(to)
            .map(|parent| who(session, &parent.author).handle),
        _ => None,
    }
}

fn thread(root: &str) -> impl Bundle {
    (
        Thread(root.to_owned()),
        Node {
            margin: UiRect::left(px(12)),
            ..column(6.0)
        },
    )
}

/// A card's avatar beside its column of text.
fn authored_row() -> Node {
    Node {
        align_items: AlignItems::FlexStart,
        ..row(10.0)
    }
}

/// The shared picture of a deleted post, framed in the colour of a poor choice.
fn screenshot_frame(p: &Palette) -> impl Bundle {
    let (node, _, border) = card(p, Frame::Outlined(p.poor));
    (node, BackgroundColor(p.surface), border)
}

fn mark_fresh(commands: &mut Commands, cards: &Query<(Entity, &PostCard)>, post: &str) {
    for (entity, card) in cards {
        if card.0 == post {
            commands.entity(entity).insert(Fresh(FRESH_SECONDS));
        }
    }
}

/// Fades the highlight of new items back to the surface colour.
fn fade_fresh(
    mut commands: Commands,
    time: Res<Time<Real>>,
    palette: Res<Palette>,
    settings: Res<CurrentSettings>,
    mut fresh: Query<(Entity, &mut Fresh, &mut BackgroundColor)>,
) {
    if settings.0.reduced_motion {
        for (_, _, mut background) in &mut fresh {
            background.0 = palette.fresh;
        }
        return;
    }
    for (entity, mut item, mut background) in &mut fresh {
        item.0 -= time.delta_secs().min(0.1);
        let t = (item.0 / FRESH_SECONDS).clamp(0.0, 1.0);
        background.0 = palette.surface_raised.mix(&palette.fresh, t);
        if item.0 <= 0.0 {
            commands.entity(entity).remove::<Fresh>();
        }
    }
}

/// "now", "45s", "3m": how long ago in scenario time. Labels of hidden posts are left alone:
/// relaying out a thousand of them every second would cost every frame's budget.
fn update_times(
    active: Res<ActiveSession>,
    mut labels: Query<(&Posted, &mut Text, &InheritedVisibility)>,
) {
    let now = active.0.clock();
    for (posted, mut text, visible) in &mut labels {
        if !visible.get() {
            continue;
        }
        let seconds = now.saturating_sub(posted.0) / 1000;
        let label = match seconds {
            0..=4 => "now".to_owned(),
            5..=59 => format!("{seconds}s"),
            _ => format!("{}m", seconds / 60),
        };
        if text.0 != label {
            text.0 = label;
        }
    }
}

/// Sets the badges on the panel headers; a badge of zero is hidden.
fn show_unread(unread: Unread, view: &mut FeedView) {
    for (badge, mut node, children) in &mut view.badges {
        let count = match badge.0 {
            Panel::Messages => unread.messages,
            Panel::Notifications => unread.notifications,
        };
        node.display = super::chat::shown_if(count != 0);
        for child in children.iter() {
            if let Ok(mut text) = view.badge_texts.get_mut(child) {
                text.0 = count.to_string();
            }
        }
    }
}

/// Spawns the cards within a viewport's height of the feed's visible part and despawns the
/// rest, keeping the scroll length with two spacers. Heights are measured from the layout
/// while cards are spawned. A long feed then costs a screenful of entities to lay out and
/// draw, not a thousand.
#[allow(clippy::too_many_arguments)]
fn spawn_near_viewport(
    mut commands: Commands,
    active: Res<ActiveSession>,
    feed: Res<Feed>,
    palette: Res<Palette>,
    mut window: ResMut<FeedWindow>,
    list: Query<(Entity, &ComputedNode, &ScrollPosition), With<FeedList>>,
    sizes: Query<&ComputedNode, Without<FeedList>>,
    mut spacers: Query<(Entity, &FeedSpacer, &mut Node)>,
) {
    let Ok((list_entity, viewport, scroll)) = list.single() else {
        return;
    };
    let window = window.as_mut();
    let scale = viewport.inverse_scale_factor();
    for (&item, &entity) in &window.spawned {
        if let Ok(size) = sizes.get(entity) {
            window.list.measured(item, size.size().y * scale + CARD_GAP);
        }
    }
    let height = viewport.size().y * scale;
    let places = window.list.window(scroll.y, height, height);
    let wanted: std::collections::BTreeSet<usize> = places
        .clone()
        .map(|place| window.list.item_at(place))
        .collect();
    let arriving: Vec<usize> = wanted
        .iter()
        .filter(|item| !window.spawned.contains_key(item))
        .copied()
        .collect();
    let before = window.spawned.len();
    window.spawned.retain(|item, &mut entity| {
        let stays = wanted.contains(item);
        if !stays {
            commands.entity(entity).despawn();
        }
        stays
    });
    if window.spawned.len() == before && arriving.is_empty() {
        set_spacers(&mut spacers, window.list.spacers(&places));
        return;
    }
    for item in arriving {
        let Some(post) = window.ids.get(item).and_then(|id| feed.0.post(id)) else {
            continue;
        };
        let entity = commands
            .spawn(top_level_card(post, &palette))
            .with_children(|slot| fill_slot(slot, &active.0, &feed.0, post, &palette))
            .id();
        window.spawned.insert(item, entity);
    }
    // Children in screen order: the spacer above, the cards newest first, the spacer below.
    let spacer = |which: FeedSpacer| {
        spacers
            .iter()
            .find(|(_, s, _)| **s == which)
            .map(|(entity, _, _)| entity)
    };
    let mut order: Vec<Entity> = Vec::with_capacity(window.spawned.len() + 2);
    order.extend(spacer(FeedSpacer::Above));
    order.extend(window.spawned.values().rev().copied());
    order.extend(spacer(FeedSpacer::Below));
    commands.entity(list_entity).replace_children(&order);
    set_spacers(&mut spacers, window.list.spacers(&places));
}

fn set_spacers(spacers: &mut Query<(Entity, &FeedSpacer, &mut Node)>, (above, below): (f32, f32)) {
    for (_, which, mut node) in spacers.iter_mut() {
        let height = px(match which {
            FeedSpacer::Above => above,
            FeedSpacer::Below => below,
        });
        if node.height != height {
            node.height = height;
        }
    }
}

/// The two spacers of a new feed list, above and below its cards.
pub fn feed_spacers() -> impl Bundle {
    // A spacer has no content to hold its height, so it must not shrink to fit the list.
    let spacer = || Node {
        flex_shrink: 0.0,
        ..default()
    };
    children![(FeedSpacer::Above, spacer()), (FeedSpacer::Below, spacer())]
}
