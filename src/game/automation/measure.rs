//! How fast the game runs, measured in the real window: the time from launch to the first
//! interactive frame (logged on every run), and, in the capture mode with `--measure-at`, the
//! frame times over some seconds of a running night at a chosen minute (median, 95th and 99th
//! percentile, worst), logged as one `measure:` line for the closing notes and for regressions.

use crate::game::GameOptions;
use crate::game::screens::Screen;
use bevy::platform::time::Instant;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use std::time::Duration;

/// What to measure during a captured night.
#[derive(Clone, Debug)]
pub struct MeasureOptions {
    /// The clock time ("HH:MM") from which to measure.
    pub at: String,
    /// For how long, in seconds of wall time.
    pub seconds: f32,
}

/// Frame times being collected; the capture mode starts it and waits until it is done.
#[derive(Resource, Default)]
pub struct FrameTimes {
    pub state: Measuring,
    samples: Vec<Duration>,
    since: Option<Instant>,
    last: Option<Instant>,
    /// The process's processor time and the machine's stolen time when measuring began.
    ticks_at_start: Option<Ticks>,
}

#[derive(Default, PartialEq, Eq, Clone, Copy, Debug)]
pub enum Measuring {
    #[default]
    NotYet,
    Running,
    Done,
}

impl FrameTimes {
    pub fn start(&mut self) {
        self.state = Measuring::Running;
        self.samples.clear();
        self.since = None;
        self.last = None;
        self.ticks_at_start = None;
    }
}

/// Processor time in clock ticks (1/100 s on Linux): what this process used (user and system,
/// all threads, the software rasteriser's included) and what the hypervisor stole from the
/// machine. Frame times on a shared virtual machine swing with stolen time; the processor time
/// per frame does not, so the measure line gives both.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Ticks {
    process: u64,
    stolen: u64,
}

impl Ticks {
    /// Read from `/proc`; `None` where there is no such file (not Linux, the browser).
    fn now() -> Option<Ticks> {
        let own = std::fs::read_to_string("/proc/self/stat").ok()?;
        let machine = std::fs::read_to_string("/proc/stat").ok()?;
        Some(Ticks {
            process: process_ticks(&own)?,
            stolen: stolen_ticks(&machine)?,
        })
    }
}

/// User plus system ticks from `/proc/self/stat` (fields 14 and 15; the command's name, field
/// 2, is in parentheses and may hold spaces, so fields are counted after its closing one).
fn process_ticks(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    Some(fields.next()?.parse::<u64>().ok()? + fields.next()?.parse::<u64>().ok()?)
}

/// The machine's stolen ticks: the eighth number of `/proc/stat`'s `cpu` line.
fn stolen_ticks(stat: &str) -> Option<u64> {
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    line.split_whitespace().nth(8)?.parse().ok()
}

/// Frames thrown away when measuring begins: the pace has just changed, caches warm up.
const WARM_UP_FRAMES: usize = 30;

pub fn plugin(app: &mut App) {
    app.init_resource::<FrameTimes>()
        .init_resource::<FirstFrame>()
        .add_systems(Last, (first_interactive_frame, collect_frame_times));
}

/// The first frame on which the title's interface is actually on screen. Pipelines compile in
/// the background, so the first frames may show only the night sky: in the capture mode the
/// window is photographed, one screenshot after another, until the title's letters appear.
/// Elsewhere the second frame on the title is taken (its interface is built in the first).
#[derive(Resource, Default)]
struct FirstFrame {
    /// A probe screenshot is on its way.
    probing: bool,
    /// When a screenshot first showed the title.
    on_screen: Option<Instant>,
    reported: bool,
    frames_on_title: u32,
}

fn first_interactive_frame(
    mut commands: Commands,
    options: Res<GameOptions>,
    screen: Res<State<Screen>>,
    mut first: ResMut<FirstFrame>,
) {
    if first.reported || *screen.get() != Screen::Title {
        return;
    }
    first.frames_on_title += 1;
    let elapsed = match (&options.capture, first.on_screen) {
        (None, _) if first.frames_on_title == 2 => options.launched.elapsed(),
        (Some(_), Some(when)) => when - options.launched,
        (Some(_), None) if !first.probing => {
            first.probing = true;
            commands
                .spawn((Name::new("Probe screenshot"), Screenshot::primary_window()))
                .observe(
                    |shot: On<ScreenshotCaptured>, mut first: ResMut<FirstFrame>| {
                        first.probing = false;
                        if first.on_screen.is_none() && shows_letters(&shot.image) {
                            first.on_screen = Some(Instant::now());
                        }
                    },
                );
            return;
        }
        _ => return,
    };
    first.reported = true;
    info!(
        "measure: first interactive frame {} ms after launch (reported on frame {} of the title{})",
        elapsed.as_millis(),
        first.frames_on_title,
        if options.capture.is_some() {
            ", seen in a screenshot"
        } else {
            ""
        }
    );
}

