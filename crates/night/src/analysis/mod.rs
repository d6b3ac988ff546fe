//! Analyses over nights: players that choose actions by themselves, and what a set of nights
//! made happen.

pub mod check;
pub mod coverage;
pub mod explore;
pub mod greedy_player;
pub mod nearness;
pub mod newcomer_player;
pub mod novelty;
pub mod parallel;
pub mod random_player;
pub mod target;
pub mod walkthrough_player;

/// The film's scenario, for the analyses' unit tests.
#[cfg(test)]
pub(crate) fn film() -> crate::Scenario {
    crate::Scenario::from_ron(
        "miracle_mile.ron",
        include_str!("../../../../scenes/miracle_mile.ron"),
    )
    .unwrap_or_else(|d| panic!("{}", d.render()))
}
