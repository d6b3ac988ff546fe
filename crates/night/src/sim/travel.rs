//! Travel: which routes Harry can take by which mode, and how many minutes they cost now.

use super::Sim;
use super::state::Owner;
use crate::scenario::model::*;

impl Sim {
    /// The fastest route from Harry's place to `to` by `mode` now, and its minutes.
    pub fn route_to(&self, to: LocId, mode: Mode) -> Option<(RouteId, Minute)> {
        let here = self.state.harry_at;
        self.scenario.routes_from[here as usize]
            .iter()
            .filter(|&&r| self.scenario.routes[r as usize].other(here) == to)
            .filter_map(|&r| self.route_minutes(r, mode).map(|m| (r, m)))
            .min_by_key(|&(_, m)| m)
    }

    /// Minutes a route takes by a mode now, or `None` if it cannot be used that way.
    pub fn route_minutes(&self, route: RouteId, mode: Mode) -> Option<Minute> {
        let s = &self.scenario;
        let r = &s.routes[route as usize];
        if !r.modes.contains(mode) {
            return None;
        }
        let speed = match mode {
            Mode::Walk => s.travel.walk,
            Mode::Run => s.travel.run,
            Mode::Drive => s.travel.drive,
        };
        let base = u64::from(r.metres.div_ceil(speed).max(1));
        let day = u64::from(DAY);
        if mode != Mode::Drive {
            return Some(base.min(day) as Minute);
        }
        if !self.can_drive()
            || r.street
                .is_some_and(|st| self.state.blocked_streets.get(st as usize))
        {
            return None;
        }
        let panic = u32::from(self.state.panic[r.a as usize].max(self.state.panic[r.b as usize]));
        if panic >= s.panic.block_at {
            return None;
        }
        // Each point of panic along the way adds drive_slowdown_percent to the time. In u64:
        // with the largest allowed settings the product does not fit in u32.
        let slowdown = 100 + u64::from(s.panic.drive_slowdown_percent) * u64::from(panic);
        let minutes = (base + u64::from(s.travel.drive_start)) * slowdown / 100;
        Some(minutes.clamp(1, day) as Minute)
    }

    /// Harry, or someone travelling with him, holds something to drive.
    pub fn can_drive(&self) -> bool {
        let s = &self.scenario;
        s.items.iter().enumerate().any(|(i, item)| {
            item.enables.contains(Mode::Drive)
                && match self.state.item_owner[i] {
                    Owner::Held(c) => {
                        c == s.player || self.character_state(c).place == Place::WithHarry
                    }
                    _ => false,
                }
        })
    }
}
