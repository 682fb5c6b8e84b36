//! The facilitator's flow in the app without a window: a plan opened with `--facilitate`,
//! the timeline started, voting opened, phone ballots and a show of hands counted, the reveal,
//! following the room, going back, the presenter view, the end and the export.
#![cfg(feature = "app")]

use crate::common;

use std::time::Duration;

use bevy::prelude::*;
use feedwise::app::facilitation::{ActiveRoom, ExportFolder, RoomRequest};
use feedwise::app::keys::DIGIT_KEYS;
use feedwise::app::screens::facilitate::View;
use feedwise::app::{LaunchOptions, Screen};
use feedwise::engine::Answer;
use feedwise::facilitate::Phase;

use crate::common::headless::{press, press_in_one_frame};

const PLAN: &str = r#"(
    id: "test-plan",
    title: "Test workshop",
    audiences: [Doctor],
    scenarios: [(scenario: "all-kinds", seed: 7, minutes: 10, discuss: {"first": ["Why?"]})],
)"#;

fn app(dir: &std::path::Path) -> App {
    let plan = dir.join("plan.ron");
    std::fs::write(&plan, PLAN).unwrap();
    let options = LaunchOptions {
        facilitate: Some(Some(plan)),
        seed: None,
        ..common::headless::on_test_library()
    };
    let mut app = common::headless::app(options);
    app.insert_resource(ExportFolder(dir.to_path_buf()));
    // The plan opens once the library is checked, then its screen.
    for _ in 0..4 {
        app.update();
    }
    app
}

/// The plan's app with the timeline run to its first decision.
fn app_at_first_decision(dir: &std::path::Path) -> App {
    let mut app = app(dir);
    press(&mut app, KeyCode::Space);
    until(&mut app, Phase::Ready);
    app
}

fn room_phase(app: &App) -> Phase {
    app.world().resource::<ActiveRoom>().room().phase()
}

fn until(app: &mut App, want: Phase) {
    for _ in 0..300 {
        if room_phase(app) == want {
            return;
        }
        app.update();
    }
    panic!("room phase {want:?} not reached; at {:?}", room_phase(app));
}

/// The ids of the open decision's options, in the order shown.
fn shown(app: &App) -> Vec<String> {
    let room = &app.world().resource::<ActiveRoom>().room();
    let offer = room.session().pending().expect("a decision is open");
    offer.options.iter().map(|o| o.id.clone()).collect()
}

