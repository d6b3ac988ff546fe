//! The city maps in `assets/maps/`: each reads, belongs to a scenario, names only that
//! scenario's places and their states, and its areas lie on the scenario's map.

use super::{read, root};
use miracle_mile::game::map::city::data::{CityMap, Flight};
use night::Scenario;

#[test]
fn the_films_city_map_names_only_its_places_and_their_states() {
    let map = CityMap::from_ron(&read(&root().join("assets/maps/miracle_mile.city.ron")))
        .unwrap_or_else(|e| panic!("assets/maps/miracle_mile.city.ron: {e}"));
    let film = Scenario::from_ron(
        "miracle_mile.ron",
        &read(&root().join("scenes/miracle_mile.ron")),
    )
    .unwrap_or_else(|d| panic!("{}", d.render()));
    assert_eq!(
        film.map.as_deref(),
        Some("miracle_mile"),
        "the film names its city map"
    );
    assert!(
        map.landmarks.len() >= 15,
        "a drawing for most of the places"
    );
    for (id, landmark) in &map.landmarks {
        let place = film
            .location_index(id)
            .unwrap_or_else(|| panic!("landmark `{id}` is not a place of the film"));
        let states = &film.locations[place as usize].states;
        for part in &landmark.parts {
            for state in &part.states {
                assert!(
                    states.iter().any(|s| &s.id == state),
                    "`{id}` has no state `{state}`"
                );
            }
        }
    }
    // The helicopter follows the pilot through states he has, over places the film has.
    assert!(!map.aircraft.is_empty(), "Landa's helicopter is drawn");
    for craft in &map.aircraft {
        let person = film
            .character_index(&craft.person)
            .unwrap_or_else(|| panic!("`{}` follows nobody of the film", craft.name));
        let states = &film.characters[person as usize].states;
        for (state, flight) in &craft.states {
            assert!(
                states.iter().any(|s| &s.id == state),
                "`{}` has no state `{state}`",
                craft.person
            );
            let places: Vec<&String> = match flight {
                Flight::Parked { landing_over } => vec![landing_over]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect(),
                Flight::Flying(course) => course.iter().map(|(p, _)| p).collect(),
            };
            for place in places {
                assert!(
                    film.location_index(place).is_some(),
                    "`{}` flies over `{place}`, not a place of the film",
                    craft.name
                );
            }
        }
    }
    // The areas are in the district: within 3 km of Johnie's.
    for area in &map.areas {
        for p in &area.points {
            let (x, y) = film.metres_at(p.lat, p.lon);
            assert!(x.hypot(y) < 3_000.0, "{} is off the map", area.name);
        }
    }
    for street in film.streets.iter() {
        assert!(map.width_of(street) >= 10.0, "{} has a road", street.id);
    }
}

#[test]
fn the_ringing_payphone_is_heard_near_it_and_not_from_the_hotel() {
    use miracle_mile::game::audio::phones_in_earshot;
    use miracle_mile::game::map::positions;
    use night::sim::{Action, Sim};

    let film = super::play::film();
    let mut sim = Sim::with_start(&film, 1, film.start_index("the_call").unwrap());
    let script = read(&root().join("tests/nights/film_into_the_tar.script"));
    let payphone = film.location_index("payphone").unwrap();
    // Up to the wait that ends when the payphone rings.
    for line in super::script_lines(&script).iter().take(4) {
        sim.apply(&Action::parse(line, &film).unwrap()).unwrap();
        sim.run_until_idle();
    }
    assert!(sim.location_state(payphone).ringing, "the payphone rings");
    let at_the_phone = positions::location(&sim, payphone);
    assert_eq!(phones_in_earshot(&sim, at_the_phone), vec![payphone]);
    // Across Wilshire, at the May Company, it still carries; from the hotel on 8th it does not.
    let may_company = positions::location(&sim, film.location_index("may_company").unwrap());
    assert_eq!(phones_in_earshot(&sim, may_company), vec![payphone]);
    let hotel = positions::location(&sim, film.location_index("hotel").unwrap());
    assert!(phones_in_earshot(&sim, hotel).is_empty());
}
