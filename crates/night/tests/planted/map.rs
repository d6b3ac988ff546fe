//! The town: places with coordinates, the routes between them, and how long Harry takes from
//! one place to another. Plans need the fastest way on foot (they run); impossible endings
//! need a bound no way of travelling can beat (driving included).

use super::rng::Rng;

/// Names for places: an id and what the transcript calls it.
const PLACES: &[(&str, &str)] = &[
    ("depot", "the bus depot"),
    ("laundromat", "the all-night laundromat"),
    ("pier", "the fishing pier"),
    ("motel", "the Starlite Motel"),
    ("pharmacy", "the pharmacy on Vine"),
    ("precinct", "the 9th precinct"),
    ("church", "St. Jude's"),
    ("bowling", "the bowling alley"),
    ("diner", "Rudy's diner"),
    ("radio", "the radio station"),
    ("garage", "Olsen's garage"),
    ("hospital", "County General"),
];

pub struct Place {
    pub id: String,
    pub name: String,
    pub x: f64,
    pub y: f64,
}

/// One route. Every route can be walked; `run` and `drive` say whether the others are allowed.
pub struct Road {
    pub a: usize,
    pub b: usize,
    pub metres: u32,
    pub run: bool,
    pub drive: bool,
}

/// One leg of a way: the next place, the script's mode word, and its minutes.
#[derive(Clone, Debug)]
pub struct Hop {
    pub to: usize,
    pub mode: &'static str,
    pub minutes: u32,
}

pub struct Map {
    pub places: Vec<Place>,
    pub roads: Vec<Road>,
}

/// The simulation's travel times with the default speeds (docs/modding.md, "Travel minutes").
pub fn walk_minutes(metres: u32) -> u32 {
    metres.div_ceil(80).max(1)
}
pub fn run_minutes(metres: u32) -> u32 {
    metres.div_ceil(160).max(1)
}
/// Driving when calm: panic only makes it slower, so this is the least it can take.
pub fn drive_minutes(metres: u32) -> u32 {
    (metres.div_ceil(580) + 1).max(1)
}

impl Map {
    /// `n` places spread over a few kilometres (so that the way between two takes minutes),
    /// joined by a tree of routes to the nearest earlier place, plus a shortcut or two.
    pub fn generate(rng: &mut Rng, n: usize) -> Map {
        let mut names: Vec<&(&str, &str)> = PLACES.iter().collect();
        rng.shuffle(&mut names);
        let mut places: Vec<Place> = Vec::new();
        while places.len() < n {
            let (x, y) = (f64::from(rng.range(0, 2600)), f64::from(rng.range(0, 2600)));
            // Keep places apart: two on top of each other would make a route of seconds.
            if places.iter().any(|p| dist(p.x, p.y, x, y) < 450.0) {
                continue;
            }
            let (id, name) = names[places.len()];
            places.push(Place {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                x,
                y,
            });
        }
        let mut roads = Vec::new();
        let road = |rng: &mut Rng, a: usize, b: usize| {
            let d = dist(places[a].x, places[a].y, places[b].x, places[b].y);
            // Streets are never straight lines: the route is a little longer than the crow flies.
            let metres = (d * (1.0 + f64::from(rng.range(0, 30)) / 100.0)) as u32;
            Road {
                a,
                b,
                metres: metres.max(300),
                run: rng.chance(0.85),
                drive: rng.chance(0.6),
            }
        };
        for b in 1..n {
            let a = (0..b)
                .min_by(|&i, &j| {
                    let di = dist(places[i].x, places[i].y, places[b].x, places[b].y);
                    let dj = dist(places[j].x, places[j].y, places[b].x, places[b].y);
                    di.total_cmp(&dj)
                })
                .unwrap();
            roads.push(road(rng, a, b));
        }
        for _ in 0..rng.range(0, 2) {
            let (a, b) = (rng.below(n), rng.below(n));
            let joined = roads
                .iter()
                .any(|r: &Road| (r.a, r.b) == (a, b) || (r.a, r.b) == (b, a));
            if a != b && !joined {
                roads.push(road(rng, a, b));
            }
        }
        Map { places, roads }
    }

    /// The fastest way on foot from `from` to `to`: running where the route allows it, else
    /// walking (Dijkstra over a handful of places).
    pub fn way(&self, from: usize, to: usize) -> Vec<Hop> {
        self.shortest(from, to, |r| {
            if r.run {
                ("run", run_minutes(r.metres))
            } else {
                ("walk", walk_minutes(r.metres))
            }
        })
        .expect("the routes join every place")
    }

    /// The same way, walked: for the slow variant of a plan against the clock.
    pub fn walking_way(&self, from: usize, to: usize) -> Vec<Hop> {
        self.shortest(from, to, |r| ("walk", walk_minutes(r.metres)))
            .expect("the routes join every place")
    }

    pub fn minutes(&self, from: usize, to: usize) -> u32 {
        self.way(from, to).iter().map(|h| h.minutes).sum()
    }

    pub fn walking_minutes(&self, from: usize, to: usize) -> u32 {
        self.walking_way(from, to).iter().map(|h| h.minutes).sum()
    }

    /// The least minutes any way of travelling could take from `from` to `to`: the fastest
    /// mode on each route, driving included when the night has something that enables it.
    pub fn least_minutes(&self, from: usize, to: usize, can_drive: bool) -> u32 {
        self.shortest(from, to, |r| {
            let mut m = walk_minutes(r.metres);
            if r.run {
                m = m.min(run_minutes(r.metres));
            }
            if r.drive && can_drive {
                m = m.min(drive_minutes(r.metres));
            }
            ("any", m)
        })
        .expect("the routes join every place")
        .iter()
        .map(|h| h.minutes)
        .sum()
    }

    fn shortest(
        &self,
        from: usize,
        to: usize,
        leg: impl Fn(&Road) -> (&'static str, u32),
    ) -> Option<Vec<Hop>> {
        let n = self.places.len();
        let mut best = vec![u32::MAX; n];
        let mut came: Vec<Option<(usize, Hop)>> = vec![None; n];
        let mut done = vec![false; n];
        best[from] = 0;
        // The nearest place not settled yet, until none is left.
        while let Some(u) = (0..n)
            .filter(|&i| !done[i] && best[i] < u32::MAX)
            .min_by_key(|&i| best[i])
        {
            done[u] = true;
            for r in &self.roads {
                let v = match (r.a == u, r.b == u) {
                    (true, _) => r.b,
                    (_, true) => r.a,
                    _ => continue,
                };
                let (mode, minutes) = leg(r);
                if best[u] + minutes < best[v] {
                    best[v] = best[u] + minutes;
                    came[v] = Some((
                        u,
                        Hop {
                            to: v,
                            mode,
                            minutes,
                        },
                    ));
                }
            }
        }
        if best[to] == u32::MAX {
            return None;
        }
        let mut hops = Vec::new();
        let mut at = to;
        while at != from {
            let (prev, hop) = came[at].clone()?;
            hops.push(hop);
            at = prev;
        }
        hops.reverse();
        Some(hops)
    }
}

fn dist(ax: f64, ay: f64, bx: f64, by: f64) -> f64 {
    ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt()
}
