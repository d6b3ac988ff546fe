//! The night as text: a session that prints each narrated line as it happens (to the terminal)
//! or keeps it (for comparing), and a script played through it. `text` prints it, and the
//! golden night compares it on every platform, in the browser too.

use crate::output::outln;
use night::session::narrate;
use night::sim::{Action, script_lines};
use night::{Scenario, Session};

/// What `text --script` prints for a script (`name` is where it came from, for its messages):
/// the same text on every platform, which is what the golden night compares.
pub fn script_transcript(s: &Scenario, seed: u64, start: usize, name: &str, text: &str) -> String {
    play_script(s, seed, start, name, text, false).0.printed
}

/// The night being played in the terminal, and what has been printed of it.
pub struct Terminal {
    pub session: Session,
    /// Printed as it comes (the terminal), or kept in `printed` (a transcript for comparing).
    echo: bool,
    printed: String,
}

impl Terminal {
    /// The night at its start (on until the player can act), nothing shown yet.
    pub fn begin_quietly(s: &Scenario, seed: u64, start: usize, echo: bool) -> Terminal {
        Terminal {
            session: Session::begin(s, seed, start),
            echo,
            printed: String::new(),
        }
    }

    /// The night so far: its beginning, before any action.
    pub fn show_beginning(&mut self) {
        let lines = self.session.transcript();
        self.show(&lines);
    }

    fn show(&mut self, lines: &[String]) {
        for line in lines {
            self.say(line);
        }
    }

    pub fn say(&mut self, line: &str) {
        if self.echo {
            outln!("{line}");
        } else {
            self.printed.push_str(line);
            self.printed.push('\n');
        }
    }

    /// Does an action and plays on until the player can act again.
    pub fn act(&mut self, action: &Action) -> Result<(), String> {
        let scenario = self.session.scenario().clone();
        let events = self.session.act_and_settle(action).map_err(|e| e.message)?;
        let lines = narrate(&scenario, events);
        self.show(&lines);
        Ok(())
    }
}

/// Plays a script from the night's beginning: the night, and whether every line played.
pub fn play_script(
    s: &Scenario,
    seed: u64,
    start: usize,
    path: &str,
    text: &str,
    echo: bool,
) -> (Terminal, bool) {
    let mut terminal = Terminal::begin_quietly(s, seed, start, echo);
    let header = format!("{} — seed {seed}, start {}", s.title, s.starts[start].id);
    terminal.say(&header);
    terminal.show_beginning();
    for (n, line) in script_lines(text) {
        if terminal.session.sim().is_over() {
            terminal.say(&format!(
                "{path}:{n}: the night is already over; `{line}` is not played"
            ));
            break;
        }
        let result = Action::parse(line, s)
            .map_err(|e| e.message)
            .and_then(|a| terminal.act(&a));
        if let Err(message) = result {
            terminal.say(&format!("{path}:{n}: cannot `{line}`: {message}"));
            terminal.say("available now:");
            for a in terminal.session.sim().actions() {
                terminal.say(&format!("  {}", a.text(s)));
            }
            let ending = ending_line(&terminal.session);
            terminal.say(&ending);
            return (terminal, false);
        }
    }
    let ending = ending_line(&terminal.session);
    terminal.say(&ending);
    (terminal, true)
}

/// The last line of a played night: `ending: ID`, or `ending: none` (what scripts and tests
/// read).
pub fn ending_line(session: &Session) -> String {
    let id = session.ending().map_or("none", |e| e.id.as_str());
    format!("ending: {id}")
}
