//! Planted ways to reachable endings. A recipe picks what the ending needs (an item fetched
//! and given, a fact learnt and told, someone who comes along, two things collected, a
//! place to be), lays Harry's way through it on the clock of the people's timetables, and
//! only if the way fits writes the pieces into the world: the ending's `when` is made of
//! flags, items and a companion that only this plan brings about, so that no other plan
//! (and no other ending) can pre-empt it.

use super::learn::{self, Learn};
use super::map::Map;
use super::names::Names;
use super::parts;
use super::rng::Rng;
use super::stays;
use super::timeline::Timeline;
use super::timetable::DAY;
use super::world::{Minute, Stay, World};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The deadline's loss: wait for it.
    Dawn,
    /// Things to do whenever the timetables allow.
    Simple,
    /// Three things that must line up in time (see `clock.rs`).
    Clock,
}

/// A planted way: the start, the script, and the seed under which it plays to its ending
/// (found by the generator by playing it).
#[derive(Clone, Debug)]
pub struct Planted {
    pub ending: String,
    pub kind: Kind,
    pub start: String,
    pub actions: Vec<String>,
    /// For a plan against the clock: the same errands walked instead of run, which must
    /// miss the ending.
    pub slow: Option<Vec<String>>,
    /// Whether the way needs chances to come out right (a belief, a coin toss).
    pub chancy: bool,
    /// What the plan does, in words, for a report.
    pub story: String,
    pub seed: Option<u64>,
}

/// What a recipe gives the generator: Harry's script, the ending's condition, and the rest.
pub struct Way {
    pub actions: Vec<String>,
    pub when: String,
    pub chancy: bool,
    pub story: String,
    pub slow: Option<Vec<String>>,
}

impl Way {
    /// A way with nothing to race (no slow variant): the ending wants `atoms`, and Harry at
    /// `z` as well when the recipe chose a place, which the story then says.
    fn new(
        w: &World,
        actions: Vec<String>,
        mut atoms: Vec<String>,
        mut story: String,
        z: Option<usize>,
        chancy: bool,
    ) -> Way {
        if let Some(z) = z {
            atoms.push(parts::harry_at(w, z));
            story += &format!(", be at {}", w.place_id(z));
        }
        Way {
            actions,
            when: parts::all(&atoms),
            chancy,
            story,
            slow: None,
        }
    }
}

/// What every plan is laid against: Harry sets off from `home` at minute 0, and the ending
/// must come before `horizon`, the deadline's loss.
#[derive(Clone, Copy)]
pub struct Frame {
    pub home: usize,
    pub horizon: Minute,
}

impl Frame {
    /// Harry at home at minute 0, with nothing done yet.
    pub fn timeline<'m>(&self, map: &'m Map) -> Timeline<'m> {
        Timeline::new(map, self.home, 0)
    }

    /// Whether the plan, done at the timeline's minute, ends in time: the ending must come
    /// before the deadline's loss, or the loss pre-empts it.
    pub fn in_time(&self, tl: &Timeline) -> bool {
        tl.now + 2 < self.horizon
    }
}

/// A way to a new reachable ending, laid from the first start and done in time.
pub fn simple(w: &mut World, rng: &mut Rng, names: &mut Names, frame: Frame) -> Way {
    for _ in 0..40 {
        let way = match rng.below(4) {
            0 => errand(w, rng, names, frame),
            1 => message(w, rng, names, frame),
            2 => escort(w, rng, names, frame),
            _ => collect(w, rng, names, frame),
        };
        if let Some(way) = way {
            return way;
        }
    }
    pick_up(w, rng, names, frame)
}

/// How Harry gets hold of an item.
enum Fetch {
    /// It lies at a place.
    Take(usize),
    /// Someone hands it over when asked, in one stay (on a coin toss if `bool`).
    Ask(usize, Stay, bool),
}

impl Fetch {
    /// The person who hands it over, who must not be the one it is for.
    fn giver(&self) -> Option<usize> {
        match self {
            Fetch::Ask(p, _, _) => Some(*p),
            Fetch::Take(_) => None,
        }
    }

    /// Whether the item comes only on a coin toss.
    fn chancy(&self) -> bool {
        matches!(self, Fetch::Ask(_, _, true))
    }
}

