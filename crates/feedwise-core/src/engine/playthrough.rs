//! Play without text: a compiled scenario walked from decision to decision, each answer given
//! by position and scored on the spot. No string is built and nothing is allocated per choice,
//! so random playthroughs run millions of choices a second. Scores, flags and endings agree
//! with a `Session` given the same answers (tested).

use super::compiled::{self, Compiled, Consequence, Kind, Target};
use super::flow::Node;
use super::score::{self, Permille};

/// Where play stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// A decision at this beat waits for an answer.
    Decision {
        beat: usize,
    },
    Ending(usize),
    /// No way on (an unchecked scenario).
    DeadEnd,
}

/// What a decision at a stop asks for, by position in the decision's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asks {
    /// One of `options`.
    Choose { options: usize },
    /// An order of all `options`.
    Rank { options: usize },
    /// `pick` of `options`.
    Several { options: usize, pick: usize },
}

/// One playthrough's state; `restart` reuses its buffers for the next.
#[derive(Debug, Clone)]
pub struct Playthrough<'c> {
    compiled: &'c Compiled,
    node: Option<Node>,
    flags: Vec<u64>,
    totals: Vec<i64>,
    share_sum: u64,
    decisions: u32,
    critical: bool,
    stop: Option<Stop>,
    /// Reused to put a selection in the decision's order.
    scratch: Vec<usize>,
}

