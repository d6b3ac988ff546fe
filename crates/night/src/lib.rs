//! The night of Miracle Mile as data: scenarios in RON, a deterministic minute-by-minute
//! simulation, and analyses over it. No Bevy, no I/O, no wall clock: the same scenario, seed
//! and actions give the same night on every platform.

pub mod analysis;
pub mod scenario;
pub mod scene;
pub mod session;
#[cfg(test)]
mod shipped;
pub mod sim;

pub use scenario::{Diagnostic, Diagnostics, Scenario};
pub use session::Session;
pub use sim::{Action, Event, Outcome, Sim};
