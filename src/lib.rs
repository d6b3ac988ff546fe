//! Miracle Mile, the game: the terminal commands and the windowed game (Bevy) on top of the
//! `night` core. The game shows what the simulation says and turns input into its actions; it
//! never decides a rule itself.

pub mod cli;
pub mod files;
pub mod game;
pub(crate) mod output;
pub mod seed;
pub mod transcript;
#[cfg(target_arch = "wasm32")]
pub mod web;
