//! The generator's own random numbers: splitmix64, so that a scenario depends on its seed
//! alone (no new crate, and no change when a dependency's generator changes its stream).

pub struct Rng(u64);

impl Rng {
    /// A stream for `seed`. The seed is mixed once so that neighbouring seeds (0, 1, 2...)
    /// start far apart in the sequence.
    pub fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed ^ 0x6d69_7261_636c_6521);
        rng.next_u64();
        rng
    }

    /// splitmix64 (Steele, Lea and Flood): one add and a 64-bit finaliser per number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`. The modulo bias is far below anything a test could notice.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        assert!(lo <= hi, "empty range {lo}..={hi}");
        lo + (self.next_u64() % (u64::from(hi - lo) + 1)) as u32
    }

    /// An index below `n` (which must not be 0).
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "nothing to choose from");
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// An index below `n` other than `not`, drawn again until it differs (`n` must be 2 or
    /// more).
    pub fn below_except(&mut self, n: usize, not: usize) -> usize {
        loop {
            let i = self.below(n);
            if i != not {
                return i;
            }
        }
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}
