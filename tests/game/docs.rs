//! The modding guide's example is real: it loads, and the guide names every action verb.

use super::{read, root};
use night::Scenario;

fn guide() -> String {
    read(&root().join("docs/modding.md"))
}

/// The first ```ron block of the guide's section `heading`.
fn ron_block<'g>(guide: &'g str, heading: &str) -> &'g str {
    let section = guide
        .find(heading)
        .unwrap_or_else(|| panic!("the guide has `{heading}`"));
    let start = guide[section..]
        .find("```ron\n")
        .expect("the section has a ```ron block")
        + section
        + "```ron\n".len();
    let len = guide[start..].find("\n```").expect("the block is closed");
    &guide[start..start + len]
}

/// The guide's complete example.
fn example(guide: &str) -> &str {
    ron_block(guide, "## A complete example")
}

#[test]
fn the_tutorials_first_step_is_a_whole_scenario() {
    let guide = guide();
    let text = ron_block(&guide, "### Step 1: the smallest night");
    if let Err(d) = Scenario::from_ron("docs/modding.md tutorial", text) {
        panic!("the tutorial's first step does not load:\n{}", d.render());
    }
}

#[test]
fn the_guides_complete_example_loads() {
    let guide = guide();
    let text = example(&guide);
    match Scenario::from_ron("docs/modding.md example", text) {
        Ok(s) => {
            assert!(!s.locations.is_empty() && !s.characters.is_empty() && !s.endings.is_empty());
        }
        Err(d) => panic!("the guide's example does not load:\n{}", d.render()),
    }
}

#[test]
fn the_guide_documents_every_action_verb() {
    let guide = guide();
    for verb in [
        "go ", "wait", "sleep ", "talk ", "tell ", "ask ", "give ", "take ", "use ", "call ",
        "answer", "let-ring",
    ] {
        assert!(
            guide.contains(&format!("`{verb}")),
            "the guide does not document `{verb}`"
        );
    }
}
