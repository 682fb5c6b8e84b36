//! The feed's memory as plain test plans: events in, changes and state out.

use feedwise_core::engine::PlayEvent;
use feedwise_core::engine::timeline::{Change, Panel, PostKind, Timeline, Unread};
use feedwise_core::scenario::Happening;

use crate::common;

fn shown(at: u64, happening: Happening) -> PlayEvent {
    PlayEvent::Shown { at, happening }
}

fn post(id: &str, by: &str, likes: u32) -> PlayEvent {
    shown(
        0,
        Happening::Post {
            id: id.into(),
            by: by.into(),
            text: format!("{id} text"),
            image: None,
            shows: None,
            likes,
            reposts: 0,
        },
    )
}

fn message(from: &str, to: &str) -> PlayEvent {
    shown(
        0,
        Happening::Message {
            from: from.into(),
            to: to.into(),
            text: "hi".into(),
        },
    )
}

fn reply(id: &str, to: &str, by: &str) -> PlayEvent {
    shown(
        1000,
        Happening::Reply {
            id: id.into(),
            to: to.into(),
            by: by.into(),
            text: format!("{id} text"),
            likes: 0,
        },
    )
}

/// A timeline whose trainee is the persona `me`.
fn timeline() -> Timeline {
    Timeline::of(&common::all_kinds())
}

#[test]
fn replies_hang_under_their_root_and_count_on_it() {
    let mut feed = timeline();
    assert_eq!(
        feed.apply(&post("p1", "pt", 3)),
        vec![Change::Posted { id: "p1".into() }]
    );
    assert_eq!(
        feed.apply(&reply("r1", "p1", "me")),
        vec![
            Change::Replied {
                id: "r1".into(),
                root: "p1".into()
            },
            Change::Counted { id: "p1".into() }
        ]
    );
    // A reply to a reply joins the same thread, under the original post.
    assert_eq!(
        feed.apply(&reply("r2", "r1", "pt"))[0],
        Change::Replied {
            id: "r2".into(),
            root: "p1".into()
        }
    );
    let thread: Vec<&str> = feed.thread("p1").map(|p| p.id.as_str()).collect();
    assert_eq!(thread, vec!["r1", "r2"]);
    assert_eq!(feed.post("p1").unwrap().replies, 2);
    assert_eq!(feed.post("p1").unwrap().likes, 3);
    assert_eq!(
        feed.post("r2").unwrap().kind,
        PostKind::Reply {
            to: "r1".into(),
            root: "p1".into()
        }
    );
}

#[test]
fn a_reply_to_something_never_shown_starts_its_own_thread() {
    let mut feed = timeline();
    assert_eq!(
        feed.apply(&reply("r1", "gone", "pt")),
        vec![Change::Posted { id: "r1".into() }]
    );
    assert_eq!(
        feed.apply(&reply("r2", "r1", "me"))[0],
        Change::Replied {
            id: "r2".into(),
            root: "r1".into()
        }
    );
    let thread: Vec<&str> = feed.thread("r1").map(|p| p.id.as_str()).collect();
    assert_eq!(thread, vec!["r2"]);
}

#[test]
fn engagement_sets_only_the_counts_it_names() {
    let mut feed = timeline();
    feed.apply(&post("p1", "pt", 3));
    feed.apply(&reply("r1", "p1", "me"));
    let changes = feed.apply(&shown(
        2000,
        Happening::Engagement {
            post: "p1".into(),
            likes: Some(40),
            reposts: None,
            replies: Some(12),
        },
    ));
    assert_eq!(changes, vec![Change::Counted { id: "p1".into() }]);
    let p1 = feed.post("p1").unwrap();
    assert_eq!((p1.likes, p1.reposts, p1.replies), (40, 0, 12));
    // Counts on something never shown change nothing.
    let none = feed.apply(&shown(
        2000,
        Happening::Engagement {
            post: "nope".into(),
            likes: Some(1),
            reposts: None,
            replies: None,
        },
    ));
    assert!(none.is_empty());
}

