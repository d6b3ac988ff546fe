//! The game's look, shared by every screen: its colours and its shared widgets.

pub mod palette;
pub mod widgets;