/// Every text on screen, joined.
fn texts(app: &mut App) -> String {
    let mut query = app.world_mut().query::<&Text>();
    query
        .iter(app.world())
        .map(|t| t.0.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

fn vote(app: &mut App, device: &str, answer: Answer) {
    app.world_mut().write_message(RoomRequest::Vote {
        device: device.to_owned(),
        ballot: answer,
    });
    app.update();
}

#[test]
fn a_room_votes_sees_the_reveal_and_the_story_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Facilitate
    );
    assert!(texts(&mut app).contains("Test workshop"));
    press(&mut app, KeyCode::Space);
    until(&mut app, Phase::Ready);
    let shown = texts(&mut app);
    assert!(shown.contains("Discuss, then vote"), "{shown}");
    assert!(
        !shown.contains("Kind and clear."),
        "no feedback on the projector before the reveal"
    );

    press(&mut app, KeyCode::KeyV);
    assert_eq!(room_phase(&app), Phase::Voting);
    assert!(texts(&mut app).contains("The room is voting"));
    vote(&mut app, "a", Answer::Choose("a".into()));
    vote(&mut app, "b", Answer::Choose("a".into()));
    vote(&mut app, "c", Answer::Choose("b".into()));
    vote(&mut app, "c", Answer::Choose("nonsense".into()));
    assert_eq!(app.world().resource::<ActiveRoom>().room().phone_votes(), 3);

    // The presenter view shows the key and the votes so far; the projector does not.
    press(&mut app, KeyCode::KeyP);
    assert_eq!(*app.world().resource::<View>(), View::Presenter);
    let presenter = texts(&mut app);
    assert!(presenter.contains("Kind and clear."), "{presenter}");
    assert!(presenter.contains("3 voted"), "{presenter}");
    assert!(presenter.contains("Discuss: Why?"), "{presenter}");
    press(&mut app, KeyCode::KeyP);

    press(&mut app, KeyCode::KeyC);
    press(&mut app, KeyCode::KeyR);
    assert_eq!(room_phase(&app), Phase::Revealed);
    let reveal = texts(&mut app);
    assert!(reveal.contains("67%\n2 of 3"), "{reveal}");
    assert!(reveal.contains("Discuss: Why?"), "{reveal}");
    press(&mut app, KeyCode::Enter);
    let records = app
        .world()
        .resource::<ActiveRoom>()
        .room()
        .records()
        .to_vec();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].followed, vec!["a"]);

    // The next decision (a ranking of five) by a show of hands: 9 for the first option shown,
    // nothing for the rest.
    assert!(
        app.world().resource::<ActiveRoom>().running(),
        "the timeline runs on"
    );
    until(&mut app, Phase::Ready);
    press(&mut app, KeyCode::KeyH);
    press(&mut app, KeyCode::Digit9);
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        press(&mut app, KeyCode::Digit0);
        press(&mut app, KeyCode::Enter);
    }
    let reveal = app
        .world()
        .resource::<ActiveRoom>()
        .room()
        .current_reveal()
        .unwrap();
    assert_eq!(reveal.voters, 9);
    assert_eq!(reveal.options[0].count, 9);
    assert!(!reveal.split);

    // Back to the first decision, then end and export.
    press(&mut app, KeyCode::KeyB);
    assert_eq!(
        app.world().resource::<ActiveRoom>().room().records().len(),
        0
    );
    until(&mut app, Phase::Ready);
    press(&mut app, KeyCode::KeyF);
    press(&mut app, KeyCode::Digit1);
    assert_eq!(
        app.world().resource::<ActiveRoom>().room().records().len(),
        1
    );
    press(&mut app, KeyCode::KeyE);
    assert!(app.world().resource::<ActiveRoom>().ended());
    assert!(texts(&mut app).contains("Session summary"));
    press(&mut app, KeyCode::KeyX);
    let exported = &app.world().resource::<ActiveRoom>().exported;
    let named = |ext: &str| {
        exported
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .cloned()
            .expect("written")
    };
    let (csv_path, markdown_path) = (named("csv"), named("md"));
    let name = csv_path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("feedwise-test-plan-20"), "dated: {name}");
    assert_eq!(csv_path.parent(), Some(dir.path()));
    let csv = std::fs::read_to_string(&csv_path).expect("csv");
    // The words and numbers the room saw, not ids.
    assert!(csv.contains("Test workshop,"), "{csv}");
    assert!(!csv.contains(",first,"), "no decision ids: {csv}");
    let markdown = std::fs::read_to_string(&markdown_path).expect("markdown");
    assert!(markdown.contains("# Test workshop"), "{markdown}");
    // A second workshop's export the same minute does not overwrite the first.
    app.world_mut().resource_mut::<ActiveRoom>().export_name = None;
    press(&mut app, KeyCode::KeyX);
    let second = app.world().resource::<ActiveRoom>().exported[0].clone();
    assert_ne!(second, csv_path);
    assert!(csv_path.exists() && second.exists());
    press(&mut app, KeyCode::Escape);
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Library
    );
}

#[test]
fn a_presenter_window_shows_the_key_while_the_projector_shows_the_room() {
    use feedwise::app::screens::facilitate::PresenterWindow;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at_first_decision(dir.path());
    press(&mut app, KeyCode::KeyO);
    let (window, camera) = app
        .world()
        .resource::<PresenterWindow>()
        .0
        .expect("a second window");
    assert!(app.world().get::<Window>(window).is_some());
    let shown = texts(&mut app);
    assert!(
        shown.contains("Discuss, then vote"),
        "the projector: {shown}"
    );
    assert!(
        shown.contains("PRESENTER VIEW"),
        "the presenter window: {shown}"
    );
    assert!(
        shown.contains("Kind and clear."),
        "the key, in the presenter window"
    );
    // Every root of the presenter view draws to the second window's camera.
    let mut targets = app.world_mut().query::<&UiTargetCamera>();
    assert!(targets.iter(app.world()).any(|t| t.entity() == camera));
    // Closing it by its own button leaves the projector as it was.
    app.world_mut().despawn(window);
    app.update();
    app.update();
    assert!(app.world().resource::<PresenterWindow>().0.is_none());
    assert!(!texts(&mut app).contains("PRESENTER VIEW"));
}

