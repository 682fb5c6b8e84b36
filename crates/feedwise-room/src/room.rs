//! A room playing one scenario together: the facilitator moves the timeline on, opens and
//! closes voting, reveals the room's split beside the key, and chooses which answer the story
//! follows (the room's, by default). Votes come from phones (one ballot per anonymous device,
//! changeable until voting closes) or as a show of hands typed in by the facilitator.
//!
//! The room owns the `Session`; time and votes come in as arguments, events and reveals go
//! out. Timed decisions wait for the room: its clock does not run while a decision is open.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use feedwise_core::engine::score::{self, MARKS_PER_OPTION};
use feedwise_core::engine::{Answer, AnswerError, OfferKind, PlayEvent, Session};
use feedwise_core::scenario::{Catalogue, DecisionKind, Grade, Profession, Scenario};

/// Phones counted at most per decision (the server refuses more first).
pub const MAX_VOTERS: usize = 500;

/// Below this share of the room for its most chosen option, the room is "split".
pub const SPLIT_BELOW_PERCENT: u32 = 60;

/// The phases with a decision on screen, not yet followed.
const DECIDING: [Phase; 4] = [Phase::Ready, Phase::Voting, Phase::Closed, Phase::Revealed];

/// Where the room is with the decision on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Phase {
    /// The timeline runs; no decision is waiting.
    Watching,
    /// A decision is on screen; voting has not opened.
    Ready,
    Voting,
    /// Voting has closed; the result is not shown yet.
    Closed,
    Revealed,
    /// The scenario has ended.
    Ended,
}

/// Why a vote or a request was refused; nothing changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoomError {
    #[error("voting is not open")]
    NotVoting,
    #[error("the room already has {MAX_VOTERS} voters")]
    Full,
    #[error("{0}")]
    Ballot(AnswerError),
    /// Show-of-hands counts must give one count per option.
    #[error("a show of hands needs one count per option ({expected}), but {given} were given")]
    Counts { expected: usize, given: usize },
    #[error("nobody has voted: take a show of hands or pick the option to follow")]
    NoVotes,
    #[error("not possible while the room is {0:?}")]
    Wrong(Phase),
    #[error("no decision has been followed yet")]
    NothingToUndo,
}

/// Who chose the answer the story followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FollowedBy {
    Room,
    Facilitator,
}

/// One option's share of the room, with what the key says about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionShare {
    pub id: String,
    pub text: String,
    /// Voters who chose it (`Choose`), put it first (`Rank`) or picked it (`ChooseSeveral`).
    pub count: u32,
    /// Of the voters, rounded.
    pub percent: u32,
    pub grade: Grade,
    pub critical: bool,
    pub feedback: String,
    /// Its references, those of the room's regulators first (all, when the plan names no
    /// professions), and the others.
    pub guidance: Vec<String>,
    pub also_guidance: Vec<String>,
    /// `Rank`: its place in the key, 0 = best.
    pub keyed_place: Option<usize>,
    /// `ChooseSeveral`: one of the keyed best.
    pub in_key: bool,
}

/// The room's SJT marks on a ranking or selection: every phone ballot scored exactly as one
/// trainee's answer is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RoomMarks {
    pub available: u32,
    pub mean: f64,
    /// Standard deviation.
    pub spread: f64,
    pub lowest: u32,
    pub highest: u32,
    pub ballots: u32,
}

/// What the reveal shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reveal {
    pub decision: String,
    pub prompt: String,
    pub kind: OfferKind,
    pub voters: u32,
    /// In the order the options are shown.
    pub options: Vec<OptionShare>,
    /// No option has `SPLIT_BELOW_PERCENT` of the voters.
    pub split: bool,
    pub marks: Option<RoomMarks>,
    /// The room's answer: the most chosen option; for a ranking the order by points (first
    /// place n-1 points ... last 0); for a selection the most picked options.
    pub room_answer: Option<Answer>,
    pub discuss: Vec<String>,
}

/// One option as the room saw it, with its count, for the summary and the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedOption {
    pub id: String,
    pub text: String,
    pub count: u32,
}

/// What happened at one decision, for the summary and the export: counts only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub decision: String,
    pub prompt: String,
    pub voters: u32,
    /// In the order shown: the room knows option 3 by its number and its words.
    pub options: Vec<RecordedOption>,
    pub marks: Option<RoomMarks>,
    pub followed: Vec<String>,
    pub followed_by: FollowedBy,
    pub split: bool,
}