/// Bright pixels (text on the night sky): enough of them means the interface is drawn.
fn shows_letters(image: &Image) -> bool {
    let Some(data) = &image.data else {
        return false;
    };
    let bright = data
        .chunks_exact(4)
        .filter(|px| px[0].max(px[1]).max(px[2]) > 160)
        .count();
    bright > 500
}

fn collect_frame_times(
    mut times: ResMut<FrameTimes>,
    options: Res<GameOptions>,
    mut warm_up: Local<usize>,
) {
    if times.state != Measuring::Running {
        *warm_up = 0;
        return;
    }
    let Some(seconds) = options
        .capture
        .as_ref()
        .and_then(|c| c.measure.as_ref())
        .map(|m| m.seconds)
    else {
        times.state = Measuring::Done;
        return;
    };
    let now = Instant::now();
    *warm_up += 1;
    if *warm_up <= WARM_UP_FRAMES {
        times.last = Some(now);
        return;
    }
    if let Some(last) = times.last {
        times.samples.push(now - last);
    }
    times.last = Some(now);
    if times.since.is_none() {
        times.since = Some(now);
        times.ticks_at_start = Ticks::now();
    }
    let since = times.since.unwrap_or(now);
    if now - since >= Duration::from_secs_f32(seconds) {
        let mut line = summary(&mut times.samples);
        if let (Some(start), Some(end)) = (times.ticks_at_start, Ticks::now()) {
            line += &processor_use(start, end, times.samples.len());
        }
        info!("measure: {line}");
        times.state = Measuring::Done;
    }
}

/// "; processor X ms a frame, Y s stolen": the process's processor time per measured frame,
/// and the time the machine's hypervisor took away while measuring.
fn processor_use(start: Ticks, end: Ticks, frames: usize) -> String {
    const MS_PER_TICK: f64 = 10.0;
    let process_ms = end.process.saturating_sub(start.process) as f64 * MS_PER_TICK;
    let stolen_s = end.stolen.saturating_sub(start.stolen) as f64 * MS_PER_TICK / 1000.0;
    format!(
        "; processor {:.1} ms a frame, {:.1} s stolen",
        process_ms / frames.max(1) as f64,
        stolen_s
    )
}

/// "N frames, median X ms, p95 Y ms, p99 Z ms, worst W ms (F fps)".
fn summary(samples: &mut [Duration]) -> String {
    if samples.is_empty() {
        return "no frames".into();
    }
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    let total: Duration = samples.iter().sum();
    format!(
        "{} frames, median {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, worst {:.1} ms ({:.1} fps)",
        samples.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        ms(*samples.last().unwrap_or(&Duration::ZERO)),
        samples.len() as f64 / total.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_reads_percentiles_from_sorted_frame_times() {
        let mut samples: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let line = summary(&mut samples);
        assert!(line.starts_with("100 frames, median 51.0 ms, p95 95.0 ms, p99 99.0 ms"));
        assert!(line.contains("worst 100.0 ms"));
    }

    #[test]
    fn processor_ticks_are_read_past_a_command_name_with_spaces() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        let stat = "4242 (Compute Task) R 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20";
        assert_eq!(process_ticks(stat), Some(300));
        let machine =
            "cpu  2048598 163 188454 1293459 8790 0 917 3503 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n";
        assert_eq!(stolen_ticks(machine), Some(3503));
    }

    #[test]
    fn processor_use_is_per_frame_and_steal_in_seconds() {
        let start = Ticks {
            process: 100,
            stolen: 10,
        };
        let end = Ticks {
            process: 400,
            stolen: 60,
        };
        assert_eq!(
            processor_use(start, end, 100),
            "; processor 30.0 ms a frame, 0.5 s stolen"
        );
    }
}
