//! Work shared among the cores: independent items cut into consecutive
//! chunks, one thread per chunk.

/// Calls `work` on consecutive chunks of `items`, at most one chunk per
/// core (up to 8) and at least `min_chunk` items each, and returns the
/// results in the items' order. A single chunk runs on the calling thread.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    min_chunk: usize,
    work: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = items.len().div_ceil(workers).max(min_chunk).max(1);
    if items.len() <= chunk {
        return vec![work(items)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let sums = map_chunks(&items, 16, |part| part.to_vec());
        assert_eq!(sums.concat(), items);
        assert_eq!(map_chunks(&items[..3], 16, <[u32]>::len), [3]);
        assert_eq!(map_chunks(&[] as &[u32], 16, <[u32]>::len), [0]);
    }
}