impl Record {
    /// The answer followed as the room saw it, each option's number on screen and its words:
    /// `2. "Reply publicly" > 1. "Ignore it"`, as the summary and the export write it.
    pub fn followed_words(&self) -> String {
        let shown: Vec<String> = (self.followed.iter())
            .filter_map(|id| {
                let at = self.options.iter().position(|o| o.id == *id)?;
                Some(format!("{}. {}", at + 1, self.options[at].text))
            })
            .collect();
        shown.join(" > ")
    }
}

/// The ballots for the decision on screen.
#[derive(Debug, Clone, Default)]
struct Tally {
    /// By anonymous device id; a second vote from a device replaces its first.
    phones: BTreeMap<String, Answer>,
    /// Show of hands, one count per option in the order shown.
    hands: Option<Vec<u32>>,
}

pub struct Room {
    session: Session,
    seed: u64,
    phase: Phase,
    tally: Tally,
    /// Answers the story followed, to go back by replaying all but the last.
    followed: Vec<Answer>,
    records: Vec<Record>,
    /// Discussion prompts by decision id from the session plan.
    discuss: BTreeMap<String, Vec<String>>,
    /// The professions in the room, from the session plan.
    professions: Vec<Profession>,
}

impl Room {
    pub fn new(
        scenario: Arc<Scenario>,
        catalogue: Arc<Catalogue>,
        seed: u64,
        discuss: BTreeMap<String, Vec<String>>,
    ) -> Room {
        Room {
            session: Session::new(scenario, catalogue, seed),
            seed,
            phase: Phase::Watching,
            tally: Tally::default(),
            followed: Vec::new(),
            records: Vec::new(),
            discuss,
            professions: Vec::new(),
        }
    }

    /// The room of a plan that names its professions: its text is the first one's audience's,
    /// and the references of all their regulators come first. Before anything is played.
    pub fn with_professions(mut self, professions: Vec<Profession>) -> Room {
        self.session = Session::playing_as(
            self.session.shared_scenario(),
            self.session.shared_catalogue(),
            self.seed,
            professions.first().copied(),
        );
        self.professions = professions;
        self
    }

    /// The regulators of the room's professions, each once.
    pub fn regulators(&self) -> Vec<&'static str> {
        let mut regulators: Vec<&'static str> = Vec::new();
        for regulator in self.professions.iter().filter_map(|p| p.regulator()) {
            if !regulators.contains(&regulator) {
                regulators.push(regulator);
            }
        }
        regulators
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Lets scenario time pass while the room watches; a decision stops the clock until the
    /// room has answered it.
    pub fn advance(&mut self, elapsed: Duration) -> Vec<PlayEvent> {
        if self.phase != Phase::Watching {
            return Vec::new();
        }
        let events = self.session.advance(elapsed);
        self.note(&events);
        events
    }

    /// Jumps to the next event (the facilitator's skip).
    pub fn skip_ahead(&mut self) -> Vec<PlayEvent> {
        match self.session.next_event_in() {
            Some(wait) if self.phase == Phase::Watching => {
                self.advance(Duration::from_millis(wait))
            }
            _ => Vec::new(),
        }
    }

    fn note(&mut self, events: &[PlayEvent]) {
        for event in events {
            match event {
                PlayEvent::DecisionOffered(_) => {
                    self.phase = Phase::Ready;
                    self.tally = Tally::default();
                }
                PlayEvent::EndingReached { .. } | PlayEvent::DeadEnd { .. } => {
                    self.phase = Phase::Ended;
                }
                _ => {}
            }
        }
    }

    pub fn open_voting(&mut self) -> Result<(), RoomError> {
        self.move_to(Phase::Voting, &[Phase::Ready, Phase::Closed])
    }

    pub fn close_voting(&mut self) -> Result<(), RoomError> {
        self.move_to(Phase::Closed, &[Phase::Voting])
    }

    /// Moves to `phase` from one of `from`; from any other, refused.
    fn move_to(&mut self, phase: Phase, from: &[Phase]) -> Result<(), RoomError> {
        if !from.contains(&self.phase) {
            return Err(RoomError::Wrong(self.phase));
        }
        self.phase = phase;
        Ok(())
    }

