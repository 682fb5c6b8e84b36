//! The Play screen: a feed column, notifications and the trainee's profile on the left,
//! direct messages on the right; the decision, feedback and pause panels open over it.

pub mod chat;
pub mod decision;
pub mod feed;
pub mod feedback;
pub mod pause;
pub mod virtual_list;

use bevy::prelude::*;

use crate::app::notices::{Notices, banner};
use crate::app::practice_set::ActivePracticeSet;
use crate::app::session::{ActiveSession, CurrentRun, Paused, ReadFirst, SessionRequest};
use crate::app::state::Screen;
use crate::app::theme::focus::Activated;
use crate::app::theme::widget::{
    body, button, columns, compact_panel, composer, count_badge, fill_column, heading, in_dialog,
    panel, row, screen_root, scroll_list, side_column, small, strong, text_line, toolbar,
};
use crate::app::theme::{Palette, size};
use crate::engine::Session;
use crate::engine::timeline::Panel;
use crate::scenario::Platform;

pub use chat::ChatList;
pub use feed::{
    FeedList, FeedSpacer, Fresh, MessageList, NotificationList, PostCard, feed_spacers,
};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Play), spawn_play);
    app.add_systems(OnExit(Screen::Play), |mut paused: ResMut<Paused>| {
        paused.0 = false
    });
    app.add_systems(
        Update,
        (
            update_clock,
            play_keys.in_set(crate::app::session::PlayInput),
        )
            .run_if(in_state(Screen::Play)),
    );
    app.add_plugins((
        chat::plugin,
        feed::plugin,
        decision::plugin,
        feedback::plugin,
        pause::plugin,
    ));
}

/// The scenario clock in the top bar.
#[derive(Component)]
struct ClockText;

/// The line naming a practice set's decision (tests look for it).
#[derive(Component)]
pub struct PracticeLine;

/// Unread counts shown on the panel headers.
#[derive(Component)]
pub struct UnreadBadge(pub Panel);

fn spawn_play(
    mut commands: Commands,
    active: Res<ActiveSession>,
    palette: Res<Palette>,
    notices: Res<Notices>,
    current: Option<Res<CurrentRun>>,
    set: Option<Res<ActivePracticeSet>>,
) {
    let p = palette.as_ref();
    let session = &active.0;
    // A practice set's decision says where it is in the set and what it practises.
    let practising = (current.as_ref().and_then(|c| c.0.practice.as_ref())).map(|item| {
        let reason = (set.as_ref())
            .filter(|set| set.id == item.set)
            .and_then(|set| set.items.get(set.position))
            .map_or(String::new(), |i| format!(" · {}", i.reason));
        format!(
            "Practice set: decision {} of {}{reason}",
            item.position, item.of
        )
    });
    let me = session
        .scenario()
        .cast
        .iter()
        .find(|c| c.role == crate::scenario::Role::Me)
        .and_then(|c| session.persona(&c.id));
    commands
        .spawn((DespawnOnExit(Screen::Play), screen_root()))
        .with_children(|root| {
            root.spawn(banner(&notices, p));
            if let Some(practising) = practising {
                root.spawn(row(14.0)).with_children(|line| {
                    line.spawn((PracticeLine, strong(practising, p.accent)));
                    line.spawn(button(
                        "Read the feed, then answer (Enter)",
                        p,
                        |_: On<Activated>, mut read_first: ResMut<ReadFirst>| {
                            read_first.waiting = false;
                        },
                    ));
                });
            }
            // Top bar: what is being played, the seed, the clock and the keys.
            root.spawn(toolbar()).with_children(|bar| {
                bar.spawn(heading(session.fill(&session.scenario().title), p));
                bar.spawn(small(format!("seed {}", session.seed()), p));
                bar.spawn((ClockText, text_line("0:00", size::BODY, p.accent)));
                bar.spawn(small(
                    "Space: skip ahead · M: read messages · N: read notifications · Esc: menu",
                    p,
                ));
            });
            root.spawn(columns(12.0)).with_children(|main| {
                // Left: who you are, and notifications.
                main.spawn(side_column(300.0, 12.0)).with_children(|left| {
                    if let Some(me) = &me {
                        left.spawn(panel(p)).with_children(|card| {
                            card.spawn(small("You are posting as", p));
                            card.spawn(strong(&me.name, p.text));
                            // A group chat or a chatbot has no followers to count.
                            let followers = match me.followers {
                                0 => String::new(),
                                n => format!(" · {n} followers"),
                            };
                            card.spawn(small(format!("@{}{followers}", me.handle), p));
                            if let Some(bio) = &me.bio {
                                card.spawn(body(bio, p));
                            }
                        });
                    }
                    left.spawn(compact_panel(p, fill_column(6.0)))
                        .with_children(|panel| {
                            panel.spawn(header("Notifications", Panel::Notifications, p));
                            panel.spawn((NotificationList, scroll_list(8.0, true)));
                        });
                });
                // Centre: the feed.
                main.spawn(compact_panel(p, fill_column(6.0)))
                    .with_children(|centre| centre_column(centre, session, p));
                // Right: direct messages.
                main.spawn(compact_panel(p, side_column(360.0, 6.0)))
                    .with_children(|right| {
                        right.spawn(header("Messages", Panel::Messages, p));
                        right.spawn((MessageList, scroll_list(8.0, true)));
                    });
            });
        });
}

