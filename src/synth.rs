//! Synthetic reports for tests and benchmarks. (Built with the property test.)
