//! "Did you mean ...?" for misspelt ids.

/// Ids longer than this get no suggestion: real ids are short, and the work grows with the
/// square of the length.
const MAX_CHARS: usize = 64;

/// Candidate comparisons one lookup may make when no budget is shared.
pub const LOOKUP_BUDGET: usize = 2_000;

/// The closest candidate within a small edit distance, for a help line.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_within(word, candidates, &mut LOOKUP_BUDGET.clone())
}

/// `closest`, spending at most `budget` comparisons (and taking them from it), so that a file
/// with thousands of unknown ids among thousands of candidates stays fast.
pub fn closest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<&'a str> {
    let length = word.chars().take(MAX_CHARS + 1).count();
    if length > MAX_CHARS {
        return None;
    }
    let limit = (length / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let Some(distance) = distance_within((word, length), candidate, limit) else {
            continue;
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// A help line naming the closest candidate, if there is one.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|found| format!("did you mean `{found}`?"))
}

/// `did_you_mean` within a shared budget of comparisons.
pub fn did_you_mean_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<String> {
    closest_within(word, candidates, budget).map(|found| format!("did you mean `{found}`?"))
}

/// The edit distance between `word` and `candidate` if it is at most `limit`. Candidates whose
/// length alone puts them further away, or longer than any id worth suggesting, cost nothing.
fn distance_within(
    (word, word_length): (&str, usize),
    candidate: &str,
    limit: usize,
) -> Option<usize> {
    let length = candidate.chars().take(MAX_CHARS + 1).count();
    if length > MAX_CHARS || length.abs_diff(word_length) > limit {
        return None;
    }
    let distance = strsim::levenshtein(word, candidate);
    (distance <= limit).then_some(distance)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(edit_distance("bondaries", "boundaries"), 1);
        let ids = ["boundaries", "respect", "media"];
        assert_eq!(closest("bondaries", ids), Some("boundaries"));
        assert_eq!(closest("kindness", ids), None);
    }

    #[test]
    fn long_words_and_a_spent_budget_get_no_suggestion() {
        let long = "a".repeat(1_000);
        let near = format!("{long}b");
        assert_eq!(closest(&long, [near.as_str()]), None, "too long to compare");
        let mut budget = 1;
        assert_eq!(
            closest_within("respekt", ["media", "respect"], &mut budget),
            None,
            "the budget ran out before `respect`"
        );
        assert_eq!(budget, 0);
    }
}
