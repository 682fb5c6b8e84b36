//! The simulated network: posts with threads and counts, direct messages, notifications, and
//! screenshots of deleted posts. It draws the engine's events as they arrive, with a gentle
//! highlight on what is new (static when motion is reduced).

use std::collections::HashMap;

use bevy::prelude::*;

use super::{Panel, UnreadBadge};
use crate::app::screens::Screen;
use crate::app::session::{ActiveSession, FeedMessage};
use crate::app::settings::CurrentSettings;
use crate::app::theme::widget::{body, small, strong};
use crate::app::theme::{Palette, size};
use crate::engine::{PlayEvent, Session};
use crate::scenario::{Happening, Persona, Role};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FeedState>();
    app.init_resource::<Unread>();
    app.add_systems(OnEnter(Screen::Play), reset_feed);
    app.add_systems(
        Update,
        (
            show_events,
            fade_fresh,
            update_times,
            show_unread,
            fold_offscreen_posts,
        )
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

#[derive(Component)]
struct Thread(String);

/// When an item appeared (scenario time), for its "2m" label.
#[derive(Component)]
struct Posted(u64);

/// Newly arrived: highlighted, fading over two seconds.
#[derive(Component)]
pub struct Fresh(f32);

const FRESH_SECONDS: f32 = 2.0;

/// What the feed remembers about posts between events.
#[derive(Resource, Debug, Default)]
struct FeedState {
    /// The post each reply's thread hangs under.
    root: HashMap<String, String>,
    text: HashMap<String, String>,
    author: HashMap<String, String>,
    counts: HashMap<String, (u32, u32, u32)>,
}

/// Unread direct messages and notifications, shown as badges.
#[derive(Resource, Debug, Default)]
pub struct Unread {
    pub messages: usize,
    pub notifications: usize,
}

fn reset_feed(mut state: ResMut<FeedState>, mut unread: ResMut<Unread>) {
    *state = FeedState::default();
    *unread = Unread::default();
}

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

fn counts_label(likes: u32, reposts: u32, replies: u32) -> String {
    format!("{replies} replies   {reposts} reposts   {likes} likes")
}

#[allow(clippy::too_many_arguments)]
fn show_events(
    mut commands: Commands,
    mut messages: MessageReader<FeedMessage>,
    active: Res<ActiveSession>,
    palette: Res<Palette>,
    settings: Res<CurrentSettings>,
    mut state: ResMut<FeedState>,
    mut unread: ResMut<Unread>,
    feed_list: Query<Entity, With<FeedList>>,
    message_list: Query<Entity, With<MessageList>>,
    notification_list: Query<Entity, With<NotificationList>>,
    threads: Query<(Entity, &Thread)>,
    mut bodies: Query<(&PostBody, &mut Text, &mut TextColor)>,
    mut count_texts: Query<(&PostCounts, &mut Text), Without<PostBody>>,
    cards: Query<(Entity, &PostCard)>,
    fresh: Query<Entity, With<Fresh>>,
) {
    let p = palette.as_ref();
    let session = &active.0;
    let (Ok(feed), Ok(dms), Ok(notes)) = (
        feed_list.single(),
        message_list.single(),
        notification_list.single(),
    ) else {
        return;
    };
    let mut arrived = false;
    for FeedMessage(event) in messages.read() {
        let PlayEvent::Shown { at, happening } = event else {
            continue;
        };
        arrived = true;
        match happening {
            Happening::Post {
                id,
                by,
                text,
                likes,
                reposts,
                image: _,
            } => {
                let author = who(session, by);
                state.text.insert(id.clone(), text.clone());
                state.author.insert(id.clone(), by.clone());
                state.counts.insert(id.clone(), (*likes, *reposts, 0));
                let card = authored_card(
                    &mut commands,
                    id.clone(),
                    &author,
                    *at,
                    p.border,
                    p,
                    |col| {
                        col.spawn((PostBody(id.clone()), body(text, p)));
                        col.spawn((
                            PostCounts(id.clone()),
                            small(counts_label(*likes, *reposts, 0), p),
                        ));
                        col.spawn((
                            Thread(id.clone()),
                            Node {
                                flex_direction: FlexDirection::Column,
                                row_gap: px(6),
                                margin: UiRect::left(px(12)),
                                ..default()
                            },
                        ));
                    },
                );
                commands.entity(feed).insert_children(0, &[card]);
            }
            Happening::Reply {
                id,
                to,
                by,
                text,
                likes,
            } => {
                let root = state.root.get(to).cloned().unwrap_or_else(|| to.clone());
                state.root.insert(id.clone(), root.clone());
                state.text.insert(id.clone(), text.clone());
                state.author.insert(id.clone(), by.clone());
                let author = who(session, by);
                let replying_to = state
                    .author
                    .get(to)
                    .map(|a| who(session, a).handle)
                    .unwrap_or_default();
                let reply = commands
                    .spawn((
                        PostCard(id.clone()),
                        Fresh(FRESH_SECONDS),
                        card_node(),
                        BackgroundColor(p.fresh),
                        BorderColor::all(p.border),
                    ))
                    .with_children(|card| {
                        card.spawn(name_line(&author, *at, p));
                        card.spawn(small(format!("replying to @{replying_to}"), p));
                        card.spawn((PostBody(id.clone()), body(text, p)));
                        if *likes > 0 {
                            card.spawn(small(format!("{likes} likes"), p));
                        }
                    })
                    .id();
                match threads.iter().find(|(_, t)| t.0 == root) {
                    Some((thread, _)) => {
                        commands.entity(thread).add_child(reply);
                    }
                    None => {
                        commands.entity(feed).insert_children(0, &[reply]);
                    }
                }
                if let Some(counts) = state.counts.get_mut(&root) {
                    counts.2 += 1;
                    let (likes, reposts, replies) = *counts;
                    set_counts(&mut count_texts, &root, likes, reposts, replies);
                }
            }
            Happening::Message { from, to, text } => {
                let sender = who(session, from);
                let mine = sender.role == Role::Me;
                let other = if mine {
                    who(session, to)
                } else {
                    sender.clone()
                };
                if !mine {
                    unread.messages += 1;
                }
                let bubble = commands
                    .spawn((
                        Fresh(FRESH_SECONDS),
                        Node {
                            flex_direction: FlexDirection::Column,
                            padding: UiRect::all(px(10)),
                            row_gap: px(3),
                            border_radius: BorderRadius::all(px(10)),
                            margin: if mine {
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
                                if mine {
                                    format!("You to {}", other.name)
                                } else {
                                    format!("{} @{}", sender.name, sender.handle)
                                },
                                p
                            ),
                            body(text, p),
                        ],
                    ))
                    .id();
                commands.entity(dms).add_child(bubble);
            }
            Happening::Notification { text, .. } => {
                unread.notifications += 1;
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
                        children![body(text, p)],
                    ))
                    .id();
                commands.entity(notes).insert_children(0, &[row]);
            }
            Happening::Engagement {
                post,
                likes,
                reposts,
                replies,
            } => {
                let current = state.counts.entry(post.clone()).or_insert((0, 0, 0));
                if let Some(n) = likes {
                    current.0 = *n;
                }
                if let Some(n) = reposts {
                    current.1 = *n;
                }
                if let Some(n) = replies {
                    current.2 = *n;
                }
                let (l, r, c) = *current;
                set_counts(&mut count_texts, post, l, r, c);
                mark_fresh(&mut commands, &cards, post);
            }
            Happening::Deleted { post } => {
                for (body, mut text, mut color) in &mut bodies {
                    if &body.0 == post {
                        text.0 = "This post has been deleted.".to_owned();
                        color.0 = p.muted;
                    }
                }
                mark_fresh(&mut commands, &cards, post);
            }
            Happening::Resurfaced { post, by, text } => {
                let sharer = who(session, by);
                let original_author = state.author.get(post).map(|a| who(session, a));
                let original = state.text.get(post).cloned().unwrap_or_default();
                let card = authored_card(
                    &mut commands,
                    format!("{post}-screenshot"),
                    &sharer,
                    *at,
                    p.poor,
                    p,
                    |col| {
                        col.spawn(body(text, p));
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
                                body(original, p),
                            ],
                        ));
                    },
                );
                commands.entity(feed).insert_children(0, &[card]);
            }
        }
    }
    // With reduced motion, the newest items stay marked until the next arrival instead of fading.
    if arrived && settings.0.reduced_motion {
        for entity in &fresh {
            commands
                .entity(entity)
                .remove::<Fresh>()
                .insert(BackgroundColor(p.surface));
        }
    }
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
        .spawn((
            PostCard(id),
            Fresh(FRESH_SECONDS),
            card_node(),
            BackgroundColor(p.fresh),
            BorderColor::all(border),
        ))
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

