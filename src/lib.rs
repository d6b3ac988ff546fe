//! Miracle Mile, the game: the terminal commands and the windowed game (Bevy) on top of the
//! `night` core. The game shows what the simulation says and turns input into its actions; it
//! never decides a rule itself.

// Bevy systems receive everything they touch as parameters, and queries spell out their types:
// the usual exceptions for a Bevy codebase.
#![allow(clippy::too_many_arguments, clippy::type_complexity)]

pub mod cli;
pub mod files;
pub mod game;
pub(crate) mod output;
pub mod seed;
pub mod transcript;
#[cfg(target_arch = "wasm32")]
pub mod web;
