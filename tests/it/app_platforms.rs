//! Each platform draws the same events as its users know it (tests/fixtures/platforms): a
//! group chat's posts as messages in the centre, a chatbot's conversation in the centre with
//! other messages beside it, a short video as a video with its comments.
#![cfg(feature = "app")]

use crate::common;

use bevy::prelude::*;
use feedwise::app::screens::play::{ChatList, FeedList, MessageList, PostCard};
use feedwise::app::session::Feed;
use feedwise::app::theme::accessible::{Accessible, Name};
use feedwise::app::{LaunchOptions, PlayPhase};

use crate::common::headless::until_phase;

/// The app playing `scenario` from tests/fixtures/platforms, up to its first decision.
fn playing(scenario: &str) -> App {
    let options = LaunchOptions {
        scenario_dirs: vec![std::path::PathBuf::from("tests/fixtures/platforms")],
        scenario: Some(scenario.to_owned()),
        seed: Some(1),
        ..common::headless::on_test_library()
    };
    let mut app = common::headless::app(options);
    until_phase(&mut app, PlayPhase::Deciding, 30);
    app
}

/// How many children the one entity marked `M` has.
fn children_of<M: Component>(app: &mut App) -> usize {
    let mut lists = app
        .world_mut()
        .query_filtered::<Option<&Children>, With<M>>();
    let found: Vec<usize> = lists
        .iter(app.world())
        .map(|children| children.map_or(0, |c| c.len()))
        .collect();
    assert_eq!(found.len(), 1, "one list");
    found[0]
}

fn count<F: bevy::ecs::query::QueryFilter>(app: &mut App) -> usize {
    app.world_mut()
        .query_filtered::<Entity, F>()
        .iter(app.world())
        .count()
}

/// Every text on screen.
fn texts(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Text>();
    query.iter(app.world()).map(|t| t.0.clone()).collect()
}

/// The names screen readers are given, e.g. "Picture: ...".
fn given_names(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Accessible>();
    query
        .iter(app.world())
        .filter_map(|a| match &a.name {
            Name::Given(name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_group_chat_shows_its_posts_as_messages_in_the_centre() {
    let mut app = playing("plat-chat");
    let posts = app.world().resource::<Feed>().0.posts().len();
    assert_eq!(posts, 3, "two messages and a reply");
    assert_eq!(children_of::<ChatList>(&mut app), posts, "one bubble each");
    assert_eq!(count::<With<FeedList>>(&mut app), 0, "no feed");
    assert_eq!(count::<With<PostCard>>(&mut app), 0, "no feed cards");
    let texts = texts(&mut app);
    for expected in [
        "Ward 7 team",
        "Group chat · 14 members",
        "This message was deleted",
        "↩ Amy Reid",
        "👍 3",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "`{expected}` on screen: {texts:#?}"
        );
    }
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("A photo of a results screen")),
        "the deleted message's photo went with it: {texts:#?}"
    );
    let names = given_names(&mut app);
    assert!(
        names
            .iter()
            .any(|n| n == "You: Please delete that, it has his name on it"),
        "the trainee's own message is read as theirs: {names:#?}"
    );
}

#[test]
fn a_chatbots_conversation_is_the_centre_and_other_messages_stay_beside_it() {
    let mut app = playing("plat-bot");
    assert_eq!(
        children_of::<ChatList>(&mut app),
        2,
        "the prompt and the answer"
    );
    assert_eq!(
        children_of::<MessageList>(&mut app),
        1,
        "the patient's message"
    );
    let feed = &app.world().resource::<Feed>().0;
    assert_eq!(feed.unread().messages, 1, "the bot's answer is not unread");
    let texts = texts(&mut app);
    for expected in ["DraftPal", "Message DraftPal", "Are you on shift tomorrow?"] {
        assert!(
            texts.iter().any(|t| t == expected),
            "`{expected}` on screen: {texts:#?}"
        );
    }
}

#[test]
fn a_short_video_is_a_frame_of_what_it_shows_with_its_comments() {
    let mut app = playing("plat-video");
    let names = given_names(&mut app);
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Video by @pt_1: Two students in uniform dance")),
        "the video is read by what it shows: {names:#?}"
    );
    let texts = texts(&mut app);
    assert!(
        texts
            .iter()
            .any(|t| t == "♥ 12.4K likes   💬 1 comment   ↗ 310 shares"),
        "compact counts: {texts:#?}"
    );
    assert!(texts.iter().any(|t| t == "Hi"), "the comment: {texts:#?}");
    assert_eq!(count::<With<ChatList>>(&mut app), 0);
}