#[test]
fn a_split_room_is_called_split_on_the_projector() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at_first_decision(dir.path());
    press(&mut app, KeyCode::KeyV);
    for (device, option) in [("a", "a"), ("b", "b"), ("c", "c"), ("d", "a")] {
        vote(&mut app, device, Answer::Choose(option.into()));
    }
    press(&mut app, KeyCode::KeyR);
    assert!(texts(&mut app).contains("The room is split"));
    // Help is one key away and goes again with the same key.
    press(&mut app, KeyCode::Slash);
    assert!(texts(&mut app).contains("show of hands"));
    press(&mut app, KeyCode::Slash);
    assert!(!texts(&mut app).contains("show of hands"));
}

/// One HTTP request to the voting server; returns the status and body.
fn http(
    address: std::net::SocketAddr,
    method: &str,
    path: &str,
    device: Option<&str>,
    body: &str,
) -> (u16, String) {
    let device = device.map_or(String::new(), |d| format!("X-Device: {d}\r\n"));
    let reply = common::send(
        address,
        &format!(
            "{method} {path} HTTP/1.1\r\nHost: {address}\r\n{device}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    (reply.status, reply.body)
}

/// The server's address and the page's path (`/code/`) from a join URL.
fn server_and_path(url: &str) -> (std::net::SocketAddr, String) {
    let (address, path) = url
        .trim_start_matches("http://")
        .split_once('/')
        .expect("http://address/code/");
    (address.parse().expect("an address"), format!("/{path}"))
}

/// The voting port is the same for every test in this file (8787, else any): tests that start
/// the server take turns, so one's restart finds the port it had.
static VOTING_PORT: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn phones_on_loopback_join_with_the_pin_and_their_votes_reach_the_room() {
    let _port = VOTING_PORT.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    press(&mut app, KeyCode::KeyW);
    let offered = texts(&mut app);
    assert!(offered.contains("127.0.0.1"), "{offered}");
    let loopback = feedwise::facilitate::interfaces::list().len();
    press(&mut app, DIGIT_KEYS[loopback]);
    let (url, pin) = app
        .world()
        .resource::<ActiveRoom>()
        .join()
        .expect("the server runs");
    assert!(texts(&mut app).contains(&format!("PIN {pin}")));
    let (address, path) = server_and_path(&url);
    let (status, body) = http(
        address,
        "POST",
        &format!("{path}join"),
        None,
        &format!("{{\"pin\":\"{pin}\"}}"),
    );
    assert_eq!(status, 200, "{body}");
    let device = serde_json::from_str::<serde_json::Value>(&body).unwrap()["device"]
        .as_str()
        .unwrap()
        .to_owned();

    press(&mut app, KeyCode::Space);
    until(&mut app, Phase::Ready);
    let (_, closed) = http(
        address,
        "GET",
        &format!("{path}question"),
        Some(&device),
        "",
    );
    assert!(
        closed.contains("\"question\":null"),
        "nothing open yet: {closed}"
    );
    press(&mut app, KeyCode::KeyV);
    let (_, open) = http(
        address,
        "GET",
        &format!("{path}question"),
        Some(&device),
        "",
    );
    assert!(open.contains("\"decision\":\"first\""), "{open}");
    let ballot = format!("{{\"device\":\"{device}\",\"decision\":\"first\",\"options\":[\"a\"]}}");
    let (status, body) = http(address, "POST", &format!("{path}vote"), None, &ballot);
    assert_eq!(status, 200, "{body}");
    app.update();
    assert_eq!(app.world().resource::<ActiveRoom>().room().phone_votes(), 1);
    // W stops the server and W starts it again: the same address and PIN, and the phone is
    // still in.
    press(&mut app, KeyCode::KeyW);
    assert!(app.world().resource::<ActiveRoom>().join().is_none());
    press(&mut app, KeyCode::KeyW);
    press(&mut app, DIGIT_KEYS[loopback]);
    let again = app.world().resource::<ActiveRoom>().join();
    assert_eq!(
        again,
        Some((url.clone(), pin.clone())),
        "the same workshop address"
    );
    let (status, _) = http(
        address,
        "GET",
        &format!("{path}question"),
        Some(&device),
        "",
    );
    assert_eq!(status, 200, "the phone kept its seat");
    press(&mut app, KeyCode::KeyR);
    assert!(texts(&mut app).contains("1 of 1"));
    // Ending with a vote the story has not followed asks first; any other key goes back.
    press(&mut app, KeyCode::KeyE);
    let asked = texts(&mut app);
    assert!(asked.contains("End the session now?"), "{asked}");
    press(&mut app, KeyCode::Escape);
    assert!(!app.world().resource::<ActiveRoom>().ended());
    assert!(!texts(&mut app).contains("End the session now?"));
    // E twice ends it, and that stops the server.
    press(&mut app, KeyCode::KeyE);
    press(&mut app, KeyCode::KeyE);
    assert!(app.world().resource::<ActiveRoom>().ended());
    assert!(app.world().resource::<ActiveRoom>().join().is_none());
    std::thread::sleep(Duration::from_millis(300));
    assert!(std::net::TcpStream::connect_timeout(&address, Duration::from_millis(300)).is_err());
}

#[test]
fn the_facilitator_picks_what_a_ranking_puts_first_and_what_a_selection_takes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at_first_decision(dir.path());
    // The first decision: pick `a` (kind), wherever the seed has put it.
    let at = shown(&app).iter().position(|id| id == "a").unwrap();
    press(&mut app, KeyCode::KeyF);
    press(&mut app, DIGIT_KEYS[at + 1]);
    assert_eq!(
        app.world().resource::<ActiveRoom>().room().records()[0].followed,
        vec!["a"]
    );
    until(&mut app, Phase::Ready);
    // The ranking: option 3 as shown goes first.
    let third = shown(&app)[2].clone();
    press(&mut app, KeyCode::KeyF);
    press(&mut app, KeyCode::Digit3);
    let record = app.world().resource::<ActiveRoom>().room().records()[1].clone();
    assert_eq!(record.followed.len(), 5, "a full ranking");
    assert_eq!(record.followed[0], third);
    until(&mut app, Phase::Ready);
    // The selection (choose 2): two digits.
    let shown = shown(&app);
    press(&mut app, KeyCode::KeyF);
    assert!(texts(&mut app).contains("Facilitator's pick: type 2 numbers"));
    press(&mut app, KeyCode::Digit2);
    assert_eq!(
        app.world().resource::<ActiveRoom>().room().records().len(),
        2,
        "one more to pick"
    );
    assert!(texts(&mut app).contains("Facilitator's pick: 2 - one more"));
    press(&mut app, KeyCode::Digit4);
    let record = app.world().resource::<ActiveRoom>().room().records()[2].clone();
    assert_eq!(record.followed, vec![shown[1].clone(), shown[3].clone()]);
    assert_eq!(
        record.followed_by,
        feedwise::facilitate::FollowedBy::Facilitator
    );
}

/// Clicks the button labelled `label`, as the picking backend would report it.
fn click(app: &mut App, label: &str) {
    use bevy::camera::NormalizedRenderTarget;
    use bevy::picking::backend::HitData;
    use bevy::picking::events::{Click, Pointer};
    use bevy::picking::pointer::{Location, PointerButton, PointerId};
    let mut buttons = app
        .world_mut()
        .query_filtered::<(Entity, &Children), With<Button>>();
    let mut texts = app.world_mut().query::<&Text>();
    let target = buttons
        .iter(app.world())
        .find(|(_, children)| {
            children
                .iter()
                .any(|child| texts.get(app.world(), child).is_ok_and(|t| t.0 == label))
        })
        .map(|(entity, _)| entity)
        .unwrap_or_else(|| panic!("no button `{label}`"));
    app.world_mut().trigger(Pointer::new(
        PointerId::Mouse,
        Location {
            target: NormalizedRenderTarget::None {
                width: 1280,
                height: 800,
            },
            position: Vec2::ZERO,
        },
        Click {
            button: PointerButton::Primary,
            hit: HitData::new(Entity::PLACEHOLDER, 0.0, None, None),
            duration: Duration::ZERO,
            count: 1,
        },
        target,
    ));
    app.update();
    app.update();
}

#[test]
fn the_presenter_buttons_do_what_the_keys_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    press(&mut app, KeyCode::KeyP);
    click(&mut app, "Start / pause (Space)");
    assert!(app.world().resource::<ActiveRoom>().running());
    until(&mut app, Phase::Ready);
    click(&mut app, "Open voting (V)");
    assert_eq!(room_phase(&app), Phase::Voting);
    vote(&mut app, "p", Answer::Choose("a".into()));
    click(&mut app, "Reveal (R)");
    assert_eq!(room_phase(&app), Phase::Revealed);
    click(&mut app, "Follow the room (Enter)");
    assert_eq!(
        app.world().resource::<ActiveRoom>().room().records().len(),
        1
    );
}

