//! What the room sees: the feed while the timeline runs; a decision across the whole width
//! once one is open (the question, the options by number, "the room is voting", then the
//! reveal); a status line of counts only; and the full-screen join slide. No key, no feedback
//! and no split before the reveal. Sizes come from `RoomType`, the options' layout from
//! `RoomFit`.

use bevy::prelude::*;

use super::fit::{DecisionArea, Level, RoomText, levels};
use super::{Drawing, TimerText, keys};
use crate::app::theme::widget::{
    column, fill_column, grade_badge_sized, panel, row, share_bar, text_line, toolbar, wrapped_text,
};
use crate::engine::OfferKind;
use crate::engine::timeline::PostKind;
use crate::facilitate::workshop::Seen;
use crate::facilitate::{FollowedBy, Phase};
use crate::scenario::Platform;

pub(super) fn view(root: &mut ChildSpawnerCommands, d: &Drawing) {
    top_bar(root, d, false);
    if d.active.ended() {
        summary(root, d, false);
        return;
    }
    let t = d.room_type;
    let p = d.palette;
    match d.active.room().session().pending() {
        Some(_) => {
            root.spawn((
                DecisionArea,
                Node {
                    overflow: Overflow::clip(),
                    ..fill_column(12.0)
                },
            ))
            .with_children(|area| decision(area, d));
        }
        None => {
            root.spawn(Node {
                flex_grow: 1.0,
                column_gap: px(24),
                min_height: px(0),
                ..default()
            })
            .with_children(|body| {
                // Newest at the bottom; older cards are cut off at the top.
                body.spawn(Node {
                    justify_content: JustifyContent::FlexEnd,
                    overflow: Overflow::clip(),
                    ..fill_column(12.0)
                })
                .with_children(|left| activity(left, d));
                let text = match d.active.room().phase() {
                    Phase::Ended => "This scenario has ended.",
                    _ if d.active.running() => "Watch what happens.",
                    _ => "The timeline is paused.",
                };
                body.spawn(Node {
                    width: percent(28),
                    flex_shrink: 0.0,
                    ..column(12.0)
                })
                .with_children(|side| {
                    side.spawn(wrapped_text(text, t.body, p.muted));
                });
            });
        }
    }
    status_line(root, d);
}

pub(super) fn top_bar(root: &mut ChildSpawnerCommands, d: &Drawing, presenter: bool) {
    let (t, p, active) = (d.room_type, d.palette, d.active);
    root.spawn(Node {
        flex_shrink: 0.0,
        flex_wrap: FlexWrap::Wrap,
        ..toolbar()
    })
    .with_children(|bar| {
        if let Some(plan) = active.plan_title() {
            bar.spawn(text_line(plan, t.small, p.muted));
        }
        bar.spawn(text_line(active.title().to_owned(), t.small, p.text));
        if presenter {
            bar.spawn(text_line("PRESENTER VIEW", t.small, p.accent));
            bar.spawn((TimerText, text_line("", t.small, p.text)));
        }
        let state = if active.running() {
            "timeline running"
        } else {
            "timeline paused"
        };
        bar.spawn(text_line(state, t.small, p.muted));
    });
}

/// The latest of what happened, newest at the bottom, as much as fits: the feed, messages
/// and notifications as the engine's timeline holds them (counts and deletions included).
fn activity(column_root: &mut ChildSpawnerCommands, d: &Drawing) {
    let (t, p, active) = (d.room_type, d.palette, d.active);
    let latest = active.latest(8);
    if latest.is_empty() {
        column_root.spawn(wrapped_text(
            "The feed is quiet. Space starts the timeline.",
            t.body,
            p.muted,
        ));
    }
    let platform = active.room().session().platform();
    for seen in latest {
        let (heading, text) = match seen {
            Seen::Post(post) if post.deleted => {
                (String::new(), deleted_words(&platform).to_owned())
            }
            Seen::Post(post) => {
                let counts = match (post.likes, post.reposts) {
                    (0, 0) => String::new(),
                    (likes, reposts) => {
                        format!(" · {likes} likes, {reposts} {}", reshares(&platform))
                    }
                };
                let heading = format!(
                    "{} {}{counts}",
                    active.name(&post.author),
                    posted_words(&platform, &post.kind)
                );
                // What a photo or video shows is read out like its text.
                let text = match &post.picture {
                    Some(shows) => format!("{}\n📷 {shows}", post.text),
                    None => post.text.clone(),
                };
                (heading, text)
            }
            Seen::Message(message) => {
                let verb = match &platform {
                    Platform::Chatbot { bot } if &message.from == bot => "answered",
                    Platform::Chatbot { bot } if &message.to == bot => "asked the chatbot",
                    _ => "messaged",
                };
                (
                    format!("{} {verb}", active.name(&message.from)),
                    message.text.clone(),
                )
            }
            Seen::Notice(notice) => ("Notification".to_owned(), notice.text.clone()),
        };
        column_root.spawn(panel(p)).with_children(|card| {
            if !heading.is_empty() {
                card.spawn(text_line(heading, t.small, p.muted));
            }
            card.spawn(wrapped_text(text, t.body, p.text));
        });
    }
}

