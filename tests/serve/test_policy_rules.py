"""The keyword rules as data: their syntax, the reading they give on sentences written from the coding rules, and the
wall between the cells they were written from and the texts `make eval` measures them on."""

from __future__ import annotations

import csv
import json
import re

from explorer import policy_rules
from explorer.paths import ROOT
from explorer.serve import policy_reading

RULES = policy_rules.load()


def reading_of(provision_id: str, text: str) -> policy_rules.Reading:
    return {r.rule.provision_id: r for r in policy_rules.read([text])}[provision_id]


def test_every_provision_has_a_rule_and_every_criterion_of_the_coders_one_reading():
    with (ROOT / "data" / "provisions.csv").open(encoding="utf-8") as f:
        provisions = {r["provision_id"] for r in csv.DictReader(f)}
    assert {r.provision_id for r in RULES.rules} == provisions
    criteria = [r.criterion_id for r in RULES.rules if r.criterion_id]
    assert len(criteria) == len(set(criteria)) == 8
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", RULES.version)


def test_the_phrase_syntax():
    assert re.search(policy_rules.compile_phrase("shall ~ de escalat*", 8), " officers shall whenever possible de escalate")
    assert not re.search(policy_rules.compile_phrase("shall ~ de escalat*", 2), " officers shall whenever it is possible de escalate")
    assert re.search(policy_rules.compile_phrase("(warning|verbal warning) ~ (precede|prior to)", 8), " a verbal warning should precede")
    assert not re.search(policy_rules.compile_phrase("choke", 8), " chokehold")  # a word is whole unless it ends in *


def test_the_coding_rules_examples_read_as_the_coding_rules_say():
    # Campaign Zero's coding rules (uof-parser config.yaml): "may" is not a requirement; an imminent-threat exception
    # is not a ban on shooting at moving vehicles; a ban except against deadly force by other means is.
    assert reading_of("de-escalation", "Officers shall de-escalate situations whenever possible.").reading == policy_rules.FOUND
    assert reading_of("de-escalation", "Officers may use de-escalation when they judge it useful.").reading == policy_rules.NOT_FOUND
    vehicle = "shooting-at-moving-vehicles"
    exception = "Officers shall not fire at a moving vehicle unless there is an imminent threat of death or serious injury."
    assert reading_of(vehicle, exception).reading == policy_rules.NOT_FOUND
    assert reading_of(vehicle, exception).found[0].role == "falls_short"
    other_means = "Officers shall not fire at a moving vehicle unless deadly force is used against them by means other than the vehicle."
    assert reading_of(vehicle, other_means).reading == policy_rules.FOUND
    assert reading_of("verbal-warning", "Warning shots are prohibited.").reading == policy_rules.NOT_FOUND


def test_no_rule_cites_a_cell_of_a_city_it_is_evaluated_on():
    """The rules' comments name the cells they were written from; none may be a city whose full text `make eval` reads."""
    held_out = {c.lower() for c in RULES.held_out_from}
    lines = (ROOT / "data" / "rules" / "criteria_rules.yaml").read_text(encoding="utf-8").splitlines()
    cited = " ".join(line for line in lines if line.lstrip().startswith("#"))
    for city in held_out:
        assert not re.search(rf"\b{re.escape(city)}\b", cited.lower()), f"a rule cites {city}, a city it is evaluated on"
    with (ROOT / "data" / "external" / "policy-texts-2020" / "manifest.csv").open(encoding="utf-8") as f:
        evaluated = {re.sub(r"[^a-z]", "", r["city"].split(" (")[0].lower()) for r in csv.DictReader(f)}
    assert evaluated <= {re.sub(r"[^a-z]", "", c) for c in held_out}


def test_the_committed_agreement_is_of_these_rules_and_adds_up():
    results = json.loads((ROOT / "eval" / "results.json").read_text(encoding="utf-8"))
    assert results["rules_version"] == RULES.version, "rules changed since `make eval`: run it and commit eval/"
    for criterion, f in results["criteria"].items():
        assert f["both_met"] + f["rule_only"] + f["coder_only"] + f["neither"] == f["of"]
        assert f["agreed"] == f["both_met"] + f["neither"]
        assert len(f["disagreements"]) == f["of"] - f["agreed"]
        assert policy_reading.agreement_words(criterion).startswith(f"this rule agreed with the human coders on {f['agreed']} of {f['of']}")
