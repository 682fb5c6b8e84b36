//! Every path through a scenario's decisions, summarised without walking them one by one.
//!
//! Play is a walk over states (a beat or ending, plus the flags that later conditions test).
//! Each state's summary (paths on from it, endings, principle ranges, best and worst scores
//! by number of decisions) is computed once and memoised, so twenty 4-way decisions in a row
//! (over 10^12 paths) take a few dozen states. `Rank` items branch by their top option (the
//! action taken) and `ChooseSeveral` by each set of `pick` options: their scored outcomes,
//! not every order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::flow::{self, Flags, Node};
use super::score::{self, Permille};
use crate::scenario::{Decision, DecisionKind, DecisionOption, Scenario};

/// One way of answering a decision, as far as scoring and branching are concerned.
#[derive(Debug, Clone)]
pub struct Branch {
    /// A representative answer: the option ids in order (for `Rank`, the ranking).
    pub answer: Vec<String>,
    /// The representative answer with the lowest share (differs only for `Rank`).
    pub worst_answer: Vec<String>,
    pub low: Permille,
    pub high: Permille,
    pub effects: BTreeMap<String, i32>,
    pub sets: Vec<String>,
    pub next: Option<String>,
    pub critical: bool,
    /// The critical options acting in this branch (ids), for reports.
    pub critical_options: Vec<String>,
    pub timed_out: bool,
}

/// The distinct scored outcomes of a decision (and its timeout default).
pub fn branches(decision: &Decision) -> Vec<Branch> {
    let from_options = |answer: Vec<String>, low: Permille, high: Permille, worst: Vec<String>| {
        let acting = flow::acting_options(decision, &answer);
        let effects = flow::total_effects(&acting);
        Branch {
            sets: acting.iter().flat_map(|o| o.set.iter().cloned()).collect(),
            next: acting.iter().find_map(|o| o.next.clone()),
            critical: acting.iter().any(|o| o.critical),
            critical_options: acting
                .iter()
                .filter(|o| o.critical)
                .map(|o| o.id.clone())
                .collect(),
            effects,
            low,
            high,
            answer,
            worst_answer: worst,
            timed_out: false,
        }
    };
    let mut found: Vec<Branch> = match &decision.kind {
        DecisionKind::Choose => decision
            .options
            .iter()
            .map(|o| {
                let share = score::grade_share(o.grade);
                from_options(vec![o.id.clone()], share, share, vec![o.id.clone()])
            })
            .collect(),
        DecisionKind::Rank { key } => {
            let available = score::MARKS_PER_OPTION * key.len() as u32;
            let ids = |order: &[usize]| {
                order
                    .iter()
                    .filter_map(|&k| key.get(k).cloned())
                    .collect::<Vec<_>>()
            };
            (0..key.len())
                .map(|top| {
                    let ((low, low_order), (high, high_order)) =
                        score::rank_extremes_with_top(key.len(), top);
                    from_options(
                        ids(&high_order),
                        score::marks_share(low, available),
                        score::marks_share(high, available),
                        ids(&low_order),
                    )
                })
                .collect()
        }
        DecisionKind::ChooseSeveral { pick, key } => {
            let available = score::MARKS_PER_OPTION * *pick;
            combinations(&decision.options, *pick as usize)
                .into_iter()
                .map(|chosen| {
                    let answer: Vec<String> = chosen.iter().map(|o| o.id.clone()).collect();
                    let share = score::marks_share(
                        score::several_marks(key, &answer, *pick as usize),
                        available,
                    );
                    from_options(answer.clone(), share, share, answer)
                })
                .collect()
        }
    };
    if let Some(timeout) = &decision.timeout {
        let default = &timeout.default;
        let share = score::timeout_share(&decision.kind, default.grade);
        found.push(Branch {
            answer: vec![default.id.clone()],
            worst_answer: vec![default.id.clone()],
            low: share,
            high: share,
            effects: default.effects.clone(),
            sets: default.set.clone(),
            next: default.next.clone(),
            critical: default.critical,
            critical_options: if default.critical {
                vec![default.id.clone()]
            } else {
                Vec::new()
            },
            timed_out: true,
        });
    }
    found
}

