//! How the allocator treats the app's large, short-lived buffers.
//!
//! Each time text needs new glyphs, Bevy copies a whole 1 MiB glyph atlas to upload it, and a
//! screen full of new text (the debrief, the library) does that for several atlases at once.
//! glibc's malloc serves such blocks from memory it then keeps after they are freed (its mmap
//! threshold rises to the largest block freed), so every burst raised the app's resident
//! memory for good. A fixed threshold of 128 KiB keeps large blocks in their own mappings,
//! returned to the system when freed.

/// Applies the allocator settings; call before anything allocates much.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn return_large_blocks_to_the_system() {
    // Setting the thresholds also turns off glibc's dynamic adjustment of them.
    const LARGE_BLOCK: libc::c_int = 128 * 1024;
    // SAFETY: mallopt only changes allocator parameters; it is called before other threads
    // start, and an unsupported parameter is refused with a return value of 0, not undefined
    // behaviour.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE_BLOCK);
        libc::mallopt(libc::M_TRIM_THRESHOLD, LARGE_BLOCK);
    }
}

/// Other platforms' allocators return large blocks already.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_large_blocks_to_the_system() {}
