//! The facilitated room on the engine fixture (a Choose with a timeout, a Rank of five, a
//! choose 2 of 4): voting, show of hands, the reveal, following, going back, and the export.

use crate::common;

use std::collections::BTreeMap;
use std::time::Duration;

use crate::common::{all_kinds, catalogue};
use feedwise_core::engine::score;
use feedwise_core::engine::{Answer, PlayEvent};
use feedwise_core::scenario::Happening;
use feedwise_room::export::{Played, csv, markdown};
use feedwise_room::room::MAX_VOTERS;
use feedwise_room::{FollowedBy, Phase, Room, RoomError};

fn room() -> Room {
    let discuss = BTreeMap::from([(
        "first".to_owned(),
        vec!["Who has had a message like this from {patient}?".to_owned()],
    )]);
    Room::new(all_kinds(), catalogue(), 7, discuss)
}

/// Lets the timeline run until the room has a decision on screen.
fn to_decision(room: &mut Room) {
    for _ in 0..1_000 {
        if room.phase() != Phase::Watching {
            return;
        }
        room.advance(Duration::from_secs(1));
    }
    panic!("no decision came");
}

fn choose(id: &str) -> Answer {
    Answer::Choose(id.to_owned())
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn phones_vote_and_the_reveal_shows_the_split_beside_the_key() {
    let mut room = room();
    to_decision(&mut room);
    assert_eq!(room.phase(), Phase::Ready);
    assert_eq!(room.vote("phone-1", choose("a")), Err(RoomError::NotVoting));
    room.open_voting().unwrap();
    room.vote("phone-1", choose("b")).unwrap();
    room.vote("phone-1", choose("a")).unwrap(); // changed its mind: counted once
    room.vote("phone-2", choose("a")).unwrap();
    room.vote("phone-3", choose("b")).unwrap();
    assert_eq!(room.phone_votes(), 3);
    room.close_voting().unwrap();
    assert_eq!(room.vote("phone-4", choose("a")), Err(RoomError::NotVoting));
    let reveal = room.reveal().unwrap();
    assert_eq!(reveal.voters, 3);
    let a = reveal.options.iter().find(|o| o.id == "a").unwrap();
    let b = reveal.options.iter().find(|o| o.id == "b").unwrap();
    assert_eq!((a.count, a.percent), (2, 67));
    assert_eq!((b.count, b.percent), (1, 33));
    assert_eq!(a.feedback, "Kind and clear.");
    assert!(!reveal.split, "two thirds is a majority");
    assert_eq!(reveal.room_answer, Some(choose("a")));
    // The plan's question, with the seed's name for the patient filled in.
    let patient = room.session().variables()["patient"].clone();
    assert_eq!(
        reveal.discuss,
        vec![format!("Who has had a message like this from {patient}?")]
    );
    let events = room.follow(None).unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, PlayEvent::Decided(o) if o.chosen == ["a"]))
    );
    let record = &room.records()[0];
    assert_eq!((record.voters, record.followed_by), (3, FollowedBy::Room));
    assert_eq!(record.followed, ids(&["a"]));
}

#[test]
fn bad_ballots_are_refused_and_change_no_count() {
    let mut room = room();
    to_decision(&mut room);
    room.open_voting().unwrap();
    room.vote("ok", choose("a")).unwrap();
    for (device, ballot) in [
        ("x", choose("nope")),
        ("y", Answer::Rank(ids(&["a", "b", "c"]))),
        ("z", choose("")),
    ] {
        assert!(
            matches!(room.vote(device, ballot), Err(RoomError::Ballot(_))),
            "{device}"
        );
    }
    for i in 1..MAX_VOTERS {
        room.vote(&format!("phone-{i}"), choose("b")).unwrap();
    }
    assert_eq!(room.vote("one-too-many", choose("b")), Err(RoomError::Full));
    room.vote("ok", choose("c")).unwrap(); // a known phone may still change its vote
    let reveal = room.reveal().unwrap();
    assert_eq!(reveal.voters as usize, MAX_VOTERS);
    let count = |id: &str| reveal.options.iter().find(|o| o.id == id).unwrap().count;
    assert_eq!((count("a"), count("b"), count("c")), (0, 499, 1));
}

#[test]
fn a_show_of_hands_is_counted_and_a_split_room_is_called_split() {
    let mut room = room();
    to_decision(&mut room);
    let shown: Vec<String> = room
        .session()
        .pending()
        .unwrap()
        .options
        .iter()
        .map(|o| o.id.clone())
        .collect();
    assert_eq!(
        room.hands(vec![1, 2]),
        Err(RoomError::Counts {
            expected: 3,
            given: 2
        })
    );
    // 10 hands for the first option shown, 8 and 7 for the others: nobody has 60%.
    room.hands(vec![10, 8, 7]).unwrap();
    let reveal = room.reveal().unwrap();
    assert_eq!(reveal.voters, 25);
    assert!(reveal.split);
    assert_eq!(reveal.room_answer, Some(Answer::Choose(shown[0].clone())));
    assert_eq!(reveal.options[0].percent, 40);
}

