//! Harry's actions and their text form for scripts (`go park_la_brea run`, `tell julie
//! missiles`, ...). Parsing resolves ids against the scenario; an unknown word gets a message
//! that says what would have been accepted.

use crate::scenario::Scenario;
use crate::scenario::model::*;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Go {
        to: LocId,
        mode: Mode,
    },
    Wait {
        minutes: Minute,
    },
    WaitForSomething,
    Sleep {
        until: Minute,
    },
    Talk {
        who: CharId,
        topic: TopicId,
    },
    Tell {
        who: CharId,
        fact: FactId,
    },
    /// Tell everyone here at once; each listener decides for themselves.
    TellAll {
        fact: FactId,
    },
    Ask {
        who: CharId,
        item: ItemId,
    },
    Give {
        who: CharId,
        item: ItemId,
    },
    Take {
        item: ItemId,
    },
    Use {
        item: ItemId,
        on: Option<CharId>,
    },
    Call {
        call: CallId,
    },
    /// Dial a number the scenario does not name.
    Dial {
        number: String,
    },
    Answer,
    LetRing,
}

/// The longest wait or sleep a single action may ask for.
pub const MAX_WAIT: Minute = DAY;
/// How long "wait until something happens" waits at most.
pub const WAIT_FOR_SOMETHING_LIMIT: Minute = 60;

impl Action {
    /// The script text of this action.
    pub fn text(&self, s: &Scenario) -> String {
        let c = |i: CharId| &s.characters[i as usize].id;
        let it = |i: ItemId| &s.items[i as usize].id;
        match self {
            Action::Go { to, mode } => {
                format!("go {} {}", s.locations[*to as usize].id, mode.word())
            }
            Action::Wait { minutes } => format!("wait {minutes}"),
            Action::WaitForSomething => "wait".into(),
            Action::Sleep { until } => format!("sleep {}", s.clock(*until)),
            Action::Talk { who, topic } => {
                format!("talk {} {}", c(*who), s.topics[*topic as usize].id)
            }
            Action::Tell { who, fact } => {
                format!("tell {} {}", c(*who), s.facts[*fact as usize].id)
            }
            Action::TellAll { fact } => format!("tell-all {}", s.facts[*fact as usize].id),
            Action::Ask { who, item } => format!("ask {} {}", c(*who), it(*item)),
            Action::Give { who, item } => format!("give {} {}", c(*who), it(*item)),
            Action::Take { item } => format!("take {}", it(*item)),
            Action::Use { item, on: None } => format!("use {}", it(*item)),
            Action::Use {
                item,
                on: Some(who),
            } => format!("use {} on {}", it(*item), c(*who)),
            Action::Call { call } => format!("call {}", s.calls[*call as usize].id),
            Action::Dial { number } => format!("call {number}"),
            Action::Answer => "answer".into(),
            Action::LetRing => "let-ring".into(),
        }
    }

    /// A sentence for people: "Run to Park La Brea".
    pub fn describe(&self, s: &Scenario) -> String {
        let c = |i: CharId| &s.characters[i as usize].name;
        let it = |i: ItemId| &s.items[i as usize].name;
        match self {
            Action::Go { to, mode } => {
                let verb = match mode {
                    Mode::Walk => "Walk",
                    Mode::Run => "Run",
                    Mode::Drive => "Drive",
                };
                format!("{verb} to {}", s.locations[*to as usize].name)
            }
            Action::Wait { minutes: 1 } => "Wait 1 minute".into(),
            Action::Wait { minutes } => format!("Wait {minutes} minutes"),
            Action::WaitForSomething => "Wait until something happens".into(),
            Action::Sleep { until } => format!("Sleep until {}", s.clock(*until)),
            Action::Talk { who, topic } => format!(
                "Talk to {} about {}",
                c(*who),
                s.topics[*topic as usize].name
            ),
            Action::Tell { who, fact } => {
                format!("Tell {}: {}", c(*who), s.facts[*fact as usize].name)
            }
            Action::TellAll { fact } => {
                format!("Tell everyone here: {}", s.facts[*fact as usize].name)
            }
            Action::Ask { who, item } => format!("Ask {} for {}", c(*who), it(*item)),
            Action::Give { who, item } => format!("Give {} to {}", it(*item), c(*who)),
            Action::Take { item } => format!("Take {}", it(*item)),
            Action::Use { item, on: None } => format!("Use {}", it(*item)),
            Action::Use {
                item,
                on: Some(who),
            } => format!("Use {} on {}", it(*item), c(*who)),
            Action::Call { call } => format!("Call {}", s.calls[*call as usize].name),
            Action::Dial { number } => format!("Dial {number}"),
            Action::Answer => "Answer the phone".into(),
            Action::LetRing => "Let it ring".into(),
        }
    }

