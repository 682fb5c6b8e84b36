//! The one place that reads the wall clock: a seed for a run when none is given, a run's id and
//! the times its record keeps. The engine never reads it; callers pass these in, and they are
//! shown and recorded.

/// A seed of at most six digits, short enough to read out and type back.
pub fn seed_from_clock() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_micros() as u64 % 1_000_000)
}

/// `N` bytes from the operating system's random source (`getrandom`). Should the source ever
/// fail, the standard library's per-process hash keys (themselves seeded from it) stand in, so
/// a run still gets an id; the voting server's secrets refuse that fallback (see
/// `facilitate::protocol::Secrets`).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    if getrandom::fill(&mut bytes).is_err() {
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u64(seed_from_clock() ^ i as u64);
            chunk.copy_from_slice(&hasher.finish().to_le_bytes()[..chunk.len()]);
        }
    }
    bytes
}

/// Seconds since 1970 (UTC), for the times a run's record keeps.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A fresh run id: a UUID v4 from unpredictable bits.
pub fn new_run_id() -> String {
    crate::record::run_id(random_bytes())
}

/// Four unpredictable bytes, for the xAPI pseudonym made the first time it is needed.
pub fn unpredictable_bytes() -> [u8; 4] {
    random_bytes()
}
