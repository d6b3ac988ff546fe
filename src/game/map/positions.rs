//! Where things are on the map at a given moment, between the simulation's whole minutes:
//! The player along their route, people on their way, companions at their side. Map units are metres
//! east and north of the scenario's origin.

use bevy::math::Vec2;
use night::scenario::model::{CharId, LocId, Place};
use night::sim::{Activity, Sim};

pub fn location(sim: &Sim, l: LocId) -> Vec2 {
    let loc = &sim.scenario().locations[l as usize];
    Vec2::new(loc.x as f32, loc.y as f32)
}

/// The player's position, `fraction` of the way into the current minute.
pub fn player(sim: &Sim, fraction: f32) -> Vec2 {
    let here = location(sim, sim.harry_at());
    match sim.state().activity {
        Activity::Travel {
            to, depart, arrive, ..
        } if arrive > depart => {
            let elapsed = (sim.now() - depart) as f32 + fraction;
            let t = (elapsed / (arrive - depart) as f32).clamp(0.0, 1.0);
            here.lerp(location(sim, to), t)
        }
        _ => here,
    }
}

/// A character's position, if they are on the map (not offstage).
pub fn character(sim: &Sim, c: CharId, fraction: f32) -> Option<Vec2> {
    if c == sim.scenario().player {
        return Some(player(sim, fraction));
    }
    let since = sim.state().character_since[c as usize];
    match sim.character_state(c).place {
        Place::At(l) => Some(location(sim, l) + fan_out(sim, c, l)),
        Place::WithHarry => Some(player(sim, fraction) + companion_offset(c)),
        Place::Going {
            from, to, minutes, ..
        } => {
            let t =
                (((sim.now() - since) as f32 + fraction) / minutes.max(1) as f32).clamp(0.0, 1.0);
            Some(location(sim, from).lerp(location(sim, to), t))
        }
        Place::Offstage => None,
    }
}

/// People at one place stand in a small ring around it, so that each can be seen.
fn fan_out(sim: &Sim, c: CharId, l: LocId) -> Vec2 {
    let here: Vec<CharId> = (0..sim.scenario().characters.len() as CharId)
        .filter(|&o| o != sim.scenario().player && sim.character_state(o).place == Place::At(l))
        .collect();
    let index = here.iter().position(|&o| o == c).unwrap_or(0);
    let angle = index as f32 / here.len().max(1) as f32 * std::f32::consts::TAU;
    Vec2::from_angle(angle) * RING_METRES
}

fn companion_offset(c: CharId) -> Vec2 {
    Vec2::from_angle(c as f32 * 2.4) * (RING_METRES * 0.6)
}

/// How far from a place's centre its people stand, in metres.
const RING_METRES: f32 = 22.0;
