//! Synthetic registers for benchmarks and scale tests.