/// n choose k, saturating.
fn binomial(n: u128, k: u128) -> u128 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    // Each partial product is itself a binomial coefficient, so the division is exact.
    (0..k).fold(1u128, |ways, i| ways.saturating_mul(n - i) / (i + 1))
}

fn combinations(options: &[DecisionOption], k: usize) -> Vec<Vec<&DecisionOption>> {
    fn go<'a>(
        options: &'a [DecisionOption],
        k: usize,
        start: usize,
        current: &mut Vec<&'a DecisionOption>,
        out: &mut Vec<Vec<&'a DecisionOption>>,
    ) {
        if current.len() == k {
            out.push(current.clone());
            return;
        }
        for i in start..options.len() {
            current.push(&options[i]);
            go(options, k, i + 1, current, out);
            current.pop();
        }
    }
    let mut out = Vec::new();
    if k <= options.len() {
        go(options, k, 0, &mut Vec::new(), &mut out);
    }
    out
}

/// What `feedwise paths` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Exploration {
    /// Complete paths from the start to an ending (saturating).
    pub paths: u128,
    pub endings_reached: Vec<String>,
    pub endings_unreached: Vec<String>,
    pub beats_reached: Vec<String>,
    pub best: Option<PathSummary>,
    pub worst: Option<PathSummary>,
    /// Per principle: the lowest and highest total over complete paths.
    pub principles: Vec<PrincipleRange>,
    pub dead_ends: Vec<DeadEnd>,
    /// Endings that some path reaches after taking a critical option, by decision.
    pub after_critical: Vec<CriticalReach>,
    /// Distinct states visited (a measure of the work done).
    pub states: usize,
}

/// The endings a path can reach after a critical option at one decision.
#[derive(Debug, Clone, PartialEq, Eq, Ord, PartialOrd, Serialize)]
pub struct CriticalReach {
    pub decision: String,
    /// The critical option ids acting in the answer (a timeout default included).
    pub options: Vec<String>,
    pub endings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathSummary {
    /// Mean share of the decisions on the path, in thousandths.
    pub share: Permille,
    pub steps: Vec<PathStep>,
    pub ending: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    pub decision: String,
    pub answer: Vec<String>,
    pub share: Permille,
    pub timed_out: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrincipleRange {
    pub principle: String,
    pub min: i64,
    pub max: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Ord, PartialOrd, Serialize)]
pub struct DeadEnd {
    pub beat: String,
    pub flags: Vec<String>,
}

/// Why exploration could not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExploreError {
    UnknownStart(String),
    Loop {
        beat: String,
    },
    TooDeep,
    /// The state budget (`MAX_STATES`) ran out.
    TooManyStates,
    /// A choose-several decision has more ways to answer than `MAX_COMBINATIONS`.
    TooManyCombinations {
        decision: String,
        ways: u128,
    },
}

impl std::fmt::Display for ExploreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExploreError::UnknownStart(id) => {
                write!(f, "`start` names `{id}`, which is no beat or ending")
            }
            ExploreError::Loop { beat } => write!(
                f,
                "play can return to beat `{beat}`, so paths cannot be counted; run `feedwise check`"
            ),
            ExploreError::TooDeep => write!(f, "a path passes through more than {MAX_DEPTH} beats"),
            ExploreError::TooManyCombinations { decision, ways } => write!(
                f,
                "decision `{decision}` can be answered in {ways} ways, more than the \
                 {MAX_COMBINATIONS} `paths` lists one by one; `check` checks reachability by a \
                 cheaper pass instead"
            ),
            ExploreError::TooManyStates => write!(
                f,
                "exploration stopped after {MAX_STATES} states: this scenario has more distinct \
                 paths than `paths` can summarise (flags set by choices and tested later keep \
                 paths apart); `check` checks reachability by a cheaper pass instead"
            ),
        }
    }
}

/// Ways to answer one choose-several decision that exploration lists one by one, at most
/// (choose 3 of 8 is 56; choose 20 of 40 is about 1.4 * 10^11).
pub const MAX_COMBINATIONS: u128 = 20_000;

/// Distinct states (a beat with the flags still to be tested) explored at most; past it the
/// exploration stops with `TooManyStates` rather than run out of memory.
pub const MAX_STATES: usize = 100_000;

/// Longest path followed (beats in a row); deeper scenarios are refused, not overflowed.
pub const MAX_DEPTH: usize = 2_000;

