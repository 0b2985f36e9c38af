"""Which edition a verdict was about, and which agencies are one department: computed at build time, on shown evidence.

The hand-verified cases (read in the files, not in the build's output):
- Atlanta (text: SOP 3010, effective October 30, 2013; Campaign Zero 2016 coded its 2013 policy): six of the seven
  runs the 2016 coder quoted stand word for word in the text ("Any employee who applies force through the use of
  lethal or less lethal weapons" ...); the seventh ("Sworn employees, who in the performance of their duties,
  encounter situations where the use ...") does not. The same edition.
- St. Paul (text: General Orders 246.00-246.03, effective March 30, 2018; the 2016 coder read a 2012 policy): none
  of the 9 runs is in the text. The nearest, "Where reasonable, some type of warning should be given by the officer
  prior to initiating deadly force.", survives only as "... given by the officer prior" and stops: probably a
  different edition, and nothing else links the 2018 text to the 2016 row.
- Glendale: the text names Arizona ("... all State of Arizona Statute requirements ..."), and the 2016 coder's
  words "It is the philosophy of the Glendale Police Department to use only the amount of force ..." are in it: the
  2016 (and so the 2020) Glendale is Arizona's, not the California Scorecard's.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pytest
import yaml

from explorer.builder.links import BOILERPLATE_RULE, _Holders, edition_result, pieces, quoted_runs
from explorer.paths import ROOT
from explorer.serve.db import open_database
from explorer.wording import match_key

EXTERNAL = ROOT / "data" / "external"


@pytest.fixture(scope="module")
def con(db_file: Path) -> duckdb.DuckDBPyConnection:
    c = open_database(db_file)
    yield c
    c.close()


def _check(con, text_id: str, agency_id: str) -> tuple:
    return con.execute(
        "select found, quoted, result from edition_checks where text_id = $t and agency_id = $a", {"t": text_id, "a": agency_id}
    ).fetchone()


def test_quoted_runs_are_the_coders_double_quoted_words_cut_at_ellipses():
    cell = 'Yes. "Officers shall use only the force necessary ... to effect the arrest of a person." (p. 3) “Deadly force.” "a b c d e"'
    assert quoted_runs(cell) == ["Officers shall use only the force necessary", "to effect the arrest of a person.", "a b c d e"]


def test_the_same_edition_atlanta_six_of_seven(con):
    assert _check(con, "atlanta", "campaign-zero-2016/atlanta") == (6, 7, "the same edition")
    missing = con.execute("select words from edition_check_quotes where text_id = 'atlanta' and not found").fetchall()
    assert [w for (w,) in missing] and missing[0][0].startswith("Sworn employees, who in the performance of their duties")
    at, body = con.execute(
        "select q.char_at, b.body from edition_check_quotes q join policy_text_bodies b using (text_id) "
        "where q.text_id = 'atlanta' and q.words = 'Any employee who applies force through the use of lethal or less lethal weapons'"
    ).fetchone()
    assert body[at:].startswith("Any employee who applies force through the use of lethal or less lethal weapons")


def test_a_newer_edition_st_paul_none_of_nine(con):
    assert _check(con, "stpaul", "campaign-zero-2016/st-paul") == (0, 9, "probably a different edition")
    warning = "Where reasonable, some type of warning should be given by the officer prior to initiating deadly force."
    assert con.execute("select found from edition_check_quotes where text_id = 'stpaul' and words = $w", {"w": warning}).fetchone() == (
        False,
    )
    text_dept, coded_dept = con.execute(
        "select t.department_id, m.department_id from policy_texts t, department_members m "
        "where t.text_id = 'stpaul' and m.org_id = 'campaign-zero-2016/st-paul'"
    ).fetchone()
    assert text_dept != coded_dept  # no evidence links them: the page does not show the 2018 text as the 2012 policy


def test_edition_results_follow_the_rule_and_never_name_an_edition(con):
    for found, quoted, result in con.execute("select found, quoted, result from edition_checks").fetchall():
        expected = (
            "no quoted words to check"
            if quoted == 0
            else "the same edition"
            if 2 * found > quoted
            else "the edition is uncertain"
            if found
            else "probably a different edition"
        )
        assert result == expected
    counted = con.execute(
        "select e.found, e.quoted, count(q.n) filter (where q.found), count(q.n) from edition_checks e "
        "left join edition_check_quotes q using (text_id, agency_id) group by e.text_id, e.agency_id, e.found, e.quoted"
    ).fetchall()
    assert all(f == qf and m == qm for f, m, qf, qm in counted)


def test_exactly_half_of_the_quoted_words_is_not_the_same_edition():
    """A hand-made case: a coder's cell quoting two runs, a text holding one of them (1 of 2): uncertain, not the same."""
    cell = '"Officers shall use only the force that is objectively reasonable." and "Warning shots are prohibited in every circumstance."'
    body = "Policy 1.1\r\nOfficers shall use only the force that is\r\nobjectively reasonable. Warning shots may be fired when ..."
    runs = quoted_runs(cell)
    found = sum(f" {match_key(r)} " in f" {match_key(body)} " for r in runs)
    assert (found, len(runs)) == (1, 2)
    assert edition_result(found, len(runs)) == "the edition is uncertain"
    assert [edition_result(n, m) for n, m in ((2, 4), (3, 4), (2, 2), (0, 2), (0, 0), (3, 6), (4, 6))] == [
        "the edition is uncertain",
        "the same edition",
        "the same edition",
        "probably a different edition",
        "no quoted words to check",
        "the edition is uncertain",
        "the same edition",
    ]


