//! The process's own memory, as the kernel reports it, for the figures the app's scripts, the
//! fuzzer and the benchmarks print. Linux only: elsewhere the figures are `None`.
//! Kept rather than memory-stats: the benchmarks need the peak (`VmHWM`), which it does not give.

/// One `/proc/self/status` field in KiB: `VmRSS` (resident now) or `VmHWM` (peak resident).
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_status_kib(&status, field)
}

fn parse_status_kib(status: &str, field: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        line.strip_prefix(field)?
            .strip_prefix(':')?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    })
}

/// Resident memory now, in KiB.
pub fn resident_kib() -> Option<u64> {
    status_kib("VmRSS")
}

/// The most memory resident at any one time so far, in KiB.
pub fn peak_resident_kib() -> Option<u64> {
    status_kib("VmHWM")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_name_in_kib() {
        let status = "Name:\tfeedwise\nVmHWM:\t  262144 kB\nVmRSS:\t  131072 kB\n";
        assert_eq!(parse_status_kib(status, "VmHWM"), Some(262_144));
        assert_eq!(parse_status_kib(status, "VmRSS"), Some(131_072));
        assert_eq!(parse_status_kib(status, "VmSwap"), None);
        // A field whose name starts like another's is not taken for it.
        assert_eq!(parse_status_kib("VmRSSx:\t1 kB\n", "VmRSS"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_memory() {
        let now = resident_kib().unwrap();
        let peak = peak_resident_kib().unwrap();
        assert!(now > 0 && peak >= now, "{now} {peak}");
    }
}
