//! The one place that reads the wall clock: a seed for a run when none is given, a run's id and
//! the times its record keeps. The engine never reads it; callers pass these in, and they are
//! shown and recorded.

/// A seed of at most six digits, short enough to read out and type back.
pub fn seed_from_clock() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_micros() as u64 % 1_000_000)
}

/// 64 unpredictable bits from the operating system (through the standard library's hash
/// keys), for the voting server's token, PIN and phone ids. Never used for anything the engine
/// decides.
pub fn unpredictable() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(seed_from_clock());
    hasher.finish()
}

/// Seconds since 1970 (UTC), for the times a run's record keeps.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A fresh run id: a UUID v4 from unpredictable bits.
pub fn new_run_id() -> String {
    let (high, low) = (unpredictable(), unpredictable());
    let mut bytes = [0; 16];
    bytes[..8].copy_from_slice(&high.to_le_bytes());
    bytes[8..].copy_from_slice(&low.to_le_bytes());
    crate::record::run_id(bytes)
}

/// Four unpredictable bytes, for the xAPI pseudonym made the first time it is needed.
pub fn unpredictable_bytes() -> [u8; 4] {
    let bits = unpredictable().to_le_bytes();
    [bits[0], bits[1], bits[2], bits[3]]
}