def test_exactly_half_in_the_built_data_reads_uncertain(con):
    """Glendale 2016 (1 of 2), Indianapolis (1 of 2), Arlington (2 of 4), Cincinnati (3 of 6) were called the same edition."""
    for text_id, agency_id in (
        ("glendale", "campaign-zero-2016/glendale"),
        ("indianapolis", "campaign-zero-2016/indianapolis"),
        ("arlington", "campaign-zero-2016/arlington"),
        ("cincinnati", "campaign-zero-2016/cincinnati"),
    ):
        found, quoted, result = _check(con, text_id, agency_id)
        assert 2 * found == quoted and result == "the edition is uncertain", (text_id, found, quoted, result)
    rule = con.execute("select any_value(rule) from edition_checks").fetchone()[0]
    assert "More than half found: the same edition" in rule and "exactly half included" in rule


def test_glendale_2016_is_arizonas_and_not_the_california_scorecards(con):
    links = {
        (a, b): (verdict, kind, basis)
        for a, b, verdict, kind, basis in con.execute(
            "select agency_id, same_as, verdict, evidence_kind, basis from agency_links where agency_id like '%glendale' or same_as like '%glendale'"
        ).fetchall()
    }
    assert links[("campaign-zero-2016/glendale", "policy-texts-2020/glendale")][:2] == ("established", "quoted_words")
    assert links[("ca-police-scorecard-2019/glendale", "policy-texts-2020/glendale")][:2] == ("against", "text_state")
    against = links[("ca-police-scorecard-2019/glendale", "campaign-zero-2016/glendale")]
    assert against[:2] == ("against", "text_state") and "State of Arizona" in against[2] and "its title" in against[2]
    members = dict(con.execute("select org_id, department_id from department_members where org_id like '%/glendale'").fetchall())
    assert members == {
        "campaign-zero-2016/glendale": "glendale-az",
        "campaign-zero-2020/glendale": "glendale-az",
        "policy-texts-2020/glendale": "glendale-az",
        "ca-police-scorecard-2019/glendale": "glendale-ca",
    }
    state = con.execute("select state, state_basis, state_words from departments where department_id = 'glendale-az'").fetchone()
    assert state[0] == "AZ" and "State of Arizona" in state[2]
    pair = con.execute(
        "select established, verdict from agency_matches "
        "where agency_id = 'campaign-zero-2016/glendale' and same_as = 'ca-police-scorecard-2019/glendale'"
    ).fetchall()
    assert pair == [(False, "against")]


