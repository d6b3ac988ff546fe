//! The night in progress: the simulation, its clock at the chosen pace, the log, and the
//! record of the player's actions. Every change to the night goes through here.

pub mod chronicle;
pub mod pace;
pub mod pause;
pub mod playback;
pub mod quick_look;
pub mod reload;

use self::pause::Pause;
use crate::files::record::{NightRecord, ResolvedRecord};
use crate::game::night::chronicle::Chronicle;
use crate::game::night::pace::{Clock, Pace};
use crate::game::screens::Screen;
use crate::game::settings::Settings;
use crate::game::{AppSystems, GameOptions};
use bevy::prelude::*;
use night::scenario::model::{CharId, FactId, Minute};
use night::session::narrate;
use night::sim::Action;
use night::{Scenario, Session, Sim};

/// The night being played.
#[derive(Resource)]
pub struct GameSession {
    /// The night itself: the simulation, its events and the player's actions (the record).
    pub session: Session,
    pub clock: Clock,
    /// What happened, as transcript lines, oldest first (the log panel shows the last ones).
    pub log: Vec<String>,
    /// The actions available now (recomputed when the night changes).
    pub actions: Vec<Action>,
    /// What the night looked like so far: the notebook and the ending's picture.
    pub chronicle: Chronicle,
}

impl GameSession {
    pub fn new(scenario: &Scenario, seed: u64, start: usize) -> GameSession {
        GameSession::from_session(Session::begin(scenario, seed, start))
    }

    fn from_session(session: Session) -> GameSession {
        let log = session.transcript();
        let actions = in_play_order(session.sim().actions());
        let chronicle = Chronicle::begin(session.sim());
        GameSession {
            session,
            clock: Clock::default(),
            log,
            actions,
            chronicle,
        }
    }

    /// Plays a record back (see `Session::replay`). Stops at the first action that no longer
    /// applies (the scenario changed) and says so in the second value.
    pub fn replay(scenario: &Scenario, record: &ResolvedRecord) -> (GameSession, Option<String>) {
        let (session, stopped) = Session::replay(scenario, &record.replay);
        (GameSession::from_session(session), stopped)
    }

    pub fn sim(&self) -> &Sim {
        self.session.sim()
    }

    /// Does an action now, if it is available; returns why not otherwise.
    pub fn act(&mut self, action: &Action) -> Result<(), String> {
        // Whom the player tells, for the notebook: one person, or everyone here not yet believing.
        let sim = self.session.sim();
        let told: Vec<(CharId, FactId)> = match action {
            Action::Tell { who, fact } => vec![(*who, *fact)],
            Action::TellAll { fact } => sim
                .listeners(*fact, &sim.present())
                .into_iter()
                .map(|c| (c, *fact))
                .collect(),
            _ => Vec::new(),
        };
        let scenario = self.session.scenario().clone();
        let events = self.session.act(action).map_err(|e| e.message)?;
        self.log.extend(narrate(&scenario, events));
        let sim = self.session.sim();
        for (who, fact) in told {
            self.chronicle.told(sim, who, fact);
        }
        self.chronicle.observe(sim);
        self.actions = in_play_order(sim.actions());
        Ok(())
    }

    /// Advances the clock by whole minutes, one at a time so that the chronicle sees each.
    pub fn advance(&mut self, minutes: Minute) {
        if minutes == 0 {
            return;
        }
        let scenario = self.session.scenario().clone();
        for _ in 0..minutes {
            if self.session.sim().is_over() {
                break;
            }
            let events = self.session.advance_minute();
            self.log.extend(narrate(&scenario, events));
            self.chronicle.observe(self.session.sim());
        }
        self.actions = in_play_order(self.session.sim().actions());
    }

    /// The night's record so far (seed, start, actions with their times).
    pub fn record(&self) -> NightRecord {
        NightRecord::of(&self.session, &self.log)
    }

    /// How many actions the player has taken.
    pub fn actions_taken(&self) -> usize {
        self.session.actions().len()
    }
}

