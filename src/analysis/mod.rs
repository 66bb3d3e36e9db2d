//! Questions asked of the model: how concentrated each stage is, what is left when countries
//! are excluded, and which ore-to-magnet routes remain.

pub mod capacity;
pub mod concentration;
pub mod exclusion;
pub mod ownership;
pub mod plants;
pub mod routes;
