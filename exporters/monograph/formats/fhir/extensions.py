"""The extensions and code systems this exporter defines: one entry each.

Everything about them is made from these entries: the URLs the emitters write
(``vocabulary.extension_url``), the displays of the project's codings
(``project_coded``), the StructureDefinitions, CodeSystems and ValueSets of the
conformance package (conformance.py), and the reference page docs/fhir-package.md.
A new extension is one ``define(...)`` here; the tests fail for an extension or a
code that the output uses and this file does not define.

Where HL7 defines the same thing it is used instead of an entry here:
``artifact-date`` for the date the content last changed, ``artifact-reviewer``
and ``artifact-lastReviewDate`` for the R4 review, and terminology.hl7.org's
``adverse-event-seriousness`` for a serious side effect (vocabulary.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import extension_url, project_code_system


@dataclass(frozen=True)
class Element:
    """An extension's content, or one part (sub-extension) of a complex extension."""

    name: str
    """The part's url (for the extension itself: its name, the last segment of its URL)."""
    short: str
    definition: str
    types: tuple[str, ...] = ()
    """The FHIR types value[x] may take; empty for a complex element, which has ``parts`` instead."""
    targets: tuple[str, ...] = ()
    """For a Reference: the resource types it may point at."""
    binding: str | None = None
    """A project code system whose ValueSet the value is bound to (required)."""
    min: int = 0
    max: str = "1"
    parts: tuple[Element, ...] = ()

    @property
    def value(self) -> str:
        """The JSON member the value is written in (``valueCodeableConcept``), or ``extension`` for a complex one."""
        return "value" + self.types[0][0].upper() + self.types[0][1:] if self.types else "extension"


@dataclass(frozen=True)
class ExtensionDefinition:
    title: str
    element: Element
    contexts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """By release (``r5``, ``r4``): the element paths it may sit on. A release it is missing from does not use it."""

    @property
    def name(self) -> str:
        return self.element.name

    @property
    def url(self) -> str:
        return extension_url(self.name)

    @property
    def value(self) -> str:
        return self.element.value

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """(part url, JSON member of its value) for each part of a complex extension."""
        return tuple((p.name, p.value) for p in self.element.parts)


def part(name: str, types: str, definition: str, *, min: int = 0, max: str = "1", targets: tuple[str, ...] = (),
         binding: str | None = None, parts: tuple[Element, ...] = (), types_more: tuple[str, ...] = ()) -> Element:
    """A part of a complex extension; ``types`` is one FHIR type (``types_more`` the others it may take), or "" for
    a complex part."""
    return Element(name, _first_clause(definition), definition, (types, *types_more) if types else (), targets, binding,
                   min, max, parts)


def _first_clause(text: str) -> str:
    """The short form of a part's definition: up to its first colon or full stop."""
    return text.replace(":", ".").split(". ")[0].rstrip(".")


def define(name: str, title: str, definition: str, *, r5: tuple[str, ...] | str = (), r4: tuple[str, ...] | str = (),
           types: str = "", max: str = "1", targets: tuple[str, ...] = (), binding: str | None = None,
           parts: tuple[Element, ...] = ()) -> ExtensionDefinition:
    contexts = {release: (paths,) if isinstance(paths, str) else paths for release, paths in (("r5", r5), ("r4", r4))
                if paths}
    element = Element(name, title, definition, (types,) if types else (), targets, binding, 0, max, parts)
    return ExtensionDefinition(title, element, contexts)


_DOCUMENT = ("DocumentReference",)
_KNOWLEDGE = ("MedicationKnowledge",)
_ON_ISSUE = ("ClinicalUseDefinition.warning", "ClinicalUseDefinition.contraindication",
             "ClinicalUseDefinition.interaction")
