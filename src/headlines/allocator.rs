//! The headlines wasm's memory allocator: blocks in power-of-two size
//! classes, each class with a list of its free blocks, carved from memory
//! the module grows. Std's allocator (dlmalloc) would be about 5 KB of this
//! wasm's gzip. A list's work (a feed's buffer, its items' short strings,
//! dropped as they are read) is served in constant time, at the price of up
//! to twice the memory a block asks for, and of free blocks kept for their
//! own class. (The app keeps std's allocator.)

use std::alloc::Layout;
use std::ptr::null_mut;

/// Memory comes in pages of 64 KiB (WebAssembly's), and blocks are aligned
/// to their size up to a page.
const PAGE: usize = 64 * 1024;
/// The smallest block: 16 bytes (room for a free block's link).
const MIN_BITS: u32 = 4;
const CLASSES: usize = (usize::BITS - MIN_BITS) as usize;
/// Memory grows by at least this much at a time.
const MIN_GROW: usize = 16 * PAGE;

/// Where the heap's memory comes from.
pub trait Source {
    /// `bytes` (a multiple of [`PAGE`]) of new memory: its start, page-aligned.
    fn grow(&mut self, bytes: usize) -> Option<usize>;
}

pub struct Heap<S> {
    source: S,
    /// Each class's first free block (0: none); a free block's first word is the next.
    free: [usize; CLASSES],
    /// The memory not handed out yet: `next..end`.
    next: usize,
    end: usize,
}

/// The size class of `layout`: its size and alignment, rounded up to a power of two.
fn class(layout: Layout) -> Option<usize> {
    if layout.align() > PAGE {
        return None;
    }
    let size = layout.size().max(layout.align()).max(1 << MIN_BITS).checked_next_power_of_two()?;
    Some((size.trailing_zeros() - MIN_BITS) as usize)
}

impl<S: Source> Heap<S> {
    pub const fn new(source: S) -> Self {
        Heap { source, free: [0; CLASSES], next: 0, end: 0 }
    }

    /// # Safety
    /// As `GlobalAlloc::alloc`.
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else { return null_mut() };
        let head = self.free[c];
        if head != 0 {
            self.free[c] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        let size = 1usize << (c as u32 + MIN_BITS);
        let align = size.min(PAGE);
        let mut at = self.next.next_multiple_of(align);
        if at.checked_add(size).is_none_or(|end| end > self.end) {
            let Some(more) = size.checked_add(align).and_then(|n| n.max(MIN_GROW).checked_next_multiple_of(PAGE)) else { return null_mut() };
            let Some(start) = self.source.grow(more) else { return null_mut() };
            // New memory follows the old (one linear memory); anything else starts afresh.
            if start != self.end {
                self.next = start;
            }
            self.end = start + more;
            at = self.next.next_multiple_of(align);
        }
        self.next = at + size;
        at as *mut u8
    }

    /// # Safety
    /// As `GlobalAlloc::dealloc`.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else { return };
        unsafe { *(ptr as *mut usize) = self.free[c] };
        self.free[c] = ptr as usize;
    }

    /// # Safety
    /// As `GlobalAlloc::realloc`.
    pub unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return null_mut() };
        // The block has room already.
        if class(new_layout) == class(layout) {
            return ptr;
        }
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

