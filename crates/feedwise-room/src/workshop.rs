//! A facilitated session from start to summary: the plan's scenarios in order, the room playing
//! the current one, what the projector shows of its feed (the engine's `Timeline`, as play
//! draws it), the facilitator's pick, going back, the discussion timer, and the summary. Pure:
//! time comes in as an argument and scenarios are looked up through the caller, so everything
//! the facilitator can do in the app can be done here in a test.

use std::sync::Arc;
use std::time::Duration;

use feedwise_core::engine::timeline::{DirectMessage, Notice, Post};
use feedwise_core::engine::{Answer, OfferKind, PlayEvent, Timeline};
use feedwise_core::scenario::{Catalogue, Scenario};

use crate::export::{self, Played};
use crate::protocol::Question;
use crate::{Phase, Plan, Record, Reveal, Room};

/// What the facilitator asks of the workshop (keys and the script send these; votes from phones
/// come through [`Workshop::vote`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Let the timeline run, or pause it.
    StartPause,
    /// Straight to the next decision or the ending.
    Skip,
    OpenVoting,
    CloseVoting,
    Reveal,
    /// Follow the room's answer (`None`) or this one.
    Follow(Option<Answer>),
    /// Follow the facilitator's pick, by the positions shown: one option to choose, the option
    /// a ranking puts first (the rest in the room's order), or the options of a selection.
    FollowShown(Vec<usize>),
    /// Show-of-hands counts, one per option.
    Hands(Vec<u32>),
    /// Undo the last decision followed.
    Back,
    /// The plan's next scenario, once this one has ended.
    Next,
    /// End the session: the summary.
    End,
    /// Start the discussion timer from zero, or stop it.
    Timer,
}

/// A scenario the room has finished, for the summary and the export.
#[derive(Debug, Clone)]
pub struct Finished {
    pub scenario: String,
    pub title: String,
    pub records: Vec<Record>,
}

/// One item of the feed as the projector lists it, newest last.
#[derive(Debug, Clone, Copy)]
pub enum Seen<'a> {
    Post(&'a Post),
    Message(&'a DirectMessage),
    Notice(&'a Notice),
}

impl Seen<'_> {
    /// What it says.
    pub fn text(&self) -> &str {
        match self {
            Seen::Post(post) => &post.text,
            Seen::Message(message) => &message.text,
            Seen::Notice(notice) => &notice.text,
        }
    }
}

/// The discussion timer: seconds counted, and whether it counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DiscussionTimer {
    pub seconds: f32,
    pub running: bool,
}

/// The session: a plan (or one scenario) played by a room, one scenario after another.
pub struct Workshop {
    room: Room,
    plan: Option<Plan>,
    /// The plan entry being played.
    item: usize,
    title: String,
    timeline: Timeline,
    running: bool,
    reveal: Option<Reveal>,
    timer: DiscussionTimer,
    finished: Vec<Finished>,
    ended: bool,
    catalogue: Arc<Catalogue>,
}

/// Finds a scenario of the library by id.
pub type Find<'a> = &'a dyn Fn(&str) -> Option<Arc<Scenario>>;

impl Workshop {
    /// A plan from its first scenario.
    pub fn with_plan(
        plan: Plan,
        catalogue: Arc<Catalogue>,
        find: Find<'_>,
    ) -> Result<Self, String> {
        let item = plan
            .scenarios
            .first()
            .cloned()
            .ok_or("the plan names no scenario")?;
        let scenario = find(&item.scenario).ok_or_else(|| {
            format!(
                "the plan's first scenario `{}` is not in the library",
                item.scenario
            )
        })?;
        let room = Room::new(scenario, Arc::clone(&catalogue), item.seed, item.discuss)
            .with_professions(plan.professions.clone());
        Ok(Workshop::around(room, Some(plan), catalogue))
    }

    /// One scenario, with no plan.
    pub fn with_scenario(scenario: Arc<Scenario>, catalogue: Arc<Catalogue>, seed: u64) -> Self {
        let room = Room::new(scenario, Arc::clone(&catalogue), seed, Default::default());
        Workshop::around(room, None, catalogue)
    }

    fn around(room: Room, plan: Option<Plan>, catalogue: Arc<Catalogue>) -> Self {
        let scenario = room.session().scenario();
        Workshop {
            title: room.session().fill(&scenario.title),
            timeline: Timeline::of(scenario),
            room,
            plan,
            item: 0,
            running: false,
            reveal: None,
            timer: DiscussionTimer::default(),
            finished: Vec::new(),
            ended: false,
            catalogue,
        }
    }

    pub fn room(&self) -> &Room {
        &self.room
    }

    pub fn plan_title(&self) -> Option<&str> {
        self.plan.as_ref().map(|p| p.title.as_str())
    }

    /// The plan entry being played (0 without a plan).
    pub fn item(&self) -> usize {
        self.item
    }

    /// The current scenario's title, its names filled in.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Everything shown so far of the current scenario.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Whether the timeline runs (the facilitator starts and pauses it).
    pub fn running(&self) -> bool {
        self.running
    }