_DOSING_R5 = ("MedicationKnowledge.indicationGuideline.dosingGuideline.dosage",)
_DOSING_R4 = ("MedicationKnowledge.administrationGuidelines.dosage",)
_DOSAGE_R5 = ("MedicationKnowledge.indicationGuideline.dosingGuideline.dosage.dosage",)
_DOSAGE_R4 = ("MedicationKnowledge.administrationGuidelines.dosage.dosage",)
_THRESHOLD_PARTS = (
    part("amount", "Quantity", "The amount above which the risk applies."),
    part("per", "Duration", "The time the amount is taken in; absent: one dose."),
    part("text", "string", "The threshold as the page says it."),
)
_RATE_PARTS = (
    part("percent", "decimal", "How many people in the studies had the effect, in percent."),
    part("comparatorPercent", "decimal", "The comparison group's rate, in percent."),
    part("comparator", "string", "What the comparison group had; absent with a comparator rate: placebo."),
)

EXTENSIONS = {d.name: d for d in (
    define(
        "cited-source", "Cited source",
        "A source that supports the statements of the element it sits on: a DocumentReference for the cited "
        "document (a label, an article, a guideline). It repeats, one per source.",
        r5="Element", r4="Element", types="Reference", targets=_DOCUMENT, max="*",
    ),
    define(
        "relieved-symptom", "Relieved symptom",
        "A symptom of the indication that the drug relieves, as a concept (text and codings). It repeats, one per "
        "symptom; the indication's intended effect says 'alleviation' of them as a whole.",
        r5="ClinicalUseDefinition.indication", r4="MedicationKnowledge.administrationGuidelines",
        types="CodeableConcept", max="*",
    ),
    define(
        "delivery", "Delivery",
        "How a dose is delivered by this route, in the reader's words (for an intrathecal injection: 'infusion into "
        "the spinal fluid by an implantable pump'), where the route's code alone does not say it.",
        r5="MedicationKnowledge.definitional.intendedRoute", r4="MedicationKnowledge.intendedRoute", types="string",
    ),
    define(
        "interactant-kind", "Interactant kind",
        "What the interactant is: a substance (such as alcohol or grapefruit juice), a drug, or a class of drugs.",
        r5="ClinicalUseDefinition.interaction.interactant", types="code", binding="interactant-kind",
    ),
    define(
        "risk", "Risk",
        "A harm the statement is about (for a boxed warning about stopping the drug abruptly: what that risks; for an "
        "interaction: its effects), as a concept. It repeats, one per harm.",
        r5=_ON_ISSUE, types="CodeableConcept", max="*",
    ),
    define(
        "applies-to", "Applies to",
        "A clinical drug (a MedicationKnowledge for one dose form and strength, or for a brand) the statement is about. "
        "It repeats; when it is absent, the statement is about every form of the drug. The same products reference the "
        "statement in clinicalUseIssue.",
        r5="ClinicalUseDefinition", types="Reference", targets=_KNOWLEDGE, max="*",
    ),
    define(
        "supply-status", "Supply status",
        "The legal status of supply: its status (supply-status code system; in R5 also legal-status-of-supply where "
        "that has the code), the schedule of a controlled drug when no regulatory element holds it, a note, and its "
        "sources. On regulatory for a jurisdiction's status; on the MedicationKnowledge for a status without one.",
        r5=("MedicationKnowledge", "MedicationKnowledge.regulatory"), r4=("MedicationKnowledge",
                                                                         "MedicationKnowledge.regulatory"),
        parts=(
            part("status", "CodeableConcept", "The status of supply.", min=1),
            part("schedule", "CodeableConcept", "The schedule of a controlled drug."),
            part("note", "string", "What the page says about the status, in words."),
            part("source", "Reference", "A source for the status: a DocumentReference.", targets=_DOCUMENT, max="*"),
        ),
    ),
    define(
        "program-details", "Program details",
        "What a risk program (such as a US REMS) means for the patient, its page, and its sources.",
        r5="MedicationKnowledge.monitoringProgram", r4="MedicationKnowledge.monitoringProgram",
        parts=(
            part("text", "markdown", "What the program means for the patient, in markdown."),
            part("url", "url", "The program's page."),
            part("source", "Reference", "A source for the program: a DocumentReference.", targets=_DOCUMENT, max="*"),
        ),
    ),
    define(
        "risk-factor", "Risk factor",
        "Something that makes the risk more likely (being a woman, over 35, taking estrogen), as a concept. It repeats.",
        r5=_ON_ISSUE, types="CodeableConcept", max="*",
    ),
    define(
        "warning-sign", "Warning sign",
        "A sign to act on (yellow skin or eyes, dark urine), or a symptom of overdose, as a concept. It repeats.",
        r5=_ON_ISSUE, types="CodeableConcept", max="*",
    ),
    define(
        "additional-concept", "Additional concept",
        "A further condition the statement is about, after the one in its code element ('liver or kidney disease'). "
        "It repeats.",
        r5=("ClinicalUseDefinition.warning", "ClinicalUseDefinition.contraindication"), types="CodeableConcept",
        max="*",
    ),
    define(
        "dose-threshold", "Dose threshold",
        "The risk applies above this dose: an amount, the time it is taken in (none: one dose), as the page says it.",
        r5=_ON_ISSUE, parts=_THRESHOLD_PARTS,
    ),
    define(
        "rate", "Rate",
        "How many people in the label's studies had the effect, in percent, and the comparison group's rate "
        "(comparator absent with a comparator rate: placebo).",
        r5="ClinicalUseDefinition.undesirableEffect", parts=_RATE_PARTS,
    ),
    define(
        "monitoring-timing", "Monitoring timing",
        "When a monitoring test is done, coded in the monitoring-timing code system. It repeats.",
        r5="ClinicalUseDefinition.warning", types="CodeableConcept", max="*",
    ),
    define(
        "after-previous-step", "After previous step",
        "How long after the previous step of the schedule this one begins (low = high for an exact time).",
        r5=_DOSAGE_R5, r4=_DOSAGE_R4, types="Range",
    ),
    define(
        "observation-period", "Observation period",
        "How long the patient is watched for reactions after the dose (low = high for an exact time).",
        r5=_DOSING_R5, r4=_DOSING_R4, types="Range",
    ),
    define(
        "premedication", "Premedication",
        "A medicine given before the dose (to prevent infusion reactions), as a concept. It repeats.",
        r5=_DOSING_R5, r4=_DOSING_R4, types="CodeableConcept", max="*",
    ),
    define(
        "administered-by", "Administered by",
        "Who gives the dose: the patient, a caregiver or a healthcare professional (administered-by code system).",
        r5=(*_DOSING_R5, "MedicationKnowledge"), r4=(*_DOSING_R4, "MedicationKnowledge"), types="CodeableConcept",
        binding="administered-by",
    ),
    define(
        "population", "Population",
        "The Group of people a storage instruction is about.",
        r5="MedicationKnowledge.storageGuideline", types="Reference", targets=("Group",),
    ),
    define(
        "disposal", "Disposal",
        "True when the instruction is about disposing of the medicine rather than storing it.",
        r5="MedicationKnowledge.storageGuideline", types="boolean",
    ),
    define(
        "storage", "Storage",
        "One storage or disposal instruction, for R4, which has no storageGuideline: its text, the temperature range "
        "in degrees Celsius, whether it is about disposal, who it is about, and its sources. It repeats.",
        r4="MedicationKnowledge", max="*",
        parts=(
            part("text", "markdown", "The instruction, in markdown."),
            part("temperature", "Range", "The temperature range, in degrees Celsius."),
            part("disposal", "boolean", "True when the instruction is about disposal."),
            part("population", "CodeableConcept", "Who the instruction is about."),
            part("source", "Reference", "A source for the instruction: a DocumentReference.", targets=_DOCUMENT,
                 max="*"),
        ),
    ),
    define(
        "mechanism-of-action", "Mechanism of action",
        "How the drug works: the explanation, whether the mechanism is fully understood, and the sources that say so.",
        r5="MedicationKnowledge", r4="MedicationKnowledge",
        parts=(
            part("text", "markdown", "The explanation, in markdown."),
            part("fullyUnderstood", "boolean", "Whether the mechanism is fully understood: false when the sources say "
                                               "it is not known exactly."),
            part("source", "Reference", "A source for the explanation: a DocumentReference.", targets=_DOCUMENT,
                 max="*"),
        ),
    ),
    define(
        "clinical-use-issue", "Clinical use issue",
        "One clinical issue, for R4, which has no ClinicalUseDefinition: shaped like an R5 ClinicalUseDefinition "
        "(the same names for the same things), its type first, then the parts that type uses. It repeats, one per "
        "issue.",
        r4="MedicationKnowledge", max="*",
        parts=(
            part("type", "code", "The kind of issue: as R5 ClinicalUseDefinition.type.", min=1,
                 binding="clinical-use-issue-type"),
            part("category", "CodeableConcept", "A category of the issue (a precaution's kind, an advice topic).",
                 max="*"),
            part("code", "CodeableConcept", "What a warning or contraindication is about: a condition or a "
                                            "population, as a concept."),
            part("description", "markdown", "The issue in words, in markdown."),
            part("symptomConditionEffect", "CodeableConcept", "For an undesirable effect: the effect."),
            part("classification", "CodeableConcept", "For an undesirable effect: how serious it is."),
            part("frequencyOfOccurrence", "CodeableConcept", "For an undesirable effect: how often it occurs."),
            part("interactant", "", "For an interaction: one thing the drug interacts with. It repeats.", max="*",
                 parts=(
                     part("item", "CodeableConcept", "The interactant, as a concept.", min=1),
                     part("kind", "code", "What the interactant is.", binding="interactant-kind"),
                 )),
            part("interactionType", "CodeableConcept", "For an interaction: its type."),
            part("effect", "CodeableConcept", "For an interaction: what it does."),
            part("management", "CodeableConcept", "For an interaction: what to do about it. It repeats.", max="*"),
            part("population", "CodeableConcept", "The population the issue is about, in words. It repeats.",
                 max="*"),
            part("characteristic", "", "One fact of the population. It repeats.", max="*", parts=(
                part("type", "CodeableConcept", "What the fact is about (age, sex, pregnancy, a group).", min=1),
                part("value", "CodeableConcept", "The fact: a concept.", types_more=("Range",)),
            )),
            part("risk", "CodeableConcept", "A harm the issue is about. It repeats.", max="*"),
            part("riskFactor", "CodeableConcept", "Something that makes the risk more likely. It repeats.", max="*"),
            part("warningSign", "CodeableConcept", "A sign to act on, or a symptom of overdose. It repeats.", max="*"),
            part("additionalConcept", "CodeableConcept", "A further condition the issue is about. It repeats.",
                 max="*"),
            part("doseThreshold", "", "The risk applies above this dose: as the R5 dose-threshold extension.",
                 parts=_THRESHOLD_PARTS),
            part("rate", "", "How many people had the effect: as the R5 rate extension.", parts=_RATE_PARTS),
            part("timing", "CodeableConcept", "When a monitoring test is done. It repeats.", max="*"),
            part("appliesTo", "Reference", "A contained clinical drug the issue is about; absent when it is about "
                                           "every form. It repeats.", targets=_KNOWLEDGE, max="*"),
            part("source", "Reference", "A source for the issue: a DocumentReference. It repeats.", targets=_DOCUMENT,
                 max="*"),
        ),
    ),
)}


