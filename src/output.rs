//! Printing that never panics: when standard output is closed early (`miracle-mile ... | head`),
//! the command stops quietly instead of panicking as `println!` would.

use std::fmt::Arguments;
use std::io::Write;

/// Writes to standard output; if it has gone away, exits as a piped Unix tool would.
pub fn write(args: Arguments) {
    let mut out = std::io::stdout().lock();
    if out.write_fmt(args).and_then(|()| out.flush()).is_err() {
        // 128 + SIGPIPE, what a shell reports for a tool whose reader left.
        std::process::exit(141);
    }
}

/// `print!` that never panics.
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write(format_args!($($arg)*)) };
}

/// `println!` that never panics.
macro_rules! outln {
    () => { $crate::output::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {out, outln};
