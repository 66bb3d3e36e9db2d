//! What a facility makes, written `<what> <form>`: `NdPr oxide`, `NdFeB magnets`, `other: zinc`.

/// The forms a product may take.
pub const FORMS: [&str; 12] = [
    "ore",
    "concentrate",
    "carbonate",
    "chloride",
    "oxide",
    "oxides",
    "metal",
    "alloy",
    "magnets",
    "powder",
    "scrap",
    "feedstock",
];

/// Rare earths named as a group rather than by element.
pub const GROUPS: [&str; 3] = ["RE", "LRE", "HRE"];

/// Magnet families, and whether each contains rare earths.
pub const MAGNET_FAMILIES: [(&str, bool); 3] = [("NdFeB", true), ("SmCo", true), ("FeN", false)];

/// Metals that appear beside rare earths in alloy names (`DyFe`, `NdFeB`); not rare earths.
pub const ALLOYING: [&str; 12] = [
    "Fe", "Co", "B", "Ni", "Cu", "Al", "Ga", "Zr", "Ti", "Mg", "Nb", "Si",
];

/// The prefix of a product that is not a rare earth.
pub const OTHER_PREFIX: &str = "other:";

/// A product read against the model's element symbols.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The `<what>` part: symbols, a group, a magnet family or the name after `other:`.
    pub what: &'a str,
    /// The form; none for `other:` products.
    pub form: Option<&'a str>,
    /// Symbols of the model's elements that `what` names, in the order written.
    pub elements: Vec<&'a str>,
    pub rare_earth: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductError {
    Empty,
    /// Only one word: the form or the what is missing.
    NoForm,
    UnknownForm(String),
    /// `what` is not element symbols written together (`NdPr`).
    NotSymbols(String),
    UnknownSymbol(String),
    /// Symbols that are all alloying metals: not a rare-earth product.
    NoRareEarth(String),
}

impl ProductError {
    pub fn message(&self, product: &str) -> String {
        match self {
            ProductError::Empty => "a product must not be empty".into(),
            ProductError::NoForm => format!(
                "product `{product}` needs `<what> <form>`, like `NdPr oxide` (forms: {})",
                FORMS.join(", ")
            ),
            ProductError::UnknownForm(form) => format!(
                "unknown form `{form}` in product `{product}` (forms: {})",
                FORMS.join(", ")
            ),
            ProductError::NotSymbols(what) => format!(
                "`{what}` in product `{product}` is not element symbols written together (like `NdPr`), \
                 a group (RE, LRE, HRE) or a magnet family (NdFeB, SmCo, FeN); other materials are written `other: <name>`"
            ),
            ProductError::UnknownSymbol(symbol) => {
                format!("unknown element `{symbol}` in product `{product}`")
            }
            ProductError::NoRareEarth(what) => format!(
                "`{what}` in product `{product}` names no rare earth; write it as `other: <name>`"
            ),
        }
    }

    /// The word a "did you mean" should be found for, and whether it is a form (else a what).
    pub fn misspelt(&self) -> Option<(&str, bool)> {
        match self {
            ProductError::UnknownForm(form) => Some((form, true)),
            ProductError::NotSymbols(what) | ProductError::UnknownSymbol(what) => {
                Some((what, false))
            }
            _ => None,
        }
    }
}

/// Reads a product; `elements` are the model's element symbols (all rare earths).
pub fn parse<'a>(text: &'a str, elements: &[&str]) -> Result<Parsed<'a>, ProductError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ProductError::Empty);
    }
    if let Some(name) = text.strip_prefix(OTHER_PREFIX) {
        let name = name.trim();
        if name.is_empty() {
            return Err(ProductError::Empty);
        }
        return Ok(Parsed {
            what: name,
            form: None,
            elements: Vec::new(),
            rare_earth: false,
        });
    }
    let Some((what, form)) = text.rsplit_once(' ') else {
        return Err(ProductError::NoForm);
    };
    let what = what.trim_end();
    if !FORMS.contains(&form) {
        return Err(ProductError::UnknownForm(form.to_owned()));
    }
    if GROUPS.contains(&what) {
        return Ok(Parsed {
            what,
            form: Some(form),
            elements: Vec::new(),
            rare_earth: true,
        });
    }
    let symbols = split_symbols(what).ok_or_else(|| ProductError::NotSymbols(what.to_owned()))?;
    let family = MAGNET_FAMILIES.iter().find(|(name, _)| *name == what);
    let named: Vec<&str> = symbols
        .iter()
        .copied()
        .filter(|s| elements.contains(s))
        .collect();
    if family.is_none() {
        if let Some(unknown) = symbols
            .iter()
            .find(|s| !elements.contains(s) && !ALLOYING.contains(s))
        {
            return Err(ProductError::UnknownSymbol((*unknown).to_owned()));
        }
        if named.is_empty() {
            return Err(ProductError::NoRareEarth(what.to_owned()));
        }
    }
    Ok(Parsed {
        what,
        form: Some(form),
        rare_earth: family.is_none_or(|(_, rare_earth)| *rare_earth),
        elements: if family.is_some_and(|(_, rare_earth)| !rare_earth) {
            Vec::new()
        } else {
            named
        },
    })
}

/// `NdPr` -> `[Nd, Pr]`; None unless the text is symbols (a capital, then at most one small letter).
fn split_symbols(what: &str) -> Option<Vec<&str>> {
    let bytes = what.as_bytes();
    let mut symbols = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_uppercase() {
            return None;
        }
        let len = if bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase) {
            2
        } else {
            1
        };
        symbols.push(&what[i..i + len]);
        i += len;
    }
    (!symbols.is_empty()).then_some(symbols)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ELEMENTS: [&str; 5] = ["Nd", "Pr", "Dy", "Tb", "Sm"];

    #[test]
    fn reads_the_grammar() {
        let p = parse("NdPr oxide", &ELEMENTS).unwrap();
        assert_eq!(
            (p.what, p.form, p.rare_earth),
            ("NdPr", Some("oxide"), true)
        );
        assert_eq!(p.elements, ["Nd", "Pr"]);
        assert_eq!(parse("DyFe alloy", &ELEMENTS).unwrap().elements, ["Dy"]);
        assert_eq!(parse("NdFeB magnets", &ELEMENTS).unwrap().elements, ["Nd"]);
        assert!(parse("RE carbonate", &ELEMENTS).unwrap().rare_earth);
        let fen = parse("FeN magnets", &ELEMENTS).unwrap();
        assert!(!fen.rare_earth && fen.elements.is_empty());
        let zinc = parse("other: zinc", &ELEMENTS).unwrap();
        assert_eq!(
            (zinc.what, zinc.form, zinc.rare_earth),
            ("zinc", None, false)
        );
    }

    #[test]
    fn refuses_what_is_not_a_product() {
        assert_eq!(
            parse("Dz oxide", &ELEMENTS),
            Err(ProductError::UnknownSymbol("Dz".into()))
        );
        assert_eq!(
            parse("Nd oxyde", &ELEMENTS),
            Err(ProductError::UnknownForm("oxyde".into()))
        );
        assert_eq!(parse("magnets", &ELEMENTS), Err(ProductError::NoForm));
        assert_eq!(
            parse("Fe metal", &ELEMENTS),
            Err(ProductError::NoRareEarth("Fe".into()))
        );
        assert_eq!(
            parse("mixed RE carbonate", &ELEMENTS),
            Err(ProductError::NotSymbols("mixed RE".into()))
        );
        assert_eq!(parse("other: ", &ELEMENTS), Err(ProductError::Empty));
    }
}
