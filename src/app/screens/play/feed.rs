//! The simulated network on screen: posts with threads and counts, direct messages,
//! notifications, and screenshots of deleted posts. It draws the changes the engine's
//! timeline reports (`FeedChange`), reading details back from `Feed`, with a gentle highlight
//! on what is new (static when motion is reduced).

use bevy::prelude::*;

use super::UnreadBadge;
use crate::app::session::{ActiveSession, Feed, FeedChange};
use crate::app::settings::CurrentSettings;
use crate::app::state::Screen;
use crate::app::theme::widget::{body, card, small, strong};
use crate::app::theme::{Palette, size};
use crate::engine::Session;
use crate::engine::timeline::{Change, Panel, Post, PostKind, Timeline, Unread};
use crate::scenario::{Persona, Role};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (show_changes, fade_fresh, update_times, fold_offscreen_posts)
            .chain()
            .run_if(in_state(Screen::Play)),
    );
}

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
pub struct Fresh(f32);

const FRESH_SECONDS: f32 = 2.0;

fn who(session: &Session, id: &str) -> Persona {
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

/// A circle with the persona's initials, coloured by who they are.
fn avatar(persona: &Persona, p: &Palette) -> impl Bundle {
    let initials: String = persona
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .collect();
    let hue = (persona
        .id
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 360) as f32;
    (
        Node {
            width: px(40),
            height: px(40),
            min_width: px(40),
            border_radius: BorderRadius::MAX,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(Color::hsl(hue, 0.45, 0.42)),
        children![(
            Text::new(initials.to_uppercase()),
            TextFont::from_font_size(size::BODY),
            TextColor(p.text)
        )],
    )
}

fn name_line(persona: &Persona, at: u64, p: &Palette) -> impl Bundle {
    let verified = if persona.verified { " ✔" } else { "" };
    (
        Node {
            flex_direction: FlexDirection::Row,
            column_gap: px(8),
            align_items: AlignItems::Baseline,
            flex_wrap: FlexWrap::Wrap,
            ..default()
        },
        children![
            strong(format!("{}{verified}", persona.name), p.text),
            small(format!("@{}", persona.handle), p),
            (Posted(at), small("now", p)),
        ],
    )
}

fn counts_label(post: &Post) -> String {
    format!(
        "{} replies   {} reposts   {} likes",
        post.replies, post.reposts, post.likes
    )
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
    let session = &active.0;
    let timeline = &feed.0;
    let (Ok(feed_list), Ok(dms), Ok(notes)) = (
        view.feed_list.single(),
        view.message_list.single(),
        view.notification_list.single(),
    ) else {
        return;
    };
    let mut arrived = false;
    // A reply also counts on its root: that is not news to highlight a second time.
    let mut replied_root: Option<String> = None;
    for FeedChange(change) in changes.read() {
        arrived = true;
        match change {
            Change::Posted { id } => {
                let Some(post) = timeline.post(id) else {
                    continue;
                };
                let card = match &post.kind {
                    PostKind::Post => post_card(&mut commands, session, post, p),
                    PostKind::Reply { .. } => reply_card(&mut commands, session, timeline, post, p),
                    PostKind::Screenshot {
                        original_author,
                        original_text,
                        ..
                    } => screenshot_card(
                        &mut commands,
                        session,
                        post,
                        original_author.as_deref(),
                        original_text,
                        p,
                    ),
                };
                commands.entity(feed_list).insert_children(0, &[card]);
            }
            Change::Replied { id, root } => {
                let Some(post) = timeline.post(id) else {
                    continue;
                };
                let reply = reply_card(&mut commands, session, timeline, post, p);
                match view.threads.iter().find(|(_, t)| &t.0 == root) {
                    Some((thread, _)) => commands.entity(thread).add_child(reply),
                    None => commands.entity(feed_list).insert_children(0, &[reply]),
                };
                replied_root = Some(root.clone());
            }
            Change::Counted { id } => {
                if let Some(post) = timeline.post(id) {
                    for (counts, mut text) in &mut view.count_texts {
                        if &counts.0 == id {
                            text.0 = counts_label(post);
                        }
                    }
                }
                if replied_root.take().as_ref() != Some(id) {
                    mark_fresh(&mut commands, &view.cards, id);
                }
            }
            Change::Deleted { id } => {
                for (body, mut text, mut color) in &mut view.bodies {
                    if &body.0 == id {
                        text.0 = "This post has been deleted.".to_owned();
                        color.0 = p.muted;
                    }
                }
                mark_fresh(&mut commands, &view.cards, id);
            }
            Change::Messaged { index } => {
                let message = &timeline.messages()[*index];
                let sender = who(session, &message.from);
                let other = who(session, &message.to);
                let bubble = commands
                    .spawn((
                        Fresh(FRESH_SECONDS),
                        Node {
                            flex_direction: FlexDirection::Column,
                            padding: UiRect::all(px(10)),
                            row_gap: px(3),
                            border_radius: BorderRadius::all(px(10)),
                            margin: if message.mine {
                                UiRect::left(px(40))
                            } else {
                                UiRect::right(px(40))
                            },
                            border: UiRect::all(px(1)),
                            ..default()
                        },
                        BackgroundColor(p.fresh),
                        BorderColor::all(p.border),
                        children![
                            small(
                                if message.mine {
                                    format!("You to {}", other.name)
                                } else {
                                    format!("{} @{}", sender.name, sender.handle)
                                },
                                p
                            ),
                            body(&message.text, p),
                        ],
                    ))
                    .id();
                commands.entity(dms).add_child(bubble);
            }
            Change::Notified { index } => {
                let row = commands
                    .spawn((
                        Fresh(FRESH_SECONDS),
                        Node {
                            padding: UiRect::all(px(8)),
                            border_radius: BorderRadius::all(px(6)),
                            border: UiRect::all(px(1)),
                            ..default()
                        },
                        BackgroundColor(p.fresh),
                        BorderColor::all(p.border),
                        children![body(&timeline.notifications()[*index].text, p)],
                    ))
                    .id();
                commands.entity(notes).insert_children(0, &[row]);
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
                .insert(BackgroundColor(p.surface));
        }
    }
}

/// A post: its text, its counts, and the thread its replies join.
fn post_card(commands: &mut Commands, session: &Session, post: &Post, p: &Palette) -> Entity {
    let author = who(session, &post.author);
    authored_card(
        commands,
        post.id.clone(),
        &author,
        post.at,
        p.border,
        p,
        |col| {
            col.spawn((PostBody(post.id.clone()), body(&post.text, p)));
            col.spawn((PostCounts(post.id.clone()), small(counts_label(post), p)));
            col.spawn(thread(&post.id));
        },
    )
}

/// A reply: who it answers and its text; one whose thread is not on screen carries a thread
/// of its own for the replies to it.
fn reply_card(
    commands: &mut Commands,
    session: &Session,
    timeline: &Timeline,
    post: &Post,
    p: &Palette,
) -> Entity {
    let author = who(session, &post.author);
    let (replying_to, own_thread) = match &post.kind {
        PostKind::Reply { to, root } => (
            timeline
                .post(to)
                .map(|parent| who(session, &parent.author).handle)
                .unwrap_or_default(),
            root == &post.id,
        ),
        _ => (String::new(), false),
    };
    commands
        .spawn((
            PostCard(post.id.clone()),
            Fresh(FRESH_SECONDS),
            card(p, p.border, false),
        ))
        // New: highlighted until `fade_fresh` returns it to the card's surface.
        .insert(BackgroundColor(p.fresh))
        .with_children(|card| {
            card.spawn(name_line(&author, post.at, p));
            if !replying_to.is_empty() {
                card.spawn(small(format!("replying to @{replying_to}"), p));
            }
            card.spawn((PostBody(post.id.clone()), body(&post.text, p)));
            if post.likes > 0 {
                card.spawn(small(format!("{} likes", post.likes), p));
            }
            if own_thread {
                card.spawn(thread(&post.id));
            }
        })
        .id()
}

/// A screenshot of a deleted post, shared by someone else.
fn screenshot_card(
    commands: &mut Commands,
    session: &Session,
    post: &Post,
    original_author: Option<&str>,
    original_text: &str,
    p: &Palette,
) -> Entity {
    let sharer = who(session, &post.author);
    let original_author = original_author.map(|a| who(session, a));
    authored_card(
        commands,
        post.id.clone(),
        &sharer,
        post.at,
        p.poor,
        p,
        |col| {
            col.spawn(body(&post.text, p));
            col.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    padding: UiRect::all(px(10)),
                    row_gap: px(4),
                    border: UiRect::all(px(2)),
                    border_radius: BorderRadius::all(px(6)),
                    ..default()
                },
                BackgroundColor(p.surface_raised),
                BorderColor::all(p.poor),
                children![
                    small(
                        format!(
                            "Screenshot of a deleted post{}",
                            original_author
                                .map(|a| format!(" by {} @{}", a.name, a.handle))
                                .unwrap_or_default()
                        ),
                        p
                    ),
                    body(original_text, p),
                ],
            ));
        },
    )
}

