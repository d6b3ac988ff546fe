//! The files the game reads and writes: scenario files, nights' records, and the player's own
//! folder (settings, notebook, gallery, an unfinished night), each read with a clear error and
//! written atomically.

pub mod record;
pub mod scenario_file;
pub mod store;
