//! The reflective note for CPD and revalidation: what happened in each run (every decision,
//! what the trainee chose, its marks and the guidance it touched, and the principle totals),
//! then headed spaces for the trainee's own reflection, in the shape of the reflective
//! templates the trainee's regulator uses (`Regulator` from the profession the record keeps,
//! or for older records from its audience). One note
//! per run or per period. The same blocks are written as Markdown or as an HTML page that
//! prints on A4 with no script and nothing fetched. Headings are our own words; no guidance
//! text is quoted (the record keeps references to documents and paragraphs, not their text).

use std::fmt::Write;

use super::Regulator;
use super::chart::{principles_svg, signed};
use crate::record::{AnswerKind, DecisionRecord, PrincipleTotal, RunRecord, RunStatus, time};

/// The note as Markdown.
pub fn markdown(runs: &[&RunRecord]) -> String {
    let mut out = String::new();
    for block in blocks(runs) {
        // Writing to a String cannot fail.
        let _ = match block {
            Block::Heading(level, text) => {
                write!(out, "{} {}\n\n", "#".repeat(level.into()), md(&text))
            }
            Block::Reflection(text) => write!(out, "## {}\n\n", md(&text)),
            Block::Para(text) => write!(out, "{}\n\n", md_start(&text)),
            Block::Note(text) => write!(out, "_{}_\n\n", md(&text)),
            Block::Facts(facts) => {
                for (name, value) in facts {
                    let _ = writeln!(out, "- **{}:** {}", md(name), md(&value));
                }
                writeln!(out)
            }
            Block::List(ordered, items) => {
                for (n, item) in items.iter().enumerate() {
                    if ordered {
                        let _ = writeln!(out, "{}. {}", n + 1, md_start(item));
                    } else {
                        let _ = writeln!(out, "- {}", md_start(item));
                    }
                }
                writeln!(out)
            }
            Block::Chart(totals) => {
                out.push_str("| principle | total | possible range |\n|---|---|---|\n");
                for t in totals {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} to {} |",
                        md(&t.title),
                        signed(t.total),
                        signed(t.min),
                        signed(t.max)
                    );
                }
                writeln!(out)
            }
            Block::Space { heading, prompt } => write!(
                out,
                "### {}\n\n_{}_\n\n{}",
                md(&heading),
                md(&prompt),
                "&nbsp;\n\n".repeat(4)
            ),
        };
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The note as one HTML page: styles inline, A4 print rules, no script, no external
/// resource (a content security policy forbids them too), every text escaped.
pub fn html(runs: &[&RunRecord]) -> String {
    let title = title(runs);
    let blocks = blocks(runs);
    // Emoji in the scenarios' texts print as empty boxes where the reader's system has no
    // emoji font: the page then brings the app's own (Noto Emoji, OFL), as a data URL.
    let emoji = blocks_text(&blocks).chars().any(crate::glyphs::emoji_only);
    let (font_src, font_face) = if emoji {
        use base64::Engine;
        let data = base64::engine::general_purpose::STANDARD.encode(crate::glyphs::EMOJI_FONT);
        (
            "; font-src data:",
            format!(
                "@font-face {{ font-family: 'Noto Emoji feedwise'; src: url(data:font/ttf;base64,{data}) format('truetype'); }}\n"
            ),
        )
    } else {
        ("", String::new())
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'{font_src}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{font_face}{STYLE}</style>\n</head>\n<body>\n<main>\n",
        escape(&title)
    );
    // Writing space under each reflection heading, as much as lets all of them share the
    // last A4 page (tests/it/export_print.rs prints them): 3 headings 45 mm, 4 30 mm, 5 20 mm.
    let spaces = blocks
        .iter()
        .filter(|b| matches!(b, Block::Space { .. }))
        .count();
    let space = match spaces {
        0..=3 => 45,
        4 => 30,
        _ => 20,
    };
    for block in blocks {
        let _ = match block {
            Block::Heading(level, text) => writeln!(out, "<h{level}>{}</h{level}>", escape(&text)),
            Block::Reflection(text) => {
                writeln!(out, "<h2 class=\"reflections\">{}</h2>", escape(&text))
            }
            Block::Para(text) => writeln!(out, "<p>{}</p>", escape(&text)),
            Block::Note(text) => writeln!(out, "<p class=\"note\">{}</p>", escape(&text)),
            Block::Facts(facts) => {
                out.push_str("<dl>\n");
                for (name, value) in facts {
                    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(name), escape(&value));
                }
                writeln!(out, "</dl>")
            }
            Block::List(ordered, items) => {
                let tag = if ordered { "ol" } else { "ul" };
                let _ = writeln!(out, "<{tag}>");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(&item));
                }
                writeln!(out, "</{tag}>")
            }
            Block::Chart(totals) => writeln!(out, "<figure>{}</figure>", principles_svg(totals)),
            Block::Space { heading, prompt } => writeln!(
                out,
                "<section class=\"reflection\"><h3>{}</h3><p class=\"prompt\">{}</p><div class=\"space\" style=\"min-height: {space}mm\"></div></section>",
                escape(&heading),
                escape(&prompt)
            ),
        };
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

