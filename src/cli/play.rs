//! `feedwise play FILE`: plays a scenario in the terminal on the same engine as the app.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use clap::Args;

use crate::engine::outcome::Outcome;
use crate::engine::timeline::{Change, PostKind, Timeline};
use crate::engine::{Answer, Debrief, OfferKind, PlayEvent, Session, debrief, record};
use crate::files::write_shared;
use crate::scenario::load::to_ron;
use crate::scenario::{Platform, Profession};

#[derive(Debug, Args)]
pub struct PlayArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// Seed for variant names and option order [default: taken from the clock, and printed].
    #[arg(long)]
    pub seed: Option<u64>,
    /// Answers in order, one per decision: an option id; for Rank every id best first joined
    /// by `+`; for ChooseSeveral the chosen ids joined by `+`; `@timeout` lets a timed
    /// decision's time run out (its default is taken). Without it, answers are asked for.
    #[arg(long, value_delimiter = ',', value_name = "ID,ID,...")]
    pub choose: Option<Vec<String>>,
    /// Who plays: picks the scenario's text for that audience (its first audience when it is
    /// not written for them) and lists that regulator's references first [default: nobody
    /// in particular: the first audience's text, references in the order cited].
    #[arg(long = "as", value_enum, value_name = "PROFESSION")]
    pub profession: Option<Profession>,
    /// Write the run's transcript (RON) here when play stops.
    #[arg(long, value_name = "OUT.ron")]
    pub transcript: Option<PathBuf>,
    /// Instead of one run, N seeded random playthroughs (up to 10,000,000): the spread of
    /// endings, scores, principle totals and options, on the engine's fast path.
    #[arg(long, value_name = "N", conflicts_with_all = ["choose", "transcript"],
          value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub random: Option<u64>,
    /// With --random: how to print the summary.
    #[arg(long, value_enum, default_value_t = super::check::Format::Human, requires = "random")]
    pub format: super::check::Format,
}