type State = (Node, Vec<String>);

/// Best and worst sum of shares for paths with a given number of decisions, and the branch
/// taken first for each (`None` for a beat without a decision).
#[derive(Debug, Clone, Copy)]
struct Extreme {
    low: u64,
    low_branch: Option<usize>,
    high: u64,
    high_branch: Option<usize>,
}

#[derive(Debug, Clone, Default)]
struct Summary {
    paths: u128,
    endings: BTreeSet<usize>,
    beats: BTreeSet<usize>,
    ranges: Option<Vec<(i64, i64)>>,
    by_count: BTreeMap<u32, Extreme>,
    dead_ends: BTreeSet<DeadEnd>,
}

struct Explorer<'s> {
    scenario: &'s Scenario,
    principles: Vec<String>,
    tested_flags: BTreeSet<String>,
    branches: HashMap<usize, Vec<Branch>>,
    memo: HashMap<State, Summary>,
    on_path: BTreeSet<State>,
    /// (beat, branch) -> endings reachable after that branch, for critical branches only.
    after_critical: BTreeMap<(usize, usize), BTreeSet<usize>>,
}

/// Explores every path of a scenario from its start.
pub fn explore(scenario: &Scenario) -> Result<Exploration, ExploreError> {
    // Exploration recurses once per beat on a path, up to `MAX_DEPTH` deep. Callers' threads
    // may have small stacks (`check` explores on worker threads of 2 MiB), so a scenario that
    // could go deep is explored on a thread of its own with a stack sized for the limit.
    let deepest = scenario
        .beats
        .len()
        .saturating_mul(tested_flags(scenario).len() + 1);
    if deepest <= SHALLOW {
        return explore_here(scenario);
    }
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .name("explore".into())
            .stack_size(EXPLORE_STACK)
            .spawn_scoped(scope, || explore_here(scenario))
        {
            Ok(handle) => handle.join().unwrap_or(Err(ExploreError::TooDeep)),
            Err(_) => explore_here(scenario),
        }
    })
}

/// The flags some route tests: only these tell states apart.
fn tested_flags(scenario: &Scenario) -> BTreeSet<&str> {
    scenario
        .beats
        .iter()
        .flat_map(|beat| beat.then.iter().flat_map(|route| route.when.flags()))
        .collect()
}

/// Paths no longer than this many beats are explored on the caller's thread.
const SHALLOW: usize = 200;

/// The stack for deeper scenarios: room for `MAX_DEPTH` levels of `visit` several times over
/// (only the pages used are ever touched).
const EXPLORE_STACK: usize = 256 << 20;

fn explore_here(scenario: &Scenario) -> Result<Exploration, ExploreError> {
    let start = flow::node(scenario, &scenario.start)
        .ok_or_else(|| ExploreError::UnknownStart(scenario.start.clone()))?;
    let mut principles = BTreeSet::new();
    let mut branches = HashMap::new();
    for (i, beat) in scenario.beats.iter().enumerate() {
        if let Some(decision) = &beat.decision {
            if let DecisionKind::ChooseSeveral { pick, .. } = &decision.kind {
                let ways = binomial(decision.options.len() as u128, u128::from(*pick));
                if ways > MAX_COMBINATIONS {
                    return Err(ExploreError::TooManyCombinations {
                        decision: decision.id.clone(),
                        ways,
                    });
                }
            }
            for option in decision.all_outcomes() {
                principles.extend(option.effects.keys().cloned());
            }
            branches.insert(i, self::branches(decision));
        }
    }
    let mut explorer = Explorer {
        scenario,
        principles: principles.into_iter().collect(),
        tested_flags: tested_flags(scenario)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        branches,
        memo: HashMap::new(),
        on_path: BTreeSet::new(),
        after_critical: BTreeMap::new(),
    };
    let root: State = (start, Vec::new());
    explorer.visit(&root, 0)?;
    let summary = explorer.memo[&root].clone();
    let (best, worst) = explorer.extremes(&root);
    let reached: BTreeSet<usize> = summary.endings.clone();
    Ok(Exploration {
        paths: summary.paths,
        endings_reached: reached
            .iter()
            .map(|&i| scenario.endings[i].id.clone())
            .collect(),
        endings_unreached: (0..scenario.endings.len())
            .filter(|i| !reached.contains(i))
            .map(|i| scenario.endings[i].id.clone())
            .collect(),
        beats_reached: summary
            .beats
            .iter()
            .map(|&i| scenario.beats[i].id.clone())
            .collect(),
        best,
        worst,
        principles: match &summary.ranges {
            Some(ranges) => explorer
                .principles
                .iter()
                .zip(ranges)
                .map(|(p, &(min, max))| PrincipleRange {
                    principle: p.clone(),
                    min,
                    max,
                })
                .collect(),
            None => Vec::new(),
        },
        dead_ends: summary.dead_ends.into_iter().collect(),
        after_critical: explorer.critical_reaches(),
        states: explorer.memo.len(),
    })
}

