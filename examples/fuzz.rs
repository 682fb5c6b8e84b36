//! A fuzzer for the two ways untrusted input reaches feedwise, run by hand (cargo-fuzz needs a
//! nightly compiler, which this project's fixed toolchain is not):
//!
//! - `check`: mutated scenario files (seeded from the fixtures and the shipped scenarios)
//!   through the loader and every `check` rule, exploration included.
//! - `engine`: valid scenarios played by a `Session` driven with arbitrary actions: answers
//!   with real, unknown, repeated and wrongly-typed ids, and any amount of elapsed time.
//!
//! Each input runs under `catch_unwind`; a panic, or an input taking over a second, is saved
//! to `target/fuzz/` and counted. The report gives inputs per second, the slowest input and the
//! peak resident memory.
//!
//!   cargo run --release --no-default-features --example fuzz -- check 10000000
//!   cargo run --release --no-default-features --example fuzz -- engine 10000000

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use feedwise::check::check_source;
use feedwise::engine::{Answer, Session};
use feedwise::scenario::source::SourceFile;
use feedwise::scenario::synthetic::{Mix, synthetic};
use feedwise::scenario::{Catalogue, Scenario};

/// A small, fast generator; fuzzing needs speed and repeatability, not quality.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces of scenario syntax and awkward values that random bytes would rarely produce.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    ":",
    "id: ",
    "to: ",
    "next: ",
    "set: [\"f\"]",
    "when: Flag(\"f\"), ",
    "when: NotFlag(\"kind\"), ",
    "Any([])",
    "All([Flag(\"kind\")])",
    "kind: Rank(key: [\"good\", \"bad\"]), ",
    "kind: ChooseSeveral(pick: 1, key: [\"good\"]), ",
    "timeout: (seconds: 5, default: (id: \"t\", text: \"x\", grade: Breach, feedback: \"f\", cite: [])), ",
    "critical: true, ",
    "4294967295",
    "-2147483648",
    "2147483647",
    "18446744073709551615",
    "0",
    "-1",
    "1e309",
    "NaN",
    "{patient}",
    "{nope}",
    "{{",
    "}}",
    "{",
    "\\u{202e}",
    "\\u{1b}[2J",
    "\u{200b}",
    "\u{430}",
    "é",
    "\\",
    "\\\"",
    "//",
    "/*",
    "*/",
    "Some(",
    "None",
    "true",
    "false",
    "../",
    "/etc/passwd",
    "http://x",
    "(at: 0, show: Deleted(post: \"p1\")), ",
    "(at: 4294967295, show: Notification(text: \"n\")), ",
    "then: [(to: \"first\")], ",
    "then: [], ",
    "options: [], ",
    "events: [], ",
    "endings: [], ",
    "beats: [], ",
    "cast: [], ",
];

fn mutate(seed: &[u8], others: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = at.min(data.len() - 1);
                data[i] ^= 1 << rng.below(8);
            }
            1 if !data.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.bytes());
            }
            3 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(256)).min(data.len());
                let piece = data[start..end].to_vec();
                let at = at.min(data.len());
                data.splice(at..at, piece);
            }
            4 => {
                let other = &others[rng.below(others.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + 1 + rng.below(512)).min(other.len());
                    let at = at.min(data.len());
                    data.splice(at..at, other[start..end].iter().copied());
                }
            }
            _ => {
                let at = at.min(data.len());
                data.insert(at, rng.next() as u8);
            }
        }
    }
    data
}

/// Every string in a JSON tree, to reuse as replacement ids and references.
fn strings(value: &serde_json::Value, into: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => into.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, into)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| strings(v, into)),
        _ => {}
    }
}

/// Changes one random node of a JSON tree: a string becomes another string from the scenario
/// or an awkward one, a number an extreme, an array loses, repeats or swaps an element.
fn mutate_tree(value: &mut serde_json::Value, pool: &[String], rng: &mut Rng) {
    use serde_json::Value;
    // Walk down to a random node, choosing a child at each level.
    let mut node = value;
    loop {
        let children = match node {
            Value::Array(items) => items.len(),
            Value::Object(fields) => fields.len(),
            _ => 0,
        };
        if children == 0 || rng.below(4) == 0 {
            break;
        }
        let pick = rng.below(children);
        node = match node {
            Value::Array(items) => &mut items[pick],
            Value::Object(fields) => fields.values_mut().nth(pick).expect("in range"),
            _ => unreachable!("has children"),
        };
    }
    match node {
        Value::String(text) => {
            *text = match rng.below(3) {
                0 => TOKENS[rng.below(TOKENS.len())].to_owned(),
                _ => pool[rng.below(pool.len())].clone(),
            }
        }
        Value::Number(_) => {
            let extremes = [
                0i64,
                1,
                -1,
                4_294_967_295,
                i64::from(i32::MAX),
                i64::from(i32::MIN),
            ];
            *node = Value::from(extremes[rng.below(extremes.len())]);
        }
        Value::Bool(flag) => *flag = !*flag,
        Value::Array(items) if !items.is_empty() => {
            let i = rng.below(items.len());
            match rng.below(3) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.insert(rng.below(items.len() + 1), copy);
                }
                _ => {
                    let j = rng.below(items.len());
                    items.swap(i, j);
                }
            }
        }
        _ => {}
    }
}