    /// The reveal on screen, when revealed.
    pub fn reveal(&self) -> Option<&Reveal> {
        self.reveal.as_ref()
    }

    pub fn timer(&self) -> DiscussionTimer {
        self.timer
    }

    /// The scenarios finished so far, in order.
    pub fn finished(&self) -> &[Finished] {
        &self.finished
    }

    /// The session has ended: the summary shows.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Carries out a request; a refusal (with its reason for the presenter) changes nothing.
    pub fn apply(&mut self, request: Request, find: Find<'_>) -> Result<(), String> {
        let text = |e: crate::RoomError| e.to_string();
        match request {
            Request::StartPause => self.running = !self.running,
            Request::Skip => {
                let events = self.room.skip_ahead();
                self.show(&events);
            }
            Request::OpenVoting => {
                self.room.open_voting().map_err(text)?;
                self.reveal = None;
            }
            Request::CloseVoting => self.room.close_voting().map_err(text)?,
            Request::Reveal => self.reveal = Some(self.room.reveal().map_err(text)?),
            Request::Follow(answer) => self.follow(answer)?,
            Request::FollowShown(positions) => {
                let answer = self.pick(&positions)?;
                self.follow(Some(answer))?;
            }
            Request::Hands(counts) => self.room.hands(counts).map_err(text)?,
            Request::Back => {
                let events = self.room.back().map_err(text)?;
                self.reveal = None;
                self.show_again(&events);
            }
            Request::Next => self.next(find)?,
            Request::End => {
                self.finish_scenario();
                self.ended = true;
                self.running = false;
            }
            Request::Timer => {
                if !self.timer.running {
                    self.timer.seconds = 0.0;
                }
                self.timer.running = !self.timer.running;
            }
        }
        Ok(())
    }

    /// A phone's vote, already checked for shape by the voting server; the room checks it
    /// against the open decision.
    pub fn vote(&mut self, device: &str, ballot: Answer) -> Result<(), String> {
        self.room.vote(device, ballot).map_err(|e| e.to_string())
    }

    /// Time passes: `elapsed` of scenario time while the timeline runs and nothing is being
    /// decided, `seconds` of wall time on the discussion timer. True when something was shown.
    pub fn tick(&mut self, elapsed: Duration, seconds: f32) -> bool {
        if self.timer.running {
            self.timer.seconds += seconds;
        }
        if !self.running || self.room.phase() != Phase::Watching {
            return false;
        }
        let events = self.room.advance(elapsed);
        self.show(&events);
        !events.is_empty()
    }

    /// What phones may vote on now: the open decision, or nothing.
    pub fn question(&self) -> Option<Question> {
        let offer = self.room.session().pending()?;
        (self.room.phase() == Phase::Voting).then(|| Question::of(offer))
    }

    /// How many options the facilitator's pick names: those a selection asks for, otherwise
    /// one (a ranking's pick is the option put first).
    pub fn picks_wanted(&self) -> usize {
        match self.room.session().pending().map(|offer| offer.kind) {
            Some(OfferKind::ChooseSeveral { pick }) => pick as usize,
            _ => 1,
        }
    }

    /// The answer the facilitator picked by position, for any kind of decision.
    pub fn pick(&self, positions: &[usize]) -> Result<Answer, String> {
        let offer = self.room.session().pending().ok_or("no decision is open")?;
        let ids = positions
            .iter()
            .map(|&i| {
                offer
                    .options
                    .get(i)
                    .map(|o| o.id.clone())
                    .ok_or_else(|| format!("there is no option {}", i + 1))
            })
            .collect::<Result<Vec<String>, String>>()?;
        match offer.kind {
            OfferKind::Choose => ids
                .first()
                .cloned()
                .map(Answer::Choose)
                .ok_or_else(|| "pick an option".to_owned()),
            OfferKind::Rank => {
                let top = ids.first().cloned().ok_or("pick the option to put first")?;
                // The rest in the room's order when it has one, else as shown.
                let rest: Vec<String> =
                    match self.room.current_reveal().ok().and_then(|r| r.room_answer) {
                        Some(Answer::Rank(order)) => order,
                        _ => offer.options.iter().map(|o| o.id.clone()).collect(),
                    };
                Ok(Answer::Rank(
                    std::iter::once(top.clone())
                        .chain(rest.into_iter().filter(|id| *id != top))
                        .collect(),
                ))
            }
            OfferKind::ChooseSeveral { .. } => Ok(Answer::Several(ids)),
        }
    }

    fn follow(&mut self, answer: Option<Answer>) -> Result<(), String> {
        let events = self.room.follow(answer).map_err(|e| e.to_string())?;
        self.reveal = None;
        self.timer = DiscussionTimer::default();
        self.show(&events);
        Ok(())
    }

    /// Keeps the finished scenario's records for the summary (once).
    fn finish_scenario(&mut self) {
        let scenario = &self.room.session().scenario().id;
        if self.finished.iter().any(|f| &f.scenario == scenario) || self.room.records().is_empty() {
            return;
        }
        self.finished.push(Finished {
            scenario: scenario.clone(),
            title: self.title.clone(),
            records: self.room.records().to_vec(),
        });
    }

