//! Which gifts can make a difference: the explorer's player does not give away an item that
//! nobody reacts to and no condition asks about.

use crate::scenario::Scenario;
use crate::scenario::model::{CharId, Cond, ItemId, Trigger};

/// Every condition written in the scenario.
fn conditions(s: &Scenario) -> Vec<&Cond> {
    let transitions = s
        .locations
        .iter()
        .flat_map(|l| &l.transitions)
        .chain(s.characters.iter().flat_map(|c| &c.transitions));
    let mut out: Vec<&Cond> = transitions.map(|t| &t.when).collect();
    out.extend(s.events.iter().map(|e| &e.when));
    out.extend(s.endings.iter().map(|e| &e.when));
    out.extend(s.calls.iter().filter_map(|c| c.when.as_ref()));
    out.extend(s.facts.iter().filter_map(|f| f.confirmed.as_ref()));
    out
}

/// Whether `cond` or any condition inside it satisfies `test`, which is told whether that
/// condition sits under an odd number of `Not`s (where its being false helps).
fn mentions(cond: &Cond, negated: bool, test: &impl Fn(&Cond, bool) -> bool) -> bool {
    test(cond, negated)
        || match cond {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(|c| mentions(c, negated, test)),
            Cond::Not(c) => mentions(c, !negated, test),
            _ => false,
        }
}

/// `[character][item]`: whether giving the item to the character can make a difference: they
/// react to receiving it or to being asked for it, a condition asks whether they hold it, or
/// a condition asks that the player not hold it.
pub(super) fn gives_that_matter(s: &Scenario) -> Vec<Vec<bool>> {
    let conds = conditions(s);
    let player = s.player;
    let asked = |test: &dyn Fn(CharId, ItemId, bool) -> bool| {
        conds.iter().any(|c| {
            mentions(c, false, &|c, negated| match c {
                Cond::Holds(who, item) => test(*who, *item, negated),
                _ => false,
            })
        })
    };
    (0..s.characters.len() as CharId)
        .map(|to| {
            (0..s.items.len() as ItemId)
                .map(|item| {
                    let listens = s.characters[to as usize].transitions.iter().any(|t| {
                        matches!(t.on, Some(Trigger::Given(i) | Trigger::Asked(i)) if i == item)
                    });
                    listens
                        || asked(&|who, i, negated| {
                            i == item && (who == to || (who == player && negated))
                        })
                })
                .collect()
        })
        .collect()
}