    /// A phone's ballot, replacing any earlier one from the same device.
    pub fn vote(&mut self, device: &str, ballot: Answer) -> Result<(), RoomError> {
        if self.phase != Phase::Voting {
            return Err(RoomError::NotVoting);
        }
        self.session
            .check_answer(&ballot)
            .map_err(RoomError::Ballot)?;
        if !self.tally.phones.contains_key(device) && self.tally.phones.len() >= MAX_VOTERS {
            return Err(RoomError::Full);
        }
        self.tally.phones.insert(device.to_owned(), ballot);
        Ok(())
    }

    /// Phones that have voted on the decision on screen.
    pub fn phone_votes(&self) -> usize {
        self.tally.phones.len()
    }

    /// A show of hands: one count per option, in the order shown. Replaces an earlier count.
    pub fn hands(&mut self, counts: Vec<u32>) -> Result<(), RoomError> {
        if !matches!(self.phase, Phase::Ready | Phase::Voting | Phase::Closed) {
            return Err(RoomError::Wrong(self.phase));
        }
        let options = self
            .session
            .pending()
            .map_or(0, |offer| offer.options.len());
        if counts.len() != options {
            return Err(RoomError::Counts {
                expected: options,
                given: counts.len(),
            });
        }
        self.tally.hands = Some(counts);
        Ok(())
    }

    /// Closes voting if open and shows the result.
    pub fn reveal(&mut self) -> Result<Reveal, RoomError> {
        self.move_to(Phase::Revealed, &DECIDING)?;
        self.current_reveal()
    }

    /// The result so far for the decision on screen (the presenter view shows it live).
    pub fn current_reveal(&self) -> Result<Reveal, RoomError> {
        let offer = self.session.pending().ok_or(RoomError::Wrong(self.phase))?;
        let decision = self
            .session
            .pending_decision()
            .ok_or(RoomError::Wrong(self.phase))?;
        let ids: Vec<&str> = offer.options.iter().map(|o| o.id.as_str()).collect();
        let counts = self.counts(&ids, offer.kind);
        let voters = self.voters(offer.kind);
        let (keyed, key_set): (Vec<String>, Vec<String>) = match &decision.kind {
            DecisionKind::Rank { key } => (key.clone(), Vec::new()),
            DecisionKind::ChooseSeveral { key, .. } => (Vec::new(), key.clone()),
            DecisionKind::Choose => (Vec::new(), Vec::new()),
        };
        let options: Vec<OptionShare> = offer
            .options
            .iter()
            .zip(&counts)
            .filter_map(|(shown, &count)| {
                let option = decision.option(&shown.id)?;
                let guidance =
                    (self.session.catalogue()).guidance_for(&self.regulators(), &option.cite);
                Some(OptionShare {
                    id: shown.id.clone(),
                    text: shown.text.clone(),
                    count,
                    percent: percent(count, voters),
                    grade: option.grade,
                    critical: option.critical,
                    feedback: self.session.fill(&option.feedback),
                    guidance: guidance.first,
                    also_guidance: guidance.also,
                    keyed_place: keyed.iter().position(|k| *k == shown.id),
                    in_key: key_set.contains(&shown.id),
                })
            })
            .collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        // The room reads the same names as the story: `{variables}` filled, as in the prompt.
        let discuss = (decision.discuss.iter())
            .chain(self.discuss.get(&decision.id).into_iter().flatten())
            .map(|question| self.session.fill(question))
            .collect();
        Ok(Reveal {
            decision: decision.id.clone(),
            prompt: offer.prompt.clone(),
            kind: offer.kind,
            voters,
            split: voters > 0 && percent(most, voters) < SPLIT_BELOW_PERCENT,
            marks: self.marks(&decision.kind),
            room_answer: self.room_answer(&ids, decision, offer.kind, &counts),
            options,
            discuss,
        })
    }

    /// Per option in the order shown: phone ballots plus hands.
    fn counts(&self, ids: &[&str], kind: OfferKind) -> Vec<u32> {
        let mut counts = self
            .tally
            .hands
            .clone()
            .unwrap_or_else(|| vec![0; ids.len()]);
        for ballot in self.tally.phones.values() {
            let counted: Vec<&String> = match (kind, ballot) {
                (OfferKind::Choose, Answer::Choose(id)) => vec![id],
                (OfferKind::Rank, Answer::Rank(order)) => order.iter().take(1).collect(),
                (OfferKind::ChooseSeveral { .. }, Answer::Several(picked)) => {
                    picked.iter().collect()
                }
                _ => Vec::new(),
            };
            for id in counted {
                if let Some(i) = ids.iter().position(|o| o == id) {
                    counts[i] += 1;
                }
            }
        }
        counts
    }

