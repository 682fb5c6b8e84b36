//! The walk over states behind `explore`: depth first with a stack of its own (no recursion, so
//! no thread's stack limits it), each state summarised once when all it leads to is known.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::branches::Branch;
use super::states::{Interner, StateTable};
use super::{Budget, DeadEnd, ExploreError, MAX_DEPTH, PathStep, PathSummary};
use crate::engine::compiled::{self, Compiled, Target};
use crate::engine::flow::Node;
use crate::engine::score::{self, Permille};
use crate::scenario::Scenario;

/// Best and worst sums of shares over the paths with one number of decisions, and the branch
/// taken first for each (`None` from a beat without a decision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Extreme {
    pub low: u64,
    pub low_branch: Option<u32>,
    pub high: u64,
    pub high_branch: Option<u32>,
}

/// Extremes by number of decisions, ascending.
type ByCount = Vec<(u32, Extreme)>;

/// What is kept per finished state, as ids of interned values.
#[derive(Debug, Clone, Copy)]
struct Kept {
    endings: u32,
    /// `NONE` when no complete path leaves the state.
    ranges: u32,
    by_count: u32,
}

const NONE: u32 = u32::MAX;

/// A state's summary while its children are being explored.
#[derive(Debug, Default)]
struct Partial {
    paths: u128,
    endings: Vec<u64>,
    ranges: Option<Vec<(i64, i64)>>,
    by_count: ByCount,
}

struct Frame {
    state: u32,
    beat: usize,
    children: Range<usize>,
    next: usize,
    keys_from: usize,
    partial: Partial,
}

/// A way on from a state: the branch taken (for a decision) and the state it leads to, as a
/// range of `Walk::keys`, or `None` for a dead end.
#[derive(Debug, Clone)]
struct Child {
    branch: Option<u32>,
    key: Option<Range<usize>>,
}

pub struct Walk<'s> {
    pub scenario: &'s Scenario,
    compiled: &'s Compiled,
    pub branches: Vec<Option<Vec<Branch>>>,
    live: Vec<Vec<u64>>,
    flag_words: usize,
    budget: Budget,
    pub states: StateTable,
    paths: Vec<u128>,
    kept: Vec<Kept>,
    finished: Vec<bool>,
    endings: Interner<Vec<u64>>,
    ranges: Interner<Vec<(i64, i64)>>,
    by_count: Interner<ByCount>,
    pub beats_reached: Vec<bool>,
    pub dead_ends: BTreeSet<DeadEnd>,
    /// (beat, branch) -> endings reachable after that branch, for critical branches only.
    pub after_critical: BTreeMap<(usize, u32), Vec<u64>>,
    /// The same for branches with an answer graded Poor or worse (`Branch::faulted`).
    pub after_faulted: BTreeMap<(usize, u32), Vec<u64>>,
    frames: Vec<Frame>,
    children: Vec<Child>,
    keys: Vec<u64>,
    scratch: Vec<u64>,
    principles: usize,
}