fn choose_fetch(w: &World, rng: &mut Rng) -> Fetch {
    if rng.chance(0.6)
        && let Some((p, s)) = stays::pick_any(w, rng, 8)
    {
        return Fetch::Ask(p, s, rng.chance(0.3));
    }
    Fetch::Take(rng.below(w.map.places.len()))
}

fn fetch_on(tl: &mut Timeline, w: &World, fetch: &Fetch, item: &str) -> bool {
    match fetch {
        Fetch::Take(place) => tl.act(*place, (0, DAY), &format!("take {item}"), 1),
        Fetch::Ask(p, s, _) => tl.act_with(w, (*p, s), "ask", item, 1),
    }
}

fn commit_fetch(w: &mut World, fetch: &Fetch, item: &str) -> String {
    match fetch {
        Fetch::Take(place) => {
            w.lying[*place].push(item.to_owned());
            format!("take the {item} at {}", w.place_id(*place))
        }
        Fetch::Ask(p, s, chance) => {
            parts::hands_over(w, *p, &s.state, item, *chance, &[]);
            let (a, b) = s.sure();
            let coin = if *chance { " (a coin toss)" } else { "" };
            // A stay nothing ends lasts the night.
            let until = if b >= DAY {
                "the end".into()
            } else {
                w.clock(b)
            };
            format!(
                "ask {} for the {item} at {} between {} and {until}{coin}",
                w.people[*p].id,
                w.place_id(s.place),
                w.clock(a),
            )
        }
    }
}

/// Lays learning a fact and telling it to `q` in their stay: the minute the phone rings
/// (see [`learn::lay`]), or `None` when Harry misses either.
fn learn_and_tell(
    tl: &mut Timeline,
    w: &World,
    learn: &Learn,
    topic: &str,
    (q, qs): (usize, &Stay),
    fact: &str,
) -> Option<Minute> {
    let rings = learn::lay(tl, w, learn, topic)?;
    tl.act_with(w, (q, qs), "tell", fact, 2).then_some(rings)
}

/// Maybe a place to end at: the ending then also needs Harry there.
fn maybe_place(w: &World, rng: &mut Rng, required: bool) -> Option<usize> {
    (required || rng.chance(0.5)).then(|| rng.below(w.map.places.len()))
}

/// Ends the plan at `z`, if the recipe chose a place: Harry's script, or `None` when the
/// ending would come too late.
fn finish(mut tl: Timeline, z: Option<usize>, frame: Frame) -> Option<Vec<String>> {
    if let Some(z) = z {
        tl.go(z);
    }
    frame.in_time(&tl).then_some(tl.actions)
}

/// Fetch an item and give it to someone who is waiting for it.
fn errand(w: &mut World, rng: &mut Rng, names: &mut Names, frame: Frame) -> Option<Way> {
    let fetch = choose_fetch(w, rng);
    let (q, qs) = stays::pick(w, rng, 8, |p, _| Some(p) != fetch.giver())?;
    let z = maybe_place(w, rng, false);
    let item = names.item();
    let mut tl = frame.timeline(&w.map);
    if !(fetch_on(&mut tl, w, &fetch, &item.0) && tl.act_with(w, (q, &qs), "give", &item.0, 1)) {
        return None;
    }
    let actions = finish(tl, z, frame)?;
    let item = parts::item(w, item);
    let flag = w.flag(format!("{item}_delivered"));
    let fetched = commit_fetch(w, &fetch, &item);
    parts::takes_gift(w, q, &qs.state, &item, &flag);
    let story = format!(
        "{fetched}, give it to {} at {}",
        w.people[q].id,
        w.place_id(qs.place)
    );
    let atoms = vec![format!("Flag(\"{flag}\")")];
    Some(Way::new(w, actions, atoms, story, z, fetch.chancy()))
}