    /// People who voted: phones plus hands (for a selection, hands over the number picked).
    fn voters(&self, kind: OfferKind) -> u32 {
        let phones = self.tally.phones.len() as u32;
        let hands: u32 = self.tally.hands.iter().flatten().sum();
        let hands = match kind {
            OfferKind::ChooseSeveral { pick } => hands.div_ceil(pick.max(1)),
            _ => hands,
        };
        phones + hands
    }

    fn marks(&self, kind: &DecisionKind) -> Option<RoomMarks> {
        let scored: Vec<(u32, u32)> = self
            .tally
            .phones
            .values()
            .filter_map(|ballot| match (kind, ballot) {
                (DecisionKind::Rank { key }, Answer::Rank(order)) => {
                    let marks = score::rank_marks(key, &score::placements_of(order));
                    Some((marks.iter().sum(), MARKS_PER_OPTION * key.len() as u32))
                }
                (DecisionKind::ChooseSeveral { pick, key }, Answer::Several(picked)) => Some((
                    score::several_marks(key, picked, *pick as usize),
                    MARKS_PER_OPTION * pick,
                )),
                _ => None,
            })
            .collect();
        let available = scored.first()?.1;
        let n = scored.len() as f64;
        let mean = scored.iter().map(|s| f64::from(s.0)).sum::<f64>() / n;
        let variance = scored
            .iter()
            .map(|s| (f64::from(s.0) - mean).powi(2))
            .sum::<f64>()
            / n;
        Some(RoomMarks {
            available,
            mean,
            spread: variance.sqrt(),
            lowest: scored.iter().map(|s| s.0).min().unwrap_or(0),
            highest: scored.iter().map(|s| s.0).max().unwrap_or(0),
            ballots: scored.len() as u32,
        })
    }

    fn room_answer(
        &self,
        ids: &[&str],
        decision: &feedwise_core::scenario::Decision,
        kind: OfferKind,
        counts: &[u32],
    ) -> Option<Answer> {
        if counts.iter().all(|&c| c == 0) {
            return None;
        }
        // Ties go to the option listed first in the scenario, so the result never depends on
        // the seeded order the room saw.
        let listed = |id: &str| {
            decision
                .options
                .iter()
                .position(|o| o.id == id)
                .unwrap_or(usize::MAX)
        };
        let by = |score: &dyn Fn(usize) -> i64| -> Vec<String> {
            let mut order: Vec<usize> = (0..ids.len()).collect();
            order.sort_by_key(|&i| (std::cmp::Reverse(score(i)), listed(ids[i])));
            order.into_iter().map(|i| ids[i].to_owned()).collect()
        };
        let by_count = || by(&|i| i64::from(counts[i])).into_iter();
        match kind {
            OfferKind::Choose => by_count().next().map(Answer::Choose),
            OfferKind::ChooseSeveral { pick } => {
                Some(Answer::Several(by_count().take(pick as usize).collect()))
            }
            OfferKind::Rank => {
                // Points: n-1 for first place ... 0 for last, from every full ranking; hands
                // (first choices only) count as first places.
                let n = ids.len() as i64;
                let mut points = vec![0i64; ids.len()];
                for ballot in self.tally.phones.values() {
                    if let Answer::Rank(order) = ballot {
                        for (place, id) in order.iter().enumerate() {
                            if let Some(i) = ids.iter().position(|o| o == id) {
                                points[i] += n - 1 - place as i64;
                            }
                        }
                    }
                }
                for (i, hands) in self.tally.hands.iter().flatten().enumerate() {
                    points[i] += (n - 1) * i64::from(*hands);
                }
                Some(Answer::Rank(by(&|i| points[i])))
            }
        }
    }

    /// Follows an answer: the facilitator's, or the room's when `None`. The decision's counts
    /// are kept in the summary and its ballots dropped.
    pub fn follow(&mut self, pick: Option<Answer>) -> Result<Vec<PlayEvent>, RoomError> {
        if !DECIDING.contains(&self.phase) {
            return Err(RoomError::Wrong(self.phase));
        }
        let reveal = self.current_reveal()?;
        let followed_by = if pick.is_some() {
            FollowedBy::Facilitator
        } else {
            FollowedBy::Room
        };
        let answer = pick
            .or_else(|| reveal.room_answer.clone())
            .ok_or(RoomError::NoVotes)?;
        let events = self
            .session
            .answer(answer.clone())
            .map_err(RoomError::Ballot)?;
        self.records.push(Record {
            decision: reveal.decision,
            prompt: reveal.prompt,
            voters: reveal.voters,
            options: reveal
                .options
                .iter()
                .map(|o| RecordedOption {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    count: o.count,
                })
                .collect(),
            marks: reveal.marks,
            followed: answer.ids(),
            followed_by,
            split: reveal.split,
        });
        self.followed.push(answer);
        self.tally = Tally::default();
        self.phase = Phase::Watching;
        self.note(&events);
        Ok(events)
    }