#[test]
fn the_facilitator_may_follow_another_answer_and_nobody_voting_needs_one() {
    let mut room = room();
    to_decision(&mut room);
    room.open_voting().unwrap();
    assert_eq!(room.follow(None), Err(RoomError::NoVotes));
    assert_eq!(room.phase(), Phase::Voting, "nothing changed");
    room.vote("p", choose("a")).unwrap();
    room.follow(Some(choose("b"))).unwrap();
    assert_eq!(room.records()[0].followed_by, FollowedBy::Facilitator);
    assert_eq!(room.records()[0].followed, ids(&["b"]));
}

#[test]
fn a_timed_decision_waits_for_the_room() {
    let mut room = room();
    to_decision(&mut room);
    assert!(room.session().pending().unwrap().time_limit.is_some());
    assert!(room.advance(Duration::from_secs(3_600)).is_empty());
    assert_eq!(room.phase(), Phase::Ready, "no timeout in a room");
}

#[test]
fn rankings_and_selections_get_room_marks_scored_as_one_trainee_is() {
    let mut room = room();
    to_decision(&mut room);
    room.open_voting().unwrap();
    room.vote("p", choose("a")).unwrap();
    room.follow(None).unwrap();
    to_decision(&mut room);
    room.open_voting().unwrap();
    let key = ids(&["r1", "r2", "r3", "r4", "r5"]);
    let ballots = [
        ids(&["r1", "r2", "r3", "r4", "r5"]),
        ids(&["r2", "r1", "r3", "r4", "r5"]),
        ids(&["r5", "r4", "r3", "r2", "r1"]),
    ];
    for (i, ballot) in ballots.iter().enumerate() {
        room.vote(&format!("p{i}"), Answer::Rank(ballot.clone()))
            .unwrap();
    }
    let reveal = room.reveal().unwrap();
    let marks: Vec<u32> = ballots
        .iter()
        .map(|b| {
            score::rank_marks(&key, &score::placements_of(b))
                .iter()
                .sum()
        })
        .collect();
    let room_marks = reveal.marks.expect("rankings are marked");
    assert_eq!(room_marks.available, 20);
    let mean = marks.iter().sum::<u32>() as f64 / 3.0;
    assert!((room_marks.mean - mean).abs() < 1e-9);
    assert_eq!(room_marks.lowest, *marks.iter().min().unwrap());
    assert_eq!(room_marks.highest, 20);
    assert!(room_marks.spread > 0.0);
    // Points: r1 4+3+0, r2 3+4+1, r3 2+2+2, r4 1+1+3, r5 0+0+4: r2, r1, r3, r4, r5.
    assert_eq!(
        reveal.room_answer,
        Some(Answer::Rank(ids(&["r2", "r1", "r3", "r4", "r5"])))
    );
    let r1 = reveal.options.iter().find(|o| o.id == "r1").unwrap();
    assert_eq!((r1.count, r1.keyed_place), (1, Some(0)), "first places");
    room.follow(None).unwrap();

    to_decision(&mut room);
    room.open_voting().unwrap();
    room.vote("p0", Answer::Several(ids(&["s1", "s2"])))
        .unwrap();
    room.vote("p1", Answer::Several(ids(&["s1", "s3"])))
        .unwrap();
    room.vote("p2", Answer::Several(ids(&["s1", "s4"])))
        .unwrap();
    let reveal = room.reveal().unwrap();
    let marks = reveal.marks.unwrap();
    assert_eq!((marks.available, marks.lowest, marks.highest), (8, 4, 8));
    assert!((marks.mean - 16.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        reveal.room_answer,
        Some(Answer::Several(ids(&["s1", "s2"]))),
        "s1 by count, then the first listed of the ties"
    );
    let s1 = reveal.options.iter().find(|o| o.id == "s1").unwrap();
    assert_eq!((s1.count, s1.percent, s1.in_key), (3, 100, true));
    room.follow(None).unwrap();
    to_decision(&mut room);
    assert_eq!(room.phase(), Phase::Ended);
    assert_eq!(room.records().len(), 3);
}

#[test]
fn going_back_replays_the_story_to_the_last_decision() {
    let mut room = room();
    to_decision(&mut room);
    room.hands(vec![0, 5, 0]).unwrap();
    let first = room.reveal().unwrap().room_answer.unwrap();
    room.follow(None).unwrap();
    to_decision(&mut room);
    let offered = room.session().pending().unwrap().decision.clone();
    assert_eq!(offered, "order");
    let events = room.back().unwrap();
    assert_eq!(room.phase(), Phase::Ready);
    assert_eq!(room.records().len(), 0);
    assert_eq!(room.session().pending().unwrap().decision, "first");
    assert!(
        events.iter().any(|e| matches!(e, PlayEvent::Shown { .. })),
        "the feed to redraw"
    );
    room.follow(Some(first)).unwrap();
    assert_eq!(room.back().map(|_| ()), Ok(()));
    assert_eq!(room.back(), Err(RoomError::NothingToUndo));
}

/// The fixture with the first post's words changed, as an author's save would change them.
fn with_first_post(text: &str) -> std::sync::Arc<feedwise_core::scenario::Scenario> {
    let mut scenario = (*all_kinds()).clone();
    let Happening::Post { text: words, .. } = &mut scenario.beats[0].events[0].show else {
        panic!("the fixture starts with a post");
    };
    *words = text.to_owned();
    std::sync::Arc::new(scenario)
}

fn shown_texts(events: &[PlayEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            PlayEvent::Shown {
                happening: Happening::Post { text, .. } | Happening::Message { text, .. },
                ..
            } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// The room after following `a`, with the ranking that follows it open.
fn room_at_the_ranking() -> Room {
    let mut room = room();
    to_decision(&mut room);
    room.follow(Some(choose("a"))).unwrap();
    to_decision(&mut room);
    room
}

#[test]
fn a_new_version_replays_the_story_and_keeps_the_open_decisions_votes() {
    let mut room = room_at_the_ranking();
    room.open_voting().unwrap();
    let ranking = Answer::Rank(ids(&["r1", "r2", "r3", "r4", "r5"]));
    room.vote("phone-1", ranking).unwrap();
    let clock = room.session().clock();
    let (events, stopped) = room.reload(with_first_post("Edited hello"), catalogue());
    assert_eq!(stopped, None);
    assert!(shown_texts(&events).contains(&"Edited hello".to_owned()));
    assert_eq!(room.session().clock(), clock);
    assert_eq!(room.session().pending().unwrap().decision, "order");
    assert_eq!((room.phase(), room.phone_votes()), (Phase::Voting, 1));
    assert_eq!(room.records().len(), 1);
}

#[test]
fn a_new_version_brings_the_clock_back_mid_beat() {
    let mut room = room();
    room.advance(Duration::from_secs(5));
    let (events, stopped) = room.reload(with_first_post("Edited hello"), catalogue());
    assert_eq!(stopped, None);
    // The post at 0 s is shown again; the message due at 10 s is still to come.
    assert_eq!(shown_texts(&events), vec!["Edited hello".to_owned()]);
    assert_eq!(room.session().clock(), 5_000);
    assert_eq!(room.phase(), Phase::Watching);
    let later = room.advance(Duration::from_secs(5));
    assert_eq!(shown_texts(&later).len(), 1, "the message arrives on time");
}

#[test]
fn a_new_version_without_the_followed_answer_stops_at_that_decision() {
    let mut room = room_at_the_ranking();
    let mut edited = (*all_kinds()).clone();
    let first = edited.beats[0].decision.as_mut().unwrap();
    first.options.retain(|o| o.id != "a");
    let (_, stopped) = room.reload(std::sync::Arc::new(edited), catalogue());
    assert_eq!(stopped.as_deref(), Some("first"));
    assert_eq!(
        room.records().len(),
        0,
        "the dropped answer's record goes too"
    );
    assert_eq!(room.phase(), Phase::Ready);
    assert_eq!(room.session().pending().unwrap().decision, "first");
    assert_eq!(room.back(), Err(RoomError::NothingToUndo));
}

#[test]
fn the_export_holds_counts_and_never_a_device() {
    let mut room = room();
    to_decision(&mut room);
    room.open_voting().unwrap();
    room.vote("device-secret-1", choose("a")).unwrap();
    room.vote("device-secret-2", choose("b")).unwrap();
    room.follow(Some(choose("a"))).unwrap();
    let played = [Played {
        title: "All | kinds",
        records: room.records(),
    }];
    let table = csv("=HYPERLINK(\"x\")", &played);
    assert!(!table.contains("device-secret"));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 1 + 3, "a header and one row per option");
    // The words the room saw: the title, the question, each option's number and text.
    assert!(
        lines[1].starts_with("\"'=HYPERLINK(\"\"x\"\")\",All | kinds,Sam has messaged you.,1,"),
        "{}",
        lines[1]
    );
    assert!(
        table.contains(",Redirect kindly,1,2,50,,,true,facilitator"),
        "{table}"
    );
    assert!(
        !table.contains(",first,") && !table.contains(",a,"),
        "no ids: {table}"
    );
    let text = markdown("Workshop", &played);
    assert!(text.contains("## All \\| kinds"), "{text}");
    assert!(text.contains("| Redirect kindly | 1 |"), "{text}");
    assert!(
        text.contains(". Redirect kindly (the facilitator's choice)"),
        "{text}"
    );
    assert!(!text.contains("device-secret"));
}

#[test]
fn the_shipped_workshop_is_forty_five_minutes_and_asks_all_three_kinds() {
    use feedwise_core::scenario::DecisionKind;
    use feedwise_core::scenario::load::parse;
    use feedwise_core::scenario::source::SourceFile;
    use feedwise_room::Plan;
    let source = SourceFile::read(&crate::common::repo(
        "sessions/forty-five-minute-workshop.ron",
    ))
    .expect("shipped plan");
    let plan: Plan = parse(&source).expect("parses").value;
    assert_eq!(plan.minutes(), 45);
    assert_eq!(plan.scenarios.len(), 3);
    let mut kinds = std::collections::BTreeSet::new();
    for item in &plan.scenarios {
        let scenario = common::scenario(format!("scenarios/{}.ron", item.scenario));
        for decision in scenario.beats.iter().filter_map(|b| b.decision.as_ref()) {
            kinds.insert(match decision.kind {
                DecisionKind::Choose => "choose",
                DecisionKind::Rank { .. } => "rank",
                DecisionKind::ChooseSeveral { .. } => "several",
            });
        }
    }
    assert_eq!(kinds.len(), 3, "{kinds:?}");
}

/// The message of the doctors-and-nurses fixture, as a room of `professions` reads it, and the
/// first option's references at the reveal: (the room's regulators', the others).
fn as_a_room(
    professions: Vec<feedwise_core::scenario::Profession>,
) -> (String, Vec<String>, Vec<String>) {
    let scenario = common::scenario("tests/fixtures/engine/by-audience.ron");
    let mut room =
        Room::new(scenario, catalogue(), 1, BTreeMap::new()).with_professions(professions);
    let mut shown = Vec::new();
    for _ in 0..100 {
        if room.phase() != Phase::Watching {
            break;
        }
        shown.extend(room.advance(Duration::from_secs(1)));
    }
    let reveal = room.current_reveal().unwrap();
    let good = reveal.options.iter().find(|o| o.id == "good").unwrap();
    let (guidance, also) = (good.guidance.clone(), good.also_guidance.clone());
    shown.extend(room.follow(Some(choose("good"))).unwrap());
    for _ in 0..100 {
        shown.extend(room.advance(Duration::from_secs(1)));
    }
    let message = common::first_message(&shown).expect("the message after the decision");
    (message, guidance, also)
}

#[test]
fn a_plans_professions_pick_the_rooms_text_and_lead_with_their_regulators() {
    use feedwise_core::scenario::Profession::{Doctor, Nurse};
    let (message, guidance, also) = as_a_room(vec![Nurse]);
    assert_eq!(message, "Thanks, Hannah", "the first profession's audience");
    assert!(guidance.iter().all(|g| g.contains("(NMC")), "{guidance:?}");
    assert!(
        also.iter().all(|g| g.contains("(GMC")) && also.len() == 2,
        "{also:?}"
    );

    // Nurses and doctors: both regulators come first, in the order cited; the text is the
    // nurses' (named first).
    let (message, guidance, also) = as_a_room(vec![Nurse, Doctor]);
    assert_eq!(message, "Thanks, Hannah");
    assert_eq!(guidance.len(), 3, "{guidance:?}");
    assert!(
        guidance[0].contains("(GMC") && guidance[2].contains("(NMC"),
        "{guidance:?}"
    );
    assert!(also.is_empty());

    // No professions: the first audience's text (doctors), references as cited.
    let (message, guidance, also) = as_a_room(Vec::new());
    assert_eq!(message, "Thanks, Dr Okafor");
    assert_eq!(guidance.len(), 3);
    assert!(also.is_empty());
}

#[test]
fn a_plan_may_name_the_rooms_professions() {
    let text = std::fs::read_to_string(crate::common::repo("tests/fixtures/sessions/base.ron"))
        .unwrap()
        .replace(
            "audiences: [Doctor],",
            "audiences: [Doctor],\n    professions: [Nurse, Paramedic],",
        );
    let plan: feedwise_core::scenario::plan::Plan = feedwise_core::scenario::load::ron_options()
        .from_str(&text)
        .unwrap();
    use feedwise_core::scenario::Profession::{Nurse, Paramedic};
    assert_eq!(plan.professions, [Nurse, Paramedic]);
}
