//! A session plays one scenario: the caller feeds elapsed time and answers; the session
//! returns what becomes visible, in order. It reads no clock and no global randomness, so
//! the same scenario, seed and inputs give the same events.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::answer::{Answer, AnswerError, kind_word};
use super::decision_time::DecisionTime;
use super::flow::{self, Flags, Node};
use super::outcome::{Millis, Outcome, Scoring, score_answer, score_timeout};
use super::{by_audience, seed};
use crate::scenario::text::interpolate;
use crate::scenario::{
    Audience, Beat, Catalogue, Decision, DecisionKind, DecisionOption, Event, Happening, Persona,
    Platform, Profession, Scenario, audience_played,
};

/// Something that became visible, or a change in what the trainee must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PlayEvent {
    /// A beat began (its events follow as their time comes).
    BeatStarted { beat: String, at: Millis },
    /// A post, reply, message, notification, count change, deletion or screenshot appeared,
    /// with its text filled in.
    Shown { at: Millis, happening: Happening },
    /// The timeline is paused until an answer (or, when timed, until time runs out).
    DecisionOffered(Offer),
    /// Time ran out on a timed decision; its default was taken.
    TimedOut { decision: String, default: String },
    /// A decision was scored.
    Decided(Box<Outcome>),
    /// An ending was reached; the scenario is over.
    EndingReached {
        ending: String,
        title: String,
        debrief: String,
        at: Millis,
    },
    /// No way on from a beat (an unchecked scenario): play stops here.
    DeadEnd { beat: String, at: Millis },
}

/// A decision as offered: its options in the seeded order they are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub decision: String,
    pub prompt: String,
    pub kind: OfferKind,
    pub options: Vec<OfferedOption>,
    /// Seconds allowed, when timed.
    pub time_limit: Option<u32>,
    pub at: Millis,
}

