//! Units and the factors between them: the one place a quantity in one unit becomes an
//! equivalent in another. A conversion is used only where a view asks for an equivalent, and
//! what it gives says it is derived and from which factors.

use super::{ConversionKind, Model};

/// A factor between two of the model's units: `to = from × factor`.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// Unit indices.
    pub from: usize,
    pub to: usize,
    pub factor: f64,
    pub kind: ConversionKind,
    pub source: Option<super::SourceId>,
    pub note: Option<String>,
}

/// A value in another unit, and the conversions (by index, in the order applied; the bool
/// is true where one was applied backwards, dividing) that made it.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub value: f64,
    /// The unit asked for, as written there.
    pub unit: String,
    pub steps: Vec<(usize, bool)>,
}

impl Converted {
    /// Whether any factor was applied: the value is then an equivalent, not a figure.
    pub fn is_derived(&self) -> bool {
        !self.steps.is_empty()
    }
}

/// The unit without a trailing `/yr`, and whether it had one.
pub fn per_year(unit: &str) -> (&str, bool) {
    let unit = unit.trim();
    match unit.strip_suffix("/yr") {
        Some(base) => (base.trim_end(), true),
        None => (unit, false),
    }
}

/// Most conversions chained to reach a unit: longer chains compound their uncertainty.
const MAX_STEPS: usize = 4;

impl Model {
    /// The index of a canonical unit, with or without `/yr`.
    pub fn unit(&self, name: &str) -> Option<usize> {
        let (base, _) = per_year(name);
        self.units.iter().position(|u| u.name == base)
    }

    /// `value` in `from` as an equivalent in `to`, chaining the model's conversions (each
    /// usable both ways) along the shortest path. Both units per year or neither; None when
    /// either is not a unit of the model or no chain of conversions joins them.
    pub fn convert(&self, value: f64, from: &str, to: &str) -> Option<Converted> {
        let ((from_base, from_yearly), (_, to_yearly)) = (per_year(from), per_year(to));
        if from_yearly != to_yearly {
            return None;
        }
        let (start, goal) = (self.unit(from_base)?, self.unit(to)?);
        let path = self.conversion_path(start, goal)?;
        let mut value = value;
        for &(c, backwards) in &path {
            let factor = self.conversions[c].factor;
            value = if backwards {
                value / factor
            } else {
                value * factor
            };
        }
        Some(Converted {
            value,
            unit: to.trim().to_owned(),
            steps: path,
        })
    }

    /// The fewest conversions from unit `start` to unit `goal` (breadth first, in file order).
    fn conversion_path(&self, start: usize, goal: usize) -> Option<Vec<(usize, bool)>> {
        if start == goal {
            return Some(Vec::new());
        }
        // For each unit reached: the conversion and direction that reached it.
        let mut came: Vec<Option<(usize, bool, usize)>> = vec![None; self.units.len()];
        let mut frontier = vec![start];
        for _ in 0..MAX_STEPS {
            let mut next = Vec::new();
            for &at in &frontier {
                for (c, conv) in self.conversions.iter().enumerate() {
                    let (there, backwards) = if conv.from == at {
                        (conv.to, false)
                    } else if conv.to == at {
                        (conv.from, true)
                    } else {
                        continue;
                    };
                    if there == start || came[there].is_some() {
                        continue;
                    }
                    came[there] = Some((c, backwards, at));
                    if there == goal {
                        let mut path = Vec::new();
                        let mut unit = goal;
                        while let Some((c, backwards, before)) = came[unit] {
                            path.push((c, backwards));
                            unit = before;
                        }
                        path.reverse();
                        return Some(path);
                    }
                    next.push(there);
                }
            }
            frontier = next;
        }
        None
    }
}
