//! The debrief's principle chart as an SVG for the printed note: one bar per principle from
//! zero to its total, drawn over the range any path through the scenario reaches, with zero
//! marked and the total and range written beside it, so nothing rests on colour alone.

use std::fmt::Write;

use super::note::escape;
use crate::record::PrincipleTotal;

const WIDTH: i64 = 640;
/// Where the bars' scale starts and ends, leaving room for the numbers on the right.
const LEFT: i64 = 8;
const RIGHT: i64 = 440;
const ROW: i64 = 46;

/// An SVG chart of the principle totals; empty text when there are none.
pub fn principles_svg(totals: &[PrincipleTotal]) -> String {
    if totals.is_empty() {
        return String::new();
    }
    let height = ROW * totals.len() as i64 + 8;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"principles\" role=\"img\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" aria-labelledby=\"principles-title\">\
         <title id=\"principles-title\">Principle totals: each bar runs from zero to the total, \
         over the range of totals the scenario allows</title>"
    );
    for (row, total) in totals.iter().enumerate() {
        let top = ROW * row as i64 + 4;
        let (lo, hi) = (
            total.min.min(0).min(total.total),
            total.max.max(0).max(total.total),
        );
        let span = (hi - lo).max(1);
        let x = |value: i64| LEFT + (value - lo) * (RIGHT - LEFT) / span;
        let (zero, at) = (x(0), x(total.total));
        let bar_y = top + 18;
        let words = format!(
            "{} (range {} to {})",
            signed(total.total),
            signed(total.min),
            signed(total.max)
        );
        let _ = write!(
            out,
            "<g class=\"principle\"><title>{}: {}</title>\
             <text x=\"{LEFT}\" y=\"{}\" class=\"label\">{}</text>\
             <rect class=\"range\" x=\"{}\" y=\"{bar_y}\" width=\"{}\" height=\"16\"/>\
             <rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\"/>\
             <line class=\"zero\" x1=\"{zero}\" x2=\"{zero}\" y1=\"{}\" y2=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" class=\"value\">{}</text></g>",
            escape(&total.title),
            escape(&words),
            top + 12,
            escape(&total.title),
            x(total.min),
            x(total.max) - x(total.min),
            if total.total < 0 { "below" } else { "above" },
            zero.min(at),
            bar_y + 3,
            (at - zero).abs(),
            bar_y - 3,
            bar_y + 19,
            RIGHT + 12,
            bar_y + 12,
            escape(&words),
        );
    }
    out.push_str("</svg>");
    out
}

/// A number with its sign, and a true minus sign for negatives: `+3`, `0`, `−2`.
pub fn signed(value: i64) -> String {
    match value {
        0 => "0".to_owned(),
        v if v > 0 => format!("+{v}"),
        v => format!("\u{2212}{}", v.unsigned_abs()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(total: i64, min: i64, max: i64) -> PrincipleTotal {
        PrincipleTotal {
            principle: format!("p{total}"),
            title: format!("Principle {total}"),
            total,
            min,
            max,
        }
    }

    #[test]
    fn a_bar_per_principle_from_zero_with_its_number() {
        let svg = principles_svg(&[total(-2, -4, 3), total(3, 0, 3)]);
        assert_eq!(svg.matches("class=\"bar ").count(), 2);
        assert_eq!(svg.matches("class=\"zero\"").count(), 2);
        assert!(svg.contains("\u{2212}2 (range \u{2212}4 to +3)"), "{svg}");
        // -2 on a scale of -4..3: zero at 8 + 4*432/7 = 254, the total at 8 + 2*432/7 = 131.
        assert!(svg.contains("class=\"bar below\" x=\"131\""), "{svg}");
        assert!(svg.contains("width=\"123\" height=\"10\""), "{svg}");
    }

    #[test]
    fn no_principles_no_chart() {
        assert_eq!(principles_svg(&[]), "");
    }
}
