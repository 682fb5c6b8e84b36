//! The centre column as a conversation, for the platforms that are one: a group chat (the
//! scenario's posts are the group's messages, oldest first, the trainee's on the right) and an
//! AI chatbot (the messages between the trainee and the bot). It reads the same changes as
//! the feed, which leaves these to it (`drawn_here`).

use bevy::prelude::*;

use super::feed::{FRESH_SECONDS, Fresh, who};
use crate::app::session::{ActiveSession, Feed, FeedChange};
use crate::app::state::Screen;
use crate::app::theme::Palette;
use crate::app::theme::accessible::Accessible;
use crate::app::theme::widget::{Frame, body, card, message_bubble, picture, small};
use crate::engine::Session;
use crate::engine::timeline::{Change, DirectMessage, Post, PostKind, Timeline};
use crate::scenario::Platform;
use accesskit::Role as AccessRole;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (show_conversation, keep_newest_in_view)
            .chain()
            .run_if(in_state(Screen::Play)),
    );
}

/// The conversation's list in the centre column.
#[derive(Component)]
pub struct ChatList;

/// A group message on screen, by its post id, with its text and reactions to update.
#[derive(Component)]
struct ChatMessage(String);

#[derive(Component)]
struct ChatText(String);

#[derive(Component)]
struct ChatReactions(String);

/// A message's picture, removed when the message is deleted.
#[derive(Component)]
struct ChatPicture(String);

/// Set when something arrived, so the list scrolls to its foot once laid out.
#[derive(Component)]
struct ScrollToNewest;

const DELETED: &str = "This message was deleted";

/// Whether this change belongs to the conversation rather than the feed or the messages column.
pub fn drawn_here(platform: &Platform, timeline: &Timeline, change: &Change) -> bool {
    match (platform, change) {
        (
            Platform::GroupChat { .. },
            Change::Posted { .. }
            | Change::Replied { .. }
            | Change::Counted { .. }
            | Change::Deleted { .. },
        ) => true,
        (Platform::Chatbot { bot }, Change::Messaged { index }) => timeline
            .messages()
            .get(*index)
            .is_some_and(|message| with_bot(message, bot)),
        _ => false,
    }
}

fn with_bot(message: &DirectMessage, bot: &str) -> bool {
    (message.mine && message.to == bot) || message.from == bot
}

