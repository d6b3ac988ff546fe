//! Rules of moving through the town: time, travel modes, panic on the roads, blocked streets,
//! companions and journeys.

use super::*;

#[test]
fn times_are_minutes_from_the_start_of_the_day() {
    let s = town();
    assert_eq!(s.deadline, 60);
    assert_eq!(s.clock(0), "22:00");
    assert_eq!(s.clock(150), "00:30", "the clock wraps past midnight");
    let sim = Sim::with_start(&s, 1, 1);
    assert_eq!(sim.clock(), "22:40");
}

#[test]
fn walking_running_and_driving_take_metres_over_speed() {
    let s = town();
    let mut sim = Sim::new(&s, 1);
    let diner = loc(&s, "diner");
    assert_eq!(sim.route_to(diner, Mode::Walk).map(|r| r.1), Some(10)); // 800 m at 80 m/min
    assert_eq!(sim.route_to(diner, Mode::Run).map(|r| r.1), Some(5));
    assert_eq!(sim.route_to(diner, Mode::Drive), None, "no car yet");
    act(&mut sim, "go diner run");
    assert_eq!(sim.clock(), "22:05");
    assert_eq!(sim.harry_at(), diner);
    act(&mut sim, "take keys");
    let station = loc(&s, "station");
    // 2200 m at 580 m/min = 4 min, + 1 to start and park.
    assert_eq!(sim.route_to(station, Mode::Drive).map(|r| r.1), Some(5));
}

/// Harry at the booth at 22:00 with the car keys in hand.
fn with_keys(s: &Scenario) -> Sim {
    let mut sim = Sim::new(s, 1);
    let mut st = sim.state().clone();
    st.item_owner[s.item_index("keys").unwrap() as usize] = Owner::Held(s.player);
    sim.set_state(st);
    sim
}

#[test]
fn panic_slows_driving_and_then_blocks_it() {
    let s = town_with(
        "then: [AddPanic(\"diner\", 30)]",
        "then: [AddPanic(\"diner\", 50), AddPanic(\"booth\", 50)]",
    );
    let mut sim = with_keys(&s);
    let diner = loc(&s, "diner");
    // 800 m at 580 m/min = 2 min, + 1 to start and park.
    assert_eq!(sim.route_to(diner, Mode::Drive).unwrap().1, 3);
    sim.advance(30); // the lights go out at 22:30: panic 50 at both ends
    assert_eq!(sim.panic(diner), 50);
    // 8% more per point of panic: 3 * (100 + 8 * 50) / 100 = 15.
    assert_eq!(sim.route_to(diner, Mode::Drive).unwrap().1, 15);
    let blocked = town_with(
        "then: [AddPanic(\"diner\", 30)]",
        "then: [AddPanic(\"diner\", 90)]",
    );
    let mut sim = with_keys(&blocked);
    sim.advance(30);
    assert_eq!(
        sim.route_to(diner, Mode::Drive),
        None,
        "panic at block_at blocks driving"
    );
    assert!(
        sim.route_to(diner, Mode::Walk).is_some(),
        "walking is never blocked"
    );
}

#[test]
fn a_blocked_street_forbids_driving_on_it() {
    let s = town_with("then: [AddPanic(\"diner\", 30)]", "then: [Block(\"main\")]");
    let mut sim = with_keys(&s);
    let drive = Action::Go {
        to: loc(&s, "diner"),
        mode: Mode::Drive,
    };
    assert!(sim.actions().contains(&drive));
    sim.advance(30);
    assert!(!sim.actions().contains(&drive), "Main St is blocked");
}

#[test]
fn companions_travel_with_harry() {
    let s = town_with("credibility: 0.0, from", "credibility: 1.0, from");
    let mut sim = Sim::new(&s, 1);
    act(&mut sim, "wait");
    act(&mut sim, "answer");
    act(&mut sim, "go diner run");
    act(&mut sim, "tell friend danger");
    let friend = ch(&s, "friend");
    assert_eq!(sim.place_of(friend), Some(loc(&s, "diner")));
    act(&mut sim, "go booth walk");
    assert_eq!(
        sim.place_of(friend),
        Some(loc(&s, "booth")),
        "the friend came along"
    );
}

#[test]
fn journeys_arrive_after_their_minutes() {
    let s = town_with(
        "(from: \"eating\", to: \"leaving\", when: After(\"23:30\"))",
        "(from: \"eating\", to: \"leaving\", when: After(\"22:10\"))",
    );
    let mut sim = Sim::new(&s, 1);
    let friend = ch(&s, "friend");
    sim.advance(10);
    assert_eq!(sim.character_state(friend).id, "leaving");
    assert_eq!(sim.place_of(friend), None, "in transit");
    sim.advance(9);
    assert_eq!(sim.character_state(friend).id, "leaving");
    sim.advance(1);
    assert_eq!(sim.character_state(friend).id, "gone");
    assert_eq!(sim.place_of(friend), Some(loc(&s, "station")));
}

#[test]
fn extreme_travel_settings_saturate_instead_of_overflowing() {
    let s = bare(
        "",
        r#"travel: (walk: 1, run: 1, drive: 1, drive_start: 4000000000),
        panic: (per_believer: 100, drive_slowdown_percent: 1000, block_at: 101),
        events: { "panic": (when: Always, then: [AddPanic("a", 99)]) }"#,
    );
    let sim = Sim::new(&s, 1);
    assert_eq!(sim.route_to(1, Mode::Drive).map(|r| r.1), Some(1440));
    assert_eq!(sim.route_to(1, Mode::Walk).map(|r| r.1), Some(1440));
}

#[test]
fn rates_out_of_range_are_kept_in_range_with_a_warning_where_written() {
    let text = bare_text(
        "",
        r#"travel: (walk: 0, run: 1, drive: 1, drive_start: 4000000000),
        panic: (per_believer: 100, decay: 250, block_at: 101)"#,
    );
    let s = Scenario::from_ron("t.ron", &text).unwrap_or_else(|d| panic!("{}", d.render()));
    assert_eq!((s.travel.walk, s.panic.decay), (1, 100));
    let said: Vec<(&str, &str)> = s
        .lints
        .iter()
        .map(|l| (l.message.as_str(), &text[l.span.clone()]))
        .collect();
    assert_eq!(
        said,
        [
            ("`travel.walk` is 0; the night uses 1", "0"),
            (
                "`travel.drive_start` is 4000000000; the night uses 1440",
                "4000000000"
            ),
            ("`panic.decay` is 250; the night uses 100", "250"),
        ]
    );
}