/// What someone did, in the words of the scenario's platform.
fn posted_words(platform: &Platform, kind: &PostKind) -> &'static str {
    match (platform, kind) {
        (Platform::GroupChat { .. }, PostKind::Reply { .. }) => "replied in the group",
        (Platform::GroupChat { .. }, _) => "wrote in the group",
        (Platform::ShortVideo, PostKind::Post) => "posted a video",
        (Platform::ShortVideo, PostKind::Reply { .. }) => "commented",
        (_, PostKind::Post) => "posted",
        (_, PostKind::Reply { .. }) => "replied",
        (_, PostKind::Screenshot { .. }) => "shared a screenshot",
    }
}

fn deleted_words(platform: &Platform) -> &'static str {
    match platform {
        Platform::GroupChat { .. } => "A message was deleted.",
        Platform::ShortVideo => "A video or comment was deleted.",
        _ => "A post was deleted.",
    }
}

fn reshares(platform: &Platform) -> &'static str {
    match platform {
        Platform::GroupChat { .. } => "forwards",
        Platform::ShortVideo => "shares",
        _ => "reposts",
    }
}

/// The decision across the width: question, how to answer, then the options or the reveal.
fn decision(area: &mut ChildSpawnerCommands, d: &Drawing) {
    let (t, p, active) = (d.room_type, d.palette, d.active);
    let Some(offer) = active.room().session().pending() else {
        return;
    };
    let all = levels(offer.options.len(), t);
    // There is always a level: `levels` gives four sizes for each number of columns.
    let level = all[d.fit.level.min(all.len() - 1)];
    let fixed = Node {
        flex_shrink: 0.0,
        ..default()
    };
    area.spawn((
        RoomText,
        wrapped_text(offer.prompt.clone(), t.body, p.text),
        fixed.clone(),
    ));
    let phase = active.room().phase();
    let revealed = match (active.reveal(), phase) {
        (Some(reveal), Phase::Revealed) => Some(reveal),
        _ => None,
    };
    area.spawn(Node {
        flex_shrink: 0.0,
        flex_wrap: FlexWrap::Wrap,
        ..row(20.0)
    })
    .with_children(|line| {
        let state = match phase {
            _ if revealed.is_some() => "The room's answer",
            Phase::Voting => "The room is voting",
            Phase::Closed => "Voting has closed",
            _ => "Discuss, then vote",
        };
        // Once revealed, the figures need the height more than the heading does.
        let heading = if revealed.is_some() { t.body } else { t.title };
        line.spawn(text_line(state, heading, p.accent));
        line.spawn(text_line(kind_words(offer.kind), t.small, p.muted));
        if revealed.is_some_and(|r| r.split) {
            line.spawn(text_line("The room is split", t.small, p.poor));
        }
    });
    // Rows of `columns` equal cells; a short last row keeps the cells' width.
    let grid = Node {
        flex_shrink: 0.0,
        ..column(12.0)
    };
    let cell = Node {
        flex_grow: 1.0,
        flex_basis: px(0),
        min_width: px(0),
        column_gap: px(12),
        align_items: AlignItems::Start,
        ..default()
    };
    let shown: Vec<usize> = (0..offer.options.len()).collect();
    area.spawn(grid).with_children(|grid| {
        for chunk in shown.chunks(level.columns) {
            grid.spawn(Node {
                column_gap: px(16),
                ..default()
            })
            .with_children(|line| {
                for &i in chunk {
                    line.spawn(cell.clone())
                        .with_children(|cell| match revealed {
                            Some(reveal) => {
                                if let Some(option) = reveal.options.get(i) {
                                    revealed_option(cell, d, i, option, reveal.voters, level);
                                }
                            }
                            None => {
                                cell.spawn(text_line(
                                    format!("{}", i + 1),
                                    level.size * 1.2,
                                    p.accent,
                                ));
                                cell.spawn(fill_column(0.0)).with_children(|words| {
                                    words.spawn((
                                        RoomText,
                                        wrapped_text(
                                            offer.options[i].text.clone(),
                                            level.size,
                                            p.text,
                                        ),
                                    ));
                                });
                            }
                        });
                }
                for _ in chunk.len()..level.columns {
                    line.spawn(cell.clone());
                }
            });
        }
    });
    if let Some(marks) = revealed.and_then(|reveal| reveal.marks) {
        let text = format!(
            "Room marks: {:.1} of {} on average (from {} to {})",
            marks.mean, marks.available, marks.lowest, marks.highest
        );
        area.spawn((RoomText, text_line(text, t.least, p.text), fixed.clone()));
    }
    for prompt in revealed.into_iter().flat_map(|reveal| &reveal.discuss) {
        let text = format!("Discuss: {prompt}");
        area.spawn((
            RoomText,
            wrapped_text(text, t.least, p.accent),
            fixed.clone(),
        ));
    }
}