/// The conversation's parts on screen.
#[derive(bevy::ecs::system::SystemParam)]
struct ChatView<'w, 's> {
    list: Query<'w, 's, Entity, With<ChatList>>,
    texts: Query<'w, 's, (&'static ChatText, &'static mut Text, &'static mut TextColor)>,
    reactions: Query<
        'w,
        's,
        (&'static ChatReactions, &'static mut Text, &'static mut Node),
        Without<ChatText>,
    >,
    pictures: Query<'w, 's, (Entity, &'static ChatPicture)>,
    shown: Query<'w, 's, (Entity, &'static ChatMessage)>,
}

fn show_conversation(
    mut commands: Commands,
    mut changes: MessageReader<FeedChange>,
    active: Res<ActiveSession>,
    feed: Res<Feed>,
    palette: Res<Palette>,
    mut view: ChatView,
) {
    let (session, timeline, p) = (&active.0, &feed.0, palette.as_ref());
    // Only the kind matters here; `Session::platform` would fill a group's name every frame.
    let platform = &session.scenario().platform;
    let Ok(list) = view.list.single() else {
        changes.clear();
        return;
    };
    for FeedChange(change) in changes.read() {
        if !drawn_here(platform, timeline, change) {
            continue;
        }
        match change {
            Change::Posted { id } | Change::Replied { id, .. } => {
                if let Some(post) = timeline.post(id) {
                    group_message(&mut commands, list, session, timeline, post, p);
                }
            }
            Change::Counted { id } => {
                if let Some(post) = timeline.post(id) {
                    for (of, mut text, mut node) in &mut view.reactions {
                        if &of.0 == id {
                            text.0 = reactions_label(post);
                            node.display = shown_if(!text.0.is_empty());
                        }
                    }
                }
            }
            Change::Deleted { id } => {
                // As messaging apps do: only "This message was deleted" is left.
                for (picture, of) in &view.pictures {
                    if &of.0 == id {
                        commands.entity(picture).despawn();
                    }
                }
                for (of, _, mut node) in &mut view.reactions {
                    if &of.0 == id {
                        node.display = Display::None;
                    }
                }
                for (of, mut text, mut color) in &mut view.texts {
                    if &of.0 == id {
                        text.0 = DELETED.to_owned();
                        color.0 = p.muted;
                    }
                }
                for (entity, message) in &view.shown {
                    if &message.0 == id {
                        commands
                            .entity(entity)
                            .insert(Accessible::new(AccessRole::Article).named(DELETED).polite());
                    }
                }
            }
            Change::Messaged { index } => {
                if let Some(message) = timeline.messages().get(*index) {
                    bot_message(&mut commands, list, session, message, p);
                }
            }
            _ => {}
        }
    }
}

/// A message in the group: sender (or "You"), the message it quotes, its picture, its text,
/// and its reactions and forwards.
fn group_message(
    commands: &mut Commands,
    list: Entity,
    session: &Session,
    timeline: &Timeline,
    post: &Post,
    p: &Palette,
) {
    let mine = session
        .persona(&post.author)
        .is_some_and(|a| a.role == crate::scenario::Role::Me);
    let text = shown_text(post);
    let name = who(session, &post.author).name;
    bubble(commands, list, mine, name, text, p)
        .insert(ChatMessage(post.id.clone()))
        .with_children(|bubble| {
            match &post.kind {
                PostKind::Reply { to, .. } => {
                    if let Some(quoted) = timeline.post(to) {
                        bubble.spawn(quote(session, quoted, p));
                    }
                }
                PostKind::Screenshot {
                    original_author,
                    original_text,
                    ..
                } => {
                    let by = original_author
                        .as_deref()
                        .map(|a| format!(" from {}", who(session, a).name))
                        .unwrap_or_default();
                    bubble.spawn(quote_box(
                        format!("Screenshot of a deleted message{by}"),
                        original_text,
                        p,
                    ));
                }
                PostKind::Post => {}
            }
            if let Some(shows) = post.picture.as_deref().filter(|_| !post.deleted) {
                bubble.spawn((ChatPicture(post.id.clone()), picture(shows, p)));
            }
            bubble.spawn((ChatText(post.id.clone()), body(text, p)));
            let reactions = if post.deleted {
                String::new()
            } else {
                reactions_label(post)
            };
            bubble.spawn((
                ChatReactions(post.id.clone()),
                small(reactions.clone(), p),
                Node {
                    display: shown_if(!reactions.is_empty()),
                    ..default()
                },
            ));
        });
}

/// The message a reply answers, shortened, in a box above the reply.
fn quote(session: &Session, quoted: &Post, p: &Palette) -> impl Bundle + use<> {
    let text = shown_text(quoted);
    let shortened: String = match text.char_indices().nth(90) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    };
    quote_box(
        format!("↩ {}", who(session, &quoted.author).name),
        &shortened,
        p,
    )
}

fn quote_box(heading: String, text: &str, p: &Palette) -> impl Bundle + use<> {
    let (node, _, border) = card(p, Frame::Accent(p.accent));
    (
        node,
        BackgroundColor(p.surface),
        border,
        children![small(heading, p), body(text, p)],
    )
}

/// "👍 12 · ↪ forwarded 3 times": a message's likes as reactions and its reposts as forwards.
fn reactions_label(post: &Post) -> String {
    let mut parts = Vec::new();
    if post.likes > 0 {
        parts.push(format!("👍 {}", post.likes));
    }
    match post.reposts {
        0 => {}
        1 => parts.push("↪ forwarded once".to_owned()),
        n => parts.push(format!("↪ forwarded {n} times")),
    }
    parts.join(" · ")
}

pub(super) fn shown_if(visible: bool) -> Display {
    if visible {
        Display::Flex
    } else {
        Display::None
    }
}

/// A turn of the conversation with the chatbot: the trainee's prompt or the bot's answer.
fn bot_message(
    commands: &mut Commands,
    list: Entity,
    session: &Session,
    message: &DirectMessage,
    p: &Palette,
) {
    let name = who(session, &message.from).name;
    bubble(commands, list, message.mine, name, &message.text, p).with_child(body(&message.text, p));
}

/// A new message's bubble at the foot of `list`, highlighted, read out as "who: what", with
/// its sender ("You" when `mine`) on top.
fn bubble<'a>(
    commands: &'a mut Commands,
    list: Entity,
    mine: bool,
    name: String,
    text: &str,
    p: &Palette,
) -> EntityCommands<'a> {
    let sender = if mine { "You".to_owned() } else { name };
    let spoken = Accessible::new(AccessRole::Article).named(format!("{sender}: {text}"));
    let bubble = commands
        .spawn((Fresh(FRESH_SECONDS), message_bubble(p, mine)))
        .insert((spoken.polite(), BackgroundColor(p.fresh)))
        .with_child(small(sender, p))
        .id();
    commands.entity(list).add_child(bubble);
    commands.entity(list).insert(ScrollToNewest);
    commands.entity(bubble)
}

/// A message's text, or that it was deleted.
fn shown_text(post: &Post) -> &str {
    if post.deleted { DELETED } else { &post.text }
}

/// Scrolls the conversation to its newest message once the message has been laid out, as a
/// messaging app does.
fn keep_newest_in_view(
    mut commands: Commands,
    mut lists: Query<(Entity, &ComputedNode, &mut ScrollPosition, &Children), With<ScrollToNewest>>,
    sizes: Query<&ComputedNode>,
) {
    for (entity, list, mut scroll, children) in &mut lists {
        let scale = list.inverse_scale_factor();
        // The newest message is not laid out yet: try again next frame.
        let newest_laid_out = children
            .last()
            .and_then(|newest| sizes.get(*newest).ok())
            .is_some_and(|newest| newest.size().y > 0.0);
        if !newest_laid_out {
            continue;
        }
        let content: f32 = children
            .iter()
            .filter_map(|child| sizes.get(child).ok())
            .map(|child| child.size().y * scale)
            .sum();
        let gaps = children.len().saturating_sub(1) as f32 * LIST_GAP;
        scroll.y = (content + gaps - list.size().y * scale).max(0.0);
        commands.entity(entity).remove::<ScrollToNewest>();
    }
}

/// The space between messages in `ChatList`.
pub const LIST_GAP: f32 = 8.0;