/// A scenario changed in its values but still in the shape of one, so that the input gets
/// past the parser to the meaning rules and exploration.
fn mutate_structure(seed: &serde_json::Value, pool: &[String], rng: &mut Rng) -> Option<Vec<u8>> {
    let mut tree = seed.clone();
    for _ in 0..1 + rng.below(4) {
        mutate_tree(&mut tree, pool, rng);
    }
    let scenario: Scenario = serde_json::from_value(tree).ok()?;
    feedwise::scenario::load::to_ron(&scenario)
        .ok()
        .map(String::into_bytes)
}

fn seeds() -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fixtures/check", "tests/fixtures/engine", "scenarios"] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

/// One input through `check`; whether it parsed (and so reached the meaning rules).
fn check_one(bytes: &[u8], catalogue: &Catalogue) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let source = SourceFile::new("fuzz.ron", text.into_owned());
    check_source(&source, catalogue).0.is_some()
}

/// One run of a session driven by `rng`.
fn play_one(scenario: &Arc<Scenario>, catalogue: &Arc<Catalogue>, rng: &mut Rng) {
    let mut session = Session::new(Arc::clone(scenario), Arc::clone(catalogue), rng.next());
    let mut clock = session.clock();
    for _ in 0..1 + rng.below(60) {
        match rng.below(5) {
            0 => {
                let millis = match rng.below(4) {
                    0 => u64::MAX,
                    1 => rng.next(),
                    _ => rng.below(120_000) as u64,
                };
                session.advance(Duration::from_millis(millis));
            }
            1 => {
                session.advance_to_decision();
            }
            _ => {
                let ids: Vec<String> = session
                    .pending()
                    .map(|offer| offer.options.iter().map(|o| o.id.clone()).collect())
                    .unwrap_or_default();
                let pick = |rng: &mut Rng| -> String {
                    if ids.is_empty() || rng.below(8) == 0 {
                        ["", "nope", "\u{202e}", "good"][rng.below(4)].to_owned()
                    } else {
                        ids[rng.below(ids.len())].clone()
                    }
                };
                let many: Vec<String> = (0..rng.below(ids.len() + 2)).map(|_| pick(rng)).collect();
                let answer = match rng.below(4) {
                    0 => Answer::Choose(pick(rng)),
                    1 => Answer::Rank(many),
                    2 => Answer::Several(many),
                    _ => {
                        // A valid ranking: every offered id once.
                        let mut order = ids.clone();
                        for i in (1..order.len()).rev() {
                            order.swap(i, rng.below(i + 1));
                        }
                        Answer::Rank(order)
                    }
                };
                let before = (session.outcomes().len(), session.is_finished());
                if session.answer(answer).is_err() {
                    assert_eq!(
                        before,
                        (session.outcomes().len(), session.is_finished()),
                        "a refused answer changed the session"
                    );
                }
            }
        }
        assert!(session.clock() >= clock, "the clock went backwards");
        clock = session.clock();
    }
}

fn scenario_pool() -> Vec<Arc<Scenario>> {
    let catalogue = Catalogue::embedded().expect("catalogue");
    let mut pool: Vec<Arc<Scenario>> = seeds()
        .iter()
        .filter_map(|bytes| {
            let source = SourceFile::new("seed.ron", String::from_utf8_lossy(bytes).into_owned());
            let (scenario, diagnostics) = check_source(&source, &catalogue);
            let clean = diagnostics
                .iter()
                .all(|d| d.severity != feedwise::check::Severity::Error);
            scenario.filter(|_| clean).map(Arc::new)
        })
        .collect();
    pool.push(Arc::new(synthetic("all-kinds", 9, 4, Mix::AllKinds)));
    pool
}

