//! Rules of items: giving, taking and using them.

use super::*;

#[test]
fn giving_taking_and_using_items() {
    let s = town();
    let mut sim = Sim::with_start(&s, 1, 1);
    let coin = s.item_index("coin").unwrap();
    assert!(
        sim.check(&Action::Use {
            item: coin,
            on: None
        })
        .is_err(),
        "not held yet"
    );
    act(&mut sim, "take coin");
    assert_eq!(sim.holder(coin), Owner::Held(s.player));
    // The friend's state machine does not answer a coin given: the give would change nothing,
    // so it is neither offered nor allowed, and says why.
    let give = Action::parse("give friend coin", &s).unwrap();
    assert!(!sim.actions().contains(&give));
    let refused = sim.check(&give).unwrap_err();
    assert!(refused.message.contains("no use for"), "{refused}");
    // Once her state machine answers a gift, it is offered, and the coin changes hands.
    let s = town_edits(&[(
        r#"(on: Used("coin"), then: [Say("friend", "Thanks for the coin.")]),"#,
        r#"(on: Used("coin"), then: [Say("friend", "Thanks for the coin.")]),
                (on: Given("coin"), then: [Say("friend", "A coin! For me?")]),"#,
    )]);
    let mut sim = Sim::with_start(&s, 1, 1);
    act(&mut sim, "take coin");
    assert!(sim.actions().contains(&give));
    act(&mut sim, "give friend coin");
    assert_eq!(sim.holder(coin), Owner::Held(ch(&s, "friend")));
    // A fixed item cannot be picked up.
    let mut sim = Sim::with_start(&s, 1, 1);
    let mut st = sim.state().clone();
    st.item_owner[s.item_index("badge").unwrap() as usize] = Owner::At(loc(&s, "diner"));
    sim.set_state(st);
    assert!(
        sim.check(&Action::Take {
            item: s.item_index("badge").unwrap()
        })
        .is_err()
    );
}
