//! The voting server on loopback, spoken to over real HTTP: the page, joining with the PIN,
//! votes of each kind, and every bad request refused with its status and no count change.

use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{Reply, send};
use feedwise_core::engine::{Answer, OfferKind};
use feedwise_room::protocol::{MAX_BODY, PIN_TRIES, Protocol, Question, Secrets};
use feedwise_room::server::{VotingServer, lock};

/// The server with the protocol it serves, as the app holds both.
struct Served {
    server: VotingServer,
    protocol: Arc<Mutex<Protocol>>,
    address: std::net::SocketAddr,
}

impl Served {
    fn join_url(&self) -> String {
        lock(&self.protocol).join_url()
    }
    fn set_question(&self, question: Option<Question>) {
        lock(&self.protocol).set_question(question);
    }
    fn take_votes(&self) -> Vec<(String, Answer)> {
        lock(&self.protocol).take_votes()
    }
    fn voters(&self) -> usize {
        lock(&self.protocol)
            .status(std::time::Instant::now())
            .seated
    }
}

fn server(max_voters: usize) -> Served {
    let mut next = 0u8;
    let protocol = Arc::new(Mutex::new(Protocol::new(
        Secrets {
            code: "k7m2p9x4qt".into(),
            pin: "123456".into(),
        },
        max_voters,
        Box::new(move || {
            next += 1;
            [next; 16]
        }),
    )));
    let server = VotingServer::start("127.0.0.1:0".parse().unwrap(), Arc::clone(&protocol))
        .expect("binds on loopback");
    let address = server.address;
    Served {
        server,
        protocol,
        address,
    }
}

fn get(server: &Served, path: &str, device: Option<&str>) -> Reply {
    let device = device.map_or(String::new(), |d| format!("X-Device: {d}\r\n"));
    send(
        server.address,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\n{device}Connection: close\r\n\r\n",
            server.address
        ),
    )
}

fn post(server: &Served, path: &str, body: &str) -> Reply {
    send(
        server.address,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            server.address,
            body.len()
        ),
    )
}

fn join(server: &Served) -> String {
    let reply = post(server, "/k7m2p9x4qt/join", r#"{"pin":"123456"}"#);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let value: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    value["device"].as_str().unwrap().to_owned()
}

fn question(kind: OfferKind, options: &[&str]) -> Question {
    Question {
        decision: "d1".into(),
        prompt: "What now?".into(),
        kind,
        options: options
            .iter()
            .map(|id| (id.to_string(), format!("Option {id}")))
            .collect(),
    }
}

fn ballot(device: &str, options: &[&str]) -> String {
    serde_json::json!({ "device": device, "decision": "d1", "options": options }).to_string()
}

#[test]
fn the_page_is_served_with_a_strict_policy_at_its_address() {
    let server = server(10);
    assert!(server.join_url().ends_with("/k7m2p9x4qt/"));
    assert!(
        server
            .join_url()
            .starts_with(&format!("http://{}/", server.address))
    );
    let page = get(&server, "/k7m2p9x4qt/", None);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<script src=\"vote.js\""),
        "{}",
        page.body
    );
    assert!(
        page.head
            .to_lowercase()
            .contains("content-security-policy: default-src 'none'"),
        "{}",
        page.head
    );
    assert!(page.head.to_lowercase().contains("cache-control: no-store"));
    assert_eq!(get(&server, "/k7m2p9x4qt/vote.js", None).status, 200);
    assert_eq!(get(&server, "/k7m2p9x4qt/vote.css", None).status, 200);
    let bare = get(&server, "/k7m2p9x4qt", None);
    assert_eq!(bare.status, 308);
    assert!(
        bare.head.to_lowercase().contains("location: /k7m2p9x4qt/"),
        "{}",
        bare.head
    );
    assert_eq!(
        get(&server, "/wrong23456/", None).status,
        404,
        "a wrong code"
    );
    assert_eq!(get(&server, "/", None).status, 404);
}

#[test]
fn votes_of_each_kind_are_received_and_bad_ones_refused_without_a_count() {
    let server = server(10);
    let phone = join(&server);
    assert_eq!(server.voters(), 1);
    // Nothing is open yet.
    let reply = post(&server, "/k7m2p9x4qt/vote", &ballot(&phone, &["a"]));
    assert_eq!(reply.status, 409, "{}", reply.body);

    server.set_question(Some(question(OfferKind::Choose, &["a", "b", "c"])));
    let seen = get(&server, "/k7m2p9x4qt/question", Some(&phone));
    assert_eq!(seen.status, 200);
    assert!(seen.body.contains("What now?"), "{}", seen.body);
    assert_eq!(
        get(&server, "/k7m2p9x4qt/question", Some("stranger")).status,
        401
    );
    assert_eq!(
        post(&server, "/k7m2p9x4qt/vote", &ballot(&phone, &["a"])).status,
        200
    );
    for (body, status) in [
        (ballot(&phone, &["zzz"]), 422),
        (ballot(&phone, &["a", "b"]), 422),
        (ballot("stranger", &["a"]), 401),
        ("{not json".to_owned(), 400),
        (
            r#"{"device":"x","decision":"d1","options":["a"],"extra":1}"#.to_owned(),
            400,
        ),
        (
            serde_json::json!({ "device": phone, "decision": "old", "options": ["a"] }).to_string(),
            409,
        ),
    ] {
        let reply = post(&server, "/k7m2p9x4qt/vote", &body);
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
    }
    assert_eq!(
        server.take_votes(),
        vec![(phone.clone(), Answer::Choose("a".into()))],
        "only the good ballot"
    );

    std::thread::sleep(Duration::from_millis(600)); // the phone's vote allowance refills
    server.set_question(Some(question(OfferKind::Rank, &["a", "b", "c"])));
    assert_eq!(
        post(&server, "/k7m2p9x4qt/vote", &ballot(&phone, &["a", "b"])).status,
        422
    );
    assert_eq!(
        post(
            &server,
            "/k7m2p9x4qt/vote",
            &ballot(&phone, &["c", "a", "b"])
        )
        .status,
        200
    );
    std::thread::sleep(Duration::from_millis(600));
    server.set_question(Some(question(
        OfferKind::ChooseSeveral { pick: 2 },
        &["a", "b", "c"],
    )));
    assert_eq!(
        post(&server, "/k7m2p9x4qt/vote", &ballot(&phone, &["a", "a"])).status,
        422
    );
    assert_eq!(
        post(&server, "/k7m2p9x4qt/vote", &ballot(&phone, &["b", "c"])).status,
        200
    );
    assert_eq!(
        server.take_votes(),
        vec![
            (
                phone.clone(),
                Answer::Rank(vec!["c".into(), "a".into(), "b".into()])
            ),
            (phone, Answer::Several(vec!["b".into(), "c".into()])),
        ]
    );
}

