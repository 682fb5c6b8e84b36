//! The mistakes a new author makes, one fixture each in `tests/fixtures/mistakes/`: the base
//! scenario with one mistake, its first lines saying the code and position it must raise
//! (`// expect: CODE LINE:COL`) and words its message or help must say (`// says: ...`), so
//! that every message names the fix, not only the place. What can be read unambiguously (a
//! byte-order mark, curly quotes) is accepted with a warning and nothing else.

use std::path::{Path, PathBuf};

use feedwise_core::check::{Severity, check_file};
use feedwise_core::scenario::Catalogue;

struct Expected {
    code: String,
    line: usize,
    column: usize,
    says: String,
}

fn expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let first = lines.next().and_then(|l| l.strip_prefix("// expect: "));
    let says = lines.next().and_then(|l| l.strip_prefix("// says: "));
    let (Some(first), Some(says)) = (first, says) else {
        panic!(
            "{} lacks its `// expect:` and `// says:` lines",
            path.display()
        );
    };
    let (code, at) = first.split_once(' ').expect("CODE LINE:COL");
    let (line, column) = at.split_once(':').expect("LINE:COL");
    Expected {
        code: code.to_owned(),
        line: line.parse().expect("line"),
        column: column.parse().expect("column"),
        says: says.to_owned(),
    }
}

pub fn fixtures() -> Vec<PathBuf> {
    crate::common::ron_files_in(&crate::common::repo("tests/fixtures/mistakes"))
}

#[test]
fn each_mistake_is_found_where_it_is_and_its_message_says_the_fix() {
    let catalogue = Catalogue::embedded().expect("embedded catalogue");
    let files = fixtures();
    assert!(files.len() >= 30, "only {} mistakes", files.len());
    let mut failures = Vec::new();
    for path in files {
        let want = expected(&path);
        let result = check_file(&path, &catalogue);
        let hit = result.diagnostics.iter().find(|d| {
            d.code == want.code
                && d.location()
                    .is_some_and(|at| (at.line, at.column) == (want.line, want.column))
        });
        let seen = || {
            result
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{} at {:?}: {} / help: {}",
                        d.code,
                        d.location().map(|l| (l.line, l.column)),
                        d.message,
                        d.help.as_deref().unwrap_or("-")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n    ")
        };
        match hit {
            None => failures.push(format!(
                "{}: no {} at {}:{}; found\n    {}",
                path.display(),
                want.code,
                want.line,
                want.column,
                seen()
            )),
            Some(d) => {
                let words = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
                if !words.contains(&want.says) {
                    failures.push(format!(
                        "{}: the message does not say {:?}: {words}",
                        path.display(),
                        want.says
                    ));
                }
                // Accepted with a warning: nothing else is wrong with the file.
                if d.severity == Severity::Warning && result.has_errors() {
                    failures.push(format!(
                        "{}: accepted with a warning, yet\n    {}",
                        path.display(),
                        seen()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