#[test]
fn a_plan_naming_a_scenario_not_in_the_library_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.ron");
    std::fs::write(
        &plan,
        PLAN.replace(r#"scenario: "all-kinds""#, r#"scenario: "no-such-one""#),
    )
    .unwrap();
    let mut app = common::headless::app(LaunchOptions {
        facilitate: Some(Some(plan.clone())),
        ..common::headless::on_test_library()
    });
    for _ in 0..6 {
        app.update();
    }
    assert!(
        app.world().get_resource::<ActiveRoom>().is_none(),
        "no room starts"
    );
    let notices = texts(&mut app);
    let at = format!("{}:5:", plan.display());
    assert!(
        notices.contains(&at) && notices.contains("no-such-one"),
        "the library screen names the file, line and column: {notices}"
    );
}

/// The app started to facilitate the all-kinds fixture by id, with `first` done before its
/// first frames.
fn facilitating_all_kinds(first: impl FnOnce(&mut App)) -> App {
    let mut app = common::headless::app(LaunchOptions {
        facilitate: Some(None),
        scenario: Some("all-kinds".to_owned()),
        ..common::headless::on_test_library()
    });
    first(&mut app);
    for _ in 0..6 {
        app.update();
    }
    app
}

#[test]
fn facilitating_one_scenario_by_id_opens_the_room_and_no_trainee_run() {
    let mut app = facilitating_all_kinds(|_| {});
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Facilitate
    );
    assert!(
        app.world()
            .get_resource::<feedwise::app::ActiveSession>()
            .is_none(),
        "`--scenario` names what the room plays; it starts no run of its own"
    );
    press(&mut app, KeyCode::Space);
    until(&mut app, Phase::Ready);
}