#[test]
fn a_wrong_host_an_oversized_body_and_a_wrong_method_are_refused() {
    let server = server(10);
    let reply = send(
        server.address,
        "GET /k7m2p9x4qt/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(reply.status, 421);
    let big = format!(r#"{{"pin":"{}"}}"#, "1".repeat(MAX_BODY));
    assert_eq!(post(&server, "/k7m2p9x4qt/join", &big).status, 413);
    assert_eq!(post(&server, "/k7m2p9x4qt/", "{}").status, 405);
    assert_eq!(server.voters(), 0);
}

#[test]
fn wrong_pins_lock_the_address_out() {
    let server = server(10);
    for _ in 0..PIN_TRIES {
        assert_eq!(
            post(&server, "/k7m2p9x4qt/join", r#"{"pin":"000000"}"#).status,
            403
        );
    }
    let locked = post(&server, "/k7m2p9x4qt/join", r#"{"pin":"123456"}"#);
    assert_eq!(locked.status, 429, "even the right PIN, now");
    assert_eq!(server.voters(), 0);
}

#[test]
fn the_room_is_capped_and_a_flood_from_one_address_is_slowed() {
    let server = server(2);
    join(&server);
    join(&server);
    assert_eq!(
        post(&server, "/k7m2p9x4qt/join", r#"{"pin":"123456"}"#).status,
        503
    );
    assert_eq!(server.voters(), 2);
    let statuses: Vec<u16> = (0..80)
        .map(|_| get(&server, "/k7m2p9x4qt/vote.css", None).status)
        .collect();
    assert!(statuses.contains(&429), "a flood is refused: {statuses:?}");
}

#[test]
fn the_server_stops_when_dropped() {
    let server = server(10);
    let address = server.address;
    drop(server.server);
    std::thread::sleep(Duration::from_millis(200));
    assert!(TcpStream::connect_timeout(&address, Duration::from_millis(500)).is_err());
}

#[test]
fn one_phone_sending_vote_after_vote_is_slowed() {
    let server = server(10);
    let phone = join(&server);
    server.set_question(Some(question(OfferKind::Choose, &["a", "b"])));
    let statuses: Vec<u16> = (0..10)
        .map(|i| {
            post(
                &server,
                "/k7m2p9x4qt/vote",
                &ballot(&phone, &[["a", "b"][i % 2]]),
            )
            .status
        })
        .collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    let counted = statuses.iter().filter(|&&s| s == 200).count();
    assert_eq!(
        server.take_votes().len(),
        counted,
        "only accepted votes are queued"
    );
}

#[test]
fn a_changed_vote_is_counted_once_by_the_room() {
    let server = server(10);
    let phone = join(&server);
    let scenario = std::sync::Arc::new(
        feedwise_core::scenario::load::parse::<feedwise_core::scenario::Scenario>(
            &feedwise_core::scenario::source::SourceFile::read(&crate::common::repo(
                "tests/fixtures/engine/all-kinds.ron",
            ))
            .unwrap(),
        )
        .unwrap()
        .value,
    );
    let catalogue = std::sync::Arc::new(feedwise_core::scenario::Catalogue::embedded().unwrap());
    let mut room = feedwise_room::Room::new(scenario, catalogue, 7, Default::default());
    while room.phase() == feedwise_room::Phase::Watching {
        room.advance(Duration::from_secs(1));
    }
    room.open_voting().unwrap();
    let mut open = question(OfferKind::Choose, &["a", "b", "c"]);
    open.decision = "first".into();
    server.set_question(Some(open));
    for choice in ["a", "b"] {
        let body = serde_json::json!({ "device": phone, "decision": "first", "options": [choice] });
        assert_eq!(
            post(&server, "/k7m2p9x4qt/vote", &body.to_string()).status,
            200
        );
    }
    for (device, ballot) in server.take_votes() {
        room.vote(&device, ballot).unwrap();
    }
    let reveal = room.reveal().unwrap();
    let count = |id: &str| reveal.options.iter().find(|o| o.id == id).unwrap().count;
    assert_eq!(
        (reveal.voters, count("a"), count("b")),
        (1, 0, 1),
        "the later vote stands"
    );
}