def test_no_link_without_evidence_is_established(con):
    links = con.execute("select agency_id, same_as, verdict, evidence_kind, established, basis from agency_links").fetchall()
    assert {(v, k) for _, _, v, k, *_ in links} <= {
        ("established", "coder_list"),
        ("established", "quoted_words"),
        ("established", "name_and_state"),
        ("established", "quoted_by_both"),
        ("against", "quoted_by_both"),
        ("not established", "quoted_by_both"),
        ("against", "text_state"),
        ("not established", "name_only"),
    }
    checks = {
        (t, a): f for t, a, f in con.execute("select 'policy-texts-2020/' || text_id, agency_id, found from edition_checks").fetchall()
    }
    for a, b, verdict, kind, established, basis in links:
        assert established == (verdict == "established")
        if kind == "quoted_words":
            assert checks[(b, a)] >= 1 and "quoted words are found" in basis
        if kind == "name_and_state":
            assert "names" in basis and "covers" in basis  # a state on each side, each with its evidence
    # Every department of several members is held together by established links alone.
    edges = defaultdict(set)
    for a, b, _, _, established, _ in links:
        if established:
            edges[a].add(b)
            edges[b].add(a)
    for dept, members in con.execute("select department_id, list(org_id) from department_members group by 1").fetchall():
        seen, todo = {members[0]}, [members[0]]
        while todo:
            for nxt in edges[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        assert set(members) <= seen, dept
    # A statistic of change reads agency_matches: every established pair there is one department.
    split = con.execute(
        "select count(*) from agency_matches m join department_members a on a.org_id = m.agency_id "
        "join department_members b on b.org_id = m.same_as where m.established and a.department_id <> b.department_id"
    ).fetchone()[0]
    assert split == 0


def test_the_california_scorecards_state_comes_from_its_title(con):
    ds = con.execute("select state, state_basis from datasets where dataset_id = 'ca-police-scorecard-2019'").fetchone()
    assert ds == ("CA", "its title; its records name no state")
    basis = con.execute("select state_basis from departments where department_id = 'oakland-ca'").fetchone()[0]
    assert basis == "California Police Scorecard covers CA (its title; its records name no state)"
    assert con.execute("select state from departments where department_id = 'stockton'").fetchone() == (None,)  # no evidence of a state


def test_the_2020_wave_counts_per_criterion_equal_the_raw_csv(con):
    with (EXTERNAL / "campaign-zero-2020" / "police_policies.csv").open(encoding="utf-8", newline="") as f:
        raw = list(csv.DictReader(f))
    desc = yaml.safe_load((EXTERNAL / "campaign-zero-2020" / "dataset.yaml").read_text(encoding="utf-8"))
    crit = {c["code"]: c["criterion_id"] for c in desc["criteria"]}  # the raw column names, kept in `code`
    expected = Counter((crit[col], "met" if r[col] == "1" else "not met") for r in raw for col in crit)
    got = Counter(
        (c, {True: "met", False: "not met", None: "not coded"}[m])
        for c, m in con.execute("select criterion_id, met from criterion_codes where dataset_id = 'campaign-zero-2020'").fetchall()
    )
    assert got == expected and len(raw) == 100 and sum(got.values()) == 800
    assert expected[("requires-de-escalation", "met")] == sum(r["RequiresDeEscalation"] == "1" for r in raw)
    assert (
        con.execute("select count(*) from criterion_codes where dataset_id = 'campaign-zero-2020' and quote_id is not null").fetchone()[0]
        == 0
    )


def test_the_2020_waves_third_hand_provenance_is_stored_with_it(con):
    provenance, year, listed = con.execute(
        "select provenance, published_year, agency_list from datasets where dataset_id = 'campaign-zero-2020'"
    ).fetchone()
    assert provenance == (
        "Campaign Zero's codes as republished in a Kaggle dataset, copied by a student project (third-hand); not checked against Campaign Zero"
    )
    assert year == 2020 and listed == "the 100 largest cities"


def test_a_wave_of_the_same_coders_list_links_by_city_with_no_code_change(con):
    pairs = con.execute(
        "select count(*) from agency_links where evidence_kind = 'coder_list' and agency_id like 'campaign-zero-2016/%' "
        "and same_as like 'campaign-zero-2020/%' and established"
    ).fetchone()[0]
    assert pairs == 94  # every city of the 2016 file is in the 2020 file: one department each


def test_the_same_words_quoted_by_both_coders_join_oaklands_waves(con):
    """CZ 2016 and the Scorecard 2019 quote the same duty-to-intervene words for Oakland: one department, CA from the Scorecard's title."""
    row = con.execute(
        "select verdict, basis from agency_links where agency_id = 'campaign-zero-2016/oakland' "
        "and same_as = 'ca-police-scorecard-2019/oakland' and evidence_kind = 'quoted_by_both'"
    ).fetchone()
    assert row[0] == "established" and "(4 of the 7 quoted runs found in no other city's stored words)" in row[1]
    members = con.execute(
        "select list(org_id order by dataset_year) from department_members where department_id = 'oakland-ca'"
    ).fetchone()[0]
    assert members == ["campaign-zero-2016/oakland", "ca-police-scorecard-2019/oakland", "campaign-zero-2020/oakland"]
    state, basis = con.execute("select state, state_basis from departments where department_id = 'oakland-ca'").fetchone()
    assert state == "CA" and "its title" in basis
    # The words really are in both coders' cells.
    phrase = "members shall intervene and prevent or stop the use of unreasonable force by other members"
    holders = con.execute(
        "select distinct o from quotes, unnest(org_ids) as u(o) where o in ('campaign-zero-2016/oakland', 'ca-police-scorecard-2019/oakland') "
        "and regexp_replace(lower(text), '\\s+', ' ', 'g') like '%' || $p || '%'",
        {"p": phrase},
    ).fetchall()
    assert len(holders) == 2
    # Both quote words and none match: evidence against, never a join (Stockton, 0 of 1).
    assert con.execute(
        "select verdict from agency_links where agency_id = 'campaign-zero-2016/stockton' and same_as = 'ca-police-scorecard-2019/stockton'"
    ).fetchall() == [("against",)]
    assert con.execute("select count(distinct department_id) from department_members where org_id like '%/stockton'").fetchone()[0] == 2
    # Glendale stays two departments: the states on evidence differ, so shared words are never tried against them.
    assert not con.execute("select 1 from agency_links where evidence_kind = 'quoted_by_both' and agency_id like '%glendale'").fetchall()


def test_the_2020_waves_criteria_carry_2016s_names_and_questions(con):
    """Its README: the same 8 criteria. Names and questions are 2016's words; the raw column names stay in `code` only."""
    rows = con.execute(
        "select a.criterion_id, a.name, a.question, b.name, b.question from criteria a join criteria b using (criterion_id) "
        "where a.dataset_id = 'campaign-zero-2020' and b.dataset_id = 'campaign-zero-2016'"
    ).fetchall()
    assert len(rows) == 8 and all(r[1] == r[3] and r[2] == r[4] for r in rows)
    assert dict((r[0], r[1]) for r in rows)["restricts-shooting-at-moving-vehicles"] == "Restricts Shooting at Moving Vehicles"
    desc = yaml.safe_load((EXTERNAL / "campaign-zero-2020" / "dataset.yaml").read_text(encoding="utf-8"))
    with (EXTERNAL / "campaign-zero-2020" / "police_policies.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert {c["code"] for c in desc["criteria"]} <= set(header) and "RestrictsShootingatMovingVehicles" in header


# Before the boilerplate rule (release 2026.12.1 as first built): 94 coder_list, 36 quoted_words, 13 quoted_by_both
# established + 1 against (Stockton), 1 name_and_state (Sacramento), 3 text_state against (Glendale), 20 name_only.
LINK_COUNTS = {
    ("coder_list", "established"): 94,
    ("quoted_words", "established"): 36,  # every one rests on at least one run no other city's words hold
    ("quoted_by_both", "established"): 7,  # Anaheim, Bakersfield, Chula Vista: Lexipol's words only; SB, SF, SJ: half or fewer
    ("quoted_by_both", "not established"): 3,  # San Bernardino 1 of 2, San Francisco 1 of 2, San Jose 1 of 2
    ("quoted_by_both", "against"): 1,  # Stockton
    ("name_and_state", "established"): 1,  # Sacramento
    ("text_state", "against"): 3,  # Glendale
    ("name_only", "not established"): 29,
}


def test_link_counts_after_the_boilerplate_rule(con):
    got = {(k, v): n for k, v, n in con.execute("select evidence_kind, verdict, count(*) from agency_links group by all").fetchall()}
    assert got == LINK_COUNTS


def test_common_wording_is_found_elsewhere_and_never_link_evidence():
    """Hand-made: a Lexipol-like sentence in two cities' texts tells neither apart; a city's own sentence does."""
    stock = "Any officer present and observing another officer using force that is clearly beyond that which is reasonable"
    own = "It is the philosophy of the Glendale Police Department to use only the amount of force necessary"
    section = f"{stock}. An officer who observes shall report it to a supervisor."
    found = _Holders({p for r in (stock, own, section) for p in pieces(r)})
    found.scan("name:glendale", match_key(f"Policy. {own}. {stock}, intercede."))
    found.scan("name:fremont", match_key(f"{stock} under the circumstances"))
    found.scan("source:iacp.txt", match_key("Officers shall use only the force that is objectively reasonable."))
    assert found.elsewhere(own, "glendale") == []
    assert found.elsewhere(stock, "glendale") == ["name:fremont"]
    # a coder quoting the whole section: its first sentence is elsewhere, so the run is common wording too
    assert found.elsewhere(section, "glendale") == ["name:fremont"]
    assert "no stored source" in BOILERPLATE_RULE


def test_every_link_on_quoted_words_names_words_found_in_no_other_stored_text(con):
    """The words each established word-link names are in no other city's full text or coders' cells, and in no stored
    source (model documents, court opinions): checked here against the database, folded as the build folds."""
    import re

    bodies = con.execute("select t.city, b.body from policy_texts t join policy_text_bodies b using (text_id)").fetchall()
    cells = con.execute(
        "select coalesce(o.city, o.name), q.text from quotes q join organizations o on o.org_id = q.org_ids[1] where q.speaker_role = 'coder'"
    ).fetchall()
    sources = [t for (t,) in con.execute("select text from source_texts").fetchall()]
    from explorer.builder.links import name_key

    corpus = [(name_key(c), match_key(b)) for c, b in bodies + cells] + [(None, match_key(t)) for t in sources]
    rows = con.execute(
        "select agency_id, evidence_kind, basis from agency_links where established and evidence_kind in ('quoted_words', 'quoted_by_both')"
    ).fetchall()
    assert len(rows) == 43
    for agency, _kind, basis in rows:
        example = re.search(r"e\.g\. “(.*)”$", basis)
        assert example and "no other" in basis, (agency, basis)
        city = name_key(con.execute("select coalesce(city, name) from organizations where org_id = $a", {"a": agency}).fetchone()[0])
        words_ = f" {match_key(example.group(1))} "
        holders = {c for c, text in corpus if words_ in f" {text} "}
        assert holders == {city}, (agency, holders)


def test_lexipol_wording_quoted_by_two_coders_does_not_make_one_department(con):
    """Anaheim: both coders quote Lexipol's 'DUTY TO INTERCEDE' section, whose words other cities' cells hold too
    (checked here): no link on them; the Scorecard's Anaheim and Campaign Zero's are not established as one."""
    phrase = match_key("Any officer present and observing another officer using force that is clearly beyond that which is")
    cities = {
        c
        for c, t in con.execute(
            "select coalesce(o.city, o.name), q.text from quotes q join organizations o on o.org_id = q.org_ids[1] where q.speaker_role = 'coder'"
        ).fetchall()
        if phrase in match_key(t)
    }
    assert {"Anaheim", "Fremont"} <= cities and len(cities) >= 10
    link = con.execute(
        "select evidence_kind, verdict from agency_links where agency_id = 'ca-police-scorecard-2019/anaheim' and same_as = 'campaign-zero-2016/anaheim'"
    ).fetchall()
    assert link == [("name_only", "not established")]
    depts = con.execute("select count(distinct department_id) from department_members where org_id like '%/anaheim'").fetchone()[0]
    assert depts == 2
    quotes = con.execute("select count(*) from edition_check_quotes where found_elsewhere is not null").fetchone()[0]
    assert quotes > 0
