//! Work spread over the machine's cores, with the results in the order of the work: what a
//! check reports never depends on which thread finished first. In the browser (no threads),
//! the work is done in turn.

/// `f` of every item, computed on up to `jobs` threads (`None`: as many as the machine has
/// cores).
pub fn map<T: Sync, R: Send>(
    items: &[T],
    jobs: Option<usize>,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = if cfg!(target_arch = "wasm32") {
        1
    } else {
        jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    };
    let workers = workers.min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(k) else { break };
                    let result = f(item);
                    *slots[k].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item was worked on")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_the_order_of_the_work() {
        let items: Vec<u64> = (0..100).collect();
        // Uneven work, so that threads finish out of order.
        let out = super::map(&items, None, |&n| {
            (0..(n % 7) * 10_000).fold(n, |a, b| a ^ b) ^ n
        });
        let expected: Vec<u64> = items
            .iter()
            .map(|&n| (0..(n % 7) * 10_000).fold(n, |a, b| a ^ b) ^ n)
            .collect();
        assert_eq!(out, expected);
    }
}
