//! Names for what the generator makes up, so that a generated night reads like a night and
//! a failing one can be followed in its transcript. Each is handed out once per scenario.

use super::rng::Rng;

const PEOPLE: &[(&str, &str)] = &[
    ("ada", "Ada"),
    ("bruno", "Bruno"),
    ("cora", "Cora"),
    ("dev", "Dev"),
    ("eli", "Eli"),
    ("fay", "Fay"),
    ("gus", "Gus"),
    ("hana", "Hana"),
];

const ITEMS: &[(&str, &str)] = &[
    ("ticket", "a bus ticket"),
    ("letter", "a sealed letter"),
    ("lighter", "a brass lighter"),
    ("map", "a folded map"),
    ("photo", "an old photo"),
    ("tape", "a cassette tape"),
    ("badge", "a press badge"),
    ("locket", "a silver locket"),
    ("ledger", "the night ledger"),
    ("flashlight", "a flashlight"),
    ("receipt", "a pawn receipt"),
    ("key", "a room key"),
    ("radio", "a pocket radio"),
    ("coat", "a raincoat"),
    ("envelope", "a brown envelope"),
    ("camera", "a camera"),
    ("ring", "a wedding ring"),
    ("tools", "a bag of tools"),
    ("pass", "a harbour pass"),
    ("wallet", "a wallet"),
];

const FACTS: &[(&str, &str)] = &[
    ("dam", "the dam will not hold"),
    ("raid", "the police raid the docks at one"),
    ("ship", "the ship sails early"),
    ("fire", "the warehouse is burning"),
    ("code", "the safe's code is 7-4-1"),
    ("storm", "the storm turns inland"),
    ("fraud", "the mayor's books are cooked"),
    ("twins", "the twins are back in town"),
    ("gas", "there is a gas leak on Vine"),
    ("strike", "the drivers strike at dawn"),
    ("bridge", "the bridge is closing"),
    ("witness", "a witness saw the car"),
];

const TOPICS: &[(&str, &str)] = &[
    ("rumour", "the rumour"),
    ("old_times", "the old times"),
    ("the_job", "the job"),
    ("the_river", "the river"),
    ("the_game", "the game"),
    ("money", "money"),
    ("the_band", "the band"),
    ("family", "family"),
    ("the_boss", "the boss"),
    ("the_radio", "what the radio said"),
    ("the_car", "the car"),
    ("the_night", "the night"),
];

/// Pools for one scenario, shuffled by its seed.
pub struct Names {
    people: Vec<(&'static str, &'static str)>,
    items: Vec<(&'static str, &'static str)>,
    facts: Vec<(&'static str, &'static str)>,
    topics: Vec<(&'static str, &'static str)>,
    used: u32,
}

impl Names {
    pub fn new(rng: &mut Rng) -> Names {
        let mut shuffled = |xs: &[(&'static str, &'static str)]| {
            let mut v = xs.to_vec();
            rng.shuffle(&mut v);
            v
        };
        Names {
            people: shuffled(PEOPLE),
            items: shuffled(ITEMS),
            facts: shuffled(FACTS),
            topics: shuffled(TOPICS),
            used: 0,
        }
    }

    pub fn person(&mut self) -> (String, String) {
        self.take(Kind::People)
    }
    pub fn item(&mut self) -> (String, String) {
        self.take(Kind::Items)
    }
    pub fn fact(&mut self) -> (String, String) {
        self.take(Kind::Facts)
    }
    pub fn topic(&mut self) -> (String, String) {
        self.take(Kind::Topics)
    }

    /// The next unused name of a kind; once a pool runs dry, numbered ones (ids stay unique).
    fn take(&mut self, kind: Kind) -> (String, String) {
        let pool = match kind {
            Kind::People => &mut self.people,
            Kind::Items => &mut self.items,
            Kind::Facts => &mut self.facts,
            Kind::Topics => &mut self.topics,
        };
        if let Some((id, name)) = pool.pop() {
            return (id.to_owned(), name.to_owned());
        }
        self.used += 1;
        let n = self.used;
        match kind {
            Kind::People => (format!("stranger_{n}"), format!("Stranger {n}")),
            Kind::Items => (format!("parcel_{n}"), format!("parcel number {n}")),
            Kind::Facts => (format!("secret_{n}"), format!("secret number {n}")),
            Kind::Topics => (format!("matter_{n}"), format!("matter number {n}")),
        }
    }
}

enum Kind {
    People,
    Items,
    Facts,
    Topics,
}