#[test]
fn a_trainees_time_setting_leaves_the_rooms_decisions_as_written() {
    let app = facilitating_all_kinds(|app| {
        app.world_mut()
            .resource_mut::<feedwise::app::settings::CurrentSettings>()
            .0
            .decision_time = feedwise::engine::DecisionTime::Off;
    });
    let session = app.world().resource::<ActiveRoom>().room().session();
    assert_eq!(
        session.decision_time(),
        feedwise::engine::DecisionTime::Normal
    );
}

#[test]
fn keys_typed_within_one_frame_are_all_taken_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at_first_decision(dir.path());
    // A show of hands for three options, typed faster than frames: 12, 3, 0.
    use KeyCode::{Digit0, Digit1, Digit2, Digit3, Enter, KeyH};
    press_in_one_frame(
        &mut app,
        &[KeyH, Digit1, Digit2, Enter, Digit3, Enter, Digit0, Enter],
    );
    let reveal = app
        .world()
        .resource::<ActiveRoom>()
        .room()
        .current_reveal()
        .unwrap();
    let counts: Vec<u32> = reveal.options.iter().map(|o| o.count).collect();
    assert_eq!(counts, vec![12, 3, 0]);
    // A key held down repeats: only its first press counts.
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput, NativeKey};
    for repeat in [false, true, true] {
        app.world_mut().write_message(KeyboardInput {
            key_code: KeyCode::KeyP,
            logical_key: Key::Unidentified(NativeKey::Unidentified),
            state: ButtonState::Pressed,
            text: None,
            repeat,
            window: Entity::PLACEHOLDER,
        });
    }
    app.update();
    assert_eq!(*app.world().resource::<View>(), View::Presenter);
}