@dataclass(frozen=True)
class Concept:
    code: str
    display: str
    definition: str


@dataclass(frozen=True)
class CodeSystemDefinition:
    name: str
    title: str
    description: str
    concepts: tuple[Concept, ...]

    @property
    def url(self) -> str:
        return project_code_system(self.name)

    def display(self, code: str) -> str:
        for concept in self.concepts:
            if concept.code == code:
                return concept.display
        raise KeyError(f"{code!r} is not a code of {self.url}")


def code_system(name: str, title: str, description: str, *concepts: tuple[str, str, str]) -> CodeSystemDefinition:
    return CodeSystemDefinition(name, title, description, tuple(Concept(*c) for c in concepts))


CODE_SYSTEMS = {c.name: c for c in (
    code_system(
        "document-kind", "Document kind", "What kind of document a monograph links to: the page itself or a source.",
        ("patient-monograph", "Patient monograph", "The monograph itself: a page about the drug written for patients."),
        ("prescribing-information", "Prescribing information",
         "The label for prescribers (in the US, the FDA's prescribing information)."),
        ("drug-facts-label", "Drug facts label", "The label of an over-the-counter drug (in the US, Drug Facts)."),
        ("medication-guide", "Medication guide", "A guide for patients that a regulator requires with the drug."),
        ("patient-information", "Patient information", "The leaflet for patients that comes with the drug."),
        ("article", "Article", "An article in a journal."),
        ("guideline", "Guideline", "A clinical practice guideline."),
        ("website", "Website", "A web page that is none of the above."),
    ),
    code_system(
        "classification-type", "Classification type", "The classification a drug's class comes from.",
        ("atc", "Anatomical Therapeutic Chemical classification", "The WHO's ATC classification."),
        ("atc-former", "Former ATC code", "ATC codes the WHO has since changed, kept so that old records still match."),
        ("drug-class", "Drug class", "A class named by the monograph, such as 'muscle relaxant'."),
    ),
    code_system(
        "medication-relationship", "Medication relationship", "How a MedicationKnowledge relates to another one.",
        ("clinical-drug", "Clinical drug (dose form and strength)",
         "The other MedicationKnowledge is the drug in one dose form and strength (a clinical drug, as RxNorm has it)."),
    ),
    code_system(
        "precaution-kind", "Precaution kind", "What a precaution is about.",
        ("condition", "Condition", "Patients with a medical condition."),
        ("population", "Population", "A group of patients, such as older adults."),
        ("pregnancy", "Pregnancy", "Use during pregnancy."),
        ("breastfeeding", "Breastfeeding", "Use while breastfeeding."),
        ("interaction", "Interaction", "Use with another drug or substance."),
        ("other", "Other", "Anything else."),
    ),
    code_system(
        "advice-topic", "Advice topic", "What a piece of advice to the patient is about.",
        ("how-to-take", "How to take", "How to take the drug."),
        ("driving", "Driving", "Driving and using machines."),
        ("stopping-treatment", "Stopping treatment", "Stopping the drug."),
        ("tell-your-doctor", "Tell your doctor", "What to tell the doctor."),
        ("side-effects", "Side effects", "What to do about side effects."),
        ("diet", "Diet", "Food and drink."),
        ("other", "Other", "Anything else."),
    ),
    code_system(
        "interactant-kind", "Interactant kind", "What an interactant is.",
        ("substance", "Substance", "A substance that is not a drug, such as alcohol or grapefruit juice."),
        ("drug", "Drug", "A drug."),
        ("drug-class", "Drug class", "A class of drugs."),
    ),
    code_system(
        "side-effect-frequency", "Side effect frequency",
        "How often a side effect occurs, with every value the schema has (HL7's R5 undesirable-effect-frequency has "
        "no very common, very rare or not known, and R4 has no such code system).",
        ("very-common", "Very common", "In more than 1 in 10 people."),
        ("common", "Common", "In up to 1 in 10 people."),
        ("uncommon", "Uncommon", "In up to 1 in 100 people."),
        ("rare", "Rare", "In up to 1 in 1,000 people."),
        ("very-rare", "Very rare", "In up to 1 in 10,000 people."),
        ("not-known", "Not known", "How often cannot be estimated from the data the page has."),
    ),
    code_system(
        "drug-interaction-type", "Drug interaction type",
        "The type of an interaction, for R4, which has no HL7 interaction-type code system: the same codes.",
        ("drug-drug", "drug to drug interaction", "An interaction between the drug and another drug."),
    ),
    code_system(
        "supply-status", "Supply status", "The legal status of supply of a drug in a jurisdiction.",
        ("prescription-only", "Prescription only", "Supplied only on a prescription."),
        ("over-the-counter", "Over the counter", "Supplied without a prescription."),
        ("pharmacy-only", "Pharmacy only", "Supplied without a prescription, by a pharmacist only."),
        ("hospital-only", "Hospital only", "Supplied only in or by hospitals."),
        ("controlled", "Controlled", "A controlled drug: its supply depends on its schedule."),
    ),
    code_system(
        "program-kind", "Program kind", "What kind of risk program a drug is supplied under.",
        ("rems", "Risk Evaluation and Mitigation Strategy (REMS)", "A US FDA Risk Evaluation and Mitigation Strategy."),
        ("risk-management", "Risk-management program", "Any other program that manages the drug's risks."),
    ),
    code_system(
        "clinical-topic", "Clinical topic",
        "What a warning-type statement is about when it is not a precaution or a piece of advice.",
        ("monitoring", "Monitoring", "A test or check done while taking the drug."),
        ("missed-dose", "Missed dose", "What to do about a missed dose."),
        ("overdose", "Overdose", "What an overdose does and what to do about it."),
    ),
    code_system(
        "monitoring-timing", "Monitoring timing", "When a monitoring test is done.",
        ("before-start", "Before starting treatment", "Before the first dose."),
        ("before-each-dose", "Before each dose", "Before every dose."),
        ("during", "During treatment", "While the drug is taken."),
        ("after-stopping", "After stopping treatment", "After the last dose."),
    ),
    code_system(
        "population-group", "Population group", "An age group a statement is about.",
        ("adults", "Adults", "Adults."),
        ("children", "Children", "Children."),
        ("adolescents", "Adolescents", "Adolescents."),
        ("older-adults", "Older adults", "Older adults."),
        ("infants", "Infants", "Infants."),
        ("newborns", "Newborns", "Newborns."),
    ),
    code_system(
        "pregnancy-status", "Pregnancy status", "Whether the people a statement is about are pregnant.",
        ("pregnant", "Pregnant", "People who are pregnant."),
        ("breastfeeding", "Breastfeeding", "People who are breastfeeding."),
        ("able-to-become-pregnant", "Able to become pregnant", "People who can become pregnant."),
    ),
    code_system(
        "storage-setting", "Storage setting", "What a storage condition sets.",
        ("temperature", "Temperature", "The temperature the medicine is kept at."),
    ),
    code_system(
        "dosage-kind", "Dosage kind", "What a group of dosages is.",
        ("as-labelled", "Dosing as the label gives it", "The doses as the page's source gives them."),
    ),
    code_system(
        "administered-by", "Administered by", "Who gives a dose.",
        ("patient", "The patient", "The patient takes it."),
        ("caregiver", "A caregiver", "A caregiver gives it."),
        ("healthcare-professional", "A healthcare professional", "A healthcare professional gives it."),
    ),
    code_system(
        "clinical-use-issue-type", "Clinical use issue type",
        "The kind of a clinical-use-issue extension (R4): the codes of R5 ClinicalUseDefinition.type, which R4 does "
        "not have.",
        ("indication", "Indication", "What the drug is used for."),
        ("contraindication", "Contraindication", "When the drug must not be used."),
        ("interaction", "Interaction", "What the drug interacts with."),
        ("undesirable-effect", "Undesirable effect", "A side effect."),
        ("warning", "Warning", "A caution about the drug's use."),
    ),
)}


def displays(system: str) -> dict[str, str]:
    """Each code of a project code system and its display."""
    return {c.code: c.display for c in CODE_SYSTEMS[system].concepts}


def project_coded(system: str, code: str) -> dict[str, list[dict[str, str]]]:
    """A CodeableConcept with one coding of a project code system, its display taken from the definition here."""
    definition = CODE_SYSTEMS[system]
    return {"coding": [{"system": definition.url, "code": code, "display": definition.display(code)}]}
