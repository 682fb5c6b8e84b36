//! Loading one scenario for the author tools: checked first, so that `play` and `paths` never
//! run a scenario that `check` would refuse.

use std::path::Path;
use std::sync::Arc;

use crate::check::{Severity, check_file, render};
use crate::scenario::{Catalogue, Scenario};

/// The checked scenario and catalogue, or the exit status after printing why not.
pub fn checked_scenario(path: &Path) -> Result<(Arc<Scenario>, Arc<Catalogue>), u8> {
    checked_scenario_except(path, &[])
}

/// As [`checked_scenario`], but errors with a code in `tolerated` are printed and the scenario
/// is still returned: `graph` draws a file whose only faults are parts play cannot reach, since
/// greying those parts is how it shows them.
pub fn checked_scenario_except(
    path: &Path,
    tolerated: &[&str],
) -> Result<(Arc<Scenario>, Arc<Catalogue>), u8> {
    let guidance = super::guidance_sources_or_say(None)?;
    let (catalogue, problems) = crate::check::guidance::check_guidance(&guidance);
    if let Some(problem) = problems.iter().find(|d| d.severity == Severity::Error) {
        super::warn(&render::human(problem));
        return Err(1);
    }
    let catalogue = catalogue.unwrap_or_default();
    let result = check_file(path, &catalogue);
    if let Some(error) = &result.io_error {
        super::warn(&format!("error: cannot read {}: {error}\n", path.display()));
        return Err(2);
    }
    let errors: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for diagnostic in &errors {
        super::warn(&render::human(diagnostic));
    }
    if errors.iter().any(|d| !tolerated.contains(&d.code)) {
        super::warn(&format!(
            "{} has errors; run `feedwise check {}` for the full report\n",
            path.display(),
            path.display()
        ));
        return Err(1);
    }
    match result.scenario {
        Some(scenario) => Ok((Arc::new(scenario), Arc::new(catalogue))),
        None => Err(1),
    }
}
