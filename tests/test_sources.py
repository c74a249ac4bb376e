"""The real monographs in source/ say what their labels say: the facts that make each one hard, pinned.

Each file was written from public labels (see the comment at its top). These tests read each file through the
loader and the model, as every exporter does, and check the facts that a careless edit or a construction change
could turn into a broader or a different claim: scope to forms, maxima, ingredient-level strengths, absolute
contraindications against cautions, programs and supply per jurisdiction.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import SOURCE
from monograph import api
from monograph.model import DoseForm, Monograph, Precaution


@cache
def monograph(stem: str) -> Monograph:
    return api.load(SOURCE / f"{stem}.yaml")


def form(m: Monograph, form_id: str) -> DoseForm:
    assert m.forms is not None
    return next(f for f in m.forms.items if f.id == form_id)


def precautions(m: Monograph) -> tuple[Precaution, ...]:
    assert m.precautions is not None
    return m.precautions.items


NEW_SOURCES = ["amoxicillin-clavulanate", "childrens-acetaminophen", "ibuprofen", "isotretinoin", "natalizumab"]


@pytest.mark.parametrize("stem", NEW_SOURCES)
def test_every_statement_rests_on_a_cited_source(stem: str) -> None:
    m = monograph(stem)
    assert m.citations, "a monograph written from labels cites them"
    assert m.review is None and m.modified is not None, "nobody reviewed it: no review block, and the date it was written"


def test_ibuprofen_is_over_the_counter_at_200_mg_and_prescription_only_above() -> None:
    m = monograph("ibuprofen")
    otc, rx = form(m, "tablet"), form(m, "prescription-tablet")
    us = {s.status: s.scope for s in m.drug.supply if s.jurisdiction == "US"}
    assert us["over-the-counter"].covers(otc) and not us["over-the-counter"].covers(rx)
    assert us["prescription-only"].covers(rx) and not us["prescription-only"].covers(otc)
    assert [s.amount for s in otc.strengths] == [200] and [s.amount for s in rx.strengths] == [400, 600, 800]
    assert len({s.status for s in m.drug.supply}) > 1, "no single status holds for the whole drug"


def test_ibuprofens_boxed_warning_and_contraindications_are_of_the_prescription_tablets_only() -> None:
    m = monograph("ibuprofen")
    otc, rx = form(m, "tablet"), form(m, "prescription-tablet")
    (boxed,) = m.boxed_warnings
    assert boxed.scope.covers(rx) and not boxed.scope.covers(otc)
    cabg = next(p for p in precautions(m) if p.concepts and "CABG" in p.concepts[0].name)
    assert cabg.contraindicated is True and not cabg.scope.covers(otc)


def test_ibuprofens_over_the_counter_dose_stays_within_six_tablets_a_day() -> None:
    m = monograph("ibuprofen")
    assert m.dosing is not None
    adult = next(d for d in m.dosing.items if d.steps)
    assert adult.population is not None and adult.population.age is not None
    assert (adult.population.age.min, adult.population.age.unit) == (12, "a")
    (limit,) = adult.maximum
    assert (limit.amount, limit.unit, limit.per.value, limit.per.unit) == (6, "{tablet}", 24, "h")
    bleeding = next(p for p in precautions(m) if p.concepts and p.concepts[0].name == "Severe stomach bleeding")
    assert bleeding.contraindicated is False, "a warning, not a contraindication"
    assert bleeding.above_dose == limit.__class__(6, "{tablet}", limit.per, bleeding.above_dose.text)
    assert len(bleeding.risk_factors) == 6 and len(bleeding.warning_signs) == 4


def test_childrens_acetaminophen_doses_by_weight_or_age_at_most_five_times_a_day() -> None:
    m = monograph("childrens-acetaminophen")
    assert m.dosing is not None
    dosed = [d for d in m.dosing.items if d.steps]
    doses = [(d.population.weight.min, d.population.weight.max, d.steps[0].dose.amount) for d in dosed
             if d.population is not None and d.population.weight is not None]
    assert doses == [(24, 35, 5), (36, 47, 7.5), (48, 59, 10), (60, 71, 12.5), (72, 95, 15)]
    assert all(d.maximum[0].amount == 5 and d.maximum[0].unit == "{dose}" for d in dosed)
    assert all(d.steps[0].dose.unit == "mL" and d.steps[0].every.value == 4 for d in dosed)
    assert [s.status for s in m.drug.supply] == ["over-the-counter"]
    assert m.overdose is not None and "1-800-222-1222" in str(m.overdose.items[0].text)


def test_childrens_acetaminophen_do_not_use_is_absolute_and_ask_a_doctor_is_not() -> None:
    m = monograph("childrens-acetaminophen")
    flags = {p.kind + ":" + (p.concepts[0].name if p.concepts else p.interactants[0].name): p.contraindicated
             for p in precautions(m)}
    assert flags["interaction:other drugs containing acetaminophen"] is True
    assert flags["condition:Liver disease"] is False
    assert flags["interaction:warfarin"] is False


def test_amoxicillin_clavulanate_strengths_name_both_ingredients() -> None:
    m = monograph("amoxicillin-clavulanate")
    tablet = form(m, "tablet")
    assert [s.text for s in tablet.strengths] == ["250 mg/125 mg", "500 mg/125 mg", "875 mg/125 mg"]
    for strength in tablet.strengths:
        assert [c.ingredient.name for c in strength.contents if c.ingredient] == ["amoxicillin", "clavulanic acid"]
    (suspension,) = form(m, "oral-suspension").strengths
    assert [(c.amount, c.unit) for c in suspension.contents] == [(125, "mg"), (31.25, "mg")]
    assert (suspension.per_amount, suspension.per_unit) == (5, "mL")
    assert m.drug.codes.all("atc") == ("J01CR02",)


def test_natalizumab_is_infused_by_a_professional_with_observation_under_a_rems() -> None:
    m = monograph("natalizumab")
    assert m.dosing is not None
    for dose in m.dosing.items:
        assert dose.administered_by == "healthcare-professional"
        assert (dose.infusion_duration.value, dose.infusion_duration.unit) == (1, "h")
        assert (dose.observation.value, dose.observation.unit) == (1, "h")
        assert (dose.steps[0].dose.amount, dose.steps[0].every.value, dose.steps[0].every.unit) == (300, 4, "wk")
    assert [(p.name, p.kind) for p in m.drug.programs] == [("TOUCH Prescribing Program", "rems")]
    assert m.drug.codes.all("atc") == ("L04AG03",) and ("atc", "L04AA23") in m.drug.codes.former


def test_natalizumab_side_effect_rates_are_against_placebo() -> None:
    m = monograph("natalizumab")
    assert m.side_effects is not None
    rates = {s.name: (s.rate.percent, s.rate.comparator_percent, s.rate.comparator) for s in m.side_effects.items}
    assert rates["Headache"] == (38, 33, None)
    vaginitis = next(s for s in m.side_effects.items if s.name == "Vaginitis")
    assert vaginitis.population is not None and vaginitis.population.sex == "female"


def test_isotretinoin_is_contraindicated_in_pregnancy_with_tests_before_during_and_after() -> None:
    m = monograph("isotretinoin")
    pregnancy = next(p for p in precautions(m) if p.kind == "pregnancy")
    assert pregnancy.contraindicated is True
    assert m.monitoring is not None
    test = next(t for t in m.monitoring.items if t.test.name == "Pregnancy test")
    assert test.when == ("before-start", "during", "after-stopping")
    assert test.population is not None and test.population.pregnancy == "able-to-become-pregnant"
    assert [p.name for p in m.drug.programs] == ["iPLEDGE REMS"]
    assert m.dosing is not None
    (step,) = m.dosing.items[0].steps
    assert (step.dose.low, step.dose.high, step.dose.unit, step.divided_into) == (0.5, 1, "mg/kg", 2)
    assert (step.duration.low, step.duration.high, step.duration.unit) == (15, 20, "wk")
