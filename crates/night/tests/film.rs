//! Properties of the film's scenario under random play: no panic, time never runs backwards,
//! every offered action is accepted and survives its text form, nights end.

use night::Scenario;
use night::analysis::random_player;
use night::sim::{Action, Sim};

const FILM: &str = include_str!("../../../scenes/miracle_mile.ron");

fn film() -> Scenario {
    Scenario::from_ron("miracle_mile.ron", FILM).unwrap_or_else(|d| panic!("{}", d.render()))
}

#[test]
fn random_nights_never_panic_and_time_never_runs_backwards() {
    let s = film();
    for seed in 0..200u64 {
        let start = (seed % s.starts.len() as u64) as usize;
        let night = random_player::play(&s, start, seed, seed.wrapping_mul(31), 3_000);
        let mut last = 0;
        for e in &night.events {
            assert!(e.time >= last, "seed {seed}: time ran backwards at {e:?}");
            last = e.time;
        }
        assert!(night.sim.is_over(), "seed {seed}: the night ended");
        assert!(night.sim.now() <= night::scenario::model::DAY);
    }
}

#[test]
fn every_offered_action_survives_its_text_form() {
    let s = film();
    for seed in 0..40u64 {
        let mut sim = Sim::with_start(&s, seed, (seed % s.starts.len() as u64) as usize);
        let mut steps = 0;
        while !sim.is_over() && steps < 400 {
            let actions = sim.actions();
            if actions.is_empty() {
                sim.advance(1);
                continue;
            }
            for a in &actions {
                let text = a.text(&s);
                assert_eq!(&Action::parse(&text, &s).unwrap(), a, "`{text}` round trip");
                assert!(sim.check(a).is_ok());
            }
            let a = &actions[(seed as usize * 7 + steps * 13) % actions.len()];
            sim.apply(a).unwrap();
            sim.run_until_idle();
            steps += 1;
        }
    }
}

#[test]
fn states_hash_and_compare_for_solvers() {
    use std::collections::HashSet;
    let s = film();
    let mut seen = HashSet::new();
    let mut sim = Sim::new(&s, 1);
    for _ in 0..50 {
        seen.insert(sim.state().clone());
        sim.advance(1);
    }
    assert_eq!(seen.len(), 50, "every minute is a different state");
    let again = Sim::new(&s, 1);
    assert!(
        seen.contains(again.state()),
        "the same night from the start is the same state"
    );
}
