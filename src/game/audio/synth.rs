//! The game's sounds, synthesised as WAV bytes at start-up: nothing to download or decode
//! from disk, the same on desktop and web. Pure functions, tested without an audio device.

/// Samples per second of every sound.
pub const RATE: u32 = 22_050;

/// 16-bit mono PCM WAV bytes of `samples` (each in -1.0..=1.0).
pub fn wav(samples: &[f32]) -> Vec<u8> {
    let data = (samples.len() * 2) as u32;
    let mut b = Vec::with_capacity(44 + data as usize);
    b.extend_from_slice(b"RIFF");
    b.extend_from_slice(&(36 + data).to_le_bytes());
    b.extend_from_slice(b"WAVEfmt ");
    b.extend_from_slice(&16u32.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes()); // PCM
    b.extend_from_slice(&1u16.to_le_bytes()); // mono
    b.extend_from_slice(&RATE.to_le_bytes());
    b.extend_from_slice(&(RATE * 2).to_le_bytes());
    b.extend_from_slice(&2u16.to_le_bytes());
    b.extend_from_slice(&16u16.to_le_bytes());
    b.extend_from_slice(b"data");
    b.extend_from_slice(&data.to_le_bytes());
    for s in samples {
        b.extend_from_slice(&((s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16).to_le_bytes());
    }
    b
}

fn seconds(secs: f32) -> impl Iterator<Item = f32> {
    (0..(secs * RATE as f32) as u32).map(|i| i as f32 / RATE as f32)
}

fn sine(freq: f32, t: f32) -> f32 {
    (t * freq * std::f32::consts::TAU).sin()
}

/// The clock's tick: a short, bright click that dies away in 40 ms.
pub fn tick() -> Vec<f32> {
    seconds(0.06)
        .map(|t| sine(2_400.0, t) * (-t * 90.0).exp() * 0.6)
        .collect()
}

/// A 1980s US payphone ring: 440 Hz and 480 Hz together, two seconds on, four off.
pub fn ring() -> Vec<f32> {
    seconds(6.0)
        .map(|t| {
            if t < 2.0 {
                (sine(440.0, t) + sine(480.0, t)) * 0.25
            } else {
                0.0
            }
        })
        .collect()
}

/// The ambient bed: a slow minor chord of detuned saws through a soft filter, swelling and
/// falling over its loop, in the spirit of a Tangerine Dream pad.
pub fn pad() -> Vec<f32> {
    const LOOP: f32 = 8.0;
    let notes = [110.0, 130.81, 164.81, 220.0]; // A2, C3, E3, A3
    let mut filtered = 0.0;
    seconds(LOOP)
        .map(|t| {
            let saw = |f: f32| 2.0 * (t * f).fract() - 1.0;
            let raw: f32 = notes.iter().map(|&f| saw(f) + saw(f * 1.003)).sum::<f32>()
                / (notes.len() as f32 * 2.0);
            // One-pole low-pass whose opening breathes with a slow sine.
            let open = 0.02 + 0.03 * (0.5 + 0.5 * sine(1.0 / LOOP, t));
            filtered += (raw - filtered) * open;
            // Fade the loop's ends so it joins without a click.
            let edge = (t.min(LOOP - t) / 0.05).min(1.0);
            filtered * 0.5 * edge
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wav_headers_describe_their_data() {
        let bytes = wav(&tick());
        assert_eq!(&bytes[0..4], b"RIFF");
        assert_eq!(&bytes[8..16], b"WAVEfmt ");
        let data = u32::from_le_bytes(bytes[40..44].try_into().unwrap()) as usize;
        assert_eq!(bytes.len(), 44 + data);
    }

    #[test]
    fn sounds_are_audible_and_never_clip() {
        for (name, s) in [("tick", tick()), ("ring", ring()), ("pad", pad())] {
            let peak = s.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            assert!(peak > 0.05 && peak <= 1.0, "{name} peaks at {peak}");
        }
        let ring = ring();
        let silent_tail = &ring[(3 * RATE) as usize..];
        assert!(
            silent_tail.iter().all(|v| *v == 0.0),
            "the ring pauses between bursts"
        );
    }
}