/// One option of the reveal: its number, its share as a bar and figures, its grade, its words.
/// The number and the share are what the back of the hall reads; the words are there to
/// check against.
fn revealed_option(
    cell: &mut ChildSpawnerCommands,
    d: &Drawing,
    i: usize,
    option: &crate::facilitate::room::OptionShare,
    voters: u32,
    level: Level,
) {
    let (t, p) = (d.room_type, d.palette);
    cell.spawn(text_line(format!("{}", i + 1), t.title, p.text));
    cell.spawn(fill_column(4.0)).with_children(|entry| {
        // The bar and its figures on one line: a tall projector has no height to spare.
        entry.spawn(row(12.0)).with_children(|figures| {
            figures
                .spawn(Node {
                    flex_grow: 1.0,
                    min_width: px(40),
                    ..default()
                })
                .with_children(|track| {
                    track.spawn(share_bar(option.percent, p.grade(option.grade), p));
                });
            figures.spawn(text_line(format!("{}%", option.percent), t.small, p.text));
            figures.spawn(text_line(
                format!("{} of {voters}", option.count),
                t.least,
                p.muted,
            ));
            figures.spawn(grade_badge_sized(option.grade, t.least, p));
        });
        entry.spawn((
            RoomText,
            wrapped_text(option.text.clone(), level.size, p.text),
        ));
    });
}

/// Counts only, for the room: votes so far, hands being counted, the facilitator's pick
/// under way, where to join, and a server that has stopped.
fn status_line(root: &mut ChildSpawnerCommands, d: &Drawing) {
    let (t, p, active) = (d.room_type, d.palette, d.active);
    let mut parts: Vec<(String, Color)> = Vec::new();
    if let Some(failure) = active.voting.stopped() {
        parts.push((format!("Voting stopped ({failure}): press W"), p.poor));
    }
    let phase = active.room().phase();
    if matches!(phase, Phase::Voting | Phase::Closed) {
        let votes = keys::open_votes(active);
        let word = if votes == 1 { "vote" } else { "votes" };
        parts.push((format!("{votes} {word} so far"), p.text));
    }
    if d.hands.typing {
        let of = active
            .room()
            .session()
            .pending()
            .map_or(0, |o| o.options.len());
        parts.push((
            format!(
                "Counting hands: option {} of {of}",
                d.hands.counts.len() + 1
            ),
            p.accent,
        ));
    }
    if let Some(picked) = &d.pick.0 {
        let wanted = active.picks_wanted();
        let so_far: Vec<String> = picked.iter().map(|i| (i + 1).to_string()).collect();
        let text = match wanted.saturating_sub(picked.len()) {
            _ if so_far.is_empty() && wanted == 1 => {
                "Facilitator's pick: type the option's number".to_owned()
            }
            _ if so_far.is_empty() => format!("Facilitator's pick: type {wanted} numbers"),
            1 => format!("Facilitator's pick: {} - one more", so_far.join(", ")),
            n => format!("Facilitator's pick: {} - {n} more", so_far.join(", ")),
        };
        parts.push((text, p.accent));
    }
    if let Some((url, pin)) = &d.join {
        parts.push((format!("Join: {} · PIN {pin}", short_url(url)), p.muted));
        if active.door().is_some_and(|door| !door.doors_open) {
            parts.push(("Doors closed".to_owned(), p.muted));
        }
    }
    root.spawn(Node {
        flex_shrink: 0.0,
        flex_wrap: FlexWrap::Wrap,
        row_gap: px(4),
        ..toolbar()
    })
    .with_children(|bar| {
        for (text, color) in parts {
            bar.spawn(text_line(text, t.small, color));
        }
    });
}

