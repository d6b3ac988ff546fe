//! Analyses over nights: players that choose actions by themselves.

pub mod random_player;
