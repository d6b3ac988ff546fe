//! A seed for a night the player did not fix: below a million, easy to read back and type.

/// A new seed, different each time (the terminal and the window both draw theirs here).
pub fn fresh() -> u64 {
    // In the browser, randomness comes from the page (std has none there).
    #[cfg(target_arch = "wasm32")]
    let random = getrandom::u64().unwrap_or(1);
    // Natively, std's randomly keyed hasher (no extra crate).
    #[cfg(not(target_arch = "wasm32"))]
    let random = {
        use std::hash::{BuildHasher, RandomState};
        RandomState::new().hash_one(0u8)
    };
    random % 1_000_000
}
