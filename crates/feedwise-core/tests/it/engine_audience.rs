//! Who plays: `by_audience` text follows the trainee's audience, transcripts keep it, and
//! old transcripts without it replay as the scenario's first audience.

use crate::common;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::common::{all_kinds, catalogue};
use feedwise_core::engine::{Answer, PlayEvent, Session, Transcript, record, replay};
use feedwise_core::scenario::load::{ron_options, to_ron};
use feedwise_core::scenario::{Audience, Happening, Profession, Scenario};

/// all-kinds for doctors and nurses, its message addressing the trainee through `by_audience`.
fn for_doctors_and_nurses() -> Arc<Scenario> {
    let mut scenario = (*all_kinds()).clone();
    scenario.audiences = vec![Audience::Doctor, Audience::Nurse];
    scenario.by_audience = BTreeMap::from([(
        "me_title".to_owned(),
        BTreeMap::from([
            (Audience::Doctor, "Dr {town}".to_owned()),
            (Audience::Nurse, "Nurse of {town}".to_owned()),
        ]),
    )]);
    for event in &mut scenario.beats[0].events {
        if let Happening::Message { text, .. } = &mut event.show {
            *text = "Are you {me_title}?".to_owned();
        }
    }
    Arc::new(scenario)
}

fn message(events: &[PlayEvent]) -> String {
    common::first_message(events).expect("the message is shown")
}

fn message_for(profession: Option<Profession>) -> (String, String) {
    let mut session = Session::playing_as(for_doctors_and_nurses(), catalogue(), 4, profession);
    let town = session.variables()["town"].clone();
    (message(&session.advance_to_decision()), town)
}

#[test]
fn the_trainees_own_audience_reads_its_text_with_variants_filled() {
    let (text, town) = message_for(Some(Profession::Nurse));
    assert_eq!(text, format!("Are you Nurse of {town}?"));
    let (text, town) = message_for(Some(Profession::Doctor));
    assert_eq!(text, format!("Are you Dr {town}?"));
}

#[test]
fn an_audience_the_scenario_does_not_list_reads_the_first_audiences_text() {
    for profession in [
        Some(Profession::Midwife),
        Some(Profession::Educator),
        Some(Profession::Paramedic),
        None,
    ] {
        let (text, town) = message_for(profession);
        assert_eq!(text, format!("Are you Dr {town}?"), "{profession:?}");
    }
}

#[test]
fn a_transcript_keeps_who_played_and_replays_their_text() {
    let scenario = for_doctors_and_nurses();
    let mut play = Session::playing_as(
        Arc::clone(&scenario),
        catalogue(),
        9,
        Some(Profession::Nurse),
    );
    let shown = message(&play.advance_to_decision());
    play.answer(Answer::Choose("a".into())).unwrap();
    let transcript = record(&play);
    assert_eq!(transcript.profession, Some(Profession::Nurse));
    let text = to_ron(&transcript).unwrap();
    let parsed: Transcript = ron_options().from_str(&text).unwrap();
    assert_eq!(parsed, transcript);
    let replayed = replay(Arc::clone(&scenario), catalogue(), &parsed);
    assert_eq!(replayed.session.audience(), Some(Audience::Nurse));
    assert_eq!(message(&replayed.events), shown);

    // A record written before the profession was kept has no such field: it still reads,
    // and replays as the scenario's first audience.
    let old = text.replace("    profession: Nurse,\n", "");
    assert_ne!(old, text, "the field was written: {text}");
    let parsed: Transcript = ron_options().from_str(&old).unwrap();
    assert_eq!(parsed.profession, None);
    let replayed = replay(scenario, catalogue(), &parsed);
    assert_eq!(replayed.session.audience(), Some(Audience::Doctor));
    assert!(message(&replayed.events).starts_with("Are you Dr "));
}