    fn next(&mut self, find: Find<'_>) -> Result<(), String> {
        let Some(plan) = &self.plan else {
            return Err("this session has no plan: press E to end it".to_owned());
        };
        let Some(item) = plan.scenarios.get(self.item + 1).cloned() else {
            return Err("that was the plan's last scenario: press E to end the session".to_owned());
        };
        let scenario = find(&item.scenario)
            .ok_or_else(|| format!("scenario `{}` is not in the library", item.scenario))?;
        let catalogue = Arc::clone(&self.catalogue);
        let room = Room::new(scenario, Arc::clone(&catalogue), item.seed, item.discuss)
            .with_professions(plan.professions.clone());
        self.finish_scenario();
        *self = Workshop {
            item: self.item + 1,
            finished: std::mem::take(&mut self.finished),
            ..Workshop::around(room, self.plan.take(), catalogue)
        };
        Ok(())
    }

    /// Plays the room's story again on a new version of its scenario and catalogue (author
    /// mode saw a save). Where what the room followed no longer applies, the story stops at
    /// that decision and the error says so.
    pub fn new_version(
        &mut self,
        scenario: Arc<Scenario>,
        catalogue: Arc<Catalogue>,
    ) -> Result<(), String> {
        let id = scenario.id.clone();
        self.catalogue = Arc::clone(&catalogue);
        let (events, stopped) = self.room.reload(Arc::clone(&scenario), catalogue);
        self.title = self.room.session().fill(&scenario.title);
        self.show_again(&events);
        self.reveal = match self.room.phase() {
            Phase::Revealed => self.room.current_reveal().ok(),
            _ => None,
        };
        match stopped {
            Some(decision) => Err(format!(
                "the new version of `{id}` no longer offers what the room followed at \
                 decision `{decision}`: the story stops there"
            )),
            None => Ok(()),
        }
    }

    /// A new version of the plan (author mode saw a save): it applies from the next entry.
    pub fn replace_plan(&mut self, plan: Plan) {
        self.plan = Some(plan);
    }

    /// The summary as CSV and Markdown, counts only, with the current scenario's records
    /// kept first: (extension, text).
    pub fn summary(&mut self) -> [(&'static str, String); 2] {
        self.finish_scenario();
        let title = self.plan_title().unwrap_or(&self.title).to_owned();
        let played: Vec<Played<'_>> = self
            .finished
            .iter()
            .map(|f| Played {
                title: &f.title,
                records: &f.records,
            })
            .collect();
        [
            ("csv", export::csv(&title, &played)),
            ("md", export::markdown(&title, &played)),
        ]
    }

    /// The export's file name without extension: `feedwise-PLAN-2026-12-06-1430` (UTC, from
    /// `now` in seconds since 1970), with `-2`, `-3` ... while `taken` says a name is used.
    pub fn export_name(&self, now: u64, taken: impl Fn(&str) -> bool) -> String {
        let base = self.plan.as_ref().map_or_else(
            || "feedwise-session".to_owned(),
            |p| format!("feedwise-{}", p.id),
        );
        let time = feedwise_core::record::time::rfc3339(now);
        let first = format!("{base}-{}-{}{}", &time[..10], &time[11..13], &time[14..16]);
        (1..)
            .map(|n| match n {
                1 => first.clone(),
                n => format!("{first}-{n}"),
            })
            .find(|name| !taken(name))
            .unwrap_or(first)
    }

    /// The newest `count` items of the feed, messages and notifications, oldest first.
    pub fn latest(&self, count: usize) -> Vec<Seen<'_>> {
        let timeline = &self.timeline;
        let mut all: Vec<(u64, Seen<'_>)> = timeline
            .posts()
            .iter()
            .map(|p| (p.at, Seen::Post(p)))
            .chain(timeline.messages().iter().map(|m| (m.at, Seen::Message(m))))
            .chain(
                timeline
                    .notifications()
                    .iter()
                    .map(|n| (n.at, Seen::Notice(n))),
            )
            .collect();
        // Stable: what arrived at the same moment keeps the order it was shown in.
        all.sort_by_key(|(at, _)| *at);
        let skip = all.len().saturating_sub(count);
        all.into_iter().skip(skip).map(|(_, seen)| seen).collect()
    }

    /// A person's name as this run shows it, or the id when the cast has no such person.
    pub fn name(&self, id: &str) -> String {
        self.room
            .session()
            .persona(id)
            .map_or_else(|| id.to_owned(), |p| p.name)
    }

    fn show(&mut self, events: &[PlayEvent]) {
        for event in events {
            self.timeline.apply(event);
        }
    }

    /// The story was played again from its start (back, a new version): the feed too.
    fn show_again(&mut self, events: &[PlayEvent]) {
        self.timeline = Timeline::of(self.room.session().scenario());
        self.show(events);
    }
}
