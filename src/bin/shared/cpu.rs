//! CPU time of the calling thread, for measurements on a shared machine: wall time counts
//! the time other processes hold the core, CPU time only ours. Falls back to wall time
//! where the thread clock is not available. Included with `#[path]` by the benchmark and
//! the fuzzer.

use std::time::{Duration, Instant};

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod clock {
    use std::time::Duration;

    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }

    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }

    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

    pub fn thread_cpu() -> Option<Duration> {
        let mut t = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid, writable timespec of the C layout on this target.
        let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
        (rc == 0).then(|| Duration::new(t.tv_sec as u64, t.tv_nsec as u32))
    }
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
mod clock {
    pub fn thread_cpu() -> Option<std::time::Duration> {
        None
    }
}

/// A stopwatch of the thread's CPU time (wall time where that is not available).
pub struct Stopwatch {
    cpu: Option<Duration>,
    wall: Instant,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch {
            cpu: clock::thread_cpu(),
            wall: Instant::now(),
        }
    }

    pub fn elapsed(&self) -> Duration {
        match (self.cpu, clock::thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => self.wall.elapsed(),
        }
    }
}

/// What the stopwatch measures, for the printed headers.
pub fn what() -> &'static str {
    if clock::thread_cpu().is_some() {
        "thread CPU time"
    } else {
        "wall time"
    }
}
