//! Who the trainee is: their profession, the regulator whose guidance binds them and the
//! scenario audience they play as. The app asks it on first start, `play --as` and a session
//! plan's `professions` name it; the engine uses it to pick `by_audience` text.

use serde::{Deserialize, Serialize};

use super::model::Audience;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
// The command line's `--as` takes one by name; the core builds without clap otherwise.
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Profession {
    Doctor,
    PhysicianAssociate,
    Nurse,
    Midwife,
    Paramedic,
    /// Other allied health professions: physiotherapist, radiographer, dietitian and so on.
    AlliedHealth,
    MedicalStudent,
    NursingStudent,
    /// Teaches others; plays each scenario as written for its first audience.
    Educator,
}

impl Profession {
    /// Every profession, in the order the app lists them (digits 1 to 9 pick them).
    pub const ALL: [Profession; 9] = [
        Profession::Doctor,
        Profession::PhysicianAssociate,
        Profession::Nurse,
        Profession::Midwife,
        Profession::Paramedic,
        Profession::AlliedHealth,
        Profession::MedicalStudent,
        Profession::NursingStudent,
        Profession::Educator,
    ];

    /// One of them, in words: "a nurse".
    pub fn word(self) -> &'static str {
        match self {
            Profession::Doctor => "doctor",
            Profession::PhysicianAssociate => "physician associate",
            Profession::Nurse => "nurse",
            Profession::Midwife => "midwife",
            Profession::Paramedic => "paramedic",
            Profession::AlliedHealth => "allied health professional",
            Profession::MedicalStudent => "medical student",
            Profession::NursingStudent => "nursing student",
            Profession::Educator => "educator",
        }
    }

    /// One of them with its article, for sentences: "a nurse", "an educator".
    pub fn one(self) -> String {
        super::explain::a(self.word())
    }

    /// People of this profession, in words: "nurses".
    pub fn people(self) -> &'static str {
        match self {
            Profession::Doctor => "doctors",
            Profession::PhysicianAssociate => "physician associates",
            Profession::Nurse => "nurses",
            Profession::Midwife => "midwives",
            Profession::Paramedic => "paramedics",
            Profession::AlliedHealth => "allied health professionals",
            Profession::MedicalStudent => "medical students",
            Profession::NursingStudent => "nursing students",
            Profession::Educator => "educators",
        }
    }

    /// The publisher whose guidance binds them. Students follow the regulator of the
    /// profession they study for; an educator may teach any, so none comes first.
    pub fn regulator(self) -> Option<&'static str> {
        match self {
            Profession::Doctor | Profession::PhysicianAssociate | Profession::MedicalStudent => {
                Some("GMC")
            }
            Profession::Nurse | Profession::Midwife | Profession::NursingStudent => Some("NMC"),
            Profession::Paramedic | Profession::AlliedHealth => Some("HCPC"),
            Profession::Educator => None,
        }
    }

    /// The scenario audience they play as; none for an educator, who plays each scenario as
    /// its first audience.
    pub fn audience(self) -> Option<Audience> {
        match self {
            Profession::Doctor => Some(Audience::Doctor),
            Profession::PhysicianAssociate => Some(Audience::PhysicianAssociate),
            Profession::Nurse => Some(Audience::Nurse),
            Profession::Midwife => Some(Audience::Midwife),
            Profession::Paramedic | Profession::AlliedHealth => Some(Audience::AlliedHealth),
            Profession::MedicalStudent | Profession::NursingStudent => Some(Audience::Student),
            Profession::Educator => None,
        }
    }

    /// The name `--as` takes and xAPI records: `nursing-student`.
    pub fn slug(self) -> String {
        match self {
            Profession::Doctor => "doctor",
            Profession::PhysicianAssociate => "physician-associate",
            Profession::Nurse => "nurse",
            Profession::Midwife => "midwife",
            Profession::Paramedic => "paramedic",
            Profession::AlliedHealth => "allied-health",
            Profession::MedicalStudent => "medical-student",
            Profession::NursingStudent => "nursing-student",
            Profession::Educator => "educator",
        }
        .to_owned()
    }
}

/// The audience whose text a trainee of `profession` reads in a scenario written for
/// `audiences`: their own when the scenario lists it, otherwise the scenario's first (also for
/// an educator, or when nobody said who plays). `None` only for a scenario with no audiences.
pub fn audience_played(profession: Option<Profession>, audiences: &[Audience]) -> Option<Audience> {
    profession
        .and_then(Profession::audience)
        .filter(|own| audiences.contains(own))
        .or_else(|| audiences.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_audience_when_listed_else_the_first() {
        let both = [Audience::Doctor, Audience::Nurse];
        assert_eq!(
            audience_played(Some(Profession::Nurse), &both),
            Some(Audience::Nurse)
        );
        assert_eq!(
            audience_played(Some(Profession::Midwife), &both),
            Some(Audience::Doctor)
        );
        assert_eq!(
            audience_played(
                Some(Profession::Educator),
                &[Audience::Nurse, Audience::Doctor]
            ),
            Some(Audience::Nurse)
        );
        assert_eq!(audience_played(None, &both), Some(Audience::Doctor));
        assert_eq!(
            audience_played(
                Some(Profession::Paramedic),
                &[Audience::Doctor, Audience::AlliedHealth]
            ),
            Some(Audience::AlliedHealth)
        );
        assert_eq!(audience_played(Some(Profession::Doctor), &[]), None);
    }

    #[test]
    fn regulators_and_names_follow_the_profession() {
        let regulators: Vec<_> = Profession::ALL.iter().map(|p| p.regulator()).collect();
        assert_eq!(
            regulators,
            [
                Some("GMC"),
                Some("GMC"),
                Some("NMC"),
                Some("NMC"),
                Some("HCPC"),
                Some("HCPC"),
                Some("GMC"),
                Some("NMC"),
                None
            ]
        );
        assert_eq!(Profession::NursingStudent.slug(), "nursing-student");
        assert_eq!(Profession::PhysicianAssociate.slug(), "physician-associate");
        // A physician associate's audience is regulated as a doctor's is.
        assert_eq!(Audience::PhysicianAssociate.regulator(), Some("GMC"));
    }

    #[test]
    fn one_takes_the_article_its_word_needs() {
        assert_eq!(Profession::Nurse.one(), "a nurse");
        assert_eq!(
            Profession::AlliedHealth.one(),
            "an allied health professional"
        );
        assert_eq!(Profession::Educator.one(), "an educator");
    }
}