impl Offer {
    /// The answer that takes the options as shown: the first, all in the order shown, or the
    /// first `pick` (a script's or a test's stand-in for a trainee).
    pub fn answer_as_shown(&self) -> Answer {
        let mut ids = self.options.iter().map(|o| o.id.clone());
        match self.kind {
            OfferKind::Choose => Answer::Choose(ids.next().unwrap_or_default()),
            OfferKind::Rank => Answer::Rank(ids.collect()),
            OfferKind::ChooseSeveral { pick } => Answer::Several(ids.take(pick as usize).collect()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OfferKind {
    Choose,
    Rank,
    ChooseSeveral { pick: u32 },
}

impl OfferKind {
    /// What a decision of this kind asks of the trainee (the key stays in the decision).
    pub fn of(kind: &DecisionKind) -> OfferKind {
        match kind {
            DecisionKind::Choose => OfferKind::Choose,
            DecisionKind::Rank { .. } => OfferKind::Rank,
            DecisionKind::ChooseSeveral { pick, .. } => OfferKind::ChooseSeveral { pick: *pick },
        }
    }

    /// The answer of this kind naming `ids` (a list, as a phone sends it): one id to choose,
    /// the ids best first to rank, the ids picked. Checked by `check_against`, not here, but for
    /// a choice of other than one option.
    pub fn answer(self, decision: &str, ids: Vec<String>) -> Result<Answer, AnswerError> {
        match self {
            OfferKind::Choose => match <[String; 1]>::try_from(ids) {
                Ok([id]) => Ok(Answer::Choose(id)),
                Err(ids) => Err(AnswerError::WrongCount {
                    decision: decision.to_owned(),
                    expected: 1,
                    given: ids.len(),
                }),
            },
            OfferKind::Rank => Ok(Answer::Rank(ids)),
            OfferKind::ChooseSeveral { .. } => Ok(Answer::Several(ids)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfferedOption {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
struct Pending {
    beat: usize,
    offer: Offer,
    waited: Millis,
}

/// One play of a scenario.
#[derive(Debug, Clone)]
pub struct Session {
    scenario: Arc<Scenario>,
    /// Beats and endings by id, shared by clones of the session.
    nodes: Arc<HashMap<String, Node>>,
    catalogue: Arc<Catalogue>,
    seed: u64,
    /// Who plays, when known; it picks the `by_audience` text.
    profession: Option<Profession>,
    audience: Option<Audience>,
    variables: BTreeMap<String, String>,
    node: Option<Node>,
    /// Timeline time since the start; it stands still while a decision is pending.
    clock: Millis,
    /// Timeline time since the current beat or ending began.
    beat_clock: Millis,
    next_event: usize,
    announced: bool,
    pending: Option<Pending>,
    flags: Flags,
    outcomes: Vec<Outcome>,
    ended: Option<usize>,
    stopped: bool,
    /// The beat play last left, to name a dead end.
    left_beat: Option<usize>,
    /// How long timed decisions allow.
    decision_time: DecisionTime,
}

impl Session {
    /// A session played as the scenario's first audience (nobody said who plays).
    pub fn new(scenario: Arc<Scenario>, catalogue: Arc<Catalogue>, seed: u64) -> Session {
        Session::playing_as(scenario, catalogue, seed, None)
    }

    /// A session played by someone of `profession`: their audience's `by_audience` text when
    /// the scenario lists that audience, else the first audience's.
    pub fn playing_as(
        scenario: Arc<Scenario>,
        catalogue: Arc<Catalogue>,
        seed: u64,
        profession: Option<Profession>,
    ) -> Session {
        let audience = audience_played(profession, &scenario.audiences);
        let mut variables = seed::pick_variables(&scenario, seed);
        let by_audience = by_audience::audience_variables(&scenario, audience, &variables);
        // A name in both is an error `check` reports; the variant keeps its value.
        for (name, text) in by_audience {
            variables.entry(name).or_insert(text);
        }
        let nodes = Arc::new(flow::node_index(&scenario));
        let node = nodes.get(&scenario.start).copied();
        Session {
            scenario,
            nodes,
            catalogue,
            seed,
            profession,
            audience,
            variables,
            node,
            clock: 0,
            beat_clock: 0,
            next_event: 0,
            announced: false,
            pending: None,
            flags: Flags::new(),
            outcomes: Vec::new(),
            ended: None,
            stopped: false,
            left_beat: None,
            decision_time: DecisionTime::Normal,
        }
    }

    /// The same session with timed decisions allowing `time` (set before play starts: a
    /// decision already offered keeps its limit).
    pub fn with_decision_time(mut self, time: DecisionTime) -> Session {
        self.decision_time = time;
        self
    }

    pub fn decision_time(&self) -> DecisionTime {
        self.decision_time
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Who plays, when known.
    pub fn profession(&self) -> Option<Profession> {
        self.profession
    }

    /// The audience whose `by_audience` text this session reads.
    pub fn audience(&self) -> Option<Audience> {
        self.audience
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    pub fn shared_scenario(&self) -> Arc<Scenario> {
        Arc::clone(&self.scenario)
    }

    pub fn shared_catalogue(&self) -> Arc<Catalogue> {
        Arc::clone(&self.catalogue)
    }

    /// The values the seed picked for `{variables}`.
    pub fn variables(&self) -> &BTreeMap<String, String> {
        &self.variables
    }

    /// A text with this session's `{variables}` filled in.
    pub fn fill(&self, text: &str) -> String {
        interpolate(text, &|name| self.variables.get(name).cloned())
    }

    /// The scenario's platform with its `{variables}` filled in.
    pub fn platform(&self) -> Platform {
        match &self.scenario.platform {
            Platform::GroupChat { name, members } => Platform::GroupChat {
                name: self.fill(name),
                members: *members,
            },
            other => other.clone(),
        }
    }

    /// A persona with its name, handle and bio filled in.
    pub fn persona(&self, id: &str) -> Option<Persona> {
        let mut persona = self.scenario.persona(id)?.clone();
        persona.name = self.fill(&persona.name);
        persona.handle = self.fill(&persona.handle);
        persona.bio = persona.bio.map(|bio| self.fill(&bio));
        Some(persona)
    }

    /// Timeline time since the start.
    pub fn clock(&self) -> Millis {
        self.clock
    }

    /// The decision waiting for an answer, if any.
    pub fn pending(&self) -> Option<&Offer> {
        self.pending.as_ref().map(|p| &p.offer)
    }

    /// Time left on a pending timed decision.
    pub fn time_left(&self) -> Option<Millis> {
        let pending = self.pending.as_ref()?;
        let limit = Millis::from(pending.offer.time_limit?) * 1000;
        Some(limit.saturating_sub(pending.waited))
    }

    /// Timeline time until the next event is due, while no decision is pending: lets a
    /// trainee skip the wait. `Some(0)` when something is due now (a move or a decision).
    pub fn next_event_in(&self) -> Option<Millis> {
        if self.pending.is_some() || self.stopped {
            return None;
        }
        let node = self.node?;
        match events_at(&self.scenario, node).get(self.next_event) {
            Some(event) => Some((Millis::from(event.at) * 1000).saturating_sub(self.beat_clock)),
            None => Some(0),
        }
    }

    /// Whether the scenario is over (an ending reached, or a dead end).
    pub fn is_finished(&self) -> bool {
        self.stopped
    }

    /// The ending reached, by id.
    pub fn ending(&self) -> Option<&str> {
        self.ended.map(|i| self.scenario.endings[i].id.as_str())
    }

    /// Every decision scored so far, in order.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    pub fn flags(&self) -> &Flags {
        &self.flags
    }

    /// The beat being played, by id (none at an ending).
    pub fn beat(&self) -> Option<&str> {
        match self.node {
            Some(Node::Beat(i)) => Some(self.scenario.beats[i].id.as_str()),
            _ => None,
        }
    }

    /// Lets `elapsed` of scenario time pass and returns what became visible, in order.
    /// While a decision is pending the timeline stands still; a timed decision's clock runs.
    /// Play stops after a decision is scored so the trainee can read the feedback.
    pub fn advance(&mut self, elapsed: Duration) -> Vec<PlayEvent> {
        self.run(elapsed, false)
    }

    /// Plays on, however long it takes, until a decision is offered or the scenario ends;
    /// spends no time waiting on the decision. For terminal play, replays and tests.
    pub fn advance_to_decision(&mut self) -> Vec<PlayEvent> {
        if self.pending.is_some() {
            return Vec::new();
        }
        self.run(Duration::MAX, true)
    }

    fn run(&mut self, elapsed: Duration, stop_at_offer: bool) -> Vec<PlayEvent> {
        let mut budget = Millis::try_from(elapsed.as_millis()).unwrap_or(Millis::MAX);
        let mut out = Vec::new();
        // Moves without time passing are bounded so that a looping (unchecked) scenario
        // cannot hang the caller.
        let mut moves_left = self.scenario.beats.len() + self.scenario.endings.len() + 1;
        while !self.stopped {
            let Some(node) = self.node else {
                self.stop_dead_end(&mut out);
                break;
            };
            if !self.announced {
                self.announced = true;
                if let Node::Beat(i) = node {
                    out.push(PlayEvent::BeatStarted {
                        beat: self.scenario.beats[i].id.clone(),
                        at: self.clock,
                    });
                }
            }
            if let Some(pending) = &mut self.pending {
                let Some(limit) = pending.offer.time_limit.map(|s| Millis::from(s) * 1000) else {
                    pending.waited = pending.waited.saturating_add(budget);
                    break;
                };
                let remaining = limit.saturating_sub(pending.waited);
                if budget < remaining {
                    pending.waited += budget;
                    break;
                }
                pending.waited = limit;
                self.time_out(&mut out);
                break;
            }
            let scenario = Arc::clone(&self.scenario);
            if let Some(event) = events_at(&scenario, node).get(self.next_event) {
                let due = Millis::from(event.at) * 1000;
                let wait = due.saturating_sub(self.beat_clock);
                if wait > budget {
                    self.beat_clock += budget;
                    self.clock += budget;
                    break;
                }
                budget -= wait;
                self.beat_clock += wait;
                self.clock += wait;
                let happening = self.fill_happening(&event.show);
                out.push(PlayEvent::Shown {
                    at: self.clock,
                    happening,
                });
                self.next_event += 1;
                continue;
            }
            match node {
                Node::Ending(i) => {
                    let ending = &self.scenario.endings[i];
                    out.push(PlayEvent::EndingReached {
                        ending: ending.id.clone(),
                        title: self.fill(&ending.title),
                        debrief: self.fill(&ending.debrief),
                        at: self.clock,
                    });
                    self.ended = Some(i);
                    self.stopped = true;
                }
                Node::Beat(i) => {
                    if let Some(decision) = &self.scenario.beats[i].decision {
                        let offer = self.offer(decision);
                        out.push(PlayEvent::DecisionOffered(offer.clone()));
                        self.pending = Some(Pending {
                            beat: i,
                            offer,
                            waited: 0,
                        });
                        if stop_at_offer {
                            break;
                        }
                        continue;
                    }
                    if moves_left == 0 {
                        self.stop_dead_end(&mut out);
                        break;
                    }
                    moves_left -= 1;
                    let next = flow::route(&self.scenario.beats[i], &self.flags).map(str::to_owned);
                    self.move_to(next.as_deref());
                }
            }
        }
        out
    }

    /// The decision waiting for an answer, as the scenario writes it.
    pub fn pending_decision(&self) -> Option<&Decision> {
        let pending = self.pending.as_ref()?;
        self.scenario.beats[pending.beat].decision.as_ref()
    }

    /// Whether `answer` would be accepted by the pending decision, without giving it.
    pub fn check_answer(&self, answer: &Answer) -> Result<(), AnswerError> {
        if self.stopped {
            return Err(AnswerError::Finished);
        }
        let decision = self.pending_decision().ok_or(AnswerError::NothingPending)?;
        validate(decision, answer).map(|_| ())
    }

    /// Scores with this run's catalogue, its names filled in, and the regulator of who plays
    /// (whose guidance the feedback lists first).
    fn scored(&self, score: impl FnOnce(Scoring<'_>) -> Outcome) -> Outcome {
        let regulators: Vec<&str> = (self.profession().and_then(|p| p.regulator()))
            .into_iter()
            .collect();
        score(Scoring {
            catalogue: &self.catalogue,
            fill: &|t| self.fill(t),
            regulators: &regulators,
        })
    }

    /// Answers the pending decision. A refused answer changes nothing.
    pub fn answer(&mut self, answer: Answer) -> Result<Vec<PlayEvent>, AnswerError> {
        if self.stopped {
            return Err(AnswerError::Finished);
        }
        let pending = self.pending.as_ref().ok_or(AnswerError::NothingPending)?;
        let scenario = Arc::clone(&self.scenario);
        let beat = &scenario.beats[pending.beat];
        let decision = beat.decision.as_ref().ok_or(AnswerError::NothingPending)?;
        let chosen = validate(decision, &answer)?;
        let outcome = self.scored(|scoring| score_answer(decision, &chosen, scoring));
        let acting = flow::acting_options(decision, &chosen);
        Ok(vec![self.conclude(beat, &acting, outcome)])
    }

    fn time_out(&mut self, out: &mut Vec<PlayEvent>) {
        let Some(pending) = &self.pending else { return };
        let scenario = Arc::clone(&self.scenario);
        let beat = &scenario.beats[pending.beat];
        let Some(decision) = &beat.decision else {
            return;
        };
        let Some(timeout) = &decision.timeout else {
            return;
        };
        let outcome = self.scored(|scoring| score_timeout(decision, &timeout.default, scoring));
        out.push(PlayEvent::TimedOut {
            decision: decision.id.clone(),
            default: timeout.default.id.clone(),
        });
        out.push(self.conclude(beat, &[&timeout.default], outcome));
    }

    /// Ends the pending decision with `outcome`: the `acting` options set their flags and
    /// play moves on from `beat`.
    fn conclude(
        &mut self,
        beat: &Beat,
        acting: &[&DecisionOption],
        mut outcome: Outcome,
    ) -> PlayEvent {
        if let Some(pending) = self.pending.take() {
            outcome.offered_at = pending.offer.at;
            outcome.took = pending.waited;
        }
        for option in acting {
            self.flags.extend(option.set.iter().cloned());
        }
        let next = flow::destination(beat, acting, &self.flags).map(str::to_owned);
        self.outcomes.push(outcome.clone());
        self.move_to(next.as_deref());
        PlayEvent::Decided(Box::new(outcome))
    }

    fn move_to(&mut self, id: Option<&str>) {
        if let Some(Node::Beat(i)) = self.node {
            self.left_beat = Some(i);
        }
        self.node = id.and_then(|id| self.nodes.get(id).copied());
        self.beat_clock = 0;
        self.next_event = 0;
        self.announced = false;
    }

    fn stop_dead_end(&mut self, out: &mut Vec<PlayEvent>) {
        // With no node, play stopped on the way out of the last beat.
        let beat = match self.node {
            Some(Node::Beat(i)) => Some(i),
            _ => self.left_beat,
        }
        .map_or_else(String::new, |i| self.scenario.beats[i].id.clone());
        out.push(PlayEvent::DeadEnd {
            beat,
            at: self.clock,
        });
        self.stopped = true;
    }

    fn offer(&self, decision: &Decision) -> Offer {
        let ids: Vec<String> = decision.options.iter().map(|o| o.id.clone()).collect();
        let order = seed::option_order(self.seed, &decision.id, &ids);
        let options = order
            .into_iter()
            .filter_map(|id| decision.option(&id))
            .map(|option| OfferedOption {
                id: option.id.clone(),
                text: self.fill(&option.text),
            })
            .collect();
        Offer {
            decision: decision.id.clone(),
            prompt: self.fill(&decision.prompt),
            kind: OfferKind::of(&decision.kind),
            options,
            time_limit: decision
                .timeout
                .as_ref()
                .and_then(|t| self.decision_time.limit(t.seconds)),
            at: self.clock,
        }
    }

    fn fill_happening(&self, happening: &Happening) -> Happening {
        let mut filled = happening.clone();
        match &mut filled {
            Happening::Post { text, shows, .. } => {
                *shows = shows.as_deref().map(|shows| self.fill(shows));
                *text = self.fill(text);
            }
            Happening::Reply { text, .. }
            | Happening::Message { text, .. }
            | Happening::Notification { text, .. }
            | Happening::Resurfaced { text, .. } => *text = self.fill(text),
            Happening::Engagement { .. } | Happening::Deleted { .. } => {}
        }
        filled
    }
}

fn events_at(scenario: &Scenario, node: Node) -> &[Event] {
    match node {
        Node::Beat(i) => &scenario.beats[i].events,
        Node::Ending(i) => &scenario.endings[i].events,
    }
}

/// Checks an answer against the decision and returns the option ids it names, in order.
fn validate(decision: &Decision, answer: &Answer) -> Result<Vec<String>, AnswerError> {
    let known: Vec<&str> = decision.options.iter().map(|o| o.id.as_str()).collect();
    check_against(&decision.id, OfferKind::of(&decision.kind), &known, answer)
}

/// The one check of an answer: of the kind the decision asks for, naming only its options
/// (`known`), none twice, every one for a ranking and `pick` for a selection. The session, the
/// room and the voting server all answer with it. Returns the option ids named, in order.
pub fn check_against(
    decision: &str,
    kind: OfferKind,
    known: &[&str],
    answer: &Answer,
) -> Result<Vec<String>, AnswerError> {
    let id = || decision.to_owned();
    let (expected, matches) = match kind {
        OfferKind::Choose => ("one option (Choose)", matches!(answer, Answer::Choose(_))),
        OfferKind::Rank => ("a ranking (Rank)", matches!(answer, Answer::Rank(_))),
        OfferKind::ChooseSeveral { .. } => (
            "a selection (ChooseSeveral)",
            matches!(answer, Answer::Several(_)),
        ),
    };
    if !matches {
        return Err(AnswerError::WrongKind {
            decision: id(),
            expected,
            given: kind_word(answer),
        });
    }
    let ids = answer.ids();
    for (i, option) in ids.iter().enumerate() {
        if !known.contains(&option.as_str()) {
            return Err(AnswerError::UnknownOption {
                decision: id(),
                option: option.clone(),
                known: known.iter().map(|o| (*o).to_owned()).collect(),
            });
        }
        if ids[..i].contains(option) {
            return Err(AnswerError::Repeated {
                decision: id(),
                option: option.clone(),
            });
        }
    }
    match kind {
        OfferKind::Choose => {}
        OfferKind::Rank => {
            let missing: Vec<String> = known
                .iter()
                .filter(|o| !ids.iter().any(|id| id == *o))
                .map(|o| (*o).to_owned())
                .collect();
            if !missing.is_empty() {
                return Err(AnswerError::NotAPermutation {
                    decision: id(),
                    missing,
                });
            }
        }
        OfferKind::ChooseSeveral { pick } => {
            if ids.len() != pick as usize {
                return Err(AnswerError::WrongCount {
                    decision: id(),
                    expected: pick as usize,
                    given: ids.len(),
                });
            }
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_list_of_ids_becomes_the_answer_its_kind_asks_for() {
        let several = OfferKind::ChooseSeveral { pick: 2 };
        assert_eq!(
            OfferKind::Choose.answer("d", ids(&["a"])),
            Ok(Answer::Choose("a".into()))
        );
        assert_eq!(
            OfferKind::Choose.answer("d", ids(&["a", "b"])),
            Err(AnswerError::WrongCount {
                decision: "d".into(),
                expected: 1,
                given: 2
            })
        );
        assert_eq!(
            several.answer("d", ids(&["a", "b"])),
            Ok(Answer::Several(ids(&["a", "b"])))
        );
        assert_eq!(
            OfferKind::Rank.answer("d", ids(&["b", "a"])),
            Ok(Answer::Rank(ids(&["b", "a"])))
        );
    }

    #[test]
    fn one_check_refuses_unknown_repeated_incomplete_and_miscounted_answers() {
        let known = ["a", "b", "c"];
        let check = |kind, answer: Answer| check_against("d", kind, &known, &answer);
        assert_eq!(
            check(OfferKind::Choose, Answer::Choose("b".into())),
            Ok(ids(&["b"]))
        );
        assert!(matches!(
            check(OfferKind::Choose, Answer::Choose("z".into())),
            Err(AnswerError::UnknownOption { .. })
        ));
        assert!(matches!(
            check(OfferKind::Choose, Answer::Rank(ids(&["a", "b", "c"]))),
            Err(AnswerError::WrongKind { .. })
        ));
        assert!(matches!(
            check(OfferKind::Rank, Answer::Rank(ids(&["a", "a", "b"]))),
            Err(AnswerError::Repeated { .. })
        ));
        assert_eq!(
            check(OfferKind::Rank, Answer::Rank(ids(&["a", "b"]))),
            Err(AnswerError::NotAPermutation {
                decision: "d".into(),
                missing: ids(&["c"])
            })
        );
        assert!(matches!(
            check(
                OfferKind::ChooseSeveral { pick: 2 },
                Answer::Several(ids(&["a"]))
            ),
            Err(AnswerError::WrongCount {
                expected: 2,
                given: 1,
                ..
            })
        ));
    }
}
