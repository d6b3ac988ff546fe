//! The scenarios the project ships, for the core's own tests: the film and every example night.

use crate::Scenario;

/// Every shipped night, loaded.
pub(crate) fn nights() -> Vec<Scenario> {
    [
        (
            "miracle_mile.ron",
            include_str!("../../../scenes/miracle_mile.ron"),
        ),
        (
            "first_night.ron",
            include_str!("../../../scenes/examples/first_night.ron"),
        ),
        (
            "last_ferry.ron",
            include_str!("../../../scenes/examples/last_ferry.ron"),
        ),
        (
            "fog_over_edinburgh.ron",
            include_str!("../../../scenes/examples/fog_over_edinburgh.ron"),
        ),
        (
            "last_train_shinjuku.ron",
            include_str!("../../../scenes/examples/last_train_shinjuku.ron"),
        ),
    ]
    .iter()
    .map(|(name, text)| Scenario::from_ron(name, text).unwrap_or_else(|d| panic!("{}", d.render())))
    .collect()
}