    /// Goes back to the last decision followed: the story is replayed from the start with
    /// every answer but that one. Returns all that is visible again, to redraw the feed.
    pub fn back(&mut self) -> Result<Vec<PlayEvent>, RoomError> {
        self.followed.pop().ok_or(RoomError::NothingToUndo)?;
        self.records.pop();
        let (mut session, mut events, refused) = self.replay_followed(
            self.session.shared_scenario(),
            self.session.shared_catalogue(),
        );
        if let Some((_, refused)) = refused {
            return Err(refused);
        }
        events.extend(session.advance_to_decision());
        self.session = session;
        self.tally = Tally::default();
        self.phase = Phase::Watching;
        self.note(&events);
        Ok(events)
    }

    /// Plays the story again on a new version of its scenario or catalogue (an author saved
    /// a file): the answers followed so far are replayed, then the clock is brought back to
    /// where it was. Where a followed answer no longer applies (its decision is not offered
    /// there, or lost that option), the story stops at that point, the answers from there on
    /// are dropped with their records, and that decision's id is returned. A decision still
    /// open with the same options keeps its votes and its phase.
    pub fn reload(
        &mut self,
        scenario: Arc<Scenario>,
        catalogue: Arc<Catalogue>,
    ) -> (Vec<PlayEvent>, Option<String>) {
        let clock = self.session.clock();
        let open = self.session.pending().map(option_ids);
        let (phase, tally) = (self.phase, std::mem::take(&mut self.tally));
        let (mut session, mut events, refused) = self.replay_followed(scenario, catalogue);
        let kept = refused
            .as_ref()
            .map_or(self.followed.len(), |(index, _)| *index);
        let stopped = refused.map(|_| self.records[kept].decision.clone());
        self.followed.truncate(kept);
        self.records.truncate(kept);
        if stopped.is_none() {
            let behind = clock.saturating_sub(session.clock());
            events.extend(session.advance(Duration::from_millis(behind)));
        } else {
            events.extend(session.advance_to_decision());
        }
        self.session = session;
        self.phase = Phase::Watching;
        self.note(&events);
        let same_open = open.is_some() && self.session.pending().map(option_ids) == open;
        if stopped.is_none() && same_open {
            self.phase = phase;
            self.tally = tally;
        }
        (events, stopped)
    }

    /// A new session on this scenario and catalogue with the followed answers replayed, up to
    /// the first that no longer applies (its decision is not the one offered there, or the
    /// answer is refused): the session, what became visible, and where and why it stopped.
    fn replay_followed(
        &self,
        scenario: Arc<Scenario>,
        catalogue: Arc<Catalogue>,
    ) -> (Session, Vec<PlayEvent>, Option<(usize, RoomError)>) {
        let mut session = Session::playing_as(
            scenario,
            catalogue,
            self.seed,
            self.professions.first().copied(),
        );
        let mut events = Vec::new();
        for (index, (answer, record)) in self.followed.iter().zip(&self.records).enumerate() {
            events.extend(session.advance_to_decision());
            if session.pending().map(|offer| &offer.decision) != Some(&record.decision) {
                let offered = RoomError::Wrong(Phase::Watching);
                return (session, events, Some((index, offered)));
            }
            match session.answer(answer.clone()) {
                Ok(shown) => events.extend(shown),
                Err(error) => return (session, events, Some((index, RoomError::Ballot(error)))),
            }
        }
        (session, events, None)
    }
}

/// A decision's option ids in the order shown: votes and hands are kept across a reload only
/// when these are unchanged.
fn option_ids(offer: &feedwise_core::engine::Offer) -> (String, Vec<String>) {
    (
        offer.decision.clone(),
        offer.options.iter().map(|o| o.id.clone()).collect(),
    )
}

fn percent(count: u32, of: u32) -> u32 {
    if of == 0 {
        return 0;
    }
    ((u64::from(count) * 100 + u64::from(of) / 2) / u64::from(of)) as u32
}
