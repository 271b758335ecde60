//! Two independent pieces of work at once: the two directions of the
//! sentence ranking (left to right, right to left) and their passage
//! context share no mutable state, so on a machine with a second core the
//! second runs on a scoped thread while the first runs here. The results
//! are the same as one after the other, to the bit: each piece is the
//! same sequential code.

/// Runs `here` on this thread and `there` on a scoped thread (or after
/// `here` when only one core is available); returns both results.
/// `here` may report progress to a non-`Send` callback; `there` cannot.
pub(crate) fn both<A, B>(here: impl FnOnce() -> A, there: impl FnOnce() -> B + Send) -> (A, B)
where
    B: Send,
{
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 {
        let a = here();
        return (a, there());
    }
    std::thread::scope(|s| {
        let worker = s.spawn(there);
        let a = here();
        // A panic in the worker is a bug in the engine; it goes on
        // unwinding here, as it would have without the thread.
        let b = worker
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_in_order() {
        let mut seen = Vec::new();
        let (a, b) = both(
            || {
                seen.push("here");
                1
            },
            || "there",
        );
        assert_eq!((a, b), (1, "there"));
        assert_eq!(seen, ["here"]);
    }

    #[test]
    #[should_panic(expected = "worker failed")]
    fn a_panic_in_the_worker_reaches_the_caller() {
        let _ = both(|| 1, || -> u8 { panic!("worker failed") });
    }
}