impl Explorer<'_> {
    fn relevant(&self, flags: &Flags) -> Vec<String> {
        flags
            .iter()
            .filter(|f| self.tested_flags.contains(*f))
            .cloned()
            .collect()
    }

    /// The states a state leads to, each with the branch taken (for beats with a decision).
    fn children(&self, state: &State) -> Vec<(Option<usize>, Option<State>)> {
        let (node, flags) = state;
        let Node::Beat(i) = *node else {
            return Vec::new();
        };
        let beat = &self.scenario.beats[i];
        let flag_set: Flags = flags.iter().cloned().collect();
        let go = |next: Option<&str>, flags: &Flags| {
            next.and_then(|id| flow::node(self.scenario, id))
                .map(|node| (node, self.relevant(flags)))
        };
        match self.branches.get(&i) {
            None => vec![(None, go(flow::route(beat, &flag_set), &flag_set))],
            Some(branches) => branches
                .iter()
                .enumerate()
                .map(|(b, branch)| {
                    let mut after = flag_set.clone();
                    after.extend(branch.sets.iter().cloned());
                    let next = branch.next.as_deref().or_else(|| flow::route(beat, &after));
                    (Some(b), go(next, &after))
                })
                .collect(),
        }
    }

    fn visit(&mut self, state: &State, depth: usize) -> Result<(), ExploreError> {
        if self.memo.contains_key(state) {
            return Ok(());
        }
        if depth > MAX_DEPTH {
            return Err(ExploreError::TooDeep);
        }
        if self.memo.len() >= MAX_STATES {
            return Err(ExploreError::TooManyStates);
        }
        let (node, flags) = state.clone();
        let mut summary = Summary::default();
        match node {
            Node::Ending(e) => {
                summary.paths = 1;
                summary.endings.insert(e);
                summary.ranges = Some(vec![(0, 0); self.principles.len()]);
                summary.by_count.insert(
                    0,
                    Extreme {
                        low: 0,
                        low_branch: None,
                        high: 0,
                        high_branch: None,
                    },
                );
            }
            Node::Beat(i) => {
                if !self.on_path.insert(state.clone()) {
                    return Err(ExploreError::Loop {
                        beat: self.scenario.beats[i].id.clone(),
                    });
                }
                summary.beats.insert(i);
                for (branch, child) in self.children(state) {
                    let Some(child) = child else {
                        summary.dead_ends.insert(DeadEnd {
                            beat: self.scenario.beats[i].id.clone(),
                            flags: flags.clone(),
                        });
                        continue;
                    };
                    self.visit(&child, depth + 1)?;
                    let below = &self.memo[&child];
                    let branch_info = branch.map(|b| &self.branches[&i][b]);
                    if let (Some(b), Some(info)) = (branch, branch_info)
                        && info.critical
                    {
                        self.after_critical
                            .entry((i, b))
                            .or_default()
                            .extend(below.endings.iter().copied());
                    }
                    merge(&mut summary, below, branch, branch_info, &self.principles);
                }
                self.on_path.remove(state);
            }
        }
        self.memo.insert(state.clone(), summary);
        Ok(())
    }

    fn critical_reaches(&self) -> Vec<CriticalReach> {
        self.after_critical
            .iter()
            .map(|(&(beat, branch), endings)| CriticalReach {
                decision: self.scenario.beats[beat]
                    .decision
                    .as_ref()
                    .map(|d| d.id.clone())
                    .unwrap_or_default(),
                options: self.branches[&beat][branch].critical_options.clone(),
                endings: endings
                    .iter()
                    .map(|&e| self.scenario.endings[e].id.clone())
                    .collect(),
            })
            .collect()
    }

    /// The best and worst complete paths by mean share.
    fn extremes(&self, root: &State) -> (Option<PathSummary>, Option<PathSummary>) {
        let summary = &self.memo[root];
        let mean = |sum: u64, count: u32| {
            if count == 0 {
                u64::from(score::FULL)
            } else {
                sum / u64::from(count)
            }
        };
        let best = summary
            .by_count
            .iter()
            .max_by_key(|(count, e)| (mean(e.high, **count), std::cmp::Reverse(**count)));
        let worst = summary
            .by_count
            .iter()
            .min_by_key(|(count, e)| (mean(e.low, **count), **count));
        let best = best.map(|(&count, e)| self.trace(root, count, true, mean(e.high, count)));
        let worst = worst.map(|(&count, e)| self.trace(root, count, false, mean(e.low, count)));
        (best, worst)
    }

    fn trace(&self, root: &State, count: u32, high: bool, share: u64) -> PathSummary {
        let mut steps = Vec::new();
        let mut state = root.clone();
        let mut count = count;
        let mut ending = String::new();
        // Bounded by the depth limit: every step moves to a later state.
        for _ in 0..=MAX_DEPTH {
            let (node, _) = &state;
            if let Node::Ending(e) = node {
                ending = self.scenario.endings[*e].id.clone();
                break;
            }
            let Some(extreme) = self.memo[&state].by_count.get(&count) else {
                break;
            };
            let chosen = if high {
                extreme.high_branch
            } else {
                extreme.low_branch
            };
            let children = self.children(&state);
            let next = match chosen {
                None => children.into_iter().find_map(|(_, child)| child),
                Some(b) => {
                    let Node::Beat(i) = state.0 else { break };
                    let branch = &self.branches[&i][b];
                    let decision = self.scenario.beats[i]
                        .decision
                        .as_ref()
                        .map(|d| d.id.clone())
                        .unwrap_or_default();
                    steps.push(PathStep {
                        decision,
                        answer: if high {
                            branch.answer.clone()
                        } else {
                            branch.worst_answer.clone()
                        },
                        share: if high { branch.high } else { branch.low },
                        timed_out: branch.timed_out,
                    });
                    count = count.saturating_sub(1);
                    children
                        .into_iter()
                        .find(|(branch, _)| *branch == Some(b))
                        .and_then(|(_, child)| child)
                }
            };
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

/// Folds a child's summary into its parent's, through one branch.
fn merge(
    summary: &mut Summary,
    below: &Summary,
    branch: Option<usize>,
    info: Option<&Branch>,
    principles: &[String],
) {
    summary.paths = summary.paths.saturating_add(below.paths);
    summary.endings.extend(below.endings.iter().copied());
    summary.beats.extend(below.beats.iter().copied());
    summary.dead_ends.extend(below.dead_ends.iter().cloned());
    if let Some(ranges) = &below.ranges {
        let shifted: Vec<(i64, i64)> = principles
            .iter()
            .zip(ranges)
            .map(|(p, &(min, max))| {
                let change = info
                    .and_then(|b| b.effects.get(p))
                    .map_or(0, |&c| i64::from(c));
                (min + change, max + change)
            })
            .collect();
        summary.ranges = Some(match summary.ranges.take() {
            None => shifted,
            Some(current) => current
                .iter()
                .zip(&shifted)
                .map(|(a, b)| (a.0.min(b.0), a.1.max(b.1)))
                .collect(),
        });
    }
    for (&count, extreme) in &below.by_count {
        let (count, low, high) = match info {
            Some(b) => (
                count + 1,
                extreme.low + u64::from(b.low),
                extreme.high + u64::from(b.high),
            ),
            None => (count, extreme.low, extreme.high),
        };
        let entry = summary.by_count.entry(count).or_insert(Extreme {
            low,
            low_branch: branch,
            high,
            high_branch: branch,
        });
        if low < entry.low {
            entry.low = low;
            entry.low_branch = branch;
        }
        if high > entry.high {
            entry.high = high;
            entry.high_branch = branch;
        }
    }
}