/// The address as people type it: no scheme, no trailing slash.
pub(super) fn short_url(url: &str) -> &str {
    url.trim_start_matches("http://").trim_end_matches('/')
}

/// Where phones go to vote, filling the projector: the QR code (half the screen's height),
/// the address and the PIN in large type.
pub(super) fn join_slide(root: &mut ChildSpawnerCommands, d: &Drawing) {
    let (t, p) = (d.room_type, d.palette);
    let Some((url, pin)) = &d.join else {
        return;
    };
    let spaced = if pin.len() == 6 {
        format!("{} {}", &pin[..3], &pin[3..])
    } else {
        pin.clone()
    };
    root.spawn((
        Node {
            position_type: PositionType::Absolute,
            left: px(0),
            top: px(0),
            width: percent(100),
            height: percent(100),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            column_gap: vw(4),
            padding: UiRect::all(vh(4)),
            ..default()
        },
        BackgroundColor(p.background),
        GlobalZIndex(10),
    ))
    .with_children(|slide| {
        if let Some(image) = &d.qr {
            slide.spawn((
                ImageNode::new(image.clone()),
                Node {
                    height: vh(56),
                    aspect_ratio: Some(1.0),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
        }
        slide
            .spawn(Node {
                max_width: percent(52),
                flex_direction: FlexDirection::Column,
                row_gap: vh(2),
                ..default()
            })
            .with_children(|words| {
                words.spawn(text_line("Vote on your phone", t.title, p.text));
                words.spawn(text_line(
                    "Scan the code, or open this address:",
                    t.small,
                    p.muted,
                ));
                words.spawn(text_line("http://", t.small, p.muted));
                words.spawn(wrapped_text(short_url(url).to_owned(), t.title, p.text));
                words.spawn(text_line("PIN", t.small, p.muted));
                words.spawn(text_line(spaced, t.title * 2.0, p.accent));
                words.spawn(text_line(
                    "Same Wi-Fi as this computer. Nothing to install.",
                    t.small,
                    p.muted,
                ));
            });
    });
}

/// The session's end: per decision, what the room chose and what the story followed, in the
/// words and numbers the room saw.
pub(super) fn summary(root: &mut ChildSpawnerCommands, d: &Drawing, presenter: bool) {
    let (t, p, active) = (d.room_type, d.palette, d.active);
    root.spawn(Node {
        overflow: Overflow::clip(),
        ..fill_column(10.0)
    })
    .with_children(|list| {
        list.spawn(text_line("Session summary", t.title, p.text));
        if active.finished().is_empty() {
            list.spawn(text_line(
                "The room answered no decision in this session.",
                t.body,
                p.muted,
            ));
        }
        for finished in active.finished() {
            list.spawn(text_line(finished.title.clone(), t.body, p.text));
            for record in &finished.records {
                let counts: Vec<String> = record
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("{}: {}", i + 1, o.count))
                    .collect();
                let by = match record.followed_by {
                    FollowedBy::Room => "the room's answer",
                    FollowedBy::Facilitator => "the facilitator's choice",
                };
                list.spawn(wrapped_text(record.prompt.clone(), t.small, p.text));
                list.spawn(wrapped_text(
                    format!(
                        "{} voted ({}){}. Followed {by}: {}",
                        record.voters,
                        counts.join(", "),
                        if record.split { "; split" } else { "" },
                        record.followed_words(),
                    ),
                    t.least,
                    p.muted,
                ));
            }
        }
        if presenter {
            list.spawn(text_line(
                "X: export CSV and Markdown (counts only) · Esc: library",
                t.least,
                p.muted,
            ));
            for path in &active.exported {
                list.spawn(text_line(
                    format!("written: {}", path.display()),
                    t.least,
                    p.muted,
                ));
            }
        }
    });
}

fn kind_words(kind: OfferKind) -> String {
    match kind {
        OfferKind::Choose => "Choose one".to_owned(),
        OfferKind::Rank => "Rank from most to least appropriate".to_owned(),
        OfferKind::ChooseSeveral { pick } => format!("Choose {pick}"),
    }
}