fn thread(root: &str) -> impl Bundle {
    (
        Thread(root.to_owned()),
        Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(6),
            margin: UiRect::left(px(12)),
            ..default()
        },
    )
}

/// A feed card: the author's avatar beside their name line, then `fill` adds the rest.
fn authored_card(
    commands: &mut Commands,
    id: String,
    author: &Persona,
    at: u64,
    border: Color,
    p: &Palette,
    fill: impl FnOnce(&mut ChildSpawnerCommands),
) -> Entity {
    commands
        .spawn((PostCard(id), Fresh(FRESH_SECONDS), card(p, border, false)))
        // New: highlighted until `fade_fresh` returns it to the card's surface.
        .insert(BackgroundColor(p.fresh))
        .with_children(|card| {
            card.spawn(Node {
                flex_direction: FlexDirection::Row,
                column_gap: px(10),
                ..default()
            })
            .with_children(|row| {
                row.spawn(avatar(author, p));
                row.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(4),
                    flex_grow: 1.0,
                    min_width: px(0),
                    ..default()
                })
                .with_children(|col| {
                    col.spawn(name_line(author, at, p));
                    fill(col);
                });
            });
        })
        .id()
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
        background.0 = palette.surface.mix(&palette.fresh, t);
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
        node.display = if count == 0 {
            Display::None
        } else {
            Display::Flex
        };
        for child in children.iter() {
            if let Ok(mut text) = view.badge_texts.get_mut(child) {
                text.0 = count.to_string();
            }
        }
    }
}