/// The centre column as the scenario's platform draws it: a feed, a short-video app, a group
/// chat or a conversation with a chatbot.
fn centre_column(centre: &mut ChildSpawnerCommands, session: &Session, p: &Palette) {
    match session.platform() {
        Platform::Feed => {
            centre.spawn(heading("Home", p));
            centre.spawn((FeedList, scroll_list(0.0, true), feed_spacers()));
        }
        Platform::ShortVideo => {
            centre.spawn((
                row(10.0),
                children![heading("For you", p), small("short videos", p)],
            ));
            centre.spawn((FeedList, scroll_list(0.0, true), feed_spacers()));
        }
        Platform::GroupChat { name, members } => {
            centre.spawn(heading(name, p));
            centre.spawn(small(format!("Group chat · {members} members"), p));
            centre.spawn((ChatList, scroll_list(chat::LIST_GAP, true)));
            centre.spawn(composer("Message".to_owned(), p));
        }
        Platform::Chatbot { bot } => {
            let bot = session.persona(&bot).map(|b| b.name).unwrap_or(bot);
            centre.spawn(heading(bot.clone(), p));
            centre.spawn(small("AI chatbot · its answers can be wrong", p));
            centre.spawn((ChatList, scroll_list(chat::LIST_GAP, true)));
            centre.spawn(composer(format!("Message {bot}"), p));
        }
    }
}

/// A dialog box over the play screen, in `layer`: an overlay with its markers.
fn over_play(
    commands: &mut Commands,
    layer: impl Bundle,
    dialog: impl Bundle,
    fill: impl FnOnce(&mut ChildSpawnerCommands),
) {
    in_dialog(
        commands.spawn((layer, DespawnOnExit(Screen::Play))),
        dialog,
        fill,
    );
}

fn header(label: &str, which: Panel, p: &Palette) -> impl Bundle {
    (
        row(8.0),
        children![heading(label, p), (UnreadBadge(which), count_badge(0, p))],
    )
}

fn update_clock(active: Res<ActiveSession>, mut clock: Query<&mut Text, With<ClockText>>) {
    let ms = active.0.clock();
    let shown = format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60);
    for mut text in &mut clock {
        if text.0 != shown {
            text.0 = shown.clone();
        }
    }
}

/// Space skips to the next event while watching; M and N mark messages and notifications read.
fn play_keys(
    keys: Res<ButtonInput<KeyCode>>,
    paused: Res<Paused>,
    mut requests: MessageWriter<SessionRequest>,
    mut read_first: ResMut<ReadFirst>,
    time: Res<Time>,
) {
    if paused.0 {
        return;
    }
    if read_first.waiting
        && time.elapsed_secs_f64() - read_first.since >= ReadFirst::AT_LEAST
        && keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter])
    {
        read_first.waiting = false;
    }
    if keys.just_pressed(KeyCode::Space) {
        requests.write(SessionRequest::SkipAhead);
    }
    for (key, panel) in [
        (KeyCode::KeyM, Panel::Messages),
        (KeyCode::KeyN, Panel::Notifications),
    ] {
        if keys.just_pressed(key) {
            requests.write(SessionRequest::MarkRead(panel));
        }
    }
}
