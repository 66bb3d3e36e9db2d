//! What a balance assumes beyond the model: how likely a plan is to happen, how fast a new
//! plant reaches its capacity, and how much of it runs. Each has a default with its basis, and
//! each can be changed.

use crate::model::Status;

/// The assumptions of one balance.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumptions {
    /// Weight of a planned step by the facility's current status (1 for what already happened).
    pub weights: Vec<(Status, f64)>,
    /// Share of capacity run in the start year, the year after, and so on; the last holds on.
    pub ramp: Vec<f64>,
    /// Share of a ramped capacity that runs.
    pub utilisation: f64,
}

/// Why the defaults are what they are, printed with every balance.
pub const WEIGHTS_BASIS: &str = "judgement, not a measured rate: the model holds no published share of plans that \
     came to run; the weights only order the statuses (commissioning before construction before financed before announced)";
pub const RAMP_BASIS: &str = "Lynas Malaysia was commissioned in January 2013 and reached its phase 1 design capacity \
     in 2015, the third year; MP Materials' NdPr oxide doubled from 1,294 t (2024) to 2,599 t (2025) on its way \
     to capacity (mp-fy2025-pr)";
pub const UTILISATION_BASIS: &str = "Lynas made 6,142 t NdPr in FY2023 on a 7,200 t/yr nameplate, about 85% \
     (lynas-fastmarkets-2024-06)";

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            weights: vec![
                (Status::Commissioning, 0.9),
                (Status::Construction, 0.75),
                (Status::Financed, 0.5),
                (Status::Announced, 0.25),
                (Status::Pilot, 0.25),
                (Status::Suspended, 0.25),
            ],
            ramp: vec![1.0 / 3.0, 2.0 / 3.0, 1.0],
            utilisation: 0.85,
        }
    }
}

impl Assumptions {
    /// How likely a planned step of a facility now in `status` is to happen: 1 for a plant
    /// already producing, 0 for a status not listed.
    pub fn weight(&self, status: Status) -> f64 {
        if status.is_producing() {
            return 1.0;
        }
        self.weights
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0.0, |&(_, w)| w)
    }

    /// Share of capacity run `years` after the start year (0 in the start year).
    pub fn ramp_at(&self, years: u16) -> f64 {
        match self.ramp.get(usize::from(years)).or(self.ramp.last()) {
            Some(&share) => share,
            None => 1.0,
        }
    }

    /// Why the assumptions cannot be used: a share outside 0..=1 would break the order
    /// feed-limited ≤ ramped ≤ weighted ≤ nameplate.
    pub fn problem(&self) -> Option<String> {
        let out = |v: f64| !(0.0..=1.0).contains(&v);
        if let Some((s, w)) = self.weights.iter().find(|(_, w)| out(*w)) {
            return Some(format!(
                "the weight of {} ({w}) is not between 0 and 1",
                s.as_str()
            ));
        }
        if let Some(r) = self.ramp.iter().find(|r| out(**r)) {
            return Some(format!("a ramp share ({r}) is not between 0 and 1"));
        }
        if out(self.utilisation) {
            return Some(format!(
                "utilisation ({}) is not between 0 and 1",
                self.utilisation
            ));
        }
        None
    }
}
