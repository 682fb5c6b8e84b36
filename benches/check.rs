//! `feedwise check` over 1,000 generated scenario files, as the CLI runs it (read, parse,
//! meaning rules, exploration for reachability), on all cores.
//!
//! cargo bench --bench check

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use feedwise::check::check_paths;
use feedwise::scenario::library::GuidanceSources;
use feedwise::scenario::load::to_ron;
use feedwise::scenario::synthetic::{Mix, synthetic};

const FILES: usize = 1_000;

fn check_thousand_files(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..FILES {
        // Six decisions of all three kinds: about the size of a shipped scenario.
        let scenario = synthetic(&format!("generated-{i}"), 6, 4, Mix::AllKinds);
        let text = to_ron(&scenario).expect("serialises");
        std::fs::write(dir.path().join(format!("generated-{i}.ron")), text).expect("write");
    }
    let paths = vec![PathBuf::from(dir.path())];
    let guidance = GuidanceSources::embedded();
    let (report, _) = check_paths(&paths, &guidance);
    assert_eq!(report.files_checked, FILES);
    assert_eq!(
        report.exit_code(),
        0,
        "generated files are valid: {:?}",
        report.diagnostics.first()
    );

    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.throughput(Throughput::Elements(FILES as u64));
    group.bench_function("1000 generated files", |b| {
        b.iter(|| check_paths(&paths, &guidance))
    });
    group.finish();
}

criterion_group!(benches, check_thousand_files);
criterion_main!(benches);