const STYLE: &str = "
body { font: 11pt/1.45 Georgia, 'DejaVu Serif', serif, 'Noto Emoji feedwise'; color: #111; margin: 0 auto; max-width: 180mm; padding: 12mm; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; border-bottom: 1px solid #555; margin-top: 8mm; }
h3 { font-size: 12pt; margin: 5mm 0 1mm; }
h4 { font-size: 11pt; margin: 4mm 0 1mm; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 4mm; margin: 1mm 0; }
dt { font-weight: bold; }
dd { margin: 0; }
.note, .prompt { font-style: italic; color: #333; }
figure { margin: 2mm 0; }
svg.principles { max-width: 170mm; }
svg .label, svg .value { font: 12px sans-serif; fill: #111; }
svg .range { fill: #eee; stroke: #888; stroke-width: 1; }
svg .bar.above { fill: #2b6cb0; }
svg .bar.below { fill: #b7791f; }
svg .zero { stroke: #000; stroke-width: 2; }
.space { border: 1px solid #999; background: repeating-linear-gradient(#fff 0 7.5mm, #ccc 7.5mm calc(7.5mm + 1px)); }
@page { size: A4; margin: 15mm; }
@media print {
  body { padding: 0; max-width: none; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  h2, h3, h4 { break-after: avoid; }
  .decision, figure, .reflection, dl { break-inside: avoid; }
  .reflections { break-before: page; }
}
";

/// The note's parts, written the same way in either format.
enum Block<'a> {
    Heading(u8, String),
    /// The heading of the trainee's own part, which starts a new printed page.
    Reflection(String),
    Para(String),
    /// A remark in italics.
    Note(String),
    Facts(Vec<(&'static str, String)>),
    /// Items, numbered when the bool says so.
    List(bool, Vec<String>),
    Chart(&'a [PrincipleTotal]),
    /// A headed empty space for the trainee to write in.
    Space {
        heading: String,
        prompt: String,
    },
}

/// All the words the blocks hold, to see which characters the page needs.
fn blocks_text(blocks: &[Block<'_>]) -> String {
    (blocks.iter())
        .flat_map(|block| match block {
            Block::Heading(_, text)
            | Block::Reflection(text)
            | Block::Para(text)
            | Block::Note(text) => vec![text.as_str()],
            Block::Facts(facts) => facts.iter().flat_map(|(a, b)| [*a, b.as_str()]).collect(),
            Block::List(_, items) => items.iter().map(String::as_str).collect(),
            Block::Chart(totals) => totals.iter().map(|t| t.title.as_str()).collect(),
            Block::Space { heading, prompt } => vec![heading.as_str(), prompt.as_str()],
        })
        .collect()
}

fn title(runs: &[&RunRecord]) -> String {
    if crate::record::one_practice_set(runs).is_some() {
        let (from, _) = period(runs);
        return format!(
            "Reflective note: a practice set of {} decision{} on {from}",
            runs.len(),
            plural(runs.len())
        );
    }
    match runs {
        [one] => format!("Reflective note: {}", one.scenario_title),
        _ => {
            let (from, to) = period(runs);
            if from == to {
                format!("Reflective note: simulated social media practice on {from}")
            } else {
                format!("Reflective note: simulated social media practice, {from} to {to}")
            }
        }
    }
}

fn period(runs: &[&RunRecord]) -> (String, String) {
    let dates = || runs.iter().map(|r| time::date_of(&r.started).to_owned());
    (
        dates().min().unwrap_or_default(),
        dates().max().unwrap_or_default(),
    )
}

fn blocks<'a>(runs: &[&'a RunRecord]) -> Vec<Block<'a>> {
    let mut out = vec![Block::Heading(1, title(runs))];
    out.push(Block::Note(
        "Simulated practice in feedwise: the scenarios, people and posts are fictional. This note stays on your computer unless you choose to share it."
            .to_owned(),
    ));
    out.push(Block::Facts(cpd_facts(runs)));
    if runs.len() > 1 {
        out.push(Block::Heading(2, "The runs".to_owned()));
        let items = runs.iter().map(|r| {
            let date = time::date_of(&r.started);
            let (title, kind) = (&r.scenario_title, r.kind_words());
            format!("{date}: {title} ({kind}, {}%)", r.percentage)
        });
        out.push(Block::List(false, items.collect()));
    }
    progress_over_period(runs, &mut out);
    for run in runs {
        what_happened(run, runs.len() > 1, &mut out);
    }
    reflection(Regulator::of_runs(runs), &mut out);
    out
}

/// What a CPD log asks for: the time spent and the kind of learning. The time of a run is
/// from its start to its last record (reading, deciding and the feedback included).
fn cpd_facts(runs: &[&RunRecord]) -> Vec<(&'static str, String)> {
    let seconds: u64 = (runs.iter())
        .map(|r| {
            let (start, end) = (time::parse(&r.started), time::parse(&r.updated));
            end.zip(start)
                .map_or(0, |(end, start)| end.saturating_sub(start))
        })
        .sum();
    let minutes = seconds.div_ceil(60).max(1);
    let spent = match minutes {
        1 => "about 1 minute".to_owned(),
        m if m < 90 => format!("about {m} minutes"),
        m => format!("about {:.1} hours ({m} minutes)", m as f64 / 60.0),
    };
    let runs_word = if runs.len() == 1 { "run" } else { "runs" };
    let mut kind = "individual, self-directed learning with simulated scenarios".to_owned();
    if Regulator::of_runs(runs) == Some(Regulator::Nmc) {
        // The NMC's revalidation counts participatory hours apart: learning in which you
        // interact with other people, in person or online.
        kind.push_str(
            ". For NMC revalidation this is CPD but not participatory learning; discussing \
             these scenarios with colleagues, or a facilitated session, can be",
        );
    }
    let spent = format!("{spent} over {} {runs_word}", runs.len());
    vec![("Time spent", spent), ("Type of learning", kind)]
}

fn what_happened<'a>(run: &'a RunRecord, several: bool, out: &mut Vec<Block<'a>>) {
    out.push(Block::Heading(
        2,
        if let Some(item) = &run.practice {
            format!(
                "Decision {} of {}: {}",
                item.position, item.of, run.scenario_title
            )
        } else if several {
            format!("What happened: {}", run.scenario_title)
        } else {
            "What happened".to_owned()
        },
    ));
    let mut facts = vec![
        (
            "Scenario",
            format!("{} ({})", run.scenario_title, run.scenario()),
        ),
        ("Written for", run.audience.clone()),
        ("Played", played(run)),
        ("Status", status(run)),
        (
            "Overall",
            format!(
                "{}% of full marks on average over {} decision{}",
                run.percentage,
                run.decisions.len(),
                plural(run.decisions.len())
            ),
        ),
        (
            "Critical breaches",
            match run.critical_breaches() {
                0 => "none".to_owned(),
                n => n.to_string(),
            },
        ),
    ];
    if let Some(profession) = run.transcript.profession {
        facts.push(("Played as", profession.people().to_owned()));
    }
    facts.push(("Seed", run.seed().to_string()));
    out.push(Block::Facts(facts));
    for (n, decision) in run.decisions.iter().enumerate() {
        decision_blocks(n + 1, decision, &run.principles, out);
    }
    if !run.principles.is_empty() {
        out.push(Block::Heading(3, "Principles".to_owned()));
        out.push(Block::Note(
            if run.practice.is_some() {
                "Each principle's total for the decision, beside the lowest and highest any answer to it gives."
            } else {
                "Each principle's total over the run, beside the lowest and highest totals any path through the scenario reaches."
            }
            .to_owned(),
        ));
        out.push(Block::Chart(&run.principles));
    }
}

/// Over a period with more than one result on a principle: each principle's results by date,
/// as a share of the best the run allowed, and when the runs in the note would have it reviewed.
fn progress_over_period(runs: &[&RunRecord], out: &mut Vec<Block<'_>>) {
    let progress = crate::practice::progress(runs, None);
    if !progress.iter().any(|p| p.points.len() > 1) {
        return;
    }
    out.push(Block::Heading(2, "Progress over the period".to_owned()));
    out.push(Block::Note(
        "For each principle, every finished run or practised decision by date: how far along the range it allowed your total came (100% the best possible), and the next review by the spaced-review schedule."
            .to_owned(),
    ));
    let items = (progress.iter())
        .map(|principle| {
            let results = (principle.points.iter())
                .map(|point| format!("{} {:.0}%", time::date(point.at), point.share * 100.0))
                .collect::<Vec<_>>()
                .join(", ");
            let review = principle.review.as_ref().map_or(String::new(), |review| {
                format!("; next review {}", time::date(review.due))
            });
            format!("{}: {results}{review}", principle.title)
        })
        .collect();
    out.push(Block::List(false, items));
}

fn played(run: &RunRecord) -> String {
    run.started.replacen('T', " at ", 1).replace('Z', " UTC")
}

fn status(run: &RunRecord) -> String {
    if run.practice.is_some() {
        return format!(
            "{} (the decisions before it were answered for you with the best answers)",
            run.kind_words()
        );
    }
    match (run.status, &run.ending) {
        (RunStatus::Finished, Some(ending)) => format!("finished, ending: {}", ending.title),
        (status, _) => status.word().to_owned(),
    }
}

fn decision_blocks(
    number: usize,
    decision: &DecisionRecord,
    principles: &[PrincipleTotal],
    out: &mut Vec<Block<'_>>,
) {
    // Principles by title where the run has it, else by id.
    let title = |id: &str| -> String {
        principles
            .iter()
            .find(|p| p.principle == id)
            .map_or_else(|| id.to_owned(), |p| p.title.clone())
    };
    out.push(Block::Heading(
        3,
        format!("Decision {number}: {}", decision.prompt),
    ));
    let text_of = |id: &str| {
        decision
            .options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| format!("({id})"), |o| o.text.clone())
    };
    let (asked, chose) = match decision.kind {
        AnswerKind::Choose => ("Choose one option".to_owned(), "I chose"),
        AnswerKind::Rank => (
            "Rank the options from most to least appropriate".to_owned(),
            "My order",
        ),
        AnswerKind::ChooseSeveral { pick } => (
            format!("Choose the {pick} most appropriate options"),
            "I chose",
        ),
    };
    out.push(Block::Para(format!("{asked}. {chose}:")));
    let ranked = decision.kind == AnswerKind::Rank;
    out.push(Block::List(
        ranked,
        if decision.chosen_text.len() == decision.chosen.len() {
            decision.chosen_text.clone()
        } else {
            decision.chosen.iter().map(|id| text_of(id)).collect()
        },
    ));
    if decision.timed_out {
        out.push(Block::Note(
            "Time ran out, so the scenario's default was taken.".to_owned(),
        ));
    }
    let critical = if decision.critical {
        " (a critical breach)"
    } else {
        ""
    };
    let percent = (decision.share + 5) / 10;
    let mut facts = vec![
        ("Grade", format!("{}{critical}", decision.grade.word())),
        (
            "Marks",
            match decision.marks {
                Some((earned, available)) => format!("{earned} of {available} ({percent}%)"),
                None => format!("{percent}% of full marks"),
            },
        ),
    ];
    if !decision.effects.is_empty() {
        facts.push((
            "Principles",
            decision
                .effects
                .iter()
                .map(|e| format!("{} {}", title(&e.principle), signed(e.change.into())))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    facts.push(("Time taken", seconds(decision.took)));
    out.push(Block::Facts(facts));
    if decision.chosen != decision.key {
        let key: Vec<String> = decision.key.iter().map(|id| text_of(id)).collect();
        out.push(Block::Para(
            match decision.kind {
                AnswerKind::Choose if key.len() > 1 => "The best options:",
                AnswerKind::Choose => "The best option:",
                AnswerKind::Rank => "The keyed order:",
                AnswerKind::ChooseSeveral { .. } => "The keyed selection:",
            }
            .to_owned(),
        ));
        out.push(Block::List(ranked, key));
    }
    // Each line once: options acted on together may share feedback or cite the same
    // paragraph (and records written before citations were merged repeat them).
    let lists = [
        ("Feedback:", &decision.feedback),
        ("Guidance it touched:", &decision.guidance),
    ];
    for (heading, lines) in lists.into_iter().filter(|(_, lines)| !lines.is_empty()) {
        let mut seen = std::collections::HashSet::new();
        let items = lines.iter().filter(|line| seen.insert(*line)).cloned();
        out.push(Block::Para(heading.to_owned()));
        out.push(Block::List(false, items.collect()));
    }
}

fn seconds(millis: u64) -> String {
    let tenths = (millis + 50) / 100;
    format!("{}.{} seconds", tenths / 10, tenths % 10)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The reflection's headings and prompts, for the regulator the runs name.
pub fn reflection_headings(
    regulator: Option<Regulator>,
) -> (&'static str, Vec<(&'static str, &'static str)>) {
    const LEARNED: &str = "What I learned";
    match regulator {
        Some(Regulator::Gmc) => (
            "For your appraisal: a reflection on learning from simulated practice, to discuss with your appraiser. Leave out anything that could identify a patient or colleague.",
            vec![
                (
                    LEARNED,
                    "What did the scenarios show you about how you use social media as a doctor?",
                ),
                (
                    "What I will do differently",
                    "What will you change in what you post, how you reply and whom you message, and when?",
                ),
                (
                    "How this relates to my professional standards",
                    "Which of your duties in the GMC's standards for doctors, and its advice on social media, does this touch?",
                ),
                (
                    "Further learning I plan",
                    "Anything for your personal development plan.",
                ),
            ],
        ),
        Some(Regulator::Nmc) => (
            "For your revalidation: this can support one of your written reflective accounts, and your reflective discussion with another NMC registrant. Leave out anything that could identify a patient or colleague.",
            vec![
                (
                    LEARNED,
                    "What did the scenarios show you about how you use social media as a nurse or midwife?",
                ),
                (
                    "How I will change or improve my practice",
                    "What will you do differently, and what have you changed already?",
                ),
                (
                    "How this relates to the Code",
                    "Which of the Code's themes does it touch (putting people first, practising effectively, keeping people safe, upholding professionalism and trust), and how?",
                ),
            ],
        ),
        Some(Regulator::Hcpc) => (
            "For your CPD record: evidence of a learning activity, should your profile be audited. Leave out anything that could identify a service user or colleague.",
            vec![
                (
                    LEARNED,
                    "What did the scenarios show you about how you use social media in your profession?",
                ),
                (
                    "What I will do differently",
                    "What will you change in what you post, how you reply and whom you message?",
                ),
                (
                    "How it improves the quality of my work",
                    "How has this changed, or how will it change, your practice?",
                ),
                (
                    "How it benefits the people who use my service",
                    "What difference will it make to service users?",
                ),
                (
                    "How this relates to my professional standards",
                    "Which of the HCPC's standards of conduct, performance and ethics, and its advice on social media, does this touch?",
                ),
            ],
        ),
        None => (
            "For your CPD or revalidation portfolio. Leave out anything that could identify a patient, service user or colleague.",
            vec![
                (
                    LEARNED,
                    "What did the scenarios show you about how you use social media professionally?",
                ),
                (
                    "What I will do differently",
                    "What will you change in what you post, how you reply and whom you message?",
                ),
                (
                    "How this relates to my professional standards",
                    "Which of your regulator's standards, and its advice on social media, does this touch?",
                ),
            ],
        ),
    }
}

fn reflection(regulator: Option<Regulator>, out: &mut Vec<Block<'_>>) {
    out.push(Block::Reflection("My reflection".to_owned()));
    let (intro, headings) = reflection_headings(regulator);
    out.push(Block::Note(intro.to_owned()));
    for (heading, prompt) in headings {
        out.push(Block::Space {
            heading: heading.to_owned(),
            prompt: prompt.to_owned(),
        });
    }
}

/// Text for HTML (content or attribute), shared with the other markup feedwise writes.
pub use crate::markup::escape;

/// Text for Markdown: one line, with every character Markdown or inline HTML would act on
/// escaped by a backslash, so a scenario's text reads as written (and a `<script>` in it stays
/// text when the Markdown is turned into a page).
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `md`, for text that starts a line or a list item: what would make it a heading, a list or
/// a rule is escaped too.
fn md_start(text: &str) -> String {
    let mut out = md(text);
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}