/// Learn a fact and tell it to someone, who must believe it.
fn message(w: &mut World, rng: &mut Rng, names: &mut Names, frame: Frame) -> Option<Way> {
    let learn = learn::choose(w, rng);
    let (q, qs) = stays::pick(w, rng, 8, |p, _| Some(p) != learn.teacher())?;
    let z = maybe_place(w, rng, false);
    let doubt = rng.chance(0.3);
    let (fact, topic) = (names.fact(), names.topic());
    let mut tl = frame.timeline(&w.map);
    let rings = learn_and_tell(&mut tl, w, &learn, &topic.0, (q, &qs), &fact.0)?;
    let actions = finish(tl, z, frame)?;
    let fact = parts::fact(w, fact, Some(if doubt { 0.5 } else { 1.0 }));
    let flag = w.flag(format!("{fact}_heeded"));
    let learnt = learn::commit(w, &learn, topic, &fact, rings);
    parts::heeds(w, q, &qs.state, &fact, &flag);
    let doubts = if doubt {
        " (believed one time in two)"
    } else {
        ""
    };
    let story = format!(
        "{learnt} ({fact}), tell {} at {}{doubts}",
        w.people[q].id,
        w.place_id(qs.place)
    );
    let atoms = vec![format!("Flag(\"{flag}\")")];
    Some(Way::new(w, actions, atoms, story, z, doubt))
}

/// Learn a fact, tell it to someone who then comes along, and take them somewhere.
fn escort(w: &mut World, rng: &mut Rng, names: &mut Names, frame: Frame) -> Option<Way> {
    let learn = learn::choose(w, rng);
    // Someone who follows Harry can do it for one ending only.
    let free = |p: usize| w.people[p].companion_of.is_none() && Some(p) != learn.teacher();
    let (q, qs) = stays::pick(w, rng, 8, |p, _| free(p))?;
    let z = maybe_place(w, rng, true)?;
    let (fact, topic) = (names.fact(), names.topic());
    let mut tl = frame.timeline(&w.map);
    let rings = learn_and_tell(&mut tl, w, &learn, &topic.0, (q, &qs), &fact.0)?;
    let actions = finish(tl, Some(z), frame)?;
    let fact = parts::fact(w, fact, Some(1.0));
    let learnt = learn::commit(w, &learn, topic, &fact, rings);
    parts::follows(w, q, &qs.state, &fact);
    w.people[q].companion_of = Some(w.endings.len());
    let qid = w.people[q].id.clone();
    let story = format!(
        "{learnt} ({fact}), tell {qid} at {} who comes along, be at {} with them",
        w.place_id(qs.place),
        w.place_id(z)
    );
    // The story says where they end up together itself, so the place joins the atoms here
    // rather than through `Way::new`.
    let atoms = vec![format!("With(\"{qid}\")"), parts::harry_at(w, z)];
    Some(Way::new(w, actions, atoms, story, None, false))
}

/// Get hold of two things, in either order, and maybe be somewhere with them.
fn collect(w: &mut World, rng: &mut Rng, names: &mut Names, frame: Frame) -> Option<Way> {
    let (f1, f2) = (choose_fetch(w, rng), choose_fetch(w, rng));
    let z = maybe_place(w, rng, false);
    let (i1, i2) = (names.item(), names.item());
    let mut tl = frame.timeline(&w.map);
    if !(fetch_on(&mut tl, w, &f1, &i1.0) && fetch_on(&mut tl, w, &f2, &i2.0)) {
        return None;
    }
    let actions = finish(tl, z, frame)?;
    let (i1, i2) = (parts::item(w, i1), parts::item(w, i2));
    let s1 = commit_fetch(w, &f1, &i1);
    let s2 = commit_fetch(w, &f2, &i2);
    let atoms = vec![format!("Has(\"{i1}\")"), format!("Has(\"{i2}\")")];
    let chancy = f1.chancy() || f2.chancy();
    Some(Way::new(
        w,
        actions,
        atoms,
        format!("{s1}, {s2}"),
        z,
        chancy,
    ))
}

/// The fallback that always fits: an item lying somewhere, taken, and a place to bring it.
fn pick_up(w: &mut World, rng: &mut Rng, names: &mut Names, frame: Frame) -> Way {
    let fetch = Fetch::Take(rng.below(w.map.places.len()));
    let z = rng.below(w.map.places.len());
    let item = names.item();
    let mut tl = frame.timeline(&w.map);
    fetch_on(&mut tl, w, &fetch, &item.0);
    let actions =
        finish(tl, Some(z), frame).expect("the town is small enough to cross before the deadline");
    let item = parts::item(w, item);
    let took = commit_fetch(w, &fetch, &item);
    let atoms = vec![format!("Has(\"{item}\")")];
    Way::new(w, actions, atoms, took, Some(z), false)
}
