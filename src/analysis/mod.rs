//! Questions asked of the model: how concentrated each stage is, what is left when countries
//! are excluded, which ore-to-magnet routes remain, and what changed between two versions.

pub mod balance;
pub mod capacity;
pub mod concentration;
pub mod diff;
pub mod exclusion;
pub mod history;
pub mod ownership;
pub mod plants;
pub mod resilience;
pub mod routes;
pub mod whatif;