#[test]
fn a_pick_under_way_shows_on_the_projector_and_another_key_cancels_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at_first_decision(dir.path());
    press(&mut app, KeyCode::KeyF);
    assert!(texts(&mut app).contains("Facilitator's pick: type the option's number"));
    // V is not swallowed: the pick is dropped and voting opens.
    press(&mut app, KeyCode::KeyV);
    assert_eq!(room_phase(&app), Phase::Voting);
    assert!(!texts(&mut app).contains("Facilitator's pick"));
    assert!(texts(&mut app).contains("0 votes so far"));
    vote(&mut app, "a", Answer::Choose("a".into()));
    assert!(texts(&mut app).contains("1 vote so far"));
    assert!(
        room_phase(&app) == Phase::Voting
            && app
                .world()
                .resource::<ActiveRoom>()
                .room()
                .records()
                .is_empty()
    );
}

#[test]
fn the_door_to_the_room_is_shown_and_changed_by_keys() {
    let _port = VOTING_PORT.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    press(&mut app, KeyCode::KeyW);
    let loopback = feedwise::facilitate::interfaces::list().len();
    press(&mut app, DIGIT_KEYS[loopback]);
    // The join slide fills the projector until voting opens; J shows it again.
    assert!(texts(&mut app).contains("Vote on your phone"));
    press(&mut app, KeyCode::KeyJ);
    assert!(!texts(&mut app).contains("Vote on your phone"));
    press(&mut app, KeyCode::KeyJ);
    assert!(texts(&mut app).contains("Vote on your phone"));
    let door = |app: &App| {
        let door = app.world().resource::<ActiveRoom>().door();
        door.map(|d| (d.doors_open, d.per_address))
    };
    assert_eq!(door(&app), Some((true, 3)));
    press(&mut app, KeyCode::BracketRight);
    press(&mut app, KeyCode::KeyD);
    assert_eq!(door(&app), Some((false, 4)));
    press(&mut app, KeyCode::KeyP);
    let presenter = texts(&mut app);
    assert!(
        presenter.contains("up to 4 from one network address"),
        "{presenter}"
    );
    assert!(
        presenter.contains("doors closed to new phones"),
        "{presenter}"
    );
    press(&mut app, KeyCode::KeyP);
    assert!(
        texts(&mut app).contains("Doors closed"),
        "the room sees it too"
    );
    // A phone at the closed door is refused, and the presenter sees the refusal counted.
    let (url, pin) = app.world().resource::<ActiveRoom>().join().unwrap();
    let (address, path) = server_and_path(&url);
    let (status, _) = http(
        address,
        "POST",
        &format!("{path}join"),
        None,
        &format!("{{\"pin\":\"{pin}\"}}"),
    );
    assert_eq!(status, 403);
    press(&mut app, KeyCode::KeyP);
    assert!(texts(&mut app).contains("Joins refused: 1 at closed doors"));
}

