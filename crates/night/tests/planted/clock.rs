//! Plans against the clock: three things that must line up in time. Harry must tell Q a
//! fact at Y before Q leaves, get an item from P at X in the few minutes P is there (P
//! comes after Q has gone, so the order is forced), and be at Z in the ending's clock
//! window. The two people's timetables are shaped around the plan, with a slack of a
//! minute or two at each window: smaller than what walking instead of running costs, so
//! the walked variant of the same plan misses (the test checks that it does).

use super::learn;
use super::names::Names;
use super::parts;
use super::plan::{Frame, Way};
use super::rng::Rng;
use super::timeline::Timeline;
use super::timetable::{self, Variation, Visit};
use super::world::{Minute, World};

/// Who and where: `p` has the item at `x`, `q` must be told at `y`, and the ending is at `z`.
#[derive(Clone, Copy)]
struct Cast {
    p: usize,
    q: usize,
    y: usize,
    x: usize,
    z: usize,
}

/// Plants a plan against the clock with `p` (who has the item) and `q` (who must be told),
/// two people whose timetables are not made yet: this makes them.
pub fn against_the_clock(
    w: &mut World,
    rng: &mut Rng,
    names: &mut Names,
    frame: Frame,
    (p, q): (usize, usize),
) -> Option<Way> {
    let (home, n) = (frame.home, w.map.places.len());
    for _ in 0..30 {
        let (y, x, z) = (rng.below(n), rng.below(n), rng.below(n));
        if y == home || x == y || z == x {
            continue;
        }
        // Each leg must take a few minutes, and running to Y must save some: Q's slack
        // there is less than that saving, so a Harry who walks finds Q gone.
        if w.map.minutes(y, x) < 2
            || w.map.minutes(x, z) < 2
            || w.map.walking_minutes(home, y) < w.map.minutes(home, y) + 2
        {
            continue;
        }
        if let Some(way) = lay(w, rng, names, frame, Cast { p, q, y, x, z }) {
            return Some(way);
        }
    }
    None
}

fn lay(w: &mut World, rng: &mut Rng, names: &mut Names, frame: Frame, cast: Cast) -> Option<Way> {
    let (Cast { p, q, y, x, z }, home) = (cast, frame.home);
    // Harry learns the fact from the phone where he starts, ringing a minute or two into
    // the night, or knows it already.
    let phone =
        (w.phones[home].is_none() && rng.chance(0.5)).then(|| (rng.range(1, 2), rng.range(3, 5)));
    let mut tl = frame.timeline(&w.map);
    let mut slow = Timeline::walking(&w.map, home, 0);
    if let Some((rings, _)) = phone {
        for t in [&mut tl, &mut slow] {
            t.answer(rings);
        }
    }
    let (qid, pid) = (w.people[q].id.clone(), w.people[p].id.clone());
    let (fact, item) = (names.fact(), names.item());

    // 1. Q is at Y from the start and leaves soon after Harry can get there: the slack is
    //    less than what walking there would cost.
    let t_y = tl.arrival(y);
    let late_y = slow.arrival(y) - t_y;
    let slack_y = rng.range(0, late_y.min(3) - 1);
    let q_leaves = t_y + 1 + slack_y;
    let tell = format!("tell {qid} {}", fact.0);
    for t in [&mut tl, &mut slow] {
        t.act(y, (0, q_leaves), &tell, 2);
    }

    // 2. P comes to X a few minutes after Harry can be there (he waits), after Q has left
    //    Y, and stays a minute or three.
    let p_comes = tl.arrival(x) + rng.range(0, 3);
    let p_leaves = p_comes + 1 + rng.range(0, 2);
    let ask = format!("ask {pid} {}", item.0);
    for t in [&mut tl, &mut slow] {
        t.act(x, (p_comes, p_leaves), &ask, 1);
    }

    // 3. The ending's window at Z: open when Harry gets there or a little before (or
    //    after: he waits), closing a minute or three later.
    let t_z = tl.arrival(z);
    let opens = if rng.chance(0.7) {
        t_z.saturating_sub(rng.range(0, 10))
    } else {
        t_z + rng.range(1, 3)
    };
    let closes = opens.max(t_z) + 1 + rng.range(0, 2);
    for t in [&mut tl, &mut slow] {
        t.go(z);
        t.wait_until(opens);
    }
    if tl.missed || !frame.in_time(&tl) {
        return None;
    }
    let (actions, slow) = (tl.actions, slow.actions);

    // The two timetables, shaped around the plan.
    let n = w.map.places.len();
    let q_next = rng.below_except(n, y);
    let q_visits = [visit(y, 0, q_leaves), walk_off(w, (y, q_leaves), q_next)];
    let p_before = rng.below_except(n, x);
    let walk_in = w.map.walking_minutes(p_before, x);
    // Walking in if there is time to, else turning up (a lift, a taxi).
    let p_sets_off = if p_comes > walk_in + 3 {
        p_comes - walk_in
    } else {
        p_comes
    };
    let p_after = rng.below_except(n, x);
    let p_visits = [
        visit(p_before, 0, p_sets_off),
        visit(x, p_comes, p_leaves),
        walk_off(w, (x, p_leaves), p_after),
    ];
    let fixed = Variation {
        hurry: 0.0,
        event: 0.0,
    };
    timetable::build(w, rng, q, &q_visits, &fixed);
    timetable::build(w, rng, p, &p_visits, &fixed);
    let q_state = w.people[q].stays[0].state.clone();
    let p_state = w.people[p].stays[1].state.clone();

    let fact = parts::fact(w, fact, Some(1.0));
    let item = parts::item(w, item);
    let told = w.flag(format!("{qid}_warned_{fact}"));
    let learnt = match phone {
        Some((rings, minutes)) => learn::by_phone(w, home, rings, minutes, &fact),
        None => learn::from_the_start(w, &fact),
    };
    parts::heeds(w, q, &q_state, &fact, &told);
    parts::hands_over(w, p, &p_state, &item, false, &[]);
    let when = parts::all(&[
        format!("Flag(\"{told}\")"),
        format!("Has(\"{item}\")"),
        parts::harry_at(w, z),
        format!("After({})", w.clock(opens)),
        format!("Before({})", w.clock(closes)),
    ]);
    let story = format!(
        "{learnt} ({fact}); tell {qid} at {} before {} (they leave); ask {pid} for the {item} at {} between {} and {}; be at {} from {} to before {}",
        w.place_id(y),
        w.clock(q_leaves),
        w.place_id(x),
        w.clock(p_comes),
        w.clock(p_leaves),
        w.place_id(z),
        w.clock(opens),
        w.clock(closes),
    );
    Some(Way {
        actions,
        when,
        chancy: false,
        story,
        slow: Some(slow),
    })
}

/// At `place` from `arrive` until `leave`.
fn visit(place: usize, arrive: Minute, leave: Minute) -> Visit {
    Visit {
        place,
        arrive,
        leave: Some(leave),
    }
}

/// Leaving `from` at `leave`, on foot to `to`, and there for the rest of the night: each
/// timetable ends out of the plan's way.
fn walk_off(w: &World, (from, leave): (usize, Minute), to: usize) -> Visit {
    Visit {
        place: to,
        arrive: leave + w.map.walking_minutes(from, to),
        leave: None,
    }
}
