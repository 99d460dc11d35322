//! One small deterministic generator (xorshift) for the tests that throw
//! random input at the readers: the same cases on every run, so a failure
//! found once is found again. (Test support, shared by the core's and the
//! command's tests; nothing else calls it.)

pub struct Rng(u64);

impl Rng {
    /// A seed of zero would give zeros forever, so it is replaced.
    pub fn new(seed: u64) -> Self {
        Rng(if seed == 0 { 0x9e37_79b9_7f4a_7c15 } else { seed })
    }

    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (zero when `n` is zero).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}
