//! The game's look, shared by every screen: its colours, its type and its shared widgets.

pub mod fonts;
pub mod palette;
pub mod widgets;
