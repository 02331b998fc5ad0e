//! The integration tests: one binary, one module per area.

mod placeholder {}

mod cli;
mod contexts;
mod eval;
mod fuzz;
mod gold;
mod json;
mod peers;
mod props;