fn card_node() -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        padding: UiRect::all(px(10)),
        row_gap: px(4),
        border: UiRect::all(px(1)),
        border_radius: BorderRadius::all(px(8)),
        ..default()
    }
}

fn set_counts(
    texts: &mut Query<(&PostCounts, &mut Text), Without<PostBody>>,
    post: &str,
    likes: u32,
    reposts: u32,
    replies: u32,
) {
    for (counts, mut text) in texts.iter_mut() {
        if counts.0 == post {
            text.0 = counts_label(likes, reposts, replies);
        }
    }
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

fn show_unread(
    unread: Res<Unread>,
    badges: Query<(&UnreadBadge, &Children)>,
    mut nodes: Query<&mut Node>,
    mut texts: Query<&mut Text>,
    parents: Query<&ChildOf>,
) {
    if !unread.is_changed() {
        return;
    }
    for (badge, children) in &badges {
        let count = match badge.0 {
            Panel::Messages => unread.messages,
            Panel::Notifications => unread.notifications,
        };
        for child in children.iter() {
            if let Ok(mut text) = texts.get_mut(child) {
                text.0 = count.to_string();
            }
            if let Ok(parent) = parents.get(child)
                && let Ok(mut node) = nodes.get_mut(parent.parent())
            {
                node.display = if count == 0 {
                    Display::None
                } else {
                    Display::Flex
                };
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