fn peak_resident_mib() -> f64 {
    feedwise::memory_usage::peak_resident_kib().map_or(0.0, |kib| kib as f64 / 1024.0)
}

fn save(dir: &Path, kind: &str, index: u64, bytes: &[u8]) {
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(format!("{kind}-{index}.ron")), bytes);
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let target = args.first().map_or("check", String::as_str).to_owned();
    let inputs: u64 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let start_seed: u64 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    let out_dir =
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or("target".into())).join("fuzz");
    // Panics are expected findings, counted and saved; their messages would flood the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    let catalogue = Arc::new(Catalogue::embedded().expect("catalogue"));
    let seeds = seeds();
    let pool = scenario_pool();
    let trees: Vec<serde_json::Value> = pool
        .iter()
        .filter_map(|s| serde_json::to_value(s.as_ref()).ok())
        .collect();
    let mut words = Vec::new();
    trees.iter().for_each(|tree| strings(tree, &mut words));
    // Small trees (the fixtures) are mutated most: a shipped scenario costs tens of times more
    // per input and adds little that its pieces, spliced in, do not.
    let (small, large): (Vec<usize>, Vec<usize>) =
        (0..trees.len()).partition(|&i| trees[i].to_string().len() < 8_192);
    words.sort();
    words.dedup();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let (panics, slow, slowest_us) = (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    let parsed = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..threads {
            let (catalogue, seeds, pool, trees, words, small, large) =
                (&catalogue, &seeds, &pool, &trees, &words, &small, &large);
            let (panics, slow, slowest_us, out_dir, target, parsed) =
                (&panics, &slow, &slowest_us, &out_dir, &target, &parsed);
            scope.spawn(move || {
                let mut rng = Rng(0x9e37_79b9_7f4a_7c15
                    ^ (start_seed + worker).wrapping_mul(0x1234_5678_9abc_def1));
                for index in (worker..inputs).step_by(threads as usize) {
                    let began = Instant::now();
                    let (input, outcome) = if target == "engine" {
                        let scenario = &pool[rng.below(pool.len())];
                        let mut run = rng.clone();
                        rng.next();
                        let outcome = catch_unwind(AssertUnwindSafe(|| {
                            play_one(scenario, catalogue, &mut run)
                        }));
                        (scenario.id.clone().into_bytes(), outcome)
                    } else {
                        // Half the inputs are byte-level mutations (the parser's errors), half
                        // structural ones that still parse (the rules and exploration).
                        let structural = if rng.below(2) == 0 {
                            let from = if large.is_empty() || rng.below(50) > 0 {
                                small[rng.below(small.len())]
                            } else {
                                large[rng.below(large.len())]
                            };
                            mutate_structure(&trees[from], words, &mut rng)
                        } else {
                            None
                        };
                        let input = structural.unwrap_or_else(|| {
                            mutate(&seeds[rng.below(seeds.len())], seeds, &mut rng)
                        });
                        let outcome = catch_unwind(AssertUnwindSafe(|| {
                            if check_one(&input, catalogue) {
                                parsed.fetch_add(1, Ordering::Relaxed);
                            }
                        }));
                        (input, outcome)
                    };
                    let took = began.elapsed();
                    slowest_us.fetch_max(took.as_micros() as u64, Ordering::Relaxed);
                    if outcome.is_err() {
                        panics.fetch_add(1, Ordering::Relaxed);
                        save(out_dir, &format!("{target}-panic"), index, &input);
                    }
                    if took > Duration::from_secs(1) {
                        slow.fetch_add(1, Ordering::Relaxed);
                        save(out_dir, &format!("{target}-slow"), index, &input);
                    }
                }
            });
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let reached = if target == "engine" {
        String::new()
    } else {
        format!(
            "; {:.0}% parsed and reached the meaning rules",
            parsed.load(Ordering::Relaxed) as f64 * 100.0 / inputs.max(1) as f64
        )
    };
    println!(
        "fuzz {target}: {inputs} inputs in {seconds:.0} s ({:.0}/s on {threads} threads); \
         panics {}, over 1 s {}, slowest {:.1} ms; peak resident memory {:.0} MiB{reached}",
        inputs as f64 / seconds,
        panics.load(Ordering::Relaxed),
        slow.load(Ordering::Relaxed),
        slowest_us.load(Ordering::Relaxed) as f64 / 1000.0,
        peak_resident_mib(),
    );
    if panics.load(Ordering::Relaxed) > 0 || slow.load(Ordering::Relaxed) > 0 {
        println!("inputs saved in {}", out_dir.display());
        std::process::exit(1);
    }
}