impl<'c> Playthrough<'c> {
    pub fn new(compiled: &'c Compiled) -> Playthrough<'c> {
        let mut playthrough = Playthrough {
            compiled,
            node: None,
            flags: vec![0; compiled.flag_words()],
            totals: vec![0; compiled.principles.len()],
            share_sum: 0,
            decisions: 0,
            critical: false,
            stop: None,
            scratch: Vec::new(),
        };
        playthrough.restart();
        playthrough
    }

    /// Back to the start, with no flags and no scores.
    pub fn restart(&mut self) {
        self.node = self.compiled.start.node();
        self.flags.fill(0);
        self.totals.fill(0);
        self.share_sum = 0;
        self.decisions = 0;
        self.critical = false;
        self.stop = None;
    }

    /// Plays on to the next decision or the end. Like a session, it follows at most as many
    /// beats without a decision as the scenario has nodes before calling it a dead end.
    pub fn to_decision(&mut self) -> Stop {
        if let Some(stop) = self.stop {
            return stop;
        }
        let mut moves_left = self.compiled.beats.len() + self.compiled.endings + 1;
        let stop = loop {
            match self.node {
                None => break Stop::DeadEnd,
                Some(Node::Ending(e)) => break Stop::Ending(e),
                Some(Node::Beat(i)) => {
                    if self.compiled.beats[i].decision.is_some() {
                        break Stop::Decision { beat: i };
                    }
                    if moves_left == 0 {
                        break Stop::DeadEnd;
                    }
                    moves_left -= 1;
                    self.node = self.compiled.route(i, &self.flags).and_then(Target::node);
                }
            }
        };
        self.stop = Some(stop);
        stop
    }

    /// What the waiting decision asks for, if one waits.
    pub fn asks(&self) -> Option<Asks> {
        let Some(Stop::Decision { beat }) = self.stop else {
            return None;
        };
        let decision = self.compiled.beats[beat].decision.as_ref()?;
        let options = decision.options.len();
        Some(match &decision.kind {
            Kind::Choose => Asks::Choose { options },
            Kind::Rank { .. } => Asks::Rank { options },
            Kind::ChooseSeveral { pick, .. } => Asks::Several {
                options,
                pick: *pick as usize,
            },
        })
    }

    /// Answers a `Choose` with the option at `index`. Out-of-range or unasked answers are
    /// ignored and return false.
    pub fn choose(&mut self, index: usize) -> bool {
        let Some((beat, decision)) = self.waiting() else {
            return false;
        };
        let Some(option) = decision.options.get(index) else {
            return false;
        };
        if !matches!(decision.kind, Kind::Choose) {
            return false;
        }
        self.conclude(beat, std::iter::once(option), option.share);
        true
    }

    /// Answers a `Rank` with every option's index, best first.
    pub fn rank(&mut self, order: &[usize]) -> bool {
        let Some((beat, decision)) = self.waiting() else {
            return false;
        };
        let Kind::Rank {
            keyed_place,
            key_len,
        } = &decision.kind
        else {
            return false;
        };
        if order.len() != decision.options.len() || !distinct_within(order, keyed_place.len()) {
            return false;
        }
        let earned: u32 = order
            .iter()
            .enumerate()
            .map(|(place, &option)| {
                let keyed = keyed_place[option] as usize;
                if keyed >= *key_len {
                    return 0;
                }
                score::MARKS_PER_OPTION.saturating_sub(place.abs_diff(keyed) as u32)
            })
            .sum();
        let available = score::MARKS_PER_OPTION * *key_len as u32;
        let share = score::marks_share(earned, available);
        self.conclude(beat, std::iter::once(&decision.options[order[0]]), share);
        true
    }

    /// Answers a `ChooseSeveral` with the chosen options' indices, in any order.
    pub fn choose_several(&mut self, chosen: &[usize]) -> bool {
        let Some((beat, decision)) = self.waiting() else {
            return false;
        };
        let Kind::ChooseSeveral { pick, in_key } = &decision.kind else {
            return false;
        };
        if chosen.len() != *pick as usize || !distinct_within(chosen, in_key.len()) {
            return false;
        }
        let hits = chosen.iter().filter(|&&i| in_key[i]).count() as u32;
        let share = score::marks_share(
            hits * score::MARKS_PER_OPTION,
            *pick * score::MARKS_PER_OPTION,
        );
        // Consequences act in the decision's own order, as `flow::acting_options` lists them.
        let mut order = std::mem::take(&mut self.scratch);
        order.clear();
        order.extend_from_slice(chosen);
        order.sort_unstable();
        let options = &decision.options;
        self.conclude(beat, order.iter().map(|&i| &options[i]), share);
        self.scratch = order;
        true
    }

    /// Lets time run out on the waiting decision: its default acts. False when it has none.
    pub fn time_out(&mut self) -> bool {
        let Some((beat, decision)) = self.waiting() else {
            return false;
        };
        let Some(default) = &decision.timeout else {
            return false;
        };
        self.conclude(beat, std::iter::once(default), default.share);
        true
    }

    fn waiting(&self) -> Option<(usize, &'c compiled::CompiledDecision)> {
        let Some(Stop::Decision { beat }) = self.stop else {
            return None;
        };
        Some((beat, self.compiled.beats[beat].decision.as_ref()?))
    }

    fn conclude(
        &mut self,
        beat: usize,
        acting: impl Iterator<Item = &'c Consequence> + Clone,
        share: Permille,
    ) {
        for consequence in acting.clone() {
            for &(principle, change) in &consequence.effects {
                self.totals[principle as usize] += i64::from(change);
            }
            for &bit in &consequence.sets {
                compiled::set(&mut self.flags, bit);
            }
            self.critical |= consequence.critical;
        }
        self.share_sum += u64::from(share);
        self.decisions += 1;
        let next = acting
            .clone()
            .find_map(|c| c.next)
            .or_else(|| self.compiled.route(beat, &self.flags));
        self.node = next.and_then(Target::node);
        self.stop = None;
    }

    /// Decisions answered so far.
    pub fn decisions(&self) -> u32 {
        self.decisions
    }

    /// Sum of the decisions' shares, in thousandths.
    pub fn share_sum(&self) -> u64 {
        self.share_sum
    }

    /// Per principle (in `Compiled::principles` order), the summed changes so far.
    pub fn totals(&self) -> &[i64] {
        &self.totals
    }

    /// Whether any critical option has acted.
    pub fn critical(&self) -> bool {
        self.critical
    }

    /// Names of the flags set so far.
    pub fn flag_names(&self) -> impl Iterator<Item = &'c str> + '_ {
        let compiled = self.compiled;
        (0..compiled.flags.len())
            .filter(|&bit| compiled::is_set(&self.flags, bit as u32))
            .map(move |bit| compiled.flags[bit].as_str())
    }
}

/// Whether every index is below `len` and none repeats.
fn distinct_within(indices: &[usize], len: usize) -> bool {
    indices
        .iter()
        .enumerate()
        .all(|(i, &index)| index < len && !indices[..i].contains(&index))
}
