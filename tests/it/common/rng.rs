//! xorshift64*: a small generator, deterministic and the same on every platform, for the
//! seeded fuzz and property tests.

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A size biased to the small end, where layouts break.
    pub fn size(&mut self, max: u16) -> u16 {
        match self.below(4) {
            0 => 1 + self.below(4) as u16,
            1 => 1 + self.below(20) as u16,
            _ => 1 + self.below(max as usize) as u16,
        }
    }
}