impl<'s> Walk<'s> {
    pub fn new(
        scenario: &'s Scenario,
        compiled: &'s Compiled,
        branches: Vec<Option<Vec<Branch>>>,
        budget: Budget,
    ) -> Walk<'s> {
        let flag_words = compiled::words_for(compiled.tested);
        Walk {
            scenario,
            compiled,
            branches,
            live: compiled.live_flags(),
            flag_words,
            budget,
            states: StateTable::new(1 + flag_words),
            paths: Vec::new(),
            kept: Vec::new(),
            finished: Vec::new(),
            endings: Interner::new(),
            ranges: Interner::new(),
            by_count: Interner::new(),
            beats_reached: vec![false; scenario.beats.len()],
            dead_ends: BTreeSet::new(),
            after_critical: BTreeMap::new(),
            after_faulted: BTreeMap::new(),
            frames: Vec::new(),
            children: Vec::new(),
            keys: Vec::new(),
            scratch: Vec::new(),
            principles: compiled.principles.len(),
        }
    }

    fn node(&self, code: u64) -> Node {
        let code = code as usize;
        match code.checked_sub(self.compiled.beats.len()) {
            Some(ending) => Node::Ending(ending),
            None => Node::Beat(code),
        }
    }

    /// Appends the key of `node` with `flags` (only those that can still matter there).
    fn push_key(&mut self, node: Node, flags: &[u64]) -> Range<usize> {
        let code = self.compiled.index(node) as u64;
        let start = self.keys.len();
        self.keys.push(code);
        for w in 0..self.flag_words {
            let live = self.live[code as usize][w];
            self.keys.push(flags.get(w).copied().unwrap_or(0) & live);
        }
        start..self.keys.len()
    }

    /// Appends the ways on from a beat state to `children` (keys to `keys`).
    fn push_children(&mut self, state: u32) -> Range<usize> {
        let start = self.children.len();
        let key = self.states.get(state).to_vec();
        let Node::Beat(beat) = self.node(key[0]) else {
            return start..start;
        };
        let flags = &key[1..];
        let Some(branches) = self.branches[beat].take() else {
            let key = self
                .compiled
                .route(beat, flags)
                .and_then(Target::node)
                .map(|node| self.push_key(node, flags));
            self.children.push(Child { branch: None, key });
            return start..self.children.len();
        };
        let mut after = std::mem::take(&mut self.scratch);
        for (b, branch) in branches.iter().enumerate() {
            after.clear();
            after.extend_from_slice(flags);
            for &bit in &branch.sets {
                compiled::set(&mut after, bit);
            }
            let next = branch
                .next
                .or_else(|| self.compiled.route(beat, &after))
                .and_then(Target::node);
            let key = next.map(|node| self.push_key(node, &after));
            self.children.push(Child {
                branch: Some(b as u32),
                key,
            });
        }
        self.scratch = after;
        self.branches[beat] = Some(branches);
        start..self.children.len()
    }

    fn bytes(&self) -> usize {
        self.states.bytes()
            + self.paths.capacity() * std::mem::size_of::<u128>()
            + self.kept.capacity() * std::mem::size_of::<Kept>()
            + self.finished.capacity()
            + self.endings.bytes()
            + self.ranges.bytes()
            + self.by_count.bytes()
            + self.children.capacity() * std::mem::size_of::<Child>()
            + self.keys.capacity() * 8
            + self.frames.capacity() * std::mem::size_of::<Frame>()
    }

    fn add_state(&mut self, key: &[u64]) -> Result<u32, ExploreError> {
        let states = self.states.len();
        if states >= self.budget.states || self.bytes() > self.budget.bytes {
            return Err(ExploreError::TooManyStates {
                states,
                bytes: self.bytes(),
            });
        }
        let id = self.states.insert(key);
        self.paths.push(0);
        self.kept.push(Kept {
            endings: NONE,
            ranges: NONE,
            by_count: NONE,
        });
        self.finished.push(false);
        Ok(id)
    }

    /// Explores from `start` and returns the root state's id.
    pub fn run(&mut self, start: Node) -> Result<u32, ExploreError> {
        let range = self.push_key(start, &[]);
        let key: Vec<u64> = self.keys.drain(range).collect();
        let root = self.add_state(&key)?;
        self.enter(root)?;
        while let Some(top) = self.frames.last_mut() {
            if top.next < top.children.end {
                let child = self.children[top.next].clone();
                top.next += 1;
                let (state, beat) = (top.state, top.beat);
                let Some(range) = child.key else {
                    self.dead_end(state, beat);
                    continue;
                };
                let key: Vec<u64> = self.keys[range].to_vec();
                let id = match self.states.find(&key) {
                    Some(id) if self.finished[id as usize] => id,
                    Some(_) => {
                        let Node::Beat(i) = self.node(key[0]) else {
                            unreachable!("only beat states wait on the stack");
                        };
                        return Err(ExploreError::Loop {
                            beat: self.scenario.beats[i].id.clone(),
                        });
                    }
                    None => {
                        let id = self.add_state(&key)?;
                        if !self.enter(id)? {
                            continue;
                        }
                        id
                    }
                };
                self.merge_into_top(id, child.branch);
            } else {
                let Some(frame) = self.frames.pop() else {
                    break;
                };
                self.children.truncate(frame.children.start);
                self.keys.truncate(frame.keys_from);
                self.keep(frame.state, frame.partial);
                if let Some(parent) = self.frames.last() {
                    let branch = self.children[parent.next - 1].branch;
                    self.merge_into_top(frame.state, branch);
                }
            }
        }
        Ok(root)
    }

    /// Starts on a new state: an ending is summarised at once (returns true, the caller merges
    /// it); a beat gets a frame on the stack (returns false).
    fn enter(&mut self, id: u32) -> Result<bool, ExploreError> {
        let code = self.states.get(id)[0];
        match self.node(code) {
            Node::Ending(e) => {
                let mut endings = vec![0u64; compiled::words_for(self.compiled.endings)];
                compiled::set(&mut endings, e as u32);
                let partial = Partial {
                    paths: 1,
                    endings,
                    ranges: Some(vec![(0, 0); self.principles]),
                    by_count: vec![(0, Extreme::default())],
                };
                self.keep(id, partial);
                Ok(true)
            }
            Node::Beat(i) => {
                if self.frames.len() >= MAX_DEPTH {
                    return Err(ExploreError::TooDeep);
                }
                self.beats_reached[i] = true;
                let keys_from = self.keys.len();
                let children = self.push_children(id);
                self.frames.push(Frame {
                    state: id,
                    beat: i,
                    next: children.start,
                    children,
                    keys_from,
                    partial: Partial {
                        endings: vec![0u64; compiled::words_for(self.compiled.endings)],
                        ..Partial::default()
                    },
                });
                Ok(false)
            }
        }
    }

    fn keep(&mut self, id: u32, partial: Partial) {
        let words = std::mem::size_of::<u64>();
        let endings_bytes = partial.endings.len() * words;
        let kept = Kept {
            endings: self.endings.intern(partial.endings, endings_bytes),
            ranges: partial.ranges.map_or(NONE, |ranges| {
                let bytes = ranges.len() * 16;
                self.ranges.intern(ranges, bytes)
            }),
            by_count: {
                let bytes = partial.by_count.len() * std::mem::size_of::<(u32, Extreme)>();
                self.by_count.intern(partial.by_count, bytes)
            },
        };
        self.paths[id as usize] = partial.paths;
        self.kept[id as usize] = kept;
        self.finished[id as usize] = true;
    }

    fn dead_end(&mut self, state: u32, beat: usize) {
        let flags = &self.states.get(state)[1..];
        self.dead_ends.insert(DeadEnd {
            beat: self.scenario.beats[beat].id.clone(),
            flags: (0..self.compiled.tested)
                .filter(|&bit| compiled::is_set(flags, bit as u32))
                .map(|bit| self.compiled.flags[bit].clone())
                .collect(),
        });
    }

    /// Folds a finished child's summary into the state on top of the stack, through `branch`.
    fn merge_into_top(&mut self, child: u32, branch: Option<u32>) {
        let Some(top) = self.frames.last_mut() else {
            return;
        };
        let kept = self.kept[child as usize];
        let info = branch.and_then(|b| self.branches[top.beat].as_ref()?.get(b as usize));
        let ways = info.map_or(1, |b| b.ways);
        let partial = &mut top.partial;
        partial.paths = partial
            .paths
            .saturating_add(self.paths[child as usize].saturating_mul(ways));
        let endings = self.endings.get(kept.endings);
        for (mine, theirs) in partial.endings.iter_mut().zip(endings) {
            *mine |= theirs;
        }
        if let (Some(b), Some(info)) = (branch, info) {
            for (flagged, after) in [
                (info.critical, &mut self.after_critical),
                (info.faulted, &mut self.after_faulted),
            ] {
                if !flagged {
                    continue;
                }
                let reach = after
                    .entry((top.beat, b))
                    .or_insert_with(|| vec![0; endings.len()]);
                for (mine, theirs) in reach.iter_mut().zip(endings) {
                    *mine |= theirs;
                }
            }
        }
        if kept.ranges != NONE {
            let below = self.ranges.get(kept.ranges);
            let ranges = partial
                .ranges
                .get_or_insert_with(|| vec![(i64::MAX, i64::MIN); below.len()]);
            for (p, (range, &(min, max))) in ranges.iter_mut().zip(below).enumerate() {
                let (least, most) = info
                    .and_then(|b| b.effects.iter().find(|e| usize::from(e.0) == p))
                    .map_or((0, 0), |e| (e.1, e.2));
                range.0 = range.0.min(min + least);
                range.1 = range.1.max(max + most);
            }
        }
        for &(count, extreme) in self.by_count.get(kept.by_count) {
            let (count, low, high) = match info {
                Some(b) => (
                    count + 1,
                    extreme.low + u64::from(b.low),
                    extreme.high + u64::from(b.high),
                ),
                None => (count, extreme.low, extreme.high),
            };
            match partial.by_count.binary_search_by_key(&count, |e| e.0) {
                Ok(at) => {
                    let entry = &mut partial.by_count[at].1;
                    if low < entry.low {
                        entry.low = low;
                        entry.low_branch = branch;
                    }
                    if high > entry.high {
                        entry.high = high;
                        entry.high_branch = branch;
                    }
                }
                Err(at) => partial.by_count.insert(
                    at,
                    (
                        count,
                        Extreme {
                            low,
                            low_branch: branch,
                            high,
                            high_branch: branch,
                        },
                    ),
                ),
            }
        }
    }

    pub fn paths(&self, state: u32) -> u128 {
        self.paths[state as usize]
    }

    pub fn endings_of(&self, state: u32) -> &[u64] {
        self.endings.get(self.kept[state as usize].endings)
    }

    pub fn ranges_of(&self, state: u32) -> Option<&[(i64, i64)]> {
        let id = self.kept[state as usize].ranges;
        (id != NONE).then(|| self.ranges.get(id).as_slice())
    }

    fn by_count_of(&self, state: u32) -> &[(u32, Extreme)] {
        self.by_count.get(self.kept[state as usize].by_count)
    }

    /// The best and worst complete paths by mean share.
    pub fn extremes(&mut self, root: u32) -> (Option<PathSummary>, Option<PathSummary>) {
        let mean = |sum: u64, count: u32| {
            (sum.checked_div(u64::from(count))).unwrap_or(u64::from(score::FULL))
        };
        let by_count = self.by_count_of(root);
        let best = by_count
            .iter()
            .max_by_key(|(count, e)| (mean(e.high, *count), std::cmp::Reverse(*count)))
            .map(|&(count, e)| (count, mean(e.high, count)));
        let worst = by_count
            .iter()
            .min_by_key(|(count, e)| (mean(e.low, *count), *count))
            .map(|&(count, e)| (count, mean(e.low, count)));
        (
            best.map(|(count, share)| self.trace(root, count, true, share)),
            worst.map(|(count, share)| self.trace(root, count, false, share)),
        )
    }

    fn trace(&mut self, root: u32, count: u32, high: bool, share: u64) -> PathSummary {
        let mut steps = Vec::new();
        let mut state = root;
        let mut count = count;
        let mut ending = String::new();
        // Bounded by the depth limit: every step moves to a later state.
        for _ in 0..=MAX_DEPTH {
            let beat = match self.node(self.states.get(state)[0]) {
                Node::Ending(e) => {
                    ending = self.scenario.endings[e].id.clone();
                    break;
                }
                Node::Beat(beat) => beat,
            };
            let Some(&(_, extreme)) = self.by_count_of(state).iter().find(|e| e.0 == count) else {
                break;
            };
            let chosen = if high {
                extreme.high_branch
            } else {
                extreme.low_branch
            };
            let keys_from = self.keys.len();
            let children = self.push_children(state);
            let child = self.children[children.clone()]
                .iter()
                .find(|c| c.branch == chosen && c.key.is_some())
                .cloned();
            let next = child
                .and_then(|c| c.key)
                .and_then(|range| self.states.find(&self.keys[range]));
            self.children.truncate(children.start);
            self.keys.truncate(keys_from);
            if let Some(b) = chosen
                && let Some(branch) = self.branches[beat]
                    .as_ref()
                    .and_then(|b2| b2.get(b as usize))
            {
                steps.push(PathStep {
                    decision: super::decision_id(self.scenario, beat),
                    answer: if high {
                        branch.answer.clone()
                    } else {
                        branch.worst_answer.clone()
                    },
                    share: if high { branch.high } else { branch.low },
                    timed_out: branch.timed_out,
                });
                count = count.saturating_sub(1);
            }
            let Some(next) = next else { break };
            state = next;
        }
        PathSummary {
            share: share as Permille,
            steps,
            ending,
        }
    }
}
