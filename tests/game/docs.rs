//! The modding guide's example is real: it loads, and the guide names every action verb.

use super::{read, root};
use night::Scenario;

fn guide() -> String {
    read(&root().join("docs/modding.md"))
}

/// The first ```ron block of the guide.
fn example(guide: &str) -> &str {
    let start = guide
        .find("```ron\n")
        .expect("the guide has a ```ron block")
        + "```ron\n".len();
    let len = guide[start..].find("\n```").expect("the block is closed");
    &guide[start..start + len]
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