pub fn run(args: &PlayArgs) -> u8 {
    let (scenario, catalogue) = match super::load::checked_scenario(&args.file) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let seed = args.seed.unwrap_or_else(crate::clock::seed_from_clock);
    if let Some(runs) = args.random {
        let summary = super::random_play::random_runs(&scenario, runs, seed);
        match args.format {
            super::check::Format::Human => super::emit(&super::random_play::render(&summary)),
            super::check::Format::Json => super::emit_json(
                &(serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n"),
            ),
        }
        return u8::from(!summary.stopped.is_empty());
    }
    let mut feed = Timeline::of(&scenario);
    let mut session = Session::playing_as(scenario, catalogue, seed, args.profession);
    // Scenario text reaches the terminal only through this (see `terminal`).
    let mut out = super::terminal::SafeWriter::new(std::io::stdout().lock());
    let playing_as = (args.profession)
        .map(|profession| format!(", as {}", profession.one()))
        .unwrap_or_default();
    let platform = match session.platform() {
        Platform::Feed => String::new(),
        Platform::GroupChat { name, members } => {
            format!("In the group chat \"{name}\" ({members} members).\n")
        }
        Platform::Chatbot { bot } => format!(
            "In a conversation with the AI chatbot {}.\n",
            who(&session, &bot)
        ),
        other => format!("On {}.\n", other.word()),
    };
    let _ = writeln!(
        out,
        "{} (seed {seed}{playing_as})\n{platform}",
        session.fill(&session.scenario().title)
    );
    let mut scripted = args.choose.clone().map(|answers| answers.into_iter());
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let status = loop {
        let events = session.advance_to_decision();
        print_all(&mut out, &session, &mut feed, &events);
        let Some(offer) = session.pending().cloned() else {
            break 0;
        };
        let ids: Vec<String> = offer.options.iter().map(|o| o.id.clone()).collect();
        let answer = match &mut scripted {
            Some(answers) => match answers.next() {
                // Let the clock run past the limit: the engine takes the default.
                Some(text) if text.trim() == TIMEOUT => match offer.time_limit {
                    Some(limit) => {
                        let waited = std::time::Duration::from_secs(u64::from(limit) + 1);
                        let events = session.advance(waited);
                        print_all(&mut out, &session, &mut feed, &events);
                        continue;
                    }
                    None => Err(format!(
                        "error: decision `{}` has no time limit, so `{TIMEOUT}` would wait for ever",
                        offer.decision
                    )),
                },
                Some(text) => Ok(parse_answer(&offer.kind, &text)),
                None => Err(format!(
                    "error: --choose has no answer for decision `{}`",
                    offer.decision
                )),
            },
            None => ask(&mut out, &mut input, &offer.kind, &ids).ok_or_else(|| {
                format!(
                    "\nerror: input ended before decision `{}` was answered",
                    offer.decision
                )
            }),
        };
        let failed = match answer.map(|answer| session.answer(answer)) {
            Ok(Ok(events)) => {
                print_all(&mut out, &session, &mut feed, &events);
                continue;
            }
            Ok(Err(error)) if scripted.is_none() => {
                let _ = writeln!(out, "  {error}; try again");
                continue;
            }
            Ok(Err(error)) => format!("error: {error}"),
            Err(message) => message,
        };
        let _ = writeln!(out, "{failed}");
        break 1;
    };
    if session.is_finished() {
        print_debrief(&mut out, &debrief(&session));
    }
    if let Some(path) = &args.transcript {
        // Success is reported only for a transcript that was both made and written whole.
        let written = to_ron(&record(&session))
            .map_err(|error| std::io::Error::other(error.to_string()))
            .and_then(|text| write_shared(path, text.as_bytes()));
        if let Err(error) = written {
            super::warn(&format!(
                "error: cannot write {}: {error}\n",
                path.display()
            ));
            return 2;
        }
        let _ = writeln!(out, "transcript written to {}", path.display());
    }
    status
}

/// The scripted answer that lets a timed decision run out; `@` is never in an option id.
const TIMEOUT: &str = "@timeout";

/// Turns one scripted answer into an `Answer` of the kind the decision asks for.
fn parse_answer(kind: &OfferKind, text: &str) -> Answer {
    let ids: Vec<String> = text
        .split('+')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    match kind {
        OfferKind::Choose => Answer::Choose(text.trim().to_owned()),
        OfferKind::Rank => Answer::Rank(ids),
        OfferKind::ChooseSeveral { .. } => Answer::Several(ids),
    }
}

/// Asks on stdin; numbers (as shown) or ids, separated by spaces. `None` when input ends.
fn ask(
    out: &mut impl Write,
    input: &mut impl BufRead,
    kind: &OfferKind,
    ids: &[String],
) -> Option<Answer> {
    let how = match kind {
        OfferKind::Choose => "your choice (number or id)".to_owned(),
        OfferKind::Rank => "every option, best first (numbers or ids, space-separated)".to_owned(),
        OfferKind::ChooseSeveral { pick } => {
            format!("exactly {pick} options (numbers or ids, space-separated)")
        }
    };
    let _ = write!(out, "  > {how}: ");
    let _ = out.flush();
    let mut line = String::new();
    if input.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let picked: Vec<String> = line
        .split_whitespace()
        .map(|word| match word.parse::<usize>() {
            Ok(n) if (1..=ids.len()).contains(&n) => ids[n - 1].clone(),
            _ => word.to_owned(),
        })
        .collect();
    Some(match kind {
        OfferKind::Choose => Answer::Choose(picked.first().cloned().unwrap_or_default()),
        OfferKind::Rank => Answer::Rank(picked),
        OfferKind::ChooseSeveral { .. } => Answer::Several(picked),
    })
}

fn clock(ms: u64) -> String {
    format!("{:>2}:{:02}", ms / 60_000, (ms / 1000) % 60)
}

fn who(session: &Session, id: &str) -> String {
    session
        .persona(id)
        .map_or_else(|| id.to_owned(), |p| format!("{} @{}", p.name, p.handle))
}

fn print_all(out: &mut impl Write, session: &Session, feed: &mut Timeline, events: &[PlayEvent]) {
    for event in events {
        let _ = match event {
            PlayEvent::BeatStarted { .. } => Ok(()),
            PlayEvent::Shown { at, .. } => {
                let t = clock(*at);
                for change in feed.apply(event) {
                    print_change(out, session, feed, &t, &change);
                }
                Ok(())
            }
            PlayEvent::DecisionOffered(offer) => {
                let _ = writeln!(out, "\nDECISION: {}", offer.prompt);
                if let Some(seconds) = offer.time_limit {
                    let _ = writeln!(out, "  (you have {seconds} seconds)");
                }
                for (i, option) in offer.options.iter().enumerate() {
                    let _ = writeln!(out, "  {}. [{}] {}", i + 1, option.id, option.text);
                }
                Ok(())
            }
            PlayEvent::TimedOut { decision, default } => {
                writeln!(out, "  time ran out on `{decision}`: `{default}` was taken")
            }
            PlayEvent::Decided(outcome) => {
                print_outcome(out, session, outcome);
                Ok(())
            }
            PlayEvent::EndingReached { title, debrief, .. } => {
                writeln!(out, "\nENDING: {title}\n{debrief}")
            }
            PlayEvent::DeadEnd { beat, .. } => {
                writeln!(out, "\nplay stopped: beat `{beat}` has no way on")
            }
        };
    }
}

/// One change to the network, read back from the timeline: replies are indented under their
/// thread and counts are printed whole, as the app shows them.
fn print_change(
    out: &mut impl Write,
    session: &Session,
    feed: &Timeline,
    t: &str,
    change: &Change,
) {
    let post = |id: &str| feed.post(id).expect("the timeline holds what it announces");
    let _ = match change {
        Change::Posted { id } => {
            let shown = post(id);
            match &shown.kind {
                PostKind::Post => writeln!(
                    out,
                    "[{t}] POST {}: {}{}",
                    who(session, &shown.author),
                    shown.text,
                    shown
                        .picture
                        .as_deref()
                        .map(|shows| format!("\n        [picture: {shows}]"))
                        .unwrap_or_default()
                ),
                PostKind::Reply { to, .. } => writeln!(
                    out,
                    "[{t}] REPLY to {to} (not shown) from {}: {}",
                    who(session, &shown.author),
                    shown.text
                ),
                PostKind::Screenshot {
                    original_author,
                    original_text,
                    ..
                } => writeln!(
                    out,
                    "[{t}] SCREENSHOT shared by {}: {}
        of a deleted post{}: {original_text}",
                    who(session, &shown.author),
                    shown.text,
                    original_author
                        .as_deref()
                        .map(|a| format!(" by {}", who(session, a)))
                        .unwrap_or_default()
                ),
            }
        }
        Change::Replied { id, root } => {
            let shown = post(id);
            let to = match &shown.kind {
                PostKind::Reply { to, .. } => feed.post(to).map(|p| who(session, &p.author)),
                _ => None,
            };
            writeln!(
                out,
                "[{t}]   > in the thread of {root}, {} replies to {}: {}",
                who(session, &shown.author),
                to.unwrap_or_default(),
                shown.text
            )
        }
        Change::Counted { id } => {
            let shown = post(id);
            writeln!(
                out,
                "        ({id}: {} replies, {} reposts, {} likes)",
                shown.replies, shown.reposts, shown.likes
            )
        }
        Change::Deleted { id } => {
            let shown = post(id);
            writeln!(
                out,
                "[{t}] DELETED by {}: {}",
                who(session, &shown.author),
                shown.text
            )
        }
        Change::Messaged { index } => {
            let message = &feed.messages()[*index];
            writeln!(
                out,
                "[{t}] DM {} -> {}: {}",
                who(session, &message.from),
                who(session, &message.to),
                message.text
            )
        }
        Change::Notified { index } => {
            writeln!(
                out,
                "[{t}] NOTIFICATION {}",
                feed.notifications()[*index].text
            )
        }
        // The terminal shows everything at once; nothing is left unread.
        Change::UnreadChanged(_) => Ok(()),
    };
}

fn print_outcome(out: &mut impl Write, session: &Session, outcome: &Outcome) {
    let _ = writeln!(
        out,
        "\n  GRADE: {}{}",
        outcome.grade.word(),
        if outcome.critical {
            " (critical breach)"
        } else {
            ""
        }
    );
    if let Some(marks) = outcome.marks {
        let _ = writeln!(out, "  marks: {} of {}", marks.earned, marks.available);
    }
    for effect in &outcome.effects {
        let _ = writeln!(out, "  {:+} {}", effect.change, effect.title);
    }
    // The player's regulator's references first, when `--as` named one.
    let regulators = Vec::from_iter(session.profession().and_then(Profession::regulator));
    for explanation in &outcome.explanations {
        let place = match (explanation.placed, explanation.keyed_place) {
            (Some(placed), Some(keyed)) => {
                format!(" (you placed it {}, key {})", placed + 1, keyed + 1)
            }
            _ if explanation.keyed_place.is_none()
                && explanation.marks.is_none()
                && !explanation.chosen =>
            {
                " (a better answer)".to_owned()
            }
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  - {}{place}: {}",
            explanation.text, explanation.feedback
        );
        let guidance = (session.catalogue()).guidance_for(&regulators, &explanation.citations());
        for reference in &guidance.first {
            let _ = writeln!(out, "      see {reference}");
        }
        for reference in &guidance.also {
            let _ = writeln!(out, "      also {reference}");
        }
    }
    let _ = writeln!(out);
}

fn print_debrief(out: &mut impl Write, debrief: &Debrief) {
    let _ = writeln!(
        out,
        "\nDEBRIEF: {}%  (seed {})",
        debrief.percentage, debrief.seed
    );
    for breach in &debrief.breaches {
        let _ = writeln!(out, "  CRITICAL: {} ({})", breach.text, breach.decision);
    }
    for principle in &debrief.principles {
        let _ = writeln!(out, "  {:<40} {}", principle.title, principle.in_words());
    }
    let _ = writeln!(out, "  your path:");
    for step in &debrief.path {
        let _ = writeln!(
            out,
            "    {}: {} [{}]",
            step.decision,
            step.joined(),
            step.grade.word()
        );
    }
    let _ = writeln!(out, "  best path:");
    for step in &debrief.best_path {
        let _ = writeln!(out, "    {}: {}", step.decision, step.joined());
    }
}
