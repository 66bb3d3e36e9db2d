//! The one place a balance converts a quantity from one unit to another: mass scales (kg, t,
//! kt, Mt, short tons) of one and the same product as they are, and a conversion between
//! products (oxide to metal, oxide to magnets) only through the model's own sourced
//! conversions, named as derived. Anything else is refused with the reason, never guessed.

use crate::model::Model;

/// A unit read as a mass scale and a product: `t NdPr oxide/yr` is 1 t of `ndpr oxide`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Tonnes per unit.
    pub tonnes: f64,
    /// The product, lower case with single spaces; empty when the unit names none.
    pub product: String,
}

/// Mass words and their weight in tonnes, longest first so `short tons` wins over `t`.
const SCALES: [(&str, f64); 9] = [
    ("short tons", 0.907_184_74),
    ("tonnes", 1.0),
    ("tonne", 1.0),
    ("tons", 1.0),
    ("ton", 1.0),
    ("kg", 0.001),
    ("kt", 1_000.0),
    ("Mt", 1_000_000.0),
    ("t", 1.0),
];

/// Endings that say "per year": a capacity and an annual output or demand compare as is.
const PER_YEAR: [&str; 4] = ["/yr", "/year", " per year", " a year"];

impl Quantity {
    /// Reads `unit`; None when it starts with no known mass word.
    pub fn parse(unit: &str) -> Option<Quantity> {
        let mut text = unit.trim();
        for ending in PER_YEAR {
            if let Some(rest) = text.strip_suffix(ending) {
                text = rest.trim_end();
            }
        }
        let (tonnes, rest) = SCALES.iter().find_map(|&(word, tonnes)| {
            let rest = text.strip_prefix(word)?;
            (rest.is_empty() || rest.starts_with(' ')).then_some((tonnes, rest))
        })?;
        let product = rest.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(Quantity {
            tonnes,
            product: product.to_lowercase(),
        })
    }
}

/// The unit of a series whose unit (`kt`) and product (`permanent magnets`) are given apart.
pub fn with_product(unit: &str, product: &str) -> String {
    match Quantity::parse(unit) {
        Some(q) if q.product.is_empty() => format!("{} {}", unit.trim(), product.trim()),
        _ => unit.trim().to_owned(),
    }
}

/// How many `to` one `from` is, and the model's conversions it took when the products differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    pub value: f64,
    /// `t NdPr oxide → t NdPr metal × 0.85 (stoichiometric)`: the value is an equivalent.
    pub derived: Option<String>,
}

/// `unit` as tonnes of a canonical `t <product>` unit, keeping the product's case.
fn canonical(unit: &str) -> Option<(f64, String)> {
    let q = Quantity::parse(unit)?;
    let mut text = unit.trim();
    for ending in PER_YEAR {
        if let Some(rest) = text.strip_suffix(ending) {
            text = rest.trim_end();
        }
    }
    let product = text
        .split_once(' ')
        .map(|(_, rest)| rest.split_whitespace().collect::<Vec<_>>().join(" "))?;
    Some((q.tonnes, format!("t {product}")))
}

/// How many `to` one `from` is: a mass scale of one product, else a chain of the model's
/// conversions; or why neither joins the two.
pub fn factor(m: &Model, from: &str, to: &str) -> Result<Factor, String> {
    let why = match conversion(from, to) {
        Ok(value) => {
            return Ok(Factor {
                value,
                derived: None,
            });
        }
        Err(why) => why,
    };
    let (Some((from_t, from_unit)), Some((to_t, to_unit))) = (canonical(from), canonical(to))
    else {
        return Err(why);
    };
    let Some(converted) = m.convert(1.0, &from_unit, &to_unit) else {
        return Err(why);
    };
    let steps: Vec<String> = converted
        .steps
        .iter()
        .map(|&(c, backwards)| {
            let conv = &m.conversions()[c];
            let (a, b) = (&m.units()[conv.from].name, &m.units()[conv.to].name);
            let kind = conv.kind.as_str();
            if backwards {
                format!("{b} → {a} ÷ {} ({kind})", conv.factor)
            } else {
                format!("{a} → {b} × {} ({kind})", conv.factor)
            }
        })
        .collect();
    Ok(Factor {
        value: converted.value * from_t / to_t,
        derived: (!steps.is_empty()).then(|| steps.join(", then ")),
    })
}

/// How many `to` one `from` is, or why the two cannot be compared.
pub fn conversion(from: &str, to: &str) -> Result<f64, String> {
    let read =
        |unit: &str| Quantity::parse(unit).ok_or_else(|| format!("`{unit}` is not read as a mass"));
    let (a, b) = (read(from)?, read(to)?);
    if a.product.is_empty() || b.product.is_empty() {
        let bare = if a.product.is_empty() { from } else { to };
        return Err(format!("`{bare}` names no product"));
    }
    if a.product != b.product {
        return Err(format!(
            "no conversion from `{}` to `{}` in the model",
            from.trim(),
            to.trim()
        ));
    }
    Ok(a.tonnes / b.tonnes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_of_one_product_convert() {
        assert_eq!(conversion("kt NdPr oxide", "t NdPr oxide/yr"), Ok(1_000.0));
        assert_eq!(conversion("t NdFeB/yr", "t  ndfeb"), Ok(1.0));
        assert!(conversion("short tons NdPr metal/yr", "t NdPr metal").is_ok());
    }

    #[test]
    fn products_never_convert_into_each_other() {
        let e = conversion("t REO/yr", "t NdPr oxide/yr").unwrap_err();
        assert!(e.contains("no conversion"), "{e}");
        assert!(
            conversion("t/yr", "t NdPr oxide/yr")
                .unwrap_err()
                .contains("names no product")
        );
        assert!(
            conversion("USD", "t NdPr oxide")
                .unwrap_err()
                .contains("not read as a mass")
        );
    }

    #[test]
    fn a_bare_unit_takes_the_series_product() {
        assert_eq!(
            with_product("kt", "permanent magnets"),
            "kt permanent magnets"
        );
        assert_eq!(with_product("t NdFeB", "magnets"), "t NdFeB");
    }
}
