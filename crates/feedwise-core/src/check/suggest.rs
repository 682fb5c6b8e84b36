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
        // The same letters in another case are the nearest of all (`sm24` for `SM24`).
        if candidate.eq_ignore_ascii_case(word) {
            return Some(candidate);
        }
        if let Some(distance) = distance_within((word, length), candidate, limit)
            && best.is_none_or(|(d, _)| distance < d)
        {
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

/// Ids listed when none is near; a longer list ends with how many more there are.
const LISTED: usize = 15;

/// A help line for an unknown id: the near one, else the ids there are to choose from.
pub fn near_or_list_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> String {
    let mut candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(help) = did_you_mean_within(word, candidates.iter().copied(), budget) {
        return help;
    }
    candidates.sort_unstable();
    candidates.dedup();
    if candidates.is_empty() {
        return "there are none to choose from yet".to_owned();
    }
    let shown: Vec<String> = candidates
        .iter()
        .take(LISTED)
        .map(|id| format!("`{id}`"))
        .collect();
    let tail = match candidates.len().saturating_sub(LISTED) {
        0 => String::new(),
        more => format!(" and {more} more"),
    };
    format!("nothing is close; the ids are {}{tail}", shown.join(", "))
}

/// Words too common to say what a text is about.
const COMMON: &[&str] = &[
    "about", "after", "again", "also", "any", "are", "because", "been", "before", "being", "but",
    "can", "could", "does", "doing", "even", "every", "for", "from", "had", "has", "have", "here",
    "into", "its", "just", "like", "made", "make", "may", "more", "most", "much", "must", "not",
    "only", "other", "over", "own", "same", "should", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "very", "was", "were",
    "what", "when", "where", "which", "while", "who", "will", "with", "would", "you", "your",
];

/// A text's words as stems for matching by meaning: lower case, four letters or more, not
/// common, cut to six letters so that `confidential` meets `confidentiality`.
fn stems(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
        .map(|w| w.chars().take(6).collect())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The parts of a document whose headings share words with `claim` (what an option does and
/// its feedback), best first, at most `most`: a citation suggested by what it is about, never
/// by how its number is spelt. A word most headings share counts for less.
pub fn parts_about<'d>(
    claim: &str,
    headings: impl IntoIterator<Item = (&'d str, &'d str)>,
    most: usize,
) -> Vec<(&'d str, &'d str)> {
    let wanted = stems(claim);
    let headings: Vec<(&str, &str, Vec<String>)> = headings
        .into_iter()
        .map(|(part, heading)| (part, heading, stems(heading)))
        .collect();
    let spread = |stem: &String| headings.iter().filter(|(_, _, s)| s.contains(stem)).count();
    let mut scored: Vec<(f32, usize, &str, &str)> = headings
        .iter()
        .enumerate()
        .filter_map(|(order, (part, heading, words))| {
            let score: f32 = words
                .iter()
                .filter(|w| wanted.contains(w))
                .map(|w| 1.0 / spread(w) as f32)
                .sum();
            (score > 0.0).then_some((score, order, *part, *heading))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(most)
        .map(|(_, _, part, heading)| (part, heading))
        .collect()
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
    // Two letters swapped (`titel`) count as one edit.
    let distance = strsim::osa_distance(word, candidate);
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
        assert_eq!(
            closest("MEDIA", ids),
            Some("media"),
            "another case is nearest"
        );
    }

    #[test]
    fn parts_are_suggested_by_what_they_are_about() {
        let headings = [
            ("1.1", "Be kind and respectful to people"),
            ("5.1", "Respect people's privacy and confidentiality"),
            ("20.6", "Keep clear professional boundaries"),
        ];
        let claim = "Posting the photo broke the patient's confidentiality.";
        assert_eq!(
            parts_about(claim, headings, 3),
            [("5.1", "Respect people's privacy and confidentiality")]
        );
        assert!(parts_about("Nothing in common here.", headings, 3).is_empty());
        // A number spelt like another is not a suggestion: only words are compared.
        assert!(parts_about("1.1", headings, 3).is_empty());
    }

    #[test]
    fn an_unknown_id_with_nothing_near_lists_the_ids() {
        let mut budget = LOOKUP_BUDGET;
        let ids = ["respect", "boundaries", "media"];
        assert_eq!(
            near_or_list_within("kindness", ids, &mut budget),
            "nothing is close; the ids are `boundaries`, `media`, `respect`"
        );
        assert_eq!(
            near_or_list_within("Media", ids, &mut budget),
            "did you mean `media`?"
        );
        let many: Vec<String> = (0..20).map(|n| format!("id{n:02}")).collect();
        let listed = near_or_list_within("zzzzzz", many.iter().map(String::as_str), &mut budget);
        assert!(listed.ends_with("`id14` and 5 more"), "{listed}");
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