/// The allocator of the headlines wasm, on its linear memory.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::alloc::{GlobalAlloc, Layout};
    use std::cell::UnsafeCell;

    use super::{Heap, Source, PAGE};

    pub struct Memory;

    impl Source for Memory {
        fn grow(&mut self, bytes: usize) -> Option<usize> {
            let pages = core::arch::wasm32::memory_grow(0, bytes / PAGE);
            (pages != usize::MAX).then(|| pages * PAGE)
        }
    }

    pub struct Allocator(UnsafeCell<Heap<Memory>>);

    // One thread: WebAssembly without threads.
    unsafe impl Sync for Allocator {}

    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            unsafe { (*self.0.get()).alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { (*self.0.get()).dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            unsafe { (*self.0.get()).realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap::new(Memory)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages from one large buffer, as a linear memory grows.
    struct Arena {
        memory: Vec<u8>,
        used: usize,
        grown: usize,
    }

    impl Source for Arena {
        fn grow(&mut self, bytes: usize) -> Option<usize> {
            let base = (self.memory.as_ptr() as usize).next_multiple_of(PAGE);
            let start = base + self.used;
            (start + bytes <= self.memory.as_ptr() as usize + self.memory.len()).then(|| {
                self.used += bytes;
                self.grown += 1;
                start
            })
        }
    }

    fn heap(mib: usize) -> Heap<Arena> {
        Heap::new(Arena { memory: vec![0; mib << 20], used: 0, grown: 0 })
    }

    #[test]
    fn blocks_of_every_size_are_aligned_apart_and_reused() {
        let mut h = heap(64);
        let mut blocks = Vec::new();
        for (size, align) in [(1, 1), (16, 8), (17, 4), (100, 16), (4096, 4096), (70_000, 8), (3 << 20, 8), (24, 64)] {
            let layout = Layout::from_size_align(size, align).unwrap();
            let p = unsafe { h.alloc(layout) };
            assert!(!p.is_null() && p as usize % align == 0, "{size} {align}");
            blocks.push((p, layout));
        }
        let mut spans: Vec<(usize, usize)> = blocks.iter().map(|&(p, l)| (p as usize, p as usize + l.size())).collect();
        spans.sort();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "overlapping blocks");
        // A freed block is the next one of its class.
        let (p, layout) = blocks[3];
        unsafe { h.dealloc(p, layout) };
        assert_eq!(unsafe { h.alloc(Layout::from_size_align(128, 16).unwrap()) }, p);
        assert!(unsafe { h.alloc(Layout::from_size_align(8, 1 << 20).unwrap()) }.is_null(), "beyond a page's alignment");
    }

    /// Random allocations, growths and frees keep every block's bytes its own.
    #[test]
    fn random_use_keeps_every_block_intact() {
        let mut h = heap(256);
        let mut seed = 19u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        for round in 0..20_000u32 {
            let fill = round as u8;
            match next() % 4 {
                0 | 1 => {
                    let size = match next() % 10 {
                        0 => (next() % 300_000) as usize + 1,
                        _ => (next() % 200) as usize + 1,
                    };
                    let layout = Layout::from_size_align(size, 1 << (next() % 4)).unwrap();
                    let p = unsafe { h.alloc(layout) };
                    assert!(!p.is_null());
                    unsafe { std::ptr::write_bytes(p, fill, size) };
                    live.push((p, layout, fill));
                }
                2 if !live.is_empty() => {
                    let (p, layout, fill) = live.swap_remove((next() % live.len() as u64) as usize);
                    assert!(unsafe { std::slice::from_raw_parts(p, layout.size()) }.iter().all(|&b| b == fill), "round {round}");
                    unsafe { h.dealloc(p, layout) };
                }
                _ if !live.is_empty() => {
                    let at = (next() % live.len() as u64) as usize;
                    let (p, layout, fill) = live[at];
                    let size = (next() % 5000) as usize + 1;
                    let q = unsafe { h.realloc(p, layout, size) };
                    assert!(!q.is_null());
                    let kept = layout.size().min(size);
                    assert!(unsafe { std::slice::from_raw_parts(q, kept) }.iter().all(|&b| b == fill), "round {round}");
                    unsafe { std::ptr::write_bytes(q, fill, size) };
                    live[at] = (q, Layout::from_size_align(size, layout.align()).unwrap(), fill);
                }
                _ => {}
            }
        }
        for (p, layout, fill) in live {
            assert!(unsafe { std::slice::from_raw_parts(p, layout.size()) }.iter().all(|&b| b == fill));
        }
        assert!(h.source.grown < 200, "memory grew {} times", h.source.grown);
    }
}
