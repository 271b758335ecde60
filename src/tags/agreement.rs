//! Agreement between coders who judged the same units: percent agreement,
//! Cohen's kappa (two coders), Krippendorff's alpha for nominal data (any
//! number of coders, missing values allowed) and the confusion matrix. Pure
//! arithmetic over category values of any ordered type; counts are kept as
//! integers so the only rounding is the final division.
//!
//! Formulas as Krippendorff states them ("Computing Krippendorff's
//! Alpha-Reliability", 2011) and Cohen (1960); the unit tests include the
//! worked example of Wikipedia's article (nominal alpha = 0.691).

use std::collections::BTreeMap;
use std::fmt;

/// Why a coefficient has no value for some data. Never shown as NaN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// No unit was judged by the coders compared.
    NoUnits,
    /// No unit carries two or more values, so no values can be paired.
    NoPairableUnits,
    /// Every pairable value is the same category: agreement beyond chance
    /// cannot be told from chance.
    OneCategory,
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Undefined::NoUnits => "undefined: nothing was judged by both",
            Undefined::NoPairableUnits => "undefined: no unit has two judgements",
            Undefined::OneCategory => {
                "undefined: every judgement is the same stance, so agreement cannot be told from chance"
            }
        })
    }
}

/// Krippendorff's alpha for nominal data. `data` holds one row per coder,
/// one column per unit (rows may differ in length; missing columns are
/// missing values), `None` where the coder gave the unit no value. Units
/// with fewer than two values are not pairable and count for nothing.
///
/// With the coincidences `o_ck` (value pairs within units, each unit
/// weighted `1 / (m_u - 1)`), their marginals `n_c` and total `n`:
/// `alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k`.
pub fn krippendorff_alpha_nominal<C: Ord>(data: &[Vec<Option<C>>]) -> Result<f64, Undefined> {
    let units = data.iter().map(Vec::len).max().unwrap_or(0);
    // Observed disagreement: sum over units of the ordered pairs of
    // different values, divided by m_u - 1.
    let mut observed = 0.0;
    let mut totals: BTreeMap<&C, u64> = BTreeMap::new();
    for u in 0..units {
        let mut counts: BTreeMap<&C, u64> = BTreeMap::new();
        for row in data {
            if let Some(Some(v)) = row.get(u) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let m: u64 = counts.values().sum();
        if m < 2 {
            continue;
        }
        let same: u64 = counts.values().map(|n| n * n).sum();
        observed += (m * m - same) as f64 / (m - 1) as f64;
        for (v, n) in counts {
            *totals.entry(v).or_default() += n;
        }
    }
    let n: u64 = totals.values().sum();
    if n == 0 {
        return Err(Undefined::NoPairableUnits);
    }
    let expected = n * n - totals.values().map(|c| c * c).sum::<u64>();
    if expected == 0 {
        return Err(Undefined::OneCategory);
    }
    Ok(1.0 - (n - 1) as f64 * observed / expected as f64)
}

/// Cohen's kappa for two coders over units both judged: `(p_o - p_e) /
/// (1 - p_e)`, with `p_o` the share of units on which they agree and `p_e`
/// the agreement expected from each coder's own distribution of values.
pub fn cohen_kappa<C: Ord>(pairs: &[(C, C)]) -> Result<f64, Undefined> {
    let n = pairs.len() as u64;
    if n == 0 {
        return Err(Undefined::NoUnits);
    }
    let agreed = pairs.iter().filter(|(a, b)| a == b).count() as u64;
    let mut rows: BTreeMap<&C, u64> = BTreeMap::new();
    let mut cols: BTreeMap<&C, u64> = BTreeMap::new();
    for (a, b) in pairs {
        *rows.entry(a).or_default() += 1;
        *cols.entry(b).or_default() += 1;
    }
    // n^2 * p_e, as an integer.
    let chance: u64 = rows
        .iter()
        .map(|(c, r)| r * cols.get(c).copied().unwrap_or(0))
        .sum();
    if chance == n * n {
        return Err(Undefined::OneCategory);
    }
    // (p_o - p_e) / (1 - p_e), both scaled by n^2.
    Ok(((n * agreed) as f64 - chance as f64) / (n * n - chance) as f64)
}

/// The share of units (0 to 1) on which both coders gave the same value.
pub fn percent_agreement<C: Ord>(pairs: &[(C, C)]) -> Result<f64, Undefined> {
    if pairs.is_empty() {
        return Err(Undefined::NoUnits);
    }
    let agreed = pairs.iter().filter(|(a, b)| a == b).count();
    Ok(agreed as f64 / pairs.len() as f64)
}

/// Counts of units by the first coder's value (rows) and the second's
/// (columns), over the categories given (in that order).
pub fn confusion<C: Ord>(categories: &[C], pairs: &[(C, C)]) -> Vec<Vec<usize>> {
    let index: BTreeMap<&C, usize> = categories.iter().enumerate().map(|(i, c)| (c, i)).collect();
    let mut m = vec![vec![0; categories.len()]; categories.len()];
    for (a, b) in pairs {
        if let (Some(&i), Some(&j)) = (index.get(a), index.get(b)) {
            m[i][j] += 1;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wikipedia's worked example ("Krippendorff's alpha", A computational
    /// example): three coders, fifteen units, values 1 to 4.
    fn wikipedia() -> Vec<Vec<Option<u8>>> {
        let row = |s: &str| {
            s.split_whitespace()
                .map(|v| v.parse().ok())
                .collect::<Vec<_>>()
        };
        vec![
            row("* * * * * 3 4 1 2 1 1 3 3 * 3"),
            row("1 * 2 1 3 3 4 3 * * * * * * *"),
            row("* * 2 1 3 4 4 * 2 1 1 3 3 * 4"),
        ]
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn wikipedias_worked_example_gives_0_691() {
        let alpha = krippendorff_alpha_nominal(&wikipedia()).unwrap();
        // 1 - 9 / 28.8, as the article works it out (confirmed with the
        // krippendorff package 0.9.0: 0.691358024691358).
        assert!(close(alpha, 0.691358024691358), "{alpha}");
        assert_eq!(format!("{alpha:.3}"), "0.691");
    }

    #[test]
    fn alpha_is_one_for_perfect_agreement_and_ignores_lone_values() {
        let data = vec![
            vec![Some('a'), Some('b'), Some('c'), None],
            vec![Some('a'), Some('b'), Some('c'), Some('z')],
            vec![None, Some('b'), None, None],
        ];
        assert_eq!(krippendorff_alpha_nominal(&data), Ok(1.0));
    }

    #[test]
    fn alpha_for_two_coders_without_missing_values() {
        // 2 coders, 4 units: a a / a b / b b / b b.
        // n = 8, n_a = 3, n_b = 5, o_ab = o_ba = 1: alpha = 1 - 7 * 2 / 30.
        let data = vec![
            vec![Some(0), Some(0), Some(1), Some(1)],
            vec![Some(0), Some(1), Some(1), Some(1)],
        ];
        let alpha = krippendorff_alpha_nominal(&data).unwrap();
        assert!(close(alpha, 1.0 - 14.0 / 30.0), "{alpha}");
    }

    #[test]
    fn degenerate_data_is_undefined_never_nan() {
        let none: Vec<Vec<Option<u8>>> = vec![];
        assert_eq!(
            krippendorff_alpha_nominal(&none),
            Err(Undefined::NoPairableUnits)
        );
        let lone = vec![vec![Some(1), None], vec![None, Some(2)]];
        assert_eq!(
            krippendorff_alpha_nominal(&lone),
            Err(Undefined::NoPairableUnits)
        );
        let same = vec![
            vec![Some(1), Some(1), Some(2)],
            vec![Some(1), Some(1), None],
        ];
        assert_eq!(
            krippendorff_alpha_nominal(&same),
            Err(Undefined::OneCategory)
        );
        assert_eq!(cohen_kappa::<u8>(&[]), Err(Undefined::NoUnits));
        assert_eq!(cohen_kappa(&[(1, 1), (1, 1)]), Err(Undefined::OneCategory));
        assert_eq!(percent_agreement::<u8>(&[]), Err(Undefined::NoUnits));
        assert!(Undefined::OneCategory.to_string().starts_with("undefined"));
    }

    #[test]
    fn kappa_matches_a_hand_computed_table() {
        // 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
        // p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4.
        let mut pairs = Vec::new();
        for (a, b, n) in [
            ("y", "y", 20),
            ("y", "n", 5),
            ("n", "y", 10),
            ("n", "n", 15),
        ] {
            pairs.extend(std::iter::repeat_n((a, b), n));
        }
        let kappa = cohen_kappa(&pairs).unwrap();
        assert!(close(kappa, 0.4), "{kappa}");
        assert!(close(percent_agreement(&pairs).unwrap(), 0.7));
        assert_eq!(
            confusion(&["y", "n"], &pairs),
            vec![vec![20, 5], vec![10, 15]]
        );
    }

    #[test]
    fn kappa_can_be_negative_and_total_disagreement_is_defined() {
        let kappa = cohen_kappa(&[(0, 1), (1, 0)]).unwrap();
        assert!(close(kappa, -1.0), "{kappa}");
        // One coder always says 0, the other always 1: p_o = 0, p_e = 0.
        assert_eq!(cohen_kappa(&[(0, 1), (0, 1)]), Ok(0.0));
    }

    #[test]
    fn categories_outside_the_list_are_not_counted() {
        assert_eq!(confusion(&[1], &[(1, 1), (1, 2), (3, 3)]), vec![vec![1]]);
    }
}