    /// Parses one script line. Ids are resolved; whether the action is available now is the
    /// simulation's question, not the parser's.
    pub fn parse(line: &str, s: &Scenario) -> Result<Action, ParseError> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some((&verb, args)) = words.split_first() else {
            return Err(ParseError::new("an empty line is not an action"));
        };
        let arity = |n: usize, usage: &str| {
            if args.len() == n {
                Ok(())
            } else {
                Err(ParseError::new(format!("usage: {usage}")))
            }
        };
        let who = |w: &str| lookup(w, "person", s.characters.iter().map(|c| &c.id));
        let item = |w: &str| lookup(w, "item", s.items.iter().map(|c| &c.id));
        match verb {
            "go" => {
                if !(1..=2).contains(&args.len()) {
                    return Err(ParseError::new("usage: go PLACE [walk|run|drive]"));
                }
                let to = lookup(args[0], "place", s.locations.iter().map(|l| &l.id))?;
                let mode = match args.get(1) {
                    None => Mode::Walk,
                    Some(m) => Mode::parse(m).ok_or_else(|| {
                        ParseError::new(format!("unknown travel mode `{m}`: walk, run or drive"))
                    })?,
                };
                Ok(Action::Go { to, mode })
            }
            "wait" => match args {
                [] => Ok(Action::WaitForSomething),
                [n] => match n.parse::<Minute>() {
                    Ok(m) if (1..=MAX_WAIT).contains(&m) => Ok(Action::Wait { minutes: m }),
                    _ => Err(ParseError::new(format!(
                        "`{n}` is not a number of minutes from 1 to {MAX_WAIT}"
                    ))),
                },
                _ => Err(ParseError::new("usage: wait [MINUTES]")),
            },
            "sleep" => {
                arity(1, "sleep HH:MM")?;
                let clock = crate::scenario::parse_clock(args[0]).map_err(|help| {
                    ParseError::new(format!(
                        "`{}` is not a time: {}",
                        args[0],
                        help.unwrap_or_default()
                    ))
                })?;
                let until = s.minute_at(clock);
                Ok(Action::Sleep { until })
            }
            "talk" => {
                arity(2, "talk PERSON TOPIC")?;
                Ok(Action::Talk {
                    who: who(args[0])?,
                    topic: lookup(args[1], "topic", s.topics.iter().map(|t| &t.id))?,
                })
            }
            "tell" => {
                arity(2, "tell PERSON FACT")?;
                Ok(Action::Tell {
                    who: who(args[0])?,
                    fact: lookup(args[1], "fact", s.facts.iter().map(|f| &f.id))?,
                })
            }
            "tell-all" => {
                arity(1, "tell-all FACT")?;
                Ok(Action::TellAll {
                    fact: lookup(args[0], "fact", s.facts.iter().map(|f| &f.id))?,
                })
            }
            "ask" => {
                arity(2, "ask PERSON ITEM")?;
                Ok(Action::Ask {
                    who: who(args[0])?,
                    item: item(args[1])?,
                })
            }
            "give" => {
                arity(2, "give PERSON ITEM")?;
                Ok(Action::Give {
                    who: who(args[0])?,
                    item: item(args[1])?,
                })
            }
            "take" => {
                arity(1, "take ITEM")?;
                Ok(Action::Take {
                    item: item(args[0])?,
                })
            }
            "use" => match args {
                [i] => Ok(Action::Use {
                    item: item(i)?,
                    on: None,
                }),
                [i, "on", w] => Ok(Action::Use {
                    item: item(i)?,
                    on: Some(who(w)?),
                }),
                _ => Err(ParseError::new("usage: use ITEM [on PERSON]")),
            },
            "call" => {
                arity(1, "call NAME|NUMBER")?;
                let target = args[0];
                if let Some(call) = s.call_index(target) {
                    return Ok(Action::Call { call });
                }
                if let Some(call) = s
                    .calls
                    .iter()
                    .position(|c| c.number.as_deref() == Some(target))
                {
                    return Ok(Action::Call {
                        call: call as CallId,
                    });
                }
                if !target.is_empty()
                    && target.len() <= 20
                    && target
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == '(' || c == ')')
                    && target.chars().any(|c| c.is_ascii_digit())
                {
                    return Ok(Action::Dial {
                        number: target.to_owned(),
                    });
                }
                Err(lookup(target, "call", s.calls.iter().map(|c| &c.id))
                    .err()
                    .unwrap_or_else(|| ParseError::new("unknown call")))
            }
            "answer" => arity(0, "answer").map(|_| Action::Answer),
            "let-ring" | "ignore" => arity(0, "let-ring").map(|_| Action::LetRing),
            other => Err(ParseError::new(format!(
                "unknown action `{other}`: go, wait, sleep, talk, tell, tell-all, ask, give, take, use, call, answer, let-ring"
            ))),
        }
    }
}

/// The lines of a script that hold an action, with their line numbers (from 1): what follows
/// a `#` is a comment, and blank lines are skipped.
pub fn script_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(n, raw)| {
        let line = raw.split('#').next().unwrap_or("").trim();
        (!line.is_empty()).then_some((n + 1, line))
    })
}

/// A whole script's actions, or the first line that is not one: its number and why.
pub fn parse_script(text: &str, s: &Scenario) -> Result<Vec<Action>, (usize, ParseError)> {
    script_lines(text)
        .map(|(n, line)| Action::parse(line, s).map_err(|e| (n, e)))
        .collect()
}

/// Why a line is not an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
}

impl ParseError {
    fn new(message: impl Into<String>) -> Self {
        ParseError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

fn lookup<'a>(
    word: &str,
    noun: &str,
    ids: impl Iterator<Item = &'a String>,
) -> Result<u16, ParseError> {
    let ids: Vec<&String> = ids.collect();
    if let Some(i) = ids.iter().position(|id| id.as_str() == word) {
        return Ok(i as u16);
    }
    let near = crate::scenario::nearest_id(word, ids.iter().map(|id| id.as_str()));
    Err(ParseError::new(match near {
        Some(id) => format!("unknown {noun} `{word}`: did you mean `{id}`?"),
        None => format!("unknown {noun} `{word}`"),
    }))
}
