//! A global allocator counting live heap bytes and their high-water mark, shared by the
//! benchmark and the fuzzer (included with `#[path]`; not a binary of its own).

// mimalloc natively (the binaries' allocator, see `nianbao`); wasm32, where the test build
// compiles these binaries too, has no mimalloc.
#[cfg(not(target_arch = "wasm32"))]
use mimalloc::MiMalloc as Inner;
#[cfg(target_arch = "wasm32")]
use std::alloc::System as Inner;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

/// mimalloc, counting live bytes and their high-water mark while a
/// measurement runs (from the first `reset_peak`; off before, so that timings taken
/// before it pay nothing for the counting).
pub struct Counting;

/// Bytes allocated minus bytes freed since counting began (blocks allocated before and
/// freed since make it negative; only differences are read).
pub static LIVE: AtomicIsize = AtomicIsize::new(0);
pub static PEAK: AtomicIsize = AtomicIsize::new(0);
static ON: AtomicBool = AtomicBool::new(false);

impl Counting {
    fn grew(by: usize) {
        if ON.load(Ordering::Relaxed) {
            let now = LIVE.fetch_add(by as isize, Ordering::Relaxed) + by as isize;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
    }
    fn shrank(by: usize) {
        if ON.load(Ordering::Relaxed) {
            LIVE.fetch_sub(by as isize, Ordering::Relaxed);
        }
    }
}

/// Starts a measurement (and the counting): the peak is reset to what is live now, which
/// is returned.
pub fn reset_peak() -> isize {
    ON.store(true, Ordering::Relaxed);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    base
}

/// The peak since `reset_peak` returned `base`, above `base`.
pub fn peak_since(base: isize) -> usize {
    (PEAK.load(Ordering::Relaxed) - base).max(0) as usize
}

// SAFETY: every call is forwarded to mimalloc (the allocator of the native binaries, see `nianbao`) unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = Inner.alloc(layout);
        if !p.is_null() {
            Counting::grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = Inner.alloc_zeroed(layout);
        if !p.is_null() {
            Counting::grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Inner.dealloc(ptr, layout);
        Counting::shrank(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = Inner.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                Counting::grew(new_size - layout.size());
            } else {
                Counting::shrank(layout.size() - new_size);
            }
        }
        p
    }
}
