//! A scenario compiled for play without text: ids interned to indices, flags as bit positions,
//! conditions as tests on a bit set, and each option's consequences (share, principle changes,
//! flags set, where it leads) worked out once. Random playthroughs (`Playthrough`) and the
//! exploration of every path (`paths`) run on this; a `Session` plays the same rules on the
//! authored text, and tests hold the two to the same results.

use std::collections::{BTreeSet, HashMap};

use super::flow::{self, Node};
use super::score::{self, Permille};
use crate::scenario::{Condition, DecisionKind, DecisionOption, Grade, Scenario};

/// Where a jump goes: a beat or ending, or an id that names neither (play stops there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Node(Node),
    Missing,
}

impl Target {
    pub fn node(self) -> Option<Node> {
        match self {
            Target::Node(node) => Some(node),
            Target::Missing => None,
        }
    }
}

/// A condition on flags, by bit position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    Always,
    Flag(u32),
    NotFlag(u32),
    All(Vec<Test>),
    Any(Vec<Test>),
}

impl Test {
    pub fn holds(&self, flags: &[u64]) -> bool {
        match self {
            Test::Always => true,
            Test::Flag(bit) => is_set(flags, *bit),
            Test::NotFlag(bit) => !is_set(flags, *bit),
            Test::All(all) => all.iter().all(|t| t.holds(flags)),
            Test::Any(any) => any.iter().any(|t| t.holds(flags)),
        }
    }

    fn mark(&self, into: &mut [u64]) {
        match self {
            Test::Always => {}
            Test::Flag(bit) | Test::NotFlag(bit) => set(into, *bit),
            Test::All(list) | Test::Any(list) => list.iter().for_each(|t| t.mark(into)),
        }
    }
}

/// Whether bit `bit` is set; bits past the end are clear.
pub fn is_set(flags: &[u64], bit: u32) -> bool {
    flags
        .get(bit as usize / 64)
        .is_some_and(|word| word & (1 << (bit % 64)) != 0)
}

pub fn set(flags: &mut [u64], bit: u32) {
    if let Some(word) = flags.get_mut(bit as usize / 64) {
        *word |= 1 << (bit % 64);
    }
}

/// Words needed for `bits` bits.
pub fn words_for(bits: usize) -> usize {
    bits.div_ceil(64)
}

#[derive(Debug, Clone)]
pub struct Route {
    pub when: Test,
    pub to: Target,
}

/// What follows from one option (or a timeout default) when it acts.
#[derive(Debug, Clone)]
pub struct Consequence {
    pub grade: Grade,
    /// The decision's share when this option is the whole answer: its grade's share for a
    /// `Choose`, the timeout share for a default. Rankings and selections are scored from marks.
    pub share: Permille,
    pub critical: bool,
    /// (principle index, change), in principle order.
    pub effects: Vec<(u16, i32)>,
    /// Bit positions of the flags it sets.
    pub sets: Vec<u32>,
    pub next: Option<Target>,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Choose,
    /// Each option's keyed place, 0 = best (`key_len` when the key leaves it out).
    Rank {
        keyed_place: Vec<u32>,
        key_len: usize,
    },
    /// Whether each option is one of the keyed best.
    ChooseSeveral {
        pick: u32,
        in_key: Vec<bool>,
    },
}

#[derive(Debug, Clone)]
pub struct CompiledDecision {
    pub kind: Kind,
    pub options: Vec<Consequence>,
    pub timeout: Option<Consequence>,
}

#[derive(Debug, Clone)]
pub struct CompiledBeat {
    pub routes: Vec<Route>,
    pub decision: Option<CompiledDecision>,
}

/// The compiled form of one scenario.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub start: Target,
    pub beats: Vec<CompiledBeat>,
    pub endings: usize,
    /// Flag names by bit position. Flags some route tests come first (`tested` of them), so
    /// exploration keeps only the first words of a flag set.
    pub flags: Vec<String>,
    pub tested: usize,
    /// Principle ids by index, sorted.
    pub principles: Vec<String>,
}