#[test]
fn the_presenter_window_on_the_projectors_screen_hides_the_key_until_moved() {
    use bevy::window::{Monitor, OnMonitor, PrimaryWindow};
    use feedwise::app::screens::facilitate::PresenterWindow;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at_first_decision(dir.path());
    let screen = |app: &mut App, name: &str| {
        app.world_mut()
            .spawn(Monitor {
                name: Some(name.into()),
                physical_height: 1080,
                physical_width: 1920,
                physical_position: IVec2::ZERO,
                refresh_rate_millihertz: None,
                scale_factor: 1.0,
                video_modes: Vec::new(),
            })
            .id()
    };
    let (projector, laptop) = (screen(&mut app, "projector"), screen(&mut app, "laptop"));
    // The headless app has no window of its own: the projector's, on the projector's screen.
    app.world_mut()
        .spawn((Window::default(), PrimaryWindow, OnMonitor(projector)));
    press(&mut app, KeyCode::KeyO);
    let (window, _) = app.world().resource::<PresenterWindow>().0.expect("opened");
    // Asked for the other screen.
    let position = app.world().get::<Window>(window).unwrap().position;
    assert_eq!(
        position,
        bevy::window::WindowPosition::Centered(bevy::window::MonitorSelection::Entity(laptop))
    );
    // The system put it on the projector's screen anyway: a placeholder, no key.
    app.world_mut()
        .entity_mut(window)
        .insert(OnMonitor(projector));
    app.update();
    app.update();
    let shown = texts(&mut app);
    assert!(
        shown.contains("This window is on the projector's screen"),
        "{shown}"
    );
    assert!(
        !shown.contains("Kind and clear."),
        "no key for the room: {shown}"
    );
    // Dragged to the laptop's screen: the presenter view.
    app.world_mut().entity_mut(window).insert(OnMonitor(laptop));
    app.update();
    app.update();
    let shown = texts(&mut app);
    assert!(shown.contains("Kind and clear."), "{shown}");
    assert!(!shown.contains("This window is on the projector's screen"));
}

#[test]
fn the_presenter_list_scrolls_and_keeps_its_place_when_votes_redraw_it() {
    use bevy::ui_widgets::ScrollArea;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_at_first_decision(dir.path());
    press(&mut app, KeyCode::KeyV);
    press(&mut app, KeyCode::KeyP);
    let mut lists = app
        .world_mut()
        .query_filtered::<&mut ScrollPosition, With<ScrollArea>>();
    let mut scrolled = 0;
    for mut position in lists.iter_mut(app.world_mut()) {
        position.y = 120.0;
        scrolled += 1;
    }
    assert_eq!(scrolled, 1, "the presenter view is one scrolling list");
    let before: Vec<Entity> = app
        .world_mut()
        .query_filtered::<Entity, With<ScrollArea>>()
        .iter(app.world())
        .collect();
    vote(&mut app, "a", Answer::Choose("a".into()));
    let after: Vec<(Entity, f32)> = app
        .world_mut()
        .query_filtered::<(Entity, &ScrollPosition), With<ScrollArea>>()
        .iter(app.world())
        .map(|(e, p)| (e, p.y))
        .collect();
    assert_eq!(after.len(), 1);
    assert_ne!(after[0].0, before[0], "drawn again for the vote");
    assert_eq!(after[0].1, 120.0, "at the same place");
    // The keys scroll it too.
    let scroll = |app: &mut App| {
        app.world_mut()
            .query_filtered::<&ScrollPosition, With<ScrollArea>>()
            .iter(app.world())
            .next()
            .map(|p| p.y)
            .unwrap()
    };
    press(&mut app, KeyCode::PageUp);
    assert_eq!(scroll(&mut app), 0.0);
    press(&mut app, KeyCode::PageDown);
    assert!(scroll(&mut app) > 0.0);
}

#[test]
fn the_projector_tells_a_group_chat_in_its_own_words() {
    let mut app = common::headless::app(LaunchOptions {
        facilitate: Some(None),
        scenario: Some("plat-chat".to_owned()),
        scenario_dirs: vec![std::path::PathBuf::from("tests/fixtures/platforms")],
        ..common::headless::on_test_library()
    });
    for _ in 0..6 {
        app.update();
    }
    press(&mut app, KeyCode::Space);
    let mut seen = String::new();
    for _ in 0..4 {
        app.update();
        seen.push_str(&texts(&mut app));
    }
    assert!(seen.contains("wrote in the group"), "{seen}");
    assert!(
        seen.contains("📷 A lemon drizzle cake, one slice gone"),
        "{seen}"
    );
    assert!(seen.contains("replied in the group"), "{seen}");
    assert!(
        !seen.contains(" posted"),
        "a group chat has no posts: {seen}"
    );
}