/// A post far outside the viewport, folded to a box of its last height.
#[derive(Component)]
struct Folded;

/// Posts far outside the feed's viewport are hidden (not drawn) and folded: their contents
/// leave the layout and the card keeps its last height, so the scroll length is unchanged
/// and a long feed costs little to lay out. A viewport's height of margin on each side
/// covers the frame of lag between layout and this check.
#[allow(clippy::type_complexity)]
fn fold_offscreen_posts(
    mut commands: Commands,
    list: Query<(&ComputedNode, &UiGlobalTransform, &Children), With<FeedList>>,
    mut cards: Query<
        (
            &ComputedNode,
            &UiGlobalTransform,
            &mut Visibility,
            &mut Node,
            &Children,
            Has<Folded>,
        ),
        With<PostCard>,
    >,
    mut contents: Query<&mut Node, Without<PostCard>>,
) {
    let Ok((viewport, placed, children)) = list.single() else {
        return;
    };
    let centre = placed.affine().translation.y;
    let height = viewport.size().y;
    let (top, bottom) = (centre - 1.5 * height, centre + 1.5 * height);
    for child in children.iter() {
        let Ok((card, card_placed, mut visibility, mut node, inside, folded)) =
            cards.get_mut(child)
        else {
            continue;
        };
        let middle = card_placed.affine().translation.y;
        let half = card.size().y / 2.0;
        let near = middle + half >= top && middle - half <= bottom;
        if near == folded {
            // Fold to the height it has now, or unfold to its natural height.
            node.height = if near {
                Val::Auto
            } else {
                px(card.size().y * card.inverse_scale_factor())
            };
            for part in inside.iter() {
                if let Ok(mut part) = contents.get_mut(part) {
                    part.display = if near { Display::Flex } else { Display::None };
                }
            }
            if near {
                commands.entity(child).remove::<Folded>();
            } else {
                commands.entity(child).insert(Folded);
            }
        }
        let wanted = if near {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if *visibility != wanted {
            *visibility = wanted;
        }
    }
}
