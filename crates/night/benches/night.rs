//! Benchmarks of the core on the film's scenario: loading and validating it, one simulated
//! minute at the busiest moment of the night, whole nights played by a random player, the
//! analysis, and the film's whole check.
//! Run with `cargo bench --workspace`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use night::analysis::random_player;
use night::{Scenario, Sim};
use std::hint::black_box;
use std::ops::ControlFlow;

const FILM: &str = include_str!("../../../scenes/miracle_mile.ron");

fn film() -> Scenario {
    Scenario::from_ron("miracle_mile.ron", FILM).expect("the film loads")
}

fn load(c: &mut Criterion) {
    c.bench_function("load and validate the film", |b| {
        b.iter(|| Scenario::from_ron("miracle_mile.ron", black_box(FILM)).expect("loads"))
    });
}

/// The night at its busiest: the film's path played up to the panic, everyone on the map.
fn busiest(s: &Scenario) -> Sim {
    // Many random nights from the late start; keep the one with the most panic at 04:55.
    let late = s.start_index("the_call").unwrap_or(0);
    let target = s.deadline.saturating_sub(15);
    let mut best: Option<(u32, Sim)> = None;
    for seed in 0..64 {
        let mut sim = Sim::with_start(s, seed, late);
        while sim.now() < target && !sim.is_over() {
            sim.advance(1);
        }
        let total: u32 = (0..s.locations.len() as u16)
            .map(|l| u32::from(sim.panic(l)))
            .sum();
        if !sim.is_over() && best.as_ref().is_none_or(|(t, _)| total > *t) {
            best = Some((total, sim));
        }
    }
    best.map(|(_, sim)| sim)
        .unwrap_or_else(|| Sim::with_start(s, 0, late))
}

fn minute(c: &mut Criterion) {
    let s = film();
    let sim = busiest(&s);
    c.bench_function("one simulated minute at the busiest moment", |b| {
        b.iter_batched_ref(
            || sim.clone(),
            |sim| black_box(sim.advance(1)),
            BatchSize::SmallInput,
        )
    });
    // The game's clock runs the night a minute at a time: what it remembers of the rules
    // from one minute to the next is what makes the next one cheap.
    let mut group = c.benchmark_group("minute by minute");
    group.throughput(criterion::Throughput::Elements(15));
    group.bench_function(
        "the last 15 minutes before the deadline, one at a time",
        |b| {
            b.iter_batched_ref(
                || sim.clone(),
                |sim| {
                    for _ in 0..15 {
                        black_box(sim.advance(1));
                    }
                },
                BatchSize::SmallInput,
            )
        },
    );
    group.finish();
    c.bench_function("actions available at the busiest moment", |b| {
        b.iter(|| black_box(sim.actions()))
    });
}

fn nights(c: &mut Criterion) {
    let s = film();
    let late = s.start_index("the_call").unwrap_or(0);
    let mut seed = 0u64;
    c.bench_function("a whole random night from the prologue", |b| {
        b.iter(|| {
            seed += 1;
            black_box(random_player::play(&s, 0, seed, seed, 5_000).sim.outcome())
        })
    });
    c.bench_function("a whole random night from 03:50", |b| {
        b.iter(|| {
            seed += 1;
            black_box(
                random_player::play(&s, late, seed, seed, 5_000)
                    .sim
                    .outcome(),
            )
        })
    });
}

/// The analysis: exploration speed (states per second: the exact breadth-first exploration
/// of the film from 03:50, 20 000 states, each a situation where the player chooses, reached
/// by an action played on until they are free again) and a whole `check` of a small scenario
/// that is explored exhaustively. The film's whole `check` is timed with the command (see the
/// README).
fn analysis(c: &mut Criterion) {
    use night::analysis::check::{CheckOptions, check};
    use night::analysis::explore::{Bound, Exploration, unwatched};
    let s = film();
    let start = s.start_index("the_call").expect("the film has the_call");
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Elements(20_000));
    group.bench_function("explore the film from 03:50, 20000 states", |b| {
        b.iter(|| Exploration::run(&s, start, Bound { max_states: 20_000 }, unwatched).len())
    });
    group.finish();
    let small = Scenario::from_ron(
        "unreachable.ron",
        include_str!("../../../tests/analysis/unreachable.ron"),
    )
    .expect("the analysis example loads");
    c.bench_function("check a small scenario exhaustively", |b| {
        b.iter(|| {
            check(&small, CheckOptions::default(), |_| {
                ControlFlow::Continue(())
            })
            .endings
            .len()
        })
    });
}

/// The film's whole `check` (what `miracle-mile check scenes/miracle_mile.ron` does):
/// about ten seconds a run on two cores, so ten samples, the fewest criterion takes.
fn check_the_film(c: &mut Criterion) {
    use night::analysis::check::{CheckOptions, check};
    let s = film();
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("check the film", |b| {
        b.iter(|| {
            let report = check(&s, CheckOptions::default(), |_| ControlFlow::Continue(()));
            assert!(
                report.endings.iter().all(|e| e.witness.is_some()),
                "every ending found"
            );
            report.endings.len()
        })
    });
    group.finish();
}

criterion_group!(benches, load, minute, nights, analysis, check_the_film);
criterion_main!(benches);