impl Compiled {
    pub fn new(scenario: &Scenario) -> Compiled {
        // The same rule as a session's for which node an id names.
        let nodes = flow::node_index(scenario);
        let target = |id: &str| nodes.get(id).map_or(Target::Missing, |&n| Target::Node(n));

        let tested: BTreeSet<&str> = scenario
            .beats
            .iter()
            .flat_map(|beat| beat.then.iter().flat_map(|route| route.when.flags()))
            .collect();
        let set_only: BTreeSet<&str> = scenario
            .beats
            .iter()
            .filter_map(|beat| beat.decision.as_ref())
            .flat_map(|decision| decision.all_outcomes())
            .flat_map(|option| option.set.iter().map(String::as_str))
            .filter(|flag| !tested.contains(flag))
            .collect();
        let flags: Vec<String> = tested
            .iter()
            .chain(&set_only)
            .map(|&f| f.to_owned())
            .collect();
        let bit_of: HashMap<&str, u32> = flags
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i as u32))
            .collect();

        let principles: Vec<String> = scenario
            .beats
            .iter()
            .filter_map(|beat| beat.decision.as_ref())
            .flat_map(|decision| decision.all_outcomes())
            .flat_map(|option| option.effects.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let principle_of: HashMap<&str, u16> = principles
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i as u16))
            .collect();

        let consequence = |option: &DecisionOption, share: Permille| Consequence {
            grade: option.grade,
            share,
            critical: option.critical,
            effects: option
                .effects
                .iter()
                .map(|(p, &change)| (principle_of[p.as_str()], change))
                .collect(),
            sets: option.set.iter().map(|f| bit_of[f.as_str()]).collect(),
            next: option.next.as_deref().map(target),
        };
        let beats = scenario
            .beats
            .iter()
            .map(|beat| CompiledBeat {
                routes: beat
                    .then
                    .iter()
                    .map(|route| Route {
                        when: compile_condition(&route.when, &bit_of),
                        to: target(&route.to),
                    })
                    .collect(),
                decision: beat.decision.as_ref().map(|decision| CompiledDecision {
                    kind: match &decision.kind {
                        DecisionKind::Choose => Kind::Choose,
                        DecisionKind::Rank { key } => Kind::Rank {
                            keyed_place: decision
                                .options
                                .iter()
                                .map(|o| {
                                    key.iter().position(|k| *k == o.id).unwrap_or(key.len()) as u32
                                })
                                .collect(),
                            key_len: key.len(),
                        },
                        DecisionKind::ChooseSeveral { pick, key } => Kind::ChooseSeveral {
                            pick: *pick,
                            in_key: decision
                                .options
                                .iter()
                                .map(|o| key.contains(&o.id))
                                .collect(),
                        },
                    },
                    options: decision
                        .options
                        .iter()
                        .map(|o| consequence(o, score::grade_share(o.grade)))
                        .collect(),
                    timeout: decision.timeout.as_ref().map(|timeout| {
                        consequence(
                            &timeout.default,
                            score::timeout_share(&decision.kind, timeout.default.grade),
                        )
                    }),
                }),
            })
            .collect();
        Compiled {
            start: target(&scenario.start),
            beats,
            endings: scenario.endings.len(),
            tested: tested.len(),
            flags,
            principles,
        }
    }

    /// A node's place among the beats, then the endings.
    pub(crate) fn index(&self, node: Node) -> usize {
        match node {
            Node::Beat(i) => i,
            Node::Ending(i) => self.beats.len() + i,
        }
    }

    /// Words in a full flag set.
    pub fn flag_words(&self) -> usize {
        words_for(self.flags.len())
    }

    /// The first route of a beat whose test holds, as `flow::route` picks it.
    pub fn route(&self, beat: usize, flags: &[u64]) -> Option<Target> {
        self.beats[beat]
            .routes
            .iter()
            .find(|route| route.when.holds(flags))
            .map(|route| route.to)
    }

    /// Per node (beats, then endings), the tested flags that some route at it or after it may
    /// test: the only flags that can still change where play goes. Conservative: every route
    /// and every option's jump counts as a way on.
    pub fn live_flags(&self) -> Vec<Vec<u64>> {
        let words = words_for(self.tested);
        let count = self.beats.len() + self.endings;
        let mut live = vec![vec![0u64; words]; count];
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, beat) in self.beats.iter().enumerate() {
            for route in &beat.routes {
                route.when.mark(&mut live[i]);
            }
            let jumps = beat.decision.iter().flat_map(|d| {
                d.options
                    .iter()
                    .chain(&d.timeout)
                    .filter_map(|o| o.next.and_then(Target::node))
            });
            let routes = beat.routes.iter().filter_map(|r| r.to.node());
            for next in routes.chain(jumps) {
                predecessors[self.index(next)].push(i);
            }
        }
        // Each node's set only grows, so the worklist ends after at most (nodes x flags) changes.
        let mut work: Vec<usize> = (0..self.beats.len()).collect();
        while let Some(node) = work.pop() {
            let after = live[node].clone();
            for &before in &predecessors[node] {
                let mut changed = false;
                for (mine, theirs) in live[before].iter_mut().zip(&after) {
                    if *mine | theirs != *mine {
                        *mine |= theirs;
                        changed = true;
                    }
                }
                if changed {
                    work.push(before);
                }
            }
        }
        live
    }
}

fn compile_condition(condition: &Condition, bit_of: &HashMap<&str, u32>) -> Test {
    let bit = |flag: &str| bit_of[flag];
    let each = |list: &[Condition]| -> Vec<Test> {
        list.iter().map(|c| compile_condition(c, bit_of)).collect()
    };
    match condition {
        Condition::Always => Test::Always,
        Condition::Flag(flag) => Test::Flag(bit(flag)),
        Condition::NotFlag(flag) => Test::NotFlag(bit(flag)),
        Condition::All(all) => Test::All(each(all)),
        Condition::Any(any) => Test::Any(each(any)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_past_the_end_read_clear_and_are_not_written() {
        let mut flags = vec![0u64; 1];
        set(&mut flags, 70);
        assert_eq!(flags, vec![0]);
        assert!(!is_set(&flags, 70));
        set(&mut flags, 63);
        assert!(is_set(&flags, 63));
        assert_eq!(words_for(64), 1);
        assert_eq!(words_for(65), 2);
    }
}
