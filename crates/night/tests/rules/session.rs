//! Rules a front end relies on: the actions listed, determinism, scripts and the countdown.

use super::*;

#[test]
fn actions_listed_are_exactly_those_accepted() {
    let s = town();
    for seed in 0..30 {
        let night = night::analysis::random_player::play(&s, (seed % 2) as usize, seed, seed, 200);
        assert!(night.sim.is_over());
        let _ = night.actions;
    }
    let sim = Sim::new(&s, 1);
    for a in sim.actions() {
        assert!(sim.check(&a).is_ok(), "{a:?}");
    }
    assert!(sim.check(&Action::Answer).is_err(), "not ringing yet");
}

#[test]
fn the_same_seed_and_actions_give_the_same_events() {
    let s = town();
    let run = |seed| {
        let n = night::analysis::random_player::play(&s, 0, seed, 99, 100);
        n.events
            .iter()
            .filter_map(|e| e.narrate(&s))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(run(5), run(5));
    let outcomes: std::collections::HashSet<_> = (0..20u64)
        .map(|seed| {
            night::analysis::random_player::play(&s, 0, seed, seed, 100)
                .sim
                .outcome()
        })
        .collect();
    assert!(outcomes.len() > 1, "different seeds give different nights");
}

#[test]
fn a_script_skips_comments_and_blank_lines_and_names_the_line_it_cannot_read() {
    let s = town();
    let script = "# the evening\n\ngo diner   # walk over\n  take coin\n";
    let actions = night::sim::parse_script(script, &s).unwrap_or_else(|(n, e)| panic!("{n}: {e}"));
    assert_eq!(
        actions,
        vec![
            Action::parse("go diner", &s).unwrap(),
            Action::parse("take coin", &s).unwrap()
        ]
    );
    let lines: Vec<(usize, &str)> = night::sim::script_lines(script).collect();
    assert_eq!(lines, vec![(3, "go diner"), (4, "take coin")]);
    let (line, error) = night::sim::parse_script("go diner\n\nfly away\n", &s).unwrap_err();
    assert_eq!(line, 3);
    assert!(error.message.contains("fly"), "{error}");
}

#[test]
fn the_countdown_has_the_scenarios_words_and_the_player_a_first_name() {
    let s = town();
    assert_eq!(
        s.countdown_words(12),
        "12 minutes left",
        "the default words"
    );
    let s = town_edits(&[
        (
            r#"player: "harry","#,
            r#"player: "harry", countdown: "The bridge goes in {minutes} min","#,
        ),
        (
            r#""harry": (name: "Harry","#,
            r#""harry": (name: "Harry Lime","#,
        ),
    ]);
    assert_eq!(s.countdown_words(3), "The bridge goes in 3 min");
    assert_eq!(
        s.player_word(),
        "Harry",
        "the first word of the player's name"
    );
}