#[test]
fn a_deleted_post_comes_back_as_a_screenshot_of_what_it_said() {
    let mut feed = timeline();
    feed.apply(&post("p1", "me", 0));
    assert_eq!(
        feed.apply(&shown(3000, Happening::Deleted { post: "p1".into() })),
        vec![Change::Deleted { id: "p1".into() }]
    );
    assert!(feed.post("p1").unwrap().deleted);
    let changes = feed.apply(&shown(
        4000,
        Happening::Resurfaced {
            post: "p1".into(),
            by: "pt".into(),
            text: "Look what they posted".into(),
        },
    ));
    assert_eq!(
        changes,
        vec![Change::Posted {
            id: "p1-screenshot".into()
        }]
    );
    let shot = feed.post("p1-screenshot").unwrap();
    assert_eq!(shot.author, "pt");
    assert_eq!(
        shot.kind,
        PostKind::Screenshot {
            of: "p1".into(),
            original_author: Some("me".into()),
            original_text: "p1 text".into()
        }
    );
}

#[test]
fn a_picture_stays_with_its_post_and_its_screenshot() {
    let mut feed = timeline();
    feed.apply(&shown(
        0,
        Happening::Post {
            id: "p1".into(),
            by: "me".into(),
            text: "Night shift".into(),
            image: None,
            shows: Some("A selfie at the nurses' station".into()),
            likes: 0,
            reposts: 0,
        },
    ));
    feed.apply(&shown(1000, Happening::Deleted { post: "p1".into() }));
    feed.apply(&shown(
        2000,
        Happening::Resurfaced {
            post: "p1".into(),
            by: "pt".into(),
            text: "Saved it".into(),
        },
    ));
    let picture = |id: &str| feed.post(id).unwrap().picture.clone();
    assert_eq!(
        picture("p1").as_deref(),
        Some("A selfie at the nurses' station")
    );
    assert_eq!(picture("p1-screenshot"), picture("p1"));
}

#[test]
fn a_chatbots_answers_are_the_conversation_not_unread_messages() {
    let mut scenario = (*common::all_kinds()).clone();
    scenario.platform = feedwise_core::scenario::Platform::Chatbot { bot: "pt".into() };
    let mut feed = Timeline::of(&scenario);
    // The bot's answer is drawn, but not counted unread; anyone else's message still is.
    assert_eq!(
        feed.apply(&message("pt", "me")),
        vec![Change::Messaged { index: 0 }]
    );
    assert_eq!(feed.unread().messages, 0);
    let others = feed.apply(&message("someone-else", "me"));
    assert_eq!(others.len(), 2, "{others:?}");
    assert_eq!(feed.unread().messages, 1);
}

#[test]
fn received_messages_and_notifications_are_unread_until_read() {
    let mut feed = timeline();
    let received = feed.apply(&message("pt", "me"));
    assert_eq!(
        received,
        vec![
            Change::Messaged { index: 0 },
            Change::UnreadChanged(Unread {
                messages: 1,
                notifications: 0
            })
        ]
    );
    // The trainee's own message is not unread.
    assert_eq!(
        feed.apply(&message("me", "pt")),
        vec![Change::Messaged { index: 1 }]
    );
    assert!(feed.messages()[1].mine);
    feed.apply(&shown(
        0,
        Happening::Notification {
            text: "Sam mentioned you".into(),
            by: Some("pt".into()),
            about: None,
        },
    ));
    assert_eq!(
        feed.unread(),
        Unread {
            messages: 1,
            notifications: 1
        }
    );
    assert_eq!(
        feed.mark_read(Panel::Messages),
        Some(Change::UnreadChanged(Unread {
            messages: 0,
            notifications: 1
        }))
    );
    assert_eq!(feed.mark_read(Panel::Messages), None, "already read");
}

#[test]
fn a_whole_scenario_run_leaves_the_timeline_consistent() {
    let scenario = common::all_kinds();
    let mut play = common::session(&scenario, 3);
    let mut feed = Timeline::of(&scenario);
    let mut changes = Vec::new();
    for event in play.advance_to_decision() {
        changes.extend(feed.apply(&event));
    }
    // Every change names something the timeline holds.
    for change in &changes {
        match change {
            Change::Posted { id } | Change::Counted { id } | Change::Deleted { id } => {
                assert!(feed.post(id).is_some(), "{id}")
            }
            Change::Replied { id, root } => {
                assert!(feed.post(id).is_some() && feed.post(root).is_some())
            }
            Change::Messaged { index } => assert!(*index < feed.messages().len()),
            Change::Notified { index } => assert!(*index < feed.notifications().len()),
            Change::UnreadChanged(_) => {}
        }
    }
    assert!(!feed.posts().is_empty());
}