/// The actions in the order the panel lists them (and the keys number them): what concerns the
/// people here first, then moving, then the rest; giving and using things on people last,
/// because there are many of them.
pub fn in_play_order(mut actions: Vec<Action>) -> Vec<Action> {
    let rank = |a: &Action| match a {
        Action::Answer | Action::LetRing => 0,
        Action::Talk { .. } => 1,
        Action::TellAll { .. } | Action::Tell { .. } => 2,
        Action::Ask { .. } => 3,
        Action::Go { .. } => 4,
        Action::Call { .. } | Action::Dial { .. } => 5,
        Action::Take { .. } | Action::Use { on: None, .. } => 6,
        Action::WaitForSomething | Action::Wait { .. } | Action::Sleep { .. } => 7,
        Action::Give { .. } | Action::Use { on: Some(_), .. } => 8,
    };
    actions.sort_by_key(rank);
    actions
}

/// The player should do this now: from a button, a key, a map click or a script.
#[derive(Message, Clone, Debug)]
pub struct ChooseAction(pub Action);

/// Begin a night with this start and seed.
#[derive(Message, Clone, Debug)]
pub struct BeginNight {
    pub start: usize,
    pub seed: u64,
}

/// Holds the clock without the player pausing (the capture mode, while it photographs).
#[derive(Resource, Default)]
pub struct Hold(pub bool);

/// A moment the clock must not run past in one frame (the capture mode's next photograph:
/// its minute and the fraction of it), however slow the frame.
#[derive(Resource, Default)]
pub struct StopAt(pub Option<(night::scenario::model::Minute, f32)>);

/// The last thing the player tried that was refused, to show in the HUD.
#[derive(Resource, Default)]
pub struct Refusal(pub Option<String>);

pub fn plugin(app: &mut App) {
    app.add_plugins((pause::plugin, playback::plugin, reload::plugin));
    app.init_resource::<Refusal>()
        .init_resource::<Hold>()
        .init_resource::<StopAt>()
        .add_message::<ChooseAction>()
        .add_message::<BeginNight>()
        .add_systems(
            Update,
            (
                begin_night,
                (apply_chosen_actions, run_clock, finish_night)
                    .chain()
                    .run_if(in_state(Screen::Playing)),
            )
                .chain()
                .in_set(AppSystems::Act),
        );
}

fn begin_night(
    mut commands: Commands,
    mut begins: MessageReader<BeginNight>,
    options: Res<GameOptions>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(begin) = begins.read().last().cloned() else {
        return;
    };
    let Ok(scenario) = &options.scenario else {
        return;
    };
    commands.insert_resource(GameSession::new(scenario, begin.seed, begin.start));
    next.set(Screen::Playing);
}

fn apply_chosen_actions(
    mut chosen: MessageReader<ChooseAction>,
    mut night: ResMut<GameSession>,
    mut refusal: ResMut<Refusal>,
) {
    for ChooseAction(action) in chosen.read() {
        refusal.0 = night.act(action).err();
    }
}

fn run_clock(
    time: Res<Time>,
    settings: Res<Settings>,
    pause: Res<State<Pause>>,
    (hold, stop_at): (Res<Hold>, Res<StopAt>),
    mut night: ResMut<GameSession>,
) {
    if *pause.get() == Pause::Paused || hold.0 {
        return;
    }
    let night = &mut *night;
    let mut minutes = night
        .clock
        .tick(settings.pace, time.delta_secs(), night.session.sim());
    if let Some(stop) = stop_at.0 {
        minutes = night.clock.stop_at(minutes, night.sim().now(), stop);
    }
    if settings.pace != Pace::TurnBased {
        night.advance(minutes);
        return;
    }
    // Turn-based time runs only while the player is busy: a slow frame's minutes must not run on
    // past the moment they are free again.
    for _ in 0..minutes {
        if night.sim().is_idle() {
            night.clock.fraction = 0.0;
            break;
        }
        night.advance(1);
    }
}

fn finish_night(night: Res<GameSession>, mut next: ResMut<NextState<Screen>>) {
    if night.sim().is_over() {
        let ending = night
            .session
            .ending()
            .map_or("none (the day is over)", |e| e.id.as_str());
        info!(
            "the night is over at {}: ending {ending}",
            night.sim().clock()
        );
        next.set(Screen::Ending);
    }
}
